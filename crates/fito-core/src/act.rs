//! The life of an inspection act (R-ACT-2) and the limit the law puts on monitoring
//! visits (R-SURV-2). Pure rules: the server asks, stores and journals.

use crate::Role;
use crate::permission::{self, Action};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Where an act stands. Only `Draft` and `Returned` acts can be edited; from
/// `Signed` on, nothing about the act changes again (R-ACT-3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActStatus {
    Draft,
    Submitted,
    Approved,
    Returned,
    Signed,
    Registered,
}

impl ActStatus {
    pub const ALL: [ActStatus; 6] = [
        ActStatus::Draft,
        ActStatus::Submitted,
        ActStatus::Approved,
        ActStatus::Returned,
        ActStatus::Signed,
        ActStatus::Registered,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActStatus::Draft => "draft",
            ActStatus::Submitted => "submitted",
            ActStatus::Approved => "approved",
            ActStatus::Returned => "returned",
            ActStatus::Signed => "signed",
            ActStatus::Registered => "registered",
        }
    }

    pub fn parse(s: &str) -> Option<ActStatus> {
        ActStatus::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The inspector may still change the content.
    pub fn editable(self) -> bool {
        matches!(self, ActStatus::Draft | ActStatus::Returned)
    }

    /// Signed or later: the content and the PDF are frozen for good.
    pub fn frozen(self) -> bool {
        matches!(self, ActStatus::Signed | ActStatus::Registered)
    }
}

/// A move of the workflow; each is one endpoint and one journal line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActStep {
    Submit,
    Approve,
    Return,
    Sign,
    Register,
}

impl ActStep {
    pub const ALL: [ActStep; 5] = [
        ActStep::Submit,
        ActStep::Approve,
        ActStep::Return,
        ActStep::Sign,
        ActStep::Register,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActStep::Submit => "submit",
            ActStep::Approve => "approve",
            ActStep::Return => "return",
            ActStep::Sign => "sign",
            ActStep::Register => "register",
        }
    }

    /// The permission the step needs (the role table decides who has it).
    pub fn action(self) -> Action {
        match self {
            ActStep::Submit => Action::ActSubmit,
            ActStep::Approve | ActStep::Return => Action::ActReview,
            ActStep::Sign => Action::ActSign,
            ActStep::Register => Action::ActRegister,
        }
    }

    /// Where the step leads from `from`, or `None` when it does not apply there.
    pub fn from(self, from: ActStatus) -> Option<ActStatus> {
        use ActStatus::*;
        match (self, from) {
            (ActStep::Submit, Draft | Returned) => Some(Submitted),
            (ActStep::Approve, Submitted) => Some(Approved),
            (ActStep::Return, Submitted) => Some(Returned),
            (ActStep::Sign, Approved) => Some(Signed),
            (ActStep::Register, Signed) => Some(Registered),
            _ => None,
        }
    }

    /// Steps that only the act's own inspector may take, whatever their role allows.
    pub fn authors_only(self) -> bool {
        matches!(self, ActStep::Submit | ActStep::Sign)
    }

    /// Whether a person of `role` may take this step on an act in `status` now;
    /// `author` tells whether they are its inspector: the workflow, the role table
    /// and the author rule together (R-ACT-2, R-ROLE-1).
    pub fn open_to(self, status: ActStatus, role: Role, author: bool) -> bool {
        self.from(status).is_some()
            && permission::allowed(role, self.action())
            && (author || !self.authors_only())
    }

    /// Every step open to `role` on an act in `status`, in workflow order.
    pub fn open(status: ActStatus, role: Role, author: bool) -> Vec<ActStep> {
        ActStep::ALL
            .into_iter()
            .filter(|s| s.open_to(status, role, author))
            .collect()
    }
}

/// The monitoring-control limit of the Law on plant protection, art. 18: the same
/// object at most this many times a calendar year …
pub const MAX_VISITS_PER_YEAR: usize = 3;
/// … and each visit at most this many days long.
pub const MAX_VISIT_DAYS: i64 = 2;

/// A way a planned visit would break the art. 18 limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
pub enum VisitWarning {
    /// This would be visit number `visit` to the object in `year`.
    TooManyVisits { year: i32, visit: usize },
    /// The visit would last `days` days.
    TooLong { days: i64 },
}

