//! Sign-in with the NCA RK e-signature (R-AUTH-2, R-AUTH-3, R-AUTH-4): the server
//! hands out a one-time challenge; NCALayer signs it (CMS, attached) with the user's
//! legal-entity key; the server checks the signature, the chain to the configured NCA
//! certificates, validity, revocation and the legal-entity EKU, then finds the user
//! by the certificate's IIN (exact match).

use super::auth::{anonymous_entry, check_can_sign_in, open_session};
use crate::app::EntryExt;
use crate::app::RequestMeta;
use crate::app::esign::refused;
use crate::app::{AppError, Kind};
use crate::http::extract::ApiJson;
use crate::http::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use base64::Engine;
use chrono::{DateTime, Utc};
use fito_store::esign::{self, Challenge};
use fito_store::time::{from_datetime, now_us, to_datetime};
use fito_store::users;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

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
    state.signatures.current()?;
    let mut nonce = [0u8; 32];
    rand::rng().fill_bytes(&mut nonce);
    let now = now_us();
    let row = Challenge {
        id: fito_core::new_id(),
        nonce_sha256: hex::encode(Sha256::digest(nonce)),
        created_at: now,
        expires_at: now + state.signatures.challenge_seconds() * 1_000_000,
        used_at: None,
    };
    esign::insert_challenge(state.store.writer(), row.clone()).await?;
    Ok((
        StatusCode::CREATED,
        Json(ChallengeView {
            challenge_id: row.id,
            challenge: B64.encode(nonce),
            expires_at: to_datetime(row.expires_at),
        }),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignatureLogin {
    pub challenge_id: Uuid,
    /// Base64 of the CMS (attached) NCALayer made over the challenge.
    pub cms: String,
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
    let verifiers = state.signatures.current()?;
    let now = now_us();
    let refuse = |state: &AppState, error: AppError, user: Option<Uuid>| {
        let entry = anonymous_entry(&meta, "auth.login.signature", user).outcome(error.code);
        let state = state.clone();
        async move {
            state.audit.record(entry).await?;
            Err::<Response, AppError>(error)
        }
    };
    // One use only, taken before anything else: a replayed signature finds it gone.
    let Some(challenge) =
        esign::take_challenge(state.store.writer(), body.challenge_id, now).await?
    else {
        let code = match esign::challenge(state.store.reader(), body.challenge_id).await? {
            Some(c) if c.used_at.is_some() => "signature-challenge-used",
            Some(_) => "signature-challenge-expired",
            None => "signature-challenge-unknown",
        };
        return refuse(&state, AppError::new(Kind::Unauthenticated, code), None).await;
    };
    let Ok(cms) = B64.decode(body.cms.trim()) else {
        return refuse(
            &state,
            AppError::unprocessable("sign-malformed-input"),
            None,
        )
        .await;
    };
    let evidence = state.signatures.ocsp_evidence(&cms, None).await;
    let verified = match verifiers
        .sign_in
        .verify_cms_with(&cms, None, to_datetime(now), &evidence)
    {
        Ok(v) => v,
        Err(r) => return refuse(&state, refused(&r), None).await,
    };
    // The signed content must be exactly this challenge.
    if hex::encode(Sha256::digest(&verified.content)) != challenge.nonce_sha256 {
        return refuse(
            &state,
            AppError::unprocessable("signature-wrong-challenge"),
            None,
        )
        .await;
    }
    let Some(signer) = verified.signers.first() else {
        return refuse(&state, AppError::unprocessable("sign-no-signer"), None).await;
    };
    let cert = signer.certificate.clone();
    let user = match cert.iin.as_deref() {
        Some(iin) => users::find_by_iin(state.store.reader(), iin).await?,
        None => None,
    };
    let Some(user) = user else {
        return refuse(
            &state,
            AppError::new(Kind::Unauthenticated, "signature-no-user"),
            None,
        )
        .await;
    };
    if let Err(e) = check_can_sign_in(&user) {
        return refuse(&state, e, Some(user.id)).await;
    }
    // R-USER-1: the certificate's details are kept on the user.
    let details = json!({ "serial": cert.serial.to_string(), "algorithm": format!("{:?}", signer.algorithm), "bin": cert.bin });
    open_session(
        &state,
        &meta,
        user,
        "auth.login.signature",
        None,
        move |u| {
            let mut model: fito_store::entity::user::ActiveModel = u.clone().into();
            use fito_store::ActiveValue::Set;
            model.cert_subject = Set(cert.common_name.clone());
            model.cert_serial = Set(Some(cert.serial.to_string()));
            model.cert_issuer = Set(Some(cert.issuer.clone()));
            model.cert_valid_from = Set(Some(from_datetime(cert.not_before)));
            model.cert_valid_to = Set(Some(from_datetime(cert.not_after)));
            model.cert_bin = Set(cert.bin.clone());
            Ok(Some((model, details)))
        },
    )
    .await
}
