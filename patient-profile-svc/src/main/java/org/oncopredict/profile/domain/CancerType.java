package org.oncopredict.profile.domain;

/** Broad cancer type, the key of regimen catalogues and cohort filters. */
public enum CancerType { NSCLC, COLORECTAL, BREAST, OTHER }
