//! Content-addressed storage of accepted documents.
//!
//! An upload is spooled to a staging file while its SHA-256 and size are computed, then
//! sniffed ([`crate::doctype`]) and only then moved under its content address: the hex
//! SHA-256. Until that last step nothing is visible, and every refusal (too large, cut
//! upload, image, unsupported type) deletes the staging file, so a failed upload never
//! leaves a trace (house rule: bad input changes nothing). The same content uploaded
//! twice is stored once.

mod error;
mod folder;
mod s3;
mod sigv4;
mod spool;

use std::error::Error as StdError;
use std::io;
use std::path::PathBuf;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_util::Stream;

use crate::doctype::DocumentKind;

pub use error::{GetError, PutError, S3Error};
pub use s3::{S3Config, S3Store};

/// Where blobs live.
#[derive(Debug, Clone)]
pub enum BlobStore {
    /// A local folder: blobs at `<root>/<first two hex digits>/<sha256 hex>`, uploads
    /// staged in `<root>/.incoming/` (same file system, so the final rename is atomic).
    Folder { root: PathBuf },
    /// An S3-compatible object store: blobs at `sha256/<hex>` in the bucket.
    S3(S3Store),
}

/// A stored, accepted document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredBlob {
    /// Lowercase hex SHA-256 of the content: the blob's address.
    pub sha256: String,
    pub size: u64,
    pub kind: DocumentKind,
}

/// A blob being downloaded: its size (for `Content-Length`) and its bytes as a stream.
pub struct Download {
    pub size: u64,
    body: Pin<Box<dyn Stream<Item = io::Result<Bytes>> + Send>>,
}

impl std::fmt::Debug for Download {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Download")
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}

impl Stream for Download {
    type Item = io::Result<Bytes>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.body.as_mut().poll_next(cx)
    }
}

impl Download {
    /// Collects the whole blob in memory; for small files and tests.
    pub async fn into_bytes(mut self) -> io::Result<Vec<u8>> {
        use futures_util::StreamExt;
        let mut out = Vec::with_capacity(usize::try_from(self.size).unwrap_or(0));
        while let Some(chunk) = self.next().await {
            out.extend_from_slice(&chunk?);
        }
        Ok(out)
    }
}

impl BlobStore {
    /// Receives an upload, checks it and stores it under its SHA-256.
    ///
    /// More than `max_bytes` bytes → [`PutError::TooLarge`], stopped as soon as the
    /// limit is passed; an item error from `stream` (a cut connection) →
    /// [`PutError::Interrupted`]. Either way nothing is kept.
    pub async fn put_stream<S, E>(&self, stream: S, max_bytes: u64) -> Result<StoredBlob, PutError>
    where
        S: Stream<Item = Result<Bytes, E>> + Unpin,
        E: Into<Box<dyn StdError + Send + Sync>>,
    {
        match self {
            Self::Folder { root } => folder::put(root, stream, max_bytes).await,
            Self::S3(s3) => s3.put(stream, max_bytes).await,
        }
    }

    /// Opens a stored blob for download.
    pub async fn open(&self, sha256: &str) -> Result<Download, GetError> {
        check_address(sha256)?;
        match self {
            Self::Folder { root } => folder::open(root, sha256).await,
            Self::S3(s3) => s3.open(sha256).await,
        }
    }

    /// Whether a blob with this address is stored.
    pub async fn exists(&self, sha256: &str) -> Result<bool, GetError> {
        check_address(sha256)?;
        match self {
            Self::Folder { root } => folder::exists(root, sha256).await,
            Self::S3(s3) => Ok(s3.exists(sha256).await?),
        }
    }
}

/// An address is exactly 64 lowercase hex digits; anything else could name another
/// path (`../`) or object, so it is refused before touching storage.
fn check_address(sha256: &str) -> Result<(), GetError> {
    let ok = sha256.len() == 64
        && sha256
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    if ok {
        Ok(())
    } else {
        Err(GetError::InvalidAddress)
    }
}

#[cfg(test)]
mod tests;
