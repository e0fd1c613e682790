//! Rate limits per client IP (R-AUTH-1, R-SEC-1): a tight one on the sign-in
//! endpoints (password guessing, challenge flooding) and a wide one on the whole
//! API. Token buckets kept in memory per instance: a limit against floods, not an
//! account lockout (that one is in the database and holds across instances).

use crate::app::{AppError, Kind};
use crate::config::RateLimitConfig;
use crate::http::extract::request_meta;
use crate::http::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

/// Paths whose every request is a sign-in attempt or makes unauthenticated work.
const SIGN_IN_PATHS: [&str; 4] = [
    "/api/v1/auth/login",
    "/api/v1/auth/login/signature",
    "/api/v1/auth/challenge",
    "/api/v1/register",
];

/// Buckets with more entries than this are swept of full (idle) ones.
const SWEEP_AT: usize = 10_000;

struct Bucket {
    tokens: f64,
    at: Instant,
}

/// One limit: `per_minute` requests a minute, up to `burst` at once.
pub struct Limiter {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<String, Bucket>>,
}

impl Limiter {
    pub fn new(per_minute: u32, burst: u32) -> Limiter {
        Limiter {
            per_second: f64::from(per_minute) / 60.0,
            burst: f64::from(burst.max(1)),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `key`; when there is none, the seconds until there is.
    pub fn take(&self, key: &str, now: Instant) -> Result<(), u64> {
        let mut buckets = self.buckets.lock().expect("rate limit buckets");
        if buckets.len() > SWEEP_AT {
            let (rate, burst) = (self.per_second, self.burst);
            buckets.retain(|_, b| b.tokens + now.duration_since(b.at).as_secs_f64() * rate < burst);
        }
        let bucket = buckets.entry(key.to_string()).or_insert(Bucket {
            tokens: self.burst,
            at: now,
        });
        let refill = now.duration_since(bucket.at).as_secs_f64() * self.per_second;
        bucket.tokens = (bucket.tokens + refill).min(self.burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else if self.per_second > 0.0 {
            Err(((1.0 - bucket.tokens) / self.per_second).ceil().max(1.0) as u64)
        } else {
            Err(60)
        }
    }
}

pub struct Limits {
    sign_in: Limiter,
    api: Limiter,
    enabled: bool,
}

impl Limits {
    pub fn new(config: &RateLimitConfig) -> Limits {
        Limits {
            sign_in: Limiter::new(config.sign_in_per_minute, config.sign_in_burst),
            api: Limiter::new(config.api_per_minute, config.api_burst),
            enabled: config.enabled,
        }
    }
}

/// The middleware: 429 with `Retry-After` and a translated problem when a client
/// goes over a limit.
pub async fn limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let limits = &state.limits;
    if !limits.enabled {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let ip = request_meta(
        &parts,
        crate::http::tls::forwarded_trusted(&state.config, &parts),
    )
    .ip
    .unwrap_or_else(|| "unknown".into());
    let now = Instant::now();
    let sign_in = SIGN_IN_PATHS.contains(&parts.uri.path());
    let verdict = if sign_in {
        limits.sign_in.take(&ip, now)
    } else {
        Ok(())
    }
    .and_then(|_| limits.api.take(&ip, now));
    if let Err(wait) = verdict {
        tracing::warn!(ip = %ip, path = %parts.uri.path(), "rate limit reached");
        let mut response = AppError::new(Kind::TooManyRequests, "rate-limited")
            .with("seconds", wait)
            .into_response();
        if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return response;
    }
    next.run(Request::from_parts(parts, body)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn r_sec_1_a_burst_passes_then_waits_for_the_refill() {
        let l = Limiter::new(60, 3);
        let t0 = Instant::now();
        for _ in 0..3 {
            assert_eq!(l.take("10.0.0.1", t0), Ok(()));
        }
        assert_eq!(l.take("10.0.0.1", t0), Err(1));
        // Another client has its own bucket.
        assert_eq!(l.take("10.0.0.2", t0), Ok(()));
        // One a second comes back.
        assert_eq!(l.take("10.0.0.1", t0 + Duration::from_millis(1100)), Ok(()));
        assert!(
            l.take("10.0.0.1", t0 + Duration::from_millis(1200))
                .is_err()
        );
    }
}
