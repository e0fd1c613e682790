//! The numbers made of survey findings: hectares and foci by KATO unit and by
//! organism, the monthly trend against the year before, the newest quarantine finds.

use super::rollup::month_of;
use super::{Areas, MonthRow, OrganismRow, QuarantineFinding, Query, bounds, district_of, prefix};
use crate::Result;
use crate::conn::Conn;
use crate::sql::stmt;
use chrono::{Datelike, Months, NaiveDate};
use sea_orm::{DbBackend, QueryResult, Value};
use std::collections::BTreeMap;

/// `FROM … WHERE …` of the findings `q` covers in `[from, to)` (µs), and its values.
fn scope(q: &Query, from: i64, to: i64) -> (String, Vec<Value>) {
    let mut sql = String::from(" FROM survey_findings f LEFT JOIN objects o ON o.id = f.object_id");
    if q.crop.is_some() {
        sql.push_str(" JOIN surveys s ON s.id = f.survey_id");
    }
    sql.push_str(
        " WHERE f.organization_id IN (SELECT id FROM organizations WHERE path LIKE ?) \
         AND f.surveyed_at >= ? AND f.surveyed_at < ?",
    );
    let values: Vec<Value> = vec![prefix(&q.org_path).into(), from.into(), to.into()];
    with_filters(
        sql,
        values,
        [
            (" AND f.eppo_code = ?", q.organism.clone()),
            (" AND f.category = ?", q.category.clone()),
            (" AND s.crop_code = ?", q.crop.clone()),
            (" AND o.type_code = ?", q.object_type.clone()),
            (" AND o.kato LIKE ?", q.kato.as_deref().map(prefix)),
        ],
    )
}

/// `sql` and its `values` with the clause of each filter that has a value.
fn with_filters<const N: usize>(
    mut sql: String,
    mut values: Vec<Value>,
    filters: [(&str, Option<String>); N],
) -> (String, Vec<Value>) {
    for (clause, value) in filters {
        if let Some(v) = value {
            sql.push_str(clause);
            values.push(v.into());
        }
    }
    (sql, values)
}

/// Sums of hectares as whole micro-hectares: each value rounded the same way on
/// both engines (half away from zero; decimal arithmetic on PostgreSQL), then
/// added as integers, so no float order can make the engines differ.
pub(super) fn micro(backend: DbBackend, column: &str) -> String {
    match backend {
        DbBackend::Postgres => {
            format!("CAST(SUM(ROUND(CAST({column} AS NUMERIC) * 1000000)) AS BIGINT)")
        }
        _ => format!("CAST(SUM(ROUND({column} * 1000000)) AS BIGINT)"),
    }
}

fn sums<C: Conn>(conn: &C, surveyed: &str, infested: &str) -> String {
    format!(
        "{} AS surveyed, {} AS infested, COUNT(*) AS foci",
        micro(conn.get_database_backend(), surveyed),
        micro(conn.get_database_backend(), infested)
    )
}

/// What the sums of a breakdown are grouped by.
#[derive(Debug, Clone, Copy)]
enum By {
    District,
    Organism,
    Month,
}

/// A group of a breakdown: a district (`AABB`, "" for none) or organism, or the
/// first day of a month (µs).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Group {
    Code(String),
    Month(i64),
}

impl By {
    /// The group of a finding, read from its row and its object's.
    fn of_finding(self, backend: DbBackend) -> String {
        match self {
            By::District => "COALESCE(substr(o.kato, 1, 4), '')".into(),
            By::Organism => "f.eppo_code".into(),
            By::Month => month_of(backend, "f.surveyed_at"),
        }
    }

    /// The same group in the rollup.
    fn of_rollup(self) -> &'static str {
        match self {
            By::District => "r.district",
            By::Organism => "r.eppo_code",
            By::Month => "r.month",
        }
    }

    fn read(self, row: &QueryResult) -> Result<Group> {
        Ok(match self {
            By::Month => Group::Month(row.try_get("", "g")?),
            _ => Group::Code(row.try_get("", "g")?),
        })
    }
}

/// Sums as whole micro-hectares, added up from the parts of a period.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    surveyed: i64,
    infested: i64,
    foci: i64,
}

impl Sums {
    fn read(row: &QueryResult) -> Result<Sums> {
        Ok(Sums {
            surveyed: row.try_get::<Option<i64>>("", "surveyed")?.unwrap_or(0),
            infested: row.try_get::<Option<i64>>("", "infested")?.unwrap_or(0),
            foci: row.try_get("", "foci")?,
        })
    }

    fn add(&mut self, other: Sums) {
        self.surveyed += other.surveyed;
        self.infested += other.infested;
        self.foci += other.foci;
    }

    fn areas(self) -> Areas {
        Areas {
            surveyed_ha: self.surveyed as f64 / 1_000_000.0,
            infested_ha: self.infested as f64 / 1_000_000.0,
            foci: self.foci,
        }
    }
}

