//! PostgreSQL backups: every row of every table as `row_to_json`, read in one
//! REPEATABLE READ, READ ONLY transaction, and loaded back in one transaction.

use crate::{Result, Store, StoreError};
use sea_orm::{AccessMode, ConnectionTrait, IsolationLevel, Statement, TransactionTrait};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Hands every base table's rows (`row_to_json` text, one per row) to `write`, all
/// read in one consistent snapshot; answers the schema version it holds.
pub async fn export<E: From<StoreError>>(
    store: &Store,
    mut write: impl FnMut(&str, Vec<String>) -> std::result::Result<(), E>,
) -> std::result::Result<i64, E> {
    let txn = store
        .reader()
        .conn
        .begin_with_config(
            Some(IsolationLevel::RepeatableRead),
            Some(AccessMode::ReadOnly),
        )
        .await
        .map_err(StoreError::from)?;
    let version = super::schema_version_in(&txn).await?;
    for table in tables(&txn).await? {
        let rows = txn
            .query_all_raw(Statement::from_string(
                txn.get_database_backend(),
                format!("SELECT row_to_json(t)::text FROM \"{table}\" t"),
            ))
            .await
            .map_err(StoreError::from)?;
        let lines = rows
            .into_iter()
            .map(|r| r.try_get_by_index::<String>(0))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(StoreError::from)?;
        write(&table, lines)?;
    }
    txn.commit().await.map_err(StoreError::from)?;
    Ok(version)
}

/// Base tables of the current schema.
async fn tables<C: ConnectionTrait>(db: &C) -> Result<Vec<String>> {
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
        ))
        .await?;
    rows.into_iter()
        .map(|r| Ok(r.try_get_by_index::<String>(0)?))
        .collect()
}

/// Replaces every table's rows with a backup's, in one transaction: empties every
/// table, loads each (parents before children, and within a self-referencing table,
/// parent rows first) and moves each sequence past the largest key. `rows_of` reads
/// a table of the backup; `in_backup` names the tables it has.
pub async fn import<E: From<StoreError>>(
    store: &Store,
    in_backup: &[String],
    mut rows_of: impl FnMut(&str) -> std::result::Result<Vec<Value>, E>,
) -> std::result::Result<(), E> {
    let txn = store.begin().await?;
    let backend = txn.get_database_backend();
    // schema_migrations too: the versions are the same, and the restored instance
    // keeps the backed-up history of when each was applied.
    let live: Vec<String> = tables(&txn).await?;
    let wanted: HashSet<&str> = in_backup.iter().map(String::as_str).collect();
    if let Some(t) = live.iter().find(|t| !wanted.contains(t.as_str())) {
        return Err(StoreError::Backup(format!("the backup has no table {t}")).into());
    }
    if !live.is_empty() {
        let list = live
            .iter()
            .map(|t| format!("\"{t}\""))
            .collect::<Vec<_>>()
            .join(", ");
        run(&txn, &format!("TRUNCATE {list} RESTART IDENTITY CASCADE")).await?;
        // The rows come back exactly as they were: no trigger may add to them while
        // they load (the sync change log's triggers would, from an empty head). Inside
        // this transaction, so a failed restore leaves the triggers on.
        for t in &live {
            run(&txn, &format!("ALTER TABLE \"{t}\" DISABLE TRIGGER USER")).await?;
        }
    }
    let (order, self_refs) = load_order(&txn, &live).await?;
    for table in &order {
        let mut rows = rows_of(table)?;
        if let Some((column, key)) = self_refs.get(table) {
            rows = parents_first(rows, column, key);
        }
        for chunk in rows.chunks(500) {
            txn.execute_raw(Statement::from_sql_and_values(
                backend,
                format!(
                    "INSERT INTO \"{table}\" SELECT * FROM json_populate_recordset(NULL::\"{table}\", $1::json)"
                ),
                [Value::Array(chunk.to_vec()).to_string().into()],
            ))
            .await
            .map_err(|e| StoreError::Backup(format!("cannot load table {table}: {e}")))?;
        }
    }
    let serials = txn
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT table_name::text, column_name::text FROM information_schema.columns \
             WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'",
        ))
        .await
        .map_err(StoreError::from)?;
    for r in serials {
        let (table, column): (String, String) = (
            r.try_get_by_index(0).map_err(StoreError::from)?,
            r.try_get_by_index(1).map_err(StoreError::from)?,
        );
        run(
            &txn,
            &format!(
                "SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), \
                 COALESCE(MAX(\"{column}\"), 1), MAX(\"{column}\") IS NOT NULL) FROM \"{table}\""
            ),
        )
        .await?;
    }
    for t in &live {
        run(&txn, &format!("ALTER TABLE \"{t}\" ENABLE TRIGGER USER")).await?;
    }
    txn.commit().await?;
    Ok(())
}

