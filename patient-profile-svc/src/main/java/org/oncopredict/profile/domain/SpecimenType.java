package org.oncopredict.profile.domain;

public enum SpecimenType { TISSUE, PLASMA }
