//! A closed typst world: the templates, one JSON file with the act, one QR image and
//! the configured fonts. Nothing else is reachable: no packages, no network, no files
//! outside the template set, so a template cannot leak the server's disk into an act.

use std::collections::HashMap;
use std::sync::Arc;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};

use crate::fonts::FontSet;

/// Virtual path of the act's data, as the templates read it with `json(...)`.
pub(crate) const DATA_PATH: &str = "/act.json";
/// Virtual path of the QR code image.
pub(crate) const QR_PATH: &str = "/qr.svg";

pub(crate) struct ActWorld {
    library: Arc<LazyHash<Library>>,
    fonts: Arc<FontSet>,
    main: FileId,
    sources: HashMap<FileId, Source>,
    files: HashMap<FileId, Bytes>,
    today: Datetime,
}

pub(crate) fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("paths built by this crate are valid");
    FileId::new(RootedPath::new(VirtualRoot::Project, vpath))
}

impl ActWorld {
    /// `templates` maps virtual paths (`/lib.typ`) to markup; `main` is one of them.
    pub(crate) fn new(
        library: Arc<LazyHash<Library>>,
        fonts: Arc<FontSet>,
        templates: &[(String, String)],
        main: &str,
        data: Vec<(&str, Bytes)>,
        today: Datetime,
    ) -> Self {
        let sources = templates
            .iter()
            .map(|(path, text)| {
                let id = file_id(path);
                (id, Source::new(id, text.clone()))
            })
            .collect();
        let files = data
            .into_iter()
            .map(|(path, bytes)| (file_id(path), bytes))
            .collect();
        Self {
            library,
            fonts,
            main: file_id(main),
            sources,
            files,
            today,
        }
    }
}

impl World for ActWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.sources.get(&id).cloned().ok_or_else(|| not_found(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(bytes) = self.files.get(&id) {
            return Ok(bytes.clone());
        }
        self.sources
            .get(&id)
            .map(|source| Bytes::from_string(source.clone()))
            .ok_or_else(|| not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }

    /// The act's own date, never the clock: `datetime.today()` in a template must not
    /// make two renderings of one act differ.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_with_slash().into())
}
