//! Findings and acts exported to Excel with the list filters (R-SURV-1).

mod common;

use common::TestApp;
use common::fieldwork::*;
use fito_store::{Engine, both_engines};
use reqwest::StatusCode;
use serde_json::json;

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
    // Names and places, not bare ids (issue 13, issue 15).
    assert_eq!(rows[1][2], "Бидай алқабы");
    assert_eq!(
        rows[0][17..21],
        ["Инспектор", "ҚАТО коды", "Облыс", "Аудан"]
    );
    assert_eq!(
        rows[1][17..20],
        ["Сейітқали Әйгерім Қуанышқызы", "110000000", "Ақмола облысы"]
    );
    assert_eq!(rows[1][21], t.field);
    let all = sheet_rows(&bytes(&app, "/api/v1/findings/export", &t.head).await.2);
    assert_eq!(all.len(), 3);
    let acts = sheet_rows(
        &bytes(&app, "/api/v1/acts/export?status=draft", &t.head)
            .await
            .2,
    );
    assert_eq!(acts.len(), 2, "{acts:?}");
    assert_eq!(acts[1][2], "жоба");
    assert_eq!(
        acts[1][6..8],
        ["Бидай алқабы", "Сейітқали Әйгерім Қуанышқызы"]
    );
    assert_eq!(acts[1][10..12], ["110000000", "Ақмола облысы"]);
    assert_eq!(
        acts[1][13..15],
        [t.field.clone(), t.inspector.user_id.clone()]
    );
    let none = sheet_rows(
        &bytes(&app, "/api/v1/acts/export?status=signed", &t.head)
            .await
            .2,
    );
    assert_eq!(none.len(), 1);
    app.stop().await;
}
both_engines!(r_surv_1_findings_and_acts_export_to_excel_with_the_filters);
