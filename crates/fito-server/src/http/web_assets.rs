//! The web app (`web/dist`, built by `npm run build`) served at `/`: embedded into
//! release binaries by rust-embed (debug builds read the folder from disk), or read
//! from `[web] dir` when configured. Unknown paths outside `/api/` get `index.html`
//! (the app routes on the client); `/api/…` keeps the API's problem+json 404.
//!
//! Caching: `index.html` and the service worker `sw.js` must be revalidated on every
//! load (`no-cache`), or a client would keep an old app; files whose names carry a
//! content hash (`assets/index-3f9a1c2b.js`) never change and are cached for a year.
//!
//! A build without `web/dist` (a fresh checkout, the Rust tests) still compiles
//! (`allow_missing`): the server then answers 404 for the app's paths.

use crate::app::{AppError, Kind};
use crate::http::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;
use std::borrow::Cow;
use std::path::{Component, Path};

#[derive(RustEmbed)]
#[folder = "../../web/dist"]
#[allow_missing = true]
struct Embedded;

/// Whether a file name carries a content hash the build put there (`name-<8+ hex or
/// base64url chars>.ext`), so its content never changes under that name.
fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let Some((_, hash)) = stem.rsplit_once(['-', '.']) else {
        return false;
    };
    hash.len() >= 8
        && hash
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && hash.chars().any(|c| c.is_ascii_digit())
}

fn cache_control(path: &str) -> &'static str {
    if path == "index.html" || path == "sw.js" {
        "no-cache"
    } else if is_hashed(path) {
        "public, max-age=31536000, immutable"
    } else {
        // Icons, the manifest: small, revalidated.
        "no-cache"
    }
}

/// A relative path inside the app folder, or `None` for anything that climbs out.
fn clean(path: &str) -> Option<String> {
    let trimmed = path.trim_start_matches('/');
    let p = Path::new(trimmed);
    if p.components().all(|c| matches!(c, Component::Normal(_))) {
        Some(trimmed.to_string())
    } else {
        None
    }
}

async fn read(state: &AppState, path: &str) -> Option<Cow<'static, [u8]>> {
    match &state.config.web.dir {
        Some(dir) => tokio::fs::read(dir.join(path)).await.ok().map(Cow::Owned),
        None => Embedded::get(path).map(|f| f.data),
    }
}

fn answer(path: &str, data: Cow<'static, [u8]>, head: bool) -> Response {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let len = data.len();
    let body = if head {
        Body::empty()
    } else {
        Body::from(data)
    };
    let mut response = (StatusCode::OK, body).into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(mime.essence_str()) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control(path)),
    );
    // The content security policy comes from the one security-header layer
    // (`http::security`), as for every answer.
    if path == "sw.js" {
        headers.insert("service-worker-allowed", HeaderValue::from_static("/"));
    }
    response
}

/// The router's fallback: the app's files, `index.html` for the app's own routes,
/// and the API's 404 problem for everything under `/api/` (and the OGC service).
pub async fn fallback(State(state): State<AppState>, request: Request) -> Response {
    let path = request.uri().path().to_string();
    let is_api = path == "/api" || path.starts_with("/api/") || path.starts_with("/ogc");
    if is_api {
        return AppError::not_found("not-found").into_response();
    }
    let head = request.method() == Method::HEAD;
    if request.method() != Method::GET && !head {
        return AppError::new(Kind::MethodNotAllowed, "method-not-allowed").into_response();
    }
    let Some(relative) = clean(&path) else {
        return AppError::not_found("not-found").into_response();
    };
    if !relative.is_empty()
        && let Some(data) = read(&state, &relative).await
    {
        return answer(&relative, data, head);
    }
    // A file that looks like one (has an extension) and is missing is a 404, not
    // the app: a stale hashed script must not be answered with HTML.
    let looks_like_file = relative
        .rsplit('/')
        .next()
        .is_some_and(|name| name.contains('.'));
    if looks_like_file {
        return AppError::not_found("not-found").into_response();
    }
    match read(&state, "index.html").await {
        Some(data) => answer("index.html", data, head),
        None => AppError::not_found("not-found").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_told_from_plain_ones() {
        assert!(is_hashed("assets/index-3f9a1c2b.js"));
        assert!(is_hashed("assets/app.B1x9_aZq.css"));
        assert!(!is_hashed("index.html"));
        assert!(!is_hashed("sw.js"));
        assert!(!is_hashed("icons/icon-192.png"));
        assert!(!is_hashed("manifest.webmanifest"));
    }

    #[test]
    fn paths_that_climb_out_are_refused() {
        assert_eq!(clean("/assets/a.js").as_deref(), Some("assets/a.js"));
        assert_eq!(clean("/../etc/passwd"), None);
        assert_eq!(clean("/a/../b"), None);
    }
}
