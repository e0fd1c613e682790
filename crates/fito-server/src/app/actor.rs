//! Who does something: the signed-in person (or the command line acting for one),
//! their role, the organisation subtree they see, and the request facts the journal
//! keeps. Every use case takes an `Actor`; permission checks live here.

use crate::app::audit_writer::AuditWriter;
use crate::app::{App, AppError};
use crate::i18n::Lang;
use fito_core::{Action, Role, permission};
use fito_store::audit::NewEntry;
use fito_store::users::User;
use uuid::Uuid;

/// Facts about the caller kept in the audit journal (R-AUDIT-1, R-TECH-1): IP address,
/// and the device id, OS and app version the mobile app sends. Nothing else.
#[derive(Debug, Clone, Default)]
pub struct RequestMeta {
    pub ip: Option<String>,
    pub device_id: Option<String>,
    pub os: Option<String>,
    pub app_version: Option<String>,
    pub lang: Lang,
}

/// The person a use case acts for.
#[derive(Clone)]
pub struct Actor {
    pub user: User,
    pub role: Option<Role>,
    /// Materialised path of the actor's organisation; `None` for no organisation.
    pub org_path: Option<String>,
    pub meta: RequestMeta,
    /// The session the request came with; `None` on the command line.
    pub session_id: Option<Uuid>,
    /// Refusals are journalled without waiting for the write.
    audit: AuditWriter,
}

impl Actor {
    /// `user` acting now, with `meta` from their request.
    pub async fn of(
        app: &App,
        user: User,
        meta: RequestMeta,
        session_id: Option<Uuid>,
    ) -> Result<Actor, AppError> {
        let org_path = match user.organization_id {
            Some(id) => app.org_path(id).await?,
            None => None,
        };
        let role = user.role.as_deref().and_then(|r| r.parse().ok());
        Ok(Actor {
            user,
            role,
            org_path,
            meta,
            session_id,
            audit: app.audit.clone(),
        })
    }

    /// Another active user, acting through this actor's request: an administrator
    /// applying that user's exported outbox (R-MOB-2). The permission table then
    /// decides for `user`, and journal entries name `user` with `device_id`.
    pub async fn acting_as(
        &self,
        app: &App,
        user: User,
        device_id: Option<String>,
    ) -> Result<Actor, AppError> {
        let mut meta = self.meta.clone();
        meta.device_id = device_id;
        Actor::of(app, user, meta, self.session_id).await
    }

    pub fn id(&self) -> Uuid {
        self.user.id
    }

    /// The permission check: the one table decides (R-ROLE-1). A refusal is
    /// answered `forbidden` and recorded in the audit journal.
    pub fn require(&self, action: Action) -> Result<(), AppError> {
        if self.user.must_change_password {
            return Err(AppError::refused("auth-password-change-required"));
        }
        match self.role {
            Some(role) if permission::allowed(role, action) => Ok(()),
            _ => {
                self.audit
                    .enqueue(self.entry(action.as_str(), None, None).outcome("forbidden"));
                Err(AppError::forbidden())
            }
        }
    }

    /// As [`require`](Self::require), for a record of the organisation at
    /// `target_path`: outside the actor's subtree (R-ORG-1) the record does not
    /// exist for them, so the answer is the record's `not_found` code.
    pub fn require_in(
        &self,
        action: Action,
        target_path: Option<&str>,
        not_found: &'static str,
    ) -> Result<(), AppError> {
        self.require(action)?;
        if self.sees(target_path) {
            Ok(())
        } else {
            Err(AppError::not_found(not_found))
        }
    }

    /// The subtree a list or export covers: the actor's own, or the organisation
    /// they `asked` for when it lies inside it (else it does not exist for them).
    pub async fn scope_path(
        &self,
        app: &App,
        action: Action,
        asked: Option<Uuid>,
    ) -> Result<String, AppError> {
        self.require(action)?;
        match asked {
            Some(id) => {
                let path = app.org_path(id).await?;
                self.require_in(action, path.as_deref(), "organization-not-found")?;
                path.ok_or_else(|| AppError::not_found("organization-not-found"))
            }
            None => self.org_path.clone().ok_or_else(AppError::forbidden),
        }
    }

    /// Whether a record of the organisation at `target_path` lies in the actor's
    /// subtree. Records of no organisation are seen only from the root.
    pub fn sees(&self, target_path: Option<&str>) -> bool {
        match (&self.org_path, target_path) {
            (Some(mine), Some(target)) => permission::in_subtree(mine, target),
            (Some(mine), None) => mine.matches('/').count() == 2,
            (None, _) => false,
        }
    }

    /// A journal entry for something this actor did.
    pub fn entry(
        &self,
        action: &str,
        target_type: Option<&str>,
        target_id: Option<String>,
    ) -> NewEntry {
        NewEntry {
            at: fito_store::time::now_us(),
            actor_id: Some(self.user.id),
            actor_role: self.user.role.clone(),
            action: action.to_string(),
            target_type: target_type.map(str::to_string),
            target_id,
            outcome: "ok".to_string(),
            ip: self.meta.ip.clone(),
            device_id: self.meta.device_id.clone(),
            os: self.meta.os.clone(),
            app_version: self.meta.app_version.clone(),
            details: serde_json::Value::Object(Default::default()),
        }
    }

    /// Journals an entry now and waits for it (reads of personal data, refusals
    /// the answer depends on).
    pub async fn record(&self, entry: NewEntry) -> Result<(), AppError> {
        self.audit.record(entry).await
    }
}

/// Small builder helpers on journal entries.
pub trait EntryExt {
    fn outcome(self, outcome: &str) -> Self;
    fn details(self, details: serde_json::Value) -> Self;
}

impl EntryExt for NewEntry {
    fn outcome(mut self, outcome: &str) -> Self {
        self.outcome = outcome.to_string();
        self
    }
    fn details(mut self, details: serde_json::Value) -> Self {
        self.details = details;
        self
    }
}
