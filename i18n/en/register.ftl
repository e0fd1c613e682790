# The register of phytosanitary objects and its geometry checks.
# `$where` is empty or a location such as " (polygon 1, ring 2, vertex 5)".

geo-at-feature = feature { $feature }
geo-at-line = line { $line }
geo-at-polygon = polygon { $polygon }
geo-at-ring = ring { $ring }
geo-at-vertex = vertex { $vertex }

geo-coordinate-not-finite = A coordinate is not a finite number{ $where }.
geo-latitude-out-of-range = A latitude is outside −90…90{ $where }.
geo-longitude-out-of-range = A longitude is outside −180…180{ $where }.
geo-axes-swapped = The coordinates lie outside Kazakhstan but inside it with longitude and latitude exchanged: give longitude first{ $where }.
geo-geometry-empty = The geometry is empty{ $where }.
geo-geometry-type-unsupported = Only Point, Polygon and MultiPolygon geometries are accepted{ $where }.
geo-ring-too-few-points = A ring needs at least four positions, the first repeated at the end{ $where }.
geo-ring-not-closed = A ring does not end where it starts{ $where }.
geo-ring-self-intersects = A ring crosses or touches itself{ $where }.
geo-rings-intersect = The rings of a polygon cross each other{ $where }.
geo-hole-outside-shell = A hole lies outside its polygon{ $where }.
geo-polygons-overlap = The parts of the multipolygon overlap{ $where }.
geo-crosses-antimeridian = The geometry crosses the 180° meridian{ $where }.
geo-geojson-malformed = The GeoJSON is malformed{ $where }.
geo-geojson-wrong-type = The GeoJSON has a wrong type or member{ $where }.
geo-bbox-invalid = The bounding box must be west,south,east,north in degrees, with west ≤ east and south ≤ north.
geo-distance-invalid = The distance is not valid.
geo-area-invalid = The area is not valid.
geo-repair-ring-closed = A ring was closed by repeating its first position{ $where }.
geo-repair-ring-reoriented = A ring was turned to the standard direction (outer rings counter-clockwise){ $where }.
geo-repair-duplicate-vertices-removed = Repeated positions were removed{ $where }.

object-not-found = The object was not found.
object-type-unknown = Unknown object type. Choose one from the reference list.
object-type-geometry-mismatch = An object of this type must be drawn as a { $geometry }.
object-owner-invalid = The owner needs a name and, for a legal entity, a BIN; for a person, an IIN.
object-kato-unknown = Unknown administrative unit (KATO code).
object-crop-unknown = Unknown crop. Choose one from the reference list.
object-version-conflict = Someone changed this object meanwhile (now version { $current }). Reload it and apply your change again.
object-archived = The object is archived. Restore it first.
object-not-archived = The object is not archived.
object-buffer-radius = The buffer radius must be more than 0 and at most { $max } km.
object-id-taken = An object with this id already exists.
