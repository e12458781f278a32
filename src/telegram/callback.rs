//! The callback data of inline buttons: a compact, versioned text that fits Telegram's 64 bytes,
//! sealed to the chat it was drawn in.
//!
//! `2:t:chateau:hashtag:Xb3_q9Zk` opens the hashtag task at the castle. The leading `2` is the
//! codec's version: buttons drawn by an older escale are refused rather than misread. The last
//! part is a seal: a MAC of the chat and the rest, with a key kept in the data folder. A modified
//! client can send any data, but not data the bot did not draw for that chat: a forged button, one
//! copied from another tourist's chat, or a "done" for a task whose button was never shown does
//! not open. Decoding is strict: anything this module did not produce is `None`.

use crate::i18n::Lang;
use crate::journey::Action;
use crate::tasks::TaskKind;
use crate::tasks::photo::{ConsentChoice, CreditChoice, Scope};
use crate::tasks::postcard::PictureChoice;

/// Telegram's limit for callback data, in bytes.
pub const MAX_LEN: usize = 64;
/// What the seal takes: a separator and 8 base64url characters (48 bits).
const SEAL_LEN: usize = 9;

const VERSION: &str = "2";

/// Seals and opens callback data with the bot's button key.
pub struct Seal {
    key: ring::hmac::Key,
}

impl Seal {
    pub fn new(key: &[u8; 32]) -> Seal {
        Seal {
            key: ring::hmac::Key::new(ring::hmac::HMAC_SHA256, key),
        }
    }

    /// The data of a button showing `action` in `chat`.
    pub fn seal(&self, chat: i64, action: &Action) -> String {
        let data = encode(action);
        let mac = self.mac(chat, &data);
        format!("{data}:{mac}")
    }

    /// The action of a button pressed in `chat`, if this bot drew it there.
    pub fn open(&self, chat: i64, data: &str) -> Option<Action> {
        if data.len() > MAX_LEN {
            return None;
        }
        let (data, mac) = data.rsplit_once(':')?;
        let expected = self.mac(chat, data);
        // Both are ASCII of the same length when genuine; compared whole, not byte by byte early.
        let genuine = mac.len() == expected.len()
            && mac
                .bytes()
                .zip(expected.bytes())
                .fold(0u8, |diff, (a, b)| diff | (a ^ b))
                == 0;
        if !genuine {
            return None;
        }
        decode(data)
    }

    fn mac(&self, chat: i64, data: &str) -> String {
        let mut message = chat.to_be_bytes().to_vec();
        message.extend_from_slice(data.as_bytes());
        let tag = ring::hmac::sign(&self.key, &message);
        base64url(&tag.as_ref()[..6])
    }
}

/// Unpadded base64url of bytes whose count is a multiple of 3.
fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len() / 3 * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().fold(0u32, |n, b| (n << 8) | u32::from(*b)) << (8 * (3 - chunk.len()));
        for shift in [18, 12, 6, 0] {
            out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
        }
    }
    out
}

/// The unsealed data of `action` (see [`Seal::seal`] for a button's).
pub fn encode(action: &Action) -> String {
    let body = match action {
        Action::OpenSpot(spot) => format!("s:{spot}"),
        Action::OpenTask { spot, task } => format!("t:{spot}:{task}"),
        Action::TaskDone { spot, task } => format!("d:{spot}:{task}"),
        Action::SetLang(lang) => format!("l:{lang}"),
        Action::Forget {
            confirmed: true,
            asked,
        } => format!("f:y:{}", base36(*asked)),
        Action::Forget {
            confirmed: false, ..
        } => "f:n".to_owned(),
        Action::Spots => "m".to_owned(),
        Action::Progress => "p".to_owned(),
        Action::PhotoConsent { photo, choice } => {
            format!("pc:{}:{}", base36(*photo), consent_code(*choice))
        }
        Action::PhotoCredit { photo, choice } => {
            format!("pr:{}:{}", base36(*photo), credit_code(*choice))
        }
        Action::PhotoChange { photo } => format!("pe:{}", base36(*photo)),
        Action::PhotoWithdraw { photo } => format!("pw:{}", base36(*photo)),
        Action::Moderate { photo, approve } => {
            format!("pm:{}:{}", base36(*photo), if *approve { "a" } else { "r" })
        }
        Action::CardPicture { spot, choice } => match choice {
            PictureChoice::Photo(photo) => format!("cp:{spot}:p{}", base36(*photo)),
            PictureChoice::NewPhoto => format!("cp:{spot}:n"),
            PictureChoice::Spot => format!("cp:{spot}:s"),
        },
    };
    format!("{VERSION}:{body}")
}

