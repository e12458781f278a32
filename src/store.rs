//! escale's storage: sled, behind a small API. Nothing else in the code sees `sled::`.
//!
//! Layout: one tree per entity, with a version suffix (`tourists_v1`); keys are big-endian
//! integers so they sort numerically; values are JSON (serde_json: readable, tolerant of added
//! fields with `#[serde(default)]`). The `meta` tree holds the schema version; migrations run
//! when the store opens.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::journey::Registry;
use crate::rewards;
use crate::stats::{Count, CounterKey, day_of};
use crate::tasks::photo::{Photo, PhotoStatus};
use crate::tasks::postcard;
use crate::tourist::Tourist;

/// The layout this code reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

const META: &str = "meta";
const SCHEMA_KEY: &[u8] = b"schema_version";
const TOURISTS: &str = "tourists_v1";
/// Photo number → the tourist whose record holds the photo (for the office's moderation and
/// export). Drafts, never shown to anyone, are not indexed.
const PHOTO_OWNERS: &str = "photo_owners_v1";
/// Approved photos whose author used /forget: what the office must take down, nothing more.
const ERASED_PHOTOS: &str = "erased_photos_v1";
/// Reward code → the tourist who earned it (for /redeem).
const REWARD_CODES: &str = "reward_codes_v1";
/// Postcard code → the tourist who made the card (for a friend arriving by it).
const CARD_CODES: &str = "card_codes_v1";
/// The office's counters: day, metric, partner, spot → count (see [`CounterKey`]).
const COUNTERS: &str = "counters_v1";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "cannot open the data folder {path}: {source}\n  (only one escale process can use a data folder at a time: is the bot already running?)"
    )]
    Open { path: String, source: sled::Error },
    #[error(
        "the data folder was written by a newer escale (schema {found}, this one knows {SCHEMA_VERSION}): upgrade escale"
    )]
    TooNew { found: u32 },
    #[error("storage error: {0}")]
    Sled(#[from] sled::Error),
    #[error("a stored record cannot be read: {0}")]
    Corrupt(String),
}

/// The bot's database. Cheap to clone: clones share the same sled database.
#[derive(Clone)]
pub struct Store {
    db: sled::Db,
    tourists: sled::Tree,
    photo_owners: sled::Tree,
    erased_photos: sled::Tree,
    counters: sled::Tree,
    reward_codes: sled::Tree,
    card_codes: sled::Tree,
}

/// An approved photo erased with its author's record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErasedPhoto {
    pub id: u64,
    pub spot: String,
    pub erased_at: u64,
}

