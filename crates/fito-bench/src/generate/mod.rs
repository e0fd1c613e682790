//! `fito-bench generate`: fills a database with synthetic phytosanitary objects spread
//! over Kazakhstan, each with the KATO district (and so the region) it lies in and
//! owned by an organisation of that region under the root; and, with `--findings`,
//! surveys of those objects with their findings over two seasons. Writes through
//! fito-store in large transactions (the product's own tables, indexes and versions).

mod findings;
mod kato;

use anyhow::Context;
use fito_geo::formats::geojson::{geometry_from_json, geometry_to_json};
use fito_geo::{ValidationOptions, validate};
use fito_store::objects::{BoxDeg, Object};
use fito_store::orgs::NewOrganization;
use fito_store::{PoolOptions, Store};
use kato::Kato;
use rand::{Rng, SeedableRng};
use serde_json::json;
use uuid::Uuid;

/// Kazakhstan's bounding box (west, south, east, north), where the data lands.
const WEST: f64 = 46.5;
const SOUTH: f64 = 40.6;
const EAST: f64 = 87.3;
const NORTH: f64 = 55.4;

pub struct Options {
    pub database_url: String,
    pub objects: u64,
    pub findings: u64,
    /// The later of the two seasons the findings fall in.
    pub season: i32,
    pub inspectors: Vec<Uuid>,
    pub seed: u64,
}

/// What `findings` needs of a generated object.
pub struct Placed {
    pub id: Uuid,
    pub lon: f32,
    pub lat: f32,
    pub area_ha: f32,
    /// Index into `Kato::units`.
    pub unit: u16,
}

fn synthetic(
    rng: &mut rand::rngs::StdRng,
    kato: &Kato,
    orgs: &[Uuid],
    now: i64,
) -> anyhow::Result<(Object, String, Placed)> {
    let (lon, lat) = (rng.random_range(WEST..EAST), rng.random_range(SOUTH..NORTH));
    // Two thirds fields (squares of 100 m to 1 km), one third point foci.
    let (type_code, raw) = if rng.random_range(0..3) < 2 {
        let d = rng.random_range(0.0005..0.005);
        let ring = json!([
            [lon - d, lat - d],
            [lon + d, lat - d],
            [lon + d, lat + d],
            [lon - d, lat + d],
            [lon - d, lat - d]
        ]);
        ("field", json!({ "type": "Polygon", "coordinates": [ring] }))
    } else {
        (
            "outbreak_focus",
            json!({ "type": "Point", "coordinates": [lon, lat] }),
        )
    };
    let options = ValidationOptions {
        close_open_rings: false,
        kazakhstan_axes_check: false,
    };
    let geometry = validate(geometry_from_json(raw)?, &options)?.geometry;
    let b = geometry.bbox();
    let bbox = BoxDeg {
        min_lon: b.min_lon(),
        min_lat: b.min_lat(),
        max_lon: b.max_lon(),
        max_lat: b.max_lat(),
    };
    let (unit, district) = kato.locate(lon, lat);
    let name = format!("{type_code} {lon:.4} {lat:.4}");
    let mut o = fito_store::objects::draft(
        fito_core::new_id(),
        orgs[unit],
        type_code,
        name,
        geometry_to_json(&geometry).to_string(),
        geometry.area().value(),
        bbox,
    );
    o.kato = Some(district.to_string());
    (o.created_at, o.updated_at) = (now, now);
    let snapshot = json!({ "type": "Feature", "id": o.id, "geometry": serde_json::from_str::<serde_json::Value>(&o.geometry)? }).to_string();
    let placed = Placed {
        id: o.id,
        lon: lon as f32,
        lat: lat as f32,
        area_ha: o.area_ha as f32,
        unit: unit as u16,
    };
    Ok((o, snapshot, placed))
}

