package org.oncopredict.profile.domain;

/** Administrative sex (FHIR AdministrativeGender). */
public enum Sex { FEMALE, MALE, OTHER, UNKNOWN }
