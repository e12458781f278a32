//! What the running bot counts about itself (not about tourists): updates handled, dropped by
//! the fair-share rule, failed, and when Telegram last answered. Plain atomics, served by
//! `/metrics` and `/healthz` (see [`crate::health`]).

use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug, Default)]
pub struct Metrics {
    /// Updates received (those dropped or skipped as redelivered included).
    pub updates: AtomicU64,
    /// Updates dropped because their chat sent more than its share (see `admission`).
    pub dropped: AtomicU64,
    /// Updates that failed and got an apology.
    pub failed: AtomicU64,
    /// When the Bot API last answered (Unix seconds; 0: not yet).
    pub api_ok_at: AtomicU64,
}

impl Metrics {
    pub fn add(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    pub fn mark(at: &AtomicU64, now: u64) {
        at.store(now, Ordering::Relaxed);
    }

    pub fn get(counter: &AtomicU64) -> u64 {
        counter.load(Ordering::Relaxed)
    }
}
