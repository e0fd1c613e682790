//! One request per endpoint of the OpenAPI document, for the permission walk
//! (R-ROLE-1, R-ORG-1).

use crate::common::{self, Caller, TestApp, person};
use crate::fixtures::{
    Fixtures, Prepared, Work, active_user, field, pending_user, push_subscription, survey_body,
};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Builds the request for one endpoint, with its target in `org`. `None` for an
/// endpoint this walk does not know: the walk then fails.
pub(crate) async fn prepare(
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
        // Issue 15: a dictionary file, checked, then applied with the preview's token.
        ("POST", "/api/v1/reference/import/preview" | "/api/v1/reference/import") => {
            let file = b"eppo_code;kind;category;name_la;name_ru\nZZWALI;pest;other;Walkeria importa;\xd0\xa2\n";
            let q = "dictionary=organisms&partial=true";
            let preview = app
                .call_raw(
                    &format!("/api/v1/reference/import/preview?{q}"),
                    &admin.token,
                    file.to_vec(),
                )
                .await;
            assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
            assert_eq!(preview.body["errors_total"], 0, "{}", preview.body);
            let token = preview.body["token"].as_str().unwrap().to_string();
            Some(Prepared {
                path: format!("{path}?{q}&token={token}"),
                body: None,
                listed_id: None,
                raw: Some(file.to_vec()),
            })
        }
        ("POST", "/api/v1/reference/admin-units/boundaries") => p(
            path.into(),
            Some(
                json!({ "type": "FeatureCollection", "features": [{ "type": "Feature", "properties": { "kato": "110000000" }, "geometry": { "type": "Polygon", "coordinates": [[[71.0, 51.0], [72.0, 51.0], [72.0, 52.0], [71.0, 51.0]]] } }] }),
            ),
        ),
        ("GET", "/api/v1/reference/admin-units/boundaries") => p(path.into(), None),
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
        ("GET", "/api/v1/tiles/{layer}/{z}/{x}/{y}") => {
            // The tile's bytes carry each object's id as a UTF-8 string tag.
            let (id, lon, lat) = field(app, keeper, org).await;
            let t = fito_tiles::TileId::containing(14, lon, lat).unwrap();
            let path = format!("/api/v1/tiles/objects/14/{}/{}.mvt", t.x(), t.y());
            listed(path, id)
        }
        ("GET", "/api/v1/tiles/{layer}") => p("/api/v1/tiles/objects".into(), None),
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
        ("POST", "/api/v1/objects/import" | "/api/v1/objects/import/preview") => p(
            format!("{path}?organization_id={org}&type=outbreak_focus"),
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
        (
            "GET",
            "/api/v1/reports/dashboard"
            | "/api/v1/reports/xlsx"
            | "/api/v1/reports/pdf"
            | "/api/v1/reports/regions",
        ) => p(format!("{path}?organization_id={org}"), None),
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
        ("PATCH", "/api/v1/me") => p(
            path.into(),
            Some(json!({ "phone": "+77011234567", "position": "Агроном" })),
        ),
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
        ("POST", "/api/v1/privacy/rectifications") => p(
            path.into(),
            Some(json!({ "details": "Тегім қате жазылған: Сейтқали" })),
        ),
        ("GET", "/api/v1/privacy/rectifications") => p(path.into(), None),
        ("POST", "/api/v1/privacy/rectifications/{id}/resolve") => {
            let filer = app.create_user(admin, "operator", org).await;
            let filed = app
                .post(
                    "/api/v1/privacy/rectifications",
                    &filer.token,
                    json!({ "details": "Тегім қате жазылған: Сейтқали" }),
                )
                .await;
            p(
                path.replace("{id}", filed.body["id"].as_str()?),
                Some(json!({ "outcome": "rejected", "comment": "Құжат қажет" })),
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
        _ => crate::zone_cases::prepare(app, f, actor, method, path, org).await,
    }
}
