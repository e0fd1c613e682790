//! The records the permission walk (R-ROLE-1, R-ORG-1) acts on, made in the
//! caller's organisation or a sibling one.

use crate::common::{Caller, TestApp, person};
use fito_core::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// A request ready to send, and for list endpoints the id that must (own) or must
/// not (other) appear in the answer.
pub(crate) struct Prepared {
    pub(crate) path: String,
    pub(crate) body: Option<Value>,
    pub(crate) listed_id: Option<String>,
    /// A file to send as the raw body (document uploads).
    pub(crate) raw: Option<Vec<u8>>,
}

pub(crate) async fn active_user(app: &TestApp, admin: &Caller, org: &str) -> String {
    let mut body = person();
    body["role"] = json!("inspector");
    body["organization_id"] = json!(org);
    let a = app.post("/api/v1/users", &admin.token, body).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    a.body["user"]["id"].as_str().unwrap().to_string()
}

pub(crate) async fn pending_user(app: &TestApp, org: &str) -> String {
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
pub(crate) async fn field(app: &TestApp, keeper: &Caller, org: &str) -> (String, f64, f64) {
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
pub(crate) struct Fixtures<'a> {
    pub(crate) admin: &'a Caller,
    /// An operator at the root: makes the objects.
    pub(crate) keeper: &'a Caller,
    pub(crate) chief: &'a Caller,
    pub(crate) role: Role,
}

pub(crate) fn survey_body(field: &str) -> Value {
    json!({ "object_id": field, "surveyed_at": "2026-06-10T05:30:00Z",
        "points": [{ "lat": 51.1, "lon": 71.4, "accuracy_m": 5.0, "fixed_at": "2026-06-10T05:31:00Z",
            "findings": [{ "organism": "ACLRGL", "area_surveyed_ha": 2.0, "area_infested_ha": 0.5 }] }] })
}

/// Field-work records in `org` for one case of the walk.
pub(crate) struct Work<'a> {
    pub(crate) app: &'a TestApp,
    pub(crate) admin: &'a Caller,
    pub(crate) keeper: &'a Caller,
    pub(crate) chief: &'a Caller,
    pub(crate) actor: &'a Caller,
    pub(crate) role: Role,
    pub(crate) org: &'a str,
}

impl Work<'_> {
    /// The inspector whose records these are: the actor when they are an inspector
    /// of `org`, else a new inspector there.
    pub(crate) async fn author(&self) -> Caller {
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

    pub(crate) async fn task_body(&self) -> Value {
        let author = self.author().await;
        let field = field(self.app, self.keeper, self.org).await.0;
        json!({ "assignee_id": author.user_id, "basis": "plan", "object_ids": [field],
            "starts_on": "2026-04-01", "due_on": "2026-04-02" })
    }

    pub(crate) async fn task(&self) -> String {
        let body = self.task_body().await;
        let a = self
            .app
            .post("/api/v1/survey-tasks", &self.chief.token, body)
            .await;
        assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
        a.body["id"].as_str().unwrap().to_string()
    }

    /// (field, survey) made by the author.
    pub(crate) async fn survey_by(&self, author: &Caller) -> (String, String) {
        let field = field(self.app, self.keeper, self.org).await.0;
        let a = self
            .app
            .post("/api/v1/surveys", &author.token, survey_body(&field))
            .await;
        assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
        (field, a.body["id"].as_str().unwrap().to_string())
    }

    pub(crate) async fn survey(&self) -> (String, String) {
        let author = self.author().await;
        self.survey_by(&author).await
    }

    /// An act of the author moved to `status`: (id, version).
    pub(crate) async fn act(&self, status: &str) -> (String, i64) {
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

    pub(crate) async fn step_case(
        &self,
        path: &str,
        status: &str,
        comment: Option<&str>,
    ) -> Option<Prepared> {
        let (id, version) = self.act(status).await;
        Some(Prepared {
            path: path.replace("{id}", &id),
            body: Some(json!({ "version": version, "comment": comment })),
            listed_id: None,
            raw: None,
        })
    }
}

pub(crate) fn push_subscription() -> Value {
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
