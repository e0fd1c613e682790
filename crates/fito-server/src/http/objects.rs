//! The register of phytosanitary objects (R-OBJ-1) and its spatial questions
//! (R-GEO-1). Objects travel as GeoJSON Features (RFC 7946); the geometry is checked
//! by fito-geo, which also answers containment, distance and buffers, so both
//! database engines give the same answers.

use super::views::{optional_text, required_text};
use crate::app::Actor;
use crate::app::AppError;
use crate::app::EntryExt;
use crate::http::extract::ApiJson;
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use crate::i18n::Lang;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use fito_core::{Action, Bin, Iin};
use fito_geo::formats::geojson::{geometry_from_json, geometry_to_json};
use fito_geo::{GeoError, Geometry, ValidationOptions};
use fito_store::objects::{self, BoxDeg, Object, STATUS_ACTIVE, STATUS_ARCHIVED};
use fito_store::reference;
use fito_store::time::{now_us, to_datetime};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;
use uuid::Uuid;

/// Geometry refusals keep fito-geo's code and location.
impl From<GeoError> for AppError {
    fn from(e: GeoError) -> Self {
        AppError {
            kind: crate::app::Kind::Unprocessable,
            code: e.code(),
            args: e.fluent_args(),
        }
    }
}

pub(crate) use crate::app::objects::stored_geometry;

/// The object as a GeoJSON Feature; its personal data (a person owner) only when
/// the caller is allowed to read objects of its organisation, which they are here.
pub(crate) fn feature(o: &Object, extra: Option<(&str, Value)>) -> Value {
    let mut value = serde_json::to_value(FeatureOut::new(o)).unwrap_or(Value::Null);
    if let Some((key, extra)) = extra {
        value["properties"][key] = extra;
    }
    value
}

/// An object as a GeoJSON Feature, serialised straight from the row: the stored
/// geometry text goes out as it is (it was written by fito-geo), which keeps large
/// bbox answers cheap.
#[derive(Serialize)]
pub(crate) struct FeatureOut<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: Uuid,
    geometry: Box<serde_json::value::RawValue>,
    properties: PropertiesOut<'a>,
}

#[derive(Serialize)]
struct PropertiesOut<'a> {
    organization_id: Uuid,
    #[serde(rename = "type")]
    type_code: &'a str,
    name: &'a str,
    owner: Option<OwnerOut<'a>>,
    kato: Option<&'a str>,
    crop: Option<&'a str>,
    status: &'a str,
    area_ha: f64,
    notes: Option<&'a str>,
    version: i64,
    created_at: chrono::DateTime<chrono::Utc>,
    updated_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Serialize)]
struct OwnerOut<'a> {
    kind: &'a str,
    name: Option<&'a str>,
    bin: Option<&'a str>,
    iin: Option<&'a str>,
}

impl<'a> FeatureOut<'a> {
    pub(crate) fn new(o: &'a Object) -> Self {
        let geometry =
            serde_json::value::RawValue::from_string(o.geometry.clone()).unwrap_or_else(|_| {
                serde_json::value::RawValue::from_string("null".into()).expect("null is JSON")
            });
        FeatureOut {
            kind: "Feature",
            id: o.id,
            geometry,
            properties: PropertiesOut {
                organization_id: o.organization_id,
                type_code: &o.type_code,
                name: &o.name,
                owner: o.owner_kind.as_deref().map(|kind| OwnerOut {
                    kind,
                    name: o.owner_name.as_deref(),
                    bin: o.owner_bin.as_deref(),
                    iin: o.owner_iin.as_deref(),
                }),
                kato: o.kato.as_deref(),
                crop: o.crop_code.as_deref(),
                status: &o.status,
                area_ha: (o.area_ha * 10_000.0).round() / 10_000.0,
                notes: o.notes.as_deref(),
                version: o.version,
                created_at: to_datetime(o.created_at),
                updated_at: to_datetime(o.updated_at),
            },
        }
    }
}

pub(crate) fn geojson_response(status: StatusCode, body: Value) -> Response {
    let mut response = (status, axum::Json(body)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/geo+json"),
    );
    response
}

