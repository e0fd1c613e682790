//! The numbers made of survey findings: hectares and foci by KATO unit and by
//! organism, the monthly trend against the year before, the newest quarantine finds.

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
    let mut values: Vec<Value> = vec![prefix(&q.org_path).into(), from.into(), to.into()];
    let mut filter = |clause: &str, value: Option<String>| {
        if let Some(v) = value {
            sql.push_str(clause);
            values.push(v.into());
        }
    };
    filter(" AND f.eppo_code = ?", q.organism.clone());
    filter(" AND f.category = ?", q.category.clone());
    filter(" AND s.crop_code = ?", q.crop.clone());
    filter(" AND o.type_code = ?", q.object_type.clone());
    filter(" AND o.kato LIKE ?", q.kato.as_deref().map(prefix));
    (sql, values)
}

/// Sums of hectares as whole micro-hectares: each value rounded the same way on
/// both engines (half away from zero; decimal arithmetic on PostgreSQL), then
/// added as integers, so no float order can make the engines differ.
fn micro<C: Conn>(conn: &C, column: &str) -> String {
    match conn.get_database_backend() {
        DbBackend::Postgres => {
            format!("CAST(SUM(ROUND(CAST({column} AS NUMERIC) * 1000000)) AS BIGINT)")
        }
        _ => format!("CAST(SUM(ROUND({column} * 1000000)) AS BIGINT)"),
    }
}

fn sums<C: Conn>(conn: &C, surveyed: &str, infested: &str) -> String {
    format!(
        "{} AS surveyed, {} AS infested, COUNT(*) AS foci",
        micro(conn, surveyed),
        micro(conn, infested)
    )
}

fn areas(row: &QueryResult) -> Result<Areas> {
    let ha = |micro: Option<i64>| micro.unwrap_or(0) as f64 / 1_000_000.0;
    Ok(Areas {
        surveyed_ha: ha(row.try_get("", "surveyed")?),
        infested_ha: ha(row.try_get("", "infested")?),
        foci: row.try_get("", "foci")?,
    })
}

/// Hectares and foci by district (`AABB00000`), `None` for no KATO code.
pub(super) async fn by_district<C: Conn>(
    conn: &C,
    q: &Query,
) -> Result<Vec<(Option<String>, Areas)>> {
    let (from, to) = bounds(q.from, q.to);
    let (scope, values) = scope(q, from, to);
    let sums = sums(conn, "f.area_surveyed_ha", "f.area_infested_ha");
    let sql = format!(
        "SELECT substr(o.kato, 1, 4) AS district, {sums}{scope} GROUP BY substr(o.kato, 1, 4)"
    );
    let mut out = BTreeMap::new();
    for row in conn.query_all_raw(stmt(conn, &sql, values)).await? {
        let district: Option<String> = row.try_get("", "district")?;
        out.insert(district.as_deref().map(district_of), areas(&row)?);
    }
    Ok(out.into_iter().collect())
}

/// Hectares and foci by organism, the most infested first.
pub(super) async fn by_organism<C: Conn>(conn: &C, q: &Query) -> Result<Vec<OrganismRow>> {
    let (from, to) = bounds(q.from, q.to);
    let (scope, values) = scope(q, from, to);
    let sums = sums(conn, "f.area_surveyed_ha", "f.area_infested_ha");
    let sql = format!("SELECT f.eppo_code AS eppo, {sums}{scope} GROUP BY f.eppo_code");
    let names: BTreeMap<String, crate::reference::Organism> = crate::reference::organisms(conn)
        .await?
        .into_iter()
        .map(|o| (o.eppo_code.clone(), o))
        .collect();
    let mut out = Vec::new();
    for row in conn.query_all_raw(stmt(conn, &sql, values)).await? {
        let eppo_code: String = row.try_get("", "eppo")?;
        let name = names.get(&eppo_code);
        out.push(OrganismRow {
            name_la: name.map(|o| o.name_la.clone()),
            name_kk: name.and_then(|o| o.name_kk.clone()),
            name_ru: name.map(|o| o.name_ru.clone()),
            name_en: name.and_then(|o| o.name_en.clone()),
            eppo_code,
            areas: areas(&row)?,
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

/// Sums per month of `[from, to]`, one per entry of `months(from, to)`; the months
/// are told apart by a `CASE` over their bounds, which both engines read alike.
async fn per_month<C: Conn>(
    conn: &C,
    q: &Query,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Areas>> {
    let starts = months(from, to);
    let (lo, hi) = bounds(from, to);
    let mut case = String::from("CASE");
    let mut values: Vec<Value> = Vec::new();
    for (i, start) in starts.iter().enumerate().skip(1) {
        case.push_str(&format!(" WHEN f.surveyed_at < ? THEN {}", i - 1));
        values.push(super::day_us(*start).into());
    }
    case.push_str(&format!(" ELSE {} END", starts.len().saturating_sub(1)));
    let (scope, scope_values) = scope(q, lo, hi);
    values.extend(scope_values);
    let sums = sums(conn, "s", "i");
    let sql = format!(
        "SELECT m, {sums} FROM \
         (SELECT {case} AS m, f.area_surveyed_ha AS s, f.area_infested_ha AS i{scope}) t \
         GROUP BY m"
    );
    let mut out = vec![Areas::default(); starts.len()];
    for row in conn.query_all_raw(stmt(conn, &sql, values)).await? {
        let m: i32 = row.try_get("", "m")?;
        if let Some(slot) = usize::try_from(m).ok().and_then(|m| out.get_mut(m)) {
            *slot = areas(&row)?;
        }
    }
    Ok(out)
}

/// Each month of the period beside the same month a year before.
pub(super) async fn trend<C: Conn>(conn: &C, q: &Query) -> Result<Vec<MonthRow>> {
    let year = Months::new(12);
    let current = per_month(conn, q, q.from, q.to).await?;
    let previous = match (
        q.from.checked_sub_months(year),
        q.to.checked_sub_months(year),
    ) {
        (Some(from), Some(to)) => per_month(conn, q, from, to).await?,
        _ => Vec::new(),
    };
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
