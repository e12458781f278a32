//! What the `escale` commands do, as functions the tests can call too. `main.rs` only parses
//! the command line.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressStyle};

use crate::Escale;
use crate::card::Palette;
use crate::config::Config;
use crate::control;
use crate::export::{self, Catalogue};
use crate::i18n::{I18n, Lang};
use crate::poster;
use crate::private;
use crate::stats::{self, CHART_DAYS, CounterKey, Summary, day_of};
use crate::store::Store;
use crate::telegram::{self, Connection, Token};

/// Where the office's files and the bot's data live.
#[derive(Debug, Clone)]
pub struct Paths {
    pub config: PathBuf,
    /// `None`: `locales/` when it exists, else the locales compiled into escale.
    pub locales: Option<PathBuf>,
    pub data: PathBuf,
}

/// The token from `TELOXIDE_TOKEN`, or one clear line saying what to set.
pub fn token_from_env() -> Result<Token, String> {
    match std::env::var("TELOXIDE_TOKEN") {
        Ok(token) if !token.trim().is_empty() => Ok(Token::new(token.trim())),
        _ => Err(
            "TELOXIDE_TOKEN is not set: create a bot with @BotFather, then run \
                  TELOXIDE_TOKEN=<the token it gives you> escale run"
                .into(),
        ),
    }
}

/// `TELOXIDE_API_URL`, when set: another Bot API server than Telegram's.
pub fn api_url_from_env() -> anyhow::Result<Option<url::Url>> {
    match std::env::var("TELOXIDE_API_URL") {
        Ok(url) if !url.trim().is_empty() => {
            let url: url::Url = url
                .trim()
                .parse()
                .context("TELOXIDE_API_URL is not a valid URL")?;
            // teloxide hides the token in errors only where it follows the server's root.
            anyhow::ensure!(
                url.path() == "/" && url.query().is_none(),
                "TELOXIDE_API_URL must be the Bot API server's root, such as http://localhost:8081/"
            );
            Ok(Some(url))
        }
        _ => Ok(None),
    }
}

/// Loads and validates the config and the locales.
pub fn load(paths: &Paths) -> anyhow::Result<(Config, I18n)> {
    let config = Config::load(&paths.config)
        .with_context(|| format!("{} is not valid", paths.config.display()))?;
    let i18n = match &paths.locales {
        Some(dir) => I18n::load(dir)?,
        None if Path::new("locales").is_dir() => I18n::load(Path::new("locales"))?,
        None => I18n::embedded(),
    };
    Ok((config, i18n))
}

/// `escale check`: validates the config and locales and prints every deep link.
pub fn check(paths: &Paths) -> anyhow::Result<String> {
    let (config, i18n) = load(paths)?;
    Ok(summary(&config, &i18n, &paths.config))
}

/// What `check` prints: the destination, and every spot's and partner's link.
pub fn summary(config: &Config, i18n: &I18n, config_path: &Path) -> String {
    let lang = config.destination.default_language;
    let name = config.destination.name.get(lang, lang);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: OK. {name}: {}, {}; {} languages with {} messages each.",
        config_path.display(),
        count(config.spots.len(), "spot"),
        count(config.partners.len(), "partner"),
        Lang::ALL.len(),
        i18n.message_ids().len(),
    );
    let _ = writeln!(out, "\nSpots (print these links as QR codes at each spot):");
    for spot in &config.spots {
        let tasks: Vec<&str> = spot.tasks.iter().map(|t| t.name()).collect();
        let _ = writeln!(
            out,
            "  {:<16} {}\n  {:<16} {}\n  {:<16} tasks: {}",
            spot.id(),
            spot.name.get(lang, lang),
            "",
            config.deep_link(&format!("spot_{}", spot.id())),
            "",
            tasks.join(", ")
        );
    }
    let warnings = config.warnings();
    if !warnings.is_empty() {
        let _ = writeln!(
            out,
            "\nWarnings (the bot runs, but this will not work as expected):"
        );
        for warning in warnings {
            let _ = writeln!(out, "  - {warning}");
        }
    }
    if !config.partners.is_empty() {
        let _ = writeln!(
            out,
            "\nPartners (their own link brings tourists attributed to them):"
        );
        for partner in &config.partners {
            let _ = writeln!(
                out,
                "  {:<16} {}\n  {:<16} {}",
                partner.id(),
                partner.name.get(lang, lang),
                "",
                config.deep_link(&format!("partner_{}", partner.id()))
            );
        }
    }
    out
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `escale run`: the bot, with long polling, until Ctrl-C or SIGTERM.
/// With `listen`, `/healthz` and `/metrics` are served there (see [`crate::health`]).
pub async fn run(
    paths: &Paths,
    connection: Connection,
    listen: Option<std::net::SocketAddr>,
) -> anyhow::Result<()> {
    let (config, i18n) = load(paths)?;
    // What the store creates as it runs (snapshots, blobs) is private from the start.
    private::private_umask();
    let store = open_store(&paths.data, Folder::Create)?;
    let escale = Arc::new(Escale::new(config, i18n, store));
    let control =
        control::serve(escale.clone(), &paths.data).context("cannot open the control socket")?;
    let reload = reload_on_hangup(escale.clone(), paths.clone());
    let health = match listen {
        Some(addr) => {
            let listener = tokio::net::TcpListener::bind(addr)
                .await
                .with_context(|| format!("cannot listen on {addr} (--listen)"))?;
            let addr = listener.local_addr()?;
            tracing::info!("health on http://{addr}/healthz, metrics on http://{addr}/metrics");
            Some(crate::health::serve(escale.clone(), listener))
        }
        None => None,
    };
    let bot = telegram::start(escale, connection).await?;
    tracing::info!("escale is running; Ctrl-C or SIGTERM stops it, SIGHUP reloads the config");
    shutdown_signal().await;
    tracing::info!("stopping: finishing the updates in flight");
    reload.abort();
    control.abort();
    if let Some(health) = health {
        health.abort();
    }
    let _ = std::fs::remove_file(control::socket_path(&paths.data));
    bot.stop().await?;
    tracing::info!("stopped cleanly");
    Ok(())
}

