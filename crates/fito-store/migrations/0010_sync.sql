-- Offline sync (R-MOB-1, R-MOB-2): the change log the mobile app pulls from.
--
-- One row per syncable record (object, survey task, act, reference entry), moved to a
-- new, higher `seq` on every insert or update of the record by the triggers below, so
-- the log stays as large as the data and a pull from a cursor sees each record once,
-- at its latest change. `kind` names the table, `rkey` the record: a UUID as 32 lower-
-- case hex digits, a reference entry by its code.
--
-- Order: `seq` comes from `sync_head`, written only while the writer holds the audit
-- journal's head lock (PostgreSQL: the trigger takes `audit_head`'s row lock first, the
-- same lock every audited change takes anyway; SQLite: the one write lock). So numbers
-- are handed out in commit order: once a reader sees `seq` n committed, every number
-- below n is committed too, and a cursor never skips a change committed later.

CREATE TABLE sync_head (
    id   INTEGER PRIMARY KEY,
    seq  BIGINT NOT NULL
);
INSERT INTO sync_head (id, seq) VALUES (1, 0);

CREATE TABLE sync_changes (
    seq   BIGINT PRIMARY KEY,
    kind  TEXT NOT NULL,
    rkey  TEXT NOT NULL,
    UNIQUE (kind, rkey)
);

-- The records that exist already.
INSERT INTO sync_changes (seq, kind, rkey)
SELECT ROW_NUMBER() OVER (ORDER BY eppo_code), 'organisms', eppo_code FROM ref_organisms;
INSERT INTO sync_changes (seq, kind, rkey)
SELECT (SELECT COALESCE(MAX(seq), 0) FROM sync_changes) + ROW_NUMBER() OVER (ORDER BY code), 'crops', code FROM ref_crops;
INSERT INTO sync_changes (seq, kind, rkey)
SELECT (SELECT COALESCE(MAX(seq), 0) FROM sync_changes) + ROW_NUMBER() OVER (ORDER BY code), 'object_types', code FROM ref_object_types;
INSERT INTO sync_changes (seq, kind, rkey)
SELECT (SELECT COALESCE(MAX(seq), 0) FROM sync_changes) + ROW_NUMBER() OVER (ORDER BY kato), 'units', kato FROM ref_admin_units;
{sqlite}
INSERT INTO sync_changes (seq, kind, rkey)
SELECT (SELECT COALESCE(MAX(seq), 0) FROM sync_changes) + ROW_NUMBER() OVER (ORDER BY rid), 'object', lower(hex(id)) FROM objects;
INSERT INTO sync_changes (seq, kind, rkey)
SELECT (SELECT COALESCE(MAX(seq), 0) FROM sync_changes) + ROW_NUMBER() OVER (ORDER BY rid), 'task', lower(hex(id)) FROM survey_tasks;
INSERT INTO sync_changes (seq, kind, rkey)
SELECT (SELECT COALESCE(MAX(seq), 0) FROM sync_changes) + ROW_NUMBER() OVER (ORDER BY rid), 'act', lower(hex(id)) FROM acts;
{/sqlite}
{postgres}
INSERT INTO sync_changes (seq, kind, rkey)
SELECT (SELECT COALESCE(MAX(seq), 0) FROM sync_changes) + ROW_NUMBER() OVER (ORDER BY rid), 'object', replace(id::text, '-', '') FROM objects;
INSERT INTO sync_changes (seq, kind, rkey)
SELECT (SELECT COALESCE(MAX(seq), 0) FROM sync_changes) + ROW_NUMBER() OVER (ORDER BY rid), 'task', replace(id::text, '-', '') FROM survey_tasks;
INSERT INTO sync_changes (seq, kind, rkey)
SELECT (SELECT COALESCE(MAX(seq), 0) FROM sync_changes) + ROW_NUMBER() OVER (ORDER BY rid), 'act', replace(id::text, '-', '') FROM acts;
{/postgres}
UPDATE sync_head SET seq = (SELECT COALESCE(MAX(seq), 0) FROM sync_changes) WHERE id = 1;

{sqlite}
CREATE TRIGGER sync_objects_insert AFTER INSERT ON objects BEGIN
    UPDATE sync_head SET seq = seq + 1 WHERE id = 1;
    DELETE FROM sync_changes WHERE kind = 'object' AND rkey = lower(hex(new.id));
    INSERT INTO sync_changes (seq, kind, rkey) VALUES ((SELECT seq FROM sync_head WHERE id = 1), 'object', lower(hex(new.id)));
END;
CREATE TRIGGER sync_objects_update AFTER UPDATE ON objects BEGIN
    UPDATE sync_head SET seq = seq + 1 WHERE id = 1;
    DELETE FROM sync_changes WHERE kind = 'object' AND rkey = lower(hex(new.id));
    INSERT INTO sync_changes (seq, kind, rkey) VALUES ((SELECT seq FROM sync_head WHERE id = 1), 'object', lower(hex(new.id)));
