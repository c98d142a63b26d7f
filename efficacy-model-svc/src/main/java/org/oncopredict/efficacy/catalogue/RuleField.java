package org.oncopredict.efficacy.catalogue;

import java.util.Objects;
import java.util.Optional;

import org.oncopredict.proto.profile.v1.LabType;

/**
 * The patient datum a contraindication rule tests, named in the catalogue as:
 * <ul>
 *   <li>{@code lab.<TYPE>} — latest result of a {@link LabType} (e.g. {@code lab.EGFR}) dated on or
 *       before the evaluation date and within the rule's look-back window; numeric, in the unit
 *       documented on {@code LabType} or as a multiple of the upper limit of normal;</li>
 *   <li>{@code ecog} — latest ECOG performance status in the look-back window; numeric 0–4;</li>
 *   <li>{@code history.immuneRelatedToxicityGrade} — worst CTCAE grade of an immune-related toxicity
 *       on an earlier line that had ended by the evaluation date (0 when none); numeric;</li>
 *   <li>{@code history.progressedOnSameRegimen} — an earlier line of the same regimen progressed on or
 *       before the evaluation date; boolean.</li>
 * </ul>
 *
 * @param kind    which datum
 * @param labType the lab for {@link Kind#LAB}, else {@code null}
 */
public record RuleField(Kind kind, LabType labType) {

    /** The kinds of datum a rule can test. */
    public enum Kind { LAB, ECOG, IMMUNE_RELATED_TOXICITY_GRADE, PROGRESSED_ON_SAME_REGIMEN }

    private static final String LAB_PREFIX = "lab.";
    private static final String LAB_TYPE_PREFIX = "LAB_TYPE_";

    public RuleField {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.LAB) != (labType != null)) {
            throw new IllegalArgumentException("a lab type is required for, and only for, lab fields");
        }
    }

    public static RuleField lab(LabType labType) {
        return new RuleField(Kind.LAB, Objects.requireNonNull(labType, "labType"));
    }

    /**
     * Parses a catalogue field name.
     *
     * @return empty when the name is not a known field (including an unknown lab type)
     */
    public static Optional<RuleField> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        if (name.startsWith(LAB_PREFIX)) {
            return knownLabType(name.substring(LAB_PREFIX.length())).map(RuleField::lab);
        }
        return switch (name) {
            case "ecog" -> Optional.of(new RuleField(Kind.ECOG, null));
            case "history.immuneRelatedToxicityGrade" ->
                    Optional.of(new RuleField(Kind.IMMUNE_RELATED_TOXICITY_GRADE, null));
            case "history.progressedOnSameRegimen" ->
                    Optional.of(new RuleField(Kind.PROGRESSED_ON_SAME_REGIMEN, null));
            default -> Optional.empty();
        };
    }

    /**
     * The lab type named by its short name ("EGFR" for {@code LAB_TYPE_EGFR}); empty for unknown names
     * and for the proto's UNSPECIFIED / UNRECOGNIZED placeholders.
     */
    public static Optional<LabType> knownLabType(String shortName) {
        for (LabType type : LabType.values()) {
            if (type != LabType.LAB_TYPE_UNSPECIFIED && type != LabType.UNRECOGNIZED
                    && type.name().equals(LAB_TYPE_PREFIX + shortName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The catalogue name, e.g. {@code "lab.EGFR"}. */
    public String code() {
        return switch (kind) {
            case LAB -> LAB_PREFIX + labType.name().substring(LAB_TYPE_PREFIX.length());
            case ECOG -> "ecog";
            case IMMUNE_RELATED_TOXICITY_GRADE -> "history.immuneRelatedToxicityGrade";
            case PROGRESSED_ON_SAME_REGIMEN -> "history.progressedOnSameRegimen";
        };
    }

    /** Name in reasons, e.g. "eGFR". */
    public String label() {
        return switch (kind) {
            case LAB -> switch (labType) {
                case LAB_TYPE_EGFR -> "eGFR";
                case LAB_TYPE_BILIRUBIN -> "bilirubin";
                case LAB_TYPE_ALT -> "ALT";
                case LAB_TYPE_ANC -> "ANC";
                case LAB_TYPE_HEMOGLOBIN -> "haemoglobin";
                default -> labType.name();
            };
            case ECOG -> "ECOG";
            case IMMUNE_RELATED_TOXICITY_GRADE -> "immune-related toxicity grade";
            case PROGRESSED_ON_SAME_REGIMEN -> "progression on this regimen";
        };
    }

    /** The unit a lab rule's threshold is written in (ASCII, as in the catalogue); empty for other fields. */
    public Optional<String> unit() {
        if (kind != Kind.LAB) {
            return Optional.empty();
        }
        return Optional.of(switch (labType) {
            case LAB_TYPE_EGFR -> "mL/min/1.73m2";
            case LAB_TYPE_BILIRUBIN -> "mg/dL";
            case LAB_TYPE_ALT -> "U/L";
            case LAB_TYPE_ANC -> "10^9/L";
            case LAB_TYPE_HEMOGLOBIN -> "g/dL";
            default -> throw new IllegalStateException("no unit for " + labType);
        });
    }

    /** The unit as shown to clinicians, e.g. "mL/min/1.73m²"; empty for unitless fields. */
    public String displayUnit() {
        return unit().map(u -> switch (u) {
            case "mL/min/1.73m2" -> "mL/min/1.73m²";
            case "10^9/L" -> "×10⁹/L";
            default -> u;
        }).orElse("");
    }

    /** True for numeric fields (compared with a threshold); false for the boolean field. */
    public boolean isNumeric() {
        return kind != Kind.PROGRESSED_ON_SAME_REGIMEN;
    }

    /** True for dated measurements (labs, ECOG), which need a look-back window. */
    public boolean isDated() {
        return kind == Kind.LAB || kind == Kind.ECOG;
    }

    @Override
    public String toString() {
        return code();
    }
}
