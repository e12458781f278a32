//! Telegram in a box: a local Telegram Bot API server for tests, the offline
//! demo and benchmarks.
//!
//! [`Sandbox::start`] binds `127.0.0.1` on a random port and serves the Bot API
//! over real HTTP, exactly as teloxide speaks it (`POST /bot{token}/{method}`
//! with a JSON or `multipart/form-data` body, `GET /file/bot{token}/{path}`
//! for downloads). The bot under test is pointed at it with
//! `Bot::new(Sandbox::TOKEN).set_api_url(sandbox.api_url())` and runs
//! unchanged: no mocks.
//!
//! The sandbox plays the tourists ([`Sandbox::send_text`], [`Sandbox::press`],
//! ...: each injects an update that the bot's long polling picks up) and
//! records everything the bot does ([`Sandbox::messages`], [`Sandbox::calls`],
//! [`Sandbox::subscribe`]), so a test asserts on what a tourist sees.
//!
//! It enforces Telegram's rules that catch bot bugs: unknown chats, missing
//! messages, text and caption limits, `callback_data` over 64 bytes, HTML that
//! Telegram could not parse, edits that change nothing, callback queries
//! answered twice. Errors carry Telegram's own wording, so teloxide maps them
//! to the same `ApiError` variants as in production.
//!
//! A real network hands a busy bot many updates in one `getUpdates` answer,
//! where concurrency bugs live; a test gets the same with [`Sandbox::hold`].
//!
//! Waiting never sleeps: long polling and the `wait_for_*` helpers are woken by
//! `tokio::sync::watch` channels (one per chat for the helpers that wait on a
//! chat, so that a crowd of waiters does not wake for every message).

mod html;
mod methods;
mod server;
mod state;

use std::{
    fmt,
    net::SocketAddr,
    sync::{Arc, Mutex, MutexGuard, PoisonError},
    time::Duration,
};

use serde_json::{Map, Value, json};
use tokio::sync::{broadcast, oneshot, watch};

use self::state::State;

/// The bot's user id, as returned by `getMe`.
pub const BOT_ID: i64 = 1000;

/// Settings of a sandbox; [`Config::default`] suits most tests.
#[derive(Clone, Debug)]
pub struct Config {
    /// The bot's `@username` (without `@`), as returned by `getMe`.
    pub bot_username: String,
    /// How long the `wait_for_*` helpers wait before failing.
    pub wait_timeout: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            bot_username: "escale_sandbox_bot".to_owned(),
            wait_timeout: Duration::from_secs(10),
        }
    }
}

/// A running local Bot API server. Cheap to clone; the server stops when the
/// last clone is dropped.
#[derive(Clone)]
pub struct Sandbox {
    inner: Arc<Inner>,
}

struct Inner {
    shared: Arc<Shared>,
    addr: SocketAddr,
    api_url: url::Url,
    /// Dropping it (with the last `Sandbox`) stops the server gracefully.
    _shutdown: oneshot::Sender<()>,
}

/// What the HTTP server and the `Sandbox` handle share.
struct Shared {
    config: Config,
    state: Mutex<State>,
    /// Bumped when `getUpdates` may have something new to return (an injected
    /// or redelivered update, or a newer `getUpdates` call that terminates an
    /// older one).
    updates: watch::Sender<u64>,
    /// Bumped on every change a `wait_for_*` helper may be waiting for.
    changes: watch::Sender<u64>,
    activity: broadcast::Sender<Activity>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave the state half-updated in
        // a way that matters to tests, so poisoning is ignored.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn wake_pollers(&self) {
        self.updates.send_modify(|v| *v = v.wrapping_add(1));
    }

    fn notify(&self, activity: Option<Activity>) {
        self.changes.send_modify(|v| *v = v.wrapping_add(1));
        if let Some(activity) = activity {
            // No subscriber is fine.
            let _ = self.activity.send(activity);
        }
    }
}

impl Sandbox {
    /// The token the bot must use; any other gets `401 Unauthorized`.
    pub const TOKEN: &'static str = "123456:sandbox";

    /// Starts a sandbox with the default [`Config`]. Must be called inside a
    /// tokio runtime: the server runs as a task on it.
    pub async fn start() -> std::io::Result<Sandbox> {
        Self::start_with(Config::default()).await
    }

