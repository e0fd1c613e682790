//! `fito`: the one binary of Fito centre (R-OPS-1).

/// mimalloc rather than glibc's allocator: a map tile makes and drops many small
/// buffers (rows, tags, geometry), and glibc's spent a third of the server's time
/// on them; cold tiles are 12–15% faster (docs/architecture/decisions.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod export;

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
    /// Export the register as a GIS file (the API's formats and filters), streamed.
    Export(export::ExportArgs),
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
        Command::Import(args) => import(config, args).await,
        Command::Export(args) => export::export(config, args).await,
        Command::Backup { to } => backup(config, to).await,
        Command::Restore { from, force } => restore(config, from, force).await,
        Command::Policy { command } => policy(config, command).await,
    }
}

/// `fito policy publish`: the same use case as `POST /api/v1/policy`, with the
/// system as the publisher.
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
    let input = fito_server::app::privacy::policy::PublishPolicy {
        version,
        effective_from: effective,
        text_kk: read(&kk)?,
        text_ru: ru.as_ref().map(read).transpose()?,
    };
    let store = open(&config).await?;
    store.migrate().await?;
    let app = fito_server::app::bootstrap::command_app(store, config)?;
    let published = fito_server::app::privacy::policy::publish_by_system(&app, input)
        .await
        .map_err(refusal)?;
    println!(
        "policy {} published, in force from {} (sha256 {})",
        published.version, published.effective_from, published.sha256
    );
    Ok(ExitCode::SUCCESS)
}

/// A refusal of a use case, in the language of FITO_LANG, with its code.
fn refusal(e: fito_server::app::AppError) -> anyhow::Error {
    let i18n = fito_server::i18n::I18n::load();
    let lang =
        fito_server::i18n::Lang::from_accept_language(std::env::var("FITO_LANG").ok().as_deref());
    anyhow::anyhow!("{} [{}]", i18n.message(lang, e.code, &e.args), e.code)
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

/// `fito admin`: the same use cases as the server's, journalled as the system.
async fn admin(config: Config, command: AdminCommand) -> anyhow::Result<ExitCode> {
    use fito_server::app::accounts::{admins, password};
    let store = open(&config).await?;
    store.migrate().await?;
    fito_server::app::bootstrap::privacy_keys(&store, &config).await?;
    let app = fito_server::app::bootstrap::command_app(store, config)?;
    match command {
        AdminCommand::Create { email } => {
            let email = fito_core::Email::parse(&email)
                .map_err(|_| anyhow::anyhow!("not a valid e-mail address: {email}"))?;
            let password = admins::create(&app, &email)
                .await
                .map_err(|e| match e.code {
                    "email-taken" => anyhow::anyhow!("a user with e-mail {email} already exists"),
                    _ => refusal(e),
                })?;
            println!("administrator: {email} / {password}");
        }
        AdminCommand::Reset { email } => {
            let email = fito_core::Email::parse(&email)
                .map_err(|_| anyhow::anyhow!("not a valid e-mail address: {email}"))?;
            let Some(password) = password::reset_by_email(&app, &email)
                .await
                .map_err(refusal)?
            else {
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

/// `fito import`: the import use case of `POST /api/v1/objects/import`, with the
/// system as the importer (R-GEO-1).
async fn import(config: Config, args: ImportArgs) -> anyhow::Result<ExitCode> {
    use fito_server::app::import::{self as ri, Format, ImportFile, Importer};
    let store = open(&config).await?;
    store.migrate().await?;
    fito_server::app::bootstrap::seed_reference(&store).await?;
    let format = match &args.format {
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
    let app = fito_server::app::App::for_command_line(store, config)?;
    let lang =
        fito_server::i18n::Lang::from_accept_language(std::env::var("FITO_LANG").ok().as_deref());
    let file = ImportFile {
        format: format.map(|f| f.name().to_string()),
        media_type: None,
        organization_id: args.organization,
        type_code: args.type_code,
        bytes: std::future::ready(Ok(bytes.into())),
    };
    let mut shown = Shown::default();
    let done = ri::import(&app, Importer::System, file, &mut |p| shown.show(p)).await;
    shown.clear();
    let done = done.map_err(|e| {
        let e = ri::localise(e, &app.i18n, lang);
        anyhow::anyhow!("{} [{}]", app.i18n.message(lang, e.code, &e.args), e.code)
    })?;
    // The first repairs say what kind they are; a count stands for the rest.
    for r in done.repairs.iter().take(20) {
        eprintln!(
            "repaired: {}",
            app.i18n.message(lang, r.code(), &r.fluent_args())
        );
    }
    if done.repairs.len() > 20 {
        eprintln!("… {} repairs in all", done.repairs.len());
    }
    if !done.ignored_properties.is_empty() {
        eprintln!("ignored properties: {}", done.ignored_properties.join(", "));
    }
    println!("imported {} objects", done.ids.len());
    Ok(ExitCode::SUCCESS)
}

/// An import's progress on stderr, so stdout keeps only the final line: a spinner
/// while the file is checked, then a bar while objects are written.
#[derive(Default)]
struct Shown(Option<indicatif::ProgressBar>);

impl Shown {
    fn show(&mut self, progress: fito_server::app::import::Progress) {
        use fito_server::app::import::Progress;
        match progress {
            Progress::Checking => {
                let spinner =
                    indicatif::ProgressBar::new_spinner().with_message("reading and checking");
                spinner.enable_steady_tick(std::time::Duration::from_millis(200));
                self.0 = Some(spinner);
            }
            Progress::Writing { written: 0, total } => {
                self.clear();
                self.0 = Some(progress_bar(total));
            }
            Progress::Writing { written, .. } => {
                if let Some(bar) = &self.0 {
                    bar.set_position(written);
                }
            }
        }
    }

    fn clear(&mut self) {
        if let Some(bar) = self.0.take() {
            bar.finish_and_clear();
        }
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
