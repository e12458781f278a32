//! From journey [`Reply`]s to Bot API calls.

use teloxide::RequestError;
use teloxide::payloads::{
    AnswerCallbackQuerySetters as _, EditMessageCaptionSetters as _, EditMessageTextSetters as _,
    SendDocumentSetters as _, SendMessageSetters as _, SendPhotoSetters as _,
};
use teloxide::prelude::*;
use teloxide::types::{
    ButtonRequest, CallbackQueryId, CopyTextButton, FileId, InlineKeyboardButton,
    InlineKeyboardMarkup, InputFile, KeyboardButton, KeyboardMarkup, MessageId, ReplyMarkup,
};

use super::{Outbox, callback};
use crate::journey::{Button, Keyboard, Reply};

impl Outbox {
    /// Shows one reply in `chat`, and returns the message as Telegram holds it. Edits apply to
    /// `origin`, the message whose button was pressed; without one they are sent as new messages.
    pub async fn send(
        &self,
        chat: ChatId,
        reply: &Reply,
        origin: Option<MessageId>,
    ) -> Result<Message, RequestError> {
        match self {
            Outbox::Direct(bot) => send(bot, chat, reply, origin).await,
            Outbox::Throttled(bot) => send(bot, chat, reply, origin).await,
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

    /// The Bot API client underneath (downloads and inline answers are not flood-limited).
    pub fn bot(&self) -> &Bot {
        match self {
            Outbox::Direct(bot) => bot,
            Outbox::Throttled(bot) => bot.inner(),
        }
    }
}

/// Telegram's limits, in UTF-16 code units: a message's text, a photo's or a file's caption.
const TEXT_LIMIT: usize = 4096;
const CAPTION_LIMIT: usize = 1024;

/// `text` cut to Telegram's `limit`, with an ellipsis: an overlong reply (a very long passport, an
/// office's long intro) still goes out rather than failing whole.
fn fit(text: &str, limit: usize) -> std::borrow::Cow<'_, str> {
    if text.encode_utf16().count() <= limit {
        return text.into();
    }
    let mut used = 1; // the ellipsis
    let cut: String = text
        .chars()
        .take_while(|c| {
            used += c.len_utf16();
            used <= limit
        })
        .collect();
    format!("{cut}…").into()
}

/// Sends `$request`, with `$markup` when there is one.
macro_rules! with_markup {
    ($request:expr, $markup:expr) => {
        match $markup {
            Some(markup) => $request.reply_markup(markup).await,
            None => $request.await,
        }
    };
}

async fn send<B>(
    bot: &B,
    chat: ChatId,
    reply: &Reply,
    origin: Option<MessageId>,
) -> Result<Message, RequestError>
where
    B: Requester<Err = RequestError>,
{
    match reply {
        Reply::Text { text, keyboard } => {
            with_markup!(
                bot.send_message(chat, fit(text, TEXT_LIMIT)),
                markup(keyboard)
            )
        }
        Reply::EditText { text, keyboard } => match origin {
            Some(message) => with_markup!(
                bot.edit_message_text(chat, message, fit(text, TEXT_LIMIT)),
                inline_markup(keyboard)
            ),
            None => with_markup!(
                bot.send_message(chat, fit(text, TEXT_LIMIT)),
                markup(keyboard)
            ),
        },
        Reply::EditCaption { caption, keyboard } => match origin {
            Some(message) => with_markup!(
                bot.edit_message_caption(chat, message)
                    .caption(fit(caption, CAPTION_LIMIT)),
                inline_markup(keyboard)
            ),
            None => with_markup!(
                bot.send_message(chat, fit(caption, TEXT_LIMIT)),
                markup(keyboard)
            ),
        },
        Reply::Venue {
            lat,
            lon,
            title,
            address,
        } => bot.send_venue(chat, *lat, *lon, title, address).await,
        Reply::File {
            file_name,
            bytes,
            caption,
        } => {
            let file = InputFile::memory(bytes.clone()).file_name(file_name.clone());
            bot.send_document(chat, file)
                .caption(fit(caption, CAPTION_LIMIT))
                .await
        }
        Reply::Picture {
            file_name,
            bytes,
            caption,
            keyboard,
        } => {
            let file = InputFile::memory(bytes.clone()).file_name(file_name.clone());
            with_markup!(
                bot.send_photo(chat, file)
                    .caption(fit(caption, CAPTION_LIMIT)),
                inline_markup(keyboard)
            )
        }
        Reply::Photo {
            file_id,
            original,
            caption,
            keyboard,
        } => {
            let file = InputFile::file_id(FileId(file_id.clone()));
            // The file id of a document cannot be sent as a photo: originals go as documents.
            if *original {
                with_markup!(
                    bot.send_document(chat, file)
                        .caption(fit(caption, CAPTION_LIMIT)),
                    inline_markup(keyboard)
                )
            } else {
                with_markup!(
                    bot.send_photo(chat, file)
                        .caption(fit(caption, CAPTION_LIMIT)),
                    inline_markup(keyboard)
                )
            }
        }
    }
}

async fn answer<B>(
    bot: &B,
    query_id: &CallbackQueryId,
    text: Option<&str>,
    alert: bool,
) -> Result<(), RequestError>
where
    B: Requester<Err = RequestError>,
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

/// Edits and captions can only carry inline keyboards.
fn inline_markup(keyboard: &Keyboard) -> Option<InlineKeyboardMarkup> {
    match markup(keyboard)? {
        ReplyMarkup::InlineKeyboard(markup) => Some(markup),
        _ => None,
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
        Button::Share { label, query } => InlineKeyboardButton::switch_inline_query(label, query),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_to_telegram_limits() {
        assert_eq!(fit("short", 10), "short");
        let long = "é".repeat(5000);
        let cut = fit(&long, TEXT_LIMIT);
        assert_eq!(cut.encode_utf16().count(), TEXT_LIMIT);
        assert!(cut.ends_with('…'));
        // An emoji takes two UTF-16 units and is never split.
        let emoji = "🏰".repeat(600);
        let cut = fit(&emoji, CAPTION_LIMIT);
        assert!(cut.encode_utf16().count() <= CAPTION_LIMIT);
        assert!(cut.trim_end_matches('…').chars().all(|c| c == '🏰'));
    }
}
