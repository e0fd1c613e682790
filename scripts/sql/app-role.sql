-- Least-privilege PostgreSQL roles for Fito centre (R-SEC-1).
--
-- Two roles:
--   owner  owns the schema and every table; `fito migrate` (and `fito serve`'s own
--          migration step, via `[database] migrate_url`) connects as this role.
--   app    what `fito serve` connects as (`database_url`): reads and writes rows,
--          but may only SELECT and INSERT the audit journal (no UPDATE, DELETE,
--          TRUNCATE), and cannot create, ALTER or DROP tables (it owns nothing).
--
-- Run as a superuser, connected to the (existing) database, before the first
-- `fito migrate`; running it again later is harmless:
--
--   createdb fito
--   psql -d fito -v owner=fito_owner -v owner_password='…' \
--        -v app=fito_app -v app_password='…' -f scripts/sql/app-role.sql
--
-- then, in fito.toml:
--   database_url = "postgres://fito_app:…@db/fito"
--   [database]
--   migrate_url  = "postgres://fito_owner:…@db/fito"
--
-- Tables made by later migrations get the app's grants through the default
-- privileges below; migration 0011 takes UPDATE/DELETE/TRUNCATE on audit_log back
-- from everyone but its owner.

\set ON_ERROR_STOP on

SELECT format('CREATE ROLE %I LOGIN PASSWORD %L NOSUPERUSER NOCREATEDB NOCREATEROLE',
              :'owner', :'owner_password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT',
              :'app', :'app_password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app') \gexec

-- Only these two roles may connect; only the owner may create objects.
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database()) \gexec
SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I, %I',
              current_database(), :'owner', :'app') \gexec
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO :"owner";
GRANT USAGE ON SCHEMA public TO :"app";

-- Tables made before this script ran (e.g. by a superuser) pass to the owner.
SELECT format('ALTER TABLE public.%I OWNER TO %I', tablename, :'owner')
FROM pg_tables WHERE schemaname = 'public' AND tableowner <> :'owner' \gexec

-- Rows: read and write for the app, on today's tables and on those migrations add.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO :"app";

-- The audit journal is append-only for the app.
SELECT format('REVOKE UPDATE, DELETE, TRUNCATE ON public.audit_log FROM %I', :'app')
WHERE to_regclass('public.audit_log') IS NOT NULL \gexec
