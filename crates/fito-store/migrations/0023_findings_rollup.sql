-- The Head's dashboard (issue 13) sums findings by KATO district, organism and month
-- over a season: on the fly that re-read 500,000 rows per breakdown for the country
-- (BENCHMARKS.md, "The Head's analytics"). These rows keep the sums per organisation,
-- district (the object's first four KATO digits, '' for none), organism, category
-- and month (its first day, µs UTC), changed in the same transaction as the findings
-- they sum (fito-store analytics/rollup.rs, docs/architecture/decisions.md). Hectares
-- are whole micro-hectares, as the on-the-fly sums make them. The rows of the
-- findings already stored are made by the migration step after this text.
CREATE TABLE findings_rollup (
    organization_id {uuid} NOT NULL,
    month           BIGINT NOT NULL,
    district        TEXT NOT NULL,
    eppo_code       TEXT NOT NULL,
    category        TEXT NOT NULL,
    surveyed        BIGINT NOT NULL,
    infested        BIGINT NOT NULL,
    foci            BIGINT NOT NULL,
    PRIMARY KEY (organization_id, month, district, eppo_code, category)
){sqlite} WITHOUT ROWID{/sqlite};

-- The newest quarantine findings are read newest first: walking this backwards stops
-- after the few asked for instead of sorting the season's quarantine findings.
CREATE INDEX survey_findings_notable ON survey_findings (surveyed_at, survey_id, seq)
    WHERE category <> 'ordinary';

-- Inspectors' workload counts the surveys of a subtree and period by inspector: with
-- the inspector in the index that is read from the index alone, not from the survey
-- rows (each carries its GPS points). Same leading columns as the index it replaces.
CREATE INDEX surveys_org_time_inspector ON surveys (organization_id, surveyed_at, inspector_id);
DROP INDEX IF EXISTS surveys_org_time;
