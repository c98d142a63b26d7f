-- Patient profiles (DESIGN.md §4). Flyway runs with default schema "profiles".
-- Scalar sections live on the patient row; repeated entries live in child tables ordered by "idx".
-- Value ranges are enforced here as well as in the service: the database is the last line of defence.

CREATE TABLE patient (
    id                      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_id              VARCHAR(16)  NOT NULL UNIQUE,        -- pseudonym, safe to log
    version                 BIGINT       NOT NULL,
    -- identity (PHI)
    mrn                     VARCHAR(32)  NOT NULL,
    given_name              VARCHAR(100) NOT NULL,
    family_name             VARCHAR(100) NOT NULL,
    birth_date              DATE         NOT NULL,
    sex                     VARCHAR(16)  NOT NULL,
    care_teams              VARCHAR(40)[] NOT NULL,
    -- cancer condition
    cancer_type             VARCHAR(16),
    primary_site_code       VARCHAR(8),
    histology_code          VARCHAR(8),
    diagnosis_date          DATE,
    t_category              VARCHAR(8),
    n_category              VARCHAR(8),
    m_category              VARCHAR(8),
    stage_group             VARCHAR(8),
    metastatic_sites        VARCHAR(24)[] NOT NULL DEFAULT '{}',
    -- genomics: scalar biomarkers
    tmb_mut_per_mb          DOUBLE PRECISION CHECK (tmb_mut_per_mb >= 0),
    msi_status              VARCHAR(8),
    pdl1_tps_percent        DOUBLE PRECISION CHECK (pdl1_tps_percent BETWEEN 0 AND 100),
    pdl1_cps                DOUBLE PRECISION CHECK (pdl1_cps BETWEEN 0 AND 100),
    her2_ihc                VARCHAR(16),
    her2_ish                VARCHAR(12),
    er_percent              DOUBLE PRECISION CHECK (er_percent BETWEEN 0 AND 100),
    pr_percent              DOUBLE PRECISION CHECK (pr_percent BETWEEN 0 AND 100),
    specimen_type           VARCHAR(8),
    genomics_report_date    DATE,
    -- lifestyle
    smoking_status          VARCHAR(8),
    pack_years              DOUBLE PRECISION CHECK (pack_years >= 0),
    alcohol_units_per_week  DOUBLE PRECISION CHECK (alcohol_units_per_week >= 0),
    bmi                     DOUBLE PRECISION CHECK (bmi BETWEEN 10 AND 80),
    activity_minutes_per_week INTEGER CHECK (activity_minutes_per_week BETWEEN 0 AND 10080),
    -- follow-up
    last_contact_date       DATE,
    deceased                BOOLEAN      NOT NULL DEFAULT FALSE,
    death_date              DATE,
    -- bookkeeping
    created_at              TIMESTAMPTZ  NOT NULL,
    updated_at              TIMESTAMPTZ  NOT NULL,
    deleted_at              TIMESTAMPTZ
);

-- One live profile per MRN; a soft-deleted profile frees its MRN.
CREATE UNIQUE INDEX patient_mrn_live ON patient (mrn) WHERE deleted_at IS NULL;
CREATE INDEX patient_cancer_type ON patient (cancer_type) WHERE deleted_at IS NULL;
CREATE INDEX patient_care_teams ON patient USING GIN (care_teams);

CREATE TABLE variant (
    patient_ref             BIGINT       NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
    idx                     INTEGER      NOT NULL,
    gene                    VARCHAR(20)  NOT NULL,
    hgvs_c                  VARCHAR(100),
    hgvs_p                  VARCHAR(100),
    vaf                     DOUBLE PRECISION CHECK (vaf BETWEEN 0 AND 1),
    clinical_significance   VARCHAR(24),
    PRIMARY KEY (patient_ref, idx)
);
CREATE INDEX variant_gene ON variant (gene, hgvs_p);

CREATE TABLE copy_number_alteration (
    patient_ref             BIGINT       NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
    idx                     INTEGER      NOT NULL,
    gene                    VARCHAR(20)  NOT NULL,
    type                    VARCHAR(16)  NOT NULL,
    copy_number             DOUBLE PRECISION CHECK (copy_number >= 0),
    PRIMARY KEY (patient_ref, idx)
);
CREATE INDEX copy_number_alteration_gene ON copy_number_alteration (gene);

CREATE TABLE fusion (
    patient_ref             BIGINT       NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
    idx                     INTEGER      NOT NULL,
    gene_5p                 VARCHAR(20)  NOT NULL,
    gene_3p                 VARCHAR(20)  NOT NULL,
    PRIMARY KEY (patient_ref, idx)
);
CREATE INDEX fusion_genes ON fusion (gene_3p, gene_5p);

CREATE TABLE comorbidity (
    patient_ref             BIGINT       NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
    idx                     INTEGER      NOT NULL,
    code                    VARCHAR(10)  NOT NULL,
    display                 VARCHAR(200),
    PRIMARY KEY (patient_ref, idx)
);

CREATE TABLE ecog_assessment (
    patient_ref             BIGINT       NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
    idx                     INTEGER      NOT NULL,
    assessed_on             DATE         NOT NULL,
    score                   INTEGER      NOT NULL CHECK (score BETWEEN 0 AND 4),
    PRIMARY KEY (patient_ref, idx)
);

CREATE TABLE lab_result (
    patient_ref             BIGINT       NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
    idx                     INTEGER      NOT NULL,
    measured_on             DATE         NOT NULL,
    type                    VARCHAR(16)  NOT NULL,
    value                   DOUBLE PRECISION NOT NULL CHECK (value > 0),
    PRIMARY KEY (patient_ref, idx)
);

CREATE TABLE therapy_line (
    patient_ref             BIGINT       NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
    idx                     INTEGER      NOT NULL,
    line_id                 VARCHAR(16)  NOT NULL,
    line_number             INTEGER      NOT NULL CHECK (line_number >= 1),
    regimen_id              VARCHAR(64)  NOT NULL,
    start_date              DATE         NOT NULL,
    end_date                DATE,
    best_response           VARCHAR(16),
    progression_date        DATE,
    worst_toxicity_grade    INTEGER      CHECK (worst_toxicity_grade BETWEEN 0 AND 5),
    immune_related_toxicity BOOLEAN      NOT NULL DEFAULT FALSE,
    reason_stopped          VARCHAR(16),
    decided_by              VARCHAR(64),
    rationale               VARCHAR(4000),
    PRIMARY KEY (patient_ref, idx),
    UNIQUE (patient_ref, line_number)
);
CREATE INDEX therapy_line_regimen ON therapy_line (regimen_id);

-- Append-only record of every change to a profile: who, what, which version. No PHI.
CREATE TABLE profile_change (
    id                      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_id              VARCHAR(16)  NOT NULL,
    version                 BIGINT       NOT NULL,
    action                  VARCHAR(32)  NOT NULL,
    actor                   VARCHAR(64)  NOT NULL,
    changed_at              TIMESTAMPTZ  NOT NULL
);
CREATE INDEX profile_change_patient ON profile_change (patient_id, id);
