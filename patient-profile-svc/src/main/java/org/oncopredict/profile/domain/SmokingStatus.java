package org.oncopredict.profile.domain;

public enum SmokingStatus { NEVER, FORMER, CURRENT }
