package org.oncopredict.profile.service;

import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import org.jboss.logging.Logger;
import org.oncopredict.profile.domain.CohortFilter;
import org.oncopredict.profile.domain.EcogAssessment;
import org.oncopredict.profile.domain.History;
import org.oncopredict.profile.domain.LabResult;
import org.oncopredict.profile.domain.Page;
import org.oncopredict.profile.domain.PatientProfile;
import org.oncopredict.profile.domain.PatientSummary;
import org.oncopredict.profile.domain.ReasonStopped;
import org.oncopredict.profile.domain.TherapyLine;
import org.oncopredict.profile.mapping.ProfileEntityMapper;
import org.oncopredict.profile.repository.PatientEntity;
import org.oncopredict.profile.repository.PatientRepository;
import org.oncopredict.profile.repository.ProfileReader;
import org.oncopredict.profile.repository.ProfileChangeEntity;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Every command on patient profiles, shared by the REST and gRPC APIs.
 *
 * <p>Each command is one transaction: the candidate profile is built, validated whole (field and cross-field
 * rules) and only then written, so a rejected command writes nothing. Updates lock the patient row, compare
 * the caller's expected version (from If-Match) with the current one and advance it by exactly one, so two
 * concurrent writers of the same version cannot both succeed. Every change is recorded in the change log with
 * the actor's pseudonymous id. Logs name patients by pseudonym only.
 */
@ApplicationScoped
public class PatientProfileService {

    private static final Logger LOG = Logger.getLogger(PatientProfileService.class);
    /** Profiles per database round trip and per StreamCohort message. */
    public static final int STREAM_BATCH = 500;
    /** Batches of a stream loaded concurrently ahead of the sender. */
    static final int READ_AHEAD = 2;
    /** Partial unique index: one live profile per MRN (V1__profiles.sql). */
    private static final String MRN_INDEX = "patient_mrn_live";

