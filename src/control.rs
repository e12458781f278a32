//! The running bot's local door for the office's commands.
//!
//! sled lets one process open a data folder, so while the bot runs, `escale photos export` cannot
//! open the store itself. The bot listens on a Unix socket in its data folder (`control.sock`,
//! reachable only by local users allowed in that folder) and answers queries with what the store
//! holds; when no bot answers, the command opens the store itself.
//!
//! The protocol is one JSON [`Query`] per line, answered by one JSON line.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{UnixListener, UnixStream};

use crate::Escale;
use crate::export::Catalogue;
use crate::stats::CounterKey;

/// What the office's commands ask the running bot.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Query {
    Photos,
    /// The office's counters of days `from..=to`.
    Counters {
        from: u32,
        to: u32,
    },
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Photos(Catalogue),
    Counters(Vec<(CounterKey, u64)>),
    Error(String),
}

pub fn socket_path(data: &Path) -> PathBuf {
    data.join("control.sock")
}

/// Listens on the data folder's socket until the returned task is aborted.
pub fn serve(escale: Arc<Escale>, data: &Path) -> std::io::Result<tokio::task::JoinHandle<()>> {
    let path = socket_path(data);
    // A socket left by a bot that crashed: the store's lock says no other bot runs here.
    let _ = std::fs::remove_file(&path);
    let listener = UnixListener::bind(&path)?;
    Ok(tokio::spawn(async move {
        loop {
            match listener.accept().await {
                Ok((stream, _)) => {
                    tokio::spawn(answer(escale.clone(), stream));
                }
                Err(e) => tracing::warn!(error = %e, "control socket"),
            }
        }
    }))
}

async fn answer(escale: Arc<Escale>, stream: UnixStream) {
    let (reader, mut writer) = stream.into_split();
    let mut line = String::new();
    if BufReader::new(reader).read_line(&mut line).await.is_err() {
        return;
    }
    let answer = match serde_json::from_str::<Query>(&line) {
        Ok(Query::Photos) => {
            match Catalogue::from_store(&escale.store, &escale.settings().config) {
                Ok(catalogue) => Answer::Photos(catalogue),
                Err(e) => Answer::Error(e.to_string()),
            }
        }
        Ok(Query::Counters { from, to }) => match escale.store.counters(from, to) {
            Ok(counters) => Answer::Counters(counters),
            Err(e) => Answer::Error(e.to_string()),
        },
        Err(e) => Answer::Error(format!("unknown query: {e}")),
    };
    let mut bytes = serde_json::to_vec(&answer).unwrap_or_default();
    bytes.push(b'\n');
    if let Err(e) = writer.write_all(&bytes).await {
        tracing::warn!(error = %e, "control socket: cannot answer");
    }
}

/// Asks the bot running on `data`; `Ok(None)` when no bot listens there.
pub async fn ask(data: &Path, query: &Query) -> anyhow::Result<Option<Answer>> {
    let Ok(stream) = UnixStream::connect(socket_path(data)).await else {
        return Ok(None);
    };
    let (reader, mut writer) = stream.into_split();
    let mut request = serde_json::to_vec(query)?;
    request.push(b'\n');
    writer.write_all(&request).await?;
    let mut line = String::new();
    BufReader::new(reader).read_line(&mut line).await?;
    Ok(Some(serde_json::from_str(&line)?))
}
