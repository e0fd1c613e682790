//! The numbers made of the office's work: acts by type and status, overdue
//! prescriptions, survey tasks planned and done, and each inspector's workload.

use super::{ActCount, Overdue, Query, Tasks, Workload, bounds, prefix};
use crate::Result;
use crate::conn::Conn;
use crate::sql::stmt;
use chrono::NaiveDate;
use sea_orm::Value;
use serde::Deserialize;
use std::collections::BTreeMap;
use uuid::Uuid;

const IN_SUBTREE: &str = "IN (SELECT id FROM organizations WHERE path LIKE ?)";

/// The object filters (type, KATO) of `q` on the joined `objects o`.
/// The join to the object of the row's `column`, when a filter reads the object;
/// without one the object is not looked up at all (a lookup per survey of the
/// country's season otherwise).
fn object_join(q: &Query, column: &str) -> String {
    if q.object_type.is_some() || q.kato.is_some() {
        format!(" LEFT JOIN objects o ON o.id = {column}")
    } else {
        String::new()
    }
}

fn object_filters(q: &Query, sql: &mut String, values: &mut Vec<Value>) {
    if let Some(t) = &q.object_type {
        sql.push_str(" AND o.type_code = ?");
        values.push(t.clone().into());
    }
    if let Some(k) = &q.kato {
        sql.push_str(" AND o.kato LIKE ?");
        values.push(prefix(k).into());
    }
}

/// Acts made in the period, counted by type and status.
pub(super) async fn acts<C: Conn>(conn: &C, q: &Query) -> Result<Vec<ActCount>> {
    let (from, to) = bounds(q.from, q.to);
    let mut sql = format!(
        "SELECT a.act_type, a.status, COUNT(*) AS n FROM acts a{} \
         WHERE a.organization_id {IN_SUBTREE} AND a.created_at >= ? AND a.created_at < ?",
        object_join(q, "a.object_id")
    );
    let mut values: Vec<Value> = vec![prefix(&q.org_path).into(), from.into(), to.into()];
    object_filters(q, &mut sql, &mut values);
    sql.push_str(" GROUP BY a.act_type, a.status");
    let mut out = Vec::new();
    for row in conn.query_all_raw(stmt(conn, &sql, values)).await? {
        out.push(ActCount {
            act_type: row.try_get("", "act_type")?,
            status: row.try_get("", "status")?,
            count: row.try_get("", "n")?,
        });
    }
    out.sort_by(|a, b| (&a.act_type, &a.status).cmp(&(&b.act_type, &b.status)));
    Ok(out)
}

#[derive(Deserialize)]
struct Content {
    #[serde(default)]
    measures: Vec<Measure>,
}

#[derive(Deserialize)]
struct Measure {
    #[serde(default)]
    text: String,
    deadline: Option<NaiveDate>,
}

/// Measures of approved, signed or registered acts whose deadline is before
/// `q.today`, the longest overdue first. Not bound to the period: a prescription
/// stays overdue until it is dealt with.
pub(super) async fn overdue<C: Conn>(conn: &C, q: &Query) -> Result<Vec<Overdue>> {
    let mut sql = format!(
        "SELECT a.id, a.registry_number, a.object_id, o.name AS object_name, o.kato, a.content \
         FROM acts a LEFT JOIN objects o ON o.id = a.object_id WHERE a.organization_id \
         {IN_SUBTREE} AND a.status IN ('approved', 'signed', 'registered') \
         AND a.content LIKE '%\"deadline\":\"%'"
    );
    let mut values: Vec<Value> = vec![prefix(&q.org_path).into()];
    object_filters(q, &mut sql, &mut values);
    let mut out = Vec::new();
    for row in conn.query_all_raw(stmt(conn, &sql, values)).await? {
        let content: String = row.try_get("", "content")?;
        let Ok(content) = serde_json::from_str::<Content>(&content) else {
            continue;
        };
        for m in content.measures {
            let Some(deadline) = m.deadline.filter(|d| *d < q.today) else {
                continue;
            };
            out.push(Overdue {
                act_id: row.try_get("", "id")?,
                registry_number: row.try_get("", "registry_number")?,
                object_id: row.try_get("", "object_id")?,
                object_name: row.try_get("", "object_name")?,
                kato: row.try_get("", "kato")?,
                measure: m.text,
                deadline,
                days_overdue: (q.today - deadline).num_days(),
            });
        }
    }
    out.sort_by(|a, b| (a.deadline, a.act_id, &a.measure).cmp(&(b.deadline, b.act_id, &b.measure)));
    Ok(out)
}

