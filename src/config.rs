//! The office's file, `config.toml`: the destination, its spots, its partners.
//!
//! Parsing is strict (`deny_unknown_fields`, types that cannot hold a bad value: ids, coordinates,
//! URLs, task names, languages), then [`Config::validate`] checks the rules that span several
//! fields. Every error names the key, the line, and how to fix it: the person reading it edits the
//! file by hand and is not a programmer.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use toml::Spanned;
use url::Url;

use crate::i18n::Lang;
use crate::tasks::TaskKind;

/// The sample destination shipped with escale (Pau), compiled in for `escale demo`.
pub const EMBEDDED: &str = include_str!("../config.toml");

/// Default distance within which a shared location opens a spot.
pub const DEFAULT_RADIUS_M: f64 = 150.0;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub destination: Destination,
    pub app: App,
    pub office: Office,
    pub spots: Vec<Spot>,
    #[serde(default)]
    pub partners: Vec<Partner>,
    pub rewards: Option<Rewards>,
    /// The folder of the config file: `postcard_image` paths are relative to it.
    #[serde(skip)]
    pub base_dir: std::path::PathBuf,
}

/// What a tourist gets after some tasks, with the partners' help.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rewards {
    /// Completed tasks (any spots) that earn the reward; reviews never count.
    pub after_tasks: Threshold,
    /// What the reward is and where to get it.
    pub text: Text,
}

/// A number of tasks, at least 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "u32")]
pub struct Threshold(pub usize);

impl TryFrom<u32> for Threshold {
    type Error = String;
    fn try_from(n: u32) -> Result<Self, String> {
        if n == 0 {
            return Err(
                "after_tasks must be at least 1 (the number of tasks that earn the reward)".into(),
            );
        }
        Ok(Threshold(n as usize))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Destination {
    pub name: Text,
    pub bot_username: BotUsername,
    pub default_language: Lang,
    pub hashtag: Hashtag,
    pub review_url: Option<Url>,
    /// The postcards' colours; a Pyrenees evening when not set.
    pub colours: Option<Colours>,
}

/// The colours of the destination's postcards, as `#rrggbb`.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Colours {
    /// The top of the sky drawn on cards without a picture.
    pub sky: Colour,
    /// The horizon, the stamp's border.
    pub horizon: Colour,
    /// The ink of the message: choose a dark colour.
    pub ink: Colour,
}

/// A colour written `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct Colour(pub [u8; 3]);

impl TryFrom<String> for Colour {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let bad = || format!("\"{s}\" is not a colour: write it #rrggbb, for example \"#263468\"");
        let hex = s
            .strip_prefix('#')
            // Six hex digits, checked as bytes before slicing: a character wider than one byte
            // would put a slice boundary inside it (a panic), and `from_str_radix` takes a sign.
            .filter(|h| h.len() == 6 && h.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(bad)?;
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| bad());
        Ok(Colour([channel(0)?, channel(2)?, channel(4)?]))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct App {
    pub name: Text,
    pub ios_url: Option<Url>,
    pub android_url: Option<Url>,
    pub web_url: Option<Url>,
    #[serde(default)]
    pub tips: BTreeMap<Lang, Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Office {
    #[serde(default)]
    pub admins: Vec<u64>,
    pub moderation_chat: Option<i64>,
    /// Photos of one tourist waiting for moderation at once, at most: no flooding the office.
    #[serde(default = "default_max_pending_photos")]
    pub max_pending_photos: usize,
}

fn default_max_pending_photos() -> usize {
    10
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spot {
    pub id: Spanned<Id>,
    pub name: Text,
    pub intro: Text,
    pub address: Option<String>,
    pub lat: Latitude,
    pub lon: Longitude,
    #[serde(default = "default_radius")]
    pub radius_m: Radius,
    #[serde(default)]
    pub hashtags: Vec<Hashtag>,
    pub review_url: Option<Url>,
    pub partner: Option<Spanned<Id>>,
    #[serde(default = "TaskKind::all")]
    pub tasks: Vec<TaskKind>,
    /// The spot's own picture for postcards: a JPEG or PNG under `assets/`.
    pub postcard_image: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    pub id: Spanned<Id>,
    pub name: Text,
    pub review_url: Option<Url>,
    #[serde(default)]
    pub staff: Vec<u64>,
}

/// A configuration error, ready to be shown to the person who edits the file.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    /// The file is not valid TOML, or a value has the wrong form (toml names the line).
    #[error("{0}")]
    Parse(String),
    /// A rule across fields is broken.
    #[error("line {line}: {key}: {problem}\n  fix: {fix}")]
    Invalid {
        line: usize,
        key: String,
        problem: String,
        fix: String,
    },
}

impl Config {
    /// Reads, parses and validates the file at `path`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let source = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.display().to_string(),
            source,
        })?;
        let mut config = Config::parse(&source)?;
        config.base_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        config.validate_files(&source)?;
        Ok(config)
    }

