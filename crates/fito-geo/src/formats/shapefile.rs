//! Zipped ESRI Shapefile: `.shp` + `.shx` + `.dbf` + `.prj` (+ `.cpg`).
//!
//! Reading reprojects to WGS 84 from what the `.prj` says (see `prj.rs`); a
//! missing or unknown `.prj` is refused, never guessed. Writing streams each
//! shape and row to temporary files, then streams those into the zip, so a
//! million features never sit in memory. Attributes are UTF-8, declared by
//! the `.cpg`.

use std::borrow::Borrow;
use std::fs::File;
use std::io::{BufWriter, Cursor, Read, Seek, Write};

use geo::{Contains, Coord, LineString};
use shapefile::dbase::{self, FieldName, FieldValue, FieldWriter, TableWriterBuilder};
use shapefile::{PolygonRing, Shape, ShapeReader, ShapeWriter};

use crate::error::{ErrorKind, GeoError, Result};
use crate::feature::{Feature, Properties, PropertyValue};
use crate::formats::prj::{ToWgs84, WGS84_PRJ};
use crate::formats::{Imported, point_xy, polygon_rings};
use crate::validate::{RawGeometry, RawPolygon, RawRing, ValidationOptions};

/// A member larger than this is refused rather than inflated (zip bombs).
const MAX_MEMBER_BYTES: u64 = 2 << 30;
/// The dBase limit for a character field.
const MAX_TEXT_BYTES: usize = 254;

fn malformed(detail: impl Into<String>) -> GeoError {
    GeoError::new(ErrorKind::ShapefileMalformed).detail(detail)
}

fn missing(part: &str) -> GeoError {
    GeoError::new(ErrorKind::ShapefileMissingPart).detail(part.to_owned())
}

struct Members {
    shp: Vec<u8>,
    shx: Option<Vec<u8>>,
    dbf: Vec<u8>,
    prj: String,
    cpg: Option<String>,
}

fn read_members<R: Read + Seek>(input: R) -> Result<Members> {
    let zip_error =
        |e: zip::result::ZipError| GeoError::new(ErrorKind::ZipMalformed).detail(e.to_string());
    let mut archive = zip::ZipArchive::new(input).map_err(zip_error)?;
    let names: Vec<String> = archive
        .file_names()
        .filter_map(|n| n.ok())
        .map(|n| n.to_string())
        .collect();
    let layers: Vec<&String> = names
        .iter()
        .filter(|n| n.to_lowercase().ends_with(".shp") && !n.starts_with("__MACOSX"))
        .collect();
    let stem = match layers.as_slice() {
        [] => return Err(missing(".shp")),
        [one] => one[..one.len() - 4].to_owned(),
        _ => return Err(malformed("the zip holds several .shp layers; send one")),
    };
    let mut member = |ext: &str| -> Result<Option<Vec<u8>>> {
        let Some(name) = names.iter().find(|n| {
            n.len() == stem.len() + 4 && n.starts_with(&stem) && n.to_lowercase().ends_with(ext)
        }) else {
            return Ok(None);
        };
        let file = archive.by_name(name).map_err(zip_error)?;
        if file.size() > MAX_MEMBER_BYTES {
            return Err(malformed(format!(
                "{name} is larger than {MAX_MEMBER_BYTES} bytes"
            )));
        }
        let mut bytes = Vec::new();
        file.take(MAX_MEMBER_BYTES)
            .read_to_end(&mut bytes)
            .map_err(|e| GeoError::new(ErrorKind::ZipMalformed).detail(format!("{name}: {e}")))?;
        Ok(Some(bytes))
    };
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    Ok(Members {
        shp: member(".shp")?.ok_or_else(|| missing(".shp"))?,
        shx: member(".shx")?,
        dbf: member(".dbf")?.ok_or_else(|| missing(".dbf"))?,
        prj: member(".prj")?.map(text).ok_or_else(|| missing(".prj"))?,
        cpg: member(".cpg")?.map(text),
    })
}

