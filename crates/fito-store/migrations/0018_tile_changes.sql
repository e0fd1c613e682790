-- Map tiles of findings and quarantine zones (issue 16). Tiles are cached until the
-- change log sync keeps (0010) moves; surveys (whose findings are written with them)
-- join that log as kind `survey`, which the mobile pull skips as it skips every kind
-- it does not know (zones joined it in 0016, for the field app's offline zones).
-- Findings are drawn by position: a range index on it serves the tile's box.

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
{/sqlite}
{postgres}
CREATE TRIGGER sync_surveys AFTER INSERT OR UPDATE ON surveys
    FOR EACH ROW EXECUTE FUNCTION sync_note_change('survey', 'id', 'uuid');
{/postgres}
