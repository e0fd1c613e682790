//! The permission walk's requests for quarantine zones and laboratory samples
//! (issue 14).

use crate::common::{Caller, TestApp};
use crate::fixtures::{Fixtures, Prepared, Work, field};
use reqwest::StatusCode;
use serde_json::{Value, json};

pub(crate) const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

pub(crate) fn propose_body(org: &str, survey: &str, field: &str) -> Value {
    json!({ "organization_id": org, "name": "Тест аймағы", "organisms": ["ACLRGL"],
        "boundary": { "kind": "buffer", "radius_km": 0.5, "objects": [field] },
        "basis": { "findings": [{ "survey_id": survey, "seq": 1 }] },
        "regime_kk": "Тасымалдауға тыйым салынады", "regime_ru": "Вывоз запрещён" })
}

impl Work<'_> {
    /// A zone of `org` around a new field (with the field, its author and version).
    pub(crate) async fn zone(&self) -> (String, String, Caller) {
        let author = self.author().await;
        let (field, survey) = self.survey_by(&author).await;
        let a = self
            .app
            .post(
                "/api/v1/zones",
                &author.token,
                propose_body(self.org, &survey, &field),
            )
            .await;
        assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
        (a.body["id"].as_str().unwrap().to_string(), field, author)
    }

    /// An established zone, its field surveyed clean since: ready to lift.
    pub(crate) async fn established_zone(&self, clean: bool) -> String {
        let (zone, field, author) = self.zone().await;
        let doc = self
            .app
            .call_raw(
                &format!("/api/v1/zones/{zone}/documents?name=decision.pdf"),
                &self.keeper.token,
                PDF.to_vec(),
            )
            .await;
        assert_eq!(doc.status, StatusCode::CREATED, "{}", doc.body);
        let a = self
            .app
            .post(
                &format!("/api/v1/zones/{zone}/establish"),
                &self.chief.token,
                establish_body(1, doc.body["id"].as_str().unwrap()),
            )
            .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        if clean {
            let at = now();
            let s = self
                .app
                .post(
                    "/api/v1/surveys",
                    &author.token,
                    json!({ "object_id": field, "surveyed_at": at, "points": [] }),
                )
                .await;
            assert_eq!(s.status, StatusCode::CREATED, "{}", s.body);
        }
        zone
    }
}

impl Work<'_> {
    /// A sample of `org` taken with a finding, moved on to `status`.
    pub(crate) async fn sample(&self, status: &str) -> (String, String, i64) {
        let author = self.author().await;
        let (_, survey) = self.survey_by(&author).await;
        let body = json!({ "id": uuid::Uuid::now_v7(), "number": uuid::Uuid::now_v7().to_string(),
            "survey_id": survey, "finding_seq": 1, "what": "Жапырақ", "quantity": 5.0,
            "unit": "дана", "lat": 51.1, "lon": 71.4, "taken_at": "2026-06-10T05:35:00Z" });
        let s = self.app.post("/api/v1/samples", &author.token, body).await;
        assert_eq!(s.status, StatusCode::CREATED, "{}", s.body);
        let id = s.body["id"].as_str().unwrap().to_string();
        let mut version = 1;
        for (reached, step, body) in [
            (
                "sent",
                "refer",
                json!({ "laboratory_organization_id": self.org }),
            ),
            ("received", "receive", json!({})),
        ] {
            if status == "taken" || (status == "sent" && reached == "received") {
                break;
            }
            let mut body = body;
            body["version"] = json!(version);
            let a = self
                .app
                .post(
                    &format!("/api/v1/samples/{id}/{step}"),
                    &self.keeper.token,
                    body,
                )
                .await;
            assert_eq!(a.status, StatusCode::OK, "{}", a.body);
            version = a.body["version"].as_i64().unwrap();
        }
        (id, survey, version)
    }
}

pub(crate) fn establish_body(version: i64, document: &str) -> Value {
    json!({ "version": version, "decision_number": "№ 15-к", "decision_date": "2026-07-01",
        "decision_authority": "Ақмола облысының әкімдігі", "decision_document_id": document })
}