    /// The files the config names exist where it says.
    fn validate_files(&self, source: &str) -> Result<(), ConfigError> {
        for spot in &self.spots {
            let Some(image) = &spot.postcard_image else {
                continue;
            };
            let under_assets = Path::new(image).starts_with("assets")
                && !Path::new(image)
                    .components()
                    .any(|c| matches!(c, std::path::Component::ParentDir));
            let path = self.base_dir.join(image);
            let problem = if !under_assets {
                format!("\"{image}\" is not under assets/")
            } else if !path.is_file() {
                format!("there is no file {image} next to the config")
            } else {
                // Opened now, so that a broken picture is refused by check and by a reload alike.
                match std::fs::read(&path)
                    .map_err(|e| e.to_string())
                    .and_then(|bytes| {
                        crate::card::decode::decode(&bytes)
                            .map(drop)
                            .map_err(|e| e.to_string())
                    }) {
                    Ok(()) => continue,
                    Err(e) => format!("{image} cannot be used: {e}"),
                }
            };
            return Err(ConfigError::Invalid {
                line: source[..spot.id.span().start].matches('\n').count() + 1,
                key: format!("spots[{}].postcard_image", spot.id()),
                problem,
                fix: "put the JPEG or PNG in the assets/ folder and write its path, e.g. \"assets/chateau.jpg\"".into(),
            });
        }
        Ok(())
    }

    /// The spot's postcard picture on disk, if it has one.
    pub fn postcard_image(&self, spot: &Spot) -> Option<std::path::PathBuf> {
        spot.postcard_image
            .as_ref()
            .map(|image| self.base_dir.join(image))
    }

    /// Parses and validates a configuration held in memory.
    pub fn parse(source: &str) -> Result<Config, ConfigError> {
        let config: Config =
            toml::from_str(source).map_err(|e| ConfigError::Parse(e.to_string()))?;
        config.validate(source)?;
        Ok(config)
    }

    /// The embedded sample configuration.
    pub fn embedded() -> Config {
        Config::parse(EMBEDDED).expect("the shipped config.toml is valid (tested)")
    }

    pub fn spot(&self, id: &str) -> Option<&Spot> {
        self.spots.iter().find(|s| s.id() == id)
    }

    pub fn partner(&self, id: &str) -> Option<&Partner> {
        self.partners.iter().find(|p| p.id() == id)
    }

    /// A spot's name in `lang`, or its id when the spot left the config (old photos, counters).
    pub fn spot_name<'a>(&'a self, id: &'a str, lang: Lang) -> &'a str {
        self.spot(id)
            .map_or(id, |s| s.name.get(lang, self.destination.default_language))
    }

    /// `https://t.me/<bot>?start=<payload>`: the link printed on posters and QR codes.
    pub fn deep_link(&self, payload: &str) -> String {
        format!(
            "https://t.me/{}?start={payload}",
            self.destination.bot_username.0
        )
    }

    /// Whether this Telegram user is office staff.
    pub fn is_admin(&self, user: u64) -> bool {
        self.office.admins.contains(&user)
    }

    /// The partners this Telegram user works for.
    pub fn partners_of(&self, user: u64) -> Vec<&Partner> {
        self.partners
            .iter()
            .filter(|p| p.staff.contains(&user))
            .collect()
    }

