//! The application core: every update goes through [`apply`], whatever it is — a tourist's
//! message or button, a staff command, a moderation decision, an inline query, or a postcard
//! drawn by the Telegram layer coming back. No Telegram here.
//!
//! ```text
//! telegram/ ── decode ──► Incoming ──► app::apply ──► journey / tasks / office (plain Rust)
//!                                         │  Store::update: one transaction, durable (group commit)
//! telegram/ ◄── render ◄── Response: a toast, deliveries to the sender, the office, a tourist
//! ```
//!
//! A response is returned only once what the update changed is on disk: a task the bot confirmed
//! survives a crash.

use crate::config::Config;
use crate::i18n::Lang;
use crate::journey::{self, Action, Change, Ctx, Outcome, Registry, Reply};
use crate::office;
use crate::store::{RecordChange, Store, Write};
use crate::tasks::{photo, postcard};
use crate::tourist::Tourist;
use crate::{Escale, Settings};

/// One update, as the core sees it.
#[derive(Debug)]
pub struct Incoming {
    /// Telegram's number for the update: one applied already is skipped. None for what escale
    /// itself feeds back (a drawn postcard), which is applied idempotently instead.
    pub update: Option<u32>,
    pub from: Person,
    pub event: Event,
}

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

#[derive(Debug)]
pub enum Event {
    /// Anything a tourist does in their private chat with the bot (Approve/Reject buttons
    /// included: they are routed to the office).
    Tourist(journey::Event),
    Staff(office::Command),
    /// "Send it to a friend": the tourist picked a chat; Telegram asks which cards to offer.
    InlineQuery(String),
    /// The postcard an earlier update ordered was drawn and sent (with its image's id, if
    /// Telegram gave one), or could not be (why, as a message id).
    CardSent {
        code: String,
        result: Result<Option<String>, &'static str>,
    },
    /// A command in a group: escale invites to a private chat.
    InGroup,
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

    fn from_outcome(outcome: Outcome) -> Response {
        let mut response = Response::to_sender(outcome.replies);
        response.toast = outcome.toast.map(|text| Toast { text, alert: false });
        response
            .deliveries
            .extend(outcome.office.into_iter().map(|reply| Delivery::Reply {
                to: To::Office,
                reply,
            }));
        response
            .deliveries
            .extend(outcome.card.map(Delivery::Postcard));
        response
    }
}

/// Applies one update and says what to show. What it changed is durable when this returns.
pub async fn apply(escale: &Escale, incoming: Incoming) -> anyhow::Result<Response> {
    let settings = escale.settings();
    let store = &escale.store;
    let Incoming {
        update,
        from,
        event,
    } = incoming;
    match event {
        Event::Tourist(journey::Event::Button(Action::Moderate { photo, approve })) => {
            office::moderate(store, &settings, &from, update, photo, approve).await
        }
        Event::Tourist(event) => {
            on_tourist(store, &settings, &from, update, |ctx, tourist| {
                journey::handle(ctx, tourist, event)
            })
            .await
        }
        Event::Staff(command) if command.allowed(&settings.config, from.user_id) => {
            office::run(store, &settings, &from, update, command).await
        }
        // To anyone else, staff commands do not exist.
        Event::Staff(_) => {
            let unknown = journey::Event::Command(journey::Command::Unknown);
            on_tourist(store, &settings, &from, update, |ctx, tourist| {
                journey::handle(ctx, tourist, unknown)
            })
            .await
        }
        Event::InlineQuery(query) => {
            let tourist = store.tourist(from.user_id).unwrap_or_default();
            let ctx = context(store, &settings, &from, &tourist, crate::unix_now());
            let cards = postcard::shareable(&ctx, &tourist, &query);
            Ok(Response {
                toast: None,
                deliveries: vec![Delivery::Cards(cards)],
            })
        }
        Event::CardSent { code, result } => {
            on_tourist(store, &settings, &from, None, |ctx, tourist| match result {
                Ok(file_id) => journey::card_delivered(ctx, tourist, &code, file_id),
                Err(reason) => journey::card_failed(ctx, tourist, &code, reason),
            })
            .await
        }
        Event::InGroup => {
            let lang = from.app_lang(&settings.config);
            let text = settings.i18n.t(lang, "group-private");
            Ok(Response::to_sender(vec![Reply::text(text)]))
        }
    }
}

/// What a tourist's own update does, through the one write path: the journey decides on the
/// locked record; the record, its counts (under the tourist's partner) or its erasure are written
/// together.
async fn on_tourist(
    store: &Store,
    settings: &Settings,
    from: &Person,
    update: Option<u32>,
    step: impl FnOnce(&Ctx, &mut Tourist) -> Outcome,
) -> anyhow::Result<Response> {
    let now = crate::unix_now();
    let outcome = store
        .update(from.user_id, update, |tourist| {
            let ctx = context(store, settings, from, tourist, now);
            let outcome = step(&ctx, tourist);
            let write = match outcome.change {
                Change::None => Write::nothing(),
                Change::Save => Write {
                    record: RecordChange::Save,
                    counts: outcome
                        .counts
                        .iter()
                        .map(|c| c.key(now, tourist.partner.as_deref()))
                        .collect(),
                },
                Change::Forget => Write {
                    record: RecordChange::Erase {
                        notes: photo::erasure_notes(tourist, now),
                    },
                    counts: Vec::new(),
                },
            };
            (write, outcome)
        })
        .await?;
    // An update applied before (delivered again) shows nothing new.
    Ok(outcome.map_or_else(Response::default, Response::from_outcome))
}

/// The journey's view of the world for this tourist's update.
fn context<'a>(
    store: &'a Store,
    settings: &'a Settings,
    from: &'a Person,
    tourist: &Tourist,
    now: u64,
) -> Ctx<'a> {
    Ctx {
        config: &settings.config,
        i18n: &settings.i18n,
        lang: tourist
            .language
            .unwrap_or_else(|| from.app_lang(&settings.config)),
        now,
        first_name: &from.first_name,
        registry: store,
    }
}

/// The apology for an update that failed, in the sender's language.
pub fn apology(escale: &Escale, from: &Person) -> String {
    let settings = escale.settings();
    settings
        .i18n
        .t(from.lang(&escale.store, &settings.config), "error-apology")
}

/// The store is where numbers and codes are made unique, and where shared cards are found.
impl Registry for Store {
    fn next_id(&self) -> u64 {
        Store::next_id(self).unwrap_or_else(|e| {
            // Never reused either: nanoseconds since 1970 are far above sled's counter.
            tracing::error!(error = %e, "the id counter failed; using the clock");
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(u64::MAX, |d| d.as_nanos() as u64)
        })
    }

    fn reward_code(&self) -> Option<String> {
        self.fresh_reward_code()
    }

    fn card_code(&self) -> Option<String> {
        self.fresh_card_code()
    }

    fn shared_card(&self, code: &str) -> Option<postcard::Shared> {
        let owner = self.card_owner(code).ok()??;
        let tourist = self.tourist(owner).ok()?;
        let card = tourist.cards.into_iter().find(|c| c.code == code)?;
        Some(postcard::Shared {
            from: card.from,
            spot: card.spot,
        })
    }
}
