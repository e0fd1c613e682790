//! The HTTP API: routes, the OpenAPI document built from the same handlers, and the
//! layers every request passes (problem rendering, security headers, limits).

pub mod acts;
pub mod audit;
pub mod auth;
pub mod boundaries;
pub mod documents;
pub mod esign;
pub mod extract;
pub mod health;
pub mod metrics;
pub mod notify;
pub mod objects;
pub mod ogc;
pub mod orgs;
pub mod privacy;
pub mod problem;
pub mod rate_limit;
pub mod reference;
pub mod reference_import;
pub mod reports;
pub mod samples;
pub mod security;
pub mod serve;
pub mod session;
pub mod sheets;
pub mod spatial;
pub mod state;
pub mod surveys;
pub mod sync;
pub mod tasks;
pub mod tiles;
pub mod tls;
pub mod transfer;
pub mod users;
pub mod views;
pub mod web_assets;
pub mod zones;

use crate::app::{AppError, Kind};
use crate::http::state::AppState;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::middleware::{self};
use axum::response::IntoResponse;
use std::sync::Arc;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use utoipa::OpenApi;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(info(
    title = "Fito centre API",
    description = "Phytosanitary monitoring: register, surveys, acts. \
    Errors are RFC 9457 problem+json with a stable `code`; messages follow Accept-Language (kk, ru, en)."
))]
struct ApiDoc;

/// Every route of the server and the OpenAPI document describing them.
pub fn routes() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, mut api) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(auth::login))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::me, auth::update_me))
        .routes(routes!(auth::list_sessions))
        .routes(routes!(auth::revoke_session))
        .routes(routes!(auth::change_password))
        .routes(routes!(auth::register))
        .routes(routes!(esign::challenge))
        .routes(routes!(esign::login))
        .routes(routes!(orgs::list, orgs::create))
        .routes(routes!(orgs::get, orgs::update))
        .routes(routes!(users::list, users::create))
        .routes(routes!(users::get, users::update))
        .routes(routes!(users::activate))
        .routes(routes!(users::deactivate))
        .routes(routes!(users::set_role))
        .routes(routes!(users::reset_password))
        .routes(routes!(spatial::list, objects::create))
        .routes(routes!(spatial::at))
        .routes(routes!(transfer::import))
        .routes(routes!(transfer::import_preview))
        .routes(routes!(transfer::export))
        .routes(routes!(spatial::nearest))
        .routes(routes!(objects::get, objects::update))
        .routes(routes!(objects::history))
        .routes(routes!(objects::archive))
        .routes(routes!(objects::restore))
        .routes(routes!(spatial::buffer))
        .routes(routes!(tiles::tile))
        .routes(routes!(tiles::tilejson))
        .routes(routes!(ogc::landing))
        .routes(routes!(ogc::conformance))
        .routes(routes!(ogc::collections))
        .routes(routes!(ogc::collection))
        .routes(routes!(ogc::items))
        .routes(routes!(ogc::item))
        .routes(routes!(reference::organisms))
        .routes(routes!(reference::put_organism))
        .routes(routes!(reference::crops))
        .routes(routes!(reference::put_crop))
        .routes(routes!(reference::object_types))
        .routes(routes!(reference::put_object_type))
        .routes(routes!(reference::admin_units))
        .routes(routes!(reference::put_admin_unit))
        .routes(routes!(reference_import::preview))
        .routes(routes!(reference_import::apply))
        .routes(routes!(boundaries::import, boundaries::state))
        .routes(routes!(tasks::list, tasks::create))
        .routes(routes!(tasks::check))
        .routes(routes!(tasks::get))
        .routes(routes!(tasks::cancel))
        .routes(routes!(tasks::done))
        .routes(routes!(surveys::list, surveys::create))
        .routes(routes!(surveys::get, surveys::replace))
        .routes(routes!(sheets::findings))
        .routes(routes!(acts::drafts::create))
        .routes(routes!(acts::reading::list))
        .routes(routes!(sheets::acts))
        .routes(routes!(reports::dashboard))
        .routes(routes!(reports::xlsx))
        .routes(routes!(reports::pdf))
        .routes(routes!(reports::regions))
        .routes(routes!(acts::reading::get, acts::drafts::update))
        .routes(routes!(acts::workflow::history))
        .routes(routes!(acts::reading::pdf))
        .routes(routes!(acts::workflow::submit))
        .routes(routes!(acts::workflow::approve))
        .routes(routes!(acts::workflow::return_act))
        .routes(routes!(acts::signing::sign))
        .routes(routes!(acts::signing::signature))
        .routes(routes!(acts::signing::signature_file))
        .routes(routes!(acts::workflow::register))
        .routes(routes!(documents::upload_object, documents::list_object))
        .routes(routes!(documents::upload_survey, documents::list_survey))
        .routes(routes!(documents::upload_act, documents::list_act))
        .routes(routes!(documents::upload_zone, documents::list_zone))
        .routes(routes!(zones::list, zones::propose))
        .routes(routes!(zones::export))
        .routes(routes!(zones::get))
        .routes(routes!(zones::history))
        .routes(routes!(zones::objects))
        .routes(routes!(zones::of_object))
        .routes(routes!(zones::of_survey))
        .routes(routes!(zones::lifting_basis))
        .routes(routes!(zones::attach_decision))
        .routes(routes!(zones::establish))
        .routes(routes!(zones::lift))
        .routes(routes!(zones::withdraw))
        .routes(routes!(zones::document))
        .routes(routes!(documents::upload_sample, documents::list_sample))
        .routes(routes!(samples::list, samples::take))
        .routes(routes!(samples::get))
        .routes(routes!(samples::label))
        .routes(routes!(samples::refer))
        .routes(routes!(samples::receive))
        .routes(routes!(samples::result))
        .routes(routes!(samples::finding_results))
        .routes(routes!(documents::download))
        .routes(routes!(notify::notifications::list))
        .routes(routes!(notify::notifications::mark_read))
        .routes(routes!(notify::live::stream))
        .routes(routes!(notify::push::vapid_public_key))
        .routes(routes!(notify::push::subscribe, notify::push::unsubscribe))
        .routes(routes!(notify::push::subscribe_fcm))
        .routes(routes!(audit::search))
        .routes(routes!(audit::export))
        .routes(routes!(audit::verify))
        .routes(routes!(health::healthz))
        .routes(routes!(health::readyz))
        .routes(routes!(security::map_config))
        .routes(routes!(privacy::current))
        .routes(routes!(privacy::publish))
        .routes(routes!(privacy::accept))
        .routes(routes!(privacy::accept_signed))
        .routes(routes!(privacy::data))
        .routes(routes!(privacy::export))
        .routes(routes!(privacy::file_withdrawal, privacy::list_withdrawals))
        .routes(routes!(privacy::resolve_withdrawal))
        .routes(routes!(
            privacy::file_rectification,
            privacy::list_rectifications
        ))
        .routes(routes!(privacy::resolve_rectification))
        .routes(routes!(privacy::delete_user))
        .routes(routes!(sync::pull))
        .merge(
            // A push carries a batch of survey points: a larger body than elsewhere.
            OpenApiRouter::new()
                .routes(routes!(sync::push))
                .routes(routes!(sync::outbox_import))
                .layer(DefaultBodyLimit::max(sync::MAX_PUSH_BYTES)),
        )
        .split_for_parts();
    let components = api.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "bearer",
        SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
    );
    name_operations(&mut api);
    (router, api)
}

