//! Personal data (R-PD-1, R-PD-2, R-PD-4), by concern: master keys and the store's
//! keyring (`keyring`), person keys (`keys`), sealed personal fields and blind indexes
//! (`sealing`), erasure, the policy, consents, withdrawal and rectification
//! requests.
//!
//! Each person's personal fields are encrypted under a data key of their own,
//! wrapped by the master key (a file outside the database), so erasing the key
//! erases the person, in backups too once [`apply_erasures`] has run there.

mod consents;
mod erasure;
pub(crate) mod keyring;
pub(crate) mod keys;
mod policy;
mod rectifications;
mod requests;
pub(crate) mod sealing;
mod withdrawals;

pub use consents::{Acceptance, acceptances, insert_acceptance};
pub(crate) use erasure::recorded_in;
pub use erasure::{apply_erasures, erase, erasures, flush_erased};
pub use keyring::{MasterKey, load_or_create_key_file};
pub use policy::{PolicyVersion, current_policy, policy_hash, policy_versions, publish_policy};
pub use rectifications::{
    RECTIFICATION_OPEN, Rectification, insert_rectification, rectification, rectifications,
    resolve_rectification,
};
pub use withdrawals::{
    WITHDRAWAL_OPEN, Withdrawal, insert_withdrawal, resolve_withdrawal, withdrawal, withdrawals,
};

use crate::Result;
use crate::conn::Conn;

/// Binds the database to `key` on first use and refuses another key later; then
/// encrypts any rows written before personal fields were encrypted. The store must
/// hold `key` in its keyring ([`crate::Store::unlock`] does both).
pub async fn bind<C: Conn>(conn: &C, key: &MasterKey) -> Result<()> {
    keys::bind_key(conn, key).await?;
    sealing::seal_plaintext_rows(conn, key).await
}
