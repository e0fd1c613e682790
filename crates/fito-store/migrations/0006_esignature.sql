-- E-signature (R-AUTH-2, R-ACT-2, R-ACT-3): one-time sign-in challenges and the
-- signatures of acts.

-- A challenge is signed once, before it expires; its bytes are kept only as a hash.
CREATE TABLE sign_challenges (
    id           {uuid} PRIMARY KEY,
    nonce_sha256 TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    used_at      BIGINT
);

-- The signature of a signed act: the detached CMS is in the blob store by its hash,
-- beside the PDF it signs. Kept for good, also after the signer's account is deleted.
CREATE TABLE act_signatures (
    act_id           {uuid} PRIMARY KEY REFERENCES acts (id),
    cms_sha256       TEXT NOT NULL,
    pdf_sha256       TEXT NOT NULL,
    signer_iin       TEXT,
    signer_bin       TEXT,
    signer_name      TEXT,
    organization     TEXT,
    serial           TEXT NOT NULL,
    issuer           TEXT NOT NULL,
    algorithm        TEXT NOT NULL,
    valid_from       BIGINT NOT NULL,
    valid_to         BIGINT NOT NULL,
    signing_time     BIGINT,
    signed_at        BIGINT NOT NULL,
    signed_by        {uuid} NOT NULL
);
