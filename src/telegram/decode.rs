//! From a Telegram message to a journey [`Event`].

use teloxide::types::Message;
use teloxide::utils::command::BotCommands;

use crate::journey::{self, Event};
use crate::office;
use crate::tasks::Media;

/// The staff's commands (who may use them is the office's business: [`office::Command::allowed`]).
#[derive(BotCommands, Clone, Debug, PartialEq)]
#[command(rename_rule = "lowercase")]
pub enum StaffCommand {
    Stats,
    Partner,
    Export,
    Redeem(String),
}

impl From<StaffCommand> for office::Command {
    fn from(command: StaffCommand) -> office::Command {
        match command {
            StaffCommand::Stats => office::Command::Stats,
            StaffCommand::Partner => office::Command::Partner,
            StaffCommand::Export => office::Command::Export,
            StaffCommand::Redeem(code) => office::Command::Redeem(code),
        }
    }
}

/// The commands of the menu. Their descriptions are Fluent messages `cmd-<name>`.
#[derive(BotCommands, Clone, Debug, PartialEq)]
#[command(rename_rule = "lowercase")]
pub enum Command {
    Start(String),
    Spots,
    Progress,
    Lang,
    Help,
    Privacy,
    Mydata,
    Myphotos,
    Forget,
}

/// What a message means for the journey. Anything escale does not read becomes
/// [`Event::Unsupported`], never an error.
pub fn message(msg: &Message, bot_username: &str) -> Event {
    if let Some(text) = msg.text() {
        if !text.starts_with('/') {
            return Event::Text(text.to_owned());
        }
        return match Command::parse(text, bot_username) {
            Ok(Command::Start(payload)) => {
                let payload = payload.trim();
                Event::Start((!payload.is_empty()).then(|| payload.to_owned()))
            }
            Ok(Command::Spots) => Event::Command(journey::Command::Spots),
            Ok(Command::Progress) => Event::Command(journey::Command::Progress),
            Ok(Command::Lang) => Event::Command(journey::Command::Lang),
            Ok(Command::Help) => Event::Command(journey::Command::Help),
            Ok(Command::Privacy) => Event::Command(journey::Command::Privacy),
            Ok(Command::Mydata) => Event::Command(journey::Command::MyData),
            Ok(Command::Myphotos) => Event::Command(journey::Command::MyPhotos),
            Ok(Command::Forget) => Event::Command(journey::Command::Forget),
            Err(_) => Event::Command(journey::Command::Unknown),
        };
    }
    if let Some(location) = msg.location() {
        return Event::Location {
            lat: location.latitude,
            lon: location.longitude,
            accuracy_m: location.horizontal_accuracy,
        };
    }
    if let Some(media) = media(msg) {
        return Event::Media(media);
    }
    Event::Unsupported
}

/// Photos, image files and videos: what the photo task may receive.
fn media(msg: &Message) -> Option<Media> {
    if let Some(sizes) = msg.photo() {
        // Telegram sends several sizes of the same photo: keep the largest.
        let largest = sizes
            .iter()
            .max_by_key(|p| u64::from(p.width) * u64::from(p.height))?;
        return Some(Media::Photo {
            file_id: largest.file.id.to_string(),
            size: largest.file.size,
        });
    }
    if msg.video().is_some() || msg.video_note().is_some() || msg.animation().is_some() {
        return Some(Media::Video);
    }
    let document = msg.document()?;
    let mime = document
        .mime_type
        .as_ref()
        .map(|m| m.essence_str().to_ascii_lowercase())
        .unwrap_or_default();
    let name = document
        .file_name
        .as_deref()
        .unwrap_or_default()
        .to_ascii_lowercase();
    Some(match mime.as_str() {
        "image/jpeg" | "image/png" => Media::Image {
            file_id: document.file.id.to_string(),
            size: document.file.size,
        },
        "image/heic" | "image/heif" => Media::Heic,
        _ if name.ends_with(".heic") || name.ends_with(".heif") => Media::Heic,
        _ if mime.starts_with("video/") => Media::Video,
        _ => Media::OtherFile,
    })
}
