//! Configuration: a TOML file, then `FITO_*` environment variables on top.

use fito_core::registry::{RegistryFormat, RegistryFormatError};
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// `sqlite://…` or `postgres://…`; defaults to `fito.db` in the data folder.
    pub database_url: Option<String>,
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    pub database_max_connections: u32,
    /// SQLite: wait for the disk on each commit (see `fito_store::PoolOptions`).
    pub sqlite_synchronous_full: bool,
    /// Set cookies with `Secure`. Browsers accept Secure cookies on http://localhost;
    /// turn off only for plain-HTTP test setups on other hosts.
    pub cookie_secure: bool,
    /// Take the client IP from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_proxy: bool,
    pub auth: AuthConfig,
    pub bootstrap: BootstrapConfig,
    /// Largest JSON body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Largest file accepted by `POST /api/v1/objects/import`, in bytes.
    pub max_import_bytes: usize,
    /// A request running longer than this is cut off.
    pub request_timeout_secs: u64,
    /// Largest document accepted (R-DOC-1), in bytes.
    pub max_document_bytes: u64,
    /// Where document and act PDF bytes are kept: the data folder by default.
    pub files: FilesConfig,
    /// Act templates and fonts (R-ACT-1).
    pub acts: ActsConfig,
    /// The NCA RK e-signature (R-AUTH-2, R-ACT-2).
    pub signature: SignatureConfig,
    /// Where the server may call out to (R-PD-3).
    pub egress: EgressConfig,
    /// Requests per client IP (R-SEC-1).
    pub rate_limit: RateLimitConfig,
    /// The web app served at `/`.
    pub web: WebConfig,
    /// Web Push to the installed app (R-NOTIF-1).
    pub push: PushConfig,
    /// `GET /metrics` in Prometheus text format (R-OPS-2).
    pub metrics: MetricsConfig,
    /// Personal data: the master key of the per-person data keys (R-PD-2).
    pub privacy: PrivacyConfig,
    /// HTTPS terminated by the server itself (R-SEC-1).
    pub tls: TlsConfig,
    /// Running behind a reverse proxy that terminates HTTPS (R-SEC-1).
    pub http: HttpConfig,
    /// The web map's tiles: also what the content security policy lets images load from.
    pub map: MapConfig,
    /// Scheduled automatic backups while serving (R-SEC-2).
    pub backup: BackupConfig,
    /// A second database URL for migrations (least privilege, R-SEC-1).
    pub database: DatabaseConfig,
    /// A laboratory referral with no receipt after this many days is overdue (issue 14).
    pub sample_overdue_days: u32,
}

/// `fito serve` terminates TLS itself when `cert` and `key` are set.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TlsConfig {
    /// PEM certificate chain (the server's certificate first).
    pub cert: Option<PathBuf>,
    /// PEM private key (PKCS#8, PKCS#1 or SEC1).
    pub key: Option<PathBuf>,
    /// A plain-HTTP listener (e.g. `0.0.0.0:80`) that answers every request with a
    /// 308 to the same path over HTTPS.
    pub redirect_from: Option<SocketAddr>,
}

