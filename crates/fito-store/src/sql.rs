//! Hand-written SQL, one text for both engines: statements are written with `?`
//! placeholders, numbered `$1`, `$2` … for PostgreSQL.

use crate::Result;
use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};

/// A statement with `?` placeholders for the connection's engine.
pub(crate) fn stmt<C: ConnectionTrait>(conn: &C, sql: &str, values: Vec<Value>) -> Statement {
    let backend = conn.get_database_backend();
    Statement::from_sql_and_values(backend, for_engine(sql, backend), values)
}

/// `?` placeholders numbered for the engine: a whole statement, or a sea-query custom
/// expression (whose own values PostgreSQL numbers from `$1`).
pub(crate) fn for_engine(sql: &str, backend: DbBackend) -> String {
    if backend != DbBackend::Postgres {
        return sql.to_string();
    }
    let mut out = String::with_capacity(sql.len() + 8);
    let mut n = 0;
    for c in sql.chars() {
        if c == '?' {
            n += 1;
            out.push_str(&format!("${n}"));
        } else {
            out.push(c);
        }
    }
    out
}

/// Runs a statement; answers how many rows it changed.
pub(crate) async fn exec<C: ConnectionTrait>(
    conn: &C,
    sql: &str,
    values: Vec<Value>,
) -> Result<u64> {
    Ok(conn
        .execute_raw(stmt(conn, sql, values))
        .await?
        .rows_affected())
}

pub(crate) fn opt_str(v: Option<String>) -> Value {
    Value::String(v)
}

pub(crate) fn opt_uuid(v: Option<uuid::Uuid>) -> Value {
    Value::Uuid(v)
}

pub(crate) fn opt_i64(v: Option<i64>) -> Value {
    Value::BigInt(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_for_postgres_only() {
        let sql = "UPDATE t SET a = ? WHERE b = ?";
        assert_eq!(
            for_engine(sql, DbBackend::Postgres),
            "UPDATE t SET a = $1 WHERE b = $2"
        );
        assert_eq!(for_engine(sql, DbBackend::Sqlite), sql);
    }
}
