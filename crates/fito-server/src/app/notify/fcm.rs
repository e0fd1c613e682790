//! Firebase Cloud Messaging, HTTP v1 API (R-NOTIF-1), for an app build that receives
//! pushes through FCM instead of Web Push. Off unless `[push.fcm]` is configured, and
//! then every call still goes through the egress client (R-PD-3): the operator decides
//! whether FCM's hosts may be reached at all.
//!
//! Authorisation is OAuth 2.0 with a service account: a JWT signed RS256 with the
//! account's key is exchanged at its `token_uri` for an access token (RFC 7523), which
//! is kept until a minute before it expires.

use crate::app::egress::{Egress, EgressError};
use crate::app::notify::push_outbox::Outcome;
use crate::config::FcmConfig;
use anyhow::Context;
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::DecodePrivateKey;
use rsa::signature::{SignatureEncoding, Signer};
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::Sha256;
use tokio::sync::Mutex;

const SCOPE: &str = "https://www.googleapis.com/auth/firebase.messaging";
const DEFAULT_API: &str = "https://fcm.googleapis.com";
/// The prefix that marks an FCM registration token among the push subscriptions.
pub const ENDPOINT_PREFIX: &str = "fcm:";

/// The fields of a service-account key file this sender uses.
#[derive(Deserialize)]
struct ServiceAccount {
    client_email: String,
    private_key: String,
    token_uri: String,
}

pub struct Fcm {
    egress: Egress,
    send_url: String,
    token_uri: String,
    client_email: String,
    key: SigningKey<Sha256>,
    /// The access token and when it stops being used (Unix seconds).
    token: Mutex<Option<(String, i64)>>,
}

impl Fcm {
    pub fn load(config: &FcmConfig, egress: Egress) -> anyhow::Result<Fcm> {
        let path = &config.service_account_file;
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("[push.fcm] service account file {}", path.display()))?;
        let account: ServiceAccount = serde_json::from_str(&text)
            .with_context(|| format!("{} is not a service-account key file", path.display()))?;
        let key = rsa::RsaPrivateKey::from_pkcs8_pem(&account.private_key)
            .context("the service account's private_key is not an RSA PKCS#8 key")?;
        anyhow::ensure!(
            !config.project_id.trim().is_empty(),
            "[push.fcm] project_id is empty"
        );
        let api = config.api_base.as_deref().unwrap_or(DEFAULT_API);
        Ok(Fcm {
            egress,
            send_url: format!(
                "{}/v1/projects/{}/messages:send",
                api.trim_end_matches('/'),
                config.project_id
            ),
            token_uri: account.token_uri,
            client_email: account.client_email,
            key: SigningKey::new(key),
            token: Mutex::new(None),
        })
    }

    /// The signed assertion of RFC 7523 §2.1 for the token request.
    fn assertion(&self, now: i64) -> String {
        let b64 = |v: &Value| fito_push::b64::encode(v.to_string().as_bytes());
        let header = b64(&json!({ "alg": "RS256", "typ": "JWT" }));
        let claims = b64(&json!({
            "iss": self.client_email,
            "scope": SCOPE,
            "aud": self.token_uri,
            "iat": now,
            "exp": now + 3600,
        }));
        let signed = format!("{header}.{claims}");
        let signature = self.key.sign(signed.as_bytes()).to_bytes();
        format!("{signed}.{}", fito_push::b64::encode(&signature))
    }

    async fn access_token(&self) -> Result<String, Outcome> {
        let now = chrono::Utc::now().timestamp();
        let mut cached = self.token.lock().await;
        if let Some((token, until)) = cached.as_ref()
            && *until > now
        {
            return Ok(token.clone());
        }
        let body = format!(
            "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion={}",
            self.assertion(now)
        );
        let headers = [(
            "content-type",
            "application/x-www-form-urlencoded".to_string(),
        )];
        let response = self
            .egress
            .post_with_headers(&self.token_uri, &headers, body.into_bytes())
            .await
            .map_err(egress_outcome)?;
        let status = response.status();
        if !status.is_success() {
            let why = format!("FCM token endpoint answered {status}");
            return Err(if status.is_server_error() || status.as_u16() == 429 {
                Outcome::Retry(why)
            } else {
                Outcome::Fail(why)
            });
        }
        #[derive(Deserialize)]
        struct Granted {
            access_token: String,
            expires_in: i64,
        }
        let granted: Granted = response
            .json()
            .await
            .map_err(|e| Outcome::Retry(format!("FCM token answer unreadable: {e}")))?;
        let until = now + granted.expires_in.clamp(0, 3600) - 60;
        *cached = Some((granted.access_token.clone(), until));
        Ok(granted.access_token)
    }

    /// Sends `message` (the same fields a Web Push payload carries) to one device.
    pub(crate) async fn send(&self, registration_token: &str, message: &Value) -> Outcome {
        let token = match self.access_token().await {
            Ok(t) => t,
            Err(outcome) => return outcome,
        };
        // FCM data values are strings.
        let data: serde_json::Map<String, Value> = message
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, v)| {
                let text = match v {
                    Value::String(s) => s.clone(),
                    Value::Null => String::new(),
                    other => other.to_string(),
                };
                (k.clone(), Value::String(text))
            })
            .collect();
        let body = json!({ "message": {
            "token": registration_token,
            "data": data,
            "android": { "ttl": "604800s", "priority": "high" },
        }});
        let headers = [
            ("authorization", format!("Bearer {token}")),
            ("content-type", "application/json".to_string()),
        ];
        let response = match self
            .egress
            .post_with_headers(&self.send_url, &headers, body.to_string().into_bytes())
            .await
        {
            Ok(r) => r,
            Err(e) => return egress_outcome(e),
        };
        let status = response.status();
        match status.as_u16() {
            200..=299 => Outcome::Delivered,
            // UNREGISTERED: the app was removed or the token replaced.
            404 => Outcome::Gone,
            401 => {
                // The access token went stale early: take a new one next time.
                *self.token.lock().await = None;
                Outcome::Retry("FCM refused the access token".into())
            }
            429 | 500..=599 => Outcome::Retry(format!("FCM answered {status}")),
            _ => Outcome::Fail(format!("FCM answered {status}")),
        }
    }
}

fn egress_outcome(e: EgressError) -> Outcome {
    match e {
        EgressError::NotAllowed(host) => {
            Outcome::Fail(format!("{host} is not on the egress allow-list"))
        }
        EgressError::BadUrl(url) => Outcome::Fail(format!("not a usable address: {url}")),
        EgressError::Http(e) => Outcome::Retry(e.to_string()),
    }
}
