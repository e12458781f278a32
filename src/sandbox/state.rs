//! The sandbox's world: chats, messages, files and the update queue, plus the
//! JSON shapes Telegram uses for them (checked against teloxide's types in the
//! tests).

use std::{
    collections::{HashMap, HashSet, VecDeque},
    time::{SystemTime, UNIX_EPOCH},
};

use serde_json::{Map, Value, json};
use tokio::sync::watch;

use super::{
    BOT_ID, BotMessage, Call, CallbackAnswer, Content, FileRef, InlineAnswer, Person, ReplyButton,
    Sent, server::ApiError,
};

/// Group ids at or below this are supergroups, as on Telegram (`-100…`).
const SUPERGROUP_IDS_BELOW: i64 = -1_000_000_000_000;

/// The size the sandbox reports for photos the bot sends: it does not decode
/// images.
const BOT_PHOTO_SIZE: (u32, u32) = (1280, 960);

/// A file "on Telegram's servers".
pub(super) struct StoredFile {
    pub(super) file: FileRef,
    /// The `file_path` of `getFile`, relative to `/file/bot{token}/`.
    pub(super) path: String,
    pub(super) bytes: Vec<u8>,
}

/// An injected update.
#[derive(Clone)]
struct Update {
    id: i64,
    /// The update's field name (`message`, `callback_query`...), matched
    /// against `allowed_updates`.
    kind: &'static str,
    json: Value,
}

struct Redelivery {
    update: Update,
    delivered: bool,
}

/// A message in a chat, from either side.
enum Entry {
    /// A person's message, kept as the JSON delivered to the bot.
    Person {
        message_id: i32,
        json: Value,
    },
    Bot(BotMessage),
}

struct Chat {
    json: Value,
    /// Message ids are per chat and shared by both sides, so a bot reply
    /// always has a greater id than the message it answers.
    last_message_id: i32,
    entries: Vec<Entry>,
    /// The reply keyboard currently shown to the person.
    reply_keyboard: Option<Vec<ReplyButton>>,
}

impl Chat {
    fn new(json: Value) -> Self {
        Self {
            json,
            last_message_id: 0,
            entries: Vec::new(),
            reply_keyboard: None,
        }
    }

    fn next_message_id(&mut self) -> i32 {
        self.last_message_id += 1;
        self.last_message_id
    }
}

/// What the bot asks to send, once validated.
pub(super) struct Draft {
    pub(super) text: Option<String>,
    pub(super) parse_mode: Option<String>,
    pub(super) reply_markup: Option<Value>,
    pub(super) content: Content,
}

pub(super) struct State {
    bot_username: String,
    last_update_id: i64,
    /// Injected updates the bot has not confirmed yet, oldest first.
    pending: VecDeque<Update>,
    /// Every injected update, at index `update_id - 1`, for `redeliver`.
    history: Vec<Update>,
    /// Confirmed updates to return again, whatever the offset, until a poll
    /// after their delivery confirms them. (Not dropped on delivery: the
    /// poll that took one may be an abandoned request of a "crashed" bot.)
    redeliveries: Vec<Redelivery>,
    /// The last `allowed_updates` the bot gave; like Telegram, it sticks
    /// until changed. `None` or empty means the default set (which includes
    /// every kind the sandbox injects).
    allowed_updates: Option<Vec<String>>,
    /// Bumped by every `getUpdates`; an older one still waiting then ends
    /// with Telegram's 409 Conflict.
    pub(super) poll_generation: u64,
    /// Change counter, see `BotMessage::revision`.
    revision: u64,
    chats: HashMap<i64, Chat>,
    /// Groups the bot left (`leaveChat`): it can no longer post there.
    left: std::collections::HashSet<i64>,
    files: HashMap<String, StoredFile>,
    file_ids_by_path: HashMap<String, String>,
    last_file: u64,
    last_query: u64,
    /// Unanswered callback queries → the chat of the pressed message, whose waiters the answer
    /// wakes.
    open_callback_queries: HashMap<String, i64>,
    open_inline_queries: HashSet<String>,
    pub(super) callback_answers: Vec<CallbackAnswer>,
    /// Query id → its answer's index in `callback_answers`: a crowd's waits look answers up
    /// without scanning them all.
    callback_answer_index: HashMap<String, usize>,
    /// Per chat, bumped when something a waiter on that chat may want happens there (the bot
    /// sends, edits or deletes a message, answers a button pressed there). With a crowd, each
    /// waiter then wakes for its own chat only, instead of for every tourist's reply.
    chat_watches: HashMap<i64, watch::Sender<u64>>,
    /// How many [`super::Hold`]s are alive; while any is, `getUpdates` hands out nothing.
    pub(super) holds: usize,
    pub(super) inline_answers: Vec<InlineAnswer>,
    pub(super) calls: Vec<Call>,
    /// How many calls `clear_calls` dropped: a call's number is this plus its
    /// index in `calls`.
    pub(super) calls_cleared: usize,
    /// The commands of the last `setMyCommands`, for `getMyCommands`.
    pub(super) my_commands: Value,
}