/// Checks a planned visit from `start` to `end` (inclusive) against the visits the
/// object already has (`(start, end)` each).
pub fn visit_warnings(
    existing: &[(NaiveDate, NaiveDate)],
    start: NaiveDate,
    end: NaiveDate,
) -> Vec<VisitWarning> {
    let mut warnings = Vec::new();
    let days = (end - start).num_days() + 1;
    if days > MAX_VISIT_DAYS {
        warnings.push(VisitWarning::TooLong { days });
    }
    let same_year = existing
        .iter()
        .filter(|(s, _)| s.year() == start.year())
        .count();
    if same_year >= MAX_VISITS_PER_YEAR {
        warnings.push(VisitWarning::TooManyVisits {
            year: start.year(),
            visit: same_year + 1,
        });
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permission::allowed;

    #[test]
    fn r_act_2_the_only_way_to_registered_is_draft_submit_approve_sign_register() {
        let mut status = ActStatus::Draft;
        for step in [
            ActStep::Submit,
            ActStep::Approve,
            ActStep::Sign,
            ActStep::Register,
        ] {
            status = step.from(status).expect("the happy path");
        }
        assert_eq!(status, ActStatus::Registered);
        // A returned act goes back to the inspector and can be submitted again.
        let returned = ActStep::Return.from(ActStatus::Submitted).unwrap();
        assert!(returned.editable());
        assert_eq!(ActStep::Submit.from(returned), Some(ActStatus::Submitted));
    }

    #[test]
    fn r_act_3_nothing_moves_a_signed_act_but_registration() {
        for step in ActStep::ALL {
            let from_signed = step.from(ActStatus::Signed);
            assert_eq!(from_signed.is_some(), step == ActStep::Register, "{step:?}");
            assert_eq!(step.from(ActStatus::Registered), None, "{step:?}");
        }
        assert!(ActStatus::Signed.frozen() && !ActStatus::Signed.editable());
    }

    #[test]
    fn r_act_2_no_step_skips_review() {
        // Nothing reaches approved or signed without passing the state before it.
        for from in ActStatus::ALL {
            for step in ActStep::ALL {
                match step.from(from) {
                    Some(ActStatus::Approved) => assert_eq!(from, ActStatus::Submitted),
                    Some(ActStatus::Signed) => assert_eq!(from, ActStatus::Approved),
                    _ => {}
                }
            }
        }
    }

    #[test]
    fn r_act_2_each_step_belongs_to_one_role() {
        for step in ActStep::ALL {
            let roles: Vec<_> = Role::ALL
                .into_iter()
                .filter(|r| allowed(*r, step.action()))
                .collect();
            assert_eq!(roles.len(), 1, "{step:?}: {roles:?}");
        }
    }

    #[test]
    fn r_act_2_each_role_sees_the_steps_it_may_take_now() {
        use ActStatus::*;
        use ActStep::*;
        use Role::*;
        assert_eq!(ActStep::open(Draft, Inspector, true), [Submit]);
        assert_eq!(ActStep::open(Draft, Inspector, false), []);
        assert_eq!(
            ActStep::open(Submitted, Head, false),
            [Approve, ActStep::Return]
        );
        assert_eq!(ActStep::open(Submitted, Operator, false), []);
        assert_eq!(ActStep::open(Approved, Inspector, true), [Sign]);
        assert_eq!(ActStep::open(Approved, Head, false), []);
        assert_eq!(ActStep::open(Signed, Operator, false), [Register]);
        for role in Role::ALL {
            assert_eq!(ActStep::open(Registered, role, true), [], "{role}");
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn r_surv_2_fourth_visit_in_a_year_and_three_day_visit_are_warned() {
        let three = [
            (d(2026, 3, 1), d(2026, 3, 2)),
            (d(2026, 6, 1), d(2026, 6, 1)),
            (d(2026, 9, 1), d(2026, 9, 2)),
        ];
        assert_eq!(
            visit_warnings(&three, d(2026, 11, 1), d(2026, 11, 2)),
            vec![VisitWarning::TooManyVisits {
                year: 2026,
                visit: 4
            }]
        );
        // Visits of last year do not count.
        assert!(visit_warnings(&three, d(2027, 1, 10), d(2027, 1, 11)).is_empty());
        assert!(visit_warnings(&three[..2], d(2026, 11, 1), d(2026, 11, 2)).is_empty());
        assert_eq!(
            visit_warnings(&[], d(2026, 5, 1), d(2026, 5, 3)),
            vec![VisitWarning::TooLong { days: 3 }]
        );
    }
}
