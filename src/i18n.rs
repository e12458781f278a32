//! The six languages of escale and their Fluent messages (`locales/<lang>/escale.ftl`).
//!
//! Every message id exists in every locale (a test checks it), so a lookup only fails on a bug:
//! the id is then shown as-is and logged, never a panic in front of a tourist.

use std::fmt;
use std::path::Path;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_langneg::{NegotiationStrategy, negotiate_languages};
use serde::{Deserialize, Serialize};
use unic_langid::LanguageIdentifier;

/// A language escale speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Fr,
    En,
    De,
    Es,
    It,
    Nl,
}

impl Lang {
    pub const ALL: [Lang; 6] = [Lang::Fr, Lang::En, Lang::De, Lang::Es, Lang::It, Lang::Nl];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
            Lang::De => "de",
            Lang::Es => "es",
            Lang::It => "it",
            Lang::Nl => "nl",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language for a Telegram `language_code` ("de-AT" → de); `default` when we do not
    /// speak it ("pt-BR").
    pub fn negotiate(language_code: Option<&str>, default: Lang) -> Lang {
        let Some(requested) = language_code.and_then(|c| c.parse::<LanguageIdentifier>().ok())
        else {
            return default;
        };
        let available: Vec<LanguageIdentifier> = Lang::ALL
            .iter()
            .filter_map(|l| l.code().parse().ok())
            .collect();
        negotiate_languages(&[requested], &available, None, NegotiationStrategy::Lookup)
            .first()
            .and_then(|id| Lang::from_code(id.language.as_str()))
            .unwrap_or(default)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The Fluent bundles of the six languages.
pub struct I18n {
    bundles: Vec<(Lang, FluentBundle<FluentResource>)>,
    ids: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("locales/{lang}/escale.ftl: {problem}")]
    Invalid { lang: Lang, problem: String },
}

/// The locales shipped with escale, compiled in for `escale demo`.
const EMBEDDED: [(Lang, &str); 6] = [
    (Lang::Fr, include_str!("../locales/fr/escale.ftl")),
    (Lang::En, include_str!("../locales/en/escale.ftl")),
    (Lang::De, include_str!("../locales/de/escale.ftl")),
    (Lang::Es, include_str!("../locales/es/escale.ftl")),
    (Lang::It, include_str!("../locales/it/escale.ftl")),
    (Lang::Nl, include_str!("../locales/nl/escale.ftl")),
];

impl I18n {
    /// Loads `dir/<lang>/escale.ftl` for the six languages.
    pub fn load(dir: &Path) -> Result<I18n, I18nError> {
        let mut sources = Vec::new();
        for lang in Lang::ALL {
            let path = dir.join(lang.code()).join("escale.ftl");
            let text = std::fs::read_to_string(&path).map_err(|source| I18nError::Read {
                path: path.display().to_string(),
                source,
            })?;
            sources.push((lang, text));
        }
        I18n::from_sources(sources)
    }

    /// The locales compiled into the binary.
    pub fn embedded() -> I18n {
        I18n::from_sources(EMBEDDED.map(|(lang, text)| (lang, text.to_owned())))
            .expect("the shipped locales are valid (tested)")
    }

    fn from_sources(sources: impl IntoIterator<Item = (Lang, String)>) -> Result<I18n, I18nError> {
        let mut bundles = Vec::new();
        let mut reference: Option<(Lang, Vec<String>)> = None;
        for (lang, text) in sources {
            let invalid = |problem: String| I18nError::Invalid { lang, problem };
            let resource = FluentResource::try_new(text)
                .map_err(|(_, errors)| invalid(format!("syntax error: {errors:?}")))?;
            let ids = message_ids(&resource);
            match &reference {
                None => reference = Some((lang, ids)),
                Some((first, expected)) if *expected != ids => {
                    let missing: Vec<_> = expected.iter().filter(|id| !ids.contains(id)).collect();
                    let extra: Vec<_> = ids.iter().filter(|id| !expected.contains(id)).collect();
                    return Err(invalid(format!(
                        "messages differ from locales/{first}: missing {missing:?}, not in {first} {extra:?}"
                    )));
                }
                Some(_) => {}
            }
            let id: LanguageIdentifier =
                lang.code().parse().map_err(|e| invalid(format!("{e}")))?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Telegram renders the invisible isolation marks as garbage on some clients.
            bundle.set_use_isolating(false);
            bundle
                .add_resource(resource)
                .map_err(|errors| invalid(format!("{errors:?}")))?;
            bundles.push((lang, bundle));
        }
        let ids = reference.map(|(_, ids)| ids).unwrap_or_default();
        Ok(I18n { bundles, ids })
    }

    /// The message `id` in `lang`.
    pub fn t(&self, lang: Lang, id: &str) -> String {
        self.format(lang, id, None)
    }

