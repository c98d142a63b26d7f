package org.oncopredict.k8s;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** No secret is committed; the ones referenced are exactly the ones the README has the operator create. */
class SecretsTest {

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void noSecretIsCommittedOrGenerated(Overlay overlay) {
        Checks.noCommittedSecrets(Rendered.of(overlay));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void referencedSecretsAreTheDocumentedOnes(Overlay overlay) {
        Checks.documentedSecrets(Rendered.of(overlay), ReadmeSecrets.documented(overlay.namespace));
    }
}
