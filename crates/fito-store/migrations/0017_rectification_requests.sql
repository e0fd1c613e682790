-- Requests to rectify one's personal data (R-PD-1, seed policy §14, issue 15): what a
-- person cannot change themselves (name, IIN, e-mail) they ask an administrator to
-- correct. The text is personal data: erasure blanks it.
CREATE TABLE rectification_requests (
    id           {uuid} PRIMARY KEY,
    user_id      {uuid} NOT NULL REFERENCES users (id),
    details      TEXT NOT NULL,
    filed_at     BIGINT NOT NULL,
    status       TEXT NOT NULL,
    resolved_by  {uuid},
    resolved_at  BIGINT,
    comment      TEXT
);
CREATE INDEX rectification_requests_status ON rectification_requests (status, filed_at);
CREATE INDEX rectification_requests_user ON rectification_requests (user_id);

-- Why an object was archived or restored (issue 15): shown in its version history.
ALTER TABLE object_versions ADD COLUMN reason TEXT;

-- Which kinds of notification a device is pushed (issue 15): `,kind,kind,` or NULL for
-- every kind. The notifications themselves are all kept in the app either way.
ALTER TABLE push_subscriptions ADD COLUMN kinds TEXT;
