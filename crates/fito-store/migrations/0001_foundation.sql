-- Foundation: organisations, people, sessions, sign-in failures, audit journal.
-- One text for both engines: {uuid} becomes UUID on PostgreSQL and BLOB on SQLite.
-- Times are UTC microseconds since 1970 (BIGINT): exact and ordered on both engines.

CREATE TABLE organizations (
    id          {uuid} PRIMARY KEY,
    parent_id   {uuid} REFERENCES organizations (id),
    -- Materialised path of ids, '/root/…/self/': subtree = prefix match (R-ORG-1).
    path        TEXT NOT NULL UNIQUE,
    name_kk     TEXT NOT NULL,
    name_ru     TEXT NOT NULL,
    name_en     TEXT,
    bin         TEXT,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX organizations_parent ON organizations (parent_id);

CREATE TABLE users (
    id                   {uuid} PRIMARY KEY,
    organization_id      {uuid} REFERENCES organizations (id),
    role                 TEXT,
    status               TEXT NOT NULL,
    surname              TEXT NOT NULL,
    first_name           TEXT NOT NULL,
    patronymic           TEXT,
    phone                TEXT,
    email                TEXT NOT NULL UNIQUE,
    -- NULL only for an administrator created by `fito` before their IIN is known.
    iin                  TEXT UNIQUE,
    position             TEXT NOT NULL,
    password_hash        TEXT,
    must_change_password BOOLEAN NOT NULL,
    cert_subject         TEXT,
    cert_serial          TEXT,
    cert_issuer          TEXT,
    cert_valid_from      BIGINT,
    cert_valid_to        BIGINT,
    cert_bin             TEXT,
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL,
    activated_at         BIGINT
);
CREATE INDEX users_organization ON users (organization_id);

CREATE TABLE sessions (
    id            {uuid} PRIMARY KEY,
    user_id       {uuid} NOT NULL REFERENCES users (id),
    -- SHA-256 of the secret token; the token itself is never stored.
    token_hash    TEXT NOT NULL UNIQUE,
    csrf_hash     TEXT,
    kind          TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    last_seen_at  BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    revoked_at    BIGINT,
    ip            TEXT,
    device_id     TEXT,
    os            TEXT,
    app_version   TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Failed sign-ins by SHA-256 of the lower-cased e-mail, known account or not, so the
-- lockout answer cannot tell whether an account exists.
CREATE TABLE login_failures (
    id         {uuid} PRIMARY KEY,
    email_key  TEXT NOT NULL,
    at         BIGINT NOT NULL
);
CREATE INDEX login_failures_key_at ON login_failures (email_key, at);

CREATE TABLE audit_log (
    seq          BIGINT PRIMARY KEY,
    id           {uuid} NOT NULL UNIQUE,
    at           BIGINT NOT NULL,
    actor_id     {uuid},
    actor_role   TEXT,
    action       TEXT NOT NULL,
    target_type  TEXT,
    target_id    TEXT,
    outcome      TEXT NOT NULL,
    ip           TEXT,
    device_id    TEXT,
    os           TEXT,
    app_version  TEXT,
    details      TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor_id, seq);
CREATE INDEX audit_log_target ON audit_log (target_id, seq);

-- The chain's head: one row. Writers update it first, which serialises appends on
-- both engines (row lock on PostgreSQL, the write lock on SQLite).
CREATE TABLE audit_head (
    id    INTEGER PRIMARY KEY,
    seq   BIGINT NOT NULL,
    hash  TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
