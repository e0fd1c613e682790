-- An organisation's code: part of every act registry number it gives, so that
-- numbers are unique in the whole country (issue 15). Set by an administrator, or
-- given automatically at the organisation's first numbered act.
ALTER TABLE organizations ADD COLUMN code TEXT;
CREATE UNIQUE INDEX organizations_code ON organizations (code);
