//! Issue 14, the zone's and sample's papers and GIS faces: zones as an OGC API –
//! Features collection and as KML and Shapefile files GDAL reads; the proposal and
//! decision annex as PDF (pdftotext finds the words); the zones a survey was made
//! in; a sample's label with its QR code; the sampling act listing its samples.

mod common;

use common::fieldwork::{Team, bytes, new_survey, ordinary_organism, team};
use common::{Caller, TestApp};
use fito_store::{Engine, both_engines};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::process::Command;

const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (Debian's poppler-utils) is installed");
    assert!(out.status.success());
    // One line: words broken over lines or table cells join again.
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `ogrinfo -al` on a file: every feature's fields as text.
fn ogrinfo(path: &str) -> String {
    let out = Command::new("ogrinfo")
        .args(["-ro", "-al", path])
        .output()
        .expect("GDAL's ogrinfo is needed: apt-get install -y gdal-bin");
    assert!(
        out.status.success(),
        "ogrinfo {path}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const NAME: &str = "Целиноград карантин аймағы";
const REGIME_KK: &str = "Өнімді аймақтан тыс шығаруға тыйым салынады.";
const REGIME_RU: &str = "Вывоз продукции за пределы зоны запрещён.";

async fn proposed(app: &TestApp, t: &Team) -> (String, String) {
    let survey = new_survey(app, t).await;
    let z = app
        .post(
            "/api/v1/zones",
            &t.inspector.token,
            json!({ "organization_id": t.org, "name": NAME, "organisms": ["ACLRGL"],
                "boundary": { "kind": "buffer", "radius_km": 3.0, "findings": [{ "survey_id": survey, "seq": 1 }] },
                "basis": { "findings": [{ "survey_id": survey, "seq": 1 }], "acts": [] },
                "regime_kk": REGIME_KK, "regime_ru": REGIME_RU }),
        )
        .await;
    assert_eq!(z.status, StatusCode::CREATED, "{}", z.body);
    (z.body["id"].as_str().unwrap().to_string(), survey)
}

async fn establish(app: &TestApp, t: &Team, zone: &str) -> Value {
    let doc = app
        .call_raw(
            &format!("/api/v1/zones/{zone}/documents?name=decision.pdf"),
            &t.operator.token,
            PDF.to_vec(),
        )
        .await;
    assert_eq!(doc.status, StatusCode::CREATED, "{}", doc.body);
    let e = app
        .post(
            &format!("/api/v1/zones/{zone}/establish"),
            &t.head.token,
            json!({ "version": 1, "decision_number": "№ 15-к", "decision_date": "2026-07-01",
                "decision_authority": "Ақмола облысының әкімдігі", "decision_document_id": doc.body["id"] }),
        )
        .await;
    assert_eq!(e.status, StatusCode::OK, "{}", e.body);
    e.body
}

async fn stranger(app: &TestApp, t: &Team) -> Caller {
    let other = app
        .create_org(&t.admin, &app.root_org, "Басқа инспекция")
        .await;
    app.create_user(&t.admin, "head", &other).await
}

async fn issue_14_zones_in_ogc_api_features_and_as_kml_and_shapefile(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    ordinary_organism(&app, &t.admin).await;
    let (zone, _) = proposed(&app, &t).await;
    let away = stranger(&app, &t).await;

    // OGC API – Features: a collection of its own, its items the zones.
    let listed = app.get("/ogc/collections", &t.inspector.token).await;
    let ids: Vec<&str> = listed.body["collections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"zones"), "{ids:?}");
    let items = app
        .get("/ogc/collections/zones/items", &t.inspector.token)
        .await;
    assert_eq!(items.status, StatusCode::OK, "{}", items.body);
    assert_eq!(items.body["numberMatched"], 1, "{}", items.body);
    let f = &items.body["features"][0];
    assert_eq!(f["id"], zone.as_str());
    assert_eq!(f["geometry"]["type"], "Polygon");
    assert_eq!(f["properties"]["status"], "proposed");
    let one = app
        .get(
            &format!("/ogc/collections/zones/items/{zone}"),
            &t.inspector.token,
        )
        .await;
    assert_eq!(one.status, StatusCode::OK, "{}", one.body);
    assert_eq!(one.body["properties"]["name"], NAME);
    // Far from the zone, or outside the subtree, there is none.
    let far = app
        .get(
            "/ogc/collections/zones/items?bbox=80,45,81,46",
            &t.inspector.token,
        )
        .await;
    assert_eq!(far.body["features"], json!([]), "{}", far.body);
    let theirs = app.get("/ogc/collections/zones/items", &away.token).await;
    assert_eq!(theirs.body["features"], json!([]));
    let hidden = app
        .get(&format!("/ogc/collections/zones/items/{zone}"), &away.token)
        .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);

    // KML and Shapefile, read by GDAL with the zone's fields.
    let dir = tempfile::tempdir().unwrap();
    for (format, content_type, file) in [
        ("kml", "application/vnd.google-earth.kml+xml", "zones.kml"),
        ("shapefile", "application/zip", "zones.zip"),
    ] {
        let (status, headers, body) = bytes(
            &app,
            &format!("/api/v1/zones/export?format={format}"),
            &t.head,
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{format}");
        assert_eq!(headers["content-type"], content_type);
        assert!(
            headers["content-disposition"]
                .to_str()
                .unwrap()
                .contains(file)
        );
        let path = dir.path().join(file);
        std::fs::write(&path, &body).unwrap();
        let path = path.to_string_lossy().into_owned();
        let info = ogrinfo(&if format == "shapefile" {
            format!("/vsizip/{path}")
        } else {
            path
        });
        assert!(info.contains("Feature Count: 1"), "{format}: {info}");
        assert!(info.contains("POLYGON"), "{format}: {info}");
        assert!(info.contains(&zone), "{format}: {info}");
        assert!(info.contains("ACLRGL"), "{format}: {info}");
        assert!(info.contains("proposed"), "{format}: {info}");
    }
    let wrong = app
        .get("/api/v1/zones/export?format=docx", &t.head.token)
        .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST, "{}", wrong.body);
    assert_eq!(wrong.code(), "export-format-unknown");
    app.stop().await;
}
both_engines!(issue_14_zones_in_ogc_api_features_and_as_kml_and_shapefile);

async fn issue_14_zone_proposal_and_decision_annex_as_pdf_in_kazakh_and_russian(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    ordinary_organism(&app, &t.admin).await;
    let (zone, survey) = proposed(&app, &t).await;
    let path =
        |kind: &str, lang: &str| format!("/api/v1/zones/{zone}/document?kind={kind}&lang={lang}");

    let (status, headers, pdf) = bytes(&app, &path("proposal", "kk"), &t.inspector).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/pdf");
    let text = pdftotext(&pdf);
    for wanted in [
        "Карантиндік аймақты белгілеу туралы ұсыныс",
        NAME,
        REGIME_KK,
        "Аймақтың шекарасы",
        "Бидай алқабы",
        "110000000",
        "ACLRGL",
    ] {
        assert!(text.contains(wanted), "{wanted} not in: {text}");
    }
    assert!(!text.contains(REGIME_RU));
    // No decision yet: no annex.
    let early = app.get(&path("decision", "ru"), &t.inspector.token).await;
    assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.body);
    assert_eq!(early.code(), "zone-document-no-decision");

    establish(&app, &t, &zone).await;
    let (status, _, pdf) = bytes(&app, &path("decision", "ru"), &t.head).await;
    assert_eq!(status, StatusCode::OK);
    let text = pdftotext(&pdf);
    for wanted in [
        "Приложение к решению об установлении карантинной зоны",
        "№ 15-к",
        "2026-07-01",
        "Ақмола облысының әкімдігі",
        REGIME_RU,
        "Объекты в зоне",
        "Бидай алқабы",
    ] {
        assert!(text.contains(wanted), "{wanted} not in: {text}");
    }
    for (query, code) in [
        ("kind=annex", "zone-document-unknown"),
        ("kind=proposal&lang=de", "zone-document-lang-unknown"),
    ] {
        let bad = app
            .get(
                &format!("/api/v1/zones/{zone}/document?{query}"),
                &t.head.token,
            )
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.body);
        assert_eq!(bad.code(), code);
    }
    let away = stranger(&app, &t).await;
    let hidden = app.get(&path("proposal", "kk"), &away.token).await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);

    // The survey the zone stands on shows the zone; another subtree sees no survey.
    let of_survey = app
        .get(
            &format!("/api/v1/surveys/{survey}/zones"),
            &t.inspector.token,
        )
        .await;
    assert_eq!(of_survey.status, StatusCode::OK, "{}", of_survey.body);
    assert_eq!(of_survey.body[0]["id"], zone.as_str());
    assert_eq!(of_survey.body[0]["status"], "established");
    let hidden = app
        .get(&format!("/api/v1/surveys/{survey}/zones"), &away.token)
        .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    app.stop().await;
}
both_engines!(issue_14_zone_proposal_and_decision_annex_as_pdf_in_kazakh_and_russian);

