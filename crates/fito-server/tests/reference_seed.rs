//! The seed files reach existing databases (R-OBJ-2): on start, reference entries a
//! newer seed adds are inserted by key; what administrators edited or retired stays.

mod common;

use common::TestApp;
use fito_store::reference::Organism;
use fito_store::test_support::ConnectionTrait;
use fito_store::{Engine, both_engines};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn organism(app: &TestApp, code: &str) -> Option<Organism> {
    fito_store::reference::organisms(app.store.reader())
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.eppo_code == code)
}

/// Starts the server again on the same database, as an upgrade does, and stops it.
async fn restart(app: &TestApp) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let again = fito_server::start(common::test_config(&app.db), listener)
        .await
        .expect("server starts again");
    again.stop().await.unwrap();
}

async fn r_obj_2_an_existing_database_gains_new_seed_entries_and_keeps_edits(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    // An administrator corrects one entry and retires another.
    let mut fire_blight = json!({ "kind": "disease", "category": "limited",
        "name_la": "Erwinia amylovora (Burrill) Winslow et al.",
        "name_ru": "Бактериальный ожог (исправлено администратором)",
        "name_kk": null, "name_en": "Fire blight", "active": true });
    let edited = app
        .call(
            Method::PUT,
            "/api/v1/reference/organisms/ERWIAM",
            Some(&admin.token),
            Some(fire_blight.clone()),
        )
        .await;
    assert_eq!(edited.status, StatusCode::OK);
    fire_blight["name_la"] = json!("Diaporthe helianthi Muntañola-Cvetković et al.");
    fire_blight["name_ru"] = json!("Фомопсис подсолнечника");
    fire_blight["active"] = json!(false);
    let retired = app
        .call(
            Method::PUT,
            "/api/v1/reference/organisms/DIAPHE",
            Some(&admin.token),
            Some(fire_blight),
        )
        .await;
    assert_eq!(retired.status, StatusCode::OK);
    // A database seeded by an older release: it lacks the entries added since.
    app.store
        .writer()
        .execute_unprepared(
            "DELETE FROM ref_organisms WHERE eppo_code IN ('TROGGA', 'CERTRO', 'HETDGL')",
        )
        .await
        .unwrap();
    assert!(organism(&app, "TROGGA").await.is_none());

    restart(&app).await;

    for code in ["TROGGA", "CERTRO", "HETDGL"] {
        let o = organism(&app, code)
            .await
            .unwrap_or_else(|| panic!("{code} added on start"));
        assert!(o.active && o.category != "other", "{code}: {o:?}");
    }
    let khapra = organism(&app, "TROGGA").await.unwrap();
    assert_eq!(
        (khapra.category.as_str(), khapra.kind.as_str()),
        ("absent", "pest")
    );
    assert!(khapra.name_la.starts_with("Trogoderma granarium"));
    let erwiam = organism(&app, "ERWIAM").await.unwrap();
    assert_eq!(
        erwiam.name_ru, "Бактериальный ожог (исправлено администратором)",
        "an administrator's edit is kept"
    );
    assert!(
        !organism(&app, "DIAPHE").await.unwrap().active,
        "a retired entry stays retired"
    );
    // The addition is journalled, naming what was added.
    let journal = app
        .get("/api/v1/audit?action=reference.seed", &admin.token)
        .await;
    let entries: Vec<Value> = journal.body.as_array().cloned().unwrap_or_default();
    assert_eq!(entries.len(), 2, "the first seeding and the addition");
    // The journal lists newest first; whichever the order, the addition is the short one.
    let mut added: Vec<String> = entries
        .iter()
        .map(|e| {
            e.pointer("/details/organisms")
                .and_then(Value::as_array)
                .expect("organisms named")
                .iter()
                .map(|c| c.as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        })
        .min_by_key(Vec::len)
        .unwrap();
    added.sort();
    assert_eq!(added, ["CERTRO", "HETDGL", "TROGGA"]);

    // Nothing is missing any more: a further start adds and journals nothing.
    restart(&app).await;
    let journal = app
        .get("/api/v1/audit?action=reference.seed", &admin.token)
        .await;
    assert_eq!(journal.body.as_array().map(Vec::len), Some(2));
    app.stop().await;
}
both_engines!(r_obj_2_an_existing_database_gains_new_seed_entries_and_keeps_edits);

async fn r_obj_2_the_seed_holds_the_eaeu_list_by_eppo_code(engine: Engine) {
    let app = TestApp::start(engine).await;
    let all = fito_store::reference::organisms(app.store.reader())
        .await
        .unwrap();
    let eaeu = all
        .iter()
        .filter(|o| o.category == "absent" || o.category == "limited")
        .count();
    assert!(eaeu >= 68, "EAEU quarantine objects seeded: {eaeu}");
    for (code, category) in [
        ("TROGGA", "absent"),
        ("ERWIAM", "limited"),
        ("AMBEL", "limited"),
        ("CERTCA", "absent"),
    ] {
        let o = all.iter().find(|o| o.eppo_code == code).expect(code);
        assert_eq!(o.category, category, "{code}");
    }
    app.stop().await;
}
both_engines!(r_obj_2_the_seed_holds_the_eaeu_list_by_eppo_code);