/// On SIGHUP, reads `config.toml` and the locales again. A new config that `check` would refuse
/// is refused with the same errors, and the running one stays. Progress at spots that left the
/// config is kept in the store: it shows again if the spot comes back.
fn reload_on_hangup(escale: Arc<Escale>, paths: Paths) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let mut hangups = match signal(SignalKind::hangup()) {
                Ok(hangups) => hangups,
                Err(e) => {
                    tracing::warn!(error = %e, "cannot listen for SIGHUP: reloading needs a restart");
                    return;
                }
            };
            while hangups.recv().await.is_some() {
                match load(&paths) {
                    Ok((config, i18n)) => {
                        escale.replace_settings(config, i18n);
                        tracing::info!("configuration reloaded");
                    }
                    Err(e) => tracing::error!(
                        "the new configuration is refused, the running one stays: {e:#}"
                    ),
                }
            }
        }
        #[cfg(not(unix))]
        let _ = (escale, paths);
    })
}

/// `escale photos export`: the approved photos into `out`, asking the running bot for the list
/// (or reading the store when no bot runs), then downloading from Telegram with the token.
pub async fn export_photos(
    paths: &Paths,
    connection: &Connection,
    out: &Path,
) -> anyhow::Result<String> {
    existing_data(&paths.data)?;
    let catalogue = match control::ask(&paths.data, &control::Query::Photos).await? {
        Some(control::Answer::Photos(catalogue)) => catalogue,
        Some(control::Answer::Error(e)) => {
            anyhow::bail!("the running bot could not list the photos: {e}")
        }
        Some(_) => anyhow::bail!("the running bot gave an unexpected answer"),
        None => {
            let (config, _) = load(paths)?;
            let store = open_store(&paths.data, Folder::Existing)?;
            Catalogue::from_store(&store, &config)?
        }
    };
    let report = export::export(&catalogue, &connection.bot(), out).await?;
    let mut summary = format!(
        "{}: {} new photos downloaded, {} already there, {} withdrawn (see withdrawn.csv",
        out.display(),
        report.downloaded,
        report.already_there,
        catalogue.withdrawn.len(),
    );
    if report.removed > 0 {
        let _ = write!(summary, "; {} local copies deleted", report.removed);
    }
    summary.push_str(").\n");
    if report.failed > 0 {
        let _ = writeln!(
            summary,
            "{} photos could not be downloaded: run the export again later.",
            report.failed
        );
    }
    Ok(summary)
}

/// The counters of days `from..=to`, from the running bot or, when none runs, the store.
async fn counters(paths: &Paths, from: u32, to: u32) -> anyhow::Result<Vec<(CounterKey, u64)>> {
    existing_data(&paths.data)?;
    match control::ask(&paths.data, &control::Query::Counters { from, to }).await? {
        Some(control::Answer::Counters(counters)) => Ok(counters),
        Some(control::Answer::Error(e)) => {
            anyhow::bail!("the running bot could not read its counters: {e}")
        }
        Some(_) => anyhow::bail!("the running bot gave an unexpected answer"),
        None => Ok(open_store(&paths.data, Folder::Existing)?.counters(from, to)?),
    }
}

