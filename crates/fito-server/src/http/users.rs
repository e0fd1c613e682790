//! People, by administrators (R-USER-1, R-USER-2, R-ROLE-1) and heads (read).
//! Every read of someone's record is journalled (R-AUDIT-1).

use super::auth::sea_orm_set;
use super::people::{checked_person, person_request};
use super::views::{UserView, optional_text, required_text};
use crate::app::Actor;
use crate::app::AppError;
use crate::app::EntryExt;
use crate::app::passwords::{check_password_policy, one_time_password};
use crate::http::extract::{ApiJson, ApiQuery};
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use fito_core::{Action, Email, Iin, Phone, Role};
use fito_store::entity::user;
use fito_store::time::now_us;
use fito_store::users::{self, ListFilter, NewUser, STATUS_ACTIVE, STATUS_DEACTIVATED, User};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// Loads a user the caller may act on with `action`: outside their subtree the user
/// does not exist for them.
async fn user_in_scope(
    state: &AppState,
    me: &Actor,
    id: Uuid,
    action: Action,
) -> Result<User, AppError> {
    me.require(action)?;
    // An erased person (R-PD-2) is gone for every user operation.
    let user = users::get(state.store.reader(), id)
        .await?
        .filter(|u| u.status != users::STATUS_DELETED)
        .ok_or_else(|| AppError::not_found("user-not-found"))?;
    let path = match user.organization_id {
        Some(org) => state.org_path(org).await?,
        None => None,
    };
    me.require_in(action, path.as_deref(), "user-not-found")?;
    Ok(user)
}

/// Checks that the caller may place a user in organisation `org`.
async fn org_in_scope(
    state: &AppState,
    me: &Actor,
    org: Uuid,
    action: Action,
) -> Result<(), AppError> {
    let path = state.org_path(org).await?;
    if path.is_none() || !me.sees(path.as_deref()) {
        return Err(AppError::unprocessable("organization-not-found"));
    }
    me.require(action)
}

fn parse_role(role: &str) -> Result<Role, AppError> {
    Ok(role.parse::<Role>()?)
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// pending, active or deactivated
    pub status: Option<String>,
    pub role: Option<String>,
    pub organization_id: Option<Uuid>,
    #[serde(default)]
    pub offset: u64,
    /// At most 500; 100 by default.
    pub limit: Option<u64>,
}

/// People of the caller's organisation subtree.
#[utoipa::path(get, path = "/api/v1/users", tag = "users", params(ListQuery),
    responses((status = 200, body = Vec<UserView>)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("user.read"))))]
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Json<Vec<UserView>>, AppError> {
    me.require(Action::UserRead)?;
    let org_path = me.org_path.clone().ok_or_else(AppError::forbidden)?;
    let filter = ListFilter {
        include_unplaced: me.sees(None),
        org_path,
        status: q.status,
        role: q.role,
        organization_id: q.organization_id,
        offset: q.offset,
        limit: q.limit.unwrap_or(100).clamp(1, 500),
    };
    let found = users::list(state.store.reader(), &filter).await?;
    let ids: Vec<String> = found.iter().map(|u| u.id.to_string()).collect();
    state
        .audit
        .record(
            me.entry("user.list", Some("user"), None)
                .details(json!({ "ids": ids })),
        )
        .await?;
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
    let user = user_in_scope(&state, &me, id, Action::UserRead).await?;
    state
        .audit
        .record(me.entry("user.read", Some("user"), Some(id.to_string())))
        .await?;
    Ok(Json(user.into()))
}

