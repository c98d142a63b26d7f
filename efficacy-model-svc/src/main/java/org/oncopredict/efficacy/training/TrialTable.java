package org.oncopredict.efficacy.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An imported, validated trial table: one {@link TrialSubject} per data row, times in months, covariates
 * encoded (numeric as is, categorical dummy-coded against the reference level). Immutable; built by
 * {@link TrialImporter}.
 */
public final class TrialTable {

    private final String source;
    private final String sha256;
    private final ColumnMapping mapping;
    private final List<String> covariateNames;
    private final Map<String, List<String>> categoricalLevels;
    private final List<TrialSubject> subjects;

    TrialTable(String source, String sha256, ColumnMapping mapping, List<String> covariateNames,
               Map<String, List<String>> categoricalLevels, List<TrialSubject> subjects) {
        this.source = source;
        this.sha256 = sha256;
        this.mapping = mapping;
        this.covariateNames = List.copyOf(covariateNames);
        this.categoricalLevels = Map.copyOf(categoricalLevels);
        this.subjects = List.copyOf(subjects);
    }

    /** Name of the source (file or upload name). */
    public String source() {
        return source;
    }

    /** SHA-256 of the source bytes, hex: identifies the training cohort in model provenance. */
    public String sha256() {
        return sha256;
    }

    public ColumnMapping mapping() {
        return mapping;
    }

    /**
     * Encoded covariate names: a numeric covariate's column name; for a categorical one
     * {@code column=level} for each non-reference level.
     */
    public List<String> covariateNames() {
        return covariateNames;
    }

    /** For each categorical column its levels in natural order, the reference level first. */
    public Map<String, List<String>> categoricalLevels() {
        return categoricalLevels;
    }

    public List<TrialSubject> subjects() {
        return subjects;
    }

    public int size() {
        return subjects.size();
    }

    public int eventCount() {
        return (int) subjects.stream().filter(TrialSubject::event).count();
    }

    public int treatedCount() {
        return (int) subjects.stream().filter(TrialSubject::treated).count();
    }

    /** Name of the treatment term in {@link #survivalData()}: the treatment column's name. */
    public String treatmentTerm() {
        return mapping.treatment().column();
    }

    /**
     * The table as survival data: features are the treatment indicator (named {@link #treatmentTerm()},
     * 1 = treated) followed by the encoded covariates.
     */
    public SurvivalData survivalData() {
        List<String> names = new ArrayList<>(covariateNames.size() + 1);
        names.add(treatmentTerm());
        names.addAll(covariateNames);
        int n = subjects.size();
        double[] times = new double[n];
        boolean[] events = new boolean[n];
        double[][] features = new double[n][];
        for (int i = 0; i < n; i++) {
            TrialSubject subject = subjects.get(i);
            times[i] = subject.timeMonths();
            events[i] = subject.event();
            double[] x = new double[names.size()];
            x[0] = subject.treated() ? 1 : 0;
            for (int j = 0; j < covariateNames.size(); j++) {
                x[j + 1] = subject.covariates().get(j);
            }
            features[i] = x;
        }
        return SurvivalData.of("trial table " + source + " (sha256 " + sha256 + ")", names, times, events, features);
    }
}
