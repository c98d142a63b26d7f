package org.oncopredict.gateway.fhir;

import java.util.Locale;

/**
 * AJCC stage notation: the profile keeps AJCC 8 groups in Roman numerals ("IIIA") and TNM categories without prefix
 * ("T2a"); mCODE's AJCC codes ({@code http://cancerstaging.org}) write groups in Arabic numerals ("3A") and categories
 * with the clinical / pathological prefix ("cT2a", "pN1").
 */
final class Staging {

    private static final String[] ROMAN = {"0", "I", "II", "III", "IV"};

    private Staging() {
    }

    private static final java.util.regex.Pattern ROMAN_GROUP =
            java.util.regex.Pattern.compile("^(IV|III|II|I)([ABC][1-3]?)?$");

    /** "IIIA" → "3A"; "0" → "0"; anything else unchanged. */
    static String toAjccCode(String group) {
        var m = ROMAN_GROUP.matcher(group);
        if (!m.matches()) {
            return group;
        }
        int n = switch (m.group(1)) {
            case "I" -> 1;
            case "II" -> 2;
            case "III" -> 3;
            default -> 4;
        };
        return n + (m.group(2) == null ? "" : m.group(2));
    }

    /** "3A", "Stage 3A", "IIIA", "stage IIIA" → "IIIA"; null when not a stage group. */
    static String toRoman(String code) {
        if (code == null) {
            return null;
        }
        String c = code.strip().toUpperCase(Locale.ROOT);
        if (c.startsWith("STAGE")) {
            c = c.substring(5).strip();
        }
        if (c.startsWith("C") || c.startsWith("P") || c.startsWith("Y")) {
            c = c.substring(1);
        }
        if (c.isEmpty()) {
            return null;
        }
        char first = c.charAt(0);
        if (first >= '1' && first <= '4') {
            c = ROMAN[first - '0'] + c.substring(1);
        }
        return c.matches("0|I|IA[1-3]?|IB|IC|II|IIA|IIB|IIC|III|IIIA|IIIB|IIIC|IV|IVA|IVB|IVC") ? c : null;
    }

    /** "cT2a", "pT2a", "T2a", "ypT2a" → "T2a" (prefix letter 'T', 'N' or 'M' given); null when not that category. */
    static String category(String code, char axis) {
        if (code == null) {
            return null;
        }
        String c = code.strip();
        int i = c.indexOf(axis);
        if (i < 0 || i > 2) {
            return null;
        }
        String prefix = c.substring(0, i);
        if (!prefix.matches("[cpy]{0,2}")) {
            return null;
        }
        return c.substring(i);
    }
}
