//! The Bot API methods the sandbox implements, with Telegram's rules and
//! error wording (teloxide maps the wording to its `ApiError` variants).

use serde_json::{Value, json};

use super::{
    Activity, CallbackAnswer, Content, FileRef, InlineAnswer, Shared, html,
    server::{ApiError, Params},
    state::{Draft, State},
};

/// Limits, counted like Telegram in UTF-16 code units after entity parsing.
const TEXT_LIMIT: usize = 4096;
const CAPTION_LIMIT: usize = 1024;
const CALLBACK_ANSWER_LIMIT: usize = 200;
const CALLBACK_DATA_LIMIT: usize = 64;
const INLINE_RESULTS_LIMIT: usize = 50;
/// Telegram caps a long poll at 50 seconds.
const MAX_POLL_SECONDS: u64 = 50;

const QUERY_TOO_OLD: &str = "query is too old and response timeout expired or query id is invalid";

/// Runs `method` (case-insensitive, as on Telegram).
pub(super) async fn call(shared: &Shared, method: &str, p: &Params) -> Result<Value, ApiError> {
    match method.to_ascii_lowercase().as_str() {
        "getupdates" => get_updates(shared, p).await,
        "getme" => Ok(get_me(&shared.lock())),
        "getwebhookinfo" => Ok(json!({
            "url": "",
            "has_custom_certificate": false,
            "pending_update_count": shared.lock().pending_count(),
        })),
        "deletewebhook" => {
            if p.bool("drop_pending_updates") {
                shared.lock().confirm(Some(i64::MAX));
            }
            Ok(json!(true))
        }
        "sendmessage" => send_message(shared, p),
        "sendphoto" => send_photo(shared, p),
        "senddocument" => send_document(shared, p),
        "sendlocation" => send_location(shared, p),
        "sendvenue" => send_venue(shared, p),
        "editmessagetext" => edit_message_text(shared, p),
        "editmessagecaption" => edit_message_caption(shared, p),
        "editmessagereplymarkup" => edit_message_reply_markup(shared, p),
        "deletemessage" => delete_message(shared, p),
        "deletemessages" => delete_messages(shared, p),
        "answercallbackquery" => answer_callback_query(shared, p),
        "answerinlinequery" => answer_inline_query(shared, p),
        "getfile" => get_file(&shared.lock(), p),
        "leavechat" => {
            let chat = p.chat_id()?;
            ensure_chat(shared, chat)?;
            shared.lock().leave(chat);
            shared.notify(None);
            Ok(json!(true))
        }
        "sendchataction" => {
            ensure_chat(shared, p.chat_id()?)?;
            p.required("action")?;
            Ok(json!(true))
        }
        "setmycommands" => {
            let commands = p
                .json("commands")?
                .ok_or_else(|| ApiError::bad_request("commands is empty"))?;
            shared.lock().my_commands = commands;
            Ok(json!(true))
        }
        "getmycommands" => Ok(shared.lock().my_commands.clone()),
        "deletemycommands" => {
            shared.lock().my_commands = json!([]);
            Ok(json!(true))
        }
        // Accepted and recorded in `calls()`; nothing a tourist sees.
        "setmydescription" | "setmyshortdescription" | "setmyname" | "setchatmenubutton" => {
            Ok(json!(true))
        }
        _ => Err(ApiError::not_found("Not Found: method not found")),
    }
}

fn get_me(state: &State) -> Value {
    let mut me = state.bot_user_json();
    if let Some(me) = me.as_object_mut() {
        for (key, value) in [
            ("can_join_groups", true),
            ("can_read_all_group_messages", false),
            ("supports_inline_queries", true),
            ("can_connect_to_business", false),
            ("has_main_web_app", false),
        ] {
            me.insert(key.to_owned(), json!(value));
        }
    }
    me
}

