//! Field work through the API: survey tasks (R-SURV-2), surveys and findings
//! (R-SURV-1), acts with their workflow and PDF (R-ACT-1..3), notifications
//! (R-NOTIF-1) and the Excel exports.

mod common;

use common::{Answer, Caller, TestApp};
use fito_store::{Engine, both_engines};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// A Head, an inspector and an operator of one inspectorate, and a field.
struct Team {
    admin: Caller,
    org: String,
    head: Caller,
    inspector: Caller,
    operator: Caller,
    field: String,
}

async fn team(app: &TestApp) -> Team {
    let admin = app.admin().await;
    let org = app
        .create_org(&admin, &app.root_org, "Ақмола инспекциясы")
        .await;
    let head = app.create_user(&admin, "head", &org).await;
    let inspector = app.create_user(&admin, "inspector", &org).await;
    let operator = app.create_user(&admin, "operator", &org).await;
    let d = 0.01;
    let (lon, lat) = (71.4, 51.1);
    let a = app
        .post(
            "/api/v1/objects",
            &inspector.token,
            json!({ "type": "field", "name": "Бидай алқабы", "kato": "110000000",
                "owner": { "kind": "legal_entity", "name": "«Астық» ЖШС", "bin": "260240002570" },
                "geometry": { "type": "Polygon", "coordinates": [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] } }),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    Team {
        admin,
        org,
        head,
        inspector,
        operator,
        field: a.body["id"].as_str().unwrap().to_string(),
    }
}

fn task(t: &Team, starts: &str, due: &str) -> Value {
    json!({ "assignee_id": t.inspector.user_id, "basis": "plan", "object_ids": [t.field],
        "starts_on": starts, "due_on": due, "note": "Жоспарлы тексеру" })
}

async fn notifications(app: &TestApp, who: &Caller, lang: &str) -> Vec<Value> {
    let a = app
        .call_with(
            Method::GET,
            "/api/v1/notifications",
            Some(&who.token),
            None,
            &[("accept-language", lang)],
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    a.body.as_array().unwrap().clone()
}

async fn r_surv_2_a_head_assigns_tasks_and_is_warned_before_the_art_18_limit(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    // Only a Head assigns.
    let by_inspector = app
        .post(
            "/api/v1/survey-tasks",
            &t.inspector.token,
            task(&t, "2026-03-02", "2026-03-03"),
        )
        .await;
    assert_eq!(by_inspector.status, StatusCode::FORBIDDEN);
    for (starts, due) in [
        ("2026-03-02", "2026-03-03"),
        ("2026-05-04", "2026-05-04"),
        ("2026-07-06", "2026-07-07"),
    ] {
        let a = app
            .post("/api/v1/survey-tasks", &t.head.token, task(&t, starts, due))
            .await;
        assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
        assert_eq!(a.body["warnings"], json!([]));
    }
    // The inspector is told, in their language.
    let told = notifications(&app, &t.inspector, "ru").await;
    assert_eq!(told.len(), 3);
    assert!(
        told[0]["message"].as_str().unwrap().contains("2026-07-07"),
        "{:?}",
        told[0]
    );
    // A fourth visit in one year and a three-day visit: warned, refused unconfirmed.
    let fourth = task(&t, "2026-09-01", "2026-09-03");
    let check = app
        .post("/api/v1/survey-tasks/check", &t.head.token, fourth.clone())
        .await;
    assert_eq!(check.status, StatusCode::OK, "{}", check.body);
    let codes: Vec<&str> = check.body["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["warning"]["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["too-long", "too-many-visits"]);
    assert!(
        check.body["warnings"][1]["message"]
            .as_str()
            .unwrap()
            .contains('4')
    );
    let before = app.audit_count().await;
    let refused = app
        .post("/api/v1/survey-tasks", &t.head.token, fourth.clone())
        .await;
    assert_eq!(
        (refused.status, refused.code()),
        (StatusCode::CONFLICT, "task-visit-limit")
    );
    assert_eq!(app.audit_count().await, before, "nothing written");
    let mut confirmed = fourth.clone();
    confirmed["confirm_warnings"] = json!(true);
    let a = app
        .post("/api/v1/survey-tasks", &t.head.token, confirmed)
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    assert_eq!(a.body["warnings"].as_array().unwrap().len(), 2);
    // A cancelled task's visit does not count (the next would be the 4th, not the
    // 5th); the next year counts afresh.
    let id = a.body["id"].as_str().unwrap();
    let cancelled = app
        .post(
            &format!("/api/v1/survey-tasks/{id}/cancel"),
            &t.head.token,
            json!({}),
        )
        .await;
    assert_eq!(cancelled.body["status"], "cancelled", "{}", cancelled.body);
    let again = app
        .post(
            "/api/v1/survey-tasks/check",
            &t.head.token,
            task(&t, "2026-10-01", "2026-10-02"),
        )
        .await;
    assert_eq!(
        again.body["warnings"][0]["warning"]["visit"], 4,
        "{}",
        again.body
    );
    let next_year = app
        .post(
            "/api/v1/survey-tasks/check",
            &t.head.token,
            task(&t, "2027-01-12", "2027-01-13"),
        )
        .await;
    assert_eq!(next_year.body["warnings"], json!([]), "{}", next_year.body);
    // The inspector sees their tasks and closes one.
    let mine = app
        .get(
            "/api/v1/survey-tasks?mine=true&status=open",
            &t.inspector.token,
        )
        .await;
    assert_eq!(mine.body.as_array().unwrap().len(), 3, "{}", mine.body);
    let first = mine.body[0]["id"].as_str().unwrap();
    let done = app
        .post(
            &format!("/api/v1/survey-tasks/{first}/done"),
            &t.inspector.token,
            json!({}),
        )
        .await;
    assert_eq!(done.body["status"], "done", "{}", done.body);
    // Dates the wrong way round and an unknown basis are refused.
    let reversed = app
        .post(
            "/api/v1/survey-tasks",
            &t.head.token,
            task(&t, "2026-04-05", "2026-04-01"),
        )
        .await;
    assert_eq!(reversed.code(), "task-dates-reversed");
    let mut odd = task(&t, "2026-04-01", "2026-04-01");
    odd["basis"] = json!("whim");
    assert_eq!(
        app.post("/api/v1/survey-tasks", &t.head.token, odd)
            .await
            .code(),
        "task-basis-unknown"
    );
    app.stop().await;
}
both_engines!(r_surv_2_a_head_assigns_tasks_and_is_warned_before_the_art_18_limit);

/// A survey of the team's field with one quarantine and one ordinary finding.
fn survey_body(t: &Team, id: &str) -> Value {
    json!({
        "id": id, "object_id": t.field, "surveyed_at": "2026-06-10T05:30:00Z",
        "crop": "wheat_spring", "growth_phase": "түтіктену",
        "points": [
            { "lat": 51.101, "lon": 71.401, "accuracy_m": 4.5, "fixed_at": "2026-06-10T05:31:00Z",
              "findings": [
                { "organism": "ACLRGL", "development_stage": "дернәсіл",
                  "intensity": { "kind": "per_plant", "value": 2.5 },
                  "area_surveyed_ha": 50.0, "area_infested_ha": 3.2, "area_above_threshold_ha": 1.1,
                  "samples": [{ "sample_number": "Ү-1", "lab_referral_number": "ЗЖ-2026/15" }] }
              ] },
            { "lat": 51.102, "lon": 71.403, "accuracy_m": 6.0, "fixed_at": "2026-06-10T05:40:00Z",
              "findings": [
                { "organism": "ZZORDN", "intensity": { "kind": "prevalence_percent", "value": 12.0 },
                  "area_surveyed_ha": 50.0, "area_infested_ha": 6.0 }
              ] }
        ]
    })
}

async fn ordinary_organism(app: &TestApp, admin: &Caller) {
    let a = app
        .call(
            Method::PUT,
            "/api/v1/reference/organisms/ZZORDN",
            Some(&admin.token),
            Some(json!({ "kind": "disease", "category": "other", "name_la": "Ordinaria testa", "name_kk": "Қарапайым ауру", "name_ru": "Обычная болезнь", "name_en": null, "active": true })),
        )
        .await;
    assert!(a.status.is_success(), "{}", a.body);
}

async fn r_surv_1_a_survey_with_a_quarantine_finding_flags_the_object_and_tells_the_head(
    engine: Engine,
) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    ordinary_organism(&app, &t.admin).await;
    let id = uuid::Uuid::now_v7().to_string();
    let a = app
        .post("/api/v1/surveys", &t.inspector.token, survey_body(&t, &id))
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    assert_eq!(a.body["id"], id.as_str());
    assert_eq!(a.body["quarantine_found"], true);
    // The category came from the reference list: A1 → quarantine, other → ordinary.
    assert_eq!(a.body["points"][0]["findings"][0]["category"], "quarantine");
    assert_eq!(a.body["points"][1]["findings"][0]["category"], "ordinary");
    // The object carries the flag as a new version of it.
    let history = app
        .get(
            &format!("/api/v1/objects/{}/history", t.field),
            &t.head.token,
        )
        .await;
    let changes: Vec<&str> = history
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["change"].as_str().unwrap())
        .collect();
    assert_eq!(changes, ["create", "quarantine-found"]);
    // The Head is told.
    let told = notifications(&app, &t.head, "kk").await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0]["kind"], "quarantine-found");
    assert!(told[0]["message"].as_str().unwrap().contains("ACLRGL"));
    // The register can be filtered by the organism found.
    let found = app
        .get("/api/v1/objects?organism=ACLRGL", &t.head.token)
        .await;
    assert_eq!(
        found.body["features"].as_array().unwrap().len(),
        1,
        "{}",
        found.body
    );
    let none = app
        .get("/api/v1/objects?organism=ACUPFU", &t.head.token)
        .await;
    assert_eq!(none.body["features"].as_array().unwrap().len(), 0);
    // The app sends the same survey again after a cut connection: nothing changes.
    let before = app.audit_count().await;
    let again = app
        .post("/api/v1/surveys", &t.inspector.token, survey_body(&t, &id))
        .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(again.body["version"], 1);
    assert_eq!(app.audit_count().await, before);
    assert_eq!(
        app.get("/api/v1/surveys", &t.head.token)
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // Other content under a taken id is refused.
    let mut other = survey_body(&t, &id);
    other["growth_phase"] = json!("гүлдену");
    other["points"][0]["accuracy_m"] = json!(9.0);
    assert_eq!(
        app.post("/api/v1/surveys", &t.inspector.token, other)
            .await
            .code(),
        "survey-id-taken"
    );
    // Bad findings are refused and change nothing.
    for (path, value, code) in [
        ("organism", json!("ZZNONE"), "finding-organism-unknown"),
        (
            "area_infested_ha",
            json!(80.0),
            "finding-areas-inconsistent",
        ),
        ("area_surveyed_ha", json!(-1.0), "field-not-non-negative"),
        (
            "intensity",
            json!({ "kind": "prevalence_percent", "value": 140.0 }),
            "finding-intensity-out-of-range",
        ),
    ] {
        let mut bad = survey_body(&t, &uuid::Uuid::now_v7().to_string());
        bad["points"][0]["findings"][0][path] = value;
        let a = app.post("/api/v1/surveys", &t.inspector.token, bad).await;
        assert_eq!(
            (a.status, a.code()),
            (StatusCode::UNPROCESSABLE_ENTITY, code),
            "{}",
            a.body
        );
    }
    let mut outside = survey_body(&t, &uuid::Uuid::now_v7().to_string());
    outside["points"][0]["lat"] = json!(120.0);
    assert_eq!(
        app.post("/api/v1/surveys", &t.inspector.token, outside)
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(app.audit_count().await, before);
    // An ad-hoc place instead of an object; an operator cannot record surveys.
    let mut adhoc = survey_body(&t, &uuid::Uuid::now_v7().to_string());
    adhoc.as_object_mut().unwrap().remove("object_id");
    adhoc["place"] = json!({ "type": "Point", "coordinates": [76.9, 43.2] });
    let a = app
        .post("/api/v1/surveys", &t.inspector.token, adhoc.clone())
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    assert_eq!(
        app.post("/api/v1/surveys", &t.operator.token, adhoc)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // Replacing a survey needs its version.
    let mut changed = survey_body(&t, &id);
    changed["version"] = json!(1);
    changed["notes"] = json!("Қайта тексерілді");
    let a = app
        .call(
            Method::PUT,
            &format!("/api/v1/surveys/{id}"),
            Some(&t.inspector.token),
            Some(changed.clone()),
        )
        .await;
    assert_eq!(
        (a.status, a.body["version"].as_i64()),
        (StatusCode::OK, Some(2)),
        "{}",
        a.body
    );
    let stale = app
        .call(
            Method::PUT,
            &format!("/api/v1/surveys/{id}"),
            Some(&t.inspector.token),
            Some(changed),
        )
        .await;
    assert_eq!(stale.code(), "survey-version-conflict");
    app.stop().await;
}
both_engines!(r_surv_1_a_survey_with_a_quarantine_finding_flags_the_object_and_tells_the_head);

async fn new_survey(app: &TestApp, t: &Team) -> String {
    let id = uuid::Uuid::now_v7().to_string();
    let a = app
        .post("/api/v1/surveys", &t.inspector.token, survey_body(t, &id))
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    id
}

async fn step(
    app: &TestApp,
    who: &Caller,
    act: &Value,
    step: &str,
    comment: Option<&str>,
) -> Answer {
    let id = act["id"].as_str().unwrap();
    app.post(
        &format!("/api/v1/acts/{id}/{step}"),
        &who.token,
        json!({ "version": act["version"], "comment": comment }),
    )
    .await
}

/// Every Kazakh letter, in an inspector's conclusion.
const KAZAKH: &str = "Әңгіме: қызғылт өрік ұнады, үйде һәм бәрі дұрыс.";

async fn r_act_2_an_act_goes_from_draft_to_registered_and_then_never_changes(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    ordinary_organism(&app, &t.admin).await;
    let survey = new_survey(&app, &t).await;
    let made = app
        .post(
            &format!("/api/v1/surveys/{survey}/acts"),
            &t.inspector.token,
            json!({ "act_type": "quarantine-survey", "language": "kk-ru", "location": "Целиноград ауданы" }),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let mut act = made.body.clone();
    let id = act["id"].as_str().unwrap().to_string();
    // Pre-filled from the survey.
    assert_eq!(act["content"]["points"].as_array().unwrap().len(), 2);
    assert_eq!(act["content"]["crop"], "wheat_spring");
    // The inspector edits the draft.
    let edited = app
        .call(
            Method::PATCH,
            &format!("/api/v1/acts/{id}"),
            Some(&t.inspector.token),
            Some(json!({ "version": act["version"], "conclusions": KAZAKH,
                "measures": [{ "text": "Алқапты залалсыздандыру", "deadline": "2026-07-01" }],
                "parties": [{ "role": "owner_representative", "name": "Серік Ахметов", "position": "агроном" }] })),
        )
        .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
    act = edited.body.clone();
    // Approval needs a submitted act; only the Head approves; only the author submits.
    assert_eq!(
        step(&app, &t.head, &act, "approve", None).await.code(),
        "act-step-not-allowed"
    );
    assert_eq!(
        step(&app, &t.operator, &act, "submit", None).await.status,
        StatusCode::FORBIDDEN
    );
    let submitted = step(&app, &t.inspector, &act, "submit", None).await;
    assert_eq!(submitted.body["status"], "submitted", "{}", submitted.body);
    act = submitted.body.clone();
    // Submitted: no more edits until returned.
    let locked = app
        .call(
            Method::PATCH,
            &format!("/api/v1/acts/{id}"),
            Some(&t.inspector.token),
            Some(json!({ "version": act["version"], "conclusions": "x" })),
        )
        .await;
    assert_eq!(locked.code(), "act-not-editable");
    // Returning needs a comment; the inspector corrects and submits again.
    assert_eq!(
        step(&app, &t.head, &act, "return", None).await.code(),
        "act-return-comment-required"
    );
    let returned = step(
        &app,
        &t.head,
        &act,
        "return",
        Some("Шараның мерзімін нақтылаңыз"),
    )
    .await;
    assert_eq!(returned.body["status"], "returned", "{}", returned.body);
    act = returned.body.clone();
    let told = notifications(&app, &t.inspector, "kk").await;
    assert_eq!(told[0]["kind"], "act-returned");
    act = step(&app, &t.inspector, &act, "submit", None).await.body;
    let approved = step(&app, &t.head, &act, "approve", None).await;
    assert_eq!(approved.body["status"], "approved", "{}", approved.body);
    let number = approved.body["registry_number"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(number.ends_with("/000001"), "{number}");
    act = approved.body.clone();
    // Signing is the inspector's alone.
    assert_eq!(
        app.sign_act(&t.operator, &act).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.sign_act(&t.head, &act).await.status,
        StatusCode::FORBIDDEN
    );
    let signed = app.sign_act(&t.inspector, &act).await;
    assert_eq!(signed.body["status"], "signed", "{}", signed.body);
    let pdf_sha = signed.body["pdf_sha256"].as_str().unwrap().to_string();
    act = signed.body.clone();
    // Signed: any change is refused and journalled (R-ACT-3).
    let before = app.audit_count().await;
    let frozen = app
        .call(
            Method::PATCH,
            &format!("/api/v1/acts/{id}"),
            Some(&t.inspector.token),
            Some(json!({ "version": act["version"], "conclusions": "өзгерту" })),
        )
        .await;
    assert_eq!(
        (frozen.status, frozen.code()),
        (StatusCode::CONFLICT, "act-frozen")
    );
    assert!(frozen.title().contains("журнал"), "{}", frozen.body);
    assert_eq!(
        step(&app, &t.head, &act, "return", Some("қайта"))
            .await
            .code(),
        "act-step-not-allowed"
    );
    assert_eq!(
        app.audit_count().await,
        before + 2,
        "both refusals are journalled"
    );
    let journal = app
        .get(
            &format!("/api/v1/audit?target_id={id}&limit=100"),
            &t.admin.token,
        )
        .await;
    let refused = journal.body["entries"]
        .as_array()
        .or(journal.body.as_array())
        .unwrap()
        .iter()
        .filter(|e| e["outcome"] == "refused")
        .count();
    assert_eq!(refused, 2, "{}", journal.body);
    // The operator registers it.
    let registered = step(&app, &t.operator, &act, "register", None).await;
    assert_eq!(
        registered.body["status"], "registered",
        "{}",
        registered.body
    );
    assert_eq!(registered.body["pdf_sha256"], pdf_sha.as_str());
    // The history tells every step, in order, with the return comment.
    let history = app
        .get(&format!("/api/v1/acts/{id}/history"), &t.head.token)
        .await;
    let steps: Vec<&str> = history
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["step"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        [
            "create", "submit", "return", "submit", "approve", "sign", "register"
        ]
    );
    assert_eq!(history.body[2]["comment"], "Шараның мерзімін нақтылаңыз");
    // The next approval of the organisation takes the next number, without gaps.
    let second = app
        .post(
            &format!("/api/v1/surveys/{survey}/acts"),
            &t.inspector.token,
            json!({ "act_type": "sampling" }),
        )
        .await
        .body;
    let second = step(&app, &t.inspector, &second, "submit", None).await.body;
    let second = step(&app, &t.head, &second, "approve", None).await.body;
    assert_eq!(
        second["registry_number"].as_str().unwrap(),
        number.replace("/000001", "/000002")
    );
    // Lists and the Excel export follow the filters.
    let registered = app
        .get("/api/v1/acts?status=registered", &t.head.token)
        .await;
    assert_eq!(registered.body.as_array().unwrap().len(), 1);
    app.stop().await;
}
both_engines!(r_act_2_an_act_goes_from_draft_to_registered_and_then_never_changes);

fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("act.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (Debian's poppler-utils) is installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

async fn bytes(
    app: &TestApp,
    path: &str,
    who: &Caller,
) -> (StatusCode, reqwest::header::HeaderMap, Vec<u8>) {
    let res = app
        .http
        .get(format!("{}{}", app.base, path))
        .bearer_auth(&who.token)
        .send()
        .await
        .unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    (status, headers, res.bytes().await.unwrap().to_vec())
}

async fn r_act_1_the_pdf_keeps_every_kazakh_letter_its_number_and_never_changes_once_signed(
    engine: Engine,
) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    ordinary_organism(&app, &t.admin).await;
    // The organisation's details are printed in the act's header.
    let address = app
        .call(
            Method::PATCH,
            &format!("/api/v1/organizations/{}", t.org),
            Some(&t.admin.token),
            Some(json!({ "address": "Көкшетау қ., Әуезов к-сі, 189А" })),
        )
        .await;
    assert_eq!(address.status, StatusCode::OK, "{}", address.body);
    let survey = new_survey(&app, &t).await;
    let act = app
        .post(
            &format!("/api/v1/surveys/{survey}/acts"),
            &t.inspector.token,
            json!({ "act_type": "crop-monitoring", "language": "kk", "conclusions": KAZAKH }),
        )
        .await
        .body;
    let id = act["id"].as_str().unwrap().to_string();
    // A draft renders the same bytes twice.
    let (status, headers, draft) =
        bytes(&app, &format!("/api/v1/acts/{id}/pdf"), &t.inspector).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/pdf");
    assert_eq!(
        bytes(&app, &format!("/api/v1/acts/{id}/pdf"), &t.head)
            .await
            .2,
        draft
    );
    let act = step(&app, &t.inspector, &act, "submit", None).await.body;
    let act = step(&app, &t.head, &act, "approve", None).await.body;
    let number = act["registry_number"].as_str().unwrap().to_string();
    let act = app.sign_act(&t.inspector, &act).await.body;
    let (_, _, signed) = bytes(&app, &format!("/api/v1/acts/{id}/pdf"), &t.operator).await;
    assert!(signed.starts_with(b"%PDF-"));
    let text = pdftotext(&signed);
    for letter in ["ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "һ", "і"] {
        assert!(
            text.to_lowercase().contains(letter),
            "{letter} lost in: {text}"
        );
    }
    assert!(
        text.contains(&number),
        "registry number {number} in: {text}"
    );
    assert!(text.contains("ACLRGL"), "findings table");
    assert!(
        text.contains("Әуезов к-сі, 189А"),
        "organisation address: {text}"
    );
    // The stored PDF is what was signed: its hash is on the act, and it does not
    // change when the register does.
    use sha2::Digest;
    assert_eq!(
        hex::encode(sha2::Sha256::digest(&signed)),
        act["pdf_sha256"].as_str().unwrap()
    );
    let renamed = app
        .call(
            Method::PATCH,
            &format!("/api/v1/objects/{}", t.field),
            Some(&t.inspector.token),
            Some(json!({ "version": 2, "name": "Жаңа атау" })),
        )
        .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
    assert_eq!(
        bytes(&app, &format!("/api/v1/acts/{id}/pdf"), &t.head)
            .await
            .2,
        signed
    );
    app.stop().await;
}
both_engines!(r_act_1_the_pdf_keeps_every_kazakh_letter_its_number_and_never_changes_once_signed);

async fn upload(
    app: &TestApp,
    who: &Caller,
    path: &str,
    name: &str,
    body: Vec<u8>,
    lang: &str,
) -> Answer {
    let res = app
        .http
        .post(format!("{}{}?name={}", app.base, path, name))
        .bearer_auth(&who.token)
        .header("content-type", "application/pdf")
        .header("accept-language", lang)
        .body(body)
        .send()
        .await
        .unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let text = res.text().await.unwrap();
    Answer {
        status,
        headers,
        body: serde_json::from_str(&text).unwrap_or(Value::String(text)),
    }
}

/// A real 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

fn stored_blobs(app: &TestApp) -> usize {
    let root = app.data_dir.join("files");
    std::fs::read_dir(&root)
        .map(|dirs| {
            dirs.flatten()
                .filter(|d| d.file_name() != ".incoming")
                .map(|d| std::fs::read_dir(d.path()).map(|f| f.count()).unwrap_or(0))
                .sum()
        })
        .unwrap_or(0)
}

async fn r_doc_1_documents_are_typed_by_content_and_photos_never_stored(engine: Engine) {
    let app = TestApp::start_with(engine, |c| c.max_document_bytes = 64 * 1024).await;
    let t = team(&app).await;
    let path = format!("/api/v1/objects/{}/documents", t.field);
    let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
        .to_vec();
    let a = upload(
        &app,
        &t.operator,
        &path,
        "%D0%90%D0%BA%D1%82%20%E2%84%961.pdf",
        pdf.clone(),
        "kk",
    )
    .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    assert_eq!(
        (a.body["kind"].as_str(), a.body["file_name"].as_str()),
        (Some("pdf"), Some("Акт №1.pdf"))
    );
    let doc = a.body["id"].as_str().unwrap().to_string();
    // A CSV sent as "application/pdf" is still a CSV.
    let csv = "eppo;ga\nACLRGL;3.2\n".as_bytes().to_vec();
    let a = upload(&app, &t.inspector, &path, "table.pdf", csv, "kk").await;
    assert_eq!(a.body["kind"], "csv", "{}", a.body);
    let blobs = stored_blobs(&app);
    assert_eq!(blobs, 2);
    // A photograph named like a document is refused with the policy's reason.
    let before = app.audit_count().await;
    let a = upload(&app, &t.inspector, &path, "act.pdf", PNG.to_vec(), "ru").await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::UNSUPPORTED_MEDIA_TYPE, "document-image-refused"),
        "{}",
        a.body
    );
    assert!(
        a.title().contains("PNG") && a.title().contains("фотографии"),
        "{}",
        a.body
    );
    assert_eq!(stored_blobs(&app), blobs, "the photo is not kept");
    assert_eq!(
        app.audit_count().await,
        before + 1,
        "the refusal is journalled"
    );
    // Too large: stopped while streaming, nothing kept.
    let mut big = pdf.clone();
    big.resize(200 * 1024, b' ');
    let a = upload(&app, &t.inspector, &path, "big.pdf", big, "en").await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::PAYLOAD_TOO_LARGE, "document-too-large")
    );
    assert_eq!(stored_blobs(&app), blobs);
    let incoming = std::fs::read_dir(app.data_dir.join("files/.incoming"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(incoming, 0, "no half-written upload left behind");
    // An executable is not a document; a Head keeps no documents.
    let a = upload(
        &app,
        &t.inspector,
        &path,
        "tool.pdf",
        b"\x7fELF\x02\x01\x01\x00rest".to_vec(),
        "en",
    )
    .await;
    assert_eq!(a.code(), "document-type-unsupported");
    assert_eq!(
        upload(&app, &t.head, &path, "a.pdf", pdf.clone(), "en")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // The list and the download.
    let list = app.get(&path, &t.head.token).await;
    assert_eq!(list.body.as_array().unwrap().len(), 2);
    let (status, headers, body) = bytes(&app, &format!("/api/v1/documents/{doc}"), &t.head).await;
    assert_eq!((status, body), (StatusCode::OK, pdf));
    assert_eq!(headers["content-type"], "application/pdf");
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("UTF-8''%D0%90%D0%BA%D1%82")
    );
    // Outside the organisation's subtree the document does not exist.
    let away = app
        .create_org(&t.admin, &app.root_org, "Басқа инспекция")
        .await;
    let stranger = app.create_user(&t.admin, "head", &away).await;
    assert_eq!(
        bytes(&app, &format!("/api/v1/documents/{doc}"), &stranger)
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let _ = t.org;
    app.stop().await;
}
both_engines!(r_doc_1_documents_are_typed_by_content_and_photos_never_stored);

fn sheet_rows(xlsx: &[u8]) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.to_vec())).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

async fn r_surv_1_findings_and_acts_export_to_excel_with_the_filters(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    ordinary_organism(&app, &t.admin).await;
    let survey = new_survey(&app, &t).await;
    app.post(
        &format!("/api/v1/surveys/{survey}/acts"),
        &t.inspector.token,
        json!({ "act_type": "sampling" }),
    )
    .await;
    let (status, headers, xlsx) =
        bytes(&app, "/api/v1/findings/export?category=quarantine", &t.head).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .contains("spreadsheetml")
    );
    let rows = sheet_rows(&xlsx);
    assert_eq!(
        rows.len(),
        2,
        "title row and the one quarantine finding: {rows:?}"
    );
    assert_eq!(rows[0][6], "EPPO коды");
    assert_eq!(rows[1][6], "ACLRGL");
    assert_eq!(rows[1][8], "карантиндік");
    assert_eq!(rows[1][15], "Ү-1 (ЗЖ-2026/15)");
    let all = sheet_rows(&bytes(&app, "/api/v1/findings/export", &t.head).await.2);
    assert_eq!(all.len(), 3);
    let acts = sheet_rows(
        &bytes(&app, "/api/v1/acts/export?status=draft", &t.head)
            .await
            .2,
    );
    assert_eq!(acts.len(), 2, "{acts:?}");
    assert_eq!(acts[1][2], "жоба");
    let none = sheet_rows(
        &bytes(&app, "/api/v1/acts/export?status=signed", &t.head)
            .await
            .2,
    );
    assert_eq!(none.len(), 1);
    app.stop().await;
}
both_engines!(r_surv_1_findings_and_acts_export_to_excel_with_the_filters);
