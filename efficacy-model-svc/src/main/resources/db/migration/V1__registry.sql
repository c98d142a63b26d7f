-- Model registry and training-job store (DESIGN.md §5). Flyway runs with default schema "efficacy".
-- States and ranges are enforced here as well as in the service: the database is the last line of defence.

CREATE TABLE model_version (
    version             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at          TIMESTAMPTZ      NOT NULL DEFAULT now(),
    created_by          TEXT             NOT NULL,               -- pseudonymous user id
    state               TEXT             NOT NULL CHECK (state IN ('CANDIDATE', 'ACTIVE', 'RETIRED')),
    kind                TEXT             NOT NULL,               -- TRAINED, RECALIBRATED, …
    parent_version      BIGINT           REFERENCES model_version (version),
    feature_schema      TEXT             NOT NULL,
    learner             TEXT             NOT NULL,
    trainer_config      JSONB            NOT NULL,
    provenance          JSONB            NOT NULL,
    cohort_hash         TEXT             NOT NULL CHECK (cohort_hash ~ '^[0-9a-f]{64}$'),
    cohort_size         INTEGER          NOT NULL CHECK (cohort_size > 0),
    metrics             JSONB            NOT NULL,
    model_card          JSONB            NOT NULL,
    -- Held-out figures the quality gate reads; NULL = not measured.
    auroc               DOUBLE PRECISION CHECK (auroc BETWEEN 0 AND 1),
    calibration_slope   DOUBLE PRECISION,
    c_index             DOUBLE PRECISION CHECK (c_index BETWEEN 0 AND 1),
    artifact            BYTEA            NOT NULL CHECK (octet_length(artifact) > 0),
    artifact_sha256     TEXT             NOT NULL CHECK (artifact_sha256 ~ '^[0-9a-f]{64}$'),
    activated_at        TIMESTAMPTZ,
    retired_at          TIMESTAMPTZ,
    CHECK (state <> 'ACTIVE' OR activated_at IS NOT NULL),
    CHECK (state <> 'RETIRED' OR retired_at IS NOT NULL)
);

-- Predictions must never see two active models: at most one ACTIVE row, whatever the application does.
CREATE UNIQUE INDEX model_version_one_active ON model_version ((state)) WHERE state = 'ACTIVE';

-- Append-only history of registry actions; rollback replays the activations recorded here.
CREATE TABLE model_event (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version             BIGINT           NOT NULL REFERENCES model_version (version),
    action              TEXT             NOT NULL
                        CHECK (action IN ('REGISTERED', 'ACTIVATED', 'RETIRED', 'ROLLED_BACK', 'GATE_REFUSED')),
    actor               TEXT             NOT NULL,
    at                  TIMESTAMPTZ      NOT NULL DEFAULT now(),
    detail              JSONB            NOT NULL DEFAULT '{}'
);
CREATE INDEX model_event_version ON model_event (version, id);

-- One row, locked FOR UPDATE by every state change of the registry so that activations and rollbacks
-- run one at a time (the unique index above would otherwise turn a race into an error for one caller).
CREATE TABLE registry_lock (
    id                  INTEGER PRIMARY KEY CHECK (id = 1)
);
INSERT INTO registry_lock (id) VALUES (1);

CREATE TABLE training_job (
    id                  UUID             PRIMARY KEY,
    seq                 BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,  -- creation order, free of clock ties
    state               TEXT             NOT NULL
                        CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    stage               TEXT,
    percent             INTEGER          NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
    message             TEXT,
    requested_by        TEXT             NOT NULL,               -- pseudonymous user id
    request             JSONB            NOT NULL,
    created_at          TIMESTAMPTZ      NOT NULL DEFAULT now(),
    started_at          TIMESTAMPTZ,
    finished_at         TIMESTAMPTZ,
    model_version       BIGINT           REFERENCES model_version (version),
    error               TEXT,
    cancel_requested    BOOLEAN          NOT NULL DEFAULT FALSE,
    CHECK ((state IN ('SUCCEEDED', 'FAILED', 'CANCELLED')) = (finished_at IS NOT NULL)),
    CHECK (state <> 'SUCCEEDED' OR model_version IS NOT NULL)
);
CREATE INDEX training_job_unfinished ON training_job (state) WHERE state IN ('QUEUED', 'RUNNING');
