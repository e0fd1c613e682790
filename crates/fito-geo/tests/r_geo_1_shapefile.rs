//! R-GEO-1: zipped Shapefile import (with .prj reprojection) and streamed
//! export; GDAL reads the export through /vsizip/.

mod support;

use std::io::{Cursor, Write};
use std::path::Path;

use fito_geo::formats::geojson;
use fito_geo::formats::shapefile::{Column, ColumnKind, read_zip, write_zip};
use fito_geo::{Feature, RawGeometry, ValidationOptions, validate};
use serde_json::json;
use support::*;

fn opts() -> ValidationOptions {
    ValidationOptions::default()
}

fn columns() -> Vec<Column> {
    let text = |n: &str| Column {
        name: n.into(),
        kind: ColumnKind::Text,
    };
    vec![
        text("name"),
        text("crop"),
        text("kato"),
        Column {
            name: "area_ha".into(),
            kind: ColumnKind::Number,
        },
        Column {
            name: "year".into(),
            kind: ColumnKind::Number,
        },
    ]
}

/// Zips every file of `dir` whose name starts with `stem`.
fn zip_dir(dir: &Path, stem: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with(stem) {
            zip.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(&std::fs::read(&path).unwrap()).unwrap();
        }
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn r_geo_1_shapefile_export_is_read_by_gdal_via_vsizip() {
    let dir = tmp();
    for (layer, features, kind) in [
        ("points", sample_points(), "Point"),
        ("fields", sample_polygons(), "Polygon"),
    ] {
        let path = dir.path().join(format!("{layer}.zip"));
        let cols = if layer == "points" {
            vec![
                Column {
                    name: "n".into(),
                    kind: ColumnKind::Number,
                },
                Column {
                    name: "organism".into(),
                    kind: ColumnKind::Text,
                },
            ]
        } else {
            columns()
        };
        let n = write_zip(
            std::fs::File::create(&path).unwrap(),
            layer,
            &cols,
            &features,
        )
        .unwrap();
        assert_eq!(n as usize, features.len());
        let vsi = format!("/vsizip/{}/{layer}.shp", path.display());
        assert_eq!(
            ogr_summary(&vsi),
            (features.len(), kind.to_string()),
            "{layer}"
        );
        let text = gdal("ogrinfo", &["-ro", "-al", "-so", &vsi]);
        assert!(
            text.contains("WGS 84") || text.contains("WGS_1984"),
            "{text}"
        );
        let theirs = ogr2ogr(dir.path(), "GeoJSON", &format!("{layer}.geojson"), &vsi);
        let back = geojson::read(std::fs::File::open(theirs).unwrap(), &opts()).unwrap();
        assert_same_geometries(&features, &back.features);
        let ours = read_zip(std::fs::File::open(&path).unwrap(), &opts()).unwrap();
        assert_same_geometries(&features, &ours.features);
        if layer == "fields" {
            for got in [&back.features, &ours.features] {
                assert_eq!(
                    got[0].properties["name"], features[0].properties["name"],
                    "UTF-8 text survives"
                );
                assert_eq!(got[0].properties["area_ha"].as_number(), Some(71.25));
            }
        }
    }
}

#[test]
fn r_geo_1_empty_shapefile_export_is_read_by_gdal() {
    let dir = tmp();
    let path = dir.path().join("empty.zip");
    write_zip(
        std::fs::File::create(&path).unwrap(),
        "empty",
        &columns(),
        Vec::<Feature>::new(),
    )
    .unwrap();
    let (count, _) = ogr_summary(&format!("/vsizip/{}/empty.shp", path.display()));
    assert_eq!(count, 0);
    assert!(
        read_zip(std::fs::File::open(&path).unwrap(), &opts())
            .unwrap()
            .features
            .is_empty()
    );
}

/// Features near a central meridian, so every projection is used where it is meant to be.
fn features_near(lon: f64) -> Vec<Feature> {
    let square =
        |x: f64, y: f64, d: f64| vec![[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]];
    [(-1.5, 42.0), (0.3, 47.5), (1.2, 52.0)]
        .iter()
        .flat_map(|&(dx, lat)| {
            let field = RawGeometry::Polygon(vec![square(lon + dx, lat, 0.02)]);
            let point = RawGeometry::Point([lon + dx + 0.01, lat - 0.01]);
            [field, point]
        })
        .map(|raw| Feature::new(validate(raw, &opts()).unwrap().geometry))
        .collect()
}

fn sorted_vertices(features: &[&Feature]) -> Vec<[f64; 2]> {
    let mut v: Vec<[f64; 2]> = features
        .iter()
        .flat_map(|f| {
            f.geometry.polygons()[0]
                .exterior()
                .coords()
                .skip(1)
                .map(|c| [c.x, c.y])
        })
        .collect();
    v.sort_by(|p, q| p.partial_cmp(q).unwrap());
    v
}

/// The largest distance (in degrees, per axis) from a vertex of `a` to the
/// nearest vertex of `b`; order-free, since a datum shift can reorder a sort.
fn worst_offset(a: &[[f64; 2]], b: &[[f64; 2]]) -> f64 {
    assert_eq!(a.len(), b.len());
    let gap = |p: &[f64; 2], q: &[f64; 2]| (p[0] - q[0]).abs().max((p[1] - q[1]).abs());
    a.iter()
        .map(|p| b.iter().map(|q| gap(p, q)).fold(f64::INFINITY, f64::min))
        .fold(0.0, f64::max)
}

struct RoundTrip {
    /// Our WGS 84 reading of the shapefile, vertices sorted.
    ours: Vec<[f64; 2]>,
    /// The source vertices, sorted.
    source: Vec<[f64; 2]>,
    /// The projected vertices GDAL wrote into the .shp (unsorted).
    projected: Vec<[f64; 2]>,
}

/// ogr2ogr the polygons into `srs` as a Shapefile, zip it, read it back with ours.
fn reproject_round_trip(features: &[Feature], srs: &str) -> RoundTrip {
    let dir = tmp();
    let polygons: Vec<&Feature> = features
        .iter()
        .filter(|f| f.geometry.as_point().is_none())
        .collect();
    let src = dir.path().join("src.geojson");
    geojson::write(
        std::fs::File::create(&src).unwrap(),
        polygons.iter().copied(),
    )
    .unwrap();
    let shp = dir.path().join("layer.shp").to_string_lossy().into_owned();
    gdal(
        "ogr2ogr",
        &[
            "-f",
            "ESRI Shapefile",
            "-t_srs",
            srs,
            &shp,
            &src.to_string_lossy(),
        ],
    );
    let back = read_zip(Cursor::new(zip_dir(dir.path(), "layer")), &opts())
        .unwrap()
        .features;
    assert_eq!(back.len(), polygons.len());
    let csv = dir.path().join("xy.csv").to_string_lossy().into_owned();
    gdal(
        "ogr2ogr",
        &["-f", "CSV", "-lco", "GEOMETRY=AS_WKT", &csv, &shp],
    );
    let mut projected = Vec::new();
    for row in ::csv::Reader::from_path(&csv).unwrap().records() {
        let w: wkt::Wkt<f64> = row.unwrap()[0].parse().unwrap();
        let wkt::Wkt::Polygon(p) = w else {
            panic!("polygon expected")
        };
        projected.extend(p.rings()[0].coords().iter().skip(1).map(|c| [c.x, c.y]));
    }
    RoundTrip {
        ours: sorted_vertices(&back.iter().collect::<Vec<_>>()),
        source: sorted_vertices(&polygons),
        projected,
    }
}

#[test]
fn r_geo_1_shapefile_in_utm_zones_41_to_45_is_reprojected_to_wgs84() {
    for zone in 41..=45 {
        let cm = zone as f64 * 6.0 - 183.0;
        let rt = reproject_round_trip(&features_near(cm), &format!("EPSG:{}", 32600 + zone));
        let worst = worst_offset(&rt.ours, &rt.source);
        // 1e-8° is about a millimetre.
        assert!(worst < 1e-8, "UTM {zone}N: {worst}°");
    }
}

#[test]
fn r_geo_1_shapefile_in_pulkovo_gauss_kruger_is_reprojected_like_proj() {
    let mut worst_vs_proj = 0.0f64;
    for zone in 8..=15 {
        let cm = zone as f64 * 6.0 - 3.0;
        let rt = reproject_round_trip(&features_near(cm), &format!("EPSG:{}", 28400 + zone));
        // GDAL may pick another Pulkovo→WGS 84 transformation than the PROJ
        // default that the .prj implies; they differ by metres, not more.
        let from_source = worst_offset(&rt.ours, &rt.source);
        assert!(
            from_source < 2e-4,
            "GK zone {zone}: {from_source}° from the source"
        );
        // PROJ itself with the parameters we apply must agree to a millimetre.
        let def = format!(
            "+proj=tmerc +lat_0=0 +lon_0={cm} +k=1 +x_0={} +y_0=0 +ellps=krass \
             +towgs84=25,-141,-78.5,0,0.35,0.736,0 +units=m +no_defs +type=crs",
            zone as f64 * 1e6 + 500_000.0
        );
        let Some(answer) =
            reference(json!({"op": "transform", "from": def, "points": rt.projected}))
        else {
            return;
        };
        let mut theirs: Vec<[f64; 2]> = answer
            .as_array()
            .unwrap()
            .iter()
            .map(|p| [p[0].as_f64().unwrap(), p[1].as_f64().unwrap()])
            .collect();
        theirs.sort_by(|p, q| p.partial_cmp(q).unwrap());
        let vs_proj = worst_offset(&rt.ours, &theirs);
        worst_vs_proj = worst_vs_proj.max(vs_proj);
        assert!(vs_proj < 1e-8, "GK zone {zone}: {vs_proj}° from PROJ");
    }
    eprintln!("Gauss-Krüger: worst difference from PROJ {worst_vs_proj:e}°");
}

#[test]
fn r_geo_1_broken_shapefile_zips_are_refused_with_codes() {
    let dir = tmp();
    let good = dir.path().join("good.zip");
    write_zip(
        std::fs::File::create(&good).unwrap(),
        "f",
        &columns(),
        sample_polygons(),
    )
    .unwrap();
    let bytes = std::fs::read(&good).unwrap();
    let e = read_zip(Cursor::new(bytes[..bytes.len() / 2].to_vec()), &opts()).unwrap_err();
    assert_eq!(e.code(), "geo-zip-malformed");

    let rezip = |skip: &str, replace: Option<(&str, &str)>| {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes.clone())).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..archive.len() {
            let mut f = archive.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            if name.ends_with(skip) {
                continue;
            }
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut data).unwrap();
            if let Some((ext, text)) = replace
                && name.ends_with(ext)
            {
                data = text.as_bytes().to_vec();
            }
            out.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            out.write_all(&data).unwrap();
        }
        out.finish().unwrap().into_inner()
    };
    let no_prj = read_zip(Cursor::new(rezip(".prj", None)), &opts()).unwrap_err();
    assert_eq!(
        (no_prj.code(), no_prj.detail.as_deref()),
        ("geo-shapefile-missing-part", Some(".prj"))
    );
    let lambert = r#"PROJCS["x",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],UNIT["Meter",1.0]]"#;
    for bad in ["nonsense", lambert] {
        let e = read_zip(Cursor::new(rezip("-none-", Some((".prj", bad)))), &opts()).unwrap_err();
        assert_eq!(e.code(), "geo-prj-unsupported", "{bad}");
    }
    let e = read_zip(Cursor::new(rezip(".dbf", None)), &opts()).unwrap_err();
    assert_eq!(e.code(), "geo-shapefile-missing-part");
    let e = read_zip(
        Cursor::new(rezip("-none-", Some((".shp", "not a shapefile")))),
        &opts(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "geo-shapefile-malformed");
}

/// Issue 15: points and polygons leave as one zip with a layer per kind, as GDAL
/// writes them; GDAL reads both layers.
#[test]
fn r_geo_1_shapefile_of_points_and_polygons_has_a_layer_per_kind() {
    let mut mixed = sample_polygons();
    mixed.extend(sample_points());
    let (polygons, points) = (sample_polygons().len(), sample_points().len());
    let mut zip = Vec::new();
    let n = write_zip(&mut zip, "mixed", &columns(), &mixed).unwrap();
    assert_eq!(n as usize, polygons + points);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mixed.zip");
    std::fs::write(&path, &zip).unwrap();
    for (layer, count, kind) in [
        ("mixed_points", points, "Point"),
        ("mixed_polygons", polygons, "Polygon"),
    ] {
        let vsi = format!("/vsizip/{}/{layer}.shp", path.display());
        let (found, geometry) = ogr_summary(&vsi);
        assert_eq!((found, geometry.as_str()), (count, kind), "{layer}");
    }
    let names = gdal(
        "ogrinfo",
        &["-ro", "-q", &format!("/vsizip/{}", path.display())],
    );
    assert!(
        names.contains("mixed_points") && names.contains("mixed_polygons"),
        "{names}"
    );
}
