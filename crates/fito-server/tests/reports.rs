//! The Head's analytics (issue 13, R-ROLE-1: the Head views reports): the dashboard,
//! its XLSX and PDF, bound to the caller's subtree and journalled.

mod common;

use common::fieldwork::*;
use common::{Caller, TestApp};
use fito_store::{Engine, both_engines};
use reqwest::StatusCode;
use serde_json::{Value, json};

const PERIOD: &str = "from=2026-01-01&to=2026-12-31";

async fn dashboard(app: &TestApp, who: &Caller, query: &str) -> Value {
    let a = app
        .get(&format!("/api/v1/reports/dashboard?{query}"), &who.token)
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    a.body
}

async fn issue_13_a_head_sees_their_region_only_the_administrator_the_country(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    ordinary_organism(&app, &t.admin).await;
    new_survey(&app, &t).await;
    let (head_b, inspector_b) = region_b(&app, &t).await;

    // Region A: 2 foci on 100 ha surveyed, 9.2 ha infested, all in Akmola (11…).
    let a = dashboard(&app, &t.head, PERIOD).await;
    assert_eq!(
        a["totals"],
        json!({ "surveyed_ha": 100.0, "infested_ha": 9.2, "foci": 2 })
    );
    assert_eq!(
        a["regions"].as_array().unwrap().len(),
        1,
        "{}",
        a["regions"]
    );
    assert_eq!(a["regions"][0]["kato"], "110000000");
    assert_eq!(a["regions"][0]["name"], "Ақмола облысы");
    assert_eq!(
        a["organisms"][0]["eppo_code"], "ZZORDN",
        "the most infested first"
    );
    assert_eq!(a["quarantine"].as_array().unwrap().len(), 1);
    assert_eq!(a["quarantine"][0]["object_name"], "Бидай алқабы");
    assert_eq!(a["trend"].as_array().unwrap().len(), 12);
    assert_eq!(a["trend"][5]["month"], "2026-06");
    assert_eq!(a["trend"][5]["current"]["foci"], 2);
    // Names, not ids: the inspector's decrypted name.
    assert_eq!(a["inspectors"][0]["name"], "Сейітқали Әйгерім Қуанышқызы");
    assert_eq!(a["inspectors"][0]["surveys"], 1);
    assert_eq!(a["inspectors"][0]["field_days"], 1);
    assert_eq!(
        a["inspectors"].as_array().unwrap().len(),
        1,
        "B's inspector is not counted"
    );

    // Region B sees only its own finding.
    let b = dashboard(&app, &head_b, PERIOD).await;
    assert_eq!(
        b["totals"],
        json!({ "surveyed_ha": 20.0, "infested_ha": 7.0, "foci": 1 })
    );
    assert_eq!(b["regions"][0]["kato"], "100000000");
    assert_eq!(b["inspectors"][0]["inspector_id"], inspector_b.user_id);

    // The administrator sees the country; a Head cannot ask for the other region.
    let all = dashboard(&app, &t.admin, PERIOD).await;
    assert_eq!(all["totals"]["foci"], 3);
    assert_eq!(all["regions"].as_array().unwrap().len(), 2);
    let org_b = b["organization"]["id"].as_str().unwrap();
    let hidden = app
        .get(
            &format!("/api/v1/reports/dashboard?organization_id={org_b}"),
            &t.head.token,
        )
        .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND, "{}", hidden.body);
    let inspector = app
        .get("/api/v1/reports/dashboard", &t.inspector.token)
        .await;
    assert_eq!(inspector.status, StatusCode::FORBIDDEN);

    // Filters narrow: KATO of region B from the administrator, then an organism.
    let abai = dashboard(&app, &t.admin, &format!("{PERIOD}&kato=100000000")).await;
    assert_eq!(abai["totals"]["foci"], 1);
    let ordinary = dashboard(&app, &t.admin, &format!("{PERIOD}&organism=zzordn")).await;
    assert_eq!(ordinary["totals"]["infested_ha"], 6.0);
    let quarantine = dashboard(&app, &t.admin, &format!("{PERIOD}&category=quarantine")).await;
    assert_eq!(quarantine["totals"]["foci"], 2);

    // Reading a report is journalled.
    let journal = common::privacy::journal(&app, &t.admin, "report.dashboard").await;
    assert!(journal.len() >= 6, "{journal:?}");
    app.stop().await;
}
both_engines!(issue_13_a_head_sees_their_region_only_the_administrator_the_country);

