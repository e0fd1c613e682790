-- The quarantine zones a device keeps are those of its user's assigned area (issue 14):
-- the places of their open survey tasks, or their subtree when they have none (the
-- pull decides, app/sync/pull.rs). That area changes with the tasks, so a task that is
-- assigned, done or cancelled moves the zones its inspector may see to the head of the
-- change log: the next pull judges each again, sending the zones that came into the
-- area and dropping (data null) those that left it. The zones themselves reach the log
-- on every change of their own (0016): an established zone lifted reaches the phone.
-- An object on an open task that is redrawn moves the area too: the zones meeting its
-- old or its new box are moved. Same discipline as 0010: numbers from `sync_head`
-- under the audit head lock.

{sqlite}
CREATE TRIGGER sync_tasks_insert_zones AFTER INSERT ON survey_tasks BEGIN
    DELETE FROM sync_changes WHERE kind = 'zone' AND rkey IN (
        SELECT lower(hex(z.id)) FROM quarantine_zones z
        JOIN organizations zo ON zo.id = z.organization_id
        JOIN users u ON u.id = new.assignee_id
        JOIN organizations mine ON mine.id = u.organization_id
        WHERE substr(zo.path, 1, length(mine.path)) = mine.path);
    INSERT INTO sync_changes (seq, kind, rkey)
        SELECT (SELECT seq FROM sync_head WHERE id = 1) + ROW_NUMBER() OVER (ORDER BY z.rid), 'zone', lower(hex(z.id))
        FROM quarantine_zones z
        JOIN organizations zo ON zo.id = z.organization_id
        JOIN users u ON u.id = new.assignee_id
        JOIN organizations mine ON mine.id = u.organization_id
        WHERE substr(zo.path, 1, length(mine.path)) = mine.path;
    UPDATE sync_head SET seq = max(seq, (SELECT COALESCE(MAX(seq), 0) FROM sync_changes)) WHERE id = 1;
END;
CREATE TRIGGER sync_tasks_update_zones AFTER UPDATE OF status ON survey_tasks BEGIN
    DELETE FROM sync_changes WHERE kind = 'zone' AND rkey IN (
        SELECT lower(hex(z.id)) FROM quarantine_zones z
        JOIN organizations zo ON zo.id = z.organization_id
        JOIN users u ON u.id = new.assignee_id
        JOIN organizations mine ON mine.id = u.organization_id
        WHERE substr(zo.path, 1, length(mine.path)) = mine.path);
    INSERT INTO sync_changes (seq, kind, rkey)
        SELECT (SELECT seq FROM sync_head WHERE id = 1) + ROW_NUMBER() OVER (ORDER BY z.rid), 'zone', lower(hex(z.id))
        FROM quarantine_zones z
        JOIN organizations zo ON zo.id = z.organization_id
        JOIN users u ON u.id = new.assignee_id
        JOIN organizations mine ON mine.id = u.organization_id
        WHERE substr(zo.path, 1, length(mine.path)) = mine.path;
    UPDATE sync_head SET seq = max(seq, (SELECT COALESCE(MAX(seq), 0) FROM sync_changes)) WHERE id = 1;
END;
CREATE TRIGGER sync_moved_task_object_zones AFTER UPDATE OF geometry ON objects
WHEN old.geometry IS NOT new.geometry AND EXISTS (
    SELECT 1 FROM survey_task_objects o JOIN survey_tasks t ON t.id = o.task_id
    WHERE o.object_id = new.id AND t.status = 'open')
BEGIN
    DELETE FROM sync_changes WHERE kind = 'zone' AND rkey IN (
        SELECT lower(hex(z.id)) FROM quarantine_zones z
        WHERE (z.max_lon >= old.min_lon AND z.min_lon <= old.max_lon AND z.max_lat >= old.min_lat AND z.min_lat <= old.max_lat)
           OR (z.max_lon >= new.min_lon AND z.min_lon <= new.max_lon AND z.max_lat >= new.min_lat AND z.min_lat <= new.max_lat));
    INSERT INTO sync_changes (seq, kind, rkey)
        SELECT (SELECT seq FROM sync_head WHERE id = 1) + ROW_NUMBER() OVER (ORDER BY z.rid), 'zone', lower(hex(z.id))
        FROM quarantine_zones z
        WHERE (z.max_lon >= old.min_lon AND z.min_lon <= old.max_lon AND z.max_lat >= old.min_lat AND z.min_lat <= old.max_lat)
           OR (z.max_lon >= new.min_lon AND z.min_lon <= new.max_lon AND z.max_lat >= new.min_lat AND z.min_lat <= new.max_lat);
    UPDATE sync_head SET seq = max(seq, (SELECT COALESCE(MAX(seq), 0) FROM sync_changes)) WHERE id = 1;
END;
{/sqlite}
{postgres}
CREATE FUNCTION sync_note_task_zones() RETURNS trigger AS $$
DECLARE
    next_seq BIGINT;
    zone_id UUID;
BEGIN
    PERFORM 1 FROM audit_head WHERE id = 1 FOR UPDATE;
    FOR zone_id IN
        SELECT z.id FROM quarantine_zones z
        JOIN organizations zo ON zo.id = z.organization_id
        JOIN users u ON u.id = NEW.assignee_id
        JOIN organizations mine ON mine.id = u.organization_id
        WHERE substr(zo.path, 1, length(mine.path)) = mine.path
        ORDER BY z.rid
    LOOP
        UPDATE sync_head SET seq = seq + 1 WHERE id = 1 RETURNING seq INTO next_seq;
        DELETE FROM sync_changes WHERE kind = 'zone' AND rkey = replace(zone_id::text, '-', '');
        INSERT INTO sync_changes (seq, kind, rkey) VALUES (next_seq, 'zone', replace(zone_id::text, '-', ''));
    END LOOP;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER sync_tasks_zones AFTER INSERT OR UPDATE OF status ON survey_tasks
    FOR EACH ROW EXECUTE FUNCTION sync_note_task_zones();
CREATE FUNCTION sync_note_moved_object_zones() RETURNS trigger AS $$
DECLARE
    next_seq BIGINT;
    zone_id UUID;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM survey_task_objects o JOIN survey_tasks t ON t.id = o.task_id
                   WHERE o.object_id = NEW.id AND t.status = 'open') THEN
        RETURN NULL;
    END IF;
    PERFORM 1 FROM audit_head WHERE id = 1 FOR UPDATE;
    FOR zone_id IN
        SELECT z.id FROM quarantine_zones z
        WHERE (z.max_lon >= OLD.min_lon AND z.min_lon <= OLD.max_lon AND z.max_lat >= OLD.min_lat AND z.min_lat <= OLD.max_lat)
           OR (z.max_lon >= NEW.min_lon AND z.min_lon <= NEW.max_lon AND z.max_lat >= NEW.min_lat AND z.min_lat <= NEW.max_lat)
        ORDER BY z.rid
    LOOP
        UPDATE sync_head SET seq = seq + 1 WHERE id = 1 RETURNING seq INTO next_seq;
        DELETE FROM sync_changes WHERE kind = 'zone' AND rkey = replace(zone_id::text, '-', '');
        INSERT INTO sync_changes (seq, kind, rkey) VALUES (next_seq, 'zone', replace(zone_id::text, '-', ''));
    END LOOP;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER sync_moved_task_object_zones AFTER UPDATE OF geometry ON objects
    FOR EACH ROW WHEN (OLD.geometry IS DISTINCT FROM NEW.geometry)
    EXECUTE FUNCTION sync_note_moved_object_zones();
{/postgres}
