//! Every user-visible string comes from the Fluent files in `i18n/` (kk, ru, en),
//! compiled into the binary. Kazakh is the default and prevails.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Kazakh, the default.
    #[default]
    Kk,
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// Picks the best of kk, ru, en from an `Accept-Language` header by q-value;
    /// Kazakh when nothing matches.
    pub fn from_accept_language(header: Option<&str>) -> Lang {
        let Some(header) = header else {
            return Lang::Kk;
        };
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            let lang = match primary {
                "kk" => Lang::Kk,
                "ru" => Lang::Ru,
                "en" => Lang::En,
                _ => continue,
            };
            if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l).unwrap_or(Lang::Kk)
    }
}

macro_rules! ftl_files {
    ($lang:literal) => {
        [
            include_str!(concat!("../../../i18n/", $lang, "/errors.ftl")),
            include_str!(concat!("../../../i18n/", $lang, "/common.ftl")),
            include_str!(concat!("../../../i18n/", $lang, "/register.ftl")),
            include_str!(concat!("../../../i18n/", $lang, "/fieldwork.ftl")),
            include_str!(concat!("../../../i18n/", $lang, "/esign.ftl")),
            include_str!(concat!("../../../i18n/", $lang, "/notify.ftl")),
            include_str!(concat!("../../../i18n/", $lang, "/privacy.ftl")),
            include_str!(concat!("../../../i18n/", $lang, "/sync.ftl")),
            include_str!(concat!("../../../i18n/", $lang, "/tiles.ftl")),
            include_str!(concat!("../../../i18n/", $lang, "/analytics.ftl")),
            include_str!(concat!("../../../i18n/", $lang, "/zones.ftl")),
            include_str!(concat!("../../../i18n/", $lang, "/samples.ftl")),
            include_str!(concat!("../../../i18n/", $lang, "/registry.ftl")),
        ]
    };
}

pub struct I18n {
    bundles: Vec<(Lang, FluentBundle<FluentResource>)>,
}

impl I18n {
    pub fn load() -> I18n {
        let sources = [
            (Lang::Kk, ftl_files!("kk")),
            (Lang::Ru, ftl_files!("ru")),
            (Lang::En, ftl_files!("en")),
        ];
        let bundles = sources
            .into_iter()
            .map(|(lang, files)| {
                let id: LanguageIdentifier = lang.code().parse().expect("language tag");
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                // No Unicode isolation marks: messages end up in JSON and PDFs.
                bundle.set_use_isolating(false);
                for text in files {
                    let resource =
                        FluentResource::try_new(text.to_string()).unwrap_or_else(|(_, errors)| {
                            panic!("{} Fluent syntax: {errors:?}", lang.code())
                        });
                    bundle
                        .add_resource(resource)
                        .expect("unique Fluent message ids");
                }
                (lang, bundle)
            })
            .collect();
        I18n { bundles }
    }

    fn bundle(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        &self
            .bundles
            .iter()
            .find(|(l, _)| *l == lang)
            .expect("every language loaded")
            .1
    }

    /// The message `id` in `lang`; falls back to Kazakh, then to the id itself.
    /// Geometry messages (`geo-…`) get `$where`: the feature, line, polygon, ring
    /// and vertex among `args`, said in `lang`, or nothing.
    pub fn message(&self, lang: Lang, id: &str, args: &[(&str, String)]) -> String {
        let mut fluent_args = FluentArgs::new();
        if id.starts_with("geo-") && !id.starts_with("geo-at-") {
            let parts: Vec<String> = ["feature", "line", "polygon", "ring", "vertex"]
                .iter()
                .filter_map(|name| {
                    let (_, value) = args.iter().find(|(k, _)| k == name)?;
                    Some(self.message(lang, &format!("geo-at-{name}"), &[(name, value.clone())]))
                })
                .collect();
            let place = if parts.is_empty() {
                String::new()
            } else {
                format!(" ({})", parts.join(", "))
            };
            fluent_args.set("where", FluentValue::from(place));
        }
        for (name, value) in args {
            // Numbers stay numbers so plural rules (kk, ru) apply.
            match value.parse::<i64>() {
                Ok(n) => fluent_args.set(*name, FluentValue::from(n)),
                Err(_) => fluent_args.set(*name, FluentValue::from(value.clone())),
            }
        }
        for candidate in [lang, Lang::Kk] {
            let bundle = self.bundle(candidate);
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
                return text.into_owned();
            }
        }
        id.to_string()
    }

    pub fn has(&self, lang: Lang, id: &str) -> bool {
        self.bundle(lang).has_message(id)
    }

    /// Every message id of a language, for the parity test.
    pub fn ids(lang: Lang) -> Vec<String> {
        let files: Vec<&str> = match lang {
            Lang::Kk => ftl_files!("kk").to_vec(),
            Lang::Ru => ftl_files!("ru").to_vec(),
            Lang::En => ftl_files!("en").to_vec(),
        };
        let mut ids: Vec<String> = files
            .iter()
            .flat_map(|text| text.lines())
            .filter_map(|line| {
                let (id, _) = line.split_once(" =")?;
                let first = id.chars().next()?;
                (first.is_ascii_alphabetic() && !id.contains(' ')).then(|| id.to_string())
            })
            .collect();
        ids.sort();
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_i18n_1_every_message_exists_in_kazakh_russian_and_english() {
        let kk = I18n::ids(Lang::Kk);
        assert!(kk.len() > 40);
        assert_eq!(kk, I18n::ids(Lang::Ru), "ru differs from kk");
        assert_eq!(kk, I18n::ids(Lang::En), "en differs from kk");
    }

    #[test]
    fn r_i18n_1_kazakh_is_the_default_language() {
        assert_eq!(Lang::from_accept_language(None), Lang::Kk);
        assert_eq!(
            Lang::from_accept_language(Some("de-DE, fr;q=0.8")),
            Lang::Kk
        );
        assert_eq!(
            Lang::from_accept_language(Some("ru-RU,ru;q=0.9,en;q=0.8")),
            Lang::Ru
        );
        assert_eq!(
            Lang::from_accept_language(Some("en;q=0.5, kk;q=0.9")),
            Lang::Kk
        );
        assert_eq!(Lang::from_accept_language(Some("en-GB")), Lang::En);
        assert_eq!(Lang::from_accept_language(Some("ru;q=0, en")), Lang::En);
    }

    #[test]
    fn russian_plurals_follow_russian_rules() {
        let i18n = I18n::load();
        let m = |n: &str| i18n.message(Lang::Ru, "auth-locked", &[("minutes", n.to_string())]);
        assert!(m("1").contains("1 минуту"));
        assert!(m("3").contains("3 минуты"));
        assert!(m("15").contains("15 минут"));
        assert!(
            i18n.message(Lang::En, "auth-locked", &[("minutes", "1".into())])
                .contains("1 minute.")
        );
    }

    #[test]
    fn geometry_messages_say_where_in_the_callers_language() {
        let i18n = I18n::load();
        let args = [("polygon", "1".to_string()), ("ring", "2".to_string())];
        assert_eq!(
            i18n.message(Lang::Ru, "geo-ring-self-intersects", &args),
            "Контур пересекает или касается сам себя (полигон 1, контур 2)."
        );
        assert_eq!(
            i18n.message(Lang::En, "geo-ring-not-closed", &[]),
            "A ring does not end where it starts."
        );
    }

    #[test]
    fn unknown_ids_fall_back_to_the_id() {
        let i18n = I18n::load();
        assert_eq!(
            i18n.message(Lang::En, "no-such-message", &[]),
            "no-such-message"
        );
    }
}