/// Reads the one layer of a zipped Shapefile, reprojected to WGS 84.
pub fn read_zip<R: Read + Seek>(input: R, opts: &ValidationOptions) -> Result<Imported> {
    let m = read_members(input)?;
    let to_wgs84 = ToWgs84::from_prj(&m.prj)?;
    let mut builder = dbase::ReaderBuilder::new();
    if let Some(encoding) = m
        .cpg
        .as_deref()
        .and_then(dbase::encoding::DynEncoding::from_name)
    {
        builder = builder.with_encoding(encoding);
    }
    let dbf = builder
        .build(Cursor::new(m.dbf))
        .map_err(|e| malformed(format!(".dbf: {e}")))?;
    let shapes = match m.shx {
        Some(shx) => ShapeReader::with_shx(Cursor::new(m.shp), Cursor::new(shx)),
        None => ShapeReader::new(Cursor::new(m.shp)),
    }
    .map_err(|e| malformed(format!(".shp: {e}")))?;
    let mut reader = shapefile::Reader::new(shapes, dbf);
    let mut out = Imported::default();
    for (i, item) in reader.iter_shapes_and_records().enumerate() {
        let number = i + 1;
        let (shape, record) = item.map_err(|e| malformed(e.to_string()).at_feature(number))?;
        let raw = raw_geometry(shape, &to_wgs84).map_err(|e| e.at_feature(number))?;
        out.push(number, raw, properties(record), opts)?;
    }
    Ok(out)
}

fn ring<P: shapefile::record::traits::HasXY>(points: &[P], t: &ToWgs84) -> Result<RawRing> {
    points.iter().map(|p| t.apply(p.x(), p.y())).collect()
}

/// Shapefile polygons list outer rings and holes flat; each hole goes to the
/// outer ring that contains it (validation refuses a hole that fits none).
fn group_rings<P: shapefile::record::traits::HasXY>(
    rings: &[PolygonRing<P>],
    t: &ToWgs84,
) -> Result<RawGeometry> {
    let mut polygons: Vec<RawPolygon> = Vec::new();
    let mut holes = Vec::new();
    for r in rings {
        match r {
            PolygonRing::Outer(p) => polygons.push(vec![ring(p, t)?]),
            PolygonRing::Inner(p) => holes.push(ring(p, t)?),
        }
    }
    if polygons.is_empty() {
        return Err(GeoError::new(ErrorKind::GeometryEmpty));
    }
    let shells: Vec<geo::Polygon<f64>> = polygons
        .iter()
        .map(|p| {
            let coords = p[0]
                .iter()
                .map(|c| Coord { x: c[0], y: c[1] })
                .collect::<Vec<_>>();
            geo::Polygon::new(LineString::from(coords), Vec::new())
        })
        .collect();
    for hole in holes {
        let first = hole.first().map(|c| Coord { x: c[0], y: c[1] });
        let owner = first
            .and_then(|c| shells.iter().position(|s| s.contains(&c)))
            .unwrap_or(0);
        polygons[owner].push(hole);
    }
    Ok(if polygons.len() == 1 {
        RawGeometry::Polygon(polygons.remove(0))
    } else {
        RawGeometry::MultiPolygon(polygons)
    })
}

fn raw_geometry(shape: Shape, t: &ToWgs84) -> Result<RawGeometry> {
    Ok(match shape {
        Shape::Point(p) => RawGeometry::Point(t.apply(p.x, p.y)?),
        Shape::PointM(p) => RawGeometry::Point(t.apply(p.x, p.y)?),
        Shape::PointZ(p) => RawGeometry::Point(t.apply(p.x, p.y)?),
        Shape::Polygon(p) => group_rings(p.rings(), t)?,
        Shape::PolygonM(p) => group_rings(p.rings(), t)?,
        Shape::PolygonZ(p) => group_rings(p.rings(), t)?,
        Shape::NullShape => return Err(GeoError::new(ErrorKind::GeometryEmpty)),
        other => RawGeometry::Unsupported(other.shapetype().to_string()),
    })
}

