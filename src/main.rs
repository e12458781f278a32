//! The `escale` command line. The work is done by `escale::cli`, which the tests call too.
#![forbid(unsafe_code)]

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use escale::cli::{self, Paths};
use escale::telegram::Connection;

/// escale: a Telegram bot that guides tourists through short digital tasks at a destination's spots.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// The office's configuration file.
    #[arg(long, global = true, default_value = "config.toml")]
    config: PathBuf,
    /// The folder of the database, private to the user escale runs as (one running escale per
    /// folder).
    #[arg(long, global = true, default_value = "data")]
    data: PathBuf,
    /// The folder of the Fluent messages [default: locales/ if present, else the built-in ones].
    #[arg(long, global = true)]
    locales: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the bot (long polling). Needs TELOXIDE_TOKEN; TELOXIDE_API_URL points it at another
    /// Bot API server. Ctrl-C or SIGTERM stops it cleanly; SIGHUP reloads the config and locales.
    Run {
        /// No flood limits either way: replies are not held to Telegram's limits, and a chat may
        /// send as fast as it likes. Only against a local Bot API server (benchmarks).
        #[arg(long, env = "ESCALE_NO_THROTTLE", value_parser = clap::builder::BoolishValueParser::new())]
        no_throttle: bool,
        /// Serve GET /healthz (200 while the store answers and Telegram answered in the last 3
        /// minutes, 503 with the reason otherwise) and GET /metrics (Prometheus) on ADDR, e.g.
        /// 127.0.0.1:8080.
        #[arg(long, value_name = "ADDR")]
        listen: Option<std::net::SocketAddr>,
    },
    /// Validate the config and the locales, and print every spot's and partner's link.
    Check,
    /// The week's numbers (what /stats shows), from the running bot or the data folder.
    Stats,
    /// Every daily count into CSV files in DIR (daily-by-spot.csv, daily-by-partner.csv).
    Export {
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Print-ready posters for every spot and partner into DIR: <id>.png (A5 portrait, 300 dpi)
    /// and <id>.svg (the same, 148 x 210 mm), each with the QR code of its link, its name, a call
    /// to action in the default language and in English, the hashtag and the link written out.
    Posters {
        /// Where to write the posters (created if missing; posters already there are replaced).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// The photos tourists shared.
    Photos {
        #[command(subcommand)]
        command: PhotosCommand,
    },
    /// Chat with the bot in this terminal, offline, on the built-in sample destination (Pau).
    /// Reads standard input, so `escale demo < conversation.txt` replays a conversation.
    Demo,
}

#[derive(Subcommand)]
enum PhotosCommand {
    /// Download every approved, still-consented photo into DIR with a photos.csv manifest, and
    /// list withdrawn ones in withdrawn.csv. Re-running fetches only what is new. Works whether
    /// the bot runs or not. Needs TELOXIDE_TOKEN.
    Export {
        /// Where to put the photos and the CSV files.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let paths = Paths {
        config: cli.config,
        locales: cli.locales,
        data: cli.data,
    };
    let result = match cli.command {
        Command::Check => cli::check(&paths).map(|summary| print!("{summary}")),
        Command::Stats => cli::stats(&paths).await.map(|summary| print!("{summary}")),
        Command::Export { out } => cli::export_counts(&paths, &out)
            .await
            .map(|done| print!("{done}")),
        // Rendering is CPU-bound: keep it off the runtime's workers.
        Command::Posters { out } => {
            match tokio::task::spawn_blocking(move || cli::posters(&paths, &out)).await {
                Ok(result) => result.map(|summary| print!("{summary}")),
                Err(e) => Err(anyhow::anyhow!("the posters could not be made: {e}")),
            }
        }
        Command::Demo => {
            init_logging("warn");
            escale::demo::run(
                escale::demo::Options::from_env(),
                tokio::io::stdin(),
                tokio::io::stdout(),
            )
            .await
        }
        Command::Run {
            no_throttle,
            listen,
        } => {
            init_logging("info");
            let connection = match connection(!no_throttle) {
                Ok(connection) => connection,
                Err(code) => return code,
            };
            cli::run(&paths, connection, listen).await
        }
        Command::Photos {
            command: PhotosCommand::Export { out },
        } => {
            init_logging("warn");
            let connection = match connection(false) {
                Ok(connection) => connection,
                Err(code) => return code,
            };
            cli::export_photos(&paths, &connection, &out)
                .await
                .map(|summary| print!("{summary}"))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// The Bot API connection from the environment, or the exit code after saying what is missing.
fn connection(throttle: bool) -> Result<Connection, ExitCode> {
    let token = cli::token_from_env().map_err(|line| {
        eprintln!("error: {line}");
        ExitCode::from(2)
    })?;
    let api_url = cli::api_url_from_env().map_err(|e| {
        eprintln!("error: {e:#}");
        ExitCode::from(2)
    })?;
    Ok(Connection {
        token,
        api_url,
        throttle,
        fair_share: throttle,
    })
}

fn init_logging(default: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}