/// Whether the rollup can answer `q`: it keeps no crop, object type or KATO unit
/// finer than a district, so those filters are answered from the findings.
fn rollup_answers(q: &Query) -> bool {
    q.crop.is_none() && q.object_type.is_none() && q.kato.as_ref().is_none_or(|k| k.len() <= 4)
}

/// `[from, to]` cut into the whole months the rollup answers (`Ok`, the µs bounds
/// of their first days) and the days before and after them (`Err`, µs bounds), which
/// the findings answer.
fn parts(from: NaiveDate, to: NaiveDate) -> Vec<std::result::Result<(i64, i64), (i64, i64)>> {
    let first_whole = if from.day() == 1 {
        Some(from)
    } else {
        from.with_day(1)
            .and_then(|m| m.checked_add_months(Months::new(1)))
    };
    let after = to.succ_opt().unwrap_or(to);
    let end_whole = after.with_day(1);
    match (first_whole, end_whole) {
        (Some(a), Some(b)) if a < b => {
            let mut out = Vec::new();
            if from < a {
                out.push(Err(bounds(from, a.pred_opt().unwrap_or(a))));
            }
            out.push(Ok((super::day_us(a), super::day_us(b))));
            if b <= to {
                out.push(Err(bounds(b, to)));
            }
            out
        }
        _ => vec![Err(bounds(from, to))],
    }
}

/// Hectares and foci of the findings `q` covers in `[from, to]`, grouped `by`:
/// whole months from the rollup where it answers `q`, the rest from the findings.
async fn grouped<C: Conn>(
    conn: &C,
    q: &Query,
    from: NaiveDate,
    to: NaiveDate,
    by: By,
) -> Result<BTreeMap<Group, Sums>> {
    let backend = conn.get_database_backend();
    let parts = if rollup_answers(q) {
        parts(from, to)
    } else {
        vec![Err(bounds(from, to))]
    };
    let mut out: BTreeMap<Group, Sums> = BTreeMap::new();
    for part in parts {
        let (sql, values) = match part {
            Ok((lo, hi)) => {
                let (scope, values) = rollup_scope(q, lo, hi);
                let g = by.of_rollup();
                let sum = |c: &str| format!("CAST(SUM(r.{c}) AS BIGINT) AS {c}");
                (
                    format!(
                        "SELECT {g} AS g, {}, {}, {}{scope} GROUP BY {g}",
                        sum("surveyed"),
                        sum("infested"),
                        sum("foci")
                    ),
                    values,
                )
            }
            Err((lo, hi)) => {
                let (scope, values) = scope(q, lo, hi);
                let g = by.of_finding(backend);
                let sums = sums(conn, "f.area_surveyed_ha", "f.area_infested_ha");
                (
                    format!("SELECT {g} AS g, {sums}{scope} GROUP BY {g}"),
                    values,
                )
            }
        };
        for row in conn.query_all_raw(stmt(conn, &sql, values)).await? {
            out.entry(by.read(&row)?)
                .or_default()
                .add(Sums::read(&row)?);
        }
    }
    // A finding taken out of the rollup (a survey corrected) leaves its row at zero.
    out.retain(|_, s| s.foci != 0);
    Ok(out)
}

/// `FROM … WHERE …` of the rollup rows of `q` for the months starting in `[lo, hi)`.
fn rollup_scope(q: &Query, lo: i64, hi: i64) -> (String, Vec<Value>) {
    let sql = String::from(
        " FROM findings_rollup r \
         WHERE r.organization_id IN (SELECT id FROM organizations WHERE path LIKE ?) \
         AND r.month >= ? AND r.month < ?",
    );
    let values: Vec<Value> = vec![prefix(&q.org_path).into(), lo.into(), hi.into()];
    with_filters(
        sql,
        values,
        [
            (" AND r.eppo_code = ?", q.organism.clone()),
            (" AND r.category = ?", q.category.clone()),
            (" AND r.district LIKE ?", q.kato.as_deref().map(prefix)),
        ],
    )
}