async fn issue_13_bad_filters_are_refused_with_a_reason(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    for (query, code) in [
        ("from=2026-05-01&to=2026-04-01", "report-period-invalid"),
        ("from=2010-01-01&to=2026-01-01", "report-period-too-long"),
        ("category=rare", "report-category-unknown"),
        ("kato=11", "kato-code-invalid"),
        ("organism=no", "eppo-code-invalid"),
        ("crop=a%27b", "report-filter-invalid"),
    ] {
        let a = app
            .get(&format!("/api/v1/reports/dashboard?{query}"), &t.head.token)
            .await;
        assert!(a.status.is_client_error(), "{query}: {}", a.status);
        assert_eq!(a.code(), code, "{query}");
    }
    app.stop().await;
}
both_engines!(issue_13_bad_filters_are_refused_with_a_reason);

fn workbook(xlsx: &[u8]) -> Vec<(String, Vec<Vec<String>>)> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.to_vec())).unwrap();
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let rows = range
                .rows()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect();
            (name, rows)
        })
        .collect()
}

fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (Debian's poppler-utils) is installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

async fn issue_13_the_report_as_xlsx_and_pdf_with_names_and_kato_codes(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    ordinary_organism(&app, &t.admin).await;
    new_survey(&app, &t).await;
    let (status, headers, xlsx) =
        bytes(&app, &format!("/api/v1/reports/xlsx?{PERIOD}"), &t.head).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .contains("spreadsheetml")
    );
    let book = workbook(&xlsx);
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Жиынтық",
            "Облыстар",
            "Аудандар",
            "Организмдер",
            "Айлар бойынша",
            "Карантиндік",
            "Актілер",
            "Мерзімі өткен",
            "Тапсырмалар",
            "Инспекторлар"
        ]
    );
    let summary = &book[0].1;
    assert!(
        summary
            .iter()
            .any(|r| r[0] == "Зақымдалған алаң, га" && r[1] == "9.2"),
        "{summary:?}"
    );
    let regions = &book[1].1;
    assert_eq!(regions[0][0], "ҚАТО коды");
    assert_eq!(
        regions[1][..4],
        ["110000000", "Ақмола облысы", "100", "9.2"]
    );
    let inspectors = &book[9].1;
    assert_eq!(inspectors[1][0], "Сейітқали Әйгерім Қуанышқызы");

    let (status, headers, pdf) = bytes(
        &app,
        &format!("/api/v1/reports/pdf?{PERIOD}&crop=wheat_spring"),
        &t.head,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/pdf");
    let text = pdftotext(&pdf);
    for needle in [
        "Ақмола инспекциясы (kk)",
        "Фитосанитариялық жағдай туралы есеп",
        "2026-01-01 — 2026-12-31",
        "wheat_spring",
        "100.00",
        "9.20",
        "Ақмола облысы",
        "Сейітқали Әйгерім Қуанышқызы",
    ] {
        assert!(text.contains(needle), "{needle} is missing from:\n{text}");
    }
    for action in ["report.xlsx", "report.pdf"] {
        assert_eq!(
            common::privacy::journal(&app, &t.admin, action).await.len(),
            1,
            "{action}"
        );
    }
    app.stop().await;
}
both_engines!(issue_13_the_report_as_xlsx_and_pdf_with_names_and_kato_codes);
