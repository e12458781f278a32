//! The config loader (`escale::config::Config::parse`): a file the office edits by hand.
//!
//! Properties: `parse` never panics, whatever the text; an error has a message for the person who
//! edits the file; an accepted config answers the questions the bot and `escale check` ask it
//! (warnings, texts in every language, links) without panicking.
//!
//! Inputs are mostly mutations of the shipped `config.toml` at the level a person edits it: lines
//! deleted, duplicated, swapped or moved, values swapped between keys or replaced by edge values,
//! characters replaced by wider ones, the file cut short; and byte-level mutations on top.

use escale::config::{Config, EMBEDDED};
use escale::i18n::Lang;

use super::Verdict;
use super::mutate::{mutate, wide_char};
use super::rng::Rng;

/// The smallest file that loads: one spot, every optional key left out.
pub const MINIMAL: &str = r##"[destination]
name = "Pau"
bot_username = "PauPyreneesBot"
default_language = "fr"
hashtag = "#Pau"

[app]
name = "Pau Tourisme"

[office]

[[spots]]
id = "chateau"
name = "Château de Pau"
intro = "Henri IV est né ici."
lat = 43.2948
lon = -0.3755
"##;

/// One of each section, with per-language texts, colours, a partner and a reward.
pub const SMALL: &str = r##"[destination]
name = { fr = "Pau", en = "Pau" }
bot_username = "@PauPyreneesBot"
default_language = "en"
hashtag = "#PauPyrenees"
review_url = "https://example.org/review"
colours = { sky = "#263468", horizon = "#f4aa68", ink = "#1c2440" }

[app]
name = "Pau"
ios_url = "https://example.org/ios"
tips.en = ["Open the app."]

[office]
admins = [1, 18446744073709551615]
moderation_chat = -1001234567890
max_pending_photos = 3

[[spots]]
id = "parc-beaumont"
name.en = "Parc Beaumont"
intro = { en = "A park.", fr = "Un parc." }
lat = -90
lon = 180.0
radius_m = 5000
hashtags = ["#Parc", "#Été_2025"]
partner = "halles"
tasks = ["photo", "review", "postcard", "hashtag", "app"]
postcard_image = "assets/parc.jpg"

[[spots]]
id = "0"
name = "Zero"
intro = "Nearby."
lat = -89.9999
lon = -180
radius_m = 10

[[partners]]
id = "halles"
name = { en = "Les Halles" }
staff = [42]

[rewards]
after_tasks = 1
text = "A coffee."
"##;

/// The shipped file, the same without its comments (denser for byte mutations), and the two above.
pub fn seeds() -> Vec<Vec<u8>> {
    let stripped: String = EMBEDDED
        .lines()
        .filter(|line| !line.trim_start().starts_with('#') && !line.trim().is_empty())
        .map(|line| format!("{line}\n"))
        .collect();
    [EMBEDDED, stripped.as_str(), MINIMAL, SMALL]
        .map(|s| s.as_bytes().to_vec())
        .to_vec()
}

pub const DICTIONARY: &[&[u8]] = &[
    b"[[spots]]\n",
    b"[[partners]]\n",
    b"[rewards]\n",
    b"[destination]\n",
    b"[app]\n",
    b"[office]\n",
    b" = ",
    b"\"",
    b"'''",
    b"\"\"\"",
    b"{",
    b"}",
    b"[",
    b"]",
    b", ",
    b"#",
    b"\n",
    b".",
    b"\\u0000",
    b"\\",
    b"1e400",
    b"nan",
    b"-inf",
    b"-0",
    b"0x10",
    b"1_000",
    b"true",
    b"1979-05-27T07:32:00Z",
    b"\xc3\xa9",
    b"\xef\xbf\xbd",
    b"\0",
    b"\r",
    b"id",
    b"name",
    b"intro",
    b"lat",
    b"lon",
    b"radius_m",
    b"tasks",
    b"partner",
    b"hashtags",
    b"after_tasks",
    b"fr",
    b"en",
    b"colours",
    b"sky",
    b"#000000",
];

/// Whole lines an office employee might paste, some of them wrong.
const LINES: &[&str] = &[
    "[[spots]]",
    "[[partners]]",
    "[rewards]",
    "[destination]",
    "after_tasks = 0",
    "after_tasks = 4294967296",
    "text = {}",
    "colours = { sky = \"#000000\", horizon = \"#fff\", ink = \"#zzzzzz\" }",
    "colours = { sky = \"#+f+f+f\", horizon = \"#ffffff\", ink = \"#000000\" }",
    "lat = nan",
    "lon = inf",
    "radius_m = 1e308",
    "radius_m = 9.99",
    "tasks = []",
    "tasks = [\"photo\", \"photo\"]",
    "tasks = [\"selfie\"]",
    "admins = [-1]",
    "moderation_chat = 9223372036854775808",
    "max_pending_photos = -1",
    "default_language = \"pt\"",
    "name = {}",
    "name = { fr = \"\" }",
    "name = { pt = \"Pau\" }",
    "id = \"\"",
    "id = \"Chateau\"",
    "id = \"chateau\"",
    "partner = \"nobody\"",
    "hashtag = \"#\"",
    "hashtags = [\"#a\", \"# b\"]",
    "bot_username = \"@bot\"",
    "review_url = \"not a url\"",
    "review_url = \"https://\"",
    "postcard_image = \"../../etc/passwd\"",
    "tips.fr = []",
    "intro.zz = \"?\"",
    "x = 1",
];

