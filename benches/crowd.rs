//! The bot under a crowd: `cargo bench --bench crowd`.
//!
//! The real bot (`telegram::start`, no flood limiter, a temporary data folder, the embedded config
//! and locales) talks over real HTTP to the project's sandbox, and 1, 8, 32 and 128 tourists play
//! a closed loop: each sends, waits for its reply, sends again, for a few seconds. Two workloads:
//!
//! - `start`: `/start spot_chateau` again and again, the reply is the spot's menu. Once the first
//!   visit is recorded (untimed) little changes: it mostly measures the way through the bot.
//! - `press`: after one untimed `/start`, the menu's first two buttons in turn: the photo task,
//!   then the postcard. Each records which task awaits the tourist's message, so every press
//!   changes the tourist's record: a durable write before the reply. (The same button again and
//!   again would change nothing after the first press, and a store that skips the disk for an
//!   unchanged record would make it a read.)
//!
//! One line per (workload, tourists): confirmed updates per second, the median and 99th
//! percentile of the time from the tourist's action to the bot's reply, and the fsyncs per
//! confirmed update (`Store::fsyncs`: with group commit, a crowd shares each one).
//!
//! ```text
//! cargo bench --bench crowd                    # everything, about a minute
//! cargo bench --bench crowd -- press 32 128    # some workloads and crowd sizes
//! CROWD_BENCH_SECONDS=10 cargo bench --bench crowd -- start
//! ```
//!
//! The bot and the sandbox run on a runtime of their own, the tourists on the main thread: a bot
//! that stalls (its threads blocked, as with sled's async flush deadlock) is reported after the
//! sandbox's 10-second wait instead of hanging the bench, which then exits with an error.

use std::sync::Arc;
use std::time::{Duration, Instant};

use escale::Escale;
use escale::config::Config;
use escale::i18n::I18n;
use escale::sandbox::{BotMessage, Person, Sandbox};
use escale::store::Store;
use escale::telegram::{self, Connection, RunningBot, Token};

const CROWDS: [usize; 4] = [1, 8, 32, 128];
/// How long each (workload, tourists) is measured, unless `CROWD_BENCH_SECONDS` says otherwise.
const DEFAULT_SECONDS: f64 = 3.0;
const START: &str = "/start spot_chateau";
/// In the spot's menu (English).
const SPOT_NAME: &str = "Château de Pau";
/// In the photo task's reply (English).
const PHOTO_INTRO: &str = "send a photo of the place";
/// In the postcard task's reply (English).
const POSTCARD_INTRO: &str = "Which picture should it show";

#[derive(Debug, Clone, Copy, PartialEq)]
enum Workload {
    Start,
    Press,
}

impl Workload {
    const ALL: [Workload; 2] = [Workload::Start, Workload::Press];

    fn name(self) -> &'static str {
        match self {
            Workload::Start => "start",
            Workload::Press => "press",
        }
    }
}

fn main() {
    // `cargo bench` passes `--bench`, and its filters to every bench: a word this bench does not
    // know is another bench's filter, and then nothing runs here.
    let words: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let mut workloads: Vec<Workload> = Vec::new();
    let mut crowds: Vec<usize> = Vec::new();
    for word in &words {
        if let Some(w) = Workload::ALL.into_iter().find(|w| w.name() == word) {
            workloads.push(w);
        } else if let Ok(n) = word.parse::<usize>() {
            crowds.push(n);
        } else {
            return;
        }
    }
    if workloads.is_empty() {
        workloads = Workload::ALL.to_vec();
    }
    if crowds.is_empty() {
        crowds = CROWDS.to_vec();
    }
    let seconds = std::env::var("CROWD_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| *s > 0.0)
        .unwrap_or(DEFAULT_SECONDS);
    let measure = Duration::from_secs_f64(seconds);

    let tourists_side = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime for the tourists");
    println!(
        "{:<8} {:>8} {:>8} {:>10} {:>8} {:>8} {:>13}",
        "workload", "tourists", "updates", "updates/s", "p50 ms", "p99 ms", "fsyncs/update"
    );
    let mut stalled = false;
    for &workload in &workloads {
        for &tourists in &crowds {
            match tourists_side.block_on(configuration(workload, tourists, measure)) {
                Ok(line) => println!("{line}"),
                Err(failure) => {
                    stalled = true;
                    println!("{:<8} {tourists:>8} FAILED: {failure}", workload.name());
                }
            }
        }
    }
    if stalled {
        std::process::exit(1);
    }
}

/// A bot on a fresh data folder and sandbox, on a runtime of its own.
struct Bot {
    sandbox: Sandbox,
    escale: Arc<Escale>,
    running: Option<RunningBot>,
    runtime: Option<tokio::runtime::Runtime>,
    _data: tempfile::TempDir,
}

impl Bot {
    async fn start() -> Result<Bot, String> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("the bot's runtime: {e}"))?;
        let data = tempfile::tempdir().map_err(|e| format!("temp dir: {e}"))?;
        let store = Store::open(data.path()).map_err(|e| format!("store: {e}"))?;
        let escale = Arc::new(Escale::new(Config::embedded(), I18n::embedded(), store));
        let started = runtime.spawn({
            let escale = escale.clone();
            async move {
                let sandbox = Sandbox::start().await.map_err(|e| e.to_string())?;
                let connection = Connection {
                    token: Token::new(Sandbox::TOKEN),
                    api_url: Some(sandbox.api_url()),
                    throttle: false,
                    fair_share: false,
                };
                let running = telegram::start(escale, connection)
                    .await
                    .map_err(|e| format!("{e:#}"))?;
                Ok::<_, String>((sandbox, running))
            }
        });
        let (sandbox, running) = started.await.map_err(|e| e.to_string())??;
        Ok(Bot {
            sandbox,
            escale,
            running: Some(running),
            runtime: Some(runtime),
            _data: data,
        })
    }

    /// Stops the bot cleanly (its updates finish, the store is flushed).
    async fn stop(mut self) -> Result<(), String> {
        let (Some(running), Some(runtime)) = (self.running.take(), self.runtime.as_ref()) else {
            return Ok(());
        };
        runtime
            .spawn(running.stop())
            .await
            .map_err(|e| e.to_string())?
            .map_err(|e| format!("{e:#}"))
    }
}

