//! Backups and restore (R-SEC-2, R-OPS-1).
//!
//! A backup is a folder `fito-backup-<UTC time>` holding
//! - `database/fito.sqlite` (SQLite: `VACUUM INTO`, a consistent snapshot taken in one
//!   read transaction), or `database/<table>.jsonl` (PostgreSQL: every row of every
//!   table as `row_to_json`, all read in one REPEATABLE READ, READ ONLY transaction);
//! - `files/…`: every file of the blob-store folder, as it lies there;
//! - `manifest.json`: engine, schema version, and the size and SHA-256 of every part.
//!
//! It is written under `.fito-backup-<time>.partial` and renamed when complete, so a
//! folder with the final name is always whole. The backup is engine-native: a SQLite
//! backup restores into SQLite, a PostgreSQL one into PostgreSQL (the same schema
//! version: restore with the `fito` that made it, then upgrade). `restore` verifies the
//! manifest before it touches anything.

use crate::config::Config;
use anyhow::{Context, bail};
use fito_store::{Engine, Store};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use uuid::Uuid;

pub const PREFIX: &str = "fito-backup-";
const MANIFEST: &str = "manifest.json";
const SQLITE_SNAPSHOT: &str = "database/fito.sqlite";
/// Blob-store staging area: unfinished uploads, never part of a backup.
const STAGING: &str = ".incoming";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    pub format: u32,
    pub created_at: String,
    pub fito_version: String,
    /// `sqlite` or `postgres`.
    pub engine: String,
    /// The highest migration applied in the backed-up database.
    pub schema_version: i64,
    /// PostgreSQL: the tables, each in `database/<table>.jsonl`.
    pub tables: Vec<String>,
    pub parts: Vec<Part>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Part {
    /// Relative to the backup folder, `/`-separated.
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
}

/// Where blob files live, when they live in a folder (an S3 store is not backed up by
/// `fito backup`: use the bucket's own versioning/replication).
pub fn files_root(config: &Config) -> Option<PathBuf> {
    config
        .files
        .s3
        .is_none()
        .then(|| config.data_dir.join("files"))
}

fn engine_name(engine: Engine) -> &'static str {
    match engine {
        Engine::Sqlite => "sqlite",
        Engine::Postgres => "postgres",
    }
}

/// Writes a new backup under `to` and answers its folder.
pub async fn create(store: &Store, config: &Config, to: &Path) -> anyhow::Result<PathBuf> {
    std::fs::create_dir_all(to).with_context(|| format!("cannot create {}", to.display()))?;
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ").to_string();
    let name = format!("{PREFIX}{stamp}");
    let partial = to.join(format!(".{name}.partial"));
    let done = to.join(&name);
    if partial.exists() {
        std::fs::remove_dir_all(&partial)?;
    }
    std::fs::create_dir_all(partial.join("database"))?;
    let result = write_backup(store, config, &partial).await;
    match result {
        Ok(manifest) => {
            write_json_synced(&partial.join(MANIFEST), &manifest)?;
            sync_dir(&partial);
            std::fs::rename(&partial, &done)
                .with_context(|| format!("cannot rename to {}", done.display()))?;
            sync_dir(to);
            Ok(done)
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&partial);
            Err(e)
        }
    }
}

async fn write_backup(store: &Store, config: &Config, dir: &Path) -> anyhow::Result<Manifest> {
    let mut parts = Vec::new();
    let mut tables = Vec::new();
    // The database first: every file it names is already in the store, and files
    // are never removed, so the copy below holds all of them.
    let version = match store.engine() {
        Engine::Sqlite => {
            let version =
                fito_store::backup::sqlite::snapshot(store, &dir.join(SQLITE_SNAPSHOT)).await?;
            parts.push(part_of(dir, SQLITE_SNAPSHOT)?);
            version
        }
        Engine::Postgres => {
            fito_store::backup::postgres::export(store, |table, rows| {
                let rel = format!("database/{table}.jsonl");
                let mut out = std::io::BufWriter::new(std::fs::File::create(dir.join(&rel))?);
                for line in rows {
                    out.write_all(line.as_bytes())?;
                    out.write_all(b"\n")?;
                }
                let file = out.into_inner().map_err(|e| e.into_error())?;
                file.sync_all()?;
                parts.push(part_of(dir, &rel)?);
                tables.push(table.to_string());
                Ok::<_, anyhow::Error>(())
            })
            .await?
        }
    };
    if let Some(root) = files_root(config)
        && root.exists()
    {
        for rel in walk(&root)? {
            let from = root.join(&rel);
            let name = format!("files/{rel}");
            let to = dir.join(&name);
            std::fs::create_dir_all(to.parent().expect("a file has a folder"))?;
            std::fs::copy(&from, &to).with_context(|| format!("cannot copy {}", from.display()))?;
            std::fs::File::open(&to)?.sync_all()?;
            parts.push(part_of(dir, &name)?);
        }
    }
    Ok(Manifest {
        format: 1,
        created_at: chrono::Utc::now().to_rfc3339(),
        fito_version: env!("CARGO_PKG_VERSION").to_string(),
        engine: engine_name(store.engine()).to_string(),
        schema_version: version,
        tables,
        parts,
    })
}