/// The action behind unsealed data (see [`Seal::open`] for a pressed button's).
pub fn decode(data: &str) -> Option<Action> {
    if data.len() > MAX_LEN - SEAL_LEN {
        return None;
    }
    let mut parts = data.split(':');
    if parts.next()? != VERSION {
        return None;
    }
    let tag = parts.next()?;
    let args: Vec<&str> = parts.collect();
    let action = match (tag, args.as_slice()) {
        ("s", [spot]) => Action::OpenSpot(id(spot)?),
        ("t", [spot, task]) => Action::OpenTask {
            spot: id(spot)?,
            task: TaskKind::from_name(task)?,
        },
        ("d", [spot, task]) => Action::TaskDone {
            spot: id(spot)?,
            task: TaskKind::from_name(task)?,
        },
        ("l", [lang]) => Action::SetLang(Lang::from_code(lang)?),
        ("f", ["y", asked]) => Action::Forget {
            confirmed: true,
            asked: from_base36(asked)?,
        },
        ("f", ["n"]) => Action::Forget {
            confirmed: false,
            asked: 0,
        },
        ("m", []) => Action::Spots,
        ("p", []) => Action::Progress,
        ("pc", [photo, code]) => Action::PhotoConsent {
            photo: from_base36(photo)?,
            choice: consent_choice(code)?,
        },
        ("pr", [photo, code]) => Action::PhotoCredit {
            photo: from_base36(photo)?,
            choice: credit_choice(code)?,
        },
        ("pe", [photo]) => Action::PhotoChange {
            photo: from_base36(photo)?,
        },
        ("pw", [photo]) => Action::PhotoWithdraw {
            photo: from_base36(photo)?,
        },
        ("pm", [photo, "a"]) => Action::Moderate {
            photo: from_base36(photo)?,
            approve: true,
        },
        ("pm", [photo, "r"]) => Action::Moderate {
            photo: from_base36(photo)?,
            approve: false,
        },
        ("cp", [spot, choice]) => Action::CardPicture {
            spot: id(spot)?,
            choice: match *choice {
                "n" => PictureChoice::NewPhoto,
                "s" => PictureChoice::Spot,
                photo => PictureChoice::Photo(from_base36(photo.strip_prefix('p')?)?),
            },
        },
        _ => return None,
    };
    Some(action)
}

const CONSENT_CODES: [(ConsentChoice, &str); 6] = [
    (ConsentChoice::Toggle(Scope::Social), "s"),
    (ConsentChoice::Toggle(Scope::WebPrint), "w"),
    (ConsentChoice::Toggle(Scope::Partners), "p"),
    (ConsentChoice::All, "a"),
    (ConsentChoice::None, "n"),
    (ConsentChoice::Continue, "k"),
];

const CREDIT_CODES: [(CreditChoice, &str); 3] = [
    (CreditChoice::FirstName, "f"),
    (CreditChoice::TypeName, "t"),
    (CreditChoice::Anonymous, "a"),
];

fn consent_code(choice: ConsentChoice) -> &'static str {
    CONSENT_CODES
        .iter()
        .find(|(c, _)| *c == choice)
        .map_or("k", |(_, code)| code)
}

fn consent_choice(code: &str) -> Option<ConsentChoice> {
    CONSENT_CODES
        .iter()
        .find(|(_, c)| *c == code)
        .map(|(choice, _)| *choice)
}

fn credit_code(choice: CreditChoice) -> &'static str {
    CREDIT_CODES
        .iter()
        .find(|(c, _)| *c == choice)
        .map_or("a", |(_, code)| code)
}

fn credit_choice(code: &str) -> Option<CreditChoice> {
    CREDIT_CODES
        .iter()
        .find(|(_, c)| *c == code)
        .map(|(choice, _)| *choice)
}

/// Numbers in base 36 (`0-9a-z`): a photo's number fits in 13 characters whatever it is.
fn base36(mut n: u64) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(char::from_digit((n % 36) as u32, 36).unwrap_or('0'));
        n /= 36;
        if n == 0 {
            break;
        }
    }
    digits.iter().rev().collect()
}

/// Strict: lower-case digits only, no sign, no leading zero, no overflow.
fn from_base36(s: &str) -> Option<u64> {
    let canonical = !s.is_empty()
        && (s == "0" || !s.starts_with('0'))
        && s.bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase());
    if !canonical {
        return None;
    }
    u64::from_str_radix(s, 36).ok()
}

