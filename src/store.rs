//! escale's storage: sled, behind a small API. Nothing else in the code sees `sled::`.
//!
//! Layout: one tree per entity, with a version suffix (`tourists_v1`); keys are big-endian
//! integers so they sort numerically; values are JSON (serde_json: readable, tolerant of added
//! fields with `#[serde(default)]`). The `meta` tree holds the schema version; migrations run
//! when the store opens.
//!
//! **One write path.** [`Store::update`] is the only way a tourist's record changes: it takes
//! the record's lock, skips an update already applied, lets the caller decide the change, then
//! writes the record, its index entries, the counters and the update's number in one sled
//! transaction (a crash leaves all of them or none). [`Store::count`] is the same write without a
//! record. Both return only once the write is durable.
//!
//! **Group commit.** One flusher thread calls sled's blocking `Db::flush` for every write waiting
//! at that moment: a crowd of 128 tourists costs a few fsyncs, not 128. (sled's async flush
//! deadlocks with 7 flushes in flight, sled issues #1308 and #1241: it is never used.)

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use sled::Transactional as _;
use sled::transaction::{ConflictableTransactionError, TransactionError};

use crate::rewards;
use crate::stats::CounterKey;
use crate::tasks::photo::{ErasedPhoto, Photo};
use crate::tourist::{IndexKey, Tourist};

/// The layout this code reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

const META: &str = "meta";
const SCHEMA_KEY: &[u8] = b"schema_version";
/// The key that seals the bot's buttons to their chat (see `telegram::callback`).
const BUTTON_KEY: &[u8] = b"button_key";
const TOURISTS: &str = "tourists_v1";
/// Photo number → the tourist whose record holds the photo (for the office's moderation and
/// export).
const PHOTO_OWNERS: &str = "photo_owners_v1";
/// Approved photos whose author used /forget: what the office must take down, nothing more.
const ERASED_PHOTOS: &str = "erased_photos_v1";
/// Reward code → the tourist who earned it (for /redeem).
const REWARD_CODES: &str = "reward_codes_v1";
/// Postcard code → the tourist who made the card (for a friend arriving by it).
const CARD_CODES: &str = "card_codes_v1";
/// The office's counters: day, metric, partner, spot → count (see [`CounterKey`]).
const COUNTERS: &str = "counters_v1";
/// Telegram update number → when it was applied: an update delivered again (after a crash, a
/// slow webhook answer) is recognised and not applied twice.
const APPLIED: &str = "applied_updates_v1";

/// How long an applied update's number is remembered. Telegram keeps an unconfirmed update for
/// 24 hours; after a week without updates it starts its numbers again at random, so numbers are
/// forgotten by age, never by a high-water mark.
const APPLIED_RETENTION_SECS: u64 = 2 * 86_400;
/// How long the flusher waits for more writers when the last flush was shared by several.
const LINGER: Duration = Duration::from_micros(400);
/// How often the flusher forgets old update numbers.
const PRUNE_EVERY: Duration = Duration::from_secs(3600);

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
    #[error("cannot make the data folder {path} private: {source}")]
    Private {
        path: String,
        source: std::io::Error,
    },
    #[error("storage error: {0}")]
    Sled(#[from] sled::Error),
    #[error("a stored record cannot be read: {0}")]
    Corrupt(String),
    #[error("the data could not be made durable: {0}")]
    NotDurable(String),
    #[error("the store is being opened again after a failure")]
    Unavailable,
}

impl StoreError {
    /// A failure of the disk (full, failing) that the store heals from by itself: worth
    /// waiting for, unlike a corrupt record.
    pub fn is_temporary(&self) -> bool {
        matches!(
            self,
            StoreError::Unavailable
                | StoreError::NotDurable(_)
                | StoreError::Sled(sled::Error::Io(_))
        )
    }
}

/// What an update does to the tourist's record, decided by the caller of [`Store::update`].
#[derive(Debug, Default)]
pub enum RecordChange {
    /// Leave it as it was (a menu shown, a stale button).
    #[default]
    Keep,
    /// Store the record as the caller changed it.
    Save,
    /// Delete the record and every index entry pointing at it; leave `notes` for the office.
    Erase { notes: Vec<ErasedPhoto> },
}

/// Everything one update writes: the record's change and the counters to add one to.
#[derive(Debug, Default)]
pub struct Write {
    pub record: RecordChange,
    pub counts: Vec<CounterKey>,
}

impl Write {
    pub fn nothing() -> Write {
        Write::default()
    }

    fn is_empty(&self) -> bool {
        matches!(self.record, RecordChange::Keep) && self.counts.is_empty()
    }
}

/// The bot's database. Cheap to clone: clones share the same sled database, locks and flusher.
///
/// After an I/O error (a full disk, a failing disk) sled refuses every later write until it is
/// opened again: the store then closes the database and opens it again in the background, with
/// a growing pause, until it works. Meanwhile every call fails with [`StoreError::Unavailable`]
/// (the tourist gets an apology) and nothing is half-written.
#[derive(Clone)]
pub struct Store {
    shared: Arc<Shared>,
}

struct Shared {
    /// Where to open the database again; None for a store in memory.
    dir: Option<PathBuf>,
    open: std::sync::RwLock<Option<Arc<Open>>>,
    locks: RecordLocks,
    healing: std::sync::atomic::AtomicBool,
    /// Flushes of the databases closed since (the count survives a reopening).
    fsyncs_before: AtomicU64,
}

