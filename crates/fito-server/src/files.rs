//! The server's side of the blob store (fito-files): which store the configuration
//! names, and its refusals as translated API errors.

use crate::config::Config;
use crate::error::ApiError;
use crate::state::AppState;
use axum::http::StatusCode;
use fito_files::{BlobStore, GetError, PutError, S3Config};

/// The configured store: an S3-compatible one, or `<data_dir>/files`.
pub fn blob_store(config: &Config) -> BlobStore {
    match &config.files.s3 {
        Some(s3) => {
            let settings = S3Config {
                endpoint: s3.endpoint.clone(),
                bucket: s3.bucket.clone(),
                region: s3.region.clone(),
                access_key_id: s3.access_key_id.clone(),
                secret_access_key: s3.secret_access_key.clone(),
                path_style: s3.path_style,
                staging_dir: config.data_dir.join("files-staging"),
            };
            match fito_files::store::S3Store::new(settings) {
                Ok(store) => BlobStore::S3(store),
                Err(e) => {
                    // A wrong endpoint is a deployment error: say so loudly, and keep
                    // files locally rather than refuse to start.
                    tracing::error!(error = %e, "S3 settings unusable; keeping files in the data folder");
                    BlobStore::Folder {
                        root: config.data_dir.join("files"),
                    }
                }
            }
        }
        None => BlobStore::Folder {
            root: config.data_dir.join("files"),
        },
    }
}

impl From<PutError> for ApiError {
    fn from(e: PutError) -> Self {
        match e {
            PutError::TooLarge { limit } => {
                ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "document-too-large")
                    .with("limit_mb", limit.div_ceil(1024 * 1024))
            }
            PutError::Interrupted(_) => ApiError::bad_request("document-interrupted"),
            PutError::Empty => ApiError::unprocessable("document-empty"),
            PutError::Image(format) => {
                ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "document-image-refused")
                    .with("format", format)
            }
            PutError::Unsupported => ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "document-type-unsupported",
            ),
            other => {
                tracing::error!(error = %other, "file store write failed");
                ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "document-storage-failed")
            }
        }
    }
}

impl From<GetError> for ApiError {
    fn from(e: GetError) -> Self {
        match e {
            GetError::NotFound | GetError::InvalidAddress => {
                ApiError::not_found("document-not-found")
            }
            other => {
                tracing::error!(error = %other, "file store read failed");
                ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "document-storage-failed")
            }
        }
    }
}

/// Stores bytes the server made itself (an act's PDF); returns their SHA-256.
pub async fn store_bytes(state: &AppState, bytes: Vec<u8>) -> Result<String, ApiError> {
    let size = bytes.len() as u64;
    let stream = futures_util::stream::iter([Ok::<_, std::io::Error>(bytes::Bytes::from(bytes))]);
    let stored = state
        .files
        .put_stream(stream, size.max(1))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "storing generated file failed");
            ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "document-storage-failed")
        })?;
    Ok(stored.sha256)
}

/// Reads a stored blob whole (act PDFs: a few hundred kilobytes).
pub async fn read_all(state: &AppState, sha256: &str) -> Result<Vec<u8>, ApiError> {
    let download = state.files.open(sha256).await?;
    download.into_bytes().await.map_err(|e| {
        tracing::error!(error = %e, "file store read failed");
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "document-storage-failed")
    })
}
