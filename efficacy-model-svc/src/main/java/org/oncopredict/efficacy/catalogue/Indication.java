package org.oncopredict.efficacy.catalogue;

import java.util.List;
import java.util.Objects;

import org.oncopredict.proto.profile.v1.CancerType;

/**
 * One setting in which a regimen is indicated: cancer type, lines of therapy and biomarkers, with
 * the evidence behind it. A patient meets the indication when the line is in range, every required
 * biomarker is positive and no excluded biomarker is positive.
 *
 * @param cancerType    NSCLC, colorectal or breast
 * @param lines         lines of therapy covered
 * @param requires      biomarkers that must all be positive (empty: no biomarker selection)
 * @param excludes      biomarkers that rule the indication out when positive (e.g. EGFR/ALK drivers
 *                      for first-line immunotherapy); when unknown they raise a caution
 * @param evidenceLevel ESCAT-like tier
 * @param source        the trial or guideline with year, e.g. "FLAURA (Soria et al., NEJM 2018)"
 * @param summary       one line for clinicians, e.g. "first-line advanced NSCLC with EGFR exon 19 deletion or L858R"
 */
public record Indication(
        CancerType cancerType,
        LineRange lines,
        List<Biomarker> requires,
        List<Biomarker> excludes,
        EvidenceLevel evidenceLevel,
        String source,
        String summary) {

    public Indication {
        Objects.requireNonNull(cancerType, "cancerType");
        Objects.requireNonNull(lines, "lines");
        requires = List.copyOf(requires);
        excludes = List.copyOf(excludes);
        Objects.requireNonNull(evidenceLevel, "evidenceLevel");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(summary, "summary");
    }
}
