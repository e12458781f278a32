//! From the core's [`Response`] to Bot API calls.

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

use teloxide::types::{InlineQueryId, InlineQueryResult, InlineQueryResultCachedPhoto};

use super::{Api, Origin, Outbox, callback, cards};
use crate::Escale;
use crate::app::{Delivery, Event, Response, To};
use crate::journey::{Button, Keyboard, Reply};

/// Shows a response's deliveries in order. What is stored stands: a reply Telegram refuses (a
/// blocked bot, a vanished message) is logged and the rest still goes out. A postcard drawn here
/// comes back as the event to apply next.
pub(super) async fn show(
    escale: &Escale,
    outbox: &Outbox,
    origin: &Origin,
    response: Response,
) -> Option<Event> {
    let mut office = Vec::new();
    let mut card = None;
    for delivery in response.deliveries {
        match delivery {
            Delivery::Reply {
                to: To::Office,
                reply,
            } => office.push(reply),
            Delivery::Reply { to, reply } => {
                let (chat, edits) = match to {
                    To::Tourist(user) => (ChatId(user as i64), None),
                    _ => (origin.chat, origin.message),
                };
                if let Err(e) = outbox.send(chat, &reply, edits).await {
                    tracing::warn!(error = %e, "a reply could not be sent");
                }
            }
            Delivery::Cards(_) => tracing::warn!("postcards to share outside an inline query"),
            Delivery::Leave => {
                if let Err(e) = outbox.bot().leave_chat(origin.chat).await {
                    tracing::warn!(error = %e, "cannot leave a group");
                }
            }
            Delivery::Postcard(order) => card = Some(order),
        }
    }
    tell_office(escale, outbox, &office).await;
    let order = card?;
    let sent = {
        // Rendering takes memory and CPU: a few cards at a time.
        let _turn = escale.renders.acquire().await.ok()?;
        cards::draw_and_send(outbox, origin.chat, &order).await
    };
    let result = sent.map_err(|failure| {
        tracing::warn!(error = %failure, "a postcard could not be made");
        failure.message_id()
    });
    Some(Event::CardSent {
        code: order.code,
        result,
    })
}

/// Sends the office its messages (photos to moderate, withdrawals). A moderation chat that is
/// missing or closed to the bot never troubles the tourist: it is logged and the admins are told.
async fn tell_office(escale: &Escale, outbox: &Outbox, replies: &[Reply]) {
    if replies.is_empty() {
        return;
    }
    let settings = escale.settings();
    let office_lang = settings.config.destination.default_language;
    let problem = match settings.config.office.moderation_chat {
        None => "office.moderation_chat is not set in the config".to_owned(),
        Some(chat) => {
            let mut failure = None;
            for reply in replies {
                if let Err(e) = outbox.send(ChatId(chat), reply, None).await {
                    failure = Some(format!("cannot post in the moderation chat {chat}: {e}"));
                    break;
                }
            }
            let Some(failure) = failure else { return };
            failure
        }
    };
    tracing::error!(
        problem,
        "a message for the office did not reach it: add the bot to the moderation chat and let it post"
    );
    let note = Reply::text(settings.i18n.t_args(
        office_lang,
        "office-moderation-unreachable",
        &[("problem", problem.into())],
    ));
    for admin in &settings.config.office.admins {
        if let Err(e) = outbox.send(ChatId(*admin as i64), &note, None).await {
            tracing::warn!(error = %e, "cannot tell an admin (they must start a chat with the bot first)");
        }
    }
}

impl Outbox {
    /// Shows one reply in `chat`, and returns the message as Telegram holds it. Edits apply to
    /// `origin`, the message whose button was pressed; without one they are sent as new messages.
    pub async fn send(
        &self,
        chat: ChatId,
        reply: &Reply,
        origin: Option<MessageId>,
    ) -> Result<Message, RequestError> {
        match &self.api {
            Api::Direct(bot) => send(bot, &self.seal, chat, reply, origin).await,
            Api::Throttled(bot) => send(bot, &self.seal, chat, reply, origin).await,
        }
    }

    /// Answers a button press (always: otherwise the tourist's button spins). Failures are
    /// logged: the press may simply be too old for Telegram.
    pub async fn answer_button(&self, query_id: &CallbackQueryId, text: Option<&str>, alert: bool) {
        let result = match &self.api {
            Api::Direct(bot) => answer(bot, query_id, text, alert).await,
            Api::Throttled(bot) => answer(bot, query_id, text, alert).await,
        };
        if let Err(e) = result {
            tracing::warn!(error = %e, "cannot answer a button press");
        }
    }

    /// Answers an inline query with the postcards of the response.
    pub(super) async fn answer_inline(&self, query: &InlineQueryId, response: Response) {
        let results: Vec<InlineQueryResult> = response
            .deliveries
            .into_iter()
            .filter_map(|delivery| match delivery {
                Delivery::Cards(cards) => Some(cards),
                _ => None,
            })
            .flatten()
            .filter_map(|card| {
                let link: url::Url = card.link.parse().ok()?;
                let open = InlineKeyboardButton::url(card.open_label, link);
                let photo = InlineQueryResultCachedPhoto::new(card.code, FileId(card.file_id))
                    .caption(card.caption)
                    .reply_markup(InlineKeyboardMarkup::new([[open]]));
                Some(InlineQueryResult::CachedPhoto(photo))
            })
            .collect();
        let answer = self
            .bot()
            .answer_inline_query(query.clone(), results)
            .cache_time(0)
            .is_personal(true);
        if let Err(e) = answer.await {
            tracing::warn!(error = %e, "cannot answer an inline query");
        }
    }

    /// The Bot API client underneath (downloads and inline answers are not flood-limited).
    pub fn bot(&self) -> &Bot {
        match &self.api {
            Api::Direct(bot) => bot,
            Api::Throttled(bot) => bot.inner(),
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
    seal: &callback::Seal,
    chat: ChatId,
    reply: &Reply,
    origin: Option<MessageId>,
) -> Result<Message, RequestError>
where
    B: Requester<Err = RequestError>,
{
    // Buttons are sealed to the chat they are drawn in.
    let markup = |keyboard| markup(seal, chat, keyboard);
    let inline_markup = |keyboard| inline_markup(seal, chat, keyboard);
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

fn markup(seal: &callback::Seal, chat: ChatId, keyboard: &Keyboard) -> Option<ReplyMarkup> {
    match keyboard {
        Keyboard::None => None,
        Keyboard::Inline(rows) => Some(ReplyMarkup::InlineKeyboard(InlineKeyboardMarkup::new(
            rows.iter().map(|row| {
                row.iter()
                    .filter_map(|b| button(seal, chat, b))
                    .collect::<Vec<_>>()
            }),
        ))),
        Keyboard::AskLocation { label } => Some(ReplyMarkup::Keyboard(
            KeyboardMarkup::new([[KeyboardButton::new(label).request(ButtonRequest::Location)]])
                .resize_keyboard()
                .one_time_keyboard(),
        )),
    }
}

/// Edits and captions can only carry inline keyboards.
fn inline_markup(
    seal: &callback::Seal,
    chat: ChatId,
    keyboard: &Keyboard,
) -> Option<InlineKeyboardMarkup> {
    match markup(seal, chat, keyboard)? {
        ReplyMarkup::InlineKeyboard(markup) => Some(markup),
        _ => None,
    }
}

fn button(seal: &callback::Seal, chat: ChatId, button: &Button) -> Option<InlineKeyboardButton> {
    Some(match button {
        Button::Action { label, action } => {
            InlineKeyboardButton::callback(label, seal.seal(chat.0, action))
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
