//! GeoJSON (RFC 7946): FeatureCollection, single Feature or bare geometry in;
//! FeatureCollection out, written feature by feature.

use std::borrow::Borrow;
use std::io::{BufWriter, Read, Write};

use geojson::{FeatureWriter, GeometryValue, JsonObject, JsonValue, Position};

use crate::error::{ErrorKind, GeoError, Result};
use crate::feature::{Feature, Properties, PropertyValue};
use crate::formats::{Imported, point_xy, polygon_rings};
use crate::geometry::{Geometry, GeometryKind};
use crate::validate::{RawGeometry, RawPolygon, ValidationOptions};

/// Reads a whole GeoJSON document. A legacy `crs` member naming anything but
/// WGS 84 longitude/latitude is refused: RFC 7946 allows no other.
pub fn read(input: impl Read, opts: &ValidationOptions) -> Result<Imported> {
    let doc: JsonValue = serde_json::from_reader(input).map_err(|e| {
        GeoError::new(ErrorKind::GeoJsonMalformed)
            .at_line(e.line() as u64)
            .detail(e.to_string())
    })?;
    let JsonValue::Object(mut doc) = doc else {
        return Err(wrong_type("the document is not a JSON object"));
    };
    check_crs(&doc)?;
    let mut out = Imported::default();
    match doc.get("type").and_then(JsonValue::as_str) {
        Some("FeatureCollection") => {
            let Some(JsonValue::Array(features)) = doc.remove("features") else {
                return Err(wrong_type("FeatureCollection without a features array"));
            };
            for (i, f) in features.into_iter().enumerate() {
                read_feature(f, i + 1, opts, &mut out)?;
            }
        }
        Some("Feature") => read_feature(JsonValue::Object(doc), 1, opts, &mut out)?,
        Some(_) => {
            let g: geojson::Geometry = serde_json::from_value(JsonValue::Object(doc))
                .map_err(|e| wrong_type(e.to_string()).at_feature(1))?;
            let raw = raw_geometry(g.value).map_err(|e| e.at_feature(1))?;
            out.push(1, raw, Properties::new(), opts)?;
        }
        None => return Err(wrong_type("no \"type\" member")),
    }
    Ok(out)
}

fn wrong_type(detail: impl Into<String>) -> GeoError {
    GeoError::new(ErrorKind::GeoJsonWrongType).detail(detail)
}

fn check_crs(doc: &JsonObject) -> Result<()> {
    let Some(crs) = doc.get("crs") else {
        return Ok(());
    };
    let name = crs
        .pointer("/properties/name")
        .and_then(JsonValue::as_str)
        .unwrap_or_default();
    if name.ends_with("CRS84") || name.ends_with("EPSG::4326") || name == "EPSG:4326" {
        Ok(())
    } else {
        Err(GeoError::new(ErrorKind::PrjUnsupported).detail(format!("GeoJSON crs {crs}")))
    }
}

fn read_feature(
    value: JsonValue,
    number: usize,
    opts: &ValidationOptions,
    out: &mut Imported,
) -> Result<()> {
    let f: geojson::Feature =
        serde_json::from_value(value).map_err(|e| wrong_type(e.to_string()).at_feature(number))?;
    let Some(geometry) = f.geometry else {
        return Err(GeoError::new(ErrorKind::GeometryEmpty).at_feature(number));
    };
    let properties = f.properties.map(properties_from_json).unwrap_or_default();
    let raw = raw_geometry(geometry.value).map_err(|e| e.at_feature(number))?;
    out.push(number, raw, properties, opts)
}

/// Text and numbers stay as they are; null is absent; booleans and nested JSON
/// are kept as their JSON text rather than silently dropped.
fn properties_from_json(object: JsonObject) -> Properties {
    object
        .into_iter()
        .filter_map(|(k, v)| {
            let value = match v {
                JsonValue::Null => return None,
                JsonValue::String(s) => PropertyValue::Text(s),
                JsonValue::Number(n) => PropertyValue::Number(n.as_f64()?),
                other => PropertyValue::Text(other.to_string()),
            };
            Some((k, value))
        })
        .collect()
}

/// Longitude and latitude of a position; altitude is dropped. The `geojson`
/// crate does not check the length of positions inside rings.
fn xy(p: &Position) -> Result<[f64; 2]> {
    match p.as_slice() {
        [x, y, ..] => Ok([*x, *y]),
        short => Err(wrong_type(format!("position with {} numbers", short.len()))),
    }
}

fn raw_polygon(rings: &[Vec<Position>]) -> Result<RawPolygon> {
    rings.iter().map(|r| r.iter().map(xy).collect()).collect()
}

fn raw_geometry(value: GeometryValue) -> Result<RawGeometry> {
    Ok(match value {
        GeometryValue::Point { coordinates } => RawGeometry::Point(xy(&coordinates)?),
        GeometryValue::Polygon { coordinates } => RawGeometry::Polygon(raw_polygon(&coordinates)?),
        GeometryValue::MultiPolygon { coordinates } => RawGeometry::MultiPolygon(
            coordinates
                .iter()
                .map(|p| raw_polygon(p))
                .collect::<Result<_>>()?,
        ),
        other => RawGeometry::Unsupported(other.type_name().to_owned()),
    })
}

