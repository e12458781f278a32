//! The photo task over real HTTP: a tourist shares a photo with consent and credit, the office
//! moderates it in its chat, the tourist changes their mind, and the office exports what it may
//! reuse.

mod support;

use escale::config;
use escale::sandbox::{BotMessage, Content, FileRef, Person, Sent};
use escale::tasks::TaskKind;
use escale::tasks::photo::{Credit, PhotoStatus, Scopes};
use support::{World, data_for, tourist};

/// The sample config's moderation chat and office admin.
const MODERATION: i64 = -1001234567890;
const ADMIN: i64 = 111111;

const PHOTO: &[u8] = include_bytes!("../assets/demo-photo.png");

async fn office_world(source: &str) -> World {
    let world = World::with_config(source).await;
    world.sandbox.add_group(MODERATION, "Pau office: photos");
    world
}

fn admin() -> Person {
    Person::new(ADMIN, "Marie").with_language("fr")
}

/// Opens the castle's photo task (in any language) and sends a photo; returns the consent
/// question.
async fn share(world: &World, who: &Person) -> BotMessage {
    let sent = world.sandbox.send_text(who, "/start spot_chateau");
    let menu = world.reply(&sent, "📍").await;
    let sent = world
        .sandbox
        .press(who, &menu, &data_for(&menu, "2:t:chateau:photo:"));
    world.reply(&sent, "").await;
    let file = world.sandbox.upload(PHOTO.to_vec(), "castle.png");
    let sent = world.sandbox.send_photo(who, &file, 64, 48, None);
    world.reply(&sent, "📷").await
}

