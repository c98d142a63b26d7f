package org.oncopredict.gateway.mapping;

import java.util.List;
import java.util.Locale;

import org.oncopredict.gateway.rest.ApiException;
import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.CohortFilter;

/** Query parameters ({@code cancerType}, {@code biomarker}) as the services' {@link CohortFilter}. */
public final class CohortFilters {

    private CohortFilters() {
    }

    /** {@code cancerType}: NSCLC, COLORECTAL, BREAST, OTHER (any of); {@code biomarker}: expressions, all required. */
    public static CohortFilter of(List<String> cancerTypes, List<String> biomarkers) {
        CohortFilter.Builder filter = CohortFilter.newBuilder();
        for (String t : cancerTypes == null ? List.<String>of() : cancerTypes) {
            filter.addCancerTypes(cancerType(t, "cancerType"));
        }
        for (String b : biomarkers == null ? List.<String>of() : biomarkers) {
            if (b == null || b.isBlank() || b.length() > 64) {
                throw ApiException.badRequest("biomarker", "biomarker must be an expression such as EGFR, KRAS:p.G12C, "
                        + "MSI-H, TMB-H, PDL1-HIGH, HER2-POSITIVE or HR-POSITIVE");
            }
            filter.addBiomarkers(b.strip());
        }
        return filter.build();
    }

    public static CancerType cancerType(String name, String field) {
        String value = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
        if (!value.startsWith("CANCER_TYPE_")) {
            value = "CANCER_TYPE_" + value;
        }
        try {
            CancerType type = CancerType.valueOf(value);
            if (type != CancerType.CANCER_TYPE_UNSPECIFIED) {
                return type;
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw ApiException.badRequest(field, field + " must be one of NSCLC, COLORECTAL, BREAST, OTHER");
    }
}
