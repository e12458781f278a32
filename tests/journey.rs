//! The tourist's journey, played over real HTTP: the project's local Bot API server (the
//! sandbox) on a random port, the real bot with its own temporary data folder, and tourists who
//! type, share locations and press buttons. Assertions are on what the tourist sees and on what
//! the store holds.

mod support;

use escale::config;
use escale::i18n::Lang;
use escale::sandbox::Content;
use escale::tasks::TaskKind;
use escale::tourist::Tourist;
use support::{World, data, labels, tourist};

// ----- spots and deep links -----

#[tokio::test]
async fn a_spot_qr_code_opens_the_spot_with_its_tasks_in_order() {
    let world = World::start().await;
    let alex = tourist(1, "en");
    let menu = world
        .say(&alex, "/start spot_chateau", "Château de Pau")
        .await;
    assert!(
        menu.plain_text().contains("Henri IV was born here"),
        "{menu}"
    );
    assert_eq!(
        labels(&menu),
        [
            "📷 Share a photo",
            "💌 Send a postcard",
            "⭐ Leave a review",
            "#️⃣ Use our hashtag",
            "🗺 Spots",
            "🎒 My passport"
        ]
    );
    let stored = world.stored(&alex);
    assert!(stored.spots.contains_key("chateau"), "{stored:?}");
}

#[tokio::test]
async fn start_alone_offers_the_location_button_and_the_spots() {
    let world = World::start().await;
    let alex = tourist(2, "en");
    let sent = world.sandbox.send_text(&alex, "/start");
    let welcome = world.reply(&sent, "Welcome to Pau").await;
    let keyboard = welcome.reply_keyboard().expect("a reply keyboard");
    assert!(keyboard[0].request_location, "{welcome}");
    let list = world.reply(&sent, "Or pick a spot").await;
    assert_eq!(list.inline_buttons().len(), 5, "{list}");
    // Looking around stores nothing.
    assert_eq!(world.stored(&alex), Tourist::default());

    let spots = world.say(&alex, "/spots", "Or pick a spot").await;
    let (castle, answer) = world
        .press(&alex, &spots, "Château de Pau", "Henri IV")
        .await;
    assert!(castle.button("Share a photo").is_some());
    assert_eq!(answer.text, None);
}

#[tokio::test]
async fn a_partner_link_welcomes_and_attributes_the_tourist_once() {
    let two_partners = format!(
        "{}\n[[partners]]\nid = \"camping-b\"\nname = \"Camping B\"\n",
        config::EMBEDDED.replace(
            "tasks = [\"photo\", \"hashtag\"]",
            "tasks = [\"photo\", \"hashtag\"]\npartner = \"camping-b\""
        )
    );
    let world = World::with_config(&two_partners).await;
    let alex = tourist(3, "en");
    let welcome = world
        .say(&alex, "/start partner_hotel-exemple", "thanks to")
        .await;
    assert!(welcome.plain_text().contains("Hôtel Exemple"), "{welcome}");
    assert_eq!(
        world.stored(&alex).partner.as_deref(),
        Some("hotel-exemple")
    );

    // The funicular is on Camping B's premises: the first partner is kept.
    world
        .say(&alex, "/start spot_funiculaire", "Pau Funicular")
        .await;
    assert_eq!(
        world.stored(&alex).partner.as_deref(),
        Some("hotel-exemple")
    );

    // A new tourist arriving at that spot is attributed to the spot's partner.
    let bea = tourist(4, "en");
    world
        .say(&bea, "/start spot_funiculaire", "Pau Funicular")
        .await;
    assert_eq!(world.stored(&bea).partner.as_deref(), Some("camping-b"));
}

#[tokio::test]
async fn unknown_deep_links_get_a_friendly_answer() {
    let world = World::start().await;
    let alex = tourist(5, "en");
    let reply = world
        .say(&alex, "/start spot_atlantis", "don’t know this spot")
        .await;
    assert_eq!(
        reply.inline_buttons().len(),
        5,
        "the spots are offered: {reply}"
    );
    world
        .say(&alex, "/start partner_nobody", "don’t recognise this link")
        .await;
    world
        .say(&alex, "/start %27;DROP TABLE", "don’t recognise this link")
        .await;
    assert_eq!(world.stored(&alex), Tourist::default());
}

// ----- locations -----

