//! A throw-away PKI in NCA RK's profile, made by the real `openssl` at test time
//! (no NCA private key is public): a CA, its CRL, and leaves for legal entities
//! (signing or sign-in keys) and individuals, with the IIN in the subject
//! serialNumber and the BIN in an OU, as NCA issues them (R-AUTH-4).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

const CA_CONFIG: &str = "[ca]\ndefault_ca = test\n[test]\ndir = .\ndatabase = index.txt\n\
new_certs_dir = issued\nserial = serial\ncrlnumber = crlnumber\ndefault_md = sha256\n\
default_days = 30\ndefault_crl_days = 30\npolicy = anything\nunique_subject = no\n\
[anything]\ncountryName = optional\ncommonName = optional\nsurname = optional\n\
givenName = optional\nserialNumber = optional\norganizationName = optional\n\
organizationalUnitName = optional\n";

/// What a leaf certificate is for, as NCA marks it in the Extended Key Usage.
#[derive(Clone, Copy, PartialEq)]
pub enum Kind {
    /// A legal entity's employee, signing key (emailProtection).
    LegalSigning,
    /// A legal entity's employee, sign-in key (clientAuth).
    LegalAuth,
    /// An individual (1.2.398.3.3.4.1.1).
    Individual,
}

pub struct Leaf {
    pub cert: PathBuf,
    pub key: PathBuf,
}

pub struct Pki {
    pub dir: PathBuf,
}

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

