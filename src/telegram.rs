//! The thin Telegram layer: connect, decode updates into journey events, store the outcome,
//! render the replies. Everything a tourist can do is decided in [`crate::journey`].

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use anyhow::Context as _;
use futures::FutureExt as _;
use teloxide::adaptors::Throttle;
use teloxide::adaptors::throttle::Limits;
use teloxide::dispatching::UpdateHandler;
use teloxide::prelude::*;
use teloxide::types::{
    CallbackQueryId, FileId, InlineKeyboardButton, InlineKeyboardMarkup, InlineQueryResult,
    InlineQueryResultCachedPhoto, Me, MessageId,
};
use teloxide::update_listeners::Polling;
use teloxide::utils::command::BotCommands as _;
use url::Url;

use crate::Escale;
use crate::i18n::Lang;
use crate::journey::{self, Action, Change, Ctx, Event, Reply};
use crate::store::Store;
use crate::tasks::postcard;
use crate::tourist::Tourist;

pub mod callback;
mod cards;
mod decode;
mod menu;
mod moderation;
mod render;
mod staff;

pub use decode::Command;

/// A bot token. Its `Debug` hides it: tokens never reach logs.
#[derive(Clone)]
pub struct Token(String);

impl Token {
    pub fn new(token: impl Into<String>) -> Token {
        Token(token.into())
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("Token(…)")
    }
}

/// How to reach the Bot API.
#[derive(Debug, Clone)]
pub struct Connection {
    pub token: Token,
    /// Another Bot API server than api.telegram.org (teloxide's `TELOXIDE_API_URL`).
    pub api_url: Option<Url>,
    /// Respect Telegram's flood limits (1 message/s per chat, 30/s overall). Turn it off only
    /// against a local Bot API server (demo, tests, benchmarks), where it only adds latency.
    pub throttle: bool,
}

impl Connection {
    /// A Bot API client for this connection (the flood limiter, when wanted, wraps it).
    pub fn bot(&self) -> Bot {
        let bot = Bot::new(self.token.0.clone());
        match &self.api_url {
            Some(url) => bot.set_api_url(url.clone()),
            None => bot,
        }
    }
}

/// The bot's outgoing side: straight to the API, or through teloxide's flood limiter.
#[derive(Clone)]
pub enum Outbox {
    Direct(Bot),
    Throttled(Throttle<Bot>),
}

/// A running bot; [`RunningBot::stop`] stops it cleanly.
pub struct RunningBot {
    shutdown: teloxide::dispatching::ShutdownToken,
    task: tokio::task::JoinHandle<()>,
    escale: Arc<Escale>,
}