    /// The message `id` in `lang`, with arguments.
    pub fn t_args(&self, lang: Lang, id: &str, args: &[(&str, FluentValue)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        self.format(lang, id, Some(&fluent_args))
    }

    fn format(&self, lang: Lang, id: &str, args: Option<&FluentArgs>) -> String {
        let Some(bundle) = self.bundle(lang) else {
            return id.to_owned();
        };
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            tracing::error!(%lang, id, "missing Fluent message");
            return id.to_owned();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::error!(%lang, id, ?errors, "Fluent formatting error");
        }
        text.into_owned()
    }

    fn bundle(&self, lang: Lang) -> Option<&FluentBundle<FluentResource>> {
        self.bundles
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, b)| b)
    }

    /// Every message id, sorted (the same in every language: checked at load).
    pub fn message_ids(&self) -> &[String] {
        &self.ids
    }
}

fn message_ids(resource: &FluentResource) -> Vec<String> {
    let mut ids: Vec<String> = resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect();
    ids.sort();
    ids
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// Every message of every locale uses the same arguments as in English, and formats without
    /// error with them; a message missing in one locale already fails `embedded()`.
    #[test]
    fn every_message_formats_in_every_language() {
        use fluent_syntax::ast;

        fn variables<'s>(pattern: &ast::Pattern<&'s str>, found: &mut Vec<&'s str>) {
            for element in &pattern.elements {
                if let ast::PatternElement::Placeable { expression } = element {
                    expression_variables(expression, found);
                }
            }
        }
        fn expression_variables<'s>(
            expression: &ast::Expression<&'s str>,
            found: &mut Vec<&'s str>,
        ) {
            let (inline, variants) = match expression {
                ast::Expression::Inline(inline) => (inline, None),
                ast::Expression::Select { selector, variants } => (selector, Some(variants)),
            };
            match inline {
                ast::InlineExpression::VariableReference { id } => found.push(id.name),
                ast::InlineExpression::Placeable { expression } => {
                    expression_variables(expression, found)
                }
                _ => {}
            }
            for variant in variants.into_iter().flatten() {
                variables(&variant.value, found);
            }
        }
        let arguments = |text: &'static str| -> BTreeMap<String, Vec<&'static str>> {
            let resource = fluent_syntax::parser::parse(text).expect("valid Fluent");
            let mut messages = BTreeMap::new();
            for entry in resource.body {
                if let ast::Entry::Message(message) = entry {
                    let mut found = Vec::new();
                    if let Some(value) = &message.value {
                        variables(value, &mut found);
                    }
                    found.sort_unstable();
                    found.dedup();
                    messages.insert(message.id.name.to_owned(), found);
                }
            }
            messages
        };

        let i18n = I18n::embedded();
        assert!(i18n.message_ids().len() > 100);
        let english = arguments(EMBEDDED[1].1);
        for (lang, text) in EMBEDDED {
            let bundle = i18n.bundle(lang).expect("loaded");
            for (id, names) in arguments(text) {
                assert_eq!(
                    names, english[&id],
                    "{lang}: {id} does not take the arguments of en"
                );
                let pattern = bundle.get_message(&id).and_then(|m| m.value());
                let Some(pattern) = pattern else {
                    panic!("{lang}: {id} has no value")
                };
                let mut args = FluentArgs::new();
                for (i, name) in names.iter().enumerate() {
                    // Numbers exercise the plural selectors; any value formats as text.
                    args.set(*name, FluentValue::from(i + 1));
                }
                let mut errors = Vec::new();
                let formatted = bundle.format_pattern(pattern, Some(&args), &mut errors);
                assert!(errors.is_empty(), "{lang}: {id}: {errors:?}");
                assert!(!formatted.trim().is_empty(), "{lang}: {id} is empty");
            }
        }
    }

    #[test]
    fn a_locale_missing_a_message_is_refused() {
        let mut sources: Vec<(Lang, String)> = EMBEDDED.map(|(l, t)| (l, t.to_owned())).to_vec();
        sources[3].1 = sources[3].1.replace("lang-name =", "lang-nom =");
        let err = I18n::from_sources(sources)
            .err()
            .expect("refused")
            .to_string();
        assert!(err.contains("lang-name") && err.contains("es"), "{err}");
    }

    #[test]
    fn the_language_is_negotiated() {
        assert_eq!(Lang::negotiate(Some("de-AT"), Lang::Fr), Lang::De);
        assert_eq!(Lang::negotiate(Some("pt-BR"), Lang::Fr), Lang::Fr);
        assert_eq!(Lang::negotiate(Some("en"), Lang::Fr), Lang::En);
        assert_eq!(Lang::negotiate(Some("nl-BE"), Lang::En), Lang::Nl);
        assert_eq!(Lang::negotiate(None, Lang::It), Lang::It);
        assert_eq!(Lang::negotiate(Some("!!"), Lang::Es), Lang::Es);
    }

    #[test]
    fn each_language_names_itself() {
        let i18n = I18n::embedded();
        let names: Vec<String> = Lang::ALL.iter().map(|&l| i18n.t(l, "lang-name")).collect();
        assert!(
            names[0].contains("Français") && names[2].contains("Deutsch"),
            "{names:?}"
        );
    }
}
