//! `fito-bench generate`: fills a database with synthetic phytosanitary objects spread
//! over Kazakhstan, for the register benchmarks in BENCHMARKS.md. Writes through
//! fito-store in large transactions (the product's own tables, indexes and versions).
//!
//! `fito-bench acts`: act rendering to PDF (R-ACT-1) against headless Chromium.
//!
//! `fito-bench sign`: e-signature verification (R-AUTH-2, R-AUTH-3), RSA and GOST-512.
//!
//! `fito-bench sync`: offline sync of surveys and act drafts to a release server (R-MOB-2).

mod acts;
mod sign;
mod sync;

use anyhow::Context;
use clap::{Parser, Subcommand};
use fito_geo::formats::geojson::{geometry_from_json, geometry_to_json};
use fito_geo::{ValidationOptions, validate};
use fito_store::objects::{BoxDeg, Object};
use fito_store::orgs::NewOrganization;
use fito_store::{PoolOptions, Store};
use rand::{Rng, SeedableRng};
use serde_json::json;

/// Kazakhstan's bounding box (west, south, east, north), where the data lands.
const WEST: f64 = 46.5;
const SOUTH: f64 = 40.6;
const EAST: f64 = 87.3;
const NORTH: f64 = 55.4;

#[derive(Parser)]
#[command(name = "fito-bench", about = "Benchmark data for Fito centre")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Add synthetic objects (fields as polygons, outbreak foci as points) to the
    /// root organisation of the database at --database-url.
    Generate {
        #[arg(long, env = "FITO_DATABASE_URL")]
        database_url: String,
        #[arg(long, default_value_t = 1_000_000)]
        objects: u64,
        #[arg(long, default_value_t = 7)]
        seed: u64,
    },
    /// Render inspection acts to PDF: latency on one thread, acts/s on --threads, and
    /// the same act printed from HTML by headless Chromium (cold process and warm tab).
    Acts {
        #[arg(long, default_value_t = 200)]
        iterations: usize,
        #[arg(long, default_value_t = 2)]
        threads: usize,
        /// Prints per Chromium mode; 0 skips the comparison. Default: --iterations.
        #[arg(long)]
        chromium_iterations: Option<usize>,
        #[arg(long)]
        chromium: Option<std::path::PathBuf>,
        /// Keep the typst PDF, the HTML page and Chromium's PDF in this folder.
        #[arg(long)]
        keep: Option<std::path::PathBuf>,
    },
    /// Verify NCA-shaped CMS signatures (GOST-512 and RSA-2048 from the fito-sign
    /// test kit, sign-in and act-signing policies, CRL loaded): latency on one thread,
    /// verifications/s on --threads; and the real NCA test CMS.
    Sign {
        #[arg(long, default_value_t = 500)]
        iterations: usize,
        #[arg(long, default_value_t = 2)]
        threads: usize,
        /// Revoked entries in each test CRL.
        #[arg(long, default_value_t = 1000)]
        crl_entries: usize,
        /// The NCA fixtures folder (shared/fixtures/nca); skipped when absent.
        #[arg(long)]
        fixtures: Option<std::path::PathBuf>,
    },
    /// Push a field day's outbox (surveys with points and findings, act drafts) to a
    /// release `fito serve` on a fresh SQLite folder, and on a fresh PostgreSQL
    /// database when --postgres-url is given: median of --runs.
    Sync {
        /// The release binary to run.
        #[arg(long, default_value = "target/release/fito")]
        fito: std::path::PathBuf,
        /// A PostgreSQL server URL (a database is made on it and dropped after).
        #[arg(long, env = "FITO_BENCH_POSTGRES_URL")]
        postgres_url: Option<String>,
        #[arg(long, default_value_t = 5)]
        runs: usize,
        #[arg(long, default_value_t = 100)]
        surveys: usize,
        #[arg(long, default_value_t = 10)]
        points: usize,
        #[arg(long, default_value_t = 50)]
        acts: usize,
        /// Records per push (the app's batch size).
        #[arg(long, default_value_t = 50)]
        batch: usize,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Generate {
            database_url,
            objects,
            seed,
        } => generate(&database_url, objects, seed).await,
        Command::Acts {
            iterations,
            threads,
            chromium_iterations,
            chromium,
            keep,
        } => acts::run(&acts::Options {
            iterations,
            threads,
            chromium_iterations: chromium_iterations.unwrap_or(iterations),
            chromium,
            keep,
        }),
        Command::Sign {
            iterations,
            threads,
            crl_entries,
            fixtures,
        } => sign::run(&sign::Options {
            iterations,
            threads,
            crl_entries,
            fixtures: fixtures.unwrap_or_else(sign::default_fixtures),
        }),
        Command::Sync {
            fito,
            postgres_url,
            runs,
            surveys,
            points,
            acts,
            batch,
        } => {
            sync::run(&sync::Options {
                fito,
                postgres_url,
                runs: runs.max(1),
                surveys: surveys.max(1),
                points,
                acts,
                batch: batch.clamp(1, 500),
            })
            .await
        }
    }
}

fn synthetic(
    rng: &mut rand::rngs::StdRng,
    org: uuid::Uuid,
    now: i64,
) -> anyhow::Result<(Object, String)> {
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
    let name = format!("{type_code} {lon:.4} {lat:.4}");
    let mut o = fito_store::objects::draft(
        fito_core::new_id(),
        org,
        type_code,
        name,
        geometry_to_json(&geometry).to_string(),
        geometry.area().value(),
        bbox,
    );
    (o.created_at, o.updated_at) = (now, now);
    let snapshot = json!({ "type": "Feature", "id": o.id, "geometry": serde_json::from_str::<serde_json::Value>(&o.geometry)? }).to_string();
    Ok((o, snapshot))
}

async fn generate(url: &str, count: u64, seed: u64) -> anyhow::Result<()> {
    let store = Store::connect(
        url,
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
    let root = match fito_store::orgs::roots(store.reader())
        .await?
        .into_iter()
        .next()
    {
        Some(root) => root,
        None => {
            let new = NewOrganization {
                id: fito_core::new_id(),
                parent_id: None,
                name_kk: "Бенчмарк".into(),
                name_ru: "Бенчмарк".into(),
                name_en: None,
                bin: None,
                address: None,
                code: None,
            };
            fito_store::orgs::insert(store.writer(), new, now).await?
        }
    };
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let started = std::time::Instant::now();
    let mut written = 0u64;
    while written < count {
        let batch = (count - written).min(20_000);
        let mut objects = Vec::with_capacity(batch as usize);
        for _ in 0..batch {
            objects.push(synthetic(&mut rng, root.id, now)?);
        }
        let txn = store.begin().await?;
        let (objects, snapshots): (Vec<Object>, Vec<String>) = objects.into_iter().unzip();
        let snapshot_of: std::collections::HashMap<uuid::Uuid, &String> =
            objects.iter().map(|o| o.id).zip(&snapshots).collect();
        fito_store::objects::insert_many(&txn, &objects, |o| snapshot_of[&o.id].clone(), |_| {})
            .await?;
        txn.commit().await?;
        written += batch;
        eprintln!(
            "{written} objects ({:.0} s)",
            started.elapsed().as_secs_f64()
        );
    }
    // Fresh planner statistics, as after any bulk load; and on SQLite the write-ahead
    // log folded into the database, as a load finished long before anyone queries.
    fito_store::maintenance::after_bulk_load(&store).await?;
    println!(
        "generated {written} objects in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
