//! Rewards: after a number of tasks, a code the tourist shows at the office or at a partner.
//!
//! ```text
//! bot:   🎁 Well done, 4 tasks! Your reward: a Pau pin badge at the tourist office…
//!        Show this code: K7Q2-9XMA
//! staff: /redeem k7q2 9xma
//! bot:   ✅ Valid code (earned 2026-07-14). It is now marked as used.
//! ```
//!
//! Codes are 8 characters of Crockford's base 32 (40 random bits): easy to read aloud, hard to
//! guess. Reviews never count toward a reward (review platforms forbid rewarding them).

use serde::{Deserialize, Serialize};

use crate::journey::{Ctx, Reply};
use crate::stats::{Count, Metric};
use crate::tourist::{Tourist, iso_date};

/// A reward earned by a tourist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reward {
    pub code: String,
    pub earned_at: u64,
    pub redeemed_at: Option<u64>,
    /// "office" or the id of the partner whose staff redeemed it.
    pub redeemed_by: Option<String>,
}

/// Crockford's base 32: no I, L, O, U, so that a code read aloud or typed is not mistaken.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_LEN: usize = 8;

/// A code from 40 random bits.
pub fn code_from(random: [u8; 5]) -> String {
    let bits = random
        .iter()
        .fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
    (0..CODE_LEN)
        .rev()
        .map(|i| ALPHABET[((bits >> (5 * i)) & 31) as usize] as char)
        .collect()
}

/// What a staff member typed, as a stored code: case, spaces and dashes do not matter, and the
/// letters people confuse with digits are read as those digits.
pub fn normalize(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    let valid = code.len() == CODE_LEN && code.bytes().all(|b| ALPHABET.contains(&b));
    valid.then_some(code)
}

/// `K7Q29XMA` → `K7Q2-9XMA`, easier to read.
pub fn display(code: &str) -> String {
    match code.split_at_checked(CODE_LEN / 2) {
        Some((a, b)) => format!("{a}-{b}"),
        None => code.to_owned(),
    }
}

/// After a task is done: the reward, if the tourist just reached it.
pub fn earn(ctx: &Ctx, tourist: &mut Tourist) -> Option<(Reply, Count)> {
    let rewards = ctx.config.rewards.as_ref()?;
    if tourist.reward.is_some() || tourist.score() < rewards.after_tasks.0 {
        return None;
    }
    // Without a code now, the reward comes with the next task.
    let code = ctx.registry.reward_code()?;
    let text = ctx.t_args(
        "reward-earned",
        &[
            ("tasks", rewards.after_tasks.0.into()),
            ("reward", ctx.text(&rewards.text).into()),
            ("code", display(&code).into()),
        ],
    );
    tourist.reward = Some(Reward {
        code,
        earned_at: ctx.now,
        redeemed_at: None,
        redeemed_by: None,
    });
    Some((Reply::text(text), Count::anywhere(Metric::RewardEarned)))
}

/// The reward's line in the passport.
pub fn passport_line(ctx: &Ctx, reward: &Reward) -> String {
    let what = ctx
        .config
        .rewards
        .as_ref()
        .map_or("", |r| ctx.text(&r.text));
    match reward.redeemed_at {
        None => ctx.t_args(
            "progress-reward",
            &[
                ("reward", what.into()),
                ("code", display(&reward.code).into()),
            ],
        ),
        Some(at) => ctx.t_args("progress-reward-used", &[("date", iso_date(at).into())]),
    }
}

/// What `/redeem` found.
#[derive(Debug, PartialEq, Eq)]
pub enum Redemption {
    /// Valid: now marked used.
    Redeemed {
        earned_at: u64,
    },
    AlreadyUsed {
        at: u64,
    },
    Unknown,
}

/// Marks the tourist's reward used, once.
pub fn redeem(tourist: &mut Tourist, code: &str, by: &str, now: u64) -> Redemption {
    let Some(reward) = tourist.reward.as_mut().filter(|r| r.code == code) else {
        return Redemption::Unknown;
    };
    if let Some(at) = reward.redeemed_at {
        return Redemption::AlreadyUsed { at };
    }
    reward.redeemed_at = Some(now);
    reward.redeemed_by = Some(by.to_owned());
    Redemption::Redeemed {
        earned_at: reward.earned_at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_use_the_readable_alphabet_and_read_back() {
        let code = code_from([0xff, 0x00, 0x7a, 0x13, 0x99]);
        assert_eq!(code.len(), 8);
        assert!(code.bytes().all(|b| ALPHABET.contains(&b)));
        assert_eq!(
            normalize(&display(&code).to_lowercase()),
            Some(code.clone())
        );
        assert_eq!(code_from([0; 5]), "00000000");
        assert_ne!(code_from([0, 0, 0, 0, 1]), code_from([0, 0, 0, 0, 2]));
    }

    #[test]
    fn typed_codes_are_forgiving_but_strict_on_length() {
        assert_eq!(normalize(" k7q2 - 9xma "), Some("K7Q29XMA".into()));
        assert_eq!(normalize("OIL00000"), Some("01100000".into()));
        assert_eq!(normalize("K7Q29XM"), None);
        assert_eq!(normalize("K7Q29XMAU"), None);
        assert_eq!(normalize("K7Q2?XMA"), None);
    }

    #[test]
    fn a_reward_is_redeemed_once() {
        let mut t = Tourist {
            reward: Some(Reward {
                code: "K7Q29XMA".into(),
                earned_at: 5,
                redeemed_at: None,
                redeemed_by: None,
            }),
            ..Tourist::default()
        };
        assert_eq!(redeem(&mut t, "K7Q29XMB", "office", 9), Redemption::Unknown);
        assert_eq!(
            redeem(&mut t, "K7Q29XMA", "office", 9),
            Redemption::Redeemed { earned_at: 5 }
        );
        assert_eq!(
            redeem(&mut t, "K7Q29XMA", "hotel", 10),
            Redemption::AlreadyUsed { at: 9 }
        );
        assert_eq!(t.reward.unwrap().redeemed_by.as_deref(), Some("office"));
    }
}