pub(crate) fn collection(features: Vec<Value>, next: Option<String>) -> Value {
    let mut links = Vec::new();
    if let Some(next) = next {
        links.push(json!({ "rel": "next", "href": next, "type": "application/geo+json" }));
    }
    json!({ "type": "FeatureCollection", "numberReturned": features.len(), "features": features, "links": links })
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OwnerInput {
    /// legal_entity or person
    pub kind: String,
    pub name: String,
    pub bin: Option<String>,
    pub iin: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ObjectInput {
    /// A UUIDv7 the client made (offline registration); the server makes one if absent.
    pub id: Option<Uuid>,
    /// Defaults to the caller's organisation; must lie in their subtree.
    pub organization_id: Option<Uuid>,
    /// A code from /api/v1/reference/object-types.
    #[serde(rename = "type")]
    pub type_code: String,
    pub name: String,
    pub owner: Option<OwnerInput>,
    /// KATO code of the administrative unit.
    pub kato: Option<String>,
    /// A code from /api/v1/reference/crops.
    pub crop: Option<String>,
    pub notes: Option<String>,
    /// RFC 7946 geometry: Point, Polygon or MultiPolygon, longitude first.
    #[schema(value_type = Object)]
    pub geometry: Value,
    /// Close a ring whose last position differs from its first (reported back).
    #[serde(default)]
    pub close_open_rings: bool,
}

/// The checked parts of an object's description.
/// A checked owner: a legal entity with a BIN or a person with an IIN, or none.
#[derive(Default)]
struct Owner {
    kind: Option<String>,
    name: Option<String>,
    bin: Option<String>,
    iin: Option<String>,
}

struct Checked {
    type_code: String,
    owner: Owner,
    kato: Option<String>,
    crop: Option<String>,
    geometry: Geometry,
    geometry_json: String,
    repairs: Vec<fito_geo::Repair>,
}

async fn check_type_and_geometry(
    state: &AppState,
    type_code: &str,
    geometry: Value,
    close: bool,
) -> Result<(String, Geometry, String, Vec<fito_geo::Repair>), AppError> {
    let types = reference::object_types(state.store.reader()).await?;
    let kind = types
        .iter()
        .find(|t| t.code == type_code && t.active)
        .ok_or_else(|| AppError::unprocessable("object-type-unknown"))?;
    let options = ValidationOptions {
        close_open_rings: close,
        kazakhstan_axes_check: true,
    };
    let validated = fito_geo::validate(geometry_from_json(geometry)?, &options)?;
    let is_point = validated.geometry.as_point().is_some();
    let fits = match kind.geometry.as_str() {
        "point" => is_point,
        "polygon" => !is_point,
        _ => true,
    };
    if !fits {
        return Err(AppError::unprocessable("object-type-geometry-mismatch")
            .with("geometry", &kind.geometry));
    }
    let json = geometry_to_json(&validated.geometry).to_string();
    Ok((
        kind.code.clone(),
        validated.geometry,
        json,
        validated.repairs,
    ))
}

fn check_owner(owner: Option<&OwnerInput>) -> Result<Owner, AppError> {
    let Some(o) = owner else {
        return Ok(Owner::default());
    };
    let name = Some(required_text("owner.name", &o.name, 300)?);
    let kind = Some(o.kind.clone());
    let missing = || AppError::unprocessable("object-owner-invalid");
    match o.kind.as_str() {
        "legal_entity" => {
            let bin = Bin::parse(o.bin.as_deref().ok_or_else(missing)?)?;
            Ok(Owner {
                kind,
                name,
                bin: Some(bin.to_string()),
                iin: None,
            })
        }
        "person" => {
            let iin = Iin::parse(o.iin.as_deref().ok_or_else(missing)?)?;
            Ok(Owner {
                kind,
                name,
                bin: None,
                iin: Some(iin.to_string()),
            })
        }
        _ => Err(missing()),
    }
}

async fn check_kato_and_crop(
    state: &AppState,
    kato: Option<&str>,
    crop: Option<&str>,
) -> Result<(Option<String>, Option<String>), AppError> {
    let kato = match kato.map(str::trim).filter(|k| !k.is_empty()) {
        Some(k) => {
            let found = reference::admin_unit(state.store.reader(), k)
                .await?
                .filter(|u| u.active);
            Some(
                found
                    .ok_or_else(|| AppError::unprocessable("object-kato-unknown"))?
                    .kato,
            )
        }
        None => None,
    };
    let crop = match crop.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => {
            let crops = reference::crops(state.store.reader()).await?;
            Some(
                crops
                    .into_iter()
                    .find(|x| x.code == c && x.active)
                    .ok_or_else(|| AppError::unprocessable("object-crop-unknown"))?
                    .code,
            )
        }
        None => None,
    };
    Ok((kato, crop))
}

async fn check_input(
    state: &AppState,
    input: ObjectInput,
) -> Result<(ObjectInput, Checked), AppError> {
    let owner = check_owner(input.owner.as_ref())?;
    let (kato, crop) =
        check_kato_and_crop(state, input.kato.as_deref(), input.crop.as_deref()).await?;
    let (type_code, geometry, geometry_json, repairs) = check_type_and_geometry(
        state,
        &input.type_code,
        input.geometry.clone(),
        input.close_open_rings,
    )
    .await?;
    Ok((
        input,
        Checked {
            type_code,
            owner,
            kato,
            crop,
            geometry,
            geometry_json,
            repairs,
        },
    ))
}

fn repairs_json(state: &AppState, lang: Lang, repairs: &[fito_geo::Repair]) -> Value {
    repairs
        .iter()
        .map(|r| json!({ "code": r.code(), "message": state.i18n.message(lang, r.code(), &r.fluent_args()) }))
        .collect()
}

pub(crate) fn bbox_of(g: &Geometry) -> BoxDeg {
    let b = g.bbox();
    BoxDeg {
        min_lon: b.min_lon(),
        min_lat: b.min_lat(),
        max_lon: b.max_lon(),
        max_lat: b.max_lat(),
    }
}

/// Writes a new object with its first version and journal line.
pub(crate) async fn create_object(
    state: &AppState,
    me: &Actor,
    mut o: Object,
) -> Result<Object, AppError> {
    let now = now_us();
    o.created_at = now;
    o.updated_at = now;
    o.created_by = Some(me.user.id);
    o.updated_by = Some(me.user.id);
    o.version = 1;
    let txn = state.store.begin().await?;
    let snapshot = feature(&o, None).to_string();
    let saved = objects::insert(&txn, o, snapshot)
        .await
        .map_err(|e| match e {
            fito_store::StoreError::Conflict(_) => AppError::conflict("object-id-taken"),
            other => other.into(),
        })?;
    let entry = me
        .entry("object.create", Some("object"), Some(saved.id.to_string()))
        .details(json!({ "type": saved.type_code }));
    fito_store::audit::append(&txn, vec![entry]).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Register an object.
#[utoipa::path(post, path = "/api/v1/objects", tag = "register", request_body = ObjectInput,
    responses((status = 201, description = "GeoJSON Feature; `repairs` lists fixes made to the geometry"),
        (status = 422, description = "geo-ring-self-intersects, object-type-unknown …")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("object.create"))))]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(body): ApiJson<ObjectInput>,
) -> Result<Response, AppError> {
    let (object, repairs) = new_object(&state, &me, body, Action::ObjectCreate).await?;
    let saved = create_object(&state, &me, object).await?;
    let body = feature(
        &saved,
        Some(("repairs", repairs_json(&state, me.meta.lang, &repairs))),
    );
    Ok(geojson_response(StatusCode::CREATED, body))
}

