//! Consents (R-PD-1): who accepted which policy version, when and how.

use crate::Result;
use crate::conn::Conn;
use crate::sql::{opt_str, stmt};
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct Acceptance {
    pub id: Uuid,
    pub user_id: Uuid,
    pub version: String,
    pub accepted_at: i64,
    /// `electronic` or `signature`.
    pub method: String,
    pub ip: Option<String>,
    pub device_id: Option<String>,
    /// Base64 of the CMS, for a signed acceptance.
    pub signature: Option<String>,
}

pub async fn insert_acceptance<C: Conn>(conn: &C, a: &Acceptance) -> Result<()> {
    conn.execute_raw(stmt(
        conn,
        "INSERT INTO policy_acceptances (id, user_id, version, accepted_at, method, ip, device_id, \
         signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        vec![
            a.id.into(),
            a.user_id.into(),
            a.version.clone().into(),
            a.accepted_at.into(),
            a.method.clone().into(),
            opt_str(a.ip.clone()),
            opt_str(a.device_id.clone()),
            opt_str(a.signature.clone()),
        ],
    ))
    .await?;
    Ok(())
}

pub async fn acceptances<C: Conn>(conn: &C, user: Uuid) -> Result<Vec<Acceptance>> {
    let rows = conn
        .query_all_raw(stmt(
            conn,
            "SELECT id, user_id, version, accepted_at, method, ip, device_id, signature \
             FROM policy_acceptances WHERE user_id = ? ORDER BY accepted_at, id",
            vec![user.into()],
        ))
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Acceptance {
                id: r.try_get("", "id")?,
                user_id: r.try_get("", "user_id")?,
                version: r.try_get("", "version")?,
                accepted_at: r.try_get("", "accepted_at")?,
                method: r.try_get("", "method")?,
                ip: r.try_get("", "ip")?,
                device_id: r.try_get("", "device_id")?,
                signature: r.try_get("", "signature")?,
            })
        })
        .collect()
}