/// Whether opening a data folder may create it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Folder {
    /// `run`: a new destination starts with an empty folder.
    Create,
    /// The office's read-only commands: a missing folder is a mistyped `--data`.
    Existing,
}

/// The store in `data` (private whatever the umask: see [`Store::open`]).
fn open_store(data: &Path, folder: Folder) -> anyhow::Result<Store> {
    if folder == Folder::Existing {
        existing_data(data)?;
    }
    Ok(Store::open(data)?)
}

/// Refuses a `--data` that names no store, before anything creates one there.
fn existing_data(data: &Path) -> anyhow::Result<()> {
    match std::fs::metadata(data) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => anyhow::bail!(
            "{} is a file, not a data folder: check --data",
            data.display()
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            anyhow::bail!("no data folder at {}: check --data", data.display())
        }
        Err(e) => {
            return Err(e)
                .with_context(|| format!("cannot open the data folder {}", data.display()));
        }
    }
    match std::fs::read_dir(data) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => anyhow::bail!(
            "cannot open the data folder {}: it is private to the user the bot runs as; run \
             this command as that user",
            data.display()
        ),
        Err(e) => {
            return Err(e)
                .with_context(|| format!("cannot open the data folder {}", data.display()));
        }
    }
    anyhow::ensure!(
        private::holds_store(data),
        "{} holds no escale data: check --data",
        data.display()
    );
    Ok(())
}

/// `escale stats`: the week's summary, as `/stats` shows it, in the default language.
pub async fn stats(paths: &Paths) -> anyhow::Result<String> {
    let (config, i18n) = load(paths)?;
    let today = day_of(crate::unix_now());
    let counters = counters(paths, today.saturating_sub(CHART_DAYS - 1), today).await?;
    let lang = config.destination.default_language;
    let name = config.destination.name.get(lang, lang);
    Ok(format!(
        "{}\n",
        Summary::new(&counters, today, None).text(&config, &i18n, lang, name)
    ))
}

/// `escale export`: every counter into CSV files in `out`.
pub async fn export_counts(paths: &Paths, out: &Path) -> anyhow::Result<String> {
    let counters = counters(paths, 0, u32::MAX).await?;
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let mut written = Vec::new();
    for (name, bytes) in stats::csv_files(&counters)? {
        std::fs::write(out.join(&name), bytes)?;
        written.push(name);
    }
    Ok(format!("{}: {}\n", out.display(), written.join(", ")))
}

/// `escale posters`: a print-ready poster per spot and per partner in `out`, `<id>.png` (A5,
/// 300 dpi) and `<id>.svg`, with a progress bar on stderr. CPU-bound: call it off any async
/// runtime (`main` uses `spawn_blocking`). Returns the one-line summary.
pub fn posters(paths: &Paths, out: &Path) -> anyhow::Result<String> {
    let (config, i18n) = load(paths)?;
    create_folder(out)?;
    let subjects = poster::subjects(&config);
    let bar = ProgressBar::new(subjects.len() as u64).with_style(
        ProgressStyle::with_template("{spinner} posters [{bar:32}] {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    let palette = Palette::default();
    for subject in &subjects {
        let id = subject.id();
        bar.set_message(id.to_owned());
        let content = poster::Content::new(&config, &i18n, subject);
        let poster = poster::render(&content, &palette)
            .with_context(|| format!("cannot make the poster of {id}"))?;
        for (name, bytes) in [
            (format!("{id}.png"), poster.png.as_slice()),
            (format!("{id}.svg"), poster.svg.as_bytes()),
        ] {
            let path = out.join(name);
            std::fs::write(&path, bytes)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    let spots = count(config.spots.len(), "spot");
    let partners = count(config.partners.len(), "partner");
    let example = subjects.first().map_or("<id>", |s| s.id());
    Ok(format!(
        "{}: {} ({spots}, {partners}), each as {example}.png (A5, 300 dpi) and {example}.svg.\n",
        out.display(),
        count(subjects.len(), "poster"),
    ))
}

/// Creates `out` and its parents; when a file stands in the way, says which.
fn create_folder(out: &Path) -> anyhow::Result<()> {
    let Err(error) = std::fs::create_dir_all(out) else {
        return Ok(());
    };
    if let Some(file) = out.ancestors().find(|a| a.is_file()) {
        anyhow::bail!(
            "cannot create the folder {}: {} is a file, not a folder; choose another --out",
            out.display(),
            file.display()
        );
    }
    Err(error).with_context(|| format!("cannot create the folder {}", out.display()))
}

/// Ctrl-C (SIGINT) or SIGTERM, whichever comes first: services are stopped with SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(e) => {
                    tracing::warn!(error = %e, "cannot listen for SIGTERM");
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}
