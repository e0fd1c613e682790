//! Reports (issue 13) rendered with the acts' machinery: a closed typst world, the
//! configured fonts, the data as JSON, a template an administrator can edit
//! (`report.typ`). The caller hands the words already translated and the numbers
//! already formatted; the template lays out a header and one table per section.

use chrono::{DateTime, Datelike, Timelike, Utc};
use serde::Serialize;
use typst::foundations::{Bytes, Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use crate::RenderError;
use crate::render::{ActRenderer, describe};
use crate::world::{ActWorld, DATA_PATH};

/// The shipped report template, used when the configured set has none.
const REPORT_TEMPLATE: &str = include_str!("../templates/report.typ");

/// One table of the report.
#[derive(Debug, Clone, Serialize)]
pub struct ReportSection {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Everything a report page shows.
#[derive(Debug, Clone, Serialize)]
pub struct ReportDocument {
    /// `kk`, `ru` or `en`: the text's language (hyphenation).
    pub lang: String,
    pub organization: String,
    pub title: String,
    /// (label, value) lines under the title: the period, then each filter.
    pub lines: Vec<(String, String)>,
    pub sections: Vec<ReportSection>,
    /// When it was made; shown in the PDF's metadata, never the clock.
    pub made_at: DateTime<Utc>,
}

impl ActRenderer {
    /// Renders a report to PDF bytes.
    pub fn render_report(&self, report: &ReportDocument) -> Result<Vec<u8>, RenderError> {
        let data = serde_json::json!({ "font": self.config.font_family, "report": report });
        self.render_page(
            "/report.typ",
            REPORT_TEMPLATE,
            data,
            Vec::new(),
            report.made_at,
        )
    }

    /// Renders `name` (the configured template, else `shipped`) over `data` as
    /// "/act.json" and the extra files, dated `at` in the PDF's metadata.
    pub(crate) fn render_page(
        &self,
        name: &str,
        shipped: &str,
        data: serde_json::Value,
        files: Vec<(&str, Bytes)>,
        at: DateTime<Utc>,
    ) -> Result<Vec<u8>, RenderError> {
        let mut templates = self.config.templates.load()?;
        if !templates.iter().any(|(p, _)| p == name) {
            templates.push((name.to_owned(), shipped.to_owned()));
        }
        let data = serde_json::to_vec(&data).expect("a JSON value always serialises");
        let part = |v: u32| u8::try_from(v).unwrap_or(0);
        let when = Datetime::from_ymd_hms(
            at.year(),
            part(at.month()),
            part(at.day()),
            part(at.hour()),
            part(at.minute()),
            part(at.second()),
        )
        .ok_or_else(|| RenderError::Pdf(format!("date out of range: {at}")))?;
        let mut all = vec![(DATA_PATH, Bytes::new(data))];
        all.extend(files);
        let world = ActWorld::new(
            self.library.clone(),
            self.fonts.clone(),
            &templates,
            name,
            all,
            when,
        );
        let document = typst::compile::<PagedDocument>(&world)
            .output
            .map_err(|errors| RenderError::Typst(describe(&world, &errors)))?;
        let options = PdfOptions {
            ident: Smart::Auto,
            creator: Smart::Custom(Some("Fito centre".to_owned())),
            timestamp: Some(Timestamp::new_utc(when)),
            ..PdfOptions::default()
        };
        let pdf = typst_pdf::pdf(&document, &options)
            .map_err(|errors| RenderError::Pdf(describe(&world, &errors)))?;
        typst::comemo::evict(10);
        Ok(pdf)
    }
}
