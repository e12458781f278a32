//! What `/stats` computes (read 30 days of counters, sum them, write the summary), for a
//! destination with 1,000 and with 100,000 tourists' activity over the last 30 days. The
//! counters are per day, metric, partner and spot, so both should cost about the same.
//!
//! Then the chart that follows the text (`stats::chart`, a 1280x720 PNG): its cost depends on
//! the picture, not on the counts, so one busy month is enough.
//!
//! `cargo bench --bench stats`

use criterion::{Criterion, criterion_group, criterion_main};
use escale::config::Config;
use escale::i18n::{I18n, Lang};
use escale::stats::chart::{ChartLabels, tasks_chart};
use escale::stats::{CHART_DAYS, Count, Metric, Summary, day_of};
use escale::store::Store;
use escale::tasks::TaskKind;

/// A store holding `tourists` tourists' activity, spread over the last 30 days.
fn seeded(tourists: u64, dir: &std::path::Path) -> Store {
    let store = Store::open(dir).expect("store");
    let spots = [
        "boulevard",
        "chateau",
        "funiculaire",
        "halles",
        "parc-beaumont",
    ];
    let now = escale::unix_now();
    let mut keys = Vec::new();
    for tourist in 0..tourists {
        let day_offset = (tourist % u64::from(CHART_DAYS)) * 86_400;
        let spot = spots[(tourist % 5) as usize];
        let partner = (tourist % 7 == 0).then_some("hotel-exemple");
        let task = TaskKind::ALL[(tourist % 5) as usize];
        let counts = [
            Count::at(Metric::SpotOpened, spot),
            Count::at(Metric::TaskDone(task), spot),
            Count::at(Metric::TaskDone(TaskKind::Hashtag), spot),
        ];
        keys.extend(counts.iter().map(|c| c.key(now - day_offset, partner)));
    }
    // One write for the whole history: the counts as the bot would have made them, day by day.
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(store.count(keys)).expect("count");
    store
}

fn stats(c: &mut Criterion) {
    let config = Config::embedded();
    let i18n = I18n::embedded();
    let today = day_of(escale::unix_now());
    let mut group = c.benchmark_group("stats");
    for tourists in [1_000, 100_000] {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = seeded(tourists, dir.path());
        group.bench_function(format!("{tourists} tourists"), |b| {
            b.iter(|| {
                let counters = store
                    .counters(today - (CHART_DAYS - 1), today)
                    .expect("counters");
                let summary = Summary::new(&counters, today, None);
                summary.text(&config, &i18n, Lang::Fr, "Pau")
            })
        });
    }
    group.finish();
}

/// Rendering the chart (drawing and PNG encoding), as the bot does in `spawn_blocking`.
fn chart(c: &mut Criterion) {
    let i18n = I18n::embedded();
    let today = day_of(escale::unix_now());
    let dir = tempfile::tempdir().expect("temp dir");
    let store = seeded(1_000, dir.path());
    let counters = store
        .counters(today - (CHART_DAYS - 1), today)
        .expect("counters");
    let summary = Summary::new(&counters, today, None);
    let labels = ChartLabels::new(&i18n, Lang::Fr, "Pau", &summary);
    c.bench_function("stats chart", |b| {
        b.iter(|| tasks_chart(&summary, &labels).expect("chart"))
    });
}

criterion_group!(benches, stats, chart);
criterion_main!(benches);
