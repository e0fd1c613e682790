//! Errors as HTTP answers: each [`Kind`] has one status, and every error answer gets
//! an RFC 9457 problem+json body with the Fluent message of its code, in the language
//! the caller asked for.

use crate::app::{AppError, Kind};
use crate::http::state::AppState;
use crate::i18n::{I18n, Lang};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The status that answers an error of `kind`.
pub fn status(kind: Kind) -> StatusCode {
    match kind {
        Kind::BadRequest => StatusCode::BAD_REQUEST,
        Kind::Unauthenticated => StatusCode::UNAUTHORIZED,
        Kind::Forbidden => StatusCode::FORBIDDEN,
        Kind::NotFound => StatusCode::NOT_FOUND,
        Kind::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
        Kind::Timeout => StatusCode::REQUEST_TIMEOUT,
        Kind::Conflict => StatusCode::CONFLICT,
        Kind::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        Kind::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        Kind::Unprocessable => StatusCode::UNPROCESSABLE_ENTITY,
        Kind::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
        Kind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        Kind::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
    }
}

/// The problem+json body of `error` in `lang`, answered with `status`.
fn body(error: &AppError, status: StatusCode, i18n: &I18n, lang: Lang) -> serde_json::Value {
    let message = i18n.message(lang, error.code, &error.args);
    let params: serde_json::Map<String, serde_json::Value> = error
        .args
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone().into()))
        .collect();
    serde_json::json!({
        "type": format!("urn:fito:problem:{}", error.code),
        "title": message,
        "status": status.as_u16(),
        "code": error.code,
        "params": params,
    })
}

/// The error travels to `render_problems` as a response extension; the body is
/// written there, where the request's language is known.
impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut response = status(self.kind).into_response();
        response.extensions_mut().insert(Arc::new(self));
        response
    }
}

/// Writes the translated body of an [`AppError`] response.
pub fn problem_response(error: &AppError, i18n: &I18n, lang: Lang) -> Response {
    problem_with_status(error, status(error.kind), i18n, lang)
}

fn problem_with_status(error: &AppError, status: StatusCode, i18n: &I18n, lang: Lang) -> Response {
    let mut response = (status, axum::Json(body(error, status, i18n, lang))).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response.headers_mut().insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.code()),
    );
    response
}

/// Writes the translated problem+json body for every error answer, in the language
/// the caller asked for. Errors that did not come from our handlers (a timeout, a
/// panic) get a generic problem of their status.
pub async fn render_problems(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let lang = Lang::from_accept_language(
        request
            .headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let response = next.run(request).await;
    if let Some(error) = response.extensions().get::<Arc<AppError>>().cloned() {
        let mut problem = problem_response(&error, &state.i18n, lang);
        // A rate limit tells when to come back.
        if let Some(retry) = response.headers().get(header::RETRY_AFTER) {
            problem
                .headers_mut()
                .insert(header::RETRY_AFTER, retry.clone());
        }
        return problem;
    }
    let status = response.status();
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
    if (status.is_client_error() || status.is_server_error()) && !is_problem {
        let (kind, code) = match status {
            StatusCode::REQUEST_TIMEOUT => (Kind::Timeout, "request-timeout"),
            StatusCode::PAYLOAD_TOO_LARGE => (Kind::TooLarge, "request-too-large"),
            StatusCode::NOT_FOUND => (Kind::NotFound, "not-found"),
            StatusCode::METHOD_NOT_ALLOWED => (Kind::MethodNotAllowed, "method-not-allowed"),
            s if s.is_server_error() => (Kind::Internal, "internal"),
            _ => (Kind::BadRequest, "request-malformed-json"),
        };
        let mut error = AppError::new(kind, code);
        if code == "request-too-large" {
            error = error.with("limit", state.config.max_body_bytes);
        }
        // The status stays what it was (e.g. 503 from a layer, not 500).
        return problem_with_status(&error, status, &state.i18n, lang);
    }
    response
}

/// The problem+json body of `error`, for answers that carry several (sync records).
pub fn problem_body(error: &AppError, i18n: &I18n, lang: Lang) -> serde_json::Value {
    body(error, status(error.kind), i18n, lang)
}
