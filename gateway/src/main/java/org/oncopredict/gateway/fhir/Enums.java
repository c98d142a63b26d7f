package org.oncopredict.gateway.fhir;

/** Proto enum names without their prefix ("SEX_FEMALE" → "FEMALE"); null for the UNSPECIFIED (and unknown) value. */
final class Enums {

    private Enums() {
    }

    static String suffix(String name, String prefix) {
        if (name == null || !name.startsWith(prefix)) {
            return null;
        }
        String s = name.substring(prefix.length());
        return s.equals("UNSPECIFIED") ? null : s;
    }
}