/// The root organisation (made when there is none) and under it one organisation
/// per region and city of `kato` (code `BENCH` + the region's two KATO digits),
/// made when missing: the subtree a regional Head sees.
async fn organisations(store: &Store, kato: &Kato, now: i64) -> anyhow::Result<Vec<Uuid>> {
    let new =
        |parent_id: Option<Uuid>, kk: String, ru: String, code: Option<String>| NewOrganization {
            id: fito_core::new_id(),
            parent_id,
            name_kk: kk,
            name_ru: ru,
            name_en: None,
            bin: None,
            address: None,
            code,
        };
    let root = match fito_store::orgs::roots(store.reader())
        .await?
        .into_iter()
        .next()
    {
        Some(root) => root,
        None => {
            let root = new(None, "Бенчмарк".into(), "Бенчмарк".into(), None);
            fito_store::orgs::insert(store.writer(), root, now).await?
        }
    };
    let existing = fito_store::orgs::list_subtree(store.reader(), &root.path).await?;
    let mut orgs = Vec::new();
    for unit in &kato.units {
        let code = format!("BENCH{}", &unit.kato[..2]);
        let id = match existing.iter().find(|o| o.code.as_deref() == Some(&code)) {
            Some(o) => o.id,
            None => {
                let kk = format!("Бенчмарк: {}", unit.name_kk);
                let ru = format!("Бенчмарк: {}", unit.name_ru);
                let org = new(Some(root.id), kk, ru, Some(code));
                fito_store::orgs::insert(store.writer(), org, now).await?.id
            }
        };
        orgs.push(id);
    }
    Ok(orgs)
}

pub async fn run(o: Options) -> anyhow::Result<()> {
    let store = Store::connect(
        &o.database_url,
        &PoolOptions {
            sqlite_synchronous_full: false,
            ..PoolOptions::default()
        },
    )
    .await
    .context("open the database")?;
    store.migrate().await?;
    let now = fito_store::time::now_us();
    fito_store::reference::seed_if_empty(store.writer(), now).await?;
    let kato = Kato::new(&fito_store::reference::admin_units(store.reader()).await?)?;
    let orgs = organisations(&store, &kato, now).await?;
    let mut rng = rand::rngs::StdRng::seed_from_u64(o.seed);
    let started = std::time::Instant::now();
    let mut written = 0u64;
    let mut placed = Vec::with_capacity(if o.findings > 0 {
        o.objects as usize
    } else {
        0
    });
    while written < o.objects {
        let batch = (o.objects - written).min(20_000);
        let mut objects = Vec::with_capacity(batch as usize);
        let mut snapshots = Vec::with_capacity(batch as usize);
        for _ in 0..batch {
            let (object, snapshot, p) = synthetic(&mut rng, &kato, &orgs, now)?;
            objects.push(object);
            snapshots.push(snapshot);
            if o.findings > 0 {
                placed.push(p);
            }
        }
        let snapshot_of: std::collections::HashMap<Uuid, &String> =
            objects.iter().map(|o| o.id).zip(&snapshots).collect();
        let txn = store.begin().await?;
        fito_store::objects::insert_many(&txn, &objects, |o| snapshot_of[&o.id].clone(), |_| {})
            .await?;
        txn.commit().await?;
        written += batch;
        eprintln!(
            "{written} objects ({:.0} s)",
            started.elapsed().as_secs_f64()
        );
    }
    let surveys = findings::write(
        &store,
        &mut rng,
        &placed,
        &findings::Options {
            count: o.findings,
            season: o.season,
            inspectors: &o.inspectors,
            orgs: &orgs,
        },
        now,
    )
    .await?;
    // Fresh planner statistics, as after any bulk load; and on SQLite the write-ahead
    // log folded into the database, as a load finished long before anyone queries.
    fito_store::maintenance::after_bulk_load(&store).await?;
    let also = if o.findings > 0 {
        format!(" and {} findings in {surveys} surveys", o.findings)
    } else {
        String::new()
    };
    println!(
        "generated {written} objects{also} in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
