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
    /// The folder of the database (one running escale per folder).
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
    /// Bot API server.
    Run {
        /// Do not hold messages back to Telegram's flood limits: only against a local Bot API
        /// server.
        #[arg(long, env = "ESCALE_NO_THROTTLE")]
        no_throttle: bool,
    },
    /// Validate the config and the locales, and print every spot's and partner's link.
    Check,
    /// Chat with the bot in this terminal, offline, on the built-in sample destination (Pau).
    /// Reads standard input, so `escale demo < conversation.txt` replays a conversation.
    Demo,
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
        Command::Demo => {
            init_logging("warn");
            escale::demo::run(
                escale::demo::Options::from_env(),
                tokio::io::stdin(),
                tokio::io::stdout(),
            )
            .await
        }
        Command::Run { no_throttle } => {
            init_logging("info");
            let token = match cli::token_from_env() {
                Ok(token) => token,
                Err(line) => {
                    eprintln!("error: {line}");
                    return ExitCode::from(2);
                }
            };
            match cli::api_url_from_env() {
                Ok(api_url) => {
                    let connection = Connection {
                        token,
                        api_url,
                        throttle: !no_throttle,
                    };
                    cli::run(&paths, connection).await
                }
                Err(e) => Err(e),
            }
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

fn init_logging(default: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}
