//! Shared test helpers: the pyproj/shapely reference, GDAL, and generators.
#![allow(dead_code)] // each test binary uses a different subset

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use fito_geo::{Geometry, RawPolygon, ValidationOptions, validate};
use proptest::prelude::*;
use serde_json::{Value, json};

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference.py")
}

fn python_has_reference_libs() -> bool {
    Command::new("python3")
        .args(["-c", "import pyproj, shapely"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Makes sure pyproj and shapely are importable, installing them with pip if
/// needed. `false` only when pip cannot reach PyPI, and then loudly.
pub fn reference_available() -> bool {
    static READY: OnceLock<bool> = OnceLock::new();
    *READY.get_or_init(|| {
        if python_has_reference_libs() {
            return true;
        }
        let _ = Command::new("python3")
            .args(["-m", "pip", "install", "--quiet", "pyproj", "shapely"])
            .status();
        if python_has_reference_libs() {
            return true;
        }
        eprintln!(
            "\n\n!!!!!!!! SKIPPED: python3 with pyproj and shapely is not available and \
             `pip install pyproj shapely` failed (PyPI unreachable?). The reference \
             comparison did NOT run. !!!!!!!!\n\n"
        );
        false
    })
}

/// Runs one request through tests/reference.py; `None` only when skipped.
pub fn reference(request: Value) -> Option<Value> {
    if !reference_available() {
        return None;
    }
    let mut child = Command::new("python3")
        .arg(script())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(request.to_string().as_bytes())
        .expect("request written");
    let out = child.wait_with_output().expect("reference finished");
    assert!(out.status.success(), "reference.py failed for {request}");
    Some(serde_json::from_slice(&out.stdout).expect("reference answers JSON"))
}

/// The geometry as a GeoJSON object, written independently of the crate's writer.
pub fn geojson_of(g: &Geometry) -> Value {
    fn ring(r: &geo::LineString<f64>) -> Value {
        Value::Array(r.coords().map(|c| json!([c.x, c.y])).collect())
    }
    fn poly(p: &geo::Polygon<f64>) -> Value {
        let mut rings = vec![ring(p.exterior())];
        rings.extend(p.interiors().iter().map(ring));
        Value::Array(rings)
    }
    match g.as_geo() {
        geo::Geometry::Point(p) => json!({"type": "Point", "coordinates": [p.x(), p.y()]}),
        geo::Geometry::Polygon(p) => json!({"type": "Polygon", "coordinates": poly(p)}),
        geo::Geometry::MultiPolygon(mp) => json!({
            "type": "MultiPolygon",
            "coordinates": mp.0.iter().map(poly).collect::<Vec<_>>()
        }),
        other => panic!("unexpected {other:?}"),
    }
}

const KM_PER_DEG_LAT: f64 = 110.6;

fn star_ring(lon: f64, lat: f64, radius_km: f64, steps: &[f64], radii: &[f64]) -> Vec<[f64; 2]> {
    let total: f64 = steps.iter().sum();
    let km_per_deg_lon = 111.3 * lat.to_radians().cos();
    let mut angle = 0.0;
    let mut ring: Vec<[f64; 2]> = steps
        .iter()
        .zip(radii)
        .map(|(step, r)| {
            angle += step / total * std::f64::consts::TAU;
            let d = radius_km * r;
            [
                lon + d * angle.cos() / km_per_deg_lon,
                lat + d * angle.sin() / KM_PER_DEG_LAT,
            ]
        })
        .collect();
    ring.push(ring[0]);
    ring
}

/// Random simple polygons inside Kazakhstan: star-shaped around a centre with
/// every angular gap under 180°, 50 m to 40 km across, sometimes with a hole
/// well inside the kernel and sometimes wound the wrong way.
pub fn star_polygon() -> impl Strategy<Value = RawPolygon> {
    (
        47.0..86.0f64,
        41.0..55.0f64,
        6usize..40,
        0.05f64..40.0,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_flat_map(|(lon, lat, n, r, hole, reverse)| {
            (
                Just((lon, lat, r, hole, reverse)),
                proptest::collection::vec(0.3f64..1.0, n),
                proptest::collection::vec(0.4f64..1.0, n),
            )
        })
        .prop_map(|((lon, lat, r, hole, reverse), steps, radii)| {
            let mut outer = star_ring(lon, lat, r, &steps, &radii);
            if reverse {
                outer.reverse();
            }
            let mut rings = vec![outer];
            if hole {
                let hole_steps = [1.0; 7];
                let hole_radii = [0.1, 0.08, 0.1, 0.09, 0.1, 0.07, 0.1];
                rings.push(star_ring(lon, lat, r, &hole_steps, &hole_radii));
            }
            rings
        })
}

pub fn valid(raw: RawPolygon) -> Geometry {
    validate(
        fito_geo::RawGeometry::Polygon(raw),
        &ValidationOptions::default(),
    )
    .expect("generated polygon is valid")
    .geometry
}

/// Fails loudly when GDAL is missing: CI must install Debian's gdal-bin.
pub fn gdal(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool} not runnable ({e}): install gdal-bin (apt-get install -y gdal-bin)")
    });
    assert!(
        out.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Feature count and geometry type as `ogrinfo -al -so` reports them.
pub fn ogr_summary(path: &str) -> (usize, String) {
    let text = gdal("ogrinfo", &["-ro", "-al", "-so", path]);
    let count = text
        .lines()
        .find_map(|l| l.strip_prefix("Feature Count: "))
        .unwrap_or_else(|| panic!("no feature count in {text}"))
        .trim()
        .parse()
        .expect("count");
    let kind = text
        .lines()
        .find_map(|l| l.strip_prefix("Geometry: "))
        .unwrap_or_else(|| panic!("no geometry in {text}"))
        .trim()
        .to_owned();
    (count, kind)
}

fn square(lon: f64, lat: f64, d: f64) -> Vec<[f64; 2]> {
    vec![
        [lon, lat],
        [lon + d, lat],
        [lon + d, lat + d],
        [lon, lat + d],
        [lon, lat],
    ]
}

fn checked(raw: fito_geo::RawGeometry) -> Geometry {
    validate(raw, &ValidationOptions::default())
        .expect("sample is valid")
        .geometry
}

/// Register-like sample: fields with holes, an orchard in two parts, survey
/// points; Kazakh and Russian text, integers and decimals.
pub fn sample_polygons() -> Vec<fito_geo::Feature> {
    use fito_geo::{Feature, RawGeometry};
    let mut hole = square(71.402, 51.102, 0.003);
    hole.reverse();
    vec![
        Feature::new(checked(RawGeometry::Polygon(vec![
            square(71.4, 51.1, 0.01),
            hole,
        ])))
        .with("name", "Егістік алқабы №1")
        .with("crop", "пшеница")
        .with("kato", "711210000")
        .with("area_ha", 71.25),
        Feature::new(checked(RawGeometry::MultiPolygon(vec![
            vec![square(76.9, 43.2, 0.005)],
            vec![square(76.92, 43.2, 0.004)],
        ])))
        .with("name", "Алма бағы \"Апорт\", 2 участка")
        .with("year", 1998.0),
        Feature::new(checked(RawGeometry::Polygon(vec![square(
            69.6, 42.3, 0.02,
        )])))
        .with("name", "Теплица; line\nbreak"),
    ]
}

pub fn sample_points() -> Vec<fito_geo::Feature> {
    use fito_geo::{Feature, RawGeometry};
    (0..25)
        .map(|i| {
            let f = i as f64;
            Feature::new(checked(RawGeometry::Point([
                50.0 + f * 1.3,
                41.0 + f * 0.5,
            ])))
            .with("n", f)
            .with(
                "organism",
                if i % 2 == 0 {
                    "Ambrosia artemisiifolia"
                } else {
                    "Саранча"
                },
            )
        })
        .collect()
}

pub fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Converts a file with ogr2ogr and returns the output path.
pub fn ogr2ogr(dir: &Path, driver: &str, name: &str, input: &str) -> String {
    let out = dir.join(name).to_string_lossy().into_owned();
    gdal("ogr2ogr", &["-f", driver, &out, input]);
    out
}

/// Same geometry up to float formatting (WKT, KML and DBF round-trips print
/// decimals), and the same areas.
pub fn assert_same_geometries(a: &[fito_geo::Feature], b: &[fito_geo::Feature]) {
    assert_eq!(a.len(), b.len(), "feature count");
    for (x, y) in a.iter().zip(b) {
        assert_eq!(x.geometry.kind(), y.geometry.kind());
        let (ba, bb) = (x.geometry.bbox().to_array(), y.geometry.bbox().to_array());
        for k in 0..4 {
            assert!((ba[k] - bb[k]).abs() < 1e-9, "bbox {ba:?} vs {bb:?}");
        }
        let (aa, ab) = (x.geometry.area().value(), y.geometry.area().value());
        assert!((aa - ab).abs() <= 1e-9 * aa.max(1.0), "area {aa} vs {ab}");
    }
}

/// Geometry type of each feature as `ogrinfo -al` dumps it (`POINT`, `POLYGON` …),
/// for formats like KML whose layers declare no single geometry type.
pub fn ogr_feature_geometries(path: &str) -> Vec<String> {
    let text = gdal("ogrinfo", &["-ro", "-al", "-geom=YES", path]);
    text.lines()
        .filter_map(|l| {
            let word = l.trim_start().split([' ', '(']).next()?;
            let is_wkt = l.starts_with("  ") && l.trim_end().ends_with(')');
            (is_wkt && ["POINT", "POLYGON", "MULTIPOLYGON"].contains(&word))
                .then(|| word.to_owned())
        })
        .collect()
}
