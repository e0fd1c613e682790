//! Organisations: a tree (ministry → committee → regional inspectorate → district
//! office) kept with a materialised path, so "is it in my subtree" is a prefix test.

use crate::conn::Conn;
use crate::entity::organization::{self, Column, Entity, Model};
use crate::{Result, StoreError};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};
use uuid::Uuid;

/// An organisation of the tree, as stored.
pub use crate::entity::organization::Model as Organization;

#[derive(Debug, Clone)]
pub struct NewOrganization {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: Option<String>,
    pub bin: Option<String>,
    pub address: Option<String>,
    pub code: Option<String>,
}

pub async fn insert<C: Conn>(conn: &C, new: NewOrganization, now: i64) -> Result<Model> {
    let path = match new.parent_id {
        Some(parent) => {
            let parent = get(conn, parent).await?.ok_or(StoreError::NotFound)?;
            format!("{}{}/", parent.path, new.id)
        }
        None => format!("/{}/", new.id),
    };
    let model = organization::ActiveModel {
        id: Set(new.id),
        parent_id: Set(new.parent_id),
        path: Set(path),
        name_kk: Set(new.name_kk),
        name_ru: Set(new.name_ru),
        name_en: Set(new.name_en),
        bin: Set(new.bin),
        address: Set(new.address),
        code: Set(new.code),
        created_at: Set(now),
        updated_at: Set(now),
    };
    model
        .insert(conn)
        .await
        .map_err(|e| StoreError::from_write(e, &["path", "id", "code"]))
}

pub async fn get<C: Conn>(conn: &C, id: Uuid) -> Result<Option<Model>> {
    Ok(Entity::find_by_id(id).one(conn).await?)
}

/// The root organisation(s): those without a parent, oldest first.
pub async fn roots<C: Conn>(conn: &C) -> Result<Vec<Model>> {
    Ok(Entity::find()
        .filter(Column::ParentId.is_null())
        .order_by_asc(Column::CreatedAt)
        .all(conn)
        .await?)
}

/// Every organisation whose path starts with `path`, the one at `path` included.
pub async fn list_subtree<C: Conn>(conn: &C, path: &str) -> Result<Vec<Model>> {
    Ok(Entity::find()
        .filter(Column::Path.starts_with(path))
        .order_by_asc(Column::Path)
        .all(conn)
        .await?)
}

#[derive(Debug, Clone, Default)]
pub struct OrganizationChanges {
    pub name_kk: Option<String>,
    pub name_ru: Option<String>,
    pub name_en: Option<Option<String>>,
    pub bin: Option<Option<String>>,
    pub address: Option<Option<String>>,
    pub code: Option<Option<String>>,
}

pub async fn update<C: Conn>(
    conn: &C,
    current: Model,
    changes: OrganizationChanges,
    now: i64,
) -> Result<Model> {
    let mut model: organization::ActiveModel = current.into();
    if let Some(v) = changes.name_kk {
        model.name_kk = Set(v);
    }
    if let Some(v) = changes.name_ru {
        model.name_ru = Set(v);
    }
    if let Some(v) = changes.name_en {
        model.name_en = Set(v);
    }
    if let Some(v) = changes.bin {
        model.bin = Set(v);
    }
    if let Some(v) = changes.address {
        model.address = Set(v);
    }
    if let Some(v) = changes.code {
        model.code = Set(v);
    }
    model.updated_at = Set(now);
    model
        .update(conn)
        .await
        .map_err(|e| StoreError::from_write(e, &["code"]))
}

/// The organisation's code for registry numbers (issue 15): its own, or, at its
/// first numbered act, the first free two-digit-or-longer number, kept from then on.
pub async fn registry_code<C: Conn>(conn: &C, id: Uuid) -> Result<String> {
    let org = get(conn, id).await?.ok_or(StoreError::NotFound)?;
    if let Some(code) = org.code {
        return Ok(code);
    }
    let coded = Entity::find()
        .filter(Column::Code.is_not_null())
        .count(conn)
        .await?;
    let mut n = coded + 1;
    let code = loop {
        let candidate = format!("{n:02}");
        let taken = Entity::find()
            .filter(Column::Code.eq(candidate.as_str()))
            .count(conn)
            .await?;
        if taken == 0 {
            break candidate;
        }
        n += 1;
    };
    Entity::update_many()
        .col_expr(Column::Code, sea_orm::sea_query::Expr::value(code.as_str()))
        .filter(Column::Id.eq(id))
        .filter(Column::Code.is_null())
        .exec(conn)
        .await
        .map_err(|e| StoreError::from_write(e, &["code"]))?;
    Ok(code)
}

/// The ids of every organisation in the subtree at `path`, as a sub-query: records
/// of those organisations are what a user at `path` may see (R-ORG-1).
pub(crate) fn subtree_ids(path: &str) -> sea_orm::sea_query::SelectStatement {
    sea_orm::sea_query::Query::select()
        .column(Column::Id)
        .from(Entity)
        .and_where(Column::Path.starts_with(path))
        .to_owned()
}
