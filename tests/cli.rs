//! The `escale` binary as the office runs it: `check`, `run` (token errors, SIGTERM), `demo`
//! replaying a conversation, `posters`, and local security: a private data folder under any
//! umask, a long `--data`, another user refused, a mistyped `--data` creating nothing.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use escale::sandbox::{BotMessage, Person, Sandbox};
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
    let child = tokio::process::Command::new(env!("CARGO_BIN_EXE_escale"))
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
    hashtag_done(&sandbox, &alex, &menu).await;

    let stderr = stop(child).await;
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

/// `escale run` on `data` against `sandbox`, started through `sh` with the umask `umask`, as a
/// service manager or a careless shell could start it.
fn spawn_run(sandbox: &Sandbox, data: &Path, umask: &str) -> tokio::process::Child {
    tokio::process::Command::new("sh")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_escale"))
        .args(["run", "--no-throttle", "--data"])
        .arg(data)
        .env("TELOXIDE_TOKEN", Sandbox::TOKEN)
        .env("TELOXIDE_API_URL", sandbox.api_url().as_str())
        .env_remove("RUST_LOG")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap()
}

/// From the spot's menu, the tourist opens the hashtag task and says it is done.
async fn hashtag_done(sandbox: &Sandbox, alex: &Person, menu: &BotMessage) {
    let open = menu
        .button("Use our hashtag")
        .and_then(|b| b.callback_data)
        .expect("the hashtag task");
    let sent = sandbox.press(alex, menu, &open);
    let task = sandbox
        .wait_for_reply(&sent, |m| m.plain_text().contains("#PauPyrenees"))
        .await
        .unwrap();
    let done = task
        .button("I posted it")
        .and_then(|b| b.callback_data)
        .expect("the done button");
    let sent = sandbox.press(alex, &task, &done);
    sandbox
        .wait_for_reply(&sent, |m| m.plain_text().contains("more tasks"))
        .await
        .unwrap();
}

/// A tourist does the château's hashtag task: the bot answered, so the store has written.
async fn a_task_is_done(sandbox: &Sandbox, id: i64) {
    let alex = Person::new(id, "Alex").with_language("en");
    let sent = sandbox.send_text(&alex, "/start spot_chateau");
    let menu = sandbox
        .wait_for_reply(&sent, |m| m.plain_text().contains("Henri IV"))
        .await
        .unwrap();
    hashtag_done(sandbox, &alex, &menu).await;
}

/// SIGTERM; the bot's log once it stopped cleanly.
async fn stop(mut child: tokio::process::Child) -> String {
    sigterm(&child);
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
    stderr
}

/// Everything in `dir`, `dir` included, that is not private: each as `path mode`.
fn not_private(dir: &Path) -> Vec<String> {
    use std::os::unix::fs::PermissionsExt as _;
    let mut open = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let mode = std::fs::metadata(&folder).unwrap().permissions().mode() & 0o7777;
        if mode != 0o700 {
            open.push(format!("{} {mode:o}", folder.display()));
        }
        for entry in std::fs::read_dir(&folder).unwrap() {
            let entry = entry.unwrap();
            let meta = entry.metadata().unwrap();
            if meta.is_dir() {
                folders.push(entry.path());
            } else if meta.permissions().mode() & 0o7777 != 0o600 {
                let mode = meta.permissions().mode() & 0o7777;
                open.push(format!("{} {mode:o}", entry.path().display()));
            }
        }
    }
    open
}

fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Regression: under umask 0000 the data folder was 0777, its files 0666 and the control socket
/// 0777. A new folder (and the missing folder above it) is now 0700 and everything in it 0600,
/// the socket included, while the bot runs and after it stopped.
#[tokio::test]
async fn run_keeps_a_new_data_folder_private_under_umask_0() {
    use std::os::unix::fs::FileTypeExt as _;

    let sandbox = Sandbox::start().await.unwrap();
    let temp = tempfile::tempdir().unwrap();
    let data = temp.path().join("office").join("data");
    let child = spawn_run(&sandbox, &data, "000");
    a_task_is_done(&sandbox, 79).await;

    let socket = data.join("control.sock");
    assert!(std::fs::metadata(&socket).unwrap().file_type().is_socket());
    assert!(data.join("db").is_file() && data.join("conf").is_file());
    assert_eq!(
        not_private(&temp.path().join("office")),
        Vec::<String>::new()
    );

    stop(child).await;
    assert_eq!(
        not_private(&temp.path().join("office")),
        Vec::<String>::new()
    );
}

