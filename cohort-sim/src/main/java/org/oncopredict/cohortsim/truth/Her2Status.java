package org.oncopredict.cohortsim.truth;

/**
 * HER2 status from IHC and ISH (ASCO/CAP 2018): POSITIVE is IHC 3+ or IHC 2+ with positive ISH;
 * LOW is IHC 1+ or IHC 2+ without positive ISH (the DESTINY-Breast04 population); ZERO is IHC 0.
 */
public enum Her2Status {
    NOT_TESTED,
    ZERO,
    LOW,
    POSITIVE
}
