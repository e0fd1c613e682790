-- The Head's analytics (issue 13) are computed on the fly: each part reads the rows of
-- an organisation subtree within a period, so these lead with the organisation and
-- then the time.
CREATE INDEX survey_findings_org_time ON survey_findings (organization_id, surveyed_at);
CREATE INDEX surveys_org_time ON surveys (organization_id, surveyed_at);
CREATE INDEX acts_org_time ON acts (organization_id, created_at);
CREATE INDEX survey_tasks_org_due ON survey_tasks (organization_id, due_on);
