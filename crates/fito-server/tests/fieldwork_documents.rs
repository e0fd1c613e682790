//! Documents attached to field work (R-DOC-1): typed by their content, photos never
//! stored.

mod common;

use common::fieldwork::*;
use common::{Answer, Caller, TestApp};
use fito_store::{Engine, both_engines};
use reqwest::StatusCode;
use serde_json::Value;

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
