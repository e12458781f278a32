//! `escale photos export`: the photos the office may reuse, downloaded with a manifest.
//!
//! Only approved photos whose consent still holds are exported, into `photos.csv` and one file
//! per photo; a re-run downloads only what is new. Photos whose author withdrew their consent
//! after approval are listed in `withdrawn.csv` (and their local copy deleted) so the office can
//! take them down wherever they were used.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use teloxide::net::Download as _;
use teloxide::prelude::*;
use teloxide::types::FileId;

use crate::config::Config;
use crate::store::{Store, StoreError};
use crate::tasks::photo::{Credit, MAX_FILE_BYTES, PhotoStatus};
use crate::tourist::iso_date;

/// How long one photo may take to download before the export gives up on it.
const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(60);

/// What the office may use, and what it must take down.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Catalogue {
    pub approved: Vec<Approved>,
    pub withdrawn: Vec<Withdrawn>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Approved {
    pub id: u64,
    pub file_id: String,
    pub spot: String,
    pub credit: String,
    /// `social`, `web-print`, `partners`, space-separated.
    pub scopes: String,
    /// `YYYY-MM-DD`.
    pub approved: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Withdrawn {
    pub id: u64,
    pub spot: String,
    pub withdrawn: String,
}

impl Catalogue {
    pub fn from_store(store: &Store, config: &Config) -> Result<Catalogue, StoreError> {
        let lang = config.destination.default_language;
        let spot_name = |id: &str| config.spot_name(id, lang).to_owned();
        let mut catalogue = Catalogue::default();
        for (_, photo) in store.photos()? {
            match (photo.status, photo.approved_at, photo.withdrawn_at) {
                (PhotoStatus::Approved, Some(approved), _) if photo.scopes.any() => {
                    catalogue.approved.push(Approved {
                        id: photo.id,
                        spot: spot_name(&photo.spot),
                        credit: match &photo.credit {
                            Credit::Name(name) => name.clone(),
                            Credit::Anonymous => "anonymous".into(),
                        },
                        scopes: photo.scopes.codes(),
                        approved: iso_date(approved),
                        file_id: photo.file_id,
                    });
                }
                // Once approved, a photo no longer approved (withdrawn, even if shared again
                // since) must come down wherever the office used it.
                (_, Some(approved), withdrawn) => catalogue.withdrawn.push(Withdrawn {
                    id: photo.id,
                    spot: spot_name(&photo.spot),
                    withdrawn: iso_date(withdrawn.unwrap_or(approved)),
                }),
                _ => {}
            }
        }
        for gone in store.erased_photos()? {
            catalogue.withdrawn.push(Withdrawn {
                id: gone.id,
                spot: spot_name(&gone.spot),
                withdrawn: iso_date(gone.erased_at),
            });
        }
        catalogue.withdrawn.sort_by_key(|w| w.id);
        Ok(catalogue)
    }
}

/// What an export did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub downloaded: usize,
    pub already_there: usize,
    pub failed: usize,
    pub removed: usize,
}

/// Downloads what is new into `out`, writes `photos.csv` and `withdrawn.csv`, and deletes the
/// local copies of withdrawn photos.
pub async fn export(catalogue: &Catalogue, bot: &Bot, out: &Path) -> anyhow::Result<Report> {
    tokio::fs::create_dir_all(out)
        .await
        .with_context(|| format!("cannot create {}", out.display()))?;
    let mut report = Report::default();
    let mut manifest = csv::Writer::from_writer(Vec::new());
    manifest.write_record(["file", "spot", "credit", "scopes", "approved"])?;
    let mut present = present_files(out)?;
    for photo in &catalogue.approved {
        let file = match present.remove(&photo.id) {
            Some(file) => {
                report.already_there += 1;
                file
            }
            None => match download(bot, &photo.file_id, out, photo.id).await {
                Ok(file) => {
                    report.downloaded += 1;
                    file
                }
                Err(e) => {
                    tracing::error!(photo = photo.id, error = %format!("{e:#}"), "cannot download");
                    report.failed += 1;
                    continue;
                }
            },
        };
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        manifest.write_record([
            name.as_str(),
            &photo.spot,
            &photo.credit,
            &photo.scopes,
            &photo.approved,
        ])?;
    }
    tokio::fs::write(out.join("photos.csv"), manifest.into_inner()?).await?;

    let mut withdrawn = csv::Writer::from_writer(Vec::new());
    withdrawn.write_record(["file", "spot", "withdrawn"])?;
    for photo in &catalogue.withdrawn {
        let name = match present.remove(&photo.id) {
            Some(file) => {
                tokio::fs::remove_file(&file).await?;
                report.removed += 1;
                file.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            }
            None => format!("photo-{}", photo.id),
        };
        withdrawn.write_record([name.as_str(), &photo.spot, &photo.withdrawn])?;
    }
    tokio::fs::write(out.join("withdrawn.csv"), withdrawn.into_inner()?).await?;
    Ok(report)
}

/// The photos already in `out`, by number (`photo-<id>.<ext>`), read once.
fn present_files(out: &Path) -> std::io::Result<std::collections::HashMap<u64, PathBuf>> {
    let mut present = std::collections::HashMap::new();
    for entry in std::fs::read_dir(out)? {
        let path = entry?.path();
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| s.strip_prefix("photo-"))
            .and_then(|n| n.parse().ok());
        if let Some(id) = id {
            present.insert(id, path);
        }
    }
    Ok(present)
}

/// getFile, then the file itself, bounded in size and time; written whole or not at all.
async fn download(bot: &Bot, file_id: &str, out: &Path, id: u64) -> anyhow::Result<PathBuf> {
    let file = bot.get_file(FileId(file_id.to_owned())).await?;
    anyhow::ensure!(
        file.size <= MAX_FILE_BYTES,
        "the file is over Telegram's 20 MB limit"
    );
    let extension = Path::new(&file.path)
        .extension()
        .and_then(|e| e.to_str())
        .filter(|e| ["jpg", "jpeg", "png"].contains(&e.to_ascii_lowercase().as_str()))
        .unwrap_or("jpg")
        .to_ascii_lowercase();
    let target = out.join(format!("photo-{id}.{extension}"));
    let partial = out.join(format!(".photo-{id}.part"));
    let mut writer = tokio::fs::File::create(&partial).await?;
    let fetched =
        tokio::time::timeout(DOWNLOAD_TIMEOUT, bot.download_file(&file.path, &mut writer)).await;
    drop(writer);
    match fetched {
        Ok(Ok(())) => {
            tokio::fs::rename(&partial, &target).await?;
            Ok(target)
        }
        Ok(Err(e)) => {
            let _ = tokio::fs::remove_file(&partial).await;
            Err(e.into())
        }
        Err(_) => {
            let _ = tokio::fs::remove_file(&partial).await;
            anyhow::bail!("the download took longer than {DOWNLOAD_TIMEOUT:?}")
        }
    }
}
