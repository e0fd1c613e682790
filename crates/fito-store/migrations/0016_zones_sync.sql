-- Quarantine zones in the change log the field app pulls from (issue 14): the zones of
-- an inspector's area go to the offline cache, so recording a survey point inside an
-- established zone warns offline too. Same triggers as 0010's, for `quarantine_zones`.

{sqlite}
INSERT INTO sync_changes (seq, kind, rkey)
SELECT (SELECT seq FROM sync_head WHERE id = 1) + ROW_NUMBER() OVER (ORDER BY rid), 'zone', lower(hex(id)) FROM quarantine_zones;
UPDATE sync_head SET seq = (SELECT COALESCE(MAX(seq), 0) FROM sync_changes) WHERE id = 1;
CREATE TRIGGER sync_zones_insert AFTER INSERT ON quarantine_zones BEGIN
    UPDATE sync_head SET seq = seq + 1 WHERE id = 1;
    DELETE FROM sync_changes WHERE kind = 'zone' AND rkey = lower(hex(new.id));
    INSERT INTO sync_changes (seq, kind, rkey) VALUES ((SELECT seq FROM sync_head WHERE id = 1), 'zone', lower(hex(new.id)));
END;
CREATE TRIGGER sync_zones_update AFTER UPDATE ON quarantine_zones BEGIN
    UPDATE sync_head SET seq = seq + 1 WHERE id = 1;
    DELETE FROM sync_changes WHERE kind = 'zone' AND rkey = lower(hex(new.id));
    INSERT INTO sync_changes (seq, kind, rkey) VALUES ((SELECT seq FROM sync_head WHERE id = 1), 'zone', lower(hex(new.id)));
END;
{/sqlite}
{postgres}
INSERT INTO sync_changes (seq, kind, rkey)
SELECT (SELECT seq FROM sync_head WHERE id = 1) + ROW_NUMBER() OVER (ORDER BY rid), 'zone', replace(id::text, '-', '') FROM quarantine_zones;
UPDATE sync_head SET seq = (SELECT COALESCE(MAX(seq), 0) FROM sync_changes) WHERE id = 1;
CREATE TRIGGER sync_zones AFTER INSERT OR UPDATE ON quarantine_zones
    FOR EACH ROW EXECUTE FUNCTION sync_note_change('zone', 'id', 'uuid');
{/postgres}