fn properties(record: dbase::Record) -> Properties {
    let mut props = Properties::new();
    for (name, value) in record {
        let v = match value {
            FieldValue::Character(Some(s)) | FieldValue::Memo(s) => PropertyValue::Text(s),
            FieldValue::Numeric(Some(n)) | FieldValue::Double(n) | FieldValue::Currency(n) => {
                PropertyValue::Number(n)
            }
            FieldValue::Float(Some(n)) => PropertyValue::Number(f64::from(n)),
            FieldValue::Integer(n) => PropertyValue::Number(f64::from(n)),
            FieldValue::Logical(Some(b)) => PropertyValue::Text(b.to_string()),
            FieldValue::Date(Some(d)) => {
                PropertyValue::Text(format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
            }
            _ => continue,
        };
        props.insert(name, v);
    }
    props
}

/// One attribute column of an export: DBF needs names and types up front.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub kind: ColumnKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Text,
    Number,
}

/// DBF field names hold at most 10 bytes: cut at a character boundary and
/// make the result unique with a numeric suffix.
fn dbf_names(columns: &[Column]) -> Vec<String> {
    let cut = |s: &str, max: usize| {
        let mut end = s.len().min(max);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s[..end].to_owned()
    };
    let mut names: Vec<String> = Vec::new();
    for c in columns {
        let mut name = cut(&c.name, 10);
        let mut n = 1;
        while names.contains(&name) {
            let suffix = format!("_{n}");
            name = format!("{}{suffix}", cut(&c.name, 10 - suffix.len()));
            n += 1;
        }
        names.push(name);
    }
    names
}

struct Row<'a> {
    columns: &'a [Column],
    properties: &'a Properties,
}

impl dbase::WritableRecord for Row<'_> {
    fn write_using<W: Write>(&self, w: &mut FieldWriter<'_, W>) -> Result<(), dbase::FieldError> {
        for c in self.columns {
            let value = self.properties.get(&c.name);
            let v = match c.kind {
                ColumnKind::Number => FieldValue::Numeric(
                    value
                        .and_then(PropertyValue::as_number)
                        .filter(|n| n.is_finite()),
                ),
                ColumnKind::Text => FieldValue::Character(value.map(|v| {
                    let text = v.to_text();
                    let mut end = text.len().min(MAX_TEXT_BYTES);
                    while !text.is_char_boundary(end) {
                        end -= 1;
                    }
                    text[..end].to_owned()
                })),
            };
            w.write_next_field_value(&v)?;
        }
        Ok(())
    }
}

fn shp_error(e: shapefile::Error) -> GeoError {
    GeoError::new(ErrorKind::Io).detail(e.to_string())
}

fn to_shape(f: &Feature) -> Shape {
    if let Some([x, y]) = point_xy(&f.geometry) {
        return Shape::Point(shapefile::Point::new(x, y));
    }
    let mut rings = Vec::new();
    for p in f.geometry.polygons() {
        for (i, r) in polygon_rings(p).into_iter().enumerate() {
            let points = r
                .into_iter()
                .map(|[x, y]| shapefile::Point::new(x, y))
                .collect();
            // with_rings below rewinds each ring to the ESRI order (outer clockwise).
            rings.push(if i == 0 {
                PolygonRing::Outer(points)
            } else {
                PolygonRing::Inner(points)
            });
        }
    }
    Shape::Polygon(shapefile::Polygon::with_rings(rings))
}

/// Streams a zipped Shapefile named `layer` with the given attribute columns
/// (text longer than 254 bytes is cut). A Shapefile holds one geometry type, so a
/// selection of points and polygons becomes one zip with a layer per kind, as GDAL
/// writes them: `<layer>_points` and `<layer>_polygons` (issue 15); a selection of
/// one kind stays one layer named `layer`.
pub fn write_zip<W: Write, F: Borrow<Feature>>(
    out: W,
    layer: &str,
    columns: &[Column],
    features: impl IntoIterator<Item = F>,
) -> Result<u64> {
    let dir = tempfile::tempdir()?;
    let mut points: Option<Part> = None;
    let mut polygons: Option<Part> = None;
    let mut count = 0u64;
    for f in features {
        let f = f.borrow();
        let (slot, stem) = if f.geometry.as_point().is_some() {
            (&mut points, "points")
        } else {
            (&mut polygons, "polygons")
        };
        if slot.is_none() {
            *slot = Some(Part::create(dir.path(), stem, columns)?);
        }
        slot.as_mut().expect("made above").write(f, columns)?;
        count += 1;
    }
    let layer: String = layer
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let parts: Vec<(String, Part)> = match (points, polygons) {
        (Some(p), Some(q)) => vec![
            (format!("{layer}_points"), p),
            (format!("{layer}_polygons"), q),
        ],
        (Some(one), None) | (None, Some(one)) => vec![(layer, one)],
        // An empty layer still needs its files.
        (None, None) => vec![(layer, Part::create(dir.path(), "empty", columns)?)],
    };
    let zip_error = |e: zip::result::ZipError| GeoError::new(ErrorKind::Io).detail(e.to_string());
    let mut zip = zip::ZipWriter::new_stream(out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, part) in parts {
        let stem = part.finish()?;
        std::fs::write(stem.with_extension("prj"), WGS84_PRJ)?;
        std::fs::write(stem.with_extension("cpg"), "UTF-8")?;
        for ext in ["shp", "shx", "dbf", "prj", "cpg"] {
            zip.start_file(format!("{name}.{ext}"), options)
                .map_err(zip_error)?;
            std::io::copy(&mut File::open(stem.with_extension(ext))?, &mut zip)?;
        }
    }
    zip.finish().map_err(zip_error)?.flush()?;
    Ok(count)
}

