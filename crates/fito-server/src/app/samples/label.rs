//! A sample's label (issue 14): a small PDF page with the sample number, what was
//! taken, when and where, and a QR code carrying `FITO-SAMPLE/1/<id>/<number>`, so
//! the laboratory finds the sample by scanning it.

use super::in_scope;
use crate::app::{Actor, App, AppError, EntryExt, Kind};
use crate::i18n::Lang;
use fito_acts::SampleLabel;
use fito_core::Action;
use fito_store::time::to_datetime;
use serde_json::json;
use uuid::Uuid;

/// The QR code's text for a sample.
pub fn qr_payload(id: Uuid, number: &str) -> String {
    format!("FITO-SAMPLE/1/{}/{number}", id.hyphenated())
}

/// The label as PDF bytes in the reader's language (kk, ru or en); journalled.
pub async fn label(app: &App, actor: &Actor, id: Uuid) -> Result<Vec<u8>, AppError> {
    let s = in_scope(app, actor, id, Action::SampleRead).await?;
    let lang = actor.meta.lang;
    let t = |id: &str| app.i18n.message(lang, id, &[]);
    let taken = to_datetime(s.taken_at).format("%Y-%m-%d %H:%M UTC");
    let organism = fito_store::samples::organism(app.store.reader(), &s.eppo_code)
        .await?
        .map(|o| match lang {
            Lang::Kk => o.name_kk.unwrap_or(o.name_la),
            _ => o.name_la,
        })
        .unwrap_or_default();
    let label = SampleLabel {
        lang: lang.code().into(),
        title: t("sample-label-title"),
        number: s.number.clone(),
        lines: vec![
            (
                t("sample-label-what"),
                format!("{}, {} {}", s.what, s.quantity, s.unit),
            ),
            (
                t("sample-label-organism"),
                format!("{} ({organism})", s.eppo_code),
            ),
            (t("sample-label-taken"), taken.to_string()),
            (
                t("sample-label-place"),
                format!("{:.5}, {:.5}", s.lat, s.lon),
            ),
        ],
        qr: qr_payload(s.id, &s.number),
        made_at: chrono::Utc::now(),
    };
    let renderer = app.acts().await?;
    let pdf = tokio::task::spawn_blocking(move || renderer.render_sample_label(&label))
        .await
        .map_err(|_| AppError::internal())?
        .map_err(|e| {
            tracing::error!(error = %e, "sample label rendering failed");
            AppError::new(Kind::Unavailable, "act-render-failed")
        })?;
    actor
        .record(
            actor
                .entry("sample.label", Some("sample"), Some(id.to_string()))
                .details(json!({ "number": s.number })),
        )
        .await?;
    Ok(pdf)
}
