//! escale: a Telegram bot that turns a destination's strategic spots into short digital sequences
//! for tourists. See README.md for the big picture.
#![forbid(unsafe_code)]

pub mod card;
pub mod cli;
pub mod config;
pub mod demo;
pub mod geo;
pub mod i18n;
pub mod journey;
pub mod sandbox;
pub mod store;
pub mod tasks;
pub mod telegram;
pub mod tourist;

use config::Config;
use i18n::I18n;
use store::Store;

/// Everything the bot shares between updates: the office's config, the messages, the store.
pub struct Escale {
    pub config: Config,
    pub i18n: I18n,
    pub store: Store,
}
