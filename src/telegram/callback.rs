//! The callback data of inline buttons: a compact, versioned text that fits Telegram's 64 bytes.
//!
//! `1:t:chateau:hashtag` opens the hashtag task at the castle. The leading `1` is the codec's
//! version: buttons drawn by an older escale are refused rather than misread. Decoding is strict:
//! anything this module did not produce (a forged or truncated button) is `None`.

use crate::i18n::Lang;
use crate::journey::Action;
use crate::tasks::TaskKind;
use crate::tasks::photo::{ConsentChoice, CreditChoice, Scope};
use crate::tasks::postcard::PictureChoice;

/// Telegram's limit for callback data, in bytes.
pub const MAX_LEN: usize = 64;

const VERSION: &str = "1";

pub fn encode(action: &Action) -> String {
    let body = match action {
        Action::OpenSpot(spot) => format!("s:{spot}"),
        Action::OpenTask { spot, task } => format!("t:{spot}:{task}"),
        Action::TaskDone { spot, task } => format!("d:{spot}:{task}"),
        Action::SetLang(lang) => format!("l:{lang}"),
        Action::Forget { confirmed } => format!("f:{}", if *confirmed { "y" } else { "n" }),
        Action::Spots => "m".to_owned(),
        Action::Progress => "p".to_owned(),
        Action::PhotoConsent { photo, choice } => format!("pc:{photo}:{}", consent_code(*choice)),
        Action::PhotoCredit { photo, choice } => format!("pr:{photo}:{}", credit_code(*choice)),
        Action::PhotoChange { photo } => format!("pe:{photo}"),
        Action::PhotoWithdraw { photo } => format!("pw:{photo}"),
        Action::Moderate { photo, approve } => {
            format!("pm:{photo}:{}", if *approve { "a" } else { "r" })
        }
        Action::CardPicture { spot, choice } => match choice {
            PictureChoice::Photo(photo) => format!("cp:{spot}:p{photo}"),
            PictureChoice::NewPhoto => format!("cp:{spot}:n"),
            PictureChoice::Spot => format!("cp:{spot}:s"),
        },
    };
    format!("{VERSION}:{body}")
}

pub fn decode(data: &str) -> Option<Action> {
    if data.len() > MAX_LEN {
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
        ("f", ["y"]) => Action::Forget { confirmed: true },
        ("f", ["n"]) => Action::Forget { confirmed: false },
        ("m", []) => Action::Spots,
        ("p", []) => Action::Progress,
        ("pc", [photo, code]) => Action::PhotoConsent {
            photo: photo.parse().ok()?,
            choice: consent_choice(code)?,
        },
        ("pr", [photo, code]) => Action::PhotoCredit {
            photo: photo.parse().ok()?,
            choice: credit_choice(code)?,
        },
        ("pe", [photo]) => Action::PhotoChange {
            photo: photo.parse().ok()?,
        },
        ("pw", [photo]) => Action::PhotoWithdraw {
            photo: photo.parse().ok()?,
        },
        ("pm", [photo, "a"]) => Action::Moderate {
            photo: photo.parse().ok()?,
            approve: true,
        },
        ("pm", [photo, "r"]) => Action::Moderate {
            photo: photo.parse().ok()?,
            approve: false,
        },
        ("cp", [spot, choice]) => Action::CardPicture {
            spot: id(spot)?,
            choice: match *choice {
                "n" => PictureChoice::NewPhoto,
                "s" => PictureChoice::Spot,
                photo => PictureChoice::Photo(photo.strip_prefix('p')?.parse().ok()?),
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
            Action::Forget { confirmed: true },
            Action::Forget { confirmed: false },
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
        for photo in [0, u64::MAX] {
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

    #[test]
    fn every_action_round_trips_within_64_bytes() {
        let longest_id = "a".repeat(crate::config::Id::MAX_LEN);
        for spot in ["chateau", longest_id.as_str()] {
            for action in all_actions(spot) {
                let data = encode(&action);
                assert!(data.len() <= MAX_LEN, "{data} is {} bytes", data.len());
                assert_eq!(decode(&data), Some(action), "{data}");
            }
        }
    }

    #[test]
    fn forged_or_foreign_data_is_refused() {
        for data in [
            "",
            "1",
            "2:s:chateau",
            "1:s:",
            "1:s:Chateau",
            "1:s:chateau:extra",
            "1:t:chateau:selfie",
            "1:l:pt",
            "1:f:maybe",
            "1:x",
            "1:s:../../etc",
            "s:chateau",
            "1:pc:12:z",
            "1:pc:-1:s",
            "1:pm:12:yes",
            "1:pw:twelve",
            "1:pr:12",
            "1:cp:chateau:x",
            "1:cp:chateau:p",
            "1:cp:chateau:12",
        ] {
            assert_eq!(decode(data), None, "{data:?}");
        }
        assert_eq!(decode(&format!("1:s:{}", "a".repeat(70))), None);
    }
}