    /// Whether this Telegram user is office staff or a partner's staff.
    pub fn is_staff(&self, user: u64) -> bool {
        self.is_admin(user) || !self.partners_of(user).is_empty()
    }

    /// What is valid but will not work as the office probably expects; `check` prints these.
    pub fn warnings(&self) -> Vec<String> {
        let mut warnings = Vec::new();
        for (i, a) in self.spots.iter().enumerate() {
            for b in &self.spots[i + 1..] {
                let distance = crate::geo::distance_m(a.lat.0, a.lon.0, b.lat.0, b.lon.0);
                let reach = a.radius_m.0 + b.radius_m.0;
                if distance < reach {
                    warnings.push(format!(
                        "spots {} and {} are {distance:.0} m apart but their radii add up to {reach:.0} m: \
                         a location between them opens the nearer one. Make radius_m smaller.",
                        a.id(),
                        b.id()
                    ));
                }
            }
        }
        for spot in &self.spots {
            let has_review_page = spot.review_url.is_some()
                || spot
                    .partner_id()
                    .and_then(|id| self.partner(id))
                    .is_some_and(|p| p.review_url.is_some())
                || self.destination.review_url.is_some();
            if spot.tasks.contains(&TaskKind::Review) && !has_review_page {
                warnings.push(format!(
                    "spot {}: the review task has no review page (set review_url on the spot, its partner or the destination)",
                    spot.id()
                ));
            }
            let has_app_link = self.app.ios_url.is_some()
                || self.app.android_url.is_some()
                || self.app.web_url.is_some();
            if spot.tasks.contains(&TaskKind::App) && !has_app_link {
                warnings.push(format!(
                    "spot {}: the app task has no link (set app.ios_url, app.android_url or app.web_url)",
                    spot.id()
                ));
            }
        }
        let photos = self
            .spots
            .iter()
            .any(|s| s.tasks.contains(&TaskKind::Photo));
        if photos && self.office.moderation_chat.is_none() {
            warnings.push(
                "office.moderation_chat is not set: photos shared with consent will reach no one"
                    .into(),
            );
        }
        warnings
    }

    fn validate(&self, source: &str) -> Result<(), ConfigError> {
        let line_of = |span: std::ops::Range<usize>| source[..span.start].matches('\n').count() + 1;
        let default = self.destination.default_language;
        let needs_default = |text: &Text, key: String, line: usize| match text {
            Text::PerLanguage(map) if !map.contains_key(&default) => Err(ConfigError::Invalid {
                line,
                key,
                problem: format!("no text in the default language \"{default}\""),
                fix: format!(
                    "add {default} = \"…\" to the table: it is shown when a language is missing"
                ),
            }),
            _ => Ok(()),
        };
        needs_default(&self.destination.name, "destination.name".into(), 1)?;
        needs_default(&self.app.name, "app.name".into(), 1)?;
        if !self.app.tips.is_empty() && !self.app.tips.contains_key(&default) {
            return Err(ConfigError::Invalid {
                line: 1,
                key: "app.tips".into(),
                problem: format!("no tips in the default language \"{default}\""),
                fix: format!("add {default} = [\"…\"] to app.tips"),
            });
        }

        if self.spots.is_empty() {
            return Err(ConfigError::Invalid {
                line: source.lines().count(),
                key: "spots".into(),
                problem: "no spot is defined".into(),
                fix: "add at least one [[spots]] section".into(),
            });
        }

        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (kind, id) in self
            .spots
            .iter()
            .map(|s| ("spots", &s.id))
            .chain(self.partners.iter().map(|p| ("partners", &p.id)))
        {
            let line = line_of(id.span());
            if let Some(first) = seen.insert(id.get_ref().as_str(), line) {
                return Err(ConfigError::Invalid {
                    line,
                    key: format!("{kind}.id"),
                    problem: format!(
                        "the id \"{}\" is already used at line {first}",
                        id.get_ref()
                    ),
                    fix: "give every spot and every partner an id of its own".into(),
                });
            }
        }

        for spot in &self.spots {
            let line = line_of(spot.id.span());
            let key = |field: &str| format!("spots[{}].{field}", spot.id());
            needs_default(&spot.name, key("name"), line)?;
            needs_default(&spot.intro, key("intro"), line)?;
            if let Some(partner) = &spot.partner
                && self.partner(partner.get_ref().as_str()).is_none()
            {
                return Err(ConfigError::Invalid {
                    line: line_of(partner.span()),
                    key: key("partner"),
                    problem: format!("no partner has the id \"{}\"", partner.get_ref()),
                    fix: format!("use one of: {}", self.partner_ids()),
                });
            }
            if spot.tasks.is_empty() {
                return Err(ConfigError::Invalid {
                    line,
                    key: key("tasks"),
                    problem: "the list of tasks is empty".into(),
                    fix: "list at least one task, or remove the key to offer all five".into(),
                });
            }
            let hashtags: usize = std::iter::once(&self.destination.hashtag)
                .chain(&spot.hashtags)
                .map(|h| h.as_str().chars().count() + 1)
                .sum();
            if hashtags > 256 {
                return Err(ConfigError::Invalid {
                    line,
                    key: key("hashtags"),
                    problem: format!(
                        "the hashtags to copy make {hashtags} characters, Telegram copies 256 at most"
                    ),
                    fix: "keep two or three short hashtags per spot".into(),
                });
            }
            if let Some(task) = duplicate(&spot.tasks) {
                return Err(ConfigError::Invalid {
                    line,
                    key: key("tasks"),
                    problem: format!("the task \"{task}\" is listed twice"),
                    fix: "list each task once".into(),
                });
            }
        }
        if let Some(rewards) = &self.rewards {
            needs_default(&rewards.text, "rewards.text".into(), 1)?;
        }
        for partner in &self.partners {
            needs_default(
                &partner.name,
                format!("partners[{}].name", partner.id()),
                line_of(partner.id.span()),
            )?;
        }
        Ok(())
    }

