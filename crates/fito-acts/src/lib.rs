//! Renders phytosanitary acts (R-ACT-1) to PDF: typst templates that an administrator
//! can read and edit, act data passed to them as JSON, labels from Fluent, fonts that
//! cover Kazakh, and a QR code that seals the act's id and content hash.
//!
//! Pure: no database, no HTTP, no clock. The same [`ActDocument`] gives the same bytes.

mod fonts;
mod labels;
mod model;
mod render;
mod report;
mod seal;
mod templates;
mod view;
mod world;
mod zone;

pub use fonts::KAZAKH_ALPHABET;
pub use labels::{LabelLanguage, act_labels};
pub use model::*;
pub use render::{ActRenderer, RendererConfig};
pub use report::{ReportDocument, ReportSection};
pub use seal::{canonical_content, content_hash, parse_qr_payload, qr_payload};
pub use templates::TemplateSource;
pub use zone::{Marker, SampleLabel, ZoneDocument};

/// Default font folder: Debian's fonts-dejavu-core.
pub const DEFAULT_FONT_DIR: &str = "/usr/share/fonts/truetype/dejavu";
/// Default font family; DejaVu Sans covers Kazakh, Russian and Latin in every style.
pub const DEFAULT_FONT_FAMILY: &str = "DejaVu Sans";

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("fonts: {0}")]
    Fonts(String),
    #[error("templates: {0}")]
    Templates(String),
    #[error("labels: {0}")]
    Labels(String),
    /// The template failed to compile or lay out; the messages name the template line.
    #[error("typst: {0}")]
    Typst(String),
    #[error("pdf export: {0}")]
    Pdf(String),
}

impl RenderError {
    /// Stable machine code for problem+json responses.
    pub fn code(&self) -> &'static str {
        match self {
            RenderError::Fonts(_) => "act-render-fonts",
            RenderError::Templates(_) => "act-render-templates",
            RenderError::Labels(_) => "act-render-labels",
            RenderError::Typst(_) => "act-render-template-failed",
            RenderError::Pdf(_) => "act-render-pdf",
        }
    }
}
