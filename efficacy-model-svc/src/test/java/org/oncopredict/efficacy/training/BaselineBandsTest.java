package org.oncopredict.efficacy.training;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BaselineBandsTest {

    @Test
    void mapsIntervalsToBands() {
        BaselineBands bands = BaselineBands.of(0, 3, 6);
        assertThat(bands.count()).isEqualTo(3);
        assertThat(List.of(0, 2, 3, 5, 6, 40)).extracting(bands::bandOf).containsExactly(0, 0, 1, 1, 2, 2);
    }

    @Test
    void placesBandsAtEventQuantiles() {
        // Events in intervals 0, 1, 2, 3, 5, 8, 9, 12 (times just inside each interval); a censored subject.
        double[] times = {0.5, 1.5, 2.5, 3.5, 5.5, 8.5, 9.5, 12.5, 20};
        boolean[] events = {true, true, true, true, true, true, true, true, false};
        SurvivalData data = SurvivalData.of("events", List.of(), times, events, new double[times.length][0]);
        // Quartiles of the 8 event intervals: positions 2, 4, 6 → intervals 2, 5, 9.
        assertThat(BaselineBands.eventQuantiles(data, PersonPeriodExpansion.MONTHLY, 4).starts())
                .containsExactly(0, 2, 5, 9);
        assertThat(BaselineBands.eventQuantiles(data, PersonPeriodExpansion.MONTHLY, 1).starts()).containsExactly(0);
    }

    @Test
    void mergesQuantilesThatShareAnInterval() {
        double[] times = {0.5, 0.6, 0.7, 0.8, 4.2};
        boolean[] events = {true, true, true, true, true};
        SurvivalData data = SurvivalData.of("early events", List.of(), times, events, new double[times.length][0]);
        assertThat(BaselineBands.eventQuantiles(data, PersonPeriodExpansion.MONTHLY, 5).starts()).containsExactly(0, 4);
    }

    @Test
    void rejectsInvalidBands() {
        assertThatThrownBy(() -> BaselineBands.of(1, 3)).hasMessageContaining("start at interval 0");
        assertThatThrownBy(() -> BaselineBands.of(0, 3, 3)).hasMessageContaining("increase strictly");
        SurvivalData noEvents = SurvivalData.of("censored only", List.of(), new double[] {1, 2},
                new boolean[] {false, false}, new double[2][0]);
        assertThatThrownBy(() -> BaselineBands.eventQuantiles(noEvents, PersonPeriodExpansion.MONTHLY, 4))
                .hasMessageContaining("no events");
    }
}
