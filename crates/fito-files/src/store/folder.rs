//! The local-folder engine.

use std::error::Error as StdError;
use std::io;
use std::path::{Path, PathBuf};

use bytes::{Bytes, BytesMut};
use futures_util::Stream;
use tokio::io::AsyncReadExt;

use super::spool::spool;
use super::{Download, GetError, PutError, StoredBlob};

const STAGING: &str = ".incoming";
const READ_CHUNK: usize = 64 * 1024;

fn blob_path(root: &Path, sha256: &str) -> PathBuf {
    root.join(&sha256[..2]).join(sha256)
}

pub(super) async fn put<S, E>(
    root: &Path,
    stream: S,
    max_bytes: u64,
) -> Result<StoredBlob, PutError>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: Into<Box<dyn StdError + Send + Sync>>,
{
    let spooled = spool(&root.join(STAGING), stream, max_bytes, true).await?;
    let blob = StoredBlob {
        sha256: spooled.sha256.clone(),
        size: spooled.size,
        kind: spooled.kind,
    };
    let dest = blob_path(root, &blob.sha256);
    if tokio::fs::try_exists(&dest).await? {
        // Same address, same content: the staged copy is dropped (and deleted).
        return Ok(blob);
    }
    tokio::task::spawn_blocking(move || -> io::Result<()> {
        let dir = dest.parent().ok_or(io::ErrorKind::InvalidInput)?;
        std::fs::create_dir_all(dir)?;
        // rename(2) is atomic: readers see either no blob or the whole blob. A parallel
        // upload of the same content may win the race; it wrote the same bytes.
        spooled.path.persist(&dest).map_err(|e| e.error)?;
        sync_dir(dir)
    })
    .await
    .map_err(io::Error::other)??;
    Ok(blob)
}

/// Makes the rename itself durable (the file's data was synced before).
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

pub(super) async fn open(root: &Path, sha256: &str) -> Result<Download, GetError> {
    let file = match tokio::fs::File::open(blob_path(root, sha256)).await {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(GetError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let size = file.metadata().await?.len();
    let body = futures_util::stream::try_unfold(file, |mut file| async move {
        let mut buf = BytesMut::with_capacity(READ_CHUNK);
        match file.read_buf(&mut buf).await? {
            0 => Ok(None),
            _ => Ok(Some((buf.freeze(), file))),
        }
    });
    Ok(Download {
        size,
        body: Box::pin(body),
    })
}

pub(super) async fn exists(root: &Path, sha256: &str) -> Result<bool, GetError> {
    Ok(tokio::fs::try_exists(blob_path(root, sha256)).await?)
}
