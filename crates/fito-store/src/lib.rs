//! Storage for both engines (SQLite embedded, PostgreSQL in production) in one code
//! path on SeaORM: migrations, repositories and the hash-chained audit journal.

pub mod accounts;
pub mod acts;
pub mod analytics;
pub mod audit;
pub mod backup;
pub mod boundaries;
mod conn;
pub mod documents;
pub(crate) mod entity;
pub mod esign;
pub mod fieldwork;
pub mod heads;
pub mod jobs;
pub mod live;
pub mod locks;
pub mod maintenance;
mod migrate;
pub mod notifications;
pub mod objects;
pub mod orgs;
pub mod privacy;
pub mod push;
pub mod reference;
pub mod samples;
pub mod sessions;
mod sql;
pub mod sync;
pub mod test_support;
pub mod tile_cells;
pub mod tiles;
pub mod time;
pub mod users;
pub mod zones;

use privacy::keyring::Keyring;
use sea_orm::sqlx;
use sea_orm::{DbErr, SqlErr, SqlxPostgresConnector, SqlxSqliteConnector};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

pub use conn::{Conn, Db, Tx};
pub use privacy::MasterKey;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A unique value is taken; names the column (`email`, `iin`, `path` …).
    #[error("conflict on {0}")]
    Conflict(&'static str),
    #[error("unsupported database URL (use sqlite://… or postgres://…)")]
    UnsupportedUrl,
    #[error("database: {0}")]
    Db(#[from] DbErr),
    #[error("database: {0}")]
    Sqlx(#[from] sqlx::Error),
    /// Personal data cannot be encrypted or decrypted (R-PD-2): a missing or wrong
    /// master key, or a damaged value.
    #[error("personal data: {0}")]
    Privacy(&'static str),
    /// A backup cannot be taken or restored (R-SEC-2): what went wrong, for the operator.
    #[error("{0}")]
    Backup(String),
}

impl StoreError {
    /// Turns a unique-constraint violation into `Conflict` naming the column.
    pub(crate) fn from_write(err: DbErr, columns: &[&'static str]) -> Self {
        if let Some(SqlErr::UniqueConstraintViolation(message)) = err.sql_err()
            && let Some(column) = columns.iter().find(|c| message.contains(*c))
        {
            return StoreError::Conflict(column);
        }
        StoreError::Db(err)
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Knobs for the connection pools; the defaults suit the 2-core machines we run on.
#[derive(Debug, Clone)]
pub struct PoolOptions {
    pub max_connections: u32,
    /// SQLite only: `full` waits for the disk on every commit (nothing acknowledged is
    /// lost even on power failure); `normal` survives a process crash but not power loss.
    pub sqlite_synchronous_full: bool,
}

impl Default for PoolOptions {
    fn default() -> Self {
        Self {
            max_connections: 16,
            sqlite_synchronous_full: true,
        }
    }
}

/// Connections of the PostgreSQL pool for map tiles (`Store::tile_reader`).
const TILE_CONNECTIONS: u32 = 4;

/// A pooled connection idle longer than this is pinged before it is handed out, so
/// one the server closed meanwhile (a restart, an idle cut) is replaced rather than
/// failing a request.
const PING_WHEN_IDLE_FOR: Duration = Duration::from_secs(10);

/// Pool options that ping only connections idle for [`PING_WHEN_IDLE_FOR`]. sqlx's
/// default pings before every use: on PostgreSQL a round trip more for each
/// statement (issue 16: a map tile at zoom 10 and above is one statement).
fn pool_options<DB: sqlx::Database>() -> sqlx::pool::PoolOptions<DB> {
    sqlx::pool::PoolOptions::new()
        .test_before_acquire(false)
        .before_acquire(|conn, meta| {
            Box::pin(async move {
                if meta.idle_for >= PING_WHEN_IDLE_FOR {
                    sqlx::Connection::ping(conn).await?;
                }
                Ok(true)
            })
        })
}

/// The database: a pool for reads and one for writes. On SQLite the write pool has a
/// single connection, so writers queue in the application instead of spinning on
/// SQLITE_BUSY; on PostgreSQL both are the same pool.
/// The store also holds the master keys of personal data it was given ([`Store::unlock`]),
/// and hands them to its connections and transactions.
#[derive(Clone)]
pub struct Store {
    read: Db,
    write: Db,
    /// Map tile reads (`Store::tile_reader`).
    tiles: Db,
    engine: Engine,
    keys: Arc<Keyring>,
}

/// Moves committed WAL pages into the database file every second without blocking
/// readers or the writer (a PASSIVE checkpoint), so the WAL stays small.
fn spawn_checkpoints(pool: sqlx::SqlitePool) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        loop {
            tick.tick().await;
            if pool.is_closed() {
                break;
            }
            if let Err(err) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(&pool)
                .await
            {
                tracing::warn!(error = %err, "SQLite checkpoint failed");
            }
        }
    });
}

impl Store {
    pub async fn connect(url: &str, options: &PoolOptions) -> Result<Store> {
        if url.starts_with("sqlite:") {
            use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
            let connect = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(if options.sqlite_synchronous_full {
                    SqliteSynchronous::Full
                } else {
                    SqliteSynchronous::Normal
                })
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
                // Deleted and overwritten content is zeroed, not left in free pages:
                // an erased person's data must not linger in the file (R-PD-2).
                .pragma("secure_delete", "on");
            // Checkpoints would otherwise run inside a commit on the one writer
            // connection and stall every queued writer; a background task does them.
            let write = pool_options::<sqlx::Sqlite>()
                .max_connections(1)
                .min_connections(1)
                .connect_with(connect.clone().pragma("wal_autocheckpoint", "0"))
                .await?;
            // Readers map the file (up to 1 GiB) rather than copy each page through a
            // read call: a map tile at zoom 8 reads thousands of scattered rows, and the
            // copies were a third of its time (BENCHMARKS.md, "Map tiles").
            let read = pool_options::<sqlx::Sqlite>()
                .max_connections(options.max_connections.max(1))
                .connect_with(connect.pragma("mmap_size", "1073741824"))
                .await?;
            spawn_checkpoints(read.clone());
            Ok(Store::new(
                SqlxSqliteConnector::from_sqlx_sqlite_pool(read.clone()),
                SqlxSqliteConnector::from_sqlx_sqlite_pool(write),
                SqlxSqliteConnector::from_sqlx_sqlite_pool(read),
                Engine::Sqlite,
            ))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let pool = pool_options::<sqlx::Postgres>()
                .max_connections(options.max_connections.max(2))
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await?;
            let conn = SqlxPostgresConnector::from_sqlx_postgres_pool(pool);
            // Tile statements differ only in their box and filters, and PostgreSQL
            // plans their custom plans anew on every execution (0.3 ms, more than
            // running them): their own few connections keep one generic plan each.
            let tile_options = sqlx::postgres::PgConnectOptions::from_str(url)?
                .options([("plan_cache_mode", "force_generic_plan")]);
            let tiles = pool_options::<sqlx::Postgres>()
                .max_connections(TILE_CONNECTIONS)
                .acquire_timeout(Duration::from_secs(10))
                .connect_lazy_with(tile_options);
            let tiles = SqlxPostgresConnector::from_sqlx_postgres_pool(tiles);
            Ok(Store::new(conn.clone(), conn, tiles, Engine::Postgres))
        } else {
            Err(StoreError::UnsupportedUrl)
        }
    }

    fn new(
        read: sea_orm::DatabaseConnection,
        write: sea_orm::DatabaseConnection,
        tiles: sea_orm::DatabaseConnection,
        engine: Engine,
    ) -> Store {
        let keys = Arc::new(Keyring::default());
        Store {
            read: Db::new(read, keys.clone()),
            write: Db::new(write, keys.clone()),
            tiles: Db::new(tiles, keys.clone()),
            engine,
            keys,
        }
    }

    /// Gives the store the master key of personal data and binds the database to it
    /// on first use; refuses a key that is not this database's (R-PD-2). Stores on
    /// one database share its key by loading the same key file.
    pub async fn unlock(&self, key: MasterKey) -> Result<()> {
        let key = self.keys.add(key);
        privacy::bind(&self.write, &key).await
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// PostgreSQL only: the pool, for LISTEN/NOTIFY (`live`).
    pub(crate) fn pg_pool(&self) -> Option<sqlx::PgPool> {
        match self.engine {
            Engine::Postgres => Some(self.write.conn.get_postgres_connection_pool().clone()),
            Engine::Sqlite => None,
        }
    }

    /// For queries that only read.
    pub fn reader(&self) -> &Db {
        &self.read
    }

    /// For the reads of map tiles (`tiles`, `tile_cells`, zones in a box). On
    /// PostgreSQL a small pool of its own whose connections plan each statement
    /// once (`plan_cache_mode = force_generic_plan`): a tile's plan does not depend
    /// on its box. On SQLite the reader.
    pub fn tile_reader(&self) -> &Db {
        &self.tiles
    }

    /// For single-statement writes that need no transaction.
    pub fn writer(&self) -> &Db {
        &self.write
    }

    /// Starts a write transaction. Every mutation goes through one, together with its
    /// audit entry, so a change and its journal line commit or vanish together.
    pub async fn begin(&self) -> Result<Tx> {
        self.write.begin().await
    }

    /// Applies pending migrations; returns the versions applied now.
    pub async fn migrate(&self) -> Result<Vec<i64>> {
        migrate::run(&self.write.conn, self.engine).await
    }

    /// Readiness: the database answers a trivial query.
    pub async fn ping(&self) -> Result<()> {
        self.read.conn.ping().await?;
        Ok(())
    }

    pub async fn close(self) {
        let _ = self.read.conn.close().await;
        let _ = self.write.conn.close().await;
        let _ = self.tiles.conn.close().await;
    }
}