/// A data folder made by an older escale, 0755 with its files 0644: opening it again (here by
/// `escale stats`, with no bot running) makes it private.
#[test]
fn an_open_data_folder_is_made_private_when_opened_again() {
    let temp = tempfile::tempdir().unwrap();
    let data = temp.path().join("data");
    drop(Store::open(&data).unwrap());
    let mut folders = vec![data.clone()];
    while let Some(folder) = folders.pop() {
        chmod(&folder, 0o755);
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                chmod(&path, 0o644);
            }
        }
    }
    assert!(!not_private(&data).is_empty());

    let output = escale()
        .arg("stats")
        .arg("--data")
        .arg(&data)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(not_private(&data), Vec::<String>::new());
}

/// Regression: a `--data` path of 140 characters stopped the bot ("path must be shorter than
/// SUN_LEN"). The bot runs, and the office's commands reach it through its socket.
#[tokio::test]
async fn run_works_with_a_data_path_of_140_characters() {
    let sandbox = Sandbox::start().await.unwrap();
    let temp = tempfile::tempdir().unwrap();
    let length = temp.path().as_os_str().len();
    let data = temp.path().join("d".repeat(140 - length - 1));
    assert_eq!(data.as_os_str().len(), 140);
    let child = spawn_run(&sandbox, &data, "022");
    a_task_is_done(&sandbox, 80).await;

    // The store is the bot's: only its socket can answer this.
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_escale"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("stats")
        .arg("--data")
        .arg(&data)
        .output()
        .await
        .unwrap();
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", text(&output.stderr));
    assert!(stdout.contains("Château de Pau 1"), "{stdout}");

    stop(child).await;
}

/// `escale` run by `setpriv` as uid and gid 65534 (nobody), with no other group: another local
/// user. It works in `room`, a folder open to all, with a copy of the shipped config there (and
/// of the binary, when others cannot run it where it was built). Fails, rather than passes,
/// where another user cannot be played.
fn as_nobody(room: &Path) -> tokio::process::Command {
    const NOBODY: [&str; 3] = ["--reuid=65534", "--regid=65534", "--clear-groups"];
    let probe = |bin: &Path| {
        Command::new("setpriv")
            .args(NOBODY)
            .arg(bin)
            .arg("--version")
            .output()
            .unwrap_or_else(|e| {
                panic!("this test needs setpriv (util-linux) to run as another user: {e}")
            })
    };
    let mut bin = Path::new(env!("CARGO_BIN_EXE_escale")).to_path_buf();
    if !probe(&bin).status.success() {
        let copy = room.join("escale");
        std::fs::copy(&bin, &copy).unwrap();
        chmod(&copy, 0o755);
        bin = copy;
    }
    let probe = probe(&bin);
    assert!(
        probe.status.success(),
        "uid 65534 cannot run {} (this test needs root): {}",
        bin.display(),
        text(&probe.stderr)
    );
    let config = room.join("config.toml");
    std::fs::write(&config, include_str!("../config.toml")).unwrap();
    chmod(&config, 0o644);
    let mut command = tokio::process::Command::new("setpriv");
    command
        .current_dir(room)
        .args(NOBODY)
        .arg(bin)
        .arg("--config")
        .arg(config)
        .env_remove("RUST_LOG");
    command
}

