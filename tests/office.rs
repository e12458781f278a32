//! The office's and partners' side over real HTTP: rewards from earning to redeeming, `/stats`,
//! `/partner`, `/export`, and the command line's `stats` and `export`.

mod support;

use escale::config;
use escale::sandbox::{BotMessage, Content, Person};
use escale::stats::{Count, Metric};
use support::{World, data_for, tourist};

const ADMIN: i64 = 111111;
const HOTEL_STAFF: i64 = 222222;

fn with_reward_after(tasks: u32) -> String {
    config::EMBEDDED.replace("after_tasks = 4", &format!("after_tasks = {tasks}"))
}

/// Opens `spot` and declares its hashtag task done.
async fn hashtag_done(world: &World, who: &Person, spot: &str) -> BotMessage {
    let sent = world.sandbox.send_text(who, &format!("/start spot_{spot}"));
    let menu = world.reply(&sent, "📍").await;
    let sent = world.sandbox.press(
        who,
        &menu,
        &data_for(&menu, &format!("2:t:{spot}:hashtag:")),
    );
    let task = world.reply(&sent, "#PauPyrenees").await;
    let done = data_for(&task, &format!("2:d:{spot}:hashtag:"));
    let sent = world.sandbox.press(who, &task, &done);
    world.reply(&sent, "✅").await
}

#[tokio::test]
async fn a_reward_is_earned_shown_and_redeemed_once() {
    let world = World::with_config(&with_reward_after(2)).await;
    let alex = tourist(1, "en");
    // A review never counts toward the reward.
    let menu = world.say(&alex, "/start spot_chateau", "Henri IV").await;
    let (review, _) = world
        .press(&alex, &menu, "Leave a review", "helps other travellers")
        .await;
    world
        .press(&alex, &review, "I left a review", "more tasks")
        .await;
    hashtag_done(&world, &alex, "chateau").await;
    assert_eq!(world.stored(&alex).reward, None);

    hashtag_done(&world, &alex, "halles").await;
    let code = world
        .stored(&alex)
        .reward
        .expect("earned after 2 tasks")
        .code;
    let shown = format!("{}-{}", &code[..4], &code[4..]);
    let congratulation = world
        .sandbox
        .wait_for_message(alex.id, |m| {
            m.plain_text().contains("Well done: 2 tasks done!")
        })
        .await
        .unwrap();
    assert!(
        congratulation.plain_text().contains(&shown),
        "{congratulation}"
    );
    assert!(
        congratulation.plain_text().contains("a Pau pin badge"),
        "{congratulation}"
    );
    let passport = world.say(&alex, "/progress", "Your Pau passport").await;
    assert!(passport.plain_text().contains(&shown), "{passport}");

    // The hotel's staff checks it, typed sloppily; it works once.
    let staff = Person::new(HOTEL_STAFF, "Jo").with_language("en");
    world
        .say(
            &staff,
            &format!("/redeem {}", shown.to_lowercase()),
            "Valid code",
        )
        .await;
    world
        .say(&staff, &format!("/redeem {code}"), "already used")
        .await;
    world
        .say(&staff, "/redeem ZZZZ-ZZZZ", "is not a valid code")
        .await;
    world.say(&staff, "/redeem", "Type the code").await;
    let reward = world.stored(&alex).reward.unwrap();
    assert!(reward.redeemed_at.is_some());
    assert_eq!(reward.redeemed_by.as_deref(), Some("hotel-exemple"));
    world.say(&alex, "/progress", "Reward received on").await;

    // A tourist cannot redeem codes.
    world
        .say(
            &tourist(2, "en"),
            &format!("/redeem {code}"),
            "don’t know this command",
        )
        .await;
}

#[tokio::test]
async fn stats_show_the_week_to_admins_only() {
    let world = World::start().await;
    let alex = tourist(3, "en");
    let bea = tourist(4, "en");
    world
        .say(&bea, "/start partner_hotel-exemple", "thanks to")
        .await;
    for who in [&alex, &bea] {
        hashtag_done(&world, who, "chateau").await;
    }
    hashtag_done(&world, &alex, "halles").await;

    let admin = Person::new(ADMIN, "Marie").with_language("en");
    let stats = world.say(&admin, "/stats", "the last 7 days").await;
    let text = stats.plain_text();
    for line in [
        "📊 Pau: the last 7 days",
        "First visits to spots: 3 (0)",
        "Tasks done: 3 (0)",
        "Top spots: Château de Pau 2 · Les Halles food market 1",
        "Tourists brought by partners: Hôtel Exemple (sample partner) 1",
    ] {
        assert!(text.contains(line), "{line:?} in\n{text}");
    }
    world.say(&alex, "/stats", "don’t know this command").await;
    world.say(&alex, "/export", "don’t know this command").await;
    world
        .say(&alex, "/partner", "don’t know this command")
        .await;

    // The hotel's staff sees the tourists it brought, and only those.
    let staff = Person::new(HOTEL_STAFF, "Jo").with_language("en");
    let partner = world.say(&staff, "/partner", "the last 7 days").await;
    let text = partner.plain_text();
    assert!(text.contains("📊 Hôtel Exemple (sample partner)"), "{text}");
    assert!(text.contains("First visits to spots: 1 (0)"), "{text}");
    assert!(text.contains("Tasks done: 1 (0)"), "{text}");
    world.say(&staff, "/stats", "don’t know this command").await;
}

