//! THE permission table (R-ROLE-1): role × action → allowed. Nothing else in the
//! system decides whether a role may do something; handlers name their action and ask.
//!
//! Where a record belongs to an organisation, the organisation-subtree rule of R-ORG-1
//! applies on top: a user acts only inside their own organisation's subtree.

use crate::Role;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Action {
    /// Read organisations of the own subtree.
    OrgRead,
    OrgCreate,
    OrgUpdate,
    /// Read other people's records (personal data).
    UserRead,
    UserCreate,
    UserUpdate,
    /// Activate a pending self-registration (R-USER-2), with role and organisation.
    UserActivate,
    /// Block sign-in and revoke all sessions; data is kept.
    UserDeactivate,
    /// Change a user's one role.
    UserAssignRole,
    /// Reset another user's password (administrator support).
    UserResetPassword,
    /// See and revoke another user's sessions.
    SessionManageAny,
    /// Search and export the audit journal (R-AUDIT-1).
    AuditRead,
    /// Look up reference data: organisms, crops, object types, units (R-OBJ-2).
    ReferenceRead,
    /// Add, correct or retire reference entries.
    ReferenceManage,
    /// Look at registered objects and their history (R-OBJ-1).
    ObjectRead,
    /// Register an object (also a buffer zone around one).
    ObjectCreate,
    /// Change an object's details or geometry.
    ObjectUpdate,
    /// Archive or restore an object.
    ObjectArchive,
    /// See survey tasks (R-SURV-2).
    TaskRead,
    /// Assign survey tasks to inspectors, change or cancel them.
    TaskAssign,
    /// See field surveys and their findings (R-SURV-1).
    SurveyRead,
    /// Record a survey (an inspector's own).
    SurveyRecord,
    /// See acts, their history and PDF (R-ACT-1).
    ActRead,
    /// Create an act from a survey and edit its draft (the inspector's own).
    ActDraft,
    /// Hand a draft to the Head.
    ActSubmit,
    /// Approve or return a submitted act (R-ACT-2).
    ActReview,
    /// Sign an approved act (the inspector's own).
    ActSign,
    /// Register a signed act in the office.
    ActRegister,
    /// Download documents attached to objects, surveys and acts (R-DOC-1).
    DocumentRead,
    /// Attach a document.
    DocumentAttach,
    /// Erase a person's account and personal data for good (R-PD-2).
    UserDelete,
    /// Publish a version of the privacy policy (R-PD-4).
    PolicyPublish,
    /// See and resolve requests to withdraw consent (R-PD-1).
    WithdrawalManage,
    /// Apply a mobile app's exported outbox for one of its users (R-MOB-2).
    SyncOutboxImport,
    /// See the analytics of the own subtree: dashboard, XLSX and PDF reports
    /// (R-ROLE-1: the Head views reports; issue 13).
    ReportRead,
    /// See quarantine zones, their history and the objects inside (issue 14).
    ZoneRead,
    /// Propose a quarantine zone around foci, drawn or imported.
    ZonePropose,
    /// Establish a proposed zone by a decision.
    ZoneEstablish,
    /// Lift an established zone, on the evidence of surveys.
    ZoneLift,
    /// Withdraw a proposal.
    ZoneWithdraw,
    /// See laboratory samples and their results.
    SampleRead,
    /// Take a sample with a finding (the inspector's own).
    SampleTake,
    /// Refer a sample to a laboratory.
    SampleRefer,
    /// Register a sample received at the laboratory.
    SampleReceive,
    /// Enter a laboratory result.
    SampleResult,
}

/// Whether an action's target is bound to an organisation (subtree rule) or global.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The target record belongs to an organisation; the subtree rule applies.
    Organisation,
    /// The action is about the system as a whole (still limited to what the role sees).
    System,
}