/// Long polling: returns pending updates at once, or waits up to `timeout`
/// seconds for one (woken by the `updates` watch channel, no busy loop).
async fn get_updates(shared: &Shared, p: &Params) -> Result<Value, ApiError> {
    let offset = p.i64("offset")?;
    let limit = p.i64("limit")?.unwrap_or(100).clamp(1, 100);
    let limit = usize::try_from(limit).unwrap_or(100);
    let timeout = p.i64("timeout")?.unwrap_or(0);
    let timeout = u64::try_from(timeout).unwrap_or(0).min(MAX_POLL_SECONDS);
    let allowed = match p.json("allowed_updates")? {
        None => None,
        Some(Value::Array(kinds)) => Some(
            kinds
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
        ),
        Some(_) => {
            return Err(ApiError::bad_request(
                "can't parse allowed_updates JSON array",
            ));
        }
    };
    let generation = {
        let mut state = shared.lock();
        if let Some(allowed) = allowed {
            state.set_allowed_updates(allowed);
        }
        state.confirm(offset);
        state.poll_generation += 1;
        state.poll_generation
    };
    // Wakes an older poll still waiting, which then ends with 409.
    shared.wake_pollers();
    let mut updates = shared.updates.subscribe();
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(timeout);
    let mut expired = false;
    loop {
        {
            let mut state = shared.lock();
            if state.poll_generation != generation {
                return Err(ApiError::conflict(
                    "terminated by other getUpdates request; make sure that only one bot instance is running",
                ));
            }
            let batch = state.take_batch(limit);
            if !batch.is_empty() || expired {
                return Ok(Value::Array(batch));
            }
        }
        match tokio::time::timeout_at(deadline, updates.changed()).await {
            Ok(Ok(())) => {}
            // Timed out (or the sender is gone): one last look, then return.
            _ => expired = true,
        }
    }
}

// ----- sending ----------------------------------------------------------------

fn ensure_chat(shared: &Shared, chat_id: i64) -> Result<(), ApiError> {
    if shared.lock().has_chat(chat_id) {
        Ok(())
    } else {
        Err(ApiError::chat_not_found())
    }
}

/// Stores a sent message, tells subscribers, returns its `Message` JSON.
fn store(shared: &Shared, chat_id: i64, draft: Draft) -> Result<Value, ApiError> {
    let (message, json) = {
        let mut state = shared.lock();
        let message = state
            .push_bot_message(chat_id, draft)
            .ok_or_else(ApiError::chat_not_found)?;
        let json = state.message_json(&message);
        (message, json)
    };
    shared.notify(Some(Activity::Sent(message)));
    Ok(json)
}

fn parse_mode(p: &Params) -> Result<Option<String>, ApiError> {
    match p.string("parse_mode") {
        None => Ok(None),
        Some(mode) if mode.is_empty() => Ok(None),
        Some(mode)
            if ["html", "markdown", "markdownv2"].contains(&mode.to_ascii_lowercase().as_str()) =>
        {
            Ok(Some(mode))
        }
        Some(_) => Err(ApiError::bad_request("unsupported parse_mode")),
    }
}

/// The text a person would see (checks HTML like Telegram).
fn rendered(text: &str, parse_mode: Option<&str>) -> Result<String, ApiError> {
    match parse_mode {
        Some(mode) if mode.eq_ignore_ascii_case("html") => {
            html::to_plain(text).map_err(ApiError::bad_request)
        }
        _ => Ok(text.to_owned()),
    }
}

fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Validates a message text; `too_long` differs between sending and editing.
fn check_text(text: &str, parse_mode: Option<&str>, too_long: &str) -> Result<(), ApiError> {
    let plain = rendered(text, parse_mode)?;
    if plain.trim().is_empty() {
        return Err(ApiError::bad_request("message text is empty"));
    }
    if utf16_len(&plain) > TEXT_LIMIT {
        return Err(ApiError::bad_request(too_long));
    }
    Ok(())
}

fn check_caption(caption: Option<&str>, parse_mode: Option<&str>) -> Result<(), ApiError> {
    if let Some(caption) = caption
        && utf16_len(&rendered(caption, parse_mode)?) > CAPTION_LIMIT
    {
        return Err(ApiError::bad_request("message caption is too long"));
    }
    Ok(())
}

/// `reply_markup`, validated like Telegram: inline buttons need exactly one
/// action, `callback_data` is 1-64 bytes, URLs must be valid.
fn reply_markup(p: &Params) -> Result<Option<Value>, ApiError> {
    let Some(markup) = p.json("reply_markup")? else {
        return Ok(None);
    };
    let unparsable = || ApiError::bad_request("can't parse reply keyboard markup JSON object");
    if !markup.is_object() {
        return Err(unparsable());
    }
    if let Some(rows) = markup.get("inline_keyboard") {
        let rows = rows.as_array().ok_or_else(unparsable)?;
        for row in rows {
            for button in row.as_array().ok_or_else(unparsable)? {
                check_inline_button(button)?;
            }
        }
    } else if let Some(rows) = markup.get("keyboard") {
        let rows = rows.as_array().ok_or_else(unparsable)?;
        for row in rows {
            for button in row.as_array().ok_or_else(unparsable)? {
                let text = button
                    .as_str()
                    .or_else(|| button.get("text").and_then(Value::as_str));
                if text.is_none_or(str::is_empty) {
                    return Err(ApiError::bad_request("keyboard button text is empty"));
                }
            }
        }
    }
    Ok(Some(markup))
}