/// The database as opened: its trees and its flusher.
struct Open {
    db: sled::Db,
    trees: Trees,
    commit: Arc<GroupCommit>,
}

#[derive(Clone)]
struct Trees {
    tourists: sled::Tree,
    photo_owners: sled::Tree,
    erased_photos: sled::Tree,
    reward_codes: sled::Tree,
    card_codes: sled::Tree,
    counters: sled::Tree,
    applied: sled::Tree,
}

impl Trees {
    fn index(&self, key: &IndexKey) -> &sled::Tree {
        match key {
            IndexKey::Photo(_) => &self.photo_owners,
            IndexKey::Reward(_) => &self.reward_codes,
            IndexKey::Card(_) => &self.card_codes,
        }
    }
}

impl Store {
    /// Opens (or creates) the store in `dir`, and brings its layout up to [`SCHEMA_VERSION`].
    /// The folder is private (0700, its files 0600) whatever the umask, before and after sled
    /// opens it (sled creates its files at the first open).
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        let open = Open::at(dir)?;
        Ok(Store::with(Some(dir.to_owned()), open))
    }

    /// A store that lives in memory and vanishes when dropped: for tests of the application.
    pub fn temporary() -> Result<Store, StoreError> {
        let open = Open::from_db(sled::Config::new().temporary(true).open()?)?;
        Ok(Store::with(None, open))
    }

    fn with(dir: Option<PathBuf>, open: Open) -> Store {
        Store {
            shared: Arc::new(Shared {
                dir,
                open: std::sync::RwLock::new(Some(Arc::new(open))),
                locks: RecordLocks::new(),
                healing: std::sync::atomic::AtomicBool::new(false),
                fsyncs_before: AtomicU64::new(0),
            }),
        }
    }

    /// The database as it is open now, or [`StoreError::Unavailable`] while it is opened again.
    fn current(&self) -> Result<Arc<Open>, StoreError> {
        self.shared
            .open
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
            .ok_or(StoreError::Unavailable)
    }

    /// Runs `f` on the open database; an I/O error starts the healing.
    fn run<T>(&self, f: impl FnOnce(&Open) -> Result<T, StoreError>) -> Result<T, StoreError> {
        let result = f(&*self.current()?);
        if let Err(e) = &result {
            self.heal_after(e);
        }
        result
    }

    /// After an I/O error, closes the database and opens it again in the background, waiting
    /// longer after each failure (sled refuses every write after one, even once the disk has
    /// room again).
    fn heal_after(&self, error: &StoreError) {
        let io = error.is_temporary() && !matches!(error, StoreError::Unavailable);
        let Some(dir) = self.shared.dir.clone() else {
            return;
        };
        if !io || self.shared.healing.swap(true, Ordering::AcqRel) {
            return;
        }
        tracing::error!(error = %error, "the store failed; opening it again in the background");
        // From now on every call fails fast with Unavailable, and /healthz says so.
        let failed = self
            .shared
            .open
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        let shared = Arc::downgrade(&self.shared);
        let spawned = std::thread::Builder::new()
            .name("escale-store-healer".into())
            .spawn(move || heal(&shared, &dir, failed));
        if let Err(e) = spawned {
            tracing::error!(error = %e, "cannot start healing the store");
            self.shared.healing.store(false, Ordering::Release);
        }
    }

    /// The one way a tourist's record changes. Under the record's lock: skips `update` if it was
    /// already applied (`Ok(None)`), lets `decide` change the record and say what to write, writes
    /// it all in one transaction, then waits until the write is durable before returning what
    /// `decide` returned. Only the transaction holds the lock, not the wait for the disk. An
    /// update that changed nothing is remembered as applied too (a redelivered "open the photo
    /// task" must not undo a later choice), without waiting for the disk.
    pub async fn update<T>(
        &self,
        user_id: u64,
        update: Option<u32>,
        decide: impl FnOnce(&mut Tourist) -> (Write, T),
    ) -> Result<Option<T>, StoreError> {
        let open = self.current()?;
        let result = self.update_in(&open, user_id, update, decide).await;
        if let Err(e) = &result {
            self.heal_after(e);
        }
        result
    }

    async fn update_in<T>(
        &self,
        open: &Open,
        user_id: u64,
        update: Option<u32>,
        decide: impl FnOnce(&mut Tourist) -> (Write, T),
    ) -> Result<Option<T>, StoreError> {
        let (ticket, value) = {
            let _record = self.shared.locks.lock(user_id).await;
            if let Some(id) = update
                && open.trees.applied.contains_key(id.to_be_bytes())?
            {
                tracing::debug!(update = id, "update already applied; skipped");
                return Ok(None);
            }
            let before = open.tourist(user_id)?;
            let mut tourist = before.clone();
            let (mut write, value) = decide(&mut tourist);
            if matches!(write.record, RecordChange::Save) && tourist == before {
                write.record = RecordChange::Keep;
            }
            if write.is_empty() {
                // Nothing of its own to confirm: the number alone is written, and the next flush
                // (before any later update of this tourist is confirmed) covers it.
                if let Some(id) = update {
                    let now = crate::unix_now();
                    open.trees
                        .applied
                        .insert(id.to_be_bytes(), &now.to_be_bytes())?;
                }
                // What it read may be another update's write not on disk yet ("already used"
                // after a redeem in flight): its reply waits for that flush, if one is due.
                (open.commit.pending(), value)
            } else {
                let record = Some((user_id, &before, &tourist));
                // The flush is asked for under the lock: a later reader of this record waits.
                let wrote = open.write(record, update, write)?;
                (wrote.then(|| open.commit.request()), value)
            }
        };
        if let Some(ticket) = ticket {
            open.commit.wait(ticket).await?;
        }
        Ok(Some(value))
    }

    /// Adds one to each counter in `counts` (a key may come several times), durably: for counts
    /// that belong to no tourist's record.
    pub async fn count(&self, counts: Vec<CounterKey>) -> Result<(), StoreError> {
        let open = self.current()?;
        let write = Write {
            record: RecordChange::Keep,
            counts,
        };
        let result = match open.write(None, None, write) {
            Ok(true) => open.durable().await,
            Ok(false) => Ok(()),
            Err(e) => Err(e),
        };
        if let Err(e) = &result {
            self.heal_after(e);
        }
        result
    }

    /// Whether Telegram update `update` was applied already (it is being delivered again).
    pub fn applied(&self, update: u32) -> bool {
        self.current().is_ok_and(|open| {
            open.trees
                .applied
                .contains_key(update.to_be_bytes())
                .unwrap_or(false)
        })
    }

    /// Returns once every write made so far is on disk: the group commit's flusher covers it in
    /// its next fsync, shared with every other write waiting at that moment.
    pub async fn durable(&self) -> Result<(), StoreError> {
        let open = self.current()?;
        let result = open.durable().await;
        if let Err(e) = &result {
            self.heal_after(e);
        }
        result
    }

    /// How many times the store was flushed to disk (group commit: one per batch of writes).
    pub fn fsyncs(&self) -> u64 {
        let now = self
            .current()
            .map_or(0, |open| open.commit.shared.fsyncs.load(Ordering::Relaxed));
        self.shared.fsyncs_before.load(Ordering::Relaxed) + now
    }

    /// Whether the database is open (false while it is being opened again after a failure).
    pub fn is_healthy(&self) -> bool {
        self.current().is_ok()
    }

    /// The tourist's record; the default (empty) record when escale knows nothing about them.
    pub fn tourist(&self, user_id: u64) -> Result<Tourist, StoreError> {
        self.run(|open| open.tourist(user_id))
    }

    /// The tourist who made the postcard `code`.
    pub fn card_owner(&self, code: &str) -> Result<Option<u64>, StoreError> {
        self.run(|open| open.owner(&IndexKey::Card(code.to_owned())))
    }

    /// The tourist who earned the reward `code`.
    pub fn reward_owner(&self, code: &str) -> Result<Option<u64>, StoreError> {
        self.run(|open| open.owner(&IndexKey::Reward(code.to_owned())))
    }

    /// The tourist whose record holds photo `photo_id`.
    pub fn photo_owner(&self, photo_id: u64) -> Result<Option<u64>, StoreError> {
        self.run(|open| open.owner(&IndexKey::Photo(photo_id)))
    }

    /// Every shared photo with its owner, in the order they were shared.
    pub fn photos(&self) -> Result<Vec<(u64, Photo)>, StoreError> {
        self.run(Open::photos)
    }

    pub fn erased_photos(&self) -> Result<Vec<ErasedPhoto>, StoreError> {
        self.run(Open::erased_photos)
    }

    pub fn tourist_count(&self) -> usize {
        self.current().map_or(0, |open| open.trees.tourists.len())
    }

    /// The counters of days `from..=to`: a range scan, whatever the number of tourists.
    pub fn counters(&self, from: u32, to: u32) -> Result<Vec<(CounterKey, u64)>, StoreError> {
        self.run(|open| open.counters(from, to))
    }

    /// A new number from 1 up, never given before (sled's monotonic counter, kept across
    /// restarts).
    pub fn next_id(&self) -> Result<u64, StoreError> {
        self.run(|open| Ok(open.db.generate_id()? + 1))
    }

    /// A random code (40 bits) no tourist holds yet as a reward; None when the system gives no
    /// randomness (a guessable code would be worse than none).
    pub fn fresh_reward_code(&self) -> Option<String> {
        fresh_code(|code| self.reward_owner(code))
    }

    /// Same, for a postcard's code.
    pub fn fresh_card_code(&self) -> Option<String> {
        fresh_code(|code| self.card_owner(code))
    }

    /// The key that seals the bot's buttons, made at random the first time: buttons drawn by this
    /// data folder's bot open only with it.
    pub fn button_key(&self) -> Result<[u8; 32], StoreError> {
        self.run(Open::button_key)
    }

    pub fn schema_version(&self) -> Result<u32, StoreError> {
        self.run(Open::schema_version)
    }
}

