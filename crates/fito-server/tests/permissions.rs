//! R-ROLE-1 / R-ORG-1: the generated walk over every endpoint × every role × own and
//! other organisation. Endpoints come from the OpenAPI document (each names its
//! action as `x-fito-action`); the expected answer comes from the one permission
//! table in fito-core. An endpoint added without a case here fails the walk.

mod common;

use fito_store::both_engines;

use common::{Caller, TestApp, person};
use fito_core::{Action, Role, Scope, permission};
use fito_store::Engine;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// A request ready to send, and for list endpoints the id that must (own) or must
/// not (other) appear in the answer.
struct Prepared {
    path: String,
    body: Option<Value>,
    listed_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    Allowed,
    Forbidden,
    /// Outside the caller's subtree: the record does not exist for them.
    Hidden,
}

async fn active_user(app: &TestApp, admin: &Caller, org: &str) -> String {
    let mut body = person();
    body["role"] = json!("inspector");
    body["organization_id"] = json!(org);
    let a = app.post("/api/v1/users", &admin.token, body).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    a.body["user"]["id"].as_str().unwrap().to_string()
}

async fn pending_user(app: &TestApp, org: &str) -> String {
    let mut body = person();
    body["password"] = json!("pending person password");
    body["organization_id"] = json!(org);
    let a = app
        .call(Method::POST, "/api/v1/register", None, Some(body))
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    a.body["id"].as_str().unwrap().to_string()
}

