//! The sandbox against a real teloxide `Bot` over real HTTP.

use std::time::{Duration, Instant};

use escale::sandbox::{Activity, Config, Content, Person, Sandbox};
use teloxide::{
    ApiError, RequestError,
    net::Download,
    prelude::*,
    types::{
        ButtonRequest, ChatId, InlineKeyboardButton, InlineKeyboardMarkup, InputFile,
        KeyboardButton, KeyboardMarkup, KeyboardRemove, MessageEntityKind, MessageId, ParseMode,
        UpdateKind,
    },
    utils::command::BotCommands,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn setup() -> (Sandbox, Bot) {
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    let bot = Bot::new(Sandbox::TOKEN).set_api_url(sandbox.api_url());
    (sandbox, bot)
}

fn amelie() -> Person {
    Person::new(42, "Amélie").with_language("fr")
}

/// One long poll; every update must parse into a known teloxide kind.
async fn poll(bot: &Bot, offset: i32) -> Vec<Update> {
    let updates = bot
        .get_updates()
        .offset(offset)
        .timeout(5)
        .await
        .expect("getUpdates succeeds");
    for update in &updates {
        assert!(
            !matches!(update.kind, UpdateKind::Error(_)),
            "teloxide could not parse {update:?}"
        );
    }
    updates
}

/// Makes the person's private chat known to the sandbox.
fn open_chat(sandbox: &Sandbox, person: &Person) -> ChatId {
    sandbox.send_text(person, "hello");
    ChatId(person.id)
}

fn api_error<T: std::fmt::Debug>(result: Result<T, RequestError>) -> ApiError {
    match result {
        Err(RequestError::Api(error)) => error,
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn get_me_describes_the_bot() {
    let (_sandbox, bot) = setup().await;
    let me = bot.get_me().await.expect("getMe");
    assert_eq!(me.user.id.0, 1000);
    assert!(me.user.is_bot);
    assert_eq!(me.user.first_name, "Escale");
    assert_eq!(me.username(), "escale_sandbox_bot");
}

#[tokio::test]
async fn bot_username_is_configurable() {
    let config = Config {
        bot_username: "other_bot".to_owned(),
        ..Config::default()
    };
    let sandbox = Sandbox::start_with(config).await.expect("starts");
    let bot = Bot::new(Sandbox::TOKEN).set_api_url(sandbox.api_url());
    assert_eq!(bot.get_me().await.expect("getMe").username(), "other_bot");
}

#[tokio::test]
async fn long_poll_waits_for_an_injected_update() {
    let (sandbox, bot) = setup().await;
    let polling = tokio::spawn({
        let bot = bot.clone();
        async move { poll(&bot, 0).await }
    });
    // Once the poll has reached the server, it must be waiting, not answered.
    while sandbox.calls_to("getUpdates").is_empty() {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    tokio::task::yield_now().await;
    assert!(
        !polling.is_finished(),
        "getUpdates returned before any update"
    );

    let sent = sandbox.send_text(&amelie(), "Bonjour");
    let updates = polling.await.expect("poll task");
    assert_eq!(updates.len(), 1);
    assert_eq!(i64::from(updates[0].id.0), sent.update_id);
    let UpdateKind::Message(message) = &updates[0].kind else {
        panic!("expected a message, got {:?}", updates[0].kind);
    };
    assert_eq!(message.text(), Some("Bonjour"));
    assert_eq!(message.chat.id, ChatId(42));
    let from = message.from.as_ref().expect("from");
    assert_eq!(from.first_name, "Amélie");
    assert_eq!(from.language_code.as_deref(), Some("fr"));
    assert_eq!(Some(message.id.0), sent.message_id);
}

#[tokio::test]
async fn long_poll_with_nothing_to_return_waits_for_its_timeout() {
    let (_sandbox, bot) = setup().await;
    let start = Instant::now();
    let updates = bot.get_updates().timeout(1).await.expect("getUpdates");
    assert!(updates.is_empty());
    assert!(
        start.elapsed() >= Duration::from_millis(900),
        "returned after {:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn offsets_confirm_updates() {
    let (sandbox, bot) = setup().await;
    let person = amelie();
    let ids: Vec<i64> = ["one", "two", "three"]
        .iter()
        .map(|t| sandbox.send_text(&person, t).update_id)
        .collect();

    let all = poll(&bot, 0).await;
    assert_eq!(all.len(), 3);
    // Without confirmation the same updates come again.
    assert_eq!(poll(&bot, 0).await.len(), 3);

    let rest = poll(&bot, all[1].id.as_offset()).await;
    assert_eq!(rest.len(), 1);
    assert_eq!(i64::from(rest[0].id.0), ids[2]);
    assert_eq!(sandbox.pending_updates(), 1);

    let limited = bot.get_updates().limit(1).await.expect("getUpdates");
    assert_eq!(limited.len(), 1);

    let none = bot
        .get_updates()
        .offset(rest[0].id.as_offset())
        .timeout(0)
        .await
        .expect("getUpdates");
    assert!(none.is_empty());
    assert_eq!(sandbox.pending_updates(), 0);
}

#[tokio::test]
async fn redeliver_returns_a_confirmed_update_again() {
    let (sandbox, bot) = setup().await;
    let sent = sandbox.send_text(&amelie(), "/start");
    let first = poll(&bot, 0).await;
    let offset = first[0].id.as_offset();
    assert!(
        bot.get_updates()
            .offset(offset)
            .timeout(0)
            .await
            .expect("confirm")
            .is_empty()
    );

    sandbox.redeliver(sent.update_id);
    let again = poll(&bot, offset).await;
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].id, first[0].id);
    assert_eq!(again[0].kind, first[0].kind);
    // Until a later poll confirms it, it comes again (the poll that took it
    // may have been a crashed bot's).
    assert_eq!(poll(&bot, 0).await.len(), 1);
    // Confirmed: it does not come back by itself.
    assert!(
        bot.get_updates()
            .offset(offset)
            .timeout(0)
            .await
            .expect("poll")
            .is_empty()
    );
}

/// A crowd's updates in one `getUpdates` answer, as Telegram hands them to a busy bot: nothing
/// comes out while the batch is held, then all of it at once.
#[tokio::test]
async fn a_held_batch_of_32_updates_comes_out_in_one_answer() {
    let (sandbox, bot) = setup().await;
    let batch = sandbox.hold();
    let sent: Vec<i64> = (0..32)
        .map(|i| {
            let tourist = Person::new(500 + i, "Alex").with_language("en");
            sandbox.send_text(&tourist, "/start spot_chateau").update_id
        })
        .collect();

    let short = bot.get_updates().timeout(0).await.expect("getUpdates");
    assert!(short.is_empty(), "held, yet returned {short:?}");
    let start = Instant::now();
    let long = bot.get_updates().timeout(1).await.expect("getUpdates");
    assert!(long.is_empty(), "held, yet returned {long:?}");
    assert!(
        start.elapsed() >= Duration::from_millis(900),
        "a long poll keeps waiting while held; it returned after {:?}",
        start.elapsed()
    );
    assert_eq!(sandbox.pending_updates(), 32, "held back, not dropped");

    // A long poll waiting when the batch is released gets all of it at once.
    let polls = sandbox.calls_to("getUpdates").len();
    let waiting = tokio::spawn({
        let bot = bot.clone();
        async move { poll(&bot, 0).await }
    });
    tokio::time::timeout(Duration::from_secs(5), async {
        while sandbox.calls_to("getUpdates").len() == polls {
            tokio::task::yield_now().await;
        }
    })
    .await
    .expect("the long poll reaches the sandbox");
    let released_at = Instant::now();
    batch.release();
    let updates = waiting.await.expect("poll task");
    assert!(
        released_at.elapsed() < Duration::from_secs(4),
        "woken by the release, not by its timeout"
    );
    let ids: Vec<i64> = updates.iter().map(|u| i64::from(u.id.0)).collect();
    assert_eq!(ids, sent, "all 32 in one answer, oldest first");

    // Confirmed: nothing more. Holds nest, and a hold dropped without a word releases too.
    let offset = updates.last().expect("updates").id.as_offset();
    let outer = sandbox.hold();
    let inner = sandbox.hold();
    let late = sandbox.send_text(&amelie(), "late").update_id;
    drop(inner);
    let still_held = bot
        .get_updates()
        .offset(offset)
        .timeout(0)
        .await
        .expect("getUpdates");
    assert!(still_held.is_empty(), "holds nest: {still_held:?}");
    drop(outer);
    let released = poll(&bot, offset).await;
    assert_eq!(released.len(), 1);
    assert_eq!(i64::from(released[0].id.0), late);
}

/// The bot has the update but has not confirmed it yet (its next poll is not sent): a
/// redelivery still brings it once more after the confirmation.
#[tokio::test]
async fn redeliver_before_the_confirmation_still_comes_again() {
    let (sandbox, bot) = setup().await;
    let sent = sandbox.send_text(&amelie(), "/start");
    let first = poll(&bot, 0).await;
    assert_eq!(first.len(), 1);
    sandbox.redeliver(sent.update_id);
    let again = poll(&bot, first[0].id.as_offset()).await;
    assert_eq!(again.len(), 1, "once, not twice: {again:?}");
    assert_eq!(again[0].id, first[0].id);
    let none = bot
        .get_updates()
        .offset(first[0].id.as_offset())
        .timeout(0)
        .await
        .expect("getUpdates");
    assert!(none.is_empty(), "{none:?}");
}

#[tokio::test]
async fn allowed_updates_stick_and_filter() {
    let (sandbox, bot) = setup().await;
    let person = amelie();
    sandbox.inline_query(&person, "chateau");
    sandbox.send_text(&person, "hi");
    let updates = bot
        .get_updates()
        .allowed_updates([teloxide::types::AllowedUpdate::Message])
        .timeout(0)
        .await
        .expect("getUpdates");
    assert_eq!(updates.len(), 1);
    assert!(matches!(updates[0].kind, UpdateKind::Message(_)));
    // Later calls without allowed_updates keep the filter.
    sandbox.inline_query(&person, "again");
    let later = bot
        .get_updates()
        .offset(updates[0].id.as_offset())
        .timeout(0)
        .await
        .expect("getUpdates");
    assert!(later.is_empty());
    assert_eq!(sandbox.pending_updates(), 0);
}

#[tokio::test]
async fn a_newer_poll_terminates_an_older_one() {
    let (sandbox, bot) = setup().await;
    let older = tokio::spawn({
        let bot = bot.clone();
        async move { bot.get_updates().timeout(5).await }
    });
    while sandbox.calls_to("getUpdates").is_empty() {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let newer = bot.get_updates().timeout(0).await.expect("newer poll");
    assert!(newer.is_empty());
    let error = api_error(older.await.expect("task"));
    assert_eq!(error, ApiError::TerminatedByOtherGetUpdates);
}

#[tokio::test]
async fn send_message_with_inline_keyboard_round_trips() {
    let (sandbox, bot) = setup().await;
    let chat = open_chat(&sandbox, &amelie());
    let site = "https://example.org/chateau".parse().expect("url");
    let keyboard = InlineKeyboardMarkup::new([
        vec![
            InlineKeyboardButton::callback("▶️ Start the visit", "visit:chateau"),
            InlineKeyboardButton::url("Website", site),
        ],
        vec![InlineKeyboardButton::switch_inline_query(
            "Share", "chateau",
        )],
    ]);
    let message = bot
        .send_message(chat, "<b>Château</b> &amp; gardens &lt;3")
        .parse_mode(ParseMode::Html)
        .reply_markup(keyboard.clone())
        .await
        .expect("sendMessage");
    assert_eq!(message.text(), Some("Château & gardens <3"));
    assert_eq!(message.reply_markup(), Some(&keyboard));
    assert_eq!(message.chat.id, chat);
    assert_eq!(message.from.as_ref().map(|u| u.id.0), Some(1000));

    let messages = sandbox.messages(chat.0);
    assert_eq!(messages.len(), 1);
    let shown = &messages[0];
    assert_eq!(shown.message_id, message.id.0);
    assert_eq!(shown.parse_mode.as_deref(), Some("HTML"));
    assert_eq!(
        shown.text.as_deref(),
        Some("<b>Château</b> &amp; gardens &lt;3")
    );
    assert_eq!(shown.plain_text(), "Château & gardens <3");
    let buttons = shown.inline_buttons();
    assert_eq!(buttons.len(), 3);
    let start = shown.button("Start").expect("start button");
    assert_eq!(start.callback_data.as_deref(), Some("visit:chateau"));
    assert_eq!(
        buttons[1].url.as_deref(),
        Some("https://example.org/chateau")
    );
    assert_eq!(buttons[2].switch_inline_query.as_deref(), Some("chateau"));
}

#[tokio::test]
async fn reply_keyboards_and_their_removal() {
    let (sandbox, bot) = setup().await;
    let chat = open_chat(&sandbox, &amelie());
    let keyboard = KeyboardMarkup::new([[
        KeyboardButton::new("📍 Share my location").request(ButtonRequest::Location),
        KeyboardButton::new("Cancel"),
    ]])
    .resize_keyboard();
    let message = bot
        .send_message(chat, "Where are you?")
        .reply_markup(keyboard)
        .await
        .expect("sendMessage");
    // A reply keyboard is not part of the returned Message.
    assert_eq!(message.text(), Some("Where are you?"));
    assert!(message.reply_markup().is_none());

    let shown = &sandbox.messages(chat.0)[0];
    let buttons = shown.reply_keyboard().expect("reply keyboard");
    assert_eq!(buttons.len(), 2);
    assert!(buttons[0].request_location);
    assert!(!buttons[1].request_location);
    assert_eq!(sandbox.current_reply_keyboard(chat.0), Some(buttons));

    bot.send_message(chat, "Thanks")
        .reply_markup(KeyboardRemove::new())
        .await
        .expect("sendMessage");
    assert!(sandbox.messages(chat.0)[1].removes_keyboard());
    assert_eq!(sandbox.current_reply_keyboard(chat.0), None);

    let sent = sandbox.send_location(&amelie(), 48.85, 2.35, Some(12.0));
    let updates = poll(&bot, 0).await;
    let last = updates.last().expect("updates");
    assert_eq!(i64::from(last.id.0), sent.update_id);
    let UpdateKind::Message(shared) = &last.kind else {
        panic!("expected a message");
    };
    let location = shared.location().expect("location");
    assert_eq!(location.latitude, 48.85);
    assert_eq!(location.horizontal_accuracy, Some(12.0));
}

#[tokio::test]
async fn edit_message_text_applies_and_follows_telegram_rules() {
    let (sandbox, bot) = setup().await;
    let chat = open_chat(&sandbox, &amelie());
    let keyboard = InlineKeyboardMarkup::new([[InlineKeyboardButton::callback("Next", "step:2")]]);
    let sent = bot
        .send_message(chat, "Step 1")
        .reply_markup(keyboard.clone())
        .await
        .expect("send");
    let mut events = sandbox.subscribe();

    let edited = bot
        .edit_message_text(chat, sent.id, "Step 2")
        .reply_markup(keyboard.clone())
        .await
        .expect("edit");
    assert_eq!(edited.text(), Some("Step 2"));
    assert!(edited.edit_date().is_some());
    let Ok(Activity::Edited(event)) = events.recv().await else {
        panic!("expected an Edited activity");
    };
    assert_eq!(event.message_id, sent.id.0);

    let messages = sandbox.messages(chat.0);
    assert_eq!(messages.len(), 1);
    assert!(messages[0].edited);
    assert_eq!(messages[0].plain_text(), "Step 2");

    let same = bot
        .edit_message_text(chat, sent.id, "Step 2")
        .reply_markup(keyboard)
        .await;
    assert_eq!(api_error(same), ApiError::MessageNotModified);

    // Without reply_markup the keyboard goes, as on Telegram.
    bot.edit_message_text(chat, sent.id, "Done")
        .await
        .expect("edit");
    assert!(sandbox.messages(chat.0)[0].inline_buttons().is_empty());

    let markup = InlineKeyboardMarkup::new([[InlineKeyboardButton::callback("Again", "again")]]);
    let with_markup = bot
        .edit_message_reply_markup(chat, sent.id)
        .reply_markup(markup.clone())
        .await
        .expect("editMessageReplyMarkup");
    assert_eq!(with_markup.reply_markup(), Some(&markup));

    let missing = bot.edit_message_text(chat, MessageId(999), "x").await;
    assert_eq!(api_error(missing), ApiError::MessageToEditNotFound);

    let long = bot.edit_message_text(chat, sent.id, "x".repeat(4097)).await;
    assert_eq!(api_error(long), ApiError::EditedMessageIsTooLong);
}

#[tokio::test]
async fn delete_message_removes_it_from_the_chat() {
    let (sandbox, bot) = setup().await;
    let chat = open_chat(&sandbox, &amelie());
    let first = bot.send_message(chat, "one").await.expect("send");
    bot.send_message(chat, "two").await.expect("send");
    bot.delete_message(chat, first.id).await.expect("delete");
    let texts: Vec<String> = sandbox
        .messages(chat.0)
        .iter()
        .map(|m| m.plain_text())
        .collect();
    assert_eq!(texts, ["two"]);
    let again = bot.delete_message(chat, first.id).await;
    assert_eq!(api_error(again), ApiError::MessageToDeleteNotFound);
}

#[tokio::test]
async fn callback_query_and_its_answer() {
    let (sandbox, bot) = setup().await;
    let person = amelie();
    let chat = open_chat(&sandbox, &person);
    let keyboard =
        InlineKeyboardMarkup::new([[InlineKeyboardButton::callback("Go", "visit:chateau")]]);
    bot.send_message(chat, "Ready?")
        .reply_markup(keyboard)
        .await
        .expect("send");
    let message = sandbox.messages(chat.0).remove(0);
    let button = message.button("Go").expect("button");
    let sent = sandbox.press(
        &person,
        &message,
        button.callback_data.as_deref().unwrap_or_default(),
    );
    let id = sent.callback_query_id.clone().expect("callback id");

    let updates = poll(&bot, 0).await;
    let UpdateKind::CallbackQuery(query) = &updates.last().expect("update").kind else {
        panic!("expected a callback query");
    };
    assert_eq!(query.id.0, id);
    assert_eq!(query.data.as_deref(), Some("visit:chateau"));
    assert_eq!(query.from.id.0, 42);
    let regular = query.regular_message().expect("the message is accessible");
    assert_eq!(regular.id.0, message.message_id);
    assert_eq!(regular.text(), Some("Ready?"));

    bot.answer_callback_query(query.id.clone())
        .text("Let's go!")
        .show_alert(true)
        .await
        .expect("answer");
    let answer = sandbox
        .wait_for_callback_answer(&id)
        .await
        .expect("answered");
    assert_eq!(answer.text.as_deref(), Some("Let's go!"));
    assert!(answer.show_alert);

    let twice = bot.answer_callback_query(query.id.clone()).await;
    assert_eq!(api_error(twice), ApiError::InvalidQueryId);
}

#[tokio::test]
async fn inline_query_and_its_answer() {
    let (sandbox, bot) = setup().await;
    let sent = sandbox.inline_query(&amelie(), "chateau");
    let updates = poll(&bot, 0).await;
    let UpdateKind::InlineQuery(query) = &updates[0].kind else {
        panic!("expected an inline query");
    };
    assert_eq!(query.query, "chateau");
    let result = teloxide::types::InlineQueryResultArticle::new(
        "1",
        "Château",
        teloxide::types::InputMessageContent::Text(teloxide::types::InputMessageContentText::new(
            "Visit the château",
        )),
    );
    bot.answer_inline_query(query.id.clone(), [result.into()])
        .cache_time(0)
        .await
        .expect("answerInlineQuery");
    let answer = sandbox
        .wait_for_inline_answer(sent.inline_query_id.as_deref().expect("id"))
        .await
        .expect("answered");
    assert_eq!(answer.results.len(), 1);
    assert_eq!(answer.results[0]["title"], "Château");
}

#[tokio::test]
async fn send_venue_and_location() {
    let (sandbox, bot) = setup().await;
    let chat = open_chat(&sandbox, &amelie());
    let venue = bot
        .send_venue(chat, 47.616, 1.517, "Château de Chambord", "41250 Chambord")
        .google_place_id("ChIJchambord")
        .await
        .expect("sendVenue");
    let parsed = venue.venue().expect("a venue message");
    assert_eq!(parsed.title, "Château de Chambord");
    assert_eq!(parsed.location.latitude, 47.616);

    let location = bot
        .send_location(chat, 47.6, 1.5)
        .await
        .expect("sendLocation");
    assert_eq!(location.location().map(|l| l.longitude), Some(1.5));

    let messages = sandbox.messages(chat.0);
    assert!(matches!(
        &messages[0].content,
        Content::Venue { title, google_place_id: Some(_), .. } if title == "Château de Chambord"
    ));
    assert!(matches!(messages[1].content, Content::Location { .. }));
}

#[tokio::test]
async fn send_document_multipart_records_the_bytes() {
    let (sandbox, bot) = setup().await;
    let chat = open_chat(&sandbox, &amelie());
    let keyboard = InlineKeyboardMarkup::new([[InlineKeyboardButton::callback("OK", "ok")]]);
    let sent = bot
        .send_document(
            chat,
            InputFile::memory(b"route,gpx".to_vec()).file_name("route.csv"),
        )
        .caption("<i>Your route</i>")
        .parse_mode(ParseMode::Html)
        .reply_markup(keyboard)
        .await
        .expect("sendDocument");
    let document = sent.document().expect("a document message");
    assert_eq!(document.file_name.as_deref(), Some("route.csv"));
    assert_eq!(document.file.size, 9);
    assert_eq!(sent.caption(), Some("Your route"));
    assert!(sent.reply_markup().is_some());

    let calls = sandbox.calls_to("sendDocument");
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].params["chat_id"], "42");
    assert_eq!(
        calls[0].params["reply_markup"]["inline_keyboard"][0][0]["text"],
        "OK"
    );
    assert_eq!(calls[0].files.len(), 1);
    assert_eq!(calls[0].files[0].field, "document");
    assert_eq!(calls[0].files[0].file_name, "route.csv");
    assert_eq!(calls[0].files[0].bytes, b"route,gpx");

    let shown = &sandbox.messages(chat.0)[0];
    assert_eq!(shown.plain_text(), "Your route");
    let Content::Document { mime_type, .. } = &shown.content else {
        panic!("expected a document");
    };
    assert_eq!(mime_type.as_deref(), Some("text/csv"));

    // Sending it again by file_id needs no upload.
    let again = bot
        .send_document(chat, InputFile::file_id(document.file.id.clone()))
        .await
        .expect("by file_id");
    assert_eq!(
        again.document().map(|d| &d.file.id),
        Some(&document.file.id)
    );
    let unknown = bot
        .send_document(chat, InputFile::file_id("nope".into()))
        .await;
    assert!(matches!(unknown, Err(RequestError::Api(_))));

    let photo = bot
        .send_photo(
            chat,
            InputFile::memory(vec![0xFF, 0xD8, 0xFF]).file_name("a.jpg"),
        )
        .caption("A view")
        .await
        .expect("sendPhoto");
    assert_eq!(photo.photo().map(<[_]>::len), Some(1));
    assert_eq!(photo.caption(), Some("A view"));
}

#[tokio::test]
async fn a_file_people_sent_can_be_downloaded() {
    let (sandbox, bot) = setup().await;
    let person = amelie();
    let bytes = b"\x89PNG fake image bytes".to_vec();
    let file = sandbox.upload(bytes.clone(), "view.png");
    sandbox.send_photo(&person, &file, 800, 600, Some("my view"));
    let document = sandbox.upload(b"%PDF-1.4".to_vec(), "ticket.pdf");
    sandbox.send_document(&person, &document, "application/pdf");

    let updates = poll(&bot, 0).await;
    let UpdateKind::Message(photo_message) = &updates[0].kind else {
        panic!("expected a message");
    };
    let sizes = photo_message.photo().expect("a photo");
    assert_eq!((sizes[0].width, sizes[0].height), (800, 600));
    assert_eq!(photo_message.caption(), Some("my view"));

    let remote = bot
        .get_file(sizes[0].file.id.clone())
        .await
        .expect("getFile");
    assert_eq!(remote.meta.size, u32::try_from(bytes.len()).expect("small"));
    let mut downloaded = Vec::new();
    bot.download_file(&remote.path, &mut downloaded)
        .await
        .expect("download");
    assert_eq!(downloaded, bytes);

    let UpdateKind::Message(document_message) = &updates[1].kind else {
        panic!("expected a message");
    };
    let parsed = document_message.document().expect("a document");
    assert_eq!(parsed.file_name.as_deref(), Some("ticket.pdf"));
    assert_eq!(
        parsed
            .mime_type
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("application/pdf")
    );

    let unknown = bot.get_file("nope".into()).await;
    assert!(matches!(unknown, Err(RequestError::Api(_))));
}

#[tokio::test]
async fn telegram_rules_catch_bot_bugs() {
    let (sandbox, bot) = setup().await;
    let unknown = bot.send_message(ChatId(7), "hi").await;
    assert_eq!(api_error(unknown), ApiError::ChatNotFound);

    let chat = open_chat(&sandbox, &amelie());
    let long = bot.send_message(chat, "é".repeat(4097)).await;
    assert_eq!(api_error(long), ApiError::MessageIsTooLong);
    bot.send_message(chat, "é".repeat(4096))
        .await
        .expect("4096 characters are fine");

    let empty = bot.send_message(chat, "  ").await;
    assert_eq!(api_error(empty), ApiError::MessageTextIsEmpty);

    let html = bot
        .send_message(chat, "Price < 10€")
        .parse_mode(ParseMode::Html)
        .await;
    assert!(matches!(api_error(html), ApiError::CantParseEntities(_)));

    let data = "x".repeat(65);
    let button = bot
        .send_message(chat, "Pick")
        .reply_markup(InlineKeyboardMarkup::new([[
            InlineKeyboardButton::callback("Too much", data),
        ]]))
        .await;
    assert_eq!(api_error(button), ApiError::ButtonDataInvalid);

    let caption = bot
        .send_photo(chat, InputFile::memory(vec![1, 2, 3]).file_name("p.jpg"))
        .caption("c".repeat(1025))
        .await;
    assert!(matches!(
        api_error(caption),
        ApiError::Unknown(description) if description.contains("caption is too long")
    ));

    // Only the valid message made it into the chat; failures are recorded.
    assert_eq!(sandbox.messages(chat.0).len(), 1);
    let failed = sandbox.calls().iter().filter(|c| c.error.is_some()).count();
    assert_eq!(failed, 6);
}

#[tokio::test]
async fn wrong_token_is_unauthorized() {
    let (sandbox, _bot) = setup().await;
    let intruder = Bot::new("654321:wrong").set_api_url(sandbox.api_url());
    let result = intruder.get_me().await;
    assert_eq!(api_error(result), ApiError::InvalidToken);
    assert_eq!(sandbox.calls()[0].error.as_deref(), Some("Unauthorized"));
}

/// A raw HTTP/1.1 request, for what teloxide cannot send.
async fn raw_request(sandbox: &Sandbox, request_line: &str, body: &str) -> String {
    let mut stream = tokio::net::TcpStream::connect(sandbox.addr())
        .await
        .expect("connect");
    let request = format!(
        "{request_line} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut response = String::new();
    stream.read_to_string(&mut response).await.expect("read");
    response
}

#[tokio::test]
async fn unknown_methods_and_bodies_get_bot_api_errors() {
    let (sandbox, _bot) = setup().await;
    let token = Sandbox::TOKEN;
    let unknown = raw_request(&sandbox, &format!("POST /bot{token}/sendDice"), "{}").await;
    assert!(unknown.starts_with("HTTP/1.1 404"), "{unknown}");
    assert!(unknown.contains(r#""description":"Not Found: method not found""#));
    assert_eq!(sandbox.calls()[0].method, "sendDice");

    let malformed = raw_request(&sandbox, &format!("POST /bot{token}/sendMessage"), "{oops").await;
    assert!(malformed.starts_with("HTTP/1.1 400"), "{malformed}");
    assert!(malformed.contains(r#""ok":false"#));

    // GET with a query string works too.
    let get = raw_request(&sandbox, &format!("GET /bot{token}/getMe?x=1"), "").await;
    assert!(get.contains(r#""username":"escale_sandbox_bot""#), "{get}");
}

#[tokio::test]
async fn wait_for_message_error_lists_the_chat() {
    let config = Config {
        wait_timeout: Duration::from_millis(200),
        ..Config::default()
    };
    let sandbox = Sandbox::start_with(config).await.expect("starts");
    let bot = Bot::new(Sandbox::TOKEN).set_api_url(sandbox.api_url());
    let chat = open_chat(&sandbox, &amelie());
    bot.send_message(chat, "Bienvenue !")
        .reply_markup(InlineKeyboardMarkup::new([[
            InlineKeyboardButton::callback("Visiter", "visit"),
        ]]))
        .await
        .expect("send");
    let error = sandbox
        .wait_for_message(chat.0, |m| m.plain_text().contains("Goodbye"))
        .await
        .expect_err("no such message");
    let text = error.to_string();
    assert!(text.contains("chat 42"), "{text}");
    assert!(text.contains("\"Bienvenue !\""), "{text}");
    assert!(text.contains("Visiter → visit"), "{text}");
}

#[tokio::test]
async fn wait_for_message_sees_later_messages() {
    let (sandbox, bot) = setup().await;
    let chat = open_chat(&sandbox, &amelie());
    let waiter = tokio::spawn({
        let sandbox = sandbox.clone();
        async move {
            sandbox
                .wait_for_message(chat.0, |m| m.plain_text() == "later")
                .await
        }
    });
    bot.send_message(chat, "later").await.expect("send");
    let found = waiter.await.expect("task").expect("found");
    assert_eq!(found.plain_text(), "later");
}

#[derive(BotCommands, Clone, Debug, PartialEq)]
#[command(rename_rule = "lowercase")]
enum Command {
    Start(String),
    Help,
}

#[tokio::test]
async fn commands_carry_a_bot_command_entity() {
    let (sandbox, bot) = setup().await;
    sandbox.send_text(&amelie(), "/start spot_chateau");
    let updates = poll(&bot, 0).await;
    let UpdateKind::Message(message) = &updates[0].kind else {
        panic!("expected a message");
    };
    let entities = message.entities().expect("entities");
    assert_eq!(entities.len(), 1);
    assert_eq!(entities[0].kind, MessageEntityKind::BotCommand);
    assert_eq!((entities[0].offset, entities[0].length), (0, 6));
    let command = Command::parse(message.text().expect("text"), "escale_sandbox_bot");
    assert_eq!(
        command.expect("parses"),
        Command::Start("spot_chateau".to_owned())
    );
}

#[tokio::test]
async fn groups_edits_and_raw_messages() {
    let (sandbox, bot) = setup().await;
    let person = amelie();
    let group = bot.send_message(ChatId(-500), "hi").await;
    assert_eq!(api_error(group), ApiError::ChatNotFound);
    sandbox.add_group(-500, "Voyage");
    sandbox.send_group_text(&person, -500, "/help@escale_sandbox_bot");
    let first = sandbox.send_text(&person, "typo");
    sandbox.edit_text(&person, first.message_id.expect("id"), "fixed");
    sandbox.send_message_with(
        &person,
        serde_json::json!({ "sticker": {
            "file_id": "s1", "file_unique_id": "u1", "type": "regular",
            "width": 512, "height": 512, "is_animated": false, "is_video": false
        }}),
    );
    let updates = poll(&bot, 0).await;
    assert_eq!(updates.len(), 4);
    let UpdateKind::Message(in_group) = &updates[0].kind else {
        panic!("expected a group message");
    };
    assert_eq!(in_group.chat.title(), Some("Voyage"));
    assert_eq!(
        Command::parse(in_group.text().expect("text"), "escale_sandbox_bot").expect("parses"),
        Command::Help
    );
    let UpdateKind::EditedMessage(edited) = &updates[2].kind else {
        panic!("expected an edited message");
    };
    assert_eq!(edited.text(), Some("fixed"));
    let UpdateKind::Message(sticker) = &updates[3].kind else {
        panic!("expected a message");
    };
    assert!(sticker.sticker().is_some());

    bot.send_message(ChatId(-500), "Bonjour le groupe")
        .await
        .expect("group send");
    assert_eq!(sandbox.messages(-500).len(), 1);
}

/// The real thing: a teloxide dispatcher (getMe, getWebhookInfo, long
/// polling, command parsing) driven by people in the sandbox.
#[tokio::test]
async fn a_dispatcher_bot_talks_to_tourists() {
    let (sandbox, bot) = setup().await;
    let handler = dptree::entry()
        .branch(
            Update::filter_message()
                .filter_command::<Command>()
                .endpoint(|bot: Bot, message: Message, command: Command| async move {
                    let text = match command {
                        Command::Start(spot) => format!("Welcome to <b>{spot}</b>"),
                        Command::Help => "Help".to_owned(),
                    };
                    bot.send_message(message.chat.id, text)
                        .parse_mode(ParseMode::Html)
                        .reply_markup(InlineKeyboardMarkup::new([[
                            InlineKeyboardButton::callback("Begin", "begin"),
                        ]]))
                        .await?;
                    respond(())
                }),
        )
        .branch(Update::filter_callback_query().endpoint(
            |bot: Bot, query: CallbackQuery| async move {
                bot.answer_callback_query(query.id.clone())
                    .text("Off we go")
                    .await?;
                if let Some(message) = query.regular_message() {
                    bot.edit_message_text(message.chat.id, message.id, "Step 1 of 3")
                        .await?;
                }
                respond(())
            },
        ));
    let mut dispatcher = Dispatcher::builder(bot, handler).build();
    let task = tokio::spawn(async move { dispatcher.dispatch().await });

    let person = amelie();
    let sent = sandbox.send_text(&person, "/start spot_chateau");
    let welcome = sandbox
        .wait_for_reply(&sent, |m| m.plain_text().contains("Welcome"))
        .await
        .expect("welcome");
    assert_eq!(welcome.plain_text(), "Welcome to spot_chateau");

    let pressed = sandbox.press(&person, &welcome, "begin");
    let answer = sandbox
        .wait_for_callback_answer(pressed.callback_query_id.as_deref().expect("id"))
        .await
        .expect("answer");
    assert_eq!(answer.text.as_deref(), Some("Off we go"));
    let step = sandbox
        .wait_for_reply(&pressed, |m| m.edited)
        .await
        .expect("edited");
    assert_eq!(step.message_id, welcome.message_id);
    assert_eq!(step.plain_text(), "Step 1 of 3");

    // A second /start: wait_for_reply ignores the first welcome.
    let again = sandbox.send_text(&person, "/start spot_jardin");
    let second = sandbox
        .wait_for_reply(&again, |m| m.plain_text().contains("Welcome"))
        .await
        .expect("second welcome");
    assert_eq!(second.plain_text(), "Welcome to spot_jardin");

    assert!(
        sandbox.calls().iter().all(|c| c.error.is_none()),
        "{:?}",
        sandbox.calls()
    );
    task.abort();
}

/// A bot answering `/start` only.
fn start_bot(bot: Bot) -> tokio::task::JoinHandle<()> {
    let handler = Update::filter_message()
        .filter_command::<Command>()
        .endpoint(|bot: Bot, message: Message, command: Command| async move {
            if let Command::Start(spot) = command {
                bot.send_message(message.chat.id, format!("Welcome to {spot}"))
                    .await?;
            }
            respond(())
        });
    let mut dispatcher = Dispatcher::builder(bot, handler).build();
    tokio::spawn(async move { dispatcher.dispatch().await })
}

#[tokio::test]
async fn a_restarted_bot_gets_a_redelivered_update() {
    let (sandbox, bot) = setup().await;
    let person = amelie();
    let first_run = start_bot(bot.clone());
    let sent = sandbox.send_text(&person, "/start spot_chateau");
    let first = sandbox
        .wait_for_reply(&sent, |m| m.plain_text() == "Welcome to spot_chateau")
        .await
        .expect("first reply");
    // Wait until the first run confirmed the update, then "crash" it.
    while sandbox.pending_updates() > 0 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    first_run.abort();
    let _ = first_run.await;

    sandbox.redeliver(sent.update_id);
    let second_run = start_bot(bot);
    let second = sandbox
        .wait_for_message(person.id, |m| {
            m.revision > first.revision && m.plain_text() == "Welcome to spot_chateau"
        })
        .await
        .expect("the restarted bot handles the update again");
    assert_ne!(second.message_id, first.message_id);
    second_run.abort();
}