/// Regression: another local user got the photo list through the control socket. Each of the
/// three locks refuses on its own: the private folder; once an admin opened the folder, the
/// socket's 0600; once they opened the socket too, the bot's check of the client's uid.
#[tokio::test]
async fn another_user_cannot_ask_the_running_bot() {
    if !escale::private::can_act_as_others() {
        return;
    }
    let sandbox = Sandbox::start().await.unwrap();
    let temp = tempfile::tempdir().unwrap();
    // Others may reach the folder's path, not the folder.
    chmod(temp.path(), 0o755);
    let data = temp.path().join("data");
    let child = spawn_run(&sandbox, &data, "022");
    a_task_is_done(&sandbox, 81).await;

    let stats_as_nobody = async || {
        let output = as_nobody(temp.path())
            .arg("stats")
            .arg("--data")
            .arg(&data)
            .output()
            .await
            .unwrap();
        assert!(
            !output.status.success(),
            "answered: {}",
            text(&output.stdout)
        );
        assert!(output.stdout.is_empty());
        text(&output.stderr)
    };
    let refused = stats_as_nobody().await;
    assert!(
        refused.contains("is private to the user the bot runs as"),
        "{refused}"
    );

    chmod(&data, 0o755);
    let refused = stats_as_nobody().await;
    assert!(
        refused.contains("cannot reach the running bot") && refused.contains("denied"),
        "{refused}"
    );

    chmod(&data.join("control.sock"), 0o666);
    let refused = stats_as_nobody().await;
    assert!(
        refused.contains("refused: this bot answers only its own user")
            && refused.contains("not uid 65534"),
        "{refused}"
    );

    let log = stop(child).await;
    assert!(
        log.contains("refused a client of another user") && log.contains("65534"),
        "{log}"
    );
}

/// Regression: `escale stats --data /nonexistent/typo` created the folder (and an empty
/// database). The office's read-only commands now say what is wrong and create nothing; a
/// folder that holds no escale data is refused and left as it was.
#[test]
fn commands_that_read_never_create_a_data_folder() {
    use std::os::unix::fs::PermissionsExt as _;

    let temp = tempfile::tempdir().unwrap();
    let typo = temp.path().join("nonexistent").join("typo");
    let out = temp.path().join("out");
    let out_arg = out.to_str().unwrap();
    let commands: [&[&str]; 3] = [
        &["stats"],
        &["export", "--out", out_arg],
        &["photos", "export", "--out", out_arg],
    ];
    for args in commands {
        let output = escale()
            .args(args)
            .arg("--data")
            .arg(&typo)
            .env("TELOXIDE_TOKEN", Sandbox::TOKEN)
            .env_remove("TELOXIDE_API_URL")
            .output()
            .unwrap();
        let stderr = text(&output.stderr);
        assert!(!output.status.success(), "{args:?} accepted");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(
            stderr.contains(&format!(
                "no data folder at {}: check --data",
                typo.display()
            )),
            "{args:?}: {stderr}"
        );
        assert!(
            !temp.path().join("nonexistent").exists(),
            "{args:?} created it"
        );
        assert!(!out.exists(), "{args:?} created --out");
    }

    // `--data ~` by mistake: refused, and nothing in it changes.
    let home = temp.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let script = home.join("backup.sh");
    std::fs::write(&script, "#!/bin/sh\n").unwrap();
    chmod(&home, 0o755);
    chmod(&script, 0o755);
    let output = escale()
        .arg("stats")
        .arg("--data")
        .arg(&home)
        .output()
        .unwrap();
    let stderr = text(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("holds no escale data: check --data"),
        "{stderr}"
    );
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o7777;
    assert_eq!((mode(&home), mode(&script)), (0o755, 0o755));
    assert_eq!(
        std::fs::read_dir(&home).unwrap().count(),
        1,
        "nothing added"
    );
}

