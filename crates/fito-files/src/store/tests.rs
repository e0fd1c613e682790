//! Folder engine tests run everywhere; S3 tests run against a real S3-protocol server
//! (moto) started per test, and fail (never skip) when it is not installed.

use std::io;
use std::path::Path;

use bytes::Bytes;
use futures_util::{StreamExt, stream};
use sha2::{Digest, Sha256};

use super::*;
use crate::doctype::tests::{JPEG_1X1, PDF, PNG_1X1, docx};

type Chunk = Result<Bytes, io::Error>;

/// `data` cut into chunks of `size` bytes, as a body arrives from the network.
fn chunks(data: &[u8], size: usize) -> impl Stream<Item = Chunk> + Unpin + use<> {
    let parts: Vec<Chunk> = data
        .chunks(size)
        .map(|c| Ok(Bytes::copy_from_slice(c)))
        .collect();
    stream::iter(parts)
}

/// The first `n` bytes, then the connection drops.
fn cut_after(data: &[u8], n: usize) -> impl Stream<Item = Chunk> + Unpin + use<> {
    let parts: Vec<Chunk> = vec![
        Ok(Bytes::copy_from_slice(&data[..n])),
        Err(io::Error::new(
            io::ErrorKind::ConnectionReset,
            "client went away",
        )),
        Ok(Bytes::copy_from_slice(&data[n..])),
    ];
    stream::iter(parts)
}

fn sha_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// Every file under `dir`, recursively (paths relative to `dir`).
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in rd.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(
                    path.strip_prefix(dir)
                        .unwrap_or(&path)
                        .display()
                        .to_string(),
                );
            }
        }
    }
    out.sort();
    out
}

fn folder() -> (tempfile::TempDir, BlobStore) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = BlobStore::Folder {
        root: dir.path().to_path_buf(),
    };
    (dir, store)
}

// --- folder engine ---

#[tokio::test]
async fn r_doc_1_folder_stores_a_pdf_and_reads_it_back_identical() {
    let (dir, store) = folder();
    let blob = store
        .put_stream(chunks(PDF, 7), 1 << 20)
        .await
        .expect("stored");
    assert_eq!(blob.sha256, sha_hex(PDF));
    assert_eq!(blob.size, PDF.len() as u64);
    assert_eq!(blob.kind, DocumentKind::Pdf);
    assert!(store.exists(&blob.sha256).await.expect("exists"));

    let download = store.open(&blob.sha256).await.expect("open");
    assert_eq!(download.size, PDF.len() as u64);
    assert_eq!(download.into_bytes().await.expect("read"), PDF);
    let expected = format!("{}/{}", &blob.sha256[..2], blob.sha256);
    assert_eq!(files_under(dir.path()), vec![expected]);
}

#[tokio::test]
async fn r_doc_1_folder_size_cap_stores_nothing_and_leaves_no_staging_file() {
    let (dir, store) = folder();
    let limit = PDF.len() as u64 - 1;
    let err = store
        .put_stream(chunks(PDF, 16), limit)
        .await
        .expect_err("too large");
    assert!(
        matches!(err, PutError::TooLarge { limit: l } if l == limit),
        "{err:?}"
    );
    assert_eq!(files_under(dir.path()), Vec::<String>::new());
    assert!(!store.exists(&sha_hex(PDF)).await.expect("exists"));

    // Exactly at the limit is accepted.
    let blob = store
        .put_stream(chunks(PDF, 16), PDF.len() as u64)
        .await
        .expect("fits");
    assert_eq!(blob.size, PDF.len() as u64);
}

#[tokio::test]
async fn r_doc_1_folder_cut_upload_leaves_nothing() {
    let (dir, store) = folder();
    let err = store
        .put_stream(cut_after(PDF, 20), 1 << 20)
        .await
        .expect_err("cut");
    assert!(matches!(err, PutError::Interrupted(_)), "{err:?}");
    assert_eq!(files_under(dir.path()), Vec::<String>::new());
}

#[tokio::test]
async fn r_doc_1_folder_abandoned_upload_leaves_nothing() {
    let (dir, store) = folder();
    // One chunk, then the client stalls; the server gives up (drops the future).
    let stalled = stream::iter(vec![Ok::<_, io::Error>(Bytes::from_static(b"%PDF-1.4\n"))])
        .chain(stream::pending());
    let put = store.put_stream(stalled, 1 << 20);
    let timed_out = tokio::time::timeout(std::time::Duration::from_millis(200), put).await;
    assert!(timed_out.is_err());
    assert_eq!(files_under(dir.path()), Vec::<String>::new());
}

