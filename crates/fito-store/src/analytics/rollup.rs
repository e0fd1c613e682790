//! Sums of survey findings kept per organisation, KATO district, organism, category
//! and month (table `findings_rollup`, migration 0023), changed in the transaction
//! that writes the findings, so the dashboard reads a season of the country as a
//! few thousand rows instead of 500,000 findings (issue 13; the decision and its
//! limits: docs/architecture/decisions.md).
//!
//! Every write of `survey_findings` and every change of an object's KATO district
//! goes through [`add`] here: `fieldwork` adds a survey's findings after inserting
//! them and takes them out before replacing them; `objects::update` moves an object's
//! findings to its new district. The sums are those of the on-the-fly statements
//! (`micro`), so both ways of answering give equal numbers.

use super::findings::micro;
use crate::Result;
use crate::conn::Conn;
use crate::sql::stmt;
use sea_orm::{ConnectionTrait, DbBackend, Value};
use std::collections::BTreeMap;

/// The first day (µs, UTC) of the month of the µs time `column`, in the engine's SQL.
pub(super) fn month_of(backend: DbBackend, column: &str) -> String {
    match backend {
        DbBackend::Postgres => format!(
            "CAST(EXTRACT(EPOCH FROM date_trunc('month', \
             to_timestamp({column} / 1000000.0) AT TIME ZONE 'UTC')) AS BIGINT) * 1000000"
        ),
        _ => format!(
            "CAST(strftime('%s', {column} / 1000000, 'unixepoch', 'start of month') \
             AS INTEGER) * 1000000"
        ),
    }
}

/// Which findings a change of the sums is about.
pub(crate) enum Findings<'a> {
    /// The findings of these surveys.
    OfSurveys(&'a [uuid::Uuid]),
    /// The findings on this object.
    OnObject(uuid::Uuid),
    /// Every finding stored.
    All,
}

/// Adds the findings to the sums (`sign` 1), or takes them out (`sign` -1), under
/// the district their objects have now.
pub(crate) async fn add<C: ConnectionTrait>(
    conn: &C,
    which: Findings<'_>,
    sign: i64,
) -> Result<()> {
    let (filter, values): (String, Vec<Value>) = match which {
        Findings::OfSurveys([]) => return Ok(()),
        Findings::OfSurveys(ids) => (
            format!("f.survey_id IN ({})", vec!["?"; ids.len()].join(", ")),
            ids.iter().map(|id| (*id).into()).collect(),
        ),
        Findings::OnObject(id) => ("f.object_id = ?".into(), vec![id.into()]),
        Findings::All => ("1 = 1".into(), Vec::new()),
    };
    let sql = format!(
        "INSERT INTO findings_rollup ({COLUMNS}) {} \
         ON CONFLICT (organization_id, month, district, eppo_code, category) DO UPDATE SET \
         surveyed = findings_rollup.surveyed + excluded.surveyed, \
         infested = findings_rollup.infested + excluded.infested, \
         foci = findings_rollup.foci + excluded.foci",
        sums_of(conn.get_database_backend(), &filter, sign)
    );
    crate::sql::exec(conn, &sql, values).await?;
    Ok(())
}

/// Makes the rollup anew from the findings stored: the migration that made the
/// table, and the repair should [`differences`] ever find one. Run it in a
/// transaction, so readers see the old sums or the new, never none.
pub async fn rebuild<C: ConnectionTrait>(conn: &C) -> Result<()> {
    crate::sql::exec(conn, "DELETE FROM findings_rollup", Vec::new()).await?;
    add(conn, Findings::All, 1).await
}

const COLUMNS: &str =
    "organization_id, month, district, eppo_code, category, surveyed, infested, foci";

/// The rows of the rollup for the findings meeting `filter`, times `sign`.
fn sums_of(backend: DbBackend, filter: &str, sign: i64) -> String {
    let month = month_of(backend, "f.surveyed_at");
    let sum = |column: &str| format!("{sign} * COALESCE({}, 0)", micro(backend, column));
    let key = format!(
        "f.organization_id, {month}, COALESCE(substr(o.kato, 1, 4), ''), f.eppo_code, f.category"
    );
    format!(
        "SELECT {key}, {}, {}, {sign} * COUNT(*) \
         FROM survey_findings f LEFT JOIN objects o ON o.id = f.object_id \
         WHERE {filter} GROUP BY {key}",
        sum("f.area_surveyed_ha"),
        sum("f.area_infested_ha"),
    )
}

/// The rollup rows that differ from the sums of the findings stored now, as
/// `organisation/month/district/organism/category`: none, unless findings were
/// written around this module. A maintenance check (and the tests').
pub async fn differences<C: Conn>(conn: &C) -> Result<Vec<String>> {
    let kept = rows(conn, format!("SELECT {COLUMNS} FROM findings_rollup")).await?;
    let fresh = rows(conn, sums_of(conn.get_database_backend(), "1 = 1", 1)).await?;
    let keys: std::collections::BTreeSet<&String> = kept.keys().chain(fresh.keys()).collect();
    Ok(keys
        .into_iter()
        .filter(|k| kept.get(*k) != fresh.get(*k))
        .cloned()
        .collect())
}

/// Rows of `COLUMNS` by key, the ones that count nothing left out.
async fn rows<C: Conn>(conn: &C, sql: String) -> Result<BTreeMap<String, [i64; 3]>> {
    let mut out = BTreeMap::new();
    for row in conn.query_all_raw(stmt(conn, &sql, Vec::new())).await? {
        let key = format!(
            "{}/{}/{}/{}/{}",
            row.try_get_by_index::<uuid::Uuid>(0)?,
            row.try_get_by_index::<i64>(1)?,
            row.try_get_by_index::<String>(2)?,
            row.try_get_by_index::<String>(3)?,
            row.try_get_by_index::<String>(4)?
        );
        let sums: [i64; 3] = [
            row.try_get_by_index(5)?,
            row.try_get_by_index(6)?,
            row.try_get_by_index(7)?,
        ];
        if sums[2] != 0 {
            out.insert(key, sums);
        }
    }
    Ok(out)
}
