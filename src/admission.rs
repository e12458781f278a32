//! A fair share of the bot for every chat. A chat may send a burst of updates, then about two a
//! second; beyond that its updates are dropped, with one polite word, so that a flood in one chat
//! (a forwarded album of 100 messages, a script) never delays the tourists in all the others.
//!
//! ```text
//! chat 42: 30 messages at once   → all handled
//! chat 42: 290 more in a second  → dropped; once: "One thing at a time, please…"
//! chat 42: a message 5 s later   → handled again
//! ```

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Updates a chat may send at once.
pub const BURST: f64 = 30.0;
/// Updates a chat earns back per second.
pub const PER_SECOND: f64 = 2.0;
/// Chats quiet for this long are forgotten (their bucket is full again anyway).
const FORGET_AFTER: Duration = Duration::from_secs(60);

/// What to do with a chat's update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Admit,
    /// Over its share: drop it and say so, once per flood.
    DropAndWarn,
    /// Over its share, already told.
    Drop,
}

/// Token buckets per chat.
#[derive(Default)]
pub struct Admission {
    buckets: Mutex<HashMap<i64, Bucket>>,
    unlimited: bool,
}

struct Bucket {
    tokens: f64,
    at: Instant,
    warned: bool,
}

impl Admission {
    pub fn new() -> Admission {
        Admission::default()
    }

    /// Admits everything: for benchmarks, whose tourists send as fast as they can.
    pub fn unlimited() -> Admission {
        Admission {
            unlimited: true,
            ..Admission::default()
        }
    }

    pub fn check(&self, chat: i64, now: Instant) -> Verdict {
        if self.unlimited {
            return Verdict::Admit;
        }
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if buckets.len() > 10_000 {
            buckets.retain(|_, b| now.saturating_duration_since(b.at) < FORGET_AFTER);
        }
        let bucket = buckets.entry(chat).or_insert(Bucket {
            tokens: BURST,
            at: now,
            warned: false,
        });
        let earned = now.saturating_duration_since(bucket.at).as_secs_f64() * PER_SECOND;
        bucket.tokens = (bucket.tokens + earned).min(BURST);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            // Told once per flood: only a chat quiet long enough to fill its bucket again is
            // told again.
            if bucket.tokens >= BURST {
                bucket.warned = false;
            }
            bucket.tokens -= 1.0;
            return Verdict::Admit;
        }
        if bucket.warned {
            Verdict::Drop
        } else {
            bucket.warned = true;
            Verdict::DropAndWarn
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_passes_then_a_flood_is_dropped_with_one_warning() {
        let admission = Admission::new();
        let start = Instant::now();
        let verdicts: Vec<Verdict> = (0..300).map(|_| admission.check(42, start)).collect();
        assert!(verdicts[..30].iter().all(|v| *v == Verdict::Admit));
        assert_eq!(verdicts[30], Verdict::DropAndWarn);
        assert!(verdicts[31..].iter().all(|v| *v == Verdict::Drop));
        // Another chat is not touched by the flood.
        assert_eq!(admission.check(7, start), Verdict::Admit);
        // The flood goes on: what it earns back passes, and it is not told again.
        let later = start + Duration::from_secs(2);
        for _ in 0..4 {
            assert_eq!(admission.check(42, later), Verdict::Admit);
        }
        assert_eq!(admission.check(42, later), Verdict::Drop);
        // Quiet long enough to be whole again: a new flood is told once more.
        let much_later = later + Duration::from_secs(20);
        for _ in 0..30 {
            assert_eq!(admission.check(42, much_later), Verdict::Admit);
        }
        assert_eq!(admission.check(42, much_later), Verdict::DropAndWarn);
    }

    #[test]
    fn a_tourist_at_a_human_pace_is_never_dropped() {
        let admission = Admission::new();
        let start = Instant::now();
        for i in 0..1000u64 {
            let at = start + Duration::from_millis(i * 600);
            assert_eq!(admission.check(1, at), Verdict::Admit);
        }
    }
}
