//! Signing an act with the NCA e-signature and showing its signature (R-ACT-2,
//! R-ACT-3), over `app::acts::signing`.

use super::{ActView, view};
use crate::app::AppError;
use crate::app::acts::signing::{self, SignInput};
use crate::http::extract::ApiJson;
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use crate::http::views::{Disposition, file_response};
use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use fito_store::time::to_datetime;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// Sign an approved act (its inspector) with the NCA e-signature: a detached CMS
/// over the act's PDF by the inspector's own legal-entity signing key. The CMS is
/// stored beside the PDF and the act is signed for good (R-ACT-2, R-ACT-3).
#[utoipa::path(post, path = "/api/v1/acts/{id}/sign", tag = "acts", params(("id" = Uuid, Path)), request_body = SignInput,
    responses((status = 200, body = ActView),
        (status = 422, description = "signature-not-the-inspector, sign-individual-certificate, sign-digest-mismatch, sign-certificate-revoked …"),
        (status = 409, description = "act-step-not-allowed, act-version-conflict")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("act.sign"))))]
pub async fn sign(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<SignInput>,
) -> Result<Json<ActView>, AppError> {
    let signed = signing::sign(&state, &me, id, body).await?;
    Ok(Json(view(&signed, &me)?))
}

#[derive(Serialize, ToSchema)]
pub struct SignatureView {
    pub signer_name: Option<String>,
    pub signer_iin: Option<String>,
    pub signer_bin: Option<String>,
    pub organization: Option<String>,
    /// Certificate serial (hex) and issuer.
    pub serial: String,
    pub issuer: String,
    pub algorithm: String,
    pub valid_from: DateTime<Utc>,
    pub valid_to: DateTime<Utc>,
    /// The signing time the signer's software put in the CMS.
    pub signing_time: Option<DateTime<Utc>>,
    /// When the server accepted the signature.
    pub signed_at: DateTime<Utc>,
    pub pdf_sha256: String,
    pub cms_sha256: String,
    /// Whether the stored CMS still verifies over the stored PDF, as of its signing
    /// time, against today's NCA certificates and CRLs.
    pub verifies: bool,
    /// Why not, when it does not: the code and the message in the caller's language.
    pub problem: Option<String>,
    pub problem_message: Option<String>,
}

/// Who signed the act, with which certificate, when, and whether it still verifies.
#[utoipa::path(get, path = "/api/v1/acts/{id}/signature", tag = "acts", params(("id" = Uuid, Path)),
    responses((status = 200, body = SignatureView), (status = 404, description = "act-not-signed")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("act.read"))))]
pub async fn signature(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<SignatureView>, AppError> {
    let info = signing::signature(&state, &me, id).await?;
    let (s, problem) = (info.signature, info.problem);
    Ok(Json(SignatureView {
        signer_name: s.signer_name,
        signer_iin: s.signer_iin,
        signer_bin: s.signer_bin,
        organization: s.organization,
        serial: s.serial,
        issuer: s.issuer,
        algorithm: s.algorithm,
        valid_from: to_datetime(s.valid_from),
        valid_to: to_datetime(s.valid_to),
        signing_time: s.signing_time.map(to_datetime),
        signed_at: to_datetime(s.signed_at),
        pdf_sha256: s.pdf_sha256,
        cms_sha256: s.cms_sha256,
        verifies: problem.is_none(),
        problem_message: problem.map(|c| state.i18n.message(me.meta.lang, c, &[])),
        problem: problem.map(str::to_string),
    }))
}

/// The act's detached signature (`.p7s`), to check with any CMS tool beside the PDF
/// (`openssl cms -verify -binary -inform DER -content act.pdf …`).
#[utoipa::path(get, path = "/api/v1/acts/{id}/signature.p7s", tag = "acts", params(("id" = Uuid, Path)),
    responses((status = 200, description = "application/pkcs7-signature"), (status = 404, description = "act-not-signed")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("act.read"))))]
pub async fn signature_file(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let file = signing::signature_file(&state, &me, id).await?;
    Ok(file_response(
        file.bytes.into_response(),
        "application/pkcs7-signature",
        &file.name,
        Disposition::Attachment,
    ))
}