impl Open {
    fn at(dir: &Path) -> Result<Open, StoreError> {
        let private = || {
            crate::private::private_dir(dir).map_err(|source| StoreError::Private {
                path: dir.display().to_string(),
                source,
            })
        };
        private()?;
        let db = open_when_released(dir).map_err(|source| StoreError::Open {
            path: dir.display().to_string(),
            source,
        })?;
        let open = Open::from_db(db)?;
        private()?;
        Ok(open)
    }

    fn from_db(db: sled::Db) -> Result<Open, StoreError> {
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
        let trees = Trees {
            tourists: db.open_tree(TOURISTS)?,
            photo_owners: db.open_tree(PHOTO_OWNERS)?,
            erased_photos: db.open_tree(ERASED_PHOTOS)?,
            reward_codes: db.open_tree(REWARD_CODES)?,
            card_codes: db.open_tree(CARD_CODES)?,
            counters: db.open_tree(COUNTERS)?,
            applied: db.open_tree(APPLIED)?,
        };
        let commit = GroupCommit::start(db.clone(), trees.applied.clone())
            .map_err(|e| StoreError::Sled(sled::Error::Io(e)))?;
        Ok(Open { db, trees, commit })
    }

    fn tourist(&self, user_id: u64) -> Result<Tourist, StoreError> {
        match self.trees.tourists.get(user_id.to_be_bytes())? {
            Some(bytes) => {
                serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt(e.to_string()))
            }
            None => Ok(Tourist::default()),
        }
    }

    /// Writes one update's changes in a single transaction; false when there was nothing to write.
    fn write(
        &self,
        record: Option<(u64, &Tourist, &Tourist)>,
        update: Option<u32>,
        write: Write,
    ) -> Result<bool, StoreError> {
        if write.is_empty() {
            return Ok(false);
        }
        let mut counts: BTreeMap<Vec<u8>, u64> = BTreeMap::new();
        for key in &write.counts {
            *counts.entry(key.encode()).or_default() += 1;
        }
        let mut saved = None;
        let mut index_removed = BTreeSet::new();
        let mut index_added = BTreeSet::new();
        if let Some((user_id, before, after)) = record {
            let old: BTreeSet<IndexKey> = before.index_keys().into_iter().collect();
            match &write.record {
                RecordChange::Keep => {}
                RecordChange::Save => {
                    saved = Some(
                        serde_json::to_vec(after)
                            .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                    );
                    let new: BTreeSet<IndexKey> = after.index_keys().into_iter().collect();
                    index_removed.extend(old.difference(&new).cloned());
                    index_added.extend(new.difference(&old).cloned());
                }
                RecordChange::Erase { .. } => {
                    index_removed.extend(old);
                    // Entries the record no longer lists (an older escale kept some) go too.
                    index_removed.extend(self.index_entries_of(user_id)?);
                }
            }
        }
        let erased: Vec<(u64, Vec<u8>)> = match &write.record {
            RecordChange::Erase { notes } => notes
                .iter()
                .map(|note| {
                    serde_json::to_vec(note)
                        .map(|bytes| (note.id, bytes))
                        .map_err(|e| StoreError::Corrupt(e.to_string()))
                })
                .collect::<Result<_, _>>()?,
            _ => Vec::new(),
        };
        let now = crate::unix_now();
        let t = &self.trees;
        let result = (
            &t.tourists,
            &t.photo_owners,
            &t.reward_codes,
            &t.card_codes,
            &t.erased_photos,
            &t.counters,
            &t.applied,
        )
            .transaction(
                |(
                    tourists,
                    photo_owners,
                    reward_codes,
                    card_codes,
                    erased_photos,
                    counters,
                    applied,
                )| {
                    let index = |key: &IndexKey| match key {
                        IndexKey::Photo(_) => photo_owners,
                        IndexKey::Reward(_) => reward_codes,
                        IndexKey::Card(_) => card_codes,
                    };
                    if let Some((user_id, _, _)) = record {
                        let owner = user_id.to_be_bytes();
                        match &write.record {
                            RecordChange::Keep => {}
                            RecordChange::Save => {
                                if let Some(bytes) = &saved {
                                    tourists.insert(&owner, bytes.as_slice())?;
                                }
                            }
                            RecordChange::Erase { .. } => {
                                tourists.remove(&owner)?;
                            }
                        }
                        for key in &index_removed {
                            // Only an entry that points at this tourist is theirs to remove.
                            if index(key).get(key.bytes())?.as_deref() == Some(owner.as_slice()) {
                                index(key).remove(key.bytes())?;
                            }
                        }
                        for key in &index_added {
                            index(key).insert(key.bytes(), &owner)?;
                        }
                    }
                    for (id, bytes) in &erased {
                        erased_photos.insert(&id.to_be_bytes(), bytes.as_slice())?;
                    }
                    for (key, by) in &counts {
                        let old = counters.get(key)?.map_or(0, |v| be_u64(&v).unwrap_or(0));
                        counters.insert(key.as_slice(), &old.saturating_add(*by).to_be_bytes())?;
                    }
                    if let Some(id) = update {
                        applied.insert(&id.to_be_bytes(), &now.to_be_bytes())?;
                    }
                    Ok::<_, ConflictableTransactionError<StoreError>>(())
                },
            );
        match result {
            Ok(()) => Ok(true),
            Err(TransactionError::Abort(e)) => Err(e),
            Err(TransactionError::Storage(e)) => Err(e.into()),
        }
    }

    /// The index entries that point at `user_id`, whatever their record says: a scan, for erasure.
    fn index_entries_of(&self, user_id: u64) -> Result<Vec<IndexKey>, StoreError> {
        let owner = user_id.to_be_bytes();
        let mut keys = Vec::new();
        for (tree, make) in [
            (
                &self.trees.photo_owners,
                IndexKey::photo_from as fn(&[u8]) -> Option<IndexKey>,
            ),
            (&self.trees.reward_codes, IndexKey::reward_from),
            (&self.trees.card_codes, IndexKey::card_from),
        ] {
            for entry in tree.iter() {
                let (key, value) = entry?;
                if value.as_ref() == owner
                    && let Some(key) = make(&key)
                {
                    keys.push(key);
                }
            }
        }
        Ok(keys)
    }

    fn owner(&self, key: &IndexKey) -> Result<Option<u64>, StoreError> {
        self.trees
            .index(key)
            .get(key.bytes())?
            .map(|bytes| be_u64(&bytes))
            .transpose()
    }

    fn photos(&self) -> Result<Vec<(u64, Photo)>, StoreError> {
        let mut wanted = BTreeMap::new();
        for entry in self.trees.photo_owners.iter() {
            let (photo, owner) = entry?;
            wanted.insert(be_u64(&photo)?, be_u64(&owner)?);
        }
        let owners: BTreeSet<u64> = wanted.values().copied().collect();
        let mut photos = Vec::new();
        for owner in owners {
            let indexed = self
                .tourist(owner)?
                .photos
                .into_iter()
                .filter(|p| wanted.get(&p.id) == Some(&owner));
            photos.extend(indexed.map(|p| (owner, p)));
        }
        photos.sort_by_key(|(_, p)| p.id);
        Ok(photos)
    }

    fn erased_photos(&self) -> Result<Vec<ErasedPhoto>, StoreError> {
        self.trees
            .erased_photos
            .iter()
            .values()
            .map(|bytes| {
                serde_json::from_slice(&bytes?).map_err(|e| StoreError::Corrupt(e.to_string()))
            })
            .collect()
    }

    fn counters(&self, from: u32, to: u32) -> Result<Vec<(CounterKey, u64)>, StoreError> {
        let start = from.to_be_bytes();
        let end = to.saturating_add(1).to_be_bytes();
        let range = if to == u32::MAX {
            self.trees.counters.range(start..)
        } else {
            self.trees.counters.range(start..end)
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

    fn button_key(&self) -> Result<[u8; 32], StoreError> {
        let meta = self.db.open_tree(META)?;
        if let Some(key) = meta.get(BUTTON_KEY)? {
            return <[u8; 32]>::try_from(key.as_ref())
                .map_err(|_| StoreError::Corrupt("the button key".into()));
        }
        let mut key = [0u8; 32];
        getrandom::fill(&mut key)
            .map_err(|e| StoreError::Corrupt(format!("no randomness for the button key: {e}")))?;
        // Two callers at once keep the first key written.
        match meta.compare_and_swap(BUTTON_KEY, None as Option<&[u8]>, Some(&key[..]))? {
            Ok(()) => Ok(key),
            Err(_) => self.button_key(),
        }
    }

    fn schema_version(&self) -> Result<u32, StoreError> {
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

    async fn durable(&self) -> Result<(), StoreError> {
        self.commit.durable().await
    }
}

/// One lock per group of tourist records, so that two updates touching the same record (the
/// tourist's own, an admin's decision on their photo, a redeem of their code) never interleave.
struct RecordLocks([tokio::sync::Mutex<()>; 64]);

impl RecordLocks {
    fn new() -> RecordLocks {
        RecordLocks(std::array::from_fn(|_| tokio::sync::Mutex::new(())))
    }

    async fn lock(&self, user_id: u64) -> tokio::sync::MutexGuard<'_, ()> {
        self.0[(user_id % 64) as usize].lock().await
    }
}

/// The group commit: writers ask for a flush and wait; one thread flushes for all of them.
struct GroupCommit {
    shared: Arc<CommitShared>,
    flusher: Option<std::thread::JoinHandle<()>>,
}

struct CommitShared {
    /// The number of flushes asked for so far, and whether the store is closing.
    asked: Mutex<(u64, bool)>,
    wake: Condvar,
    /// The last flush done: it covers every request up to `covers`.
    done: tokio::sync::watch::Sender<Flushed>,
    fsyncs: AtomicU64,
}

#[derive(Debug, Clone, Default)]
struct Flushed {
    covers: u64,
    /// Why it failed, if it did.
    error: Option<String>,
}

impl GroupCommit {
    fn start(db: sled::Db, applied: sled::Tree) -> std::io::Result<Arc<GroupCommit>> {
        let shared = Arc::new(CommitShared {
            asked: Mutex::new((0, false)),
            wake: Condvar::new(),
            done: tokio::sync::watch::Sender::new(Flushed::default()),
            fsyncs: AtomicU64::new(0),
        });
        let state = shared.clone();
        let flusher = std::thread::Builder::new()
            .name("escale-flusher".into())
            .spawn(move || state.run(&db, &applied))?;
        Ok(Arc::new(GroupCommit {
            shared,
            flusher: Some(flusher),
        }))
    }

    async fn durable(&self) -> Result<(), StoreError> {
        self.wait(self.request()).await
    }

    /// Asks for a flush; returns its ticket. Every write before this call is in sled's memory:
    /// the flush that covers the ticket covers it.
    fn request(&self) -> u64 {
        let ticket = {
            let mut asked = self
                .shared
                .asked
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            asked.0 += 1;
            asked.0
        };
        self.shared.wake.notify_one();
        ticket
    }

    /// The ticket of the last flush asked for, if it is not done yet.
    fn pending(&self) -> Option<u64> {
        let asked = self
            .shared
            .asked
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .0;
        (self.shared.done.borrow().covers < asked).then_some(asked)
    }

    async fn wait(&self, ticket: u64) -> Result<(), StoreError> {
        let mut done = self.shared.done.subscribe();
        let flushed = done
            .wait_for(|f| f.covers >= ticket)
            .await
            .map_err(|_| StoreError::NotDurable("the flusher stopped".into()))?;
        match &flushed.error {
            None => Ok(()),
            Some(e) => Err(StoreError::NotDurable(e.clone())),
        }
    }
}

impl CommitShared {
    /// The flusher thread: waits for requests, flushes once for all of them, tells the waiters;
    /// forgets old update numbers now and then. On close, flushes what is left and stops.
    fn run(&self, db: &sled::Db, applied: &sled::Tree) {
        // Should the thread ever stop (a panic in sled), no writer may wait for it forever.
        struct Gone<'a>(&'a tokio::sync::watch::Sender<Flushed>);
        impl Drop for Gone<'_> {
            fn drop(&mut self) {
                self.0.send_replace(Flushed {
                    covers: u64::MAX,
                    error: Some("the flusher stopped".into()),
                });
            }
        }
        let _gone = Gone(&self.done);
        let mut covered = 0;
        let mut last_prune: Option<Instant> = None;
        let mut crowded = false;
        loop {
            {
                let mut asked = self.asked.lock().unwrap_or_else(PoisonError::into_inner);
                while asked.0 == covered && !asked.1 {
                    asked = self
                        .wake
                        .wait(asked)
                        .unwrap_or_else(PoisonError::into_inner);
                }
            }
            // When the last flush was shared, others are on their way: a moment's wait lets them
            // share this one too. A lone writer never waits.
            if crowded {
                std::thread::sleep(LINGER);
            }
            let (target, closing) = *self.asked.lock().unwrap_or_else(PoisonError::into_inner);
            crowded = target - covered > 1;
            let error = db.flush().err().map(|e| {
                tracing::error!(error = %e, "the store could not be flushed to disk");
                e.to_string()
            });
            self.fsyncs.fetch_add(1, Ordering::Relaxed);
            covered = target;
            self.done.send_replace(Flushed {
                covers: target,
                error,
            });
            if closing {
                return;
            }
            // After the waiters are told, not before: forgetting old numbers delays no one.
            if last_prune.is_none_or(|at| at.elapsed() >= PRUNE_EVERY) {
                prune_applied(applied, crate::unix_now());
                last_prune = Some(Instant::now());
            }
        }
    }
}

