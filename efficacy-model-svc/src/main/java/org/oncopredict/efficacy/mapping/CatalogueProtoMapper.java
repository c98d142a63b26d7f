package org.oncopredict.efficacy.mapping;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.oncopredict.efficacy.catalogue.Biomarker;
import org.oncopredict.efficacy.catalogue.Catalogue;
import org.oncopredict.efficacy.catalogue.Drug;
import org.oncopredict.efficacy.catalogue.Eligibility;
import org.oncopredict.efficacy.catalogue.EligibilityReason;
import org.oncopredict.efficacy.catalogue.EligibilityStatus;
import org.oncopredict.efficacy.catalogue.Indication;
import org.oncopredict.efficacy.catalogue.LineRange;
import org.oncopredict.efficacy.catalogue.ReasonCode;
import org.oncopredict.efficacy.catalogue.Regimen;
import org.oncopredict.efficacy.catalogue.Severity;
import org.oncopredict.proto.efficacy.v1.ReasonSeverity;

/**
 * Catalogue domain → {@code oncology.efficacy.v1} messages (regimens and eligibility). Pure and
 * stateless. Domain and proto types share simple names, so the proto ones are written out in full.
 *
 * <p>Every enum mapping is an exhaustive switch without a default: a constant added to a domain enum
 * stops the build here instead of reaching clients as {@code *_UNSPECIFIED}.
 */
public final class CatalogueProtoMapper {

    private CatalogueProtoMapper() {
    }

    /** Every regimen of the catalogue, in catalogue order, stamped with the catalogue's version. */
    public static List<org.oncopredict.proto.efficacy.v1.Regimen> toProto(Catalogue catalogue) {
        Objects.requireNonNull(catalogue, "catalogue");
        return catalogue.regimens().stream().map(r -> toProto(r, catalogue.version())).toList();
    }

    /**
     * @param catalogueVersion version of the catalogue the regimen comes from, e.g. "1.0.0" (the
     *                         domain regimen does not carry it)
     */
    public static org.oncopredict.proto.efficacy.v1.Regimen toProto(Regimen regimen, String catalogueVersion) {
        Objects.requireNonNull(regimen, "regimen");
        Objects.requireNonNull(catalogueVersion, "catalogueVersion");
        var b = org.oncopredict.proto.efficacy.v1.Regimen.newBuilder()
                .setId(regimen.id())
                .setName(regimen.name())
                .setSupportiveCareOnly(regimen.supportiveCareOnly())
                .setCatalogueVersion(catalogueVersion);
        regimen.drugs().forEach(d -> b.addDrugs(toProto(d)));
        regimen.indications().forEach(i -> b.addIndications(toProto(i)));
        // cancerTypes() is an EnumSet view: enum (= proto number) order, as the contract requires.
        b.addAllCancerTypes(regimen.cancerTypes());
        return b.build();
    }

    public static org.oncopredict.proto.efficacy.v1.Drug toProto(Drug drug) {
        return org.oncopredict.proto.efficacy.v1.Drug.newBuilder()
                .setName(drug.name())
                .setDrugClass(drug.drugClass().name())
                .setCytotoxic(drug.drugClass().isCytotoxic())
                .build();
    }

    public static org.oncopredict.proto.efficacy.v1.Indication toProto(Indication indication) {
        var b = org.oncopredict.proto.efficacy.v1.Indication.newBuilder()
                .setCancerType(indication.cancerType())
                .setFirstLine(indication.lines().from())
                .setEvidenceLevel(indication.evidenceLevel().code())
                .setEvidenceSource(indication.source())
                .setSummary(indication.summary());
        // An open range ("from line 2 onwards") leaves last_line absent rather than sending MAX_VALUE.
        if (indication.lines().to() != LineRange.OPEN) {
            b.setLastLine(indication.lines().to());
        }
        indication.requires().forEach(m -> b.addRequiredBiomarkers(toProto(m)));
        indication.excludes().forEach(m -> b.addExcludedBiomarkers(toProto(m)));
        return b.build();
    }

    /** The evaluator's result; reasons keep the evaluator's order (most severe first). */
    public static org.oncopredict.proto.efficacy.v1.Eligibility toProto(Eligibility eligibility) {
        var b = org.oncopredict.proto.efficacy.v1.Eligibility.newBuilder()
                .setStatus(toProto(eligibility.status()))
                .setLineOfTherapy(eligibility.lineOfTherapy())
                .setIndicationSummary(eligibility.indication().map(Indication::summary).orElse(""));
        eligibility.reasons().forEach(r -> b.addReasons(toProto(r)));
        return b.build();
    }

