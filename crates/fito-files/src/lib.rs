//! Attached documents: what a file really is, and where its bytes live.
//!
//! * [`doctype`] decides a file's type from its content alone (R-DOC-1) and refuses
//!   images whatever their name (R-DOC-2).
//! * [`store`] keeps accepted files content-addressed (SHA-256) in a local folder or an
//!   S3-compatible object store, spooling uploads so a cut or oversized upload leaves
//!   nothing behind.
//!
//! No user-visible text lives here: every outcome is a typed value that the server
//! translates.

pub mod doctype;
pub mod store;

pub use doctype::{DocumentKind, Verdict, sniff, sniff_file};
pub use store::{BlobStore, Download, GetError, PutError, S3Config, S3Error, StoredBlob};
