package org.oncopredict.efficacy.catalogue;

import java.util.Objects;

/**
 * One drug of a regimen.
 *
 * @param name      international non-proprietary name in lower case, e.g. {@code "trastuzumab deruxtecan"}
 * @param drugClass its pharmacological class
 */
public record Drug(String name, DrugClass drugClass) {

    public Drug {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(drugClass, "drugClass");
    }
}
