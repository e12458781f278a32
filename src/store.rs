//! escale's storage: sled, behind a small API. Nothing else in the code sees `sled::`.
//!
//! Layout: one tree per entity, with a version suffix (`tourists_v1`); keys are big-endian
//! integers so they sort numerically; values are JSON (serde_json: readable, tolerant of added
//! fields with `#[serde(default)]`). The `meta` tree holds the schema version; migrations run
//! when the store opens.

use std::path::Path;

use crate::tourist::Tourist;

/// The layout this code reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

const META: &str = "meta";
const SCHEMA_KEY: &[u8] = b"schema_version";
const TOURISTS: &str = "tourists_v1";

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
}

impl Store {
    /// Opens (or creates) the store in `dir`, and brings its layout up to [`SCHEMA_VERSION`].
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        let db = sled::open(dir).map_err(|source| StoreError::Open {
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
        Ok(Store { db, tourists })
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
        Ok(())
    }

    /// Erases everything stored about the tourist.
    pub fn forget_tourist(&self, user_id: u64) -> Result<(), StoreError> {
        self.tourists.remove(user_id.to_be_bytes())?;
        Ok(())
    }

    pub fn tourist_count(&self) -> usize {
        self.tourists.len()
    }

    /// Makes every write so far durable. Call before confirming anything to a tourist.
    pub async fn flush(&self) -> Result<(), StoreError> {
        self.db.flush_async().await?;
        Ok(())
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
        store.forget_tourist(1).unwrap();
        assert_eq!(store.tourist_count(), 0);
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
