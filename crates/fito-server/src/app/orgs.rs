//! The organisation tree (R-ORG-1): everyone sees their own subtree; administrators
//! add and rename organisations in it.

use crate::app::{Actor, App, AppError, EntryExt};
use fito_core::text::{optional, required};
use fito_core::{Action, Bin};
use fito_store::StoreError;
use fito_store::orgs::{self, NewOrganization, Organization, OrganizationChanges};
use fito_store::time::now_us;
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateOrganizationRequest {
    /// The parent organisation, inside the caller's subtree.
    pub parent_id: Uuid,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: Option<String>,
    /// Business identification number, when the organisation is a legal entity.
    pub bin: Option<String>,
    /// Postal address, printed on the acts the organisation issues.
    pub address: Option<String>,
    /// Its code in act registry numbers (1–12 Latin capitals or digits, unique);
    /// given automatically at its first numbered act when unset.
    pub code: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateOrganizationRequest {
    pub name_kk: Option<String>,
    pub name_ru: Option<String>,
    /// An empty string clears it.
    pub name_en: Option<String>,
    /// An empty string clears it.
    pub bin: Option<String>,
    /// An empty string clears it.
    pub address: Option<String>,
    /// The code in act registry numbers from now on; numbers given stay.
    pub code: Option<String>,
}

/// The organisation `id`, when it lies in the actor's subtree (else not found).
pub async fn in_scope(
    app: &App,
    actor: &Actor,
    id: Uuid,
    action: Action,
) -> Result<Organization, AppError> {
    actor.require(action)?;
    let org = orgs::get(app.store.reader(), id)
        .await?
        .ok_or_else(|| AppError::not_found("organization-not-found"))?;
    actor.require_in(action, Some(&org.path), "organization-not-found")?;
    Ok(org)
}

/// The actor's organisation and everything below it, in tree order.
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<Organization>, AppError> {
    actor.require(Action::OrgRead)?;
    let Some(path) = &actor.org_path else {
        return Ok(Vec::new());
    };
    Ok(orgs::list_subtree(app.store.reader(), path).await?)
}

fn checked_bin(bin: Option<&str>) -> Result<Option<String>, AppError> {
    match bin.map(str::trim).filter(|b| !b.is_empty()) {
        Some(b) => Ok(Some(Bin::parse(b)?.to_string())),
        None => Ok(None),
    }
}

/// A registry code as typed: none when empty, else checked (issue 15).
fn checked_code(code: Option<&str>) -> Result<Option<String>, AppError> {
    match code.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => fito_core::registry::org_code(c)
            .map(Some)
            .ok_or_else(|| AppError::unprocessable("organization-code-invalid")),
        None => Ok(None),
    }
}

fn code_taken(e: StoreError) -> AppError {
    match e {
        StoreError::Conflict("code") => AppError::conflict("organization-code-taken"),
        other => other.into(),
    }
}

/// Adds an organisation under one in the actor's subtree.
pub async fn create(
    app: &App,
    actor: &Actor,
    input: CreateOrganizationRequest,
) -> Result<Organization, AppError> {
    actor.require(Action::OrgCreate)?;
    let parent_path = app.org_path(input.parent_id).await?;
    if parent_path.is_none() || !actor.sees(parent_path.as_deref()) {
        return Err(AppError::unprocessable("organization-not-found"));
    }
    let new = NewOrganization {
        id: fito_core::new_id(),
        parent_id: Some(input.parent_id),
        name_kk: required("name_kk", &input.name_kk, 300)?,
        name_ru: required("name_ru", &input.name_ru, 300)?,
        name_en: optional("name_en", input.name_en.as_deref(), 300)?,
        bin: checked_bin(input.bin.as_deref())?,
        address: optional("address", input.address.as_deref(), 500)?,
        code: checked_code(input.code.as_deref())?,
    };
    let mut unit = app.begin().await?;
    let org = orgs::insert(unit.tx(), new, now_us())
        .await
        .map_err(code_taken)?;
    unit.journal(
        actor
            .entry("org.create", Some("organization"), Some(org.id.to_string()))
            .details(json!({ "parent_id": input.parent_id })),
    );
    unit.commit().await?;
    Ok(org)
}

/// Renames an organisation or changes its BIN, address or registry code.
pub async fn update(
    app: &App,
    actor: &Actor,
    id: Uuid,
    input: UpdateOrganizationRequest,
) -> Result<Organization, AppError> {
    let current = in_scope(app, actor, id, Action::OrgUpdate).await?;
    let required_opt =
        |field, v: &Option<String>| v.as_deref().map(|v| required(field, v, 300)).transpose();
    let optional_opt = |field, v: &Option<String>, max| {
        v.as_deref()
            .map(|v| optional(field, Some(v), max))
            .transpose()
    };
    let changes = OrganizationChanges {
        name_kk: required_opt("name_kk", &input.name_kk)?,
        name_ru: required_opt("name_ru", &input.name_ru)?,
        name_en: optional_opt("name_en", &input.name_en, 300)?,
        bin: input
            .bin
            .as_deref()
            .map(|v| checked_bin(Some(v)))
            .transpose()?,
        address: optional_opt("address", &input.address, 500)?,
        code: match input.code.as_deref() {
            Some(c) if c.trim().is_empty() => {
                return Err(AppError::unprocessable("organization-code-invalid"));
            }
            c => c.map(|c| checked_code(Some(c))).transpose()?,
        },
    };
    let fields: Vec<&str> = [
        ("name_kk", changes.name_kk.is_some()),
        ("name_ru", changes.name_ru.is_some()),
        ("name_en", changes.name_en.is_some()),
        ("bin", changes.bin.is_some()),
        ("address", changes.address.is_some()),
        ("code", changes.code.is_some()),
    ]
    .into_iter()
    .filter_map(|(f, set)| set.then_some(f))
    .collect();
    let mut unit = app.begin().await?;
    let org = orgs::update(unit.tx(), current, changes, now_us())
        .await
        .map_err(code_taken)?;
    unit.journal(
        actor
            .entry("org.update", Some("organization"), Some(id.to_string()))
            .details(json!({ "fields": fields })),
    );
    unit.commit().await?;
    Ok(org)
}
