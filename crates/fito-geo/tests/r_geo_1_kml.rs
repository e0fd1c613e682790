//! R-GEO-1: KML import/export; GDAL reads the export and GDAL's KML comes back.

mod support;

use fito_geo::ValidationOptions;
use fito_geo::formats::{geojson, kml};
use support::*;

fn opts() -> ValidationOptions {
    ValidationOptions::default()
}

#[test]
fn r_geo_1_kml_round_trip_keeps_geometry_and_text() {
    let features = sample_polygons();
    let mut buf = Vec::new();
    assert_eq!(kml::write(&mut buf, &features).unwrap(), 3);
    let back = kml::read(&buf[..], &opts()).unwrap();
    assert_same_geometries(&features, &back.features);
    assert_eq!(
        back.features[1].properties["name"],
        features[1].properties["name"]
    );
    assert_eq!(
        back.features[2].properties["name"],
        features[2].properties["name"]
    );
    assert_eq!(back.features[1].properties["year"].as_text(), Some("1998"));
}

#[test]
fn r_geo_1_kml_export_is_read_by_gdal_and_back() {
    let dir = tmp();
    for (name, features, kind) in [
        ("points.kml", sample_points(), "POINT"),
        ("fields.kml", sample_polygons()[..1].to_vec(), "POLYGON"),
    ] {
        let path = dir.path().join(name);
        kml::write(std::fs::File::create(&path).unwrap(), &features).unwrap();
        let path = path.to_string_lossy().into_owned();
        // KML layers declare no geometry type, so look at each feature's.
        let (count, _) = ogr_summary(&path);
        assert_eq!(count, features.len(), "{name}");
        assert_eq!(
            ogr_feature_geometries(&path),
            vec![kind.to_string(); features.len()],
            "{name}"
        );
        let theirs = ogr2ogr(dir.path(), "GeoJSON", &format!("{name}.geojson"), &path);
        let back = geojson::read(std::fs::File::open(theirs).unwrap(), &opts()).unwrap();
        assert_same_geometries(&features, &back.features);
    }
}

#[test]
fn r_geo_1_gdal_kml_comes_back_through_our_reader() {
    let dir = tmp();
    let ours = dir.path().join("ours.geojson");
    let features = sample_polygons();
    geojson::write(std::fs::File::create(&ours).unwrap(), &features).unwrap();
    let theirs = ogr2ogr(dir.path(), "KML", "gdal.kml", &ours.to_string_lossy());
    let back = kml::read(std::fs::File::open(theirs).unwrap(), &opts()).unwrap();
    assert_same_geometries(&features, &back.features);
    assert_eq!(
        back.features[0].properties["crop"].as_text(),
        Some("пшеница")
    );
}

#[test]
fn r_geo_1_malformed_kml_is_refused() {
    let cases = [
        (
            "<kml><Document><Placemark><Point><coordinates>71.4,51.1</coordinates></Point>",
            "geo-kml-malformed",
        ),
        (
            "<kml><Placemark><Point><coordinates>seventy,51</coordinates></Point></Placemark></kml>",
            "geo-kml-malformed",
        ),
        (
            "<kml><Placemark><name>no geometry</name></Placemark></kml>",
            "geo-geometry-empty",
        ),
        (
            "<kml><Placemark><LineString><coordinates>71,51 72,51</coordinates></LineString></Placemark></kml>",
            "geo-geometry-type-unsupported",
        ),
        (
            "<kml><Placemark><Point><coordinates>51.1,71.4</coordinates></Point></Placemark></kml>",
            "geo-axes-swapped",
        ),
    ];
    for (text, code) in cases {
        let e = kml::read(text.as_bytes(), &opts()).unwrap_err();
        assert_eq!(e.code(), code, "{text}: {e}");
    }
    let e = kml::read(
        "<kml><Folder><Placemark><Point><coordinates>71.4,51.1</coordinates></Point></Placemark>\
         <Placemark><Polygon><outerBoundaryIs><LinearRing><coordinates>71,51 72,52 72,51 71,52 71,51\
         </coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></Folder></kml>"
            .as_bytes(),
        &opts(),
    )
    .unwrap_err();
    assert_eq!(
        (e.code(), e.at.feature),
        ("geo-ring-self-intersects", Some(2))
    );
}