pub(crate) fn to_geojson_geometry(g: &Geometry) -> geojson::Geometry {
    let rings = |p| {
        polygon_rings(p)
            .into_iter()
            .map(|r| r.into_iter().map(Position::from).collect())
            .collect::<Vec<Vec<Position>>>()
    };
    let value = match g.kind() {
        GeometryKind::Point => GeometryValue::new_point(point_xy(g).expect("point")),
        GeometryKind::Polygon => GeometryValue::Polygon {
            coordinates: rings(&g.polygons()[0]),
        },
        GeometryKind::MultiPolygon => GeometryValue::MultiPolygon {
            coordinates: g.polygons().iter().map(rings).collect(),
        },
    };
    geojson::Geometry::new(value)
}

/// One GeoJSON geometry object, as an API body carries it, unchecked: pass the
/// result to [`crate::validate`].
pub fn geometry_from_json(value: JsonValue) -> Result<RawGeometry> {
    let geometry: geojson::Geometry =
        serde_json::from_value(value).map_err(|e| wrong_type(e.to_string()))?;
    raw_geometry(geometry.value)
}

/// A geometry as this system stores it: GeoJSON text that [`crate::validate`]
/// passed when it was written ([`geometry_to_json`]'s output). Read straight from
/// the text without checking the rings again: a map tile reads hundreds, and the
/// simplicity test is the costly part. Anything but a 2-D Point, Polygon or
/// MultiPolygon with closed rings of four or more finite positions is refused,
/// so damaged text never becomes a geometry.
pub fn stored_geometry(text: &str) -> Result<Geometry> {
    #[derive(serde::Deserialize)]
    struct Stored<'a> {
        #[serde(rename = "type", borrow)]
        kind: std::borrow::Cow<'a, str>,
        #[serde(borrow)]
        coordinates: &'a serde_json::value::RawValue,
    }
    type Ring = Vec<[f64; 2]>;
    let stored: Stored = serde_json::from_str(text).map_err(|e| wrong_type(e.to_string()))?;
    let coords = stored.coordinates.get();
    let parsed = |e: serde_json::Error| wrong_type(e.to_string());
    let polygon = |rings: Vec<Ring>| -> Result<geo::Polygon<f64>> {
        let mut rings = rings.into_iter().map(stored_ring);
        let exterior = rings
            .next()
            .ok_or_else(|| GeoError::new(ErrorKind::GeometryEmpty))??;
        Ok(geo::Polygon::new(exterior, rings.collect::<Result<_>>()?))
    };
    let g = match stored.kind.as_ref() {
        "Point" => {
            let [x, y]: [f64; 2] = serde_json::from_str(coords).map_err(parsed)?;
            if !x.is_finite() || !y.is_finite() {
                return Err(GeoError::new(ErrorKind::CoordinateNotFinite));
            }
            geo::Geometry::Point(geo::Point::new(x, y))
        }
        "Polygon" => {
            geo::Geometry::Polygon(polygon(serde_json::from_str(coords).map_err(parsed)?)?)
        }
        "MultiPolygon" => {
            let parts: Vec<Vec<Ring>> = serde_json::from_str(coords).map_err(parsed)?;
            if parts.is_empty() {
                return Err(GeoError::new(ErrorKind::GeometryEmpty));
            }
            let parts = parts.into_iter().map(polygon).collect::<Result<_>>()?;
            geo::Geometry::MultiPolygon(geo::MultiPolygon::new(parts))
        }
        other => return Err(GeoError::new(ErrorKind::GeometryTypeUnsupported).detail(other)),
    };
    Ok(Geometry::from_validated(g))
}

fn stored_ring(ring: Vec<[f64; 2]>) -> Result<geo::LineString<f64>> {
    if ring.len() < 4 {
        return Err(GeoError::new(ErrorKind::RingTooFewPoints));
    }
    if ring.first() != ring.last() {
        return Err(GeoError::new(ErrorKind::RingNotClosed));
    }
    if ring.iter().flatten().any(|c| !c.is_finite()) {
        return Err(GeoError::new(ErrorKind::CoordinateNotFinite));
    }
    Ok(ring.into_iter().map(|[x, y]| geo::Coord { x, y }).collect())
}

/// A checked geometry as a GeoJSON geometry object.
pub fn geometry_to_json(g: &Geometry) -> JsonValue {
    serde_json::to_value(to_geojson_geometry(g)).unwrap_or(JsonValue::Null)
}

fn properties_to_json(p: &Properties) -> JsonObject {
    p.iter()
        .map(|(k, v)| {
            let json = match v {
                PropertyValue::Text(s) => JsonValue::String(s.clone()),
                // JSON has no NaN or infinity; null is the honest value.
                PropertyValue::Number(n) => serde_json::Number::from_f64(*n)
                    .map(JsonValue::Number)
                    .unwrap_or(JsonValue::Null),
            };
            (k.clone(), json)
        })
        .collect()
}

/// Streams a FeatureCollection; returns how many features were written.
pub fn write<W: Write, F: Borrow<Feature>>(
    out: W,
    features: impl IntoIterator<Item = F>,
) -> Result<u64> {
    // serde_json writes token by token: buffer, or a file export makes a syscall each.
    let mut writer = FeatureWriter::from_writer(BufWriter::new(out));
    let mut count = 0u64;
    for f in features {
        let f = f.borrow();
        let feature = geojson::Feature {
            geometry: Some(to_geojson_geometry(&f.geometry)),
            properties: Some(properties_to_json(&f.properties)),
            ..Default::default()
        };
        writer.write_feature(&feature).map_err(io_error)?;
        count += 1;
    }
    writer.finish().map_err(io_error)?;
    writer.flush().map_err(io_error)?;
    Ok(count)
}

fn io_error(e: geojson::Error) -> GeoError {
    GeoError::new(ErrorKind::Io).detail(e.to_string())
}
