//! CSV with either a WKT column or longitude/latitude columns.
//!
//! Spreadsheet exports from Kazakh offices often use `;` as separator and a
//! decimal comma, and start with a byte-order mark; all three are accepted.
//! CSV has no types, so every attribute is read as text.

use std::borrow::Borrow;
use std::io::{Read, Write};

use crate::error::{ErrorKind, GeoError, Result};
use crate::feature::{Feature, Properties, PropertyValue};
use crate::formats::{Imported, point_xy, polygon_rings};
use crate::geometry::{Geometry, GeometryKind};
use crate::validate::{RawGeometry, RawPolygon, ValidationOptions};

const WKT_NAMES: &[&str] = &["wkt", "geometry", "geom", "the_geom"];
const LON_NAMES: &[&str] = &["lon", "lng", "long", "longitude", "x", "долгота", "бойлық"];
const LAT_NAMES: &[&str] = &["lat", "latitude", "y", "широта", "ендік"];

enum GeometryColumns {
    Wkt(usize),
    LonLat(usize, usize),
}

pub fn read(mut input: impl Read, opts: &ValidationOptions) -> Result<Imported> {
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes)?;
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let delimiter = sniff_delimiter(body);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(body);
    let headers = reader.headers().map_err(csv_error)?.clone();
    let columns = geometry_columns(&headers)?;
    let mut out = Imported::default();
    for (i, record) in reader.records().enumerate() {
        let number = i + 1;
        let record = record.map_err(|e| csv_error(e).at_feature(number))?;
        let line = record.position().map_or(0, |p| p.line());
        let located = |e: GeoError| e.at_feature(number).at_line(line);
        let raw = raw_geometry(&record, &columns, delimiter).map_err(located)?;
        let mut properties = Properties::new();
        for (c, (name, value)) in headers.iter().zip(record.iter()).enumerate() {
            let is_geometry = match columns {
                GeometryColumns::Wkt(w) => c == w,
                GeometryColumns::LonLat(x, y) => c == x || c == y,
            };
            if !is_geometry && !value.is_empty() {
                properties.insert(name.to_owned(), PropertyValue::Text(value.to_owned()));
            }
        }
        out.push(number, raw, properties, opts).map_err(located)?;
    }
    Ok(out)
}

/// The separator that occurs most in the header line.
fn sniff_delimiter(body: &[u8]) -> u8 {
    let header = body.split(|&b| b == b'\n').next().unwrap_or_default();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| header.iter().filter(|b| *b == d).count())
        .unwrap_or(b',')
}

fn csv_error(e: csv::Error) -> GeoError {
    let line = e.position().map(|p| p.line());
    let err = GeoError::new(ErrorKind::CsvMalformed).detail(e.to_string());
    match line {
        Some(l) => err.at_line(l),
        None => err,
    }
}

fn geometry_columns(headers: &csv::StringRecord) -> Result<GeometryColumns> {
    let find = |names: &[&str]| {
        headers
            .iter()
            .position(|h| names.contains(&h.trim().to_lowercase().as_str()))
    };
    if let Some(w) = find(WKT_NAMES) {
        return Ok(GeometryColumns::Wkt(w));
    }
    match (find(LON_NAMES), find(LAT_NAMES)) {
        (Some(x), Some(y)) => Ok(GeometryColumns::LonLat(x, y)),
        _ => Err(GeoError::new(ErrorKind::CsvMissingColumns)
            .at_line(1)
            .detail(format!("columns: {:?}", headers.iter().collect::<Vec<_>>()))),
    }
}

fn number(text: &str, column: &str, delimiter: u8) -> Result<f64> {
    let text = text.trim();
    // A decimal comma can only be meant when comma is not the separator.
    let normalised = if delimiter == b',' {
        text.to_owned()
    } else {
        text.replace(',', ".")
    };
    normalised
        .parse()
        .map_err(|_| GeoError::new(ErrorKind::CsvBadNumber).detail(format!("{column}: {text:?}")))
}

