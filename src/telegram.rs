//! The thin Telegram layer: connect, decode updates into the core's [`Incoming`], hand them to
//! [`app::apply`], render the [`Response`]. Everything escale decides is decided in the core.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use futures::FutureExt as _;
use teloxide::adaptors::Throttle;
use teloxide::adaptors::throttle::Limits;
use teloxide::dispatching::{HandlerExt as _, UpdateHandler};
use teloxide::prelude::*;
use teloxide::types::{CallbackQueryId, Me, MessageId};
use teloxide::update_listeners::Polling;
use url::Url;

use crate::Escale;
use crate::admission::{Admission, Verdict};
use crate::app::{self, Delivery, Event, Incoming, Person, Response, To};
use crate::journey;
use crate::metrics::Metrics;
use crate::store::StoreError;
use lanes::Lanes;

pub mod callback;
mod cards;
mod decode;
mod lanes;
mod menu;
mod render;

pub use decode::{Command, StaffCommand};

/// How long one getUpdates call waits for news: long polling, so an idle bot makes a couple of
/// calls a minute rather than one per round trip.
const POLL_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a stop waits for replies still queued (Telegram's flood limit may hold them).
const STOP_PATIENCE: Duration = Duration::from_secs(5);

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
    /// Hold each chat to its fair share of input (see [`crate::admission`]). Off only to let a
    /// benchmark's tourists send as fast as they can.
    pub fair_share: bool,
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

/// The bot's outgoing side: the Bot API (straight, or through teloxide's flood limiter) and the
/// seal of the buttons it draws.
#[derive(Clone)]
pub struct Outbox {
    api: Api,
    seal: Arc<callback::Seal>,
}

#[derive(Clone)]
enum Api {
    Direct(Bot),
    Throttled(Throttle<Bot>),
}

impl Outbox {
    pub fn new(bot: Bot, throttle: bool, seal: callback::Seal) -> Outbox {
        let api = if throttle {
            Api::Throttled(bot.throttle(Limits::default()))
        } else {
            Api::Direct(bot)
        };
        Outbox {
            api,
            seal: Arc::new(seal),
        }
    }
}

/// A running bot; [`RunningBot::stop`] stops it cleanly.
pub struct RunningBot {
    shutdown: teloxide::dispatching::ShutdownToken,
    task: tokio::task::JoinHandle<()>,
    escale: Arc<Escale>,
    lanes: Lanes,
    probe: tokio::task::JoinHandle<()>,
    stopping: tokio::sync::watch::Sender<bool>,
}

impl RunningBot {
    /// Lets in-flight updates finish, confirms the polling offset to Telegram, sends the replies
    /// still queued for a few seconds at most, and makes the store durable.
    pub async fn stop(self) -> anyhow::Result<()> {
        let _ = self.stopping.send(true);
        // Updates that could not be stored must come again: a clean stop would confirm them to
        // Telegram, so with the store down the dispatcher is ended instead.
        let healthy = self.escale.store.is_healthy();
        if healthy {
            // Right after the start the dispatcher may not be listening yet, and refuses to
            // stop: ask again for a few seconds before giving up on a clean stop.
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
        } else {
            tracing::warn!("the store is down: stopping without confirming the updates in flight");
            self.task.abort();
        }
        match self.task.await {
            Err(e) if !e.is_cancelled() => return Err(e).context("the dispatcher task failed"),
            _ => {}
        }
        self.probe.abort();
        self.lanes.drain(STOP_PATIENCE).await;
        if !healthy {
            return Ok(());
        }
        self.escale
            .store
            .durable()
            .await
            .context("making the store durable")?;
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
    Metrics::mark(&escale.metrics.api_ok_at, crate::unix_now());
    menu::register(&bot, &escale).await;

    let seal = callback::Seal::new(&escale.store.button_key()?);
    // A key made just now must outlive a crash: buttons drawn with it are in tourists' chats.
    escale.store.durable().await?;
    let outbox = Outbox::new(bot.clone(), connection.throttle, seal);
    let lanes = Lanes::default();
    let (stopping, stopping_rx) = tokio::sync::watch::channel(false);
    let chats = Chats {
        lanes: lanes.clone(),
        stopping: stopping_rx,
        admission: Arc::new(if connection.fair_share {
            Admission::new()
        } else {
            Admission::unlimited()
        }),
    };
    let mut dispatcher = Dispatcher::builder(bot.clone(), schema())
        .dependencies(dptree::deps![escale.clone(), outbox, chats])
        .default_handler(|_| async {})
        .build();
    let shutdown = dispatcher.shutdown_token();
    let bot_for_probe = bot.clone();
    let listener = Polling::builder(bot)
        .timeout(POLL_TIMEOUT)
        .delete_webhook()
        .await
        .build();
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
    let probe = tokio::spawn(probe(bot_for_probe, escale.clone()));
    Ok(RunningBot {
        shutdown,
        task,
        escale,
        lanes,
        probe,
        stopping,
    })
}

/// Asks the Bot API who the bot is every minute: `/healthz` says whether Telegram answers.
async fn probe(bot: Bot, escale: Arc<Escale>) {
    let mut every = tokio::time::interval(Duration::from_secs(60));
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        match bot.get_me().await {
            Ok(_) => Metrics::mark(&escale.metrics.api_ok_at, crate::unix_now()),
            Err(e) => tracing::warn!(error = %e, "the Bot API does not answer"),
        }
    }
}

/// The whole dispatch tree: every route an update can take.
pub fn schema() -> UpdateHandler<anyhow::Error> {
    let private = |msg: Message| msg.chat.is_private();
    dptree::entry()
        .branch(
            Update::filter_message()
                .filter(private)
                // The office's and partners' staff: /stats, /partner, /export, /redeem.
                .branch(
                    dptree::entry()
                        .filter_command::<StaffCommand>()
                        .endpoint(on_staff_command),
                )
                .endpoint(on_private_message),
        )
        // In a group, escale says it works in private chats, and leaves.
        .branch(Update::filter_message().endpoint(on_group_message))
        // Buttons: the tourists', and Approve / Reject in the moderation chat.
        .branch(Update::filter_callback_query().endpoint(on_button))
        // "Send it to a friend": the tourist's postcards in the chat they picked.
        .branch(Update::filter_inline_query().endpoint(on_inline_query))
        // Edits of old messages change nothing: a task is not undone by rewording a message.
        .branch(Update::filter_edited_message().endpoint(|| async { Ok(()) }))
}

type HandlerResult = anyhow::Result<()>;

/// What the handlers share about chats: each chat's outgoing lane and its fair share of input.
#[derive(Clone)]
struct Chats {
    lanes: Lanes,
    admission: Arc<Admission>,
    /// Set when the bot stops: updates waiting for the store give up.
    stopping: tokio::sync::watch::Receiver<bool>,
}

/// Where an update came from in Telegram: the chat to answer in, and for a button press the
/// query to answer and the message the button is on.
#[derive(Clone)]
struct Origin {
    chat: ChatId,
    query: Option<CallbackQueryId>,
    message: Option<MessageId>,
}

impl Origin {
    fn chat(chat: ChatId) -> Origin {
        Origin {
            chat,
            query: None,
            message: None,
        }
    }
}

fn person(user: &teloxide::types::User) -> Person {
    Person {
        user_id: user.id.0,
        first_name: user.first_name.clone(),
        language_code: user.language_code.clone(),
    }
}

async fn on_staff_command(
    update: Update,
    msg: Message,
    command: StaffCommand,
    escale: Arc<Escale>,
    outbox: Outbox,
    chats: Chats,
) -> HandlerResult {
    let event = Event::Staff(command.into());
    serve_message(&update, &msg, event, escale, outbox, chats).await
}

async fn on_private_message(
    update: Update,
    msg: Message,
    me: Me,
    escale: Arc<Escale>,
    outbox: Outbox,
    chats: Chats,
) -> HandlerResult {
    let event = Event::Tourist(decode::message(&msg, me.username()));
    serve_message(&update, &msg, event, escale, outbox, chats).await
}

async fn on_group_message(
    update: Update,
    msg: Message,
    escale: Arc<Escale>,
    outbox: Outbox,
    chats: Chats,
) -> HandlerResult {
    let event = Event::InGroup {
        chat: msg.chat.id.0,
    };
    serve_message(&update, &msg, event, escale, outbox, chats).await
}

/// A message's update, answered in its chat (a message without a sender, in a channel, is left).
async fn serve_message(
    update: &Update,
    msg: &Message,
    event: Event,
    escale: Arc<Escale>,
    outbox: Outbox,
    chats: Chats,
) -> HandlerResult {
    let Some(from) = msg.from.as_ref() else {
        return Ok(());
    };
    let incoming = Incoming {
        update: Some(update.id.0),
        from: person(from),
        event,
    };
    serve(escale, outbox, chats, Origin::chat(msg.chat.id), incoming).await;
    Ok(())
}

async fn on_button(
    update: Update,
    query: CallbackQuery,
    escale: Arc<Escale>,
    outbox: Outbox,
    chats: Chats,
) -> HandlerResult {
    let from = person(&query.from);
    let origin = Origin {
        chat: query
            .message
            .as_ref()
            .map_or(ChatId(query.from.id.0 as i64), |m| m.chat().id),
        query: Some(query.id.clone()),
        message: query.message.as_ref().map(|m| m.id()),
    };
    let opened = query
        .data
        .as_deref()
        .and_then(|data| outbox.seal.open(origin.chat.0, data));
    // Data escale did not draw for this chat (forged, copied, or from an older version) is an
    // event of its own; it counts toward the chat's share like any other.
    let event = match opened {
        Some(action) => Event::Tourist(journey::Event::Button(action)),
        None => Event::InvalidButton,
    };
    let incoming = Incoming {
        update: Some(update.id.0),
        from,
        event,
    };
    serve(escale, outbox, chats, origin, incoming).await;
    Ok(())
}

async fn on_inline_query(
    update: Update,
    query: InlineQuery,
    escale: Arc<Escale>,
    outbox: Outbox,
) -> HandlerResult {
    let incoming = Incoming {
        update: Some(update.id.0),
        from: person(&query.from),
        event: Event::InlineQuery(query.query.clone()),
    };
    let work = async {
        let response = app::apply(&escale, incoming).await?;
        outbox.answer_inline(&query.id, response).await;
        anyhow::Ok(())
    };
    match AssertUnwindSafe(work).catch_unwind().await {
        Ok(Ok(())) => {}
        Ok(Err(error)) => tracing::error!(error = %format!("{error:#}"), "an inline query failed"),
        Err(_) => tracing::error!("an inline query panicked"),
    }
    Ok(())
}

/// One update, start to end. A chat over its fair share is dropped (told once); otherwise the
/// update is applied (durably), the button answered at once, and the replies queued in the
/// chat's lane: the handler never waits for Telegram's per-chat limit, so no chat holds another.
async fn serve(
    escale: Arc<Escale>,
    outbox: Outbox,
    chats: Chats,
    origin: Origin,
    incoming: Incoming,
) {
    Metrics::add(&escale.metrics.updates);
    if over_share(
        &escale,
        &outbox,
        &chats,
        &origin,
        &incoming.from,
        incoming.update,
    )
    .await
    {
        return;
    }
    let from = incoming.from.clone();
    let mut apologised = false;
    let response = loop {
        match attempt(app::apply(&escale, incoming.clone())).await {
            Ok(response) => break response,
            // The store is being opened again (a full disk): the sender hears of it once, and
            // the update waits instead of being lost. This chat's worker holds, the dispatcher
            // soon stops asking Telegram for more, and nothing unstored is confirmed.
            Err(Failed::Storage(why)) if !*chats.stopping.borrow() => {
                if !apologised {
                    apologise(&escale, &outbox, &origin, &from, &why).await;
                    apologised = true;
                }
                wait_for_store(&escale, chats.stopping.clone()).await;
            }
            Err(Failed::Storage(why) | Failed::Other(why)) => {
                if !apologised {
                    apologise(&escale, &outbox, &origin, &from, &why).await;
                }
                return;
            }
        }
    };
    if let Some(query) = origin.query.as_ref().filter(|_| !apologised) {
        let toast = response.toast.as_ref();
        let alert = toast.is_some_and(|t| t.alert);
        outbox
            .answer_button(query, toast.map(|t| t.text.as_str()), alert)
            .await;
    }
    let origin = Origin {
        query: None,
        ..origin
    };
    // Each delivery leaves from the lane of the chat it goes to: a photo for the office waits
    // behind the office's other messages, never in the author's lane (nor the author's thanks
    // in the office's).
    let office = escale.settings().config.office.moderation_chat.unwrap_or(0);
    let mut lanes: std::collections::BTreeMap<i64, Vec<Delivery>> = Default::default();
    for delivery in response.deliveries {
        let lane = match &delivery {
            Delivery::Reply {
                to: To::Tourist(user),
                ..
            } => *user as i64,
            Delivery::Reply { to: To::Office, .. } => office,
            _ => origin.chat.0,
        };
        lanes.entry(lane).or_default().push(delivery);
    }
    for (lane, deliveries) in lanes {
        let (escale, outbox, origin, from) =
            (escale.clone(), outbox.clone(), origin.clone(), from.clone());
        let response = Response {
            toast: None,
            deliveries,
        };
        chats.lanes.push(lane, async move {
            let work = show(&escale, &outbox, &origin, &from, response);
            contain(&escale, &outbox, &origin, &from, work).await;
        });
    }
}

/// Whether the update's chat is over its fair share: then it is dropped (its button answered),
/// the chat told once, the drop counted. An update delivered again is never over: it is
/// skipped anyway. The office's moderation chat is its staff's, pressing as fast as they like.
async fn over_share(
    escale: &Escale,
    outbox: &Outbox,
    chats: &Chats,
    origin: &Origin,
    from: &Person,
    update: Option<u32>,
) -> bool {
    let redelivered = update.is_some_and(|id| escale.store.applied(id));
    let staff_chat = escale.settings().config.office.moderation_chat == Some(origin.chat.0);
    if redelivered || staff_chat {
        return false;
    }
    let verdict = chats
        .admission
        .check(origin.chat.0, std::time::Instant::now());
    if verdict == Verdict::Admit {
        return false;
    }
    Metrics::add(&escale.metrics.dropped);
    if let Some(query) = &origin.query {
        outbox.answer_button(query, None, false).await;
    }
    if verdict == Verdict::DropAndWarn {
        tracing::warn!(
            chat = origin.chat.0,
            "a chat sends more than its share: dropping"
        );
        let text = journey::Reply::text(app::slow_down(escale, from));
        let (chat, outbox) = (origin.chat, outbox.clone());
        chats.lanes.push(chat.0, async move {
            if let Err(e) = outbox.send(chat, &text, None).await {
                tracing::warn!(error = %e, "cannot ask a chat to slow down");
            }
        });
    }
    true
}

/// Shows a response in its chat; a postcard it orders is drawn and sent, and its result applied
/// and shown in turn.
async fn show(
    escale: &Escale,
    outbox: &Outbox,
    origin: &Origin,
    from: &Person,
    response: Response,
) -> anyhow::Result<()> {
    let mut next = render::show(escale, outbox, origin, response).await;
    while let Some(event) = next {
        let incoming = Incoming {
            update: None,
            from: from.clone(),
            event,
        };
        let response = app::apply(escale, incoming).await?;
        // What follows a drawn card edits nothing: it is a new message in the chat.
        next = render::show(escale, outbox, &Origin::chat(origin.chat), response).await;
    }
    Ok(())
}

/// Why an update's work failed.
enum Failed {
    /// The store is down for now (a full or failing disk): worth waiting for.
    Storage(String),
    /// A bug or a refusal: the details, for the log.
    Other(String),
}

/// Runs one update's work so that neither an error nor a panic escapes: a panic in a teloxide
/// handler would take the dispatcher down on the chat's next update.
async fn attempt<T>(work: impl Future<Output = anyhow::Result<T>>) -> Result<T, Failed> {
    match AssertUnwindSafe(work).catch_unwind().await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => {
            let why = format!("{error:#}");
            match error.downcast_ref::<StoreError>() {
                Some(e) if e.is_temporary() => Err(Failed::Storage(why)),
                _ => Err(Failed::Other(why)),
            }
        }
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(Failed::Other(format!("panic: {what}")))
        }
    }
}

