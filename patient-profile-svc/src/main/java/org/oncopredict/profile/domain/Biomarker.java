package org.oncopredict.profile.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A biomarker a cohort filter can require. Parsed from the expressions documented on the proto
 * {@code CohortFilter.biomarkers}:
 * <ul>
 *   <li>{@code EGFR} — a pathogenic/likely pathogenic (or unclassified) variant, a fusion or an amplification in the gene;</li>
 *   <li>{@code KRAS:p.G12C} — that protein change;</li>
 *   <li>{@code MSI-H}; {@code TMB-H} (TMB ≥ 10 mut/Mb); {@code PDL1-HIGH} (TPS ≥ 50 %);
 *       {@code HER2-POSITIVE} (IHC 3+, or IHC 2+ with positive ISH); {@code HR-POSITIVE} (ER or PR ≥ 1 %).</li>
 * </ul>
 */
public sealed interface Biomarker {

    double TMB_HIGH_CUTOFF = 10.0;
    double PDL1_HIGH_CUTOFF = 50.0;
    double HORMONE_RECEPTOR_CUTOFF = 1.0;

    record Gene(String symbol) implements Biomarker {
    }

    record ProteinChange(String gene, String hgvsP) implements Biomarker {
    }

    enum Status implements Biomarker { MSI_H, TMB_H, PDL1_HIGH, HER2_POSITIVE, HR_POSITIVE }

    Pattern GENE = Pattern.compile(Codes.GENE);
    Pattern PROTEIN = Pattern.compile(Codes.HGVS_P);

    /**
     * @throws IllegalArgumentException with a message naming the accepted forms
     */
    static Biomarker parse(String expression) {
        String e = expression == null ? "" : expression.trim();
        switch (e.toUpperCase(Locale.ROOT)) {
            case "MSI-H":
                return Status.MSI_H;
            case "TMB-H":
                return Status.TMB_H;
            case "PDL1-HIGH":
                return Status.PDL1_HIGH;
            case "HER2-POSITIVE":
                return Status.HER2_POSITIVE;
            case "HR-POSITIVE":
                return Status.HR_POSITIVE;
            default:
                break;
        }
        int colon = e.indexOf(':');
        if (colon > 0 && GENE.matcher(e.substring(0, colon)).matches()
                && PROTEIN.matcher(e.substring(colon + 1)).matches()) {
            return new ProteinChange(e.substring(0, colon), e.substring(colon + 1));
        }
        if (colon < 0 && GENE.matcher(e).matches()) {
            return new Gene(e);
        }
        throw new IllegalArgumentException("'" + e + "' is not a biomarker expression: use a gene symbol (EGFR), "
                + "GENE:p.CHANGE (KRAS:p.G12C), MSI-H, TMB-H, PDL1-HIGH, HER2-POSITIVE or HR-POSITIVE");
    }
}
