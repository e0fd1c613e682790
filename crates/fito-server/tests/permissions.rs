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
    /// A file to send as the raw body (document uploads).
    raw: Option<Vec<u8>>,
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

/// What the walk keeps for field-work fixtures: a Head at the root (who reviews
/// every act) and the actor's role (an inspector acts on their own records).
#[derive(Clone, Copy)]
struct Fixtures<'a> {
    admin: &'a Caller,
    /// An operator at the root: makes the objects.
    keeper: &'a Caller,
    chief: &'a Caller,
    role: Role,
}

fn survey_body(field: &str) -> Value {
    json!({ "object_id": field, "surveyed_at": "2026-06-10T05:30:00Z",
        "points": [{ "lat": 51.1, "lon": 71.4, "accuracy_m": 5.0, "fixed_at": "2026-06-10T05:31:00Z",
            "findings": [{ "organism": "ACLRGL", "area_surveyed_ha": 2.0, "area_infested_ha": 0.5 }] }] })
}

/// Field-work records in `org` for one case of the walk.
struct Work<'a> {
    app: &'a TestApp,
    admin: &'a Caller,
    keeper: &'a Caller,
    chief: &'a Caller,
    actor: &'a Caller,
    role: Role,
    org: &'a str,
}

impl Work<'_> {
    /// The inspector whose records these are: the actor when they are an inspector
    /// of `org`, else a new inspector there.
    async fn author(&self) -> Caller {
        let own_org = self
            .app
            .get(
                &format!("/api/v1/users/{}", self.actor.user_id),
                &self.admin.token,
            )
            .await
            .body["organization_id"]
            == self.org;
        if self.role == Role::Inspector && own_org {
            self.actor.clone()
        } else {
            self.app
                .create_user(self.admin, "inspector", self.org)
                .await
        }
    }

    async fn task_body(&self) -> Value {
        let author = self.author().await;
        let field = field(self.app, self.keeper, self.org).await.0;
        json!({ "assignee_id": author.user_id, "basis": "plan", "object_ids": [field],
            "starts_on": "2026-04-01", "due_on": "2026-04-02" })
    }

    async fn task(&self) -> String {
        let body = self.task_body().await;
        let a = self
            .app
            .post("/api/v1/survey-tasks", &self.chief.token, body)
            .await;
        assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
        a.body["id"].as_str().unwrap().to_string()
    }

    /// (field, survey) made by the author.
    async fn survey_by(&self, author: &Caller) -> (String, String) {
        let field = field(self.app, self.keeper, self.org).await.0;
        let a = self
            .app
            .post("/api/v1/surveys", &author.token, survey_body(&field))
            .await;
        assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
        (field, a.body["id"].as_str().unwrap().to_string())
    }

    async fn survey(&self) -> (String, String) {
        let author = self.author().await;
        self.survey_by(&author).await
    }

    /// An act of the author moved to `status`: (id, version).
    async fn act(&self, status: &str) -> (String, i64) {
        let author = self.author().await;
        let (_, survey) = self.survey_by(&author).await;
        let mut act = self
            .app
            .post(
                &format!("/api/v1/surveys/{survey}/acts"),
                &author.token,
                json!({ "act_type": "sampling" }),
            )
            .await
            .body;
        let path = ["submitted", "approved", "signed"];
        let steps = [
            ("submit", &author),
            ("approve", self.chief),
            ("sign", &author),
        ];
        for (reached, (step, who)) in path.iter().zip(steps) {
            if act["status"] == status {
                break;
            }
            let id = act["id"].as_str().unwrap();
            act = if step == "sign" {
                self.app.sign_act(who, &act).await.body
            } else {
                self.app
                    .post(
                        &format!("/api/v1/acts/{id}/{step}"),
                        &who.token,
                        json!({ "version": act["version"] }),
                    )
                    .await
                    .body
            };
            assert_eq!(act["status"], *reached, "{act}");
        }
        assert_eq!(act["status"], status, "{act}");
        (
            act["id"].as_str().unwrap().to_string(),
            act["version"].as_i64().unwrap(),
        )
    }

    async fn step_case(&self, path: &str, status: &str, comment: Option<&str>) -> Option<Prepared> {
        let (id, version) = self.act(status).await;
        Some(Prepared {
            path: path.replace("{id}", &id),
            body: Some(json!({ "version": version, "comment": comment })),
            listed_id: None,
            raw: None,
        })
    }
}