impl Action {
    pub const ALL: [Action; 45] = [
        Action::OrgRead,
        Action::OrgCreate,
        Action::OrgUpdate,
        Action::UserRead,
        Action::UserCreate,
        Action::UserUpdate,
        Action::UserActivate,
        Action::UserDeactivate,
        Action::UserAssignRole,
        Action::UserResetPassword,
        Action::SessionManageAny,
        Action::AuditRead,
        Action::ReferenceRead,
        Action::ReferenceManage,
        Action::ObjectRead,
        Action::ObjectCreate,
        Action::ObjectUpdate,
        Action::ObjectArchive,
        Action::TaskRead,
        Action::TaskAssign,
        Action::SurveyRead,
        Action::SurveyRecord,
        Action::ActRead,
        Action::ActDraft,
        Action::ActSubmit,
        Action::ActReview,
        Action::ActSign,
        Action::ActRegister,
        Action::DocumentRead,
        Action::DocumentAttach,
        Action::UserDelete,
        Action::PolicyPublish,
        Action::WithdrawalManage,
        Action::SyncOutboxImport,
        Action::ReportRead,
        Action::ZoneRead,
        Action::ZonePropose,
        Action::ZoneEstablish,
        Action::ZoneLift,
        Action::ZoneWithdraw,
        Action::SampleRead,
        Action::SampleTake,
        Action::SampleRefer,
        Action::SampleReceive,
        Action::SampleResult,
    ];

    /// Stable name, as used in the audit journal and the OpenAPI `x-fito-action`.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::OrgRead => "org.read",
            Action::OrgCreate => "org.create",
            Action::OrgUpdate => "org.update",
            Action::UserRead => "user.read",
            Action::UserCreate => "user.create",
            Action::UserUpdate => "user.update",
            Action::UserActivate => "user.activate",
            Action::UserDeactivate => "user.deactivate",
            Action::UserAssignRole => "user.assign_role",
            Action::UserResetPassword => "user.reset_password",
            Action::SessionManageAny => "session.manage_any",
            Action::AuditRead => "audit.read",
            Action::ReferenceRead => "reference.read",
            Action::ReferenceManage => "reference.manage",
            Action::ObjectRead => "object.read",
            Action::ObjectCreate => "object.create",
            Action::ObjectUpdate => "object.update",
            Action::ObjectArchive => "object.archive",
            Action::TaskRead => "task.read",
            Action::TaskAssign => "task.assign",
            Action::SurveyRead => "survey.read",
            Action::SurveyRecord => "survey.record",
            Action::ActRead => "act.read",
            Action::ActDraft => "act.draft",
            Action::ActSubmit => "act.submit",
            Action::ActReview => "act.review",
            Action::ActSign => "act.sign",
            Action::ActRegister => "act.register",
            Action::DocumentRead => "document.read",
            Action::DocumentAttach => "document.attach",
            Action::UserDelete => "user.delete",
            Action::PolicyPublish => "policy.publish",
            Action::WithdrawalManage => "privacy.withdrawal.manage",
            Action::SyncOutboxImport => "sync.outbox_import",
            Action::ReportRead => "report.read",
            Action::ZoneRead => "zone.read",
            Action::ZonePropose => "zone.propose",
            Action::ZoneEstablish => "zone.establish",
            Action::ZoneLift => "zone.lift",
            Action::ZoneWithdraw => "zone.withdraw",
            Action::SampleRead => "sample.read",
            Action::SampleTake => "sample.take",
            Action::SampleRefer => "sample.refer",
            Action::SampleReceive => "sample.receive",
            Action::SampleResult => "sample.result",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.as_str() == name)
    }

    pub fn scope(self) -> Scope {
        match self {
            Action::AuditRead | Action::ReferenceRead | Action::ReferenceManage => Scope::System,
            Action::PolicyPublish | Action::WithdrawalManage => Scope::System,
            _ => Scope::Organisation,
        }
    }
}