impl State {
    pub(super) fn new(bot_username: String) -> Self {
        Self {
            bot_username,
            last_update_id: 0,
            pending: VecDeque::new(),
            history: Vec::new(),
            redeliveries: Vec::new(),
            allowed_updates: None,
            poll_generation: 0,
            revision: 0,
            chats: HashMap::new(),
            left: Default::default(),
            files: HashMap::new(),
            file_ids_by_path: HashMap::new(),
            last_file: 0,
            last_query: 0,
            open_callback_queries: HashMap::new(),
            open_inline_queries: HashSet::new(),
            callback_answers: Vec::new(),
            callback_answer_index: HashMap::new(),
            chat_watches: HashMap::new(),
            holds: 0,
            inline_answers: Vec::new(),
            calls: Vec::new(),
            calls_cleared: 0,
            my_commands: json!([]),
        }
    }

    fn next_revision(&mut self) -> u64 {
        self.revision += 1;
        self.revision
    }

    // ----- JSON shapes --------------------------------------------------------

    /// The bot as a `User` (`getMe` adds the `Me` fields).
    pub(super) fn bot_user_json(&self) -> Value {
        json!({
            "id": BOT_ID,
            "is_bot": true,
            "first_name": "Escale",
            "username": self.bot_username,
        })
    }

    /// The bot's message as Telegram returns it (a teloxide `Message`).
    pub(super) fn message_json(&self, message: &BotMessage) -> Value {
        let chat = self.chats.get(&message.chat_id).map_or_else(
            || json!({ "id": message.chat_id, "type": "private" }),
            |c| c.json.clone(),
        );
        let mut m = Map::new();
        m.insert("message_id".into(), json!(message.message_id));
        m.insert("from".into(), self.bot_user_json());
        m.insert("chat".into(), chat);
        m.insert("date".into(), json!(message.date));
        if message.edited {
            m.insert("edit_date".into(), json!(now().max(message.date)));
        }
        // Telegram returns the text as the person sees it; the formatting
        // would come back as entities, which the sandbox does not compute.
        let text = message.text.as_ref().map(|_| message.plain_text());
        let location = |latitude: f64, longitude: f64, accuracy: Option<f64>| {
            let mut l = json!({ "latitude": latitude, "longitude": longitude });
            if let (Some(accuracy), Some(l)) = (accuracy, l.as_object_mut()) {
                l.insert("horizontal_accuracy".into(), json!(accuracy));
            }
            l
        };
        match &message.content {
            Content::Text => {
                m.insert("text".into(), json!(text.unwrap_or_default()));
            }
            Content::Photo { file } => {
                let (width, height) = BOT_PHOTO_SIZE;
                let mut size = file_json(file);
                if let Some(size) = size.as_object_mut() {
                    size.remove("file_name");
                    size.insert("width".into(), json!(width));
                    size.insert("height".into(), json!(height));
                }
                m.insert("photo".into(), json!([size]));
                insert_some(&mut m, "caption", text);
            }
            Content::Document { file, mime_type } => {
                let mut document = file_json(file);
                if let (Some(mime), Some(d)) = (mime_type, document.as_object_mut()) {
                    d.insert("mime_type".into(), json!(mime));
                }
                m.insert("document".into(), document);
                insert_some(&mut m, "caption", text);
            }
            Content::Location {
                latitude,
                longitude,
                horizontal_accuracy,
            } => {
                m.insert(
                    "location".into(),
                    location(*latitude, *longitude, *horizontal_accuracy),
                );
            }
            Content::Venue {
                latitude,
                longitude,
                title,
                address,
                google_place_id,
            } => {
                let mut venue = Map::new();
                venue.insert("location".into(), location(*latitude, *longitude, None));
                venue.insert("title".into(), json!(title));
                venue.insert("address".into(), json!(address));
                insert_some(&mut venue, "google_place_id", google_place_id.clone());
                m.insert("venue".into(), Value::Object(venue));
                // Telegram repeats the location for old clients.
                m.insert("location".into(), location(*latitude, *longitude, None));
            }
        }
        // Only inline keyboards belong to a message; a reply keyboard is
        // part of the chat, and teloxide's `Message` could not parse one.
        if let Some(markup) = message
            .reply_markup
            .as_ref()
            .filter(|m| m.get("inline_keyboard").is_some())
        {
            m.insert("reply_markup".into(), markup.clone());
        }
        Value::Object(m)
    }

