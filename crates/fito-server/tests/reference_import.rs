//! A whole dictionary from a CSV or XLSX file, previewed as a diff and then applied
//! (issue 15, R-OBJ-2): how the operator loads the EAEU reference book of quarantine
//! objects. Both engines.

mod common;

use common::{Caller, TestApp};
use fito_store::{Engine, both_engines};
use reqwest::StatusCode;
use serde_json::Value;

fn items(a: &common::Answer) -> Vec<Value> {
    a.body.as_array().cloned().unwrap_or_default()
}

async fn organisms(app: &TestApp, who: &Caller) -> Vec<Value> {
    items(
        &app.get(
            "/api/v1/reference/organisms?include_retired=true",
            &who.token,
        )
        .await,
    )
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or("").to_string()
}

fn keys(list: &Value) -> Vec<String> {
    let mut k: Vec<_> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| text(&e["key"]))
        .collect();
    k.sort();
    k
}

/// The organisms as a CSV file the way Excel in Kazakhstan saves it: a BOM,
/// semicolons, CRLF. Without name_en: a column left out keeps its values.
fn organisms_csv(rows: &[Value]) -> Vec<u8> {
    let mut out = String::from("\u{feff}eppo_code;kind;category;name_la;name_kk;name_ru\r\n");
    for o in rows {
        out.push_str(&format!(
            "{};{};{};\"{}\";\"{}\";\"{}\"\r\n",
            text(&o["eppo_code"]),
            text(&o["kind"]),
            text(&o["category"]),
            text(&o["name_la"]),
            text(&o["name_kk"]),
            text(&o["name_ru"]),
        ));
    }
    out.into_bytes()
}

async fn preview(app: &TestApp, who: &Caller, query: &str, file: Vec<u8>) -> common::Answer {
    app.call_raw(
        &format!("/api/v1/reference/import/preview?{query}"),
        &who.token,
        file,
    )
    .await
}

async fn apply(
    app: &TestApp,
    who: &Caller,
    query: &str,
    token: &str,
    file: Vec<u8>,
) -> common::Answer {
    app.call_raw(
        &format!("/api/v1/reference/import?{query}&token={token}"),
        &who.token,
        file,
    )
    .await
}

/// The seeded list with one organism left out, one renamed and one added.
fn edited(all: &[Value]) -> (Vec<Value>, String, String) {
    let mut rows: Vec<Value> = all.to_vec();
    let dropped = text(&rows.remove(0)["eppo_code"]);
    let renamed = text(&rows[0]["eppo_code"]);
    rows[0]["name_ru"] = Value::String("Новое русское название".into());
    rows.push(
        serde_json::json!({ "eppo_code": "zznewa", "kind": "pest", "category": "absent",
        "name_la": "Novus testus", "name_kk": "Жаңа зиянкес", "name_ru": "Новый вредитель" }),
    );
    (rows, dropped, renamed)
}

