package org.oncopredict.efficacy.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.oncopredict.cohortsim.AssignmentMode;
import org.oncopredict.cohortsim.CohortSimulator;
import org.oncopredict.cohortsim.SimulatedLine;
import org.oncopredict.cohortsim.SimulatedPatient;
import org.oncopredict.cohortsim.SimulationConfig;
import org.oncopredict.efficacy.features.FeatureEncoder;
import org.oncopredict.efficacy.training.LineOutcome;
import org.oncopredict.efficacy.training.TherapyLineRows;

/** Simulated therapy lines with their ground truth, for model-quality tests. */
final class SimulatedCohorts {

    /** A training row and the simulator's line it came from. */
    record Line(LineOutcome row, SimulatedLine truth, org.oncopredict.proto.profile.v1.PatientProfile profile) {
    }

    private static final FeatureEncoder ENCODER = new FeatureEncoder();

    private SimulatedCohorts() {
    }

    static List<Line> lines(int patients, long seed, AssignmentMode mode) {
        SimulationConfig config = SimulationConfig.builder().seed(seed).assignmentMode(mode).build();
        List<Line> lines = new ArrayList<>();
        TherapyLineRows extractor = new TherapyLineRows(ENCODER);
        for (SimulatedPatient patient : new CohortSimulator(config).generate(patients)) {
            Map<Integer, SimulatedLine> byNumber = new java.util.HashMap<>();
            patient.lines().forEach(line -> byNumber.put(line.lineNumber(), line));
            for (LineOutcome row : extractor.rows("sim-" + seed + "-" + patient.index(), patient.profile())) {
                lines.add(new Line(row, byNumber.get(row.lineNumber()), patient.profile()));
            }
        }
        return lines;
    }

    static List<LineOutcome> rows(List<Line> lines) {
        return lines.stream().map(Line::row).toList();
    }
}
