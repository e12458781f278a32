//! Fuzzing harness for escale's parsers of hostile input: the callback codec, the deep-link
//! parser, the config loader and the picture decoder behind the postcards.
//!
//! No coverage feedback (no nightly toolchain here for libFuzzer): inputs are built by structured
//! generators and stacked mutations of real seeds, from a seeded generator, so that a run is the
//! same on every machine and any one execution can be made again from `(seed, execution)`. Each
//! execution runs under `catch_unwind`; a panic, or a broken property, stops the run with the
//! input. See `fuzz/README.md` for how to run it.
//!
//! The root test suite includes this file (`tests/fuzz_smoke.rs`) for short bounded runs: it uses
//! nothing but `escale` and the crates escale itself depends on.
#![forbid(unsafe_code)]

pub mod callback;
pub mod config;
pub mod deep_link;
pub mod image;
pub mod mutate;
pub mod rng;

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::Once;
use std::time::{Duration, Instant};

use rng::Rng;

/// What is fuzzed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// `escale::telegram::callback::{decode, encode}`.
    Callback,
    /// `escale::journey::DeepLink::parse`.
    DeepLink,
    /// `escale::config::Config::parse`.
    Config,
    /// `escale::card::decode::decode`, and `escale::card::render` once per decoded size.
    Image,
}

impl Target {
    pub const ALL: [Target; 4] = [
        Target::Callback,
        Target::DeepLink,
        Target::Config,
        Target::Image,
    ];

    /// The name on the command line, of the corpus folder and of crash files.
    pub fn name(self) -> &'static str {
        match self {
            Target::Callback => "callback",
            Target::DeepLink => "deep-link",
            Target::Config => "config",
            Target::Image => "image",
        }
    }

    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The seeds built into the harness: real data, made by escale's own code where it can.
    pub fn seeds(self) -> Vec<Vec<u8>> {
        match self {
            Target::Callback => callback::seeds(),
            Target::DeepLink => deep_link::seeds(),
            Target::Config => config::seeds(),
            Target::Image => image::seeds(),
        }
    }

    fn generate(self, rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
        match self {
            Target::Callback => callback::generate(rng, corpus),
            Target::DeepLink => deep_link::generate(rng, corpus),
            Target::Config => config::generate(rng, corpus),
            Target::Image => image::generate(rng, corpus),
        }
    }
}

/// What one execution found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    /// Worth counting, not a failure: which way the input went, or a quirk.
    Note(&'static str),
    /// A property does not hold.
    Fail(String),
}

/// The state a target keeps between executions.
#[derive(Debug)]
pub struct Checker {
    target: Target,
    renders: image::Renders,
}

impl Checker {
    /// `renders`: how many full postcards the image target may render in a run.
    pub fn new(target: Target, renders: usize) -> Checker {
        Checker {
            target,
            renders: image::Renders::new(renders),
        }
    }

    /// Runs one input: a panic that escapes is a failure; one that escale caught itself is noted.
    pub fn run(&mut self, input: &[u8]) -> Verdict {
        install_panic_hook();
        IN_EXECUTION.with(|flag| flag.set(true));
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| match self.target {
            Target::Callback => callback::check(input),
            Target::DeepLink => deep_link::check(input),
            Target::Config => config::check(input),
            Target::Image => image::check(input, &mut self.renders),
        }));
        IN_EXECUTION.with(|flag| flag.set(false));
        let panics = PANICS.with(|p| std::mem::take(&mut *p.borrow_mut()));
        match outcome {
            Err(_) => Verdict::Fail(format!(
                "panicked: {}",
                panics.last().map_or("(no message)", String::as_str)
            )),
            Ok(Verdict::Fail(message)) => Verdict::Fail(message),
            Ok(_) if !panics.is_empty() => {
                CAUGHT.with(|c| c.borrow_mut().clone_from(&panics[0]));
                Verdict::Note("a panic inside escale, caught there")
            }
            Ok(verdict) => verdict,
        }
    }

    /// The message of the last panic that escale caught itself.
    pub fn last_caught_panic(&self) -> String {
        CAUGHT.with(|c| c.borrow().clone())
    }

    /// Full renders done so far (image target).
    pub fn renders(&self) -> usize {
        self.renders.count()
    }
}

thread_local! {
    static IN_EXECUTION: Cell<bool> = const { Cell::new(false) };
    static PANICS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    static CAUGHT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Panics during an execution are recorded, not printed (a decoder panic escale catches would
/// print millions of times); any other panic goes to the previous hook as usual.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if IN_EXECUTION.with(Cell::get) {
                let message = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                let location = info
                    .location()
                    .map(|l| format!(" at {}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                PANICS.with(|p| p.borrow_mut().push(format!("{message}{location}")));
            } else {
                previous(info);
            }
        }));
    });
}

/// The input of execution `exec` in a run seeded with `seed`.
pub fn input(target: Target, corpus: &[Vec<u8>], seed: u64, exec: u64) -> Vec<u8> {
    // The seeds themselves go first, as they are.
    if let Some(seed_input) = usize::try_from(exec).ok().and_then(|i| corpus.get(i)) {
        return seed_input.clone();
    }
    target.generate(&mut Rng::for_exec(seed, exec), corpus)
}