/// The checked, not yet written object that `POST /objects` (and a synced
/// `object` record) describes, with the repairs made to its geometry.
pub(crate) async fn new_object(
    state: &AppState,
    me: &Actor,
    body: ObjectInput,
    action: Action,
) -> Result<(Object, Vec<fito_geo::Repair>), AppError> {
    me.require(action)?;
    let organization_id = body
        .organization_id
        .or(me.user.organization_id)
        .ok_or_else(AppError::forbidden)?;
    let path = state.org_path(organization_id).await?;
    if path.is_none() || !me.sees(path.as_deref()) {
        return Err(AppError::unprocessable("organization-not-found"));
    }
    let (input, c) = check_input(state, body).await?;
    let b = bbox_of(&c.geometry);
    let name = required_text("name", &input.name, 300)?;
    let id = input.id.unwrap_or_else(fito_core::new_id);
    let mut object = objects::draft(
        id,
        organization_id,
        &c.type_code,
        name,
        c.geometry_json,
        c.geometry.area().value(),
        b,
    );
    (
        object.owner_kind,
        object.owner_name,
        object.owner_bin,
        object.owner_iin,
    ) = (c.owner.kind, c.owner.name, c.owner.bin, c.owner.iin);
    (object.kato, object.crop_code) = (c.kato, c.crop);
    object.notes = optional_text("notes", input.notes.as_deref(), 4000)?;
    Ok((object, c.repairs))
}

