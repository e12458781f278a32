//! escale: a Telegram bot that turns a destination's strategic spots into short digital sequences
//! for tourists. See README.md for the big picture.
#![forbid(unsafe_code)]

pub mod admission;
pub mod app;
pub mod card;
pub mod cli;
pub mod config;
pub mod control;
pub mod demo;
pub mod export;
pub mod geo;
pub mod health;
pub mod i18n;
pub mod journey;
pub mod metrics;
pub mod office;
pub mod poster;
pub mod private;
pub mod rewards;
pub mod sandbox;
pub mod stats;
pub mod store;
pub mod tasks;
pub mod telegram;
pub mod tourist;

use config::Config;
use i18n::I18n;
use store::Store;

use std::sync::{Arc, RwLock};

/// Everything the bot shares between updates: the office's settings, the store.
pub struct Escale {
    settings: RwLock<Arc<Settings>>,
    pub store: Store,
    pub metrics: metrics::Metrics,
    /// Postcards rendered at once: each may hold a large decoded photo in memory.
    renders: tokio::sync::Semaphore,
}

/// The office's files as loaded: replaced whole on reload, never half-changed.
pub struct Settings {
    pub config: Config,
    pub i18n: I18n,
}

impl Escale {
    pub fn new(config: Config, i18n: I18n, store: Store) -> Escale {
        Escale {
            settings: RwLock::new(Arc::new(Settings { config, i18n })),
            store,
            metrics: metrics::Metrics::default(),
            renders: tokio::sync::Semaphore::new(2),
        }
    }

    /// The settings in force; an update keeps the ones it started with.
    pub fn settings(&self) -> Arc<Settings> {
        self.settings
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Puts new, already validated settings in force.
    pub fn replace_settings(&self, config: Config, i18n: I18n) {
        let new = Arc::new(Settings { config, i18n });
        *self
            .settings
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = new;
    }
}

/// Seconds since 1970: the clock of every record and counter.
pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
