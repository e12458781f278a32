//! Short fixed runs of the fuzz targets in `fuzz/`, so that `cargo test` catches what the fuzzer
//! already knows how to find. The harness is included as a module (it needs nothing escale does
//! not already depend on); the long runs and their numbers are in `fuzz/README.md`.

#[path = "../fuzz/src/lib.rs"]
mod escale_fuzz;

use std::path::{Path, PathBuf};

use escale_fuzz::{Checker, Target, Verdict, corpus, fuzz, hash};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// `runs` executions from seed 1 (the committed corpus first), at most three full card renders.
fn smoke(target: Target, runs: u64) {
    let corpus = corpus(target, &fuzz_dir().join("corpus").join(target.name()));
    let report = fuzz(target, &corpus, 1, runs, 3, |_, _| {});
    println!("{}", report.summary());
    assert!(report.failure.is_none(), "{}", report.summary());
    assert_eq!(report.execs, runs);
}

#[test]
fn the_callback_codec_survives_a_short_fuzz_run() {
    smoke(Target::Callback, 50_000);
}

#[test]
fn the_deep_link_parser_survives_a_short_fuzz_run() {
    smoke(Target::DeepLink, 50_000);
}

#[test]
fn the_config_loader_survives_a_short_fuzz_run() {
    smoke(Target::Config, 1_000);
}

#[test]
fn the_picture_decoder_survives_a_short_fuzz_run() {
    smoke(Target::Image, 2_000);
}

/// Every input the fuzzer saved as a failure (`fuzz/crashes/<target>-<hash>`) passes now.
#[test]
fn every_saved_crash_stays_fixed() {
    let Ok(entries) = std::fs::read_dir(fuzz_dir().join("crashes")) else {
        return;
    };
    for path in entries.flatten().map(|e| e.path()) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let name = name.unwrap_or_default();
        let target = Target::ALL
            .into_iter()
            .find(|t| name.starts_with(&format!("{}-", t.name())));
        let (Some(target), Ok(bytes)) = (target, std::fs::read(&path)) else {
            panic!("{}: not a crash file of a known target", path.display());
        };
        let verdict = Checker::new(target, 1).run(&bytes);
        assert!(
            !matches!(verdict, Verdict::Fail(_)),
            "{}: {verdict:?}",
            path.display()
        );
        if !name.contains("-seed") {
            assert!(
                name.ends_with(&hash(&bytes)),
                "{name} was edited after saving"
            );
        }
    }
}

/// The built-in seeds are real data: the configs load, the pictures decode, the links parse.
#[test]
fn the_seeds_are_accepted_as_they_are() {
    for target in Target::ALL {
        assert_eq!(Target::from_name(target.name()), Some(target));
        let seeds = target.seeds();
        let accepted = seeds
            .iter()
            .filter(|seed| {
                let verdict = Checker::new(target, 0).run(seed);
                assert!(!matches!(verdict, Verdict::Fail(_)), "{verdict:?}");
                matches!(
                    (target, &verdict),
                    (Target::Config, Verdict::Note("accepted"))
                        | (Target::Image, Verdict::Note("decoded"))
                ) || matches!(target, Target::Callback | Target::DeepLink)
            })
            .count();
        match target {
            Target::Config | Target::Image => assert_eq!(accepted, seeds.len(), "{target:?}"),
            Target::Callback | Target::DeepLink => assert!(seeds.len() > 10),
        }
        let dir = fuzz_dir().join("corpus").join(target.name());
        assert!(
            std::fs::read_dir(&dir).is_ok_and(|mut d| d.next().is_some()),
            "{} is empty: run `escale-fuzz write-corpus`",
            dir.display()
        );
    }
}
