//! `/api/v1/reports`: the Head's dashboard and reports (issue 13, R-ROLE-1), over
//! `app::analytics`.

use super::views::{Disposition, file_response};
use crate::app::AppError;
use crate::app::analytics::regions::RegionSummary;
use crate::app::analytics::{self, Report, ReportQuery};
use crate::http::extract::ApiQuery;
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

/// Surveyed and infested hectares, foci, the trend, quarantine findings, acts,
/// overdue prescriptions, tasks and inspectors' workload of the caller's subtree.
#[utoipa::path(get, path = "/api/v1/reports/dashboard", tag = "reports", params(ReportQuery),
    responses((status = 200, body = Report), (status = 400, description = "report-period-invalid")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("report.read"))))]
pub async fn dashboard(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<ReportQuery>,
) -> Result<Json<Report>, AppError> {
    Ok(Json(analytics::dashboard(&state, &me, q).await?))
}

/// The same report as an Excel workbook: one sheet per breakdown.
#[utoipa::path(get, path = "/api/v1/reports/xlsx", tag = "reports", params(ReportQuery),
    responses((status = 200, description = "XLSX workbook")), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("report.read"))))]
pub async fn xlsx(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<ReportQuery>,
) -> Result<Response, AppError> {
    let sheet = analytics::xlsx::xlsx(&state, &me, q).await?;
    Ok(file_response(
        sheet.bytes.into_response(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "report.xlsx",
        Disposition::Attachment,
    ))
}

/// The same report as PDF, with the organisation header, the period and the filters.
#[utoipa::path(get, path = "/api/v1/reports/pdf", tag = "reports", params(ReportQuery),
    responses((status = 200, description = "application/pdf")), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("report.read"))))]
pub async fn pdf(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<ReportQuery>,
) -> Result<Response, AppError> {
    let bytes = analytics::pdf::pdf(&state, &me, q).await?;
    Ok(file_response(
        bytes.into_response(),
        "application/pdf",
        "report.pdf",
        Disposition::Attachment,
    ))
}

/// The findings by region (or a region's districts, asked with `kato`) as GeoJSON for
/// the map: loaded boundaries, else a point at the centre of each unit's findings.
#[utoipa::path(get, path = "/api/v1/reports/regions", tag = "reports", params(ReportQuery),
    responses((status = 200, body = RegionSummary), (status = 400, description = "report-period-invalid")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("report.read"))))]
pub async fn regions(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<ReportQuery>,
) -> Result<Json<RegionSummary>, AppError> {
    Ok(Json(analytics::regions::regions(&state, &me, q).await?))
}
