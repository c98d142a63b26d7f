package org.oncopredict.cohortsim;

import java.util.List;
import java.util.Objects;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.oncopredict.proto.profile.v1.PatientProfile;

/**
 * Seeded, reproducible synthetic oncology cohorts with known ground truth.
 *
 * <p>Patient {@code i} is a pure function of ({@link SimulationConfig}, i): it does not depend on the
 * cohort size, on the other patients or on the order of generation, so {@link #stream(long)} may be
 * consumed in parallel and a cohort can be extended or sliced without changing anyone. The same
 * configuration gives byte-identical profiles on every run and platform.
 *
 * <pre>{@code
 * CohortSimulator sim = new CohortSimulator(SimulationConfig.builder().seed(7)
 *         .assignmentMode(AssignmentMode.RANDOMISED).build());
 * try (Stream<SimulatedPatient> cohort = sim.stream(50_000)) {
 *     cohort.parallel().forEach(patient -> ...);
 * }
 * }</pre>
 *
 * Instances are immutable and thread-safe.
 */
public final class CohortSimulator {

    /** Patient indexes are below 10⁸, the MRN space ("MRN" + 8 digits), which keeps MRNs unique. */
    public static final long MAX_PATIENTS = 100_000_000L;

    private final SimulationConfig config;
    private final PatientGenerator generator;

    public CohortSimulator(SimulationConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.generator = new PatientGenerator(config);
    }

    public SimulationConfig config() {
        return config;
    }

    /** Patient number {@code index} (0-based) of the cohort. */
    public SimulatedPatient patient(long index) {
        if (index < 0 || index >= MAX_PATIENTS) {
            throw new IllegalArgumentException("index must be in [0, " + MAX_PATIENTS + "): " + index);
        }
        return generator.generate(index);
    }

    /** Patients 0 .. count−1, lazily and in order; the stream may be made parallel. */
    public Stream<SimulatedPatient> stream(long count) {
        checkCount(count);
        return LongStream.range(0, count).mapToObj(this::patient);
    }

    /** The profiles of patients 0 .. count−1, lazily and in order. */
    public Stream<PatientProfile> profiles(long count) {
        return stream(count).map(SimulatedPatient::profile);
    }

    /** Patients 0 .. count−1 in a list, generated in parallel. */
    public List<SimulatedPatient> generate(int count) {
        return stream(count).parallel().toList();
    }

    private static void checkCount(long count) {
        if (count < 0 || count > MAX_PATIENTS) {
            throw new IllegalArgumentException("count must be in [0, " + MAX_PATIENTS + "]: " + count);
        }
    }
}
