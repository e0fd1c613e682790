//! GIS files and the requests that carry them, for the import and export tests
//! (R-GEO-1).

use super::{Answer, Caller, TestApp};
use reqwest::StatusCode;
use serde_json::{Value, json};

pub fn square(lon: f64, lat: f64, d: f64) -> Value {
    json!({ "type": "Polygon", "coordinates": [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] })
}

pub fn field(name: &str, lon: f64, lat: f64) -> Value {
    json!({ "type": "Feature", "geometry": square(lon, lat, 0.005),
        "properties": { "name": name, "type": "field", "crop": "wheat_spring", "kato": "110000000",
            "owner_bin": "260240002570", "owner_name": "«Астық» ЖШС", "colour": "green" } })
}

pub fn focus(name: &str, lon: f64, lat: f64) -> Value {
    json!({ "type": "Feature", "geometry": { "type": "Point", "coordinates": [lon, lat] },
        "properties": { "name": name } })
}

pub fn collection(features: Vec<Value>) -> Vec<u8> {
    json!({ "type": "FeatureCollection", "features": features })
        .to_string()
        .into_bytes()
}

pub async fn inspector(app: &TestApp) -> Caller {
    let admin = app.admin().await;
    app.create_user(&admin, "inspector", &app.root_org).await
}

/// Sends a file as the body of the import.
pub async fn upload(
    app: &TestApp,
    who: &Caller,
    query: &str,
    content_type: &str,
    body: Vec<u8>,
) -> Answer {
    let res = app
        .http
        .post(format!("{}/api/v1/objects/import{query}", app.base))
        .bearer_auth(&who.token)
        .header("content-type", content_type)
        .header("accept-language", "en")
        .body(body)
        .send()
        .await
        .expect("request");
    let status = res.status();
    let headers = res.headers().clone();
    let text = res.text().await.unwrap_or_default();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Answer {
        status,
        headers,
        body,
    }
}

/// The raw bytes of an export, with its headers.
pub async fn download(
    app: &TestApp,
    who: &Caller,
    query: &str,
) -> (StatusCode, reqwest::header::HeaderMap, Vec<u8>) {
    let res = app
        .http
        .get(format!("{}/api/v1/objects/export{query}", app.base))
        .bearer_auth(&who.token)
        .send()
        .await
        .expect("request");
    let (status, headers) = (res.status(), res.headers().clone());
    (status, headers, res.bytes().await.expect("body").to_vec())
}

/// Every object in the database, whatever its organisation or status.
pub async fn object_count(app: &TestApp) -> usize {
    let all = fito_store::objects::Search {
        limit: 100_000,
        ..Default::default()
    };
    let found = fito_store::objects::search(app.store.reader(), app.store.engine(), &all);
    found.await.unwrap().len()
}

/// Sends a broken file and checks the refusal, and that nothing was written.
pub async fn refused(app: &TestApp, who: &Caller, query: &str, ct: &str, body: Vec<u8>) -> Answer {
    let (objects, audit) = (object_count(app).await, app.audit_count().await);
    let a = upload(app, who, query, ct, body).await;
    assert!(a.status.is_client_error(), "{} {}", a.status, a.body);
    let written = (object_count(app).await, app.audit_count().await);
    assert_eq!(written, (objects, audit), "written: {}", a.body);
    a
}

pub fn imported(a: &Answer) -> (StatusCode, Option<u64>) {
    (a.status, a.body["imported"].as_u64())
}

/// Where a refusal says the file is wrong, and why: feature, line, inner reason.
pub fn located(a: &Answer) -> (Option<&str>, Option<&str>, Option<&str>) {
    let p = &a.body["params"];
    (
        p["feature"].as_str(),
        p["line"].as_str(),
        p["reason"].as_str(),
    )
}

pub async fn properties(app: &TestApp, who: &Caller, id: &Value, tail: &str) -> Value {
    let path = format!("/api/v1/objects/{}{tail}", id.as_str().unwrap());
    app.get(&path, &who.token).await.body
}
