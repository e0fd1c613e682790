//! Nothing acknowledged is lost on a crash (R-SEC-2): several clients write through a
//! real `fito serve`, the process is killed with SIGKILL in the middle of it, and after
//! a restart on the same data every write that was answered 2xx is there.

mod support;

use fito_store::Engine;
use fito_store::both_engines;
use fito_store::test_support::TestDb;
use serde_json::json;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use support::{Api, Server};

const WRITERS: usize = 4;

async fn r_sec_2_every_acknowledged_write_survives_sigkill(engine: Engine) {
    let db = TestDb::new(engine).await;
    let data = tempfile::tempdir().unwrap();
    let data_dir = data.path().to_str().unwrap().to_string();
    // The production defaults: on SQLite synchronous=FULL.
    let env = [
        ("FITO_DATABASE_URL", db.url.as_str()),
        ("FITO_DATA_DIR", data_dir.as_str()),
    ];
    let server = Server::start(&env, None);
    let (email, one_time) = server.first_admin();
    let api = Arc::new(Api::new(&server.base));
    let token = api
        .first_sign_in(&email, &one_time, "crash test password")
        .await;
    let (_, roots) = api.get("/api/v1/organizations", &token).await;
    let root = roots[0]["id"].as_str().unwrap().to_string();

    let stop = Arc::new(AtomicBool::new(false));
    let (acked_tx, mut acked_rx) = tokio::sync::mpsc::unbounded_channel::<String>();
    let mut writers = Vec::new();
    for w in 0..WRITERS {
        let (api, token, root, stop, acked) = (
            api.clone(),
            token.clone(),
            root.clone(),
            stop.clone(),
            acked_tx.clone(),
        );
        writers.push(tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let body = json!({ "parent_id": root, "name_kk": format!("Бөлім {w}-{n}"), "name_ru": format!("Отдел {w}-{n}") });
                match api
                    .send(reqwest::Method::POST, "/api/v1/organizations", Some(&token), Some(body))
                    .await
                {
                    Ok((201, org)) => {
                        let _ = acked.send(org["id"].as_str().unwrap().to_string());
                    }
                    Ok((status, body)) => panic!("write refused: {status} {body}"),
                    // The server died under us: this write was never acknowledged.
                    Err(_) => break,
                }
            }
        }));
    }
    drop(acked_tx);
    // Kill it in the middle of the load, once a good number of writes were answered.
    let mut acked = Vec::new();
    while acked.len() < 60 {
        acked.push(acked_rx.recv().await.expect("writes are acknowledged"));
    }
    server.kill();
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.await.unwrap();
    }
    while let Some(id) = acked_rx.recv().await {
        acked.push(id);
    }

    let server = Server::start(&env, None);
    let api = Api::new(&server.base);
    let token = api.login(&email, "crash test password").await;
    let mut missing = Vec::new();
    for id in &acked {
        let (status, _) = api
            .get(&format!("/api/v1/organizations/{id}"), &token)
            .await;
        if status != 200 {
            missing.push(id.clone());
        }
    }
    assert!(
        missing.is_empty(),
        "{} of {} acknowledged writes lost: {missing:?}",
        missing.len(),
        acked.len()
    );
    server.kill();
    let verified = support::fito()
        .args(["audit", "verify"])
        .envs(env)
        .output()
        .unwrap();
    assert!(
        verified.status.success(),
        "{}",
        String::from_utf8_lossy(&verified.stdout)
    );
}
both_engines!(r_sec_2_every_acknowledged_write_survives_sigkill);
