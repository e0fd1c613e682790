//! The sums the dashboard reads from the rollup (issue 13, R-ROLE-1) stay equal to
//! the findings through every write that changes them — surveys written, a survey
//! corrected, an object moved to another district — on both engines, and a period
//! cut inside months counts exactly its days.

use super::data::{KATO_A, generated};
use super::{close, expected, query};
use chrono::NaiveDate;
use fito_store::Engine;
use fito_store::analytics::{self, Dashboard, rollup};
use fito_store::fieldwork::{self, Finding, FindingFilter};
use fito_store::objects;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn month_foci(d: &Dashboard, month: &str) -> i64 {
    d.trend
        .iter()
        .find(|m| m.month == month)
        .map_or(0, |m| m.current.foci)
}

fn district_foci(d: &Dashboard, kato: &str) -> i64 {
    d.districts
        .iter()
        .find(|u| u.kato.as_deref() == Some(kato))
        .map_or(0, |u| u.areas.foci)
}

async fn follows_every_write(engine: Engine) {
    let (_db, store, made) = generated(engine).await;
    let w = store.writer();
    assert_eq!(rollup::differences(w).await.unwrap(), Vec::<String>::new());

    // 10 January – 19 May: whole months from the rollup, the days around them from
    // the findings; the totals are the generated findings of exactly those days.
    let root = format!("/{}/", made.region_a.split('/').nth(1).unwrap());
    let mut q = query(&root);
    q.from = day(2026, 1, 10);
    q.to = day(2026, 5, 19);
    let before = analytics::dashboard(w, &q).await.unwrap();
    let totals = &before.totals;
    let want = expected(&made, &root, &q);
    assert!(
        close((totals.surveyed_ha, totals.infested_ha, totals.foci), want),
        "{totals:?} against {want:?}"
    );
    let trend_foci: i64 = before.trend.iter().map(|m| m.current.foci).sum();
    assert_eq!(trend_foci, totals.foci, "the months add up to the period");

    // A survey corrected: its findings replaced by one finding on 15 March.
    let id = made.surveys[7];
    let survey = fieldwork::survey(w, id).await.unwrap().unwrap();
    let old: Vec<Finding> = fieldwork::findings(
        w,
        &FindingFilter {
            org_path: root.clone(),
            object: survey.object_id,
            ..FindingFilter::default()
        },
        10_000,
    )
    .await
    .unwrap()
    .into_iter()
    .filter(|f| f.survey_id == id)
    .collect();
    let in_march = |f: &Finding| month_of(f) == "2026-03";
    let in_period = |f: &Finding| {
        let d = chrono::DateTime::from_timestamp_micros(f.surveyed_at)
            .unwrap()
            .date_naive();
        d >= q.from && d <= q.to
    };
    let at = day(2026, 3, 15)
        .and_hms_opt(10, 0, 0)
        .unwrap()
        .and_utc()
        .timestamp_micros();
    let mut changed = survey.clone();
    changed.surveyed_at = at;
    let mut finding = old[0].clone();
    finding.seq = 0;
    finding.surveyed_at = at;
    finding.eppo_code = "ACLRGL".into();
    finding.category = "quarantine".into();
    finding.area_surveyed_ha = Some(7.5);
    finding.area_infested_ha = Some(2.5);
    fieldwork::update_survey(w, changed, survey.version, vec![finding])
        .await
        .unwrap();
    assert_eq!(rollup::differences(w).await.unwrap(), Vec::<String>::new());
    let after = analytics::dashboard(w, &q).await.unwrap();
    let gone = old.iter().filter(|f| in_period(f)).count() as i64;
    assert_eq!(after.totals.foci, before.totals.foci - gone + 1);
    let gone_march = old.iter().filter(|f| in_march(f)).count() as i64;
    assert_eq!(
        month_foci(&after, "2026-03"),
        month_foci(&before, "2026-03") - gone_march + 1
    );

    // The object moved to another district of its region: its findings follow it.
    let object = objects::get(w, survey.object_id.unwrap())
        .await
        .unwrap()
        .unwrap();
    let from_kato = object.kato.clone().unwrap();
    let to_kato = KATO_A
        .iter()
        .find(|k| **k != from_kato)
        .unwrap()
        .to_string();
    let district_total = after.districts.iter().map(|u| u.areas.foci).sum::<i64>();
    let mut moved = object.clone();
    moved.kato = Some(to_kato.clone());
    objects::update(w, moved, object.version, "update", "{}".into())
        .await
        .unwrap();
    assert_eq!(rollup::differences(w).await.unwrap(), Vec::<String>::new());
    let last = analytics::dashboard(w, &q).await.unwrap();
    let district = |k: &str| format!("{}00000", &k[..4]);
    let shifted =
        district_foci(&after, &district(&from_kato)) - district_foci(&last, &district(&from_kato));
    assert!(
        shifted >= 1,
        "the corrected survey's finding left the old district"
    );
    assert_eq!(
        district_foci(&last, &district(&to_kato)),
        district_foci(&after, &district(&to_kato)) + shifted
    );
    assert_eq!(last.totals, after.totals, "a move changes no total");
    assert_eq!(
        last.districts.iter().map(|u| u.areas.foci).sum::<i64>(),
        district_total
    );
    // Made anew from the findings (as the migration that made it does), it is the same.
    let tx = store.begin().await.unwrap();
    rollup::rebuild(&tx).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(analytics::dashboard(w, &q).await.unwrap(), last);
    store.close().await;
}

fn month_of(f: &Finding) -> String {
    chrono::DateTime::from_timestamp_micros(f.surveyed_at)
        .unwrap()
        .format("%Y-%m")
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_13_rollup_follows_every_write_on_sqlite() {
    follows_every_write(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_13_rollup_follows_every_write_on_postgres() {
    follows_every_write(Engine::Postgres).await;
}
