-- Zoom-6 map tiles (issue 16) count from object_cells too: a zoom-6 tile's cell is one
-- kept cell, and reading every object's box made its tiles the slowest of a zoom-in
-- from the country (0.6–1 s each on SQLite with 1,000,000 objects). Objects big enough
-- to be drawn at zoom 6 (twice the zoom-5 size) must be listed in object_cells_big
-- rather than counted, so both tables are made again for the objects registered, by
-- the same code that keeps them (fito_store::tile_cells, in Rust).
DELETE FROM object_cells;
DELETE FROM object_cells_big;
