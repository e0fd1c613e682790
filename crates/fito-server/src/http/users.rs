//! `/api/v1/users`: people, by administrators (R-USER-1, R-USER-2, R-ROLE-1) and
//! heads (read), over `app::accounts`.

use super::views::UserView;
use crate::app::AppError;
use crate::app::accounts::password;
use crate::app::accounts::users::{
    self, ActivateRequest, CreateUserRequest, ListQuery, RoleRequest, UpdateUserRequest,
};
use crate::http::extract::{ApiJson, ApiQuery};
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// People of the caller's organisation subtree.
#[utoipa::path(get, path = "/api/v1/users", tag = "users", params(ListQuery),
    responses((status = 200, body = Vec<UserView>)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("user.read"))))]
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Json<Vec<UserView>>, AppError> {
    let found = users::list(&state, &me, q).await?;
    Ok(Json(found.into_iter().map(UserView::from).collect()))
}

/// One person's record.
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users", params(("id" = Uuid, Path)),
    responses((status = 200, body = UserView), (status = 404, description = "user-not-found")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("user.read"))))]
pub async fn get(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<UserView>, AppError> {
    Ok(Json(users::get(&state, &me, id).await?.into()))
}

#[derive(Serialize, ToSchema)]
pub struct CreatedUser {
    pub user: UserView,
    /// Shown once; the person must replace it at first sign-in.
    pub one_time_password: String,
}

/// Create an active account directly, with a one-time password.
#[utoipa::path(post, path = "/api/v1/users", tag = "users", request_body = CreateUserRequest,
    responses((status = 201, body = CreatedUser), (status = 409, description = "email-taken, iin-taken"),
        (status = 422, description = "iin-checksum, iin-underage, role-unknown …")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("user.create"))))]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(body): ApiJson<CreateUserRequest>,
) -> Result<(StatusCode, Json<CreatedUser>), AppError> {
    let created = users::create(&state, &me, body).await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedUser {
            user: created.user.into(),
            one_time_password: created.one_time_password,
        }),
    ))
}

/// Correct a person's details. The journal records which fields changed, not
/// their values.
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "users", params(("id" = Uuid, Path)),
    request_body = UpdateUserRequest, responses((status = 200, body = UserView)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("user.update"))))]
pub async fn update(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<UpdateUserRequest>,
) -> Result<Json<UserView>, AppError> {
    Ok(Json(users::update(&state, &me, id, body).await?.into()))
}

/// Activate a pending self-registration (or reactivate a deactivated account),
/// giving it a role and an organisation.
#[utoipa::path(post, path = "/api/v1/users/{id}/activate", tag = "users", params(("id" = Uuid, Path)),
    request_body = ActivateRequest, responses((status = 200, body = UserView), (status = 409, description = "user-already-active")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("user.activate"))))]
pub async fn activate(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<ActivateRequest>,
) -> Result<Json<UserView>, AppError> {
    Ok(Json(users::activate(&state, &me, id, body).await?.into()))
}

/// Deactivate an account: sign-in is blocked and every session ends; the data stays.
#[utoipa::path(post, path = "/api/v1/users/{id}/deactivate", tag = "users", params(("id" = Uuid, Path)),
    responses((status = 200, body = UserView)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("user.deactivate"))))]
pub async fn deactivate(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<UserView>, AppError> {
    Ok(Json(users::deactivate(&state, &me, id).await?.into()))
}

/// Give a person their one role (R-ROLE-1).
#[utoipa::path(put, path = "/api/v1/users/{id}/role", tag = "users", params(("id" = Uuid, Path)),
    request_body = RoleRequest, responses((status = 200, body = UserView)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("user.assign_role"))))]
pub async fn set_role(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<RoleRequest>,
) -> Result<Json<UserView>, AppError> {
    Ok(Json(users::set_role(&state, &me, id, body).await?.into()))
}

#[derive(Serialize, ToSchema)]
pub struct PasswordReset {
    /// Shown once; the person must replace it at next sign-in.
    pub one_time_password: String,
}

/// Issue a new one-time password; the person's sessions end.
#[utoipa::path(post, path = "/api/v1/users/{id}/password-reset", tag = "users", params(("id" = Uuid, Path)),
    responses((status = 200, body = PasswordReset)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("user.reset_password"))))]
pub async fn reset_password(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<PasswordReset>, AppError> {
    let one_time_password = password::reset(&state, &me, id).await?;
    Ok(Json(PasswordReset { one_time_password }))
}
