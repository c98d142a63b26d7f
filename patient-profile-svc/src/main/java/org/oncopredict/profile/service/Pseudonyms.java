package org.oncopredict.profile.service;

import java.security.SecureRandom;

/**
 * Random pseudonymous ids: a prefix and 10 Crockford base32 characters (50 bits). Random, not derived from
 * PHI, so an id reveals nothing and can be logged.
 */
public final class Pseudonyms {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Pseudonyms() {
    }

    public static String patientId() {
        return "P-" + random(10);
    }

    /** Whether {@code id} has the shape of a patient pseudonym (anything else cannot name a patient). */
    public static boolean isPatientId(String id) {
        return id != null && id.matches("P-[0-9A-Z]{10}");
    }

    public static String lineId() {
        return "L-" + random(10);
    }

    private static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
