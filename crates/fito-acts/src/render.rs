//! One rendering: act → JSON + QR → typst → PDF bytes.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{Datelike, Timelike};
use serde_json::json;
use typst::diag::SourceDiagnostic;
use typst::foundations::{Bytes, Datetime, Smart};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::fonts::FontSet;
use crate::labels::{LabelLanguage, act_labels};
use crate::model::{ActDocument, ActLanguage};
use crate::templates::{TemplateSource, main_template};
use crate::view::{act_view, almaty, almaty_offset_minutes};
use crate::world::{ActWorld, DATA_PATH, QR_PATH};
use crate::{DEFAULT_FONT_DIR, DEFAULT_FONT_FAMILY, RenderError, seal};

#[derive(Debug, Clone)]
pub struct RendererConfig {
    /// Folder searched (recursively) for .ttf/.otf/.ttc files.
    pub font_dir: PathBuf,
    /// Family the templates use; checked at start-up to cover every Kazakh letter.
    pub font_family: String,
    pub templates: TemplateSource,
}

impl Default for RendererConfig {
    fn default() -> Self {
        Self {
            font_dir: PathBuf::from(DEFAULT_FONT_DIR),
            font_family: DEFAULT_FONT_FAMILY.to_owned(),
            templates: TemplateSource::Embedded,
        }
    }
}

/// Holds what is expensive to build (fonts, typst's standard library, labels); cheap to
/// share between threads, one per process.
pub struct ActRenderer {
    pub(crate) config: RendererConfig,
    pub(crate) fonts: Arc<FontSet>,
    pub(crate) library: Arc<LazyHash<Library>>,
    labels_kk: BTreeMap<String, String>,
    labels_ru: BTreeMap<String, String>,
}

impl ActRenderer {
    pub fn new(config: RendererConfig) -> Result<Self, RenderError> {
        let fonts = Arc::new(FontSet::load(&config.font_dir, &config.font_family)?);
        // Fail now rather than on the first act if the configured templates are unusable.
        config.templates.load()?;
        Ok(Self {
            fonts,
            library: Arc::new(LazyHash::new(Library::default())),
            labels_kk: act_labels(LabelLanguage::Kk)?,
            labels_ru: act_labels(LabelLanguage::Ru)?,
            config,
        })
    }

    /// Renders the act to PDF/A-2b bytes; identical input gives identical bytes.
    pub fn render(&self, act: &ActDocument) -> Result<Vec<u8>, RenderError> {
        let world = self.world(act)?;
        let compiled = typst::compile::<PagedDocument>(&world);
        let document = compiled
            .output
            .map_err(|errors| RenderError::Typst(describe(&world, &errors)))?;
        let pdf = typst_pdf::pdf(&document, &pdf_options(act)?)
            .map_err(|errors| RenderError::Pdf(describe(&world, &errors)))?;
        // typst memoises across compilations; without eviction a long-running server
        // would keep every act it ever rendered in memory.
        typst::comemo::evict(10);
        Ok(pdf)
    }

    fn world(&self, act: &ActDocument) -> Result<ActWorld, RenderError> {
        let templates = self.config.templates.load()?;
        let main = main_template(&templates, act.act_type, act.language)?;
        let hash_hex = hex::encode(seal::content_hash(act));
        let langs: &[&str] = match act.language {
            ActLanguage::Kk => &["kk"],
            ActLanguage::Ru => &["ru"],
            ActLanguage::KkRu => &["kk", "ru"],
        };
        let data = json!({
            "langs": langs,
            "font": self.config.font_family,
            "labels": { "kk": self.labels_kk, "ru": self.labels_ru },
            "qr": QR_PATH,
            "act": act_view(act, &hash_hex),
        });
        let data = serde_json::to_vec(&data).expect("a JSON value always serialises");
        let qr = seal::qr_svg(&seal::qr_payload(act));
        Ok(ActWorld::new(
            self.library.clone(),
            self.fonts.clone(),
            &templates,
            &main,
            vec![
                (DATA_PATH, Bytes::new(data)),
                (QR_PATH, Bytes::new(qr.into_bytes())),
            ],
            typst_datetime(act)?,
        ))
    }
}

/// The act's issue time in Almaty as a typst datetime.
fn typst_datetime(act: &ActDocument) -> Result<Datetime, RenderError> {
    let at = almaty(act.issued_at);
    // chrono's parts are within u8 range except the year, which typst takes as i32.
    let part = |v: u32| u8::try_from(v).expect("month, day, h, m, s fit in u8");
    Datetime::from_ymd_hms(
        at.year(),
        part(at.month()),
        part(at.day()),
        part(at.hour()),
        part(at.minute()),
        part(at.second()),
    )
    .ok_or_else(|| RenderError::Pdf(format!("date out of range: {at}")))
}

fn pdf_options(act: &ActDocument) -> Result<PdfOptions, RenderError> {
    let timestamp =
        Timestamp::new_local(typst_datetime(act)?, almaty_offset_minutes(act.issued_at))
            .ok_or_else(|| RenderError::Pdf("invalid time-zone offset".to_owned()))?;
    let standards = PdfStandards::new(&[PdfStandard::A_2b])
        .map_err(|e| RenderError::Pdf(e.message().to_string()))?;
    Ok(PdfOptions {
        // A stable identifier keeps the PDF's /ID (otherwise a hash of title and
        // author) the same for every rendering of this act and different across acts.
        ident: Smart::Custom(act.id.hyphenated().to_string()),
        // Fixed so that upgrading typst alone does not change the bytes' metadata.
        creator: Smart::Custom(Some("Fito centre".to_owned())),
        timestamp: Some(timestamp),
        page_ranges: None,
        standards,
        tagged: true,
        pretty: false,
    })
}

/// Turns typst diagnostics into one message naming template file and line.
pub(crate) fn describe(world: &ActWorld, diagnostics: &[SourceDiagnostic]) -> String {
    diagnostics
        .iter()
        .map(|diag| {
            let place = diag.span.id().and_then(|id| {
                let range = world.range(diag.span)?;
                let source = world.source(id).ok()?;
                let line = source.lines().byte_to_line(range.start)? + 1;
                Some(format!("{}:{line}: ", id.vpath().get_with_slash()))
            });
            let hints: String = diag
                .hints
                .iter()
                .map(|h| format!(" (hint: {})", h.v))
                .collect();
            format!("{}{}{hints}", place.unwrap_or_default(), diag.message)
        })
        .collect::<Vec<_>>()
        .join("; ")
}