END;
CREATE TRIGGER sync_tasks_insert AFTER INSERT ON survey_tasks BEGIN
    UPDATE sync_head SET seq = seq + 1 WHERE id = 1;
    DELETE FROM sync_changes WHERE kind = 'task' AND rkey = lower(hex(new.id));
    INSERT INTO sync_changes (seq, kind, rkey) VALUES ((SELECT seq FROM sync_head WHERE id = 1), 'task', lower(hex(new.id)));
END;
CREATE TRIGGER sync_tasks_update AFTER UPDATE ON survey_tasks BEGIN
    UPDATE sync_head SET seq = seq + 1 WHERE id = 1;
    DELETE FROM sync_changes WHERE kind = 'task' AND rkey = lower(hex(new.id));
    INSERT INTO sync_changes (seq, kind, rkey) VALUES ((SELECT seq FROM sync_head WHERE id = 1), 'task', lower(hex(new.id)));
END;
-- An object enters or leaves an inspector's field scope with the tasks it is on.
CREATE TRIGGER sync_task_objects_insert AFTER INSERT ON survey_task_objects BEGIN
    UPDATE sync_head SET seq = seq + 1 WHERE id = 1;
    DELETE FROM sync_changes WHERE kind = 'object' AND rkey = lower(hex(new.object_id));
    INSERT INTO sync_changes (seq, kind, rkey) VALUES ((SELECT seq FROM sync_head WHERE id = 1), 'object', lower(hex(new.object_id)));
END;
CREATE TRIGGER sync_tasks_update_objects AFTER UPDATE ON survey_tasks BEGIN
    DELETE FROM sync_changes WHERE kind = 'object'
        AND rkey IN (SELECT lower(hex(object_id)) FROM survey_task_objects WHERE task_id = new.id);
    INSERT INTO sync_changes (seq, kind, rkey)
        SELECT (SELECT seq FROM sync_head WHERE id = 1) + ROW_NUMBER() OVER (ORDER BY object_id), 'object', lower(hex(object_id))
        FROM survey_task_objects WHERE task_id = new.id;
    UPDATE sync_head SET seq = max(seq, (SELECT COALESCE(MAX(seq), 0) FROM sync_changes)) WHERE id = 1;
END;
CREATE TRIGGER sync_acts_insert AFTER INSERT ON acts BEGIN
    UPDATE sync_head SET seq = seq + 1 WHERE id = 1;
    DELETE FROM sync_changes WHERE kind = 'act' AND rkey = lower(hex(new.id));
    INSERT INTO sync_changes (seq, kind, rkey) VALUES ((SELECT seq FROM sync_head WHERE id = 1), 'act', lower(hex(new.id)));
END;
CREATE TRIGGER sync_acts_update AFTER UPDATE ON acts BEGIN
    UPDATE sync_head SET seq = seq + 1 WHERE id = 1;
    DELETE FROM sync_changes WHERE kind = 'act' AND rkey = lower(hex(new.id));
    INSERT INTO sync_changes (seq, kind, rkey) VALUES ((SELECT seq FROM sync_head WHERE id = 1), 'act', lower(hex(new.id)));
END;
CREATE TRIGGER sync_organisms_insert AFTER INSERT ON ref_organisms BEGIN
    UPDATE sync_head SET seq = seq + 1 WHERE id = 1;
    DELETE FROM sync_changes WHERE kind = 'organisms' AND rkey = new.eppo_code;
    INSERT INTO sync_changes (seq, kind, rkey) VALUES ((SELECT seq FROM sync_head WHERE id = 1), 'organisms', new.eppo_code);
END;
CREATE TRIGGER sync_organisms_update AFTER UPDATE ON ref_organisms BEGIN
    UPDATE sync_head SET seq = seq + 1 WHERE id = 1;
    DELETE FROM sync_changes WHERE kind = 'organisms' AND rkey = new.eppo_code;
    INSERT INTO sync_changes (seq, kind, rkey) VALUES ((SELECT seq FROM sync_head WHERE id = 1), 'organisms', new.eppo_code);
END;
CREATE TRIGGER sync_crops_insert AFTER INSERT ON ref_crops BEGIN
    UPDATE sync_head SET seq = seq + 1 WHERE id = 1;
    DELETE FROM sync_changes WHERE kind = 'crops' AND rkey = new.code;
    INSERT INTO sync_changes (seq, kind, rkey) VALUES ((SELECT seq FROM sync_head WHERE id = 1), 'crops', new.code);
END;
CREATE TRIGGER sync_crops_update AFTER UPDATE ON ref_crops BEGIN
    UPDATE sync_head SET seq = seq + 1 WHERE id = 1;
    DELETE FROM sync_changes WHERE kind = 'crops' AND rkey = new.code;
    INSERT INTO sync_changes (seq, kind, rkey) VALUES ((SELECT seq FROM sync_head WHERE id = 1), 'crops', new.code);
END;
CREATE TRIGGER sync_object_types_insert AFTER INSERT ON ref_object_types BEGIN
    UPDATE sync_head SET seq = seq + 1 WHERE id = 1;
    DELETE FROM sync_changes WHERE kind = 'object_types' AND rkey = new.code;
    INSERT INTO sync_changes (seq, kind, rkey) VALUES ((SELECT seq FROM sync_head WHERE id = 1), 'object_types', new.code);
