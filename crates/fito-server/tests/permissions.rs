//! R-ROLE-1 / R-ORG-1: the generated walk over every endpoint × every role × own and
//! other organisation. Endpoints come from the OpenAPI document (each names its
//! action as `x-fito-action`); the expected answer comes from the one permission
//! table in fito-core. An endpoint added without a case here fails the walk.

#[path = "permissions/cases.rs"]
mod cases;
mod common;
#[path = "permissions/fixtures.rs"]
mod fixtures;
#[path = "permissions/zone_cases.rs"]
mod zone_cases;

use cases::prepare;
use common::{Caller, TestApp};
use fito_core::{Action, Role, Scope, permission};
use fito_store::{Engine, both_engines};
use fixtures::Fixtures;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    Allowed,
    Forbidden,
    /// Outside the caller's subtree: the record does not exist for them.
    Hidden,
}

/// A browser's push subscription to an endpoint nobody calls in this test.
/// A service account for `[push.fcm]`, its key made by openssl, kept for the run.
fn walk_fcm_config() -> fito_server::config::FcmConfig {
    let dir = tempfile::tempdir().unwrap().keep();
    let pem = dir.join("account.pem");
    let made = std::process::Command::new("openssl")
        .args([
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-out",
        ])
        .arg(&pem)
        .output()
        .expect("openssl runs");
    assert!(made.status.success(), "{made:?}");
    let account = dir.join("service-account.json");
    std::fs::write(
        &account,
        json!({ "client_email": "walk@fito-test.iam.gserviceaccount.com",
            "private_key": std::fs::read_to_string(&pem).unwrap(),
            "token_uri": "http://127.0.0.1:9/token" })
        .to_string(),
    )
    .unwrap();
    fito_server::config::FcmConfig {
        project_id: "fito-walk".into(),
        service_account_file: account,
        api_base: Some("http://127.0.0.1:9".into()),
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

/// `org_is_input`: the request is a write whose input (body or query) names the
/// organisation the case is about.
fn observed(answer: &common::Answer, listed_id: Option<&str>, org_is_input: bool) -> Expect {
    let status = answer.status;
    if status == StatusCode::FORBIDDEN && answer.code() == "forbidden" {
        return Expect::Forbidden;
    }
    // A record outside the caller's subtree does not exist for them (R-ORG-1): 404
    // when the path, or the query of a read, names it; an organisation given as the
    // input of a write is refused as input: 422 `organization-not-found`.
    if status == StatusCode::NOT_FOUND
        || (status == StatusCode::UNPROCESSABLE_ENTITY
            && answer.code() == "organization-not-found"
            && org_is_input)
    {
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
            let listed = items.is_some_and(|items| items.iter().any(|i| i["id"] == id))
                // A binary answer (a map tile) that carries the id.
                || answer.body.as_str().is_some_and(|b| b.contains(id));
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
    // FCM configured (its token endpoint unreachable: the walk only registers devices).
    let fcm = walk_fcm_config();
    let app = TestApp::start_with(engine, |c| c.push.fcm = Some(fcm)).await;
    let admin = app.admin().await;
    let home = app
        .create_org(&admin, &app.root_org, "Home inspectorate")
        .await;
    let away = app
        .create_org(&admin, &app.root_org, "Sibling inspectorate")
        .await;
    // Administrators keep no register: an operator at the root makes the objects,
    // and a Head at the root reviews every act.
    let keeper = app.create_user(&admin, "operator", &app.root_org).await;
    let chief = app.create_user(&admin, "head", &app.root_org).await;
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
                // The live stream (SSE) never ends, so the walk's full-body read
                // would hang: it is "self" and tested on its own in tests/live.rs.
                if path == "/api/v1/notifications/stream" {
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
                    let fixtures = Fixtures {
                        admin: &admin,
                        keeper: &keeper,
                        chief: &chief,
                        role,
                    };
                    let prepared = prepare(&app, fixtures, &actor, &method, path, org)
                        .await
                        .unwrap_or_else(|| {
                            panic!("{method} {path} has no case in the permission walk: add one")
                        });
                    let query = prepared.path.split_once('?').map_or("", |(_, q)| q);
                    let org_is_input = method != "GET"
                        && (query.contains(org.as_str())
                            || prepared
                                .body
                                .as_ref()
                                .is_some_and(|b| b.to_string().contains(org.as_str())));
                    let m = Method::from_bytes(method.as_bytes()).unwrap();
                    let answer = match prepared.raw {
                        Some(raw) => app.call_raw(&prepared.path, &actor.token, raw).await,
                        None => {
                            app.call(m, &prepared.path, Some(&actor.token), prepared.body)
                                .await
                        }
                    };
                    let want = expected(role, action, own);
                    let got = observed(&answer, prepared.listed_id.as_deref(), org_is_input);
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