/// For edits: only an inline keyboard may be attached.
fn inline_markup(p: &Params) -> Result<Option<Value>, ApiError> {
    let markup = reply_markup(p)?;
    match &markup {
        Some(m) if m.get("inline_keyboard").is_none() => {
            Err(ApiError::bad_request("inline keyboard expected"))
        }
        _ => Ok(markup),
    }
}

fn check_inline_button(button: &Value) -> Result<(), ApiError> {
    const ACTIONS: &[&str] = &[
        "url",
        "callback_data",
        "web_app",
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    ];
    if button.get("text").and_then(Value::as_str).is_none() {
        return Err(ApiError::bad_request(
            "can't parse inline keyboard button: Text must be a String",
        ));
    }
    if !ACTIONS.iter().any(|a| button.get(a).is_some()) {
        return Err(ApiError::bad_request(
            "text buttons are unallowed in the inline keyboard",
        ));
    }
    if let Some(data) = button.get("callback_data") {
        let len = data.as_str().map_or(0, str::len);
        if len == 0 || len > CALLBACK_DATA_LIMIT {
            return Err(ApiError::bad_request("BUTTON_DATA_INVALID"));
        }
    }
    if let Some(link) = button.get("url") {
        let link = link.as_str().unwrap_or_default();
        let valid =
            url::Url::parse(link).is_ok_and(|u| ["http", "https", "tg"].contains(&u.scheme()));
        if !valid {
            return Err(ApiError::bad_request(format!(
                "inline keyboard button URL '{link}' is invalid: Wrong HTTP URL"
            )));
        }
    }
    Ok(())
}

fn send_message(shared: &Shared, p: &Params) -> Result<Value, ApiError> {
    let chat_id = p.chat_id()?;
    ensure_chat(shared, chat_id)?;
    let parse_mode = parse_mode(p)?;
    let text = p.string("text").unwrap_or_default();
    check_text(&text, parse_mode.as_deref(), "message is too long")?;
    let draft = Draft {
        text: Some(text),
        parse_mode,
        reply_markup: reply_markup(p)?,
        content: Content::Text,
    };
    store(shared, chat_id, draft)
}

/// The file of `field`: an uploaded part (`attach://…` or a part named like
/// the field), a known `file_id`, or an HTTP URL.
fn input_file(shared: &Shared, p: &Params, field: &str, dir: &str) -> Result<FileRef, ApiError> {
    let value = p.string(field);
    let part = match value.as_deref().and_then(|v| v.strip_prefix("attach://")) {
        Some(name) => Some(p.part(name).ok_or_else(|| {
            ApiError::bad_request(format!("can't find attached file \"{name}\""))
        })?),
        None => p.part(field),
    };
    if let Some(part) = part {
        if part.bytes.is_empty() {
            return Err(ApiError::bad_request("file must be non-empty"));
        }
        let name = Some(part.file_name.clone()).filter(|n| !n.is_empty());
        return Ok(shared.lock().store_file(part.bytes.clone(), name, dir));
    }
    let Some(value) = value else {
        return Err(ApiError::bad_request(format!(
            "there is no {field} in the request"
        )));
    };
    if value.starts_with("http://") || value.starts_with("https://") {
        // Telegram would fetch it; the sandbox is offline and keeps a stub.
        let name = value.rsplit('/').next().map(str::to_owned);
        return Ok(shared.lock().store_file(Vec::new(), name, dir));
    }
    shared
        .lock()
        .file(&value)
        .map(|f| f.file.clone())
        .ok_or_else(|| ApiError::bad_request("wrong file identifier/HTTP URL specified"))
}

fn send_photo(shared: &Shared, p: &Params) -> Result<Value, ApiError> {
    let chat_id = p.chat_id()?;
    ensure_chat(shared, chat_id)?;
    let parse_mode = parse_mode(p)?;
    let caption = p.string("caption");
    check_caption(caption.as_deref(), parse_mode.as_deref())?;
    let reply_markup = reply_markup(p)?;
    let file = input_file(shared, p, "photo", "photos")?;
    let draft = Draft {
        text: caption,
        parse_mode,
        reply_markup,
        content: Content::Photo { file },
    };
    store(shared, chat_id, draft)
}

