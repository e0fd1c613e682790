//! The `.prj` of a Shapefile (OGC or ESRI WKT 1) → a proj4rs transformation
//! to WGS 84.
//!
//! Understood: geographic WGS 84, and Transverse Mercator (UTM zones 41–45N,
//! Gauss-Krüger zones 8–15 of Pulkovo 1942, or any other tmerc) on WGS 84 or
//! Pulkovo 1942 or on any datum whose TOWGS84 the file states. Anything else is
//! refused with `geo-prj-unsupported` rather than guessed.

use proj4rs::proj::Proj;

use crate::error::{ErrorKind, GeoError, Result};

/// Pulkovo 1942 → WGS 84 Helmert parameters used when the `.prj` names the
/// datum without TOWGS84 (ESRI `.prj` files never carry it): the default PROJ
/// exports for EPSG:4284 (`gdalsrsinfo -o proj4 EPSG:28413`), good to a few
/// metres across Kazakhstan.
const PULKOVO_1942_TOWGS84: &str = "25,-141,-78.5,0,0.35,0.736,0";

#[derive(Debug, PartialEq)]
enum Wkt {
    Node(String, Vec<Wkt>),
    Text(String),
    Number(f64),
}

fn unsupported(detail: impl Into<String>) -> GeoError {
    GeoError::new(ErrorKind::PrjUnsupported).detail(detail)
}

/// A recursive-descent reader for `NAME[value, …]` WKT 1.
fn parse(text: &str) -> Result<Wkt> {
    let mut chars = text.trim().char_indices().peekable();
    let node = parse_value(text, &mut chars, 0)?;
    match chars.next() {
        None => Ok(node),
        Some((i, _)) => Err(unsupported(format!("trailing text at {i}"))),
    }
}

type Chars<'a> = std::iter::Peekable<std::str::CharIndices<'a>>;

fn skip_ws(chars: &mut Chars) {
    while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
}

fn parse_value(text: &str, chars: &mut Chars, depth: usize) -> Result<Wkt> {
    // A hostile file must not overflow the stack.
    if depth > 32 {
        return Err(unsupported("nesting too deep"));
    }
    skip_ws(chars);
    let Some(&(start, first)) = chars.peek() else {
        return Err(unsupported("unexpected end"));
    };
    if first == '"' {
        chars.next();
        let mut s = String::new();
        for (_, c) in chars.by_ref() {
            if c == '"' {
                return Ok(Wkt::Text(s));
            }
            s.push(c);
        }
        return Err(unsupported("unterminated string"));
    }
    let mut end = start;
    while let Some((i, c)) = chars.next_if(|(_, c)| c.is_alphanumeric() || "_.-+".contains(*c)) {
        end = i + c.len_utf8();
    }
    let word = &text[start..end];
    if word.is_empty() {
        return Err(unsupported(format!("unexpected {first:?} at {start}")));
    }
    skip_ws(chars);
    if chars.next_if(|(_, c)| *c == '[' || *c == '(').is_none() {
        return match word.parse::<f64>() {
            Ok(n) => Ok(Wkt::Number(n)),
            Err(_) => Ok(Wkt::Text(word.to_owned())),
        };
    }
    let mut children = Vec::new();
    loop {
        children.push(parse_value(text, chars, depth + 1)?);
        skip_ws(chars);
        match chars.next() {
            Some((_, ',')) => continue,
            Some((_, ']' | ')')) => return Ok(Wkt::Node(word.to_uppercase(), children)),
            _ => return Err(unsupported("unbalanced brackets")),
        }
    }
}

impl Wkt {
    fn children(&self) -> &[Wkt] {
        match self {
            Wkt::Node(_, c) => c,
            _ => &[],
        }
    }

    fn child(&self, name: &str) -> Option<&Wkt> {
        self.children()
            .iter()
            .find(|c| matches!(c, Wkt::Node(n, _) if n == name))
    }

