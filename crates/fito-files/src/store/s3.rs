//! The S3-compatible engine (AWS S3, MinIO, Ceph RGW, …), over plain HTTP requests
//! signed with SigV4.
//!
//! The client is plain `reqwest` without a TLS feature: this crate's tests use http.
//! https endpoints need the TLS feature that the allow-listed egress client brings
//! (R-PD-3); pass that client in with [`S3Store::with_client`].

use std::error::Error as StdError;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use bytes::Bytes;
use futures_util::{Stream, TryStreamExt};
use reqwest::header::{CONTENT_LENGTH, CONTENT_TYPE};
use reqwest::{Method, Response, StatusCode, Url};

use super::sigv4::{self, Credentials, EMPTY_SHA256};
use super::spool::spool;
use super::{Download, GetError, PutError, S3Error, StoredBlob};

/// Largest error body read from the service; S3 error documents are tiny.
const MAX_ERROR_BODY: usize = 64 * 1024;

/// Connection settings for an S3-compatible store.
#[derive(Clone)]
pub struct S3Config {
    /// Service URL, e.g. `http://127.0.0.1:9000` or `https://s3.eu-central-1.amazonaws.com`.
    pub endpoint: String,
    pub bucket: String,
    pub region: String,
    pub access_key_id: String,
    pub secret_access_key: String,
    /// `true`: `<endpoint>/<bucket>/<key>` (MinIO, most self-hosted stores);
    /// `false`: `<bucket>.<endpoint host>/<key>` (AWS virtual-hosted style).
    pub path_style: bool,
    /// Local folder where uploads are spooled and checked before they are sent.
    pub staging_dir: PathBuf,
}

/// The secret never reaches logs.
impl fmt::Debug for S3Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("S3Config")
            .field("endpoint", &self.endpoint)
            .field("bucket", &self.bucket)
            .field("region", &self.region)
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"<redacted>")
            .field("path_style", &self.path_style)
            .field("staging_dir", &self.staging_dir)
            .finish()
    }
}

/// A configured S3 store with its HTTP client (connections are pooled). Cloning is
/// cheap: clones share the configuration and the connection pool.
#[derive(Debug, Clone)]
pub struct S3Store {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: S3Config,
    endpoint: Url,
    client: reqwest::Client,
}

impl S3Store {
    /// Checks the endpoint and builds a default client.
    pub fn new(config: S3Config) -> Result<Self, S3Error> {
        let client = reqwest::Client::builder()
            .build()
            .map_err(S3Error::Transport)?;
        Self::with_client(config, client)
    }

    /// Uses the given client, e.g. the server's allow-listed egress client.
    pub fn with_client(config: S3Config, client: reqwest::Client) -> Result<Self, S3Error> {
        let endpoint = Url::parse(&config.endpoint).map_err(|_| S3Error::Endpoint)?;
        let usable = matches!(endpoint.scheme(), "http" | "https")
            && endpoint.host_str().is_some()
            && endpoint.query().is_none();
        if !usable || config.bucket.is_empty() {
            return Err(S3Error::Endpoint);
        }
        Ok(Self {
            inner: Arc::new(Inner {
                config,
                endpoint,
                client,
            }),
        })
    }

    pub fn config(&self) -> &S3Config {
        &self.inner.config
    }