#[tokio::test]
async fn a_location_at_a_spot_opens_it() {
    let world = World::start().await;
    let alex = tourist(6, "en");
    // In the castle's courtyard.
    let sent = world
        .sandbox
        .send_location(&alex, 43.2949, -0.3754, Some(10.0));
    world.reply(&sent, "Henri IV").await;
    assert!(world.stored(&alex).spots.contains_key("chateau"));
}

#[tokio::test]
async fn a_vague_location_near_a_spot_counts_its_accuracy() {
    let world = World::start().await;
    let alex = tourist(7, "en");
    // ~170 m north of the castle point: outside its 120 m radius...
    let sent = world.sandbox.send_location(&alex, 43.29633, -0.3755, None);
    world.reply(&sent, "nearest ones").await;
    // ...but inside it once a 60 m uncertainty is taken into account.
    let sent = world
        .sandbox
        .send_location(&alex, 43.29633, -0.3755, Some(60.0));
    world.reply(&sent, "Henri IV").await;
}

#[tokio::test]
async fn a_location_elsewhere_lists_the_nearest_spots_and_sends_a_venue() {
    let world = World::start().await;
    let alex = tourist(8, "fr");
    // Near the Palais Beaumont, outside the park's circle.
    let sent = world.sandbox.send_location(&alex, 43.2990, -0.3600, None);
    let list = world.reply(&sent, "Les plus proches").await;
    let buttons = labels(&list);
    assert_eq!(buttons.len(), 3, "{list}");
    assert!(
        buttons[0].starts_with("Parc Beaumont · ") && buttons[0].ends_with(" m"),
        "{buttons:?}"
    );
    let venue = world
        .sandbox
        .wait_for_reply(&sent, |m| matches!(m.content, Content::Venue { .. }))
        .await
        .unwrap();
    let Content::Venue {
        title, latitude, ..
    } = &venue.content
    else {
        unreachable!()
    };
    assert_eq!(title, "Parc Beaumont");
    assert!((latitude - 43.2955).abs() < 1e-9);
    // A location is used, not kept.
    assert_eq!(world.stored(&alex), Tourist::default());
}

// ----- the tasks -----

#[tokio::test]
async fn hashtag_task_offers_the_tags_to_copy_and_is_done_on_honour() {
    let world = World::start().await;
    let alex = tourist(9, "en");
    let menu = world.say(&alex, "/start spot_chateau", "Henri IV").await;
    let (task, _) = world
        .press(&alex, &menu, "Use our hashtag", "#PauPyrenees")
        .await;
    let copy = task.button("Copy").expect("a copy button");
    assert_eq!(
        copy.copy_text.as_deref(),
        Some("#PauPyrenees #ChateauDePau #HenriIV")
    );
    assert!(
        !world.stored(&alex).is_done("chateau", TaskKind::Hashtag),
        "opening is not doing"
    );

    let (menu, answer) = world
        .press(&alex, &task, "I posted it", "3 more tasks")
        .await;
    assert_eq!(answer.text.as_deref(), Some("✅ Done!"));
    assert!(
        menu.button("✅ Use our hashtag").is_some(),
        "ticked in the menu: {menu}"
    );
    assert!(world.stored(&alex).is_done("chateau", TaskKind::Hashtag));
}

#[tokio::test]
async fn app_task_links_the_stores_lists_the_tips_and_counts_the_install() {
    let world = World::start().await;
    let alex = tourist(10, "en");
    let menu = world
        .say(&alex, "/start spot_halles", "Les Halles food market")
        .await;
    let (task, _) = world
        .press(
            &alex,
            &menu,
            "Get the stay app",
            "How to make the most of it",
        )
        .await;
    let text = task.plain_text();
    assert!(
        text.contains("1. Open tourismepau.com") && text.contains("\n3. "),
        "{text}"
    );
    let web = task.button("Website").expect("a website button");
    assert_eq!(web.url.as_deref(), Some("https://www.tourismepau.com/"));
    world.press(&alex, &task, "Installed", "more tasks").await;
    assert!(world.stored(&alex).is_done("halles", TaskKind::App));
    assert_eq!(world.stored(&alex).score(), 1);
}

