package org.oncopredict.efficacy.training;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonPeriodExpansionTest {

    private final PersonPeriodExpansion monthly = PersonPeriodExpansion.MONTHLY;

    @Test
    void eventContributesAtRiskRowsAndTheEventInItsInterval() {
        // 2.5 months lies in interval 2 = (2, 3].
        assertThat(monthly.expand(7, 2.5, true)).containsExactly(
                new PersonPeriod(7, 0, false), new PersonPeriod(7, 1, false), new PersonPeriod(7, 2, true));
    }

    @Test
    void eventOnABoundaryBelongsToTheIntervalItCloses() {
        assertThat(monthly.expand(0, 2.0, true)).containsExactly(
                new PersonPeriod(0, 0, false), new PersonPeriod(0, 1, true));
    }

    @Test
    void censoredBeforeHalfAnIntervalContributesOnlyTheCompleteIntervals() {
        assertThat(monthly.expand(3, 2.3, false)).containsExactly(
                new PersonPeriod(3, 0, false), new PersonPeriod(3, 1, false));
    }

    @Test
    void censoredAfterHalfAnIntervalContributesThatIntervalEventFree() {
        assertThat(monthly.expand(3, 2.7, false)).containsExactly(
                new PersonPeriod(3, 0, false), new PersonPeriod(3, 1, false), new PersonPeriod(3, 2, false));
        assertThat(monthly.expand(3, 2.5, false)).hasSize(3);
    }

    @Test
    void censoredOnABoundarySurvivedTheIntervalItCloses() {
        assertThat(monthly.expand(1, 3.0, false)).extracting(PersonPeriod::interval).containsExactly(0, 1, 2);
        assertThat(monthly.expand(1, 3.0, false)).noneMatch(PersonPeriod::event);
    }

    @Test
    void timeZero() {
        assertThat(monthly.expand(5, 0, true)).containsExactly(new PersonPeriod(5, 0, true));
        assertThat(monthly.expand(5, 0, false)).isEmpty();
        assertThat(monthly.lastInterval(0, false)).isEqualTo(-1);
    }

    @Test
    void eventEarlyInTheFirstIntervalIsOneEventRow() {
        assertThat(monthly.expand(0, 0.1, true)).containsExactly(new PersonPeriod(0, 0, true));
        assertThat(monthly.expand(0, 0.1, false)).isEmpty();
    }

    @Test
    void roundingJustAboveABoundaryDoesNotOpenTheNextInterval() {
        PersonPeriodExpansion tenth = new PersonPeriodExpansion(0.1);
        double threeTenths = 3 * 0.1; // 0.30000000000000004, i.e. 3.0000000000000004 intervals
        assertThat(threeTenths / 0.1).isGreaterThan(3);
        assertThat(tenth.intervalOf(threeTenths)).isEqualTo(2);
        assertThat(tenth.expand(0, threeTenths, true)).extracting(PersonPeriod::interval).containsExactly(0, 1, 2);
    }

    @Test
    void weeklyIntervals() {
        PersonPeriodExpansion weekly = new PersonPeriodExpansion(FollowUpUnit.WEEKS.toMonths(1));
        // Day 15 is in week 3 = (14, 21] days, interval 2.
        double fifteenDays = FollowUpUnit.DAYS.toMonths(15);
        assertThat(weekly.intervalOf(fifteenDays)).isEqualTo(2);
        assertThat(weekly.intervalOf(FollowUpUnit.DAYS.toMonths(14))).isEqualTo(1);
    }

    @Test
    void expandsEverySubjectInOrder() {
        SurvivalData data = SurvivalData.of("hand-made", List.of(), new double[] {1.5, 0.2, 0.7},
                new boolean[] {true, false, false}, new double[][] {{}, {}, {}});
        assertThat(monthly.expand(data)).containsExactly(
                new PersonPeriod(0, 0, false), new PersonPeriod(0, 1, true), new PersonPeriod(2, 0, false));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new PersonPeriodExpansion(0)).hasMessageContaining("interval width");
        assertThatThrownBy(() -> monthly.intervalOf(-1)).hasMessageContaining("time must be >= 0");
    }
}
