package org.oncopredict.efficacy.features;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import org.oncopredict.efficacy.catalogue.Biomarker;
import org.oncopredict.efficacy.catalogue.BiomarkerInterpreter;
import org.oncopredict.efficacy.catalogue.BiomarkerStatus;
import org.oncopredict.efficacy.catalogue.Catalogue;
import org.oncopredict.efficacy.catalogue.CatalogueLoader;
import org.oncopredict.efficacy.catalogue.DrugClass;
import org.oncopredict.efficacy.catalogue.IsoDates;
import org.oncopredict.efficacy.catalogue.Regimen;
import org.oncopredict.proto.profile.v1.CancerConditionOrBuilder;
import org.oncopredict.proto.profile.v1.EcogAssessment;
import org.oncopredict.proto.profile.v1.GenomicsOrBuilder;
import org.oncopredict.proto.profile.v1.LabResult;
import org.oncopredict.proto.profile.v1.LabType;
import org.oncopredict.proto.profile.v1.MetastaticSite;
import org.oncopredict.proto.profile.v1.PatientProfileOrBuilder;
import org.oncopredict.proto.profile.v1.Sex;
import org.oncopredict.proto.profile.v1.SmokingStatus;
import org.oncopredict.proto.profile.v1.TherapyLine;
import org.oncopredict.proto.profile.v1.TherapyLineOrBuilder;
import org.tribuo.Example;
import org.tribuo.Output;
import org.tribuo.impl.ArrayExample;

/**
 * The one feature encoder of the efficacy models: a {@code PatientProfile} as of a date becomes a
 * {@link FeatureVector} of the {@link FeatureSchema}, and a vector becomes a Tribuo {@link Example}.
 * Training encodes each therapy line's profile as of the line's start date; prediction encodes the
 * current profile as of today. Same code, same names, same missing-value rules.
 *
 * <p>No look-ahead: nothing dated after {@code asOf} is read (see {@link FeatureSchema} for the exact
 * rules). Biomarkers come from {@link BiomarkerInterpreter}, which uses only a molecular report dated on
 * or before {@code asOf}; prior platinum and checkpoint-inhibitor exposure come from the regimen
 * catalogue's drug classes (a regimen id unknown to the catalogue contributes to {@code prior_lines}
 * only). Thread-safe and stateless apart from the immutable catalogue.
 */
public final class FeatureEncoder {

    private static final Set<DrugClass> PLATINUM = EnumSet.of(
            DrugClass.PLATINUM_CISPLATIN, DrugClass.PLATINUM_CARBOPLATIN, DrugClass.PLATINUM_OXALIPLATIN);
    private static final Set<DrugClass> CHECKPOINT_INHIBITORS = EnumSet.of(DrugClass.PD1_INHIBITOR);

    private final FeatureSchema schema = FeatureSchema.v1();
    private final Catalogue catalogue;

    /** An encoder using the service's default regimen catalogue. */
    public FeatureEncoder() {
        this(CatalogueLoader.loadDefault());
    }

