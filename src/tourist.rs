//! What escale remembers about one tourist, and nothing more: the language they chose, the partner
//! who brought them, the spots they opened and the tasks they did there.
//!
//! No phone number, no location, no name but those the tourist gives for a photo credit or signs a
//! postcard with: a shared location is used to find the nearest spot and
//! then forgotten. `/mydata` shows this record as it is stored; `/forget` deletes it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::rewards::Reward;
use crate::tasks::TaskKind;
use crate::tasks::photo::{Photo, PhotoStatus};
use crate::tasks::postcard::{Card, Draft};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tourist {
    /// The language picked with /lang; None: follow the Telegram app's language.
    #[serde(default)]
    pub language: Option<Lang>,
    /// The partner (hotel…) whose QR code or spot brought the tourist first; kept once set.
    #[serde(default)]
    pub partner: Option<String>,
    /// Spot id → progress there.
    #[serde(default)]
    pub spots: BTreeMap<String, SpotProgress>,
    /// The photos the tourist shared, with the consent they gave for each.
    #[serde(default)]
    pub photos: Vec<Photo>,
    /// The postcard being made, if any.
    #[serde(default)]
    pub card_draft: Option<Draft>,
    /// The postcards the tourist made.
    #[serde(default)]
    pub cards: Vec<Card>,
    /// The card whose code brought the tourist, if a friend's card did.
    #[serde(default)]
    pub referred_by: Option<String>,
    /// The reward earned after enough tasks, with its code.
    #[serde(default)]
    pub reward: Option<Reward>,
    /// The task waiting for a message from the tourist (a photo, a text), if any.
    #[serde(default)]
    pub awaiting: Option<Awaiting>,
}

/// An entry of the store's indexes that points at a tourist's record: how the office finds the
/// author of a photo, the holder of a reward code, the sender of a postcard.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum IndexKey {
    Photo(u64),
    Reward(String),
    Card(String),
}

impl IndexKey {
    /// The key's bytes in its index (big-endian numbers, codes as they are).
    pub fn bytes(&self) -> Vec<u8> {
        match self {
            IndexKey::Photo(id) => id.to_be_bytes().to_vec(),
            IndexKey::Reward(code) | IndexKey::Card(code) => code.as_bytes().to_vec(),
        }
    }

    pub fn photo_from(bytes: &[u8]) -> Option<IndexKey> {
        Some(IndexKey::Photo(u64::from_be_bytes(bytes.try_into().ok()?)))
    }

    pub fn reward_from(bytes: &[u8]) -> Option<IndexKey> {
        Some(IndexKey::Reward(String::from_utf8(bytes.to_vec()).ok()?))
    }

    pub fn card_from(bytes: &[u8]) -> Option<IndexKey> {
        Some(IndexKey::Card(String::from_utf8(bytes.to_vec()).ok()?))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SpotProgress {
    /// The day the tourist first opened the spot (`2026-07-14`): a day is all the passport
    /// needs, so no finer time is kept.
    pub first_visit: String,
    /// Tasks completed here, in the order they were done.
    #[serde(default)]
    pub done: Vec<TaskKind>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Awaiting {
    pub spot: String,
    pub task: TaskKind,
}

impl Tourist {
    /// Records a visit of `spot`; true on the first one.
    pub fn visit(&mut self, spot: &str, now: u64) -> bool {
        let first = !self.spots.contains_key(spot);
        self.progress_at(spot, now);
        first
    }

    /// Attributes the tourist to `partner` unless another partner brought them first; true when
    /// this one is the first.
    pub fn attribute(&mut self, partner: &str) -> bool {
        if self.partner.is_some() {
            return false;
        }
        self.partner = Some(partner.to_owned());
        true
    }

    /// The index entries this record needs: its shared photos (drafts are never shown to anyone,
    /// so not indexed), its reward's code, its postcards' codes.
    pub fn index_keys(&self) -> Vec<IndexKey> {
        let photos = self
            .photos
            .iter()
            .filter(|p| p.status != PhotoStatus::Draft)
            .map(|p| IndexKey::Photo(p.id));
        let reward = self.reward.iter().map(|r| IndexKey::Reward(r.code.clone()));
        let cards = self.cards.iter().map(|c| IndexKey::Card(c.code.clone()));
        photos.chain(reward).chain(cards).collect()
    }

    pub fn is_done(&self, spot: &str, task: TaskKind) -> bool {
        self.spots.get(spot).is_some_and(|p| p.done.contains(&task))
    }

    /// Marks `task` done at `spot`; false when it already was.
    pub fn complete(&mut self, spot: &str, task: TaskKind, now: u64) -> bool {
        let progress = self.progress_at(spot, now);
        if progress.done.contains(&task) {
            return false;
        }
        progress.done.push(task);
        true
    }

    fn progress_at(&mut self, spot: &str, now: u64) -> &mut SpotProgress {
        self.spots
            .entry(spot.to_owned())
            .or_insert_with(|| SpotProgress {
                first_visit: iso_date(now),
                done: Vec::new(),
            })
    }

    /// Completed tasks that count toward rewards (reviews never do).
    pub fn score(&self) -> usize {
        self.spots
            .values()
            .flat_map(|p| &p.done)
            .filter(|t| t.counts_toward_rewards())
            .count()
    }
}

/// The UTC calendar day of a Unix time, as `YYYY-MM-DD` (Howard Hinnant's civil-from-days).
pub fn iso_date(unix_secs: u64) -> String {
    let days = (unix_secs / 86_400) as i64 + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_partner_is_kept() {
        let mut t = Tourist::default();
        t.attribute("hotel-a");
        assert!(t.visit("chateau", 10));
        assert!(!t.attribute("hotel-b"));
        assert!(!t.visit("chateau", 11));
        assert_eq!(t.partner.as_deref(), Some("hotel-a"));
    }

    #[test]
    fn completing_twice_counts_once_and_reviews_never_score() {
        let mut t = Tourist::default();
        assert!(t.complete("chateau", TaskKind::Hashtag, 1));
        assert!(!t.complete("chateau", TaskKind::Hashtag, 2));
        assert!(t.complete("chateau", TaskKind::Review, 3));
        assert_eq!(t.score(), 1);
        assert_eq!(t.spots["chateau"].first_visit, "1970-01-01");
    }

    #[test]
    fn dates_are_calendar_days() {
        assert_eq!(iso_date(0), "1970-01-01");
        assert_eq!(iso_date(951_782_400), "2000-02-29");
        assert_eq!(iso_date(1_795_717_475), "2026-11-26");
        assert_eq!(iso_date(4_102_444_799), "2099-12-31");
    }

    #[test]
    fn old_records_without_new_fields_still_load() {
        let t: Tourist =
            serde_json::from_str(r#"{"spots":{"chateau":{"first_visit":"2026-07-14"}}}"#).unwrap();
        assert_eq!(t.spots["chateau"].first_visit, "2026-07-14");
        assert!(t.spots["chateau"].done.is_empty());
    }
}