/// The table. Administrators run the system (people, organisations, reference
/// data, the journal) but keep no register and take no part in field work or acts
/// (separation of duties); Heads read their subtree, assign survey tasks and review
/// acts; Inspectors register objects, survey, draft, submit and sign acts on site;
/// Operators keep the register and documents in the office and register signed acts.
/// Quarantine zones: inspectors propose, Heads establish, lift or withdraw. Samples:
/// inspectors take and refer them, operators refer, receive and enter results.
pub fn allowed(role: Role, action: Action) -> bool {
    use Action::*;
    use Role::*;
    match (role, action) {
        (
            _,
            OrgRead | ReferenceRead | ObjectRead | TaskRead | SurveyRead | ActRead | DocumentRead
            | ZoneRead | SampleRead,
        ) => true,
        (
            Administrator,
            ObjectCreate | ObjectUpdate | ObjectArchive | TaskAssign | SurveyRecord | ActDraft
            | ActSubmit | ActReview | ActSign | ActRegister | DocumentAttach | ZonePropose
            | ZoneEstablish | ZoneLift | ZoneWithdraw | SampleTake | SampleRefer | SampleReceive
            | SampleResult,
        ) => false,
        (Administrator, _) => true,
        (Head, UserRead | TaskAssign | ActReview | ReportRead) => true,
        (Head, ZoneEstablish | ZoneLift | ZoneWithdraw) => true,
        (Inspector, ZonePropose | SampleTake | SampleRefer) => true,
        (Operator, SampleRefer | SampleReceive | SampleResult) => true,
        (Inspector | Operator, ObjectCreate | ObjectUpdate | ObjectArchive | DocumentAttach) => {
            true
        }
        (Inspector, SurveyRecord | ActDraft | ActSubmit | ActSign) => true,
        (Operator, ActRegister) => true,
        (Head | Inspector | Operator, _) => false,
    }
}

/// R-ORG-1: an organisation path (`/root/child/…/`, ids joined by `/`) lies in the
/// subtree of `actor_path` when it starts with it.
pub fn in_subtree(actor_path: &str, target_path: &str) -> bool {
    target_path.starts_with(actor_path)
}

