package org.oncopredict.telemetry;

import java.time.Duration;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Request latency as histograms (Prometheus {@code _bucket} series, so percentiles can be computed and aggregated
 * across replicas): Quarkus' HTTP server timer {@code http.server.requests} and the gRPC timers
 * {@code grpc.server.processing.duration} / {@code grpc.client.processing.duration}. One filter for the gateway and
 * both services (each brings quarkus-micrometer; this jar is Jandex-indexed, so Quarkus discovers the producer).
 */
@Singleton
public class LatencyHistograms {

    static boolean isRequestTimer(Meter.Id id) {
        String name = id.getName();
        return id.getType() == Meter.Type.TIMER && (name.equals("http.server.requests")
                || name.equals("grpc.server.processing.duration") || name.equals("grpc.client.processing.duration"));
    }

    @Produces
    @Singleton
    MeterFilter requestLatencyHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!isRequestTimer(id)) {
                    return config;
                }
                return DistributionStatisticConfig.builder().percentilesHistogram(true)
                        .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
                        .maximumExpectedValue((double) Duration.ofSeconds(30).toNanos())
                        .build().merge(config);
            }
        };
    }
}