    fn partner_ids(&self) -> String {
        if self.partners.is_empty() {
            return "(no [[partners]] section yet: add one first)".into();
        }
        self.partners
            .iter()
            .map(|p| p.id())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn duplicate<T: PartialEq>(items: &[T]) -> Option<&T> {
    items
        .iter()
        .enumerate()
        .find(|(i, item)| items[..*i].contains(item))
        .map(|(_, item)| item)
}

fn default_radius() -> Radius {
    Radius(DEFAULT_RADIUS_M)
}

impl Spot {
    pub fn id(&self) -> &str {
        self.id.get_ref().as_str()
    }

    pub fn partner_id(&self) -> Option<&str> {
        self.partner.as_ref().map(|p| p.get_ref().as_str())
    }
}

impl Partner {
    pub fn id(&self) -> &str {
        self.id.get_ref().as_str()
    }
}

/// A text shown to tourists: one string for every language, or one per language.
#[derive(Debug, Clone)]
pub enum Text {
    Plain(String),
    PerLanguage(BTreeMap<Lang, String>),
}

impl Text {
    /// The text in `lang`, else in the destination's default language (validated to exist).
    pub fn get(&self, lang: Lang, default: Lang) -> &str {
        match self {
            Text::Plain(s) => s,
            Text::PerLanguage(map) => map
                .get(&lang)
                .or_else(|| map.get(&default))
                .or_else(|| map.values().next())
                .map_or("", String::as_str),
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(r#"a text: "…" or a table such as { fr = "…", en = "…" }"#)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::Plain(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut texts = BTreeMap::new();
                while let Some((lang, text)) = map.next_entry::<Lang, String>()? {
                    texts.insert(lang, text);
                }
                if texts.is_empty() {
                    return Err(de::Error::custom(
                        "this text table is empty: write at least the default language",
                    ));
                }
                Ok(Text::PerLanguage(texts))
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

/// An id that can go into a deep link: `[a-z0-9-]`, 1 to 32 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(try_from = "String")]
pub struct Id(String);

impl Id {
    pub const MAX_LEN: usize = 32;

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Id {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
        if s.is_empty() || s.len() > Id::MAX_LEN || !s.chars().all(allowed) {
            return Err(format!(
                "\"{s}\" cannot be used in a link: an id is 1 to {} characters among a-z, 0-9 and - (for example \"chateau\" or \"parc-beaumont\")",
                Id::MAX_LEN
            ));
        }
        Ok(Id(s))
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A Telegram bot username, without the `@`.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "String")]
pub struct BotUsername(String);

impl BotUsername {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for BotUsername {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let name = s.strip_prefix('@').unwrap_or(&s);
        let allowed = |c: char| c.is_ascii_alphanumeric() || c == '_';
        if !(5..=32).contains(&name.len()) || !name.chars().all(allowed) {
            return Err(format!(
                "\"{s}\" is not a bot username: 5 to 32 letters, digits or _, as given by BotFather (for example \"PauPyreneesBot\")"
            ));
        }
        Ok(BotUsername(name.to_owned()))
    }
}

/// A hashtag such as `#PauPyrenees`.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "String")]
pub struct Hashtag(String);

impl Hashtag {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Hashtag {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let ok = s.len() > 1
            && s.starts_with('#')
            && s[1..].chars().all(|c| c.is_alphanumeric() || c == '_');
        if !ok {
            return Err(format!(
                "\"{s}\" is not a hashtag: # followed by letters, digits or _ without spaces (for example \"#PauPyrenees\")"
            ));
        }
        Ok(Hashtag(s))
    }
}

macro_rules! bounded_f64 {
    ($name:ident, $min:expr, $max:expr, $what:literal) => {
        #[doc = concat!("A ", $what, " that was checked to be in range.")]
        #[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
        #[serde(try_from = "f64")]
        pub struct $name(pub f64);

        impl TryFrom<f64> for $name {
            type Error = String;
            fn try_from(v: f64) -> Result<Self, String> {
                if !v.is_finite() || !($min..=$max).contains(&v) {
                    return Err(format!(
                        concat!(
                            "{} is not a valid ",
                            $what,
                            ": it must be between {} and {}"
                        ),
                        v, $min, $max
                    ));
                }
                Ok($name(v))
            }
        }
    };
}

bounded_f64!(
    Latitude,
    -90.0,
    90.0,
    "latitude (decimal degrees, e.g. 43.2951)"
);
bounded_f64!(
    Longitude,
    -180.0,
    180.0,
    "longitude (decimal degrees, e.g. -0.3753)"
);
bounded_f64!(Radius, 10.0, 5000.0, "radius in metres");

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped file is a fixture: it must load, with the five spots and the sample partner.
    #[test]
    fn shipped_config_is_valid() {
        let config = Config::parse(EMBEDDED).unwrap();
        assert_eq!(config.spots.len(), 5);
        assert!(config.spot("chateau").is_some());
        assert_eq!(config.partners.len(), 1);
        for spot in &config.spots {
            for lang in Lang::ALL {
                assert!(
                    !spot
                        .intro
                        .get(lang, config.destination.default_language)
                        .is_empty()
                );
            }
        }
    }

    const MINIMAL: &str = r##"
[destination]
name = "Pau"
bot_username = "PauPyreneesBot"
default_language = "fr"
hashtag = "#PauPyrenees"

[app]
name = "Pau"

[office]
admins = [1]

[[spots]]
id = "chateau"
name = { fr = "Château", en = "Castle" }
intro = "Bienvenue"
lat = 43.2951
lon = -0.3753
"##;

    fn error_of(source: &str) -> String {
        Config::parse(source).unwrap_err().to_string()
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let config = Config::parse(MINIMAL).unwrap();
        let spot = config.spot("chateau").unwrap();
        assert_eq!(spot.tasks, TaskKind::all());
        assert_eq!(spot.radius_m.0, DEFAULT_RADIUS_M);
        assert_eq!(spot.name.get(Lang::De, Lang::Fr), "Château");
        assert_eq!(
            config.deep_link("spot_chateau"),
            "https://t.me/PauPyreneesBot?start=spot_chateau"
        );
    }

    #[test]
    fn warnings_name_what_cannot_work() {
        assert!(
            Config::parse(EMBEDDED).unwrap().warnings().is_empty(),
            "the sample is clean"
        );
        let close = format!(
            "{MINIMAL}\n[[spots]]\nid = \"tour\"\nname = \"x\"\nintro = \"y\"\nlat = 43.2952\nlon = -0.3753\n"
        );
        let warnings = Config::parse(&close).unwrap().warnings();
        let text = warnings.join("\n");
        assert!(
            text.contains("spots chateau and tour are 11 m apart"),
            "{text}"
        );
        assert!(
            text.contains("spot chateau: the review task has no review page"),
            "{text}"
        );
        assert!(
            text.contains("spot tour: the app task has no link"),
            "{text}"
        );
        assert!(text.contains("moderation_chat is not set"), "{text}");
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let err = error_of(&MINIMAL.replace("lon = -0.3753", "lon = -0.3753\nradius = 20"));
        assert!(err.contains("line 20"), "{err}");
        assert!(err.contains("radius"), "{err}");
    }

    #[test]
    fn bad_id_says_how_to_fix() {
        let err = error_of(&MINIMAL.replace(r#"id = "chateau""#, r#"id = "Château de Pau""#));
        assert!(err.contains("line 15"), "{err}");
        assert!(err.contains("a-z, 0-9 and -"), "{err}");
    }

    #[test]
    fn bad_coordinates_are_refused() {
        let err = error_of(&MINIMAL.replace("lat = 43.2951", "lat = 143.2951"));
        assert!(err.contains("latitude"), "{err}");
        assert!(err.contains("line 18"), "{err}");
    }

    #[test]
    fn bad_url_is_refused() {
        let err = error_of(
            &MINIMAL.replace("lon = -0.3753", "lon = -0.3753\nreview_url = \"not a url\""),
        );
        assert!(err.contains("review_url"), "{err}");
        assert!(err.contains("line 20"), "{err}");
    }

    #[test]
    fn unknown_task_lists_the_known_ones() {
        let err = error_of(&MINIMAL.replace(
            "lon = -0.3753",
            "lon = -0.3753\ntasks = [\"photo\", \"selfie\"]",
        ));
        assert!(err.contains("selfie") && err.contains("hashtag"), "{err}");
    }

    #[test]
    fn duplicate_ids_point_at_both_lines() {
        let second =
            "\n[[spots]]\nid = \"chateau\"\nname = \"x\"\nintro = \"y\"\nlat = 43.0\nlon = -0.3\n";
        let err = error_of(&format!("{MINIMAL}{second}"));
        assert!(err.contains("line 22") && err.contains("line 15"), "{err}");
        assert!(err.contains("already used"), "{err}");
    }

    #[test]
    fn unknown_partner_lists_the_partners() {
        let err = error_of(&MINIMAL.replace("lon = -0.3753", "lon = -0.3753\npartner = \"hotel\""));
        assert!(
            err.contains("spots[chateau].partner") && err.contains("line 20"),
            "{err}"
        );
        assert!(err.contains("no [[partners]]"), "{err}");
    }

    #[test]
    fn missing_default_language_text_is_refused() {
        let err = error_of(&MINIMAL.replace(
            r#"{ fr = "Château", en = "Castle" }"#,
            r#"{ en = "Castle" }"#,
        ));
        assert!(
            err.contains("spots[chateau].name") && err.contains("default language"),
            "{err}"
        );
    }

    /// Found by fuzzing (fuzz/crashes/config-4f12cfd4a100385e): six bytes after the `#` but a
    /// two-byte character among them made the channel slices fall inside it, and parse panicked.
    #[test]
    fn a_colour_with_a_wide_character_is_an_error_not_a_panic() {
        for colour in ["#2é468", "#f\u{10ffff}8", "#+f+f+f", "#-1ffff"] {
            let source = MINIMAL.replace(
                "hashtag = \"#PauPyrenees\"",
                &format!(
                    "hashtag = \"#PauPyrenees\"\ncolours = {{ sky = \"{colour}\", horizon = \"#f4aa68\", ink = \"#1c2440\" }}"
                ),
            );
            let err = error_of(&source);
            assert!(err.contains("is not a colour"), "{colour}: {err}");
        }
    }

    #[test]
    fn unknown_language_is_refused() {
        let err = error_of(&MINIMAL.replace("en = \"Castle\"", "pt = \"Castelo\""));
        assert!(err.contains("pt"), "{err}");
    }
}
