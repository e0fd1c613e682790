//! The policy a fresh installation publishes (R-PD-4, issue 15): the operator's texts
//! in `seed/policy/` (compiled in, never written here), published through the same use
//! case as `fito policy publish` when the database has no policy version at all.

use super::policy::{PublishPolicy, publish_by_system};
use crate::app::{App, AppError};
use fito_store::privacy::{self, PolicyVersion};
use serde::Deserialize;

const POLICY_TOML: &str = include_str!("../../../../../seed/policy/policy.toml");
const TEXT_KK: &str = include_str!("../../../../../seed/policy/kk.md");
const TEXT_RU: &str = include_str!("../../../../../seed/policy/ru.md");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedVersion {
    version: String,
    effective_from: String,
}

/// The seed policy as a publication: version, date and both texts.
pub fn seed_policy() -> PublishPolicy {
    let seed: SeedVersion =
        toml::from_str(POLICY_TOML).expect("seed/policy/policy.toml is well-formed");
    PublishPolicy {
        version: seed.version,
        effective_from: seed.effective_from,
        text_kk: TEXT_KK.to_string(),
        text_ru: Some(TEXT_RU.to_string()),
    }
}

/// Publishes the seed policy when no version was ever published; does nothing
/// otherwise (also when another instance published it a moment earlier).
pub async fn publish_on_first_start(app: &App) -> Result<Option<PolicyVersion>, AppError> {
    if !privacy::policy_versions(app.store.reader())
        .await?
        .is_empty()
    {
        return Ok(None);
    }
    match publish_by_system(app, seed_policy()).await {
        Ok(published) => Ok(Some(published)),
        Err(e) if e.code == "policy-version-exists" => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_names_its_version_and_marks_the_translation() {
        let seed = seed_policy();
        assert_eq!(seed.version, "1.0");
        assert_eq!(seed.effective_from, "2026-05-18");
        assert!(!seed.text_kk.trim().is_empty());
        // The translation says so first (the Kazakh text prevails).
        let ru = seed.text_ru.unwrap();
        assert!(ru.starts_with("> **Перевод на русский язык.**"), "{ru}");
    }
}