impl TlsConfig {
    pub fn enabled(&self) -> bool {
        self.cert.is_some() && self.key.is_some()
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HttpConfig {
    /// Believe `X-Forwarded-Proto` and `X-Forwarded-For`, but only on connections from
    /// `trusted_proxies`.
    pub behind_proxy: bool,
    /// Addresses of the reverse proxies (`10.0.0.5`, or a network `10.0.0.0/24`).
    pub trusted_proxies: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MapConfig {
    /// Raster tile URL template with `{z}`, `{x}`, `{y}` (and optionally `{s}`).
    pub tile_url: String,
    /// Subdomains substituted for `{s}`.
    pub subdomains: Vec<String>,
    /// Attribution the map must show (HTML-free text).
    pub attribution: String,
    pub max_zoom: u8,
    /// The tile server permits bulk caching (a self-hosted or licensed one): the field
    /// app then keeps the inspector's district offline. Ignored for OpenStreetMap's.
    pub offline_bulk: bool,
}

impl Default for MapConfig {
    fn default() -> Self {
        Self {
            tile_url: "https://tile.openstreetmap.org/{z}/{x}/{y}.png".into(),
            subdomains: Vec::new(),
            attribution: "© OpenStreetMap contributors".into(),
            max_zoom: 19,
            offline_bulk: false,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BackupConfig {
    /// Where backups go; scheduled backups run only when this is set.
    pub dir: Option<PathBuf>,
    /// Minutes between automatic backups.
    pub interval_minutes: u64,
    /// How many backups to keep in `dir`; older ones are deleted.
    pub keep: usize,
}

impl Default for BackupConfig {
    fn default() -> Self {
        Self {
            dir: None,
            interval_minutes: 24 * 60,
            keep: 14,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseConfig {
    /// PostgreSQL: the schema owner's URL, used by `fito migrate` and by `fito serve`
    /// to migrate before it connects as the application role (`database_url`).
    pub migrate_url: Option<String>,
}

/// Web Push (R-NOTIF-1). Off unless `subject` is set: then the VAPID key pair is
/// made once (in the database, shared by every instance), subscriptions are taken
/// and the outbox worker sends. Push services' hosts must be on `[egress] allow`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PushConfig {
    /// The VAPID contact (`mailto:…` or `https://…`) push services may write to.
    pub subject: Option<String>,
    /// How often the outbox worker looks for due deliveries.
    pub interval_seconds: u64,
    /// Deliveries tried this many times without success are given up.
    pub max_attempts: i64,
    /// First retry after this many seconds, doubling each time (at most an hour).
    pub retry_base_seconds: u64,
    /// Firebase Cloud Messaging (HTTP v1) for app builds that take their pushes from
    /// FCM; off unless set, and its hosts must be on `[egress] allow` as well.
    pub fcm: Option<FcmConfig>,
}

/// `[push.fcm]`: a Firebase project and its service account (R-NOTIF-1).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FcmConfig {
    pub project_id: String,
    /// The service account's key file as Google issues it (JSON with `client_email`,
    /// `private_key`, `token_uri`).
    pub service_account_file: PathBuf,
    /// `https://fcm.googleapis.com` unless set.
    #[serde(default)]
    pub api_base: Option<String>,
}

impl Default for PushConfig {
    fn default() -> Self {
        Self {
            subject: None,
            interval_seconds: 5,
            max_attempts: 8,
            retry_base_seconds: 30,
            fcm: None,
        }
    }
}

/// `GET /metrics` (R-OPS-2): answered only with `Authorization: Bearer <token>`;
/// without a token configured the endpoint does not exist (404).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MetricsConfig {
    pub token: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PrivacyConfig {
    /// The master key file (64 hex digits); `<data_dir>/master.key` by default, made
    /// with a fresh random key (mode 0600) on first start. Every server instance of
    /// one database needs the same file; keep it out of database backups.
    pub master_key_file: Option<PathBuf>,
    /// Publish the seed policy (`seed/policy/`) on start when no version was ever
    /// published, so a fresh install asks everyone for consent (R-PD-4). On by
    /// default; `FITO_SEED_POLICY=false` turns it off (test setups).
    pub seed_policy: bool,
}

impl Default for PrivacyConfig {
    fn default() -> Self {
        Self {
            master_key_file: None,
            seed_policy: true,
        }
    }
}

impl PrivacyConfig {
    pub fn key_path(&self, data_dir: &Path) -> PathBuf {
        self.master_key_file
            .clone()
            .unwrap_or_else(|| data_dir.join("master.key"))
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WebConfig {
    /// Serve the web app from this folder (a `web/dist` build) instead of the copy
    /// embedded in the binary: for development and tests.
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RateLimitConfig {
    pub enabled: bool,
    /// Sign-in, e-signature challenges and self-registration, per IP.
    pub sign_in_per_minute: u32,
    pub sign_in_burst: u32,
    /// Every API request, per IP (an office behind one address shares it).
    pub api_per_minute: u32,
    pub api_burst: u32,
}

impl Default for RateLimitConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            sign_in_per_minute: 20,
            sign_in_burst: 20,
            api_per_minute: 6000,
            api_burst: 1000,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EgressConfig {
    /// Hosts (`ocsp.pki.gov.kz`) or `host:port` the server may call: NCA's OCSP and
    /// CRL addresses, the object store. Every other outbound call is refused and
    /// logged. Empty: the server calls nowhere.
    pub allow: Vec<String>,
    pub timeout_seconds: u64,
}

impl Default for EgressConfig {
    fn default() -> Self {
        Self {
            allow: Vec::new(),
            timeout_seconds: 10,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SignatureConfig {
    /// NCA root and intermediate certificates (PEM or DER), e.g. root_gost_2022.cer
    /// and nca_gost_2022.cer from pki.gov.kz. Without them e-signatures are refused.
    pub ca_files: Vec<PathBuf>,
    /// NCA CRLs (full and delta), re-read every `crl_reload_minutes`.
    pub crl_files: Vec<PathBuf>,
    /// In-country addresses NCA publishes its CRLs at (e.g.
    /// http://crl.pki.gov.kz/nca_gost_2022.crl and its delta), fetched at start and
    /// every `crl_reload_minutes`; the last good copy is kept in `<data_dir>/crl`.
    pub crl_urls: Vec<String>,
    pub crl_reload_minutes: u64,
    /// Refuse when revocation cannot be established (no current CRL). Turn off only
    /// where CRLs cannot be had at all.
    pub refuse_unknown_revocation: bool,
    /// How long a sign-in challenge may wait for its signature.
    pub challenge_seconds: i64,
    /// An OCSP responder in the country (NCA: http://ocsp.pki.gov.kz), asked about
    /// every signer's certificate; its answer's signature and nonce are checked.
    pub ocsp_url: Option<String>,
}

impl Default for SignatureConfig {
    fn default() -> Self {
        Self {
            ca_files: Vec::new(),
            crl_files: Vec::new(),
            crl_urls: Vec::new(),
            crl_reload_minutes: 60,
            refuse_unknown_revocation: true,
            challenge_seconds: 300,
            ocsp_url: None,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FilesConfig {
    /// An S3-compatible store instead of `<data_dir>/files`.
    pub s3: Option<S3Settings>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct S3Settings {
    pub endpoint: String,
    pub bucket: String,
    #[serde(default = "default_region")]
    pub region: String,
    pub access_key_id: String,
    pub secret_access_key: String,
    /// `<endpoint>/<bucket>/<key>` (MinIO and most self-hosted stores).
    #[serde(default = "default_true")]
    pub path_style: bool,
}

fn default_region() -> String {
    "us-east-1".into()
}

fn default_true() -> bool {
    true
}

/// The secret never reaches logs.
impl std::fmt::Debug for S3Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Settings")
            .field("endpoint", &self.endpoint)
            .field("bucket", &self.bucket)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ActsConfig {
    /// A folder of edited act templates (`<type>.typ`, `<type>.<lang>.typ`, `lib.typ`);
    /// the shipped ones when unset.
    pub templates_dir: Option<PathBuf>,
    /// Folder of fonts covering Kazakh; Debian's DejaVu when unset.
    pub font_dir: Option<PathBuf>,
    /// How registry numbers are written: `{org}` (the organisation's code), `{year}`
    /// and `{seq}`, each once (unique nationally, issue 15). Numbers already given stay.
    pub registry_number_format: String,
    /// Digits of `{seq}`, zero-padded.
    pub registry_seq_digits: usize,
}

impl Default for ActsConfig {
    fn default() -> Self {
        Self {
            templates_dir: None,
            font_dir: None,
            registry_number_format: RegistryFormat::DEFAULT_PATTERN.into(),
            registry_seq_digits: RegistryFormat::DEFAULT_DIGITS,
        }
    }
}

impl ActsConfig {
    /// The registry number format, checked (the server refuses to start without one).
    pub fn registry_format(&self) -> Result<RegistryFormat, RegistryFormatError> {
        RegistryFormat::parse(&self.registry_number_format, self.registry_seq_digits)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuthConfig {
    /// Browser sessions end after this many hours.
    pub browser_session_hours: i64,
    /// Mobile-app sessions (requests with `X-Device-Id`) end after this many days.
    pub app_session_days: i64,
    /// Failed sign-ins within `lockout_window_minutes` that lock an e-mail for
    /// `lockout_minutes`.
    pub lockout_failures: u64,
    pub lockout_window_minutes: i64,
    pub lockout_minutes: i64,
    pub password_min_length: usize,
    /// argon2id cost: memory in KiB, iterations, lanes.
    pub argon2_memory_kib: u32,
    pub argon2_iterations: u32,
    pub argon2_lanes: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BootstrapConfig {
    /// E-mail of the first administrator, created on first start.
    pub admin_email: String,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            database_url: None,
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir: PathBuf::from("data"),
            database_max_connections: 16,
            sqlite_synchronous_full: true,
            cookie_secure: true,
            trust_proxy: false,
            auth: AuthConfig::default(),
            bootstrap: BootstrapConfig::default(),
            max_body_bytes: 1024 * 1024,
            max_import_bytes: 200 * 1024 * 1024,
            request_timeout_secs: 30,
            max_document_bytes: 25 * 1024 * 1024,
            sample_overdue_days: 14,
            files: FilesConfig::default(),
            acts: ActsConfig::default(),
            signature: SignatureConfig::default(),
            egress: EgressConfig::default(),
            rate_limit: RateLimitConfig::default(),
            tls: TlsConfig::default(),
            http: HttpConfig::default(),
            map: MapConfig::default(),
            backup: BackupConfig::default(),
            database: DatabaseConfig::default(),
            push: PushConfig::default(),
            metrics: MetricsConfig::default(),
            privacy: PrivacyConfig::default(),
            web: WebConfig::default(),
        }
    }
}

impl Default for AuthConfig {
    fn default() -> Self {
        Self {
            browser_session_hours: 12,
            app_session_days: 30,
            lockout_failures: 5,
            lockout_window_minutes: 15,
            lockout_minutes: 15,
            password_min_length: 10,
            // OWASP's argon2id minimum (19 MiB, 2 iterations, 1 lane).
            argon2_memory_kib: 19 * 1024,
            argon2_iterations: 2,
            argon2_lanes: 1,
        }
    }
}

impl Default for BootstrapConfig {
    fn default() -> Self {
        Self {
            admin_email: "admin@fito.local".to_string(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Parse {
        path: PathBuf,
        source: toml::de::Error,
    },
    #[error("{name}: {message}")]
    Env { name: &'static str, message: String },
}

impl Config {
    /// Reads the TOML file when given, then applies `FITO_DATABASE_URL`, `FITO_LISTEN`,
    /// `FITO_DATA_DIR` and `FITO_SEED_POLICY` from `env`.
    pub fn load(
        file: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let mut config = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                    path: path.into(),
                    source,
                })?;
                toml::from_str(&text).map_err(|source| ConfigError::Parse {
                    path: path.into(),
                    source,
                })?
            }
            None => Config::default(),
        };
        if let Some(url) = env("FITO_DATABASE_URL").filter(|v| !v.is_empty()) {
            config.database_url = Some(url);
        }
        if let Some(listen) = env("FITO_LISTEN").filter(|v| !v.is_empty()) {
            config.listen =
                listen
                    .parse()
                    .map_err(|e: std::net::AddrParseError| ConfigError::Env {
                        name: "FITO_LISTEN",
                        message: e.to_string(),
                    })?;
        }
        if let Some(dir) = env("FITO_DATA_DIR").filter(|v| !v.is_empty()) {
            config.data_dir = PathBuf::from(dir);
        }
        if let Some(seed) = env("FITO_SEED_POLICY").filter(|v| !v.is_empty()) {
            config.privacy.seed_policy = match seed.to_ascii_lowercase().as_str() {
                "1" | "true" | "on" | "yes" => true,
                "0" | "false" | "off" | "no" => false,
                _ => {
                    return Err(ConfigError::Env {
                        name: "FITO_SEED_POLICY",
                        message: format!("not true or false: {seed}"),
                    });
                }
            };
        }
        Ok(config)
    }

    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", self.data_dir.join("fito.db").display()))
    }

    /// The URL migrations run with: `[database] migrate_url`, else the server's own.
    pub fn migrate_url(&self) -> String {
        self.database
            .migrate_url
            .clone()
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| self.database_url())
    }

    pub fn pool_options(&self) -> fito_store::PoolOptions {
        fito_store::PoolOptions {
            max_connections: self.database_max_connections,
            sqlite_synchronous_full: self.sqlite_synchronous_full,
        }
    }
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
