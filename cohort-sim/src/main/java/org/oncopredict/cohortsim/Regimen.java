package org.oncopredict.cohortsim;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.oncopredict.proto.profile.v1.CancerType;

import static org.oncopredict.cohortsim.Drug.*;
import static org.oncopredict.proto.profile.v1.CancerType.CANCER_TYPE_BREAST;
import static org.oncopredict.proto.profile.v1.CancerType.CANCER_TYPE_COLORECTAL;
import static org.oncopredict.proto.profile.v1.CancerType.CANCER_TYPE_NSCLC;

/**
 * The regimens the simulator assigns, with the ids that the regimen catalogue of
 * efficacy-model-svc reuses verbatim ({@link #id()} is what {@code TherapyLine.regimen_id} holds).
 *
 * <p>A regimen may serve several cancer types ({@link #PEMBROLIZUMAB}, {@link #BEST_SUPPORTIVE_CARE});
 * its effect is then defined per cancer type by {@link org.oncopredict.cohortsim.truth.GroundTruthModel}.
 * {@link #maxDurationMonths()} is the planned treatment duration after which a line without
 * progression stops as COMPLETED; regimens given until progression have {@code +Infinity}.
 */
public enum Regimen {
    // NSCLC
    CARBOPLATIN_PEMETREXED("carboplatin-pemetrexed", "Carboplatin + pemetrexed",
            types(CANCER_TYPE_NSCLC), drugs(CARBOPLATIN, PEMETREXED)),
    CISPLATIN_PEMETREXED("cisplatin-pemetrexed", "Cisplatin + pemetrexed",
            types(CANCER_TYPE_NSCLC), drugs(CISPLATIN, PEMETREXED)),
    PEMBROLIZUMAB("pembrolizumab", "Pembrolizumab",
            types(CANCER_TYPE_NSCLC, CANCER_TYPE_COLORECTAL), drugs(Drug.PEMBROLIZUMAB), 24.0),
    PEMBROLIZUMAB_CARBOPLATIN_PEMETREXED("pembrolizumab-carboplatin-pemetrexed",
            "Pembrolizumab + carboplatin + pemetrexed",
            types(CANCER_TYPE_NSCLC), drugs(Drug.PEMBROLIZUMAB, CARBOPLATIN, PEMETREXED), 24.0),
    OSIMERTINIB("osimertinib", "Osimertinib", types(CANCER_TYPE_NSCLC), drugs(Drug.OSIMERTINIB)),
    GEFITINIB("gefitinib", "Gefitinib", types(CANCER_TYPE_NSCLC), drugs(Drug.GEFITINIB)),
    ALECTINIB("alectinib", "Alectinib", types(CANCER_TYPE_NSCLC), drugs(Drug.ALECTINIB)),
    CRIZOTINIB("crizotinib", "Crizotinib", types(CANCER_TYPE_NSCLC), drugs(Drug.CRIZOTINIB)),
    SOTORASIB("sotorasib", "Sotorasib", types(CANCER_TYPE_NSCLC), drugs(Drug.SOTORASIB)),
    DOCETAXEL("docetaxel", "Docetaxel", types(CANCER_TYPE_NSCLC), drugs(Drug.DOCETAXEL)),
    // Colorectal (plus PEMBROLIZUMAB above)
    FOLFOX("folfox", "FOLFOX (5-FU + leucovorin + oxaliplatin)",
            types(CANCER_TYPE_COLORECTAL), drugs(FLUOROURACIL, OXALIPLATIN), 6.0),
    FOLFIRI("folfiri", "FOLFIRI (5-FU + leucovorin + irinotecan)",
            types(CANCER_TYPE_COLORECTAL), drugs(FLUOROURACIL, IRINOTECAN)),
    FOLFOX_BEVACIZUMAB("folfox-bevacizumab", "FOLFOX + bevacizumab",
            types(CANCER_TYPE_COLORECTAL), drugs(FLUOROURACIL, OXALIPLATIN, BEVACIZUMAB), 6.0),
    FOLFIRI_CETUXIMAB("folfiri-cetuximab", "FOLFIRI + cetuximab",
            types(CANCER_TYPE_COLORECTAL), drugs(FLUOROURACIL, IRINOTECAN, CETUXIMAB)),
    ENCORAFENIB_CETUXIMAB("encorafenib-cetuximab", "Encorafenib + cetuximab",
            types(CANCER_TYPE_COLORECTAL), drugs(ENCORAFENIB, CETUXIMAB)),
    // Breast
    PACLITAXEL("paclitaxel", "Paclitaxel (weekly)", types(CANCER_TYPE_BREAST), drugs(Drug.PACLITAXEL)),
    PERTUZUMAB_TRASTUZUMAB_DOCETAXEL("pertuzumab-trastuzumab-docetaxel",
            "Pertuzumab + trastuzumab + docetaxel",
            types(CANCER_TYPE_BREAST), drugs(PERTUZUMAB, TRASTUZUMAB, Drug.DOCETAXEL)),
    TRASTUZUMAB_DERUXTECAN("trastuzumab-deruxtecan", "Trastuzumab deruxtecan",
            types(CANCER_TYPE_BREAST), drugs(Drug.TRASTUZUMAB_DERUXTECAN)),
    TRASTUZUMAB_EMTANSINE("trastuzumab-emtansine", "Trastuzumab emtansine (T-DM1)",
            types(CANCER_TYPE_BREAST), drugs(Drug.TRASTUZUMAB_EMTANSINE)),
    PALBOCICLIB_LETROZOLE("palbociclib-letrozole", "Palbociclib + letrozole",
            types(CANCER_TYPE_BREAST), drugs(PALBOCICLIB, Drug.LETROZOLE)),
    LETROZOLE("letrozole", "Letrozole", types(CANCER_TYPE_BREAST), drugs(Drug.LETROZOLE)),
    CAPECITABINE("capecitabine", "Capecitabine", types(CANCER_TYPE_BREAST), drugs(Drug.CAPECITABINE)),
    // All cancer types
    BEST_SUPPORTIVE_CARE("best-supportive-care", "Best supportive care",
            types(CANCER_TYPE_NSCLC, CANCER_TYPE_COLORECTAL, CANCER_TYPE_BREAST), EnumSet.noneOf(Drug.class));

