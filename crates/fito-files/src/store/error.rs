//! Typed outcomes; the server maps them to problem+json codes and translated messages.

use std::error::Error as StdError;
use std::io;

/// Why an upload was not stored.
#[derive(Debug, thiserror::Error)]
pub enum PutError {
    #[error("upload exceeds {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("upload interrupted")]
    Interrupted(#[source] Box<dyn StdError + Send + Sync>),
    #[error("empty file")]
    Empty,
    /// R-DOC-2: images are refused; the value names the detected format.
    #[error("image files are not accepted ({0})")]
    Image(&'static str),
    #[error("unsupported file type")]
    Unsupported,
    #[error("blob storage I/O failed")]
    Io(#[from] io::Error),
    #[error(transparent)]
    S3(#[from] S3Error),
}

/// Why a blob could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GetError {
    /// Not a 64-digit lowercase hex SHA-256.
    #[error("invalid blob address")]
    InvalidAddress,
    #[error("blob not found")]
    NotFound,
    #[error("blob storage I/O failed")]
    Io(#[from] io::Error),
    #[error(transparent)]
    S3(S3Error),
}

impl From<S3Error> for GetError {
    fn from(e: S3Error) -> Self {
        match e {
            // Only a missing object is "not found"; a missing bucket is a setup fault.
            S3Error::Service {
                status: 404, code, ..
            } if code == "NoSuchKey" || code == "NotFound" => Self::NotFound,
            other => Self::S3(other),
        }
    }
}

/// A failure talking to the object store.
#[derive(Debug, thiserror::Error)]
pub enum S3Error {
    /// The configured endpoint is not a usable http(s) URL, or the bucket is empty.
    #[error("invalid S3 endpoint")]
    Endpoint,
    /// No answer: connection refused, reset, timeout, …
    #[error("S3 request failed")]
    Transport(#[source] reqwest::Error),
    /// The service answered with an error; `code` is S3's error code (`NoSuchBucket`,
    /// `AccessDenied`, `SignatureDoesNotMatch`, …) or the HTTP reason when the answer
    /// had no body (HEAD requests).
    #[error("S3 error {status} {code}")]
    Service {
        status: u16,
        code: String,
        message: String,
        request_id: Option<String>,
    },
    /// Reading the staged upload failed.
    #[error("reading the staged upload failed")]
    Staging(#[source] io::Error),
}
