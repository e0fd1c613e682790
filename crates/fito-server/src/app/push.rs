//! Push subscriptions (R-NOTIF-1): the installed app subscribes with the VAPID public
//! key and hands over its `PushSubscription.toJSON()`, or, in builds that receive
//! pushes through Firebase Cloud Messaging, its registration token. Without `[push]`
//! configured there is no key and no subscription is taken, so nothing is ever sent.

use crate::app::notify::fcm::ENDPOINT_PREFIX;
use crate::app::{Actor, App, AppError, EntryExt};
use fito_store::time::now_us;
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubscriptionKeys {
    pub p256dh: String,
    pub auth: String,
}

/// `PushSubscription.toJSON()`.
#[derive(Deserialize, ToSchema)]
pub struct SubscriptionInput {
    pub endpoint: String,
    pub keys: SubscriptionKeys,
    /// Sent by browsers (usually null); not used.
    #[serde(default, rename = "expirationTime")]
    #[allow(dead_code)]
    pub expiration_time: Option<serde_json::Value>,
    /// The kinds of notification this device is pushed (see the notification
    /// kinds); absent: every kind. The app keeps all of them either way.
    #[serde(default)]
    pub kinds: Option<Vec<String>>,
}

/// The chosen kinds, each a known notification kind, without repeats.
fn checked_kinds(kinds: Option<Vec<String>>) -> Result<Option<Vec<String>>, AppError> {
    let Some(mut kinds) = kinds else {
        return Ok(None);
    };
    if let Some(bad) = kinds
        .iter()
        .find(|k| !crate::app::notify::KINDS.contains(&k.as_str()))
    {
        return Err(AppError::unprocessable("push-kind-unknown").with("kind", bad.clone()));
    }
    kinds.sort();
    kinds.dedup();
    Ok(Some(kinds))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndpointInput {
    pub endpoint: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FcmTokenInput {
    /// The FCM registration token the app was given.
    pub token: String,
}

/// The VAPID public key (base64url of the uncompressed P-256 point) the app
/// subscribes with.
pub fn vapid_public_key(app: &App) -> Result<String, AppError> {
    let pusher = app
        .pusher()
        .ok_or_else(|| AppError::not_found("push-not-configured"))?;
    Ok(pusher.public_key())
}

/// The push service's host, when `endpoint` is a usable push endpoint.
fn push_service(endpoint: &str) -> Result<String, AppError> {
    let host = (endpoint.len() <= 2048)
        .then(|| reqwest::Url::parse(endpoint).ok())
        .flatten()
        .filter(|u| matches!(u.scheme(), "https" | "http"))
        .and_then(|u| u.host_str().map(str::to_string));
    host.ok_or_else(|| {
        AppError::unprocessable("push-subscription-invalid").with("field", "endpoint")
    })
}

/// Subscribes a device to push for the actor: their notifications are then also
/// pushed, written in the language of this request.
pub async fn subscribe(app: &App, actor: &Actor, input: SubscriptionInput) -> Result<(), AppError> {
    if app.pusher().is_none() {
        return Err(AppError::not_found("push-not-configured"));
    }
    let host = push_service(&input.endpoint)?;
    let keys = &input.keys;
    if fito_push::SubscriptionKeys::from_base64url(&keys.p256dh, &keys.auth).is_err() {
        return Err(AppError::unprocessable("push-subscription-invalid").with("field", "keys"));
    }
    let kinds = checked_kinds(input.kinds)?;
    // The endpoint is a capability URL: journalled by its host only.
    let device = Device {
        endpoint: &input.endpoint,
        p256dh: &keys.p256dh,
        auth: &keys.auth,
        push_service: &host,
        kinds: kinds.as_deref(),
    };
    save(app, actor, device).await
}

/// Registers a device's FCM registration token for the actor's notifications; only
/// when the server has `[push.fcm]`. It is unsubscribed as endpoint `fcm:<token>`.
pub async fn subscribe_fcm(app: &App, actor: &Actor, input: FcmTokenInput) -> Result<(), AppError> {
    if !app.pusher().is_some_and(|p| p.fcm_enabled()) {
        return Err(AppError::not_found("push-fcm-not-configured"));
    }
    let token = input.token.trim();
    let well_formed = !token.is_empty()
        && token.len() <= 4096
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_:.".contains(&b));
    if !well_formed {
        return Err(AppError::unprocessable("push-subscription-invalid").with("field", "token"));
    }
    let endpoint = format!("{ENDPOINT_PREFIX}{token}");
    let device = Device {
        endpoint: &endpoint,
        p256dh: "",
        auth: "",
        push_service: "fcm",
        kinds: None,
    };
    save(app, actor, device).await
}

/// A device to push to.
struct Device<'a> {
    endpoint: &'a str,
    p256dh: &'a str,
    auth: &'a str,
    push_service: &'a str,
    kinds: Option<&'a [String]>,
}

async fn save(app: &App, actor: &Actor, d: Device<'_>) -> Result<(), AppError> {
    let mut unit = app.begin().await?;
    let lang = actor.meta.lang.code();
    let sub = fito_store::push::Subscription {
        user_id: actor.id(),
        endpoint: d.endpoint,
        p256dh: d.p256dh,
        auth: d.auth,
        lang,
        kinds: d.kinds,
    };
    fito_store::push::subscribe(unit.tx(), sub, now_us()).await?;
    unit.journal(
        actor
            .entry("push.subscribe", Some("user"), Some(actor.id().to_string()))
            .details(json!({ "push_service": d.push_service, "kinds": d.kinds })),
    );
    unit.commit().await
}

/// Unsubscribes one of the actor's devices.
pub async fn unsubscribe(app: &App, actor: &Actor, input: EndpointInput) -> Result<(), AppError> {
    let mut unit = app.begin().await?;
    if !fito_store::push::unsubscribe(unit.tx(), actor.id(), &input.endpoint).await? {
        return Err(AppError::not_found("push-subscription-not-found"));
    }
    unit.journal(actor.entry(
        "push.unsubscribe",
        Some("user"),
        Some(actor.id().to_string()),
    ));
    unit.commit().await
}
