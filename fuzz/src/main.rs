//! `escale-fuzz`: runs the fuzz targets from the command line. See `fuzz/README.md`.
#![forbid(unsafe_code)]

use std::alloc::System;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cap::Cap;
use escale_fuzz::{Target, corpus, escape, fuzz, hash, input};

/// Every allocation is counted, and refused past the limit (`--max-memory`), which aborts the
/// run: a hostile input must not make escale allocate without bound.
#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

const USAGE: &str = "\
usage: escale-fuzz <target>... [--runs N] [--seed S] [--renders N] [--max-memory MIB]
       escale-fuzz replay <target> <file>...
       escale-fuzz input <target> --seed S --exec I
       escale-fuzz write-corpus

targets: callback, deep-link, config, image, or all
  --runs N        executions per target (default 100000; 10M = 10000000 or 10M)
  --seed S        the generator's seed (default 1): the same seed gives the same inputs
  --renders N     full postcards the image target renders, one per new decoded size (default 500)
  --max-memory M  allocations past M MiB abort the run (default 2048)
replay runs saved inputs (a crash file) once each and says what they do.
input writes the input of execution I of a run seeded S to fuzz/crashes/ (after an abort).
write-corpus writes the built-in seeds to fuzz/corpus/<target>/.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("{message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

struct Options {
    targets: Vec<Target>,
    files: Vec<PathBuf>,
    runs: u64,
    seed: u64,
    exec: Option<u64>,
    renders: usize,
    max_memory_mib: usize,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        targets: Vec::new(),
        files: Vec::new(),
        runs: 100_000,
        seed: 1,
        exec: None,
        renders: 500,
        max_memory_mib: 2048,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| format!("{name} needs a value"))
                .and_then(|v| number(v).ok_or_else(|| format!("{name}: {v:?} is not a number")))
        };
        match arg.as_str() {
            "--runs" => options.runs = value("--runs")?,
            "--seed" => options.seed = value("--seed")?,
            "--exec" => options.exec = Some(value("--exec")?),
            "--renders" => options.renders = value("--renders")? as usize,
            "--max-memory" => options.max_memory_mib = value("--max-memory")? as usize,
            "all" => options.targets.extend(Target::ALL),
            "-h" | "--help" => return Err("escale-fuzz: fuzz escale's parsers".into()),
            other => match Target::from_name(other) {
                Some(target) => options.targets.push(target),
                None if !options.targets.is_empty() => options.files.push(other.into()),
                None => return Err(format!("unknown target or option {other:?}")),
            },
        }
    }
    Ok(options)
}

/// `10000000`, `10_000_000`, `10M` or `500k`.
fn number(text: &str) -> Option<u64> {
    let text = text.replace('_', "");
    let (digits, scale) = match text.strip_suffix(['M', 'm']) {
        Some(digits) => (digits, 1_000_000),
        None => match text.strip_suffix(['k', 'K']) {
            Some(digits) => (digits, 1_000),
            None => (text.as_str(), 1),
        },
    };
    digits.parse::<u64>().ok()?.checked_mul(scale)
}

fn fuzz_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn corpus_dir(target: Target) -> PathBuf {
    fuzz_dir().join("corpus").join(target.name())
}

fn crash_path(name: &str) -> Result<PathBuf, String> {
    let dir = fuzz_dir().join("crashes");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    Ok(dir.join(name))
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    match args.first().map(String::as_str) {
        Some("write-corpus") => write_corpus(),
        Some("replay") => replay(&parse(&args[1..])?),
        Some("input") => write_input(&parse(&args[1..])?),
        _ => run_targets(&parse(args)?),
    }
}

fn run_targets(options: &Options) -> Result<ExitCode, String> {
    if options.targets.is_empty() {
        return Err("name a target".into());
    }
    let limit = options.max_memory_mib.saturating_mul(1024 * 1024);
    ALLOCATOR
        .set_limit(limit)
        .map_err(|()| "the memory limit is below what is already allocated".to_owned())?;
    println!(
        "seed {}, {} runs a target, allocations capped at {} MiB",
        options.seed, options.runs, options.max_memory_mib
    );
    let mut failed = false;
    for &target in &options.targets {
        let corpus = corpus(target, &corpus_dir(target));
        println!(
            "{}: {} seeds (built in and {})",
            target.name(),
            corpus.len(),
            corpus_dir(target).display()
        );
        let mut printed = 0;
        let report = fuzz(
            target,
            &corpus,
            options.seed,
            options.runs,
            options.renders,
            |execs, elapsed| {
                // Every ten seconds: enough to see the speed, and where a run that aborted was.
                if elapsed.as_secs() >= printed + 10 {
                    printed = elapsed.as_secs();
                    println!(
                        "  {}: {execs} executions, {:.0} s, {:.0} exec/s, {} MiB allocated at most",
                        target.name(),
                        elapsed.as_secs_f64(),
                        execs as f64 / elapsed.as_secs_f64(),
                        ALLOCATOR.max_allocated() / (1024 * 1024)
                    );
                }
            },
        );
        println!("{}", report.summary());
        println!(
            "  peak allocation so far in this process: {:.1} MiB",
            ALLOCATOR.max_allocated() as f64 / (1024.0 * 1024.0)
        );
        // A panic escale caught itself is no failure, but its input is kept for a bug report.
        for (message, first) in &report.caught_panics {
            let path = crash_path(&format!("{}-caught-{}", target.name(), hash(first)))?;
            std::fs::write(&path, first)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            println!("  {}: {message}", path.display());
        }
        if let Some(failure) = &report.failure {
            failed = true;
            let path = crash_path(&format!("{}-{}", target.name(), hash(&failure.input)))?;
            std::fs::write(&path, &failure.input)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            println!(
                "  saved to {}\n  reproduce: cargo run --release -- replay {} {}\n  or: cargo run --release -- input {} --seed {} --exec {}",
                path.display(),
                target.name(),
                path.display(),
                target.name(),
                options.seed,
                failure.exec
            );
            break;
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn replay(options: &Options) -> Result<ExitCode, String> {
    let [target] = options.targets[..] else {
        return Err("replay takes one target".into());
    };
    let mut checker = escale_fuzz::Checker::new(target, 1);
    let mut failed = false;
    for path in &options.files {
        let bytes =
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let verdict = checker.run(&bytes);
        println!(
            "{}: {verdict:?}\n  input: {}",
            path.display(),
            escape(&bytes, 2000)
        );
        failed |= matches!(verdict, escale_fuzz::Verdict::Fail(_));
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn write_input(options: &Options) -> Result<ExitCode, String> {
    let ([target], Some(exec)) = (&options.targets[..], options.exec) else {
        return Err("input takes one target and --exec".into());
    };
    let corpus = corpus(*target, &corpus_dir(*target));
    let bytes = input(*target, &corpus, options.seed, exec);
    let path = crash_path(&format!(
        "{}-seed{}-exec{exec}",
        target.name(),
        options.seed
    ))?;
    std::fs::write(&path, &bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!("{}\n  input: {}", path.display(), escape(&bytes, 2000));
    Ok(ExitCode::SUCCESS)
}

fn write_corpus() -> Result<ExitCode, String> {
    for target in Target::ALL {
        let dir = corpus_dir(target);
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let seeds = target.seeds();
        for (i, seed) in seeds.iter().enumerate() {
            let path = dir.join(format!("seed-{i:03}"));
            std::fs::write(&path, seed)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        println!(
            "{}: {} seeds in {}",
            target.name(),
            seeds.len(),
            dir.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
