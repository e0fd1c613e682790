//! Documents attached to objects, surveys and acts (R-DOC-1): the rows. The bytes
//! live in the blob store (fito-files), addressed by their SHA-256.

use crate::conn::Conn;
use crate::entity::document;
use crate::{Result, StoreError};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
};
use uuid::Uuid;

pub use document::Model as Document;

pub async fn insert<C: Conn>(conn: &C, d: Document) -> Result<Document> {
    let mut model = d.into_active_model();
    model.rid = sea_orm::ActiveValue::NotSet;
    model
        .insert(conn)
        .await
        .map_err(|e| StoreError::from_write(e, &["id"]))
}

pub async fn get<C: Conn>(conn: &C, id: Uuid) -> Result<Option<Document>> {
    Ok(document::Entity::find()
        .filter(document::Column::Id.eq(id))
        .one(conn)
        .await?)
}

/// The documents of one object, survey or act, oldest first.
pub async fn of<C: Conn>(conn: &C, owner_kind: &str, owner_id: Uuid) -> Result<Vec<Document>> {
    Ok(document::Entity::find()
        .filter(document::Column::OwnerKind.eq(owner_kind))
        .filter(document::Column::OwnerId.eq(owner_id))
        .order_by_asc(document::Column::Rid)
        .all(conn)
        .await?)
}
