-- Quarantine zones from proposal to lifting, and laboratory samples (issue 14).

-- A quarantine zone: its organisms, boundary, basis, decision and regime, and where
-- it stands (proposed, established, lifted, withdrawn). Zones are few: the bounding
-- box columns serve a plain range prefilter, the same SQL on both engines.
CREATE TABLE quarantine_zones (
    rid                 {serial_pk},
    id                  {uuid} NOT NULL UNIQUE,
    organization_id     {uuid} NOT NULL REFERENCES organizations (id),
    name                TEXT NOT NULL,
    status              TEXT NOT NULL,
    -- JSON list of EPPO codes.
    organisms           TEXT NOT NULL,
    -- buffer, drawn or imported
    boundary_kind       TEXT NOT NULL,
    radius_km           DOUBLE PRECISION,
    -- The imported file's name, when imported.
    boundary_source     TEXT,
    geometry            TEXT NOT NULL,
    area_ha             DOUBLE PRECISION NOT NULL,
    min_lon             DOUBLE PRECISION NOT NULL,
    min_lat             DOUBLE PRECISION NOT NULL,
    max_lon             DOUBLE PRECISION NOT NULL,
    max_lat             DOUBLE PRECISION NOT NULL,
    -- JSON {"findings": [{"survey_id", "seq"}], "acts": [id]}.
    basis               TEXT NOT NULL,
    regime_kk           TEXT NOT NULL,
    regime_ru           TEXT NOT NULL,
    decision_number     TEXT,
    decision_date       TEXT,
    decision_authority  TEXT,
    decision_document_id {uuid},
    established_at      BIGINT,
    closed_at           BIGINT,
    -- Why it was lifted or withdrawn; for a lifting, the evidence (JSON).
    closing_note        TEXT,
    closing_evidence    TEXT,
    version             BIGINT NOT NULL,
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL,
    created_by          {uuid} NOT NULL,
    updated_by          {uuid} NOT NULL
);
CREATE INDEX quarantine_zones_organization ON quarantine_zones (organization_id, rid);
CREATE INDEX quarantine_zones_box ON quarantine_zones (min_lon, max_lon);

-- Every version of every zone, as it was after each step.
CREATE TABLE quarantine_zone_versions (
    zone_id     {uuid} NOT NULL REFERENCES quarantine_zones (id),
    version     BIGINT NOT NULL,
    change      TEXT NOT NULL,
    snapshot    TEXT NOT NULL,
    changed_at  BIGINT NOT NULL,
    changed_by  {uuid} NOT NULL,
    PRIMARY KEY (zone_id, version)
);

-- A laboratory sample taken with a finding, under the field app's id.
CREATE TABLE samples (
    rid                  {serial_pk},
    id                   {uuid} NOT NULL UNIQUE,
    organization_id      {uuid} NOT NULL REFERENCES organizations (id),
    number               TEXT NOT NULL UNIQUE,
    survey_id            {uuid} NOT NULL REFERENCES surveys (id),
    finding_seq          INTEGER NOT NULL,
    object_id            {uuid},
    -- The organism of the finding the sample is taken for.
    eppo_code            TEXT NOT NULL,
    what                 TEXT NOT NULL,
    quantity             DOUBLE PRECISION NOT NULL,
    unit                 TEXT NOT NULL,
    lat                  DOUBLE PRECISION NOT NULL,
    lon                  DOUBLE PRECISION NOT NULL,
    taken_by             {uuid} NOT NULL,
    taken_at             BIGINT NOT NULL,
    -- taken, sent, received or result
    status               TEXT NOT NULL,
    lab_organization_id  {uuid},
    lab_object_id        {uuid},
    referral_number      TEXT,
    sent_at              BIGINT,
    sent_by              {uuid},
    received_at          BIGINT,
    received_by          {uuid},
    -- The organism the laboratory identified; none for a negative result.
    result_eppo          TEXT,
    -- confirmed or negative
    outcome              TEXT,
    method               TEXT,
    conclusion_number    TEXT,
    conclusion_date      TEXT,
    report_document_id   {uuid},
    result_at            BIGINT,
    result_by            {uuid},
    version              BIGINT NOT NULL,
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL
);
CREATE INDEX samples_status ON samples (status, sent_at);
CREATE INDEX samples_survey ON samples (survey_id, finding_seq);

-- What the laboratory said of a finding (by the sample's result): confirmed or
-- not_confirmed. Kept apart from the finding rows, which a survey's correction rewrites.
CREATE TABLE finding_lab_results (
    survey_id    {uuid} NOT NULL REFERENCES surveys (id),
    seq          INTEGER NOT NULL,
    status       TEXT NOT NULL,
    sample_id    {uuid} NOT NULL REFERENCES samples (id),
    at           BIGINT NOT NULL,
    PRIMARY KEY (survey_id, seq)
);
