//! The server's side of the blob store (fito-files): which store the configuration
//! names, and its refusals as translated API errors.

use crate::app::App;
use crate::app::egress::Egress;
use crate::app::{AppError, Kind};
use crate::config::Config;
use fito_files::{BlobStore, GetError, PutError, S3Config};

/// The configured store: an S3-compatible one, or `<data_dir>/files`. The S3
/// endpoint must be on the egress allow-list (R-PD-3); a store that cannot be used
/// stops the start rather than quietly keeping files elsewhere.
pub fn blob_store(config: &Config, egress: &Egress) -> anyhow::Result<BlobStore> {
    let Some(s3) = &config.files.s3 else {
        return Ok(BlobStore::Folder {
            root: config.data_dir.join("files"),
        });
    };
    let client = egress
        .client_for(&s3.endpoint)
        .map_err(|e| anyhow::anyhow!("object store {}: {e}", s3.endpoint))?;
    let settings = S3Config {
        endpoint: s3.endpoint.clone(),
        bucket: s3.bucket.clone(),
        region: s3.region.clone(),
        access_key_id: s3.access_key_id.clone(),
        secret_access_key: s3.secret_access_key.clone(),
        path_style: s3.path_style,
        staging_dir: config.data_dir.join("files-staging"),
    };
    let store = fito_files::store::S3Store::with_client(settings, client)
        .map_err(|e| anyhow::anyhow!("object store {}: {e}", s3.endpoint))?;
    Ok(BlobStore::S3(store))
}

impl From<PutError> for AppError {
    fn from(e: PutError) -> Self {
        match e {
            PutError::TooLarge { limit } => AppError::new(Kind::TooLarge, "document-too-large")
                .with("limit_mb", limit.div_ceil(1024 * 1024)),
            PutError::Interrupted(_) => AppError::bad_request("document-interrupted"),
            PutError::Empty => AppError::unprocessable("document-empty"),
            PutError::Image(format) => {
                AppError::new(Kind::UnsupportedMediaType, "document-image-refused")
                    .with("format", format)
            }
            PutError::Unsupported => {
                AppError::new(Kind::UnsupportedMediaType, "document-type-unsupported")
            }
            other => {
                tracing::error!(error = %other, "file store write failed");
                AppError::new(Kind::Unavailable, "document-storage-failed")
            }
        }
    }
}

impl From<GetError> for AppError {
    fn from(e: GetError) -> Self {
        match e {
            GetError::NotFound | GetError::InvalidAddress => {
                AppError::not_found("document-not-found")
            }
            other => {
                tracing::error!(error = %other, "file store read failed");
                AppError::new(Kind::Unavailable, "document-storage-failed")
            }
        }
    }
}

/// Stores bytes the server made itself (an act's PDF); returns their SHA-256.
pub async fn store_bytes(state: &App, bytes: Vec<u8>) -> Result<String, AppError> {
    let size = bytes.len() as u64;
    let stream = futures_util::stream::iter([Ok::<_, std::io::Error>(bytes::Bytes::from(bytes))]);
    let stored = state
        .files
        .put_stream(stream, size.max(1))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "storing generated file failed");
            AppError::new(Kind::Unavailable, "document-storage-failed")
        })?;
    Ok(stored.sha256)
}

/// Reads a stored blob whole (act PDFs: a few hundred kilobytes).
pub async fn read_all(state: &App, sha256: &str) -> Result<Vec<u8>, AppError> {
    let download = state.files.open(sha256).await?;
    download.into_bytes().await.map_err(|e| {
        tracing::error!(error = %e, "file store read failed");
        AppError::new(Kind::Unavailable, "document-storage-failed")
    })
}
