//! Fonts come from a folder at run time (default: Debian's fonts-dejavu-core), never
//! from typst's bundled set, whose Libertinus lacks Kazakh letters in some styles.

use std::path::{Path, PathBuf};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontStyle, FontWeight};
use typst::utils::LazyHash;

use crate::RenderError;

/// The whole Kazakh Cyrillic alphabet, both cases: the letters an act must never lose.
pub const KAZAKH_ALPHABET: &str = "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ\
                                   аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя";

pub(crate) struct FontSet {
    pub(crate) book: LazyHash<FontBook>,
    pub(crate) fonts: Vec<Font>,
}

impl FontSet {
    /// Loads every TrueType/OpenType file under `dir` and checks that `family` can print
    /// every Kazakh letter upright and bold, so a bad font folder fails at start-up and
    /// not as empty boxes in a signed act.
    pub(crate) fn load(dir: &Path, family: &str) -> Result<Self, RenderError> {
        let mut paths = Vec::new();
        collect_font_files(dir, &mut paths)?;
        // Sorted so font indices, and therefore fallback choices, never vary between runs.
        paths.sort();
        let mut fonts = Vec::new();
        for path in &paths {
            let data = std::fs::read(path).map_err(|e| RenderError::Fonts(io_msg(path, &e)))?;
            fonts.extend(Font::iter(Bytes::new(data)));
        }
        check_family(&fonts, family, dir)?;
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        Ok(Self { book, fonts })
    }
}

fn collect_font_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), RenderError> {
    let entries = std::fs::read_dir(dir).map_err(|e| RenderError::Fonts(io_msg(dir, &e)))?;
    for entry in entries {
        let path = entry
            .map_err(|e| RenderError::Fonts(io_msg(dir, &e)))?
            .path();
        if path.is_dir() {
            collect_font_files(&path, out)?;
        } else if path
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| matches!(ext.to_ascii_lowercase().as_str(), "ttf" | "otf" | "ttc"))
        {
            out.push(path);
        }
    }
    Ok(())
}

fn check_family(fonts: &[Font], family: &str, dir: &Path) -> Result<(), RenderError> {
    let faces: Vec<&Font> = fonts
        .iter()
        .filter(|font| font.info().family.eq_ignore_ascii_case(family))
        .collect();
    for weight in [FontWeight::REGULAR, FontWeight::BOLD] {
        let face = faces
            .iter()
            .find(|f| {
                f.info().variant.weight == weight && f.info().variant.style == FontStyle::Normal
            })
            .ok_or_else(|| {
                RenderError::Fonts(format!(
                    "{}: no {family} face of weight {weight:?}",
                    dir.display()
                ))
            })?;
        if let Some(missing) = KAZAKH_ALPHABET
            .chars()
            .find(|c| !face.info().coverage.contains(*c as u32))
        {
            return Err(RenderError::Fonts(format!(
                "{family} ({weight:?}) has no glyph for '{missing}'"
            )));
        }
    }
    Ok(())
}

fn io_msg(path: &Path, err: &std::io::Error) -> String {
    format!("{}: {err}", path.display())
}
