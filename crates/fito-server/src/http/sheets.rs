//! Excel (XLSX) exports of survey findings and act lists, over `app::sheets`: the
//! handlers only shape the file answer.

use super::views::{Disposition, file_response};
use crate::app::AppError;
use crate::app::acts::search::ActQuery;
use crate::app::sheets::{self, FindingQuery, Sheet};
use crate::http::extract::ApiQuery;
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

fn xlsx_response(sheet: Sheet) -> Response {
    file_response(
        sheet.bytes.into_response(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &format!("{}.xlsx", sheet.name),
        Disposition::Attachment,
    )
}

/// Survey findings of the caller's subtree as an Excel workbook.
#[utoipa::path(get, path = "/api/v1/findings/export", tag = "field work", params(FindingQuery),
    responses((status = 200, description = "XLSX workbook")), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("survey.read"))))]
pub async fn findings(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<FindingQuery>,
) -> Result<Response, AppError> {
    Ok(xlsx_response(sheets::findings(&state, &me, q).await?))
}

/// Acts of the caller's subtree, with the list's filters, as an Excel workbook.
#[utoipa::path(get, path = "/api/v1/acts/export", tag = "acts", params(ActQuery),
    responses((status = 200, description = "XLSX workbook")), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("act.read"))))]
pub async fn acts(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<ActQuery>,
) -> Result<Response, AppError> {
    Ok(xlsx_response(sheets::acts(&state, &me, &q).await?))
}