    public FeatureEncoder(Catalogue catalogue) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    }

    public FeatureSchema schema() {
        return schema;
    }

    /** Encodes the profile as seen on {@code asOf}. */
    public FeatureVector encode(PatientProfileOrBuilder profile, LocalDate asOf) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(asOf, "asOf");
        Row row = new Row(asOf);
        CancerConditionOrBuilder cancer = profile.getCancer();
        Optional<LocalDate> diagnosis = IsoDates.date(cancer.getDiagnosisDate()).filter(d -> !d.isAfter(asOf));

        // Demographics.
        row.numeric("age_years", age(profile, diagnosis, asOf));
        row.binary("sex_female", profile.getSex() == Sex.SEX_FEMALE);

        // Performance status and labs: latest on or before asOf within the look-back window.
        row.numeric("ecog", latestEcog(profile, asOf));
        row.numeric("egfr_ml_min", latestLab(profile, LabType.LAB_TYPE_EGFR, asOf));
        row.numeric("bilirubin_mg_dl", latestLab(profile, LabType.LAB_TYPE_BILIRUBIN, asOf));
        row.numeric("alt_u_l", latestLab(profile, LabType.LAB_TYPE_ALT, asOf));
        row.numeric("anc_1e9_l", latestLab(profile, LabType.LAB_TYPE_ANC, asOf));
        row.numeric("hemoglobin_g_dl", latestLab(profile, LabType.LAB_TYPE_HEMOGLOBIN, asOf));

        // Lifestyle (undated: taken as recorded).
        var lifestyle = profile.getLifestyle();
        SmokingStatus smoking = lifestyle.getSmokingStatus();
        boolean smokingKnown = smoking == SmokingStatus.SMOKING_STATUS_NEVER
                || smoking == SmokingStatus.SMOKING_STATUS_FORMER || smoking == SmokingStatus.SMOKING_STATUS_CURRENT;
        row.binary("smoking_current", smokingKnown ? smoking == SmokingStatus.SMOKING_STATUS_CURRENT : null);
        row.binary("smoking_former", smokingKnown ? smoking == SmokingStatus.SMOKING_STATUS_FORMER : null);
        OptionalDouble packYears;
        if (lifestyle.hasPackYears()) {
            packYears = OptionalDouble.of(lifestyle.getPackYears());
        } else if (smoking == SmokingStatus.SMOKING_STATUS_NEVER) {
            packYears = OptionalDouble.of(0);
        } else {
            packYears = OptionalDouble.empty();
        }
        row.numeric("pack_years", packYears);
        row.numeric("bmi", lifestyle.hasBmi() ? OptionalDouble.of(lifestyle.getBmi()) : OptionalDouble.empty());

        // Disease (staging is undated in the profile: taken as recorded).
        String stage = cancer.getStageGroup().trim().toUpperCase();
        String m = cancer.getMCategory().trim().toUpperCase();
        row.binary("stage_iv", stage.startsWith("IV") || m.startsWith("M1"));
        Set<MetastaticSite> sites = EnumSet.noneOf(MetastaticSite.class);
        for (MetastaticSite site : cancer.getMetastaticSitesList()) {
            if (site != MetastaticSite.METASTATIC_SITE_UNSPECIFIED && site != MetastaticSite.UNRECOGNIZED) {
                sites.add(site);
            }
        }
        row.count("n_metastatic_sites", sites.size());
        row.binary("brain_mets", sites.contains(MetastaticSite.METASTATIC_SITE_BRAIN));
        row.binary("liver_mets", sites.contains(MetastaticSite.METASTATIC_SITE_LIVER));
        row.binary("squamous_histology", status(Biomarker.SQUAMOUS_HISTOLOGY, profile, asOf));
        row.numeric("months_since_diagnosis", diagnosis
                .map(d -> OptionalDouble.of(ChronoUnit.DAYS.between(d, asOf) / FeatureSchema.DAYS_PER_MONTH))
                .orElse(OptionalDouble.empty()));
        switch (cancer.getCancerType()) {
            case CANCER_TYPE_NSCLC -> row.oneHot("cancer_nsclc");
            case CANCER_TYPE_COLORECTAL -> row.oneHot("cancer_colorectal");
            case CANCER_TYPE_BREAST -> row.oneHot("cancer_breast");
            default -> row.oneHot("cancer_other");
        }

        // Biomarkers: only from a molecular report dated on or before asOf (BiomarkerInterpreter).
        GenomicsOrBuilder genomics = profile.getGenomics();
        boolean reported = IsoDates.date(genomics.getReportDate()).filter(d -> !d.isAfter(asOf)).isPresent();
        row.binary("molecular_report_missing", !reported);
        row.binary("bm_egfr_activating", status(Biomarker.EGFR_ACTIVATING, profile, asOf));
        row.binary("bm_alk_fusion", status(Biomarker.ALK_FUSION, profile, asOf));
        row.binary("bm_kras_g12c", status(Biomarker.KRAS_G12C, profile, asOf));
        row.binary("bm_braf_v600e", status(Biomarker.BRAF_V600E, profile, asOf));
        row.binary("bm_msi_h", status(Biomarker.MSI_H, profile, asOf));
        OptionalDouble tmb = reported && genomics.hasTmbMutPerMb()
                ? OptionalDouble.of(genomics.getTmbMutPerMb()) : OptionalDouble.empty();
        row.binary("bm_tmb_high", tmb.isPresent() ? (Boolean) (tmb.getAsDouble() >= FeatureSchema.TMB_HIGH_MUT_PER_MB) : null);
        Boolean pdl1At50 = status(Biomarker.PDL1_TPS_AT_LEAST_50, profile, asOf);
        Boolean pdl1At1 = status(Biomarker.PDL1_TPS_AT_LEAST_1, profile, asOf);
        row.binary("bm_pdl1_ge_50", pdl1At50);
        row.binary("bm_pdl1_1_49", pdl1At1 == null || pdl1At50 == null ? null : (Boolean) (pdl1At1 && !pdl1At50));
        row.binary("bm_her2_positive", status(Biomarker.HER2_POSITIVE, profile, asOf));
        row.binary("bm_hr_positive", status(Biomarker.HR_POSITIVE, profile, asOf));
        row.binary("bm_ras_wild_type", status(Biomarker.RAS_WILD_TYPE, profile, asOf));
        row.numeric("pdl1_tps", reported && genomics.hasPdl1TpsPercent()
                ? OptionalDouble.of(genomics.getPdl1TpsPercent()) : OptionalDouble.empty());
        row.numeric("tmb", tmb);

        // Treatment history: lines started strictly before asOf.
        List<TherapyLine> prior = profile.getHistory().getTherapyLinesList().stream()
                .filter(line -> IsoDates.date(line.getStartDate()).filter(start -> start.isBefore(asOf)).isPresent())
                .toList();
        row.count("prior_lines", prior.size());
        row.binary("prior_io", prior.stream().anyMatch(l -> containsAny(l.getRegimenId(), CHECKPOINT_INHIBITORS)));
        row.binary("prior_platinum", prior.stream().anyMatch(l -> containsAny(l.getRegimenId(), PLATINUM)));
        boolean grade3 = false;
        boolean irae3 = false;
        for (TherapyLine line : prior) {
            if (!outcomeKnown(line, profile, asOf) || !line.hasWorstToxicityGrade() || line.getWorstToxicityGrade() < 3) {
                continue;
            }
            grade3 = true;
            irae3 |= line.getImmuneRelatedToxicity();
        }
        row.binary("prior_grade3_toxicity", grade3);
        row.binary("prior_irae_grade3", irae3);
        return row.build();
    }

    /**
     * A Tribuo example with exactly the vector's feature names and values (zeros included) and the given
     * output. Use {@code Label} / {@code Regressor} outputs for training rows and an unknown output
     * (e.g. {@code LabelFactory.UNKNOWN_LABEL}) for prediction.
     */
    public <T extends Output<T>> Example<T> toExample(FeatureVector vector, T output) {
        Objects.requireNonNull(vector, "vector");
        Objects.requireNonNull(output, "output");
        return new ArrayExample<>(output, vector.names().toArray(new String[0]), vector.values());
    }

    /** Shorthand for {@code toExample(encode(profile, asOf), output)}. */
    public <T extends Output<T>> Example<T> toExample(PatientProfileOrBuilder profile, LocalDate asOf, T output) {
        return toExample(encode(profile, asOf), output);
    }

    // ---------------------------------------------------------------------------------------------

    private static OptionalDouble age(PatientProfileOrBuilder profile, Optional<LocalDate> diagnosis, LocalDate asOf) {
        if (profile.hasAgeAtDiagnosisYears() && diagnosis.isPresent()) {
            return OptionalDouble.of(profile.getAgeAtDiagnosisYears()
                    + ChronoUnit.DAYS.between(diagnosis.get(), asOf) / FeatureSchema.DAYS_PER_YEAR);
        }
        Optional<LocalDate> birth = IsoDates.date(profile.getIdentity().getBirthDate()).filter(b -> !b.isAfter(asOf));
        return birth.map(b -> OptionalDouble.of(ChronoUnit.DAYS.between(b, asOf) / FeatureSchema.DAYS_PER_YEAR))
                .orElse(OptionalDouble.empty());
    }

    private static OptionalDouble latestEcog(PatientProfileOrBuilder profile, LocalDate asOf) {
        LocalDate earliest = asOf.minusDays(FeatureSchema.ECOG_LOOKBACK_DAYS);
        LocalDate best = null;
        int score = 0;
        for (EcogAssessment ecog : profile.getHistory().getEcogList()) {
            Optional<LocalDate> d = IsoDates.date(ecog.getDate());
            // ">=" keeps the later entry of a same-day pair (entries are stored oldest first).
            if (d.isPresent() && inWindow(d.get(), earliest, asOf) && (best == null || !d.get().isBefore(best))) {
                best = d.get();
                score = ecog.getScore();
            }
        }
        return best == null ? OptionalDouble.empty() : OptionalDouble.of(score);
    }

    private static OptionalDouble latestLab(PatientProfileOrBuilder profile, LabType type, LocalDate asOf) {
        LocalDate earliest = asOf.minusDays(FeatureSchema.LAB_LOOKBACK_DAYS);
        LocalDate best = null;
        double value = 0;
        for (LabResult lab : profile.getHistory().getLabsList()) {
            if (lab.getType() != type || !Double.isFinite(lab.getValue())) {
                continue;
            }
            Optional<LocalDate> d = IsoDates.date(lab.getDate());
            if (d.isPresent() && inWindow(d.get(), earliest, asOf) && (best == null || !d.get().isBefore(best))) {
                best = d.get();
                value = lab.getValue();
            }
        }
        return best == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    private static boolean inWindow(LocalDate date, LocalDate earliest, LocalDate asOf) {
        return !date.isAfter(asOf) && !date.isBefore(earliest);
    }

    /** True / false for a positive / negative status; null when unknown. */
    private static Boolean status(Biomarker biomarker, PatientProfileOrBuilder profile, LocalDate asOf) {
        BiomarkerStatus status = BiomarkerInterpreter.interpret(biomarker, profile, asOf).status();
        return status == BiomarkerStatus.UNKNOWN ? null : (Boolean) (status == BiomarkerStatus.POSITIVE);
    }

    private boolean containsAny(String regimenId, Set<DrugClass> classes) {
        Optional<Regimen> regimen = catalogue.find(regimenId);
        return regimen.isPresent() && classes.stream().anyMatch(regimen.get()::contains);
    }

    /** A prior line's (undated) toxicity is known once the line ended by asOf, or it is ongoing and the record is current. */
    private static boolean outcomeKnown(TherapyLineOrBuilder line, PatientProfileOrBuilder profile, LocalDate asOf) {
        Optional<LocalDate> knownOn = line.getEndDate().isBlank()
                ? IsoDates.date(profile.getFollowUp().getLastContactDate())
                : IsoDates.date(line.getEndDate());
        return knownOn.filter(d -> !d.isAfter(asOf)).isPresent();
    }


    /** Collects the values of one vector and checks them against the schema. */
    private final class Row {
        private final LocalDate asOf;
        private final Map<String, Double> values = new LinkedHashMap<>();
        private final List<String> imputed = new ArrayList<>();

        Row(LocalDate asOf) {
            this.asOf = asOf;
        }

        void numeric(String name, OptionalDouble value) {
            FeatureSpec spec = schema.require(name);
            if (value.isPresent() && Double.isFinite(value.getAsDouble())) {
                put(name, value.getAsDouble());
                put(spec.missingIndicatorName(), 0);
            } else {
                put(name, spec.defaultValue());
                put(spec.missingIndicatorName(), 1);
                imputed.add(name);
            }
        }

        /** A 0/1 fact; null means unknown: 0 and imputed. */
        void binary(String name, Boolean value) {
            schema.require(name);
            if (value == null) {
                imputed.add(name);
            }
            put(name, value != null && value ? 1 : 0);
        }

        void count(String name, int value) {
            schema.require(name);
            put(name, value);
        }

        void oneHot(String name) {
            put(name, 1);
        }

        private void put(String name, double value) {
            if (values.put(name, value) != null) {
                throw new IllegalStateException("feature set twice: " + name);
            }
        }

        FeatureVector build() {
            List<String> names = schema.names();
            double[] out = new double[names.size()];
            for (int i = 0; i < out.length; i++) {
                FeatureSpec spec = schema.features().get(i);
                Double v = values.get(spec.name());
                if (v == null && spec.kind() != FeatureSpec.Kind.ONE_HOT) {
                    throw new IllegalStateException("feature not encoded: " + spec.name());
                }
                out[i] = v == null ? 0 : v;
            }
            if (!names.containsAll(values.keySet())) {
                throw new IllegalStateException("features outside the schema: " + values.keySet());
            }
            List<String> orderedImputed = names.stream().filter(imputed::contains).toList();
            return new FeatureVector(asOf, names, out, orderedImputed);
        }
    }
}