/// Survey tasks due in the period.
pub(super) async fn tasks<C: Conn>(conn: &C, q: &Query) -> Result<Tasks> {
    let sql = format!(
        "SELECT COUNT(CASE WHEN status <> 'cancelled' THEN 1 END) AS planned, \
         COUNT(CASE WHEN status = 'done' THEN 1 END) AS done, \
         COUNT(CASE WHEN status = 'open' AND due_on < ? THEN 1 END) AS late, \
         COUNT(CASE WHEN status <> 'cancelled' AND warnings <> '[]' THEN 1 END) AS warned \
         FROM survey_tasks WHERE organization_id {IN_SUBTREE} AND due_on >= ? AND due_on <= ?"
    );
    let day = |d: NaiveDate| Value::from(d.format("%Y-%m-%d").to_string());
    let values = vec![
        day(q.today),
        prefix(&q.org_path).into(),
        day(q.from),
        day(q.to),
    ];
    let Some(row) = conn.query_one_raw(stmt(conn, &sql, values)).await? else {
        return Ok(Tasks::default());
    };
    Ok(Tasks {
        planned: row.try_get("", "planned")?,
        done: row.try_get("", "done")?,
        late: row.try_get("", "late")?,
        warnings_confirmed: row.try_get("", "warned")?,
    })
}

/// Surveys, acts and days in the field (days with a survey) per inspector, with
/// their decrypted names, by surname.
pub(super) async fn workload<C: Conn>(conn: &C, q: &Query) -> Result<Vec<Workload>> {
    let (from, to) = bounds(q.from, q.to);
    // (surveys, acts, field days) per inspector.
    let mut work: BTreeMap<Uuid, (i64, i64, i64)> = BTreeMap::new();
    let mut sql = format!(
        "SELECT s.inspector_id AS who, COUNT(*) AS n, \
         COUNT(DISTINCT s.surveyed_at / 86400000000) AS days FROM surveys s{} \
         WHERE s.organization_id {IN_SUBTREE} AND s.surveyed_at >= ? AND s.surveyed_at < ?",
        object_join(q, "s.object_id")
    );
    let mut values: Vec<Value> = vec![prefix(&q.org_path).into(), from.into(), to.into()];
    if let Some(c) = &q.crop {
        sql.push_str(" AND s.crop_code = ?");
        values.push(c.clone().into());
    }
    object_filters(q, &mut sql, &mut values);
    sql.push_str(" GROUP BY s.inspector_id");
    for row in conn.query_all_raw(stmt(conn, &sql, values)).await? {
        let w = work.entry(row.try_get("", "who")?).or_default();
        w.0 = row.try_get("", "n")?;
        w.2 = row.try_get("", "days")?;
    }
    let mut sql = format!(
        "SELECT a.inspector_id AS who, COUNT(*) AS n FROM acts a{} \
         WHERE a.organization_id {IN_SUBTREE} AND a.created_at >= ? AND a.created_at < ?",
        object_join(q, "a.object_id")
    );
    let mut values: Vec<Value> = vec![prefix(&q.org_path).into(), from.into(), to.into()];
    object_filters(q, &mut sql, &mut values);
    sql.push_str(" GROUP BY a.inspector_id");
    for row in conn.query_all_raw(stmt(conn, &sql, values)).await? {
        work.entry(row.try_get("", "who")?).or_default().1 = row.try_get("", "n")?;
    }
    let ids: Vec<Uuid> = work.keys().copied().collect();
    let people: BTreeMap<Uuid, crate::users::User> = crate::users::by_ids(conn, &ids)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let mut out: Vec<Workload> = work
        .into_iter()
        .map(|(id, (surveys, acts, field_days))| {
            let person = people.get(&id);
            Workload {
                inspector_id: id,
                surname: person.map(|p| p.surname.clone()).unwrap_or_default(),
                first_name: person.map(|p| p.first_name.clone()).unwrap_or_default(),
                patronymic: person.and_then(|p| p.patronymic.clone()),
                surveys,
                acts,
                field_days,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (&a.surname, &a.first_name, a.inspector_id).cmp(&(
            &b.surname,
            &b.first_name,
            b.inspector_id,
        ))
    });
    Ok(out)
}
