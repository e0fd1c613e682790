//! Acts through the API (R-ACT-1..3): the workflow from draft to registered, and the
//! PDF with every Kazakh letter, its number, never changing once signed.

mod common;

use common::TestApp;
use common::fieldwork::*;
use fito_store::{Engine, both_engines};
use reqwest::{Method, StatusCode};
use serde_json::json;

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