#[tokio::test]
async fn r_doc_2_folder_refuses_images_and_keeps_nothing() {
    let (dir, store) = folder();
    let err = store
        .put_stream(chunks(PNG_1X1, 10), 1 << 20)
        .await
        .expect_err("png");
    assert!(matches!(err, PutError::Image("PNG")), "{err:?}");
    let err = store
        .put_stream(chunks(JPEG_1X1, 10), 1 << 20)
        .await
        .expect_err("jpeg");
    assert!(matches!(err, PutError::Image("JPEG")), "{err:?}");
    assert_eq!(files_under(dir.path()), Vec::<String>::new());
}

#[tokio::test]
async fn r_doc_1_folder_refuses_unsupported_and_empty_files() {
    let (dir, store) = folder();
    let html = b"<html><body>hi</body></html>";
    let err = store
        .put_stream(chunks(html, 8), 1 << 20)
        .await
        .expect_err("html");
    assert!(matches!(err, PutError::Unsupported), "{err:?}");
    let err = store
        .put_stream(chunks(b"", 8), 1 << 20)
        .await
        .expect_err("empty");
    assert!(matches!(err, PutError::Empty), "{err:?}");
    assert_eq!(files_under(dir.path()), Vec::<String>::new());
}

#[tokio::test]
async fn r_doc_1_folder_same_content_twice_is_stored_once() {
    let (dir, store) = folder();
    let doc = docx();
    let a = store
        .put_stream(chunks(&doc, 100), 1 << 20)
        .await
        .expect("first");
    let b = store
        .put_stream(chunks(&doc, 33), 1 << 20)
        .await
        .expect("second");
    assert_eq!(a, b);
    assert_eq!(a.kind, DocumentKind::Docx);
    assert_eq!(files_under(dir.path()).len(), 1);
}

#[tokio::test]
async fn r_doc_1_addresses_are_validated_before_touching_storage() {
    let (_dir, store) = folder();
    for bad in [
        "../../etc/passwd",
        "",
        &"A".repeat(64),
        &format!("{}/", "a".repeat(63)),
    ] {
        assert!(
            matches!(store.open(bad).await, Err(GetError::InvalidAddress)),
            "{bad}"
        );
        assert!(
            matches!(store.exists(bad).await, Err(GetError::InvalidAddress)),
            "{bad}"
        );
    }
    let unknown = sha_hex(b"never stored");
    assert!(matches!(
        store.open(&unknown).await,
        Err(GetError::NotFound)
    ));
    assert!(!store.exists(&unknown).await.expect("exists"));
}

// --- S3 engine, against moto ---

mod moto {
    use std::net::{TcpListener, TcpStream};
    use std::process::{Child, Command, Stdio};
    use std::time::{Duration, Instant};

    const INSTALL: &str =
        "the S3 tests need the moto server: python3 -m pip install 'moto[server]'";
    /// IAM calls allowed before moto starts checking signatures: user, key, policy.
    const SETUP_CALLS: &str = "3";
    const ALLOW_S3: &str = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3A*%22%2C%22Resource%22%3A%22*%22%7D%5D%7D";

    /// A moto S3 server on a free local port, stopped when dropped. Authentication is
    /// on, so every S3 request must carry a valid SigV4 signature for `access_key_id`.
    pub(super) struct Moto {
        child: Child,
        pub(super) port: u16,
        pub(super) access_key_id: String,
        pub(super) secret_access_key: String,
    }

