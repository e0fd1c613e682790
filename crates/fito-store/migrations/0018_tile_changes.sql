-- Map tiles of findings and quarantine zones (issue 16). Tiles are cached until the
-- change log sync keeps (0010) moves; surveys (whose findings are written with them)
-- and zones join that log as kinds `survey` and `zone`, which the mobile pull skips
-- as it skips every kind it does not know. Findings are drawn by position: a range
-- index on it serves the tile's box.

CREATE INDEX survey_findings_position ON survey_findings (lon, lat);

{sqlite}
CREATE TRIGGER sync_surveys_insert AFTER INSERT ON surveys BEGIN
    UPDATE sync_head SET seq = seq + 1 WHERE id = 1;
    DELETE FROM sync_changes WHERE kind = 'survey' AND rkey = lower(hex(new.id));
    INSERT INTO sync_changes (seq, kind, rkey) VALUES ((SELECT seq FROM sync_head WHERE id = 1), 'survey', lower(hex(new.id)));
END;
CREATE TRIGGER sync_surveys_update AFTER UPDATE ON surveys BEGIN
    UPDATE sync_head SET seq = seq + 1 WHERE id = 1;
    DELETE FROM sync_changes WHERE kind = 'survey' AND rkey = lower(hex(new.id));
    INSERT INTO sync_changes (seq, kind, rkey) VALUES ((SELECT seq FROM sync_head WHERE id = 1), 'survey', lower(hex(new.id)));
END;
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
CREATE TRIGGER sync_surveys AFTER INSERT OR UPDATE ON surveys
    FOR EACH ROW EXECUTE FUNCTION sync_note_change('survey', 'id', 'uuid');
CREATE TRIGGER sync_zones AFTER INSERT OR UPDATE ON quarantine_zones
    FOR EACH ROW EXECUTE FUNCTION sync_note_change('zone', 'id', 'uuid');
{/postgres}
