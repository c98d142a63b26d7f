package org.oncopredict.efficacy.grpc;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A quality gate a model trained on a small test cohort passes (the gate's own thresholds are tested in
 * the registry tests); the efficacy gRPC client points at this service's test port.
 */
public class LenientGateProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("oncopredict.gate.min-auroc", "0.5", "oncopredict.gate.calibration-slope-min", "0.3",
                "oncopredict.gate.calibration-slope-max", "3", "oncopredict.gate.min-c-index", "0.5",
                "quarkus.grpc.clients.efficacy.host", "127.0.0.1");
    }
}