    // ----- people's side ----------------------------------------------------

    fn push_update(&mut self, kind: &'static str, payload: Value) -> i64 {
        self.last_update_id += 1;
        let id = self.last_update_id;
        let mut json = Map::new();
        json.insert("update_id".into(), json!(id));
        json.insert(kind.into(), payload);
        let update = Update {
            id,
            kind,
            json: Value::Object(json),
        };
        self.history.push(update.clone());
        self.pending.push_back(update);
        id
    }

    fn private_chat(&mut self, person: &Person) -> &mut Chat {
        let json = private_chat_json(person);
        let chat = self
            .chats
            .entry(person.id)
            .or_insert_with(|| Chat::new(Value::Null));
        // Kept current in case the test renamed the person.
        chat.json = json;
        chat
    }

    pub(super) fn add_group(&mut self, chat_id: i64, title: &str) {
        let kind = if chat_id <= SUPERGROUP_IDS_BELOW {
            "supergroup"
        } else {
            "group"
        };
        let json = json!({ "id": chat_id, "type": kind, "title": title });
        self.chats
            .entry(chat_id)
            .and_modify(|c| c.json = json.clone())
            .or_insert_with(|| Chat::new(json));
    }

    /// A person's message in their private chat (`group: None`) or a group.
    pub(super) fn user_message(
        &mut self,
        from: &Person,
        group: Option<i64>,
        fields: Map<String, Value>,
    ) -> Sent {
        let chat = match group {
            None => self.private_chat(from),
            Some(chat_id) => {
                if !self.chats.contains_key(&chat_id) {
                    self.add_group(chat_id, &format!("Group {chat_id}"));
                }
                self.chats
                    .entry(chat_id)
                    .or_insert_with(|| Chat::new(Value::Null))
            }
        };
        let chat_id = group.unwrap_or(from.id);
        let message_id = chat.next_message_id();
        let mut message = Map::new();
        message.insert("message_id".into(), json!(message_id));
        message.insert("from".into(), user_json(from));
        message.insert("chat".into(), chat.json.clone());
        message.insert("date".into(), json!(now()));
        message.extend(fields);
        add_command_entity(&mut message);
        let message = Value::Object(message);
        chat.entries.push(Entry::Person {
            message_id,
            json: message.clone(),
        });
        // A reply keyboard hides once used if it was `one_time_keyboard`;
        // the sandbox keeps it: it cannot tell a button press from typing.
        let update_id = self.push_update("message", message);
        Sent {
            update_id,
            chat_id,
            message_id: Some(message_id),
            callback_query_id: None,
            inline_query_id: None,
            revision: self.next_revision(),
        }
    }