    /// Starts a sandbox with the given settings.
    pub async fn start_with(config: Config) -> std::io::Result<Sandbox> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let api_url = url::Url::parse(&format!("http://{addr}/")).map_err(std::io::Error::other)?;
        let (activity, _) = broadcast::channel(1024);
        let shared = Arc::new(Shared {
            state: Mutex::new(State::new(config.bot_username.clone())),
            config,
            updates: watch::channel(0).0,
            changes: watch::channel(0).0,
            activity,
        });
        let (shutdown_tx, shutdown_rx) = oneshot::channel();
        server::spawn(listener, Arc::clone(&shared), shutdown_rx);
        tracing::debug!(%addr, "sandbox Bot API server listening");
        Ok(Sandbox {
            inner: Arc::new(Inner {
                shared,
                addr,
                api_url,
                _shutdown: shutdown_tx,
            }),
        })
    }

    /// The base URL to give `Bot::set_api_url`.
    pub fn api_url(&self) -> url::Url {
        self.inner.api_url.clone()
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.inner.addr
    }

    fn shared(&self) -> &Shared {
        &self.inner.shared
    }

    /// Runs `f` on the state and wakes pollers and waiters: used by every
    /// injection.
    fn inject(&self, f: impl FnOnce(&mut State) -> Sent) -> Sent {
        let sent = f(&mut self.shared().lock());
        self.shared().wake_pollers();
        self.shared().notify(None);
        sent
    }

    // ----- playing people ---------------------------------------------------

    /// `from` writes `text` in the private chat with the bot. A leading
    /// `/command` gets a `bot_command` entity, as Telegram does.
    pub fn send_text(&self, from: &Person, text: &str) -> Sent {
        self.send_message_with(from, json!({ "text": text }))
    }

    /// `from` shares a location (the paperclip menu or a `request_location`
    /// button).
    pub fn send_location(
        &self,
        from: &Person,
        latitude: f64,
        longitude: f64,
        horizontal_accuracy: Option<f64>,
    ) -> Sent {
        let mut location = json!({ "latitude": latitude, "longitude": longitude });
        if let (Some(accuracy), Some(object)) = (horizontal_accuracy, location.as_object_mut()) {
            object.insert("horizontal_accuracy".to_owned(), json!(accuracy));
        }
        self.send_message_with(from, json!({ "location": location }))
    }

    /// `from` sends a private message made of `fields` (a JSON object merged
    /// into the message: `sticker`, `voice`, `video`, `contact`...). Fields
    /// that are not an object are ignored.
    pub fn send_message_with(&self, from: &Person, fields: Value) -> Sent {
        let fields = match fields {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        self.inject(|state| state.user_message(from, None, fields))
    }

    /// Puts a file "on Telegram's servers", as if some person had uploaded
    /// it: it can be sent with [`Sandbox::send_photo`] or
    /// [`Sandbox::send_document`], and the bot can download it with `getFile`.
    pub fn upload(&self, bytes: Vec<u8>, file_name: &str) -> FileRef {
        self.shared()
            .lock()
            .store_file(bytes, Some(file_name.to_owned()), "documents")
    }

    /// `from` sends a photo (a file from [`Sandbox::upload`]).
    pub fn send_photo(
        &self,
        from: &Person,
        file: &FileRef,
        width: u32,
        height: u32,
        caption: Option<&str>,
    ) -> Sent {
        let mut fields = Map::new();
        fields.insert(
            "photo".to_owned(),
            json!([{
                "file_id": file.file_id,
                "file_unique_id": file.file_unique_id,
                "file_size": file.size,
                "width": width,
                "height": height,
            }]),
        );
        if let Some(caption) = caption {
            fields.insert("caption".to_owned(), json!(caption));
        }
        self.inject(|state| state.user_message(from, None, fields))
    }

    /// `from` sends a file (from [`Sandbox::upload`]) as a document.
    pub fn send_document(&self, from: &Person, file: &FileRef, mime_type: &str) -> Sent {
        let mut document = json!({
            "file_id": file.file_id,
            "file_unique_id": file.file_unique_id,
            "file_size": file.size,
            "mime_type": mime_type,
        });
        if let (Some(name), Some(object)) = (&file.file_name, document.as_object_mut()) {
            object.insert("file_name".to_owned(), json!(name));
        }
        self.send_message_with(from, json!({ "document": document }))
    }

    /// `from` edits one of their own messages: an `edited_message` update.
    pub fn edit_text(&self, from: &Person, message_id: i32, new_text: &str) -> Sent {
        self.inject(|state| state.edit_user_message(from, message_id, new_text))
    }

    /// Makes a group known, so the bot may write to it and people may write
    /// in it. Group ids are negative, as on Telegram.
    pub fn add_group(&self, chat_id: i64, title: &str) {
        self.shared().lock().add_group(chat_id, title);
    }

    /// `from` writes in a group (added with [`Sandbox::add_group`]; an unknown
    /// one is added on the fly).
    pub fn send_group_text(&self, from: &Person, chat_id: i64, text: &str) -> Sent {
        let mut fields = Map::new();
        fields.insert("text".to_owned(), json!(text));
        self.inject(|state| state.user_message(from, Some(chat_id), fields))
    }

    /// `from` presses a button under `message` with `callback_data`. Any
    /// data is accepted, so tests can forge buttons the bot never sent.
    pub fn press(&self, from: &Person, message: &BotMessage, callback_data: &str) -> Sent {
        self.inject(|state| state.callback_query(from, message, callback_data))
    }

    /// `from` types `@bot query` in some chat: an `inline_query` update.
    pub fn inline_query(&self, from: &Person, query: &str) -> Sent {
        self.inject(|state| state.inline_query(from, query))
    }

    /// Simulates a bot that crashed after receiving an update but before
    /// confirming it: the next `getUpdates` returns this update again, with
    /// the same `update_id`, whatever its offset, and keeps returning it
    /// until a later `getUpdates` confirms it with an offset above its id.
    /// An update the bot received but has not confirmed yet comes again after
    /// its confirmation, so a test need not know how far the bot's offset got.
    /// Unknown ids are ignored.
    pub fn redeliver(&self, update_id: i64) {
        self.shared().lock().redeliver(update_id);
        self.shared().wake_pollers();
    }

    /// Holds back `getUpdates` until the returned guard is released (or
    /// dropped): meanwhile it returns nothing, and long polls keep waiting.
    /// Everything injected or redelivered in the meantime then comes out in
    /// one `getUpdates` answer (up to its `limit`, 100 by default), as
    /// Telegram hands a busy bot a crowd's updates. Without it, a bot polling
    /// while a test injects picks updates up one or two at a time, and
    /// concurrency bugs (like sled's deadlock with 7 flushes in flight) never
    /// show. Holds nest: the updates go out when the last one is released.
    ///
    /// ```no_run
    /// # async fn crowd(sandbox: &escale::sandbox::Sandbox, tourists: &[escale::sandbox::Person]) {
    /// let batch = sandbox.hold();
    /// for tourist in tourists {
    ///     sandbox.send_text(tourist, "/start spot_chateau");
    /// }
    /// batch.release(); // the bot's next getUpdates returns them all
    /// # }
    /// ```
    pub fn hold(&self) -> Hold {
        self.shared().lock().holds += 1;
        Hold {
            shared: Arc::clone(&self.inner.shared),
        }
    }

    // ----- observing the bot ------------------------------------------------

    /// The bot's messages in a chat as they stand now (edits applied,
    /// deletions removed), oldest first.
    pub fn messages(&self, chat_id: i64) -> Vec<BotMessage> {
        self.shared().lock().bot_messages(chat_id)
    }

    /// The reply keyboard the person in `chat_id` currently sees: the last
    /// one the bot sent, unless a later message removed it.
    pub fn current_reply_keyboard(&self, chat_id: i64) -> Option<Vec<ReplyButton>> {
        self.shared().lock().current_reply_keyboard(chat_id)
    }

    /// Waits for a bot message in `chat_id`, as the chat stands (new or
    /// edited), that matches `pred`; returns at once if one already does.
    pub async fn wait_for_message(
        &self,
        chat_id: i64,
        pred: impl Fn(&BotMessage) -> bool,
    ) -> Result<BotMessage, WaitError> {
        self.wait_for_message_since(chat_id, 0, pred).await
    }

    /// Waits for a bot message sent or edited after the person's action
    /// `sent`, in the chat of that action, that matches `pred`. Unlike
    /// [`Sandbox::wait_for_message`] it ignores older messages, so waiting for
    /// "the reply to the second /start" does not return the first one.
    pub async fn wait_for_reply(
        &self,
        sent: &Sent,
        pred: impl Fn(&BotMessage) -> bool,
    ) -> Result<BotMessage, WaitError> {
        self.wait_for_message_since(sent.chat_id, sent.revision, pred)
            .await
    }

    async fn wait_for_message_since(
        &self,
        chat_id: i64,
        after_revision: u64,
        pred: impl Fn(&BotMessage) -> bool,
    ) -> Result<BotMessage, WaitError> {
        let timeout = self.shared().config.wait_timeout;
        let found = self
            .wait_until(Some(chat_id), |state| {
                state.find_bot_message(chat_id, |m| m.revision > after_revision && pred(m))
            })
            .await;
        found.ok_or_else(|| {
            let messages = self.messages(chat_id);
            let contents = if messages.is_empty() {
                "  (no bot message)".to_owned()
            } else {
                messages
                    .iter()
                    .map(|m| format!("  {m}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            WaitError::NoMatchingMessage {
                chat_id,
                timeout,
                contents,
            }
        })
    }

    /// Waits until the bot answers the callback query `callback_query_id`
    /// (from [`Sent::callback_query_id`]).
    pub async fn wait_for_callback_answer(
        &self,
        callback_query_id: &str,
    ) -> Result<CallbackAnswer, WaitError> {
        // An open query's answer can only come in the chat it was pressed in.
        let chat_id = self.shared().lock().callback_query_chat(callback_query_id);
        let found = self
            .wait_until(chat_id, |state| state.callback_answer(callback_query_id))
            .await;
        found.ok_or_else(|| WaitError::NoCallbackAnswer {
            callback_query_id: callback_query_id.to_owned(),
            timeout: self.shared().config.wait_timeout,
            answered: self
                .callback_answers()
                .iter()
                .map(|a| a.callback_query_id.clone())
                .collect(),
        })
    }

    /// Waits until the bot leaves the group `chat_id` (`leaveChat`); false if it did not within
    /// the wait timeout.
    pub async fn wait_for_leave(&self, chat_id: i64) -> bool {
        self.wait_until(None, |state| state.has_left(chat_id).then_some(()))
            .await
            .is_some()
    }

    /// Waits until the bot answers the inline query `inline_query_id` (from
    /// [`Sent::inline_query_id`]).
    pub async fn wait_for_inline_answer(
        &self,
        inline_query_id: &str,
    ) -> Result<InlineAnswer, WaitError> {
        let found = self
            .wait_until(None, |state| state.inline_answer(inline_query_id))
            .await;
        found.ok_or_else(|| WaitError::NoInlineAnswer {
            inline_query_id: inline_query_id.to_owned(),
            timeout: self.shared().config.wait_timeout,
        })
    }

    /// Polls `check` each time the state changes (in `chat`, when given: see
    /// `State::chat_watches`), until it returns `Some` or the configured
    /// timeout passes.
    async fn wait_until<T>(
        &self,
        chat: Option<i64>,
        check: impl Fn(&State) -> Option<T>,
    ) -> Option<T> {
        let shared = self.shared();
        let deadline = tokio::time::Instant::now() + shared.config.wait_timeout;
        // Subscribing before checking, under the same lock: a change between
        // the check and the wait still wakes us.
        let mut changes = {
            let mut state = shared.lock();
            if let Some(found) = check(&state) {
                return Some(found);
            }
            match chat {
                Some(chat_id) => state.watch_chat(chat_id),
                None => shared.changes.subscribe(),
            }
        };
        loop {
            match tokio::time::timeout_at(deadline, changes.changed()).await {
                Ok(Ok(())) => {}
                // Timed out (or the sender is gone, which cannot happen while
                // `self` holds it): one last look.
                _ => return check(&shared.lock()),
            }
            if let Some(found) = check(&shared.lock()) {
                return Some(found);
            }
        }
    }

    /// The bytes of a file on the sandbox's "servers": one a person uploaded, or one the bot sent.
    pub fn file_bytes(&self, file_id: &str) -> Option<Vec<u8>> {
        self.shared().lock().file(file_id).map(|f| f.bytes.clone())
    }

    /// Every request the bot made, in order of arrival (including failed ones
    /// and `getUpdates`).
    pub fn calls(&self) -> Vec<Call> {
        self.shared().lock().calls.clone()
    }

    /// Forgets the recorded calls, e.g. between phases of a long benchmark.
    pub fn clear_calls(&self) {
        let mut state = self.shared().lock();
        state.calls_cleared += state.calls.len();
        state.calls.clear();
    }

    /// The calls to one method (case-insensitive), in order.
    pub fn calls_to(&self, method: &str) -> Vec<Call> {
        self.shared()
            .lock()
            .calls
            .iter()
            .filter(|c| c.method.eq_ignore_ascii_case(method))
            .cloned()
            .collect()
    }

    /// Every callback query answer, in order.
    pub fn callback_answers(&self) -> Vec<CallbackAnswer> {
        self.shared().lock().callback_answers.clone()
    }

    /// Every inline query answer, in order.
    pub fn inline_answers(&self) -> Vec<InlineAnswer> {
        self.shared().lock().inline_answers.clone()
    }

    /// Updates injected but not yet confirmed by the bot (through the
    /// `offset` of `getUpdates`).
    pub fn pending_updates(&self) -> usize {
        self.shared().lock().pending_count()
    }

    /// A live feed of what the bot does, for the terminal demo. A receiver
    /// that falls more than 1024 events behind gets `RecvError::Lagged`.
    pub fn subscribe(&self) -> broadcast::Receiver<Activity> {
        self.shared().activity.subscribe()
    }
}

impl fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sandbox")
            .field("addr", &self.inner.addr)
            .finish_non_exhaustive()
    }
}

