//! The NCA RK e-signature as the server uses it (R-AUTH-2, R-AUTH-3, R-AUTH-4,
//! R-ACT-2): the configured NCA certificates and CRLs, and one verifier per use
//! (sign-in, act signing). fito-sign decides; this module feeds it and turns its
//! refusals into translated API errors.

use crate::app::egress::{Egress, EgressError};
use crate::app::{AppError, Kind};
use crate::config::SignatureConfig;
use fito_sign::{Policy, Refusal, Revocation, RevocationPolicy, TrustStore, Verifier};
use sha2::Digest;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

/// Verifiers built from the configuration; rebuilt when CRLs are reloaded.
pub struct Signatures {
    config: SignatureConfig,
    trust: TrustStore,
    verifiers: RwLock<Arc<Verifiers>>,
    egress: Egress,
    /// Where downloaded CRLs are kept (`<data_dir>/crl`), one file per URL.
    crl_dir: PathBuf,
}

pub struct Verifiers {
    pub sign_in: Verifier,
    pub act_signing: Verifier,
    /// For showing whether a stored signature still verifies: revocation is
    /// consulted when a CRL is at hand (archived acts outlive their CRLs).
    pub archive: Verifier,
    /// CRLs that loaded and verified, for the health of the configuration.
    pub crls: usize,
}

impl Signatures {
    /// Reads the configured NCA certificates and CRLs. A certificate that cannot be
    /// read stops the start (the operator must know); a bad CRL is logged and left
    /// out (its issuer's signatures then cannot be checked for revocation).
    pub fn load(
        config: &SignatureConfig,
        data_dir: &Path,
        egress: Egress,
    ) -> anyhow::Result<Signatures> {
        let mut trust = TrustStore::new();
        for path in &config.ca_files {
            let bytes = std::fs::read(path)
                .map_err(|e| anyhow::anyhow!("NCA certificate {}: {e}", path.display()))?;
            trust
                .add(&bytes)
                .map_err(|e| anyhow::anyhow!("NCA certificate {}: {e}", path.display()))?;
        }
        let crl_dir = data_dir.join("crl");
        let verifiers = build(config, &trust, &crl_dir);
        Ok(Signatures {
            config: config.clone(),
            trust,
            verifiers: RwLock::new(Arc::new(verifiers)),
            egress,
            crl_dir,
        })
    }

    /// Fetches the configured CRL URLs, keeps each download that is a CRL signed by
    /// a configured NCA certificate (a broken or forged one leaves the last good
    /// copy in place), then rebuilds the verifiers from all CRLs at hand.
    pub async fn refresh_crls(&self) {
        for url in &self.config.crl_urls {
            let fetched = match self.egress.get(url).await {
                Ok(r) => r.bytes().await.map_err(EgressError::from),
                Err(e) => Err(e),
            };
            let bytes = match fetched {
                Ok(b) => b,
                Err(e) => {
                    tracing::warn!(url = %url, error = %e, "CRL download failed; keeping the last copy");
                    continue;
                }
            };
            if let Err(e) = fito_sign::Crl::parse_and_verify(&bytes, &self.trust) {
                tracing::error!(url = %url, code = e.code(), "downloaded CRL refused; keeping the last copy");
                continue;
            }
            let name = hex::encode(sha2::Sha256::digest(url.as_bytes()));
            if let Err(e) = write_atomically(&self.crl_dir, &format!("{name}.crl"), &bytes) {
                tracing::error!(url = %url, error = %e, "CRL cannot be kept");
            }
        }
        self.reload_crls();
    }