impl Drop for Bot {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            // A stalled bot's threads may never return: do not wait for them.
            runtime.shutdown_background();
        }
    }
}

async fn configuration(
    workload: Workload,
    tourists: usize,
    measure: Duration,
) -> Result<String, String> {
    let bot = Bot::start().await?;
    let people: Vec<Person> = (0..tourists)
        .map(|i| Person::new(100_000 + i as i64, "Alex").with_language("en"))
        .collect();
    // Untimed: each tourist's first visit, and the menu whose button `press` presses.
    let menus = futures::future::try_join_all(people.iter().map(|who| {
        let sent = bot.sandbox.send_text(who, START);
        let sandbox = bot.sandbox.clone();
        async move {
            sandbox
                .wait_for_reply(&sent, |m| m.plain_text().contains(SPOT_NAME))
                .await
                .map_err(|e| format!("warm-up: {e}"))
        }
    }))
    .await?;

    let fsyncs = bot.escale.store.fsyncs();
    let started = Instant::now();
    let deadline = started + measure;
    let loops: Vec<_> = people
        .into_iter()
        .zip(menus)
        .map(|(who, menu)| {
            tokio::spawn(closed_loop(
                bot.sandbox.clone(),
                who,
                menu,
                workload,
                deadline,
            ))
        })
        .collect();
    let mut latencies = Vec::new();
    for tourist in futures::future::join_all(loops).await {
        latencies.extend(tourist.map_err(|e| e.to_string())??);
    }
    let elapsed = started.elapsed();
    let fsyncs = bot.escale.store.fsyncs().saturating_sub(fsyncs);
    bot.stop().await?;

    latencies.sort_unstable();
    let updates = latencies.len();
    let percentile = |p: usize| {
        let index = (updates * p / 100).min(updates.saturating_sub(1));
        latencies
            .get(index)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    let per_second = updates as f64 / elapsed.as_secs_f64();
    let fsyncs_per_update = fsyncs as f64 / updates.max(1) as f64;
    Ok(format!(
        "{:<8} {tourists:>8} {updates:>8} {per_second:>10.1} {:>8.1} {:>8.1} {fsyncs_per_update:>13.3}",
        workload.name(),
        percentile(50),
        percentile(99),
    ))
}

/// One tourist until `deadline`: act, wait for the reply, act again. Returns each wait.
async fn closed_loop(
    sandbox: Sandbox,
    who: Person,
    menu: BotMessage,
    workload: Workload,
    deadline: Instant,
) -> Result<Vec<Duration>, String> {
    let buttons: Vec<String> = menu
        .inline_buttons()
        .into_iter()
        .take(2)
        .filter_map(|b| b.callback_data)
        .collect();
    let [photo, postcard] = buttons.as_slice() else {
        return Err(format!("no photo and postcard buttons on the menu: {menu}"));
    };
    let mut latencies = Vec::new();
    while Instant::now() < deadline {
        let asked = Instant::now();
        let (sent, expect) = match workload {
            Workload::Start => (sandbox.send_text(&who, START), SPOT_NAME),
            Workload::Press if latencies.len() % 2 == 0 => {
                (sandbox.press(&who, &menu, photo), PHOTO_INTRO)
            }
            Workload::Press => (sandbox.press(&who, &menu, postcard), POSTCARD_INTRO),
        };
        sandbox
            .wait_for_reply(&sent, |m| m.plain_text().contains(expect))
            .await
            .map_err(|e| format!("tourist {}: {e}", who.id))?;
        latencies.push(asked.elapsed());
    }
    Ok(latencies)
}