    pub(super) fn edit_user_message(&mut self, from: &Person, message_id: i32, text: &str) -> Sent {
        let chat = self.private_chat(from);
        let chat_json = chat.json.clone();
        let existing = chat.entries.iter_mut().find_map(|e| match e {
            Entry::Person {
                message_id: id,
                json,
            } if *id == message_id => Some(json),
            _ => None,
        });
        let mut message = match existing.as_deref() {
            Some(Value::Object(m)) => m.clone(),
            _ => {
                let mut m = Map::new();
                m.insert("message_id".into(), json!(message_id));
                m.insert("from".into(), user_json(from));
                m.insert("chat".into(), chat_json);
                m.insert("date".into(), json!(now()));
                m
            }
        };
        message.insert("text".into(), json!(text));
        message.remove("entities");
        message.insert("edit_date".into(), json!(now()));
        add_command_entity(&mut message);
        let message = Value::Object(message);
        if let Some(stored) = existing {
            *stored = message.clone();
        }
        let update_id = self.push_update("edited_message", message);
        Sent {
            update_id,
            chat_id: from.id,
            message_id: Some(message_id),
            callback_query_id: None,
            inline_query_id: None,
            revision: self.next_revision(),
        }
    }

    pub(super) fn callback_query(
        &mut self,
        from: &Person,
        message: &BotMessage,
        data: &str,
    ) -> Sent {
        if message.chat_id == from.id {
            self.private_chat(from);
        }
        // The message as it stands now, if it still exists.
        let current =
            self.find_bot_message(message.chat_id, |m| m.message_id == message.message_id);
        let message_json = self.message_json(current.as_ref().unwrap_or(message));
        self.last_query += 1;
        let id = format!("sandbox-cbq-{}", self.last_query);
        self.open_callback_queries
            .insert(id.clone(), message.chat_id);
        let update_id = self.push_update(
            "callback_query",
            json!({
                "id": id,
                "from": user_json(from),
                "message": message_json,
                "chat_instance": format!("sandbox-chat-{}", message.chat_id),
                "data": data,
            }),
        );
        Sent {
            update_id,
            chat_id: message.chat_id,
            message_id: Some(message.message_id),
            callback_query_id: Some(id),
            inline_query_id: None,
            revision: self.next_revision(),
        }
    }

    pub(super) fn inline_query(&mut self, from: &Person, query: &str) -> Sent {
        self.last_query += 1;
        let id = format!("sandbox-iq-{}", self.last_query);
        self.open_inline_queries.insert(id.clone());
        let update_id = self.push_update(
            "inline_query",
            json!({ "id": id, "from": user_json(from), "query": query, "offset": "" }),
        );
        Sent {
            update_id,
            chat_id: from.id,
            message_id: None,
            callback_query_id: None,
            inline_query_id: Some(id),
            revision: self.next_revision(),
        }
    }

    pub(super) fn redeliver(&mut self, update_id: i64) {
        // Queued even while the update is still pending (the bot may have it
        // in flight, its offset not sent yet): the redelivery outlives that
        // confirmation. One waiting redelivery per update is enough.
        let already_queued = self
            .redeliveries
            .iter()
            .any(|r| r.update.id == update_id && !r.delivered);
        let known = usize::try_from(update_id - 1)
            .ok()
            .and_then(|i| self.history.get(i))
            .cloned();
        if let (false, Some(update)) = (already_queued, known) {
            self.redeliveries.push(Redelivery {
                update,
                delivered: false,
            });
        }
    }

    // ----- getUpdates -------------------------------------------------------

    pub(super) fn pending_count(&self) -> usize {
        self.pending.len()
    }

