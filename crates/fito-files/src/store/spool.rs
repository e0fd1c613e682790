//! Receiving an upload into a staging file: hash, count, cap, then sniff.

use std::error::Error as StdError;
use std::path::Path;

use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use sha2::{Digest, Sha256};
use tempfile::TempPath;
use tokio::io::AsyncWriteExt;

use super::PutError;
use crate::doctype::{DocumentKind, Verdict, sniff_file};

/// An accepted upload waiting in the staging folder. Dropping it deletes the file.
pub(crate) struct Spooled {
    pub(crate) path: TempPath,
    pub(crate) sha256: String,
    pub(crate) size: u64,
    pub(crate) kind: DocumentKind,
}

/// Writes `stream` to a new file in `staging` and checks it. `durable` asks for the
/// data to be flushed to disk (the folder engine keeps this very file).
pub(crate) async fn spool<S, E>(
    staging: &Path,
    mut stream: S,
    max_bytes: u64,
    durable: bool,
) -> Result<Spooled, PutError>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: Into<Box<dyn StdError + Send + Sync>>,
{
    tokio::fs::create_dir_all(staging).await?;
    let staging_owned = staging.to_path_buf();
    let temp = tokio::task::spawn_blocking(move || {
        tempfile::Builder::new()
            .prefix("upload-")
            .tempfile_in(staging_owned)
    })
    .await
    .map_err(std::io::Error::other)??;
    // `path` is declared before `file` so the handle is closed before the file is
    // deleted on every early return (and on cancellation, when this future is dropped).
    let (std_file, path) = temp.into_parts();
    let mut file = tokio::fs::File::from_std(std_file);

    let mut hasher = Sha256::new();
    let mut size: u64 = 0;
    while let Some(item) = stream.next().await {
        let chunk = item.map_err(|e| PutError::Interrupted(e.into()))?;
        size = size.saturating_add(chunk.len() as u64);
        if size > max_bytes {
            return Err(PutError::TooLarge { limit: max_bytes });
        }
        hasher.update(&chunk);
        file.write_all(&chunk).await?;
    }
    file.flush().await?;
    if durable {
        file.sync_all().await?;
    }
    drop(file);

    let sniff_path = path.to_path_buf();
    let verdict = tokio::task::spawn_blocking(move || sniff_file(&sniff_path))
        .await
        .map_err(std::io::Error::other)??;
    let kind = match verdict {
        Verdict::Document(kind) => kind,
        Verdict::Image(format) => return Err(PutError::Image(format)),
        Verdict::Unsupported => return Err(PutError::Unsupported),
        Verdict::Empty => return Err(PutError::Empty),
    };
    Ok(Spooled {
        path,
        sha256: hex::encode(hasher.finalize()),
        size,
        kind,
    })
}