impl RunningBot {
    /// Lets in-flight updates finish, confirms the polling offset to Telegram, flushes the store.
    pub async fn stop(self) -> anyhow::Result<()> {
        // Right after the start the dispatcher may not be listening yet, and refuses to stop:
        // ask again for a few seconds before giving up on a clean stop.
        let mut attempts = 0;
        loop {
            match self.shutdown.shutdown() {
                Ok(done) => break done.await,
                Err(_) if attempts < 100 => {
                    attempts += 1;
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
                Err(e) => {
                    tracing::warn!(error = %e, "the dispatcher did not stop: ending it");
                    self.task.abort();
                    break;
                }
            }
        }
        match self.task.await {
            Err(e) if !e.is_cancelled() => return Err(e).context("the dispatcher task failed"),
            _ => {}
        }
        self.escale
            .store
            .flush()
            .await
            .context("flushing the store")?;
        Ok(())
    }
}

/// Connects to the Bot API, registers the command menu and starts long polling in the background.
pub async fn start(escale: Arc<Escale>, connection: Connection) -> anyhow::Result<RunningBot> {
    let bot = connection.bot();
    let me = bot.get_me().await.context(
        "the Bot API refused the connection: check TELOXIDE_TOKEN (and TELOXIDE_API_URL if set)",
    )?;
    tracing::info!(username = me.username(), "connected to the Bot API");
    menu::register(&bot, &escale).await;

    let outbox = if connection.throttle {
        Outbox::Throttled(bot.clone().throttle(Limits::default()))
    } else {
        Outbox::Direct(bot.clone())
    };
    let mut dispatcher = Dispatcher::builder(bot.clone(), schema())
        .dependencies(dptree::deps![escale.clone(), outbox])
        .default_handler(|_| async {})
        .build();
    let shutdown = dispatcher.shutdown_token();
    let listener = Polling::builder(bot).build();
    let task = tokio::spawn(async move {
        let errors =
            teloxide::error_handlers::LoggingErrorHandler::with_custom_text("polling error");
        if let Err(e) = dispatcher
            .try_dispatch_with_listener(listener, errors)
            .await
        {
            tracing::error!(error = %e, "the dispatcher stopped");
        }
    });
    Ok(RunningBot {
        shutdown,
        task,
        escale,
    })
}

/// The whole dispatch tree: private messages, callback buttons, the rest politely set aside.
pub fn schema() -> UpdateHandler<anyhow::Error> {
    dptree::entry()
        .branch(
            Update::filter_message()
                .filter(|m: Message| m.chat.is_private())
                .endpoint(on_private_message),
        )
        .branch(Update::filter_message().endpoint(
            |msg: Message, me: Me, escale: Arc<Escale>, outbox: Outbox| {
                guarded(on_group_message(msg, me, escale, outbox))
            },
        ))
        .branch(Update::filter_callback_query().endpoint(on_button))
        .branch(Update::filter_inline_query().endpoint(
            |query: InlineQuery, escale: Arc<Escale>, outbox: Outbox| {
                guarded(on_inline_query(query, escale, outbox))
            },
        ))
        // Edits of old messages change nothing: a task is not undone by rewording a message.
        .branch(Update::filter_edited_message().endpoint(|| async { Ok(()) }))
}

type HandlerResult = anyhow::Result<()>;

/// For updates with no one to apologise to (a group, an inline query): an error or a panic is
/// logged and goes no further, so the dispatcher never sees it.
async fn guarded(work: impl Future<Output = HandlerResult>) -> HandlerResult {
    match AssertUnwindSafe(work).catch_unwind().await {
        Ok(Ok(())) => {}
        Ok(Err(error)) => tracing::error!(error = %format!("{error:#}"), "an update failed"),
        Err(_) => tracing::error!("an update panicked"),
    }
    Ok(())
}

async fn on_private_message(
    update: Update,
    msg: Message,
    me: Me,
    escale: Arc<Escale>,
    outbox: Outbox,
) -> HandlerResult {
    let Some(from) = msg.from.as_ref() else {
        return Ok(());
    };
    let sender = Sender {
        user_id: from.id.0,
        first_name: from.first_name.clone(),
        chat_id: msg.chat.id,
        language_code: from.language_code.clone(),
        query: None,
    };
    let staff_command = msg
        .text()
        .and_then(|text| staff::StaffCommand::parse(text, me.username()).ok());
    if let Some(command) = staff_command {
        let work = async {
            if !staff::handle(&escale, &outbox, &sender, command).await? {
                // Not staff: the command does not exist for them.
                let event = Event::Command(journey::Command::Unknown);
                handle(&escale, &outbox, &sender, update.id.0, event).await?;
            }
            Ok(())
        };
        contain(&escale, &outbox, &sender, work).await;
        return Ok(());
    }
    let event = decode::message(&msg, me.username());
    contain(
        &escale,
        &outbox,
        &sender,
        handle(&escale, &outbox, &sender, update.id.0, event),
    )
    .await;
    Ok(())
}

async fn on_group_message(
    msg: Message,
    me: Me,
    escale: Arc<Escale>,
    outbox: Outbox,
) -> HandlerResult {
    let settings = escale.settings();
    // In a group escale only answers commands addressed to it, to invite a private chat.
    if !matches!(
        decode::message(&msg, me.username()),
        Event::Start(_) | Event::Command(_)
    ) {
        return Ok(());
    }
    let lang = Lang::negotiate(
        msg.from.as_ref().and_then(|u| u.language_code.as_deref()),
        settings.config.destination.default_language,
    );
    let reply = Reply::text(settings.i18n.t(lang, "group-private"));
    if let Err(e) = outbox.send(msg.chat.id, &reply, None).await {
        tracing::warn!(error = %e, "cannot answer in a group");
    }
    Ok(())
}

async fn on_button(
    update: Update,
    query: CallbackQuery,
    escale: Arc<Escale>,
    outbox: Outbox,
) -> HandlerResult {
    let settings = escale.settings();
    let sender = Sender {
        user_id: query.from.id.0,
        first_name: query.from.first_name.clone(),
        chat_id: query
            .message
            .as_ref()
            .map_or(ChatId(query.from.id.0 as i64), |m| m.chat().id),
        language_code: query.from.language_code.clone(),
        query: Some((query.id.clone(), query.message.as_ref().map(|m| m.id()))),
    };
    let action = query.data.as_deref().and_then(callback::decode);
    match action {
        None => {
            let text = settings.i18n.t(sender.lang(&escale), "button-invalid");
            outbox.answer_button(&query.id, Some(&text), true).await;
        }
        Some(Action::Moderate { photo, approve }) => {
            contain(
                &escale,
                &outbox,
                &sender,
                moderation::moderate(&escale, &outbox, &sender, photo, approve),
            )
            .await;
        }
        Some(action) => {
            let work = handle(
                &escale,
                &outbox,
                &sender,
                update.id.0,
                Event::Button(action),
            );
            contain(&escale, &outbox, &sender, work).await;
        }
    }
    Ok(())
}

/// "Send it to a friend": in the chat the tourist picked, Telegram asks for the bot's inline
/// answers; they are the tourist's postcards, the one asked for first.
async fn on_inline_query(query: InlineQuery, escale: Arc<Escale>, outbox: Outbox) -> HandlerResult {
    let settings = escale.settings();
    let config = &settings.config;
    let tourist = escale.store.tourist(query.from.id.0).unwrap_or_default();
    let lang = tourist.language.unwrap_or_else(|| {
        Lang::negotiate(
            query.from.language_code.as_deref(),
            config.destination.default_language,
        )
    });
    let destination = config
        .destination
        .name
        .get(lang, config.destination.default_language);
    let wanted = query.query.trim().to_ascii_uppercase();
    let mut cards: Vec<_> = tourist
        .cards
        .iter()
        .filter(|c| c.file_id.is_some())
        .collect();
    cards.sort_by_key(|c| (c.code != wanted, std::cmp::Reverse(c.made_at)));
    let results: Vec<InlineQueryResult> = cards
        .into_iter()
        .take(20)
        .filter_map(|card| {
            let link: url::Url = postcard::card_link(config, &card.code).parse().ok()?;
            let label = settings.i18n.t_args(
                lang,
                "postcard-inline-open",
                &[("destination", destination.into())],
            );
            let open = InlineKeyboardButton::url(label, link);
            let caption = settings.i18n.t_args(
                lang,
                "postcard-inline-caption",
                &[("destination", destination.into())],
            );
            let photo =
                InlineQueryResultCachedPhoto::new(card.code.clone(), FileId(card.file_id.clone()?))
                    .caption(caption)
                    .reply_markup(InlineKeyboardMarkup::new([[open]]));
            Some(InlineQueryResult::CachedPhoto(photo))
        })
        .collect();
    let answer = outbox
        .bot()
        .answer_inline_query(query.id, results)
        .cache_time(0)
        .is_personal(true);
    if let Err(e) = answer.await {
        tracing::warn!(error = %e, "cannot answer an inline query");
    }
    Ok(())
}

/// Who sent an update, and where to answer.
pub(crate) struct Sender {
    user_id: u64,
    first_name: String,
    chat_id: ChatId,
    language_code: Option<String>,
    /// For a button press: the query to answer and the message the button is on.
    query: Option<(CallbackQueryId, Option<MessageId>)>,
}

impl Sender {
    /// The language of the Telegram app (for answers that come before the tourist's record).
    /// The sender's language: the one they chose with /lang, else their Telegram app's.
    pub(crate) fn lang(&self, escale: &Escale) -> Lang {
        let chosen = escale
            .store
            .tourist(self.user_id)
            .ok()
            .and_then(|t| t.language);
        chosen.unwrap_or_else(|| self.app_lang(&escale.settings().config))
    }

