//! The running bot's local door for the office's commands.
//!
//! sled lets one process open a data folder, so while the bot runs, `escale photos export` cannot
//! open the store itself. The bot listens on a Unix socket in its data folder (`control.sock`)
//! and answers queries with what the store holds; when no bot answers, the command opens the
//! store itself.
//!
//! The protocol is one JSON [`Query`] per line, answered by one JSON line.
//!
//! **Who may ask.** The answers are the tourists' data, so the door has three locks, each enough
//! on its own against another local user:
//! - the socket lives in the data folder, which is 0700 ([`crate::private`]): another user cannot
//!   reach it; [`serve`] makes the folder private first, and refuses one another user owns;
//! - the socket itself is 0600, whatever the umask;
//! - the bot answers only a client whose uid, as the kernel tells it (`SO_PEERCRED`), is its own.
//!
//! A client has [`QUERY_TIMEOUT`] to send one line of at most [`MAX_QUERY`] bytes; otherwise it
//! gets an error line and the connection closes, and nothing longer is ever read or parsed. Each
//! connection has its own task, so a slow client holds nobody else.
//!
//! **Any `--data`.** A socket address holds a path of about a hundred bytes. A longer one is
//! reached through the open data folder, `/proc/self/fd/<fd>/control.sock` (Linux): the socket
//! stays where the folder's mode protects it, and both sides find it from `--data` alone,
//! whatever their environment.

use std::io;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncBufReadExt, AsyncReadExt as _, AsyncWriteExt, BufReader};
use tokio::net::{UnixListener, UnixStream};

use crate::Escale;
use crate::export::Catalogue;
use crate::private;
use crate::stats::CounterKey;

/// The longest query the bot reads, its newline included: queries are a few dozen bytes.
pub const MAX_QUERY: usize = 4096;
/// How long a client has to send its query, and then to take the answer.
pub const QUERY_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a command waits for the running bot's answer (a photo list is read from the store).
const ANSWER_TIMEOUT: Duration = Duration::from_secs(60);
/// The longest socket path bound or connected as it is: a socket address holds 108 bytes on
/// Linux and 104 on the BSDs and macOS, with the final NUL.
const MAX_ADDRESS: usize = 103;

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

/// The socket of the bot running on `data`, whatever the length of the path.
pub fn socket_path(data: &Path) -> PathBuf {
    data.join("control.sock")
}

/// Listens on the data folder's socket until the returned task is aborted. Makes the folder
/// private first ([`private::private_dir`]); refuses a folder another user owns.
pub fn serve(escale: Arc<Escale>, data: &Path) -> io::Result<tokio::task::JoinHandle<()>> {
    serve_with(escale, data, Door::new())
}

/// Asks the bot running on `data`; `Ok(None)` when no bot listens there.
pub async fn ask(data: &Path, query: &Query) -> anyhow::Result<Option<Answer>> {
    let path = socket_path(data);
    let stream = match connect(&path).await {
        Ok(stream) => stream,
        // No socket, or one left by a bot that stopped: no bot runs here.
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::ConnectionRefused
            ) =>
        {
            return Ok(None);
        }
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => anyhow::bail!(
            "cannot reach the running bot at {}: {e}; it answers only the user it runs \
             as: run this command as that user",
            path.display()
        ),
        Err(e) => {
            return Err(e).with_context(|| format!("cannot reach the bot at {}", path.display()));
        }
    };
    let exchange = async {
        let (reader, mut writer) = stream.into_split();
        let mut request = serde_json::to_vec(query)?;
        request.push(b'\n');
        // A bot that refuses this client answers and closes at once: its answer may be
        // waiting while the query could not even be written.
        let written = writer.write_all(&request).await;
        let mut line = String::new();
        let read = BufReader::new(reader).read_line(&mut line).await;
        if line.is_empty() {
            written?;
            read?;
            anyhow::bail!("the connection closed without an answer");
        }
        anyhow::Ok(serde_json::from_str(&line)?)
    };
    let answer = tokio::time::timeout(ANSWER_TIMEOUT, exchange)
        .await
        .with_context(|| {
            format!(
                "the bot running at {} did not answer within {} s",
                data.display(),
                ANSWER_TIMEOUT.as_secs()
            )
        })?
        .with_context(|| format!("the bot running at {} answered badly", data.display()))?;
    Ok(Some(answer))
}

/// What the server lets in: a bounded line, within a time, from one user.
#[derive(Debug, Clone, Copy)]
struct Door {
    max_query: usize,
    timeout: Duration,
    /// The only uid answered.
    owner: u32,
}