/// Hectares and foci by district (`AABB00000`), `None` for no KATO code.
pub(super) async fn by_district<C: Conn>(
    conn: &C,
    q: &Query,
) -> Result<Vec<(Option<String>, Areas)>> {
    let mut out = Vec::new();
    for (group, sums) in grouped(conn, q, q.from, q.to, By::District).await? {
        if let Group::Code(d) = group {
            out.push(((!d.is_empty()).then(|| district_of(&d)), sums.areas()));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// Hectares and foci by organism, the most infested first.
pub(super) async fn by_organism<C: Conn>(conn: &C, q: &Query) -> Result<Vec<OrganismRow>> {
    let names: BTreeMap<String, crate::reference::Organism> = crate::reference::organisms(conn)
        .await?
        .into_iter()
        .map(|o| (o.eppo_code.clone(), o))
        .collect();
    let mut out = Vec::new();
    for (group, sums) in grouped(conn, q, q.from, q.to, By::Organism).await? {
        let Group::Code(eppo_code) = group else {
            continue;
        };
        let name = names.get(&eppo_code);
        out.push(OrganismRow {
            name_la: name.map(|o| o.name_la.clone()),
            name_kk: name.and_then(|o| o.name_kk.clone()),
            name_ru: name.map(|o| o.name_ru.clone()),
            name_en: name.and_then(|o| o.name_en.clone()),
            eppo_code,
            areas: sums.areas(),
        });
    }
    out.sort_by(|a, b| {
        b.areas
            .infested_ha
            .total_cmp(&a.areas.infested_ha)
            .then_with(|| a.eppo_code.cmp(&b.eppo_code))
    });
    Ok(out)
}

/// The first day of each month the period touches.
fn months(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut m = from.with_day(1).unwrap_or(from);
    while m <= to {
        out.push(m);
        m = match m.checked_add_months(Months::new(1)) {
            Some(next) => next,
            None => break,
        };
    }
    out
}

/// Sums per month of `[from, to]`, one per entry of `months(from, to)`.
async fn per_month<C: Conn>(
    conn: &C,
    q: &Query,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Areas>> {
    let sums = grouped(conn, q, from, to, By::Month).await?;
    Ok(months(from, to)
        .into_iter()
        .map(|m| {
            sums.get(&Group::Month(super::day_us(m)))
                .map(|s| s.areas())
                .unwrap_or_default()
        })
        .collect())
}

/// Each month of the period beside the same month a year before.
pub(super) async fn trend<C: Conn>(conn: &C, q: &Query) -> Result<Vec<MonthRow>> {
    let year = Months::new(12);
    let before = async {
        match (
            q.from.checked_sub_months(year),
            q.to.checked_sub_months(year),
        ) {
            (Some(from), Some(to)) => per_month(conn, q, from, to).await,
            _ => Ok(Vec::new()),
        }
    };
    let (current, previous) = tokio::try_join!(per_month(conn, q, q.from, q.to), before)?;
    Ok(months(q.from, q.to)
        .into_iter()
        .enumerate()
        .map(|(i, m)| MonthRow {
            month: m.format("%Y-%m").to_string(),
            current: current.get(i).copied().unwrap_or_default(),
            previous: previous.get(i).copied().unwrap_or_default(),
        })
        .collect())
}

/// The newest findings of quarantine and especially dangerous organisms.
pub(super) async fn quarantine<C: Conn>(conn: &C, q: &Query) -> Result<Vec<QuarantineFinding>> {
    let (from, to) = bounds(q.from, q.to);
    let (scope, mut values) = scope(q, from, to);
    let sql = format!(
        "SELECT f.survey_id, f.seq, f.surveyed_at, f.eppo_code, f.category, f.object_id, \
         o.name AS object_name, o.kato, f.area_infested_ha{scope} AND f.category <> 'ordinary' \
         ORDER BY f.surveyed_at DESC, f.survey_id DESC, f.seq DESC LIMIT ?"
    );
    values.push(i64::try_from(q.newest).unwrap_or(i64::MAX).into());
    let mut out = Vec::new();
    for row in conn.query_all_raw(stmt(conn, &sql, values)).await? {
        out.push(QuarantineFinding {
            survey_id: row.try_get("", "survey_id")?,
            seq: row.try_get("", "seq")?,
            surveyed_at: row.try_get("", "surveyed_at")?,
            eppo_code: row.try_get("", "eppo_code")?,
            category: row.try_get("", "category")?,
            object_id: row.try_get("", "object_id")?,
            object_name: row.try_get("", "object_name")?,
            kato: row.try_get("", "kato")?,
            infested_ha: row.try_get("", "area_infested_ha")?,
        });
    }
    Ok(out)
}

/// The mean position of the findings of each KATO unit `width` characters long
/// (2 a region, 4 a district), rounded to a micro-degree so both engines agree:
/// where the region summary puts a unit's symbol when its boundary is not loaded.
pub(super) async fn centres<C: Conn>(
    conn: &C,
    q: &Query,
    width: usize,
) -> Result<BTreeMap<String, [f64; 2]>> {
    let (from, to) = bounds(q.from, q.to);
    let (scope, values) = scope(q, from, to);
    let sql = format!(
        "SELECT substr(o.kato, 1, {width}) AS unit, AVG(f.lon) AS lon, AVG(f.lat) AS lat\
         {scope} AND o.kato IS NOT NULL GROUP BY substr(o.kato, 1, {width})"
    );
    let micro = |v: f64| (v * 1_000_000.0).round() / 1_000_000.0;
    let mut out = BTreeMap::new();
    for row in conn.query_all_raw(stmt(conn, &sql, values)).await? {
        let unit: String = row.try_get("", "unit")?;
        let (lon, lat): (f64, f64) = (row.try_get("", "lon")?, row.try_get("", "lat")?);
        out.insert(format!("{unit:0<9}"), [micro(lon), micro(lat)]);
    }
    Ok(out)
}
