package org.oncopredict.cohortsim;

import java.util.Locale;

import org.oncopredict.proto.profile.v1.CancerType;

/**
 * Relative weights of the simulated cancer types; they need not sum to 1 (they are normalised).
 *
 * @param nsclc      weight of non-small-cell lung cancer
 * @param colorectal weight of colorectal cancer
 * @param breast     weight of breast cancer
 */
public record CancerMix(double nsclc, double colorectal, double breast) {

    /** 50 % NSCLC, 25 % colorectal, 25 % breast. */
    public static final CancerMix DEFAULT = new CancerMix(0.5, 0.25, 0.25);

    public CancerMix {
        if (!(nsclc >= 0) || !(colorectal >= 0) || !(breast >= 0) || !(nsclc + colorectal + breast > 0)
                || Double.isInfinite(nsclc + colorectal + breast)) {
            throw new IllegalArgumentException("cancer mix weights must be finite, >= 0 and not all 0");
        }
    }

    /** Parses {@code "nsclc=0.5,colorectal=0.25,breast=0.25"}; omitted types get weight 0. */
    public static CancerMix parse(String text) {
        double nsclc = 0;
        double colorectal = 0;
        double breast = 0;
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("expected type=weight, got '" + part + "'");
            }
            double weight;
            try {
                weight = Double.parseDouble(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number: '" + kv[1] + "'", e);
            }
            switch (kv[0].trim().toLowerCase(Locale.ROOT)) {
                case "nsclc" -> nsclc = weight;
                case "colorectal", "crc" -> colorectal = weight;
                case "breast" -> breast = weight;
                default -> throw new IllegalArgumentException(
                        "unknown cancer type '" + kv[0] + "' (nsclc, colorectal, breast)");
            }
        }
        return new CancerMix(nsclc, colorectal, breast);
    }

    /** The cancer type at quantile {@code u} ∈ [0, 1) of the normalised mix. */
    CancerType pick(double u) {
        double x = u * (nsclc + colorectal + breast);
        if (x < nsclc) {
            return CancerType.CANCER_TYPE_NSCLC;
        }
        return x < nsclc + colorectal ? CancerType.CANCER_TYPE_COLORECTAL : CancerType.CANCER_TYPE_BREAST;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "nsclc=%s,colorectal=%s,breast=%s", nsclc, colorectal, breast);
    }
}