/// Files under `root` (relative, `/`-separated), without the upload staging area.
fn walk(root: &Path) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let path = entry.path();
            let rel = path
                .strip_prefix(root)
                .expect("under root")
                .to_string_lossy()
                .replace('\\', "/");
            if rel == STAGING || rel.starts_with(&format!("{STAGING}/")) {
                continue;
            }
            if entry.file_type()?.is_dir() {
                stack.push(path);
            } else {
                out.push(rel);
            }
        }
    }
    out.sort();
    Ok(out)
}

fn sha256_file(path: &Path) -> anyhow::Result<(u64, String)> {
    let mut file = std::io::BufReader::new(
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?,
    );
    let mut hasher = Sha256::new();
    let mut total = 0u64;
    loop {
        let buf = file.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        hasher.update(buf);
        let n = buf.len();
        total += n as u64;
        file.consume(n);
    }
    Ok((total, hex::encode(hasher.finalize())))
}

fn part_of(dir: &Path, rel: &str) -> anyhow::Result<Part> {
    let (bytes, sha256) = sha256_file(&dir.join(rel))?;
    Ok(Part {
        path: rel.to_string(),
        bytes,
        sha256,
    })
}

fn write_json_synced(path: &Path, value: &impl Serialize) -> anyhow::Result<()> {
    let mut file = std::fs::File::create(path)?;
    file.write_all(&serde_json::to_vec_pretty(value)?)?;
    file.sync_all()?;
    Ok(())
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// The backups in `dir`, oldest first.
pub fn list(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    if !dir.exists() {
        return Ok(found);
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(PREFIX) && entry.path().join(MANIFEST).is_file() {
            found.push(entry.path());
        }
    }
    found.sort();
    Ok(found)
}

/// Deletes all but the newest `keep` backups in `dir`; answers how many went.
pub fn prune(dir: &Path, keep: usize) -> anyhow::Result<usize> {
    let all = list(dir)?;
    let excess = all.len().saturating_sub(keep.max(1));
    for old in &all[..excess] {
        std::fs::remove_dir_all(old).with_context(|| format!("cannot delete {}", old.display()))?;
    }
    Ok(excess)
}

/// Reads the manifest and checks every part's size and SHA-256; nothing else may lie
/// in the folder's `database/` and `files/`.
pub fn verify(dir: &Path) -> anyhow::Result<Manifest> {
    let text = std::fs::read(dir.join(MANIFEST))
        .with_context(|| format!("{}: no {MANIFEST}: not a fito backup", dir.display()))?;
    let manifest: Manifest = serde_json::from_slice(&text)
        .with_context(|| format!("{}: unreadable {MANIFEST}", dir.display()))?;
    if manifest.format != 1 {
        bail!(
            "backup format {} is not known to this fito",
            manifest.format
        );
    }
    let mut listed = HashSet::new();
    for part in &manifest.parts {
        if part.path.split('/').any(|c| c == ".." || c.is_empty()) || part.path.starts_with('/') {
            bail!("the manifest names a bad path: {}", part.path);
        }
        let (bytes, sha) = sha256_file(&dir.join(&part.path))
            .with_context(|| format!("backup part {} is missing", part.path))?;
        if bytes != part.bytes || sha != part.sha256 {
            bail!(
                "backup part {} is damaged (its SHA-256 does not match the manifest)",
                part.path
            );
        }
        listed.insert(part.path.clone());
    }
    for sub in ["database", "files"] {
        let root = dir.join(sub);
        if root.exists() {
            for rel in walk(&root)? {
                let rel = format!("{sub}/{rel}");
                if !listed.contains(&rel) {
                    bail!("backup holds {rel}, which its manifest does not list");
                }
            }
        }
    }
    Ok(manifest)
}

#[derive(Debug, Clone, Copy, Default)]
pub struct RestoreOptions {
    /// Restore over an instance that already has users or journal entries.
    pub force: bool,
}

/// Restores the backup in `from` into the instance `config` names (which must not be
/// serving): verifies the manifest, refuses a non-empty instance unless forced,
/// replaces the database and puts back every file.
pub async fn restore(
    config: &Config,
    from: &Path,
    options: RestoreOptions,
) -> anyhow::Result<Manifest> {
    let manifest = verify(from)?;
    // Personal fields are encrypted under the master key of the instance that made the
    // backup; backups never carry that key (R-PD-2), so the operator brings it.
    let key_file = config.privacy.key_path(&config.data_dir);
    if !key_file.exists() {
        bail!(
            "no master key file at {}: copy the master key file of the instance this \
             backup comes from there first (it is kept apart from backups)",
            key_file.display()
        );
    }
    let url = config.migrate_url();
    let engine = if url.starts_with("sqlite:") {
        Engine::Sqlite
    } else {
        Engine::Postgres
    };
    if manifest.engine != engine_name(engine) {
        bail!(
            "this is a {} backup; the instance runs on {}",
            manifest.engine,
            engine_name(engine)
        );
    }
    if config.database_url.is_none() {
        std::fs::create_dir_all(&config.data_dir)?;
    }
    let store = Store::connect(&url, &config.pool_options()).await?;
    store.migrate().await?;
    let latest = fito_store::backup::schema_version(&store).await?;
    if manifest.schema_version > latest {
        bail!(
            "the backup's schema version {} is newer than this fito's ({latest})",
            manifest.schema_version
        );
    }
    if !options.force && !fito_store::backup::is_empty(&store).await? {
        store.close().await;
        bail!(
            "the instance is not empty (it has users or journal entries); pass --force to replace it"
        );
    }
    // Persons erased on the live instance must stay erased (see `reapply_erasures`).
    let live_erasures = erased_persons(&store).await;
    match engine {
        Engine::Sqlite => {
            store.close().await;
            let db_path = sqlite_path(&url)?;
            let staged = db_path.with_extension("restoring");
            std::fs::copy(from.join(SQLITE_SNAPSHOT), &staged)?;
            std::fs::File::open(&staged)?.sync_all()?;
            for suffix in ["-wal", "-shm"] {
                let side = PathBuf::from(format!("{}{suffix}", db_path.display()));
                if side.exists() {
                    std::fs::remove_file(&side)?;
                }
            }
            std::fs::rename(&staged, &db_path)?;
            if let Some(parent) = db_path.parent() {
                sync_dir(parent);
            }
        }
        Engine::Postgres => {
            if manifest.schema_version != latest {
                bail!(
                    "the backup's schema version {} differs from this fito's ({latest}): \
                     restore with the fito version that made it, then upgrade",
                    manifest.schema_version
                );
            }
            restore_postgres(&store, from, &manifest).await?;
            store.close().await;
        }
    }
    if let Some(root) = files_root(config) {
        for part in manifest
            .parts
            .iter()
            .filter(|p| p.path.starts_with("files/"))
        {
            let rel = &part.path["files/".len()..];
            let target = root.join(rel);
            std::fs::create_dir_all(target.parent().expect("a file has a folder"))?;
            let tmp = target.with_extension("restoring");
            std::fs::copy(from.join(&part.path), &tmp)?;
            std::fs::File::open(&tmp)?.sync_all()?;
            std::fs::rename(&tmp, &target)?;
        }
    }
    // Bring an older SQLite backup up to this version, then keep erasures erased.
    let store = Store::connect(&url, &config.pool_options()).await?;
    store.migrate().await?;
    let newest = from
        .parent()
        .and_then(|p| list(p).ok())
        .and_then(|l| l.last().cloned());
    crate::app::bootstrap::privacy_keys(&store, config).await?;
    reapply_erasures(&store, newest.as_deref(), &live_erasures).await?;
    store.close().await;
    Ok(manifest)
}

/// Privacy erasures (R-PD-2) must survive a restore: a person erased after the backup
/// was made must not come back with it. The ids recorded in `person_erasures` of the
/// live instance (read before it was replaced) and of the NEWEST backup in the same
/// folder are erased again in the restored database (`apply_erasures` is idempotent).
/// Their data keys are gone from those copies, and now from this one too.
pub async fn reapply_erasures(
    store: &Store,
    newest_backup: Option<&Path>,
    live_erasures: &[Uuid],
) -> anyhow::Result<()> {
    let mut ids: Vec<Uuid> = live_erasures.to_vec();
    if let Some(newest) = newest_backup {
        ids.extend(backup_erasures(newest).await?);
    }
    ids.sort();
    ids.dedup();
    if !ids.is_empty() {
        fito_store::privacy::apply_erasures(store.writer(), &ids).await?;
        tracing::info!(persons = ids.len(), "erasures re-applied after restore");
    }
    Ok(())
}

/// The erasures recorded in a backup folder: its SQLite snapshot (opened read-only,
/// so the backup stays byte-identical) or its `person_erasures.jsonl`. A backup made
/// before the table existed has none.
async fn backup_erasures(backup: &Path) -> anyhow::Result<Vec<Uuid>> {
    let snapshot = backup.join(SQLITE_SNAPSHOT);
    if snapshot.exists() {
        return Ok(fito_store::backup::sqlite::snapshot_erasures(&snapshot).await?);
    }
    let lines = backup.join("database/person_erasures.jsonl");
    if !lines.exists() {
        return Ok(Vec::new());
    }
    let mut ids = Vec::new();
    for line in std::fs::read_to_string(&lines)?.lines() {
        if line.trim().is_empty() {
            continue;
        }
        let row: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{} is not JSON lines", lines.display()))?;
        let id = row["person_id"]
            .as_str()
            .and_then(|s| Uuid::parse_str(s).ok())
            .with_context(|| format!("{}: a row without person_id", lines.display()))?;
        ids.push(id);
    }
    Ok(ids)
}

/// The ids in the live instance's `person_erasures` (none on an instance older than
/// the table).
async fn erased_persons(store: &Store) -> Vec<Uuid> {
    fito_store::privacy::erasures(store.reader())
        .await
        .map(|rows| rows.into_iter().map(|(id, _)| id).collect())
        .unwrap_or_default()
}

/// The database file of a `sqlite://path?options` URL.
fn sqlite_path(url: &str) -> anyhow::Result<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .context("not a SQLite URL")?;
    let path = rest.split('?').next().unwrap_or(rest);
    if path.is_empty() || path == ":memory:" {
        bail!("an in-memory SQLite database cannot be restored into");
    }
    Ok(PathBuf::from(path))
}

