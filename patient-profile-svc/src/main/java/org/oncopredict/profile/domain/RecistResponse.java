package org.oncopredict.profile.domain;

/** Best overall response by RECIST 1.1. CR and PR count as objective response. */
public enum RecistResponse { CR, PR, SD, PD, NOT_EVALUABLE }
