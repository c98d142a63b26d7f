-- The gateway's own data: the audit trail and tumor-board agendas. Patients appear only by pseudonym.

-- Append-only, hash-chained audit trail: hash = SHA-256 over the previous row's hash and this row's fields
-- (see AuditLog.hashOf), so changing, deleting or inserting a row breaks the chain from there on.
CREATE TABLE audit_event (
    id                BIGSERIAL    PRIMARY KEY,
    occurred_at       TIMESTAMPTZ  NOT NULL,
    actor_subject     VARCHAR(64)  NOT NULL,   -- Keycloak user id (pseudonymous)
    actor_username    VARCHAR(128) NOT NULL,   -- staff login name, for accountability
    actor_role        VARCHAR(128) NOT NULL,   -- the actor's realm roles, comma-separated
    action            VARCHAR(48)  NOT NULL,
    patient_pseudonym VARCHAR(16),
    model_version     BIGINT,
    trace_id          VARCHAR(32)  NOT NULL,
    outcome           VARCHAR(16)  NOT NULL,   -- SUCCESS | DENIED | FAILED
    detail            VARCHAR(500),
    prev_hash         CHAR(64)     NOT NULL,
    hash              CHAR(64)     NOT NULL UNIQUE
);
CREATE INDEX audit_event_patient ON audit_event (patient_pseudonym, id);
CREATE INDEX audit_event_actor ON audit_event (actor_username, id);
CREATE INDEX audit_event_time ON audit_event (occurred_at);

CREATE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

-- Tumor-board meetings and the patients discussed at them.
CREATE TABLE agenda (
    id            UUID         PRIMARY KEY,
    meeting_date  DATE         NOT NULL,
    title         VARCHAR(200) NOT NULL,
    attendees     VARCHAR(1000) NOT NULL DEFAULT '',
    created_by    VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    version       BIGINT       NOT NULL
);
CREATE INDEX agenda_meeting ON agenda (meeting_date);

CREATE TABLE agenda_patient (
    agenda_id         UUID        NOT NULL REFERENCES agenda (id) ON DELETE CASCADE,
    position          INT         NOT NULL,
    patient_pseudonym VARCHAR(16) NOT NULL,
    PRIMARY KEY (agenda_id, position),
    UNIQUE (agenda_id, patient_pseudonym)
);
CREATE INDEX agenda_patient_pseudonym ON agenda_patient (patient_pseudonym);
