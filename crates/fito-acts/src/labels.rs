//! The fixed words of an act (titles, column headers, "Inspector" …) come from the same
//! Fluent files as the rest of the product, so translators work in one place.

use std::collections::BTreeMap;

use fluent_bundle::{FluentBundle, FluentResource};
use fluent_syntax::ast;
use unic_langid::LanguageIdentifier;

use crate::RenderError;

/// Languages an act can be printed in; English exists for the web app's previews of ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelLanguage {
    Kk,
    Ru,
    En,
}

impl LabelLanguage {
    fn source(self) -> &'static str {
        // Embedded so that a deployed binary cannot print an act with missing words.
        match self {
            LabelLanguage::Kk => include_str!("../../../i18n/kk/acts.ftl"),
            LabelLanguage::Ru => include_str!("../../../i18n/ru/acts.ftl"),
            LabelLanguage::En => include_str!("../../../i18n/en/acts.ftl"),
        }
    }

    fn langid(self) -> LanguageIdentifier {
        let tag = match self {
            LabelLanguage::Kk => "kk",
            LabelLanguage::Ru => "ru",
            LabelLanguage::En => "en",
        };
        tag.parse().expect("static language tags are valid")
    }
}

/// Every `act-*` message of one language, formatted (labels take no arguments).
pub fn act_labels(lang: LabelLanguage) -> Result<BTreeMap<String, String>, RenderError> {
    let resource = FluentResource::try_new(lang.source().to_owned())
        .map_err(|(_, errors)| RenderError::Labels(format!("{lang:?}: {errors:?}")))?;
    let ids: Vec<String> = resource
        .entries()
        .filter_map(|entry| match entry {
            ast::Entry::Message(message) if message.id.name.starts_with("act-") => {
                Some(message.id.name.to_owned())
            }
            _ => None,
        })
        .collect();

    let mut bundle = FluentBundle::new(vec![lang.langid()]);
    // Isolation marks (U+2068/U+2069) would end up as invisible characters in the PDF.
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .map_err(|errors| RenderError::Labels(format!("{lang:?}: {errors:?}")))?;

    let mut labels = BTreeMap::new();
    for id in ids {
        let pattern = bundle
            .get_message(&id)
            .and_then(|message| message.value())
            .ok_or_else(|| RenderError::Labels(format!("{lang:?}: {id} has no value")))?;
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, None, &mut errors);
        if !errors.is_empty() {
            return Err(RenderError::Labels(format!("{lang:?}: {id}: {errors:?}")));
        }
        labels.insert(id, text.into_owned());
    }
    Ok(labels)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Intensity, OrganismCategory, SignatoryRole};
    use crate::{ActType, templates::TemplateSource};

    /// Ids the Rust side hands to templates (`act.title`, `f.category`, `f.unit`, `s.role`).
    fn ids_from_rust() -> Vec<String> {
        let mut ids: Vec<String> = ActType::ALL
            .iter()
            .map(|t| format!("act-title-{}", t.slug()))
            .collect();
        let categories = [
            OrganismCategory::Quarantine,
            OrganismCategory::EspeciallyDangerous,
            OrganismCategory::Ordinary,
        ];
        ids.extend(categories.iter().map(|c| c.label_id().to_owned()));
        let units = [
            Intensity::PerSquareMetre { value: 0.0 },
            Intensity::PerPlant { value: 0.0 },
            Intensity::PerTrap { value: 0.0 },
            Intensity::PrevalencePercent { value: 0.0 },
            Intensity::CoverPercent { value: 0.0 },
        ];
        ids.extend(units.iter().map(|u| u.unit_label_id().to_owned()));
        let roles = [
            SignatoryRole::Inspector,
            SignatoryRole::Head,
            SignatoryRole::OwnerRepresentative,
            SignatoryRole::Witness,
        ];
        ids.extend(roles.iter().map(|r| r.label_id().to_owned()));
        ids
    }

    /// Every `"act-…"` string literal in the shipped templates.
    fn ids_from_templates() -> Vec<String> {
        let mut ids = Vec::new();
        for (_, text) in TemplateSource::Embedded.load().unwrap() {
            for piece in text.split("\"act-").skip(1) {
                let end = piece.find('"').expect("closed string literal");
                ids.push(format!("act-{}", &piece[..end]));
            }
        }
        ids
    }

    #[test]
    fn r_i18n_1_every_label_an_act_uses_exists_in_kazakh_russian_and_english() {
        let used: Vec<String> = ids_from_rust()
            .into_iter()
            .chain(ids_from_templates())
            .collect();
        assert!(used.len() > 40, "found only {} ids", used.len());
        for lang in [LabelLanguage::Kk, LabelLanguage::Ru, LabelLanguage::En] {
            let labels = act_labels(lang).unwrap();
            for id in &used {
                assert!(labels.contains_key(id), "{id} missing in {lang:?}");
            }
        }
    }

    #[test]
    fn r_i18n_1_act_files_define_the_same_ids_in_every_language() {
        let kk: Vec<String> = act_labels(LabelLanguage::Kk).unwrap().into_keys().collect();
        for lang in [LabelLanguage::Ru, LabelLanguage::En] {
            let other: Vec<String> = act_labels(lang).unwrap().into_keys().collect();
            assert_eq!(kk, other, "{lang:?} differs from kk");
        }
    }
}
