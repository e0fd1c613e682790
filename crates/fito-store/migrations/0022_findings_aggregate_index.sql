-- The Head's dashboard (issue 13) sums the findings of a subtree in a period. On
-- SQLite, with the STAT4 statistics of the bundled library, the planner answered
-- `GROUP BY f.eppo_code` by walking survey_findings_organism in organism order — every
-- finding of the country, each looked up in the table — instead of the subtree's
-- period through survey_findings_org_time and a sort: 2.9 s instead of 0.06 s for one
-- region on 1,000,000 findings (BENCHMARKS.md, "Analytics"). The same index carrying
-- the columns the sums read answers them from the index alone, which the planner
-- then prefers on both engines; it replaces the narrower one (same leading columns).
CREATE INDEX survey_findings_org_time_sums ON survey_findings
    (organization_id, surveyed_at, eppo_code, category, object_id, area_surveyed_ha, area_infested_ha);
DROP INDEX IF EXISTS survey_findings_org_time;