    impl Moto {
        pub(super) async fn start() -> Self {
            let probe = Command::new("python3")
                .args(["-c", "import moto.server, flask, flask_cors"])
                .status();
            assert!(matches!(probe, Ok(s) if s.success()), "{INSTALL}");
            let port = TcpListener::bind("127.0.0.1:0")
                .and_then(|l| l.local_addr())
                .expect("free port")
                .port();
            let child = Command::new("python3")
                .args([
                    "-m",
                    "moto.server",
                    "-H",
                    "127.0.0.1",
                    "-p",
                    &port.to_string(),
                ])
                .env("INITIAL_NO_AUTH_ACTION_COUNT", SETUP_CALLS)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap_or_else(|e| panic!("{INSTALL} ({e})"));
            let mut moto = Self {
                child,
                port,
                access_key_id: String::new(),
                secret_access_key: String::new(),
            };
            let deadline = Instant::now() + Duration::from_secs(30);
            while TcpStream::connect(("127.0.0.1", port)).is_err() {
                if let Ok(Some(status)) = moto.child.try_wait() {
                    panic!("moto server exited ({status}); {INSTALL}");
                }
                assert!(
                    Instant::now() < deadline,
                    "moto server did not start in 30 s"
                );
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            moto.create_credentials().await;
            moto
        }

        /// The unauthenticated setup calls: an IAM user allowed s3:*, and its key.
        async fn create_credentials(&mut self) {
            self.iam("Action=CreateUser&UserName=fito").await;
            let key = self.iam("Action=CreateAccessKey&UserName=fito").await;
            let field = |name: &str| {
                let open = format!("<{name}>");
                let start = key.find(&open).expect("field") + open.len();
                let end = key[start..].find('<').expect("field end") + start;
                key[start..end].to_owned()
            };
            self.access_key_id = field("AccessKeyId");
            self.secret_access_key = field("SecretAccessKey");
            self.iam(&format!(
                "Action=PutUserPolicy&UserName=fito&PolicyName=s3&PolicyDocument={ALLOW_S3}"
            ))
            .await;
        }

        async fn iam(&self, action: &str) -> String {
            // The credential scope routes the call to IAM; the signature is not checked
            // for the first SETUP_CALLS requests.
            let resp = reqwest::Client::new()
                .post(format!("http://127.0.0.1:{}/", self.port))
                .header(
                    "authorization",
                    "AWS4-HMAC-SHA256 Credential=setup/20260101/us-east-1/iam/aws4_request, \
                     SignedHeaders=host, Signature=0",
                )
                .header("content-type", "application/x-www-form-urlencoded")
                .body(format!("{action}&Version=2010-05-08"))
                .send()
                .await
                .expect("moto IAM call");
            assert!(
                resp.status().is_success(),
                "moto IAM call failed: {}",
                resp.status()
            );
            resp.text().await.expect("moto IAM answer")
        }
    }