#[tokio::test]
async fn review_task_gives_everyone_the_same_link_and_never_scores() {
    let world = World::start().await;
    let alex = tourist(11, "en");
    let bea = tourist(12, "en");
    let mut urls = Vec::new();
    for who in [&alex, &bea] {
        let menu = world.say(who, "/start spot_chateau", "Henri IV").await;
        let (task, _) = world
            .press(who, &menu, "Leave a review", "helps other travellers")
            .await;
        urls.push(task.inline_buttons()[0].url.clone().expect("a link"));
    }
    assert_eq!(urls[0], urls[1]);
    assert!(urls[0].contains("Ch%C3%A2teau%20de%20Pau"), "{}", urls[0]);

    // The boulevard has no review page of its own: the destination's is used.
    let menu = world.say(&alex, "/start spot_boulevard", "Boulevard").await;
    let (task, _) = world
        .press(&alex, &menu, "Leave a review", "helps other travellers")
        .await;
    assert!(
        task.inline_buttons()[0]
            .url
            .as_deref()
            .unwrap()
            .contains("Office%20de%20Tourisme")
    );
    world
        .press(&alex, &task, "I left a review", "more tasks")
        .await;

    let stored = world.stored(&alex);
    assert!(stored.is_done("boulevard", TaskKind::Review));
    assert_eq!(stored.score(), 0, "a review never counts");
    world.say(&alex, "/progress", "tasks done: 0").await;
}

#[tokio::test]
async fn photo_task_waits_for_a_photo_then_asks_for_consent() {
    let world = World::start().await;
    let alex = tourist(13, "en");
    let menu = world
        .say(&alex, "/start spot_funiculaire", "Pau Funicular")
        .await;
    world
        .press(&alex, &menu, "Share a photo", "send a photo of the place")
        .await;
    world
        .say(&alex, "here it comes", "waiting for a photo")
        .await;
    let file = world.sandbox.upload(
        include_bytes!("../assets/demo-photo.png").to_vec(),
        "view.png",
    );
    let sent = world.sandbox.send_photo(&alex, &file, 64, 48, None);
    world
        .reply(&sent, "May the Pau tourism office use your photo")
        .await;
    let stored = world.stored(&alex);
    assert!(
        !stored.is_done("funiculaire", TaskKind::Photo),
        "done once consent is answered"
    );
    assert_eq!(stored.photos.len(), 1);
}

#[tokio::test]
async fn completing_every_task_of_a_spot_is_celebrated() {
    let world = World::start().await;
    let alex = tourist(15, "en");
    let menu = world
        .say(&alex, "/start spot_funiculaire", "Pau Funicular")
        .await;
    let (task, _) = world
        .press(&alex, &menu, "Use our hashtag", "#FuniculaireDePau")
        .await;
    world
        .press(&alex, &task, "I posted it", "One more task")
        .await;
    let menu = world
        .say(&alex, "/start spot_funiculaire", "Pau Funicular")
        .await;
    world
        .press(&alex, &menu, "Share a photo", "send a photo")
        .await;
    let file = world
        .sandbox
        .upload(include_bytes!("../assets/demo-photo.png").to_vec(), "v.png");
    let sent = world.sandbox.send_photo(&alex, &file, 64, 48, None);
    let consent = world.reply(&sent, "May the Pau tourism office").await;
    world
        .press(
            &alex,
            &consent,
            "None",
            "You’ve done everything at Pau Funicular",
        )
        .await;
}

// ----- passport, language, privacy -----

#[tokio::test]
async fn the_passport_shows_visits_done_and_left() {
    let world = World::start().await;
    let alex = tourist(16, "en");
    let menu = world
        .say(&alex, "/start spot_halles", "Les Halles food market")
        .await;
    let (task, _) = world
        .press(&alex, &menu, "Use our hashtag", "#HallesDePau")
        .await;
    world.press(&alex, &task, "I posted it", "more tasks").await;
    let passport = world.say(&alex, "/progress", "Your Pau passport").await;
    let text = passport.plain_text();
    assert!(
        text.contains("Spots visited: 1 of 5 · tasks done: 1"),
        "{text}"
    );
    assert!(text.contains("Les Halles food market — 1/4"), "{text}");
    assert!(text.contains("✅ Use our hashtag"), "{text}");
    assert!(
        text.contains("⬜ Share a photo, Leave a review, Get the stay app"),
        "{text}"
    );
    assert!(
        text.contains("Still to discover: Boulevard des Pyrénées, Château de Pau, Pau Funicular"),
        "{text}"
    );
}

#[tokio::test]
async fn lang_switches_every_later_message_and_is_remembered() {
    let world = World::start().await;
    let alex = tourist(17, "en");
    let choice = world.say(&alex, "/lang", "Which language").await;
    assert_eq!(labels(&choice).len(), 6);
    world.press(&alex, &choice, "Deutsch", "spreche ich").await;
    assert_eq!(world.stored(&alex).language, Some(Lang::De));
    world
        .say(&alex, "/start spot_chateau", "Was möchten Sie hier tun?")
        .await;
}

