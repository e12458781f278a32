//! The `escale` binary as the office runs it: `check`, `run` (token errors, SIGTERM), `demo`
//! replaying a conversation, and `posters`.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use escale::sandbox::{Person, Sandbox};
use escale::store::Store;
use escale::tasks::TaskKind;

fn escale() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_escale"));
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("RUST_LOG");
    command
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn check_prints_every_deep_link_of_the_shipped_config() {
    let output = escale().arg("check").output().unwrap();
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", text(&output.stderr));
    assert!(
        stdout.contains("5 spots, 1 partner; 6 languages"),
        "{stdout}"
    );
    for id in [
        "boulevard",
        "chateau",
        "funiculaire",
        "halles",
        "parc-beaumont",
    ] {
        assert!(
            stdout.contains(&format!("https://t.me/PauPyreneesBot?start=spot_{id}")),
            "{id}: {stdout}"
        );
    }
    assert!(
        stdout.contains("https://t.me/PauPyreneesBot?start=partner_hotel-exemple"),
        "{stdout}"
    );
}

fn check_with(config: &str) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, config).unwrap();
    escale()
        .arg("check")
        .arg("--config")
        .arg(&path)
        .output()
        .unwrap()
}

#[test]
fn check_explains_a_broken_config() {
    let shipped =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("config.toml")).unwrap();
    let cases = [
        (
            shipped.replace("id = \"halles\"", "id = \"Les Halles\""),
            "a-z, 0-9 and -",
        ),
        (
            shipped.replace("id = \"halles\"", "id = \"chateau\""),
            "already used at line",
        ),
        (
            shipped.replace("radius_m = 130", "radius_m = 130\ncolour = \"red\""),
            "unknown field `colour`",
        ),
        (shipped.replace("lat = 43.2977", "lat = 432977"), "latitude"),
        (
            shipped.replace(
                "tasks = [\"photo\", \"hashtag\"]",
                "tasks = [\"photo\", \"selfie\"]",
            ),
            "selfie",
        ),
        (
            shipped.replace("web_url = \"https://", "web_url = \"htps//"),
            "web_url",
        ),
        (
            shipped.replace("[office]", "[office]\n[office]"),
            "duplicate key",
        ),
    ];
    for (config, expected) in cases {
        let output = check_with(&config);
        let stderr = text(&output.stderr);
        assert!(!output.status.success(), "{expected}: accepted");
        assert!(stderr.contains(expected), "{expected}: {stderr}");
        assert!(stderr.contains("line "), "{expected}: no line in {stderr}");
    }
}

#[test]
fn run_without_a_token_says_what_to_set() {
    let output = escale()
        .arg("run")
        .env_remove("TELOXIDE_TOKEN")
        .output()
        .unwrap();
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("TELOXIDE_TOKEN") && stderr.contains("@BotFather"),
        "{stderr}"
    );
}

