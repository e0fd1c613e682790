//! The storage conformance suite: the same checks on SQLite and PostgreSQL.

use fito_store::audit::{BreakReason, NewEntry};
use fito_store::orgs::NewOrganization;
use fito_store::test_support::ConnectionTrait;
use fito_store::test_support::TestDb;
use fito_store::users::{NewUser, STATUS_ACTIVE};
use fito_store::{Engine, PoolOptions, Store, StoreError, both_engines};

async fn fresh(engine: Engine) -> (Store, TestDb) {
    let db = TestDb::new(engine).await;
    let store = Store::connect(&db.url, &PoolOptions::default())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    store
        .unlock(fito_store::test_support::test_key())
        .await
        .unwrap();
    (store, db)
}

fn entry(action: &str) -> NewEntry {
    NewEntry {
        at: fito_store::time::now_us(),
        action: action.into(),
        outcome: "ok".into(),
        details: serde_json::json!({}),
        ..NewEntry::default()
    }
}

async fn journal(store: &Store, n: usize) {
    for i in 0..n {
        let txn = store.begin().await.unwrap();
        fito_store::audit::append(&txn, vec![entry(&format!("test.{i}"))])
            .await
            .unwrap();
        txn.commit().await.unwrap();
    }
}

async fn sql(store: &Store, statement: &str) {
    store.writer().execute_unprepared(statement).await.unwrap();
}

async fn first_break(store: &Store) -> Option<(i64, BreakReason)> {
    fito_store::audit::verify(store)
        .await
        .unwrap()
        .first_break
        .map(|b| (b.seq, b.reason))
}

async fn migrations_run_once(engine: Engine) {
    let (store, _db) = fresh(engine).await;
    assert!(
        store.migrate().await.unwrap().is_empty(),
        "a second run applies nothing"
    );
}
both_engines!(migrations_run_once);

async fn r_audit_1_an_untouched_chain_verifies(engine: Engine) {
    let (store, _db) = fresh(engine).await;
    assert_eq!(
        first_break(&store).await,
        None,
        "an empty journal is intact"
    );
    journal(&store, 25).await;
    let report = fito_store::audit::verify(&store).await.unwrap();
    assert_eq!(
        (report.entries, report.head_seq, report.first_break),
        (25, 25, None)
    );
}
both_engines!(r_audit_1_an_untouched_chain_verifies);

async fn r_audit_1_thousands_of_entries_in_one_unit_chain_and_verify(engine: Engine) {
    // Issue 15: a dictionary import journals one line per entry, thousands in one
    // unit; one statement would exceed the engines' bound-parameter limits.
    let (store, _db) = fresh(engine).await;
    let txn = store.begin().await.unwrap();
    let many = (0..2500).map(|i| entry(&format!("bulk.{i}"))).collect();
    fito_store::audit::append(&txn, many).await.unwrap();
    txn.commit().await.unwrap();
    journal(&store, 1).await;
    let report = fito_store::audit::verify(&store).await.unwrap();
    assert_eq!(
        (report.entries, report.head_seq, report.first_break),
        (2501, 2501, None)
    );
}
both_engines!(r_audit_1_thousands_of_entries_in_one_unit_chain_and_verify);

async fn r_audit_1_a_changed_entry_is_named(engine: Engine) {
    let (store, _db) = fresh(engine).await;
    journal(&store, 10).await;
    sql(
        &store,
        "UPDATE audit_log SET outcome = 'forbidden' WHERE seq = 4",
    )
    .await;
    assert_eq!(first_break(&store).await, Some((4, BreakReason::Altered)));
}
both_engines!(r_audit_1_a_changed_entry_is_named);

async fn r_audit_1_a_rehashed_forgery_still_breaks_the_next_link(engine: Engine) {
    let (store, _db) = fresh(engine).await;
    journal(&store, 10).await;
    // A forger who also rewrites the entry's own hash breaks the link to the next one.
    sql(&store, "UPDATE audit_log SET hash = 'f00d' WHERE seq = 6").await;
    assert_eq!(first_break(&store).await, Some((6, BreakReason::Altered)));
}
both_engines!(r_audit_1_a_rehashed_forgery_still_breaks_the_next_link);

