//! The Head's analytics (issue 13): the same generated data in SQLite and PostgreSQL
//! gives the same dashboard, its totals are the generated data's, and a subtree never
//! counts another region's rows.

use chrono::NaiveDate;
use fito_core::act::ActStatus;
use fito_store::acts::{self, Act};
use fito_store::analytics::{self, Dashboard, Query};
use fito_store::fieldwork::{self, Finding, Survey, Task};
use fito_store::objects::{self, Object};
use fito_store::orgs::{self, NewOrganization};
use fito_store::test_support::{TestDb, test_key};
use fito_store::users::{self, NewUser, STATUS_ACTIVE};
use fito_store::{Engine, PoolOptions, Store};
use std::collections::BTreeMap;
use uuid::Uuid;

/// A small deterministic generator, so both engines get the very same rows.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn id(&mut self) -> Uuid {
        Uuid::from_u64_pair(
            self.next() << 32 | self.next(),
            self.next() << 32 | self.next(),
        )
    }
}

/// What was generated, to check the dashboard against.
#[derive(Default)]
struct Made {
    /// (organisation path, surveyed_at µs, eppo, category, surveyed, infested, kato).
    findings: Vec<(String, i64, String, String, f64, f64, String)>,
    region_a: String,
    region_b: String,
}

const ORGANISMS: [(&str, &str); 3] = [
    ("ACLRGL", "quarantine"),
    ("ACLRVA", "especially_dangerous"),
    ("AGRLAX", "ordinary"),
];
/// Districts of Akmola (region A) and of Abai (region B).
const KATO_A: [&str; 3] = ["111000000", "113200000", "111600000"];
const KATO_B: [&str; 2] = ["103200000", "103400000"];

