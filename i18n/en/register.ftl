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

ogc-landing-title = Fito centre: register of phytosanitary objects
ogc-landing-description = The layers of the register of phytosanitary objects through OGC API – Features (GeoJSON), for QGIS and GDAL.
ogc-collection-objects = All phytosanitary objects
ogc-collection-objects-description = Every active object of the register, of any type.
ogc-collection-description = Active objects of this type.
ogc-collection-not-found = There is no such layer (collection).
ogc-datetime-invalid = The time must be RFC 3339, or an interval start/end.

# Import and export of files (GeoJSON, KML, Shapefile, CSV).
geo-kml-malformed = The KML file is malformed or incomplete{ $where }.
geo-csv-malformed = The CSV file is malformed{ $where }.
geo-csv-missing-columns = The CSV file has no geometry column: it needs a WKT column or longitude and latitude columns (lon, lat){ $where }.
geo-csv-bad-number = A coordinate in the CSV file is not a number{ $where }.
geo-wkt-malformed = The WKT geometry is malformed{ $where }.
geo-zip-malformed = The ZIP archive is malformed or incomplete{ $where }.
geo-shapefile-missing-part = The Shapefile archive lacks a required file (.shp, .dbf and .prj are needed){ $where }.
geo-shapefile-malformed = The Shapefile is malformed{ $where }.
geo-shapefile-mixed-geometry = A Shapefile holds only points or only polygons: filter the selection by object type{ $where }.
geo-prj-unsupported = The coordinate system (.prj) is not recognised or not supported{ $where }.
geo-reprojection-failed = The coordinates could not be converted to WGS 84{ $where }.
geo-io = The file could not be read or written{ $where }.
import-format-unknown = Unknown format “{ $format }”. Choose geojson, kml, shapefile or csv.
import-format-mismatch = The file was declared as { $declared } but its content is { $found }.
import-file-empty = The file is empty.
import-file-no-features = The file holds no features.
import-file-image = This is an image file. Images are not accepted: send GeoJSON, KML, a zipped Shapefile or CSV.
import-file-binary = This file is not GeoJSON, KML, a zipped Shapefile or CSV.
import-feature-invalid = Feature { $feature } of the file was refused{ $where }: { $problem } The whole file was refused; nothing was saved.
import-no-organization = There is no organisation yet: start the server once, or name the organisation the objects belong to.
export-format-unknown = Unknown format “{ $format }”. Choose geojson, kml, shapefile or csv.