#[tokio::test]
async fn export_sends_the_daily_counts_as_csv_files() {
    let world = World::start().await;
    hashtag_done(&world, &tourist(5, "en"), "chateau").await;
    let admin = Person::new(ADMIN, "Marie").with_language("en");
    let sent = world.sandbox.send_text(&admin, "/export");
    let mut files = Vec::new();
    for name in ["daily-by-spot.csv", "daily-by-partner.csv"] {
        let message = world
            .sandbox
            .wait_for_reply(&sent, |m| match &m.content {
                Content::Document { file, .. } => file.file_name.as_deref() == Some(name),
                _ => false,
            })
            .await
            .unwrap();
        let Content::Document { file, .. } = &message.content else {
            unreachable!()
        };
        files.push(String::from_utf8(world.sandbox.file_bytes(&file.file_id).unwrap()).unwrap());
    }
    let today = escale::tourist::iso_date(escale::unix_now());
    let by_spot: Vec<&str> = files[0].lines().collect();
    assert_eq!(by_spot[0], "date,spot,metric,count");
    assert!(
        by_spot.contains(&format!("{today},chateau,spot-opened,1").as_str()),
        "{by_spot:?}"
    );
    assert!(
        by_spot.contains(&format!("{today},chateau,task-hashtag,1").as_str()),
        "{by_spot:?}"
    );
    assert_eq!(
        files[1], "date,partner,metric,count\n",
        "no partner brought anyone"
    );
}

/// The cost of /stats does not depend on the number of tourists: it reads counters. 100,000
/// tourists' activity is seeded into the store and the answer counts it all.
#[tokio::test]
async fn stats_count_a_hundred_thousand_tourists() {
    let world = World::start().await;
    let store = &world.escale.as_ref().unwrap().store;
    let now = escale::unix_now();
    let mut keys = Vec::new();
    for i in 0..100_000u32 {
        let spot = ["chateau", "halles", "boulevard", "funiculaire"][(i % 4) as usize];
        let partner = (i % 10 == 0).then_some("hotel-exemple");
        let mut counts = vec![Count::at(Metric::SpotOpened, spot)];
        if i % 2 == 0 {
            counts.push(Count::at(
                Metric::TaskDone(escale::tasks::TaskKind::Hashtag),
                spot,
            ));
        }
        keys.extend(counts.iter().map(|c| c.key(now, partner)));
    }
    store.count(keys).await.unwrap();
    let admin = Person::new(ADMIN, "Marie").with_language("en");
    let stats = world.say(&admin, "/stats", "the last 7 days").await;
    let text = stats.plain_text();
    assert!(text.contains("First visits to spots: 100000 (0)"), "{text}");
    assert!(text.contains("Tasks done: 50000 (0)"), "{text}");
    assert!(text.contains("Château de Pau 25000"), "{text}");
}

/// `escale stats` and `escale export`, with the bot running (through its control socket) and
/// stopped (reading the data folder).
#[tokio::test]
async fn the_command_line_shows_and_exports_the_counts() {
    let mut world = World::start().await;
    hashtag_done(&world, &tourist(6, "fr"), "halles").await;
    for running in [true, false] {
        if !running {
            world.stop().await;
        }
        let output = world.escale_command(&["stats"]).await;
        assert!(output.contains(": 1 (0)"), "{output}");
        assert!(output.contains("Les Halles de Pau 1"), "{output}");
        let out = tempfile::tempdir().unwrap();
        let done = world
            .escale_command(&["export", "--out", out.path().to_str().unwrap()])
            .await;
        assert!(done.contains("daily-by-spot.csv"), "{done}");
        let by_spot = std::fs::read_to_string(out.path().join("daily-by-spot.csv")).unwrap();
        assert!(by_spot.contains(",halles,task-hashtag,1"), "{by_spot}");
    }
}

