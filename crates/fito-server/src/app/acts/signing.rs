//! Signing an approved act (R-ACT-2, R-ACT-3): its inspector signs the act's PDF with
//! the NCA RK e-signature, a detached CMS by their own legal-entity signing key. The
//! CMS is stored beside the PDF and the act is signed for good; anyone who sees the
//! act can ask who signed it and whether the signature still verifies.

use super::document::{ActFile, file_stem, frozen_pdf};
use super::in_scope;
use super::workflow::{self, StepInput};
use crate::app::esign::Verifiers;
use crate::app::{Actor, App, AppError, EntryExt, files};
use base64::Engine;
use fito_core::{ActStep, Action};
use fito_sign::{SignatureAlgorithm, VerifiedSigner};
use fito_store::acts::Act;
use fito_store::esign::ActSignature;
use fito_store::time::{from_datetime, now_us, to_datetime};
use fito_store::users;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignInput {
    /// The version the act was signed on.
    pub version: i64,
    /// Base64 of the detached CMS NCALayer made over the act's PDF (from
    /// `GET /api/v1/acts/{id}/pdf`).
    pub cms: String,
}

/// Signs the approved act `id` (its inspector). A signature that does not verify,
/// or is not the inspector's, is refused and the refusal journalled.
pub async fn sign(app: &App, actor: &Actor, id: Uuid, input: SignInput) -> Result<Act, AppError> {
    let a = in_scope(app, actor, id, Action::ActSign).await?;
    workflow::check(actor, &a, ActStep::Sign, input.version).await?;
    let verifiers = app.signatures.current()?;
    let (a, pdf) = frozen_pdf(app, &a).await?;
    let inspector = users::get(app.store.reader(), a.inspector_id)
        .await?
        .ok_or_else(AppError::internal)?;
    let now = now_us();
    let checked = check(
        app,
        &verifiers,
        &pdf,
        &input.cms,
        inspector.iin.as_deref(),
        now,
    )
    .await;
    let (cms, signer) = match checked {
        Ok(found) => found,
        Err(refusal) => {
            let entry = actor
                .entry("act.sign", Some("act"), Some(id.to_string()))
                .outcome(refusal.code);
            actor.record(entry).await?;
            return Err(refusal);
        }
    };
    let cms_sha256 = files::store_bytes(app, cms).await?;
    let pdf_sha256 = a.pdf_sha256.clone().ok_or_else(AppError::internal)?;
    let signature = signature_row(a.id, &signer, cms_sha256, pdf_sha256, now, actor.id());
    let step = StepInput {
        version: input.version,
        comment: None,
    };
    workflow::apply(app, actor, a, ActStep::Sign, step, Some(signature)).await
}

/// The CMS and its one signer, when `cms` (base64) verifies over `pdf` at `now` and
/// is signed by the person of IIN `inspector`; else the refusal.
async fn check(
    app: &App,
    verifiers: &Verifiers,
    pdf: &[u8],
    cms: &str,
    inspector: Option<&str>,
    now: i64,
) -> Result<(Vec<u8>, VerifiedSigner), AppError> {
    let Ok(cms) = base64::engine::general_purpose::STANDARD.decode(cms.trim()) else {
        return Err(AppError::unprocessable("sign-malformed-input"));
    };
    let evidence = app.signatures.ocsp_evidence(&cms, Some(pdf)).await;
    let verified = verifiers
        .act_signing
        .verify_cms_with(&cms, Some(pdf), to_datetime(now), &evidence)
        .map_err(|r| crate::app::esign::refused(&r))?;
    let Ok([signer]) = <[VerifiedSigner; 1]>::try_from(verified.signers) else {
        return Err(AppError::unprocessable("signature-one-signer"));
    };
    if signer.certificate.iin.is_none() || signer.certificate.iin.as_deref() != inspector {
        return Err(AppError::unprocessable("signature-not-the-inspector"));
    }
    Ok((cms, signer))
}

fn signature_row(
    act_id: Uuid,
    signer: &VerifiedSigner,
    cms_sha256: String,
    pdf_sha256: String,
    now: i64,
    signed_by: Uuid,
) -> ActSignature {
    let cert = &signer.certificate;
    let name = [cert.surname.as_deref(), cert.given_name.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    ActSignature {
        act_id,
        cms_sha256,
        pdf_sha256,
        signer_iin: cert.iin.clone(),
        signer_bin: cert.bin.clone(),
        signer_name: Some(name)
            .filter(|n| !n.is_empty())
            .or(cert.common_name.clone()),
        organization: cert.organization.clone(),
        serial: cert.serial.to_string(),
        issuer: cert.issuer.clone(),
        algorithm: algorithm_name(signer.algorithm).into(),
        valid_from: from_datetime(cert.not_before),
        valid_to: from_datetime(cert.not_after),
        signing_time: signer.signing_time.map(from_datetime),
        signed_at: now,
        signed_by,
    }
}

fn algorithm_name(a: SignatureAlgorithm) -> &'static str {
    match a {
        SignatureAlgorithm::Gost2015_512 => "GOST R 34.10-2015 512 / Streebog-512",
        SignatureAlgorithm::RsaPkcs1v15(_) => "RSA PKCS#1 v1.5 / SHA-2",
    }
}

/// Who signed an act, and whether the stored CMS still verifies over the stored PDF,
/// as of its signing time, against today's NCA certificates and CRLs.
pub struct SignatureInfo {
    pub signature: ActSignature,
    /// Why it does not verify, when it does not.
    pub problem: Option<&'static str>,
}

/// The signature of the act `id`.
pub async fn signature(app: &App, actor: &Actor, id: Uuid) -> Result<SignatureInfo, AppError> {
    in_scope(app, actor, id, Action::ActRead).await?;
    let s = stored(app, id).await?;
    let cms = files::read_all(app, &s.cms_sha256).await?;
    let pdf = files::read_all(app, &s.pdf_sha256).await?;
    let verdict = match app.signatures.current() {
        Ok(v) => v
            .archive
            .verify_cms(&cms, Some(&pdf), to_datetime(s.signed_at))
            .map(|_| ())
            .map_err(|r| r.code()),
        Err(e) => Err(e.code),
    };
    Ok(SignatureInfo {
        signature: s,
        problem: verdict.err(),
    })
}

/// The act's detached signature (`.p7s`), to check with any CMS tool beside the PDF.
pub async fn signature_file(app: &App, actor: &Actor, id: Uuid) -> Result<ActFile, AppError> {
    let a = in_scope(app, actor, id, Action::ActRead).await?;
    let s = stored(app, id).await?;
    Ok(ActFile {
        name: format!("{}.pdf.p7s", file_stem(&a)),
        bytes: files::read_all(app, &s.cms_sha256).await?,
    })
}

async fn stored(app: &App, id: Uuid) -> Result<ActSignature, AppError> {
    fito_store::esign::act_signature(app.store.reader(), id)
        .await?
        .ok_or_else(|| AppError::not_found("act-not-signed"))
}
