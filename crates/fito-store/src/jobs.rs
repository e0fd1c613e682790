//! Leases for scheduled jobs (R-OPS-3): several instances share one database, and a
//! job runs on whichever instance holds its lease, so it runs once, not once per
//! instance.

use crate::Result;
use crate::conn::Conn;
use crate::sql::stmt;

/// Takes the lease on job `name` for `holder` until `until` (microseconds) if it is
/// free (expired) or already `holder`'s. One atomic UPDATE decides: of instances
/// racing for the same lease exactly one gets it.
pub async fn take<C: Conn>(
    conn: &C,
    name: &str,
    holder: &str,
    now: i64,
    until: i64,
) -> Result<bool> {
    conn.execute_raw(stmt(
        conn,
        "INSERT INTO job_leases (name, holder, until) VALUES (?, '', 0) ON CONFLICT (name) DO NOTHING",
        vec![name.into()],
    ))
    .await?;
    let done = conn
        .execute_raw(stmt(
            conn,
            "UPDATE job_leases SET holder = ?, until = ? WHERE name = ? AND (until <= ? OR holder = ?)",
            vec![
                holder.into(),
                until.into(),
                name.into(),
                now.into(),
                holder.into(),
            ],
        ))
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives the lease back early (on shutdown), so another instance takes over at once.
pub async fn release<C: Conn>(conn: &C, name: &str, holder: &str) -> Result<()> {
    conn.execute_raw(stmt(
        conn,
        "UPDATE job_leases SET until = 0 WHERE name = ? AND holder = ?",
        vec![name.into(), holder.into()],
    ))
    .await?;
    Ok(())
}

/// Who holds the lease on `name` and until when; None if no instance ever took it.
pub async fn holder<C: Conn>(conn: &C, name: &str) -> Result<Option<(String, i64)>> {
    let row = conn
        .query_one_raw(stmt(
            conn,
            "SELECT holder, until FROM job_leases WHERE name = ?",
            vec![name.into()],
        ))
        .await?;
    row.map(|r| Ok((r.try_get("", "holder")?, r.try_get("", "until")?)))
        .transpose()
}