    private final PatientRepository repository;
    private final ProfileReader reader;
    private final EntityManager em;
    private final Validator validator;
    private final Deidentifier deidentifier;
    private final Clock clock;
    /** Reads StreamCohort batches ahead of the sender; bounded so many streams cannot exhaust the pool. */
    private final ExecutorService readers = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "cohort-reader");
        t.setDaemon(true);
        return t;
    });

    public PatientProfileService(PatientRepository repository, ProfileReader reader, EntityManager em, Validator validator,
                                 Deidentifier deidentifier, Clock clock) {
        this.repository = repository;
        this.reader = reader;
        this.em = em;
        this.validator = validator;
        this.deidentifier = deidentifier;
        this.clock = clock;
    }

    /** Creates a profile if {@code scope} allows it. */
    @WithSpan("profile.create")
    @Transactional
    public PatientProfile create(PatientProfile candidate, String actor, Scope scope) {
        PatientProfile profile = withLineIds(candidate);
        scope.check(null, profile);
        validate(profile);
        if (repository.mrnInUse(profile.identity().mrn(), null)) {
            throw new ProfileException(ProfileException.Reason.CONFLICT,
                    "Another patient already has this MRN", "identity.mrn", null);
        }
        PatientEntity e = new PatientEntity();
        ProfileEntityMapper.copyInto(profile, e);
        e.patientId = Pseudonyms.patientId();
        e.version = 1;
        e.createdAt = Instant.now(clock);
        e.updatedAt = e.createdAt;
        persistNew(e);
        record(e, "CREATE", actor);
        LOG.infof("Created patient %s", e.patientId);
        return profile.assigned(e.patientId, e.version, today());
    }

    @WithSpan("profile.get")
    @Transactional
    public PatientProfile get(@SpanAttribute("oncopredict.patient.pseudonym") String patientId, boolean deidentify) {
        if (!Pseudonyms.isPatientId(patientId)) {
            throw ProfileException.notFound(patientId);
        }
        long id = repository.liveId(patientId).orElseThrow(() -> ProfileException.notFound(patientId));
        PatientProfile p = reader.read(List.of(id), today()).get(0);
        return deidentify ? deidentifier.deidentify(p) : p;
    }

    @WithSpan("profile.list")
    @Transactional
    public Page<PatientSummary> list(CohortFilter filter, int page, int size) {
        LocalDate today = today();
        List<PatientSummary> items = repository.page(filter, page, size).stream()
                .map(e -> ProfileEntityMapper.toSummary(e, today)).toList();
        return new Page<>(items, page, size, repository.countMatching(filter));
    }

    /** Replaces the whole profile if {@code scope} allows it; {@code expectedVersion} is required. */
    @WithSpan("profile.replace")
    @Transactional
    public PatientProfile replace(@SpanAttribute("oncopredict.patient.pseudonym") String patientId, Long expectedVersion,
                                  PatientProfile candidate, String actor, Scope scope) {
        return change(patientId, expectedVersion, true, current -> candidate, "REPLACE", actor, scope);
    }

    /** Applies {@code change} to the current profile (e.g. replaces one section); {@code action} names it in the log. */
    @WithSpan("profile.update-section")
    @Transactional
    public PatientProfile updateSection(@SpanAttribute("oncopredict.patient.pseudonym") String patientId, Long expectedVersion,
                                        UnaryOperator<PatientProfile> change, String action, String actor) {
        return change(patientId, expectedVersion, true, change, action, actor, Scope.ANY);
    }

    /** Appends a therapy line; its line number defaults to the next one. If-Match is optional for appends. */
    @Transactional
    public AddedLine addTherapyLine(String patientId, Long expectedVersion, TherapyLine line, String actor, Scope scope) {
        return addTherapyLine(patientId, expectedVersion, line, null, actor, scope);
    }

    /**
     * Appends a therapy line and, when {@code openLineEnds} is given, ends the line still open before it (the
     * highest-numbered earlier line without an end date) on the new line's start date, in the same write.
     */
    @WithSpan("profile.add-therapy-line")
    @Transactional
    public AddedLine addTherapyLine(@SpanAttribute("oncopredict.patient.pseudonym") String patientId, Long expectedVersion,
                                    TherapyLine line, OpenLineEnd openLineEnds, String actor, Scope scope) {
        String lineId = Pseudonyms.lineId();
        PatientProfile updated = change(patientId, expectedVersion, false, p -> {
            int number = line.lineNumber() != null ? line.lineNumber()
                    : p.history().therapyLines().stream().mapToInt(TherapyLine::lineNumber).max().orElse(0) + 1;
            TherapyLine added = new TherapyLine(lineId, number, line.regimenId(), line.startDate(), line.endDate(),
                    line.bestResponse(), line.progressionDate(), line.worstToxicityGrade(), line.immuneRelatedToxicity(),
                    line.reasonStopped(), line.decidedBy(), line.rationale());
            History history = p.history();
            if (openLineEnds != null) {
                history = endOpenLine(history, number, line.startDate(), openLineEnds);
            }
            return p.withHistory(history.withTherapyLine(added));
        }, "ADD_THERAPY_LINE", actor, scope);
        TherapyLine added = updated.history().therapyLines().stream().filter(t -> lineId.equals(t.lineId())).findFirst().orElseThrow();
        return new AddedLine(added, updated.version());
    }

    /**
     * How the open line ends when a new one starts: its reason stopped (null: not recorded) and, for progression, the
     * progression date if the line has none yet.
     */
    public record OpenLineEnd(ReasonStopped reason, LocalDate progressionDate) {
        public OpenLineEnd {
            if (reason == ReasonStopped.ONGOING) {
                throw ProfileException.invalidArgument("open_line_reason", "a line being ended cannot be ONGOING");
            }
        }
    }

    private static History endOpenLine(History history, int newNumber, LocalDate start, OpenLineEnd end) {
        TherapyLine open = history.therapyLines().stream()
                .filter(t -> t.endDate() == null && t.lineNumber() != null && t.lineNumber() < newNumber)
                .max(java.util.Comparator.comparing(TherapyLine::lineNumber)).orElse(null);
        if (open == null) {
            return history;
        }
        if (start != null && start.isBefore(open.startDate())) {
            throw ProfileException.invalidArgument("line.start_date", "is before the start of line " + open.lineNumber()
                    + " (" + open.startDate() + "), the open line it would end");
        }
        LocalDate progressed = open.progressionDate();
        if (end.progressionDate() != null) {
            if (end.progressionDate().isBefore(open.startDate()) || (start != null && end.progressionDate().isAfter(start))) {
                throw ProfileException.invalidArgument("open_line_progression_date", "must lie between the start of line "
                        + open.lineNumber() + " (" + open.startDate() + ") and the new line's start (" + start + ")");
            }
            progressed = end.progressionDate();
        }
        if (end.reason() == ReasonStopped.PROGRESSION && progressed == null) {
            throw ProfileException.invalidArgument("open_line_progression_date", "is required: line " + open.lineNumber()
                    + " stopped for progression and has no progression date (it dates the PFS event)");
        }
        String id = open.lineId();
        LocalDate progression = progressed;
        return history.mapTherapyLines(t -> t.lineId() != null && t.lineId().equals(id)
                ? t.endedOn(start, end.reason(), progression) : t);
    }

    /** A therapy line as stored, and the profile version after adding it. */
    public record AddedLine(TherapyLine line, long version) {
    }

    @WithSpan("profile.add-lab")
    @Transactional
    public PatientProfile addLab(@SpanAttribute("oncopredict.patient.pseudonym") String patientId, Long expectedVersion, LabResult lab,
                                 String actor, Scope scope) {
        return change(patientId, expectedVersion, false, p -> p.withHistory(p.history().withLab(lab)), "ADD_LAB", actor,
                scope);
    }

    @WithSpan("profile.add-ecog")
    @Transactional
    public PatientProfile addEcog(@SpanAttribute("oncopredict.patient.pseudonym") String patientId, Long expectedVersion,
                                  EcogAssessment ecog, String actor, Scope scope) {
        return change(patientId, expectedVersion, false, p -> p.withHistory(p.history().withEcog(ecog)), "ADD_ECOG",
                actor, scope);
    }

    /** Soft delete: the profile disappears from every read and its MRN is freed; the row and the log stay. */
    @WithSpan("profile.delete")
    @Transactional
    public void delete(@SpanAttribute("oncopredict.patient.pseudonym") String patientId, Long expectedVersion, String actor) {
        PatientEntity e = load(patientId, true);
        checkVersion(e, expectedVersion, false);
        e.version++;
        e.deletedAt = Instant.now(clock);
        e.updatedAt = e.deletedAt;
        record(e, "DELETE", actor);
        LOG.infof("Deleted patient %s", patientId);
    }

    /**
     * Streams matching profiles to {@code sink} in batches of {@link #STREAM_BATCH}. The ids of each batch are
     * selected by keyset paging in a short transaction; the profiles of up to {@link #READ_AHEAD} batches are
     * then loaded in parallel on the reader pool while earlier batches are being sent, so database work,
     * mapping and network overlap. Batches reach the sink in id order. No transaction or cursor is held across
     * a slow consumer. A profile deleted between selection and loading may still be sent once.
     *
     * @param maxProfiles stop after this many; 0 for no limit
     * @return the number of profiles sent
     */
    @WithSpan("profile.stream-cohort")
    public long stream(CohortFilter filter, boolean deidentify, int maxProfiles, Consumer<List<PatientProfile>> sink) {
        long selected = 0;
        long sent = 0;
        long afterId = 0;
        boolean more = true;
        Deque<CompletableFuture<List<PatientProfile>>> inFlight = new ArrayDeque<>();
        while (more || !inFlight.isEmpty()) {
            if (more) {
                int limit = maxProfiles <= 0 ? STREAM_BATCH : (int) Math.min(STREAM_BATCH, maxProfiles - selected);
                long cursor = afterId;
                List<Long> ids = QuarkusTransaction.requiringNew().call(() -> repository.idsAfter(filter, cursor, limit));
                selected += ids.size();
                more = ids.size() == limit && (maxProfiles <= 0 || selected < maxProfiles);
                if (!ids.isEmpty()) {
                    afterId = ids.get(ids.size() - 1);
                    inFlight.add(CompletableFuture.supplyAsync(
                            () -> QuarkusTransaction.requiringNew().call(() -> load(ids, deidentify)), readers));
                }
            }
            if (!inFlight.isEmpty() && (inFlight.size() >= READ_AHEAD || !more)) {
                List<PatientProfile> batch = join(inFlight.poll());
                sink.accept(batch);
                sent += batch.size();
            }
        }
        return sent;
    }

    private List<PatientProfile> load(List<Long> ids, boolean deidentify) {
        List<PatientProfile> profiles = reader.read(ids, today());
        return deidentify ? profiles.stream().map(deidentifier::deidentify).toList() : profiles;
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private PatientProfile change(String patientId, Long expectedVersion, boolean ifMatchRequired,
                                  UnaryOperator<PatientProfile> change, String action, String actor, Scope scope) {
        PatientEntity e = load(patientId, true);
        checkVersion(e, expectedVersion, ifMatchRequired);
        PatientProfile current = reader.read(List.of(e.id), today()).get(0);
        PatientProfile candidate = withLineIds(keepLineIds(change.apply(current), current));
        scope.check(current, candidate);
        validate(candidate);
        if (!candidate.identity().mrn().equals(e.mrn) && repository.mrnInUse(candidate.identity().mrn(), e.id)) {
            throw new ProfileException(ProfileException.Reason.CONFLICT, "Another patient already has this MRN",
                    "identity.mrn", null);
        }
        ProfileEntityMapper.copyInto(candidate, e);
        e.version++;
        e.updatedAt = Instant.now(clock);
        record(e, action, actor);
        em.flush();
        return candidate.assigned(e.patientId, e.version, today());
    }

    /** Inserts a new patient; a concurrent create with the same MRN loses on the unique index and gets CONFLICT. */
    private void persistNew(PatientEntity e) {
        try {
            repository.persist(e);
            em.flush();
        } catch (org.hibernate.exception.ConstraintViolationException ex) {
            if (MRN_INDEX.equals(ex.getConstraintName())) {
                throw new ProfileException(ProfileException.Reason.CONFLICT, "Another patient already has this MRN",
                        "identity.mrn", null);
            }
            throw ex;
        }
    }

    private PatientEntity load(String patientId, boolean forUpdate) {
        if (!Pseudonyms.isPatientId(patientId)) {
            throw ProfileException.notFound(patientId);
        }
        return repository.findLive(patientId, forUpdate).orElseThrow(() -> ProfileException.notFound(patientId));
    }

    private static void checkVersion(PatientEntity e, Long expected, boolean required) {
        if (expected == null) {
            if (required) {
                throw new ProfileException(ProfileException.Reason.PRECONDITION_REQUIRED,
                        "Send If-Match with the profile's ETag: updates without it could overwrite someone else's change",
                        "If-Match", e.version);
            }
            return;
        }
        if (expected != e.version) {
            throw ProfileException.versionMismatch(expected, e.version);
        }
    }

    /** A line sent without its id keeps the id of the current line with the same number. */
    private static PatientProfile keepLineIds(PatientProfile candidate, PatientProfile current) {
        return candidate.withHistory(candidate.history().mapTherapyLines(t -> t.lineId() != null ? t
                : current.history().therapyLines().stream()
                        .filter(c -> c.lineNumber().equals(t.lineNumber())).findFirst()
                        .map(c -> t.withLineId(c.lineId())).orElse(t)));
    }

    /** Gives every therapy line without an id a new one (ids of existing lines are kept). */
    private static PatientProfile withLineIds(PatientProfile p) {
        if (p.history().therapyLines().stream().allMatch(t -> t.lineId() != null)) {
            return p;
        }
        return p.withHistory(p.history().mapTherapyLines(t -> t.lineId() == null ? t.withLineId(Pseudonyms.lineId()) : t));
    }

    private void validate(PatientProfile p) {
        Set<ConstraintViolation<PatientProfile>> violations = validator.validate(p);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
    }

    private void record(PatientEntity e, String action, String actor) {
        ProfileChangeEntity c = new ProfileChangeEntity();
        c.patientId = e.patientId;
        c.version = e.version;
        c.action = action;
        c.actor = actor;
        c.changedAt = e.updatedAt;
        c.persist();
    }

    @PreDestroy
    void stopReaders() {
        readers.shutdownNow();
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
