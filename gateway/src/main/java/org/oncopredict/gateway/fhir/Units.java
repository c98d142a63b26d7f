package org.oncopredict.gateway.fhir;

import org.oncopredict.proto.profile.v1.LabType;

/**
 * Lab values in the profile's units (documented on {@code LabType}), converted from the UCUM units labs commonly
 * report. A unit not listed is not guessed: the observation is ignored with the reason.
 */
final class Units {

    private Units() {
    }

    static String profileUnit(LabType type) {
        return switch (type) {
            case LAB_TYPE_EGFR -> "mL/min/1.73 m2";
            case LAB_TYPE_BILIRUBIN -> "mg/dL";
            case LAB_TYPE_ALT -> "U/L";
            case LAB_TYPE_ANC -> "10*9/L";
            case LAB_TYPE_HEMOGLOBIN -> "g/dL";
            default -> "?";
        };
    }

    static Double toProfileUnit(LabType type, double value, String unit) {
        String u = unit == null ? "" : unit.strip();
        return switch (type) {
            case LAB_TYPE_EGFR -> switch (u) {
                case "mL/min/{1.73_m2}", "mL/min/1.73m2", "mL/min/1.73 m2", "mL/min/1.73_m2", "mL/min" -> value;
                default -> null;
            };
            case LAB_TYPE_BILIRUBIN -> switch (u) {
                case "mg/dL" -> value;
                case "umol/L", "µmol/L" -> value / 17.104;
                default -> null;
            };
            case LAB_TYPE_ALT -> switch (u) {
                case "U/L", "[IU]/L", "IU/L" -> value;
                case "ukat/L", "µkat/L" -> value * 60.0;
                default -> null;
            };
            case LAB_TYPE_ANC -> switch (u) {
                case "10*9/L", "10^9/L", "10*3/uL", "10^3/uL", "K/uL", "G/L" -> value;
                case "/uL", "/mm3" -> value / 1000.0;
                default -> null;
            };
            case LAB_TYPE_HEMOGLOBIN -> switch (u) {
                case "g/dL" -> value;
                case "g/L" -> value / 10.0;
                case "mmol/L" -> value * 1.611;
                default -> null;
            };
            default -> null;
        };
    }
}