    /// The language of the sender's Telegram app, as escale speaks it.
    fn app_lang(&self, config: &crate::config::Config) -> Lang {
        Lang::negotiate(
            self.language_code.as_deref(),
            config.destination.default_language,
        )
    }

    fn origin(&self) -> Option<MessageId> {
        self.query.as_ref().and_then(|(_, message)| *message)
    }

    async fn answer_button(&self, outbox: &Outbox, text: Option<&str>, alert: bool) {
        if let Some((id, _)) = &self.query {
            outbox.answer_button(id, text, alert).await;
        }
    }
}

/// Runs one update's work so that neither an error nor a panic escapes: a panic in a teloxide
/// handler would take the dispatcher down on the chat's next update. The tourist gets an apology,
/// the log gets the details.
async fn contain(
    escale: &Escale,
    outbox: &Outbox,
    sender: &Sender,
    work: impl Future<Output = anyhow::Result<()>>,
) {
    let settings = escale.settings();
    let failure = match AssertUnwindSafe(work).catch_unwind().await {
        Ok(Ok(())) => return,
        Ok(Err(error)) => format!("{error:#}"),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            format!("panic: {what}")
        }
    };
    tracing::error!(error = %failure, "an update failed");
    sender.answer_button(outbox, None, false).await;
    let apology = Reply::text(settings.i18n.t(sender.lang(escale), "error-apology"));
    if let Err(e) = outbox.send(sender.chat_id, &apology, None).await {
        tracing::warn!(error = %e, "cannot send the apology");
    }
}

