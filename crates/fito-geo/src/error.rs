//! Typed refusals and repairs.
//!
//! Every refusal has a stable kebab-case code: the server maps the code to a Fluent
//! message, so codes never change meaning once published. The location says which
//! feature (counted from 1, as a person counts) or file line is wrong, and for
//! geometry errors which polygon, ring and vertex (counted from 0, as the GeoJSON
//! arrays are indexed).

use std::fmt;

/// What went wrong. The variant decides the code; details live in [`Location`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    CoordinateNotFinite,
    LatitudeOutOfRange,
    LongitudeOutOfRange,
    AxesSwapped,
    GeometryEmpty,
    GeometryTypeUnsupported,
    RingTooFewPoints,
    RingNotClosed,
    RingSelfIntersects,
    RingsIntersect,
    HoleOutsideShell,
    PolygonsOverlap,
    CrossesAntimeridian,
    BboxInvalid,
    AreaInvalid,
    DistanceInvalid,
    GeoJsonMalformed,
    GeoJsonWrongType,
    KmlMalformed,
    CsvMalformed,
    CsvMissingColumns,
    CsvBadNumber,
    WktMalformed,
    ZipMalformed,
    ShapefileMissingPart,
    ShapefileMalformed,
    ShapefileMixedGeometry,
    PrjUnsupported,
    ReprojectionFailed,
    Io,
}

impl ErrorKind {
    /// The stable machine code, also the Fluent message id.
    pub const fn code(self) -> &'static str {
        use ErrorKind::*;
        match self {
            CoordinateNotFinite => "geo-coordinate-not-finite",
            LatitudeOutOfRange => "geo-latitude-out-of-range",
            LongitudeOutOfRange => "geo-longitude-out-of-range",
            AxesSwapped => "geo-axes-swapped",
            GeometryEmpty => "geo-geometry-empty",
            GeometryTypeUnsupported => "geo-geometry-type-unsupported",
            RingTooFewPoints => "geo-ring-too-few-points",
            RingNotClosed => "geo-ring-not-closed",
            RingSelfIntersects => "geo-ring-self-intersects",
            RingsIntersect => "geo-rings-intersect",
            HoleOutsideShell => "geo-hole-outside-shell",
            PolygonsOverlap => "geo-polygons-overlap",
            CrossesAntimeridian => "geo-crosses-antimeridian",
            BboxInvalid => "geo-bbox-invalid",
            AreaInvalid => "geo-area-invalid",
            DistanceInvalid => "geo-distance-invalid",
            GeoJsonMalformed => "geo-geojson-malformed",
            GeoJsonWrongType => "geo-geojson-wrong-type",
            KmlMalformed => "geo-kml-malformed",
            CsvMalformed => "geo-csv-malformed",
            CsvMissingColumns => "geo-csv-missing-columns",
            CsvBadNumber => "geo-csv-bad-number",
            WktMalformed => "geo-wkt-malformed",
            ZipMalformed => "geo-zip-malformed",
            ShapefileMissingPart => "geo-shapefile-missing-part",
            ShapefileMalformed => "geo-shapefile-malformed",
            ShapefileMixedGeometry => "geo-shapefile-mixed-geometry",
            PrjUnsupported => "geo-prj-unsupported",
            ReprojectionFailed => "geo-reprojection-failed",
            Io => "geo-io",
        }
    }
}

/// Where in the input the problem is. Unknown parts stay `None`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Location {
    /// Feature number in the file, from 1.
    pub feature: Option<usize>,
    /// Line number in a text file, from 1.
    pub line: Option<u64>,
    /// Polygon index inside a multipolygon, from 0.
    pub polygon: Option<usize>,
    /// Ring index inside a polygon (0 = exterior), from 0.
    pub ring: Option<usize>,
    /// Vertex index inside a ring, from 0.
    pub vertex: Option<usize>,
}

/// A refusal: a code, where it happened, and an untranslated detail for logs.
#[derive(Debug, Clone, PartialEq)]
pub struct GeoError {
    pub kind: ErrorKind,
    pub at: Location,
    /// Developer-facing detail (parser message, offending value). Never shown
    /// translated; the Fluent message is chosen by `kind` alone.
    pub detail: Option<String>,
}

impl GeoError {
    pub fn new(kind: ErrorKind) -> Self {
        GeoError {
            kind,
            at: Location::default(),
            detail: None,
        }
    }

    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// Attach the feature number unless a more specific one is already set.
    pub fn at_feature(mut self, feature: usize) -> Self {
        self.at.feature.get_or_insert(feature);
        self
    }

    pub fn at_line(mut self, line: u64) -> Self {
        self.at.line.get_or_insert(line);
        self
    }

    pub fn at_polygon(mut self, polygon: usize) -> Self {
        self.at.polygon.get_or_insert(polygon);
        self
    }

    pub fn at_ring(mut self, ring: usize) -> Self {
        self.at.ring.get_or_insert(ring);
        self
    }

    pub fn at_vertex(mut self, vertex: usize) -> Self {
        self.at.vertex.get_or_insert(vertex);
        self
    }

    /// Named arguments for the Fluent message (`$feature`, `$line`, …).
    pub fn fluent_args(&self) -> Vec<(&'static str, String)> {
        location_args(&self.at)
    }
}

fn location_args(at: &Location) -> Vec<(&'static str, String)> {
    let mut args = Vec::new();
    let parts = [
        ("feature", at.feature.map(|v| v as u64)),
        ("line", at.line),
        ("polygon", at.polygon.map(|v| v as u64)),
        ("ring", at.ring.map(|v| v as u64)),
        ("vertex", at.vertex.map(|v| v as u64)),
    ];
    for (name, value) in parts {
        if let Some(v) = value {
            args.push((name, v.to_string()));
        }
    }
    args
}

impl fmt::Display for GeoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())?;
        for (name, value) in location_args(&self.at) {
            write!(f, " {name}={value}")?;
        }
        if let Some(detail) = &self.detail {
            write!(f, ": {detail}")?;
        }
        Ok(())
    }
}

impl std::error::Error for GeoError {}

impl From<std::io::Error> for GeoError {
    fn from(e: std::io::Error) -> Self {
        GeoError::new(ErrorKind::Io).detail(e.to_string())
    }
}

/// An unambiguous fix that validation applied; the caller must tell the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RepairKind {
    /// The first vertex was appended to close the ring (only when asked).
    RingClosed,
    /// The ring was reversed to the RFC 7946 winding (exterior counter-clockwise).
    RingReoriented,
    /// Repeated consecutive vertices were dropped.
    DuplicateVerticesRemoved,
}

impl RepairKind {
    pub const fn code(self) -> &'static str {
        match self {
            RepairKind::RingClosed => "geo-repair-ring-closed",
            RepairKind::RingReoriented => "geo-repair-ring-reoriented",
            RepairKind::DuplicateVerticesRemoved => "geo-repair-duplicate-vertices-removed",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Repair {
    pub kind: RepairKind,
    pub at: Location,
}

impl Repair {
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    pub fn fluent_args(&self) -> Vec<(&'static str, String)> {
        location_args(&self.at)
    }
}

pub type Result<T, E = GeoError> = std::result::Result<T, E>;
