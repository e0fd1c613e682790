//! Reference data (R-OBJ-2): everyone signed in looks entries up; administrators add,
//! correct and retire them. Entries are never deleted (`active: false` retires one),
//! so old surveys and acts keep their meaning.

use super::views::{optional_text, required_text};
use crate::app::Actor;
use crate::app::AppError;
use crate::app::EntryExt;
use crate::http::extract::{ApiJson, ApiQuery};
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use fito_core::{Action, EppoCode, KatoCode};
use fito_store::reference::{self, AdminUnit, Crop, ObjectType, Organism};
use fito_store::time::now_us;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ReferenceQuery {
    /// Part of a code or of a name in any language, case-insensitive.
    pub q: Option<String>,
    /// organisms: pest, disease or weed.
    pub kind: Option<String>,
    /// organisms: absent, limited (EAEU list), regulated_non_quarantine, other.
    pub category: Option<String>,
    /// admin-units: region, city_republican, district, city_regional.
    pub level: Option<String>,
    /// admin-units: the KATO code of the parent unit.
    pub parent: Option<String>,
    /// Also list retired entries.
    #[serde(default)]
    pub include_retired: bool,
}

impl ReferenceQuery {
    fn matches(&self, active: bool, texts: &[Option<&str>]) -> bool {
        if !active && !self.include_retired {
            return false;
        }
        let Some(q) = self.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) else {
            return true;
        };
        let q = q.to_lowercase();
        texts
            .iter()
            .flatten()
            .any(|t| t.to_lowercase().contains(&q))
    }
}

/// An organism of the reference list, keyed by its EPPO code.
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganismView {
    #[serde(default)]
    pub eppo_code: String,
    /// pest, disease or weed
    pub kind: String,
    /// absent or limited (the EAEU unified list of quarantine objects), regulated_non_quarantine, other
    pub category: String,
    pub name_la: String,
    pub name_kk: Option<String>,
    pub name_ru: String,
    pub name_en: Option<String>,
    pub active: bool,
}

#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CropView {
    #[serde(default)]
    pub code: String,
    pub eppo_code: Option<String>,
    pub name_la: Option<String>,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: Option<String>,
    pub active: bool,
}

#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ObjectTypeView {
    #[serde(default)]
    pub code: String,
    /// point, polygon or any
    pub geometry: String,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: Option<String>,
    pub active: bool,
}

/// An administrative unit by its KATO code.
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdminUnitView {
    #[serde(default)]
    pub kato: String,
    /// region, city_republican, district or city_regional
    pub level: String,
    pub parent_kato: Option<String>,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: Option<String>,
    pub active: bool,
}

fn one_of(field: &'static str, value: &str, allowed: &[&str]) -> Result<String, AppError> {
    if allowed.contains(&value) {
        Ok(value.to_string())
    } else {
        Err(AppError::unprocessable("reference-value-invalid")
            .with("field", field)
            .with("allowed", allowed.join(", ")))
    }
}

/// A code of our own dictionaries: lower-case letters, digits and `_`.
fn slug(value: &str) -> Result<String, AppError> {
    let ok = !value.is_empty()
        && value.len() <= 64
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(value.to_string())
    } else {
        Err(AppError::unprocessable("reference-code-invalid"))
    }
}

/// Journals a reference change in the transaction that makes it.
async fn journal(
    txn: &fito_store::Tx,
    me: &Actor,
    dictionary: &str,
    key: &str,
    created: bool,
) -> Result<(), AppError> {
    let entry = me
        .entry("reference.put", Some(dictionary), Some(key.to_string()))
        .details(json!({ "created": created }));
    fito_store::audit::append(txn, vec![entry]).await?;
    Ok(())
}

/// 201 for a new entry, 200 for a changed one.
fn answer<T>(created: bool, view: T) -> (StatusCode, Json<T>) {
    (
        if created {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        },
        Json(view),
    )
}

#[utoipa::path(get, path = "/api/v1/reference/organisms", tag = "reference", params(ReferenceQuery),
    responses((status = 200, body = Vec<OrganismView>)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("reference.read"))))]
pub async fn organisms(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<ReferenceQuery>,
) -> Result<Json<Vec<OrganismView>>, AppError> {
    me.require(Action::ReferenceRead)?;
    let all = reference::organisms(state.store.reader()).await?;
    Ok(Json(
        all.into_iter()
            .filter(|o| {
                q.kind.as_ref().is_none_or(|k| *k == o.kind)
                    && q.category.as_ref().is_none_or(|c| *c == o.category)
            })
            .filter(|o| {
                q.matches(
                    o.active,
                    &[
                        Some(&o.eppo_code),
                        Some(&o.name_la),
                        o.name_kk.as_deref(),
                        Some(&o.name_ru),
                        o.name_en.as_deref(),
                    ],
                )
            })
            .map(|o| OrganismView {
                eppo_code: o.eppo_code,
                kind: o.kind,
                category: o.category,
                name_la: o.name_la,
                name_kk: o.name_kk,
                name_ru: o.name_ru,
                name_en: o.name_en,
                active: o.active,
            })
            .collect(),
    ))
}