END;
CREATE TRIGGER sync_object_types_update AFTER UPDATE ON ref_object_types BEGIN
    UPDATE sync_head SET seq = seq + 1 WHERE id = 1;
    DELETE FROM sync_changes WHERE kind = 'object_types' AND rkey = new.code;
    INSERT INTO sync_changes (seq, kind, rkey) VALUES ((SELECT seq FROM sync_head WHERE id = 1), 'object_types', new.code);
END;
CREATE TRIGGER sync_units_insert AFTER INSERT ON ref_admin_units BEGIN
    UPDATE sync_head SET seq = seq + 1 WHERE id = 1;
    DELETE FROM sync_changes WHERE kind = 'units' AND rkey = new.kato;
    INSERT INTO sync_changes (seq, kind, rkey) VALUES ((SELECT seq FROM sync_head WHERE id = 1), 'units', new.kato);
END;
CREATE TRIGGER sync_units_update AFTER UPDATE ON ref_admin_units BEGIN
    UPDATE sync_head SET seq = seq + 1 WHERE id = 1;
    DELETE FROM sync_changes WHERE kind = 'units' AND rkey = new.kato;
    INSERT INTO sync_changes (seq, kind, rkey) VALUES ((SELECT seq FROM sync_head WHERE id = 1), 'units', new.kato);
END;
{/sqlite}
{postgres}
-- TG_ARGV: the kind, the key column, and whether it is a UUID.
CREATE FUNCTION sync_note_change() RETURNS trigger AS $$
DECLARE
    next_seq BIGINT;
    record_key TEXT;
BEGIN
    -- The audit head's row lock first: the order every audited writer takes locks in,
    -- and what makes `seq` follow commit order.
    PERFORM 1 FROM audit_head WHERE id = 1 FOR UPDATE;
    UPDATE sync_head SET seq = seq + 1 WHERE id = 1 RETURNING seq INTO next_seq;
    record_key := to_jsonb(NEW) ->> TG_ARGV[1];
    IF TG_ARGV[2] = 'uuid' THEN
        record_key := replace(record_key, '-', '');
    END IF;
    DELETE FROM sync_changes WHERE kind = TG_ARGV[0] AND rkey = record_key;
    INSERT INTO sync_changes (seq, kind, rkey) VALUES (next_seq, TG_ARGV[0], record_key);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER sync_objects AFTER INSERT OR UPDATE ON objects
    FOR EACH ROW EXECUTE FUNCTION sync_note_change('object', 'id', 'uuid');
CREATE TRIGGER sync_tasks AFTER INSERT OR UPDATE ON survey_tasks
    FOR EACH ROW EXECUTE FUNCTION sync_note_change('task', 'id', 'uuid');
-- An object enters or leaves an inspector's field scope with the tasks it is on.
CREATE FUNCTION sync_note_task_objects() RETURNS trigger AS $$
DECLARE
    next_seq BIGINT;
    object UUID;
BEGIN
    PERFORM 1 FROM audit_head WHERE id = 1 FOR UPDATE;
    FOR object IN SELECT object_id FROM survey_task_objects WHERE task_id = NEW.id ORDER BY object_id LOOP
        UPDATE sync_head SET seq = seq + 1 WHERE id = 1 RETURNING seq INTO next_seq;
        DELETE FROM sync_changes WHERE kind = 'object' AND rkey = replace(object::text, '-', '');
        INSERT INTO sync_changes (seq, kind, rkey) VALUES (next_seq, 'object', replace(object::text, '-', ''));
    END LOOP;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER sync_task_objects AFTER INSERT ON survey_task_objects
    FOR EACH ROW EXECUTE FUNCTION sync_note_change('object', 'object_id', 'uuid');
CREATE TRIGGER sync_tasks_objects AFTER UPDATE ON survey_tasks
    FOR EACH ROW EXECUTE FUNCTION sync_note_task_objects();
CREATE TRIGGER sync_acts AFTER INSERT OR UPDATE ON acts
    FOR EACH ROW EXECUTE FUNCTION sync_note_change('act', 'id', 'uuid');
CREATE TRIGGER sync_organisms AFTER INSERT OR UPDATE ON ref_organisms
    FOR EACH ROW EXECUTE FUNCTION sync_note_change('organisms', 'eppo_code', 'text');
CREATE TRIGGER sync_crops AFTER INSERT OR UPDATE ON ref_crops
    FOR EACH ROW EXECUTE FUNCTION sync_note_change('crops', 'code', 'text');
CREATE TRIGGER sync_object_types AFTER INSERT OR UPDATE ON ref_object_types
    FOR EACH ROW EXECUTE FUNCTION sync_note_change('object_types', 'code', 'text');
CREATE TRIGGER sync_units AFTER INSERT OR UPDATE ON ref_admin_units
    FOR EACH ROW EXECUTE FUNCTION sync_note_change('units', 'kato', 'text');
{/postgres}