    /// Creates the bucket; an existing bucket owned by these credentials is fine.
    pub async fn ensure_bucket(&self) -> Result<(), S3Error> {
        // us-east-1 is the default location and must not be named explicitly.
        let body = if self.inner.config.region == "us-east-1" {
            Vec::new()
        } else {
            format!(
                "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\
                 <LocationConstraint>{}</LocationConstraint></CreateBucketConfiguration>",
                self.inner.config.region
            )
            .into_bytes()
        };
        let hash = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&body));
        let len = body.len();
        let resp = self
            .send(Method::PUT, None, &hash, |rb| {
                rb.header(CONTENT_LENGTH, len).body(body)
            })
            .await?;
        match check(resp).await {
            Ok(_) => Ok(()),
            Err(S3Error::Service { code, .. }) if code == "BucketAlreadyOwnedByYou" => Ok(()),
            Err(e) => Err(e),
        }
    }

    pub(super) async fn put<S, E>(&self, stream: S, max_bytes: u64) -> Result<StoredBlob, PutError>
    where
        S: Stream<Item = Result<Bytes, E>> + Unpin,
        E: Into<Box<dyn StdError + Send + Sync>>,
    {
        let spooled = spool(&self.inner.config.staging_dir, stream, max_bytes, false).await?;
        let blob = StoredBlob {
            sha256: spooled.sha256.clone(),
            size: spooled.size,
            kind: spooled.kind,
        };
        if self.exists(&blob.sha256).await? {
            return Ok(blob);
        }
        let file = tokio::fs::File::open(&spooled.path)
            .await
            .map_err(S3Error::Staging)?;
        let key = object_key(&blob.sha256);
        // S3 needs the length up front (no chunked uploads); the body still streams.
        let resp = self
            .send(Method::PUT, Some(&key), &blob.sha256, |rb| {
                rb.header(CONTENT_LENGTH, blob.size)
                    .header(CONTENT_TYPE, blob.kind.media_type())
                    .body(reqwest::Body::from(file))
            })
            .await?;
        check(resp).await?;
        drop(spooled); // deletes the staging file
        Ok(blob)
    }

    pub(super) async fn open(&self, sha256: &str) -> Result<Download, GetError> {
        let key = object_key(sha256);
        let resp = self
            .send(Method::GET, Some(&key), EMPTY_SHA256, |rb| rb)
            .await?;
        let resp = check(resp).await?;
        let size = resp.content_length().unwrap_or(0);
        let body = resp.bytes_stream().map_err(std::io::Error::other);
        Ok(Download {
            size,
            body: Box::pin(body),
        })
    }

    pub(super) async fn exists(&self, sha256: &str) -> Result<bool, S3Error> {
        let key = object_key(sha256);
        let resp = self
            .send(Method::HEAD, Some(&key), EMPTY_SHA256, |rb| rb)
            .await?;
        if resp.status() == StatusCode::NOT_FOUND {
            return Ok(false);
        }
        check(resp).await.map(|_| true)
    }

    /// Builds, signs and sends one request to the bucket (`key: None`) or an object.
    async fn send(
        &self,
        method: Method,
        key: Option<&str>,
        payload_sha256: &str,
        finish: impl FnOnce(reqwest::RequestBuilder) -> reqwest::RequestBuilder,
    ) -> Result<Response, S3Error> {
        let (url, canonical_uri) = self.url(key)?;
        let host = match url.port() {
            Some(port) => format!("{}:{port}", url.host_str().unwrap_or_default()),
            None => url.host_str().unwrap_or_default().to_owned(),
        };
        let amz_date = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
        let authorization = sigv4::authorization(
            &Credentials {
                access_key_id: &self.inner.config.access_key_id,
                secret_access_key: &self.inner.config.secret_access_key,
                region: &self.inner.config.region,
            },
            &sigv4::Request {
                method: method.as_str(),
                canonical_uri: &canonical_uri,
                canonical_query: "",
                headers: &[
                    ("host", &host),
                    ("x-amz-content-sha256", payload_sha256),
                    ("x-amz-date", &amz_date),
                ],
                payload_sha256,
                amz_date: &amz_date,
            },
        );
        let rb = self
            .inner
            .client
            .request(method, url)
            .header("x-amz-content-sha256", payload_sha256)
            .header("x-amz-date", &amz_date)
            .header(reqwest::header::AUTHORIZATION, authorization);
        finish(rb).send().await.map_err(S3Error::Transport)
    }

    /// The request URL and its canonical (percent-encoded) path.
    fn url(&self, key: Option<&str>) -> Result<(Url, String), S3Error> {
        let Inner {
            config, endpoint, ..
        } = &*self.inner;
        let prefix = endpoint.path().trim_end_matches('/');
        let object = key.map(|k| format!("/{k}")).unwrap_or_default();
        let endpoint_host = endpoint.host_str().unwrap_or_default();
        let (host, path) = if config.path_style {
            let path = format!("{prefix}/{}{object}", config.bucket);
            (endpoint_host.to_owned(), path)
        } else {
            // The bucket is in the host; a bucket request still needs the root path.
            let path = format!("{prefix}{object}");
            let path = if path.is_empty() {
                "/".to_owned()
            } else {
                path
            };
            (format!("{}.{endpoint_host}", config.bucket), path)
        };
        let canonical_uri = sigv4::encode_path(&path);
        let port = endpoint.port().map(|p| format!(":{p}")).unwrap_or_default();
        let url = Url::parse(&format!(
            "{}://{host}{port}{canonical_uri}",
            endpoint.scheme()
        ))
        .map_err(|_| S3Error::Endpoint)?;
        Ok((url, canonical_uri))
    }
}

