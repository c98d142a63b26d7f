package org.oncopredict.cohortsim;

import java.util.List;
import java.util.Objects;

import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.PatientProfile;

/**
 * One simulated patient: the profile as a profile service would store it (patient_id and version
 * empty: the server assigns them) and the ground truth behind each of its therapy lines.
 *
 * @param index   position in the cohort; with the seed it determines the patient completely
 * @param profile the profile
 * @param lines   the therapy lines in order, {@code lines.get(i).lineNumber() == i + 1}
 */
public record SimulatedPatient(long index, PatientProfile profile, List<SimulatedLine> lines) {

    public SimulatedPatient {
        Objects.requireNonNull(profile, "profile");
        lines = List.copyOf(lines);
    }

    public CancerType cancerType() {
        return profile.getCancer().getCancerType();
    }
}
