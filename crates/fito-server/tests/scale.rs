//! Several instances on one PostgreSQL (R-OPS-3): live notifications are fanned out
//! between instances, and scheduled jobs run once, not once per instance.

mod common;

use common::TestApp;
use common::sse::SseStream;
use fito_server::app::jobs::{self, Runner};
use fito_store::{Engine, Store};
use reqwest::StatusCode;
use serde_json::json;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_ops_3_a_stream_on_one_instance_hears_a_change_made_on_another() {
    let a = TestApp::start(Engine::Postgres).await;
    // Instance B: another server on the same database and another port.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let b = fito_server::start(common::test_config(&a.db), listener)
        .await
        .expect("second instance starts");
    let b_base = format!("http://{}", b.addr);
    assert_ne!(b_base, a.base);

    let admin = a.admin().await;
    let org = a
        .create_org(&admin, &a.root_org, "Атырау инспекциясы")
        .await;
    let head = a.create_user(&admin, "head", &org).await;
    let inspector = a.create_user(&admin, "inspector", &org).await;
    let d = 0.01;
    let (lon, lat) = (51.9, 47.1);
    let field = a
        .post(
            "/api/v1/objects",
            &inspector.token,
            json!({ "type": "field", "name": "Күріш алқабы",
                "geometry": { "type": "Polygon", "coordinates": [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] } }),
        )
        .await;
    assert_eq!(field.status, StatusCode::CREATED, "{}", field.body);

    // The inspector's portal is connected to A; the Head works on B.
    let mut on_a = SseStream::open(&a.base, &inspector.token, None, "kk").await;
    let task = reqwest::Client::new()
        .post(format!("{b_base}/api/v1/survey-tasks"))
        .bearer_auth(&head.token)
        .json(&json!({ "assignee_id": inspector.user_id, "basis": "plan",
            "object_ids": [field.body["id"]], "starts_on": "2026-10-01", "due_on": "2026-10-02" }))
        .send()
        .await
        .unwrap();
    assert_eq!(task.status(), StatusCode::CREATED);
    let task: serde_json::Value = task.json().await.unwrap();
    let e = on_a.next().await;
    assert_eq!(e.event, "notification");
    assert_eq!(e.json()["kind"], "task-assigned");
    assert_eq!(e.json()["target_id"], task["id"]);

    // And the other way round: a stream on B hears what happens on A.
    let mut on_b = SseStream::open(&b_base, &inspector.token, None, "kk").await;
    let again = a
        .post(
            "/api/v1/survey-tasks",
            &head.token,
            json!({ "assignee_id": inspector.user_id, "basis": "plan",
                "object_ids": [field.body["id"]], "starts_on": "2026-10-05", "due_on": "2026-10-06" }),
        )
        .await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.body);
    let e = on_b.next().await;
    assert_eq!(e.json()["target_id"], again.body["id"]);
    let e = on_a.next().await;
    assert_eq!(
        e.json()["target_id"],
        again.body["id"],
        "A hears its own too"
    );

    // Both instances push with the one VAPID key, kept in the database.
    let key = |base: String| async move {
        let v: serde_json::Value = reqwest::get(format!("{base}/api/v1/push/vapid-public-key"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        v["key"].as_str().unwrap().to_string()
    };
    assert_eq!(key(a.base.clone()).await, key(b_base.clone()).await);

    b.stop().await.unwrap();
    a.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_ops_3_a_scheduled_job_runs_once_across_instances() {
    let a = TestApp::start(Engine::Postgres).await;
    // Two instances: two connection pools on the same database.
    let options = fito_store::PoolOptions::default();
    let first = Store::connect(&a.db.url, &options).await.unwrap();
    let second = Store::connect(&a.db.url, &options).await.unwrap();

    // Both try at the same moment, ten times: each time exactly one runs it, and
    // it stays with the instance that holds the lease.
    let runs = Arc::new(AtomicUsize::new(0));
    let lease = Duration::from_secs(3600);
    let mut winners = Vec::new();
    for _ in 0..10 {
        let job = || {
            let runs = runs.clone();
            async move {
                runs.fetch_add(1, Ordering::SeqCst);
            }
        };
        let (x, y) = tokio::join!(
            jobs::run_once(&first, "nightly-check", "instance-a", lease, job),
            jobs::run_once(&second, "nightly-check", "instance-b", lease, job),
        );
        assert!(x != y, "exactly one instance ran it");
        winners.push(if x { "instance-a" } else { "instance-b" });
    }
    assert_eq!(runs.load(Ordering::SeqCst), 10);
    assert!(winners.windows(2).all(|w| w[0] == w[1]), "{winners:?}");

    // The periodic runner: both instances schedule the same hourly job; within the
    // hour it has run once.
    let (stop, stopping) = tokio::sync::watch::channel(false);
    let hourly = Arc::new(AtomicUsize::new(0));
    let runners = [
        Runner::new(first.clone(), stopping.clone()),
        Runner::new(second.clone(), stopping.clone()),
    ];
    let mut tasks = Vec::new();
    for runner in &runners {
        let hourly = hourly.clone();
        tasks.push(runner.spawn_periodic("hourly-report", lease, move || {
            let hourly = hourly.clone();
            async move {
                hourly.fetch_add(1, Ordering::SeqCst);
            }
        }));
    }
    // Both have made their first (immediate) attempt once each holds or was
    // refused the lease: wait for the run, then give the other instance its turn.
    for _ in 0..600 {
        if hourly.load(Ordering::SeqCst) > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(
        hourly.load(Ordering::SeqCst),
        1,
        "once, not once per instance"
    );
    let (holder, _) = fito_store::jobs::holder(first.reader(), "hourly-report")
        .await
        .unwrap()
        .expect("a lease was taken");
    assert!(runners.iter().any(|r| r.holder() == holder));
    let _ = stop.send(true);
    for t in tasks {
        t.await.unwrap();
    }
    first.close().await;
    second.close().await;
    a.stop().await;
}