/// A small square field around a spot no other fixture uses, made by `keeper`.
async fn field(app: &TestApp, keeper: &Caller, org: &str) -> (String, f64, f64) {
    use std::sync::atomic::{AtomicU32, Ordering};
    static SPOT: AtomicU32 = AtomicU32::new(0);
    let k = f64::from(SPOT.fetch_add(1, Ordering::Relaxed));
    let (lon, lat) = (52.0 + (k % 50.0) * 0.5, 43.0 + (k / 50.0).floor() * 0.5);
    let d = 0.01;
    let ring = json!([
        [lon - d, lat - d],
        [lon + d, lat - d],
        [lon + d, lat + d],
        [lon - d, lat + d],
        [lon - d, lat - d]
    ]);
    let a = app
        .post(
            "/api/v1/objects",
            &keeper.token,
            json!({ "organization_id": org, "type": "field", "name": "Тест алқабы", "geometry": { "type": "Polygon", "coordinates": [ring] } }),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    (a.body["id"].as_str().unwrap().to_string(), lon, lat)
}

/// Builds the request for one endpoint, with its target in `org`. `None` for an
/// endpoint this walk does not know: the walk then fails.
async fn prepare(
    app: &TestApp,
    admin: &Caller,
    keeper: &Caller,
    actor: &Caller,
    method: &str,
    path: &str,
    org: &str,
) -> Option<Prepared> {
    let p = |path: String, body: Option<Value>| {
        Some(Prepared {
            path,
            body,
            listed_id: None,
        })
    };
    match (method, path) {
        ("GET", "/api/v1/users") => {
            let id = active_user(app, admin, org).await;
            Some(Prepared {
                path: "/api/v1/users?limit=500".into(),
                body: None,
                listed_id: Some(id),
            })
        }
        ("POST", "/api/v1/users") => {
            let mut body = person();
            body["role"] = json!("operator");
            body["organization_id"] = json!(org);
            p(path.into(), Some(body))
        }
        ("GET", "/api/v1/users/{id}") => p(
            format!("/api/v1/users/{}", active_user(app, admin, org).await),
            None,
        ),
        ("PATCH", "/api/v1/users/{id}") => p(
            format!("/api/v1/users/{}", active_user(app, admin, org).await),
            Some(json!({ "position": "Агроном" })),
        ),
        ("POST", "/api/v1/users/{id}/activate") => p(
            format!("/api/v1/users/{}/activate", pending_user(app, org).await),
            Some(json!({ "role": "inspector" })),
        ),
        ("POST", "/api/v1/users/{id}/deactivate") => p(
            format!(
                "/api/v1/users/{}/deactivate",
                active_user(app, admin, org).await
            ),
            Some(json!({})),
        ),
        ("POST", "/api/v1/users/{id}/password-reset") => p(
            format!(
                "/api/v1/users/{}/password-reset",
                active_user(app, admin, org).await
            ),
            Some(json!({})),
        ),
        ("PUT", "/api/v1/users/{id}/role") => p(
            format!("/api/v1/users/{}/role", active_user(app, admin, org).await),
            Some(json!({ "role": "head" })),
        ),
        ("GET", "/api/v1/organizations") => Some(Prepared {
            path: path.into(),
            body: None,
            listed_id: Some(org.to_string()),
        }),
        ("POST", "/api/v1/organizations") => p(
            path.into(),
            Some(json!({ "parent_id": org, "name_kk": "Бөлім", "name_ru": "Отдел" })),
        ),
        ("GET", "/api/v1/organizations/{id}") => p(format!("/api/v1/organizations/{org}"), None),
        ("PATCH", "/api/v1/organizations/{id}") => p(
            format!("/api/v1/organizations/{org}"),
            Some(json!({ "name_en": "Office" })),
        ),
        ("GET", "/api/v1/audit" | "/api/v1/audit/export" | "/api/v1/audit/verify") => {
            p(path.into(), None)
        }
        ("GET", p_) if p_.starts_with("/api/v1/reference/") => p(path.into(), None),
        ("PUT", "/api/v1/reference/organisms/{code}") => p(
            "/api/v1/reference/organisms/ZZWALK".into(),
            Some(
                json!({ "kind": "pest", "category": "other", "name_la": "Walkeria testa", "name_kk": null, "name_ru": "Тест", "name_en": null, "active": true }),
            ),
        ),
        ("PUT", "/api/v1/reference/crops/{code}") => p(
            "/api/v1/reference/crops/walk_crop".into(),
            Some(
                json!({ "eppo_code": null, "name_la": null, "name_kk": "Дақыл", "name_ru": "Культура", "name_en": null, "active": true }),
            ),
        ),
        ("PUT", "/api/v1/reference/object-types/{code}") => p(
            "/api/v1/reference/object-types/walk_type".into(),
            Some(
                json!({ "geometry": "any", "name_kk": "Нысан", "name_ru": "Объект", "name_en": null, "active": true }),
            ),
        ),
        ("PUT", "/api/v1/reference/admin-units/{kato}") => p(
            "/api/v1/reference/admin-units/119999900".into(),
            Some(
                json!({ "level": "district", "parent_kato": "110000000", "name_kk": "Аудан", "name_ru": "Район", "name_en": null, "active": true }),
            ),
        ),
        ("GET", "/api/v1/objects") => {
            let (id, lon, lat) = field(app, keeper, org).await;
            let bbox = format!("{},{},{},{}", lon - 0.1, lat - 0.1, lon + 0.1, lat + 0.1);
            Some(Prepared {
                path: format!("/api/v1/objects?bbox={bbox}"),
                body: None,
                listed_id: Some(id),
            })
        }
        ("GET", "/api/v1/objects/at") => {
            let (id, lon, lat) = field(app, keeper, org).await;
            Some(Prepared {
                path: format!("/api/v1/objects/at?lon={lon}&lat={lat}"),
                body: None,
                listed_id: Some(id),
            })
        }
        ("GET", "/api/v1/objects/nearest") => {
            let (id, lon, lat) = field(app, keeper, org).await;
            Some(Prepared {
                path: format!("/api/v1/objects/nearest?lon={lon}&lat={lat}&n=1"),
                body: None,
                listed_id: Some(id),
            })
        }
        ("POST", "/api/v1/objects") => p(
            path.into(),
            Some(
                json!({ "organization_id": org, "type": "outbreak_focus", "name": "Ошақ", "geometry": { "type": "Point", "coordinates": [71.4, 51.1] } }),
            ),
        ),
        ("POST", "/api/v1/objects/import") => p(
            format!("/api/v1/objects/import?organization_id={org}&type=outbreak_focus"),
            Some(
                json!({ "type": "FeatureCollection", "features": [{ "type": "Feature", "geometry": { "type": "Point", "coordinates": [71.4, 51.1] }, "properties": { "name": "Ошақ" } }] }),
            ),
        ),
        ("GET", "/api/v1/objects/export") => p(
            format!("/api/v1/objects/export?format=geojson&organization_id={org}"),
            None,
        ),
        ("GET", "/api/v1/objects/{id}") => p(
            format!("/api/v1/objects/{}", field(app, keeper, org).await.0),
            None,
        ),
        ("GET", "/api/v1/objects/{id}/history") => p(
            format!(
                "/api/v1/objects/{}/history",
                field(app, keeper, org).await.0
            ),
            None,
        ),
        ("PATCH", "/api/v1/objects/{id}") => p(
            format!("/api/v1/objects/{}", field(app, keeper, org).await.0),
            Some(json!({ "version": 1, "name": "Жаңа атау" })),
        ),
        ("POST", "/api/v1/objects/{id}/archive") => p(
            format!(
                "/api/v1/objects/{}/archive",
                field(app, keeper, org).await.0
            ),
            Some(json!({ "version": 1 })),
        ),
        ("POST", "/api/v1/objects/{id}/restore") => {
            let id = field(app, keeper, org).await.0;
            let archived = app
                .post(
                    &format!("/api/v1/objects/{id}/archive"),
                    &keeper.token,
                    json!({ "version": 1 }),
                )
                .await;
            assert_eq!(archived.status, StatusCode::OK, "{}", archived.body);
            p(
                format!("/api/v1/objects/{id}/restore"),
                Some(json!({ "version": 2 })),
            )
        }
        ("POST", "/api/v1/objects/{id}/buffer") => p(
            format!("/api/v1/objects/{}/buffer", field(app, keeper, org).await.0),
            Some(json!({ "radius_km": 1.0 })),
        ),
        // OGC API – Features: the service's description has no target; the layers'
        // features do.
        ("GET", "/ogc" | "/ogc/conformance" | "/ogc/collections") => p(path.into(), None),
        ("GET", "/ogc/collections/{collection_id}") => p("/ogc/collections/field".into(), None),
        ("GET", "/ogc/collections/{collection_id}/items") => {
            let (id, lon, lat) = field(app, keeper, org).await;
            let bbox = format!("{},{},{},{}", lon - 0.1, lat - 0.1, lon + 0.1, lat + 0.1);
            Some(Prepared {
                path: format!("/ogc/collections/field/items?bbox={bbox}"),
                body: None,
                listed_id: Some(id),
            })
        }
        ("GET", "/ogc/collections/{collection_id}/items/{feature_id}") => p(
            format!(
                "/ogc/collections/field/items/{}",
                field(app, keeper, org).await.0
            ),
            None,
        ),
        // Own-account endpoints: the target is always the caller's own.
        ("GET", "/api/v1/me" | "/api/v1/auth/sessions") => p(path.into(), None),
        ("POST", "/api/v1/auth/password") => p(
            path.into(),
            Some(json!({ "current_password": actor.password, "new_password": actor.password })),
        ),
        ("DELETE", "/api/v1/auth/sessions/{id}") => {
            let other = app.login(&actor.email, &actor.password).await;
            p(
                format!(
                    "/api/v1/auth/sessions/{}",
                    other.body["session_id"].as_str()?
                ),
                None,
            )
        }
        ("POST", "/api/v1/auth/logout") => p(path.into(), Some(json!({}))),
        _ => None,
    }
}

fn expected(role: Role, action: &str, own: bool) -> Expect {
    if action == "self" {
        return Expect::Allowed;
    }
    let action =
        Action::from_name(action).unwrap_or_else(|| panic!("unknown action {action} in OpenAPI"));
    if !permission::allowed(role, action) {
        Expect::Forbidden
    } else if own || action.scope() == Scope::System {
        Expect::Allowed
    } else {
        Expect::Hidden
    }
}

fn observed(answer: &common::Answer, listed_id: Option<&str>) -> Expect {
    let status = answer.status;
    if status == StatusCode::FORBIDDEN && answer.code() == "forbidden" {
        return Expect::Forbidden;
    }
    if status == StatusCode::NOT_FOUND || answer.code() == "organization-not-found" {
        return Expect::Hidden;
    }
    if !status.is_success() {
        panic!("unexpected answer {status}: {}", answer.body);
    }
    match listed_id {
        Some(id) => {
            // A JSON list, or a GeoJSON FeatureCollection.
            let items = answer
                .body
                .as_array()
                .or_else(|| answer.body["features"].as_array());
            let listed = items.is_some_and(|items| items.iter().any(|i| i["id"] == id));
            if listed {
                Expect::Allowed
            } else {
                Expect::Hidden
            }
        }
        None => Expect::Allowed,
    }
}

async fn r_role_1_every_endpoint_every_role_own_and_other_organisation(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let home = app
        .create_org(&admin, &app.root_org, "Home inspectorate")
        .await;
    let away = app
        .create_org(&admin, &app.root_org, "Sibling inspectorate")
        .await;
    // Administrators keep no register: an operator at the root makes the objects.
    let keeper = app.create_user(&admin, "operator", &app.root_org).await;
    let openapi = app
        .call(Method::GET, "/api/openapi.json", None, None)
        .await
        .body;
    let mut mismatches = Vec::new();
    let mut checked = 0;
    for role in Role::ALL {
        let actor = app.create_user(&admin, role.as_str(), &home).await;
        for (path, item) in openapi["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                let action = op["x-fito-action"]
                    .as_str()
                    .expect("every operation names its permission");
                if action == "public" {
                    continue;
                }
                let method = method.to_uppercase();
                let scopes: &[bool] = if action == "self" {
                    &[true]
                } else {
                    &[true, false]
                };
                for &own in scopes {
                    // Logging out ends the session: use a fresh one for that case.
                    let actor = if path == "/api/v1/auth/logout" {
                        let fresh = app.login(&actor.email, &actor.password).await;
                        Caller {
                            token: fresh.body["token"].as_str().unwrap().into(),
                            ..actor.clone()
                        }
                    } else {
                        actor.clone()
                    };
                    let org = if own { &home } else { &away };
                    let prepared = prepare(&app, &admin, &keeper, &actor, &method, path, org)
                        .await
                        .unwrap_or_else(|| {
                            panic!("{method} {path} has no case in the permission walk: add one")
                        });
                    let m = Method::from_bytes(method.as_bytes()).unwrap();
                    let answer = app
                        .call(m, &prepared.path, Some(&actor.token), prepared.body)
                        .await;
                    let want = expected(role, action, own);
                    let got = observed(&answer, prepared.listed_id.as_deref());
                    checked += 1;
                    if want != got {
                        mismatches.push(format!("{role} {method} {path} own={own}: table says {want:?}, server did {got:?} ({}) {}", answer.status, prepared.path));
                    }
                }
            }
        }
    }
    assert!(checked >= 4 * 30, "walked only {checked} cases");
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
    app.stop().await;
}
both_engines!(r_role_1_every_endpoint_every_role_own_and_other_organisation);
