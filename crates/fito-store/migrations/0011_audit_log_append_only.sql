-- R-SEC-1, R-AUDIT-1: nobody but the schema owner may change or remove journal
-- entries. Default privileges (scripts/sql/app-role.sql) may have granted the
-- application role UPDATE/DELETE on audit_log when migration 1 created it; take
-- those back from every role but the table's owner.
{sqlite}SELECT 1;{/sqlite}
{postgres}
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT DISTINCT g.grantee
        FROM information_schema.role_table_grants g
        JOIN pg_tables t ON t.schemaname = g.table_schema AND t.tablename = g.table_name
        WHERE g.table_schema = current_schema()
          AND g.table_name = 'audit_log'
          AND g.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE')
          AND g.grantee <> t.tableowner
    LOOP
        EXECUTE 'REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM '
            || CASE WHEN r.grantee = 'PUBLIC' THEN 'PUBLIC' ELSE quote_ident(r.grantee) END;
    END LOOP;
END
$$;
{/postgres}
