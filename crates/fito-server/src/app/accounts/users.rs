//! People, by administrators (R-USER-1, R-USER-2, R-ROLE-1) and heads (read), in the
//! caller's organisation subtree (R-ORG-1). Every read of someone's record is
//! journalled (R-AUDIT-1).

use crate::app::accounts::people::{new_user, person_request, today_in_kazakhstan};
use crate::app::notify::Target;
use crate::app::passwords::one_time_password;
use crate::app::{Actor, App, AppError, EntryExt};
use fito_core::{Action, Email, Phone, Role, person};
use fito_store::accounts::UserChanges;
use fito_store::time::now_us;
use fito_store::users::{
    self, ListFilter, NewUser, STATUS_ACTIVE, STATUS_DEACTIVATED, STATUS_DELETED, User,
};
use serde::Deserialize;
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// The user `id`, when the actor may act on them with `action`: outside the actor's
/// subtree, and once erased (R-PD-2), the user does not exist for them.
pub async fn in_scope(
    app: &App,
    actor: &Actor,
    id: Uuid,
    action: Action,
) -> Result<User, AppError> {
    actor.require(action)?;
    let user = users::get(app.store.reader(), id)
        .await?
        .filter(|u| u.status != STATUS_DELETED)
        .ok_or_else(|| AppError::not_found("user-not-found"))?;
    let path = match user.organization_id {
        Some(org) => app.org_path(org).await?,
        None => None,
    };
    actor.require_in(action, path.as_deref(), "user-not-found")?;
    Ok(user)
}

