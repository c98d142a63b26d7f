package org.oncopredict.profile.domain;

import java.time.LocalDate;
import java.time.Period;

/** Age arithmetic shared by every view of a profile; ages are top-coded at 90 (HIPAA Safe Harbor). */
public final class Ages {
    public static final int TOP_CODE = 90;

    private Ages() {
    }

    /** Whole years between the dates, or null when either is unknown. */
    public static Integer years(LocalDate birth, LocalDate at) {
        if (birth == null || at == null) {
            return null;
        }
        return Period.between(birth, at).getYears();
    }

    public static Integer topCoded(Integer years) {
        return years == null ? null : Math.min(years, TOP_CODE);
    }

    /** Five-year band such as "60-64"; "90+" from 90 on; null when unknown. */
    public static String band(Integer years) {
        if (years == null) {
            return null;
        }
        if (years >= TOP_CODE) {
            return TOP_CODE + "+";
        }
        int low = Math.max(0, years) / 5 * 5;
        return low + "-" + (low + 4);
    }
}
