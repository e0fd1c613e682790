//! The privacy policy (R-PD-4) and its acceptance (R-PD-1): administrators (or the
//! operator with `fito policy publish`) publish versions; once one is in force,
//! every user accepts it, electronically or with their NCA e-signature, before
//! anything else.

use crate::app::accounts::system_entry;
use crate::app::{Actor, App, AppError, EntryExt};
use base64::Engine as _;
use chrono::NaiveDate;
use fito_core::Action;
use fito_core::text::required;
use fito_store::StoreError;
use fito_store::audit::NewEntry;
use fito_store::privacy::{self, Acceptance, PolicyVersion};
use fito_store::time::{now_us, to_datetime};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

/// The policy in force.
pub async fn current(app: &App) -> Result<PolicyVersion, AppError> {
    privacy::current_policy(app.store.reader(), &super::today())
        .await?
        .ok_or_else(|| AppError::not_found("policy-none"))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishPolicy {
    pub version: String,
    /// `YYYY-MM-DD`.
    pub effective_from: String,
    pub text_kk: String,
    pub text_ru: Option<String>,
}

impl PublishPolicy {
    /// The version to store, checked; `by` is who publishes (none for the system).
    fn checked(self, by: Option<Uuid>) -> Result<PolicyVersion, AppError> {
        let version = required("version", &self.version, 50)?;
        let effective = NaiveDate::parse_from_str(self.effective_from.trim(), "%Y-%m-%d")
            .map_err(|_| AppError::unprocessable("policy-date-invalid"))?;
        let text_kk = self.text_kk.trim().to_string();
        if text_kk.is_empty() {
            return Err(AppError::unprocessable("field-required").with("field", "text_kk"));
        }
        let text_ru = self
            .text_ru
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        Ok(PolicyVersion {
            id: fito_core::new_id(),
            sha256: privacy::policy_hash(&text_kk, text_ru.as_deref()),
            version,
            effective_from: effective.format("%Y-%m-%d").to_string(),
            text_kk,
            text_ru,
            published_by: by,
            published_at: now_us(),
        })
    }
}

/// Publishes a new version of the policy (administrators).
pub async fn publish(
    app: &App,
    actor: &Actor,
    input: PublishPolicy,
) -> Result<PolicyVersion, AppError> {
    actor.require(Action::PolicyPublish)?;
    let policy = input.checked(Some(actor.id()))?;
    let entry = actor.entry("policy.publish", Some("policy"), None);
    publish_as(app, policy, entry).await
}

/// `fito policy publish`: the same checks and journal line, with the system as the
/// publisher.
pub async fn publish_by_system(app: &App, input: PublishPolicy) -> Result<PolicyVersion, AppError> {
    let policy = input.checked(None)?;
    let entry = system_entry(
        "policy.publish",
        "policy",
        policy.version.clone(),
        json!({}),
    );
    publish_as(app, policy, entry).await
}

async fn publish_as(
    app: &App,
    policy: PolicyVersion,
    entry: NewEntry,
) -> Result<PolicyVersion, AppError> {
    let mut unit = app.begin().await?;
    match privacy::publish_policy(unit.tx(), &policy).await {
        Err(StoreError::Conflict(_)) => {
            return Err(
                AppError::conflict("policy-version-exists").with("version", policy.version.clone())
            );
        }
        other => other?,
    }
    let mut entry = entry.details(json!({
        "effective_from": policy.effective_from, "sha256": policy.sha256
    }));
    entry.target_type = Some("policy".into());
    entry.target_id = Some(policy.version.clone());
    unit.journal(entry);
    unit.commit().await?;
    Ok(policy)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptPolicy {
    /// The version being accepted: it must be the one in force.
    pub version: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptPolicySigned {
    pub version: String,
    /// Base64 of a detached CMS over the policy's Kazakh text (UTF-8), made with the
    /// user's own NCA signing key.
    pub cms: String,
}

/// The version a user may accept: the one in force, or one published to take
/// effect later (accepted ahead, so its day interrupts nobody). An older version is
/// refused with the current one named.
async fn policy_to_accept(app: &App, version: &str) -> Result<PolicyVersion, AppError> {
    let db = app.store.reader();
    let today = super::today();
    let current = privacy::current_policy(db, &today).await?;
    let versions = privacy::policy_versions(db).await?;
    let asked = versions.into_iter().find(|p| p.version == version.trim());
    match (asked, current) {
        (Some(p), Some(c)) if p.id == c.id || p.effective_from > today => Ok(p),
        (Some(p), None) if p.effective_from > today => Ok(p),
        (_, Some(c)) => {
            Err(AppError::conflict("policy-version-not-current").with("version", c.version))
        }
        (_, None) => Err(AppError::not_found("policy-none")),
    }
}

/// Accepts the policy in force (or a published later version) electronically.
pub async fn accept(app: &App, actor: &Actor, input: AcceptPolicy) -> Result<Acceptance, AppError> {
    let policy = policy_to_accept(app, &input.version).await?;
    record_acceptance(app, actor, &policy, "electronic", None).await
}

/// Accepts the policy with the NCA e-signature: a detached CMS over its Kazakh text,
/// verified like an act's signature; the signer's IIN must be the actor's. A
/// refusal is journalled with its code.
pub async fn accept_signed(
    app: &App,
    actor: &Actor,
    input: AcceptPolicySigned,
) -> Result<Acceptance, AppError> {
    let policy = policy_to_accept(app, &input.version).await?;
    match verify_acceptance(app, actor, &policy, &input.cms).await? {
        Ok(signature) => record_acceptance(app, actor, &policy, "signature", Some(signature)).await,
        Err(error) => {
            let entry = actor
                .entry(
                    "policy.accept",
                    Some("policy"),
                    Some(policy.version.clone()),
                )
                .outcome(error.code)
                .details(json!({ "method": "signature" }));
            actor.record(entry).await?;
            Err(error)
        }
    }
}

/// The signature to keep (Base64), or why it is refused.
async fn verify_acceptance(
    app: &App,
    actor: &Actor,
    policy: &PolicyVersion,
    cms: &str,
) -> Result<Result<String, AppError>, AppError> {
    let b64 = base64::engine::general_purpose::STANDARD;
    let Ok(cms) = b64.decode(cms.trim()) else {
        return Ok(Err(AppError::unprocessable("sign-malformed-input")));
    };
    let verifiers = app.signatures.current()?;
    let text = policy.text_kk.as_bytes();
    let evidence = app.signatures.ocsp_evidence(&cms, Some(text)).await;
    let verified = match verifiers.act_signing.verify_cms_with(
        &cms,
        Some(text),
        to_datetime(now_us()),
        &evidence,
    ) {
        Ok(v) => v,
        Err(r) => return Ok(Err(crate::app::esign::refused(&r))),
    };
    let [signer] = verified.signers.as_slice() else {
        return Ok(Err(AppError::unprocessable("signature-one-signer")));
    };
    let iin = signer.certificate.iin.as_deref();
    if iin.is_none() || iin != actor.user.iin.as_deref() {
        return Ok(Err(AppError::unprocessable("signature-not-the-user")));
    }
    Ok(Ok(b64.encode(&cms)))
}

async fn record_acceptance(
    app: &App,
    actor: &Actor,
    policy: &PolicyVersion,
    method: &str,
    signature: Option<String>,
) -> Result<Acceptance, AppError> {
    let acceptance = Acceptance {
        id: fito_core::new_id(),
        user_id: actor.id(),
        version: policy.version.clone(),
        accepted_at: now_us(),
        method: method.to_string(),
        ip: actor.meta.ip.clone(),
        device_id: actor.meta.device_id.clone(),
        signature,
    };
    let mut unit = app.begin().await?;
    privacy::insert_acceptance(unit.tx(), &acceptance).await?;
    unit.journal(
        actor
            .entry(
                "policy.accept",
                Some("policy"),
                Some(policy.version.clone()),
            )
            .details(json!({ "method": method, "sha256": policy.sha256 })),
    );
    unit.commit().await?;
    Ok(acceptance)
}