fn object_key(sha256: &str) -> String {
    format!("sha256/{sha256}")
}

/// Passes successful answers through; turns the others into [`S3Error::Service`] with
/// the code from S3's XML error document.
async fn check(resp: Response) -> Result<Response, S3Error> {
    let status = resp.status();
    if status.is_success() {
        return Ok(resp);
    }
    let header_request_id = resp
        .headers()
        .get("x-amz-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = read_limited(resp).await;
    let code = xml_field(&body, "Code").unwrap_or_else(|| {
        status
            .canonical_reason()
            .unwrap_or("Unknown")
            .replace(' ', "")
    });
    Err(S3Error::Service {
        status: status.as_u16(),
        code,
        message: xml_field(&body, "Message").unwrap_or_default(),
        request_id: xml_field(&body, "RequestId").or(header_request_id),
    })
}

async fn read_limited(mut resp: Response) -> String {
    let mut body = Vec::new();
    while let Ok(Some(chunk)) = resp.chunk().await {
        body.extend_from_slice(&chunk);
        if body.len() >= MAX_ERROR_BODY {
            break;
        }
    }
    String::from_utf8_lossy(&body).into_owned()
}

/// The text of the first `<name>…</name>` element; S3 error documents are flat.
fn xml_field(xml: &str, name: &str) -> Option<String> {
    let open = format!("<{name}>");
    let start = xml.find(&open)? + open.len();
    let end = xml[start..].find(&format!("</{name}>"))? + start;
    Some(xml[start..end].trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(path_style: bool, endpoint: &str) -> S3Store {
        S3Store::new(S3Config {
            endpoint: endpoint.to_owned(),
            bucket: "docs".to_owned(),
            region: "kz-1".to_owned(),
            access_key_id: "id".to_owned(),
            secret_access_key: "secret".to_owned(),
            path_style,
            staging_dir: PathBuf::from("/tmp"),
        })
        .expect("config")
    }

    #[test]
    fn path_style_puts_the_bucket_in_the_path() {
        let (url, canonical) = store(true, "http://127.0.0.1:9000/")
            .url(Some("sha256/ab"))
            .expect("url");
        assert_eq!(url.as_str(), "http://127.0.0.1:9000/docs/sha256/ab");
        assert_eq!(canonical, "/docs/sha256/ab");
    }

    #[test]
    fn virtual_hosted_style_puts_the_bucket_in_the_host() {
        let s = store(false, "https://s3.example.kz");
        let (url, canonical) = s.url(Some("sha256/ab")).expect("url");
        assert_eq!(url.as_str(), "https://docs.s3.example.kz/sha256/ab");
        assert_eq!(canonical, "/sha256/ab");
        let (url, canonical) = s.url(None).expect("url");
        assert_eq!(url.as_str(), "https://docs.s3.example.kz/");
        assert_eq!(canonical, "/");
    }
}