person_request!(CreateUserRequest {
    organization_id: Uuid,
    /// administrator, head, inspector or operator
    role: String,
});

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
    me.require(Action::UserCreate)?;
    let role = parse_role(&body.role)?;
    org_in_scope(&state, &me, body.organization_id, Action::UserCreate).await?;
    let person = checked_person(body.person())?;
    let password = one_time_password();
    let hash = state.passwords.hash(password.clone()).await?;
    let now = now_us();
    let txn = state.store.begin().await?;
    let user = users::insert(
        &txn,
        NewUser {
            id: fito_core::new_id(),
            organization_id: Some(body.organization_id),
            role: Some(role.as_str().to_string()),
            status: STATUS_ACTIVE,
            password_hash: Some(hash),
            must_change_password: true,
            ..person.into_new_user()
        },
        now,
    )
    .await?;
    let entry = me
        .entry("user.create", Some("user"), Some(user.id.to_string()))
        .details(json!({ "role": role }));
    fito_store::audit::append(&txn, vec![entry]).await?;
    txn.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedUser {
            user: user.into(),
            one_time_password: password,
        }),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUserRequest {
    pub surname: Option<String>,
    pub first_name: Option<String>,
    /// An empty string clears it.
    pub patronymic: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub iin: Option<String>,
    pub position: Option<String>,
    /// Move the person to another organisation of the caller's subtree.
    pub organization_id: Option<Uuid>,
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
    let current = user_in_scope(&state, &me, id, Action::UserUpdate).await?;
    let mut model: user::ActiveModel = current.into();
    let mut changed = Vec::new();
    if let Some(v) = &body.surname {
        model.surname = sea_orm_set(required_text("surname", v, 100)?);
        changed.push("surname");
    }
    if let Some(v) = &body.first_name {
        model.first_name = sea_orm_set(required_text("first_name", v, 100)?);
        changed.push("first_name");
    }
    if let Some(v) = &body.patronymic {
        model.patronymic = sea_orm_set(optional_text("patronymic", Some(v), 100)?);
        changed.push("patronymic");
    }
    if let Some(v) = &body.phone {
        model.phone = sea_orm_set(Some(Phone::parse(v)?.as_str().to_string()));
        changed.push("phone");
    }
    if let Some(v) = &body.email {
        model.email = sea_orm_set(Email::parse(v)?.as_str().to_string());
        changed.push("email");
    }
    if let Some(v) = &body.iin {
        let iin = Iin::parse(v)?;
        iin.require_adult_on(super::people::today_in_kazakhstan())?;
        model.iin = sea_orm_set(Some(iin.to_string()));
        changed.push("iin");
    }
    if let Some(v) = &body.position {
        model.position = sea_orm_set(required_text("position", v, 200)?);
        changed.push("position");
    }
    if let Some(org) = body.organization_id {
        org_in_scope(&state, &me, org, Action::UserUpdate).await?;
        model.organization_id = sea_orm_set(Some(org));
        changed.push("organization_id");
    }
    let txn = state.store.begin().await?;
    let user = users::save(&txn, model, now_us()).await?;
    let entry = me
        .entry("user.update", Some("user"), Some(id.to_string()))
        .details(json!({ "fields": changed }));
    fito_store::audit::append(&txn, vec![entry]).await?;
    txn.commit().await?;
    Ok(Json(user.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivateRequest {
    pub role: String,
    /// Required when the person registered without an organisation.
    pub organization_id: Option<Uuid>,
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
    let current = user_in_scope(&state, &me, id, Action::UserActivate).await?;
    if current.status == STATUS_ACTIVE {
        return Err(AppError::conflict("user-already-active"));
    }
    let role = parse_role(&body.role)?;
    let org = body
        .organization_id
        .or(current.organization_id)
        .ok_or_else(|| AppError::unprocessable("user-organization-required"))?;
    org_in_scope(&state, &me, org, Action::UserActivate).await?;
    let now = now_us();
    let mut model: user::ActiveModel = current.into();
    model.status = sea_orm_set(STATUS_ACTIVE.to_string());
    model.role = sea_orm_set(Some(role.as_str().to_string()));
    model.organization_id = sea_orm_set(Some(org));
    model.activated_at = sea_orm_set(Some(now));
    let txn = state.store.begin().await?;
    let user = users::save(&txn, model, now).await?;
    let entry = me
        .entry("user.activate", Some("user"), Some(id.to_string()))
        .details(json!({ "role": role, "organization_id": org }));
    fito_store::audit::append(&txn, vec![entry]).await?;
    let sent = crate::app::notify::send(
        &txn,
        &[id],
        "account-activated",
        &[],
        crate::app::notify::Target { kind: "user", id },
    )
    .await?;
    txn.commit().await?;
    state.live.notified(sent).await;
    Ok(Json(user.into()))
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
    let current = user_in_scope(&state, &me, id, Action::UserDeactivate).await?;
    if current.id == me.user.id {
        return Err(AppError::conflict("user-cannot-deactivate-self"));
    }
    if current.status != STATUS_ACTIVE {
        return Err(AppError::conflict("user-not-active"));
    }
    let now = now_us();
    let mut model: user::ActiveModel = current.into();
    model.status = sea_orm_set(STATUS_DEACTIVATED.to_string());
    let txn = state.store.begin().await?;
    let user = users::save(&txn, model, now).await?;
    let ended = fito_store::sessions::revoke_all_for_user(&txn, id, now).await?;
    let entry = me
        .entry("user.deactivate", Some("user"), Some(id.to_string()))
        .details(json!({ "sessions_ended": ended }));
    fito_store::audit::append(&txn, vec![entry]).await?;
    txn.commit().await?;
    Ok(Json(user.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleRequest {
    pub role: String,
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
    let current = user_in_scope(&state, &me, id, Action::UserAssignRole).await?;
    let role = parse_role(&body.role)?;
    if current.id == me.user.id {
        // An administrator cannot lock the system out of its last administrator.
        return Err(AppError::conflict("user-cannot-change-own-role"));
    }
    let previous = current.role.clone();
    let mut model: user::ActiveModel = current.into();
    model.role = sea_orm_set(Some(role.as_str().to_string()));
    let txn = state.store.begin().await?;
    let user = users::save(&txn, model, now_us()).await?;
    let entry = me
        .entry("user.assign_role", Some("user"), Some(id.to_string()))
        .details(json!({ "from": previous, "to": role }));
    fito_store::audit::append(&txn, vec![entry]).await?;
    txn.commit().await?;
    Ok(Json(user.into()))
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
    let current = user_in_scope(&state, &me, id, Action::UserResetPassword).await?;
    let password = one_time_password();
    check_password_policy(&password, &current.email, &state.config.auth)?;
    let hash = state.passwords.hash(password.clone()).await?;
    let now = now_us();
    let mut model: user::ActiveModel = current.into();
    model.password_hash = sea_orm_set(Some(hash));
    model.must_change_password = sea_orm_set(true);
    let txn = state.store.begin().await?;
    users::save(&txn, model, now).await?;
    fito_store::sessions::revoke_all_for_user(&txn, id, now).await?;
    fito_store::audit::append(
        &txn,
        vec![me.entry("user.reset_password", Some("user"), Some(id.to_string()))],
    )
    .await?;
    txn.commit().await?;
    Ok(Json(PasswordReset {
        one_time_password: password,
    }))
}