#[tokio::test]
async fn the_language_follows_the_telegram_app() {
    let world = World::start().await;
    world
        .say(
            &tourist(18, "de-AT"),
            "/start spot_chateau",
            "Was möchten Sie hier tun?",
        )
        .await;
    world
        .say(
            &tourist(19, "pt-BR"),
            "/start spot_chateau",
            "Qu’aimeriez-vous faire ici",
        )
        .await;
    world
        .say(
            &tourist(20, "it"),
            "/start spot_chateau",
            "Cosa ti va di fare qui?",
        )
        .await;
    world
        .say(&tourist(21, "nl"), "/spots", "Of kies een plek")
        .await;
    world
        .say(&tourist(22, "es"), "/spots", "O elige un lugar")
        .await;
}

/// A whole visit in French, from the QR code to the passport.
#[tokio::test]
async fn une_visite_en_francais() {
    let world = World::start().await;
    let camille = tourist(23, "fr");
    let menu = world
        .say(&camille, "/start spot_parc-beaumont", "Parc Beaumont")
        .await;
    assert!(menu.button("Partager une photo").is_some(), "{menu}");
    let (task, _) = world
        .press(&camille, &menu, "Installer", "Pour en profiter au mieux")
        .await;
    let (menu, answer) = world
        .press(&camille, &task, "Installée", "missions vous attendent ici")
        .await;
    assert_eq!(answer.text.as_deref(), Some("✅ C’est fait\u{202f}!"));
    assert!(
        menu.inline_buttons()
            .iter()
            .any(|b| b.text.starts_with('✅')),
        "{menu}"
    );
    world.say(&camille, "/progress", "1 sur 5").await;
}

#[tokio::test]
async fn help_and_privacy_explain_themselves() {
    let world = World::start().await;
    let alex = tourist(24, "en");
    world.say(&alex, "/help", "digital guide of Pau").await;
    let privacy = world.say(&alex, "/privacy", "What we store").await;
    assert!(privacy.plain_text().contains("/forget"), "{privacy}");
}

#[tokio::test]
async fn mydata_shows_the_stored_record_and_forget_erases_it() {
    let world = World::start().await;
    let alex = tourist(25, "en");
    world
        .say(&alex, "/mydata", "We store nothing about you")
        .await;
    world
        .say(&alex, "/start partner_hotel-exemple", "thanks to")
        .await;
    let menu = world.say(&alex, "/start spot_chateau", "Henri IV").await;
    let (task, _) = world
        .press(&alex, &menu, "Use our hashtag", "#PauPyrenees")
        .await;
    world.press(&alex, &task, "I posted it", "more tasks").await;

    let sent = world.sandbox.send_text(&alex, "/mydata");
    let document = world
        .sandbox
        .wait_for_reply(&sent, |m| matches!(m.content, Content::Document { .. }))
        .await
        .unwrap();
    let Content::Document { file, .. } = &document.content else {
        unreachable!()
    };
    let bytes = world.sandbox.file_bytes(&file.file_id).expect("the file");
    let shown: Tourist = serde_json::from_slice(&bytes).expect("JSON");
    assert_eq!(shown, world.stored(&alex));
    assert_eq!(shown.partner.as_deref(), Some("hotel-exemple"));

    // Changing one's mind keeps everything.
    let confirm = world.say(&alex, "/forget", "can’t be undone").await;
    world
        .press(&alex, &confirm, "No, keep it", "Nothing was erased")
        .await;
    assert_eq!(world.stored(&alex), shown);

    let confirm = world.say(&alex, "/forget", "can’t be undone").await;
    world
        .press(
            &alex,
            &confirm,
            "Yes, erase",
            "everything about you is erased",
        )
        .await;
    assert_eq!(world.stored(&alex), Tourist::default());
    assert_eq!(world.escale.as_ref().unwrap().store.tourist_count(), 0);
    world
        .say(&alex, "/mydata", "We store nothing about you")
        .await;
}

// ----- storage: restarts and redelivery -----

#[tokio::test]
async fn progress_survives_a_restart() {
    let mut world = World::start().await;
    let alex = tourist(26, "en");
    let menu = world.say(&alex, "/start spot_chateau", "Henri IV").await;
    let (task, _) = world
        .press(&alex, &menu, "Use our hashtag", "#PauPyrenees")
        .await;
    world.press(&alex, &task, "I posted it", "more tasks").await;
    world.restart_with(config::EMBEDDED).await;
    assert_eq!(
        world.sandbox.pending_updates(),
        0,
        "the stop confirmed every update"
    );
    let passport = world.say(&alex, "/progress", "Your Pau passport").await;
    assert!(
        passport.plain_text().contains("✅ Use our hashtag"),
        "{passport}"
    );
}