async fn r_audit_1_a_deleted_entry_is_named(engine: Engine) {
    let (store, _db) = fresh(engine).await;
    journal(&store, 10).await;
    sql(&store, "DELETE FROM audit_log WHERE seq = 5").await;
    assert_eq!(first_break(&store).await, Some((5, BreakReason::Missing)));
}
both_engines!(r_audit_1_a_deleted_entry_is_named);

async fn r_audit_1_deleting_the_newest_entries_is_noticed(engine: Engine) {
    let (store, _db) = fresh(engine).await;
    journal(&store, 10).await;
    sql(&store, "DELETE FROM audit_log WHERE seq > 8").await;
    assert_eq!(first_break(&store).await, Some((9, BreakReason::Truncated)));
}
both_engines!(r_audit_1_deleting_the_newest_entries_is_noticed);

async fn r_audit_1_reordered_entries_are_named(engine: Engine) {
    let (store, _db) = fresh(engine).await;
    journal(&store, 10).await;
    sql(&store, "UPDATE audit_log SET seq = 1000 WHERE seq = 3").await;
    sql(&store, "UPDATE audit_log SET seq = 3 WHERE seq = 7").await;
    sql(&store, "UPDATE audit_log SET seq = 7 WHERE seq = 1000").await;
    assert_eq!(first_break(&store).await, Some((3, BreakReason::Unlinked)));
}
both_engines!(r_audit_1_reordered_entries_are_named);

async fn r_audit_1_a_rolled_back_change_leaves_no_entry(engine: Engine) {
    let (store, _db) = fresh(engine).await;
    journal(&store, 3).await;
    let txn = store.begin().await.unwrap();
    fito_store::audit::append(&txn, vec![entry("rolled.back")])
        .await
        .unwrap();
    txn.rollback().await.unwrap();
    journal(&store, 1).await;
    let report = fito_store::audit::verify(&store).await.unwrap();
    assert_eq!((report.entries, report.first_break), (4, None));
}
both_engines!(r_audit_1_a_rolled_back_change_leaves_no_entry);

