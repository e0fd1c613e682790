//! SeaORM entities, one per table; the one code path for both engines.

pub mod act;
pub mod act_counter;
pub mod act_event;
pub mod act_signature;
pub mod audit_head;
pub mod audit_log;
pub mod document;
pub mod login_failure;
pub mod notification;
pub mod object;
pub mod object_version;
pub mod organization;
pub mod ref_admin_unit;
pub mod ref_crop;
pub mod ref_object_type;
pub mod ref_organism;
pub mod session;
pub mod sign_challenge;
pub mod survey;
pub mod survey_finding;
pub mod survey_task;
pub mod survey_task_object;
pub mod user;
