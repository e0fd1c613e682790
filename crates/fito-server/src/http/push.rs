//! Web Push subscriptions (R-NOTIF-1): the installed app subscribes with the VAPID
//! public key and hands its `PushSubscription.toJSON()` here. Without `[push]`
//! configured there is no key and no subscription is taken, so nothing is ever sent.

use crate::app::AppError;
use crate::app::EntryExt;
use crate::http::extract::ApiJson;
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use fito_store::time::now_us;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct VapidPublicKey {
    /// base64url of the uncompressed P-256 point: `applicationServerKey`.
    pub key: String,
}

/// The VAPID public key the app subscribes with.
#[utoipa::path(get, path = "/api/v1/push/vapid-public-key", tag = "notifications",
    responses((status = 200, body = VapidPublicKey), (status = 404, description = "push-not-configured")),
    extensions(("x-fito-action" = json!("public"))))]
pub async fn vapid_public_key(
    State(state): State<AppState>,
) -> Result<Json<VapidPublicKey>, AppError> {
    let pusher = state
        .pusher()
        .ok_or_else(|| AppError::not_found("push-not-configured"))?;
    Ok(Json(VapidPublicKey {
        key: pusher.public_key(),
    }))
}

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
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndpointInput {
    pub endpoint: String,
}

fn check_endpoint(endpoint: &str) -> Result<(), AppError> {
    let ok = endpoint.len() <= 2048
        && reqwest::Url::parse(endpoint)
            .is_ok_and(|u| matches!(u.scheme(), "https" | "http") && u.host_str().is_some());
    if ok {
        Ok(())
    } else {
        Err(AppError::unprocessable("push-subscription-invalid").with("field", "endpoint"))
    }
}

/// Subscribe this device to push for me. Its notifications are then also pushed,
/// written in the language of this request (`Accept-Language`).
#[utoipa::path(post, path = "/api/v1/push/subscriptions", tag = "notifications", request_body = SubscriptionInput,
    responses((status = 204), (status = 404, description = "push-not-configured"),
        (status = 422, description = "push-subscription-invalid")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("self"))))]
pub async fn subscribe(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(body): ApiJson<SubscriptionInput>,
) -> Result<StatusCode, AppError> {
    if state.pusher().is_none() {
        return Err(AppError::not_found("push-not-configured"));
    }
    check_endpoint(&body.endpoint)?;
    if fito_push::SubscriptionKeys::from_base64url(&body.keys.p256dh, &body.keys.auth).is_err() {
        return Err(AppError::unprocessable("push-subscription-invalid").with("field", "keys"));
    }
    let txn = state.store.begin().await?;
    fito_store::push::subscribe(
        &txn,
        me.user.id,
        &body.endpoint,
        &body.keys.p256dh,
        &body.keys.auth,
        me.meta.lang.code(),
        now_us(),
    )
    .await?;
    // The endpoint is a capability URL: journalled by its host only.
    let host = reqwest::Url::parse(&body.endpoint)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string));
    let entry = me
        .entry("push.subscribe", Some("user"), Some(me.user.id.to_string()))
        .details(serde_json::json!({ "push_service": host }));
    fito_store::audit::append(&txn, vec![entry]).await?;
    txn.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FcmTokenInput {
    /// The FCM registration token the app was given.
    pub token: String,
}

/// Register this device's FCM registration token for my notifications (app builds
/// that receive pushes through Firebase Cloud Messaging). Only when the server has
/// `[push.fcm]`; unsubscribing is `DELETE /push/subscriptions` with endpoint
/// `fcm:<token>`.
#[utoipa::path(post, path = "/api/v1/push/fcm-token", tag = "notifications", request_body = FcmTokenInput,
    responses((status = 204), (status = 404, description = "push-fcm-not-configured"),
        (status = 422, description = "push-subscription-invalid")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("self"))))]
pub async fn subscribe_fcm(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(body): ApiJson<FcmTokenInput>,
) -> Result<StatusCode, AppError> {
    if !state.pusher().is_some_and(|p| p.fcm_enabled()) {
        return Err(AppError::not_found("push-fcm-not-configured"));
    }
    let token = body.token.trim();
    let well_formed = !token.is_empty()
        && token.len() <= 4096
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_:.".contains(&b));
    if !well_formed {
        return Err(AppError::unprocessable("push-subscription-invalid").with("field", "token"));
    }
    let txn = state.store.begin().await?;
    fito_store::push::subscribe(
        &txn,
        me.user.id,
        &format!("{}{token}", crate::app::notify::fcm::ENDPOINT_PREFIX),
        "",
        "",
        me.meta.lang.code(),
        now_us(),
    )
    .await?;
    let entry = me
        .entry("push.subscribe", Some("user"), Some(me.user.id.to_string()))
        .details(serde_json::json!({ "push_service": "fcm" }));
    fito_store::audit::append(&txn, vec![entry]).await?;
    txn.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Unsubscribe one of my devices.
#[utoipa::path(delete, path = "/api/v1/push/subscriptions", tag = "notifications", request_body = EndpointInput,
    responses((status = 204), (status = 404, description = "push-subscription-not-found")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("self"))))]
pub async fn unsubscribe(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(body): ApiJson<EndpointInput>,
) -> Result<StatusCode, AppError> {
    let txn = state.store.begin().await?;
    if !fito_store::push::unsubscribe(&txn, me.user.id, &body.endpoint).await? {
        return Err(AppError::not_found("push-subscription-not-found"));
    }
    let entry = me.entry(
        "push.unsubscribe",
        Some("user"),
        Some(me.user.id.to_string()),
    );
    fito_store::audit::append(&txn, vec![entry]).await?;
    txn.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