impl Drop for GroupCommit {
    /// The last clone of the store is gone: the flusher flushes what is left and stops, and
    /// with it the database closes (its folder is free again when this returns).
    fn drop(&mut self) {
        self.shared
            .asked
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .1 = true;
        self.shared.wake.notify_one();
        if let Some(flusher) = self.flusher.take()
            && flusher.join().is_err()
        {
            tracing::error!("the flusher thread panicked");
        }
    }
}

/// Closes the failed database (once nothing uses it) and opens it again, pausing longer after
/// each failure (up to a minute), until it opens or the store is dropped.
fn heal(shared: &std::sync::Weak<Shared>, dir: &Path, failed: Option<Arc<Open>>) {
    let mut pause = Duration::from_millis(200);
    if let Some(failed) = failed {
        // Calls in flight hold it a moment (they fail fast); sled's folder lock goes with it.
        let patience = Instant::now();
        while Arc::strong_count(&failed) > 1 && patience.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(10));
        }
        if let Some(shared) = shared.upgrade() {
            let flushed = failed.commit.shared.fsyncs.load(Ordering::Relaxed);
            shared.fsyncs_before.fetch_add(flushed, Ordering::Relaxed);
        }
        drop(failed);
    }
    loop {
        std::thread::sleep(pause);
        let Some(shared) = shared.upgrade() else {
            return;
        };
        match Open::at(dir) {
            Ok(open) => {
                *shared.open.write().unwrap_or_else(PoisonError::into_inner) = Some(Arc::new(open));
                shared.healing.store(false, Ordering::Release);
                tracing::info!("the store is open again");
                return;
            }
            Err(e) => {
                tracing::warn!(error = %e, retry_in = ?pause, "the store cannot be opened yet");
                pause = (pause * 2).min(Duration::from_secs(60));
            }
        }
    }
}