/// Holds back `getUpdates` while alive; see [`Sandbox::hold`].
#[must_use = "dropping the hold at once releases the updates at once"]
pub struct Hold {
    shared: Arc<Shared>,
}

impl Hold {
    /// Lets the bot's next (or waiting) `getUpdates` take everything pending,
    /// in one answer. The same as dropping the hold; this says it.
    pub fn release(self) {}
}

impl Drop for Hold {
    fn drop(&mut self) {
        {
            let mut state = self.shared.lock();
            state.holds = state.holds.saturating_sub(1);
        }
        self.shared.wake_pollers();
    }
}

impl fmt::Debug for Hold {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Hold").finish_non_exhaustive()
    }
}

/// A person talking to the bot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// The user id, also the id of their private chat with the bot.
    pub id: i64,
    pub first_name: String,
    pub last_name: Option<String>,
    pub username: Option<String>,
    /// IETF language tag of the person's Telegram app, e.g. `"fr"`.
    pub language_code: Option<String>,
}

impl Person {
    pub fn new(id: i64, first_name: &str) -> Self {
        Self {
            id,
            first_name: first_name.to_owned(),
            last_name: None,
            username: None,
            language_code: None,
        }
    }

    /// Sets the language of the person's Telegram app.
    #[must_use]
    pub fn with_language(mut self, language_code: &str) -> Self {
        self.language_code = Some(language_code.to_owned());
        self
    }