/// Checks that the actor may place a user in organisation `org`.
async fn org_in_scope(app: &App, actor: &Actor, org: Uuid, action: Action) -> Result<(), AppError> {
    let path = app.org_path(org).await?;
    if path.is_none() || !actor.sees(path.as_deref()) {
        return Err(AppError::unprocessable("organization-not-found"));
    }
    actor.require(action)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
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

/// People of the actor's organisation subtree; the read names them in the journal.
pub async fn list(app: &App, actor: &Actor, query: ListQuery) -> Result<Vec<User>, AppError> {
    actor.require(Action::UserRead)?;
    let org_path = actor.org_path.clone().ok_or_else(AppError::forbidden)?;
    let filter = ListFilter {
        include_unplaced: actor.sees(None),
        org_path,
        status: query.status,
        role: query.role,
        organization_id: query.organization_id,
        offset: query.offset,
        limit: query.limit.unwrap_or(100).clamp(1, 500),
    };
    let found = users::list(app.store.reader(), &filter).await?;
    let ids: Vec<String> = found.iter().map(|u| u.id.to_string()).collect();
    actor
        .record(
            actor
                .entry("user.list", Some("user"), None)
                .details(json!({ "ids": ids })),
        )
        .await?;
    Ok(found)
}

/// One person's record; the read is journalled.
pub async fn get(app: &App, actor: &Actor, id: Uuid) -> Result<User, AppError> {
    let user = in_scope(app, actor, id, Action::UserRead).await?;
    actor
        .record(actor.entry("user.read", Some("user"), Some(id.to_string())))
        .await?;
    Ok(user)
}

person_request!(CreateUserRequest {
    organization_id: Uuid,
    /// administrator, head, inspector or operator
    role: String,
});

/// An account just made, with its one-time password (shown once).
pub struct Created {
    pub user: User,
    pub one_time_password: String,
}

/// Creates an active account directly, with a one-time password.
pub async fn create(
    app: &App,
    actor: &Actor,
    input: CreateUserRequest,
) -> Result<Created, AppError> {
    actor.require(Action::UserCreate)?;
    let role: Role = input.role.parse()?;
    org_in_scope(app, actor, input.organization_id, Action::UserCreate).await?;
    let person = input.person()?;
    let password = one_time_password();
    let hash = app.passwords.hash(password.clone()).await?;
    let mut unit = app.begin().await?;
    let new = NewUser {
        id: fito_core::new_id(),
        organization_id: Some(input.organization_id),
        role: Some(role.as_str().to_string()),
        status: STATUS_ACTIVE,
        password_hash: Some(hash),
        must_change_password: true,
        ..new_user(person)
    };
    let user = users::insert(unit.tx(), new, now_us()).await?;
    unit.journal(
        actor
            .entry("user.create", Some("user"), Some(user.id.to_string()))
            .details(json!({ "role": role })),
    );
    unit.commit().await?;
    Ok(Created {
        user,
        one_time_password: password,
    })
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

impl UpdateUserRequest {
    /// The changes, each field checked by its rule, and the names of the fields.
    fn changes(&self) -> Result<(UserChanges, Vec<&'static str>), AppError> {
        let mut fields = Vec::new();
        let mut mark = |name, set: bool| {
            if set {
                fields.push(name);
            }
        };
        mark("surname", self.surname.is_some());
        mark("first_name", self.first_name.is_some());
        mark("patronymic", self.patronymic.is_some());
        mark("phone", self.phone.is_some());
        mark("email", self.email.is_some());
        mark("iin", self.iin.is_some());
        mark("position", self.position.is_some());
        mark("organization_id", self.organization_id.is_some());
        let changes = UserChanges {
            surname: self.surname.as_deref().map(person::surname).transpose()?,
            first_name: self
                .first_name
                .as_deref()
                .map(person::first_name)
                .transpose()?,
            patronymic: self
                .patronymic
                .as_deref()
                .map(|v| person::patronymic(Some(v)))
                .transpose()?,
            phone: self
                .phone
                .as_deref()
                .map(|v| Phone::parse(v).map(|p| p.as_str().to_string()))
                .transpose()?,
            email: self
                .email
                .as_deref()
                .map(|v| Email::parse(v).map(|e| e.as_str().to_string()))
                .transpose()?,
            iin: self
                .iin
                .as_deref()
                .map(|v| person::adult_iin(v, today_in_kazakhstan()).map(|i| i.to_string()))
                .transpose()?,
            position: self.position.as_deref().map(person::position).transpose()?,
            organization_id: self.organization_id,
            ..UserChanges::default()
        };
        Ok((changes, fields))
    }
}

/// Corrects a person's details. The journal records which fields changed, not
/// their values.
pub async fn update(
    app: &App,
    actor: &Actor,
    id: Uuid,
    input: UpdateUserRequest,
) -> Result<User, AppError> {
    let current = in_scope(app, actor, id, Action::UserUpdate).await?;
    let (changes, fields) = input.changes()?;
    if let Some(org) = input.organization_id {
        org_in_scope(app, actor, org, Action::UserUpdate).await?;
    }
    let mut unit = app.begin().await?;
    let user = fito_store::accounts::update(unit.tx(), current, changes, now_us()).await?;
    unit.journal(
        actor
            .entry("user.update", Some("user"), Some(id.to_string()))
            .details(json!({ "fields": fields })),
    );
    unit.commit().await?;
    Ok(user)
}

/// What a person changes in their own record (policy §14, issue 15); the rest they ask
/// an administrator to rectify (`privacy::rectifications`).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OwnProfileChange {
    pub phone: Option<String>,
    pub position: Option<String>,
}

/// The actor corrects their own phone and position. Journalled with the fields'
/// names, not their values.
pub async fn update_own(
    app: &App,
    actor: &Actor,
    input: OwnProfileChange,
) -> Result<User, AppError> {
    let request = UpdateUserRequest {
        surname: None,
        first_name: None,
        patronymic: None,
        phone: input.phone,
        email: None,
        iin: None,
        position: input.position,
        organization_id: None,
    };
    let (changes, fields) = request.changes()?;
    let current = users::get(app.store.reader(), actor.id())
        .await?
        .ok_or_else(|| AppError::not_found("user-not-found"))?;
    let mut unit = app.begin().await?;
    let user = fito_store::accounts::update(unit.tx(), current, changes, now_us()).await?;
    unit.journal(
        actor
            .entry("user.update", Some("user"), Some(actor.id().to_string()))
            .details(json!({ "fields": fields, "own": true })),
    );
    unit.commit().await?;
    Ok(user)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivateRequest {
    pub role: String,
    /// Required when the person registered without an organisation.
    pub organization_id: Option<Uuid>,
}

/// Activates a pending self-registration (or reactivates a deactivated account),
/// giving it a role and an organisation; the person is notified.
pub async fn activate(
    app: &App,
    actor: &Actor,
    id: Uuid,
    input: ActivateRequest,
) -> Result<User, AppError> {
    let current = in_scope(app, actor, id, Action::UserActivate).await?;
    if current.status == STATUS_ACTIVE {
        return Err(AppError::conflict("user-already-active"));
    }
    let role: Role = input.role.parse()?;
    let org = input
        .organization_id
        .or(current.organization_id)
        .ok_or_else(|| AppError::unprocessable("user-organization-required"))?;
    org_in_scope(app, actor, org, Action::UserActivate).await?;
    let now = now_us();
    let changes = UserChanges {
        status: Some(STATUS_ACTIVE),
        role: Some(role.as_str().to_string()),
        organization_id: Some(org),
        activated_at: Some(now),
        ..UserChanges::default()
    };
    let mut unit = app.begin().await?;
    let user = fito_store::accounts::update(unit.tx(), current, changes, now).await?;
    unit.journal(
        actor
            .entry("user.activate", Some("user"), Some(id.to_string()))
            .details(json!({ "role": role, "organization_id": org })),
    );
    let target = Target { kind: "user", id };
    unit.notify(&[id], "account-activated", &[], target).await?;
    unit.commit().await?;
    Ok(user)
}

/// Deactivates an account: sign-in is blocked and every session ends; the data stays.
pub async fn deactivate(app: &App, actor: &Actor, id: Uuid) -> Result<User, AppError> {
    let current = in_scope(app, actor, id, Action::UserDeactivate).await?;
    if current.id == actor.id() {
        return Err(AppError::conflict("user-cannot-deactivate-self"));
    }
    if current.status != STATUS_ACTIVE {
        return Err(AppError::conflict("user-not-active"));
    }
    let mut unit = app.begin().await?;
    let (user, ended) = deactivate_in(&mut unit, current).await?;
    unit.journal(
        actor
            .entry("user.deactivate", Some("user"), Some(id.to_string()))
            .details(json!({ "sessions_ended": ended })),
    );
    unit.commit().await?;
    Ok(user)
}

/// Marks `user` deactivated and ends their sessions; answers how many ended.
pub(crate) async fn deactivate_in(
    unit: &mut crate::app::Unit<'_>,
    user: User,
) -> Result<(User, u64), AppError> {
    let now = now_us();
    let id = user.id;
    let changes = UserChanges {
        status: Some(STATUS_DEACTIVATED),
        ..UserChanges::default()
    };
    let user = fito_store::accounts::update(unit.tx(), user, changes, now).await?;
    let ended = fito_store::sessions::revoke_all_for_user(unit.tx(), id, now).await?;
    Ok((user, ended))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleRequest {
    pub role: String,
}

/// Gives a person their one role (R-ROLE-1).
pub async fn set_role(
    app: &App,
    actor: &Actor,
    id: Uuid,
    input: RoleRequest,
) -> Result<User, AppError> {
    let current = in_scope(app, actor, id, Action::UserAssignRole).await?;
    let role: Role = input.role.parse()?;
    if current.id == actor.id() {
        // An administrator cannot lock the system out of its last administrator.
        return Err(AppError::conflict("user-cannot-change-own-role"));
    }
    let previous = current.role.clone();
    let changes = UserChanges {
        role: Some(role.as_str().to_string()),
        ..UserChanges::default()
    };
    let mut unit = app.begin().await?;
    let user = fito_store::accounts::update(unit.tx(), current, changes, now_us()).await?;
    unit.journal(
        actor
            .entry("user.assign_role", Some("user"), Some(id.to_string()))
            .details(json!({ "from": previous, "to": role })),
    );
    unit.commit().await?;
    Ok(user)
}
