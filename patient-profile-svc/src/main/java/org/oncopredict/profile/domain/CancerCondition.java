package org.oncopredict.profile.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;

import java.time.LocalDate;
import java.util.List;

/** Primary cancer condition with AJCC 8 TNM staging (mCODE PrimaryCancerCondition). */
public record CancerCondition(
        @NotNull CancerType cancerType,
        @Pattern(regexp = Codes.ICDO3_TOPOGRAPHY, message = "must be an ICD-O-3 topography code such as C34.1") String primarySiteCode,
        @Pattern(regexp = Codes.ICDO3_MORPHOLOGY, message = "must be an ICD-O-3 morphology code such as 8140/3") String histologyCode,
        @PastOrPresent LocalDate diagnosisDate,
        @Pattern(regexp = Codes.T_CATEGORY, message = "must be an AJCC 8 T category such as T2a") String tCategory,
        @Pattern(regexp = Codes.N_CATEGORY, message = "must be an AJCC 8 N category such as N1") String nCategory,
        @Pattern(regexp = Codes.M_CATEGORY, message = "must be an AJCC 8 M category such as M1b") String mCategory,
        @Pattern(regexp = Codes.STAGE_GROUP, message = "must be an AJCC 8 stage group such as IIIA or IVB") String stageGroup,
        List<@NotNull MetastaticSite> metastaticSites) {

    public CancerCondition {
        metastaticSites = metastaticSites == null ? List.of() : List.copyOf(metastaticSites);
    }

    /** True for distant metastasis (M1, M1a..M1d). */
    @JsonIgnore
    public boolean isMetastatic() {
        return mCategory != null && mCategory.startsWith("M1");
    }
}
