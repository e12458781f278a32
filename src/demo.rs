//! `escale demo`: chat with the real bot in a terminal, offline.
//!
//! The demo starts the project's local Bot API server ([`crate::sandbox`]), runs the bot against
//! it on the built-in sample destination with a temporary data folder, and plays a tourist whose
//! lines come from standard input:
//!
//! ```text
//! you › /start spot_chateau
//! bot › 📍 Château de Pau …
//!       [1] 📷 Share a photo
//!       [2] 💌 Send a postcard
//! you › 2
//! ```
//!
//! A number presses that button of the latest keyboard; `!location LAT LON [ACCURACY]` shares a
//! location (`!location` alone: the castle's courtyard); `!photo` sends a photo, `!voice` a voice
//! note; `!quit` or end of input stops. The bot's answers are awaited before the next line is
//! read, so `escale demo < conversation.txt` replays a conversation.

use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::broadcast::Receiver;
use tokio::sync::broadcast::error::RecvError;

use crate::Escale;
use crate::config::Config;
use crate::i18n::I18n;
use crate::sandbox::{Activity, BotMessage, Button, Content, Person, Sandbox};
use crate::store::Store;
use crate::telegram::{self, Connection, Token};

/// How long the demo waits for the bot's first answer to a line.
const FIRST_ANSWER: Duration = Duration::from_secs(5);
/// Once the bot answered, the quiet time after which its answer is taken as complete.
const QUIET: Duration = Duration::from_millis(400);
/// Where `!location` alone puts the tourist: the courtyard of the Château de Pau.
const CASTLE: (f64, f64) = (43.2948, -0.3755);

/// The demo's tourist.
#[derive(Debug, Clone)]
pub struct Options {
    /// The Telegram app language of the tourist ("fr", "de-AT"…).
    pub language_code: String,
    /// Echo the tourist's lines (when they come from a file rather than a keyboard).
    pub echo: bool,
}

impl Options {
    /// The language of the terminal (`LANG=fr_FR.UTF-8` → fr), echo when input is not a terminal.
    pub fn from_env() -> Options {
        use std::io::IsTerminal as _;
        let lang = std::env::var("LANG").unwrap_or_default();
        let code = lang
            .split(['_', '.', '-'])
            .next()
            .filter(|c| c.len() == 2)
            .unwrap_or("en");
        Options {
            language_code: code.to_owned(),
            echo: !std::io::stdin().is_terminal(),
        }
    }
}

/// Runs the demo until the input ends or the tourist types `!quit`.
pub async fn run(
    options: Options,
    input: impl AsyncRead + Unpin,
    mut output: impl AsyncWrite + Unpin,
) -> anyhow::Result<()> {
    let sandbox = Sandbox::start().await?;
    let data = tempfile::tempdir()?;
    let escale = Arc::new(Escale::new(
        Config::embedded(),
        I18n::embedded(),
        Store::open(data.path())?,
    ));
    let connection = Connection {
        token: Token::new(Sandbox::TOKEN),
        api_url: Some(sandbox.api_url()),
        throttle: false,
        fair_share: true,
    };
    let bot = telegram::start(escale, connection).await?;
    let tourist = Person::new(4242, "Alex").with_language(&options.language_code);
    let mut activity = sandbox.subscribe();
    let mut screen = Screen::default();

    let intro = "escale demo: you are a tourist in Pau, chatting with the bot.\n\
                 Type /start spot_chateau, /spots, /help… A number presses that button.\n\
                 !location [LAT LON [ACCURACY]] shares a location, !photo a photo, !voice a voice note, !quit stops.\n\n";
    output.write_all(intro.as_bytes()).await?;

    let mut lines = BufReader::new(input).lines();
    while let Some(line) = lines.next_line().await? {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if options.echo {
            output
                .write_all(format!("you › {line}\n").as_bytes())
                .await?;
        }
        if line == "!quit" {
            break;
        }
        match act(&sandbox, &tourist, &screen, line) {
            Ok(()) => {}
            Err(note) => {
                output
                    .write_all(format!("      ({note})\n").as_bytes())
                    .await?;
                continue;
            }
        }
        let printed = collect_answer(&sandbox, &mut activity, &mut screen).await;
        output.write_all(printed.as_bytes()).await?;
        output.flush().await?;
    }
    bot.stop().await?;
    output.write_all("Bye!\n".as_bytes()).await?;
    output.flush().await?;
    Ok(())
}

