//! Prometheus metrics (R-OPS-2), hand-written: a few counters, gauges and one
//! histogram do not need a metrics framework. `http::metrics` serves them
//! in the text exposition format.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, Ordering};

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

#[derive(Default)]
struct Histogram {
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

/// Everything counted in this process.
#[derive(Default)]
pub struct Metrics {
    /// (method, route template, status) → latencies.
    http: Mutex<BTreeMap<(String, String, u16), Histogram>>,
    /// Open `GET /notifications/stream` connections.
    pub sse_connections: AtomicI64,
    /// Push delivery results: delivered, retry, gone, failed, refused.
    push: Mutex<BTreeMap<&'static str, u64>>,
    /// Records devices sent through sync, by status: applied, unchanged, conflict,
    /// rejected (R-MOB-2).
    sync: Mutex<BTreeMap<&'static str, u64>>,
}

impl Metrics {
    pub fn observe_http(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let mut http = self.http.lock().expect("metrics");
        let h = http
            .entry((method.to_string(), route.to_string(), status))
            .or_default();
        h.count += 1;
        h.sum += seconds;
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                h.buckets[i] += 1;
            }
        }
    }

    pub fn push_result(&self, result: &'static str) {
        *self
            .push
            .lock()
            .expect("metrics")
            .entry(result)
            .or_default() += 1;
    }

    /// Counts one record a device sent, by the answer it got.
    pub fn sync_record(&self, status: &'static str) {
        *self
            .sync
            .lock()
            .expect("metrics")
            .entry(status)
            .or_default() += 1;
    }

    /// The text exposition format; `outbox` is the number of pending and given-up
    /// push deliveries (read from the database, so every instance reports the same).
    pub fn render(&self, outbox: (i64, i64)) -> String {
        let mut out = String::new();
        let http = self.http.lock().expect("metrics");
        out.push_str("# HELP fito_http_requests_total HTTP requests answered, by route template and status.\n");
        out.push_str("# TYPE fito_http_requests_total counter\n");
        for ((method, route, status), h) in http.iter() {
            let _ = writeln!(
                out,
                "fito_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {}",
                escape(route),
                h.count
            );
        }
        out.push_str("# HELP fito_http_request_duration_seconds Time to answer (to the response head), by route template and status.\n");
        out.push_str("# TYPE fito_http_request_duration_seconds histogram\n");
        for ((method, route, status), h) in http.iter() {
            let labels = format!(
                "method=\"{method}\",route=\"{}\",status=\"{status}\"",
                escape(route)
            );
            for (i, bound) in BUCKETS.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "fito_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {}",
                    h.buckets[i]
                );
            }
            let _ = writeln!(
                out,
                "fito_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                h.count
            );
            let _ = writeln!(
                out,
                "fito_http_request_duration_seconds_sum{{{labels}}} {}",
                h.sum
            );
            let _ = writeln!(
                out,
                "fito_http_request_duration_seconds_count{{{labels}}} {}",
                h.count
            );
        }
        drop(http);
        out.push_str("# HELP fito_sse_connections Open live-update streams on this instance.\n");
        out.push_str("# TYPE fito_sse_connections gauge\n");
        let _ = writeln!(
            out,
            "fito_sse_connections {}",
            self.sse_connections.load(Ordering::Relaxed)
        );
        out.push_str("# HELP fito_push_outbox Push deliveries in the outbox, by state.\n");
        out.push_str("# TYPE fito_push_outbox gauge\n");
        let _ = writeln!(out, "fito_push_outbox{{state=\"pending\"}} {}", outbox.0);
        let _ = writeln!(out, "fito_push_outbox{{state=\"failed\"}} {}", outbox.1);
        out.push_str(
            "# HELP fito_push_deliveries_total Push delivery attempts on this instance, by result.\n",
        );
        out.push_str("# TYPE fito_push_deliveries_total counter\n");
        let push = self.push.lock().expect("metrics");
        for result in ["delivered", "retry", "gone", "failed", "refused"] {
            let _ = writeln!(
                out,
                "fito_push_deliveries_total{{result=\"{result}\"}} {}",
                push.get(result).copied().unwrap_or(0)
            );
        }
        drop(push);
        out.push_str(
            "# HELP fito_sync_records_total Records devices sent through sync, by answer.\n",
        );
        out.push_str("# TYPE fito_sync_records_total counter\n");
        let sync = self.sync.lock().expect("metrics");
        for status in ["applied", "unchanged", "conflict", "rejected"] {
            let _ = writeln!(
                out,
                "fito_sync_records_total{{status=\"{status}\"}} {}",
                sync.get(status).copied().unwrap_or(0)
            );
        }
        drop(sync);
        out
    }
}

fn escape(label: &str) -> String {
    label
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// The text `GET /metrics` answers: this process's counters and the push outbox
/// (-1 where the database could not say).
pub async fn exposition(app: &crate::app::App) -> String {
    let reader = app.store.reader();
    let pending = fito_store::push::count(reader, fito_store::push::PENDING)
        .await
        .unwrap_or(-1);
    let failed = fito_store::push::count(reader, fito_store::push::FAILED)
        .await
        .unwrap_or(-1);
    app.metrics.render((pending, failed))
}
