//! Web Push for Fito centre (issue 7, R-NOTIF-1).
//!
//! - [`ece`]: RFC 8291 message encryption over the RFC 8188 `aes128gcm`
//!   content coding, plus the user agent's decryption (for tests and tools).
//! - [`vapid`]: RFC 8292 VAPID key pair and `Authorization` header (ES256 JWT).
//! - [`request`]: the HTTP request for one push message, built without network
//!   I/O; the server's egress client sends it.
//!
//! No function panics on bad input; every failure is a [`PushError`].

pub mod b64;
pub mod ece;
mod error;
pub mod request;
pub mod vapid;

pub use ece::{
    MAX_PLAINTEXT_LEN, RECORD_SIZE, SubscriptionKeys, UserAgentKeys, encrypt, encrypt_with,
};
pub use error::PushError;
pub use request::{PushMessage, PushRequest, Subscription, Urgency, build_request};
pub use vapid::{Vapid, VapidKey, audience};
