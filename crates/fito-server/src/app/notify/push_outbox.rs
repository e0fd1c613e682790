//! Web Push deliveries (R-NOTIF-1): the worker takes due rows of the push outbox,
//! encrypts each payload for its subscription (RFC 8291, fito-push), signs a VAPID
//! token (RFC 8292) and POSTs through the egress client (R-PD-3), so a push service
//! that is not on the allow-list is refused and logged. 2xx: delivered. 404/410:
//! the subscription is gone and is forgotten. 5xx, 429 or a network error: tried
//! again later with doubling delays, given up after `max_attempts`. Anything else
//! (400, 403, 413, refused by egress): given up at once.
//!
//! The payload is the notification's kind, its id, what it is about and its text in
//! the language the device subscribed in; nothing else about anyone.

use crate::app::egress::{Egress, EgressError};
use crate::app::metrics::Metrics;
use crate::config::PushConfig;
use crate::i18n::{I18n, Lang};
use fito_push::{PushMessage, Subscription, Vapid, VapidKey, build_request};
use fito_store::Store;
use fito_store::push::{self, Delivery};
use fito_store::time::now_us;
use std::sync::Arc;
use std::time::Duration;

/// Name of the VAPID key in `server_keys`, and of the worker's job lease.
pub const VAPID_KEY: &str = "vapid";
pub const JOB: &str = "push-outbox";

pub struct Pusher {
    store: Store,
    egress: Egress,
    vapid: Vapid,
    i18n: Arc<I18n>,
    metrics: Arc<Metrics>,
    config: PushConfig,
    /// FCM for registration tokens (`fcm:` subscriptions), when `[push.fcm]` is set.
    fcm: Option<crate::app::notify::fcm::Fcm>,
}

/// The VAPID key every instance uses: made by the first to start, kept in the
/// database.
pub async fn vapid_key(store: &Store) -> anyhow::Result<VapidKey> {
    let text = push::shared_key(
        store.writer(),
        VAPID_KEY,
        || {
            VapidKey::generate()
                .and_then(|k| k.to_pkcs8_base64url())
                .unwrap_or_default()
        },
        now_us(),
    )
    .await?;
    Ok(VapidKey::from_pkcs8_base64url(&text)?)
}

pub(crate) enum Outcome {
    Delivered,
    Gone,
    Retry(String),
    Fail(String),
}

impl Pusher {
    /// None unless `[push] subject` is set.
    pub async fn new(
        store: Store,
        egress: Egress,
        i18n: Arc<I18n>,
        metrics: Arc<Metrics>,
        config: &PushConfig,
    ) -> anyhow::Result<Option<Pusher>> {
        let Some(subject) = config.subject.as_deref() else {
            return Ok(None);
        };
        let key = vapid_key(&store).await?;
        let vapid = Vapid::new(key, subject)?;
        let fcm = match &config.fcm {
            Some(fcm) => Some(crate::app::notify::fcm::Fcm::load(fcm, egress.clone())?),
            None => None,
        };
        Ok(Some(Pusher {
            fcm,
            store,
            egress,
            vapid,
            i18n,
            metrics,
            config: config.clone(),
        }))
    }

    pub fn public_key(&self) -> String {
        self.vapid.key().public_key_base64url()
    }

    /// Whether FCM registration tokens are taken (`[push.fcm]` is configured).
    pub fn fcm_enabled(&self) -> bool {
        self.fcm.is_some()
    }

    pub fn interval(&self) -> Duration {
        Duration::from_secs(self.config.interval_seconds.max(1))
    }