/// What the tourist's line does; `Err` is a note for them (nothing was sent).
fn act(sandbox: &Sandbox, tourist: &Person, screen: &Screen, line: &str) -> Result<(), String> {
    if let Ok(number) = line.parse::<usize>() {
        let button = screen
            .buttons
            .get(number.wrapping_sub(1))
            .ok_or_else(|| format!("there is no button {number}"))?;
        let message = screen.keyboard_message.as_ref().ok_or("no keyboard yet")?;
        return match (&button.callback_data, &button.url, &button.copy_text) {
            (Some(data), _, _) => {
                sandbox.press(tourist, message, data);
                Ok(())
            }
            (_, Some(url), _) => Err(format!("this button opens {url}")),
            (_, _, Some(text)) => Err(format!("copied to the clipboard: {text}")),
            _ => Err("this button does nothing here".into()),
        };
    }
    let mut words = line.split_whitespace();
    match words.next() {
        Some("!location") => {
            let numbers: Vec<f64> = words.filter_map(|w| w.parse().ok()).collect();
            let (lat, lon, accuracy) = match numbers.as_slice() {
                [] => (CASTLE.0, CASTLE.1, None),
                [lat, lon] => (*lat, *lon, None),
                [lat, lon, accuracy] => (*lat, *lon, Some(*accuracy)),
                _ => return Err("usage: !location LAT LON [ACCURACY]".into()),
            };
            sandbox.send_location(tourist, lat, lon, accuracy);
        }
        Some("!photo") => {
            let file = sandbox.upload(SAMPLE_PNG.to_vec(), "photo.png");
            sandbox.send_photo(tourist, &file, 64, 48, None);
        }
        Some("!voice") => {
            let voice = serde_json::json!({
                "voice": { "file_id": "demo-voice", "file_unique_id": "demo-voice", "duration": 2 }
            });
            sandbox.send_message_with(tourist, voice);
        }
        Some(word) if word.starts_with('!') => {
            return Err("unknown demo command: !location, !photo, !voice or !quit".into());
        }
        _ => {
            sandbox.send_text(tourist, line);
        }
    }
    Ok(())
}

/// What the tourist sees: the latest inline keyboard, whose buttons the numbers press.
#[derive(Default)]
struct Screen {
    keyboard_message: Option<BotMessage>,
    buttons: Vec<Button>,
}

/// Prints the bot's answer as it comes, until it has been quiet for a moment.
async fn collect_answer(
    sandbox: &Sandbox,
    activity: &mut Receiver<Activity>,
    screen: &mut Screen,
) -> String {
    let mut printed = String::new();
    let mut wait = FIRST_ANSWER;
    loop {
        match tokio::time::timeout(wait, activity.recv()).await {
            Ok(Ok(event)) => {
                printed.push_str(&describe(sandbox, &event, screen));
                wait = QUIET;
            }
            Ok(Err(RecvError::Lagged(_))) => continue,
            Ok(Err(RecvError::Closed)) | Err(_) => break,
        }
    }
    printed
}

fn describe(sandbox: &Sandbox, event: &Activity, screen: &mut Screen) -> String {
    match event {
        Activity::Sent(message) => describe_message(sandbox, message, screen, ""),
        Activity::Edited(message) => describe_message(sandbox, message, screen, "(edited) "),
        Activity::CallbackAnswered(answer) => match &answer.text {
            Some(text) => format!("      💬 {text}\n"),
            None => String::new(),
        },
        Activity::Rejected {
            method,
            description,
        } => {
            format!("      (the Bot API refused {method}: {description})\n")
        }
        _ => String::new(),
    }
}

fn describe_message(
    sandbox: &Sandbox,
    message: &BotMessage,
    screen: &mut Screen,
    note: &str,
) -> String {
    let mut body = match &message.content {
        Content::Venue {
            title,
            address,
            latitude,
            longitude,
            ..
        } => {
            format!("📍 {title}, {address} ({latitude}, {longitude}): opens in your maps")
        }
        Content::Document { file, .. } => {
            let name = file.file_name.clone().unwrap_or_default();
            let bytes = sandbox.file_bytes(&file.file_id).unwrap_or_default();
            format!(
                "📎 {name}: {}\n{}",
                message.plain_text(),
                String::from_utf8_lossy(&bytes)
            )
        }
        Content::Photo { .. } => format!("🖼 {}", message.plain_text()),
        Content::Location {
            latitude,
            longitude,
            ..
        } => format!("📍 {latitude}, {longitude}"),
        Content::Text => message.plain_text(),
    };
    body = body.trim_end().replace('\n', "\n      ");
    let mut out = format!("bot › {note}{body}\n");
    let buttons = message.inline_buttons();
    if !buttons.is_empty() {
        for (i, button) in buttons.iter().enumerate() {
            let kind = if button.url.is_some() { " ↗" } else { "" };
            out.push_str(&format!("      [{}] {}{kind}\n", i + 1, button.text));
        }
        screen.keyboard_message = Some(message.clone());
        screen.buttons = buttons;
    }
    if let Some(keyboard) = message.reply_keyboard() {
        for button in keyboard {
            let how = if button.request_location {
                " (type !location)"
            } else {
                ""
            };
            out.push_str(&format!("      ⌨ {}{how}\n", button.text));
        }
    }
    out
}

/// A real (tiny) PNG image, sent by `!photo`.
const SAMPLE_PNG: &[u8] = include_bytes!("../assets/demo-photo.png");
