//! The one error type of the API. A handler returns `ApiError { status, code, args }`;
//! `render_problems` (which knows the caller's language) turns it into an RFC 9457
//! problem+json body with the Fluent message for `code`.

use crate::i18n::{I18n, Lang};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use fito_store::StoreError;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    /// Stable machine code, also the Fluent message id.
    pub code: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str) -> Self {
        Self {
            status,
            code,
            args: Vec::new(),
        }
    }

    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    pub fn bad_request(code: &'static str) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code)
    }

    pub fn unprocessable(code: &'static str) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, code)
    }

    pub fn forbidden() -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden")
    }

    pub fn not_found(code: &'static str) -> Self {
        Self::new(StatusCode::NOT_FOUND, code)
    }

    pub fn conflict(code: &'static str) -> Self {
        Self::new(StatusCode::CONFLICT, code)
    }

    pub fn unauthenticated() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "auth-required")
    }

    pub fn unavailable() -> Self {
        Self::new(StatusCode::SERVICE_UNAVAILABLE, "service-unavailable")
    }

    pub fn internal() -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal")
    }

    /// The problem+json body in `lang`.
    pub fn body(&self, i18n: &I18n, lang: Lang) -> serde_json::Value {
        let message = i18n.message(lang, self.code, &self.args);
        let params: serde_json::Map<String, serde_json::Value> = self
            .args
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone().into()))
            .collect();
        serde_json::json!({
            "type": format!("urn:fito:problem:{}", self.code),
            "title": message,
            "status": self.status.as_u16(),
            "code": self.code,
            "params": params,
        })
    }
}

/// Domain refusals of typed input (IIN, e-mail, …) are 422s with their own code.
impl From<fito_core::Invalid> for ApiError {
    fn from(invalid: fito_core::Invalid) -> Self {
        ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: invalid.code,
            args: invalid.args,
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => ApiError::not_found("not-found"),
            StoreError::Conflict("email") => ApiError::conflict("email-taken"),
            StoreError::Conflict("iin") => ApiError::conflict("iin-taken"),
            other => {
                tracing::error!(error = %other, "storage failed");
                ApiError::unavailable()
            }
        }
    }
}

impl From<fito_store::DbErr> for ApiError {
    fn from(err: fito_store::DbErr) -> Self {
        StoreError::from(err).into()
    }
}

/// The error travels to `render_problems` as a response extension; the body is
/// written there, where the request's language is known.
impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        response.extensions_mut().insert(Arc::new(self));
        response
    }
}

/// Writes the translated body of an [`ApiError`] response.
pub fn problem_response(error: &ApiError, i18n: &I18n, lang: Lang) -> Response {
    let mut response = (error.status, axum::Json(error.body(i18n, lang))).into_response();
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
