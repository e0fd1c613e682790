//! `fito-bench sign`: how fast fito-sign verifies NCA RK e-signatures (R-AUTH-2
//! sign-in, R-AUTH-3 act signing): `Verifier::verify_cms` with a CRL loaded, for
//! GOST R 34.10-2015 512-bit and RSA-2048 signers made by the fito-sign test kit,
//! and for the real two-signer NCA test CMS.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::{DateTime, TimeZone, Utc};
use fito_sign::testkit::{KeyKind, LeafSpec, TestCa, random_serial};
use fito_sign::{Policy, RevocationPolicy, TrustStore, Verifier};
use rand::{RngCore, SeedableRng};

pub struct Options {
    pub iterations: usize,
    pub threads: usize,
    /// Revoked entries in each test CRL (a real CA's CRL is long).
    pub crl_entries: usize,
    /// shared/fixtures/nca, for the real NCA CMS; skipped when absent.
    pub fixtures: PathBuf,
}

/// The default fixture folder: the repository's sibling `shared/fixtures/nca`.
pub fn default_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/nca")
}

const IIN: &str = "123456789011";
const BIN: &str = "123456789021";
/// Size of the act-like blob signed detached (a rendered act PDF is ~100–150 KiB).
const ACT_BYTES: usize = 120 * 1024;

struct Stats {
    p50: Duration,
    p99: Duration,
    mean: Duration,
    n: usize,
}

impl Stats {
    fn of(mut samples: Vec<Duration>) -> Self {
        samples.sort();
        let n = samples.len();
        // Nearest rank: the smallest sample with at least q of them at or below it.
        let rank = |q: f64| samples[((q * n as f64).ceil() as usize).clamp(1, n) - 1];
        Self {
            p50: rank(0.5),
            p99: rank(0.99),
            mean: samples.iter().sum::<Duration>() / n as u32,
            n,
        }
    }
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1e3)
}

/// One verification case: a verifier, a CMS, the expected content and the time.
struct Case {
    name: String,
    verifier: Verifier,
    cms: Vec<u8>,
    content: Option<Vec<u8>>,
    at: DateTime<Utc>,
    /// Signatures only (`fito_sign::cms::verify_integrity`): no chain, CRL or policy.
    integrity_only: bool,
}

impl Case {
    fn verify(&self) -> anyhow::Result<()> {
        let content = self.content.as_deref();
        let signers = if self.integrity_only {
            fito_sign::cms::verify_integrity(&self.cms, content).map(|ok| ok.signers.len())
        } else {
            self.verifier
                .verify_cms(&self.cms, content, self.at)
                .map(|ok| ok.signers.len())
        }
        .map_err(|e| anyhow::anyhow!("{}: {e}", self.name))?;
        anyhow::ensure!(signers > 0, "{}: no signer", self.name);
        Ok(())
    }

    /// Latency of `iterations` verifications, one after the other.
    fn latency(&self, iterations: usize) -> anyhow::Result<Stats> {
        let samples = (0..iterations)
            .map(|_| {
                let started = Instant::now();
                self.verify()?;
                Ok(started.elapsed())
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        Ok(Stats::of(samples))
    }

    /// Verifications per second: `count` verifications shared by `threads` threads.
    fn throughput(&self, count: u64, threads: usize) -> anyhow::Result<f64> {
        let next = AtomicU64::new(0);
        let wall = Instant::now();
        std::thread::scope(|scope| -> anyhow::Result<()> {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| -> anyhow::Result<()> {
                        while next.fetch_add(1, Ordering::Relaxed) < count {
                            self.verify()?;
                        }
                        Ok(())
                    })
                })
                .collect();
            for worker in workers {
                worker.join().expect("verification thread panicked")?;
            }
            Ok(())
        })?;
        Ok(count as f64 / wall.elapsed().as_secs_f64())
    }
}

/// A fixed "now" inside the test certificates' validity (the verifier takes the
/// time as an argument, so the figures do not depend on the clock).
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap()
}

/// A test CA of `kind` with a legal entity's leaf (first head, sign + auth),
/// a CRL with `crl_entries` other revoked serials, and the two CMS NCALayer
/// would send: attached over a 32-byte sign-in challenge and detached over an
/// act-like blob.
fn test_cases(
    label: &str,
    kind: KeyKind,
    options: &Options,
    rng: &mut rand::rngs::StdRng,
) -> anyhow::Result<Vec<Case>> {
    let started = Instant::now();
    let ca = TestCa::new(&format!("FITO BENCH {label} CA"), kind);
    let day = chrono::Duration::days(1);
    let leaf = ca.issue(&LeafSpec::legal_entity(
        IIN,
        BIN,
        now() - day * 150,
        now() + day * 215,
    ));
    let revoked: Vec<(u128, DateTime<Utc>)> = (0..options.crl_entries)
        .map(|_| (random_serial(), now() - day * 30))
        .collect();
    let crl = ca.crl(&revoked, now() - day, now() + day * 6);

    let mut challenge = vec![0u8; 32];
    rng.fill_bytes(&mut challenge);
    let mut act = b"%PDF-1.7\n".to_vec();
    act.resize(ACT_BYTES, 0);
    rng.fill_bytes(&mut act[9..]);
    let signed_at = now() - chrono::Duration::minutes(1);
    let sign_in_cms = leaf.sign_cms(&challenge, false, signed_at);
    let act_cms = leaf.sign_cms(&act, true, signed_at);

    let verifier = |policy: Policy| -> anyhow::Result<Verifier> {
        let mut v = Verifier::new(TestCa::trust_store(&[&ca]), policy);
        v.add_crl(&crl)
            .map_err(|e| anyhow::anyhow!("{label} CRL: {e}"))?;
        Ok(v)
    };
    println!(
        "{label}: CA + leaf + CRL ({} entries, {} KiB) + 2 CMS made in {} ms; sign-in CMS {} B, act CMS {} B (content {} KiB detached)",
        options.crl_entries,
        crl.len() / 1024,
        ms(started.elapsed()),
        sign_in_cms.len(),
        act_cms.len(),
        act.len() / 1024,
    );
    Ok(vec![
        Case {
            name: format!("{label}, sign-in (attached, 32 B)"),
            verifier: verifier(Policy::sign_in())?,
            cms: sign_in_cms,
            content: Some(challenge),
            at: now(),
            integrity_only: false,
        },
        Case {
            name: format!("{label}, act signing (detached, 120 KiB)"),
            verifier: verifier(Policy::act_signing())?,
            cms: act_cms,
            content: Some(act),
            at: now(),
            integrity_only: false,
        },
    ])
}

