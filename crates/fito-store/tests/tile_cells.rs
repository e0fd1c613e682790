//! The per-cell object counts low-zoom tiles read (issue 16, migrations 0024, 0027) stay
//! equal to the objects themselves after bulk inserts and updates, on both engines.

use fito_store::objects::{BoxDeg, Object, draft};
use fito_store::orgs::NewOrganization;
use fito_store::test_support::TestDb;
use fito_store::tile_cells::{big, cells};
use fito_store::{Engine, PoolOptions, Store, both_engines};

fn square(org: uuid::Uuid, lon: f64, lat: f64, d: f64) -> Object {
    let ring = serde_json::json!([
        [lon - d, lat - d],
        [lon + d, lat - d],
        [lon + d, lat + d],
        [lon - d, lat + d],
        [lon - d, lat - d]
    ]);
    let bbox = BoxDeg {
        min_lon: lon - d,
        min_lat: lat - d,
        max_lon: lon + d,
        max_lat: lat + d,
    };
    let geometry = serde_json::json!({ "type": "Polygon", "coordinates": [ring] });
    draft(
        fito_core::new_id(),
        org,
        "field",
        "Алқап".into(),
        geometry.to_string(),
        1.0,
        bbox,
    )
}

const WORLD: (u8, u32, u32) = (0, 0, 0);
const EVERYWHERE: BoxDeg = BoxDeg {
    min_lon: -180.0,
    min_lat: -90.0,
    max_lon: 180.0,
    max_lat: 90.0,
};

async fn counted(store: &Store, path: &str, status: &str) -> u64 {
    let found = cells(store.reader(), path, status, WORLD).await.unwrap();
    found.iter().map(|c| c.count).sum()
}

async fn issue_16_cell_counts_follow_bulk_inserts_and_updates(engine: Engine) {
    let db = TestDb::new(engine).await;
    let store = Store::connect(&db.url, &PoolOptions::default())
        .await
        .unwrap();
    store.migrate().await.unwrap();
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
    let mut new: Vec<Object> = (0..30)
        .map(|i| square(root.id, 60.0 + f64::from(i) * 0.7, 45.0, 0.002))
        .collect();
    // Two too big to be counted at zoom 5: listed with their own row numbers.
    new.push(square(root.id, 70.0, 50.0, 0.3));
    new.push(square(root.id, 80.0, 50.0, 0.3));
    // And one drawn from zoom 6 only (~3 km across): listed too, zoom-5 tiles count it
    // by its box.
    new.push(square(root.id, 75.0, 50.0, 0.015));
    fito_store::objects::insert_many(&txn, &new, |_| "{}".into(), |_| {})
        .await
        .unwrap();
    txn.commit().await.unwrap();
    let path = root.path.as_str();
    assert_eq!(counted(&store, path, "active").await, 30);
    let rid_of = |id| {
        let store = store.clone();
        async move {
            fito_store::objects::get(store.reader(), id)
                .await
                .unwrap()
                .unwrap()
        }
    };
    let listed: Vec<i64> = big(store.reader(), path, "active", EVERYWHERE)
        .await
        .unwrap()
        .into_iter()
        .map(|b| b.0)
        .collect();
    assert_eq!(
        listed,
        vec![
            rid_of(new[30].id).await.rid,
            rid_of(new[31].id).await.rid,
            rid_of(new[32].id).await.rid
        ]
    );
    // Archived, shrunk, moved: the counts follow.
    let mut archived = rid_of(new[0].id).await;
    archived.status = "archived".into();
    fito_store::objects::update(store.writer(), archived, 1, "archive", "{}".into())
        .await
        .unwrap();
    let mut shrunk = rid_of(new[30].id).await;
    (shrunk.max_lon, shrunk.max_lat) = (shrunk.min_lon + 0.001, shrunk.min_lat + 0.001);
    fito_store::objects::update(store.writer(), shrunk, 1, "update", "{}".into())
        .await
        .unwrap();
    let mut moved = rid_of(new[1].id).await;
    (moved.min_lon, moved.max_lon) = (moved.min_lon - 100.0, moved.max_lon - 100.0);
    fito_store::objects::update(store.writer(), moved, 1, "update", "{}".into())
        .await
        .unwrap();
    assert_eq!(counted(&store, path, "active").await, 30);
    assert_eq!(counted(&store, path, "archived").await, 1);
    assert_eq!(
        big(store.reader(), path, "active", EVERYWHERE)
            .await
            .unwrap()
            .len(),
        2
    );
    // The moved one is counted in the other half of the world.
    let west = cells(store.reader(), path, "active", (1, 0, 0))
        .await
        .unwrap();
    assert_eq!(west.iter().map(|c| c.count).sum::<u64>(), 1);
}
both_engines!(issue_16_cell_counts_follow_bulk_inserts_and_updates);
