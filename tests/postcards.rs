//! The postcard task over real HTTP: a tourist picks a picture (a new photo, an earlier one, the
//! spot's), writes a few words, gets a real card image, shares it through the inline chat picker,
//! and a friend arrives by the card's code.

mod support;

use escale::config;
use escale::sandbox::{BotMessage, Content, Person, Sent};
use escale::stats::Metric;
use escale::tasks::TaskKind;
use support::{World, data_for, tourist};

const PHOTO: &[u8] = include_bytes!("../assets/demo-photo.png");

/// Opens the castle's postcard task; returns the picture question.
async fn open_postcard(world: &World, who: &Person) -> BotMessage {
    let sent = world.sandbox.send_text(who, "/start spot_chateau");
    let menu = world.reply(&sent, "📍").await;
    let sent = world
        .sandbox
        .press(who, &menu, &data_for(&menu, "2:t:chateau:postcard:"));
    world.reply(&sent, "Which picture should it show").await
}

/// Writes `words` and waits for the card (a photo the bot sends); returns it with its JPEG.
async fn write(world: &World, who: &Person, words: &str) -> (Sent, BotMessage, Vec<u8>) {
    let sent = world.sandbox.send_text(who, words);
    let card = world
        .sandbox
        .wait_for_reply(&sent, |m| matches!(m.content, Content::Photo { .. }))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let upload = world
        .sandbox
        .calls_to("sendPhoto")
        .pop()
        .expect("the card was uploaded");
    let jpeg = upload.files.into_iter().next().expect("a file").bytes;
    // Then the spot's menu: the card is stored by then.
    world
        .sandbox
        .wait_for_reply(&sent, |m| {
            m.revision > card.revision && m.button("Spots").is_some()
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    (sent, card, jpeg)
}

/// The card is a real 1600x1000 image whose QR code opens the card's link.
fn decode_card(jpeg: &[u8]) -> String {
    let image = image::load_from_memory(jpeg).expect("a JPEG").to_luma8();
    assert_eq!(image.dimensions(), (1600, 1000));
    let mut prepared = rqrr::PreparedImage::prepare(image);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code on the card");
    grids[0].decode().expect("the QR code decodes").1
}

#[tokio::test]
async fn a_card_from_a_new_photo_is_drawn_sent_and_completes_the_task() {
    let world = World::start().await;
    let alex = tourist(1, "en");
    let question = open_postcard(&world, &alex).await;
    assert_eq!(
        support::labels(&question),
        ["📸 A new photo", "🏞 Château de Pau"]
    );
    world
        .press(
            &alex,
            &question,
            "A new photo",
            "Send the photo for your card",
        )
        .await;
    let file = world.sandbox.upload(PHOTO.to_vec(), "view.png");
    let sent = world.sandbox.send_photo(&alex, &file, 64, 48, None);
    world.reply(&sent, "Now write a few words").await;

    let (sent, card, jpeg) =
        write(&world, &alex, "Bisous de Pau ! Le château est magnifique.").await;
    assert!(
        card.plain_text().contains("Your postcard from Pau"),
        "{card}"
    );
    let stored = world.stored(&alex);
    let code = stored.cards[0].code.clone();
    assert_eq!(
        decode_card(&jpeg),
        format!(
            "https://t.me/PauPyreneesBot?start=card_{}",
            code.to_lowercase()
        )
    );
    let share = card.button("Send it to a friend").expect("a share button");
    assert_eq!(share.switch_inline_query.as_deref(), Some(code.as_str()));
    world.reply(&sent, "more tasks").await;
    assert!(stored.is_done("chateau", TaskKind::Postcard));
    assert!(
        stored.cards[0].file_id.is_some(),
        "kept for the share sheet"
    );
    assert_eq!(stored.card_draft, None);
    let counters = world
        .escale
        .as_ref()
        .unwrap()
        .store
        .counters(0, u32::MAX)
        .unwrap();
    assert!(
        counters
            .iter()
            .any(|(k, n)| k.metric == Metric::PostcardSent && *n == 1)
    );
}

#[tokio::test]
async fn a_card_from_an_earlier_photo_downloads_that_photo() {
    let world = World::start().await;
    let alex = tourist(2, "en");
    // Alex shares a photo at the castle first (kept private).
    let menu = world.say(&alex, "/start spot_chateau", "Henri IV").await;
    world
        .press(&alex, &menu, "Share a photo", "send a photo of the place")
        .await;
    let file = world.sandbox.upload(PHOTO.to_vec(), "castle.png");
    let sent = world.sandbox.send_photo(&alex, &file, 64, 48, None);
    let consent = world.reply(&sent, "May the Pau tourism office").await;
    world.press(&alex, &consent, "None", "stays private").await;

    let question = open_postcard(&world, &alex).await;
    let today = escale::tourist::iso_date(escale::unix_now());
    world
        .press(
            &alex,
            &question,
            &format!("Your photo ({today})"),
            "Now write",
        )
        .await;
    let (_, _, jpeg) = write(&world, &alex, "Vue du château").await;
    decode_card(&jpeg);
    let fetched = world.sandbox.calls_to("getFile");
    assert!(
        fetched
            .iter()
            .any(|c| c.params["file_id"] == file.file_id.as_str()),
        "the earlier photo was fetched: {fetched:?}"
    );
}

#[tokio::test]
async fn a_card_from_the_spot_picture_or_a_drawn_landscape() {
    let with_picture = config::EMBEDDED.replace(
        "tasks = [\"photo\", \"postcard\", \"review\", \"hashtag\"]",
        "tasks = [\"photo\", \"postcard\", \"review\", \"hashtag\"]\npostcard_image = \"assets/demo-photo.png\"",
    );
    for source in [with_picture.as_str(), config::EMBEDDED] {
        let world = World::with_config(source).await;
        let alex = tourist(3, "en");
        let question = open_postcard(&world, &alex).await;
        world
            .press(&alex, &question, "🏞 Château de Pau", "Now write")
            .await;
        let (_, _, jpeg) = write(&world, &alex, "Greetings from the castle").await;
        decode_card(&jpeg);
        assert!(
            world.sandbox.calls_to("getFile").is_empty(),
            "nothing to fetch from Telegram"
        );
    }
}

#[tokio::test]
async fn bad_words_and_bad_pictures_are_explained() {
    let world = World::start().await;
    let alex = tourist(4, "en");
    let question = open_postcard(&world, &alex).await;
    world
        .press(&alex, &question, "A new photo", "Send the photo")
        .await;
    world
        .say(&alex, "here it is", "waiting for the photo of your card")
        .await;
    let junk = world
        .sandbox
        .upload(b"this is not an image at all".to_vec(), "broken.jpg");
    let sent = world.sandbox.send_photo(&alex, &junk, 640, 480, None);
    world.reply(&sent, "Now write").await;
    world
        .say(&alex, &"a".repeat(201), "That’s 201 characters")
        .await;
    world
        .say(&alex, "🏰🎉🇫🇷", "can’t write these characters")
        .await;
    let sent = world.sandbox.send_text(&alex, "Bonjour 🏰 !");
    world.reply(&sent, "emoji and some characters").await;
    world.reply(&sent, "can’t read this picture").await;
    world.reply(&sent, "Which picture should it show").await;
    let stored = world.stored(&alex);
    assert!(stored.cards.is_empty(), "{stored:?}");
    assert!(!stored.is_done("chateau", TaskKind::Postcard));
}

#[tokio::test]
async fn the_card_is_shared_inline_and_a_friend_arrives_by_its_code() {
    let world = World::start().await;
    let alex = tourist(5, "en");
    let question = open_postcard(&world, &alex).await;
    world
        .press(&alex, &question, "🏞 Château de Pau", "Now write")
        .await;
    write(&world, &alex, "Come and see!").await;
    let card = world.stored(&alex).cards[0].clone();

    // In the chat Alex picked, Telegram asks the bot for its inline answers.
    let sent = world.sandbox.inline_query(&alex, &card.code);
    let answer = world
        .sandbox
        .wait_for_inline_answer(sent.inline_query_id.as_deref().unwrap())
        .await
        .unwrap();
    let first = &answer.results[0];
    assert_eq!(first["type"], "photo");
    assert_eq!(
        first["photo_file_id"],
        card.file_id.clone().unwrap().as_str()
    );
    let link = first["reply_markup"]["inline_keyboard"][0][0]["url"]
        .as_str()
        .unwrap();
    assert!(
        link.ends_with(&format!("start=card_{}", card.code.to_lowercase())),
        "{link}"
    );
    // Someone else's inline query shows none of Alex's cards.
    let sent = world.sandbox.inline_query(&tourist(6, "en"), "");
    let other = world
        .sandbox
        .wait_for_inline_answer(sent.inline_query_id.as_deref().unwrap())
        .await
        .unwrap();
    assert!(other.results.is_empty());

    let bea = Person::new(7, "Bea").with_language("en");
    let payload = format!("/start card_{}", card.code.to_lowercase());
    let welcome = world.say(&bea, &payload, "sent you this postcard").await;
    assert!(
        welcome
            .plain_text()
            .contains("Alex sent you this postcard from Château de Pau, Pau"),
        "{welcome}"
    );
    assert_eq!(
        world.stored(&bea).referred_by.as_deref(),
        Some(card.code.as_str())
    );
    world.say(&bea, &payload, "sent you this postcard").await;
    let counters = world
        .escale
        .as_ref()
        .unwrap()
        .store
        .counters(0, u32::MAX)
        .unwrap();
    let friends: u64 = counters
        .iter()
        .filter(|(k, _)| k.metric == Metric::FriendArrived)
        .map(|(_, n)| n)
        .sum();
    assert_eq!(friends, 1, "a friend is counted once");
    world
        .say(&bea, "/start card_zzzzzzzz", "don’t recognise this link")
        .await;
}

#[tokio::test]
async fn cards_are_limited_per_hour() {
    let world = World::start().await;
    let alex = tourist(8, "en");
    for i in 0..escale::tasks::postcard::MAX_CARDS_PER_HOUR {
        let question = open_postcard(&world, &alex).await;
        world
            .press(&alex, &question, "🏞 Château de Pau", "Now write")
            .await;
        write(&world, &alex, &format!("Card number {i}")).await;
    }
    let question = open_postcard(&world, &alex).await;
    world
        .press(&alex, &question, "🏞 Château de Pau", "Now write")
        .await;
    world.say(&alex, "One more?", "the most for now").await;
    assert_eq!(
        world.stored(&alex).cards.len(),
        escale::tasks::postcard::MAX_CARDS_PER_HOUR
    );
}