fn raw_geometry(
    record: &csv::StringRecord,
    columns: &GeometryColumns,
    delimiter: u8,
) -> Result<RawGeometry> {
    let cell = |c: usize| record.get(c).unwrap_or_default();
    match *columns {
        GeometryColumns::Wkt(w) => parse_wkt(cell(w)),
        GeometryColumns::LonLat(x, y) => Ok(RawGeometry::Point([
            number(cell(x), "longitude", delimiter)?,
            number(cell(y), "latitude", delimiter)?,
        ])),
    }
}

pub(crate) fn parse_wkt(text: &str) -> Result<RawGeometry> {
    let parsed: wkt::Wkt<f64> = text
        .trim()
        .parse()
        .map_err(|e: &str| GeoError::new(ErrorKind::WktMalformed).detail(e.to_owned()))?;
    let ring = |r: &wkt::types::LineString<f64>| r.coords().iter().map(|c| [c.x, c.y]).collect();
    let polygon =
        |p: &wkt::types::Polygon<f64>| -> RawPolygon { p.rings().iter().map(ring).collect() };
    Ok(match &parsed {
        wkt::Wkt::Point(p) => match p.coord() {
            Some(c) => RawGeometry::Point([c.x, c.y]),
            None => return Err(GeoError::new(ErrorKind::GeometryEmpty)),
        },
        wkt::Wkt::Polygon(p) => RawGeometry::Polygon(polygon(p)),
        wkt::Wkt::MultiPolygon(mp) => {
            RawGeometry::MultiPolygon(mp.polygons().iter().map(polygon).collect())
        }
        other => RawGeometry::Unsupported(
            other
                .to_string()
                .split('(')
                .next()
                .unwrap_or_default()
                .trim()
                .to_owned(),
        ),
    })
}

pub(crate) fn to_wkt(g: &Geometry) -> String {
    use wkt::types::{Coord, Dimension, LineString, MultiPolygon, Point, Polygon};
    let coord = |[x, y]: [f64; 2]| Coord {
        x,
        y,
        z: None,
        m: None,
    };
    let polygon = |p| {
        let rings = polygon_rings(p)
            .into_iter()
            .map(|r| LineString::new(r.into_iter().map(coord).collect(), Dimension::XY))
            .collect();
        Polygon::new(rings, Dimension::XY)
    };
    let w: wkt::Wkt<f64> = match g.kind() {
        GeometryKind::Point => {
            wkt::Wkt::Point(Point::from_coord(coord(point_xy(g).expect("point"))))
        }
        GeometryKind::Polygon => wkt::Wkt::Polygon(polygon(&g.polygons()[0])),
        GeometryKind::MultiPolygon => wkt::Wkt::MultiPolygon(MultiPolygon::new(
            g.polygons().iter().map(polygon).collect(),
            Dimension::XY,
        )),
    };
    w.to_string()
}

/// Streams CSV: a `WKT` column (which GDAL recognises) and then `columns`.
/// Properties not named in `columns` are not written.
pub fn write<W: Write, F: Borrow<Feature>>(
    out: W,
    columns: &[String],
    features: impl IntoIterator<Item = F>,
) -> Result<u64> {
    let mut writer = csv::Writer::from_writer(out);
    let header = std::iter::once("WKT").chain(columns.iter().map(String::as_str));
    writer.write_record(header).map_err(write_error)?;
    let mut count = 0u64;
    for f in features {
        let f = f.borrow();
        let mut row = vec![to_wkt(&f.geometry)];
        row.extend(columns.iter().map(|c| {
            f.properties
                .get(c)
                .map(PropertyValue::to_text)
                .unwrap_or_default()
        }));
        writer.write_record(&row).map_err(write_error)?;
        count += 1;
    }
    writer.flush()?;
    Ok(count)
}

fn write_error(e: csv::Error) -> GeoError {
    GeoError::new(ErrorKind::Io).detail(e.to_string())
}
