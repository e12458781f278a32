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
use teloxide::types::{BotCommand, BotCommandScope, CallbackQueryId, Me};
use teloxide::update_listeners::Polling;
use teloxide::utils::command::BotCommands as _;
use url::Url;

use crate::Escale;
use crate::i18n::Lang;
use crate::journey::{self, Change, Ctx, Event};

pub mod callback;
mod decode;
mod render;

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
        if let Ok(done) = self.shutdown.shutdown() {
            done.await;
        }
        self.task.await.context("the dispatcher task failed")?;
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
    let mut bot = Bot::new(connection.token.0.clone());
    if let Some(url) = &connection.api_url {
        bot = bot.set_api_url(url.clone());
    }
    let me = bot.get_me().await.context(
        "the Bot API refused the connection: check TELOXIDE_TOKEN (and TELOXIDE_API_URL if set)",
    )?;
    tracing::info!(username = me.username(), "connected to the Bot API");
    register_commands(&bot, &escale).await;

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
        .branch(Update::filter_message().endpoint(on_group_message))
        .branch(Update::filter_callback_query().endpoint(on_button))
        // Edits of old messages change nothing: a task is not undone by rewording a message.
        .branch(Update::filter_edited_message().endpoint(|| async { Ok(()) }))
}

type HandlerResult = anyhow::Result<()>;

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
    let event = decode::message(&msg, me.username());
    let sender = Sender {
        user_id: from.id.0,
        chat_id: msg.chat.id,
        language_code: from.language_code.clone(),
    };
    contain(
        &escale,
        &outbox,
        &sender,
        None,
        handle(&escale, &outbox, &sender, update.id.0, event, None),
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
    // In a group escale only answers commands addressed to it, to invite a private chat.
    if !matches!(
        decode::message(&msg, me.username()),
        Event::Start(_) | Event::Command(_)
    ) {
        return Ok(());
    }
    let lang = Lang::negotiate(
        msg.from.as_ref().and_then(|u| u.language_code.as_deref()),
        escale.config.destination.default_language,
    );
    let reply = journey::Reply::text(escale.i18n.t(lang, "group-private"));
    if let Err(e) = outbox.send(msg.chat.id, &reply).await {
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
    let sender = Sender {
        user_id: query.from.id.0,
        chat_id: query
            .message
            .as_ref()
            .map_or(ChatId(query.from.id.0 as i64), |m| m.chat().id),
        language_code: query.from.language_code.clone(),
    };
    let Some(action) = query.data.as_deref().and_then(callback::decode) else {
        let lang = Lang::negotiate(
            sender.language_code.as_deref(),
            escale.config.destination.default_language,
        );
        outbox
            .answer_button(
                &query.id,
                Some(&escale.i18n.t(lang, "button-invalid")),
                true,
            )
            .await;
        return Ok(());
    };
    let work = handle(
        &escale,
        &outbox,
        &sender,
        update.id.0,
        Event::Button(action),
        Some(&query.id),
    );
    contain(&escale, &outbox, &sender, Some(&query.id), work).await;
    Ok(())
}

/// Who sent an update, and where to answer.
struct Sender {
    user_id: u64,
    chat_id: ChatId,
    language_code: Option<String>,
}

/// Runs one update's work so that neither an error nor a panic escapes: a panic in a teloxide
/// handler would take the dispatcher down on the chat's next update. The tourist gets an apology,
/// the log gets the details.
async fn contain(
    escale: &Escale,
    outbox: &Outbox,
    sender: &Sender,
    query_id: Option<&CallbackQueryId>,
    work: impl Future<Output = anyhow::Result<()>>,
) {
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
    let lang = Lang::negotiate(
        sender.language_code.as_deref(),
        escale.config.destination.default_language,
    );
    let apology = escale.i18n.t(lang, "error-apology");
    if let Some(id) = query_id {
        outbox.answer_button(id, None, false).await;
    }
    if let Err(e) = outbox
        .send(sender.chat_id, &journey::Reply::text(apology))
        .await
    {
        tracing::warn!(error = %e, "cannot send the apology");
    }
}

/// One update, start to end: load the tourist, skip a redelivered update, run the journey, store
/// durably, then answer.
async fn handle(
    escale: &Escale,
    outbox: &Outbox,
    sender: &Sender,
    update_id: u32,
    event: Event,
    query_id: Option<&CallbackQueryId>,
) -> anyhow::Result<()> {
    let store = &escale.store;
    let mut tourist = store.tourist(sender.user_id)?;
    if update_id <= tourist.last_update_id {
        tracing::debug!(update_id, "update already applied; skipped");
        if let Some(id) = query_id {
            outbox.answer_button(id, None, false).await;
        }
        return Ok(());
    }
    let default = escale.config.destination.default_language;
    let ctx = Ctx {
        config: &escale.config,
        i18n: &escale.i18n,
        lang: tourist
            .language
            .unwrap_or_else(|| Lang::negotiate(sender.language_code.as_deref(), default)),
        now: unix_now(),
    };
    let outcome = journey::handle(&ctx, &mut tourist, event);
    match outcome.change {
        Change::None => {}
        Change::Save => {
            tourist.last_update_id = update_id;
            store.save_tourist(sender.user_id, &tourist)?;
            store.flush().await?;
        }
        Change::Forget => {
            store.forget_tourist(sender.user_id)?;
            store.flush().await?;
        }
    }
    if let Some(id) = query_id {
        outbox
            .answer_button(id, outcome.toast.as_deref(), false)
            .await;
    }
    for reply in &outcome.replies {
        outbox
            .send(sender.chat_id, reply)
            .await
            .context("sending a reply")?;
    }
    Ok(())
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The command menu, in each language; failures are logged, the bot works without it.
async fn register_commands(bot: &Bot, escale: &Escale) {
    for lang in Lang::ALL {
        let commands: Vec<BotCommand> = Command::bot_commands()
            .into_iter()
            .map(|c| {
                let name = c.command.trim_start_matches('/').to_owned();
                let description = escale.i18n.t(lang, &format!("cmd-{name}"));
                BotCommand::new(name, description)
            })
            .collect();
        let mut request = bot
            .set_my_commands(commands.clone())
            .scope(BotCommandScope::Default);
        if lang != escale.config.destination.default_language {
            request = request.language_code(lang.code());
        }
        if let Err(e) = request.await {
            tracing::warn!(error = %e, %lang, "cannot register the command menu");
        }
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
        let escale = Escale {
            config: Config::embedded(),
            i18n: I18n::embedded(),
            store: Store::open(data.path()).unwrap(),
        };
        let outbox = Outbox::Direct(Bot::new(Sandbox::TOKEN).set_api_url(sandbox.api_url()));
        let alex = Person::new(5, "Alex").with_language("it");
        sandbox.send_text(&alex, "ciao"); // Alex opens the chat with the bot.
        let sender = Sender {
            user_id: 5,
            chat_id: ChatId(5),
            language_code: Some("it".into()),
        };
        let buggy = async {
            let empty: Vec<u8> = Vec::new();
            let _ = empty[1];
            Ok(())
        };
        contain(&escale, &outbox, &sender, None, buggy).await;
        let apology = sandbox
            .wait_for_message(5, |m| m.plain_text().contains("Scusa"))
            .await
            .unwrap();
        assert!(apology.inline_buttons().is_empty());
    }
}
