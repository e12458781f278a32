//! The callback codec (`escale::telegram::callback`): what a pressed button sends back.
//!
//! Properties: `decode` never panics, whatever the string; whatever it accepts encodes again in at
//! most 64 bytes and decodes to the same action; and every action built from the input's bytes
//! (valid spot ids, any photo number) encodes within 64 bytes and decodes back.

use escale::config::Id;
use escale::i18n::Lang;
use escale::journey::Action;
use escale::tasks::TaskKind;
use escale::tasks::photo::{ConsentChoice, CreditChoice, Scope};
use escale::tasks::postcard::PictureChoice;
use escale::telegram::callback::{MAX_LEN, decode, encode};

use super::Verdict;
use super::mutate::mutate;
use super::rng::{Choices, Rng};

/// Every action there is, at one spot, at the edges of the photo numbers.
pub fn all_actions(spot: &str) -> Vec<Action> {
    let mut actions = vec![
        Action::OpenSpot(spot.into()),
        Action::Forget {
            confirmed: true,
            asked: 29_500_000,
        },
        Action::Forget {
            confirmed: true,
            asked: u64::MAX,
        },
        Action::Forget {
            confirmed: false,
            asked: 0,
        },
        Action::Spots,
        Action::Progress,
    ];
    for task in TaskKind::ALL {
        let spot = spot.to_owned();
        actions.push(Action::OpenTask {
            spot: spot.clone(),
            task,
        });
        actions.push(Action::TaskDone { spot, task });
    }
    actions.extend(Lang::ALL.map(Action::SetLang));
    for photo in [0, 12, u64::MAX] {
        actions.extend(CONSENTS.map(|choice| Action::PhotoConsent { photo, choice }));
        actions.extend(CREDITS.map(|choice| Action::PhotoCredit { photo, choice }));
        actions.push(Action::PhotoChange { photo });
        actions.push(Action::PhotoWithdraw { photo });
        for approve in [true, false] {
            actions.push(Action::Moderate { photo, approve });
        }
        for choice in [
            PictureChoice::Photo(photo),
            PictureChoice::NewPhoto,
            PictureChoice::Spot,
        ] {
            actions.push(Action::CardPicture {
                spot: spot.into(),
                choice,
            });
        }
    }
    actions
}

/// The codec's own output for every action at a few spots, and forged or near-miss data.
pub fn seeds() -> Vec<Vec<u8>> {
    let longest = "z".repeat(Id::MAX_LEN);
    let mut seeds: Vec<Vec<u8>> = ["chateau", "parc-beaumont", "0", longest.as_str()]
        .into_iter()
        .flat_map(all_actions)
        .map(|action| encode(&action).into_bytes())
        .collect();
    seeds.extend(
        [
            "",
            "1",
            "2:",
            "2:s:chateau",
            "2:s:Chateau",
            "2:s:chateau:extra",
            "2:t:chateau:selfie",
            "2:d:chateau:hashtag:",
            "2:l:pt",
            "2:f:maybe",
            "2:pc:-1:s",
            "2:pc:18446744073709551616:s",
            "2:pm:12:yes",
            "2:cp:chateau:p",
            "2:cp:chateau:p-1",
            "s:chateau",
        ]
        .map(|s| s.as_bytes().to_vec()),
    );
    seeds.dedup();
    seeds
}

pub const DICTIONARY: &[&[u8]] = &[
    b"2:",
    b":",
    b"s",
    b"t",
    b"d",
    b"l",
    b"f",
    b"m",
    b"p",
    b"pc",
    b"pr",
    b"pe",
    b"pw",
    b"pm",
    b"cp",
    b"y",
    b"n",
    b"a",
    b"r",
    b"k",
    b"w",
    b"chateau",
    b"photo",
    b"review",
    b"postcard",
    b"hashtag",
    b"app",
    b"fr",
    b"en",
    b"de",
    b"es",
    b"it",
    b"nl",
    b"18446744073709551615",
    b"18446744073709551616",
    b"-1",
    b"+1",
    b"00",
    b"p0",
    b"\xc3\xa9",
    b"\0",
    b"%3A",
    b"\xef\xbf\xbd",
];

/// Near misses for one field of a real callback.
const FIELDS: &[&str] = &[
    "",
    "0",
    "1",
    "2",
    "01",
    "+1",
    "-1",
    " 1",
    "1 ",
    "p",
    "p+1",
    "p-1",
    "p01",
    "pp1",
    "s",
    "n",
    "y",
    "Y",
    "a",
    "r",
    "A",
    "chateau",
    "Chateau",
    "château",
    "chateau-",
    "-",
    "--",
    "a_b",
    "18446744073709551615",
    "18446744073709551616",
    "p18446744073709551615",
    "photo",
    "postcard",
    "fr",
    "FR",
    "pt",
    "é",
    "\0",
    "\u{fffd}",
];

pub fn generate(rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    match rng.below(10) {
        0..=2 => fields(rng, corpus),
        3..=7 => {
            let mut data = rng.pick(corpus).clone();
            mutate(rng, &mut data, corpus, DICTIONARY, 256);
            data
        }
        8 => {
            const ALPHABET: &[u8] = b"2:spctdlfmnyarkwe0123456789-+_ zZ";
            let len = rng.len(80);
            (0..len).map(|_| *rng.pick(ALPHABET)).collect()
        }
        _ => {
            let max = if rng.one_in(10) { 20_000 } else { 100 };
            let len = rng.len(max);
            (0..len).map(|_| rng.byte()).collect()
        }
    }
}

