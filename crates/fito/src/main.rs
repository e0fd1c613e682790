//! `fito`: the one binary of Fito centre (R-OPS-1).

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use fito_server::config::Config;
use fito_store::Store;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "fito",
    version,
    about = "Fito centre: phytosanitary monitoring server"
)]
struct Cli {
    /// TOML configuration file; FITO_DATABASE_URL, FITO_LISTEN and FITO_DATA_DIR override it.
    #[arg(long, short, global = true, env = "FITO_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the server (migrates the database and creates the first administrator on an empty system).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage administrators from the command line.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// The audit journal.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Import objects from a GIS file straight into the database: every feature or none.
    Import(ImportArgs),
    /// Write a backup (database, files, manifest with SHA-256 of every part).
    Backup {
        /// The folder backups go to; default `[backup] dir`, else `<data dir>/backups`.
        #[arg(long)]
        to: Option<PathBuf>,
    },
    /// Restore a backup folder into an empty instance (the server must not be running).
    Restore {
        /// The backup folder (`fito-backup-…`).
        #[arg(long)]
        from: PathBuf,
        /// Replace an instance that already has users or journal entries.
        #[arg(long)]
        force: bool,
    },
    /// The privacy policy (R-PD-4).
    Policy {
        #[command(subcommand)]
        command: PolicyCommand,
    },
}

