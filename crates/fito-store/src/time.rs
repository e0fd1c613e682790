//! Times are stored as UTC microseconds since 1970: exact, ordered and compared the
//! same way on both engines (SQLite's text timestamps vary in length and sort wrongly).

use chrono::{DateTime, Utc};

pub fn now_us() -> i64 {
    Utc::now().timestamp_micros()
}

pub fn to_datetime(us: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(us).unwrap_or_default()
}

pub fn from_datetime(at: DateTime<Utc>) -> i64 {
    at.timestamp_micros()
}
