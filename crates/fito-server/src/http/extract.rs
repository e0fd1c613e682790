//! Extractors that turn raw requests into checked values, refusing bad input with a
//! translated problem instead of axum's plain-text rejections.

use crate::app::{AppError, Kind, RequestMeta};
use crate::http::state::AppState;
use crate::i18n::Lang;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use serde::de::DeserializeOwned;

use crate::app::json::parse_json;
use std::net::SocketAddr;

/// A JSON body. Malformed JSON, wrong types, unknown or missing fields and oversize
/// bodies each get their own code and name the field.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, AppError> {
        require_json(req.headers())?;
        let limit = state.config.max_body_bytes;
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|length| length > limit) {
            return Err(refuse_oversize(req, limit).await);
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                AppError::new(Kind::TooLarge, "request-too-large")
                    .with("limit", state.config.max_body_bytes)
            } else {
                AppError::bad_request("request-malformed-json")
            }
        })?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// Refuses a body that does not say it is JSON (`application/json` or `…+json`).
pub fn require_json(headers: &HeaderMap) -> Result<(), AppError> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| {
            let v = v.trim();
            v.eq_ignore_ascii_case("application/json") || v.ends_with("+json")
        });
    if is_json {
        Ok(())
    } else {
        Err(AppError::new(
            Kind::UnsupportedMediaType,
            "request-unsupported-media-type",
        ))
    }
}

/// Reads and drops an oversize body (up to a cap) before answering 413: a client
/// still sending when the connection closes would see a reset instead of our answer.
async fn refuse_oversize(req: Request, limit: usize) -> AppError {
    use futures_util::StreamExt;
    const DRAIN_CAP: usize = 32 * 1024 * 1024;
    let mut stream = req.into_body().into_data_stream();
    let mut drained = 0usize;
    while let Some(Ok(chunk)) = stream.next().await {
        drained += chunk.len();
        if drained > DRAIN_CAP {
            break;
        }
    }
    AppError::new(Kind::TooLarge, "request-too-large").with("limit", limit)
}

/// Query parameters, refused with `request-invalid-query` naming the parameter.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let query = parts.uri.query().unwrap_or("");
        let de = serde_urlencoded_de(query);
        de.map(ApiQuery)
            .map_err(|param| AppError::bad_request("request-invalid-query").with("param", param))
    }
}

fn serde_urlencoded_de<T: DeserializeOwned>(query: &str) -> Result<T, String> {
    // axum's Query uses serde_urlencoded; we need the failing parameter's name.
    let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        if path.is_empty() || path == "." {
            let message = e.into_inner().to_string();
            message.split('`').nth(1).unwrap_or("?").to_string()
        } else {
            path
        }
    })
}

/// The journal's facts about the caller, for handlers that run before sign-in.
impl FromRequestParts<AppState> for RequestMeta {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        Ok(request_meta(
            parts,
            crate::http::tls::forwarded_trusted(&state.config, parts),
        ))
    }
}

pub fn request_meta(parts: &Parts, trust_proxy: bool) -> RequestMeta {
    let header = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.trim().chars().take(128).collect::<String>())
            .filter(|v| !v.is_empty())
    };
    let forwarded = trust_proxy
        .then(|| header("x-forwarded-for"))
        .flatten()
        .and_then(|v| v.split(',').next().map(|s| s.trim().to_string()));
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string());
    RequestMeta {
        ip: forwarded.or(peer),
        device_id: header("x-device-id"),
        os: header("x-os"),
        app_version: header("x-app-version"),
        lang: Lang::from_accept_language(
            parts
                .headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok()),
        ),
    }
}

/// An uploaded file's bytes, read when awaited (once the sender is known to be
/// allowed), refused past `limit`: the import routes have their own, larger limit.
pub async fn file_bytes(body: axum::body::Body, limit: usize) -> Result<Bytes, AppError> {
    axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| AppError::new(Kind::TooLarge, "request-too-large").with("limit", limit))
}

/// The Content-Type a request came with.
pub fn media_type(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}