/// With Telegram's flood limits on (1 message a second per chat), replies pile up behind them;
/// SIGTERM still stops the bot within seconds: what is stored stands, the replies still waiting
/// are dropped after a few seconds. It used to wait for every one of them (minutes with a
/// backlog).
#[tokio::test]
async fn sigterm_stops_within_seconds_whatever_the_backlog() {
    let sandbox = Sandbox::start().await.unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut child = run_command(&sandbox, data.path(), &[])
        .env_remove("ESCALE_NO_THROTTLE")
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Three tourists, 20 messages each: a minute of replies at one a second per chat.
    for id in 81..84 {
        let who = Person::new(id, "Alex").with_language("en");
        for n in 0..20 {
            sandbox.send_text(&who, &format!("hello {n}"));
        }
    }
    let first = sandbox
        .wait_for_message(83, |m| !m.plain_text().is_empty())
        .await;
    assert!(first.is_ok(), "the bot answers");
    sigterm(&child);
    // A deadline for the stop, not a measurement: 5 s of patience for the replies, then out.
    let status = tokio::time::timeout(Duration::from_secs(15), child.wait())
        .await
        .expect("stopped within 15 s")
        .unwrap();
    assert!(status.success(), "{status}");
    let answered: usize = (81..84).map(|id| sandbox.messages(id).len()).sum();
    assert!(
        answered < 60,
        "the backlog was dropped, not waited for: {answered}"
    );
}

/// `run --listen`: a service manager's probe gets 200 from /healthz while the bot works, and a
/// scrape gets the metrics, over real HTTP.
#[tokio::test]
async fn run_serves_health_and_metrics_on_listen() {
    use tokio::io::{AsyncBufReadExt as _, AsyncReadExt as _, AsyncWriteExt as _};
    let sandbox = Sandbox::start().await.unwrap();
    let data = tempfile::tempdir().unwrap();
    let args = ["--no-throttle", "--listen", "127.0.0.1:0"];
    let mut child = run_command(&sandbox, data.path(), &args)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut log = tokio::io::BufReader::new(child.stderr.take().unwrap()).lines();
    let addr = tokio::time::timeout(Duration::from_secs(20), async {
        while let Some(line) = log.next_line().await.unwrap() {
            if let Some(rest) = line.split("health on http://").nth(1) {
                return rest.split('/').next().unwrap().to_owned();
            }
        }
        panic!("the bot stopped before listening");
    })
    .await
    .expect("the bot says where it listens");
    let get = |path: &'static str| {
        let addr = addr.clone();
        async move {
            let mut stream = tokio::net::TcpStream::connect(&addr).await.unwrap();
            let request = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            stream.write_all(request.as_bytes()).await.unwrap();
            let mut answer = String::new();
            stream.read_to_string(&mut answer).await.unwrap();
            answer
        }
    };
    a_task_is_done(&sandbox, 85).await;
    let health = get("/healthz").await;
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    let metrics = get("/metrics").await;
    assert!(metrics.contains("escale_fsyncs_total"), "{metrics}");
    assert!(!metrics.contains("\nescale_updates_total 0\n"), "{metrics}");
    sigterm(&child);
    // Keep reading the log so the bot never blocks writing it.
    while let Ok(Some(_)) = log.next_line().await {}
    let status = tokio::time::timeout(Duration::from_secs(20), child.wait())
        .await
        .expect("exits")
        .unwrap();
    assert!(status.success(), "{status}");
}

/// `escale run ARGS --data DATA` against `sandbox`, from the crate's folder (its `config.toml`),
/// output unread unless the caller pipes it.
fn run_command(sandbox: &Sandbox, data: &Path, args: &[&str]) -> tokio::process::Command {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_escale"));
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("run")
        .args(args)
        .arg("--data")
        .arg(data)
        .env("TELOXIDE_TOKEN", Sandbox::TOKEN)
        .env("TELOXIDE_API_URL", sandbox.api_url().as_str())
        .env_remove("RUST_LOG")
        .stdout(Stdio::null())
        .kill_on_drop(true);
    command
}

/// What systemd sends to stop a service.
fn sigterm(child: &tokio::process::Child) {
    let pid = child.id().expect("running").to_string();
    let sent = Command::new("kill").args(["-TERM", &pid]).status();
    assert!(sent.is_ok_and(|s| s.success()), "kill -TERM {pid}");
}
