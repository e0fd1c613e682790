//! An object as described by its sender, checked against the reference lists
//! and fito-geo (R-OBJ-1, R-OBJ-2, R-GEO-1): the one way from input to a row.

use super::geometry::bbox_of;
use super::input::ObjectInput;
use crate::app::{Actor, App, AppError, SameRecord};
use fito_core::{Action, NewObject};
use fito_geo::formats::geojson::{geometry_from_json, geometry_to_json};
use fito_geo::{Geometry, Repair, ValidationOptions};
use fito_store::objects::{self, Object};
use fito_store::reference;
use serde_json::Value;
use uuid::Uuid;

/// A geometry checked for an object type.
pub struct Shape {
    /// The type, as the reference list spells it.
    pub type_code: String,
    pub geometry: Geometry,
    /// The geometry as stored (GeoJSON written by fito-geo).
    pub json: String,
    pub repairs: Vec<Repair>,
}

impl Shape {
    /// Sets the object's type, geometry, area and box to this shape's.
    pub fn apply_to(&self, o: &mut Object) {
        let b = bbox_of(&self.geometry);
        o.type_code = self.type_code.clone();
        o.geometry = self.json.clone();
        o.area_ha = self.geometry.area().value();
        (o.min_lon, o.min_lat, o.max_lon, o.max_lat) = (b.min_lon, b.min_lat, b.max_lon, b.max_lat);
    }
}

/// Checks `geometry` (RFC 7946) for an active object type: the geometry itself
/// (repairing only what `close` allows) and that the type takes its kind.
pub async fn shape(
    app: &App,
    type_code: &str,
    geometry: Value,
    close: bool,
) -> Result<Shape, AppError> {
    let types = reference::object_types(app.store.reader()).await?;
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
    Ok(Shape {
        type_code: kind.code.clone(),
        json: geometry_to_json(&validated.geometry).to_string(),
        geometry: validated.geometry,
        repairs: validated.repairs,
    })
}

/// Checks that the KATO unit and the crop, where given, are active entries of
/// their lists.
pub async fn check_unit_and_crop(
    app: &App,
    kato: Option<&str>,
    crop: Option<&str>,
) -> Result<(), AppError> {
    if let Some(k) = kato {
        let found = reference::admin_unit(app.store.reader(), k).await?;
        if !found.is_some_and(|u| u.active) {
            return Err(AppError::unprocessable("object-kato-unknown"));
        }
    }
    if let Some(c) = crop {
        let crops = reference::crops(app.store.reader()).await?;
        if !crops.iter().any(|x| x.code == c && x.active) {
            return Err(AppError::unprocessable("object-crop-unknown"));
        }
    }
    Ok(())
}

/// A whole object as sent (`POST /objects`, a synced `object` record), checked
/// and not yet written.
pub struct Described {
    pub id: Uuid,
    pub organization_id: Uuid,
    pub object: NewObject,
    pub shape: Shape,
}

/// Checks what `input` describes for `action`: the organisation (the actor's by
/// default, else one in their subtree), the description, the reference codes and
/// the geometry.
pub async fn describe(
    app: &App,
    actor: &Actor,
    input: ObjectInput,
    action: Action,
) -> Result<Described, AppError> {
    actor.require(action)?;
    let organization_id = input
        .organization_id
        .or(actor.user.organization_id)
        .ok_or_else(AppError::forbidden)?;
    let path = app.org_path(organization_id).await?;
    if path.is_none() || !actor.sees(path.as_deref()) {
        return Err(AppError::unprocessable("organization-not-found"));
    }
    let owner = input.owner.as_ref().map(|o| o.parse()).transpose()?;
    let object = NewObject::parse(
        &input.type_code,
        &input.name,
        owner,
        input.kato.as_deref(),
        input.crop.as_deref(),
        input.notes.as_deref(),
    )?;
    check_unit_and_crop(app, object.kato.as_deref(), object.crop.as_deref()).await?;
    let shape = shape(
        app,
        &object.type_code,
        input.geometry,
        input.close_open_rings,
    )
    .await?;
    Ok(Described {
        id: input.id.unwrap_or_else(fito_core::new_id),
        organization_id,
        object,
        shape,
    })
}

/// The owner columns of a row.
pub type OwnerColumns = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

pub fn owner_columns(owner: Option<&fito_core::Owner>) -> OwnerColumns {
    match owner {
        Some(o) => (
            Some(o.kind().as_str().to_string()),
            Some(o.name().to_string()),
            o.bin().map(|b| b.to_string()),
            o.iin().map(|i| i.to_string()),
        ),
        None => (None, None, None, None),
    }
}

impl Described {
    /// The new row (version 1, active); times and authors are set when written.
    pub fn row(&self) -> Object {
        let mut o = objects::draft(
            self.id,
            self.organization_id,
            &self.shape.type_code,
            self.object.name.clone(),
            self.shape.json.clone(),
            self.shape.geometry.area().value(),
            bbox_of(&self.shape.geometry),
        );
        (o.owner_kind, o.owner_name, o.owner_bin, o.owner_iin) =
            owner_columns(self.object.owner.as_ref());
        (o.kato, o.crop_code) = (self.object.kato.clone(), self.object.crop.clone());
        o.notes = self.object.notes.clone();
        o
    }
}

/// A stored object says the same as one sent again when everything a person
/// entered matches (not versions or times).
impl SameRecord<Described> for Object {
    fn same_record(&self, sent: &Described) -> bool {
        let (owner_kind, owner_name, owner_bin, owner_iin) =
            owner_columns(sent.object.owner.as_ref());
        self.organization_id == sent.organization_id
            && self.type_code == sent.shape.type_code
            && self.name == sent.object.name
            && self.owner_kind == owner_kind
            && self.owner_name == owner_name
            && self.owner_bin == owner_bin
            && self.owner_iin == owner_iin
            && self.kato == sent.object.kato
            && self.crop_code == sent.object.crop
            && self.notes == sent.object.notes
            && self.geometry == sent.shape.json
    }
}