    public static org.oncopredict.proto.efficacy.v1.EligibilityReason toProto(EligibilityReason reason) {
        return org.oncopredict.proto.efficacy.v1.EligibilityReason.newBuilder()
                .setCode(toProto(reason.code()))
                .setSeverity(toProto(reason.severity()))
                .setMessage(reason.text())
                .setPatientValue(reason.patientValue())
                .addAllRuleIds(ruleIds(reason.ruleId()))
                .build();
    }

    /**
     * The domain keeps several rule ids comma-separated in one string (a missing datum shared by several
     * rules); the contract has a list.
     */
    static List<String> ruleIds(String ruleId) {
        if (ruleId == null || ruleId.isBlank()) {
            return List.of();
        }
        return Arrays.stream(ruleId.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public static org.oncopredict.proto.efficacy.v1.EligibilityStatus toProto(EligibilityStatus status) {
        return switch (status) {
            case ELIGIBLE -> org.oncopredict.proto.efficacy.v1.EligibilityStatus.ELIGIBILITY_STATUS_ELIGIBLE;
            case ELIGIBLE_WITH_CAUTIONS ->
                    org.oncopredict.proto.efficacy.v1.EligibilityStatus.ELIGIBILITY_STATUS_ELIGIBLE_WITH_CAUTIONS;
            case NOT_INDICATED -> org.oncopredict.proto.efficacy.v1.EligibilityStatus.ELIGIBILITY_STATUS_NOT_INDICATED;
            case CONTRAINDICATED -> org.oncopredict.proto.efficacy.v1.EligibilityStatus.ELIGIBILITY_STATUS_CONTRAINDICATED;
        };
    }

    public static ReasonSeverity toProto(Severity severity) {
        return switch (severity) {
            case INFO -> ReasonSeverity.REASON_SEVERITY_INFO;
            case CAUTION -> ReasonSeverity.REASON_SEVERITY_CAUTION;
            case NOT_INDICATED -> ReasonSeverity.REASON_SEVERITY_NOT_INDICATED;
            case CONTRAINDICATED -> ReasonSeverity.REASON_SEVERITY_CONTRAINDICATED;
        };
    }

    public static org.oncopredict.proto.efficacy.v1.ReasonCode toProto(ReasonCode code) {
        return switch (code) {
            case INDICATION_MET -> org.oncopredict.proto.efficacy.v1.ReasonCode.REASON_CODE_INDICATION_MET;
            case CANCER_TYPE_NOT_INDICATED ->
                    org.oncopredict.proto.efficacy.v1.ReasonCode.REASON_CODE_CANCER_TYPE_NOT_INDICATED;
            case LINE_NOT_INDICATED -> org.oncopredict.proto.efficacy.v1.ReasonCode.REASON_CODE_LINE_NOT_INDICATED;
            case REQUIRED_BIOMARKER_ABSENT ->
                    org.oncopredict.proto.efficacy.v1.ReasonCode.REASON_CODE_REQUIRED_BIOMARKER_ABSENT;
            case REQUIRED_BIOMARKER_UNKNOWN ->
                    org.oncopredict.proto.efficacy.v1.ReasonCode.REASON_CODE_REQUIRED_BIOMARKER_UNKNOWN;
            case EXCLUDING_BIOMARKER_PRESENT ->
                    org.oncopredict.proto.efficacy.v1.ReasonCode.REASON_CODE_EXCLUDING_BIOMARKER_PRESENT;
            case EXCLUDING_BIOMARKER_UNKNOWN ->
                    org.oncopredict.proto.efficacy.v1.ReasonCode.REASON_CODE_EXCLUDING_BIOMARKER_UNKNOWN;
            case RULE_TRIGGERED -> org.oncopredict.proto.efficacy.v1.ReasonCode.REASON_CODE_RULE_TRIGGERED;
            case DATA_MISSING -> org.oncopredict.proto.efficacy.v1.ReasonCode.REASON_CODE_DATA_MISSING;
        };
    }

    /** The catalogue name of a biomarker as the contract lists it, e.g. "EGFR_ACTIVATING". */
    public static String toProto(Biomarker biomarker) {
        return biomarker.name();
    }
}
