//! From a Telegram message to a journey [`Event`].

use teloxide::types::Message;
use teloxide::utils::command::BotCommands;

use crate::journey::{self, Event};

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
    if msg.photo().is_some() {
        return Event::Photo;
    }
    Event::Unsupported
}
