-- Live updates, Web Push and scheduled jobs (R-NOTIF-1, R-OPS-3).

-- A browser's or installed app's push subscription (PushSubscription.toJSON()),
-- with the language it subscribed in: the push text is written in it.
CREATE TABLE push_subscriptions (
    id {uuid} PRIMARY KEY,
    user_id {uuid} NOT NULL REFERENCES users(id),
    endpoint TEXT NOT NULL UNIQUE,
    p256dh TEXT NOT NULL,
    auth TEXT NOT NULL,
    lang TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id);

-- One delivery of one notification to one subscription, enqueued in the same
-- transaction as the notification; the worker deletes it once delivered.
CREATE TABLE push_outbox (
    rid {serial_pk},
    subscription_id {uuid} NOT NULL REFERENCES push_subscriptions(id) ON DELETE CASCADE,
    notification_id {uuid} NOT NULL,
    attempts BIGINT NOT NULL,
    next_at BIGINT NOT NULL,
    state TEXT NOT NULL,
    last_error TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX push_outbox_due ON push_outbox (state, next_at);

-- Which instance runs a scheduled job until when (microseconds since the epoch).
CREATE TABLE job_leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    until BIGINT NOT NULL
);

-- Keys the instances share (the VAPID key pair), made once by whichever starts first.
CREATE TABLE server_keys (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
