//! From journey [`Reply`]s to Bot API calls.

use teloxide::payloads::{
    AnswerCallbackQuerySetters as _, SendDocumentSetters as _, SendMessageSetters as _,
};
use teloxide::prelude::*;
use teloxide::types::{
    ButtonRequest, CallbackQueryId, CopyTextButton, InlineKeyboardButton, InlineKeyboardMarkup,
    InputFile, KeyboardButton, KeyboardMarkup, ReplyMarkup,
};

use super::{Outbox, callback};
use crate::journey::{Button, Keyboard, Reply};

impl Outbox {
    /// Shows one reply in `chat`.
    pub async fn send(&self, chat: ChatId, reply: &Reply) -> Result<(), teloxide::RequestError> {
        match self {
            Outbox::Direct(bot) => send(bot, chat, reply).await,
            Outbox::Throttled(bot) => send(bot, chat, reply).await,
        }
    }

    /// Answers a button press (always: otherwise the tourist's button spins). Failures are
    /// logged: the press may simply be too old for Telegram.
    pub async fn answer_button(&self, query_id: &CallbackQueryId, text: Option<&str>, alert: bool) {
        let result = match self {
            Outbox::Direct(bot) => answer(bot, query_id, text, alert).await,
            Outbox::Throttled(bot) => answer(bot, query_id, text, alert).await,
        };
        if let Err(e) = result {
            tracing::warn!(error = %e, "cannot answer a button press");
        }
    }
}

async fn send<B>(bot: &B, chat: ChatId, reply: &Reply) -> Result<(), teloxide::RequestError>
where
    B: Requester<Err = teloxide::RequestError>,
{
    match reply {
        Reply::Text { text, keyboard } => {
            let request = bot.send_message(chat, text);
            match markup(keyboard) {
                Some(markup) => request.reply_markup(markup).await?,
                None => request.await?,
            };
        }
        Reply::Venue {
            lat,
            lon,
            title,
            address,
        } => {
            bot.send_venue(chat, *lat, *lon, title, address).await?;
        }
        Reply::Document {
            file_name,
            bytes,
            caption,
        } => {
            let file = InputFile::memory(bytes.clone()).file_name(file_name.clone());
            bot.send_document(chat, file).caption(caption).await?;
        }
    }
    Ok(())
}

async fn answer<B>(
    bot: &B,
    query_id: &CallbackQueryId,
    text: Option<&str>,
    alert: bool,
) -> Result<(), teloxide::RequestError>
where
    B: Requester<Err = teloxide::RequestError>,
{
    let mut request = bot.answer_callback_query(query_id.clone());
    if let Some(text) = text {
        request = request.text(text).show_alert(alert);
    }
    request.await?;
    Ok(())
}

fn markup(keyboard: &Keyboard) -> Option<ReplyMarkup> {
    match keyboard {
        Keyboard::None => None,
        Keyboard::Inline(rows) => Some(ReplyMarkup::InlineKeyboard(InlineKeyboardMarkup::new(
            rows.iter()
                .map(|row| row.iter().filter_map(button).collect::<Vec<_>>()),
        ))),
        Keyboard::AskLocation { label } => Some(ReplyMarkup::Keyboard(
            KeyboardMarkup::new([[KeyboardButton::new(label).request(ButtonRequest::Location)]])
                .resize_keyboard()
                .one_time_keyboard(),
        )),
    }
}

fn button(button: &Button) -> Option<InlineKeyboardButton> {
    Some(match button {
        Button::Action { label, action } => {
            InlineKeyboardButton::callback(label, callback::encode(action))
        }
        Button::Url { label, url } => match url.parse() {
            Ok(url) => InlineKeyboardButton::url(label, url),
            Err(e) => {
                tracing::error!(error = %e, "a URL button has an invalid URL; left out");
                return None;
            }
        },
        Button::Copy { label, text } => {
            InlineKeyboardButton::copy_text_button(label, CopyTextButton { text: text.clone() })
        }
    })
}