#[utoipa::path(put, path = "/api/v1/reference/organisms/{code}", tag = "reference", params(("code" = String, Path, description = "EPPO code")),
    request_body = OrganismView, responses((status = 200, body = OrganismView), (status = 201, body = OrganismView)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("reference.manage"))))]
pub async fn put_organism(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(code): Path<String>,
    ApiJson(body): ApiJson<OrganismView>,
) -> Result<(StatusCode, Json<OrganismView>), AppError> {
    me.require(Action::ReferenceManage)?;
    let model = Organism {
        eppo_code: EppoCode::parse(&code)?.to_string(),
        kind: one_of("kind", &body.kind, &reference::ORGANISM_KINDS)?,
        category: one_of("category", &body.category, &reference::ORGANISM_CATEGORIES)?,
        name_la: required_text("name_la", &body.name_la, 200)?,
        name_kk: optional_text("name_kk", body.name_kk.as_deref(), 300)?,
        name_ru: required_text("name_ru", &body.name_ru, 300)?,
        name_en: optional_text("name_en", body.name_en.as_deref(), 300)?,
        active: body.active,
        updated_at: now_us(),
    };
    let txn = state.store.begin().await?;
    let created = reference::put_organism(&txn, model.clone()).await?;
    let view = OrganismView {
        eppo_code: model.eppo_code.clone(),
        kind: model.kind,
        category: model.category,
        name_la: model.name_la,
        name_kk: model.name_kk,
        name_ru: model.name_ru,
        name_en: model.name_en,
        active: model.active,
    };
    journal(&txn, &me, "organism", &model.eppo_code, created).await?;
    txn.commit().await?;
    Ok(answer(created, view))
}

#[utoipa::path(get, path = "/api/v1/reference/crops", tag = "reference", params(ReferenceQuery),
    responses((status = 200, body = Vec<CropView>)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("reference.read"))))]
pub async fn crops(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<ReferenceQuery>,
) -> Result<Json<Vec<CropView>>, AppError> {
    me.require(Action::ReferenceRead)?;
    let all = reference::crops(state.store.reader()).await?;
    Ok(Json(
        all.into_iter()
            .filter(|c| {
                q.matches(
                    c.active,
                    &[
                        Some(&c.code),
                        c.eppo_code.as_deref(),
                        c.name_la.as_deref(),
                        Some(&c.name_kk),
                        Some(&c.name_ru),
                        c.name_en.as_deref(),
                    ],
                )
            })
            .map(|c| CropView {
                code: c.code,
                eppo_code: c.eppo_code,
                name_la: c.name_la,
                name_kk: c.name_kk,
                name_ru: c.name_ru,
                name_en: c.name_en,
                active: c.active,
            })
            .collect(),
    ))
}

#[utoipa::path(put, path = "/api/v1/reference/crops/{code}", tag = "reference", params(("code" = String, Path)),
    request_body = CropView, responses((status = 200, body = CropView), (status = 201, body = CropView)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("reference.manage"))))]
pub async fn put_crop(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(code): Path<String>,
    ApiJson(body): ApiJson<CropView>,
) -> Result<(StatusCode, Json<CropView>), AppError> {
    me.require(Action::ReferenceManage)?;
    let eppo_code = body
        .eppo_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(EppoCode::parse)
        .transpose()?
        .map(|c| c.to_string());
    let model = Crop {
        code: slug(&code)?,
        eppo_code,
        name_la: optional_text("name_la", body.name_la.as_deref(), 200)?,
        name_kk: required_text("name_kk", &body.name_kk, 200)?,
        name_ru: required_text("name_ru", &body.name_ru, 200)?,
        name_en: optional_text("name_en", body.name_en.as_deref(), 200)?,
        active: body.active,
        updated_at: now_us(),
    };
    let txn = state.store.begin().await?;
    let created = reference::put_crop(&txn, model.clone()).await?;
    let view = CropView {
        code: model.code.clone(),
        eppo_code: model.eppo_code,
        name_la: model.name_la,
        name_kk: model.name_kk,
        name_ru: model.name_ru,
        name_en: model.name_en,
        active: model.active,
    };
    journal(&txn, &me, "crop", &model.code, created).await?;
    txn.commit().await?;
    Ok(answer(created, view))
}

#[utoipa::path(get, path = "/api/v1/reference/object-types", tag = "reference", params(ReferenceQuery),
    responses((status = 200, body = Vec<ObjectTypeView>)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("reference.read"))))]
pub async fn object_types(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<ReferenceQuery>,
) -> Result<Json<Vec<ObjectTypeView>>, AppError> {
    me.require(Action::ReferenceRead)?;
    let all = reference::object_types(state.store.reader()).await?;
    Ok(Json(
        all.into_iter()
            .filter(|t| {
                q.matches(
                    t.active,
                    &[
                        Some(&t.code),
                        Some(&t.name_kk),
                        Some(&t.name_ru),
                        t.name_en.as_deref(),
                    ],
                )
            })
            .map(|t| ObjectTypeView {
                code: t.code,
                geometry: t.geometry,
                name_kk: t.name_kk,
                name_ru: t.name_ru,
                name_en: t.name_en,
                active: t.active,
            })
            .collect(),
    ))
}

