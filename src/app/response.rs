//! What the core says back to an update (a [`Response`]: a toast, [`Delivery`]s and whom they are
//! for) and who sent it (a [`Person`]). Vocabulary only: the office's module and the Telegram
//! layer speak it without depending on the core that produces it.

use crate::config::Config;
use crate::i18n::Lang;
use crate::journey::Reply;
use crate::store::Store;
use crate::tasks::postcard;

/// Who sent an update.
#[derive(Debug, Clone)]
pub struct Person {
    pub user_id: u64,
    /// Offered as a photo credit and signed on postcards; never stored unless chosen.
    pub first_name: String,
    /// The language of their Telegram app (`de-AT`…), when Telegram says.
    pub language_code: Option<String>,
}

impl Person {
    /// The language of their Telegram app, as escale speaks it.
    pub fn app_lang(&self, config: &Config) -> Lang {
        Lang::negotiate(
            self.language_code.as_deref(),
            config.destination.default_language,
        )
    }

    /// The language they chose with /lang, else their app's.
    pub fn lang(&self, store: &Store, config: &Config) -> Lang {
        let chosen = store.tourist(self.user_id).ok().and_then(|t| t.language);
        chosen.unwrap_or_else(|| self.app_lang(config))
    }
}

/// What to show for an update.
#[derive(Debug, Default)]
pub struct Response {
    /// For a button press: a short note on top of the chat (else the press is just answered).
    pub toast: Option<Toast>,
    pub deliveries: Vec<Delivery>,
}

#[derive(Debug, Clone)]
pub struct Toast {
    pub text: String,
    /// A dialog to dismiss rather than a note that fades.
    pub alert: bool,
}

#[derive(Debug)]
pub enum Delivery {
    /// A message. For [`To::Sender`], edits apply to the message whose button was pressed.
    Reply { to: To, reply: Reply },
    /// The answer to an inline query: the postcards the tourist may send.
    Cards(Vec<postcard::Shareable>),
    /// A postcard to draw and send to the sender; the result comes back as [`Event::CardSent`].
    Postcard(postcard::Order),
    /// Leave the chat the update came from (a group escale was added to).
    Leave,
}

/// Whom a reply is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum To {
    /// The chat the update came from.
    Sender,
    /// Another tourist's private chat (a photographer thanked).
    Tourist(u64),
    /// The office's moderation chat (its admins when it cannot be reached).
    Office,
}

impl Response {
    pub fn to_sender(replies: Vec<Reply>) -> Response {
        Response {
            toast: None,
            deliveries: replies
                .into_iter()
                .map(|reply| Delivery::Reply {
                    to: To::Sender,
                    reply,
                })
                .collect(),
        }
    }

    pub fn toast(toast: Toast) -> Response {
        Response {
            toast: Some(toast),
            deliveries: Vec::new(),
        }
    }
}
