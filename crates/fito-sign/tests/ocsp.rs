//! OCSP (R-AUTH-2: revocation by OCSP against a configured responder, its
//! signature and nonce checked). A throw-away RSA PKI is made by the real
//! `openssl` at test time and a real `openssl ocsp` responder answers over
//! HTTP on 127.0.0.1; the requests are built and the answers judged by
//! fito-sign. The real NCA responses are read in tests/ocsp_nca.rs.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use fito_sign::ocsp::{self, CertIdHash, CrlReason, OcspStatus};
use fito_sign::{Policy, Refusal, Revocation, TrustStore, Verifier};

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl runs");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

const CA_CONFIG: &str = "[ca]\ndefault_ca = test\n[test]\ndatabase = index.txt\nunique_subject = no\ncrlnumber = crlnumber\ndefault_md = sha256\ndefault_crl_days = 30\n";
/// An NCA-shaped legal-entity certificate (right to sign).
const LEAF_EXTENSIONS: &str = "basicConstraints = CA:FALSE\n\
keyUsage = critical, digitalSignature, nonRepudiation\n\
extendedKeyUsage = clientAuth, emailProtection, 1.2.398.3.3.4.1.2, 1.2.398.3.3.4.1.2.2\n";
const OCSP_EXTENSIONS: &str = "basicConstraints = CA:FALSE\n\
keyUsage = critical, digitalSignature\n\
extendedKeyUsage = OCSPSigning\n";
const LEAF_SUBJECT: &str =
    "/C=KZ/CN=INSPECTOR/serialNumber=IIN123456789011/O=FITO-TEST-LLP/OU=BIN123456789021";

/// CA; `good.pem` (valid in index.txt), `revoked.pem` (revoked there);
/// `ocsp.pem` (EKU OCSPSigning, issued by the CA); `rogue.pem` (self-signed,
/// EKU OCSPSigning, not the CA's); `act.cms` signed by `good.pem`.
const STEPS: &[&str] = &[
    "req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 30 -subj /C=KZ/CN=FITO-OCSP-TEST-CA \
     -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign",
    "req -newkey rsa:2048 -nodes -keyout good.key -out good.csr -subj SUBJECT",
    "x509 -req -in good.csr -CA ca.pem -CAkey ca.key -set_serial 0x0A1B2C3D -days 10 -extfile leaf.ext -out good.pem",
    "req -newkey rsa:2048 -nodes -keyout revoked.key -out revoked.csr -subj SUBJECT",
    "x509 -req -in revoked.csr -CA ca.pem -CAkey ca.key -set_serial 0x0B1B2C3D -days 10 -extfile leaf.ext -out revoked.pem",
    "req -newkey rsa:2048 -nodes -keyout ocsp.key -out ocsp.csr -subj /C=KZ/CN=FITO-OCSP-RESPONDER",
    "x509 -req -in ocsp.csr -CA ca.pem -CAkey ca.key -set_serial 0x0C1B2C3D -days 10 -extfile ocsp.ext -out ocsp.pem",
    "req -x509 -newkey rsa:2048 -nodes -keyout rogue.key -out rogue.pem -days 10 -subj /C=KZ/CN=FITO-OCSP-RESPONDER \
     -addext extendedKeyUsage=OCSPSigning",
    "ca -config ca.cnf -valid good.pem -keyfile ca.key -cert ca.pem",
    "ca -config ca.cnf -valid ocsp.pem -keyfile ca.key -cert ca.pem",
    "ca -config ca.cnf -revoke revoked.pem -keyfile ca.key -cert ca.pem -crl_reason keyCompromise",
    "cms -sign -binary -md sha256 -in challenge.txt -signer good.pem -inkey good.key -outform DER -out challenge.cms",
];

struct Pki {
    dir: tempfile::TempDir,
}

