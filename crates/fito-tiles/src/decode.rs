//! Reads MVT bytes back (for tests and conformance checks): the protobuf wire
//! format of `vector_tile.proto` 2.1 and the geometry command integers.

use std::collections::BTreeMap;

/// A tag value as decoded.
#[derive(Debug, Clone, PartialEq)]
pub enum Tag {
    Str(String),
    Float(f32),
    Double(f64),
    Int(i64),
    UInt(u64),
    Bool(bool),
}

#[derive(Debug, Clone, PartialEq)]
pub struct DecodedFeature {
    pub id: Option<u64>,
    /// 1 point, 2 line, 3 polygon.
    pub kind: u64,
    pub tags: BTreeMap<String, Tag>,
    /// Points: one part per point; polygons: one part per ring (not repeating
    /// the first point), in tile units.
    pub parts: Vec<Vec<(i64, i64)>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DecodedLayer {
    pub name: String,
    pub version: u64,
    pub extent: u64,
    pub features: Vec<DecodedFeature>,
}

/// Why bytes are not a tile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError(pub &'static str);

type R<T> = Result<T, DecodeError>;

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

enum Field<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
    Fixed64(u64),
    Fixed32(u32),
}

impl<'a> Reader<'a> {
    fn varint(&mut self) -> R<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self
                .buf
                .get(self.pos)
                .ok_or(DecodeError("truncated varint"))?;
            self.pos += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(DecodeError("varint too long"))
    }

    fn take(&mut self, n: usize) -> R<&'a [u8]> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.buf.len());
        let end = end.ok_or(DecodeError("truncated field"))?;
        let s = &self.buf[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn next(&mut self) -> R<Option<(u64, Field<'a>)>> {
        if self.pos >= self.buf.len() {
            return Ok(None);
        }
        let key = self.varint()?;
        let field = match key & 7 {
            0 => Field::Varint(self.varint()?),
            1 => Field::Fixed64(u64::from_le_bytes(
                self.take(8)?.try_into().unwrap_or([0; 8]),
            )),
            2 => {
                let n = self.varint()? as usize;
                Field::Bytes(self.take(n)?)
            }
            5 => Field::Fixed32(u32::from_le_bytes(
                self.take(4)?.try_into().unwrap_or([0; 4]),
            )),
            _ => return Err(DecodeError("unknown wire type")),
        };
        Ok(Some((key >> 3, field)))
    }
}

fn fields(buf: &[u8]) -> Reader<'_> {
    Reader { buf, pos: 0 }
}

fn packed(buf: &[u8]) -> R<Vec<u64>> {
    let mut r = fields(buf);
    let mut out = Vec::new();
    while r.pos < buf.len() {
        out.push(r.varint()?);
    }
    Ok(out)
}

fn string(b: &[u8]) -> R<String> {
    String::from_utf8(b.to_vec()).map_err(|_| DecodeError("invalid UTF-8"))
}

fn value(buf: &[u8]) -> R<Tag> {
    let mut r = fields(buf);
    let mut tag = None;
    while let Some((n, f)) = r.next()? {
        tag = Some(match (n, f) {
            (1, Field::Bytes(b)) => Tag::Str(string(b)?),
            (2, Field::Fixed32(v)) => Tag::Float(f32::from_bits(v)),
            (3, Field::Fixed64(v)) => Tag::Double(f64::from_bits(v)),
            (4, Field::Varint(v)) => Tag::Int(v as i64),
            (5, Field::Varint(v)) => Tag::UInt(v),
            (6, Field::Varint(v)) => Tag::Int(unzig(v)),
            (7, Field::Varint(v)) => Tag::Bool(v != 0),
            _ => return Err(DecodeError("bad value")),
        });
    }
    tag.ok_or(DecodeError("empty value"))
}

fn unzig(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

fn geometry(kind: u64, ints: &[u64]) -> R<Vec<Vec<(i64, i64)>>> {
    let (mut x, mut y) = (0i64, 0i64);
    let mut parts: Vec<Vec<(i64, i64)>> = Vec::new();
    let mut i = 0;
    while i < ints.len() {
        let (cmd, count) = (ints[i] & 7, ints[i] >> 3);
        i += 1;
        match cmd {
            1 | 2 => {
                for k in 0..count {
                    let dx = *ints.get(i).ok_or(DecodeError("truncated geometry"))?;
                    let dy = *ints.get(i + 1).ok_or(DecodeError("truncated geometry"))?;
                    i += 2;
                    x += unzig(dx);
                    y += unzig(dy);
                    // A MoveTo starts a part; a point feature's every point is one.
                    if cmd == 1 && (k == 0 || kind == 1) || parts.is_empty() {
                        parts.push(Vec::new());
                    }
                    if let Some(p) = parts.last_mut() {
                        p.push((x, y));
                    }
                }
            }
            7 => {}
            _ => return Err(DecodeError("unknown command")),
        }
    }
    Ok(parts)
}

fn feature(buf: &[u8], keys: &[String], values: &[Tag]) -> R<DecodedFeature> {
    let mut r = fields(buf);
    let (mut id, mut kind, mut tags, mut geom) = (None, 0, Vec::new(), Vec::new());
    while let Some((n, f)) = r.next()? {
        match (n, f) {
            (1, Field::Varint(v)) => id = Some(v),
            (2, Field::Bytes(b)) => tags = packed(b)?,
            (3, Field::Varint(v)) => kind = v,
            (4, Field::Bytes(b)) => geom = packed(b)?,
            _ => return Err(DecodeError("bad feature field")),
        }
    }
    let mut map = BTreeMap::new();
    for pair in tags.chunks(2) {
        let [k, v] = pair else {
            return Err(DecodeError("odd tag list"));
        };
        let key = keys
            .get(*k as usize)
            .ok_or(DecodeError("tag key out of range"))?;
        let val = values
            .get(*v as usize)
            .ok_or(DecodeError("tag value out of range"))?;
        map.insert(key.clone(), val.clone());
    }
    Ok(DecodedFeature {
        id,
        kind,
        tags: map,
        parts: geometry(kind, &geom)?,
    })
}

fn layer(buf: &[u8]) -> R<DecodedLayer> {
    let (mut name, mut version, mut extent) = (String::new(), 1, 4096);
    let (mut raw, mut keys, mut values) = (Vec::new(), Vec::new(), Vec::new());
    let mut r = fields(buf);
    while let Some((n, f)) = r.next()? {
        match (n, f) {
            (1, Field::Bytes(b)) => name = string(b)?,
            (2, Field::Bytes(b)) => raw.push(b),
            (3, Field::Bytes(b)) => keys.push(string(b)?),
            (4, Field::Bytes(b)) => values.push(value(b)?),
            (5, Field::Varint(v)) => extent = v,
            (15, Field::Varint(v)) => version = v,
            _ => return Err(DecodeError("bad layer field")),
        }
    }
    let features = raw
        .into_iter()
        .map(|b| feature(b, &keys, &values))
        .collect::<R<_>>()?;
    Ok(DecodedLayer {
        name,
        version,
        extent,
        features,
    })
}

/// The layers of a tile, in order.
pub fn decode(bytes: &[u8]) -> R<Vec<DecodedLayer>> {
    let mut r = fields(bytes);
    let mut layers = Vec::new();
    while let Some((n, f)) = r.next()? {
        match (n, f) {
            (3, Field::Bytes(b)) => layers.push(layer(b)?),
            _ => return Err(DecodeError("bad tile field")),
        }
    }
    Ok(layers)
}