    #[must_use]
    pub fn with_username(mut self, username: &str) -> Self {
        self.username = Some(username.to_owned());
        self
    }
}

/// What an injected action produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sent {
    pub update_id: i64,
    /// The chat the action happened in (the person's id for private chats
    /// and inline queries).
    pub chat_id: i64,
    /// The person's new (or edited) message, for message updates.
    pub message_id: Option<i32>,
    pub callback_query_id: Option<String>,
    pub inline_query_id: Option<String>,
    /// The sandbox's change counter at the time of the action; see
    /// [`Sandbox::wait_for_reply`].
    pub revision: u64,
}

/// A file stored "on Telegram's servers".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRef {
    pub file_id: String,
    pub file_unique_id: String,
    pub size: u32,
    pub file_name: Option<String>,
}

/// What kind of message the bot sent.
#[derive(Clone, Debug, PartialEq)]
pub enum Content {
    /// `sendMessage`; the text is in [`BotMessage::text`].
    Text,
    /// `sendPhoto`; the caption is in [`BotMessage::text`].
    Photo { file: FileRef },
    /// `sendDocument`; the caption is in [`BotMessage::text`].
    Document {
        file: FileRef,
        mime_type: Option<String>,
    },
    /// `sendLocation`.
    Location {
        latitude: f64,
        longitude: f64,
        horizontal_accuracy: Option<f64>,
    },
    /// `sendVenue`.
    Venue {
        latitude: f64,
        longitude: f64,
        title: String,
        address: String,
        google_place_id: Option<String>,
    },
}