async fn issue_14_sample_label_and_the_sampling_act_list_the_sample_numbers(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    ordinary_organism(&app, &t.admin).await;
    let survey = new_survey(&app, &t).await;
    let s = app
        .post(
            "/api/v1/samples",
            &t.inspector.token,
            json!({ "id": uuid::Uuid::now_v7(), "number": "ҮЛГ-2026-077", "survey_id": survey,
                "finding_seq": 1, "what": "Зақымданған жапырақтар", "quantity": 20.0, "unit": "дана",
                "lat": 51.101, "lon": 71.401, "taken_at": "2026-06-10T05:35:00Z" }),
        )
        .await;
    assert_eq!(s.status, StatusCode::CREATED, "{}", s.body);
    let id = s.body["id"].as_str().unwrap();

    let (status, headers, pdf) =
        bytes(&app, &format!("/api/v1/samples/{id}/label"), &t.inspector).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/pdf");
    let text = pdftotext(&pdf);
    for wanted in [
        "Зертханалық үлгі",
        "ҮЛГ-2026-077",
        "Зақымданған жапырақтар",
        "ACLRGL",
    ] {
        assert!(text.contains(wanted), "{wanted} not in: {text}");
    }
    let away = stranger(&app, &t).await;
    let hidden = app
        .get(&format!("/api/v1/samples/{id}/label"), &away.token)
        .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);

    // The sampling act of the survey lists the sample typed into the survey and the
    // one taken on its own, with their numbers.
    let act = app
        .post(
            &format!("/api/v1/surveys/{survey}/acts"),
            &t.inspector.token,
            json!({ "act_type": "sampling", "language": "kk" }),
        )
        .await;
    assert_eq!(act.status, StatusCode::CREATED, "{}", act.body);
    let act_id = act.body["id"].as_str().unwrap();
    let (status, _, pdf) = bytes(&app, &format!("/api/v1/acts/{act_id}/pdf"), &t.inspector).await;
    assert_eq!(status, StatusCode::OK);
    let text = pdftotext(&pdf);
    assert!(text.contains("Ү-1"), "{text}");
    assert!(text.contains("ҮЛГ-2026-077"), "{text}");
    app.stop().await;
}
both_engines!(issue_14_sample_label_and_the_sampling_act_list_the_sample_numbers);

