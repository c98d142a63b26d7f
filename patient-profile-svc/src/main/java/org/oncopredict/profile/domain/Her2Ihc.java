package org.oncopredict.profile.domain;

/** HER2 immunohistochemistry score (ASCO/CAP). */
public enum Her2Ihc { IHC_0, IHC_1_PLUS, IHC_2_PLUS, IHC_3_PLUS }