/// One update, start to end: load the tourist, skip a redelivered update, run the journey, store
/// durably, then answer. The tourist's record is locked only while it changes, not while Telegram
/// is talking.
async fn handle(
    escale: &Escale,
    outbox: &Outbox,
    sender: &Sender,
    update_id: u32,
    event: Event,
) -> anyhow::Result<()> {
    let settings = escale.settings();
    let store = &escale.store;
    let now = crate::unix_now();
    let outcome = {
        // The office may decide on one of this tourist's photos meanwhile: one writer at a time.
        let _record = escale.locks.lock(sender.user_id).await;
        let mut tourist = store.tourist(sender.user_id)?;
        if tourist.has_applied(update_id) {
            tracing::debug!(update_id, "update already applied; skipped");
            sender.answer_button(outbox, None, false).await;
            return Ok(());
        }
        let ctx = context(&settings, store, sender, &tourist, now);
        let outcome = journey::handle(&ctx, &mut tourist, event);
        persist(
            store,
            sender.user_id,
            &mut tourist,
            update_id,
            &outcome,
            now,
        )
        .await?;
        outcome
    };
    sender
        .answer_button(outbox, outcome.toast.as_deref(), false)
        .await;
    // What is stored stands: a reply Telegram refuses (a blocked bot, a vanished message) is
    // logged, and the rest still goes out, the office's messages too.
    send_all(outbox, sender.chat_id, &outcome.replies, sender.origin()).await;
    moderation::tell_office(escale, outbox, &outcome.office).await;
    if let Some(order) = outcome.card {
        let sent = {
            // Rendering takes memory and CPU: a few cards at a time.
            let _turn = escale.renders.acquire().await?;
            cards::draw_and_send(outbox, sender.chat_id, &order).await
        };
        let after = {
            let _record = escale.locks.lock(sender.user_id).await;
            let mut tourist = store.tourist(sender.user_id)?;
            let ctx = context(&settings, store, sender, &tourist, now);
            let after = match sent {
                Ok(file_id) => journey::card_delivered(&ctx, &mut tourist, &order.code, file_id),
                Err(failure) => {
                    tracing::warn!(error = %failure, "a postcard could not be made");
                    journey::card_failed(&ctx, &mut tourist, &order.code, failure.message_id())
                }
            };
            persist(store, sender.user_id, &mut tourist, update_id, &after, now).await?;
            after
        };
        send_all(outbox, sender.chat_id, &after.replies, None).await;
    }
    Ok(())
}