async fn issue_15_r_obj_2_preview_shows_the_diff_and_apply_writes_exactly_it(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let before = organisms(&app, &admin).await;
    let (rows, dropped, renamed) = edited(&before);
    let file = organisms_csv(&rows);
    let journal_before = app.audit_count().await;

    let p = preview(&app, &admin, "dictionary=organisms", file.clone()).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert_eq!(p.body["format"], "csv");
    assert_eq!(p.body["rows"], rows.len());
    assert_eq!(keys(&p.body["added"]), ["ZZNEWA"], "EPPO codes upper-cased");
    assert_eq!(p.body["added"][0]["row"], rows.len() + 1);
    assert_eq!(keys(&p.body["changed"]), vec![renamed.clone()]);
    let change = &p.body["changed"][0]["changes"];
    assert_eq!(change.as_array().unwrap().len(), 1, "{change}");
    assert_eq!(change[0]["field"], "name_ru");
    assert_eq!(change[0]["old"], before[1]["name_ru"]);
    assert_eq!(change[0]["new"], "Новое русское название");
    assert_eq!(keys(&p.body["retired"]), vec![dropped.clone()]);
    assert_eq!(p.body["unchanged"], before.len() - 2);
    assert_eq!(p.body["errors_total"], 0);
    // A preview writes nothing, not even a journal line.
    assert_eq!(organisms(&app, &admin).await, before);
    assert_eq!(app.audit_count().await, journal_before);

    let token = text(&p.body["token"]);
    let done = apply(&app, &admin, "dictionary=organisms", &token, file).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(
        (
            &done.body["added"],
            &done.body["changed"],
            &done.body["retired"]
        ),
        (&Value::from(1), &Value::from(1), &Value::from(1))
    );
    let after = organisms(&app, &admin).await;
    let find = |list: &[Value], k: &str| list.iter().find(|o| o["eppo_code"] == k).cloned();
    let added = find(&after, "ZZNEWA").expect("the new organism");
    assert_eq!(
        (added["active"].clone(), added["name_en"].clone()),
        (Value::Bool(true), Value::Null)
    );
    assert_eq!(
        find(&after, &renamed).unwrap()["name_ru"],
        "Новое русское название"
    );
    let retired = find(&after, &dropped).unwrap();
    assert_eq!(retired["active"], false, "retired, never deleted");
    assert_eq!(after.len(), before.len() + 1);
    // Everything else exactly as it was: the left-out column name_en kept its values.
    for o in &before {
        let k = text(&o["eppo_code"]);
        if k != dropped && k != renamed {
            assert_eq!(find(&after, &k).as_ref(), Some(o), "{k}");
        }
    }
    let journal = items(
        &app.get("/api/v1/audit?action=reference.import", &admin.token)
            .await,
    );
    assert_eq!(journal.len(), 1);
    let summary = journal[0].to_string();
    assert!(
        summary.contains("\"retired\":1") && summary.contains("\"added\":1"),
        "{summary}"
    );
    let puts = items(
        &app.get("/api/v1/audit?action=reference.put", &admin.token)
            .await,
    );
    assert_eq!(
        puts.len(),
        3,
        "one line per written entry, as a correction writes it"
    );

    // The same token again: the dictionary has changed since that preview.
    let again = apply(
        &app,
        &admin,
        "dictionary=organisms",
        &token,
        organisms_csv(&rows),
    )
    .await;
    assert_eq!(
        (again.status, again.code()),
        (StatusCode::CONFLICT, "reference-import-stale")
    );
    app.stop().await;
}
both_engines!(issue_15_r_obj_2_preview_shows_the_diff_and_apply_writes_exactly_it);

async fn issue_15_a_stale_preview_a_different_file_and_non_administrators_are_refused(
    engine: Engine,
) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let before = organisms(&app, &admin).await;
    let (rows, _, _) = edited(&before);
    let file = organisms_csv(&rows);
    let p = preview(&app, &admin, "dictionary=organisms", file.clone()).await;
    let token = text(&p.body["token"]);

    // Another file, or the same file as partial, than the one previewed.
    let other = organisms_csv(&rows[1..]);
    let a = apply(&app, &admin, "dictionary=organisms", &token, other).await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::CONFLICT, "reference-import-file-changed")
    );
    let a = apply(
        &app,
        &admin,
        "dictionary=organisms&partial=true",
        &token,
        file.clone(),
    )
    .await;
    assert_eq!(a.code(), "reference-import-file-changed");
    let a = apply(&app, &admin, "dictionary=organisms", "", file.clone()).await;
    assert_eq!(
        (a.status, a.code()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "reference-import-token-invalid"
        )
    );

    // Someone corrects an entry between the preview and the apply.
    let one = &before[5];
    let mut body = one.clone();
    body["name_en"] = Value::String("Corrected meanwhile".into());
    let code = text(&one["eppo_code"]);
    let put = app
        .call(
            reqwest::Method::PUT,
            &format!("/api/v1/reference/organisms/{code}"),
            Some(&admin.token),
            Some(body),
        )
        .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.body);
    let meanwhile = organisms(&app, &admin).await;
    let stale = apply(&app, &admin, "dictionary=organisms", &token, file.clone()).await;
    assert_eq!(
        (stale.status, stale.code()),
        (StatusCode::CONFLICT, "reference-import-stale")
    );
    assert_eq!(organisms(&app, &admin).await, meanwhile, "nothing changed");

    for role in ["head", "inspector", "operator"] {
        let who = app.create_user(&admin, role, &app.root_org).await;
        let p = preview(&app, &who, "dictionary=organisms", file.clone()).await;
        assert_eq!(p.status, StatusCode::FORBIDDEN, "{role}");
        let a = apply(&app, &who, "dictionary=organisms", &token, file.clone()).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{role}");
    }
    assert_eq!(organisms(&app, &admin).await, meanwhile);
    app.stop().await;
}
both_engines!(issue_15_a_stale_preview_a_different_file_and_non_administrators_are_refused);

