package org.oncopredict.profile.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.LocalDate;
import java.util.List;

/**
 * A patient's oncology profile (DESIGN.md §4): the one model that REST serialises, gRPC maps and the
 * service validates. Immutable; a change produces a new profile that is validated whole before it is
 * written, so cross-section rules (dates after diagnosis, stage vs TNM) hold after every command.
 *
 * <p>Server-assigned fields ({@code patientId}, {@code version}, {@code ageBand}, {@code ageAtDiagnosisYears},
 * {@code deidentified}) are read-only in JSON: a client cannot set them.
 */
@ConsistentProfile
public record PatientProfile(
        @JsonProperty(access = JsonProperty.Access.READ_ONLY) String patientId,
        @JsonProperty(access = JsonProperty.Access.READ_ONLY) Long version,
        @Valid Identity identity,
        @NotNull Sex sex,
        @NotEmpty List<@NotNull @Pattern(regexp = Codes.CARE_TEAM, message = "must be a care-team id such as thoracic-a") String> careTeams,
        @JsonProperty(access = JsonProperty.Access.READ_ONLY) String ageBand,
        @JsonProperty(access = JsonProperty.Access.READ_ONLY) Integer ageAtDiagnosisYears,
        @Valid CancerCondition cancer,
        @Valid Genomics genomics,
        @Valid Lifestyle lifestyle,
        @Valid History history,
        @Valid FollowUp followUp,
        @JsonProperty(access = JsonProperty.Access.READ_ONLY) boolean deidentified) {

    public PatientProfile {
        careTeams = careTeams == null ? List.of() : List.copyOf(careTeams);
        genomics = genomics == null ? Genomics.empty() : genomics;
        lifestyle = lifestyle == null ? Lifestyle.empty() : lifestyle;
        history = history == null ? History.empty() : history;
        followUp = followUp == null ? FollowUp.empty() : followUp;
    }

    /**
     * This profile as stored: with its server-assigned id and version, and the ages derived from identity and
     * diagnosis — the age band as of {@code today} (or the death date), the top-coded age at diagnosis.
     */
    public PatientProfile assigned(String id, long newVersion, LocalDate today) {
        LocalDate birth = identity == null ? null : identity.birthDate();
        LocalDate ageAt = followUp.deathDate() != null ? followUp.deathDate() : today;
        return new PatientProfile(id, newVersion, identity, sex, careTeams, Ages.band(Ages.years(birth, ageAt)),
                Ages.topCoded(Ages.years(birth, cancer == null ? null : cancer.diagnosisDate())), cancer, genomics,
                lifestyle, history, followUp, false);
    }

    public PatientProfile withCancer(CancerCondition value) {
        return new PatientProfile(patientId, version, identity, sex, careTeams, ageBand, ageAtDiagnosisYears,
                value, genomics, lifestyle, history, followUp, deidentified);
    }

    public PatientProfile withGenomics(Genomics value) {
        return new PatientProfile(patientId, version, identity, sex, careTeams, ageBand, ageAtDiagnosisYears,
                cancer, value, lifestyle, history, followUp, deidentified);
    }

    public PatientProfile withLifestyle(Lifestyle value) {
        return new PatientProfile(patientId, version, identity, sex, careTeams, ageBand, ageAtDiagnosisYears,
                cancer, genomics, value, history, followUp, deidentified);
    }

    public PatientProfile withHistory(History value) {
        return new PatientProfile(patientId, version, identity, sex, careTeams, ageBand, ageAtDiagnosisYears,
                cancer, genomics, lifestyle, value, followUp, deidentified);
    }

    public PatientProfile withFollowUp(FollowUp value) {
        return new PatientProfile(patientId, version, identity, sex, careTeams, ageBand, ageAtDiagnosisYears,
                cancer, genomics, lifestyle, history, value, deidentified);
    }

    @Override
    public String toString() {
        return "PatientProfile[" + patientId + ", v" + version + "]"; // identity stays out of logs
    }
}