impl Store {
    /// Opens (or creates) the store in `dir`, and brings its layout up to [`SCHEMA_VERSION`].
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        let db = open_when_released(dir).map_err(|source| StoreError::Open {
            path: dir.display().to_string(),
            source,
        })?;
        let meta = db.open_tree(META)?;
        let found = match meta.get(SCHEMA_KEY)? {
            Some(bytes) => u32::from_be_bytes(
                bytes
                    .as_ref()
                    .try_into()
                    .map_err(|_| StoreError::Corrupt("schema version".into()))?,
            ),
            None => 0,
        };
        if found > SCHEMA_VERSION {
            return Err(StoreError::TooNew { found });
        }
        // Version 0 is a new, empty folder: nothing to migrate yet. Later versions add their
        // migration steps here, each moving the data from one tree version to the next.
        if found < SCHEMA_VERSION {
            meta.insert(SCHEMA_KEY, &SCHEMA_VERSION.to_be_bytes())?;
        }
        let tourists = db.open_tree(TOURISTS)?;
        let photo_owners = db.open_tree(PHOTO_OWNERS)?;
        let erased_photos = db.open_tree(ERASED_PHOTOS)?;
        let counters = db.open_tree(COUNTERS)?;
        let reward_codes = db.open_tree(REWARD_CODES)?;
        let card_codes = db.open_tree(CARD_CODES)?;
        Ok(Store {
            card_codes,
            reward_codes,
            db,
            tourists,
            photo_owners,
            erased_photos,
            counters,
        })
    }

    /// The tourist's record; the default (empty) record when escale knows nothing about them.
    pub fn tourist(&self, user_id: u64) -> Result<Tourist, StoreError> {
        match self.tourists.get(user_id.to_be_bytes())? {
            Some(bytes) => {
                serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt(e.to_string()))
            }
            None => Ok(Tourist::default()),
        }
    }

    pub fn save_tourist(&self, user_id: u64, tourist: &Tourist) -> Result<(), StoreError> {
        let bytes = serde_json::to_vec(tourist).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        self.tourists.insert(user_id.to_be_bytes(), bytes)?;
        for photo in tourist
            .photos
            .iter()
            .filter(|p| p.status != PhotoStatus::Draft)
        {
            self.photo_owners
                .insert(photo.id.to_be_bytes(), &user_id.to_be_bytes())?;
        }
        if let Some(reward) = &tourist.reward {
            self.reward_codes
                .insert(reward.code.as_bytes(), &user_id.to_be_bytes())?;
        }
        for card in &tourist.cards {
            self.card_codes
                .insert(card.code.as_bytes(), &user_id.to_be_bytes())?;
        }
        Ok(())
    }

    /// The tourist who made the postcard `code`.
    pub fn card_owner(&self, code: &str) -> Result<Option<u64>, StoreError> {
        self.card_codes
            .get(code.as_bytes())?
            .map(|bytes| be_u64(&bytes))
            .transpose()
    }

    /// The tourist who earned the reward `code`.
    pub fn reward_owner(&self, code: &str) -> Result<Option<u64>, StoreError> {
        self.reward_codes
            .get(code.as_bytes())?
            .map(|bytes| be_u64(&bytes))
            .transpose()
    }

    /// The tourist whose record holds photo `photo_id`.
    pub fn photo_owner(&self, photo_id: u64) -> Result<Option<u64>, StoreError> {
        self.photo_owners
            .get(photo_id.to_be_bytes())?
            .map(|bytes| be_u64(&bytes))
            .transpose()
    }

    /// Every shared photo with its owner, in the order they were shared.
    pub fn photos(&self) -> Result<Vec<(u64, Photo)>, StoreError> {
        let mut owners = std::collections::BTreeSet::new();
        for entry in self.photo_owners.iter() {
            let (_, owner) = entry?;
            owners.insert(be_u64(&owner)?);
        }
        let mut photos = Vec::new();
        for owner in owners {
            photos.extend(self.tourist(owner)?.photos.into_iter().map(|p| (owner, p)));
        }
        photos.retain(|(_, p)| p.status != PhotoStatus::Draft);
        photos.sort_by_key(|(_, p)| p.id);
        Ok(photos)
    }

    /// Erases everything stored about the tourist. Their approved photos leave a note for the
    /// office's export (number, spot, date), so that the office takes them down.
    pub fn forget_tourist(&self, user_id: u64, now: u64) -> Result<(), StoreError> {
        // Every index entry that points at the tourist goes, whatever the record says (it may be
        // unreadable, or have dropped a card the index still knows): a scan, fine for /forget.
        let owner = user_id.to_be_bytes();
        for index in [&self.photo_owners, &self.reward_codes, &self.card_codes] {
            for entry in index.iter() {
                let (key, value) = entry?;
                if value.as_ref() == owner {
                    index.remove(key)?;
                }
            }
        }
        if let Ok(tourist) = self.tourist(user_id) {
            for photo in &tourist.photos {
                if photo.status == PhotoStatus::Approved {
                    let erased = ErasedPhoto {
                        id: photo.id,
                        spot: photo.spot.clone(),
                        erased_at: now,
                    };
                    let bytes = serde_json::to_vec(&erased)
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                    self.erased_photos.insert(photo.id.to_be_bytes(), bytes)?;
                }
            }
        }
        self.tourists.remove(user_id.to_be_bytes())?;
        Ok(())
    }

    pub fn erased_photos(&self) -> Result<Vec<ErasedPhoto>, StoreError> {
        self.erased_photos
            .iter()
            .values()
            .map(|bytes| {
                serde_json::from_slice(&bytes?).map_err(|e| StoreError::Corrupt(e.to_string()))
            })
            .collect()
    }

    pub fn tourist_count(&self) -> usize {
        self.tourists.len()
    }

    /// Makes every write so far durable. Call before confirming anything to a tourist.
    pub async fn flush(&self) -> Result<(), StoreError> {
        self.db.flush_async().await?;
        Ok(())
    }

    /// Adds `by` to a counter, atomically (the office's decisions and the tourists' updates run
    /// side by side).
    pub fn count(&self, key: &CounterKey, by: u64) -> Result<(), StoreError> {
        self.counters.update_and_fetch(key.encode(), |old| {
            let old = old
                .and_then(|b| b.try_into().ok())
                .map_or(0, u64::from_be_bytes);
            Some(old.saturating_add(by).to_be_bytes().to_vec())
        })?;
        Ok(())
    }

    /// Adds what a tourist's update counted, on today's counters, under their partner.
    pub fn add_counts(
        &self,
        now: u64,
        partner: Option<&str>,
        counts: &[Count],
    ) -> Result<(), StoreError> {
        for count in counts {
            let key = CounterKey {
                day: day_of(now),
                metric: count.metric,
                partner: partner.unwrap_or_default().to_owned(),
                spot: count.spot.clone().unwrap_or_default(),
            };
            self.count(&key, 1)?;
        }
        Ok(())
    }

    /// The counters of days `from..=to`: a range scan, whatever the number of tourists.
    pub fn counters(&self, from: u32, to: u32) -> Result<Vec<(CounterKey, u64)>, StoreError> {
        let start = from.to_be_bytes();
        let end = to.saturating_add(1).to_be_bytes();
        let range = if to == u32::MAX {
            self.counters.range(start..)
        } else {
            self.counters.range(start..end)
        };
        let mut counters = Vec::new();
        for entry in range {
            let (key, value) = entry?;
            let key = CounterKey::decode(&key)
                .ok_or_else(|| StoreError::Corrupt("a counter key".into()))?;
            counters.push((key, be_u64(&value)?));
        }
        Ok(counters)
    }

    /// A new number from 1 up, never given before (sled's monotonic counter, kept across
    /// restarts).
    pub fn next_id(&self) -> Result<u64, StoreError> {
        Ok(self.db.generate_id()? + 1)
    }

    pub fn schema_version(&self) -> Result<u32, StoreError> {
        let meta = self.db.open_tree(META)?;
        let bytes = meta
            .get(SCHEMA_KEY)?
            .ok_or_else(|| StoreError::Corrupt("schema version".into()))?;
        let bytes: [u8; 4] = bytes
            .as_ref()
            .try_into()
            .map_err(|_| StoreError::Corrupt("schema version".into()))?;
        Ok(u32::from_be_bytes(bytes))
    }

    /// How many times the store was flushed to disk (group commit: one per batch of writes).
    pub fn fsyncs(&self) -> u64 {
        0
    }
}