async fn issue_15_bad_files_are_refused_with_their_rows_and_change_nothing(engine: Engine) {
    let app = TestApp::start_with(engine, |c| c.max_import_bytes = 64 * 1024).await;
    let admin = app.admin().await;
    let before = organisms(&app, &admin).await;
    let q = "dictionary=organisms";
    let refused = |a: &common::Answer| (a.status, a.code().to_string());

    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01".to_vec();
    let a = preview(&app, &admin, q, png).await;
    assert_eq!(
        refused(&a),
        (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "reference-import-image".into()
        )
    );
    assert!(a.title().contains("PNG"), "{}", a.title());
    let cp1251 = b"eppo_code;name_ru\nERWIAM;\xce\xe6\xee\xe3\n".to_vec();
    let a = preview(&app, &admin, q, cp1251).await;
    assert_eq!(
        refused(&a),
        (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "reference-import-file-type".into()
        )
    );
    let a = preview(&app, &admin, q, b"<html><body>hi</body></html>".to_vec()).await;
    assert_eq!(a.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let a = preview(&app, &admin, q, Vec::new()).await;
    assert_eq!(
        refused(&a),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "reference-import-empty".into()
        )
    );
    let no_key = "kind;category;name_la;name_ru\npest;absent;X y;Икс\n";
    let a = preview(&app, &admin, q, no_key.into()).await;
    assert_eq!(
        refused(&a),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "reference-import-columns-missing".into()
        )
    );
    assert!(a.title().contains("eppo_code"), "{}", a.title());
    let a = preview(&app, &admin, "dictionary=pests", no_key.into()).await;
    assert_eq!(a.code(), "reference-dictionary-unknown");
    let mut big = String::from("eppo_code;kind;category;name_la;name_ru\n");
    while big.len() <= 64 * 1024 {
        big.push_str("AAAAA;pest;absent;Aaa bbb;Ааа\n");
    }
    let a = preview(&app, &admin, q, big.into()).await;
    assert_eq!(
        refused(&a),
        (StatusCode::PAYLOAD_TOO_LARGE, "request-too-large".into())
    );

    // Row errors: a duplicate key, a bad EPPO code, a bad category, a missing name.
    let rows = "eppo_code;kind;category;name_la;name_ru\n\
        ZZAAA;pest;absent;Aaa;Ааа\n\
        ZZAAA;pest;absent;Aaa;Ааа\n\
        bad code!;pest;absent;Bbb;Ббб\n\
        ZZCCC;pest;nowhere;Ccc;Ввв\n\
        ZZDDD;pest;absent;Ddd;\n";
    let p = preview(&app, &admin, q, rows.into()).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    let errors = p.body["errors"].as_array().unwrap();
    let found: Vec<(i64, &str)> = errors
        .iter()
        .map(|e| (e["row"].as_i64().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            (3, "reference-import-key-duplicate"),
            (4, "eppo-code-invalid"),
            (5, "reference-value-invalid"),
            (6, "field-required")
        ]
    );
    assert!(errors.iter().all(|e| !text(&e["message"]).is_empty()));
    assert_eq!(errors[3]["field"], "name_ru");
    let a = apply(&app, &admin, q, &text(&p.body["token"]), rows.into()).await;
    assert_eq!(
        refused(&a),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "reference-import-rows-invalid".into()
        )
    );
    assert!(a.title().contains("3, 4, 5, 6"), "{}", a.title());
    assert_eq!(organisms(&app, &admin).await, before, "nothing changed");
    app.stop().await;
}
both_engines!(issue_15_bad_files_are_refused_with_their_rows_and_change_nothing);