/// Runs one update's work, contained (see [`attempt`]): on failure the sender gets an apology,
/// the log gets the details; in a group, only the log.
async fn contain<T>(
    escale: &Escale,
    outbox: &Outbox,
    origin: &Origin,
    from: &Person,
    work: impl Future<Output = anyhow::Result<T>>,
) -> Option<T> {
    match attempt(work).await {
        Ok(value) => Some(value),
        Err(Failed::Storage(why) | Failed::Other(why)) => {
            apologise(escale, outbox, origin, from, &why).await;
            None
        }
    }
}

async fn apologise(escale: &Escale, outbox: &Outbox, origin: &Origin, from: &Person, why: &str) {
    Metrics::add(&escale.metrics.failed);
    tracing::error!(error = %why, "an update failed");
    if let Some(query) = &origin.query {
        outbox.answer_button(query, None, false).await;
    }
    if origin.chat.is_user() {
        let apology = journey::Reply::text(app::apology(escale, from));
        if let Err(e) = outbox.send(origin.chat, &apology, None).await {
            tracing::warn!(error = %e, "cannot send the apology");
        }
    }
}

/// Until the store is open again (it heals by itself) or the bot stops.
async fn wait_for_store(escale: &Escale, mut stopping: tokio::sync::watch::Receiver<bool>) {
    while !escale.store.is_healthy() && !*stopping.borrow() {
        tokio::select! {
            () = tokio::time::sleep(Duration::from_millis(200)) => {}
            _ = stopping.changed() => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::i18n::I18n;
    use crate::sandbox::Sandbox;
    use crate::store::Store;

    /// A bug that panics in the middle of an update must not escape the handler (it would take the
    /// dispatcher down on the chat's next update): the tourist gets an apology instead.
    #[tokio::test]
    async fn a_panic_in_an_update_becomes_an_apology() {
        let sandbox = Sandbox::start().await.unwrap();
        let escale = Escale::new(
            Config::embedded(),
            I18n::embedded(),
            Store::temporary().unwrap(),
        );
        let bot = Bot::new(Sandbox::TOKEN).set_api_url(sandbox.api_url());
        let outbox = Outbox::new(bot, false, callback::Seal::new(&[0; 32]));
        let alex = crate::sandbox::Person::new(5, "Alex").with_language("it");
        sandbox.send_text(&alex, "ciao"); // Alex opens the chat with the bot.
        let from = Person {
            user_id: 5,
            first_name: "Alex".into(),
            language_code: Some("it".into()),
        };
        let buggy = async {
            let empty: Vec<u8> = Vec::new();
            let _ = empty[1];
            anyhow::Ok(())
        };
        contain(&escale, &outbox, &Origin::chat(ChatId(5)), &from, buggy).await;
        let apology = sandbox
            .wait_for_message(5, |m| m.plain_text().contains("Scusa"))
            .await
            .unwrap();
        assert!(apology.inline_buttons().is_empty());
    }

    /// Regression: on a full disk the tourist got an apology and the update was confirmed to
    /// Telegram, so lost. Now the apology comes once, the update waits for the store to open
    /// again, and once the disk has room it is applied and answered, stored once.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_update_waits_out_a_full_disk_instead_of_being_lost() {
        let Some(disk) = crate::store::Tmpfs::mount("16m") else {
            return;
        };
        // A deadline for the whole story: a hang here fails the test instead of CI.
        tokio::time::timeout(Duration::from_secs(90), waits_out_a_full_disk(&disk))
            .await
            .expect("the full-disk story ends within 90 s");
    }

    async fn waits_out_a_full_disk(disk: &crate::store::Tmpfs) {
        let sandbox = Sandbox::start().await.unwrap();
        let data = disk.point.join("data");
        let escale = Arc::new(Escale::new(
            Config::embedded(),
            I18n::embedded(),
            Store::open(&data).unwrap(),
        ));
        let connection = Connection {
            token: Token::new(Sandbox::TOKEN),
            api_url: Some(sandbox.api_url()),
            throttle: false,
            fair_share: true,
        };
        let bot = start(escale.clone(), connection).await.unwrap();
        let alex = crate::sandbox::Person::new(5, "Alex").with_language("en");
        let filler = disk.point.join("filler");
        let _ = std::fs::write(&filler, vec![0u8; 16 * 1024 * 1024]);
        // Others' records fill what is left, until the store says no.
        for n in 0..10_000u64 {
            let fill = |record: &mut crate::tourist::Tourist| {
                record.visit(&format!("spot-{n}-{}", "x".repeat(200)), 1);
                (
                    crate::store::Write {
                        record: crate::store::RecordChange::Save,
                        counts: Vec::new(),
                    },
                    (),
                )
            };
            if escale.store.update(1_000 + n, None, fill).await.is_err() {
                break;
            }
        }
        let sent = sandbox.send_text(&alex, "/start spot_chateau");
        let apology = sandbox
            .wait_for_reply(&sent, |m| m.plain_text().contains("Sorry"))
            .await;
        assert!(apology.is_ok(), "the tourist hears of it at once");
        std::fs::remove_file(&filler).unwrap();
        let answer = sandbox
            .wait_for_reply(&sent, |m| m.plain_text().contains("Henri IV"))
            .await;
        assert!(answer.is_ok(), "then gets the answer: {answer:?}");
        assert!(
            escale
                .store
                .tourist(5)
                .unwrap()
                .spots
                .contains_key("chateau")
        );
        bot.stop().await.unwrap();
        let today = crate::stats::day_of(crate::unix_now());
        let opened: u64 = escale
            .store
            .counters(today, today)
            .unwrap()
            .iter()
            .map(|(_, n)| n)
            .sum();
        assert_eq!(opened, 1, "applied once");
    }
}
