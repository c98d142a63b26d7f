package org.oncopredict.profile.domain;

/** In-situ hybridisation result (HER2 amplification). */
public enum IshResult { POSITIVE, NEGATIVE, EQUIVOCAL }