/// One layer being written to temporary files: its shapes and its attribute rows.
struct Part {
    stem: std::path::PathBuf,
    dbf: dbase::TableWriter<BufWriter<File>>,
    shapes: ShapeWriter<BufWriter<File>>,
    count: u64,
}

impl Part {
    fn create(dir: &std::path::Path, stem: &str, columns: &[Column]) -> Result<Part> {
        let stem = dir.join(stem);
        let mut table = TableWriterBuilder::with_encoding(dbase::Unicode);
        for (c, name) in columns.iter().zip(dbf_names(columns)) {
            let name = FieldName::try_from(name.as_str())
                .map_err(|e| GeoError::new(ErrorKind::Io).detail(e))?;
            table = match c.kind {
                ColumnKind::Text => table.add_character_field(name, MAX_TEXT_BYTES as u8),
                ColumnKind::Number => table.add_numeric_field(name, 24, 8),
            };
        }
        let dbf = table.build_with_dest(BufWriter::new(File::create(stem.with_extension("dbf"))?));
        let shapes = ShapeWriter::with_shx(
            BufWriter::new(File::create(stem.with_extension("shp"))?),
            BufWriter::new(File::create(stem.with_extension("shx"))?),
        );
        Ok(Part {
            stem,
            dbf,
            shapes,
            count: 0,
        })
    }

    fn write(&mut self, f: &Feature, columns: &[Column]) -> Result<()> {
        match to_shape(f) {
            Shape::Point(p) => self.shapes.write_shape(&p),
            Shape::Polygon(p) => self.shapes.write_shape(&p),
            _ => unreachable!("to_shape makes points and polygons only"),
        }
        .map_err(shp_error)?;
        self.dbf
            .write_record(&Row {
                columns,
                properties: &f.properties,
            })
            .map_err(|e| GeoError::new(ErrorKind::Io).detail(e.to_string()))?;
        self.count += 1;
        Ok(())
    }

    /// Closes the files; returns the path stem of `.shp`, `.shx` and `.dbf`.
    fn finish(self) -> Result<std::path::PathBuf> {
        let Part {
            stem,
            mut dbf,
            mut shapes,
            count,
        } = self;
        if count == 0 {
            // An empty layer still needs a header; GDAL reads a null-shape file.
            drop(shapes);
            std::fs::write(stem.with_extension("shp"), empty_header())?;
            std::fs::write(stem.with_extension("shx"), empty_header())?;
        } else {
            shapes.finalize().map_err(shp_error)?;
        }
        dbf.finalize()
            .map_err(|e| GeoError::new(ErrorKind::Io).detail(e.to_string()))?;
        Ok(stem)
    }
}

/// A 100-byte main-file header with no records (shape type 0).
fn empty_header() -> Vec<u8> {
    let mut h = vec![0u8; 100];
    h[..4].copy_from_slice(&9994i32.to_be_bytes());
    h[24..28].copy_from_slice(&50i32.to_be_bytes()); // length in 16-bit words
    h[28..32].copy_from_slice(&1000i32.to_le_bytes());
    h
}