pub(crate) async fn prepare(
    app: &TestApp,
    f: Fixtures<'_>,
    actor: &Caller,
    method: &str,
    path: &str,
    org: &str,
) -> Option<Prepared> {
    let w = Work {
        app,
        admin: f.admin,
        keeper: f.keeper,
        chief: f.chief,
        actor,
        role: f.role,
        org,
    };
    let p = |path: String, body: Option<Value>, listed_id: Option<String>| {
        Some(Prepared {
            path,
            body,
            listed_id,
            raw: None,
        })
    };
    match (method, path) {
        ("GET", "/api/v1/zones") => {
            let zone = w.zone().await.0;
            p(format!("{path}?status=proposed"), None, Some(zone))
        }
        ("GET", "/api/v1/zones/export") => {
            let zone = w.zone().await.0;
            p(path.into(), None, Some(zone))
        }
        ("POST", "/api/v1/zones") => {
            let author = w.author().await;
            let (field, survey) = w.survey_by(&author).await;
            p(path.into(), Some(propose_body(org, &survey, &field)), None)
        }
        ("GET", "/api/v1/zones/{id}")
        | ("GET", "/api/v1/zones/{id}/history")
        | ("GET", "/api/v1/zones/{id}/objects")
        | ("GET", "/api/v1/zones/{id}/lifting-basis")
        | ("GET", "/api/v1/zones/{id}/documents") => {
            p(path.replace("{id}", &w.zone().await.0), None, None)
        }
        ("GET", "/api/v1/zones/{id}/document") => {
            let zone = w.zone().await.0;
            p(
                format!("/api/v1/zones/{zone}/document?kind=proposal"),
                None,
                None,
            )
        }
        ("GET", "/api/v1/surveys/{id}/zones") => {
            p(path.replace("{id}", &w.survey().await.1), None, None)
        }
        ("POST", "/api/v1/zones/{id}/documents") => Some(Prepared {
            path: format!("{}?name=walk.csv", path.replace("{id}", &w.zone().await.0)),
            body: None,
            listed_id: None,
            raw: Some(b"eppo;ha\nACLRGL;1.5\n".to_vec()),
        }),
        ("GET", "/api/v1/objects/{id}/zones") => {
            let field = field(app, f.keeper, org).await.0;
            p(path.replace("{id}", &field), None, None)
        }
        ("POST", "/api/v1/zones/{id}/decision") => Some(Prepared {
            path: format!(
                "{}?name=decision.pdf",
                path.replace("{id}", &w.zone().await.0)
            ),
            body: None,
            listed_id: None,
            raw: Some(PDF.to_vec()),
        }),
        ("POST", "/api/v1/zones/{id}/establish") => {
            let zone = w.zone().await.0;
            let doc = app
                .call_raw(
                    &format!("/api/v1/zones/{zone}/documents?name=decision.pdf"),
                    &f.keeper.token,
                    PDF.to_vec(),
                )
                .await;
            let body = establish_body(1, doc.body["id"].as_str()?);
            p(path.replace("{id}", &zone), Some(body), None)
        }
        ("POST", "/api/v1/zones/{id}/lift") => {
            let zone = w.established_zone(true).await;
            let body = json!({ "version": 2, "note": "Екі маусым таза" });
            p(path.replace("{id}", &zone), Some(body), None)
        }
        ("POST", "/api/v1/zones/{id}/withdraw") => {
            let zone = w.zone().await.0;
            let body = json!({ "version": 1, "note": "Қате ұсыныс" });
            p(path.replace("{id}", &zone), Some(body), None)
        }
        ("GET", "/api/v1/samples") => {
            let (sample, ..) = w.sample("taken").await;
            p(path.into(), None, Some(sample))
        }
        ("POST", "/api/v1/samples") => {
            let author = w.author().await;
            let (_, survey) = w.survey_by(&author).await;
            let body = json!({ "id": uuid::Uuid::now_v7(), "number": uuid::Uuid::now_v7().to_string(),
                "survey_id": survey, "finding_seq": 1, "what": "Жапырақ", "quantity": 5.0,
                "unit": "дана", "lat": 51.1, "lon": 71.4, "taken_at": "2026-06-10T05:35:00Z" });
            p(path.into(), Some(body), None)
        }
        ("GET", "/api/v1/samples/{id}")
        | ("GET", "/api/v1/samples/{id}/documents")
        | ("GET", "/api/v1/samples/{id}/label") => {
            p(path.replace("{id}", &w.sample("taken").await.0), None, None)
        }
        ("GET", "/api/v1/surveys/{id}/lab-results") => {
            p(path.replace("{id}", &w.survey().await.1), None, None)
        }
        ("POST", "/api/v1/samples/{id}/documents") => Some(Prepared {
            path: format!(
                "{}?name=walk.csv",
                path.replace("{id}", &w.sample("taken").await.0)
            ),
            body: None,
            listed_id: None,
            raw: Some(b"eppo;ha\nACLRGL;1.5\n".to_vec()),
        }),
        ("POST", "/api/v1/samples/{id}/refer") => {
            let (id, _, version) = w.sample("taken").await;
            let body = json!({ "version": version, "laboratory_organization_id": org });
            p(path.replace("{id}", &id), Some(body), None)
        }
        ("POST", "/api/v1/samples/{id}/receive") => {
            let (id, _, version) = w.sample("sent").await;
            p(
                path.replace("{id}", &id),
                Some(json!({ "version": version })),
                None,
            )
        }
        ("POST", "/api/v1/samples/{id}/result") => {
            let (id, _, version) = w.sample("received").await;
            let doc = app
                .call_raw(
                    &format!("/api/v1/samples/{id}/documents?name=report.pdf"),
                    &f.keeper.token,
                    PDF.to_vec(),
                )
                .await;
            let body = json!({ "version": version, "organism": "ACLRGL", "method": "ПТР",
                "conclusion_number": "ЗҚ-1", "conclusion_date": "2026-06-20",
                "report_document_id": doc.body["id"] });
            p(path.replace("{id}", &id), Some(body), None)
        }
        _ => None,
    }
}
