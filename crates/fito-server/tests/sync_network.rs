//! Offline sync over a bad network (R-MOB-2): whatever is cut or repeated, no point
//! is lost or duplicated.

mod common;

use common::TestApp;
use common::sync::*;
use fito_store::{Engine, both_engines};
use proptest::prelude::*;
use proptest::test_runner::{Config as PropConfig, TestRunner};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

// ------------------------------------------------------------------ the property

/// What happens to one request on a bad network.
#[derive(Debug, Clone, Copy)]
enum Fate {
    /// Cut before the server got it.
    LostOnTheWay,
    /// The server committed, the answer was lost.
    AnswerLost,
    /// Delivered and answered.
    Delivered,
}

fn fate() -> impl Strategy<Value = Fate> {
    prop_oneof![
        Just(Fate::LostOnTheWay),
        Just(Fate::AnswerLost),
        Just(Fate::Delivered)
    ]
}

/// A client's attempts: which of its records (by index, in any order, repeated or
/// not) go in each request, and what the network does to it.
fn attempts(records: usize) -> impl Strategy<Value = Vec<(Vec<usize>, Fate)>> {
    prop::collection::vec((prop::collection::vec(0..records, 1..8), fate()), 1..10)
}

async fn r_mob_2_no_point_is_lost_or_duplicated_whatever_the_network_does(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    // Surveys for the act drafts exist on the server already.
    let mut act_surveys = Vec::new();
    for _ in 0..3 {
        act_surveys.push(survey_of(&app, &t.inspector, &t.field).await);
    }
    let handle = tokio::runtime::Handle::current();
    let cases = 8;
    let mut runner = TestRunner::new(PropConfig {
        cases,
        failure_persistence: None,
        ..PropConfig::default()
    });
    let counter = std::sync::atomic::AtomicUsize::new(0);
    const RECORDS: usize = 9;
    let result = runner.run(
        &(attempts(RECORDS), prop::collection::vec(1usize..6, 1..4)),
        |(plan, final_sizes)| {
            tokio::task::block_in_place(|| {
                handle.block_on(async {
                    let case = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    // The client's records: surveys with points, objects, act drafts,
                    // laboratory samples (issue 14).
                    let mut records = Vec::new();
                    for i in 0..RECORDS {
                        let id = Uuid::now_v7();
                        records.push(match i % 4 {
                            0 => survey_record(id, &t.field, 1 + i % 3, &format!("c{case} r{i}")),
                            1 => object_record(id, case * RECORDS + i, &format!("c{case} r{i}")),
                            3 => sample_record(
                                id,
                                &act_surveys[i % act_surveys.len()],
                                &format!("c{case}-r{i}"),
                            ),
                            _ => act_record(
                                id,
                                &act_surveys[i % act_surveys.len()],
                                None,
                                &format!("c{case} r{i}"),
                            ),
                        });
                    }
                    let mut acknowledged = HashSet::new();
                    for (batch, fate) in &plan {
                        let sent: Vec<Value> = batch.iter().map(|i| records[*i].clone()).collect();
                        match fate {
                            Fate::LostOnTheWay => continue,
                            Fate::AnswerLost => {
                                let _ = push(&app, &t.inspector, &sent).await;
                            }
                            Fate::Delivered => {
                                let a = push(&app, &t.inspector, &sent).await;
                                for (i, s) in batch.iter().zip(statuses(&a)) {
                                    prop_assert!(
                                        s == "applied" || s == "unchanged",
                                        "{s}: {}",
                                        a.body
                                    );
                                    acknowledged.insert(*i);
                                }
                            }
                        }
                    }
                    // The connection is back: the outbox drains in batches of varying size.
                    let waiting: Vec<usize> =
                        (0..RECORDS).filter(|i| !acknowledged.contains(i)).collect();
                    let mut at = 0;
                    let mut sizes = final_sizes.iter().cycle();
                    while at < waiting.len() {
                        let n = (*sizes.next().unwrap()).min(waiting.len() - at);
                        let sent: Vec<Value> = waiting[at..at + n]
                            .iter()
                            .map(|i| records[*i].clone())
                            .collect();
                        let a = push(&app, &t.inspector, &sent).await;
                        for s in statuses(&a) {
                            prop_assert!(s == "applied" || s == "unchanged", "{s}: {}", a.body);
                        }
                        at += n;
                    }
                    // An old batch replayed once more: all unchanged.
                    let everything = push(&app, &t.inspector, &records).await;
                    prop_assert!(
                        statuses(&everything).iter().all(|s| s == "unchanged"),
                        "{}",
                        everything.body
                    );
                    // The server holds each record once, with the client's content.
                    for r in &records {
                        let id = r["id"].as_str().unwrap();
                        let note = match r["kind"].as_str().unwrap() {
                            "survey" => {
                                let s = app
                                    .get(&format!("/api/v1/surveys/{id}"), &t.inspector.token)
                                    .await;
                                prop_assert_eq!(
                                    &s.body["points"].as_array().unwrap().len(),
                                    &r["data"]["points"].as_array().unwrap().len()
                                );
                                s.body["notes"].clone()
                            }
                            "object" => app
                                .get(&format!("/api/v1/objects/{id}"), &t.inspector.token)
                                .await
                                .body["properties"]["name"]
                                .clone(),
                            "sample" => app
                                .get(&format!("/api/v1/samples/{id}"), &t.inspector.token)
                                .await
                                .body["number"]
                                .clone(),
                            _ => app
                                .get(&format!("/api/v1/acts/{id}"), &t.inspector.token)
                                .await
                                .body["content"]["location"]
                                .clone(),
                        };
                        let wanted = r["data"]
                            .get("notes")
                            .or(r["data"].get("name"))
                            .or(r["data"].get("location"))
                            .or(r["data"].get("number"))
                            .unwrap();
                        prop_assert_eq!(&note, wanted);
                    }
                    Ok(())
                })
            })
        },
    );
    result.unwrap();
    // Exactly one copy each: the counts match what the client made.
    let cases = counter.load(std::sync::atomic::Ordering::Relaxed);
    let surveys = app
        .get("/api/v1/surveys?mine=true&limit=500", &t.inspector.token)
        .await;
    let per_case_surveys = (0..RECORDS).filter(|i| i % 4 == 0).count();
    assert_eq!(
        surveys.body.as_array().unwrap().len(),
        act_surveys.len() + cases * per_case_surveys
    );
    let acts = app.get("/api/v1/acts?limit=500", &t.inspector.token).await;
    let per_case_acts = (0..RECORDS).filter(|i| i % 4 == 2).count();
    let acts_by_id: HashMap<String, Value> = acts
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["id"].as_str().unwrap().to_string(), a.clone()))
        .collect();
    assert_eq!(acts_by_id.len(), cases * per_case_acts);
    let samples = app.get("/api/v1/samples", &t.inspector.token).await;
    let per_case_samples = (0..RECORDS).filter(|i| i % 4 == 3).count();
    assert_eq!(
        samples.body.as_array().unwrap().len(),
        cases * per_case_samples,
        "each sample once"
    );
    app.stop().await;
}
both_engines!(r_mob_2_no_point_is_lost_or_duplicated_whatever_the_network_does);
