//! Passwords (argon2id), session tokens and one-time passwords (R-AUTH-1).

use crate::app::AppError;
use crate::config::AuthConfig;
use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};
use base64::Engine as _;
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// argon2id hashing; the work runs on the blocking pool so sign-ins do not stall
/// other requests.
#[derive(Clone)]
pub struct Passwords {
    argon2: Arc<Argon2<'static>>,
    /// A hash of a random password, verified against when the account is unknown so
    /// that the answer takes as long as for a known one.
    dummy_hash: Arc<String>,
}

impl Passwords {
    pub fn new(config: &AuthConfig) -> Passwords {
        let params = Params::new(
            config.argon2_memory_kib,
            config.argon2_iterations,
            config.argon2_lanes,
            None,
        )
        .expect("argon2 parameters");
        let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        let dummy_hash = argon2
            .hash_password(random_token().as_bytes())
            .expect("argon2 hash")
            .to_string();
        Passwords {
            argon2: Arc::new(argon2),
            dummy_hash: Arc::new(dummy_hash),
        }
    }

    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        let this = self.clone();
        tokio::task::spawn_blocking(move || this.hash_now(&password))
            .await
            .map_err(|_| AppError::internal())
    }

    /// Hashes on the current thread (for the command line and first start).
    pub fn hash_now(&self, password: &str) -> String {
        // Hashing fails only for inputs far beyond the 256-character policy limit.
        self.argon2
            .hash_password(password.as_bytes())
            .expect("argon2 hash")
            .to_string()
    }

    /// Checks a password against a stored hash, or against the dummy when there is none.
    pub async fn verify(&self, password: String, hash: Option<String>) -> bool {
        let argon2 = self.argon2.clone();
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| self.dummy_hash.to_string());
        let ok = tokio::task::spawn_blocking(move || {
            argon2
                .verify_password(password.as_bytes(), hash.as_str())
                .is_ok()
        })
        .await
        .unwrap_or(false);
        ok && known
    }
}

/// 256 random bits, URL-safe base64.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A one-time password that is easy to type: 16 characters without look-alikes.
pub fn one_time_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect()
}

pub fn sha256_hex(value: &str) -> String {
    hex::encode(Sha256::digest(value.as_bytes()))
}

/// Checks a new password against the policy.
pub fn check_password_policy(
    password: &str,
    email: &str,
    config: &AuthConfig,
) -> Result<(), AppError> {
    let length = password.chars().count();
    if length < config.password_min_length {
        return Err(
            AppError::unprocessable("password-too-short").with("min", config.password_min_length)
        );
    }
    // argon2 cost grows with the input: cap it.
    if length > 256 {
        return Err(AppError::unprocessable("password-too-long").with("max", 256));
    }
    if password.trim().eq_ignore_ascii_case(email.trim()) {
        return Err(AppError::unprocessable("password-same-as-email"));
    }
    Ok(())
}