    /// Asks the configured OCSP responder about every signer of `cms` (R-AUTH-2). An
    /// answer counts only when its signature, certificate and nonce check out; a
    /// responder that does not answer gives no evidence (a current CRL may still
    /// decide, else revocation "cannot be established").
    pub async fn ocsp_evidence(&self, cms: &[u8], content: Option<&[u8]>) -> Revocation {
        let mut evidence = Revocation::none();
        let Some(url) = &self.config.ocsp_url else {
            return evidence;
        };
        let Ok(signers) = fito_sign::ocsp::signer_certificates(cms, content) else {
            return evidence; // the verifier will say what is wrong with the CMS
        };
        for leaf in signers {
            let Ok(Some(issuer)) = self.trust.issuer_of(&leaf) else {
                continue;
            };
            let mut nonce = [0u8; 16];
            rand::RngCore::fill_bytes(&mut rand::rng(), &mut nonce);
            let Ok(request) = fito_sign::ocsp::request(&leaf, &issuer, &nonce) else {
                continue;
            };
            let answer = self
                .egress
                .post(url, "application/ocsp-request", request)
                .await;
            let body = match answer {
                Ok(r) => r
                    .bytes()
                    .await
                    .map(|b| b.to_vec())
                    .map_err(EgressError::from),
                Err(e) => Err(e),
            };
            let body = match body {
                Ok(b) => b,
                Err(e) => {
                    tracing::warn!(url = %url, error = %e, "OCSP responder did not answer");
                    continue;
                }
            };
            let now = chrono::Utc::now();
            match fito_sign::ocsp::verify_response(
                &body,
                &leaf,
                &issuer,
                Some(&nonce),
                &self.trust,
                now,
            ) {
                Ok(status) => {
                    if let Err(e) = evidence.add_ocsp(&leaf, status) {
                        tracing::warn!(error = %e, "OCSP answer not usable");
                    }
                }
                Err(e) => tracing::warn!(url = %url, code = e.code(), "OCSP answer refused"),
            }
        }
        evidence
    }

    /// Re-reads the CRL files (NCA publishes new ones several times a day).
    pub fn reload_crls(&self) {
        let fresh = Arc::new(build(&self.config, &self.trust, &self.crl_dir));
        *self.verifiers.write().expect("verifiers lock") = fresh;
    }

    pub fn current(&self) -> Result<Arc<Verifiers>, AppError> {
        if self.trust.is_empty() {
            return Err(AppError::new(Kind::Unavailable, "signature-not-configured"));
        }
        Ok(self.verifiers.read().expect("verifiers lock").clone())
    }

    pub fn challenge_seconds(&self) -> i64 {
        self.config.challenge_seconds
    }
}

/// Writes `bytes` to `dir/name` through a temporary file and a rename, so a reader
/// never sees half a CRL.
fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let temp = dir.join(format!(".{name}.partial"));
    std::fs::write(&temp, bytes)?;
    std::fs::rename(temp, dir.join(name))
}

fn build(config: &SignatureConfig, trust: &TrustStore, crl_dir: &Path) -> Verifiers {
    let revocation = if config.refuse_unknown_revocation {
        RevocationPolicy::CrlRequired
    } else {
        RevocationPolicy::CrlIfAvailable
    };
    let with = |mut policy: Policy| {
        policy.revocation = revocation;
        Verifier::new(trust.clone(), policy)
    };
    let mut sign_in = with(Policy::sign_in());
    let mut act_signing = with(Policy::act_signing());
    let mut archive = Verifier::new(
        trust.clone(),
        Policy {
            revocation: RevocationPolicy::CrlIfAvailable,
            ..Policy::act_signing()
        },
    );
    let mut crls = 0;
    let downloaded = std::fs::read_dir(crl_dir)
        .map(|dir| {
            dir.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "crl"))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    for path in config.crl_files.iter().chain(&downloaded) {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                tracing::error!(path = %path.display(), error = %e, "CRL cannot be read");
                continue;
            }
        };
        let added = sign_in
            .add_crl(&bytes)
            .and_then(|_| act_signing.add_crl(&bytes))
            .and_then(|_| archive.add_crl(&bytes));
        match added {
            Ok(_) => crls += 1,
            Err(e) => tracing::error!(path = %path.display(), error = %e, "CRL refused"),
        }
    }
    Verifiers {
        sign_in,
        act_signing,
        archive,
        crls,
    }
}

/// A refused signature as an API error: the refusal's own code and message.
pub fn refused(r: &Refusal) -> AppError {
    AppError::unprocessable(r.code())
}