impl Pki {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("ca.cnf"), CA_CONFIG).unwrap();
        std::fs::write(d.join("index.txt"), "").unwrap();
        std::fs::write(d.join("crlnumber"), "01\n").unwrap();
        std::fs::write(d.join("leaf.ext"), LEAF_EXTENSIONS).unwrap();
        std::fs::write(d.join("ocsp.ext"), OCSP_EXTENSIONS).unwrap();
        std::fs::write(d.join("challenge.txt"), b"fito sign-in challenge 7f3a").unwrap();
        for step in STEPS {
            let args: Vec<&str> = step
                .split_whitespace()
                .map(|a| if a == "SUBJECT" { LEAF_SUBJECT } else { a })
                .collect();
            openssl(d, &args);
        }
        Pki { dir }
    }

    fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.dir.path().join(name)).unwrap()
    }

    fn trust(&self) -> TrustStore {
        let mut trust = TrustStore::new();
        trust.add(&self.read("ca.pem")).unwrap();
        trust
    }

    /// `openssl ocsp` answering from index.txt, signed with `signer`.key/.pem.
    fn responder(&self, signer: &str, extra: &[&str]) -> Responder {
        // A free port: bind, read it, release it, hand it to openssl.
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let (pem, key) = (format!("{signer}.pem"), format!("{signer}.key"));
        let child = Command::new("openssl")
            .args(["ocsp", "-index", "index.txt", "-port", &port.to_string()])
            .args([
                "-rsigner",
                &pem,
                "-rkey",
                &key,
                "-CA",
                "ca.pem",
                "-ignore_err",
            ])
            .args(extra)
            .current_dir(self.dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("openssl ocsp starts");
        Responder { child, port }
    }

    /// Asks `responder` about `leaf` with `nonce`; returns the response DER.
    fn ask(&self, responder: &Responder, leaf: &str, nonce: &[u8]) -> Vec<u8> {
        let request = ocsp::request(&self.read(leaf), &self.read("ca.pem"), nonce).unwrap();
        responder.post(&request)
    }
}

/// The responder process, killed when dropped.
struct Responder {
    child: Child,
    port: u16,
}