/// Operation ids would come from the handlers' names, which repeat across modules
/// (`list`, `get`, `login`, …); clients key operations by id, so each is named by
/// its method and path instead (`get_acts_id`), unique as the route is.
fn name_operations(api: &mut utoipa::openapi::OpenApi) {
    for (path, item) in api.paths.paths.iter_mut() {
        let words: Vec<&str> = path
            .trim_start_matches("/api/v1/")
            .trim_start_matches("/api/")
            .split(['/', '-', '.'])
            .map(|w| w.trim_matches(['{', '}']))
            .filter(|w| !w.is_empty())
            .collect();
        let operations = [
            ("get", &mut item.get),
            ("post", &mut item.post),
            ("put", &mut item.put),
            ("patch", &mut item.patch),
            ("delete", &mut item.delete),
        ];
        for (method, op) in operations {
            let Some(op) = op else { continue };
            op.operation_id = Some(format!("{method}_{}", words.join("_")));
        }
    }
}

/// The whole application with its layers.
pub fn app(state: AppState) -> Router {
    let (router, api) = routes();
    let api = Arc::new(api);
    let timeout = Duration::from_secs(state.config.request_timeout_secs);
    router
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            crate::http::metrics::track,
        ))
        .route(
            "/api/openapi.json",
            axum::routing::get(move || health::openapi(api.clone())),
        )
        .route(
            "/metrics",
            axum::routing::get(crate::http::metrics::endpoint),
        )
        // The web app at `/`; the API's problem+json 404 under `/api/`.
        .fallback(crate::http::web_assets::fallback)
        .method_not_allowed_fallback(|| async {
            AppError::new(Kind::MethodNotAllowed, "method-not-allowed")
        })
        .layer(DefaultBodyLimit::max(state.config.max_body_bytes))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::http::rate_limit::limit,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            problem::render_problems,
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .layer(CatchPanicLayer::custom(|_| {
            AppError::internal().into_response()
        }))
        .layer(middleware::from_fn_with_state(
            security::Policy::new(state.config.clone()),
            security::headers,
        ))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(middleware::from_fn_with_state(
            state.config.clone(),
            security::access_log,
        ))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}
