//! Finding acts: the list screen's filters, over the caller's subtree (R-ORG-1).

use crate::app::{Actor, App, AppError};
use fito_core::{ActStatus, Action};
use fito_store::acts::{self, Act, ActFilter};
use fito_store::fieldwork::Page;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ActQuery {
    /// Only my acts (as inspector).
    #[serde(default)]
    pub mine: bool,
    /// draft, submitted, approved, returned, signed or registered
    pub status: Option<String>,
    pub act_type: Option<String>,
    pub survey_id: Option<Uuid>,
    pub object_id: Option<Uuid>,
    /// Registry year.
    pub year: Option<i32>,
    /// Only this organisation's subtree (within the caller's).
    pub organization_id: Option<Uuid>,
    /// Acts after this one (the last id of the previous page).
    pub after: Option<Uuid>,
    pub limit: Option<u64>,
}

/// One page of acts of the actor's subtree, oldest first.
pub async fn list(app: &App, actor: &Actor, q: &ActQuery) -> Result<Vec<Act>, AppError> {
    let limit = q.limit.unwrap_or(100).clamp(1, 500);
    search(app, actor, q, limit).await
}

/// At most `limit` acts of the actor's subtree that `q` asks for, oldest first.
pub async fn search(
    app: &App,
    actor: &Actor,
    q: &ActQuery,
    limit: u64,
) -> Result<Vec<Act>, AppError> {
    let org_path = actor
        .scope_path(app, Action::ActRead, q.organization_id)
        .await?;
    let status = match q.status.as_deref() {
        // No act has a status that does not exist.
        Some(s) => match ActStatus::parse(s) {
            Some(status) => Some(status),
            None => return Ok(Vec::new()),
        },
        None => None,
    };
    let after_rid = match q.after {
        Some(id) => acts::act(app.store.reader(), id).await?.map(|a| a.rid),
        None => None,
    };
    let page = Page {
        org_path,
        after_rid,
        limit,
    };
    let filter = ActFilter {
        status,
        act_type: q.act_type.clone(),
        inspector: q.mine.then_some(actor.id()),
        survey: q.survey_id,
        object: q.object_id,
        year: q.year,
    };
    Ok(acts::acts(app.store.reader(), &page, &filter).await?)
}
