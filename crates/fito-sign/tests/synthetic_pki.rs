//! End-to-end checks that need a private key: a throw-away PKI made by the
//! real `openssl` at test time (no NCA private key is public). It issues an
//! NCA-shaped legal-entity certificate (EKU 1.2.398.3.3.4.1.2.2, IIN, BIN),
//! signs an act with `openssl cms -sign` (detached, as R-ACT-3 stores it), and
//! revokes the certificate in a CRL.

use std::path::Path;
use std::process::Command;

use chrono::Utc;
use fito_sign::{LegalEntityRole, Policy, Refusal, SubjectKind, TrustStore, Verifier};

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

/// `crlnumber` makes OpenSSL write v2 CRLs, as NCA does; `x509-cert` 0.2
/// cannot read v1 CRLs (no version field).
const CA_CONFIG: &str = "[ca]\ndefault_ca = test\n[test]\ndatabase = index.txt\ncrlnumber = crlnumber\ndefault_md = sha256\ndefault_crl_days = 30\n";
const LEAF_EXTENSIONS: &str = "basicConstraints = CA:FALSE\n\
keyUsage = critical, digitalSignature, nonRepudiation\n\
extendedKeyUsage = emailProtection, 1.2.398.3.3.4.1.2, 1.2.398.3.3.4.1.2.2\n";

/// OpenSSL runs that build the PKI, in order: CA, legal-entity leaf, a
/// detached CMS over `act.pdf`, a CRL before and one after revoking the leaf.
const STEPS: &[&str] = &[
    "req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 30 -subj /C=KZ/CN=FITO-SIGN-TEST-CA \
     -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign",
    "req -newkey rsa:2048 -nodes -keyout leaf.key -out leaf.csr \
     -subj /C=KZ/CN=INSPECTOR/serialNumber=IIN123456789011/O=FITO-TEST-LLP/OU=BIN123456789021",
    "x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -set_serial 0x0A1B2C3D -days 10 -extfile leaf.ext -out leaf.pem",
    "cms -sign -binary -md sha256 -in act.pdf -signer leaf.pem -inkey leaf.key -outform DER -out act.cms",
    "ca -config ca.cnf -gencrl -keyfile ca.key -cert ca.pem -out good.crl",
    "ca -config ca.cnf -revoke leaf.pem -keyfile ca.key -cert ca.pem",
    "ca -config ca.cnf -gencrl -keyfile ca.key -cert ca.pem -out revoked.crl",
];

fn make_pki(dir: &Path) {
    std::fs::write(dir.join("ca.cnf"), CA_CONFIG).unwrap();
    std::fs::write(dir.join("index.txt"), "").unwrap();
    std::fs::write(dir.join("crlnumber"), "01\n").unwrap();
    std::fs::write(dir.join("leaf.ext"), LEAF_EXTENSIONS).unwrap();
    std::fs::write(
        dir.join("act.pdf"),
        b"%PDF-1.7 act 42, signed by its inspector",
    )
    .unwrap();
    for step in STEPS {
        openssl(dir, &step.split_whitespace().collect::<Vec<_>>());
    }
}

struct Pki {
    dir: tempfile::TempDir,
}

impl Pki {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        make_pki(dir.path());
        Pki { dir }
    }

    fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.dir.path().join(name)).unwrap()
    }

    fn verifier(&self, crl: &str) -> Verifier {
        let mut trust = TrustStore::new();
        trust.add(&self.read("ca.pem")).unwrap();
        let mut v = Verifier::new(trust, Policy::act_signing());
        v.add_crl(&self.read(crl)).unwrap();
        v
    }
}

#[test]
fn r_act_3_openssl_signed_detached_act_verifies_and_revocation_is_refused() {
    let pki = Pki::new();
    let (cms, act, now) = (pki.read("act.cms"), pki.read("act.pdf"), Utc::now());

    let signed = pki
        .verifier("good.crl")
        .verify_cms(&cms, Some(&act), now)
        .unwrap();
    let signer = &signed.signers[0].certificate;
    assert_eq!(
        signer.kind,
        SubjectKind::LegalEntity {
            roles: vec![LegalEntityRole::RightToSign]
        }
    );
    assert_eq!(signer.bin.as_deref(), Some("123456789021"));
    assert_eq!(signer.serial, "0A1B2C3D");

    let err = pki
        .verifier("revoked.crl")
        .verify_cms(&cms, Some(&act), now)
        .unwrap_err();
    assert!(
        matches!(err, Refusal::CertificateRevoked { ref serial, .. } if serial == "0A1B2C3D"),
        "{err:?}"
    );
    assert_eq!(err.code(), "sign-certificate-revoked");

    let mut other = act.clone();
    other[0] ^= 1;
    let err = pki
        .verifier("good.crl")
        .verify_cms(&cms, Some(&other), now)
        .unwrap_err();
    assert_eq!(err, Refusal::DigestMismatch);
}

/// The same detached signature is accepted by `openssl cms -verify` (R-ACT-3:
/// verifiable later with standard tools) and refused by it for other content.
#[test]
fn r_act_3_stored_detached_signature_verifies_with_openssl_too() {
    let pki = Pki::new();
    let dir = pki.dir.path();
    let verify = |content: &str| {
        Command::new("openssl")
            .args([
                "cms", "-verify", "-binary", "-inform", "DER", "-in", "act.cms", "-content",
                content,
            ])
            .args(["-CAfile", "ca.pem", "-purpose", "any", "-out", "/dev/null"])
            .current_dir(dir)
            .output()
            .expect("openssl runs")
            .status
            .success()
    };
    assert!(verify("act.pdf"));
    std::fs::write(dir.join("other.pdf"), b"%PDF-1.7 act 43").unwrap();
    assert!(!verify("other.pdf"));
}