#[derive(Subcommand)]
enum PolicyCommand {
    /// Publish a policy version from text files (Kazakh, and Russian); once in force,
    /// every user accepts it before anything else.
    Publish {
        /// The version, as the policy names it (e.g. 1.0).
        #[arg(long)]
        version: String,
        /// The date it takes effect, YYYY-MM-DD.
        #[arg(long)]
        effective: String,
        /// The Kazakh text (UTF-8); it prevails.
        #[arg(long)]
        kk: PathBuf,
        /// The Russian text (UTF-8).
        #[arg(long)]
        ru: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create an administrator in the root organisation; prints a one-time password.
    Create {
        #[arg(long)]
        email: String,
    },
    /// Give a user a new one-time password, end their sessions and lift a sign-in lockout.
    Reset {
        #[arg(long)]
        email: String,
    },
}

#[derive(clap::Args)]
struct ImportArgs {
    /// The file: GeoJSON, KML, zipped Shapefile or CSV.
    file: PathBuf,
    /// geojson, kml, shapefile or csv; otherwise from the file's extension and content.
    #[arg(long)]
    format: Option<String>,
    /// The organisation the objects belong to (default: the root organisation).
    #[arg(long)]
    organization: Option<uuid::Uuid>,
    /// The object type of features that name none.
    #[arg(long = "type")]
    type_code: Option<String>,
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Check the whole hash chain; exits 1 naming the first bad entry.
    Verify,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("fito: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("fito: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let config = Config::load(cli.config.as_deref(), |name| std::env::var(name).ok())?;
    match cli.command {
        Command::Serve => serve(config).await,
        Command::Migrate => {
            // The schema owner's URL when one is configured (least privilege, R-SEC-1).
            if config.database_url.is_none() {
                std::fs::create_dir_all(&config.data_dir)?;
            }
            let store = Store::connect(&config.migrate_url(), &config.pool_options())
                .await
                .with_context(|| {
                    format!("cannot open the database {}", redact(&config.migrate_url()))
                })?;
            let applied = store.migrate().await?;
            println!(
                "migrations applied: {}",
                if applied.is_empty() {
                    "none (up to date)".to_string()
                } else {
                    format!("{applied:?}")
                }
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Admin { command } => admin(config, command).await,
        Command::Audit {
            command: AuditCommand::Verify,
        } => audit_verify(config).await,
        Command::Import(args) => {
            let store = open(&config).await?;
            import(store, args).await
        }
        Command::Backup { to } => backup(config, to).await,
        Command::Restore { from, force } => restore(config, from, force).await,
        Command::Policy { command } => policy(config, command).await,
    }
}

/// `fito policy publish`: the same checks and journal line as `POST /api/v1/policy`,
/// with the system as the actor.
async fn policy(config: Config, command: PolicyCommand) -> anyhow::Result<ExitCode> {
    let PolicyCommand::Publish {
        version,
        effective,
        kk,
        ru,
    } = command;
    let read = |path: &PathBuf| {
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
    };
    let body = fito_server::http::privacy::PublishPolicy {
        version,
        effective_from: effective,
        text_kk: read(&kk)?,
        text_ru: ru.as_ref().map(read).transpose()?,
    };
    let store = open(&config).await?;
    store.migrate().await?;
    let mut entry = system_entry(serde_json::json!({ "via": "cli" }));
    entry.action = "policy.publish".into();
    let i18n = fito_server::i18n::I18n::load();
    let lang =
        fito_server::i18n::Lang::from_accept_language(std::env::var("FITO_LANG").ok().as_deref());
    let published = fito_server::http::privacy::publish_version(&store, body, None, entry)
        .await
        .map_err(|e| anyhow::anyhow!("{} [{}]", i18n.message(lang, e.code, &e.args), e.code))?;
    println!(
        "policy {} published, in force from {} (sha256 {})",
        published.version, published.effective_from, published.sha256
    );
    Ok(ExitCode::SUCCESS)
}

async fn serve(config: Config) -> anyhow::Result<ExitCode> {
    init_logging();
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    let running = fito_server::start(config, listener).await?;
    running.until_signal().await?;
    Ok(ExitCode::SUCCESS)
}

/// Structured JSON logs on stderr (R-OPS-2); FITO_LOG sets the filter. The fields are
/// listed in docs/LOGS.md (R-TECH-1): SQL statements (which carry bound values) and
/// the HTTP and TLS libraries' traces (headers) stay out at every level.
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("FITO_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let filter = [
        "sqlx=warn",
        "sea_orm=warn",
        "hyper=warn",
        "hyper_util=warn",
        "h2=warn",
        "rustls=warn",
        "reqwest=warn",
        "tower_http=warn",
    ]
    .iter()
    .filter_map(|d| d.parse().ok())
    .fold(filter, tracing_subscriber::EnvFilter::add_directive);
    let _ = tracing_subscriber::fmt()
        .json()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

async fn open(config: &Config) -> anyhow::Result<Store> {
    if config.database_url.is_none() {
        std::fs::create_dir_all(&config.data_dir)?;
    }
    let url = config.database_url();
    Store::connect(&url, &config.pool_options())
        .await
        .with_context(|| format!("cannot open the database {}", redact(&url)))
}

/// A database URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}://…@{}", &url[..scheme], &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

async fn admin(config: Config, command: AdminCommand) -> anyhow::Result<ExitCode> {
    let store = open(&config).await?;
    store.migrate().await?;
    match command {
        AdminCommand::Create { email } => {
            let email = fito_core::Email::parse(&email)
                .map_err(|_| anyhow::anyhow!("not a valid e-mail address: {email}"))?;
            let password = fito_server::app::bootstrap::create_administrator(
                &store,
                &config,
                email.as_str(),
                "cli",
            )
            .await
            .map_err(|e| match e {
                fito_store::StoreError::Conflict(_) => {
                    anyhow::anyhow!("a user with e-mail {email} already exists")
                }
                other => other.into(),
            })?;
            println!("administrator: {email} / {password}");
        }
        AdminCommand::Reset { email } => {
            let email = fito_core::Email::parse(&email)
                .map_err(|_| anyhow::anyhow!("not a valid e-mail address: {email}"))?;
            let password =
                fito_server::app::bootstrap::reset_password(&store, &config, email.as_str())
                    .await?;
            let Some(password) = password else {
                bail!("no user with e-mail {email}")
            };
            println!("one-time password: {email} / {password}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `fito audit verify` (R-AUDIT-1): the same check as `GET /api/v1/audit/verify`
/// (`fito_server::app::audit::check`), run as the system, without a server.
async fn audit_verify(config: Config) -> anyhow::Result<ExitCode> {
    use fito_store::audit::BreakReason;
    let store = open(&config).await?;
    let report = fito_server::app::audit::check(&store).await.map_err(|e| {
        let i18n = fito_server::i18n::I18n::load();
        let lang = fito_server::i18n::Lang::from_accept_language(
            std::env::var("FITO_LANG").ok().as_deref(),
        );
        anyhow::anyhow!("{} [{}]", i18n.message(lang, e.code, &e.args), e.code)
    })?;
    match report.first_break {
        None => {
            println!(
                "audit journal intact: {} entries, head {} {}",
                report.entries, report.head_seq, report.head_hash
            );
            Ok(ExitCode::SUCCESS)
        }
        Some(b) => {
            let why = match b.reason {
                BreakReason::Altered => "its content was changed",
                BreakReason::Unlinked => {
                    "it does not follow the entry before it (entries removed or reordered)"
                }
                BreakReason::Missing => "it is missing (entries removed)",
                BreakReason::Truncated => {
                    "the journal ends before its recorded head (entries removed at the end)"
                }
            };
            println!("audit journal BROKEN at entry {}: {why}", b.seq);
            Ok(ExitCode::FAILURE)
        }
    }
}

/// `fito import`: the same checks and all-or-nothing write as the API
/// (`fito_server::app::import`), journaled as the system.
async fn import(store: Store, args: ImportArgs) -> anyhow::Result<ExitCode> {
    use fito_server::app::import::{self as ri, Format, References, Target};
    store.migrate().await?;
    fito_server::app::bootstrap::seed_reference(&store).await?;
    let organization_id = import_organization(&store, args.organization).await?;
    let declared = match &args.format {
        Some(name) => Some(Format::from_name(name).with_context(|| {
            format!("unknown format {name}: choose geojson, kml, shapefile or csv")
        })?),
        None => args
            .file
            .extension()
            .and_then(|e| Format::from_name(&e.to_string_lossy())),
    };
    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let i18n = fito_server::i18n::I18n::load();
    let lang =
        fito_server::i18n::Lang::from_accept_language(std::env::var("FITO_LANG").ok().as_deref());
    let refusal = |e: fito_server::app::AppError| {
        let e = ri::localise(e, &i18n, lang);
        anyhow::anyhow!("{} [{}]", i18n.message(lang, e.code, &e.args), e.code)
    };
    let format = ri::detect(&bytes, declared).map_err(refusal)?;
    let refs = References::load(store.reader()).await.map_err(refusal)?;
    let target = Target {
        organization_id,
        actor: None,
        default_type: args.type_code.clone(),
        now: fito_store::time::now_us(),
    };
    let reading = indicatif::ProgressBar::new_spinner().with_message("reading and checking");
    reading.enable_steady_tick(std::time::Duration::from_millis(200));
    let plan = tokio::task::spawn_blocking(move || {
        let imported = ri::read(format, &bytes)?;
        ri::plan(imported, &refs, &target, format, &bytes)
    })
    .await?
    .map_err(refusal);
    reading.finish_and_clear();
    let plan = plan?;
    let count = plan.objects.len() as u64;
    let bar = progress_bar(count);
    let entry = system_entry(serde_json::json!({ "count": count, "format": format.name(),
        "organization_id": organization_id, "via": "cli" }));
    ri::write(&store, &plan.objects, entry, &|n| bar.set_position(n))
        .await
        .map_err(refusal)?;
    bar.finish_and_clear();
    // The first repairs say what kind they are; a count stands for the rest.
    for r in plan.repairs.iter().take(20) {
        eprintln!(
            "repaired: {}",
            i18n.message(lang, r.code(), &r.fluent_args())
        );
    }
    if plan.repairs.len() > 20 {
        eprintln!("… {} repairs in all", plan.repairs.len());
    }
    if !plan.ignored_properties.is_empty() {
        eprintln!("ignored properties: {}", plan.ignored_properties.join(", "));
    }
    println!("imported {count} objects");
    Ok(ExitCode::SUCCESS)
}

/// The organisation asked for, or the root one.
async fn import_organization(
    store: &Store,
    asked: Option<uuid::Uuid>,
) -> anyhow::Result<uuid::Uuid> {
    match asked {
        Some(id) => Ok(fito_store::orgs::get(store.reader(), id)
            .await?
            .with_context(|| format!("no organisation with id {id}"))?
            .id),
        None => match fito_store::orgs::roots(store.reader()).await?.first() {
            Some(root) => Ok(root.id),
            None => bail!("no organisation yet: run `fito serve` once or pass --organization"),
        },
    }
}

/// The journal entry of an import made from the command line: the system acts.
fn system_entry(details: serde_json::Value) -> fito_store::audit::NewEntry {
    fito_store::audit::NewEntry {
        at: fito_store::time::now_us(),
        actor_id: None,
        actor_role: Some("system".into()),
        action: "object.import".into(),
        target_type: Some("object".into()),
        target_id: None,
        outcome: "ok".into(),
        ip: None,
        device_id: None,
        os: None,
        app_version: None,
        details,
    }
}

/// The write's progress on stderr, so stdout keeps only the final line.
fn progress_bar(count: u64) -> indicatif::ProgressBar {
    indicatif::ProgressBar::new(count).with_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} objects ({eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    )
}

/// `fito backup` (R-SEC-2): one backup now, into `--to`, `[backup] dir` or
/// `<data dir>/backups`; prints the new folder.
async fn backup(config: Config, to: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let dir = to
        .or_else(|| config.backup.dir.clone())
        .unwrap_or_else(|| config.data_dir.join("backups"));
    let store = open(&config).await?;
    let done = fito_server::app::backup::create(&store, &config, &dir).await?;
    store.close().await;
    println!("backup written: {}", done.display());
    Ok(ExitCode::SUCCESS)
}

/// `fito restore` (R-SEC-2): verifies the manifest, then restores into an empty
/// instance (or any, with `--force`).
async fn restore(config: Config, from: PathBuf, force: bool) -> anyhow::Result<ExitCode> {
    if config.database_url.is_none() {
        std::fs::create_dir_all(&config.data_dir)?;
    }
    let manifest = fito_server::app::backup::restore(
        &config,
        &from,
        fito_server::app::backup::RestoreOptions { force },
    )
    .await?;
    println!(
        "restored {} ({} database, schema {}, {} parts verified)",
        from.display(),
        manifest.engine,
        manifest.schema_version,
        manifest.parts.len()
    );
    Ok(ExitCode::SUCCESS)
}
