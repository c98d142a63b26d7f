package org.oncopredict.gateway.agenda;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A tumor-board meeting: its date, title, attendees (free text, as the board records them) and the patients to be
 * discussed, in order, by pseudonym.
 */
public record Agenda(UUID id, LocalDate meetingDate, String title, String attendees, List<String> patientIds,
                     String createdBy, Instant createdAt, Instant updatedAt, long version) {

    public Agenda {
        patientIds = List.copyOf(patientIds);
    }
}
