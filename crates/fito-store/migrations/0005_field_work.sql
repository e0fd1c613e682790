-- Field work: survey tasks (R-SURV-2), surveys with their findings (R-SURV-1),
-- inspection acts with their workflow and registry numbers (R-ACT-1..3), documents
-- (R-DOC-1) and in-app notifications (R-NOTIF-1).

-- A Head's assignment: objects and/or an area, to one inspector, for some days.
CREATE TABLE survey_tasks (
    rid              {serial_pk},
    id               {uuid} NOT NULL UNIQUE,
    organization_id  {uuid} NOT NULL REFERENCES organizations (id),
    assignee_id      {uuid} NOT NULL REFERENCES users (id),
    -- plan, control_visit or complaint
    basis            TEXT NOT NULL,
    -- GeoJSON polygon of an area to survey, when the task is not (only) objects.
    area             TEXT,
    starts_on        TEXT NOT NULL,
    due_on           TEXT NOT NULL,
    -- open, done or cancelled
    status           TEXT NOT NULL,
    note             TEXT,
    -- The art. 18 warnings the Head confirmed when assigning (JSON list).
    warnings         TEXT NOT NULL,
    created_by       {uuid} NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX survey_tasks_assignee ON survey_tasks (assignee_id, due_on);

-- The objects of a task; also the visits counted against the art. 18 limit.
CREATE TABLE survey_task_objects (
    task_id    {uuid} NOT NULL REFERENCES survey_tasks (id),
    object_id  {uuid} NOT NULL REFERENCES objects (id),
    starts_on  TEXT NOT NULL,
    due_on     TEXT NOT NULL,
    PRIMARY KEY (task_id, object_id)
);
CREATE INDEX survey_task_objects_object ON survey_task_objects (object_id, starts_on);

-- One survey by one inspector: the points with their findings travel as one JSON
-- document (it is written whole, offline first); findings are also kept as rows
-- below so they can be searched and exported.
CREATE TABLE surveys (
    rid              {serial_pk},
    id               {uuid} NOT NULL UNIQUE,
    organization_id  {uuid} NOT NULL REFERENCES organizations (id),
    inspector_id     {uuid} NOT NULL REFERENCES users (id),
    task_id          {uuid} REFERENCES survey_tasks (id),
    object_id        {uuid} REFERENCES objects (id),
    -- GeoJSON point of an ad-hoc place (no registered object).
    place            TEXT,
    surveyed_at      BIGINT NOT NULL,
    crop_code        TEXT REFERENCES ref_crops (code),
    growth_phase     TEXT,
    notes            TEXT,
    points           TEXT NOT NULL,
    version          BIGINT NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX surveys_object ON surveys (object_id);

CREATE TABLE survey_findings (
    survey_id        {uuid} NOT NULL REFERENCES surveys (id),
    seq              INTEGER NOT NULL,
    organization_id  {uuid} NOT NULL,
    object_id        {uuid},
    point_seq        INTEGER NOT NULL,
    lat              DOUBLE PRECISION NOT NULL,
    lon              DOUBLE PRECISION NOT NULL,
    surveyed_at      BIGINT NOT NULL,
    eppo_code        TEXT NOT NULL REFERENCES ref_organisms (eppo_code),
    -- quarantine, especially_dangerous or ordinary
    category         TEXT NOT NULL,
    development_stage TEXT,
    intensity_kind   TEXT,
    intensity_value  DOUBLE PRECISION,
    area_surveyed_ha DOUBLE PRECISION,
    area_infested_ha DOUBLE PRECISION,
    area_above_threshold_ha DOUBLE PRECISION,
    -- JSON list of {sample_number, lab_referral_number}
    samples          TEXT NOT NULL,
    notes            TEXT,
    PRIMARY KEY (survey_id, seq)
);
CREATE INDEX survey_findings_organism ON survey_findings (eppo_code, object_id);

ALTER TABLE objects ADD COLUMN quarantine_found_at BIGINT;

CREATE TABLE acts (
    rid              {serial_pk},
    id               {uuid} NOT NULL UNIQUE,
    organization_id  {uuid} NOT NULL REFERENCES organizations (id),
    survey_id        {uuid} NOT NULL REFERENCES surveys (id),
    object_id        {uuid} REFERENCES objects (id),
    inspector_id     {uuid} NOT NULL REFERENCES users (id),
    act_type         TEXT NOT NULL,
    language         TEXT NOT NULL,
    status           TEXT NOT NULL,
    -- Given at approval, per organisation and year, without gaps.
    registry_year    INTEGER,
    registry_seq     BIGINT,
    registry_number  TEXT,
    -- The editable part (conclusions, measures, signatories …) as JSON.
    content          TEXT NOT NULL,
    -- The whole rendering input, frozen at signing; the PDF is stored by its hash.
    frozen           TEXT,
    pdf_sha256       TEXT,
    content_sha256   TEXT,
    version          BIGINT NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    UNIQUE (organization_id, registry_year, registry_seq)
);
CREATE INDEX acts_survey ON acts (survey_id);

-- Every move of every act: its history (R-ACT-2).
CREATE TABLE act_events (
    rid          {serial_pk},
    act_id       {uuid} NOT NULL REFERENCES acts (id),
    step         TEXT NOT NULL,
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    actor_id     {uuid} NOT NULL,
    comment      TEXT,
    at           BIGINT NOT NULL
);
CREATE INDEX act_events_act ON act_events (act_id, rid);

-- The last registry number given per organisation and year.
CREATE TABLE act_counters (
    organization_id  {uuid} NOT NULL REFERENCES organizations (id),
    year             INTEGER NOT NULL,
    last_seq         BIGINT NOT NULL,
    PRIMARY KEY (organization_id, year)
);

-- A document attached to an object, survey or act; the bytes are stored by SHA-256.
CREATE TABLE documents (
    rid              {serial_pk},
    id               {uuid} NOT NULL UNIQUE,
    organization_id  {uuid} NOT NULL REFERENCES organizations (id),
    owner_kind       TEXT NOT NULL,
    owner_id         {uuid} NOT NULL,
    file_name        TEXT NOT NULL,
    kind             TEXT NOT NULL,
    media_type       TEXT NOT NULL,
    size             BIGINT NOT NULL,
    sha256           TEXT NOT NULL,
    uploaded_by      {uuid} NOT NULL,
    created_at       BIGINT NOT NULL
);
CREATE INDEX documents_owner ON documents (owner_kind, owner_id);

-- Service notifications in the app (R-NOTIF-1): a kind and its message arguments;
-- the text is made in the reader's language when read.
CREATE TABLE notifications (
    rid          {serial_pk},
    id           {uuid} NOT NULL UNIQUE,
    user_id      {uuid} NOT NULL REFERENCES users (id),
    kind         TEXT NOT NULL,
    args         TEXT NOT NULL,
    target_kind  TEXT,
    target_id    {uuid},
    created_at   BIGINT NOT NULL,
    read_at      BIGINT
);
CREATE INDEX notifications_user ON notifications (user_id, rid);