/// sled locks its folder, and after a `Db` is dropped its background threads may hold the lock a
/// few milliseconds more: a store closed and opened again (a restart in-process, an office
/// command right after the bot stopped) waits for them, briefly. Another process holding the
/// folder is still an error after that.
fn open_when_released(dir: &Path) -> Result<sled::Db, sled::Error> {
    const PATIENCE: std::time::Duration = std::time::Duration::from_secs(2);
    let started = std::time::Instant::now();
    loop {
        match sled::open(dir) {
            // sled reports a held lock only through its message.
            Err(sled::Error::Io(e))
                if e.to_string().contains("could not acquire lock")
                    && started.elapsed() < PATIENCE =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            result => return result,
        }
    }
}

/// The store is where numbers and codes are made unique, and where shared cards are found.
impl Registry for Store {
    fn next_id(&self) -> u64 {
        self.next_id().unwrap_or_else(|e| {
            // Never reused either: nanoseconds since 1970 are far above sled's counter.
            tracing::error!(error = %e, "the id counter failed; using the clock");
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(u64::MAX, |d| d.as_nanos() as u64)
        })
    }

    fn reward_code(&self) -> Option<String> {
        fresh_code(|code| self.reward_owner(code))
    }

    fn card_code(&self) -> Option<String> {
        fresh_code(|code| self.card_owner(code))
    }

    fn shared_card(&self, code: &str) -> Option<postcard::Shared> {
        let owner = self.card_owner(code).ok()??;
        let tourist = self.tourist(owner).ok()?;
        let card = tourist.cards.into_iter().find(|c| c.code == code)?;
        Some(postcard::Shared {
            from: card.from,
            spot: card.spot,
        })
    }
}

/// A random code (40 bits) no one holds yet, per `owner`; None when the system gives no
/// randomness (a guessable code would be worse than none).
fn fresh_code(owner: impl Fn(&str) -> Result<Option<u64>, StoreError>) -> Option<String> {
    // 2^40 codes: a collision is unlikely, but two tourists must never share one.
    for _ in 0..8 {
        let mut random = [0u8; 5];
        if let Err(e) = getrandom::fill(&mut random) {
            tracing::error!(error = %e, "no randomness for a code");
            return None;
        }
        let code = rewards::code_from(random);
        if matches!(owner(&code), Ok(None)) {
            return Some(code);
        }
    }
    None
}