async fn generate(store: &Store) -> Made {
    let w = store.writer();
    fito_store::reference::seed_if_empty(w, 0).await.unwrap();
    let mut r = Lcg(13);
    let org = |id, parent, name: &str| NewOrganization {
        id,
        parent_id: parent,
        name_kk: name.into(),
        name_ru: name.into(),
        name_en: None,
        bin: None,
        address: None,
        code: None,
    };
    let root = orgs::insert(w, org(r.id(), None, "Республика"), 0)
        .await
        .unwrap();
    let a = orgs::insert(w, org(r.id(), Some(root.id), "Ақмола"), 0)
        .await
        .unwrap();
    let b = orgs::insert(w, org(r.id(), Some(root.id), "Абай"), 0)
        .await
        .unwrap();
    let mut made = Made {
        region_a: a.path.clone(),
        region_b: b.path.clone(),
        ..Made::default()
    };
    let mut people = Vec::new();
    for (i, (o, surname)) in [(&a, "Әбенов"), (&a, "Бекова"), (&b, "Сейітов")]
        .iter()
        .enumerate()
    {
        let u = users::insert(
            w,
            NewUser {
                id: r.id(),
                organization_id: Some(o.id),
                role: Some("inspector".into()),
                status: STATUS_ACTIVE,
                surname: surname.to_string(),
                first_name: "Ерлан".into(),
                patronymic: None,
                phone: None,
                email: format!("i{i}@fito.kz"),
                iin: None,
                position: "Инспектор".into(),
                password_hash: None,
                must_change_password: false,
            },
            0,
        )
        .await
        .unwrap();
        people.push((u.id, o.id, o.path.clone()));
    }
    let mut objs = Vec::new();
    for i in 0..24 {
        let in_a = i % 3 != 0;
        let o = if in_a { &a } else { &b };
        let kato = if in_a {
            KATO_A[r.below(3) as usize]
        } else {
            KATO_B[r.below(2) as usize]
        };
        let saved = objects::insert(
            w,
            Object {
                rid: 0,
                id: r.id(),
                organization_id: o.id,
                type_code: if i % 4 == 0 { "orchard" } else { "field" }.into(),
                name: format!("Алқап {i}"),
                owner_kind: None,
                owner_name: None,
                owner_bin: None,
                owner_iin: None,
                kato: Some(kato.into()),
                crop_code: None,
                status: "active".into(),
                geometry: r#"{"type":"Point","coordinates":[71.4,51.1]}"#.into(),
                area_ha: 10.0,
                min_lon: 71.4,
                min_lat: 51.1,
                max_lon: 71.4,
                max_lat: 51.1,
                notes: None,
                version: 1,
                created_at: 0,
                updated_at: 0,
                created_by: None,
                updated_by: None,
                quarantine_found_at: None,
            },
            "{}".into(),
        )
        .await
        .unwrap();
        objs.push((saved.id, o.id, o.path.clone(), kato));
    }
    let start = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
    for _ in 0..160 {
        let (object, org_id, path, kato) = objs[r.below(objs.len() as u64) as usize].clone();
        let inspector = people
            .iter()
            .filter(|p| p.1 == org_id)
            .nth(r.below(if org_id == a.id { 2 } else { 1 }) as usize)
            .unwrap()
            .0;
        let day = start + chrono::Days::new(r.below(500));
        let at = day
            .and_hms_opt(r.below(24) as u32, 0, 0)
            .unwrap()
            .and_utc()
            .timestamp_micros();
        let survey_id = r.id();
        let mut findings = Vec::new();
        for seq in 0..(1 + r.below(3)) as i32 {
            let (eppo, category) = ORGANISMS[r.below(3) as usize];
            let surveyed = (r.below(100_000) as f64) / 1000.0 + 0.1;
            let infested = surveyed * (r.below(50) as f64) / 100.0;
            made.findings.push((
                path.clone(),
                at,
                eppo.into(),
                category.into(),
                surveyed,
                infested,
                kato.into(),
            ));
            findings.push(Finding {
                survey_id,
                seq,
                organization_id: org_id,
                object_id: Some(object),
                point_seq: 0,
                lat: 51.1,
                lon: 71.4,
                surveyed_at: at,
                eppo_code: eppo.into(),
                category: category.into(),
                development_stage: None,
                intensity_kind: None,
                intensity_value: None,
                area_surveyed_ha: Some(surveyed),
                area_infested_ha: Some(infested),
                area_above_threshold_ha: None,
                samples: "[]".into(),
                notes: None,
            });
        }
        let survey = Survey {
            rid: 0,
            id: survey_id,
            organization_id: org_id,
            inspector_id: inspector,
            task_id: None,
            object_id: Some(object),
            place: None,
            surveyed_at: at,
            crop_code: Some(
                if r.below(2) == 0 {
                    "barley"
                } else {
                    "wheat_spring"
                }
                .into(),
            ),
            growth_phase: None,
            notes: None,
            points: "[]".into(),
            version: 1,
            created_at: at,
            updated_at: at,
        };
        fieldwork::insert_survey(w, survey, findings).await.unwrap();
        if r.below(3) == 0 {
            let status = ActStatus::ALL[r.below(6) as usize];
            let deadline = day + chrono::Days::new(r.below(120));
            acts::insert_act(
                w,
                Act {
                    rid: 0,
                    id: r.id(),
                    organization_id: org_id,
                    survey_id,
                    object_id: Some(object),
                    inspector_id: inspector,
                    act_type: if r.below(2) == 0 {
                        "sampling"
                    } else {
                        "inspection"
                    }
                    .into(),
                    language: "kk".into(),
                    status,
                    registry_year: None,
                    registry_seq: None,
                    registry_number: None,
                    content: serde_json::json!({ "measures": [
                        { "text": "Химиялық өңдеу", "deadline": deadline },
                        { "text": "Бақылау", "deadline": null }
                    ] })
                    .to_string(),
                    frozen: None,
                    pdf_sha256: None,
                    content_sha256: None,
                    version: 1,
                    created_at: at,
                    updated_at: at,
                },
            )
            .await
            .unwrap();
        }
    }
    for i in 0..20 {
        let (assignee, org_id, _) = people[r.below(3) as usize].clone();
        let due = start + chrono::Days::new(r.below(500));
        let task = Task {
            rid: 0,
            id: r.id(),
            organization_id: org_id,
            assignee_id: assignee,
            basis: "plan".into(),
            area: None,
            starts_on: due.to_string(),
            due_on: due.to_string(),
            status: ["open", "done", "cancelled"][i % 3].into(),
            note: None,
            warnings: if i % 4 == 0 { r#"[{"x":1}]"# } else { "[]" }.into(),
            created_by: assignee,
            created_at: 0,
            updated_at: 0,
        };
        fieldwork::insert_task(w, task, &[]).await.unwrap();
    }
    made
}

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
    let db = TestDb::new(engine).await;
    let store = Store::connect(&db.url, &PoolOptions::default())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    store.unlock(test_key()).await.unwrap();
    let made = generate(&store).await;
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
    let close = |x: (f64, f64, i64), y: (f64, f64, i64)| {
        (x.0 - y.0).abs() < 0.001 && (x.1 - y.1).abs() < 0.001 && x.2 == y.2
    };
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