#[tokio::test]
async fn an_update_delivered_twice_is_applied_once() {
    let world = World::start().await;
    let alex = tourist(27, "en");
    let menu = world.say(&alex, "/start spot_chateau", "Henri IV").await;
    let (task, _) = world
        .press(&alex, &menu, "Use our hashtag", "#PauPyrenees")
        .await;
    let data = task.button("I posted it").unwrap().callback_data.unwrap();
    let sent = world.sandbox.press(&alex, &task, &data);
    world.reply(&sent, "3 more tasks").await;
    let before = world.stored(&alex);

    world.sandbox.redeliver(sent.update_id);
    world.settle(&alex).await;
    assert_eq!(
        world.count_messages(&alex, "more tasks"),
        1,
        "the redelivered press was skipped"
    );
    assert_eq!(world.stored(&alex), before);
}

/// A photo delivered twice is not shared twice: without the check, a second photo would wait for
/// consent and the first would be lost.
#[tokio::test]
async fn a_photo_delivered_twice_is_kept_once() {
    let world = World::start().await;
    let alex = tourist(34, "en");
    let menu = world.say(&alex, "/start spot_chateau", "Henri IV").await;
    world
        .press(&alex, &menu, "Share a photo", "send a photo of the place")
        .await;
    let file = world
        .sandbox
        .upload(include_bytes!("../assets/demo-photo.png").to_vec(), "v.png");
    let sent = world.sandbox.send_photo(&alex, &file, 64, 48, None);
    world.reply(&sent, "May the Pau tourism office").await;
    let before = world.stored(&alex);
    world.sandbox.redeliver(sent.update_id);
    world.settle(&alex).await;
    assert_eq!(world.count_messages(&alex, "May the Pau tourism office"), 1);
    assert_eq!(world.stored(&alex), before);
    assert_eq!(before.photos.len(), 1);
}

// ----- bad input -----

#[tokio::test]
async fn stickers_voice_notes_and_files_get_a_friendly_answer() {
    let world = World::start().await;
    let alex = tourist(28, "en");
    let voice =
        serde_json::json!({ "voice": { "file_id": "v1", "file_unique_id": "v1", "duration": 3 } });
    let sent = world.sandbox.send_message_with(&alex, voice);
    world.reply(&sent, "can’t read this kind of message").await;
    let sticker = serde_json::json!({ "sticker": {
        "file_id": "s1", "file_unique_id": "s1", "type": "regular",
        "width": 512, "height": 512, "is_animated": false, "is_video": false
    }});
    let sent = world.sandbox.send_message_with(&alex, sticker);
    world.reply(&sent, "can’t read this kind of message").await;
    let file = world.sandbox.upload(b"%PDF-1.4 menu".to_vec(), "menu.pdf");
    let sent = world.sandbox.send_document(&alex, &file, "application/pdf");
    world.reply(&sent, "can’t read this kind of message").await;
    world.say(&alex, "bonjour ?", "better with buttons").await;
    world
        .say(&alex, "/teleport", "don’t know this command")
        .await;
    assert_eq!(world.stored(&alex), Tourist::default());
}

#[tokio::test]
async fn edited_messages_change_nothing_and_groups_are_left() {
    let world = World::start().await;
    let alex = tourist(29, "en");
    let sent = world.sandbox.send_text(&alex, "/start spot_chateau");
    world.reply(&sent, "Henri IV").await;
    let message_id = sent.message_id.unwrap();
    world.sandbox.edit_text(&alex, message_id, "/forget");
    world.settle(&alex).await;
    assert_eq!(
        world.count_messages(&alex, "can’t be undone"),
        0,
        "an edit is not a command"
    );

    // In a group, escale says it works in private chats and leaves at once.
    world.sandbox.add_group(-100500, "Hikers");
    let sent = world
        .sandbox
        .send_group_text(&alex, -100500, "who is going up the funicular?");
    world.reply(&sent, "private chats only").await;
    assert!(world.sandbox.wait_for_leave(-100500).await, "the bot left");
}