impl Drop for Responder {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Responder {
    /// A minimal HTTP/1.0 POST; retries the connection while openssl starts.
    fn post(&self, body: &[u8]) -> Vec<u8> {
        let deadline = Instant::now() + Duration::from_secs(15);
        let mut stream = loop {
            match TcpStream::connect(("127.0.0.1", self.port)) {
                Ok(s) => break s,
                Err(e) if Instant::now() < deadline => {
                    let _ = e;
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(e) => panic!("responder on port {} not reachable: {e}", self.port),
            }
        };
        stream
            .set_read_timeout(Some(Duration::from_secs(15)))
            .unwrap();
        let head = format!(
            "POST / HTTP/1.0\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/ocsp-request\r\nContent-Length: {}\r\n\r\n",
            self.port,
            body.len()
        );
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(body).unwrap();
        let mut reply = Vec::new();
        stream.read_to_end(&mut reply).unwrap();
        let split = reply
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("HTTP header end");
        let status = String::from_utf8_lossy(&reply[..split]).to_string();
        assert!(
            status.starts_with("HTTP/1.") && status.contains(" 200"),
            "{status}"
        );
        reply[split + 4..].to_vec()
    }
}

const NONCE: &[u8] = b"\x17fito-nonce-0001";

fn verify(
    pki: &Pki,
    response: &[u8],
    leaf: &str,
    nonce: Option<&[u8]>,
    at: DateTime<Utc>,
) -> Result<OcspStatus, Refusal> {
    ocsp::verify_response(
        response,
        &pki.read(leaf),
        &pki.read("ca.pem"),
        nonce,
        &pki.trust(),
        at,
    )
}

#[test]
fn r_auth_2_ocsp_good_leaf_is_accepted() {
    let pki = Pki::new();
    let responder = pki.responder("ocsp", &["-nmin", "5"]);
    let response = pki.ask(&responder, "good.pem", NONCE);
    let now = Utc::now();
    let status = verify(&pki, &response, "good.pem", Some(NONCE), now).unwrap();
    let OcspStatus::Good {
        this_update,
        next_update,
    } = status
    else {
        panic!("{status:?}");
    };
    assert!(this_update <= now + chrono::Duration::minutes(1));
    assert!(next_update.is_some_and(|n| n > now));

    let summary = ocsp::parse_response(&response).unwrap();
    assert_eq!(summary.nonce.as_deref(), Some(NONCE));
    assert_eq!(summary.responses[0].serial, "0A1B2C3D");
    assert_eq!(
        summary.certificates, 1,
        "openssl includes the responder certificate"
    );
}

#[test]
fn r_auth_2_ocsp_revoked_leaf_is_revoked() {
    let pki = Pki::new();
    let responder = pki.responder("ocsp", &[]);
    let response = pki.ask(&responder, "revoked.pem", NONCE);
    let status = verify(&pki, &response, "revoked.pem", Some(NONCE), Utc::now()).unwrap();
    assert!(
        matches!(
            status,
            OcspStatus::Revoked {
                reason: Some(CrlReason::KeyCompromise),
                ..
            }
        ),
        "{status:?}"
    );
}

#[test]
fn r_auth_2_ocsp_sha1_cert_id_and_ca_signed_response_are_accepted() {
    let pki = Pki::new();
    // The CA signs its own responses (no delegated responder).
    let responder = pki.responder("ca", &[]);
    let request = ocsp::request_with_hash(
        &pki.read("good.pem"),
        &pki.read("ca.pem"),
        NONCE,
        CertIdHash::Sha1,
    )
    .unwrap();
    let response = responder.post(&request);
    let status = verify(&pki, &response, "good.pem", Some(NONCE), Utc::now()).unwrap();
    assert!(matches!(status, OcspStatus::Good { .. }), "{status:?}");
}

#[test]
fn r_auth_2_ocsp_response_for_another_certificate_is_refused() {
    let pki = Pki::new();
    let responder = pki.responder("ocsp", &[]);
    let response = pki.ask(&responder, "good.pem", NONCE);
    let err = verify(&pki, &response, "revoked.pem", Some(NONCE), Utc::now()).unwrap_err();
    assert!(
        matches!(err, Refusal::OcspWrongCertificate { ref serial } if serial == "0B1B2C3D"),
        "{err:?}"
    );
    assert_eq!(err.code(), "sign-ocsp-wrong-certificate");
}

#[test]
fn r_auth_2_ocsp_replayed_response_with_other_nonce_is_refused() {
    let pki = Pki::new();
    let responder = pki.responder("ocsp", &[]);
    let response = pki.ask(&responder, "good.pem", b"first-request-nonce");
    let now = Utc::now();
    let err = verify(&pki, &response, "good.pem", Some(NONCE), now).unwrap_err();
    assert_eq!(err, Refusal::OcspNonceMismatch);
    assert_eq!(err.code(), "sign-ocsp-nonce-mismatch");

    // A response without any nonce does not prove freshness either.
    let without = pki.ask(&responder, "good.pem", b"");
    assert_eq!(ocsp::parse_response(&without).unwrap().nonce, None);
    assert_eq!(
        verify(&pki, &without, "good.pem", Some(NONCE), now).unwrap_err(),
        Refusal::OcspNonceMismatch
    );
    // … but is accepted when the caller expects none.
    assert!(verify(&pki, &without, "good.pem", None, now).is_ok());
}

#[test]
fn r_auth_2_ocsp_response_signed_by_unauthorised_key_is_refused() {
    let pki = Pki::new();
    let now = Utc::now();

    // A self-signed responder certificate with EKU OCSPSigning: not the CA's.
    let rogue = pki.responder("rogue", &[]);
    let response = pki.ask(&rogue, "good.pem", NONCE);
    let err = verify(&pki, &response, "good.pem", Some(NONCE), now).unwrap_err();
    assert_eq!(err, Refusal::OcspResponderUntrusted);
    assert_eq!(err.code(), "sign-ocsp-responder-untrusted");

    // Issued by the CA but without EKU OCSPSigning: a subscriber's key.
    let subscriber = pki.responder("good", &[]);
    let response = pki.ask(&subscriber, "good.pem", NONCE);
    let err = verify(&pki, &response, "good.pem", Some(NONCE), now).unwrap_err();
    assert_eq!(err, Refusal::OcspResponderUntrusted);

    // The rogue responder without its certificate in the response: nothing
    // verifies the signature.
    let bare = pki.responder("rogue", &["-resp_no_certs"]);
    let response = pki.ask(&bare, "good.pem", NONCE);
    let err = verify(&pki, &response, "good.pem", Some(NONCE), now).unwrap_err();
    assert_eq!(err, Refusal::OcspSignatureInvalid);
    assert_eq!(err.code(), "sign-ocsp-signature-invalid");
}

#[test]
fn r_auth_2_ocsp_tampered_response_signature_is_refused() {
    let pki = Pki::new();
    let responder = pki.responder("ocsp", &[]);
    let mut response = pki.ask(&responder, "good.pem", NONCE);
    // Flip one byte of the nonce inside the signed ResponseData.
    let at = response
        .windows(NONCE.len())
        .position(|w| w == NONCE)
        .unwrap();
    response[at + 3] ^= 0x01;
    let err = verify(&pki, &response, "good.pem", None, Utc::now()).unwrap_err();
    assert_eq!(err, Refusal::OcspSignatureInvalid);
}

#[test]
fn r_auth_2_ocsp_stale_response_is_refused() {
    let pki = Pki::new();
    let responder = pki.responder("ocsp", &["-nmin", "1"]);
    let response = pki.ask(&responder, "good.pem", NONCE);
    let later = Utc::now() + chrono::Duration::minutes(3);
    let err = verify(&pki, &response, "good.pem", Some(NONCE), later).unwrap_err();
    assert!(
        matches!(
            err,
            Refusal::OcspStale {
                next_update: Some(_),
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.code(), "sign-ocsp-stale");

    // Without nextUpdate, an answer older than the maximum age is stale too.
    let no_next = pki.responder("ocsp", &[]);
    let response = pki.ask(&no_next, "good.pem", NONCE);
    let later = Utc::now() + ocsp::MAX_AGE_WITHOUT_NEXT_UPDATE + chrono::Duration::minutes(1);
    let err = verify(&pki, &response, "good.pem", Some(NONCE), later).unwrap_err();
    assert!(
        matches!(
            err,
            Refusal::OcspStale {
                next_update: None,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn r_auth_2_ocsp_truncated_or_garbage_response_is_refused_without_panic() {
    let pki = Pki::new();
    let responder = pki.responder("ocsp", &[]);
    let response = pki.ask(&responder, "good.pem", NONCE);
    let (leaf, ca, trust, now) = (
        pki.read("good.pem"),
        pki.read("ca.pem"),
        pki.trust(),
        Utc::now(),
    );
    let verify = |_: &Pki, der: &[u8], _: &str, nonce: Option<&[u8]>, at| {
        ocsp::verify_response(der, &leaf, &ca, nonce, &trust, at)
    };
    for len in 0..response.len() {
        assert!(
            verify(&pki, &response[..len], "good.pem", Some(NONCE), now).is_err(),
            "prefix of {len} bytes accepted"
        );
        let _ = ocsp::parse_response(&response[..len]);
    }
    let mut trailing = response.clone();
    trailing.push(0);
    assert!(verify(&pki, &trailing, "good.pem", Some(NONCE), now).is_err());
    for garbage in [
        &b""[..],
        b"\x30\x00",
        b"<html>502 Bad Gateway</html>",
        &[0xff; 64],
    ] {
        let err = verify(&pki, garbage, "good.pem", Some(NONCE), now).unwrap_err();
        assert_eq!(err.code(), "sign-ocsp-malformed", "{err:?}");
    }
    // A single-byte corruption (every third byte) is refused or still verifies to the truth;
    // never a panic, never another certificate's status.
    for i in (0..response.len()).step_by(3) {
        let mut bad = response.clone();
        bad[i] ^= 0x5a;
        if let Ok(status) = verify(&pki, &bad, "good.pem", Some(NONCE), now) {
            assert!(
                matches!(status, OcspStatus::Good { .. }),
                "byte {i}: {status:?}"
            );
        }
    }
}

#[test]
fn r_auth_2_ocsp_error_status_is_refused() {
    let pki = Pki::new();
    // OCSPResponse { responseStatus tryLater (3) } and unauthorized (6).
    for status in [3u8, 6] {
        let der = [0x30, 0x03, 0x0a, 0x01, status];
        let err = verify(&pki, &der, "good.pem", None, Utc::now()).unwrap_err();
        assert_eq!(err, Refusal::OcspUnsuccessful { status });
        assert_eq!(err.code(), "sign-ocsp-unsuccessful");
    }
    // A successful status must come with a response.
    let err = verify(
        &pki,
        &[0x30, 0x03, 0x0a, 0x01, 0x00],
        "good.pem",
        None,
        Utc::now(),
    )
    .unwrap_err();
    assert_eq!(err.code(), "sign-ocsp-malformed");
}

#[test]
fn r_auth_2_verifier_decides_revocation_from_ocsp_evidence() {
    let pki = Pki::new();
    let responder = pki.responder("ocsp", &[]);
    let verifier = Verifier::new(pki.trust(), Policy::sign_in());
    let now = Utc::now();

    // No CRL and no OCSP: sign-in refused by default.
    let err = verifier
        .verify_certificate(&pki.read("good.pem"), now)
        .unwrap_err();
    assert_eq!(err.code(), "sign-revocation-unknown");

    let good = verify(
        &pki,
        &pki.ask(&responder, "good.pem", NONCE),
        "good.pem",
        Some(NONCE),
        now,
    )
    .unwrap();
    let evidence = Revocation::none()
        .with_ocsp(&pki.read("good.pem"), good)
        .unwrap();
    let info = verifier
        .verify_certificate_with(&pki.read("good.pem"), now, &evidence)
        .unwrap();
    assert_eq!(info.serial, "0A1B2C3D");

    // Evidence about one certificate says nothing about another.
    let err = verifier
        .verify_certificate_with(&pki.read("revoked.pem"), now, &evidence)
        .unwrap_err();
    assert_eq!(err.code(), "sign-revocation-unknown");

    let revoked = verify(
        &pki,
        &pki.ask(&responder, "revoked.pem", NONCE),
        "revoked.pem",
        Some(NONCE),
        now,
    )
    .unwrap();
    let mut evidence = Revocation::none();
    evidence
        .add_ocsp(&pki.read("revoked.pem"), revoked)
        .unwrap()
        .add_ocsp(&pki.read("good.pem"), good)
        .unwrap();
    let err = verifier
        .verify_certificate_with(&pki.read("revoked.pem"), now, &evidence)
        .unwrap_err();
    assert!(
        matches!(err, Refusal::CertificateRevoked { ref serial, .. } if serial == "0B1B2C3D"),
        "{err:?}"
    );

    // "Unknown" establishes nothing.
    let evidence = Revocation::none()
        .with_ocsp(&pki.read("good.pem"), OcspStatus::Unknown)
        .unwrap();
    let err = verifier
        .verify_certificate_with(&pki.read("good.pem"), now, &evidence)
        .unwrap_err();
    assert_eq!(err.code(), "sign-revocation-unknown");
}

/// The server's flow for a sign-in CMS: signer certificates, their issuer,
/// the request, the verified answer, then the verification with it.
#[test]
fn r_auth_2_sign_in_cms_with_ocsp_good_is_accepted() {
    let pki = Pki::new();
    let responder = pki.responder("ocsp", &[]);
    let verifier = Verifier::new(pki.trust(), Policy::sign_in());
    let (cms, challenge, now) = (
        pki.read("challenge.cms"),
        pki.read("challenge.txt"),
        Utc::now(),
    );

    let mut evidence = Revocation::none();
    for leaf in ocsp::signer_certificates(&cms, Some(&challenge)).unwrap() {
        let issuer = verifier
            .trust()
            .issuer_of(&leaf)
            .unwrap()
            .expect("issuer configured");
        let request = ocsp::request(&leaf, &issuer, NONCE).unwrap();
        let response = responder.post(&request);
        let status = ocsp::verify_response(
            &response,
            &leaf,
            &issuer,
            Some(NONCE),
            verifier.trust(),
            now,
        )
        .unwrap();
        evidence.add_ocsp(&leaf, status).unwrap();
    }
    let signed = verifier
        .verify_cms_with(&cms, Some(&challenge), now, &evidence)
        .unwrap();
    assert_eq!(signed.signers[0].certificate.serial, "0A1B2C3D");
    assert_eq!(
        verifier
            .verify_cms(&cms, Some(&challenge), now)
            .unwrap_err()
            .code(),
        "sign-revocation-unknown"
    );
}

#[test]
fn r_auth_2_ocsp_issuer_not_configured_is_refused() {
    let pki = Pki::new();
    let responder = pki.responder("ocsp", &[]);
    let response = pki.ask(&responder, "good.pem", NONCE);
    let err = ocsp::verify_response(
        &response,
        &pki.read("good.pem"),
        &pki.read("ca.pem"),
        Some(NONCE),
        &TrustStore::new(),
        Utc::now(),
    )
    .unwrap_err();
    assert!(matches!(err, Refusal::UntrustedChain { .. }), "{err:?}");
}
