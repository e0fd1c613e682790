//! Where templates come from. The shipped set is compiled in, so an act always renders;
//! an administrator can point the renderer at a folder of edited copies instead.
//!
//! Lookup for an act type and language: `<type>.<lang>.typ` (e.g. `sampling.kk-ru.typ`)
//! if the set has it, else `<type>.typ`, which reads the language from the data.
//! Every `.typ` file in the set can be imported by the others (`#import "lib.typ"`).

use std::path::{Path, PathBuf};

use crate::RenderError;
use crate::model::{ActLanguage, ActType};

const EMBEDDED: &[(&str, &str)] = &[
    ("/lib.typ", include_str!("../templates/lib.typ")),
    (
        "/quarantine-survey.typ",
        include_str!("../templates/quarantine-survey.typ"),
    ),
    (
        "/crop-monitoring.typ",
        include_str!("../templates/crop-monitoring.typ"),
    ),
    ("/sampling.typ", include_str!("../templates/sampling.typ")),
    (
        "/prescription.typ",
        include_str!("../templates/prescription.typ"),
    ),
];

#[derive(Debug, Clone, Default)]
pub enum TemplateSource {
    /// The templates shipped in `crates/fito-acts/templates/`, compiled into the binary.
    #[default]
    Embedded,
    /// A folder of `.typ` files, read at every rendering so edits apply without a restart.
    Directory(PathBuf),
}

impl TemplateSource {
    /// All templates as (virtual path, markup) pairs, sorted by path.
    pub(crate) fn load(&self) -> Result<Vec<(String, String)>, RenderError> {
        let mut set = match self {
            TemplateSource::Embedded => EMBEDDED
                .iter()
                .map(|(path, text)| ((*path).to_owned(), (*text).to_owned()))
                .collect(),
            TemplateSource::Directory(dir) => read_dir(dir)?,
        };
        set.sort();
        Ok(set)
    }
}

/// The virtual path of the main template for this act, per the lookup rule above.
pub(crate) fn main_template(
    set: &[(String, String)],
    act_type: ActType,
    language: ActLanguage,
) -> Result<String, RenderError> {
    let specific = format!("/{}.{}.typ", act_type.slug(), language.tag());
    let generic = format!("/{}.typ", act_type.slug());
    [specific, generic]
        .into_iter()
        .find(|candidate| set.iter().any(|(path, _)| path == candidate))
        .ok_or_else(|| RenderError::Templates(format!("no template for {}", act_type.slug())))
}

fn read_dir(dir: &Path) -> Result<Vec<(String, String)>, RenderError> {
    let err = |e: std::io::Error| RenderError::Templates(format!("{}: {e}", dir.display()));
    let mut set = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(err)? {
        let path = entry.map_err(err)?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if path.is_file() && name.ends_with(".typ") {
            let text = std::fs::read_to_string(&path).map_err(err)?;
            set.push((format!("/{name}"), text));
        }
    }
    Ok(set)
}
