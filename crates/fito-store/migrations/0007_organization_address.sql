-- An organisation's postal address: printed in the header of the acts it issues
-- (R-ACT-1).
ALTER TABLE organizations ADD COLUMN address TEXT;