async fn issue_14_samples_taken_offline_come_in_by_sync_once(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    ordinary_organism(&app, &t.admin).await;
    let survey = new_survey(&app, &t).await;
    let id = uuid::Uuid::now_v7();
    let record = json!({ "kind": "sample", "id": id, "base_version": null,
        "data": { "id": id, "number": "ОФ-1", "survey_id": survey, "finding_seq": 1,
            "what": "Топырақ", "quantity": 0.5, "unit": "кг",
            "lat": 51.101, "lon": 71.401, "taken_at": "2026-06-10T05:35:00Z" } });
    let status = |a: &common::Answer| a.body["results"][0]["status"].clone();
    let first = app
        .post(
            "/api/v1/sync/push",
            &t.inspector.token,
            json!({ "records": [record] }),
        )
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert_eq!(status(&first), "applied", "{}", first.body);
    let again = app
        .post(
            "/api/v1/sync/push",
            &t.inspector.token,
            json!({ "records": [record] }),
        )
        .await;
    assert_eq!(status(&again), "unchanged", "{}", again.body);
    let s = app
        .get(&format!("/api/v1/samples/{id}"), &t.head.token)
        .await;
    assert_eq!(s.body["number"], "ОФ-1");
    assert_eq!(s.body["status"], "taken");
    // A sample of an unknown finding is rejected, nothing stored.
    let bad_id = uuid::Uuid::now_v7();
    let mut bad = record.clone();
    bad["id"] = json!(bad_id);
    bad["data"]["id"] = json!(bad_id);
    bad["data"]["number"] = json!("ОФ-2");
    bad["data"]["finding_seq"] = json!(9);
    let refused = app
        .post(
            "/api/v1/sync/push",
            &t.inspector.token,
            json!({ "records": [bad] }),
        )
        .await;
    assert_eq!(status(&refused), "rejected", "{}", refused.body);
    let listed = app.get("/api/v1/samples", &t.head.token).await;
    assert_eq!(listed.body.as_array().unwrap().len(), 1);
    app.stop().await;
}
both_engines!(issue_14_samples_taken_offline_come_in_by_sync_once);
