//! How an administrator resolves a request to withdraw consent (R-PD-1, R-PD-2).

use crate::Invalid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WithdrawalOutcome {
    /// The account is erased (R-PD-2).
    Erase,
    /// The account is deactivated; its data stays.
    Deactivate,
    /// The request is refused, with a comment.
    Reject,
}

impl WithdrawalOutcome {
    pub const ALL: [WithdrawalOutcome; 3] = [
        WithdrawalOutcome::Erase,
        WithdrawalOutcome::Deactivate,
        WithdrawalOutcome::Reject,
    ];

    /// The name in JSON, in the stored request's status and in Fluent arguments.
    pub fn as_str(self) -> &'static str {
        match self {
            WithdrawalOutcome::Erase => "account-deleted",
            WithdrawalOutcome::Deactivate => "account-deactivated",
            WithdrawalOutcome::Reject => "rejected",
        }
    }

    pub fn parse(value: &str) -> Result<WithdrawalOutcome, Invalid> {
        Self::ALL
            .into_iter()
            .find(|o| o.as_str() == value)
            .ok_or_else(|| {
                Invalid::new("reference-value-invalid")
                    .with("field", "outcome")
                    .with("allowed", "account-deleted, account-deactivated, rejected")
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_pd_1_outcomes_read_back_from_their_names_and_nothing_else_does() {
        for o in WithdrawalOutcome::ALL {
            assert_eq!(WithdrawalOutcome::parse(o.as_str()), Ok(o));
        }
        let refused = WithdrawalOutcome::parse("deleted").unwrap_err();
        assert_eq!(refused.code, "reference-value-invalid");
    }
}