/// Every action `role` may take, by name (the role table as clients read it, so
/// they offer only what the server will allow; issue 15).
pub fn actions_of(role: Role) -> Vec<&'static str> {
    Action::ALL
        .into_iter()
        .filter(|a| allowed(role, *a))
        .map(Action::as_str)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_role_1_administrator_manages_users_and_reads_audit_but_keeps_no_register() {
        let register = |a: &Action| {
            matches!(
                a,
                Action::ObjectCreate
                    | Action::ObjectUpdate
                    | Action::ObjectArchive
                    | Action::TaskAssign
                    | Action::SurveyRecord
                    | Action::ActDraft
                    | Action::ActSubmit
                    | Action::ActReview
                    | Action::ActSign
                    | Action::ActRegister
                    | Action::DocumentAttach
                    | Action::ZonePropose
                    | Action::ZoneEstablish
                    | Action::ZoneLift
                    | Action::ZoneWithdraw
                    | Action::SampleTake
                    | Action::SampleRefer
                    | Action::SampleReceive
                    | Action::SampleResult
            )
        };
        for action in Action::ALL {
            assert_eq!(
                allowed(Role::Administrator, action),
                !register(&action),
                "{action:?}"
            );
        }
    }

    #[test]
    fn r_role_1_inspectors_and_operators_keep_the_register_heads_read_it() {
        for action in [
            Action::ObjectCreate,
            Action::ObjectUpdate,
            Action::ObjectArchive,
        ] {
            assert!(
                allowed(Role::Inspector, action) && allowed(Role::Operator, action),
                "{action:?}"
            );
            assert!(!allowed(Role::Head, action), "{action:?}");
        }
        assert!(
            Role::ALL
                .into_iter()
                .all(|r| allowed(r, Action::ObjectRead))
        );
    }

    #[test]
    fn r_role_1_head_reads_assigns_tasks_and_reviews_acts_but_changes_nothing_else() {
        assert!(allowed(Role::Head, Action::UserRead));
        assert!(allowed(Role::Head, Action::OrgRead));
        for action in Action::ALL.into_iter().filter(|a| {
            !matches!(
                a,
                Action::UserRead
                    | Action::OrgRead
                    | Action::ReferenceRead
                    | Action::ObjectRead
                    | Action::TaskRead
                    | Action::TaskAssign
                    | Action::SurveyRead
                    | Action::ActRead
                    | Action::ActReview
                    | Action::DocumentRead
                    | Action::ReportRead
                    | Action::ZoneRead
                    | Action::ZoneEstablish
                    | Action::ZoneLift
                    | Action::ZoneWithdraw
                    | Action::SampleRead
            )
        }) {
            assert!(!allowed(Role::Head, action), "{action:?}");
        }
    }

    #[test]
    fn r_role_1_everyone_reads_reference_data_only_administrators_change_it() {
        for role in Role::ALL {
            assert!(allowed(role, Action::ReferenceRead), "{role:?}");
            assert_eq!(
                allowed(role, Action::ReferenceManage),
                role == Role::Administrator,
                "{role:?}"
            );
        }
    }

    #[test]
    fn r_role_1_inspector_and_operator_cannot_touch_accounts_or_audit() {
        for role in [Role::Inspector, Role::Operator] {
            let open = |a: &Action| {
                a.as_str().ends_with(".read")
                    && !matches!(a, Action::UserRead | Action::AuditRead | Action::ReportRead)
                    || matches!(
                        a,
                        Action::ObjectCreate
                            | Action::ObjectUpdate
                            | Action::ObjectArchive
                            | Action::DocumentAttach
                            | Action::SurveyRecord
                            | Action::ActDraft
                            | Action::ActSubmit
                            | Action::ActSign
                            | Action::ActRegister
                            | Action::ZonePropose
                            | Action::SampleTake
                            | Action::SampleRefer
                            | Action::SampleReceive
                            | Action::SampleResult
                    )
            };
            for action in Action::ALL.into_iter().filter(|a| !open(a)) {
                assert!(!allowed(role, action), "{role:?} {action:?}");
            }
        }
    }

    #[test]
    fn r_role_1_heads_and_administrators_view_reports_others_do_not() {
        for role in Role::ALL {
            assert_eq!(
                allowed(role, Action::ReportRead),
                matches!(role, Role::Head | Role::Administrator),
                "{role:?}"
            );
        }
    }

    #[test]
    fn r_act_2_duties_are_separated() {
        // Only an inspector drafts, submits and signs; only a head reviews; only an
        // operator registers; nobody does two of review, sign and register.
        for role in Role::ALL {
            let duties = [Action::ActReview, Action::ActSign, Action::ActRegister]
                .into_iter()
                .filter(|a| allowed(role, *a))
                .count();
            assert!(duties <= 1, "{role:?}");
        }
        assert!(allowed(Role::Inspector, Action::ActSign));
        assert!(allowed(Role::Head, Action::ActReview));
        assert!(allowed(Role::Operator, Action::ActRegister));
        assert!(!allowed(Role::Operator, Action::ActSign));
        assert!(!allowed(Role::Administrator, Action::ActReview));
        assert!(!allowed(Role::Administrator, Action::ActSign));
    }

    #[test]
    fn issue_14_inspectors_propose_zones_heads_decide_operators_enter_lab_results() {
        for role in Role::ALL {
            assert!(allowed(role, Action::ZoneRead) && allowed(role, Action::SampleRead));
            assert_eq!(allowed(role, Action::ZonePropose), role == Role::Inspector);
            for decide in [
                Action::ZoneEstablish,
                Action::ZoneLift,
                Action::ZoneWithdraw,
            ] {
                assert_eq!(allowed(role, decide), role == Role::Head, "{role:?}");
            }
            assert_eq!(allowed(role, Action::SampleTake), role == Role::Inspector);
            assert_eq!(
                allowed(role, Action::SampleRefer),
                matches!(role, Role::Inspector | Role::Operator)
            );
            for lab in [Action::SampleReceive, Action::SampleResult] {
                assert_eq!(allowed(role, lab), role == Role::Operator, "{role:?}");
            }
        }
    }

    #[test]
    fn action_names_round_trip_and_are_unique() {
        let mut names: Vec<_> = Action::ALL.iter().map(|a| a.as_str()).collect();
        for a in Action::ALL {
            assert_eq!(Action::from_name(a.as_str()), Some(a));
        }
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Action::ALL.len());
    }

    #[test]
    fn r_org_1_sibling_is_outside_the_subtree() {
        let region = "/a/b/";
        assert!(in_subtree(region, "/a/b/"));
        assert!(in_subtree(region, "/a/b/c/"));
        assert!(!in_subtree(region, "/a/"));
        assert!(!in_subtree(region, "/a/bc/"));
        assert!(!in_subtree(region, "/a/d/"));
    }

    #[test]
    fn issue_15_the_actions_of_a_role_are_the_table_by_name() {
        let inspector = actions_of(Role::Inspector);
        assert!(inspector.contains(&"survey.record"));
        assert!(!actions_of(Role::Operator).contains(&"survey.record"));
        for role in Role::ALL {
            let names = actions_of(role);
            for action in Action::ALL {
                assert_eq!(names.contains(&action.as_str()), allowed(role, action));
            }
        }
    }
}
