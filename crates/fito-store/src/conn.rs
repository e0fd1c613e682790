//! What every repository function takes: a pool of the store ([`Db`], from
//! `Store::reader`/`Store::writer`) or one of its transactions ([`Tx`], from
//! `Store::begin`). Both carry the store's keyring, so personal fields are sealed and
//! opened with the keys this store was given (R-PD-2), and both are sealed: callers
//! outside this crate cannot make one from a bare SeaORM connection.

use crate::Result;
use crate::privacy::keyring::Keyring;
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, ExecResult,
    QueryResult, Statement,
};
use std::sync::Arc;

pub(crate) mod sealed {
    /// Only this crate makes connections, and only its connections hold a keyring.
    pub trait Sealed {
        fn keyring(&self) -> &crate::privacy::keyring::Keyring;
    }
}

/// A connection or a transaction of a [`crate::Store`].
pub trait Conn: ConnectionTrait + sealed::Sealed + Send + Sync {}

/// One of the store's connection pools.
#[derive(Clone)]
pub struct Db {
    pub(crate) conn: DatabaseConnection,
    keys: Arc<Keyring>,
}

impl Db {
    pub(crate) fn new(conn: DatabaseConnection, keys: Arc<Keyring>) -> Db {
        Db { conn, keys }
    }

    pub(crate) async fn begin(&self) -> Result<Tx> {
        use sea_orm::TransactionTrait;
        Ok(Tx {
            txn: self.conn.begin().await?,
            keys: self.keys.clone(),
        })
    }
}

/// A write transaction: commit it, or drop it to roll back.
pub struct Tx {
    txn: DatabaseTransaction,
    keys: Arc<Keyring>,
}

impl Tx {
    pub async fn commit(self) -> Result<()> {
        Ok(self.txn.commit().await?)
    }

    pub async fn rollback(self) -> Result<()> {
        Ok(self.txn.rollback().await?)
    }
}

impl sealed::Sealed for Db {
    fn keyring(&self) -> &Keyring {
        &self.keys
    }
}

impl sealed::Sealed for Tx {
    fn keyring(&self) -> &Keyring {
        &self.keys
    }
}

impl Conn for Db {}
impl Conn for Tx {}

/// The keyring a connection carries.
pub(crate) fn keyring<C: Conn>(conn: &C) -> &Keyring {
    sealed::Sealed::keyring(conn)
}

/// The store's connections answer SeaORM's queries by handing them to the connection
/// or transaction inside.
macro_rules! forward_connection {
    ($type:ty, $inner:ident) => {
        #[async_trait::async_trait]
        impl ConnectionTrait for $type {
            fn get_database_backend(&self) -> DbBackend {
                self.$inner.get_database_backend()
            }

            async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
                self.$inner.execute_raw(stmt).await
            }

            async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
                self.$inner.execute_unprepared(sql).await
            }

            async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
                self.$inner.query_one_raw(stmt).await
            }

            async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
                self.$inner.query_all_raw(stmt).await
            }

            fn support_returning(&self) -> bool {
                self.$inner.support_returning()
            }
        }
    };
}

forward_connection!(Db, conn);
forward_connection!(Tx, txn);
