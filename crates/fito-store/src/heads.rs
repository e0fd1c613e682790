//! Who hears of a record's news (R-NOTIF-1): the Heads who see it (R-ORG-1).

use crate::Result;
use crate::entity::{organization, user};
use crate::users::STATUS_ACTIVE;
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

/// The active Heads of the organisation at `org_path` and of every organisation
/// above it. One query over the path's ancestors; no personal field is read, so
/// nothing is decrypted.
pub async fn over<C: ConnectionTrait>(conn: &C, org_path: &str) -> Result<Vec<Uuid>> {
    // "/a/b/c/" → "/a/", "/a/b/", "/a/b/c/".
    let ancestors: Vec<String> = org_path
        .match_indices('/')
        .skip(1)
        .map(|(end, _)| org_path[..=end].to_string())
        .collect();
    if ancestors.is_empty() {
        return Ok(Vec::new());
    }
    let organizations = Query::select()
        .column(organization::Column::Id)
        .from(organization::Entity)
        .and_where(organization::Column::Path.is_in(ancestors))
        .to_owned();
    Ok(user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .filter(user::Column::Role.eq("head"))
        .filter(user::Column::Status.eq(STATUS_ACTIVE))
        .filter(user::Column::OrganizationId.in_subquery(organizations))
        .order_by_asc(user::Column::Id)
        .into_tuple::<Uuid>()
        .all(conn)
        .await?)
}
