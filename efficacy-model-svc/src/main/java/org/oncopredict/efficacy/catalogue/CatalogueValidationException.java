package org.oncopredict.efficacy.catalogue;

import java.util.List;

/**
 * A catalogue file that cannot be used. The message lists every problem found, each naming the
 * regimen (or rule) and the field, e.g.
 * {@code regimen 'cisplatin-pemetrexed' field 'indications[0].evidenceLevel': unknown evidence level 'I-Z'}.
 */
public final class CatalogueValidationException extends RuntimeException {

    private final List<String> errors;

    CatalogueValidationException(String origin, List<String> errors) {
        super("invalid regimen catalogue " + origin + " (" + errors.size() + " error" + (errors.size() == 1 ? "" : "s")
                + "):\n  - " + String.join("\n  - ", errors));
        this.errors = List.copyOf(errors);
    }

    CatalogueValidationException(String origin, String error, Throwable cause) {
        super("invalid regimen catalogue " + origin + ": " + error, cause);
        this.errors = List.of(error);
    }

    /** Each problem on its own, in file order. */
    public List<String> errors() {
        return errors;
    }
}
