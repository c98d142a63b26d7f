package org.oncopredict.efficacy.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The public trial tables of /work/shared/data (see its README) and their column mappings. */
public final class TrialData {

    private TrialData() {
    }

    /**
     * A file of the shared data directory. Surefire passes it as {@code oncopredict.shared.data}, derived
     * from {@code maven.multiModuleProjectDirectory}, which is the module itself when Maven runs inside
     * the module (the repository has no {@code .mvn/}); the fallback is the same directory relative to the
     * module, surefire's working directory.
     */
    public static Path sharedFile(String name) {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty("oncopredict.shared.data");
        if (configured != null) {
            candidates.add(Path.of(configured, name));
        }
        candidates.add(Path.of("../../shared/data", name).toAbsolutePath().normalize());
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElseThrow(
                () -> new IllegalStateException("shared data file " + name + " not found at " + candidates));
    }

    /** GBSG2: recurrence-free survival, hormonal therapy, the 8 prognostic covariates (grade vs grade 1). */
    public static ColumnMapping gbsgMapping() {
        return new ColumnMapping(TreatmentColumn.of("hormon", "1", "0"),
                List.of(CovariateColumn.numeric("age"), CovariateColumn.numeric("meno"), CovariateColumn.numeric("size"),
                        CovariateColumn.categorical("grade", "1"), CovariateColumn.numeric("nodes"),
                        CovariateColumn.numeric("pgr"), CovariateColumn.numeric("er")),
                new TimeColumn("rfstime", FollowUpUnit.DAYS), EventColumn.of("status", "1", "0"), null);
    }

    /** Veterans' lung cancer trial: test (2) vs standard (1) treatment, cell type vs squamous, Karnofsky… */
    public static ColumnMapping veteranMapping() {
        return new ColumnMapping(TreatmentColumn.of("trt", "2", "1"),
                List.of(CovariateColumn.categorical("celltype", "squamous"), CovariateColumn.numeric("karno"),
                        CovariateColumn.numeric("diagtime"), CovariateColumn.numeric("age"),
                        CovariateColumn.numeric("prior")),
                new TimeColumn("time", FollowUpUnit.DAYS), EventColumn.of("status", "1", "0"), null);
    }

    public static TrialTable gbsg() {
        return read("gbsg.csv", gbsgMapping());
    }

    public static TrialTable veteran() {
        return read("veteran.csv", veteranMapping());
    }

    public static TrialTable read(String file, ColumnMapping mapping) {
        try {
            return new TrialImporter(mapping).read(sharedFile(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
