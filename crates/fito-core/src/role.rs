//! The four roles of R-ROLE-1. Each user holds exactly one.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Administrator,
    Head,
    Inspector,
    Operator,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Administrator,
        Role::Head,
        Role::Inspector,
        Role::Operator,
    ];

    /// The name used in JSON, SQL and Fluent ids (`role-inspector`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::Head => "head",
            Role::Inspector => "inspector",
            Role::Operator => "operator",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = crate::Invalid;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| crate::Invalid::new("role-unknown"))
    }
}
