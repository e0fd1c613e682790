//! Security headers on every answer, the map settings the web app reads, and the one
//! access-log line per request (R-SEC-1, R-TECH-1, R-OPS-2).

use crate::config::{Config, MapConfig};
use crate::http::state::AppState;
use axum::Json;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use serde::Serialize;
use std::sync::{Arc, OnceLock};
use std::time::Instant;
use utoipa::ToSchema;
use uuid::Uuid;

pub const HSTS: &str = "max-age=31536000; includeSubDomains";
pub const PERMISSIONS_POLICY: &str = "geolocation=(self), camera=(), microphone=()";

/// What the header layer needs, computed once.
#[derive(Clone)]
pub struct Policy {
    csp: HeaderValue,
    config: Arc<Config>,
}

impl Policy {
    pub fn new(config: Arc<Config>) -> Policy {
        let csp = HeaderValue::from_str(&content_security_policy(&config.map))
            .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"));
        Policy { csp, config }
    }
}

/// The origin a tile URL template loads from, as a CSP source: `https://tile.example`,
/// `https://*.tile.example` for `{s}` subdomains; `None` for a URL on this server.
pub fn tile_origin(tile_url: &str) -> Option<String> {
    let (scheme, rest) = tile_url.split_once("://")?;
    if !matches!(scheme, "http" | "https") {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit('@').next()?;
    let host = authority.replace("{s}", "*");
    let ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.:[]*".contains(&b));
    ok.then(|| format!("{scheme}://{host}"))
}

/// NCALayer, the NCA's signing application on the user's own computer, listens here;
/// the portal signs through it (R-AUTH-2, R-ACT-2).
const NCALAYER: &str = "wss://127.0.0.1:13579";

/// The web app's content security policy: its own scripts and styles only, images
/// and fetches from itself and the configured map tiles (plus NCALayer's local
/// socket), no framing, no plugins.
pub fn content_security_policy(map: &MapConfig) -> String {
    let tiles = tile_origin(&map.tile_url)
        .map(|o| format!(" {o}"))
        .unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self'; style-src 'self'; \
         img-src 'self' data: blob:{tiles}; connect-src 'self'{tiles} {NCALAYER}; \
         worker-src 'self' blob:; manifest-src 'self'; object-src 'none'; \
         frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    )
}

/// Security headers on every answer (R-SEC-1); on HTTPS answers also HSTS, and every
/// cookie set over HTTPS gets `Secure`.
pub async fn headers(State(policy): State<Policy>, request: Request, next: Next) -> Response {
    let https = crate::http::tls::is_https(&policy.config, request.headers(), request.extensions());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in [
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "no-referrer"),
        ("permissions-policy", PERMISSIONS_POLICY),
        ("cross-origin-opener-policy", "same-origin"),
        ("cross-origin-resource-policy", "same-origin"),
        ("cache-control", "no-store"),
    ] {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    headers
        .entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(policy.csp.clone());
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
        let cookies: Vec<HeaderValue> = headers
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|c| {
                let text = c.to_str().unwrap_or("");
                let secure = text
                    .split(';')
                    .any(|part| part.trim().eq_ignore_ascii_case("secure"));
                if secure {
                    c.clone()
                } else {
                    HeaderValue::from_str(&format!("{text}; Secure")).unwrap_or(c.clone())
                }
            })
            .collect();
        if !cookies.is_empty() {
            headers.remove(header::SET_COOKIE);
            for c in cookies {
                headers.append(header::SET_COOKIE, c);
            }
        }
    }
    response
}

/// The signed-in user of a request, filled by `CurrentUser` for the access log.
#[derive(Clone, Default)]
pub struct LoggedUser(pub Arc<OnceLock<Uuid>>);

/// One JSON line per request, with exactly the fields of docs/LOGS.md: never a body,
/// a query string, a header other than the technical ones, a token or an e-mail.
pub async fn access_log(
    State(config): State<Arc<Config>>,
    mut request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let user = LoggedUser::default();
    request.extensions_mut().insert(user.clone());
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string());
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let (device_id, os, app_version) = {
        let header = |name: &str| {
            request
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.trim().chars().take(64).collect::<String>())
        };
        (
            header("x-device-id"),
            header("x-os"),
            header("x-app-version"),
        )
    };
    let (parts, body) = request.into_parts();
    let ip = crate::http::extract::request_meta(
        &parts,
        crate::http::tls::forwarded_trusted(&config, &parts),
    )
    .ip;
    let response = next.run(Request::from_parts(parts, body)).await;
    // The route template when the router matched one (no ids, no query).
    let route = route
        .or_else(|| {
            response
                .extensions()
                .get::<MatchedPath>()
                .map(|p| p.as_str().to_string())
        })
        .unwrap_or_else(|| "-".to_string());
    let status = response.status().as_u16();
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    let user_id = user.0.get().map(Uuid::to_string);
    tracing::info!(
        target: "fito::access",
        request_id = request_id.as_deref().unwrap_or("-"),
        method = %method,
        route = %route,
        status,
        latency_ms = (latency_ms * 10.0).round() / 10.0,
        user_id = user_id.as_deref(),
        device_id = device_id.as_deref(),
        ip = ip.as_deref(),
        os = os.as_deref(),
        app_version = app_version.as_deref(),
        "request"
    );
    response
}

#[derive(Serialize, ToSchema)]
pub struct MapSettings {
    /// Raster tile URL template (`{z}`, `{x}`, `{y}`, optionally `{s}`).
    pub tile_url: String,
    pub subdomains: Vec<String>,
    pub attribution: String,
    pub max_zoom: u8,
    /// Whether the field app may cache the inspector's district for offline use: only a
    /// self-hosted or licensed tile server permits bulk downloads, and never
    /// tile.openstreetmap.org (its usage policy forbids it), whatever the setting.
    pub offline_bulk: bool,
}

/// The web map's tile source and attribution; needs no sign-in (the sign-in page
/// shows the map too).
#[utoipa::path(get, path = "/api/v1/config/map", tag = "operations",
    responses((status = 200, body = MapSettings)),
    extensions(("x-fito-action" = json!("public"))))]
pub async fn map_config(State(state): State<AppState>) -> Json<MapSettings> {
    let map = &state.config.map;
    Json(MapSettings {
        tile_url: map.tile_url.clone(),
        subdomains: map.subdomains.clone(),
        attribution: map.attribution.clone(),
        max_zoom: map.max_zoom,
        offline_bulk: map.offline_bulk && !map.tile_url.contains("tile.openstreetmap.org"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tile_origins_become_csp_sources() {
        assert_eq!(
            tile_origin("https://tile.openstreetmap.org/{z}/{x}/{y}.png").as_deref(),
            Some("https://tile.openstreetmap.org")
        );
        assert_eq!(
            tile_origin("https://{s}.tiles.example:8443/{z}/{x}/{y}.png").as_deref(),
            Some("https://*.tiles.example:8443")
        );
        assert_eq!(tile_origin("/tiles/{z}/{x}/{y}.png"), None);
        assert_eq!(tile_origin("https://evil.example; script-src *"), None);
    }
}