/// Forgets the update numbers applied more than [`APPLIED_RETENTION_SECS`] ago.
fn prune_applied(applied: &sled::Tree, now: u64) {
    let cutoff = now.saturating_sub(APPLIED_RETENTION_SECS);
    let old: Vec<sled::IVec> = applied
        .iter()
        .filter_map(Result::ok)
        .filter(|(_, at)| be_u64(at).is_ok_and(|at| at < cutoff))
        .map(|(id, _)| id)
        .collect();
    for id in old {
        if let Err(e) = applied.remove(id) {
            tracing::warn!(error = %e, "cannot forget an old update number");
        }
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
/// A small tmpfs mounted for a test, unmounted when dropped; None where mounting is not
/// allowed (not root), except in CI, which runs as root and must run the test.
pub(crate) struct Tmpfs {
    pub(crate) point: std::path::PathBuf,
    /// Holds the mount point's folder until the tmpfs is unmounted.
    _folder: tempfile::TempDir,
}

#[cfg(test)]
impl Tmpfs {
    pub(crate) fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let point = dir.path().join("disk");
        std::fs::create_dir(&point).unwrap();
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&point)
            .status()
            .is_ok_and(|s| s.success());
        if !mounted {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must be able to mount a tmpfs"
            );
            eprintln!("skipped: mounting a tmpfs needs root");
            return None;
        }
        Some(Tmpfs {
            point,
            _folder: dir,
        })
    }
}

