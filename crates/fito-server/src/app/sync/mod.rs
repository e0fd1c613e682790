//! Offline sync for the field app (R-MOB-1, R-MOB-2, R-MOB-4), as use cases:
//! [`push`] applies a batch of records the app made offline, each through the same use
//! case as its normal endpoint and in its own unit of work; [`pull`] hands out what
//! changed since a cursor, from the change log the database keeps in commit order
//! (`fito_store::sync`); [`outbox`] applies an outbox file the app exported, as its
//! user, for an administrator. What goes to a device is shaped by the HTTP layer.

pub mod outbox;
pub mod pull;
pub mod push;

pub use push::{Answer, Kind, Outcome, Record, ServerCopy};