    /// Applies `getUpdates`' offset: a positive one confirms (forgets) every
    /// update below it; a negative one keeps only the last `-offset` updates.
    pub(super) fn confirm(&mut self, offset: Option<i64>) {
        if let Some(offset) = offset.filter(|o| *o > 0) {
            self.redeliveries
                .retain(|r| !r.delivered || r.update.id >= offset);
        }
        match offset {
            Some(offset) if offset > 0 => self.pending.retain(|u| u.id >= offset),
            Some(offset) if offset < 0 => {
                let keep = usize::try_from(offset.unsigned_abs()).unwrap_or(usize::MAX);
                while self.pending.len() > keep {
                    self.pending.pop_front();
                }
            }
            _ => {}
        }
    }

    pub(super) fn set_allowed_updates(&mut self, allowed: Vec<String>) {
        self.allowed_updates = Some(allowed);
    }

    /// The updates the next `getUpdates` returns (without confirming them),
    /// at most `limit`, oldest first; none while a hold is alive. Updates of
    /// kinds the bot did not allow are dropped, as Telegram never stores them.
    pub(super) fn take_batch(&mut self, limit: usize) -> Vec<Value> {
        if self.holds > 0 {
            return Vec::new();
        }
        if let Some(allowed) = self.allowed_updates.as_ref().filter(|a| !a.is_empty()) {
            let is_allowed = |u: &Update| allowed.iter().any(|a| a == u.kind);
            self.pending.retain(is_allowed);
            self.redeliveries.retain(|r| is_allowed(&r.update));
        }
        let mut batch: Vec<&Update> = self
            .redeliveries
            .iter()
            .map(|r| &r.update)
            .chain(self.pending.iter())
            .collect();
        batch.sort_by_key(|u| u.id);
        // A pending update redelivered goes out once per answer.
        batch.dedup_by_key(|u| u.id);
        batch.truncate(limit);
        let ids: HashSet<i64> = batch.iter().map(|u| u.id).collect();
        let json = batch.into_iter().map(|u| u.json.clone()).collect();
        for redelivery in &mut self.redeliveries {
            redelivery.delivered |= ids.contains(&redelivery.update.id);
        }
        json
    }

    // ----- the bot's side ---------------------------------------------------

    pub(super) fn has_chat(&self, chat_id: i64) -> bool {
        self.chats.contains_key(&chat_id) && !self.left.contains(&chat_id)
    }

    pub(super) fn leave(&mut self, chat_id: i64) {
        self.left.insert(chat_id);
    }

    pub(super) fn has_left(&self, chat_id: i64) -> bool {
        self.left.contains(&chat_id)
    }

    /// Stores a message the bot sent; `None` if the chat is unknown.
    pub(super) fn push_bot_message(&mut self, chat_id: i64, draft: Draft) -> Option<BotMessage> {
        let revision = self.next_revision();
        let chat = self.chats.get_mut(&chat_id)?;
        let message = BotMessage {
            chat_id,
            message_id: chat.next_message_id(),
            date: now(),
            text: draft.text,
            parse_mode: draft.parse_mode,
            reply_markup: draft.reply_markup,
            content: draft.content,
            edited: false,
            revision,
        };
        if let Some(keyboard) = message.reply_keyboard() {
            chat.reply_keyboard = Some(keyboard);
        } else if message.removes_keyboard() {
            chat.reply_keyboard = None;
        }
        chat.entries.push(Entry::Bot(message.clone()));
        self.chat_changed(chat_id);
        Some(message)
    }

    /// Applies `edit` to the bot's message and marks it edited. Fails with
    /// Telegram's errors when there is no such message.
    pub(super) fn edit_bot_message(
        &mut self,
        chat_id: i64,
        message_id: i32,
        edit: impl FnOnce(&mut BotMessage) -> Result<(), ApiError>,
    ) -> Result<BotMessage, ApiError> {
        let revision = self.revision + 1;
        let chat = self
            .chats
            .get_mut(&chat_id)
            .ok_or_else(|| ApiError::bad_request("chat not found"))?;
        let is_persons = chat
            .entries
            .iter()
            .any(|e| matches!(e, Entry::Person { message_id: id, .. } if *id == message_id));
        if is_persons {
            return Err(ApiError::bad_request("message can't be edited"));
        }
        let message = chat.entries.iter_mut().find_map(|e| match e {
            Entry::Bot(m) if m.message_id == message_id => Some(m),
            _ => None,
        });
        let Some(message) = message else {
            return Err(ApiError::bad_request("message to edit not found"));
        };
        edit(message)?;
        message.edited = true;
        message.revision = revision;
        let message = message.clone();
        self.revision = revision;
        self.chat_changed(chat_id);
        Ok(message)
    }