/// A spot id as the config allows them; whether the spot still exists is the journey's business.
fn id(s: &str) -> Option<String> {
    crate::config::Id::try_from(s.to_owned())
        .ok()
        .map(|id| id.as_str().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_actions(spot: &str) -> Vec<Action> {
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
            actions.push(Action::OpenTask {
                spot: spot.into(),
                task,
            });
            actions.push(Action::TaskDone {
                spot: spot.into(),
                task,
            });
        }
        actions.extend(Lang::ALL.map(Action::SetLang));
        for photo in [0, 35, 36, u64::MAX] {
            actions.extend(CONSENT_CODES.map(|(choice, _)| Action::PhotoConsent { photo, choice }));
            actions.extend(CREDIT_CODES.map(|(choice, _)| Action::PhotoCredit { photo, choice }));
            actions.push(Action::PhotoChange { photo });
            actions.push(Action::PhotoWithdraw { photo });
            actions.push(Action::Moderate {
                photo,
                approve: true,
            });
            actions.push(Action::Moderate {
                photo,
                approve: false,
            });
        }
        for choice in [
            PictureChoice::Photo(u64::MAX),
            PictureChoice::NewPhoto,
            PictureChoice::Spot,
        ] {
            actions.push(Action::CardPicture {
                spot: spot.into(),
                choice,
            });
        }
        actions
    }

    fn seal() -> Seal {
        Seal::new(&[7; 32])
    }

    #[test]
    fn every_action_round_trips_sealed_within_64_bytes() {
        let longest_id = "a".repeat(crate::config::Id::MAX_LEN);
        let seal = seal();
        for spot in ["chateau", longest_id.as_str()] {
            for action in all_actions(spot) {
                let data = seal.seal(42, &action);
                assert!(data.len() <= MAX_LEN, "{data} is {} bytes", data.len());
                assert_eq!(seal.open(42, &data), Some(action.clone()), "{data}");
                assert_eq!(decode(&encode(&action)), Some(action), "{data}");
            }
        }
    }

    /// Data the bot did not draw for this chat never opens: another chat's, another key's, a
    /// changed letter anywhere, a seal moved to other data.
    #[test]
    fn a_button_opens_only_in_the_chat_it_was_drawn_for() {
        let seal = seal();
        let other_key = Seal::new(&[8; 32]);
        let mut random = 0x2545_f491_4f6c_dd1d_u64;
        const REPL: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyzABCXYZ:-_";
        for action in all_actions("chateau") {
            let data = seal.seal(42, &action);
            assert_eq!(seal.open(43, &data), None, "foreign chat: {data}");
            assert_eq!(seal.open(-42, &data), None, "{data}");
            assert_eq!(other_key.open(42, &data), None, "another bot: {data}");
            for (i, byte) in data.bytes().enumerate() {
                // xorshift: a different replacement for each position.
                random ^= random << 13;
                random ^= random >> 7;
                random ^= random << 17;
                let mut forged = data.clone().into_bytes();
                forged[i] = REPL[(random % REPL.len() as u64) as usize];
                if forged[i] == byte {
                    continue;
                }
                let forged = String::from_utf8(forged).unwrap();
                assert_eq!(seal.open(42, &forged), None, "{data} → {forged}");
            }
            let (body, mac) = data.rsplit_once(':').unwrap();
            let moved = format!("2:t:chateau:photo:{mac}");
            if body != "2:t:chateau:photo" {
                assert_eq!(seal.open(42, &moved), None, "{moved}");
            }
        }
    }

    #[test]
    fn malformed_or_old_data_is_refused() {
        for data in [
            "",
            "2",
            "1:s:chateau",
            "2:s:",
            "2:s:Chateau",
            "2:s:chateau:extra",
            "2:t:chateau:selfie",
            "2:l:pt",
            "2:f:maybe",
            "2:f:y",
            "2:f:y:-1",
            "2:x",
            "2:s:../../etc",
            "s:chateau",
            "2:pc:12:z",
            "2:pc:-1:s",
            "2:pc:012:s",
            "2:pc:A:s",
            "2:pc:3w5e11264sgsg:s",
            "2:pm:12:yes",
            "2:pw:twelve!",
            "2:pr:12",
            "2:cp:chateau:x",
            "2:cp:chateau:p",
            "2:cp:chateau:12",
        ] {
            assert_eq!(decode(data), None, "{data:?}");
        }
        assert_eq!(decode(&format!("2:s:{}", "a".repeat(70))), None);
        assert_eq!(seal().open(1, &"a".repeat(65)), None);
        assert_eq!(base36(u64::MAX), "3w5e11264sgsf");
        assert_eq!(from_base36("3w5e11264sgsf"), Some(u64::MAX));
    }
}
