-- Map tiles are cached until the change log moves (issue 16). On PostgreSQL each
-- server instance keeps the log's head in memory while it listens, and forgets it
-- when told that a change was committed: every statement adding to the log sends
-- the live channel's "changed" event, delivered at commit (one per transaction:
-- PostgreSQL folds identical notifications). SQLite servers read the head instead.
{postgres}
CREATE FUNCTION sync_changes_notify() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('fito_live', '"c"');
    RETURN NULL;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER sync_changes_notify AFTER INSERT ON sync_changes
    FOR EACH STATEMENT EXECUTE FUNCTION sync_changes_notify();
{/postgres}
