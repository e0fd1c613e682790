//! The HTTP request for one push message (RFC 8030 §5), built without any
//! network I/O: the server's single egress client sends it.

use crate::PushError;
use crate::ece::{SubscriptionKeys, encrypt};
use crate::vapid::{Vapid, audience};

/// A push subscription as the browser reports it (`PushSubscription.toJSON()`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subscription {
    /// The push service URL to POST to.
    pub endpoint: String,
    /// `keys.p256dh`: base64url of the user agent's uncompressed P-256 public key.
    pub p256dh: String,
    /// `keys.auth`: base64url of the 16-byte authentication secret.
    pub auth: String,
}

/// RFC 8030 §5.3 `Urgency`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Urgency {
    /// `very-low`
    VeryLow,
    /// `low`
    Low,
    /// `normal`
    #[default]
    Normal,
    /// `high`
    High,
}

impl Urgency {
    /// The header value.
    pub fn as_str(self) -> &'static str {
        match self {
            Urgency::VeryLow => "very-low",
            Urgency::Low => "low",
            Urgency::Normal => "normal",
            Urgency::High => "high",
        }
    }
}

/// One message to push.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PushMessage {
    /// Plaintext payload (at most [`crate::MAX_PLAINTEXT_LEN`] bytes), encrypted per RFC 8291.
    pub payload: Vec<u8>,
    /// RFC 8030 §5.2 `TTL` in seconds: how long the push service may hold the message.
    pub ttl_secs: u32,
    /// RFC 8030 §5.3 `Urgency`.
    pub urgency: Urgency,
    /// RFC 8030 §5.4 `Topic`: a newer message with the same topic replaces an undelivered one.
    pub topic: Option<String>,
}

impl PushMessage {
    /// A message with TTL of one day, normal urgency and no topic.
    pub fn new(payload: impl Into<Vec<u8>>) -> Self {
        Self {
            payload: payload.into(),
            ttl_secs: 24 * 60 * 60,
            urgency: Urgency::Normal,
            topic: None,
        }
    }
}

/// The pieces of the HTTP request to send; no I/O has happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PushRequest {
    /// Always `POST`.
    pub method: &'static str,
    /// The subscription endpoint.
    pub url: String,
    /// Header name/value pairs, in the order they should be sent.
    pub headers: Vec<(&'static str, String)>,
    /// The `aes128gcm` body.
    pub body: Vec<u8>,
}

impl PushRequest {
    /// The value of header `name` (case-insensitive), if present.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Encrypt `message` for `subscription` and assemble the push request,
/// with a VAPID token issued at `now_unix` (seconds since the Unix epoch).
pub fn build_request(
    subscription: &Subscription,
    message: &PushMessage,
    vapid: &Vapid,
    now_unix: u64,
) -> Result<PushRequest, PushError> {
    // Validates the endpoint before any crypto work.
    audience(&subscription.endpoint)?;
    if let Some(topic) = &message.topic {
        validate_topic(topic)?;
    }
    let keys = SubscriptionKeys::from_base64url(&subscription.p256dh, &subscription.auth)?;
    let body = encrypt(&keys, &message.payload)?;
    let authorization = vapid.authorization_header(&subscription.endpoint, now_unix)?;

    let mut headers = vec![
        ("Content-Type", "application/octet-stream".to_owned()),
        ("Content-Encoding", "aes128gcm".to_owned()),
        ("Content-Length", body.len().to_string()),
        ("TTL", message.ttl_secs.to_string()),
        ("Urgency", message.urgency.as_str().to_owned()),
        ("Authorization", authorization),
    ];
    if let Some(topic) = &message.topic {
        headers.push(("Topic", topic.clone()));
    }
    Ok(PushRequest {
        method: "POST",
        url: subscription.endpoint.clone(),
        headers,
        body,
    })
}

fn validate_topic(topic: &str) -> Result<(), PushError> {
    let ok = !topic.is_empty()
        && topic.len() <= 32
        && topic
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(PushError::InvalidTopic(topic.to_owned()))
    }
}