/// Replaces the database's rows with the backup's tables (see
/// `fito_store::backup::postgres::import`), reading each from its JSON lines.
async fn restore_postgres(store: &Store, from: &Path, manifest: &Manifest) -> anyhow::Result<()> {
    fito_store::backup::postgres::import(store, &manifest.tables, |table| {
        let text = std::fs::read_to_string(from.join(format!("database/{table}.jsonl")))?;
        text.lines()
            .filter(|l| !l.is_empty())
            .map(serde_json::from_str)
            .collect::<Result<Vec<serde_json::Value>, _>>()
            .with_context(|| format!("database/{table}.jsonl is not JSON lines"))
    })
    .await
}

/// Automatic backups while serving (`[backup] dir`, every `interval_minutes`, keeping
/// the newest `keep`). A failed backup is logged and tried again next time.
pub fn schedule(jobs: &crate::app::jobs::Runner, store: Store, config: std::sync::Arc<Config>) {
    let Some(dir) = config.backup.dir.clone() else {
        return;
    };
    let every = std::time::Duration::from_secs(config.backup.interval_minutes.max(1) * 60);
    // Leased: with several instances on one database, one of them writes each backup
    // (R-OPS-3); the lease lasts the interval, so a restart does not add one.
    jobs.spawn_periodic("backup", every, move || {
        let (store, config, dir) = (store.clone(), config.clone(), dir.clone());
        async move {
            match create(&store, &config, &dir).await {
                Ok(done) => {
                    tracing::info!(backup = %done.display(), "backup written");
                    match prune(&dir, config.backup.keep) {
                        Ok(0) => {}
                        Ok(n) => tracing::info!(deleted = n, "old backups deleted"),
                        Err(e) => tracing::error!(error = %e, "old backups could not be deleted"),
                    }
                }
                Err(e) => tracing::error!(error = %format!("{e:#}"), "backup failed"),
            }
        }
    });
}