    impl Drop for Moto {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn s3_config(port: u16, bucket: &str, staging: &Path) -> S3Config {
    S3Config {
        endpoint: format!("http://127.0.0.1:{port}"),
        bucket: bucket.to_owned(),
        region: "us-east-1".to_owned(),
        access_key_id: "AKIAIOSFODNN7EXAMPLE".to_owned(),
        secret_access_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".to_owned(),
        path_style: true,
        staging_dir: staging.to_path_buf(),
    }
}

fn s3_store(moto: &moto::Moto, bucket: &str, staging: &Path) -> BlobStore {
    let config = S3Config {
        access_key_id: moto.access_key_id.clone(),
        secret_access_key: moto.secret_access_key.clone(),
        ..s3_config(moto.port, bucket, staging)
    };
    BlobStore::S3(S3Store::new(config).expect("valid config"))
}

async fn s3_with_bucket(moto: &moto::Moto, staging: &Path) -> BlobStore {
    let store = s3_store(moto, "fito-documents", staging);
    let BlobStore::S3(s3) = &store else {
        unreachable!()
    };
    s3.ensure_bucket().await.expect("bucket created");
    s3.ensure_bucket().await.expect("existing bucket is fine");
    store
}

#[tokio::test]
async fn r_doc_1_s3_stores_reads_back_and_deduplicates() {
    let moto = moto::Moto::start().await;
    let staging = tempfile::tempdir().expect("tempdir");
    let store = s3_with_bucket(&moto, staging.path()).await;

    let blob = store
        .put_stream(chunks(PDF, 9), 1 << 20)
        .await
        .expect("stored");
    assert_eq!(blob.sha256, sha_hex(PDF));
    assert_eq!(blob.kind, DocumentKind::Pdf);
    assert!(store.exists(&blob.sha256).await.expect("exists"));
    let download = store.open(&blob.sha256).await.expect("open");
    assert_eq!(download.size, PDF.len() as u64);
    assert_eq!(download.into_bytes().await.expect("read"), PDF);

    let again = store
        .put_stream(chunks(PDF, 50), 1 << 20)
        .await
        .expect("again");
    assert_eq!(again, blob);
    let doc = docx();
    let d = store
        .put_stream(chunks(&doc, 64), 1 << 20)
        .await
        .expect("docx");
    assert_eq!(
        store
            .open(&d.sha256)
            .await
            .expect("open")
            .into_bytes()
            .await
            .expect("read"),
        doc
    );
    assert_eq!(files_under(staging.path()), Vec::<String>::new());

    let unknown = sha_hex(b"never stored");
    assert!(!store.exists(&unknown).await.expect("exists"));
    assert!(matches!(
        store.open(&unknown).await,
        Err(GetError::NotFound)
    ));
}

#[tokio::test]
async fn r_doc_2_s3_refusals_send_and_keep_nothing() {
    let moto = moto::Moto::start().await;
    let staging = tempfile::tempdir().expect("tempdir");
    let store = s3_with_bucket(&moto, staging.path()).await;

    let err = store
        .put_stream(chunks(PNG_1X1, 10), 1 << 20)
        .await
        .expect_err("png");
    assert!(matches!(err, PutError::Image("PNG")), "{err:?}");
    let err = store
        .put_stream(chunks(PDF, 10), 20)
        .await
        .expect_err("too large");
    assert!(matches!(err, PutError::TooLarge { limit: 20 }), "{err:?}");
    let err = store
        .put_stream(cut_after(PDF, 30), 1 << 20)
        .await
        .expect_err("cut");
    assert!(matches!(err, PutError::Interrupted(_)), "{err:?}");

    for data in [PNG_1X1, PDF] {
        assert!(!store.exists(&sha_hex(data)).await.expect("exists"));
    }
    assert_eq!(files_under(staging.path()), Vec::<String>::new());
}

#[tokio::test]
async fn r_doc_1_s3_errors_carry_the_service_error_code() {
    let moto = moto::Moto::start().await;
    let staging = tempfile::tempdir().expect("tempdir");
    let store = s3_store(&moto, "no-such-bucket", staging.path());
    let err = store
        .put_stream(chunks(PDF, 10), 1 << 20)
        .await
        .expect_err("no bucket");
    assert!(
        matches!(&err, PutError::S3(S3Error::Service { code, .. }) if code == "NoSuchBucket"),
        "{err:?}"
    );
    let err = store.open(&sha_hex(PDF)).await.expect_err("no bucket");
    assert!(
        matches!(&err, GetError::S3(S3Error::Service { code, .. }) if code == "NoSuchBucket"),
        "{err:?}"
    );
    assert_eq!(files_under(staging.path()), Vec::<String>::new());
}

#[tokio::test]
async fn r_doc_1_s3_wrong_secret_is_refused_by_the_server() {
    let moto = moto::Moto::start().await;
    let staging = tempfile::tempdir().expect("tempdir");
    let good = s3_with_bucket(&moto, staging.path()).await;
    let blob = good
        .put_stream(chunks(PDF, 9), 1 << 20)
        .await
        .expect("stored");
    let config = S3Config {
        access_key_id: moto.access_key_id.clone(),
        secret_access_key: "not-the-secret".to_owned(),
        ..s3_config(moto.port, "fito-documents", staging.path())
    };
    let bad = BlobStore::S3(S3Store::new(config).expect("config"));
    let err = bad.open(&blob.sha256).await.expect_err("bad signature");
    assert!(
        matches!(&err, GetError::S3(S3Error::Service { status: 403, code, .. })
            if code == "SignatureDoesNotMatch"),
        "{err:?}"
    );
}

#[tokio::test]
async fn r_doc_1_s3_unreachable_endpoint_is_a_transport_error() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let staging = tempfile::tempdir().expect("tempdir");
    let store = BlobStore::S3(
        S3Store::new(s3_config(port, "fito-documents", staging.path())).expect("config"),
    );
    let err = store.exists(&sha_hex(PDF)).await.expect_err("refused");
    assert!(
        matches!(err, GetError::S3(S3Error::Transport(_))),
        "{err:?}"
    );
}

#[test]
fn s3_config_rejects_unusable_endpoints_and_hides_the_secret() {
    let base = S3Config {
        endpoint: "ftp://example.org".to_owned(),
        bucket: "b".to_owned(),
        region: "us-east-1".to_owned(),
        access_key_id: "id".to_owned(),
        secret_access_key: "very-secret".to_owned(),
        path_style: true,
        staging_dir: std::env::temp_dir(),
    };
    assert!(matches!(S3Store::new(base.clone()), Err(S3Error::Endpoint)));
    let not_a_url = S3Config {
        endpoint: "127.0.0.1:9000".to_owned(),
        ..base.clone()
    };
    assert!(matches!(S3Store::new(not_a_url), Err(S3Error::Endpoint)));
    assert!(!format!("{base:?}").contains("very-secret"));
}