/// A message the bot sent, as it stands now.
#[derive(Clone, Debug, PartialEq)]
pub struct BotMessage {
    pub chat_id: i64,
    pub message_id: i32,
    /// Unix time of sending.
    pub date: i64,
    /// The text or caption exactly as the bot sent it (markup included).
    pub text: Option<String>,
    pub parse_mode: Option<String>,
    /// The `reply_markup` as the bot sent it: an inline keyboard, a reply
    /// keyboard, `remove_keyboard` or `force_reply`.
    pub reply_markup: Option<Value>,
    pub content: Content,
    /// Whether the bot edited it since sending.
    pub edited: bool,
    /// The sandbox's change counter at the last send or edit; see
    /// [`Sandbox::wait_for_reply`].
    pub revision: u64,
}

impl BotMessage {
    /// The text (or caption) as a person reads it: with `parse_mode` HTML the
    /// tags are stripped and entities decoded. Other parse modes are returned
    /// as sent. Empty when the message has no text.
    pub fn plain_text(&self) -> String {
        let Some(text) = &self.text else {
            return String::new();
        };
        let is_html = self
            .parse_mode
            .as_deref()
            .is_some_and(|m| m.eq_ignore_ascii_case("html"));
        if is_html {
            // Stored messages passed validation, so this does not fail.
            html::to_plain(text).unwrap_or_else(|_| text.clone())
        } else {
            text.clone()
        }
    }

