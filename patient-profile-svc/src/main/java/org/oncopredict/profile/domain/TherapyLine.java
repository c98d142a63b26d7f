package org.oncopredict.profile.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/**
 * One line of systemic therapy and its outcome. A recorded treatment decision is a line with
 * {@code decidedBy} and {@code rationale} and no outcome yet.
 *
 * @param lineId               server-assigned, unique within the patient
 * @param worstToxicityGrade   worst CTCAE v5 grade during the line, 0..5
 */
public record TherapyLine(
        @JsonProperty(access = JsonProperty.Access.READ_ONLY) String lineId,
        @NotNull @Min(1) @Max(20) Integer lineNumber,
        @NotBlank @Pattern(regexp = Codes.REGIMEN_ID, message = "must be a catalogue regimen id such as osimertinib") String regimenId,
        @NotNull @PastOrPresent LocalDate startDate,
        @PastOrPresent LocalDate endDate,
        RecistResponse bestResponse,
        @PastOrPresent LocalDate progressionDate,
        @Min(0) @Max(5) Integer worstToxicityGrade,
        Boolean immuneRelatedToxicity,
        ReasonStopped reasonStopped,
        @Size(max = 64) String decidedBy,
        @Size(max = 4000) String rationale) {

    /** This line ended on {@code date} for {@code reason} (null: not recorded), progressed on {@code progressed}. */
    public TherapyLine endedOn(LocalDate date, ReasonStopped reason, LocalDate progressed) {
        return new TherapyLine(lineId, lineNumber, regimenId, startDate, date, bestResponse, progressed,
                worstToxicityGrade, immuneRelatedToxicity, reason, decidedBy, rationale);
    }

    public TherapyLine withLineId(String id) {
        return new TherapyLine(id, lineNumber, regimenId, startDate, endDate, bestResponse, progressionDate,
                worstToxicityGrade, immuneRelatedToxicity, reasonStopped, decidedBy, rationale);
    }
}
