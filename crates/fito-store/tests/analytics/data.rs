//! The generated data both engines get: organisations, inspectors, objects,
//! surveys with findings over two seasons, acts and tasks.

use chrono::NaiveDate;
use fito_core::act::ActStatus;
use fito_store::acts::{self, Act};
use fito_store::fieldwork::{self, Finding, Survey, Task};
use fito_store::objects::{self, Object};
use fito_store::orgs::{self, NewOrganization};
use fito_store::test_support::{TestDb, test_key};
use fito_store::users::{self, NewUser, STATUS_ACTIVE};
use fito_store::{Engine, PoolOptions, Store};
use uuid::Uuid;

/// A small deterministic generator, so both engines get the very same rows.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub fn id(&mut self) -> Uuid {
        Uuid::from_u64_pair(
            self.next() << 32 | self.next(),
            self.next() << 32 | self.next(),
        )
    }
}

/// What was generated, to check the dashboard against.
#[derive(Default)]
pub struct Made {
    /// (organisation path, surveyed_at µs, eppo, category, surveyed, infested, kato).
    pub findings: Vec<(String, i64, String, String, f64, f64, String)>,
    pub region_a: String,
    pub region_b: String,
    /// Every survey written, in order.
    pub surveys: Vec<Uuid>,
}

const ORGANISMS: [(&str, &str); 3] = [
    ("ACLRGL", "quarantine"),
    ("ACLRVA", "especially_dangerous"),
    ("AGRLAX", "ordinary"),
];
/// Districts of Akmola (region A) and of Abai (region B).
pub const KATO_A: [&str; 3] = ["111000000", "113200000", "111600000"];
pub const KATO_B: [&str; 2] = ["103200000", "103400000"];

/// A fresh migrated database of `engine` holding the generated data (the database
/// lives as long as the `TestDb`).
pub async fn generated(engine: Engine) -> (TestDb, Store, Made) {
    let db = TestDb::new(engine).await;
    let store = Store::connect(&db.url, &PoolOptions::default())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    store.unlock(test_key()).await.unwrap();
    let made = generate(&store).await;
    (db, store, made)
}

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
        made.surveys.push(survey_id);
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