    /// The inline keyboard's buttons, row after row.
    pub fn inline_buttons(&self) -> Vec<Button> {
        let rows = self
            .reply_markup
            .as_ref()
            .and_then(|m| m.get("inline_keyboard"))
            .and_then(Value::as_array);
        let field = |b: &Value, key: &str| b.get(key).and_then(Value::as_str).map(str::to_owned);
        rows.into_iter()
            .flatten()
            .filter_map(Value::as_array)
            .flatten()
            .map(|b| Button {
                text: field(b, "text").unwrap_or_default(),
                callback_data: field(b, "callback_data"),
                url: field(b, "url"),
                copy_text: b
                    .get("copy_text")
                    .and_then(|c| c.get("text"))
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                switch_inline_query: field(b, "switch_inline_query"),
                switch_inline_query_current_chat: field(b, "switch_inline_query_current_chat"),
            })
            .collect()
    }

    /// The first inline button whose label contains `label_contains`.
    pub fn button(&self, label_contains: &str) -> Option<Button> {
        self.inline_buttons()
            .into_iter()
            .find(|b| b.text.contains(label_contains))
    }

    /// The reply keyboard sent with this message, row after row; `None` when
    /// the message carries no reply keyboard.
    pub fn reply_keyboard(&self) -> Option<Vec<ReplyButton>> {
        let rows = self.reply_markup.as_ref()?.get("keyboard")?.as_array()?;
        Some(
            rows.iter()
                .filter_map(Value::as_array)
                .flatten()
                .map(ReplyButton::from_json)
                .collect(),
        )
    }

    /// Whether this message removes the reply keyboard.
    pub fn removes_keyboard(&self) -> bool {
        self.reply_markup
            .as_ref()
            .and_then(|m| m.get("remove_keyboard"))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }
}