    /// Sends every due delivery once; returns how many were tried.
    pub async fn deliver_due(&self) -> usize {
        let due = match push::due(self.store.reader(), now_us(), 100).await {
            Ok(due) => due,
            Err(e) => {
                tracing::warn!(error = %e, "push outbox not read");
                return 0;
            }
        };
        let tried = due.len();
        for d in due {
            let outcome = self.send(&d).await;
            let writer = self.store.writer();
            let saved = match outcome {
                Outcome::Delivered => {
                    self.metrics.push_result("delivered");
                    push::delivered(writer, d.rid).await
                }
                Outcome::Gone => {
                    self.metrics.push_result("gone");
                    tracing::info!(subscription = %d.subscription_id, "push subscription gone; removed");
                    push::drop_subscription(writer, d.subscription_id).await
                }
                Outcome::Retry(error) if d.attempts + 1 < self.config.max_attempts => {
                    self.metrics.push_result("retry");
                    let delay = self
                        .config
                        .retry_base_seconds
                        .saturating_mul(1 << d.attempts.clamp(0, 16))
                        .min(3600);
                    let next = now_us() + i64::try_from(delay).unwrap_or(3600) * 1_000_000;
                    push::retry_later(writer, d.rid, next, &error).await
                }
                Outcome::Retry(error) | Outcome::Fail(error) => {
                    self.metrics.push_result("failed");
                    tracing::warn!(delivery = d.rid, %error, "push delivery given up");
                    push::give_up(writer, d.rid, &error).await
                }
            };
            if let Err(e) = saved {
                tracing::warn!(error = %e, "push outbox not updated");
            }
        }
        tried
    }

    fn message(&self, d: &Delivery) -> serde_json::Value {
        let lang = match d.lang.as_str() {
            "ru" => Lang::Ru,
            "en" => Lang::En,
            _ => Lang::Kk,
        };
        let mut title = crate::app::notify::message(&self.i18n, lang, &d.kind, &d.args);
        // A push message holds at most 3993 bytes: a long list of organisms is cut
        // (the notification centre shows it whole).
        if title.len() > 1000 {
            let cut = (0..=1000)
                .rev()
                .find(|i| title.is_char_boundary(*i))
                .unwrap_or(0);
            title.truncate(cut);
            title.push('…');
        }
        serde_json::json!({
            "kind": d.kind,
            "id": d.notification_id,
            "target_kind": d.target_kind,
            "target_id": d.target_id,
            "title": title,
        })
    }

    async fn send(&self, d: &Delivery) -> Outcome {
        if let Some(token) = d
            .endpoint
            .strip_prefix(crate::app::notify::fcm::ENDPOINT_PREFIX)
        {
            return match &self.fcm {
                Some(fcm) => fcm.send(token, &self.message(d)).await,
                None => Outcome::Fail("FCM is not configured".into()),
            };
        }
        let subscription = Subscription {
            endpoint: d.endpoint.clone(),
            p256dh: d.p256dh.clone(),
            auth: d.auth.clone(),
        };
        let mut message = PushMessage::new(self.message(d).to_string().into_bytes());
        message.ttl_secs = 7 * 24 * 3600;
        let now = u64::try_from(now_us() / 1_000_000).unwrap_or(0);
        let request = match build_request(&subscription, &message, &self.vapid, now) {
            Ok(r) => r,
            Err(e) => return Outcome::Fail(e.to_string()),
        };
        match self
            .egress
            .post_with_headers(&request.url, &request.headers, request.body)
            .await
        {
            Ok(response) => {
                let status = response.status();
                if status.is_success() {
                    Outcome::Delivered
                } else if status.as_u16() == 404 || status.as_u16() == 410 {
                    Outcome::Gone
                } else if status.is_server_error() || status.as_u16() == 429 {
                    Outcome::Retry(format!("push service answered {status}"))
                } else {
                    Outcome::Fail(format!("push service answered {status}"))
                }
            }
            Err(EgressError::NotAllowed(host)) => {
                self.metrics.push_result("refused");
                Outcome::Fail(format!("{host} is not on the egress allow-list"))
            }
            Err(EgressError::BadUrl(url)) => Outcome::Fail(format!("not a usable address: {url}")),
            Err(EgressError::Http(e)) => Outcome::Retry(e.to_string()),
        }
    }
}
