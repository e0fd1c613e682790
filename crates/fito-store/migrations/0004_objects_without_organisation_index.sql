-- The organisation index is never selective next to the bounding box: PostgreSQL
-- intersected it with the bbox index and read every entry of a large organisation
-- (25-48 ms for one point on 1M objects, 0.1 ms without it). The subtree test is a
-- plain filter on the rows the bounding box finds.
DROP INDEX IF EXISTS objects_organization;