/// `/stats` sends the chart of the last 30 days right after the text: a PNG photo, with today's
/// hashtag bar in its colour; `/partner` sends the partner's own chart the same way.
#[tokio::test]
async fn stats_send_the_chart_right_after_the_text() {
    use escale::stats::chart::{CHART_HEIGHT, CHART_WIDTH, task_colour};
    use escale::tasks::TaskKind;

    let world = World::start().await;
    let bea = tourist(8, "en");
    world
        .say(&bea, "/start partner_hotel-exemple", "thanks to")
        .await;
    hashtag_done(&world, &bea, "chateau").await;

    let is_photo = |m: &BotMessage| matches!(m.content, Content::Photo { .. });
    for (who, command, expect) in [
        (
            Person::new(ADMIN, "Marie").with_language("en"),
            "/stats",
            "📊 Pau",
        ),
        (
            Person::new(HOTEL_STAFF, "Jo").with_language("en"),
            "/partner",
            "📊 Hôtel Exemple",
        ),
    ] {
        world.sandbox.clear_calls();
        let sent = world.sandbox.send_text(&who, command);
        let photo = world
            .sandbox
            .wait_for_reply(&sent, is_photo)
            .await
            .unwrap_or_else(|e| panic!("{command}: no chart: {e}"));
        assert!(photo.plain_text().contains("Tasks done per day"), "{photo}");
        let messages = world.sandbox.messages(who.id);
        let at = messages
            .iter()
            .position(|m| m.message_id == photo.message_id)
            .unwrap();
        assert!(at > 0, "{command}: the chart comes after the text");
        let text = &messages[at - 1];
        assert!(
            !is_photo(text) && text.plain_text().starts_with(expect),
            "{command}: right before the chart: {text}"
        );

        let calls = world.sandbox.calls_to("sendPhoto");
        let [call] = calls.as_slice() else {
            panic!("{command}: one chart, got {calls:?}")
        };
        let [upload] = call.files.as_slice() else {
            panic!("{command}: one file in {call:?}")
        };
        assert_eq!(
            (upload.field.as_str(), upload.file_name.as_str()),
            ("photo", "stats.png")
        );
        let chart = image::load_from_memory_with_format(&upload.bytes, image::ImageFormat::Png)
            .expect("a PNG")
            .to_rgb8();
        assert_eq!(chart.dimensions(), (CHART_WIDTH, CHART_HEIGHT));
        // Below the legend (whose squares bear every colour), only today's hashtag bar.
        let plot = |task| {
            chart
                .enumerate_pixels()
                .filter(|&(_, y, p)| y > CHART_HEIGHT / 3 && p.0 == task_colour(task))
                .count()
        };
        assert!(plot(TaskKind::Hashtag) > 100, "{command}: today's bar");
        assert_eq!(plot(TaskKind::Photo), 0, "{command}: no photo was shared");
    }
}

/// At start-up the bot registers its menu in each language, the staff's own commands in their
/// chats, and its profile texts.
#[tokio::test]
async fn the_menu_and_profile_are_registered_per_language_and_for_staff() {
    let world = World::start().await;
    let menus = world.sandbox.calls_to("setMyCommands");
    let for_language = |code: &str| {
        menus
            .iter()
            .find(|c| c.params["language_code"] == code && c.params["scope"]["type"] == "default")
            .unwrap_or_else(|| panic!("no menu in {code}: {menus:?}"))
    };
    let german = for_language("de");
    let commands = german.params["commands"].as_array().unwrap();
    assert!(
        commands.iter().any(|c| c["command"] == "progress"
            && c["description"] == "Mein Entdeckerpass: Orte und erledigte Aufgaben"),
        "{commands:?}"
    );
    assert!(
        !commands.iter().any(|c| c["command"] == "stats"),
        "no staff command for everyone"
    );
    for code in ["en", "es", "it", "nl"] {
        for_language(code);
    }
    // The commands of the menu registered in a staff member's own chat.
    let staff_menu = |user: i64| -> Vec<String> {
        let menu = menus
            .iter()
            .find(|c| c.params["scope"]["type"] == "chat" && c.params["scope"]["chat_id"] == user)
            .unwrap_or_else(|| panic!("no menu of {user}'s own"));
        let commands = menu.params["commands"].as_array().expect("commands");
        commands
            .iter()
            .filter_map(|c| c["command"].as_str().map(str::to_owned))
            .collect()
    };
    let admin = staff_menu(ADMIN);
    assert!(
        ["stats", "export", "redeem"]
            .iter()
            .all(|c| admin.iter().any(|a| a == c)),
        "{admin:?}"
    );
    let staff = staff_menu(HOTEL_STAFF);
    assert!(
        staff.iter().any(|c| c == "partner") && !staff.iter().any(|c| c == "stats"),
        "{staff:?}"
    );
    let descriptions = world.sandbox.calls_to("setMyDescription");
    assert!(
        descriptions
            .iter()
            .any(|c| c.params["language_code"] == "it"),
        "{descriptions:?}"
    );
}