    fn text(&self, i: usize) -> Option<&str> {
        match self.children().get(i) {
            Some(Wkt::Text(s)) => Some(s),
            _ => None,
        }
    }

    fn number(&self, i: usize) -> Option<f64> {
        match self.children().get(i) {
            Some(Wkt::Number(n)) => Some(*n),
            _ => None,
        }
    }
}

/// Lower-case letters and digits only: `D_WGS_1984`, `WGS 84` → `wgs1984`, `wgs84`.
fn normalise(name: &str) -> String {
    let lower = name.to_lowercase();
    let lower = lower.strip_prefix("d_").unwrap_or(&lower);
    lower.chars().filter(char::is_ascii_alphanumeric).collect()
}

/// The proj string for a GEOGCS node: ellipsoid and shift to WGS 84.
fn datum_part(geogcs: &Wkt) -> Result<String> {
    let datum = geogcs
        .child("DATUM")
        .ok_or_else(|| unsupported("no DATUM"))?;
    let name = normalise(datum.text(0).unwrap_or_default());
    if let Some(primem) = geogcs.child("PRIMEM")
        && primem.number(1).unwrap_or(0.0) != 0.0
    {
        return Err(unsupported("prime meridian other than Greenwich"));
    }
    let spheroid = datum
        .child("SPHEROID")
        .ok_or_else(|| unsupported("no SPHEROID"))?;
    let (a, rf) = match (spheroid.number(1), spheroid.number(2)) {
        (Some(a), Some(rf)) if a > 6e6 && a < 7e6 && (rf == 0.0 || rf > 1.0) => (a, rf),
        _ => return Err(unsupported("bad SPHEROID")),
    };
    let shape = if rf == 0.0 {
        format!("+a={a} +b={a}")
    } else {
        format!("+a={a} +rf={rf}")
    };
    let towgs84 = match datum.child("TOWGS84") {
        Some(t) => {
            let v: Vec<String> = t
                .children()
                .iter()
                .filter_map(|c| match c {
                    Wkt::Number(n) => Some(n.to_string()),
                    _ => None,
                })
                .collect();
            if v.len() != 3 && v.len() != 7 {
                return Err(unsupported("TOWGS84 needs 3 or 7 numbers"));
            }
            v.join(",")
        }
        None if matches!(
            name.as_str(),
            "wgs1984" | "wgs84" | "worldgeodeticsystem1984"
        ) =>
        {
            "0,0,0".to_owned()
        }
        None if name == "pulkovo1942" => PULKOVO_1942_TOWGS84.to_owned(),
        None => return Err(unsupported(format!("datum {name} without TOWGS84"))),
    };
    Ok(format!("{shape} +towgs84={towgs84}"))
}

fn parameter(projcs: &Wkt, name: &str) -> f64 {
    projcs
        .children()
        .iter()
        .find(|c| {
            matches!(c, Wkt::Node(n, _) if n == "PARAMETER")
                && normalise(c.text(0).unwrap_or_default()) == name
        })
        .and_then(|c| c.number(1))
        .unwrap_or(0.0)
}

/// The proj string the `.prj` describes, or a refusal.
fn proj_string(prj: &str) -> Result<String> {
    let root = parse(prj)?;
    match &root {
        Wkt::Node(n, _) if n == "GEOGCS" => {
            let unit = root.child("UNIT").and_then(|u| u.number(1)).unwrap_or(0.0);
            if (unit - std::f64::consts::PI / 180.0).abs() > 1e-9 {
                return Err(unsupported("geographic unit other than degree"));
            }
            Ok(format!("+proj=longlat {}", datum_part(&root)?))
        }
        Wkt::Node(n, _) if n == "PROJCS" => {
            let geogcs = root
                .child("GEOGCS")
                .ok_or_else(|| unsupported("no GEOGCS"))?;
            let method = root
                .child("PROJECTION")
                .and_then(|p| p.text(0))
                .unwrap_or_default();
            if !matches!(
                normalise(method).as_str(),
                "transversemercator" | "gausskruger"
            ) {
                return Err(unsupported(format!("projection {method}")));
            }
            let to_meter = root.child("UNIT").and_then(|u| u.number(1)).unwrap_or(1.0);
            if to_meter.is_nan() || to_meter <= 0.0 {
                return Err(unsupported("bad linear unit"));
            }
            let k = match parameter(&root, "scalefactor") {
                0.0 => 1.0,
                k => k,
            };
            Ok(format!(
                "+proj=tmerc +lat_0={} +lon_0={} +k={k} +x_0={} +y_0={} +to_meter={to_meter} {}",
                parameter(&root, "latitudeoforigin"),
                parameter(&root, "centralmeridian"),
                parameter(&root, "falseeasting") * to_meter,
                parameter(&root, "falsenorthing") * to_meter,
                datum_part(geogcs)?
            ))
        }
        _ => Err(unsupported("neither GEOGCS nor PROJCS")),
    }
}