fn send_document(shared: &Shared, p: &Params) -> Result<Value, ApiError> {
    let chat_id = p.chat_id()?;
    ensure_chat(shared, chat_id)?;
    let parse_mode = parse_mode(p)?;
    let caption = p.string("caption");
    check_caption(caption.as_deref(), parse_mode.as_deref())?;
    let reply_markup = reply_markup(p)?;
    let file = input_file(shared, p, "document", "documents")?;
    let mime_type = Some(guess_mime(file.file_name.as_deref().unwrap_or_default()).to_owned());
    let draft = Draft {
        text: caption,
        parse_mode,
        reply_markup,
        content: Content::Document { file, mime_type },
    };
    store(shared, chat_id, draft)
}

/// teloxide sends no content type with file parts; Telegram guesses from the
/// name too.
fn guess_mime(file_name: &str) -> &'static str {
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "pdf" => "application/pdf",
        "txt" => "text/plain",
        "csv" => "text/csv",
        "json" => "application/json",
        "gpx" => "application/gpx+xml",
        "zip" => "application/zip",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "webp" => "image/webp",
        "mp3" => "audio/mpeg",
        "ogg" => "audio/ogg",
        "mp4" => "video/mp4",
        _ => "application/octet-stream",
    }
}

fn coordinates(p: &Params) -> Result<(f64, f64), ApiError> {
    let latitude = p.required_f64("latitude")?;
    let longitude = p.required_f64("longitude")?;
    if !(-90.0..=90.0).contains(&latitude) || !(-180.0..=180.0).contains(&longitude) {
        return Err(ApiError::bad_request(
            "wrong latitude or longitude specified",
        ));
    }
    Ok((latitude, longitude))
}

fn send_location(shared: &Shared, p: &Params) -> Result<Value, ApiError> {
    let chat_id = p.chat_id()?;
    ensure_chat(shared, chat_id)?;
    let (latitude, longitude) = coordinates(p)?;
    let draft = Draft {
        text: None,
        parse_mode: None,
        reply_markup: reply_markup(p)?,
        content: Content::Location {
            latitude,
            longitude,
            horizontal_accuracy: p.f64("horizontal_accuracy")?,
        },
    };
    store(shared, chat_id, draft)
}

fn send_venue(shared: &Shared, p: &Params) -> Result<Value, ApiError> {
    let chat_id = p.chat_id()?;
    ensure_chat(shared, chat_id)?;
    let (latitude, longitude) = coordinates(p)?;
    let draft = Draft {
        text: None,
        parse_mode: None,
        reply_markup: reply_markup(p)?,
        content: Content::Venue {
            latitude,
            longitude,
            title: p.required("title")?,
            address: p.required("address")?,
            google_place_id: p.string("google_place_id"),
        },
    };
    store(shared, chat_id, draft)
}

// ----- editing and deleting -------------------------------------------------------

/// Telegram refuses an edit that changes nothing.
fn not_modified() -> ApiError {
    ApiError::bad_request(
        "message is not modified: specified new message content and reply markup are exactly \
         the same as a current content and reply markup of the message",
    )
}

/// Edits the message `(chat_id, message_id)` with `edit`, tells subscribers,
/// returns the edited `Message`. Messages sent via inline mode (an
/// `inline_message_id`) are not stored: such edits just succeed with `true`.
fn edit(
    shared: &Shared,
    p: &Params,
    edit: impl FnOnce(&mut super::BotMessage) -> Result<(), ApiError>,
) -> Result<Value, ApiError> {
    if p.string("inline_message_id").is_some() {
        return Ok(json!(true));
    }
    let chat_id = p.chat_id()?;
    let message_id = p.message_id()?;
    let (message, json) = {
        let mut state = shared.lock();
        let message = state.edit_bot_message(chat_id, message_id, edit)?;
        let json = state.message_json(&message);
        (message, json)
    };
    shared.notify(Some(Activity::Edited(message)));
    Ok(json)
}

fn edit_message_text(shared: &Shared, p: &Params) -> Result<Value, ApiError> {
    let parse_mode = parse_mode(p)?;
    let text = p.string("text").unwrap_or_default();
    check_text(&text, parse_mode.as_deref(), "MESSAGE_TOO_LONG")?;
    let markup = inline_markup(p)?;
    edit(shared, p, |m| {
        if m.content != Content::Text {
            return Err(ApiError::bad_request(
                "there is no text in the message to edit",
            ));
        }
        if m.text.as_deref() == Some(text.as_str())
            && m.parse_mode == parse_mode
            && m.reply_markup == markup
        {
            return Err(not_modified());
        }
        m.text = Some(text);
        m.parse_mode = parse_mode;
        // Like Telegram: an edit without reply_markup removes the keyboard.
        m.reply_markup = markup;
        Ok(())
    })
}

