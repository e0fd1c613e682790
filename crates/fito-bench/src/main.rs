//! `fito-bench generate`: fills a database with synthetic phytosanitary objects spread
//! over Kazakhstan (with their KATO district and regional organisation) and, on
//! request, surveys with findings, for the register, tile and analytics benchmarks in
//! BENCHMARKS.md. Writes through fito-store in large transactions (`generate`).
//!
//! `fito-bench acts`: act rendering to PDF (R-ACT-1) against headless Chromium.
//!
//! `fito-bench sign`: e-signature verification (R-AUTH-2, R-AUTH-3), RSA and GOST-512.
//!
//! `fito-bench sync`: offline sync of surveys and act drafts to a release server (R-MOB-2).

mod acts;
mod generate;
mod sign;
mod sync;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "fito-bench", about = "Benchmark data for Fito centre")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Add synthetic objects (fields as polygons, outbreak foci as points) with their
    /// KATO district to regional organisations under the root of the database at
    /// --database-url; with --findings, surveys of them with that many findings.
    Generate {
        #[arg(long, env = "FITO_DATABASE_URL")]
        database_url: String,
        #[arg(long, default_value_t = 1_000_000)]
        objects: u64,
        /// Findings to make (in surveys of ~10 findings on the objects made now).
        #[arg(long, default_value_t = 0)]
        findings: u64,
        /// The later of the two seasons (1 April – 31 October) the findings fall in.
        #[arg(long, default_value_t = 2026)]
        season: i32,
        /// Existing users (ids, comma-separated) the surveys are spread over.
        #[arg(long, value_delimiter = ',')]
        inspectors: Vec<uuid::Uuid>,
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
            findings,
            season,
            inspectors,
            seed,
        } => {
            generate::run(generate::Options {
                database_url,
                objects,
                findings,
                season,
                inspectors,
                seed,
            })
            .await
        }
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