/// An XLSX workbook of administrative units, KATO codes typed as numbers, a new
/// district listed before its new region.
fn units_xlsx() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows: [(f64, &str, Option<f64>, &str, &str); 2] = [
        (
            991_100_000.0,
            "district",
            Some(990_000_000.0),
            "Жаңа аудан",
            "Новый район",
        ),
        (990_000_000.0, "region", None, "Жаңа облыс", "Новая область"),
    ];
    for (c, h) in [
        "KATO",
        "level",
        "parent_kato",
        "name_kk",
        "name_ru",
        "comment",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (kato, level, parent, kk, ru)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_number(r, 0, *kato).unwrap();
        sheet.write_string(r, 1, *level).unwrap();
        if let Some(p) = parent {
            sheet.write_number(r, 2, *p).unwrap();
        }
        sheet.write_string(r, 3, *kk).unwrap();
        sheet.write_string(r, 4, *ru).unwrap();
        sheet.write_string(r, 5, "EAEU 2026").unwrap();
    }
    book.save_to_buffer().unwrap()
}

async fn units(app: &TestApp, admin: &Caller) -> Vec<Value> {
    items(
        &app.get(
            "/api/v1/reference/admin-units?include_retired=true",
            &admin.token,
        )
        .await,
    )
}

async fn issue_15_an_xlsx_file_and_a_partial_file_retire_nothing(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;

    let before = units(&app, &admin).await;
    let q = "dictionary=admin-units&partial=true";
    let p = preview(&app, &admin, q, units_xlsx()).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert_eq!(p.body["format"], "xlsx");
    assert_eq!(keys(&p.body["added"]), ["990000000", "991100000"]);
    assert_eq!(
        p.body["added"][0]["row"], 2,
        "rows as the spreadsheet numbers them"
    );
    assert_eq!(p.body["retired_total"], 0, "a partial file retires nothing");
    assert_eq!(p.body["errors_total"], 0, "{}", p.body["errors"]);
    assert_eq!(p.body["ignored_columns"], serde_json::json!(["comment"]));
    let done = apply(&app, &admin, q, &text(&p.body["token"]), units_xlsx()).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let after = units(&app, &admin).await;
    assert_eq!(after.len(), before.len() + 2);
    let district = after.iter().find(|u| u["kato"] == "991100000").unwrap();
    assert_eq!(district["parent_kato"], "990000000");
    assert!(after.iter().all(|u| u["active"] == true));

    // The same file without `partial`: every other unit would be retired.
    let full = preview(&app, &admin, "dictionary=admin-units", units_xlsx()).await;
    assert_eq!(full.body["retired_total"], before.len());
    assert_eq!(full.body["unchanged"], 2);

    // A crop file separated by commas, with an `active` column retiring one entry.
    let crops = "code,name_kk,name_ru,active\nwheat_spring,Жаздық бидай,Пшеница яровая,false\n";
    let p = preview(&app, &admin, "dictionary=crops&partial=true", crops.into()).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert_eq!(keys(&p.body["changed"]), ["wheat_spring"]);
    let changes = p.body["changed"][0]["changes"].as_array().unwrap().clone();
    let active = changes
        .iter()
        .find(|c| c["field"] == "active")
        .expect("active changes");
    assert_eq!(
        (&active["old"], &active["new"]),
        (&Value::from("true"), &Value::from("false"))
    );
    app.stop().await;
}
both_engines!(issue_15_an_xlsx_file_and_a_partial_file_retire_nothing);
