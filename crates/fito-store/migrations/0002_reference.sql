-- Reference data (R-OBJ-2), managed by administrators, seeded on first start from
-- seed/reference/*.csv. Entries are retired (active = FALSE), never deleted: old
-- surveys and acts keep pointing at them.

CREATE TABLE ref_organisms (
    eppo_code   TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,   -- pest | disease | weed
    category    TEXT NOT NULL,   -- absent | limited (EAEU unified list) | regulated_non_quarantine | other
    name_la     TEXT NOT NULL,
    name_kk     TEXT,
    name_ru     TEXT NOT NULL,
    name_en     TEXT,
    active      BOOLEAN NOT NULL,
    updated_at  BIGINT NOT NULL
);

CREATE TABLE ref_crops (
    code        TEXT PRIMARY KEY,
    eppo_code   TEXT,
    name_la     TEXT,
    name_kk     TEXT NOT NULL,
    name_ru     TEXT NOT NULL,
    name_en     TEXT,
    active      BOOLEAN NOT NULL,
    updated_at  BIGINT NOT NULL
);

CREATE TABLE ref_object_types (
    code        TEXT PRIMARY KEY,
    geometry    TEXT NOT NULL,   -- point | polygon | any
    name_kk     TEXT NOT NULL,
    name_ru     TEXT NOT NULL,
    name_en     TEXT,
    active      BOOLEAN NOT NULL,
    updated_at  BIGINT NOT NULL
);

-- KATO: the classifier of administrative-territorial objects (9 digits).
CREATE TABLE ref_admin_units (
    kato         TEXT PRIMARY KEY,
    level        TEXT NOT NULL,  -- region | city_republican | district | city_regional
    parent_kato  TEXT REFERENCES ref_admin_units (kato),
    name_kk      TEXT NOT NULL,
    name_ru      TEXT NOT NULL,
    name_en      TEXT,
    active       BOOLEAN NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX ref_admin_units_parent ON ref_admin_units (parent_kato);