/// Turns source coordinates into WGS 84 longitude/latitude degrees.
pub(crate) struct ToWgs84 {
    /// `None` when the source already is WGS 84 longitude/latitude.
    from: Option<(Proj, Proj)>,
}

impl ToWgs84 {
    pub(crate) fn from_prj(prj: &str) -> Result<Self> {
        let def = proj_string(prj)?;
        if def.starts_with("+proj=longlat")
            && def.ends_with("+towgs84=0,0,0")
            && def.contains("+a=6378137 +rf=298.257223563")
        {
            return Ok(ToWgs84 { from: None });
        }
        let from = Proj::from_proj_string(&def).map_err(|e| unsupported(format!("{def}: {e}")))?;
        let to = Proj::from_proj_string("+proj=longlat +datum=WGS84 +no_defs")
            .map_err(|e| unsupported(e.to_string()))?;
        Ok(ToWgs84 {
            from: Some((from, to)),
        })
    }

    pub(crate) fn apply(&self, x: f64, y: f64) -> Result<[f64; 2]> {
        let Some((from, to)) = &self.from else {
            return Ok([x, y]);
        };
        let mut p = if from.is_latlong() {
            (x.to_radians(), y.to_radians(), 0.0)
        } else {
            (x, y, 0.0)
        };
        proj4rs::transform::transform(from, to, &mut p).map_err(|e| {
            GeoError::new(ErrorKind::ReprojectionFailed).detail(format!("({x}, {y}): {e}"))
        })?;
        Ok([p.0.to_degrees(), p.1.to_degrees()])
    }
}

/// The `.prj` our Shapefile writer emits (ESRI form, as GDAL and ArcGIS expect).
pub(crate) const WGS84_PRJ: &str = "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",\
SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],\
UNIT[\"Degree\",0.0174532925199433]]";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_geo_1_prj_of_utm_and_gauss_kruger_become_tmerc() {
        let utm = "PROJCS[\"WGS_1984_UTM_Zone_42N\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",\
            SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],\
            UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"],\
            PARAMETER[\"False_Easting\",500000.0],PARAMETER[\"False_Northing\",0.0],\
            PARAMETER[\"Central_Meridian\",69.0],PARAMETER[\"Scale_Factor\",0.9996],\
            PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]";
        let s = proj_string(utm).unwrap();
        assert!(
            s.contains("+lon_0=69") && s.contains("+k=0.9996") && s.contains("+x_0=500000"),
            "{s}"
        );
        assert!(ToWgs84::from_prj(WGS84_PRJ).unwrap().from.is_none());
        for bad in [
            "",
            "PROJCS[",
            "LOCAL_CS[\"x\"]",
            "GEOGCS[\"x\",DATUM[\"Tokyo\",SPHEROID[\"Bessel\",6377397.155,299.15]],UNIT[\"Degree\",0.0174532925199433]]",
        ] {
            assert_eq!(
                ToWgs84::from_prj(bad).err().map(|e| e.code()),
                Some("geo-prj-unsupported"),
                "{bad}"
            );
        }
    }
}
