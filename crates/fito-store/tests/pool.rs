//! The connection pools skip sqlx's ping before every use (a round trip more per
//! statement, issue 16) but still ping a connection that has been idle: one that
//! PostgreSQL closed meanwhile (a restart, an administrator ending sessions) is
//! replaced, and the next request works instead of failing.

use fito_store::test_support::{ConnectionTrait, TestDb};
use fito_store::{Engine, PoolOptions, Store};
use sea_orm::sqlx::{self, Connection};

#[tokio::test]
async fn r_ops_1_connections_closed_by_the_server_are_replaced_after_idling() {
    let db = TestDb::new(Engine::Postgres).await;
    let store = Store::connect(&db.url, &PoolOptions::default())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    // Every pool has a connection in its idle queue.
    fito_store::tiles::change_head(store.reader())
        .await
        .unwrap();
    fito_store::tiles::change_head(store.tile_reader())
        .await
        .unwrap();

    let name = db.url.rsplit('/').next().unwrap().to_string();
    let mut admin = sqlx::PgConnection::connect(&db.url.replace(&name, "postgres"))
        .await
        .unwrap();
    let ended: Vec<(bool,)> =
        sqlx::query_as("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1")
            .bind(&name)
            .fetch_all(&mut admin)
            .await
            .unwrap();
    assert!(ended.len() >= 2, "both pools had a connection: {ended:?}");

    // Past the idle time after which a connection is pinged before use.
    tokio::time::sleep(std::time::Duration::from_secs(11)).await;
    assert_eq!(
        fito_store::tiles::change_head(store.reader())
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        fito_store::tiles::change_head(store.tile_reader())
            .await
            .unwrap(),
        0
    );
    let txn = store.begin().await.unwrap();
    txn.execute_unprepared("SELECT 1").await.unwrap();
    txn.commit().await.unwrap();
}
