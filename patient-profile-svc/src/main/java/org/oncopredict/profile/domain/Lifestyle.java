package org.oncopredict.profile.domain;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Lifestyle: smoking (pack-years = packs per day x years), alcohol in standard 10 g units per week,
 * BMI in kg/m², moderate-to-vigorous activity in minutes per week.
 */
public record Lifestyle(
        SmokingStatus smokingStatus,
        @DecimalMin("0") @DecimalMax("300") Double packYears,
        @DecimalMin("0") @DecimalMax("300") Double alcoholUnitsPerWeek,
        @DecimalMin("10") @DecimalMax("80") Double bmi,
        @Min(0) @Max(10080) Integer activityMinutesPerWeek) {

    public static Lifestyle empty() {
        return new Lifestyle(null, null, null, null, null);
    }
}
