# Map tiles (issue 16)
tile-layer-unknown = There is no map layer "{ $layer }".
tile-not-found = No such tile: zoom 0–22, column and row below 2^zoom, ending in .mvt.
tile-status-invalid = Invalid status "{ $status }": active or archived.
tile-period-invalid = The period must start before it ends.
tile-filter-not-for-layer = The filter "{ $filter }" does not apply to the map layer "{ $layer }".
tile-category-invalid = Invalid category "{ $category }": quarantine, especially_dangerous or ordinary.
tile-zone-status-invalid = Invalid zone status "{ $status }": proposed, established, lifted or withdrawn.
