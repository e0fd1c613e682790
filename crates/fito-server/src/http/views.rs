//! What the API shows of stored records. Times are RFC 3339 in UTC.

use crate::app::AppError;
use chrono::{DateTime, Utc};
use fito_store::orgs::Organization;
use fito_store::time::to_datetime;
use fito_store::users::User;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Serialize, ToSchema)]
pub struct UserView {
    pub id: Uuid,
    pub organization_id: Option<Uuid>,
    /// administrator, head, inspector or operator; none while pending.
    pub role: Option<String>,
    /// pending, active, deactivated, or deleted (erased, R-PD-2).
    pub status: String,
    pub surname: String,
    pub first_name: String,
    pub patronymic: Option<String>,
    pub phone: Option<String>,
    pub email: String,
    pub iin: Option<String>,
    pub position: String,
    pub must_change_password: bool,
    /// What the person's role may do (`survey.record`, …), from the server's one role
    /// table: screens offer only these (issue 15). Empty without a role.
    pub actions: Vec<String>,
    pub certificate: Option<CertificateView>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub activated_at: Option<DateTime<Utc>>,
}

/// The e-signature certificate last used by the person (R-USER-1).
#[derive(Debug, Serialize, ToSchema)]
pub struct CertificateView {
    pub subject: Option<String>,
    pub serial: Option<String>,
    pub issuer: Option<String>,
    pub valid_from: Option<DateTime<Utc>>,
    pub valid_to: Option<DateTime<Utc>>,
    pub bin: Option<String>,
}

impl From<User> for UserView {
    fn from(u: User) -> Self {
        let certificate = u.cert_serial.is_some().then(|| CertificateView {
            subject: u.cert_subject.clone(),
            serial: u.cert_serial.clone(),
            issuer: u.cert_issuer.clone(),
            valid_from: u.cert_valid_from.map(to_datetime),
            valid_to: u.cert_valid_to.map(to_datetime),
            bin: u.cert_bin.clone(),
        });
        let actions = u
            .role
            .as_deref()
            .and_then(|r| r.parse::<fito_core::Role>().ok())
            .map(|r| {
                fito_core::permission::actions_of(r)
                    .into_iter()
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        UserView {
            id: u.id,
            organization_id: u.organization_id,
            role: u.role,
            status: u.status,
            surname: u.surname,
            first_name: u.first_name,
            patronymic: u.patronymic,
            phone: u.phone,
            email: u.email,
            iin: u.iin,
            position: u.position,
            must_change_password: u.must_change_password,
            actions,
            certificate,
            created_at: to_datetime(u.created_at),
            updated_at: to_datetime(u.updated_at),
            activated_at: u.activated_at.map(to_datetime),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrganizationView {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: Option<String>,
    pub bin: Option<String>,
    /// Postal address, printed on the acts the organisation issues.
    pub address: Option<String>,
    /// Its code in act registry numbers (issue 15); set at its first numbered act
    /// when an administrator did not.
    pub code: Option<String>,
    /// How deep in the tree: 0 for the root.
    pub depth: usize,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Organization> for OrganizationView {
    fn from(o: Organization) -> Self {
        OrganizationView {
            depth: o.path.matches('/').count().saturating_sub(2),
            id: o.id,
            parent_id: o.parent_id,
            name_kk: o.name_kk,
            name_ru: o.name_ru,
            name_en: o.name_en,
            bin: o.bin,
            address: o.address,
            code: o.code,
            created_at: to_datetime(o.created_at),
            updated_at: to_datetime(o.updated_at),
        }
    }
}

/// Checks a required free-text field (fito-core's rule, as an application error).
pub fn required_text(field: &'static str, value: &str, max: usize) -> Result<String, AppError> {
    Ok(fito_core::text::required(field, value, max)?)
}

/// An optional free-text field: trimmed, empty means none.
pub fn optional_text(
    field: &'static str,
    value: Option<&str>,
    max: usize,
) -> Result<Option<String>, AppError> {
    Ok(fito_core::text::optional(field, value, max)?)
}

/// Whether a browser shows a file (a PDF preview) or saves it.
#[derive(Clone, Copy)]
pub enum Disposition {
    Inline,
    Attachment,
}

/// Marks `response` as a file: its media type and its name, as an ASCII fallback and
/// the real (often Cyrillic) name per RFC 6266 / RFC 8187.
pub fn file_response(
    mut response: axum::response::Response,
    media_type: &str,
    file_name: &str,
    disposition: Disposition,
) -> axum::response::Response {
    use axum::http::{HeaderValue, header};
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(media_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = file_name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let kind = match disposition {
        Disposition::Inline => "inline",
        Disposition::Attachment => "attachment",
    };
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"
    )) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}