async fn run<C: ConnectionTrait>(txn: &C, sql: &str) -> Result<()> {
    txn.execute_unprepared(sql).await?;
    Ok(())
}

/// The tables in an order that loads parents before children (foreign keys between
/// tables), and each self-referencing table's `(column, key)`.
async fn load_order<C: ConnectionTrait>(
    txn: &C,
    live: &[String],
) -> Result<(Vec<String>, HashMap<String, (String, String)>)> {
    let fks = txn
        .query_all_raw(Statement::from_string(
            txn.get_database_backend(),
            "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text, \
                    a.attname::text, af.attname::text \
             FROM pg_constraint c \
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] \
             JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1] \
             WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace",
        ))
        .await?;
    let mut depends: BTreeMap<String, HashSet<String>> = BTreeMap::new();
    let mut self_refs: HashMap<String, (String, String)> = HashMap::new();
    for r in fks {
        let (child, parent): (String, String) = (r.try_get_by_index(0)?, r.try_get_by_index(1)?);
        let (child, parent) = (
            child.trim_matches('"').to_string(),
            parent.trim_matches('"').to_string(),
        );
        if child == parent {
            self_refs.insert(child, (r.try_get_by_index(2)?, r.try_get_by_index(3)?));
        } else {
            depends.entry(child).or_default().insert(parent);
        }
    }
    let mut order = Vec::new();
    let mut placed = HashSet::new();
    while order.len() < live.len() {
        let before = order.len();
        for t in live {
            if !placed.contains(t)
                && depends
                    .get(t)
                    .is_none_or(|ps| ps.iter().all(|p| placed.contains(p) || !live.contains(p)))
            {
                placed.insert(t.clone());
                order.push(t.clone());
            }
        }
        if order.len() == before {
            return Err(StoreError::Backup(
                "the tables' foreign keys form a cycle".into(),
            ));
        }
    }
    Ok((order, self_refs))
}

/// Orders rows so each row's parent (`column` → `key`) comes before it.
fn parents_first(rows: Vec<Value>, column: &str, key: &str) -> Vec<Value> {
    let mut done: HashSet<String> = HashSet::new();
    let mut pending = rows;
    let mut out = Vec::with_capacity(pending.len());
    while !pending.is_empty() {
        let before = out.len();
        let mut rest = Vec::new();
        for row in pending {
            let parent = &row[column];
            if parent.is_null() || done.contains(&parent.to_string()) {
                done.insert(row[key].to_string());
                out.push(row);
            } else {
                rest.push(row);
            }
        }
        if out.len() == before {
            // A parent outside the table: let the database judge.
            out.extend(rest);
            break;
        }
        pending = rest;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parents_come_before_their_children() {
        let rows = vec![
            json!({ "id": 3, "parent": 2 }),
            json!({ "id": 2, "parent": 1 }),
            json!({ "id": 1, "parent": null }),
        ];
        let ids: Vec<i64> = parents_first(rows, "parent", "id")
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect();
        assert_eq!(ids, [1, 2, 3]);
    }
}
