//! What the map-tile tests share (issue 16): a square field, registering it, a
//! tile's path, and reading ids and counts out of a decoded objects layer.

use super::{Caller, TestApp};
use fito_tiles::TileId;
use fito_tiles::decode::{DecodedFeature, Tag};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// A square polygon of half-side `d` degrees around (`lon`, `lat`).
pub fn square(lon: f64, lat: f64, d: f64) -> Value {
    json!({ "type": "Polygon", "coordinates": [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] })
}

/// Registers a field through the API; its id.
pub async fn register(app: &TestApp, who: &Caller, name: &str, geometry: Value) -> String {
    let a = app
        .post(
            "/api/v1/objects",
            &who.token,
            json!({ "type": "field", "name": name, "geometry": geometry }),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    a.body["id"].as_str().unwrap().to_string()
}

/// The path of an objects tile, with a query (`""` or `?…`).
pub fn path_of(t: TileId, query: &str) -> String {
    format!(
        "/api/v1/tiles/objects/{}/{}/{}.mvt{query}",
        t.z(),
        t.x(),
        t.y()
    )
}

/// The ids of the drawn features.
pub fn ids(features: &[DecodedFeature]) -> Vec<String> {
    features
        .iter()
        .filter_map(|f| match f.tags.get("id") {
            Some(Tag::Str(s)) => Some(s.clone()),
            _ => None,
        })
        .collect()
}

/// How many objects the cells count.
pub fn counted(features: &[DecodedFeature]) -> u64 {
    features
        .iter()
        .map(|f| match f.tags.get("count") {
            Some(Tag::UInt(n)) => *n,
            _ => 0,
        })
        .sum()
}
