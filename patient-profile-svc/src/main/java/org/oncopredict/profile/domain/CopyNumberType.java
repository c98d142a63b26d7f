package org.oncopredict.profile.domain;

public enum CopyNumberType { AMPLIFICATION, GAIN, LOSS, DELETION }