    /// Deletes a message of either side; `false` if there is none.
    pub(super) fn delete_message(&mut self, chat_id: i64, message_id: i32) -> bool {
        let Some(chat) = self.chats.get_mut(&chat_id) else {
            return false;
        };
        let before = chat.entries.len();
        chat.entries.retain(|e| match e {
            Entry::Person { message_id: id, .. } => *id != message_id,
            Entry::Bot(m) => m.message_id != message_id,
        });
        let deleted = chat.entries.len() < before;
        if deleted {
            self.revision += 1;
            self.chat_changed(chat_id);
        }
        deleted
    }

    pub(super) fn bot_messages(&self, chat_id: i64) -> Vec<BotMessage> {
        self.chats
            .get(&chat_id)
            .map(|c| {
                c.entries
                    .iter()
                    .filter_map(|e| match e {
                        Entry::Bot(m) => Some(m.clone()),
                        Entry::Person { .. } => None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The first bot message in the chat, oldest first, that matches `pred`:
    /// looks through the chat without copying it.
    pub(super) fn find_bot_message(
        &self,
        chat_id: i64,
        pred: impl Fn(&BotMessage) -> bool,
    ) -> Option<BotMessage> {
        self.chats
            .get(&chat_id)?
            .entries
            .iter()
            .find_map(|e| match e {
                Entry::Bot(m) if pred(m) => Some(m.clone()),
                _ => None,
            })
    }

    /// A receiver woken by every change in `chat_id` (see `chat_watches`).
    pub(super) fn watch_chat(&mut self, chat_id: i64) -> watch::Receiver<u64> {
        self.chat_watches
            .entry(chat_id)
            .or_insert_with(|| watch::channel(0).0)
            .subscribe()
    }

    /// Wakes whoever waits on `chat_id`.
    fn chat_changed(&self, chat_id: i64) {
        if let Some(watch) = self.chat_watches.get(&chat_id) {
            watch.send_modify(|v| *v = v.wrapping_add(1));
        }
    }

    /// The chat of an unanswered callback query.
    pub(super) fn callback_query_chat(&self, id: &str) -> Option<i64> {
        self.open_callback_queries.get(id).copied()
    }

    pub(super) fn current_reply_keyboard(&self, chat_id: i64) -> Option<Vec<ReplyButton>> {
        self.chats.get(&chat_id)?.reply_keyboard.clone()
    }

    /// Marks the query answered and returns the chat it was pressed in;
    /// `None` if it is unknown or was answered.
    pub(super) fn close_callback_query(&mut self, id: &str) -> Option<i64> {
        self.open_callback_queries.remove(id)
    }

    pub(super) fn close_inline_query(&mut self, id: &str) -> bool {
        self.open_inline_queries.remove(id)
    }

    /// Records the answer to a query pressed in `chat_id`.
    pub(super) fn record_callback_answer(&mut self, answer: CallbackAnswer, chat_id: i64) {
        self.revision += 1;
        self.callback_answer_index.insert(
            answer.callback_query_id.clone(),
            self.callback_answers.len(),
        );
        self.callback_answers.push(answer);
        self.chat_changed(chat_id);
    }

    pub(super) fn record_inline_answer(&mut self, answer: InlineAnswer) {
        self.revision += 1;
        self.inline_answers.push(answer);
    }

    pub(super) fn callback_answer(&self, id: &str) -> Option<CallbackAnswer> {
        let index = *self.callback_answer_index.get(id)?;
        self.callback_answers.get(index).cloned()
    }

    pub(super) fn inline_answer(&self, id: &str) -> Option<InlineAnswer> {
        self.inline_answers
            .iter()
            .find(|a| a.inline_query_id == id)
            .cloned()
    }

    // ----- files ------------------------------------------------------------

    /// Stores a file under `{dir}/file_{n}.{ext}`, as Telegram's file paths
    /// look.
    pub(super) fn store_file(
        &mut self,
        bytes: Vec<u8>,
        file_name: Option<String>,
        dir: &str,
    ) -> FileRef {
        self.last_file += 1;
        let n = self.last_file;
        // Only a tame extension goes into the path, whatever the name holds.
        let extension = file_name
            .as_deref()
            .and_then(|name| name.rsplit_once('.'))
            .map(|(_, ext)| ext)
            .filter(|ext| ext.len() <= 8 && ext.chars().all(|c| c.is_ascii_alphanumeric()))
            .map(|ext| format!(".{}", ext.to_ascii_lowercase()))
            .unwrap_or_default();
        let file = FileRef {
            file_id: format!("SandboxFile{n}"),
            file_unique_id: format!("SandboxUnique{n}"),
            size: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
            file_name,
        };
        let path = format!("{dir}/file_{n}{extension}");
        self.file_ids_by_path
            .insert(path.clone(), file.file_id.clone());
        self.files.insert(
            file.file_id.clone(),
            StoredFile {
                file: file.clone(),
                path,
                bytes,
            },
        );
        file
    }

    pub(super) fn file(&self, file_id: &str) -> Option<&StoredFile> {
        self.files.get(file_id)
    }

    pub(super) fn file_by_path(&self, path: &str) -> Option<&StoredFile> {
        self.files.get(self.file_ids_by_path.get(path)?)
    }
}

/// Unix time now.
pub(super) fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_secs()).ok())
        // Telegram treats date 0 as "inaccessible message"; never send it.
        .unwrap_or(1)
}

fn user_json(person: &Person) -> Value {
    let mut user = Map::new();
    user.insert("id".into(), json!(person.id));
    user.insert("is_bot".into(), json!(false));
    user.insert("first_name".into(), json!(person.first_name));
    insert_some(&mut user, "last_name", person.last_name.clone());
    insert_some(&mut user, "username", person.username.clone());
    insert_some(&mut user, "language_code", person.language_code.clone());
    Value::Object(user)
}

fn private_chat_json(person: &Person) -> Value {
    let mut chat = Map::new();
    chat.insert("id".into(), json!(person.id));
    chat.insert("type".into(), json!("private"));
    chat.insert("first_name".into(), json!(person.first_name));
    insert_some(&mut chat, "last_name", person.last_name.clone());
    insert_some(&mut chat, "username", person.username.clone());
    Value::Object(chat)
}

fn file_json(file: &FileRef) -> Value {
    let mut f = Map::new();
    f.insert("file_id".into(), json!(file.file_id));
    f.insert("file_unique_id".into(), json!(file.file_unique_id));
    f.insert("file_size".into(), json!(file.size));
    insert_some(&mut f, "file_name", file.file_name.clone());
    Value::Object(f)
}

fn insert_some(map: &mut Map<String, Value>, key: &str, value: Option<String>) {
    if let Some(value) = value {
        map.insert(key.to_owned(), Value::String(value));
    }
}

/// Gives a text starting with `/command` (or `/command@bot`) its
/// `bot_command` entity, as Telegram does, unless entities were given.
fn add_command_entity(message: &mut Map<String, Value>) {
    if message.contains_key("entities") {
        return;
    }
    let Some(text) = message.get("text").and_then(Value::as_str) else {
        return;
    };
    if !text.starts_with('/') {
        return;
    }
    let command = text.split(char::is_whitespace).next().unwrap_or_default();
    // Entity offsets and lengths count UTF-16 code units.
    let length = command.encode_utf16().count();
    if length > 1 {
        message.insert(
            "entities".into(),
            json!([{ "type": "bot_command", "offset": 0, "length": length }]),
        );
    }
}
