//! Sign-in with the NCA RK e-signature (R-AUTH-2, R-AUTH-3, R-AUTH-4), over
//! `app::accounts::esign`: a one-time challenge, then the CMS NCALayer made over it.

use crate::app::accounts::esign::{self, SignatureLogin};
use crate::app::{AppError, RequestMeta};
use crate::http::extract::ApiJson;
use crate::http::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{DateTime, Utc};
use fito_store::time::to_datetime;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
pub struct ChallengeView {
    pub challenge_id: Uuid,
    /// Base64 of the bytes to sign (NCALayer: module kz.gov.pki.knca.basics, method
    /// sign, format cms, attached).
    pub challenge: String,
    pub expires_at: DateTime<Utc>,
}

/// A one-time challenge for e-signature sign-in.
#[utoipa::path(post, path = "/api/v1/auth/challenge", tag = "auth",
    responses((status = 201, body = ChallengeView)),
    extensions(("x-fito-action" = json!("public"))))]
pub async fn challenge(
    State(state): State<AppState>,
) -> Result<(StatusCode, Json<ChallengeView>), AppError> {
    let issued = esign::challenge(&state).await?;
    Ok((
        StatusCode::CREATED,
        Json(ChallengeView {
            challenge_id: issued.challenge.id,
            challenge: issued.nonce_b64,
            expires_at: to_datetime(issued.challenge.expires_at),
        }),
    ))
}

/// Sign in with the e-signature: a legal-entity certificate whose IIN is an active
/// user's. Each refusal has its own code and message.
#[utoipa::path(post, path = "/api/v1/auth/login/signature", tag = "auth", request_body = SignatureLogin,
    responses((status = 200, body = super::auth::LoginResponse),
        (status = 401, description = "signature-challenge-unknown, -used, -expired, signature-no-user"),
        (status = 422, description = "sign-individual-certificate, sign-certificate-expired, sign-certificate-revoked, sign-untrusted-chain, sign-content-mismatch …")),
    extensions(("x-fito-action" = json!("public"))))]
pub async fn login(
    State(state): State<AppState>,
    meta: RequestMeta,
    ApiJson(body): ApiJson<SignatureLogin>,
) -> Result<Response, AppError> {
    let opened = esign::login(&state, &meta, body).await?;
    super::auth::signed_in(&state.config, opened)
}