/// Builds the request for one endpoint, with its target in `org`. `None` for an
/// endpoint this walk does not know: the walk then fails.
async fn prepare(
    app: &TestApp,
    f: Fixtures<'_>,
    actor: &Caller,
    method: &str,
    path: &str,
    org: &str,
) -> Option<Prepared> {
    let Fixtures { admin, keeper, .. } = f;
    let p = |path: String, body: Option<Value>| {
        Some(Prepared {
            path,
            body,
            listed_id: None,
            raw: None,
        })
    };
    let listed = |path: String, id: String| {
        Some(Prepared {
            path,
            body: None,
            listed_id: Some(id),
            raw: None,
        })
    };
    let file = |path: String| {
        Some(Prepared {
            path: format!("{path}?name=walk.csv"),
            body: None,
            listed_id: None,
            raw: Some(b"eppo;ha\nACLRGL;1.5\n".to_vec()),
        })
    };
    let w = Work {
        app,
        admin,
        keeper,
        chief: f.chief,
        actor,
        role: f.role,
        org,
    };
    match (method, path) {
        ("GET", "/api/v1/users") => {
            let id = active_user(app, admin, org).await;
            Some(Prepared {
                path: "/api/v1/users?limit=500".into(),
                body: None,
                listed_id: Some(id),
                raw: None,
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
            raw: None,
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
                raw: None,
            })
        }
        ("GET", "/api/v1/objects/at") => {
            let (id, lon, lat) = field(app, keeper, org).await;
            Some(Prepared {
                path: format!("/api/v1/objects/at?lon={lon}&lat={lat}"),
                body: None,
                listed_id: Some(id),
                raw: None,
            })
        }
        ("GET", "/api/v1/objects/nearest") => {
            let (id, lon, lat) = field(app, keeper, org).await;
            Some(Prepared {
                path: format!("/api/v1/objects/nearest?lon={lon}&lat={lat}&n=1"),
                body: None,
                listed_id: Some(id),
                raw: None,
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
                raw: None,
            })
        }
        ("GET", "/ogc/collections/{collection_id}/items/{feature_id}") => p(
            format!(
                "/ogc/collections/field/items/{}",
                field(app, keeper, org).await.0
            ),
            None,
        ),
        // Field work: tasks, surveys, acts at each step, documents, exports.
        ("GET", "/api/v1/survey-tasks") => {
            let id = w.task().await;
            listed("/api/v1/survey-tasks?limit=500".into(), id)
        }
        ("POST", "/api/v1/survey-tasks" | "/api/v1/survey-tasks/check") => {
            let body = w.task_body().await;
            p(path.into(), Some(body))
        }
        ("GET", "/api/v1/survey-tasks/{id}") => {
            p(format!("/api/v1/survey-tasks/{}", w.task().await), None)
        }
        ("POST", "/api/v1/survey-tasks/{id}/cancel") => p(
            format!("/api/v1/survey-tasks/{}/cancel", w.task().await),
            Some(json!({})),
        ),
        ("POST", "/api/v1/survey-tasks/{id}/done") => p(
            format!("/api/v1/survey-tasks/{}/done", w.task().await),
            Some(json!({})),
        ),
        ("GET", "/api/v1/surveys") => {
            let (_, id) = w.survey().await;
            listed("/api/v1/surveys?limit=500".into(), id)
        }
        ("POST", "/api/v1/surveys") => {
            let object = field(app, keeper, org).await.0;
            p(path.into(), Some(survey_body(&object)))
        }
        ("GET", "/api/v1/surveys/{id}") => {
            p(format!("/api/v1/surveys/{}", w.survey().await.1), None)
        }
        ("PUT", "/api/v1/surveys/{id}") => {
            let (field, id) = w.survey().await;
            let mut body = survey_body(&field);
            body["version"] = json!(1);
            p(format!("/api/v1/surveys/{id}"), Some(body))
        }
        ("GET", "/api/v1/findings/export" | "/api/v1/acts/export") => {
            p(format!("{path}?organization_id={org}"), None)
        }
        ("POST", "/api/v1/surveys/{id}/acts") => p(
            format!("/api/v1/surveys/{}/acts", w.survey().await.1),
            Some(json!({ "act_type": "sampling" })),
        ),
        ("GET", "/api/v1/acts") => {
            let (id, _) = w.act("draft").await;
            listed("/api/v1/acts?limit=500".into(), id)
        }
        ("GET", "/api/v1/acts/{id}" | "/api/v1/acts/{id}/history" | "/api/v1/acts/{id}/pdf") => {
            let (id, _) = w.act("draft").await;
            p(path.replace("{id}", &id), None)
        }
        ("PATCH", "/api/v1/acts/{id}") => {
            let (id, version) = w.act("draft").await;
            p(
                format!("/api/v1/acts/{id}"),
                Some(json!({ "version": version, "conclusions": "Тексерілді" })),
            )
        }
        ("POST", "/api/v1/acts/{id}/submit") => w.step_case(path, "draft", None).await,
        ("POST", "/api/v1/acts/{id}/approve") => w.step_case(path, "submitted", None).await,
        ("POST", "/api/v1/acts/{id}/return") => {
            w.step_case(path, "submitted", Some("Түзетіңіз")).await
        }
        ("POST", "/api/v1/acts/{id}/sign") => {
            // Signed with the actor's own key: only an inspector signing their own
            // act gets past the table and the subtree to the signature itself.
            let (id, version) = w.act("approved").await;
            let pdf = app
                .http
                .get(format!("{}/api/v1/acts/{id}/pdf", app.base))
                .bearer_auth(&f.chief.token)
                .send()
                .await
                .ok()?
                .bytes()
                .await
                .ok()?;
            let iin = app
                .get(&format!("/api/v1/users/{}", actor.user_id), &admin.token)
                .await
                .body["iin"]
                .as_str()?
                .to_string();
            let pki = common::pki::Pki::shared();
            let leaf = pki.leaf(&iin, common::pki::Kind::LegalSigning, None);
            let cms = common::pki::b64(&pki.sign(&leaf, &pdf, true));
            p(
                path.replace("{id}", &id),
                Some(json!({ "version": version, "cms": cms })),
            )
        }
        ("GET", "/api/v1/acts/{id}/signature" | "/api/v1/acts/{id}/signature.p7s") => {
            let (id, _) = w.act("signed").await;
            p(path.replace("{id}", &id), None)
        }
        ("POST", "/api/v1/acts/{id}/register") => w.step_case(path, "signed", None).await,
        ("POST", "/api/v1/objects/{id}/documents") => file(format!(
            "/api/v1/objects/{}/documents",
            field(app, keeper, org).await.0
        )),
        ("GET", "/api/v1/objects/{id}/documents") => p(
            format!(
                "/api/v1/objects/{}/documents",
                field(app, keeper, org).await.0
            ),
            None,
        ),
        ("POST", "/api/v1/surveys/{id}/documents") => {
            file(format!("/api/v1/surveys/{}/documents", w.survey().await.1))
        }
        ("GET", "/api/v1/surveys/{id}/documents") => p(
            format!("/api/v1/surveys/{}/documents", w.survey().await.1),
            None,
        ),
        ("POST", "/api/v1/acts/{id}/documents") => {
            file(format!("/api/v1/acts/{}/documents", w.act("draft").await.0))
        }
        ("GET", "/api/v1/acts/{id}/documents") => p(
            format!("/api/v1/acts/{}/documents", w.act("draft").await.0),
            None,
        ),
        ("GET", "/api/v1/documents/{id}") => {
            let object = field(app, keeper, org).await.0;
            let a = app
                .call_raw(
                    &format!("/api/v1/objects/{object}/documents?name=walk.csv"),
                    &keeper.token,
                    b"eppo;ha\nACLRGL;1.5\n".to_vec(),
                )
                .await;
            assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
            p(
                format!("/api/v1/documents/{}", a.body["id"].as_str()?),
                None,
            )
        }
        ("GET", "/api/v1/notifications") => p(path.into(), None),
        ("POST", "/api/v1/push/subscriptions") => p(path.into(), Some(push_subscription())),
        // Every role may register its own device (tests/fcm.rs: the delivery).
        ("POST", "/api/v1/push/fcm-token") => {
            p(path.into(), Some(json!({ "token": "walk-device" })))
        }
        ("DELETE", "/api/v1/push/subscriptions") => {
            let body = push_subscription();
            let a = app.post(path, &actor.token, body.clone()).await;
            assert_eq!(a.status, StatusCode::NO_CONTENT, "{}", a.body);
            p(path.into(), Some(json!({ "endpoint": body["endpoint"] })))
        }
        ("POST", "/api/v1/notifications/{id}/read") => p(
            format!("/api/v1/notifications/{}/read", uuid::Uuid::now_v7()),
            Some(json!({})),
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
        // Personal data (R-PD-1, R-PD-2). Policies take effect in 2099 so that the
        // walk's other callers are never asked to accept one.
        ("POST", "/api/v1/policy") => p(
            path.into(),
            Some(json!({ "version": format!("walk-{}", uuid::Uuid::now_v7()),
                "effective_from": "2099-01-01", "text_kk": "Саясат мәтіні" })),
        ),
        ("POST", "/api/v1/policy/accept" | "/api/v1/policy/accept/signature") => {
            let text = "Саясат мәтіні (қол қою)";
            let version = format!("walk-{}", uuid::Uuid::now_v7());
            let published = app
                .post(
                    "/api/v1/policy",
                    &admin.token,
                    json!({ "version": version, "effective_from": "2099-01-01", "text_kk": text }),
                )
                .await;
            assert_eq!(published.status, StatusCode::CREATED, "{}", published.body);
            if path.ends_with("/signature") {
                let iin = app
                    .get(&format!("/api/v1/users/{}", actor.user_id), &admin.token)
                    .await
                    .body["iin"]
                    .as_str()?
                    .to_string();
                let pki = common::pki::Pki::shared();
                let leaf = pki.leaf(&iin, common::pki::Kind::LegalSigning, None);
                let cms = common::pki::b64(&pki.sign(&leaf, text.as_bytes(), true));
                p(path.into(), Some(json!({ "version": version, "cms": cms })))
            } else {
                p(path.into(), Some(json!({ "version": version })))
            }
        }
        ("GET", "/api/v1/me/data" | "/api/v1/me/data/export") => p(path.into(), None),
        ("POST", "/api/v1/privacy/withdrawals") => p(
            path.into(),
            Some(json!({ "reason": "Келісімімді кері қайтарамын" })),
        ),
        ("GET", "/api/v1/privacy/withdrawals") => p(path.into(), None),
        ("POST", "/api/v1/privacy/withdrawals/{id}/resolve") => {
            let filer = app.create_user(admin, "operator", org).await;
            let filed = app
                .post(
                    "/api/v1/privacy/withdrawals",
                    &filer.token,
                    json!({ "reason": "Келісімімді кері қайтарамын" }),
                )
                .await;
            p(
                path.replace("{id}", filed.body["id"].as_str()?),
                Some(json!({ "outcome": "rejected", "comment": "Заң бойынша сақталады" })),
            )
        }
        ("DELETE", "/api/v1/users/{id}") => p(
            format!("/api/v1/users/{}", active_user(app, admin, org).await),
            None,
        ),
        // Sync: push and pull are the caller's own; each record is checked on its own
        // (tests/sync.rs). The outbox import names a user of `org`.
        ("POST", "/api/v1/sync/push") => p(path.into(), Some(json!({ "records": [] }))),
        ("GET", "/api/v1/sync/pull") => p(path.into(), None),
        ("POST", "/api/v1/sync/outbox-import") => p(
            path.into(),
            Some(
                json!({ "format": "fito-outbox", "version": 1, "device_id": "walk",
                "user_id": active_user(app, admin, org).await, "records": [] }),
            ),
        ),
        _ => None,
    }
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

fn push_subscription() -> Value {
    let keys = fito_push::UserAgentKeys::generate()
        .unwrap()
        .subscription_keys();
    json!({
        "endpoint": format!("https://push.example.kz/{}", uuid::Uuid::now_v7()),
        "keys": {
            "p256dh": fito_push::b64::encode(&keys.p256dh_bytes()),
            "auth": fito_push::b64::encode(keys.auth()),
        }
    })
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
                    let m = Method::from_bytes(method.as_bytes()).unwrap();
                    let answer = match prepared.raw {
                        Some(raw) => app.call_raw(&prepared.path, &actor.token, raw).await,
                        None => {
                            app.call(m, &prepared.path, Some(&actor.token), prepared.body)
                                .await
                        }
                    };
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
