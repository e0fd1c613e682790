-- Every request names its session (R-AUTH-1). On PostgreSQL each server instance
-- keeps the live sessions it has read in memory while it listens, and forgets them
-- when told that something they were read from changed: a session's validity, a
-- user, a person's key (their opened name and e-mail) or the policies to accept
-- (R-PD-1). These triggers send the live channel's "accounts" event, delivered at
-- commit (PostgreSQL folds identical notifications of one transaction). Marking a
-- session seen (`last_seen_at`) sends nothing. A restore empties the tables with
-- TRUNCATE and loads them with triggers off: the TRUNCATE tells, for the sessions
-- and for the change head of migration 0025 alike. SQLite servers read every session.
{postgres}
CREATE FUNCTION accounts_notify() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('fito_live', '"u"');
    RETURN NULL;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER sessions_notify AFTER UPDATE ON sessions FOR EACH ROW
    WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at
       OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
       OR OLD.token_hash IS DISTINCT FROM NEW.token_hash
       OR OLD.csrf_hash IS DISTINCT FROM NEW.csrf_hash
       OR OLD.user_id IS DISTINCT FROM NEW.user_id)
    EXECUTE FUNCTION accounts_notify();
CREATE TRIGGER sessions_delete_notify AFTER DELETE ON sessions
    FOR EACH STATEMENT EXECUTE FUNCTION accounts_notify();
CREATE TRIGGER sessions_truncate_notify AFTER TRUNCATE ON sessions
    FOR EACH STATEMENT EXECUTE FUNCTION accounts_notify();
CREATE TRIGGER users_notify AFTER UPDATE OR DELETE OR TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION accounts_notify();
CREATE TRIGGER person_keys_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON person_keys
    FOR EACH STATEMENT EXECUTE FUNCTION accounts_notify();
CREATE TRIGGER policy_versions_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON policy_versions
    FOR EACH STATEMENT EXECUTE FUNCTION accounts_notify();
CREATE TRIGGER policy_acceptances_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON policy_acceptances
    FOR EACH STATEMENT EXECUTE FUNCTION accounts_notify();
CREATE TRIGGER sync_changes_truncate_notify AFTER TRUNCATE ON sync_changes
    FOR EACH STATEMENT EXECUTE FUNCTION sync_changes_notify();
{/postgres}