/// The real NCA test CMS against the NCA TEST CAs. The two-signer ncanode CMS
/// (GOST-2015-512 + RSA over "test123") cannot pass `verify_cms` at any time
/// (its RSA certificate expired before its GOST one was issued), so its two
/// signatures are measured without chain and policy; the ncanode-go legal
/// entity's RSA CMS goes through `verify_cms` (sign-in policy without CRL) at
/// its signing day.
fn nca_cases(fixtures: &Path) -> anyhow::Result<Vec<Case>> {
    use base64::Engine;
    let read =
        |rel: &str| std::fs::read(fixtures.join(rel)).with_context(|| format!("fixture {rel}"));
    let mut trust = TrustStore::new();
    for ca in [
        "ca/test-root-rsa_NEGIZGI-KO-TEST-RSA_2018-2038.pem",
        "ca/test-ca-rsa_UKO-3.0-RSA-TEST_2019-2024.pem",
        "ca/test-ca-gost2015-512_NCA-GOST-TEST-2022_2022-2032.cer",
    ] {
        trust
            .add(&read(ca)?)
            .map_err(|e| anyhow::anyhow!("{ca}: {e}"))?;
    }
    let mut b64 = read("cms/ncanodego_legal-rsa-auth_active_attached_asdasd.cms.b64")?;
    b64.retain(|b| !b.is_ascii_whitespace());
    let legal_rsa = base64::engine::general_purpose::STANDARD.decode(b64)?;
    let policy = Policy {
        require_legal_entity: true,
        revocation: RevocationPolicy::CrlIfAvailable,
        key_purpose: None,
    };
    Ok(vec![
        Case {
            name: "NCA CMS GOST-512 + RSA, 2 signatures only".into(),
            verifier: Verifier::new(trust.clone(), policy),
            cms: read("cms/ncanode_gost2015-512+rsa_attached_test123.cms")?,
            content: Some(b"test123".to_vec()),
            at: Utc.with_ymd_and_hms(2022, 9, 27, 12, 0, 0).unwrap(),
            integrity_only: true,
        },
        Case {
            name: "NCA CMS legal entity RSA, sign-in w/o CRL".into(),
            verifier: Verifier::new(trust, policy),
            cms: legal_rsa,
            content: Some(b"asdasd".to_vec()),
            at: Utc.with_ymd_and_hms(2020, 9, 9, 12, 0, 0).unwrap(),
            integrity_only: false,
        },
    ])
}

pub fn run(options: &Options) -> anyhow::Result<()> {
    anyhow::ensure!(
        options.iterations > 0 && options.threads > 0,
        "nothing to measure"
    );
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let mut cases = test_cases("GOST-512", KeyKind::Gost512, options, &mut rng)?;
    cases.extend(test_cases(
        "RSA-2048",
        KeyKind::RSA_2048,
        options,
        &mut rng,
    )?);
    if options.fixtures.is_dir() {
        cases.extend(nca_cases(&options.fixtures)?);
    } else {
        println!(
            "(no {}: the real NCA CMS is skipped)",
            options.fixtures.display()
        );
    }
    println!(
        "{} iterations per latency row, {} threads for throughput, {} cores",
        options.iterations,
        options.threads,
        std::thread::available_parallelism().map_or(0, |n| n.get()),
    );
    println!();
    println!(
        "{:<50} {:>5} {:>9} {:>9} {:>9} {:>12} {:>12}",
        "Verifier::verify_cms (ms)",
        "n",
        "p50",
        "p99",
        "mean",
        "1 thr /s",
        format!("{} thr /s", options.threads),
    );
    for case in &cases {
        // Warm-up: caches, allocator, lazily built tables.
        for _ in 0..options.iterations.div_ceil(20) {
            case.verify()?;
        }
        let stats = case.latency(options.iterations)?;
        let count = (options.iterations * options.threads) as u64;
        let per_second = case.throughput(count, options.threads)?;
        println!(
            "{:<50} {:>5} {:>9} {:>9} {:>9} {:>12.1} {:>12.1}",
            case.name,
            stats.n,
            ms(stats.p50),
            ms(stats.p99),
            ms(stats.mean),
            1.0 / stats.mean.as_secs_f64(),
            per_second,
        );
    }
    Ok(())
}
