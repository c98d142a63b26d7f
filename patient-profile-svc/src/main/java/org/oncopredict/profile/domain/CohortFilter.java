package org.oncopredict.profile.domain;

import java.util.List;

/**
 * Which patients a list or cohort stream selects: every non-empty criterion must hold; any of the
 * cancer types, care teams and patient ids match; every biomarker is required; the free-text query matches a
 * pseudonymous id or MRN exactly (case-insensitive) or, word by word, the given or family name.
 */
public record CohortFilter(List<CancerType> cancerTypes, List<Biomarker> biomarkers, List<String> careTeams,
                           List<String> patientIds, String query) {

    /** A care team no patient has: an empty intersection of care teams must match nobody, not everybody. */
    static final String NO_CARE_TEAM = "(none)";

    /** Longest free-text query accepted. */
    public static final int MAX_QUERY_LENGTH = 100;

    public CohortFilter {
        cancerTypes = cancerTypes == null ? List.of() : List.copyOf(cancerTypes);
        biomarkers = biomarkers == null ? List.of() : List.copyOf(biomarkers);
        careTeams = careTeams == null ? List.of() : List.copyOf(careTeams);
        patientIds = patientIds == null ? List.of() : List.copyOf(patientIds);
        query = query == null ? "" : query.strip();
    }

    public CohortFilter(List<CancerType> cancerTypes, List<Biomarker> biomarkers, List<String> careTeams) {
        this(cancerTypes, biomarkers, careTeams, null, null);
    }

    public static CohortFilter all() {
        return new CohortFilter(null, null, null);
    }

    /** This filter narrowed to patients of {@code teams} (intersected with any care teams it already names). */
    public CohortFilter withinCareTeams(java.util.Collection<String> teams) {
        List<String> narrowed = careTeams.isEmpty() ? List.copyOf(teams)
                : careTeams.stream().filter(teams::contains).toList();
        return new CohortFilter(cancerTypes, biomarkers, narrowed.isEmpty() ? List.of(NO_CARE_TEAM) : narrowed,
                patientIds, query);
    }

    public CohortFilter withQuery(String value) {
        return new CohortFilter(cancerTypes, biomarkers, careTeams, patientIds, value);
    }
}
