//! The Head's analytics (issue 13): the same generated data in SQLite and PostgreSQL
//! gives the same dashboard, its totals are the generated data's, and a subtree never
//! counts another region's rows.

mod data;
mod rollup;

use chrono::NaiveDate;
use data::{Made, generated};
use fito_store::Engine;
use fito_store::analytics::{self, Dashboard, Query};
use std::collections::BTreeMap;

fn query(org_path: &str) -> Query {
    Query {
        org_path: org_path.into(),
        from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
        organism: None,
        category: None,
        crop: None,
        object_type: None,
        kato: None,
        today: NaiveDate::from_ymd_opt(2026, 7, 15).unwrap(),
        newest: 10,
    }
}

/// Where the map's region summary puts each region's and district's symbol.
type Centres = (BTreeMap<String, [f64; 2]>, BTreeMap<String, [f64; 2]>);

/// Every question the test asks, on one engine: the dashboard and the centres.
async fn answers(engine: Engine) -> (Vec<Dashboard>, Vec<Centres>, Made) {
    let (_db, store, made) = generated(engine).await;
    let root = made.region_a.split('/').nth(1).unwrap().to_string();
    let mut questions = vec![
        query(&format!("/{root}/")),
        query(&made.region_a),
        query(&made.region_b),
    ];
    let mut q = query(&format!("/{root}/"));
    q.organism = Some("ACLRGL".into());
    q.crop = Some("barley".into());
    questions.push(q);
    let mut q = query(&format!("/{root}/"));
    q.kato = Some("1132".into());
    q.object_type = Some("field".into());
    q.category = Some("quarantine".into());
    questions.push(q);
    // A period cut inside months, over a region given as a KATO filter: whole
    // months from the rollup, the days around them from the findings.
    let mut q = query(&format!("/{root}/"));
    q.from = NaiveDate::from_ymd_opt(2025, 11, 17).unwrap();
    q.to = NaiveDate::from_ymd_opt(2026, 4, 3).unwrap();
    q.kato = Some("11".into());
    questions.push(q);
    let (mut out, mut centres) = (Vec::new(), Vec::new());
    for q in &questions {
        out.push(analytics::dashboard(store.reader(), q).await.unwrap());
        centres.push((
            analytics::centres(store.reader(), q, false).await.unwrap(),
            analytics::centres(store.reader(), q, true).await.unwrap(),
        ));
    }
    store.close().await;
    (out, centres, made)
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// The totals of the generated findings a question covers.
fn expected(made: &Made, path: &str, q: &Query) -> (f64, f64, i64) {
    let (from, to) = (
        q.from
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc()
            .timestamp_micros(),
        q.to.succ_opt()
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc()
            .timestamp_micros(),
    );
    let mine: Vec<_> = made
        .findings
        .iter()
        .filter(|f| f.0.starts_with(path) && f.1 >= from && f.1 < to)
        .collect();
    (
        round(mine.iter().map(|f| f.4).sum()),
        round(mine.iter().map(|f| f.5).sum()),
        mine.len() as i64,
    )
}

/// Hectares equal to the thousandth, foci exactly.
fn close(x: (f64, f64, i64), y: (f64, f64, i64)) -> bool {
    (x.0 - y.0).abs() < 0.001 && (x.1 - y.1).abs() < 0.001 && x.2 == y.2
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_13_both_engines_answer_the_dashboard_identically() {
    let (sqlite, sqlite_centres, _) = answers(Engine::Sqlite).await;
    let (postgres, postgres_centres, _) = answers(Engine::Postgres).await;
    assert_eq!(sqlite.len(), postgres.len());
    for (i, (s, p)) in sqlite.iter().zip(&postgres).enumerate() {
        assert_eq!(s, p, "question {i} differs between the engines");
    }
    // The region summary's symbols stand in the same place on both (micro-degrees),
    // one per region and per district that has findings.
    assert_eq!(sqlite_centres, postgres_centres);
    let (regions, districts) = &sqlite_centres[0];
    let named =
        |rows: &[fito_store::analytics::UnitRow]| rows.iter().filter(|r| r.kato.is_some()).count();
    assert_eq!(regions.len(), named(&sqlite[0].regions));
    assert_eq!(districts.len(), named(&sqlite[0].districts));
    let whole = &sqlite[0];
    assert!(
        whole.totals.foci > 50,
        "the period holds findings: {:?}",
        whole.totals
    );
    assert!(!whole.acts.is_empty() && !whole.overdue.is_empty() && !whole.inspectors.is_empty());
    assert!(whole.tasks.planned > 0);
    assert_eq!(whole.trend.len(), 6);
    assert_eq!(whole.trend[0].month, "2026-01");
    assert!(
        whole.trend.iter().any(|m| m.previous.foci > 0),
        "2025 is compared"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_13_totals_are_the_data_and_a_region_never_counts_another() {
    let (answers, _, made) = answers(Engine::Sqlite).await;
    let root = format!("/{}/", made.region_a.split('/').nth(1).unwrap());
    let q = query(&root);
    let (whole, a, b) = (&answers[0], &answers[1], &answers[2]);
    let sums = |d: &Dashboard| (d.totals.surveyed_ha, d.totals.infested_ha, d.totals.foci);
    assert!(
        close(sums(whole), expected(&made, &root, &q)),
        "{:?}",
        sums(whole)
    );
    assert!(close(sums(a), expected(&made, &made.region_a, &q)));
    assert!(close(sums(b), expected(&made, &made.region_b, &q)));
    assert_eq!(sums(a).2 + sums(b).2, sums(whole).2);
    // Region A's rows are all Akmola's (11…), region B's all Abai's (10…).
    assert!(
        a.regions
            .iter()
            .all(|r| r.kato.as_deref() == Some("110000000"))
    );
    assert!(
        b.regions
            .iter()
            .all(|r| r.kato.as_deref() == Some("100000000"))
    );
    assert!(
        a.districts
            .iter()
            .all(|d| d.kato.as_deref().unwrap().starts_with("11"))
    );
    assert_eq!(a.regions[0].name_kk.as_deref(), Some("Ақмола облысы"));
    assert!(a.inspectors.iter().all(|w| w.surname != "Сейітов"));
    assert!(b.inspectors.iter().all(|w| w.surname == "Сейітов"));
    // By district sums to the region; by organism sums to the totals.
    let district_foci: i64 = a.districts.iter().map(|d| d.areas.foci).sum();
    assert_eq!(district_foci, a.totals.foci);
    // The newest quarantine finding comes first and no ordinary one is listed.
    assert!(
        whole
            .quarantine
            .windows(2)
            .all(|w| w[0].surveyed_at >= w[1].surveyed_at)
    );
    assert!(whole.quarantine.iter().all(|f| f.category != "ordinary"));
    // A filter narrows: KATO 1132…, fields, quarantine only.
    let narrow = &answers[4];
    assert!(
        narrow
            .districts
            .iter()
            .all(|d| d.kato.as_deref() == Some("113200000"))
    );
    assert!(narrow.organisms.iter().all(|o| o.eppo_code == "ACLRGL"));
    assert!(narrow.totals.foci < whole.totals.foci);
    assert!(
        whole
            .overdue
            .iter()
            .all(|o| o.deadline < q.today && o.days_overdue > 0)
    );
}
