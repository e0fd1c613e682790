//! Signing in with the NCA RK e-signature (R-AUTH-2, R-AUTH-3, R-AUTH-4): a one-time
//! challenge; NCALayer signs it (CMS, attached) with the user's legal-entity key; the
//! signature, the chain to the configured NCA certificates, validity, revocation and
//! the legal-entity EKU are checked, then the user is found by the certificate's IIN
//! (exact match). Each refusal is journalled with its own code.

use crate::app::accounts::sessions::{self, Opened, Proof};
use crate::app::accounts::{anonymous_entry, check_can_sign_in};
use crate::app::esign::refused;
use crate::app::{App, AppError, EntryExt, Kind, RequestMeta};
use base64::Engine;
use fito_sign::VerifiedSigner;
use fito_store::accounts::{Certificate, UserChanges};
use fito_store::esign::{self, Challenge};
use fito_store::time::{from_datetime, now_us, to_datetime};
use fito_store::users::{self, User};
use rand::RngCore;
use serde::Deserialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignatureLogin {
    pub challenge_id: Uuid,
    /// Base64 of the CMS (attached) NCALayer made over the challenge.
    pub cms: String,
}

/// A challenge just issued, with its bytes in Base64 (kept only as a hash).
pub struct Issued {
    pub challenge: Challenge,
    pub nonce_b64: String,
}

/// Issues a one-time challenge for e-signature sign-in.
pub async fn challenge(app: &App) -> Result<Issued, AppError> {
    app.signatures.current()?;
    let mut nonce = [0u8; 32];
    rand::rng().fill_bytes(&mut nonce);
    let now = now_us();
    let challenge = Challenge {
        id: fito_core::new_id(),
        nonce_sha256: hex::encode(Sha256::digest(nonce)),
        created_at: now,
        expires_at: now + app.signatures.challenge_seconds() * 1_000_000,
        used_at: None,
    };
    esign::insert_challenge(app.store.writer(), challenge.clone()).await?;
    Ok(Issued {
        challenge,
        nonce_b64: B64.encode(nonce),
    })
}

/// Signs in with the e-signature: a legal-entity certificate whose IIN is an active
/// user's. The certificate's details are kept on the user (R-USER-1).
pub async fn login(
    app: &App,
    meta: &RequestMeta,
    input: SignatureLogin,
) -> Result<Opened, AppError> {
    match verify(app, &input).await? {
        Verdict::Proven(proven) => {
            let (user, proof) = *proven;
            sessions::open(app, meta, user, proof).await
        }
        Verdict::Refused(error, user) => {
            let entry = anonymous_entry(meta, "auth.login.signature", user).outcome(error.code);
            app.audit.record(entry).await?;
            Err(error)
        }
    }
}

enum Verdict {
    /// The user the signature proves, with the certificate to keep on them.
    Proven(Box<(User, Proof)>),
    /// Refused, naming the user when one was found.
    Refused(AppError, Option<Uuid>),
}

async fn verify(app: &App, input: &SignatureLogin) -> Result<Verdict, AppError> {
    let refuse = |e: AppError| Ok(Verdict::Refused(e, None));
    let verifiers = app.signatures.current()?;
    let now = now_us();
    // One use only, taken before anything else: a replayed signature finds it gone.
    let Some(challenge) =
        esign::take_challenge(app.store.writer(), input.challenge_id, now).await?
    else {
        let code = match esign::challenge(app.store.reader(), input.challenge_id).await? {
            Some(c) if c.used_at.is_some() => "signature-challenge-used",
            Some(_) => "signature-challenge-expired",
            None => "signature-challenge-unknown",
        };
        return refuse(AppError::new(Kind::Unauthenticated, code));
    };
    let Ok(cms) = B64.decode(input.cms.trim()) else {
        return refuse(AppError::unprocessable("sign-malformed-input"));
    };
    let evidence = app.signatures.ocsp_evidence(&cms, None).await;
    let verified = match verifiers
        .sign_in
        .verify_cms_with(&cms, None, to_datetime(now), &evidence)
    {
        Ok(v) => v,
        Err(r) => return refuse(refused(&r)),
    };
    // The signed content must be exactly this challenge.
    if hex::encode(Sha256::digest(&verified.content)) != challenge.nonce_sha256 {
        return refuse(AppError::unprocessable("signature-wrong-challenge"));
    }
    let Some(signer) = verified.signers.first() else {
        return refuse(AppError::unprocessable("sign-no-signer"));
    };
    let cert = &signer.certificate;
    let user = match cert.iin.as_deref() {
        Some(iin) => users::find_by_iin(app.store.reader(), iin).await?,
        None => None,
    };
    let Some(user) = user else {
        return refuse(AppError::new(Kind::Unauthenticated, "signature-no-user"));
    };
    if let Err(e) = check_can_sign_in(&user) {
        return Ok(Verdict::Refused(e, Some(user.id)));
    }
    let proof = signed_in_with(signer);
    Ok(Verdict::Proven(Box::new((user, proof))))
}

/// The sign-in's proof: the certificate's details, kept on the user (R-USER-1) and
/// named in the journal.
fn signed_in_with(signer: &VerifiedSigner) -> Proof {
    let cert = &signer.certificate;
    let details = json!({ "serial": cert.serial.to_string(), "algorithm": format!("{:?}", signer.algorithm), "bin": cert.bin });
    let changes = UserChanges {
        certificate: Some(Certificate {
            subject: cert.common_name.clone(),
            serial: cert.serial.to_string(),
            issuer: cert.issuer.clone(),
            valid_from: from_datetime(cert.not_before),
            valid_to: from_datetime(cert.not_after),
            bin: cert.bin.clone(),
        }),
        ..UserChanges::default()
    };
    Proof {
        action: "auth.login.signature",
        clear_failures: None,
        changes: Some((changes, details)),
    }
}