#[test]
fn demo_replays_a_conversation() {
    let mut child = escale()
        .arg("demo")
        .env("LANG", "en_GB.UTF-8")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let conversation = include_str!("fixtures/conversation.txt");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(conversation.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", text(&output.stderr));
    // The answers come in the order of the conversation.
    let expected = [
        "you › /start spot_chateau",
        "bot › 📍 Château de Pau",
        "[4] #️⃣ Use our hashtag",
        "#PauPyrenees #ChateauDePau #HenriIV",
        "💬 ✅ Done!",
        "3 more tasks await you here",
        "[4] ✅ Use our hashtag",
        "Spots visited: 1 of 5 · tasks done: 1",
        "The nearest ones:",
        "📍 Parc Beaumont, ",
        "can’t read this kind of message",
        "🇩🇪 Deutsch",
        "Ab jetzt spreche ich Deutsch",
        "📎 escale-mydata.json",
        "\"language\": \"de\"",
        "\"hashtag\"",
        "Alles über Sie ist gelöscht",
        "We store nothing about you",
        "Bye!",
    ];
    let mut rest = stdout.as_str();
    for line in expected {
        let at = rest
            .find(line)
            .unwrap_or_else(|| panic!("{line:?} missing (or out of order) in:\n{stdout}"));
        rest = &rest[at + line.len()..];
    }
}

/// SIGTERM, as a service manager sends it: the update in flight finishes, the offset is
/// confirmed to Telegram, the store is flushed, and the process exits cleanly.
#[tokio::test]
async fn run_stops_cleanly_on_sigterm() {
    let sandbox = Sandbox::start().await.unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_escale"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["run", "--no-throttle", "--data"])
        .arg(data.path())
        .env("TELOXIDE_TOKEN", Sandbox::TOKEN)
        .env("TELOXIDE_API_URL", sandbox.api_url().as_str())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();

    let alex = Person::new(77, "Alex").with_language("en");
    let sent = sandbox.send_text(&alex, "/start spot_chateau");
    let menu = sandbox
        .wait_for_reply(&sent, |m| m.plain_text().contains("Henri IV"))
        .await
        .unwrap();
    let sent = sandbox.press(&alex, &menu, "1:d:chateau:hashtag");
    sandbox
        .wait_for_reply(&sent, |m| m.plain_text().contains("more tasks"))
        .await
        .unwrap();

    let pid = child.id().unwrap().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let status = tokio::time::timeout(Duration::from_secs(20), child.wait())
        .await
        .expect("exits")
        .unwrap();
    let mut stderr = String::new();
    tokio::io::AsyncReadExt::read_to_string(child.stderr.as_mut().unwrap(), &mut stderr)
        .await
        .unwrap();
    assert!(status.success(), "{status}: {stderr}");
    assert!(stderr.contains("stopped cleanly"), "{stderr}");
    assert!(
        !stderr.contains(Sandbox::TOKEN),
        "the token never reaches the log"
    );
    assert_eq!(sandbox.pending_updates(), 0, "every update was confirmed");

    let store = Store::open(data.path()).expect("the process released the data folder");
    assert!(
        store
            .tourist(77)
            .unwrap()
            .is_done("chateau", TaskKind::Hashtag)
    );
}

/// `kill -HUP`: a good new config takes effect without a restart; a broken one is refused with the
/// same errors as `check`, and the bot goes on with the one it had.
#[tokio::test]
async fn sighup_reloads_a_good_config_and_refuses_a_broken_one() {
    use tokio::io::AsyncBufReadExt as _;

    let sandbox = Sandbox::start().await.unwrap();
    let data = tempfile::tempdir().unwrap();
    let config = data.path().join("office.toml");
    let shipped = include_str!("../config.toml");
    std::fs::write(&config, shipped).unwrap();
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_escale"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["run", "--no-throttle", "--config"])
        .arg(&config)
        .arg("--data")
        .arg(data.path().join("db"))
        .env("TELOXIDE_TOKEN", Sandbox::TOKEN)
        .env("TELOXIDE_API_URL", sandbox.api_url().as_str())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut log = tokio::io::BufReader::new(child.stderr.take().unwrap()).lines();
    let mut wait_for_log = async |needle: &str| {
        let found = tokio::time::timeout(Duration::from_secs(20), async {
            while let Some(line) = log.next_line().await.unwrap() {
                if line.contains(needle) {
                    return line;
                }
            }
            panic!("the bot stopped before logging {needle:?}");
        });
        found
            .await
            .unwrap_or_else(|_| panic!("no {needle:?} in the log"))
    };
    let hangup = |pid: u32| {
        assert!(
            Command::new("kill")
                .args(["-HUP", &pid.to_string()])
                .status()
                .unwrap()
                .success()
        );
    };
    let pid = child.id().unwrap();
    let alex = Person::new(78, "Alex").with_language("en");
    let intro = |text: &'static str| {
        let sent = sandbox.send_text(&alex, "/start spot_chateau");
        let sandbox = sandbox.clone();
        async move {
            sandbox
                .wait_for_reply(&sent, |m| m.plain_text().contains(text))
                .await
                .unwrap()
        }
    };
    intro("Henri IV was born here").await;

    let renamed = shipped.replace("Henri IV was born here", "Le roi Henri IV was born here");
    std::fs::write(&config, &renamed).unwrap();
    hangup(pid);
    wait_for_log("configuration reloaded").await;
    intro("Le roi Henri IV").await;

    std::fs::write(&config, renamed.replace("lat = 43.2948", "lat = 143.2948")).unwrap();
    hangup(pid);
    let refused = wait_for_log("refused").await;
    assert!(
        refused.contains("office.toml is not valid") && refused.contains("line "),
        "{refused}"
    );
    wait_for_log("is not a valid latitude").await;
    intro("Le roi Henri IV").await;

    let _ = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status();
    let status = tokio::time::timeout(Duration::from_secs(20), child.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(status.success());
}

#[test]
fn check_warns_about_what_cannot_work() {
    let shipped =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("config.toml")).unwrap();
    let risky = shipped
        // The funicular's circle now reaches the boulevard's.
        .replace("radius_m = 100", "radius_m = 200")
        // No review page anywhere for the boulevard (it has no review_url of its own).
        .replace(
            "review_url = \"https://www.google.com/maps/search/?api=1&query=Office%20de%20Tourisme%20Pau%20Pyr%C3%A9n%C3%A9es\"\n",
            "",
        )
        // No link for the app task.
        .replace("web_url = \"https://www.tourismepau.com/\"\n", "");
    let output = check_with(&risky);
    let stdout = text(&output.stdout);
    assert!(
        output.status.success(),
        "warnings do not stop the bot: {}",
        text(&output.stderr)
    );
    assert!(stdout.contains("Warnings"), "{stdout}");
    assert!(
        stdout.contains("spots boulevard and funiculaire are"),
        "{stdout}"
    );
    assert!(
        stdout.contains("spot boulevard: the review task has no review page"),
        "{stdout}"
    );
    assert!(
        stdout.contains("spot halles: the app task has no link"),
        "{stdout}"
    );
    assert!(
        !check_with(&shipped)
            .stdout
            .windows(8)
            .any(|w| w == b"Warnings"),
        "the sample is clean"
    );
}

