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
    pub const ALL: [Action; 18] = [
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
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.as_str() == name)
    }

    pub fn scope(self) -> Scope {
        match self {
            Action::AuditRead | Action::ReferenceRead | Action::ReferenceManage => Scope::System,
            _ => Scope::Organisation,
        }
    }
}

/// The table. Administrators run the system (people, organisations, reference
/// data, the journal) but keep no register and do not approve or sign acts
/// (separation of duties); Heads read their subtree; Inspectors register objects on
/// site and Operators in the office.
pub fn allowed(role: Role, action: Action) -> bool {
    use Action::*;
    use Role::*;
    match (role, action) {
        (_, OrgRead | ReferenceRead | ObjectRead) => true,
        (Administrator, ObjectCreate | ObjectUpdate | ObjectArchive) => false,
        (Administrator, _) => true,
        (Head, UserRead) => true,
        (Inspector | Operator, ObjectCreate | ObjectUpdate | ObjectArchive) => true,
        (Head | Inspector | Operator, _) => false,
    }
}

/// R-ORG-1: an organisation path (`/root/child/…/`, ids joined by `/`) lies in the
/// subtree of `actor_path` when it starts with it.
pub fn in_subtree(actor_path: &str, target_path: &str) -> bool {
    target_path.starts_with(actor_path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_role_1_administrator_manages_users_and_reads_audit_but_keeps_no_register() {
        let register = |a: &Action| {
            matches!(
                a,
                Action::ObjectCreate | Action::ObjectUpdate | Action::ObjectArchive
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
    fn r_role_1_head_reads_people_but_changes_nothing_here() {
        assert!(allowed(Role::Head, Action::UserRead));
        assert!(allowed(Role::Head, Action::OrgRead));
        for action in Action::ALL.into_iter().filter(|a| {
            !matches!(
                a,
                Action::UserRead | Action::OrgRead | Action::ReferenceRead | Action::ObjectRead
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
                matches!(
                    a,
                    Action::OrgRead
                        | Action::ReferenceRead
                        | Action::ObjectRead
                        | Action::ObjectCreate
                        | Action::ObjectUpdate
                        | Action::ObjectArchive
                )
            };
            for action in Action::ALL.into_iter().filter(|a| !open(a)) {
                assert!(!allowed(role, action), "{role:?} {action:?}");
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
}
