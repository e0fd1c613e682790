//! The monthly report (issue 13): on the 1st a scheduled job, run once across
//! instances under the job lease, tells every active Head that the previous month's
//! report is ready; any other day, or a second run that day, tells nobody anything.

mod common;

use chrono::NaiveDate;
use common::{Caller, TestApp};
use fito_server::app::analytics::monthly::{self, Made};
use fito_server::app::jobs;
use fito_server::i18n::{I18n, Lang};
use fito_store::{Engine, Store, both_engines};
use reqwest::StatusCode;
use serde_json::json;
use std::sync::{Arc, Mutex};
use uuid::Uuid;

fn id(c: &Caller) -> Uuid {
    c.user_id.parse().unwrap()
}

/// Two instances (`first`, `second`) try the job at the same moment on `today`;
/// returns how many ran it and what was made.
async fn both_try(first: &Store, second: &Store, today: NaiveDate) -> (usize, Vec<Made>) {
    let made: Arc<Mutex<Vec<Made>>> = Arc::default();
    let job = |store: &Store| {
        let (store, made) = (store.clone(), made.clone());
        move || async move {
            if let Some(m) = monthly::make(&store, today).await.expect("report job") {
                made.lock().unwrap().push(m);
            }
        }
    };
    let (a, b) = tokio::join!(
        jobs::run_once(
            first,
            monthly::JOB,
            "instance-a",
            monthly::EVERY,
            job(first)
        ),
        jobs::run_once(
            second,
            monthly::JOB,
            "instance-b",
            monthly::EVERY,
            job(second)
        ),
    );
    let made = std::mem::take(&mut *made.lock().unwrap());
    (usize::from(a) + usize::from(b), made)
}

async fn notified(store: &Store, who: &Caller) -> Vec<fito_store::notifications::Notification> {
    fito_store::notifications::of_user(store.reader(), id(who), false, 50)
        .await
        .unwrap()
        .into_iter()
        .filter(|n| n.kind == monthly::KIND)
        .collect()
}

async fn issue_13_the_monthly_report_is_made_on_the_first_once_and_heads_are_told(engine: Engine) {
    let mut app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let region = app.create_org(&admin, &app.root_org, "Ақмола облысы").await;
    let other = app
        .create_org(&admin, &app.root_org, "Қостанай облысы")
        .await;
    let at_root = app.create_user(&admin, "head", &app.root_org).await;
    let of_region = app.create_user(&admin, "head", &region).await;
    let of_other = app.create_user(&admin, "head", &other).await;
    let gone = app.create_user(&admin, "head", &region).await;
    let deactivated = app
        .post(
            &format!("/api/v1/users/{}/deactivate", gone.user_id),
            &admin.token,
            json!({}),
        )
        .await;
    assert_eq!(deactivated.status, StatusCode::OK, "{}", deactivated.body);
    let inspector = app.create_user(&admin, "inspector", &region).await;

    // The server goes; two instances share its database from now on. Its lease
    // (taken at start, when it looked whether the report was due) is let go, as it
    // is when it runs out.
    app.stop_server().await;
    let first = app.store.clone();
    if let Some((holder, _)) = fito_store::jobs::holder(first.reader(), monthly::JOB)
        .await
        .unwrap()
    {
        fito_store::jobs::release(first.writer(), monthly::JOB, &holder)
            .await
            .unwrap();
    }
    let second = Store::connect(&app.db.url, &fito_store::PoolOptions::default())
        .await
        .unwrap();
    // A second instance loads the shared master key as a second server does; without
    // it, whichever instance won the lease could not read the Heads' names.
    fito_server::app::bootstrap::privacy_keys(&second, &common::test_config(&app.db))
        .await
        .unwrap();

    // The 2nd of March: not the day, nobody is told.
    let (ran, made) = both_try(&first, &second, day(2026, 3, 2)).await;
    assert_eq!(ran, 1, "one instance holds the lease");
    assert!(made.is_empty());
    assert!(notified(&first, &of_region).await.is_empty());

    // The 1st of March: the February report, once across both instances; the lease
    // is still held by whoever ran before, so exactly one runs again.
    let (ran, made) = both_try(&first, &second, day(2026, 3, 1)).await;
    assert_eq!(ran, 1, "exactly one instance ran the job");
    assert_eq!(made.len(), 1);
    assert_eq!(made[0].month, "2026-02");
    let mut told = made[0].heads.clone();
    told.sort();
    let mut heads = vec![id(&at_root), id(&of_region), id(&of_other)];
    heads.sort();
    assert_eq!(told, heads, "every active Head, and only they");

    let i18n = I18n::load();
    for head in [&at_root, &of_region, &of_other] {
        let got = notified(&first, head).await;
        assert_eq!(got.len(), 1, "{}", head.email);
        let n = &got[0];
        assert_eq!(n.target_kind.as_deref(), Some("report"));
        let args: serde_json::Value = serde_json::from_str(&n.args).unwrap();
        assert_eq!(args["from"], "2026-02-01");
        assert_eq!(args["to"], "2026-02-28");
        let text = fito_server::app::notify::message(&i18n, Lang::Ru, &n.kind, &n.args);
        assert!(text.contains("2026-02"), "{text}");
    }
    for nobody in [&gone, &inspector] {
        assert!(
            notified(&first, nobody).await.is_empty(),
            "{}",
            nobody.email
        );
    }

    // Later that day (the hourly tick, on either instance): nothing more.
    let again = monthly::make(&second, day(2026, 3, 1)).await.unwrap();
    assert!(again.is_none(), "made once");
    let (_, made) = both_try(&first, &second, day(2026, 3, 1)).await;
    assert!(made.is_empty());
    assert_eq!(notified(&first, &of_region).await.len(), 1);

    // The journal holds the month's report once.
    let journal = fito_store::audit::search(
        &first,
        &fito_store::audit::Filter {
            action: Some(monthly::ACTION.into()),
            target_id: Some("2026-02".into()),
            limit: 10,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(journal.len(), 1);

    second.close().await;
    app.stop().await;
}
both_engines!(issue_13_the_monthly_report_is_made_on_the_first_once_and_heads_are_told);

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}
