//! The workflow steps of an act (R-ACT-2) and its history, over `app::acts::workflow`.
//! Signing has its own endpoint: it carries a signature (`signing`).

use super::{ActView, view};
use crate::app::AppError;
use crate::app::acts::workflow::{self, StepInput};
use crate::http::extract::ApiJson;
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use chrono::{DateTime, Utc};
use fito_core::ActStep;
use fito_store::time::to_datetime;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

macro_rules! step_endpoint {
    ($name:ident, $path:literal, $action:literal, $step:expr, $doc:literal) => {
        #[doc = $doc]
        #[utoipa::path(post, path = $path, tag = "acts", params(("id" = Uuid, Path)), request_body = StepInput,
            responses((status = 200, body = ActView), (status = 409, description = "act-step-not-allowed, act-version-conflict")),
            security(("bearer" = [])), extensions(("x-fito-action" = json!($action))))]
        pub async fn $name(
            State(state): State<AppState>,
            me: CurrentUser,
            Path(id): Path<Uuid>,
            ApiJson(body): ApiJson<StepInput>,
        ) -> Result<Json<ActView>, AppError> {
            let saved = workflow::take_step(&state, &me, id, $step, body).await?;
            Ok(Json(view(&saved, &me)?))
        }
    };
}

step_endpoint!(
    submit,
    "/api/v1/acts/{id}/submit",
    "act.submit",
    ActStep::Submit,
    "Hand a draft (or a returned act) to the Head (its inspector)."
);
step_endpoint!(
    approve,
    "/api/v1/acts/{id}/approve",
    "act.review",
    ActStep::Approve,
    "Approve a submitted act (a Head); it gets its registry number."
);
step_endpoint!(
    return_act,
    "/api/v1/acts/{id}/return",
    "act.review",
    ActStep::Return,
    "Return a submitted act to its inspector with comments (a Head)."
);
step_endpoint!(
    register,
    "/api/v1/acts/{id}/register",
    "act.register",
    ActStep::Register,
    "Register a signed act (an operator)."
);

#[derive(Serialize, ToSchema)]
pub struct EventView {
    /// create, submit, approve, return, sign or register
    pub step: String,
    pub from_status: Option<String>,
    pub to_status: String,
    pub actor_id: Uuid,
    pub comment: Option<String>,
    pub at: DateTime<Utc>,
}

/// Every step the act went through, oldest first (R-ACT-2).
#[utoipa::path(get, path = "/api/v1/acts/{id}/history", tag = "acts", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<EventView>)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("act.read"))))]
pub async fn history(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<Vec<EventView>>, AppError> {
    let events = workflow::history(&state, &me, id).await?;
    Ok(Json(
        events
            .into_iter()
            .map(|e| EventView {
                step: e.step,
                from_status: e.from_status,
                to_status: e.to_status,
                actor_id: e.actor_id,
                comment: e.comment,
                at: to_datetime(e.at),
            })
            .collect(),
    ))
}
