//! `/api/v1/push`: Web Push and FCM subscriptions (R-NOTIF-1), over `app::push`.

use crate::app::AppError;
use crate::app::push::{self, EndpointInput, FcmTokenInput, SubscriptionInput};
use crate::http::extract::ApiJson;
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
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
    Ok(Json(VapidPublicKey {
        key: push::vapid_public_key(&state)?,
    }))
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
    push::subscribe(&state, &me, body).await?;
    Ok(StatusCode::NO_CONTENT)
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
    push::subscribe_fcm(&state, &me, body).await?;
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
    push::unsubscribe(&state, &me, body).await?;
    Ok(StatusCode::NO_CONTENT)
}
