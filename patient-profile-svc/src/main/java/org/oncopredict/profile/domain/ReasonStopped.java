package org.oncopredict.profile.domain;

public enum ReasonStopped { ONGOING, COMPLETED, PROGRESSION, TOXICITY, PATIENT_CHOICE, DEATH, OTHER }