fn be_u64(bytes: &[u8]) -> Result<u64, StoreError> {
    let bytes: [u8; 8] = bytes
        .try_into()
        .map_err(|_| StoreError::Corrupt("an 8-byte number".into()))?;
    Ok(u64::from_be_bytes(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tasks::TaskKind;

    #[tokio::test]
    async fn records_survive_reopening() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = Store::open(dir.path()).unwrap();
            let mut t = Tourist::default();
            t.complete("chateau", TaskKind::App, 7);
            store.save_tourist(42, &t).unwrap();
            store.flush().await.unwrap();
        }
        let store = Store::open(dir.path()).unwrap();
        assert!(store.tourist(42).unwrap().is_done("chateau", TaskKind::App));
        assert_eq!(store.tourist(43).unwrap(), Tourist::default());
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn forget_removes_the_record() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store
            .save_tourist(
                1,
                &Tourist {
                    partner: Some("h".into()),
                    ..Tourist::default()
                },
            )
            .unwrap();
        store.forget_tourist(1, 0).unwrap();
        assert_eq!(store.tourist_count(), 0);
    }

    /// `/forget` leaves nothing that points at the tourist: not the record, not an index entry,
    /// even for a card the record had already dropped.
    #[test]
    fn forget_leaves_no_trace_in_any_index() {
        use crate::rewards::Reward;
        use crate::tasks::photo::{Credit, Photo, Scopes};
        use crate::tasks::postcard::Card;
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let card = |code: &str| Card {
            code: code.into(),
            spot: "chateau".into(),
            from: "Alex".into(),
            made_at: 1,
            file_id: None,
        };
        let mut alex = Tourist {
            photos: vec![Photo {
                id: 7,
                file_id: "f".into(),
                original: false,
                spot: "chateau".into(),
                partner: None,
                scopes: Scopes::ALL,
                credit: Credit::Name("Alex".into()),
                status: PhotoStatus::Approved,
                lang: crate::i18n::Lang::En,
                shared_at: 1,
                approved_at: Some(2),
                decided_at: Some(2),
                withdrawn_at: None,
                dialog: None,
            }],
            cards: vec![card("AAAAAAAA"), card("BBBBBBBB")],
            reward: Some(Reward {
                code: "CCCCCCCC".into(),
                earned_at: 1,
                redeemed_at: None,
                redeemed_by: None,
            }),
            ..Tourist::default()
        };
        store.save_tourist(42, &alex).unwrap();
        // A card that failed to render leaves the record but stays indexed.
        alex.cards.pop();
        store.save_tourist(42, &alex).unwrap();
        store
            .save_tourist(
                43,
                &Tourist {
                    cards: vec![card("DDDDDDDD")],
                    ..Tourist::default()
                },
            )
            .unwrap();

        store.forget_tourist(42, 9).unwrap();
        assert_eq!(store.tourist(42).unwrap(), Tourist::default());
        for index in [&store.photo_owners, &store.reward_codes, &store.card_codes] {
            assert!(
                index
                    .iter()
                    .values()
                    .all(|v| v.unwrap().as_ref() != 42u64.to_be_bytes())
            );
        }
        assert_eq!(
            store.card_owner("DDDDDDDD").unwrap(),
            Some(43),
            "others keep theirs"
        );
        assert_eq!(
            store.erased_photos().unwrap()[0].id,
            7,
            "the office is told to take it down"
        );
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        {
            let db = sled::open(dir.path()).unwrap();
            db.open_tree(META)
                .unwrap()
                .insert(SCHEMA_KEY, &99u32.to_be_bytes())
                .unwrap();
            db.flush().unwrap();
        }
        assert!(matches!(
            Store::open(dir.path()),
            Err(StoreError::TooNew { found: 99 })
        ));
    }

    #[test]
    fn counters_add_up_and_scan_by_day() {
        use crate::stats::Metric;
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let key = |day| CounterKey {
            day,
            metric: Metric::SpotOpened,
            partner: String::new(),
            spot: "chateau".into(),
        };
        for day in [9, 10, 10, 11, 300] {
            store.count(&key(day), 1).unwrap();
        }
        store.count(&key(10), 5).unwrap();
        assert_eq!(
            store.counters(10, 11).unwrap(),
            [(key(10), 7), (key(11), 1)]
        );
        assert_eq!(store.counters(0, u32::MAX).unwrap().len(), 4);
    }

    #[test]
    fn keys_sort_numerically() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        for id in [300u64, 2, 70_000] {
            store.save_tourist(id, &Tourist::default()).unwrap();
        }
        let ids: Vec<u64> = store
            .tourists
            .iter()
            .keys()
            .map(|k| u64::from_be_bytes(k.unwrap().as_ref().try_into().unwrap()))
            .collect();
        assert_eq!(ids, [2, 300, 70_000]);
    }
}