/// Values to put in place of another.
const VALUES: &[&str] = &[
    "\"\"",
    "0",
    "-1",
    "1",
    "18446744073709551616",
    "-9223372036854775809",
    "1e400",
    "nan",
    "-0.0",
    "true",
    "[]",
    "{}",
    "[[]]",
    "{ fr = \"\" }",
    "\"é\"",
    "'literal'",
    "\"\"\"\nmulti\nline\"\"\"",
    "1979-05-27",
    "\"#ffffff\"",
    "\"#fffff\u{e9}\"",
];

pub fn generate(rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    let seed = rng.pick(corpus);
    let mut lines: Vec<String> = String::from_utf8_lossy(seed)
        .lines()
        .map(str::to_owned)
        .collect();
    for _ in 0..rng.range(1, 4) {
        edit(rng, &mut lines);
    }
    let mut text = lines.join("\n");
    if rng.one_in(2) {
        text.push('\n');
    }
    let mut data = text.into_bytes();
    if rng.one_in(3) {
        mutate(rng, &mut data, corpus, DICTIONARY, 64 * 1024);
    }
    data
}

fn edit(rng: &mut Rng, lines: &mut Vec<String>) {
    if lines.is_empty() {
        lines.push((*rng.pick(LINES)).to_owned());
        return;
    }
    let at = rng.below(lines.len());
    match rng.below(11) {
        0 => {
            let end = (at + 1 + rng.len(8)).min(lines.len());
            lines.drain(at..end);
        }
        1 => {
            let line = lines[at].clone();
            let to = rng.below(lines.len() + 1);
            lines.insert(to, line);
        }
        2 => {
            let other = rng.below(lines.len());
            lines.swap(at, other);
        }
        3 => {
            let line = lines.remove(at);
            let to = rng.below(lines.len() + 1);
            lines.insert(to, line);
        }
        4 => {
            // Swap the values of two `key = value` lines.
            let other = rng.below(lines.len());
            if let (Some((ka, va)), Some((kb, vb))) =
                (lines[at].split_once(" = "), lines[other].split_once(" = "))
            {
                let (a, b) = (format!("{ka} = {vb}"), format!("{kb} = {va}"));
                lines[at] = a;
                lines[other] = b;
            }
        }
        5 => {
            if let Some((key, _)) = lines[at].split_once(" = ") {
                lines[at] = format!("{key} = {}", rng.pick(VALUES));
            }
        }
        6 => widen(rng, &mut lines[at]),
        7 => lines.insert(at, (*rng.pick(LINES)).to_owned()),
        8 => {
            // A whole section again: the spot or partner defined twice, or a table redefined.
            let start = (0..=at).rev().find(|&i| lines[i].starts_with('['));
            if let Some(start) = start {
                let end = (start + 1..lines.len())
                    .find(|&i| lines[i].starts_with('['))
                    .unwrap_or(lines.len());
                let section: Vec<String> = lines[start..end].to_vec();
                let to = rng.below(lines.len() + 1);
                lines.splice(to..to, section);
            }
        }
        9 => {
            // The file cut short, maybe mid-line.
            lines.truncate(at + 1);
            let line = &mut lines[at];
            let cut = rng.below(line.len() + 1);
            let cut = (0..=cut)
                .rev()
                .find(|&i| line.is_char_boundary(i))
                .unwrap_or(0);
            line.truncate(cut);
        }
        _ => {
            // Digits changed, within quotes or not.
            let mut bytes = std::mem::take(&mut lines[at]).into_bytes();
            if let Some(p) = bytes.iter().position(u8::is_ascii_digit) {
                bytes[p] = b'0' + rng.below(10) as u8;
            }
            lines[at] = String::from_utf8_lossy(&bytes).into_owned();
        }
    }
}

/// Replaces a run of one to four ASCII characters by one character as long in bytes.
fn widen(rng: &mut Rng, line: &mut String) {
    if line.is_empty() {
        return;
    }
    let len = rng.range(2, 4);
    let start = rng.below(line.len());
    let end = start + len;
    if end <= line.len() && line.as_bytes()[start..end].is_ascii() {
        let wide = wide_char(rng, len);
        line.replace_range(start..end, wide.encode_utf8(&mut [0; 4]));
    }
}

pub fn check(input: &[u8]) -> Verdict {
    let source = String::from_utf8_lossy(input);
    let config = match Config::parse(&source) {
        Ok(config) => config,
        Err(error) if error.to_string().trim().is_empty() => {
            return Verdict::Fail(format!("an error without a message: {error:?}"));
        }
        Err(_) => return Verdict::Pass,
    };
    // What `escale check` and the bot ask of an accepted config.
    let _ = config.warnings();
    let default = config.destination.default_language;
    for spot in &config.spots {
        for lang in Lang::ALL {
            let _ = spot.name.get(lang, default);
            let _ = config.spot_name(spot.id(), lang);
        }
        let _ = config.deep_link(&format!("spot_{}", spot.id()));
    }
    let _ = config.is_staff(0);
    Verdict::Note("accepted")
}
