package org.oncopredict.efficacy.registry;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Valid model versions to start from, and an empty registry before each test. */
final class RegistryFixtures {

    static final String COHORT_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private RegistryFixtures() {
    }

    /** A model the default gate accepts (AUROC 0.72, slope 1.02, C-index 0.68). */
    static Builder good() {
        return new Builder();
    }

    static Builder withQuality(Double auroc, Double slope, Double cIndex) {
        return new Builder().quality(QualityFigures.of(auroc, slope, cIndex));
    }

    /** Empties the registry; identities restart so the next version registered is 1. */
    static void truncate(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE efficacy.model_event, efficacy.training_job, efficacy.model_version RESTART IDENTITY CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class Builder {
        String kind = NewModelVersion.TRAINED;
        Long parentVersion;
        String createdBy = "u-7f3a";
        String featureSchema = "features-v1";
        String learner = "logistic-sgd";
        String trainerConfig = "{\"epochs\": 5, \"learningRate\": 0.1, \"seed\": 42}";
        String provenance = "{\"trainer\": \"org.tribuo.classification.sgd.linear.LogisticRegressionTrainer\","
                + " \"dataset\": {\"rows\": 480}}";
        String cohortHash = COHORT_HASH;
        int cohortSize = 480;
        String metrics = "{\"auroc\": 0.72, \"brier\": 0.19, \"auroc_ci\": [0.66, 0.78]}";
        String modelCard = "{\"intendedUse\": \"decision support\", \"outcome\": \"objective response\"}";
        QualityFigures quality = QualityFigures.of(0.72, 1.02, 0.68);
        byte[] artifact = "tribuo-model-bytes".getBytes(StandardCharsets.UTF_8);

        Builder kind(String v) { kind = v; return this; }
        Builder parentVersion(Long v) { parentVersion = v; return this; }
        Builder createdBy(String v) { createdBy = v; return this; }
        Builder trainerConfig(String v) { trainerConfig = v; return this; }
        Builder provenance(String v) { provenance = v; return this; }
        Builder cohortHash(String v) { cohortHash = v; return this; }
        Builder cohortSize(int v) { cohortSize = v; return this; }
        Builder metrics(String v) { metrics = v; return this; }
        Builder modelCard(String v) { modelCard = v; return this; }
        Builder quality(QualityFigures v) { quality = v; return this; }
        Builder artifact(byte[] v) { artifact = v; return this; }

        NewModelVersion build() {
            return new NewModelVersion(kind, parentVersion, createdBy, featureSchema, learner, trainerConfig, provenance,
                    cohortHash, cohortSize, metrics, modelCard, quality, artifact);
        }
    }
}
