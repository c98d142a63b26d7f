package org.oncopredict.profile.domain;

/** Microsatellite instability: MSI-high, stable, or MSI-low. */
public enum MsiStatus { MSI_H, MSS, MSI_L }
