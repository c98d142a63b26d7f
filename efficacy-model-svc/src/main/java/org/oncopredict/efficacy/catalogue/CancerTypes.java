package org.oncopredict.efficacy.catalogue;

import java.util.List;
import java.util.Optional;

import org.oncopredict.proto.profile.v1.CancerType;

/** The cancer types a catalogue may name, by their short catalogue names ("NSCLC" for CANCER_TYPE_NSCLC). */
final class CancerTypes {

    static final List<CancerType> CATALOGUED = List.of(
            CancerType.CANCER_TYPE_NSCLC, CancerType.CANCER_TYPE_COLORECTAL, CancerType.CANCER_TYPE_BREAST);
    private static final String PREFIX = "CANCER_TYPE_";

    private CancerTypes() {
    }

    static Optional<CancerType> parse(String shortName) {
        return CATALOGUED.stream().filter(t -> shortName(t).equals(shortName)).findFirst();
    }

    static String shortName(CancerType type) {
        return type.name().startsWith(PREFIX) ? type.name().substring(PREFIX.length()) : type.name();
    }

    /** For reasons, e.g. "colorectal cancer". */
    static String label(CancerType type) {
        return switch (type) {
            case CANCER_TYPE_NSCLC -> "NSCLC";
            case CANCER_TYPE_COLORECTAL -> "colorectal cancer";
            case CANCER_TYPE_BREAST -> "breast cancer";
            default -> "cancer type " + shortName(type);
        };
    }
}
