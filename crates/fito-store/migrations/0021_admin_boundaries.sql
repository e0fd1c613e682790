-- Boundaries of administrative units (issue 13): loaded by an administrator from a
-- GIS file keyed by KATO code, for the region summary on the map (a choropleth where
-- a boundary is loaded, a symbol at the findings' centre where not). The system works
-- without them. `geometry` is the boundary as imported (validated GeoJSON, WGS 84);
-- `outline` the same simplified for drawing a whole country; the label point lies
-- inside the boundary.

CREATE TABLE admin_boundaries (
    kato        TEXT PRIMARY KEY REFERENCES ref_admin_units (kato),
    geometry    TEXT NOT NULL,
    outline     TEXT NOT NULL,
    min_lon     DOUBLE PRECISION NOT NULL,
    min_lat     DOUBLE PRECISION NOT NULL,
    max_lon     DOUBLE PRECISION NOT NULL,
    max_lat     DOUBLE PRECISION NOT NULL,
    label_lon   DOUBLE PRECISION NOT NULL,
    label_lat   DOUBLE PRECISION NOT NULL,
    updated_at  BIGINT NOT NULL,
    updated_by  {uuid}
);