    private static final Map<String, Regimen> BY_ID = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Regimen::id, Function.identity()));
    private static final Map<CancerType, List<Regimen>> BY_CANCER_TYPE = byCancerType();

    private final String id;
    private final String displayName;
    private final Set<CancerType> cancerTypes;
    private final Set<Drug> drugs;
    private final Set<Drug.DrugClass> drugClasses;
    private final boolean cytotoxic;
    private final double maxDurationMonths;

    Regimen(String id, String displayName, Set<CancerType> cancerTypes, Set<Drug> drugs) {
        this(id, displayName, cancerTypes, drugs, Double.POSITIVE_INFINITY);
    }

    Regimen(String id, String displayName, Set<CancerType> cancerTypes, Set<Drug> drugs,
            double maxDurationMonths) {
        this.id = id;
        this.displayName = displayName;
        this.cancerTypes = Collections.unmodifiableSet(cancerTypes);
        this.drugs = Collections.unmodifiableSet(drugs);
        EnumSet<Drug.DrugClass> classes = EnumSet.noneOf(Drug.DrugClass.class);
        drugs.forEach(d -> classes.add(d.drugClass()));
        this.drugClasses = Collections.unmodifiableSet(classes);
        this.cytotoxic = classes.stream().anyMatch(Drug.DrugClass::cytotoxic);
        this.maxDurationMonths = maxDurationMonths;
    }

    /** The catalogue id, e.g. {@code "pembrolizumab-carboplatin-pemetrexed"}. */
    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public Set<CancerType> cancerTypes() {
        return cancerTypes;
    }

    public Set<Drug> drugs() {
        return drugs;
    }

    /** Planned duration in months; {@code +Infinity} when given until progression or toxicity. */
    public double maxDurationMonths() {
        return maxDurationMonths;
    }

    public boolean contains(Drug drug) {
        return drugs.contains(drug);
    }

    public boolean contains(Drug.DrugClass drugClass) {
        return drugClasses.contains(drugClass);
    }

    public boolean isCheckpointInhibitor() {
        return contains(Drug.DrugClass.PD1_INHIBITOR);
    }

    public boolean isCytotoxic() {
        return cytotoxic;
    }

    public boolean isBestSupportiveCare() {
        return this == BEST_SUPPORTIVE_CARE;
    }

    /** The regimens available for a cancer type, in declaration order (stable, used for seeded draws). */
    public static List<Regimen> forCancerType(CancerType cancerType) {
        return BY_CANCER_TYPE.getOrDefault(cancerType, List.of());
    }

    /** @throws IllegalArgumentException for an id that is not one of the simulator's regimens */
    public static Regimen fromId(String id) {
        Regimen regimen = BY_ID.get(id);
        if (regimen == null) {
            throw new IllegalArgumentException("unknown regimen id: " + id);
        }
        return regimen;
    }

    private static Map<CancerType, List<Regimen>> byCancerType() {
        Map<CancerType, List<Regimen>> map = new EnumMap<>(CancerType.class);
        for (CancerType type : CancerType.values()) {
            List<Regimen> regimens = Arrays.stream(values()).filter(r -> r.cancerTypes.contains(type)).toList();
            if (!regimens.isEmpty()) {
                map.put(type, regimens);
            }
        }
        return Collections.unmodifiableMap(map);
    }

    private static Set<CancerType> types(CancerType first, CancerType... rest) {
        return EnumSet.of(first, rest);
    }

    private static Set<Drug> drugs(Drug first, Drug... rest) {
        return EnumSet.of(first, rest);
    }
}
