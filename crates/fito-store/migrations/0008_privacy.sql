-- Personal data (R-PD-1, R-PD-2, R-PD-4): the privacy policy and its acceptances,
-- withdrawal requests, and crypto-shredding of people's personal fields.

-- The master key this database's person keys are wrapped with, by its id (a hash of
-- the key, never the key): a server with another key file refuses to start.
CREATE TABLE privacy_master (
    id      INTEGER PRIMARY KEY,
    key_id  TEXT NOT NULL
);

-- One data key per person, wrapped (AES-256-GCM) by the master key. The personal
-- columns of `users` are encrypted with it; deleting the row erases them for good.
CREATE TABLE person_keys (
    person_id   {uuid} PRIMARY KEY,
    master_id   TEXT NOT NULL,
    wrapped     TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

-- Erased people: id and time only. `fito restore` re-applies these to older backups.
CREATE TABLE person_erasures (
    person_id  {uuid} PRIMARY KEY,
    erased_at  BIGINT NOT NULL
);

-- Keyed blind indexes (HMAC-SHA-256) for the equality lookups: sign-in by e-mail,
-- the e-signature's IIN. They carry the uniqueness the encrypted columns cannot.
ALTER TABLE users ADD COLUMN email_bix TEXT;
ALTER TABLE users ADD COLUMN iin_bix TEXT;
CREATE UNIQUE INDEX users_email_bix ON users (email_bix);
CREATE UNIQUE INDEX users_iin_bix ON users (iin_bix);

-- Published policy versions; texts as published, with the SHA-256 of kk "\n" ru.
CREATE TABLE policy_versions (
    id              {uuid} PRIMARY KEY,
    version         TEXT NOT NULL UNIQUE,
    effective_from  TEXT NOT NULL,
    text_kk         TEXT NOT NULL,
    text_ru         TEXT,
    sha256          TEXT NOT NULL,
    published_by    {uuid},
    published_at    BIGINT NOT NULL
);

-- Every acceptance: electronic, or signed (the CMS over the Kazakh text, base64).
CREATE TABLE policy_acceptances (
    id           {uuid} PRIMARY KEY,
    user_id      {uuid} NOT NULL REFERENCES users (id),
    version      TEXT NOT NULL,
    accepted_at  BIGINT NOT NULL,
    method       TEXT NOT NULL,
    ip           TEXT,
    device_id    TEXT,
    signature    TEXT
);
CREATE INDEX policy_acceptances_user ON policy_acceptances (user_id, version);

-- Requests to withdraw consent (R-PD-1, policy §14) and their resolution.
CREATE TABLE withdrawal_requests (
    id           {uuid} PRIMARY KEY,
    user_id      {uuid} NOT NULL REFERENCES users (id),
    reason       TEXT NOT NULL,
    filed_at     BIGINT NOT NULL,
    status       TEXT NOT NULL,
    resolved_by  {uuid},
    resolved_at  BIGINT,
    comment      TEXT
);
CREATE INDEX withdrawal_requests_status ON withdrawal_requests (status, filed_at);
CREATE INDEX withdrawal_requests_user ON withdrawal_requests (user_id);