/// A real callback with its fields swapped, dropped, repeated or replaced by near misses.
fn fields(rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    let seed = String::from_utf8_lossy(&corpus[rng.below(corpus.len())]).into_owned();
    let mut fields: Vec<String> = seed.split(':').map(str::to_owned).collect();
    for _ in 0..rng.range(1, 3) {
        let at = rng.below(fields.len());
        match rng.below(6) {
            0 => fields[at] = (*rng.pick(FIELDS)).to_owned(),
            1 => fields[at] = fields[at].to_uppercase(),
            2 => {
                let field = fields[at].clone();
                fields.insert(at, field);
            }
            3 if fields.len() > 1 => {
                fields.remove(at);
            }
            4 => {
                let other = rng.below(fields.len());
                fields.swap(at, other);
            }
            _ => fields.insert(at, (*rng.pick(FIELDS)).to_owned()),
        }
    }
    fields.join(":").into_bytes()
}

pub fn check(input: &[u8]) -> Verdict {
    let data = String::from_utf8_lossy(input);
    let mut verdict = Verdict::Pass;
    // A pressed button's data is opened with the seal first: it must never panic, and only
    // what it sealed for this chat opens.
    let seal = escale::telegram::callback::Seal::new(&[7; 32]);
    if seal.open(42, &data).is_some() && !data.is_empty() {
        return Verdict::Fail(format!("{data:?} opens without the bot's seal"));
    }
    if let Some(action) = decode(&data) {
        let again = encode(&action);
        if again.len() > MAX_LEN {
            return Verdict::Fail(format!(
                "{data:?} decodes to {action:?}, which encodes in {} bytes: {again:?}",
                again.len()
            ));
        }
        if decode(&again).as_ref() != Some(&action) {
            return Verdict::Fail(format!(
                "{data:?} decodes to {action:?}, whose encoding {again:?} decodes to {:?}",
                decode(&again)
            ));
        }
        if again != data {
            verdict = Verdict::Note("accepted a form that encode never writes");
        }
    }
    let action = action(&mut Choices::new(input));
    let sealed = seal.seal(42, &action);
    if sealed.len() > MAX_LEN || seal.open(42, &sealed).as_ref() != Some(&action) {
        return Verdict::Fail(format!(
            "{action:?} sealed as {sealed:?} does not open again"
        ));
    }
    if seal.open(43, &sealed).is_some() {
        return Verdict::Fail(format!("{sealed:?} opens in another chat"));
    }
    let data = encode(&action);
    if data.len() > MAX_LEN {
        return Verdict::Fail(format!(
            "{action:?} encodes in {} bytes: {data:?}",
            data.len()
        ));
    }
    if decode(&data).as_ref() != Some(&action) {
        return Verdict::Fail(format!(
            "{action:?} encodes as {data:?}, which decodes to {:?}",
            decode(&data)
        ));
    }
    verdict
}

const CONSENTS: [ConsentChoice; 6] = [
    ConsentChoice::Toggle(Scope::Social),
    ConsentChoice::Toggle(Scope::WebPrint),
    ConsentChoice::Toggle(Scope::Partners),
    ConsentChoice::All,
    ConsentChoice::None,
    ConsentChoice::Continue,
];

const CREDITS: [CreditChoice; 3] = [
    CreditChoice::FirstName,
    CreditChoice::TypeName,
    CreditChoice::Anonymous,
];

/// An action built from the input's bytes, with a spot id the config would accept.
fn action(choices: &mut Choices<'_>) -> Action {
    match choices.below(13) {
        0 => Action::OpenSpot(spot(choices)),
        1 => Action::OpenTask {
            spot: spot(choices),
            task: choices.pick(&TaskKind::ALL),
        },
        2 => Action::TaskDone {
            spot: spot(choices),
            task: choices.pick(&TaskKind::ALL),
        },
        3 => Action::SetLang(choices.pick(&Lang::ALL)),
        4 => match choices.u8() & 1 {
            1 => Action::Forget {
                confirmed: true,
                asked: photo(choices),
            },
            _ => Action::Forget {
                confirmed: false,
                asked: 0,
            },
        },
        5 => Action::Spots,
        6 => Action::Progress,
        7 => Action::PhotoConsent {
            photo: photo(choices),
            choice: choices.pick(&CONSENTS),
        },
        8 => Action::PhotoCredit {
            photo: photo(choices),
            choice: choices.pick(&CREDITS),
        },
        9 => Action::PhotoChange {
            photo: photo(choices),
        },
        10 => Action::PhotoWithdraw {
            photo: photo(choices),
        },
        11 => Action::Moderate {
            photo: photo(choices),
            approve: choices.u8() & 1 == 1,
        },
        _ => Action::CardPicture {
            spot: spot(choices),
            choice: match choices.below(3) {
                0 => PictureChoice::Photo(photo(choices)),
                1 => PictureChoice::NewPhoto,
                _ => PictureChoice::Spot,
            },
        },
    }
}

/// 1 to 32 characters among a-z, 0-9 and -.
fn spot(choices: &mut Choices<'_>) -> String {
    const ALLOWED: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789-";
    let len = 1 + choices.below(Id::MAX_LEN);
    (0..len)
        .map(|_| char::from(choices.pick(ALLOWED)))
        .collect()
}

/// Any photo number, the edges more often.
fn photo(choices: &mut Choices<'_>) -> u64 {
    match choices.below(4) {
        0 => 0,
        1 => u64::MAX,
        _ => choices.u64(),
    }
}
