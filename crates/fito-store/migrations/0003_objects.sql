-- The register of phytosanitary objects (R-OBJ-1). Geometry is kept as an RFC 7946
-- GeoJSON geometry checked by fito-geo; all geometry logic runs in Rust so both
-- engines answer alike. The database only prefilters by bounding box.

CREATE TABLE objects (
    rid              {serial_pk},
    id               {uuid} NOT NULL UNIQUE,
    organization_id  {uuid} NOT NULL REFERENCES organizations (id),
    type_code        TEXT NOT NULL REFERENCES ref_object_types (code),
    name             TEXT NOT NULL,
    -- legal_entity (with BIN) or person (with IIN); none for zones the state sets.
    owner_kind       TEXT,
    owner_name       TEXT,
    owner_bin        TEXT,
    owner_iin        TEXT,
    kato             TEXT REFERENCES ref_admin_units (kato),
    crop_code        TEXT REFERENCES ref_crops (code),
    status           TEXT NOT NULL,
    geometry         TEXT NOT NULL,
    area_ha          DOUBLE PRECISION NOT NULL,
    min_lon          DOUBLE PRECISION NOT NULL,
    min_lat          DOUBLE PRECISION NOT NULL,
    max_lon          DOUBLE PRECISION NOT NULL,
    max_lat          DOUBLE PRECISION NOT NULL,
    notes            TEXT,
    version          BIGINT NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    created_by       {uuid},
    updated_by       {uuid}
);
CREATE INDEX objects_organization ON objects (organization_id, rid);

{sqlite}
-- R*Tree of the bounding boxes, kept in step by triggers.
CREATE VIRTUAL TABLE objects_rtree USING rtree (rid, min_lon, max_lon, min_lat, max_lat);
CREATE TRIGGER objects_rtree_insert AFTER INSERT ON objects BEGIN
    INSERT INTO objects_rtree VALUES (new.rid, new.min_lon, new.max_lon, new.min_lat, new.max_lat);
END;
CREATE TRIGGER objects_rtree_update AFTER UPDATE OF min_lon, min_lat, max_lon, max_lat ON objects BEGIN
    UPDATE objects_rtree
    SET min_lon = new.min_lon, max_lon = new.max_lon, min_lat = new.min_lat, max_lat = new.max_lat
    WHERE rid = new.rid;
END;
CREATE TRIGGER objects_rtree_delete AFTER DELETE ON objects BEGIN
    DELETE FROM objects_rtree WHERE rid = old.rid;
END;
{/sqlite}
{postgres}
-- GiST over PostgreSQL's own box type: no PostGIS needed for a bbox prefilter.
CREATE INDEX objects_bbox ON objects USING gist (box(point(min_lon, min_lat), point(max_lon, max_lat)));
{/postgres}

-- Every version of every object, as it was after each change.
CREATE TABLE object_versions (
    object_id   {uuid} NOT NULL REFERENCES objects (id),
    version     BIGINT NOT NULL,
    change      TEXT NOT NULL,
    snapshot    TEXT NOT NULL,
    changed_at  BIGINT NOT NULL,
    changed_by  {uuid},
    PRIMARY KEY (object_id, version)
);