#[tokio::test]
async fn forged_buttons_are_answered_and_change_nothing() {
    let world = World::start().await;
    let alex = tourist(30, "en");
    let menu = world.say(&alex, "/start spot_chateau", "Henri IV").await;
    let before = world.stored(&alex);
    // Well-formed data the bot never drew (a modified client can send anything).
    for forged in [
        "2:d:chateau:photo:AAAAAAAA",
        "2:d:chateau:hashtag",
        "hello",
        "1:d:chateau:hashtag",
        "9:s:chateau",
        "2:l:xx:AAAAAAAA",
    ] {
        let sent = world.sandbox.press(&alex, &menu, forged);
        let answer = world.answer(&sent).await;
        assert_eq!(
            answer.text.as_deref(),
            Some("This button isn’t valid any more."),
            "{forged}"
        );
        assert!(answer.show_alert);
    }
    // A real button, but drawn in another tourist's chat: it does not open here.
    let bea = tourist(41, "en");
    let bea_menu = world.say(&bea, "/start spot_chateau", "Henri IV").await;
    let foreign = data(&bea_menu, "Use our hashtag");
    let sent = world.sandbox.press(&alex, &menu, &foreign);
    assert!(world.answer(&sent).await.show_alert);
    assert_eq!(world.stored(&alex), before);
}

#[tokio::test]
async fn a_button_of_a_removed_spot_is_stale_not_broken() {
    let mut world = World::start().await;
    let alex = tourist(31, "en");
    let menu = world.say(&alex, "/start spot_chateau", "Henri IV").await;
    let (task, _) = world
        .press(&alex, &menu, "Use our hashtag", "#PauPyrenees")
        .await;

    // The office removes the castle from its config.
    let start = config::EMBEDDED.find("id = \"chateau\"").unwrap();
    let block_start = config::EMBEDDED[..start].rfind("[[spots]]").unwrap();
    let block_end = block_start
        + 9
        + config::EMBEDDED[block_start + 9..]
            .find("[[spots]]")
            .unwrap();
    let without_castle = format!(
        "{}{}",
        &config::EMBEDDED[..block_start],
        &config::EMBEDDED[block_end..]
    );
    world.restart_with(&without_castle).await;

    let (list, answer) = world
        .press(&alex, &task, "I posted it", "no longer works")
        .await;
    assert_eq!(answer.text.as_deref(), Some("This button has expired."));
    assert_eq!(
        list.inline_buttons().len(),
        4,
        "the spots as they are now: {list}"
    );
    let stored = world.stored(&alex);
    assert!(
        stored.spots.contains_key("chateau"),
        "the castle visit is kept"
    );
    assert!(!stored.is_done("chateau", TaskKind::Hashtag));
}

#[tokio::test]
async fn a_corrupt_record_gets_an_apology_and_the_bot_keeps_serving() {
    let mut world = World::start().await;
    let alex = tourist(32, "en");
    world.say(&alex, "/start spot_chateau", "Henri IV").await;
    world.stop().await;
    {
        // Damage Alex's record on disk, as a failing disk or a bad manual edit would.
        let db = sled::open(world.data.path()).unwrap();
        let tree = db.open_tree("tourists_v1").unwrap();
        tree.insert(32u64.to_be_bytes(), &b"{not json"[..]).unwrap();
        db.flush().unwrap();
    }
    world.launch(config::EMBEDDED).await;
    world
        .say(&alex, "/progress", "Sorry, something went wrong")
        .await;
    // The chat's next update is handled too: the dispatcher is alive.
    let menu = world
        .say(&alex, "/spots", "Sorry, something went wrong")
        .await;
    assert!(menu.inline_buttons().is_empty());
    world
        .say(&tourist(33, "en"), "/start spot_chateau", "Henri IV")
        .await;
}

/// Long polling, not short: an idle bot keeps one getUpdates call open for 30 s instead of asking
/// again on every round trip (against Telegram that was a call every ~100 ms), and it clears any
/// webhook first if one is set (Telegram refuses getUpdates while one is).
#[tokio::test]
async fn an_idle_bot_long_polls() {
    let world = World::start().await;
    world.settle(&tourist(40, "en")).await;
    assert_eq!(world.sandbox.calls_to("getWebhookInfo").len(), 1);
    let before = world.sandbox.calls_to("getUpdates").len();
    // An observation window, not a synchronisation: a short-polling bot makes hundreds of calls
    // in it, a long-polling one at most the call it is waiting in.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let calls = world.sandbox.calls_to("getUpdates");
    assert!(
        calls.len() - before <= 1,
        "{} calls while idle",
        calls.len() - before
    );
    let last = calls.last().expect("a getUpdates call");
    assert_eq!(last.params["timeout"], 30, "{:?}", last.params);
}