/// Whether two objects say the same (what a person entered; not versions or times).
pub(crate) fn same_description(a: &Object, b: &Object) -> bool {
    a.organization_id == b.organization_id
        && a.type_code == b.type_code
        && a.name == b.name
        && a.owner_kind == b.owner_kind
        && a.owner_name == b.owner_name
        && a.owner_bin == b.owner_bin
        && a.owner_iin == b.owner_iin
        && a.kato == b.kato
        && a.crop_code == b.crop_code
        && a.notes == b.notes
        && a.geometry == b.geometry
}

/// One object.
#[utoipa::path(get, path = "/api/v1/objects/{id}", tag = "register", params(("id" = Uuid, Path)),
    responses((status = 200, description = "GeoJSON Feature"), (status = 404, description = "object-not-found")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("object.read"))))]
pub async fn get(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let o = crate::app::objects::in_scope(&state, &me, id, Action::ObjectRead).await?;
    state
        .audit
        .record(me.entry("object.read", Some("object"), Some(id.to_string())))
        .await?;
    Ok(geojson_response(StatusCode::OK, feature(&o, None)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ObjectChange {
    /// The version the change was made on (from the object's properties).
    pub version: i64,
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub type_code: Option<String>,
    pub owner: Option<OwnerInput>,
    pub kato: Option<String>,
    pub crop: Option<String>,
    pub notes: Option<String>,
    #[schema(value_type = Option<Object>)]
    pub geometry: Option<Value>,
    #[serde(default)]
    pub close_open_rings: bool,
}

/// Change an object; every change is a new version (see history).
#[utoipa::path(patch, path = "/api/v1/objects/{id}", tag = "register", params(("id" = Uuid, Path)), request_body = ObjectChange,
    responses((status = 200, description = "GeoJSON Feature"), (status = 409, description = "object-version-conflict")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("object.update"))))]
pub async fn update(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<ObjectChange>,
) -> Result<Response, AppError> {
    let mut o = crate::app::objects::in_scope(&state, &me, id, Action::ObjectUpdate).await?;
    if o.status == STATUS_ARCHIVED {
        return Err(AppError::conflict("object-archived"));
    }
    let mut repairs = Vec::new();
    let mut fields = Vec::new();
    if body.type_code.is_some() || body.geometry.is_some() {
        let type_code = body
            .type_code
            .clone()
            .unwrap_or_else(|| o.type_code.clone());
        let geometry = match body.geometry.clone() {
            Some(g) => g,
            None => serde_json::from_str(&o.geometry).map_err(|_| AppError::internal())?,
        };
        let (code, g, json, fixed) =
            check_type_and_geometry(&state, &type_code, geometry, body.close_open_rings).await?;
        let b = bbox_of(&g);
        (o.type_code, o.geometry, o.area_ha, repairs) = (code, json, g.area().value(), fixed);
        (o.min_lon, o.min_lat, o.max_lon, o.max_lat) = (b.min_lon, b.min_lat, b.max_lon, b.max_lat);
        fields.extend(
            body.type_code
                .as_ref()
                .map(|_| "type")
                .into_iter()
                .chain(body.geometry.as_ref().map(|_| "geometry")),
        );
    }
    if let Some(name) = &body.name {
        o.name = required_text("name", name, 300)?;
        fields.push("name");
    }
    if body.owner.is_some() {
        let owner = check_owner(body.owner.as_ref())?;
        (o.owner_kind, o.owner_name, o.owner_bin, o.owner_iin) =
            (owner.kind, owner.name, owner.bin, owner.iin);
        fields.push("owner");
    }
    if body.kato.is_some() || body.crop.is_some() {
        let (kato, crop) =
            check_kato_and_crop(&state, body.kato.as_deref(), body.crop.as_deref()).await?;
        if body.kato.is_some() {
            o.kato = kato;
            fields.push("kato");
        }
        if body.crop.is_some() {
            o.crop_code = crop;
            fields.push("crop");
        }
    }
    if let Some(notes) = &body.notes {
        o.notes = optional_text("notes", Some(notes), 4000)?;
        fields.push("notes");
    }
    let saved = save_change(
        &state,
        &me,
        o,
        body.version,
        "update",
        json!({ "fields": fields }),
    )
    .await?;
    Ok(geojson_response(
        StatusCode::OK,
        feature(
            &saved,
            Some(("repairs", repairs_json(&state, me.meta.lang, &repairs))),
        ),
    ))
}