impl fmt::Display for BotMessage {
    /// One line for test failures: id, kind, text and buttons.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.message_id)?;
        if self.edited {
            write!(f, " (edited)")?;
        }
        match &self.content {
            Content::Text => {}
            Content::Photo { .. } => write!(f, " [photo]")?,
            Content::Document { file, .. } => write!(
                f,
                " [document {}]",
                file.file_name.as_deref().unwrap_or("?")
            )?,
            Content::Location {
                latitude,
                longitude,
                ..
            } => write!(f, " [location {latitude},{longitude}]")?,
            Content::Venue { title, .. } => write!(f, " [venue {title}]")?,
        }
        if self.text.is_some() {
            write!(f, " {:?}", self.plain_text())?;
        }
        let buttons = self.inline_buttons();
        if !buttons.is_empty() {
            let labels: Vec<String> = buttons
                .iter()
                .map(|b| match &b.callback_data {
                    Some(data) => format!("{} → {data}", b.text),
                    None => b.text.clone(),
                })
                .collect();
            write!(f, " buttons: [{}]", labels.join(" | "))?;
        }
        if let Some(keyboard) = self.reply_keyboard() {
            let labels: Vec<&str> = keyboard.iter().map(|b| b.text.as_str()).collect();
            write!(f, " keyboard: [{}]", labels.join(" | "))?;
        }
        Ok(())
    }
}

/// An inline keyboard button.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Button {
    pub text: String,
    pub callback_data: Option<String>,
    pub url: Option<String>,
    pub copy_text: Option<String>,
    pub switch_inline_query: Option<String>,
    pub switch_inline_query_current_chat: Option<String>,
}

/// A reply keyboard button.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplyButton {
    pub text: String,
    pub request_location: bool,
    pub request_contact: bool,
}

impl ReplyButton {
    fn from_json(button: &Value) -> Self {
        let flag = |key: &str| button.get(key).and_then(Value::as_bool).unwrap_or(false);
        Self {
            // Telegram also accepts a bare string as a button.
            text: button
                .as_str()
                .or_else(|| button.get("text").and_then(Value::as_str))
                .unwrap_or_default()
                .to_owned(),
            request_location: flag("request_location"),
            request_contact: flag("request_contact"),
        }
    }
}

/// The bot's answer to a callback query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallbackAnswer {
    pub callback_query_id: String,
    pub text: Option<String>,
    pub show_alert: bool,
    pub url: Option<String>,
}

/// The bot's answer to an inline query.
#[derive(Clone, Debug, PartialEq)]
pub struct InlineAnswer {
    pub inline_query_id: String,
    /// The `InlineQueryResult` objects as sent.
    pub results: Vec<Value>,
    /// All parameters of the call (cache_time, is_personal, button...).
    pub params: Value,
}

/// A request the bot made.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    /// The method as in the URL, e.g. `sendMessage`.
    pub method: String,
    /// The parameters as a JSON object. From a multipart or form body, scalar
    /// fields stay strings (`"chat_id": "42"`) and JSON-encoded objects and
    /// arrays are decoded.
    pub params: Value,
    /// Files uploaded with the request.
    pub files: Vec<UploadedFile>,
    /// Telegram's description of the error returned, if the call failed.
    pub error: Option<String>,
}

/// A file part of a multipart request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UploadedFile {
    /// The parameter it is for (`document`, `photo`), resolved through
    /// `attach://`; the part's own name when nothing refers to it.
    pub field: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Something the bot did, as streamed by [`Sandbox::subscribe`].
#[derive(Clone, Debug, PartialEq)]
pub enum Activity {
    Sent(BotMessage),
    Edited(BotMessage),
    Deleted {
        chat_id: i64,
        message_id: i32,
    },
    CallbackAnswered(CallbackAnswer),
    InlineAnswered(InlineAnswer),
    /// A call the sandbox answered with an error (wrong token, unknown
    /// method, Telegram rule broken).
    Rejected {
        method: String,
        description: String,
    },
}

/// A `wait_for_*` helper timed out. The message describes what there was
/// instead, for a readable test failure.
#[derive(Debug, thiserror::Error)]
pub enum WaitError {
    #[error(
        "no bot message matching the predicate in chat {chat_id} within {timeout:?}; the chat holds:\n{contents}"
    )]
    NoMatchingMessage {
        chat_id: i64,
        timeout: Duration,
        /// One line per bot message in the chat.
        contents: String,
    },
    #[error(
        "callback query {callback_query_id} not answered within {timeout:?}; answered: {answered:?}"
    )]
    NoCallbackAnswer {
        callback_query_id: String,
        timeout: Duration,
        answered: Vec<String>,
    },
    #[error("inline query {inline_query_id} not answered within {timeout:?}")]
    NoInlineAnswer {
        inline_query_id: String,
        timeout: Duration,
    },
}
