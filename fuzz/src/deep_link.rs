//! The `/start` payload parser (`escale::journey::DeepLink`): what a QR code or a shared link
//! carries, typed by anyone who edits the link.
//!
//! Properties: `parse` never panics; whatever it accepts is the trimmed payload exactly, as
//! `<kind>_<id>` with an id of 1 to 32 characters among a-z, 0-9 and -.

use escale::config::{Config, EMBEDDED, Id};
use escale::journey::DeepLink;

use super::Verdict;
use super::mutate::mutate;
use super::rng::Rng;

/// The links printed for the shipped config, and forged or near-miss ones.
pub fn seeds() -> Vec<Vec<u8>> {
    let config = Config::parse(EMBEDDED).ok();
    let spots = config
        .iter()
        .flat_map(|c| &c.spots)
        .map(|s| format!("spot_{}", s.id()));
    let partners = config
        .iter()
        .flat_map(|c| &c.partners)
        .map(|p| format!("partner_{}", p.id()));
    let longest = "a".repeat(Id::MAX_LEN);
    let mut seeds: Vec<String> = spots.chain(partners).collect();
    seeds.extend(
        [
            "card_ab3xyz9q",
            "card_AB3XYZ9Q",
            "spot_",
            "_chateau",
            "spot__chateau",
            "spot_chateau_",
            " spot_chateau\n",
            "Spot_chateau",
            "spot-chateau",
            "partner_café",
            "start=spot_chateau",
            "",
        ]
        .map(str::to_owned),
    );
    seeds.push(format!("spot_{longest}"));
    seeds.push(format!("spot_{longest}a"));
    seeds.into_iter().map(String::into_bytes).collect()
}

pub const DICTIONARY: &[&[u8]] = &[
    b"spot_",
    b"partner_",
    b"card_",
    b"_",
    b"-",
    b" ",
    b"\t",
    b"\n",
    b"\xc2\xa0",
    b"\xe3\x80\x80",
    b"\xef\xbb\xbf",
    b"chateau",
    b"Chateau",
    b"0",
    b"\xc3\xa9",
    b"\0",
];

pub fn generate(rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    match rng.below(10) {
        0..=3 => {
            const KINDS: &[&str] = &["spot", "partner", "card", "Spot", "", "spots", "x"];
            const CHARS: &[char] = &[
                'a', 'z', 'm', '0', '9', '-', '_', 'A', 'Z', ' ', 'é', '\u{a0}', '\u{212a}', '\0',
            ];
            let mut link = (*rng.pick(KINDS)).to_owned();
            link.push(if rng.one_in(20) { '-' } else { '_' });
            let len = rng.len(40);
            link.extend((0..len).map(|_| {
                if rng.one_in(8) {
                    *rng.pick(CHARS)
                } else {
                    char::from(*rng.pick(b"abcdefghijklmnopqrstuvwxyz0123456789-"))
                }
            }));
            if rng.one_in(4) {
                let pad = *rng.pick(&[" ", "\n", "\u{3000}", "\u{feff}", "\t\r"]);
                link = format!("{pad}{link}{pad}");
            }
            link.into_bytes()
        }
        4..=8 => {
            let mut data = rng.pick(corpus).clone();
            mutate(rng, &mut data, corpus, DICTIONARY, 256);
            data
        }
        _ => {
            let max = if rng.one_in(10) { 20_000 } else { 100 };
            let len = rng.len(max);
            (0..len).map(|_| rng.byte()).collect()
        }
    }
}

pub fn check(input: &[u8]) -> Verdict {
    let payload = String::from_utf8_lossy(input);
    let (kind, id) = match DeepLink::parse(&payload) {
        None => return Verdict::Pass,
        Some(DeepLink::Spot(id)) => ("spot", id),
        Some(DeepLink::Partner(id)) => ("partner", id),
        Some(DeepLink::Card(id)) => ("card", id),
    };
    let valid = (1..=Id::MAX_LEN).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !valid {
        return Verdict::Fail(format!("{payload:?} is accepted with the id {id:?}"));
    }
    if payload.trim() != format!("{kind}_{id}") {
        return Verdict::Fail(format!("{payload:?} is accepted as {kind}_{id}"));
    }
    Verdict::Pass
}