/// `escale posters` on the shipped config: a PNG and an SVG per spot and partner, the PNG A5 at
/// 300 dpi with a QR code that decodes to exactly the deep link, the SVG well-formed with an A5
/// viewBox and the link written out.
#[test]
fn posters_are_made_for_every_spot_and_partner() {
    let out = tempfile::tempdir().unwrap();
    let output = escale()
        .arg("posters")
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", text(&output.stderr));
    assert_eq!(stdout.lines().count(), 1, "one summary line: {stdout}");
    assert!(
        stdout.contains("6 posters (5 spots, 1 partner)"),
        "{stdout}"
    );

    let made = [
        ("boulevard", "spot"),
        ("chateau", "spot"),
        ("funiculaire", "spot"),
        ("halles", "spot"),
        ("parc-beaumont", "spot"),
        ("hotel-exemple", "partner"),
    ];
    let mut files: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut expected: Vec<String> = made
        .iter()
        .flat_map(|(id, _)| [format!("{id}.png"), format!("{id}.svg")])
        .collect();
    expected.sort();
    assert_eq!(files, expected);

    for (id, kind) in made {
        let link = format!("https://t.me/PauPyreneesBot?start={kind}_{id}");
        let png = std::fs::read(out.path().join(format!("{id}.png"))).unwrap();
        let image = image::load_from_memory_with_format(&png, image::ImageFormat::Png)
            .unwrap_or_else(|e| panic!("{id}.png: {e}"))
            .into_luma8();
        assert_eq!(image.dimensions(), (1748, 2480), "{id}.png");
        let mut prepared = rqrr::PreparedImage::prepare(image);
        let decoded: Vec<String> = prepared
            .detect_grids()
            .into_iter()
            .map(|grid| grid.decode().unwrap_or_else(|e| panic!("{id}.png: {e}")).1)
            .collect();
        assert_eq!(decoded, std::slice::from_ref(&link), "{id}.png");

        let svg = std::fs::read_to_string(out.path().join(format!("{id}.svg"))).unwrap();
        let document = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{id}.svg: {e}"));
        let root = document.root_element();
        assert!(root.has_tag_name("svg"), "{id}.svg");
        assert_eq!(root.attribute("viewBox"), Some("0 0 148 210"), "{id}.svg");
        let texts: Vec<&str> = root
            .descendants()
            .filter(|node| node.has_tag_name("text"))
            .filter_map(|node| node.text())
            .collect();
        assert!(
            texts.contains(&link.as_str()),
            "{id}.svg: the link is not written out in {texts:?}"
        );
        assert!(texts.contains(&"#PauPyrenees"), "{id}.svg: {texts:?}");
    }
    // The château has four tasks: four minutes, four souvenirs.
    let chateau = std::fs::read_to_string(out.path().join("chateau.svg")).unwrap();
    assert!(chateau.contains("Scan me: 4 minutes, 4 digital souvenirs of Pau"));
}

#[test]
fn posters_into_a_path_under_a_file_fail_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "not a folder").unwrap();
    let output = escale()
        .args(["posters", "--out"])
        .arg(file.join("posters"))
        .output()
        .unwrap();
    let stderr = text(&output.stderr);
    assert!(!output.status.success(), "accepted");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("notes.txt is a file, not a folder") && stderr.contains("--out"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
}
