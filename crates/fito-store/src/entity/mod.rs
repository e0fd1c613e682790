//! SeaORM entities, one per table; the one code path for both engines.

pub mod audit_head;
pub mod audit_log;
pub mod login_failure;
pub mod object;
pub mod object_version;
pub mod organization;
pub mod ref_admin_unit;
pub mod ref_crop;
pub mod ref_object_type;
pub mod ref_organism;
pub mod session;
pub mod user;
