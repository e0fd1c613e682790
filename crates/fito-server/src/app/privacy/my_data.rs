//! What the system holds about the signed-in person (R-PD-1, R-TECH-1): profile,
//! sessions, the devices they came from, consents, withdrawal requests. Every look
//! is journalled as a read of personal data.

use crate::app::{Actor, App, AppError};
use fito_store::privacy::{self, Acceptance, Withdrawal};
use fito_store::sessions::Session;
use fito_store::users::User;

pub struct OwnData {
    pub profile: User,
    /// Every session, live or ended.
    pub sessions: Vec<Session>,
    pub devices: Vec<Device>,
    pub consents: Vec<Acceptance>,
    pub withdrawals: Vec<Withdrawal>,
}

/// A device the person signed in from, as last seen.
pub struct Device {
    pub device_id: String,
    pub os: Option<String>,
    pub app_version: Option<String>,
    pub last_seen_at: i64,
}

/// The actor's own data, to read.
pub async fn read(app: &App, actor: &Actor) -> Result<OwnData, AppError> {
    looked_at(app, actor, "privacy.data.read").await
}

/// The actor's own data, to keep as a file.
pub async fn export(app: &App, actor: &Actor) -> Result<OwnData, AppError> {
    looked_at(app, actor, "privacy.data.export").await
}

async fn looked_at(app: &App, actor: &Actor, action: &str) -> Result<OwnData, AppError> {
    let data = gather(app, actor).await?;
    actor
        .record(actor.entry(action, Some("user"), Some(actor.id().to_string())))
        .await?;
    Ok(data)
}

async fn gather(app: &App, actor: &Actor) -> Result<OwnData, AppError> {
    let db = app.store.reader();
    let sessions = fito_store::sessions::sessions_of(db, actor.id()).await?;
    Ok(OwnData {
        profile: actor.user.clone(),
        devices: devices(&sessions),
        sessions,
        consents: privacy::acceptances(db, actor.id()).await?,
        withdrawals: privacy::withdrawals(db, None, Some(actor.id())).await?,
    })
}

/// The devices of `sessions`, each with what its latest session said of it.
fn devices(sessions: &[Session]) -> Vec<Device> {
    let mut devices: Vec<Device> = Vec::new();
    for s in sessions {
        let Some(device) = &s.device_id else { continue };
        match devices.iter_mut().find(|d| &d.device_id == device) {
            Some(d) if s.last_seen_at > d.last_seen_at => {
                d.os = s.os.clone();
                d.app_version = s.app_version.clone();
                d.last_seen_at = s.last_seen_at;
            }
            Some(_) => {}
            None => devices.push(Device {
                device_id: device.clone(),
                os: s.os.clone(),
                app_version: s.app_version.clone(),
                last_seen_at: s.last_seen_at,
            }),
        }
    }
    devices
}
