//! Domain types and rules of Fito centre, free of I/O.
//!
//! Values enter through `parse` constructors ("parse, don't validate"): once a value
//! has one of these types, nobody checks it again.

pub mod act;
pub mod codes;
pub mod contact;
pub mod iin;
pub mod object;
pub mod permission;
pub mod person;
pub mod registry;
pub mod role;
pub mod survey;
pub mod text;
pub mod withdrawal;
pub mod zone;

pub use act::{ActStatus, ActStep};
pub use codes::{EppoCode, KatoCode};
pub use contact::{Email, Phone};
pub use iin::{Bin, Iin};
pub use object::{NewObject, Owner, OwnerKind};
pub use permission::{Action, Scope};
pub use role::Role;
pub use withdrawal::WithdrawalOutcome;
pub use zone::{SampleStatus, ZoneStatus, ZoneStep};

/// A refusal of domain input: a stable code (which is also the Fluent message id) and
/// the arguments the message needs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}")]
pub struct Invalid {
    pub code: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Invalid {
    pub fn new(code: &'static str) -> Self {
        Self {
            code,
            args: Vec::new(),
        }
    }

    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }
}

/// A new record id: UUIDv7, time-ordered, so clients can create them offline too.
pub fn new_id() -> uuid::Uuid {
    uuid::Uuid::now_v7()
}
