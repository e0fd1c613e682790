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
            let store = open(&config).await?;
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
    }
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

/// Structured JSON logs on stderr (R-OPS-2); FITO_LOG sets the filter.
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("FITO_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
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
            let password = fito_server::bootstrap::create_administrator(
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
                fito_server::bootstrap::reset_password(&store, &config, email.as_str()).await?;
            let Some(password) = password else {
                bail!("no user with e-mail {email}")
            };
            println!("one-time password: {email} / {password}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn audit_verify(config: Config) -> anyhow::Result<ExitCode> {
    let store = open(&config).await?;
    let report = fito_store::audit::verify(&store).await?;
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
                fito_store::audit::BreakReason::Altered => "its content was changed",
                fito_store::audit::BreakReason::Unlinked => {
                    "it does not follow the entry before it (entries removed or reordered)"
                }
                fito_store::audit::BreakReason::Missing => "it is missing (entries removed)",
                fito_store::audit::BreakReason::Truncated => {
                    "the journal ends before its recorded head (entries removed at the end)"
                }
            };
            println!("audit journal BROKEN at entry {}: {why}", b.seq);
            Ok(ExitCode::FAILURE)
        }
    }
}
