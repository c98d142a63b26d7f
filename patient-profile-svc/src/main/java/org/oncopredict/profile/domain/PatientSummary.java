package org.oncopredict.profile.domain;

import java.util.List;

/** The fields of a profile shown in a patient list. {@code identity} is null when de-identified. */
public record PatientSummary(String patientId, long version, Identity identity, Sex sex, String ageBand,
                             CancerType cancerType, String stageGroup, List<String> careTeams) {
}