/// The moderation message of the latest photo.
async fn moderation_message(world: &World, after: &Sent) -> BotMessage {
    world
        .sandbox
        .wait_for_message(MODERATION, |m| {
            matches!(m.content, Content::Photo { .. }) && m.revision > after.revision
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

fn press_data(world: &World, who: &Person, message: &BotMessage, label: &str) -> Sent {
    let data = message
        .button(label)
        .and_then(|b| b.callback_data)
        .unwrap_or_else(|| panic!("no button {label:?} in {message}"));
    world.sandbox.press(who, message, &data)
}

#[tokio::test]
async fn a_photo_shared_with_consent_is_moderated_and_the_author_thanked() {
    let world = office_world(config::EMBEDDED).await;
    let alex = tourist(1, "en");
    let question = share(&world, &alex).await;
    let (credit, _) = world
        .press(&alex, &question, "All", "How should we credit you")
        .await;
    let sent = press_data(&world, &alex, &credit, "As “Alex”");
    world
        .reply(&sent, "The tourism office will look at your photo")
        .await;
    let menu = world.reply(&sent, "more tasks").await;
    assert!(menu.button("✅ Share a photo").is_some(), "{menu}");

    let submitted = moderation_message(&world, &sent).await;
    let caption = submitted.plain_text();
    for part in ["Château de Pau", "Réseaux sociaux", "Alex", "en attente"] {
        assert!(caption.contains(part), "{part:?} in {caption}");
    }
    let stored = world.stored(&alex);
    let photo = &stored.photos[0];
    assert_eq!(photo.status, PhotoStatus::Pending);
    assert_eq!(photo.scopes, Scopes::ALL);
    assert_eq!(photo.credit, Credit::Name("Alex".into()));
    assert!(stored.is_done("chateau", TaskKind::Photo));

    let approve = press_data(&world, &admin(), &submitted, "Valider");
    let answer = world.answer(&approve).await;
    assert!(answer.text.unwrap().contains("Validée par Marie"));
    let decided = world
        .sandbox
        .wait_for_message(MODERATION, |m| {
            m.message_id == submitted.message_id && m.edited
        })
        .await
        .unwrap();
    assert!(
        decided.plain_text().contains("Validée par Marie"),
        "{decided}"
    );
    assert!(
        decided.inline_buttons().is_empty(),
        "decided: no more buttons"
    );
    world
        .reply(&sent, "was selected by the Pau tourism office")
        .await;
    let photo = &world.stored(&alex).photos[0];
    assert_eq!(photo.status, PhotoStatus::Approved);
    assert!(photo.approved_at.is_some());

    // The same button pressed again (a second admin, a double tap) changes nothing.
    let again = world.sandbox.press(
        &admin(),
        &submitted,
        &submitted.button("Valider").unwrap().callback_data.unwrap(),
    );
    assert!(
        world
            .answer(&again)
            .await
            .text
            .unwrap()
            .contains("Déjà traitée")
    );
    let reject = world.sandbox.press(
        &admin(),
        &submitted,
        &submitted.button("Refuser").unwrap().callback_data.unwrap(),
    );
    world.answer(&reject).await;
    assert_eq!(world.stored(&alex).photos[0].status, PhotoStatus::Approved);
}

#[tokio::test]
async fn declining_every_use_keeps_the_photo_private_and_still_counts() {
    let world = office_world(config::EMBEDDED).await;
    let alex = tourist(2, "en");
    let question = share(&world, &alex).await;
    let sent = press_data(&world, &alex, &question, "None");
    world.reply(&sent, "your photo stays private").await;
    world.reply(&sent, "more tasks").await;
    let stored = world.stored(&alex);
    assert_eq!(stored.photos[0].status, PhotoStatus::Private);
    assert!(stored.is_done("chateau", TaskKind::Photo));
    world.settle(&alex).await;
    assert!(
        world.sandbox.messages(MODERATION).is_empty(),
        "sent to no one"
    );
}

#[tokio::test]
async fn ticked_uses_and_a_typed_credit_reach_the_office() {
    let world = office_world(config::EMBEDDED).await;
    let alex = tourist(3, "en");
    let question = share(&world, &alex).await;
    let (question, _) = world
        .press(&alex, &question, "Social networks", "May the Pau")
        .await;
    assert!(
        question.button("☑️ Social networks").is_some(),
        "{question}"
    );
    let (question, _) = world
        .press(&alex, &question, "Website and print", "May the Pau")
        .await;
    assert!(
        question.button("☑️ Website and print").is_some(),
        "{question}"
    );
    assert!(question.button("⬜ Partners").is_some(), "{question}");
    let (credit, _) = world
        .press(&alex, &question, "Continue", "How should we credit you")
        .await;
    world
        .press(&alex, &credit, "Another name", "Type the name")
        .await;
    world.say(&alex, &"x".repeat(61), "Type the name").await;
    let sent = world.sandbox.send_text(&alex, "Camille D.");
    world
        .reply(&sent, "The tourism office will look at your photo")
        .await;
    let submitted = moderation_message(&world, &sent).await;
    assert!(submitted.plain_text().contains("Camille D."), "{submitted}");
    let photo = &world.stored(&alex).photos[0];
    assert_eq!(
        photo.scopes,
        Scopes {
            social: true,
            web_print: true,
            partners: false
        }
    );
    assert_eq!(photo.credit, Credit::Name("Camille D.".into()));
}

#[tokio::test]
async fn a_consent_withdrawn_after_approval_reaches_the_office_and_the_export() {
    let mut world = office_world(config::EMBEDDED).await;
    let alex = tourist(4, "en");
    let bea = tourist(5, "de");
    for who in [&alex, &bea] {
        let question = share(&world, who).await;
        let sent = press_data(
            &world,
            who,
            &question,
            question.inline_buttons()[3].text.as_str(),
        );
        let credit = world.reply(&sent, "").await;
        let sent = press_data(
            &world,
            who,
            &credit,
            credit.inline_buttons()[0].text.as_str(),
        );
        let message = moderation_message(&world, &sent).await;
        let approve = press_data(&world, &admin(), &message, "Valider");
        world.answer(&approve).await;
    }
    let alex_photo = world.stored(&alex).photos[0].id;
    let bea_photo = world.stored(&bea).photos[0].id;

    // Bea withdraws her consent from /myphotos.
    let sent = world.sandbox.send_text(&bea, "/myphotos");
    let mine = world
        .sandbox
        .wait_for_reply(&sent, |m| matches!(m.content, Content::Photo { .. }))
        .await
        .unwrap();
    let withdraw = press_data(&world, &bea, &mine, "🚫");
    world.answer(&withdraw).await;
    office_notice(&world, &withdraw, bea_photo).await;
    assert_eq!(world.stored(&bea).photos[0].status, PhotoStatus::Withdrawn);
    let mine = world
        .sandbox
        .wait_for_message(bea.id, |m| m.message_id == mine.message_id && m.edited)
        .await
        .unwrap();
    assert!(
        mine.button("🚫").is_none(),
        "nothing left to withdraw: {mine}"
    );

    // The export, asked of the running bot through its control socket.
    let out = tempfile::tempdir().unwrap();
    let summary = export(&world, out.path()).await;
    assert!(summary.contains("1 new photos downloaded"), "{summary}");
    let manifest = std::fs::read_to_string(out.path().join("photos.csv")).unwrap();
    let lines: Vec<&str> = manifest.lines().collect();
    assert_eq!(lines[0], "file,spot,credit,scopes,approved");
    assert_eq!(lines.len(), 2, "{manifest}");
    assert!(
        lines[1].starts_with(&format!("photo-{alex_photo}.")),
        "{manifest}"
    );
    assert!(
        lines[1].contains(",Château de Pau,Alex,social web-print partners,"),
        "{manifest}"
    );
    let file = lines[1].split(',').next().unwrap();
    assert_eq!(
        std::fs::read(out.path().join(file)).unwrap(),
        PHOTO,
        "the photo as shared"
    );
    let withdrawn = std::fs::read_to_string(out.path().join("withdrawn.csv")).unwrap();
    assert!(
        withdrawn.contains(&format!("photo-{bea_photo},Château de Pau,")),
        "{withdrawn}"
    );

    // Again with the bot stopped: the export opens the store itself, and fetches nothing twice.
    world.stop().await;
    let summary = export(&world, out.path()).await;
    assert!(
        summary.contains("0 new photos downloaded, 1 already there"),
        "{summary}"
    );

    // Alex erases everything: the office is told to take his photo down.
    world.launch(config::EMBEDDED).await;
    let confirm = world.say(&alex, "/forget", "can’t be undone").await;
    let sent = press_data(&world, &alex, &confirm, "Yes, erase");
    world.reply(&sent, "everything about you is erased").await;
    office_notice(&world, &sent, alex_photo).await;
    let summary = export(&world, out.path()).await;
    assert!(
        summary.contains("0 new photos downloaded, 0 already there, 2 withdrawn"),
        "{summary}"
    );
    assert!(!out.path().join(file).exists(), "the local copy is deleted");
    let withdrawn = std::fs::read_to_string(out.path().join("withdrawn.csv")).unwrap();
    assert!(
        withdrawn.contains(&format!("photo-{alex_photo}")),
        "{withdrawn}"
    );
}

/// A text message to the office about photo `id`, after the tourist's action `after`.
async fn office_notice(world: &World, after: &Sent, id: u64) -> BotMessage {
    world
        .sandbox
        .wait_for_message(MODERATION, |m| {
            m.content == Content::Text
                && m.revision > after.revision
                && m.plain_text().contains(&id.to_string())
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

/// `escale photos export` against the world's data folder and sandbox.
async fn export(world: &World, out: &std::path::Path) -> String {
    let out = out.to_str().expect("a UTF-8 path");
    world
        .escale_command(&["photos", "export", "--out", out])
        .await
}

#[tokio::test]
async fn only_office_admins_can_moderate() {
    let world = office_world(config::EMBEDDED).await;
    let alex = tourist(6, "en");
    let question = share(&world, &alex).await;
    let sent = press_data(&world, &alex, &question, "All");
    let credit = world.reply(&sent, "How should we credit you").await;
    let sent = press_data(&world, &alex, &credit, "Anonymous");
    let submitted = moderation_message(&world, &sent).await;
    assert!(submitted.plain_text().contains("Anonyme"), "{submitted}");

    let intruder = Person::new(999, "Mallory").with_language("en");
    let approve = press_data(&world, &intruder, &submitted, "Valider");
    let answer = world.answer(&approve).await;
    assert_eq!(
        answer.text.as_deref(),
        Some("Only the tourism office staff can decide on photos.")
    );
    assert!(answer.show_alert);
    // Even the tourist's own forged approval is refused.
    let own = world.sandbox.press(
        &alex,
        &submitted,
        &submitted.button("Valider").unwrap().callback_data.unwrap(),
    );
    assert!(world.answer(&own).await.show_alert);
    assert_eq!(world.stored(&alex).photos[0].status, PhotoStatus::Pending);
    assert!(
        !world.sandbox.messages(MODERATION).iter().any(|m| m.edited),
        "the caption is untouched"
    );
}

#[tokio::test]
async fn wrong_files_are_explained_and_nothing_is_stored() {
    let world = office_world(config::EMBEDDED).await;
    let alex = tourist(7, "en");
    let menu = world
        .say(&alex, "/start spot_chateau", "Château de Pau")
        .await;
    world
        .press(&alex, &menu, "📷", "send a photo of the place")
        .await;

    let heic = world
        .sandbox
        .upload(b"....ftypheic".to_vec(), "IMG_0042.HEIC");
    let sent = world.sandbox.send_document(&alex, &heic, "image/heic");
    world.reply(&sent, "HEIC file").await;
    let pdf = world.sandbox.upload(b"%PDF-1.4".to_vec(), "flyer.pdf");
    let sent = world.sandbox.send_document(&alex, &pdf, "application/pdf");
    world.reply(&sent, "JPEG and PNG files").await;
    let video = serde_json::json!({ "video": {
        "file_id": "vid1", "file_unique_id": "vid1", "file_size": 90_000,
        "width": 640, "height": 480, "duration": 4, "mime_type": "video/mp4"
    }});
    let sent = world.sandbox.send_message_with(&alex, video);
    world.reply(&sent, "Videos can’t be shared").await;
    let huge = serde_json::json!({ "document": {
        "file_id": "big1", "file_unique_id": "big1", "file_name": "IMG_0001.JPG",
        "mime_type": "image/jpeg", "file_size": 25_000_000
    }});
    let sent = world.sandbox.send_message_with(&alex, huge);
    world.reply(&sent, "over 20 MB").await;

    let stored = world.stored(&alex);
    assert!(stored.photos.is_empty(), "{stored:?}");
    assert!(!stored.is_done("chateau", TaskKind::Photo));

    // The original, sent as a JPEG or PNG file, is welcome.
    let original: FileRef = world.sandbox.upload(PHOTO.to_vec(), "IMG_0002.PNG");
    let sent = world.sandbox.send_document(&alex, &original, "image/png");
    world.reply(&sent, "May the Pau tourism office").await;
    assert!(world.stored(&alex).photos[0].original);
}

#[tokio::test]
async fn a_tourist_cannot_flood_the_moderation_chat() {
    let config = config::EMBEDDED.replace("max_pending_photos = 10", "max_pending_photos = 2");
    let world = office_world(&config).await;
    let alex = tourist(8, "en");
    for _ in 0..2 {
        let question = share(&world, &alex).await;
        let sent = press_data(&world, &alex, &question, "All");
        let credit = world.reply(&sent, "How should we credit you").await;
        let sent = press_data(&world, &alex, &credit, "Anonymous");
        world.reply(&sent, "The tourism office will look").await;
    }
    let menu = world
        .say(&alex, "/start spot_chateau", "Château de Pau")
        .await;
    world
        .press(&alex, &menu, "Share a photo", "send a photo of the place")
        .await;
    let file = world.sandbox.upload(PHOTO.to_vec(), "third.png");
    let sent = world.sandbox.send_photo(&alex, &file, 64, 48, None);
    world
        .reply(&sent, "You already have 2 photos waiting")
        .await;
    assert_eq!(world.stored(&alex).photos.len(), 2);
}

#[tokio::test]
async fn buttons_of_someone_elses_photo_do_nothing() {
    let world = office_world(config::EMBEDDED).await;
    let alex = tourist(9, "en");
    let question = share(&world, &alex).await;
    let photo = world.stored(&alex).photos[0].id;
    let bea = tourist(10, "en");
    world.say(&bea, "/start", "Welcome").await;
    // Real buttons, drawn for Alex's photo, pressed by someone else.
    let buttons: Vec<String> = question
        .inline_buttons()
        .into_iter()
        .filter_map(|b| b.callback_data)
        .collect();
    assert!(buttons.len() >= 5, "{question}");
    let _ = photo;
    for data in buttons {
        let sent = world.sandbox.press(&bea, &question, &data);
        world.reply(&sent, "no longer open").await;
        world.answer(&sent).await;
    }
    assert!(world.stored(&bea).photos.is_empty());
    assert_eq!(world.stored(&alex).photos[0].status, PhotoStatus::Draft);
}

#[tokio::test]
async fn an_unreachable_moderation_chat_is_reported_to_the_admins_not_the_tourist() {
    let world = World::with_config(config::EMBEDDED).await; // the bot is not in the moderation chat
    world.say(&admin(), "/start", "bienvenue").await;
    let alex = tourist(11, "en");
    let question = share(&world, &alex).await;
    let sent = press_data(&world, &alex, &question, "All");
    let credit = world.reply(&sent, "How should we credit you").await;
    let sent = press_data(&world, &alex, &credit, "Anonymous");
    world
        .reply(&sent, "The tourism office will look at your photo")
        .await;
    world
        .sandbox
        .wait_for_message(ADMIN, |m| m.plain_text().contains("modération"))
        .await
        .unwrap();
    assert_eq!(world.stored(&alex).photos[0].status, PhotoStatus::Pending);
}

#[tokio::test]
async fn myphotos_and_mydata_show_the_photos_and_consent_can_be_changed() {
    let world = office_world(config::EMBEDDED).await;
    let alex = tourist(12, "en");
    world
        .say(&alex, "/myphotos", "haven’t shared any photo")
        .await;
    let question = share(&world, &alex).await;
    let sent = press_data(&world, &alex, &question, "None");
    world.reply(&sent, "stays private").await;

    let sent = world.sandbox.send_text(&alex, "/myphotos");
    let mine = world
        .sandbox
        .wait_for_reply(&sent, |m| matches!(m.content, Content::Photo { .. }))
        .await
        .unwrap();
    assert!(mine.plain_text().contains("Status: private"), "{mine}");
    assert!(mine.button("Withdraw").is_none(), "nothing to withdraw");
    // Alex changes his mind: social networks only, anonymous.
    let (question, _) = world
        .press(&alex, &mine, "Change", "May the Pau tourism office")
        .await;
    let (question, _) = world
        .press(&alex, &question, "Social networks", "May the Pau")
        .await;
    let (credit, _) = world
        .press(&alex, &question, "Continue", "How should we credit you")
        .await;
    let sent = press_data(&world, &alex, &credit, "Anonymous");
    world.reply(&sent, "Your choice is saved").await;
    let submitted = moderation_message(&world, &sent).await;
    assert!(
        submitted.plain_text().contains("Réseaux sociaux"),
        "{submitted}"
    );
    assert_eq!(world.stored(&alex).photos[0].status, PhotoStatus::Pending);

    let sent = world.sandbox.send_text(&alex, "/mydata");
    let document = world
        .sandbox
        .wait_for_reply(&sent, |m| matches!(m.content, Content::Document { .. }))
        .await
        .unwrap();
    let Content::Document { file, .. } = &document.content else {
        unreachable!()
    };
    let json = String::from_utf8(world.sandbox.file_bytes(&file.file_id).unwrap()).unwrap();
    assert!(
        json.contains("\"photos\"") && json.contains("\"pending\""),
        "{json}"
    );
}

/// The bot leaves any group it is added to, except the office's moderation chat: staff talking
/// there get no answer and the photos keep coming.
#[tokio::test]
async fn the_moderation_chat_is_never_left() {
    let world = office_world(config::EMBEDDED).await;
    world
        .sandbox
        .send_group_text(&admin(), MODERATION, "/start");
    let alex = tourist(12, "en");
    let question = share(&world, &alex).await;
    let (credit, _) = world
        .press(&alex, &question, "All", "How should we credit you")
        .await;
    let sent = press_data(&world, &alex, &credit, "Anonymous");
    moderation_message(&world, &sent).await;
    assert!(world.sandbox.calls_to("leaveChat").is_empty());
    let answers = world.sandbox.messages(MODERATION);
    assert_eq!(
        answers.len(),
        1,
        "only the photo, no answer to the staff: {answers:?}"
    );
}

/// The moderation chat is the office's: its staff are never held to a tourist's fair share, however
/// fast they press.
#[tokio::test]
async fn the_office_may_press_as_fast_as_it_likes() {
    let world = office_world(config::EMBEDDED).await;
    let alex = tourist(13, "en");
    let question = share(&world, &alex).await;
    let (credit, _) = world
        .press(&alex, &question, "All", "How should we credit you")
        .await;
    let sent = press_data(&world, &alex, &credit, "Anonymous");
    let moderation = moderation_message(&world, &sent).await;
    let approve = moderation
        .button("Valider")
        .and_then(|b| b.callback_data)
        .expect("an Approve button");
    let batch = world.sandbox.hold();
    let presses: Vec<Sent> = (0..40)
        .map(|_| world.sandbox.press(&admin(), &moderation, &approve))
        .collect();
    batch.release();
    for sent in &presses {
        let answer = world.answer(sent).await;
        assert!(
            answer.text.is_some(),
            "every press is decided, none dropped"
        );
    }
    assert_eq!(world.stored(&alex).photos[0].status, PhotoStatus::Approved);
    let slow_down = |m: &BotMessage| m.plain_text().contains("Une chose à la fois");
    assert!(!world.sandbox.messages(MODERATION).iter().any(slow_down));
}