/// The journey's view of the world for this tourist's update.
fn context<'a>(
    settings: &'a crate::Settings,
    store: &'a Store,
    sender: &'a Sender,
    tourist: &Tourist,
    now: u64,
) -> Ctx<'a> {
    Ctx {
        config: &settings.config,
        i18n: &settings.i18n,
        lang: tourist
            .language
            .unwrap_or_else(|| sender.app_lang(&settings.config)),
        now,
        first_name: &sender.first_name,
        registry: store,
    }
}

async fn send_all(outbox: &Outbox, chat: ChatId, replies: &[Reply], origin: Option<MessageId>) {
    for reply in replies {
        if let Err(e) = outbox.send(chat, reply, origin).await {
            tracing::warn!(error = %e, "a reply could not be sent");
        }
    }
}

/// Stores what an outcome changed, durably, before anything is confirmed to the tourist.
async fn persist(
    store: &Store,
    user_id: u64,
    tourist: &mut Tourist,
    update_id: u32,
    outcome: &journey::Outcome,
    now: u64,
) -> anyhow::Result<()> {
    match outcome.change {
        Change::None => return Ok(()),
        Change::Save => {
            tourist.record_update(update_id);
            store.save_tourist(user_id, tourist)?;
            store.add_counts(now, tourist.partner.as_deref(), &outcome.counts)?;
        }
        Change::Forget => store.forget_tourist(user_id, now)?,
    }
    store.flush().await?;
    Ok(())
}

/// One lock per group of tourist records, so that the office's decisions and the tourist's own
/// updates never overwrite each other (teloxide already orders each chat's own updates).
pub struct RecordLocks([tokio::sync::Mutex<()>; 64]);

impl RecordLocks {
    pub fn new() -> RecordLocks {
        RecordLocks(std::array::from_fn(|_| tokio::sync::Mutex::new(())))
    }

    async fn lock(&self, user_id: u64) -> tokio::sync::MutexGuard<'_, ()> {
        self.0[(user_id % 64) as usize].lock().await
    }
}

impl Default for RecordLocks {
    fn default() -> Self {
        RecordLocks::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::i18n::I18n;
    use crate::sandbox::{Person, Sandbox};
    use crate::store::Store;

    /// A bug that panics in the middle of an update must not escape the handler (it would take the
    /// dispatcher down on the chat's next update): the tourist gets an apology instead.
    #[tokio::test]
    async fn a_panic_in_an_update_becomes_an_apology() {
        let sandbox = Sandbox::start().await.unwrap();
        let data = tempfile::tempdir().unwrap();
        let escale = Escale::new(
            Config::embedded(),
            I18n::embedded(),
            Store::open(data.path()).unwrap(),
        );
        let outbox = Outbox::Direct(Bot::new(Sandbox::TOKEN).set_api_url(sandbox.api_url()));
        let alex = Person::new(5, "Alex").with_language("it");
        sandbox.send_text(&alex, "ciao"); // Alex opens the chat with the bot.
        let sender = Sender {
            user_id: 5,
            first_name: "Alex".into(),
            chat_id: ChatId(5),
            language_code: Some("it".into()),
            query: None,
        };
        let buggy = async {
            let empty: Vec<u8> = Vec::new();
            let _ = empty[1];
            Ok(())
        };
        contain(&escale, &outbox, &sender, buggy).await;
        let apology = sandbox
            .wait_for_message(5, |m| m.plain_text().contains("Scusa"))
            .await
            .unwrap();
        assert!(apology.inline_buttons().is_empty());
    }
}