#[utoipa::path(put, path = "/api/v1/reference/object-types/{code}", tag = "reference", params(("code" = String, Path)),
    request_body = ObjectTypeView, responses((status = 200, body = ObjectTypeView), (status = 201, body = ObjectTypeView)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("reference.manage"))))]
pub async fn put_object_type(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(code): Path<String>,
    ApiJson(body): ApiJson<ObjectTypeView>,
) -> Result<(StatusCode, Json<ObjectTypeView>), AppError> {
    me.require(Action::ReferenceManage)?;
    let model = ObjectType {
        code: slug(&code)?,
        geometry: one_of("geometry", &body.geometry, &reference::GEOMETRIES)?,
        name_kk: required_text("name_kk", &body.name_kk, 200)?,
        name_ru: required_text("name_ru", &body.name_ru, 200)?,
        name_en: optional_text("name_en", body.name_en.as_deref(), 200)?,
        active: body.active,
        updated_at: now_us(),
    };
    let txn = state.store.begin().await?;
    let created = reference::put_object_type(&txn, model.clone()).await?;
    let view = ObjectTypeView {
        code: model.code.clone(),
        geometry: model.geometry,
        name_kk: model.name_kk,
        name_ru: model.name_ru,
        name_en: model.name_en,
        active: model.active,
    };
    journal(&txn, &me, "object_type", &model.code, created).await?;
    txn.commit().await?;
    Ok(answer(created, view))
}

#[utoipa::path(get, path = "/api/v1/reference/admin-units", tag = "reference", params(ReferenceQuery),
    responses((status = 200, body = Vec<AdminUnitView>)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("reference.read"))))]
pub async fn admin_units(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<ReferenceQuery>,
) -> Result<Json<Vec<AdminUnitView>>, AppError> {
    me.require(Action::ReferenceRead)?;
    let all = reference::admin_units(state.store.reader()).await?;
    Ok(Json(
        all.into_iter()
            .filter(|u| {
                q.level.as_ref().is_none_or(|l| *l == u.level)
                    && q.parent
                        .as_ref()
                        .is_none_or(|p| Some(p) == u.parent_kato.as_ref())
            })
            .filter(|u| {
                q.matches(
                    u.active,
                    &[
                        Some(&u.kato),
                        Some(&u.name_kk),
                        Some(&u.name_ru),
                        u.name_en.as_deref(),
                    ],
                )
            })
            .map(|u| AdminUnitView {
                kato: u.kato,
                level: u.level,
                parent_kato: u.parent_kato,
                name_kk: u.name_kk,
                name_ru: u.name_ru,
                name_en: u.name_en,
                active: u.active,
            })
            .collect(),
    ))
}

#[utoipa::path(put, path = "/api/v1/reference/admin-units/{kato}", tag = "reference", params(("kato" = String, Path)),
    request_body = AdminUnitView, responses((status = 200, body = AdminUnitView), (status = 201, body = AdminUnitView)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("reference.manage"))))]
pub async fn put_admin_unit(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(kato): Path<String>,
    ApiJson(body): ApiJson<AdminUnitView>,
) -> Result<(StatusCode, Json<AdminUnitView>), AppError> {
    me.require(Action::ReferenceManage)?;
    let kato = KatoCode::parse(&kato)?;
    let level = one_of("level", &body.level, &reference::UNIT_LEVELS)?;
    let parent = match body
        .parent_kato
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        Some(p) => {
            let parent = KatoCode::parse(p)?;
            // A unit lies inside its parent's region, and the parent must exist.
            let exists = reference::admin_unit(state.store.reader(), parent.as_str())
                .await?
                .is_some();
            if !exists || parent.region_prefix() != kato.region_prefix() || parent == kato {
                return Err(AppError::unprocessable("reference-parent-invalid"));
            }
            Some(parent.to_string())
        }
        None => None,
    };
    let model = AdminUnit {
        kato: kato.to_string(),
        level,
        parent_kato: parent,
        name_kk: required_text("name_kk", &body.name_kk, 200)?,
        name_ru: required_text("name_ru", &body.name_ru, 200)?,
        name_en: optional_text("name_en", body.name_en.as_deref(), 200)?,
        active: body.active,
        updated_at: now_us(),
    };
    let txn = state.store.begin().await?;
    let created = reference::put_admin_unit(&txn, model.clone()).await?;
    let view = AdminUnitView {
        kato: model.kato.clone(),
        level: model.level,
        parent_kato: model.parent_kato,
        name_kk: model.name_kk,
        name_ru: model.name_ru,
        name_en: model.name_en,
        active: model.active,
    };
    journal(&txn, &me, "admin_unit", &model.kato, created).await?;
    txn.commit().await?;
    Ok(answer(created, view))
}