fn edit_message_caption(shared: &Shared, p: &Params) -> Result<Value, ApiError> {
    let parse_mode = parse_mode(p)?;
    let caption = p.string("caption");
    check_caption(caption.as_deref(), parse_mode.as_deref())?;
    let markup = inline_markup(p)?;
    edit(shared, p, |m| {
        if !matches!(m.content, Content::Photo { .. } | Content::Document { .. }) {
            return Err(ApiError::bad_request(
                "there is no caption in the message to edit",
            ));
        }
        if m.text == caption && m.parse_mode == parse_mode && m.reply_markup == markup {
            return Err(not_modified());
        }
        m.text = caption;
        m.parse_mode = parse_mode;
        m.reply_markup = markup;
        Ok(())
    })
}

fn edit_message_reply_markup(shared: &Shared, p: &Params) -> Result<Value, ApiError> {
    let markup = inline_markup(p)?;
    edit(shared, p, |m| {
        if m.reply_markup == markup {
            return Err(not_modified());
        }
        m.reply_markup = markup;
        Ok(())
    })
}

fn delete_message(shared: &Shared, p: &Params) -> Result<Value, ApiError> {
    let chat_id = p.chat_id()?;
    ensure_chat(shared, chat_id)?;
    let message_id = p
        .message_id()
        .map_err(|_| ApiError::bad_request("message to delete not found"))?;
    if !shared.lock().delete_message(chat_id, message_id) {
        return Err(ApiError::bad_request("message to delete not found"));
    }
    shared.notify(Some(Activity::Deleted {
        chat_id,
        message_id,
    }));
    Ok(json!(true))
}

/// `deleteMessages` skips the messages it cannot find, like Telegram.
fn delete_messages(shared: &Shared, p: &Params) -> Result<Value, ApiError> {
    let chat_id = p.chat_id()?;
    ensure_chat(shared, chat_id)?;
    let ids = p
        .json("message_ids")?
        .and_then(|v| v.as_array().cloned())
        .ok_or_else(|| ApiError::bad_request("message_ids is empty"))?;
    for message_id in ids.iter().filter_map(Value::as_i64) {
        let Ok(message_id) = i32::try_from(message_id) else {
            continue;
        };
        if shared.lock().delete_message(chat_id, message_id) {
            shared.notify(Some(Activity::Deleted {
                chat_id,
                message_id,
            }));
        }
    }
    Ok(json!(true))
}

// ----- answering queries ------------------------------------------------------

fn answer_callback_query(shared: &Shared, p: &Params) -> Result<Value, ApiError> {
    let id = p.required("callback_query_id")?;
    let text = p.string("text");
    if text
        .as_deref()
        .is_some_and(|t| utf16_len(t) > CALLBACK_ANSWER_LIMIT)
    {
        return Err(ApiError::bad_request("MESSAGE_TOO_LONG"));
    }
    let answer = CallbackAnswer {
        callback_query_id: id,
        text,
        show_alert: p.bool("show_alert"),
        url: p.string("url"),
    };
    {
        let mut state = shared.lock();
        // Unknown, or answered already: a bot bug Telegram reports so.
        let Some(chat_id) = state.close_callback_query(&answer.callback_query_id) else {
            return Err(ApiError::bad_request(QUERY_TOO_OLD));
        };
        state.record_callback_answer(answer.clone(), chat_id);
    }
    shared.notify(Some(Activity::CallbackAnswered(answer)));
    Ok(json!(true))
}

fn answer_inline_query(shared: &Shared, p: &Params) -> Result<Value, ApiError> {
    let id = p.required("inline_query_id")?;
    let results = match p.json("results")? {
        Some(Value::Array(results)) => results,
        _ => return Err(ApiError::bad_request("can't parse results JSON array")),
    };
    if results.len() > INLINE_RESULTS_LIMIT {
        return Err(ApiError::bad_request("RESULTS_TOO_MUCH"));
    }
    let answer = InlineAnswer {
        inline_query_id: id,
        results,
        params: Value::Object(p.map.clone()),
    };
    {
        let mut state = shared.lock();
        if !state.close_inline_query(&answer.inline_query_id) {
            return Err(ApiError::bad_request(QUERY_TOO_OLD));
        }
        state.record_inline_answer(answer.clone());
    }
    shared.notify(Some(Activity::InlineAnswered(answer)));
    Ok(json!(true))
}

fn get_file(state: &State, p: &Params) -> Result<Value, ApiError> {
    let file_id = p.required("file_id")?;
    let file = state
        .file(&file_id)
        .ok_or_else(|| ApiError::bad_request("invalid file_id"))?;
    Ok(json!({
        "file_id": file.file.file_id,
        "file_unique_id": file.file.file_unique_id,
        "file_size": file.file.size,
        "file_path": file.path,
    }))
}
