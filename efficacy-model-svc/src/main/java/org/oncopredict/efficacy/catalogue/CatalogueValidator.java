package org.oncopredict.efficacy.catalogue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.oncopredict.efficacy.catalogue.CatalogueDocument.DrugDocument;
import org.oncopredict.efficacy.catalogue.CatalogueDocument.IndicationDocument;
import org.oncopredict.efficacy.catalogue.CatalogueDocument.RegimenDocument;
import org.oncopredict.efficacy.catalogue.CatalogueDocument.RuleDocument;
import org.oncopredict.efficacy.catalogue.CatalogueDocument.ScopeDocument;
import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.LabType;

/**
 * Turns a {@link CatalogueDocument} into a {@link Catalogue}, collecting every problem rather than
 * stopping at the first, each message naming the regimen (or rule) and field.
 */
final class CatalogueValidator {

    static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9-]{1,63}$");
    private static final Pattern DRUG_NAME = Pattern.compile("^[a-z][a-z0-9 -]*[a-z0-9]$");
    /** A source must cite its year so that readers can judge how current it is. */
    private static final Pattern YEAR = Pattern.compile("\\b(19|20)\\d{2}\\b");
    private static final Set<Severity> RULE_SEVERITIES = EnumSet.of(Severity.CAUTION, Severity.CONTRAINDICATED);
    private static final String FIELDS = "lab.<TYPE>, ecog, history.immuneRelatedToxicityGrade or "
            + "history.progressedOnSameRegimen";

    private final List<String> errors = new ArrayList<>();

    private CatalogueValidator() {
    }

    /** @throws CatalogueValidationException listing every problem */
    static Catalogue validate(CatalogueDocument document, String origin) {
        return new CatalogueValidator().run(document, origin);
    }

    private Catalogue run(CatalogueDocument doc, String origin) {
        if (blank(doc.version())) {
            error("catalogue", "version", "is required");
        }
        Map<LabType, Double> ulns = upperLimitsOfNormal(doc.upperLimitsOfNormal());
        List<Regimen> regimens = regimens(orEmpty(doc.regimens()));
        // Scope checks against the regimens make sense only when every regimen was read.
        boolean regimensComplete = regimens.size() == orEmpty(doc.regimens()).size();
        List<ContraindicationRule> rules = rules(orEmpty(doc.rules()), regimensComplete ? regimens : null, ulns);
        if (!errors.isEmpty()) {
            throw new CatalogueValidationException(origin, errors);
        }
        return new Catalogue(doc.version(), regimens, rules, ulns);
    }

    // ---------------------------------------------------------------------------------------------

    private Map<LabType, Double> upperLimitsOfNormal(Map<String, Double> raw) {
        Map<LabType, Double> ulns = new EnumMap<>(LabType.class);
        if (raw == null) {
            return ulns;
        }
        raw.forEach((name, value) -> {
            String field = "upperLimitsOfNormal." + name;
            Optional<LabType> lab = RuleField.knownLabType(name);
            if (lab.isEmpty()) {
                error("catalogue", field, "unknown lab type '" + name + "' (expected one of " + labNames() + ")");
            } else if (value == null || !Double.isFinite(value) || value <= 0) {
                error("catalogue", field, "must be a positive number in the lab's unit");
            } else {
                ulns.put(lab.get(), value);
            }
        });
        return ulns;
    }

    private List<Regimen> regimens(List<RegimenDocument> docs) {
        if (docs.isEmpty()) {
            error("catalogue", "regimens", "at least one regimen is required");
        }
        List<Regimen> regimens = new ArrayList<>();
        Map<String, Integer> firstIndexById = new HashMap<>();
        for (int i = 0; i < docs.size(); i++) {
            RegimenDocument doc = docs.get(i);
            if (doc == null) {
                error("regimen #" + i, "(entry)", "must be an object");
                continue;
            }
            int before = errors.size();
            String subject = checkId("regimen", i, doc.id(), firstIndexById);
            if (blank(doc.name())) {
                error(subject, "name", "is required");
            }
            boolean supportive = Boolean.TRUE.equals(doc.supportiveCareOnly());
            List<Drug> drugs = drugs(subject, orEmpty(doc.drugs()), supportive);
            List<Indication> indications = indications(subject, orEmpty(doc.indications()));
            if (errors.size() == before) {
                regimens.add(new Regimen(doc.id(), doc.name(), drugs, supportive, indications));
            }
        }
        return regimens;
    }

    private List<Drug> drugs(String subject, List<DrugDocument> docs, boolean supportive) {
        if (docs.isEmpty() && !supportive) {
            error(subject, "drugs", "at least one drug is required (only supportiveCareOnly regimens have none)");
        }
        if (!docs.isEmpty() && supportive) {
            error(subject, "drugs", "a supportiveCareOnly regimen lists no drugs");
        }
        List<Drug> drugs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < docs.size(); i++) {
            DrugDocument doc = docs.get(i);
            String field = "drugs[" + i + "]";
            if (doc == null) {
                error(subject, field, "must be an object");
                continue;
            }
            boolean nameOk = !blank(doc.name()) && DRUG_NAME.matcher(doc.name()).matches();
            if (!nameOk) {
                error(subject, field + ".name", "must be a lower-case drug name, got '" + doc.name() + "'");
            } else if (!names.add(doc.name())) {
                error(subject, field + ".name", "duplicate drug '" + doc.name() + "'");
            }
            Optional<DrugClass> drugClass = enumValue(DrugClass.class, doc.drugClass());
            if (drugClass.isEmpty()) {
                error(subject, field + ".drugClass", unknown("drug class", doc.drugClass(), DrugClass.values()));
            }
            if (nameOk && drugClass.isPresent()) {
                drugs.add(new Drug(doc.name(), drugClass.get()));
            }
        }
        return drugs;
    }

    private List<Indication> indications(String subject, List<IndicationDocument> docs) {
        if (docs.isEmpty()) {
            error(subject, "indications", "at least one indication is required");
        }
        List<Indication> indications = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            String field = "indications[" + i + "]";
            IndicationDocument doc = docs.get(i);
            if (doc == null) {
                error(subject, field, "must be an object");
                continue;
            }
            int before = errors.size();
            Optional<CancerType> cancerType = Optional.ofNullable(doc.cancerType()).flatMap(CancerTypes::parse);
            if (cancerType.isEmpty()) {
                error(subject, field + ".cancerType", "unknown cancer type '" + doc.cancerType() + "' (expected one of "
                        + CancerTypes.CATALOGUED.stream().map(CancerTypes::shortName).collect(Collectors.joining(", ")) + ")");
            }
            LineRange lines = lines(subject, field + ".lines", doc.lines());
            List<Biomarker> requires = biomarkers(subject, field + ".requires", orEmpty(doc.requires()));
            List<Biomarker> excludes = biomarkers(subject, field + ".excludes", orEmpty(doc.excludes()));
            requires.stream().filter(excludes::contains).forEach(b ->
                    error(subject, field + ".excludes", "biomarker " + b + " is both required and excluded"));
            Optional<EvidenceLevel> evidence = Optional.ofNullable(doc.evidenceLevel()).flatMap(EvidenceLevel::fromCode);
            if (evidence.isEmpty()) {
                error(subject, field + ".evidenceLevel", "unknown evidence level '" + doc.evidenceLevel()
                        + "' (expected one of " + Arrays.stream(EvidenceLevel.values()).map(EvidenceLevel::code)
                        .collect(Collectors.joining(", ")) + ")");
            }
            if (blank(doc.source())) {
                error(subject, field + ".source", "a source reference (trial or guideline with year) is required");
            } else if (!YEAR.matcher(doc.source()).find()) {
                error(subject, field + ".source", "must cite a year, e.g. \"FLAURA (Soria et al., NEJM 2018)\", got '"
                        + doc.source() + "'");
            }
            if (blank(doc.summary())) {
                error(subject, field + ".summary", "is required");
            }
            if (errors.size() == before) {
                indications.add(new Indication(cancerType.get(), lines, requires, excludes, evidence.get(),
                        doc.source(), doc.summary()));
            }
        }
        return indications;
    }

    private LineRange lines(String subject, String field, CatalogueDocument.LinesDocument doc) {
        if (doc == null) {
            error(subject, field, "is required, e.g. {\"from\": 1} or {\"from\": 1, \"to\": 1}");
            return null;
        }
        if (doc.from() == null || doc.from() < 1) {
            error(subject, field + ".from", "line of therapy must be ≥ 1, got " + doc.from());
            return null;
        }
        if (doc.to() != null && doc.to() < doc.from()) {
            error(subject, field + ".to", "must be ≥ from (" + doc.from() + "), got " + doc.to());
            return null;
        }
        return doc.to() == null ? LineRange.from(doc.from()) : new LineRange(doc.from(), doc.to());
    }

    private List<Biomarker> biomarkers(String subject, String field, List<String> names) {
        Set<Biomarker> biomarkers = new LinkedHashSet<>();
        for (int i = 0; i < names.size(); i++) {
            Optional<Biomarker> biomarker = enumValue(Biomarker.class, names.get(i));
            if (biomarker.isEmpty()) {
                error(subject, field + "[" + i + "]", unknown("biomarker", names.get(i), Biomarker.values()));
            } else if (!biomarkers.add(biomarker.get())) {
                error(subject, field + "[" + i + "]", "duplicate biomarker " + names.get(i));
            }
        }
        return List.copyOf(biomarkers);
    }

    // ---------------------------------------------------------------------------------------------

    /** Checks an entry's id (required, well-formed, unique among its kind); returns how errors name the entry. */
    private String checkId(String kind, int index, String id, Map<String, Integer> firstIndexById) {
        String subject = blank(id) ? kind + " #" + index : kind + " '" + id + "'";
        if (blank(id)) {
            error(subject, "id", "is required");
        } else if (!ID.matcher(id).matches()) {
            error(subject, "id", "must match " + ID.pattern());
        } else {
            Integer first = firstIndexById.putIfAbsent(id, index);
            if (first != null) {
                error(subject, "id", "duplicate id (also " + kind + " #" + first + ")");
            }
        }
        return subject;
    }

    /** @param regimens the catalogue's regimens, or null when some were invalid (scope checks skipped) */
    private List<ContraindicationRule> rules(List<RuleDocument> docs, List<Regimen> regimens, Map<LabType, Double> ulns) {
        List<ContraindicationRule> rules = new ArrayList<>();
        Map<String, Integer> firstIndexById = new HashMap<>();
        Set<String> drugNames = regimens == null ? null : regimens.stream().flatMap(r -> r.drugs().stream())
                .map(Drug::name).collect(Collectors.toSet());
        for (int i = 0; i < docs.size(); i++) {
            RuleDocument doc = docs.get(i);
            if (doc == null) {
                error("rule #" + i, "(entry)", "must be an object");
                continue;
            }
            int before = errors.size();
            String subject = checkId("rule", i, doc.id(), firstIndexById);
            RuleScope scope = scope(subject, doc.appliesTo(), drugNames, regimens);
            Optional<RuleField> field = field(subject, doc.field());
            Optional<RuleOperator> operator = enumValue(RuleOperator.class, doc.operator());
            if (operator.isEmpty()) {
                error(subject, "operator", unknown("operator", doc.operator(), RuleOperator.values()));
            }
            if (field.isPresent() && operator.isPresent()) {
                expression(subject, doc, field.get(), operator.get(), ulns);
            }
            Optional<Severity> severity = enumValue(Severity.class, doc.severity());
            if (severity.isEmpty() || !RULE_SEVERITIES.contains(severity.get())) {
                error(subject, "severity", "must be CONTRAINDICATED or CAUTION, got '" + doc.severity() + "'");
            }
            requireText(subject, "reason", doc.reason());
            requireText(subject, "topic", doc.topic());
            requireText(subject, "source", doc.source());
            if (errors.size() == before) {
                rules.add(new ContraindicationRule(doc.id(), scope, field.get(), operator.get(), doc.threshold(),
                        doc.unit(), doc.lookbackDays() == null ? 0 : doc.lookbackDays(), severity.get(),
                        doc.reason(), doc.topic(), doc.source()));
            }
        }
        return rules;
    }

    private RuleScope scope(String subject, ScopeDocument doc, Set<String> drugNames, List<Regimen> regimens) {
        if (doc == null) {
            error(subject, "appliesTo", "is required");
            return null;
        }
        int before = errors.size();
        Set<DrugClass> classes = EnumSet.noneOf(DrugClass.class);
        List<String> classNames = orEmpty(doc.drugClasses());
        for (int i = 0; i < classNames.size(); i++) {
            Optional<DrugClass> drugClass = enumValue(DrugClass.class, classNames.get(i));
            if (drugClass.isEmpty()) {
                error(subject, "appliesTo.drugClasses[" + i + "]", unknown("drug class", classNames.get(i), DrugClass.values()));
            } else {
                classes.add(drugClass.get());
            }
        }
        List<String> drugs = orEmpty(doc.drugs());
        for (int i = 0; i < drugs.size(); i++) {
            if (drugNames != null && !drugNames.contains(drugs.get(i))) {
                error(subject, "appliesTo.drugs[" + i + "]", "unknown drug '" + drugs.get(i) + "' (not in any regimen)");
            }
        }
        RuleScope scope = new RuleScope(classes, new HashSet<>(drugs), Boolean.TRUE.equals(doc.activeTherapy()),
                Boolean.TRUE.equals(doc.cytotoxic()));
        if (errors.size() > before) {
            return null;
        }
        if (scope.isEmpty()) {
            error(subject, "appliesTo", "must set at least one of drugClasses, drugs, activeTherapy, cytotoxic");
            return null;
        }
        if (regimens != null && regimens.stream().noneMatch(scope::appliesTo)) {
            error(subject, "appliesTo", "matches no regimen");
        }
        return scope;
    }

    private Optional<RuleField> field(String subject, String name) {
        Optional<RuleField> field = RuleField.parse(name);
        if (field.isEmpty()) {
            if (name != null && name.startsWith("lab.")) {
                error(subject, "field", "unknown lab type '" + name.substring(4) + "' in '" + name
                        + "' (expected one of " + labNames() + ")");
            } else {
                error(subject, "field", "unknown field '" + name + "' (expected " + FIELDS + ")");
            }
        }
        return field;
    }

    /** The expression {@code field operator threshold unit} must be well-formed for the field's type. */
    private void expression(String subject, RuleDocument doc, RuleField field, RuleOperator operator,
                            Map<LabType, Double> ulns) {
        if (field.isNumeric() != operator.isNumeric()) {
            error(subject, "operator", "operator " + operator + " does not apply to " + (field.isNumeric()
                    ? "numeric field '" + field + "' (use LT, LTE, GT, GTE or EQ)"
                    : "boolean field '" + field + "' (use IS_TRUE)"));
        }
        if (operator.isNumeric() && (doc.threshold() == null || !Double.isFinite(doc.threshold()))) {
            error(subject, "threshold", "a finite threshold is required for operator " + operator);
        } else if (!operator.isNumeric() && doc.threshold() != null) {
            error(subject, "threshold", "operator " + operator + " takes no threshold");
        } else if (doc.threshold() != null) {
            thresholdRange(subject, field, doc.threshold());
        }
        Optional<String> unit = field.unit();
        if (unit.isPresent()) {
            if (doc.unit() == null) {
                error(subject, "unit", "is required for " + field + " (" + unit.get() + " or "
                        + ContraindicationRule.TIMES_ULN + ")");
            } else if (doc.unit().equals(ContraindicationRule.TIMES_ULN)) {
                if (!ulns.containsKey(field.labType())) {
                    error(subject, "unit", ContraindicationRule.TIMES_ULN + " needs upperLimitsOfNormal."
                            + field.code().substring(4) + " in the catalogue");
                }
            } else if (!doc.unit().equals(unit.get())) {
                error(subject, "unit", "'" + doc.unit() + "' does not match " + field + " (expected " + unit.get()
                        + " or " + ContraindicationRule.TIMES_ULN + ")");
            }
        } else if (doc.unit() != null) {
            error(subject, "unit", field + " is unitless; remove unit '" + doc.unit() + "'");
        }
        if (field.isDated() && (doc.lookbackDays() == null || doc.lookbackDays() < 1)) {
            error(subject, "lookbackDays", "a look-back window ≥ 1 day is required for dated field " + field);
        } else if (!field.isDated() && doc.lookbackDays() != null) {
            error(subject, "lookbackDays", "history field " + field + " takes no look-back window");
        }
    }

    private void thresholdRange(String subject, RuleField field, double threshold) {
        switch (field.kind()) {
            case ECOG -> {
                if (threshold < 0 || threshold > 4) {
                    error(subject, "threshold", "ECOG is 0–4, got " + Format.number(threshold));
                }
            }
            case IMMUNE_RELATED_TOXICITY_GRADE -> {
                if (threshold < 0 || threshold > 5) {
                    error(subject, "threshold", "CTCAE grade is 0–5, got " + Format.number(threshold));
                }
            }
            default -> {
                if (threshold < 0) {
                    error(subject, "threshold", "a lab threshold cannot be negative, got " + Format.number(threshold));
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    private void requireText(String subject, String field, String value) {
        if (blank(value)) {
            error(subject, field, "is required");
        }
    }

    private void error(String subject, String field, String message) {
        errors.add(subject + " field '" + field + "': " + message);
    }

    private static <E extends Enum<E>> Optional<E> enumValue(Class<E> type, String name) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(name)).findFirst();
    }

    private static String unknown(String what, String value, Enum<?>[] expected) {
        return "unknown " + what + " '" + value + "' (expected one of "
                + Arrays.stream(expected).map(Enum::name).collect(Collectors.joining(", ")) + ")";
    }

    private static String labNames() {
        return Arrays.stream(LabType.values())
                .filter(t -> t != LabType.LAB_TYPE_UNSPECIFIED && t != LabType.UNRECOGNIZED)
                .map(t -> t.name().substring("LAB_TYPE_".length()))
                .collect(Collectors.joining(", "));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