/// Writes the next version of an object with its journal line.
pub(crate) async fn save_change(
    state: &AppState,
    me: &Actor,
    mut o: Object,
    expected: i64,
    change: &str,
    details: Value,
) -> Result<Object, AppError> {
    o.updated_at = now_us();
    o.updated_by = Some(me.user.id);
    let mut snapshot_of = o.clone();
    snapshot_of.version = expected + 1;
    let txn = state.store.begin().await?;
    let saved = match objects::update(
        &txn,
        o,
        expected,
        change,
        feature(&snapshot_of, None).to_string(),
    )
    .await
    {
        Err(fito_store::StoreError::Conflict(_)) => {
            let current = objects::get(&txn, snapshot_of.id)
                .await?
                .map(|c| c.version)
                .unwrap_or_default();
            return Err(AppError::conflict("object-version-conflict").with("current", current));
        }
        other => other?,
    };
    let entry = me
        .entry(
            &format!("object.{change}"),
            Some("object"),
            Some(saved.id.to_string()),
        )
        .details(details);
    fito_store::audit::append(&txn, vec![entry]).await?;
    txn.commit().await?;
    Ok(saved)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionOnly {
    pub version: i64,
}

/// Archive an object: it leaves the map but keeps its history.
#[utoipa::path(post, path = "/api/v1/objects/{id}/archive", tag = "register", params(("id" = Uuid, Path)), request_body = VersionOnly,
    responses((status = 200, description = "GeoJSON Feature")), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("object.archive"))))]
pub async fn archive(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<VersionOnly>,
) -> Result<Response, AppError> {
    move_status(&state, &me, id, body.version, STATUS_ARCHIVED).await
}

/// Bring an archived object back.
#[utoipa::path(post, path = "/api/v1/objects/{id}/restore", tag = "register", params(("id" = Uuid, Path)), request_body = VersionOnly,
    responses((status = 200, description = "GeoJSON Feature")), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("object.archive"))))]
pub async fn restore(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<VersionOnly>,
) -> Result<Response, AppError> {
    move_status(&state, &me, id, body.version, STATUS_ACTIVE).await
}

/// Archives (`to` = archived) or restores (`to` = active) an object as a new version.
async fn move_status(
    state: &AppState,
    me: &Actor,
    id: Uuid,
    version: i64,
    to: &str,
) -> Result<Response, AppError> {
    let mut o = crate::app::objects::in_scope(state, me, id, Action::ObjectArchive).await?;
    let (change, already) = match to {
        STATUS_ARCHIVED => ("archive", "object-archived"),
        _ => ("restore", "object-not-archived"),
    };
    if o.status == to {
        return Err(AppError::conflict(already));
    }
    o.status = to.to_string();
    let saved = save_change(state, me, o, version, change, json!({})).await?;
    Ok(geojson_response(StatusCode::OK, feature(&saved, None)))
}

#[derive(Serialize, ToSchema)]
pub struct VersionView {
    pub version: i64,
    /// create, update, archive or restore
    pub change: String,
    pub changed_at: chrono::DateTime<chrono::Utc>,
    pub changed_by: Option<Uuid>,
    /// The object as it was after this change (GeoJSON Feature).
    #[schema(value_type = Object)]
    pub object: Value,
}

/// Every version of an object, oldest first.
#[utoipa::path(get, path = "/api/v1/objects/{id}/history", tag = "register", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<VersionView>)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("object.read"))))]
pub async fn history(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<axum::Json<Vec<VersionView>>, AppError> {
    crate::app::objects::in_scope(&state, &me, id, Action::ObjectRead).await?;
    let versions = objects::history(state.store.reader(), id).await?;
    state
        .audit
        .record(me.entry("object.history", Some("object"), Some(id.to_string())))
        .await?;
    Ok(axum::Json(
        versions
            .into_iter()
            .map(|v| VersionView {
                version: v.version,
                change: v.change,
                changed_at: to_datetime(v.changed_at),
                changed_by: v.changed_by,
                object: serde_json::from_str(&v.snapshot).unwrap_or(Value::Null),
            })
            .collect(),
    ))
}
