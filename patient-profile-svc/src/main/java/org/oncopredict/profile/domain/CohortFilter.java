package org.oncopredict.profile.domain;

import java.util.List;

/**
 * Which patients a list or cohort stream selects: every non-empty criterion must hold; any of the
 * cancer types and any of the care teams match; every biomarker is required.
 */
public record CohortFilter(List<CancerType> cancerTypes, List<Biomarker> biomarkers, List<String> careTeams) {

    public CohortFilter {
        cancerTypes = cancerTypes == null ? List.of() : List.copyOf(cancerTypes);
        biomarkers = biomarkers == null ? List.of() : List.copyOf(biomarkers);
        careTeams = careTeams == null ? List.of() : List.copyOf(careTeams);
    }

    public static CohortFilter all() {
        return new CohortFilter(null, null, null);
    }
}