#[cfg(test)]
impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(&self.point)
            .status();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::Metric;
    use crate::tasks::TaskKind;

    fn save(tourist: &Tourist) -> impl FnOnce(&mut Tourist) -> (Write, ()) + '_ {
        move |record| {
            *record = tourist.clone();
            (
                Write {
                    record: RecordChange::Save,
                    counts: Vec::new(),
                },
                (),
            )
        }
    }

    fn key(day: u32) -> CounterKey {
        CounterKey {
            day,
            metric: Metric::SpotOpened,
            partner: String::new(),
            spot: "chateau".into(),
        }
    }

    #[tokio::test]
    async fn records_survive_reopening() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = Store::open(dir.path()).unwrap();
            let mut t = Tourist::default();
            t.complete("chateau", TaskKind::App, 7);
            store.update(42, Some(1), save(&t)).await.unwrap();
        }
        let store = Store::open(dir.path()).unwrap();
        assert!(store.tourist(42).unwrap().is_done("chateau", TaskKind::App));
        assert_eq!(store.tourist(43).unwrap(), Tourist::default());
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    }

    /// An update delivered twice (after a crash, a slow webhook answer) is applied once, whoever
    /// the record is: the number is remembered for the whole store.
    #[tokio::test]
    async fn an_update_applied_once_is_skipped_after() {
        let store = Store::temporary().unwrap();
        let visit = |record: &mut Tourist| {
            record.visit("chateau", 1);
            (
                Write {
                    record: RecordChange::Save,
                    counts: vec![key(1)],
                },
                "shown",
            )
        };
        assert_eq!(
            store.update(7, Some(900), visit).await.unwrap(),
            Some("shown")
        );
        assert_eq!(store.update(7, Some(900), visit).await.unwrap(), None);
        assert_eq!(store.update(8, Some(900), visit).await.unwrap(), None);
        assert_eq!(store.counters(1, 1).unwrap(), [(key(1), 1)]);
        // An update that changed nothing is remembered too, and costs no flush.
        let fsyncs = store.fsyncs();
        let look = |_: &mut Tourist| (Write::nothing(), ());
        store.update(7, Some(901), look).await.unwrap();
        let unchanged = |record: &mut Tourist| {
            record.visit("chateau", 1);
            (
                Write {
                    record: RecordChange::Save,
                    counts: Vec::new(),
                },
                (),
            )
        };
        store.update(7, Some(902), unchanged).await.unwrap();
        assert_eq!(store.fsyncs(), fsyncs, "nothing new to make durable");
        assert_eq!(store.update(7, Some(901), visit).await.unwrap(), None);
        assert_eq!(store.update(7, Some(902), visit).await.unwrap(), None);
    }

    /// Numbers are forgotten by age, not by order: after a quiet week Telegram starts them again
    /// at random, and a returning tourist's low number must not be taken for an old one.
    #[tokio::test]
    async fn update_numbers_are_forgotten_by_age_only() {
        let store = Store::temporary().unwrap();
        let nothing_but_the_number = |_: &mut Tourist| {
            (
                Write {
                    record: RecordChange::Save,
                    counts: Vec::new(),
                },
                (),
            )
        };
        for id in [5_000_000, 12, 4_000_000_000] {
            store
                .update(1, Some(id), nothing_but_the_number)
                .await
                .unwrap();
        }
        let now = crate::unix_now();
        prune_applied(&store.current().unwrap().trees.applied, now);
        assert_eq!(
            store.current().unwrap().trees.applied.len(),
            3,
            "all applied within the day"
        );
        prune_applied(
            &store.current().unwrap().trees.applied,
            now + APPLIED_RETENTION_SECS + 1,
        );
        assert!(store.current().unwrap().trees.applied.is_empty());
        assert!(
            store
                .update(1, Some(12), nothing_but_the_number)
                .await
                .unwrap()
                .is_some()
        );
    }

    /// The crowd that deadlocked sled's async flush: 128 writers at once all return, and every
    /// write is on disk when they do.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn a_crowd_of_writers_is_made_durable_together() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let writers: Vec<_> = (0..128u64)
            .map(|user| {
                let store = store.clone();
                tokio::spawn(async move {
                    let mut t = Tourist::default();
                    t.complete("chateau", TaskKind::Hashtag, 1);
                    store.update(user, Some(user as u32), save(&t)).await
                })
            })
            .collect();
        for writer in writers {
            writer.await.unwrap().unwrap();
        }
        // Group commit: the writers waiting at each moment share one flush.
        assert!(
            store.fsyncs() < 64,
            "{} flushes for 128 writers",
            store.fsyncs()
        );
        drop(store);
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.tourist_count(), 128);
        assert!(
            store
                .tourist(127)
                .unwrap()
                .is_done("chateau", TaskKind::Hashtag)
        );
    }

    /// `/forget` leaves nothing that points at the tourist: not the record, not an index entry,
    /// even one the record no longer lists (an older escale left such entries behind).
    #[tokio::test]
    async fn erasing_leaves_no_trace_in_any_index() {
        use crate::rewards::Reward;
        use crate::tasks::photo::{Credit, Photo, PhotoStatus, Scopes};
        use crate::tasks::postcard::Card;
        let store = Store::temporary().unwrap();
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
        store.update(42, None, save(&alex)).await.unwrap();
        assert_eq!(store.card_owner("BBBBBBBB").unwrap(), Some(42));
        // A card that failed to render leaves the record, and its index entry with it.
        alex.cards.pop();
        store.update(42, None, save(&alex)).await.unwrap();
        assert_eq!(store.card_owner("BBBBBBBB").unwrap(), None);
        let bob = Tourist {
            cards: vec![card("DDDDDDDD")],
            ..Tourist::default()
        };
        store.update(43, None, save(&bob)).await.unwrap();
        store
            .current()
            .unwrap()
            .trees
            .card_codes
            .insert("EEEEEEEE", &42u64.to_be_bytes())
            .unwrap();

        let erase = |record: &mut Tourist| {
            let notes = crate::tasks::photo::erasure_notes(record, 9);
            (
                Write {
                    record: RecordChange::Erase { notes },
                    counts: Vec::new(),
                },
                (),
            )
        };
        store.update(42, None, erase).await.unwrap();
        assert_eq!(store.tourist(42).unwrap(), Tourist::default());
        for index in [
            &store.current().unwrap().trees.photo_owners,
            &store.current().unwrap().trees.reward_codes,
            &store.current().unwrap().trees.card_codes,
        ] {
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

    #[tokio::test]
    async fn counters_add_up_and_scan_by_day() {
        let store = Store::temporary().unwrap();
        store
            .count([9, 10, 10, 11, 300].map(key).to_vec())
            .await
            .unwrap();
        store.count(vec![key(10); 5]).await.unwrap();
        assert_eq!(
            store.counters(10, 11).unwrap(),
            [(key(10), 7), (key(11), 1)]
        );
        assert_eq!(store.counters(0, u32::MAX).unwrap().len(), 4);
    }

    #[tokio::test]
    async fn keys_sort_numerically() {
        let store = Store::temporary().unwrap();
        let someone = Tourist {
            partner: Some("hotel-exemple".into()),
            ..Tourist::default()
        };
        for id in [300u64, 2, 70_000] {
            store.update(id, None, save(&someone)).await.unwrap();
        }
        let ids: Vec<u64> = store
            .current()
            .unwrap()
            .trees
            .tourists
            .iter()
            .keys()
            .map(|k| u64::from_be_bytes(k.unwrap().as_ref().try_into().unwrap()))
            .collect();
        assert_eq!(ids, [2, 300, 70_000]);
    }

    /// Regression: after a full disk every change failed until the bot was restarted (sled
    /// refuses all writes after an I/O error). A write that fails is refused whole, and once the
    /// disk has room the store opens itself again and writes work, with nothing lost.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_full_disk_heals_once_there_is_room() {
        let Some(disk) = super::Tmpfs::mount("16m") else {
            return;
        };
        let store = Store::open(&disk.point.join("data")).unwrap();
        let visited = |n: u64| {
            move |record: &mut Tourist| {
                record.visit(&format!("spot-{n}"), 1);
                (
                    Write {
                        record: RecordChange::Save,
                        counts: vec![key(1)],
                    },
                    (),
                )
            }
        };
        store.update(1, Some(1), visited(1)).await.unwrap();
        // Fill the disk, then write until the store says no.
        let filler = disk.point.join("filler");
        let _ = std::fs::write(&filler, vec![0u8; 15 * 1024 * 1024]);
        let mut refused = None;
        for n in 2..5_000u64 {
            if let Err(e) = store.update(n, Some(n as u32), visited(n)).await {
                refused = Some(n);
                eprintln!("refused at {n}: {e}");
                break;
            }
        }
        let refused = refused.expect("a full disk refuses writes");
        std::fs::remove_file(&filler).unwrap();
        // The store opens itself again: a deadline, polled, for the background reopening.
        let deadline = Instant::now() + Duration::from_secs(20);
        let healed = loop {
            let attempt = store
                .update(refused, Some(refused as u32), visited(refused))
                .await;
            if attempt.is_ok() {
                break true;
            }
            if Instant::now() > deadline {
                break false;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        assert!(healed, "writes work again once the disk has room");
        assert!(store.is_healthy());
        drop(store);
        let store = Store::open(&disk.point.join("data")).unwrap();
        assert!(store.tourist(1).unwrap().spots.contains_key("spot-1"));
        let again = store.tourist(refused).unwrap();
        assert!(again.spots.contains_key(&format!("spot-{refused}")));
        // Every confirmed visit was counted once, the refused ones not at all.
        let counted = store.counters(1, 1).unwrap()[0].1;
        assert_eq!(counted, store.tourist_count() as u64);
    }
}
