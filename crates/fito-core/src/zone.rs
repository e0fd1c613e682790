//! Quarantine zones (issue 14): the life of a zone from proposal to lifting, and
//! the laboratory samples that confirm or refute a finding.

use crate::{Action, Invalid};

/// Where a zone stands: proposed → established → lifted, or proposed → withdrawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ZoneStatus {
    Proposed,
    Established,
    Lifted,
    Withdrawn,
}

/// A step of a zone's life, each with its own permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ZoneStep {
    Establish,
    Lift,
    Withdraw,
}

impl ZoneStatus {
    pub const ALL: [ZoneStatus; 4] = [
        ZoneStatus::Proposed,
        ZoneStatus::Established,
        ZoneStatus::Lifted,
        ZoneStatus::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ZoneStatus::Proposed => "proposed",
            ZoneStatus::Established => "established",
            ZoneStatus::Lifted => "lifted",
            ZoneStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Result<ZoneStatus, Invalid> {
        Self::ALL
            .into_iter()
            .find(|z| z.as_str() == s)
            .ok_or_else(|| Invalid::new("zone-status-unknown"))
    }

    /// The status `step` leads to from here; `None` when the step is not allowed.
    pub fn after(self, step: ZoneStep) -> Option<ZoneStatus> {
        match (self, step) {
            (ZoneStatus::Proposed, ZoneStep::Establish) => Some(ZoneStatus::Established),
            (ZoneStatus::Proposed, ZoneStep::Withdraw) => Some(ZoneStatus::Withdrawn),
            (ZoneStatus::Established, ZoneStep::Lift) => Some(ZoneStatus::Lifted),
            _ => None,
        }
    }
}

impl ZoneStep {
    pub fn as_str(self) -> &'static str {
        match self {
            ZoneStep::Establish => "establish",
            ZoneStep::Lift => "lift",
            ZoneStep::Withdraw => "withdraw",
        }
    }

    pub fn action(self) -> Action {
        match self {
            ZoneStep::Establish => Action::ZoneEstablish,
            ZoneStep::Lift => Action::ZoneLift,
            ZoneStep::Withdraw => Action::ZoneWithdraw,
        }
    }
}

/// Where a laboratory sample stands: taken → sent → received → result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SampleStatus {
    Taken,
    Sent,
    Received,
    Result,
}

impl SampleStatus {
    pub const ALL: [SampleStatus; 4] = [
        SampleStatus::Taken,
        SampleStatus::Sent,
        SampleStatus::Received,
        SampleStatus::Result,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SampleStatus::Taken => "taken",
            SampleStatus::Sent => "sent",
            SampleStatus::Received => "received",
            SampleStatus::Result => "result",
        }
    }

    pub fn parse(s: &str) -> Result<SampleStatus, Invalid> {
        Self::ALL
            .into_iter()
            .find(|z| z.as_str() == s)
            .ok_or_else(|| Invalid::new("sample-status-unknown"))
    }

    /// The status that follows this one; `None` after the result.
    pub fn next(self) -> Option<SampleStatus> {
        match self {
            SampleStatus::Taken => Some(SampleStatus::Sent),
            SampleStatus::Sent => Some(SampleStatus::Received),
            SampleStatus::Received => Some(SampleStatus::Result),
            SampleStatus::Result => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_14_a_zone_is_established_or_withdrawn_from_proposal_and_lifted_once_established() {
        use ZoneStatus::*;
        use ZoneStep::*;
        assert_eq!(Proposed.after(Establish), Some(Established));
        assert_eq!(Proposed.after(Withdraw), Some(Withdrawn));
        assert_eq!(Proposed.after(Lift), None);
        assert_eq!(Established.after(Lift), Some(Lifted));
        assert_eq!(Established.after(Withdraw), None);
        assert_eq!(Established.after(Establish), None);
        for end in [Lifted, Withdrawn] {
            for step in [Establish, Lift, Withdraw] {
                assert_eq!(end.after(step), None);
            }
        }
        for s in ZoneStatus::ALL {
            assert_eq!(ZoneStatus::parse(s.as_str()), Ok(s));
        }
    }

    #[test]
    fn issue_14_a_sample_moves_taken_sent_received_result() {
        let mut s = SampleStatus::Taken;
        let mut seen = vec![s];
        while let Some(n) = s.next() {
            s = n;
            seen.push(s);
        }
        assert_eq!(seen, SampleStatus::ALL);
        assert!(SampleStatus::parse("lost").is_err());
    }
}