impl Pki {
    /// One PKI for every test of this test binary.
    pub fn shared() -> &'static Pki {
        static SHARED: OnceLock<Pki> = OnceLock::new();
        SHARED.get_or_init(|| Pki::new("FITO-TEST-NCA"))
    }

    /// A PKI of its own (for revoking without disturbing other tests).
    pub fn new(name: &str) -> Pki {
        let dir = std::env::temp_dir().join(format!("fito-pki-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(dir.join("issued")).unwrap();
        std::fs::write(dir.join("ca.cnf"), CA_CONFIG).unwrap();
        std::fs::write(dir.join("index.txt"), "").unwrap();
        std::fs::write(dir.join("serial"), "1000\n").unwrap();
        std::fs::write(dir.join("crlnumber"), "01\n").unwrap();
        openssl(
            &dir,
            &[
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-days",
                "3650",
                "-subj",
                &format!("/C=KZ/CN={name}"),
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign",
            ],
        );
        let pki = Pki { dir };
        pki.refresh_crl();
        pki
    }

    pub fn ca(&self) -> PathBuf {
        self.dir.join("ca.pem")
    }

    pub fn crl(&self) -> PathBuf {
        self.dir.join("crl.pem")
    }

    pub fn refresh_crl(&self) {
        openssl(
            &self.dir,
            &[
                "ca", "-config", "ca.cnf", "-gencrl", "-keyfile", "ca.key", "-cert", "ca.pem",
                "-out", "crl.pem",
            ],
        );
    }

    /// A leaf for the person with `iin`; `dates` = (start, end) as YYMMDDHHMMSSZ to
    /// make an expired one.
    pub fn leaf(&self, iin: &str, kind: Kind, dates: Option<(&str, &str)>) -> Leaf {
        static N: AtomicU32 = AtomicU32::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let stem = format!("leaf-{n}-{}", std::process::id());
        let eku = match kind {
            Kind::LegalSigning => "emailProtection, 1.2.398.3.3.4.1.2, 1.2.398.3.3.4.1.2.2",
            Kind::LegalAuth => "clientAuth, 1.2.398.3.3.4.1.2, 1.2.398.3.3.4.1.2.2",
            Kind::Individual => "emailProtection, clientAuth, 1.2.398.3.3.4.1.1",
        };
        std::fs::write(
            self.dir.join(format!("{stem}.ext")),
            format!("basicConstraints = CA:FALSE\nkeyUsage = critical, digitalSignature, nonRepudiation\nextendedKeyUsage = {eku}\n"),
        )
        .unwrap();
        let subject = match kind {
            Kind::Individual => {
                format!("/C=KZ/CN=TESTOV TEST/SN=TESTOV/GN=TEST/serialNumber=IIN{iin}")
            }
            _ => format!(
                "/C=KZ/CN=TESTOV TEST/SN=TESTOV/GN=TEST/serialNumber=IIN{iin}/O=TOO FITO TEST/OU=BIN123456789021"
            ),
        };
        let key = format!("{stem}.key");
        let csr = format!("{stem}.csr");
        let cert = format!("{stem}.pem");
        let ext = format!("{stem}.ext");
        openssl(
            &self.dir,
            &[
                "req", "-newkey", "rsa:2048", "-nodes", "-keyout", &key, "-out", &csr, "-subj",
                &subject,
            ],
        );
        let mut args = vec![
            "ca",
            "-batch",
            "-preserveDN",
            "-notext",
            "-config",
            "ca.cnf",
            "-keyfile",
            "ca.key",
            "-cert",
            "ca.pem",
            "-in",
            &csr,
            "-out",
            &cert,
            "-extfile",
            &ext,
        ];
        if let Some((start, end)) = dates {
            args.extend(["-startdate", start, "-enddate", end]);
        }
        openssl(&self.dir, &args);
        Leaf {
            cert: self.dir.join(cert),
            key: self.dir.join(key),
        }
    }

    /// Revokes a leaf and publishes a new CRL.
    pub fn revoke(&self, leaf: &Leaf) {
        let cert = leaf.cert.to_string_lossy().to_string();
        openssl(
            &self.dir,
            &[
                "ca", "-config", "ca.cnf", "-revoke", &cert, "-keyfile", "ca.key", "-cert",
                "ca.pem",
            ],
        );
        self.refresh_crl();
    }

    /// A CMS signature over `content` as NCALayer makes it: attached for sign-in,
    /// detached for documents.
    pub fn sign(&self, leaf: &Leaf, content: &[u8], detached: bool) -> Vec<u8> {
        let stem = format!("sig-{}", uuid::Uuid::now_v7());
        let input = self.dir.join(format!("{stem}.in"));
        let output = self.dir.join(format!("{stem}.cms"));
        std::fs::write(&input, content).unwrap();
        let (signer, key) = (leaf.cert.to_string_lossy(), leaf.key.to_string_lossy());
        let (input_s, output_s) = (input.to_string_lossy(), output.to_string_lossy());
        let mut args = vec![
            "cms", "-sign", "-binary", "-md", "sha256", "-in", &input_s, "-signer", &signer,
            "-inkey", &key, "-outform", "DER", "-out", &output_s,
        ];
        if !detached {
            args.push("-nodetach");
        }
        openssl(&self.dir, &args);
        std::fs::read(output).unwrap()
    }
}

pub fn b64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A real OCSP responder (`openssl ocsp`) for a PKI, answering on 127.0.0.1 until
/// dropped. It signs its answers with the CA's own key.
pub struct OcspResponder {
    child: std::process::Child,
    pub url: String,
}

impl Drop for OcspResponder {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Pki {
    pub fn ocsp_responder(&self) -> OcspResponder {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut child = Command::new("openssl")
            .args(["ocsp", "-index", "index.txt", "-port", &port.to_string()])
            .args([
                "-rsigner", "ca.pem", "-rkey", "ca.key", "-CA", "ca.pem", "-nmin", "10",
            ])
            .current_dir(&self.dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("openssl ocsp starts");
        // Ready when it says so: a probe connection would hold up this one-at-a-time
        // responder.
        let stderr = child.stderr.take().expect("piped stderr");
        let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stderr));
        let ready = lines.any(|l| l.is_ok_and(|l| l.contains("waiting for OCSP client")));
        assert!(ready, "openssl ocsp did not start on {port}");
        // Keep draining its log so that it never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        OcspResponder {
            child,
            url: format!("http://127.0.0.1:{port}/"),
        }
    }
}