async fn r_audit_1_concurrent_writers_keep_one_unbroken_chain(engine: Engine) {
    let (store, _db) = fresh(engine).await;
    let mut tasks = Vec::new();
    for t in 0..8 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..20 {
                let txn = store.begin().await.unwrap();
                let batch = (0..1 + (i % 3))
                    .map(|k| entry(&format!("w{t}.{i}.{k}")))
                    .collect();
                fito_store::audit::append(&txn, batch).await.unwrap();
                txn.commit().await.unwrap();
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let report = fito_store::audit::verify(&store).await.unwrap();
    // Each writer appends 1+2+3 entries per three rounds: 20 rounds = 7*6 - 0 … counted:
    let per_writer: u64 = (0..20).map(|i| 1 + (i % 3)).sum();
    assert_eq!((report.entries, report.first_break), (8 * per_writer, None));
}
both_engines!(r_audit_1_concurrent_writers_keep_one_unbroken_chain);

async fn r_org_1_subtrees_and_unique_people(engine: Engine) {
    let (store, _db) = fresh(engine).await;
    let now = fito_store::time::now_us();
    let txn = store.begin().await.unwrap();
    let org = |id, parent| NewOrganization {
        id,
        parent_id: parent,
        name_kk: "kk".into(),
        name_ru: "ru".into(),
        name_en: None,
        bin: None,
        address: None,
        code: None,
    };
    let root = fito_store::orgs::insert(&txn, org(fito_core::new_id(), None), now)
        .await
        .unwrap();
    let a = fito_store::orgs::insert(&txn, org(fito_core::new_id(), Some(root.id)), now)
        .await
        .unwrap();
    let a1 = fito_store::orgs::insert(&txn, org(fito_core::new_id(), Some(a.id)), now)
        .await
        .unwrap();
    let b = fito_store::orgs::insert(&txn, org(fito_core::new_id(), Some(root.id)), now)
        .await
        .unwrap();
    txn.commit().await.unwrap();
    let under_a: Vec<_> = fito_store::orgs::list_subtree(store.reader(), &a.path)
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.id)
        .collect();
    assert_eq!(under_a, vec![a.id, a1.id]);
    assert!(!under_a.contains(&b.id));
    assert_eq!(
        fito_store::orgs::list_subtree(store.reader(), &root.path)
            .await
            .unwrap()
            .len(),
        4
    );

    let user = |email: &str, iin: &str, org| NewUser {
        id: fito_core::new_id(),
        organization_id: Some(org),
        role: Some("inspector".into()),
        status: STATUS_ACTIVE,
        surname: "С".into(),
        first_name: "А".into(),
        patronymic: None,
        phone: None,
        email: email.into(),
        iin: Some(iin.into()),
        position: "p".into(),
        password_hash: None,
        must_change_password: false,
    };
    fito_store::users::insert(
        store.writer(),
        user("a@fito.kz", "900101300007", a1.id),
        now,
    )
    .await
    .unwrap();
    let dup_email =
        fito_store::users::insert(store.writer(), user("a@fito.kz", "880315300012", a.id), now)
            .await;
    assert!(
        matches!(dup_email, Err(StoreError::Conflict("email"))),
        "{dup_email:?}"
    );
    let dup_iin =
        fito_store::users::insert(store.writer(), user("b@fito.kz", "900101300007", a.id), now)
            .await;
    assert!(
        matches!(dup_iin, Err(StoreError::Conflict("iin"))),
        "{dup_iin:?}"
    );
    let filter = |path: &str| fito_store::users::ListFilter {
        org_path: path.into(),
        limit: 100,
        ..Default::default()
    };
    assert_eq!(
        fito_store::users::list(store.reader(), &filter(&a.path))
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(
        fito_store::users::list(store.reader(), &filter(&b.path))
            .await
            .unwrap()
            .is_empty()
    );
}
both_engines!(r_org_1_subtrees_and_unique_people);

async fn r_obj_2_reference_data_is_seeded_once_with_real_values(engine: Engine) {
    let (store, _db) = fresh(engine).await;
    let now = fito_store::time::now_us();
    let expected = fito_store::reference::seed_organisms(now).len()
        + fito_store::reference::seed_crops(now).len()
        + fito_store::reference::seed_object_types(now).len()
        + fito_store::reference::seed_admin_units(now).len();
    let added = fito_store::reference::seed_if_empty(store.writer(), now)
        .await
        .unwrap();
    assert_eq!(added as usize, expected);
    assert_eq!(
        fito_store::reference::seed_if_empty(store.writer(), now)
            .await
            .unwrap(),
        0,
        "seeding happens once"
    );
    let organisms = fito_store::reference::organisms(store.reader())
        .await
        .unwrap();
    let fire_blight = organisms
        .iter()
        .find(|o| o.eppo_code == "ERWIAM")
        .expect("Erwinia amylovora");
    assert_eq!(
        (
            fire_blight.kind.as_str(),
            fire_blight.name_la.starts_with("Erwinia amylovora")
        ),
        ("disease", true)
    );
    let units = fito_store::reference::admin_units(store.reader())
        .await
        .unwrap();
    let regions = units.iter().filter(|u| u.level == "region").count();
    let cities = units
        .iter()
        .filter(|u| u.level == "city_republican")
        .count();
    assert_eq!(
        (regions, cities),
        (17, 3),
        "17 regions and Astana, Almaty, Shymkent"
    );
    let astana = units
        .iter()
        .find(|u| u.kato == "710000000")
        .expect("Astana");
    assert_eq!(astana.level, "city_republican");
    for unit in units.iter().filter(|u| u.parent_kato.is_some()) {
        let parent = unit.parent_kato.as_deref().unwrap();
        assert!(
            units.iter().any(|p| p.kato == parent),
            "{} has a parent {parent}",
            unit.kato
        );
        assert_eq!(
            &unit.kato[..2],
            &parent[..2],
            "{} lies in its parent's region",
            unit.kato
        );
    }
}
both_engines!(r_obj_2_reference_data_is_seeded_once_with_real_values);

fn square(org: uuid::Uuid, lon: f64, lat: f64, d: f64) -> fito_store::objects::Object {
    let ring = serde_json::json!([
        [lon - d, lat - d],
        [lon + d, lat - d],
        [lon + d, lat + d],
        [lon - d, lat + d],
        [lon - d, lat - d]
    ]);
    fito_store::objects::Object {
        rid: 0,
        id: fito_core::new_id(),
        organization_id: org,
        type_code: "field".into(),
        name: "Алқап".into(),
        owner_kind: None,
        owner_name: None,
        owner_bin: None,
        owner_iin: None,
        kato: None,
        crop_code: None,
        status: fito_store::objects::STATUS_ACTIVE.into(),
        geometry: serde_json::json!({ "type": "Polygon", "coordinates": [ring] }).to_string(),
        area_ha: 1.0,
        min_lon: lon - d,
        min_lat: lat - d,
        max_lon: lon + d,
        max_lat: lat + d,
        notes: None,
        version: 1,
        created_at: 1,
        updated_at: 1,
        created_by: None,
        updated_by: None,
        quarantine_found_at: None,
    }
}

async fn r_geo_1_bbox_prefilter_finds_what_meets_the_box_on_both_engines(engine: Engine) {
    let (store, _db) = fresh(engine).await;
    let now = fito_store::time::now_us();
    fito_store::reference::seed_if_empty(store.writer(), now)
        .await
        .unwrap();
    let txn = store.begin().await.unwrap();
    let root = fito_store::orgs::insert(
        &txn,
        NewOrganization {
            id: fito_core::new_id(),
            parent_id: None,
            name_kk: "kk".into(),
            name_ru: "ru".into(),
            name_en: None,
            bin: None,
            address: None,
            code: None,
        },
        now,
    )
    .await
    .unwrap();
    let mut ids = Vec::new();
    for (lon, lat) in [(71.0, 51.0), (71.5, 51.0), (75.0, 45.0)] {
        let o = fito_store::objects::insert(&txn, square(root.id, lon, lat, 0.01), "{}".into())
            .await
            .unwrap();
        ids.push(o.id);
    }
    txn.commit().await.unwrap();
    let search = |b: fito_store::objects::BoxDeg| fito_store::objects::Search {
        org_path: root.path.clone(),
        bbox: Some(b),
        limit: 100,
        ..Default::default()
    };
    let found = fito_store::objects::search(
        store.reader(),
        engine,
        &search(fito_store::objects::BoxDeg {
            min_lon: 70.9,
            min_lat: 50.9,
            max_lon: 71.6,
            max_lat: 51.1,
        }),
    )
    .await
    .unwrap();
    assert_eq!(
        found.iter().map(|o| o.id).collect::<Vec<_>>(),
        ids[..2].to_vec()
    );
    let edge = fito_store::objects::search(
        store.reader(),
        engine,
        &search(fito_store::objects::BoxDeg {
            min_lon: 75.01,
            min_lat: 45.01,
            max_lon: 76.0,
            max_lat: 46.0,
        }),
    )
    .await
    .unwrap();
    assert_eq!(edge.len(), 1, "touching the corner counts");
    let none = fito_store::objects::search(
        store.reader(),
        engine,
        &search(fito_store::objects::BoxDeg {
            min_lon: 60.0,
            min_lat: 40.0,
            max_lon: 61.0,
            max_lat: 41.0,
        }),
    )
    .await
    .unwrap();
    assert!(none.is_empty());
    // Moving an object moves it in the index.
    let mut moved = found[0].clone();
    (moved.min_lon, moved.max_lon) = (60.4, 60.6);
    (moved.min_lat, moved.max_lat) = (40.4, 40.6);
    fito_store::objects::update(store.writer(), moved, 1, "update", "{}".into())
        .await
        .unwrap();
    let now_there = fito_store::objects::search(
        store.reader(),
        engine,
        &search(fito_store::objects::BoxDeg {
            min_lon: 60.0,
            min_lat: 40.0,
            max_lon: 61.0,
            max_lat: 41.0,
        }),
    )
    .await
    .unwrap();
    assert_eq!(now_there.len(), 1);
    assert_eq!(now_there[0].version, 2);
    let stale = fito_store::objects::update(
        store.writer(),
        now_there[0].clone(),
        1,
        "update",
        "{}".into(),
    )
    .await;
    assert!(
        matches!(stale, Err(StoreError::Conflict("version"))),
        "{stale:?}"
    );
    assert_eq!(
        fito_store::objects::history(store.reader(), ids[0])
            .await
            .unwrap()
            .len(),
        2
    );
}
both_engines!(r_geo_1_bbox_prefilter_finds_what_meets_the_box_on_both_engines);