impl Door {
    fn new() -> Door {
        Door {
            max_query: MAX_QUERY,
            timeout: QUERY_TIMEOUT,
            owner: private::own_uid(),
        }
    }
}

fn serve_with(
    escale: Arc<Escale>,
    data: &Path,
    door: Door,
) -> io::Result<tokio::task::JoinHandle<()>> {
    private::private_dir(data)?;
    private::check_private_dir(data)?;
    let path = socket_path(data);
    // A socket left by a bot that crashed: the store's lock says no other bot runs here.
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let listener = {
        let address = Address::of(&path)?;
        UnixListener::bind(&address.path)?
    };
    // The mode bind gives depends on the umask: set it.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(private::FILE_MODE))?;
    Ok(tokio::spawn(async move {
        loop {
            match listener.accept().await {
                Ok((stream, _)) => {
                    tokio::spawn(answer(escale.clone(), stream, door));
                }
                Err(e) => {
                    tracing::warn!(error = %e, "control socket");
                    // Out of file descriptors, say: let the other connections finish first.
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }
    }))
}

async fn answer(escale: Arc<Escale>, mut stream: UnixStream, door: Door) {
    let answer = match read_query(&mut stream, door).await {
        Ok(query) => respond(escale, query).await,
        Err(refusal) => Answer::Error(refusal),
    };
    let mut bytes = serde_json::to_vec(&answer).unwrap_or_default();
    bytes.push(b'\n');
    match tokio::time::timeout(door.timeout, stream.write_all(&bytes)).await {
        Ok(Ok(())) => {
            let _ = stream.shutdown().await;
        }
        Ok(Err(e)) => tracing::warn!(error = %e, "control socket: cannot answer"),
        Err(_) => tracing::warn!("control socket: the client did not take its answer"),
    }
}

/// The client's query, or why it is refused: another user, too long, too slow, not a query.
async fn read_query(stream: &mut UnixStream, door: Door) -> Result<Query, String> {
    let peer = stream
        .peer_cred()
        .map_err(|e| format!("refused: cannot tell which user is asking ({e})"))?
        .uid();
    if peer != door.owner {
        tracing::warn!(
            uid = peer,
            "control socket: refused a client of another user"
        );
        return Err(format!(
            "refused: this bot answers only its own user (uid {}), not uid {peer}; run the \
             command as the bot's user",
            door.owner
        ));
    }
    // One byte more than allowed tells a line that is too long; nothing past it is read.
    let limit = door.max_query as u64 + 1;
    let reading = async {
        let mut line = Vec::new();
        BufReader::new((&mut *stream).take(limit))
            .read_until(b'\n', &mut line)
            .await
            .map(|_| line)
    };
    let line = match tokio::time::timeout(door.timeout, reading).await {
        Err(_) => return Err(format!("no query within {:?}", door.timeout)),
        Ok(Err(e)) => return Err(format!("cannot read the query: {e}")),
        Ok(Ok(line)) => line,
    };
    if line.len() > door.max_query {
        return Err(format!(
            "refused: a query is one line of at most {} bytes",
            door.max_query
        ));
    }
    serde_json::from_slice(&line).map_err(|e| format!("unknown query: {e}"))
}

/// The answer from the store, read off the runtime's workers.
async fn respond(escale: Arc<Escale>, query: Query) -> Answer {
    let work = tokio::task::spawn_blocking(move || match query {
        Query::Photos => match Catalogue::from_store(&escale.store, &escale.settings().config) {
            Ok(catalogue) => Answer::Photos(catalogue),
            Err(e) => Answer::Error(e.to_string()),
        },
        Query::Counters { from, to } => match escale.store.counters(from, to) {
            Ok(counters) => Answer::Counters(counters),
            Err(e) => Answer::Error(e.to_string()),
        },
    });
    work.await
        .unwrap_or_else(|e| Answer::Error(format!("the query failed: {e}")))
}

async fn connect(path: &Path) -> io::Result<UnixStream> {
    let address = Address::of(path)?;
    UnixStream::connect(&address.path).await
}

/// A path of a socket short enough for a socket address, valid while this lives.
struct Address {
    path: PathBuf,
    /// The socket's folder, held open while its `/proc/self/fd` alias is in use.
    _folder: Option<std::fs::File>,
}

impl Address {
    fn of(socket: &Path) -> io::Result<Address> {
        if socket.as_os_str().len() <= MAX_ADDRESS {
            return Ok(Address {
                path: socket.to_path_buf(),
                _folder: None,
            });
        }
        Address::through_folder(socket)
    }

    #[cfg(target_os = "linux")]
    fn through_folder(socket: &Path) -> io::Result<Address> {
        use std::os::fd::AsRawFd as _;
        let name = socket.file_name().ok_or_else(|| {
            io::Error::new(io::ErrorKind::InvalidInput, "a socket path names a file")
        })?;
        let folder = match socket.parent() {
            Some(folder) if !folder.as_os_str().is_empty() => folder,
            _ => Path::new("."),
        };
        let folder = std::fs::File::open(folder)?;
        Ok(Address {
            path: Path::new(&format!("/proc/self/fd/{}", folder.as_raw_fd())).join(name),
            _folder: Some(folder),
        })
    }

    #[cfg(not(target_os = "linux"))]
    fn through_folder(socket: &Path) -> io::Result<Address> {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{} is too long for a socket on this system (at most {MAX_ADDRESS} bytes): \
                 choose a shorter --data",
                socket.display()
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::i18n::I18n;
    use crate::store::Store;
    use std::os::unix::fs::FileTypeExt as _;

    /// Long enough for any exchange here on a loaded machine; only a hang reaches it.
    const DEADLINE: Duration = Duration::from_secs(20);

    fn escale() -> Arc<Escale> {
        Arc::new(Escale::new(
            Config::embedded(),
            I18n::embedded(),
            Store::temporary().unwrap(),
        ))
    }

    fn mode(path: &Path) -> u32 {
        std::fs::symlink_metadata(path)
            .unwrap()
            .permissions()
            .mode()
            & 0o7777
    }

    async fn within<T>(what: &str, work: impl Future<Output = T>) -> T {
        tokio::time::timeout(DEADLINE, work)
            .await
            .unwrap_or_else(|_| panic!("{what}: nothing within {DEADLINE:?}"))
    }

    /// Sends `bytes` as they are and returns the answer line.
    async fn raw(data: &Path, bytes: &[u8]) -> String {
        let mut stream = UnixStream::connect(socket_path(data)).await.unwrap();
        stream.write_all(bytes).await.unwrap();
        let mut line = String::new();
        within("the answer", BufReader::new(stream).read_line(&mut line))
            .await
            .unwrap();
        line
    }

    fn counters_asked(answer: Option<Answer>) -> bool {
        matches!(answer, Some(Answer::Counters(_)))
    }

    #[tokio::test]
    async fn the_socket_is_0600_in_a_private_folder_and_answers() {
        let data = tempfile::tempdir().unwrap();
        let server = serve(escale(), data.path()).unwrap();
        let socket = socket_path(data.path());
        let meta = std::fs::symlink_metadata(&socket).unwrap();
        assert!(meta.file_type().is_socket());
        assert_eq!(mode(&socket), 0o600);
        assert_eq!(mode(data.path()), 0o700);
        let answer = within("ask", ask(data.path(), &Query::Counters { from: 0, to: 9 })).await;
        assert!(counters_asked(answer.unwrap()));
        server.abort();
    }

    #[tokio::test]
    async fn no_bot_is_no_answer() {
        let data = tempfile::tempdir().unwrap();
        assert!(ask(data.path(), &Query::Photos).await.unwrap().is_none());
        // A socket left by a bot that crashed.
        drop(std::os::unix::net::UnixListener::bind(socket_path(data.path())).unwrap());
        assert!(ask(data.path(), &Query::Photos).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn an_open_folder_is_made_private_before_the_socket() {
        let data = tempfile::tempdir().unwrap();
        std::fs::set_permissions(data.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        let server = serve(escale(), data.path()).unwrap();
        assert_eq!(mode(data.path()), 0o700);
        assert_eq!(mode(&socket_path(data.path())), 0o600);
        server.abort();
    }

    /// A folder someone else owns could have its socket replaced by them: no socket there.
    /// Making one needs root (`chown`), which the tests run as.
    #[tokio::test]
    async fn a_folder_of_another_user_gets_no_socket() {
        if !crate::private::can_act_as_others() {
            return;
        }
        let data = tempfile::tempdir().unwrap();
        std::os::unix::fs::chown(data.path(), Some(65534), Some(65534)).unwrap_or_else(|e| {
            panic!("this test gives a folder to uid 65534 and needs root for it: {e}")
        });
        let error = serve(escale(), data.path()).unwrap_err();
        assert!(
            error.to_string().contains("belongs to uid 65534"),
            "{error}"
        );
        assert!(!socket_path(data.path()).exists());
    }

    /// Regression: a 140-character `--data` stopped the bot ("path must be shorter than
    /// SUN_LEN").
    #[tokio::test]
    async fn a_long_data_path_is_served() {
        let temp = tempfile::tempdir().unwrap();
        let data = temp.path().join("d".repeat(200));
        std::fs::create_dir(&data).unwrap();
        private::private_dir(&data).unwrap();
        let socket = socket_path(&data);
        assert!(socket.as_os_str().len() > 200);
        let server = serve(escale(), &data).unwrap();
        assert_eq!(mode(&socket), 0o600);
        let answer = within("ask", ask(&data, &Query::Counters { from: 0, to: 9 })).await;
        assert!(counters_asked(answer.unwrap()));
        server.abort();
    }

    #[tokio::test]
    async fn another_user_is_refused() {
        let data = tempfile::tempdir().unwrap();
        let door = Door {
            owner: private::own_uid().wrapping_add(1),
            ..Door::new()
        };
        let server = serve_with(escale(), data.path(), door).unwrap();
        let answer = within("ask", ask(data.path(), &Query::Counters { from: 0, to: 9 })).await;
        match answer.unwrap() {
            Some(Answer::Error(e)) => assert!(
                e.contains("refused") && e.contains(&format!("not uid {}", private::own_uid())),
                "{e}"
            ),
            other => panic!("another user was answered: {other:?}"),
        }
        server.abort();
    }

    /// A 4 MiB line, a valid query padded with spaces: refused as too long, never parsed (it
    /// would then be answered with counters), and never read whole: the server closes after
    /// 4 KiB, so the client cannot even finish writing it.
    #[tokio::test]
    async fn a_line_of_4_mib_is_refused_unread() {
        let data = tempfile::tempdir().unwrap();
        let server = serve(escale(), data.path()).unwrap();
        let stream = UnixStream::connect(socket_path(data.path())).await.unwrap();
        let (reader, mut writer) = stream.into_split();
        let mut line = br#"{"counters":{"from":0,"to":9}}"#.to_vec();
        line.resize(4 << 20, b' ');
        line.push(b'\n');
        let writing = tokio::spawn(async move { writer.write_all(&line).await });
        let mut answer = String::new();
        within("the answer", BufReader::new(reader).read_line(&mut answer))
            .await
            .unwrap();
        assert!(
            answer.contains("refused: a query is one line of at most 4096 bytes"),
            "{answer}"
        );
        let written = within("the writer", writing).await.unwrap();
        assert!(written.is_err(), "the server read the whole 4 MiB line");

        // The door stays open for the next client.
        assert!(
            raw(data.path(), b"{\"counters\":{\"from\":0,\"to\":9}}\n")
                .await
                .starts_with("{\"counters\"")
        );
        server.abort();
    }

    #[tokio::test]
    async fn a_query_just_within_the_limit_is_answered() {
        let data = tempfile::tempdir().unwrap();
        let server = serve(escale(), data.path()).unwrap();
        let mut line = br#"{"counters":{"from":0,"to":9}}"#.to_vec();
        line.resize(MAX_QUERY - 1, b' ');
        line.push(b'\n');
        assert!(raw(data.path(), &line).await.starts_with("{\"counters\""));
        line.insert(0, b' ');
        assert!(raw(data.path(), &line).await.contains("at most 4096 bytes"));
        assert!(
            raw(data.path(), b"{\"delete\":\"everything\"}\n")
                .await
                .contains("unknown query")
        );
        server.abort();
    }

    #[tokio::test]
    async fn a_silent_client_is_dropped_after_the_timeout() {
        let data = tempfile::tempdir().unwrap();
        let door = Door {
            timeout: Duration::from_millis(100),
            ..Door::new()
        };
        let server = serve_with(escale(), data.path(), door).unwrap();
        let stream = UnixStream::connect(socket_path(data.path())).await.unwrap();
        let mut reader = BufReader::new(stream);
        let mut answer = String::new();
        within("the timeout", reader.read_line(&mut answer))
            .await
            .unwrap();
        assert!(answer.contains("no query within 100ms"), "{answer}");
        let mut rest = Vec::new();
        within("the close", reader.read_to_end(&mut rest))
            .await
            .unwrap();
        assert!(rest.is_empty(), "closed after the answer");
        server.abort();
    }

    /// With a client that says nothing connected (and a timeout far away), others are answered.
    #[tokio::test]
    async fn a_silent_client_holds_nobody() {
        let data = tempfile::tempdir().unwrap();
        let door = Door {
            timeout: Duration::from_secs(3600),
            ..Door::new()
        };
        let server = serve_with(escale(), data.path(), door).unwrap();
        let _silent = UnixStream::connect(socket_path(data.path())).await.unwrap();
        for _ in 0..3 {
            let answer = within(
                "another client's answer",
                ask(data.path(), &Query::Counters { from: 0, to: 9 }),
            )
            .await;
            assert!(counters_asked(answer.unwrap()));
        }
        server.abort();
    }
}