/// The built-in seeds, then the files of `dir` (the committed corpus, or more), without repeats.
pub fn corpus(target: Target, dir: &Path) -> Vec<Vec<u8>> {
    let mut corpus = target.seeds();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    for bytes in files
        .into_iter()
        .filter_map(|path| std::fs::read(path).ok())
    {
        if !corpus.contains(&bytes) {
            corpus.push(bytes);
        }
    }
    corpus
}

/// How a run went.
#[derive(Debug)]
pub struct Report {
    pub target: Target,
    pub execs: u64,
    pub elapsed: Duration,
    /// Each kind of note, how many times, and the first input that gave it.
    pub notes: Vec<(&'static str, u64, Vec<u8>)>,
    /// The slowest execution: its number and how long it took.
    pub slowest: (u64, Duration),
    pub failure: Option<Failure>,
    /// The distinct panics escale caught itself (message and place), the first 20, each with the
    /// first input that gave it.
    pub caught_panics: Vec<(String, Vec<u8>)>,
    pub renders: usize,
}

/// The input that broke a property, and how.
#[derive(Debug, Clone)]
pub struct Failure {
    pub exec: u64,
    pub input: Vec<u8>,
    pub message: String,
}

impl Report {
    pub fn execs_per_second(&self) -> f64 {
        self.execs as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// A few lines for a person: the counts, the speed, the notes with their first input.
    pub fn summary(&self) -> String {
        let mut out = format!(
            "{}: {} executions in {:.1} s ({:.0} exec/s), slowest #{} in {:.1} ms",
            self.target.name(),
            self.execs,
            self.elapsed.as_secs_f64(),
            self.execs_per_second(),
            self.slowest.0,
            self.slowest.1.as_secs_f64() * 1000.0,
        );
        if self.renders > 0 {
            out.push_str(&format!(", {} cards rendered", self.renders));
        }
        for (kind, count, first) in &self.notes {
            out.push_str(&format!(
                "\n  {count:>10}  {kind}  (first: {})",
                escape(first, 80)
            ));
        }
        for (message, _) in &self.caught_panics {
            out.push_str(&format!("\n  caught panic: {message}"));
        }
        if let Some(failure) = &self.failure {
            out.push_str(&format!(
                "\nFAILED at execution {}: {}\n  input: {}",
                failure.exec,
                failure.message,
                escape(&failure.input, 2000)
            ));
        }
        out
    }
}

/// `runs` executions of `target` from `seed`, stopping at the first failure; `progress` is called
/// about once a second with the executions so far and the time taken.
pub fn fuzz(
    target: Target,
    corpus: &[Vec<u8>],
    seed: u64,
    runs: u64,
    renders: usize,
    mut progress: impl FnMut(u64, Duration),
) -> Report {
    let mut checker = Checker::new(target, renders);
    let mut notes: Vec<(&'static str, u64, Vec<u8>)> = Vec::new();
    let mut slowest = (0, Duration::ZERO);
    let mut failure = None;
    let mut caught_panics: Vec<(String, Vec<u8>)> = Vec::new();
    let start = Instant::now();
    let mut next_progress = Duration::from_secs(1);
    let mut execs = 0;
    while execs < runs {
        let input = input(target, corpus, seed, execs);
        let began = Instant::now();
        let verdict = checker.run(&input);
        let took = began.elapsed();
        if took > slowest.1 {
            slowest = (execs, took);
        }
        execs += 1;
        match verdict {
            Verdict::Pass => {}
            Verdict::Note(kind) => {
                if kind == "a panic inside escale, caught there" && caught_panics.len() < 20 {
                    let message = checker.last_caught_panic();
                    if !caught_panics.iter().any(|(m, _)| *m == message) {
                        caught_panics.push((message, input.clone()));
                    }
                }
                match notes.iter_mut().find(|(k, _, _)| *k == kind) {
                    Some(note) => note.1 += 1,
                    None => notes.push((kind, 1, input)),
                }
            }
            Verdict::Fail(message) => {
                failure = Some(Failure {
                    exec: execs - 1,
                    input,
                    message,
                });
                break;
            }
        }
        if execs % 256 == 0 && start.elapsed() >= next_progress {
            progress(execs, start.elapsed());
            next_progress += Duration::from_secs(1);
        }
    }
    Report {
        target,
        execs,
        elapsed: start.elapsed(),
        notes,
        slowest,
        failure,
        caught_panics,
        renders: checker.renders(),
    }
}

/// `bytes` as a Rust byte-string literal, cut at `max` bytes: pasteable into a regression test.
pub fn escape(bytes: &[u8], max: usize) -> String {
    let shown: String = bytes[..bytes.len().min(max)]
        .iter()
        .flat_map(|&b| std::ascii::escape_default(b))
        .map(char::from)
        .collect();
    let more = if bytes.len() > max {
        format!("… ({} bytes)", bytes.len())
    } else {
        String::new()
    };
    format!("b\"{shown}\"{more}")
}

/// A short stable name for an input (FNV-1a, 64 bits), for crash files.
pub fn hash(bytes: &[u8]) -> String {
    let h = bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{h:016x}")
}
