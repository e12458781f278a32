//! The office's numbers: counters kept as the bot runs, and the summaries made of them.
//!
//! Each change of a tourist's record that matters to the office adds one to a counter keyed by
//! day, metric, partner and spot. A summary reads the counters of the last 30 days and nothing
//! else, so its cost does not grow with the number of tourists; the counters stay when a tourist
//! uses /forget (they hold no one's identity).
//!
//! ```text
//! admin: /stats
//! bot:   📊 Pau, last 7 days (the 7 before in brackets)
//!        First visits to spots: 42 (34)
//!        Tasks done: 120 (125) …
//!        (a chart: tasks done per day over 30 days, by task)
//! ```

pub mod chart;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::i18n::{I18n, Lang};
use crate::tasks::TaskKind;
use crate::tourist::iso_date;

/// Days a summary looks back: the chart's span.
pub const CHART_DAYS: u32 = 30;
/// The summary compares the last `WEEK` days with the `WEEK` before.
const WEEK: u32 = 7;

/// Something the office counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Metric {
    /// A tourist opened a spot for the first time.
    SpotOpened,
    TaskDone(TaskKind),
    PhotoShared,
    PhotoConsented,
    PhotoApproved,
    PostcardSent,
    FriendArrived,
    /// A tourist was attributed to a partner (their first partner).
    PartnerWelcomed,
    RewardEarned,
    RewardRedeemed,
}

impl Metric {
    pub fn name(self) -> String {
        match self {
            Metric::SpotOpened => "spot-opened".into(),
            Metric::TaskDone(task) => format!("task-{task}"),
            Metric::PhotoShared => "photo-shared".into(),
            Metric::PhotoConsented => "photo-consented".into(),
            Metric::PhotoApproved => "photo-approved".into(),
            Metric::PostcardSent => "postcard-sent".into(),
            Metric::FriendArrived => "friend-arrived".into(),
            Metric::PartnerWelcomed => "partner-welcomed".into(),
            Metric::RewardEarned => "reward-earned".into(),
            Metric::RewardRedeemed => "reward-redeemed".into(),
        }
    }

    pub fn from_name(name: &str) -> Option<Metric> {
        if let Some(task) = name.strip_prefix("task-") {
            return TaskKind::from_name(task).map(Metric::TaskDone);
        }
        Some(match name {
            "spot-opened" => Metric::SpotOpened,
            "photo-shared" => Metric::PhotoShared,
            "photo-consented" => Metric::PhotoConsented,
            "photo-approved" => Metric::PhotoApproved,
            "postcard-sent" => Metric::PostcardSent,
            "friend-arrived" => Metric::FriendArrived,
            "partner-welcomed" => Metric::PartnerWelcomed,
            "reward-earned" => Metric::RewardEarned,
            "reward-redeemed" => Metric::RewardRedeemed,
            _ => return None,
        })
    }
}

impl TryFrom<String> for Metric {
    type Error = String;
    fn try_from(name: String) -> Result<Self, String> {
        Metric::from_name(&name).ok_or_else(|| format!("unknown metric {name:?}"))
    }
}

impl From<Metric> for String {
    fn from(metric: Metric) -> String {
        metric.name()
    }
}

/// One thing to count, as the journey reports it; the partner is the tourist's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    pub metric: Metric,
    pub spot: Option<String>,
}

impl Count {
    pub fn at(metric: Metric, spot: &str) -> Count {
        Count {
            metric,
            spot: Some(spot.to_owned()),
        }
    }

    pub fn anywhere(metric: Metric) -> Count {
        Count { metric, spot: None }
    }

    /// Where this count adds up: today's counter, under the tourist's partner (if any).
    pub fn key(&self, now: u64, partner: Option<&str>) -> CounterKey {
        CounterKey {
            day: day_of(now),
            metric: self.metric,
            partner: partner.unwrap_or_default().to_owned(),
            spot: self.spot.clone().unwrap_or_default(),
        }
    }
}

/// Where a counter adds up: a day (days since 1970, UTC), a metric, a partner and a spot
/// (empty when none).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CounterKey {
    pub day: u32,
    pub metric: Metric,
    pub partner: String,
    pub spot: String,
}

impl CounterKey {
    /// `day` big-endian, then `metric 0 partner 0 spot`: the store scans a range of days.
    pub fn encode(&self) -> Vec<u8> {
        let mut key = self.day.to_be_bytes().to_vec();
        for part in [self.metric.name().as_str(), &self.partner, &self.spot] {
            key.extend_from_slice(part.as_bytes());
            key.push(0);
        }
        key
    }

    pub fn decode(bytes: &[u8]) -> Option<CounterKey> {
        let (day, rest) = bytes.split_first_chunk::<4>()?;
        let mut parts = rest.split(|b| *b == 0).map(std::str::from_utf8);
        let metric = Metric::from_name(parts.next()?.ok()?)?;
        let partner = parts.next()?.ok()?.to_owned();
        let spot = parts.next()?.ok()?.to_owned();
        Some(CounterKey {
            day: u32::from_be_bytes(*day),
            metric,
            partner,
            spot,
        })
    }
}

pub fn day_of(unix_secs: u64) -> u32 {
    (unix_secs / 86_400) as u32
}

/// What the summary shows, computed from the counters.
#[derive(Debug, Default, PartialEq)]
pub struct Summary {
    pub today: u32,
    pub week: BTreeMap<Metric, u64>,
    pub previous_week: BTreeMap<Metric, u64>,
    /// Spots by tourists who opened them over the week, most first.
    pub top_spots: Vec<(String, u64)>,
    /// Partners by tourists they brought over the week, most first.
    pub partners: Vec<(String, u64)>,
    /// Tasks done per day over the chart's span, oldest first (reviews included).
    pub daily_tasks: Vec<(u32, BTreeMap<TaskKind, u64>)>,
}

impl Summary {
    /// Sums the counters (of the last [`CHART_DAYS`] days up to `today`), only those of
    /// `partner` when given.
    pub fn new(counters: &[(CounterKey, u64)], today: u32, partner: Option<&str>) -> Summary {
        let first_day = today.saturating_sub(CHART_DAYS - 1);
        let mut summary = Summary {
            today,
            daily_tasks: (first_day..=today)
                .map(|day| (day, BTreeMap::new()))
                .collect(),
            ..Summary::default()
        };
        let mut spots: BTreeMap<&str, u64> = BTreeMap::new();
        let mut partners: BTreeMap<&str, u64> = BTreeMap::new();
        for (key, count) in counters {
            if key.day > today || key.day < first_day || partner.is_some_and(|p| p != key.partner) {
                continue;
            }
            let age = today - key.day;
            if age < WEEK {
                *summary.week.entry(key.metric).or_default() += count;
                match key.metric {
                    Metric::SpotOpened => *spots.entry(&key.spot).or_default() += count,
                    Metric::PartnerWelcomed => *partners.entry(&key.partner).or_default() += count,
                    _ => {}
                }
            } else if age < 2 * WEEK {
                *summary.previous_week.entry(key.metric).or_default() += count;
            }
            if let Metric::TaskDone(task) = key.metric {
                let (_, tasks) = &mut summary.daily_tasks[(key.day - first_day) as usize];
                *tasks.entry(task).or_default() += count;
            }
        }
        summary.top_spots = most_first(spots);
        summary.partners = most_first(partners);
        summary
    }

    pub fn week(&self, metric: Metric) -> u64 {
        self.week.get(&metric).copied().unwrap_or(0)
    }

    pub fn previous_week(&self, metric: Metric) -> u64 {
        self.previous_week.get(&metric).copied().unwrap_or(0)
    }

    /// Tasks done in the week, all tasks together.
    fn tasks(&self, week: &BTreeMap<Metric, u64>) -> u64 {
        week.iter()
            .filter(|(m, _)| matches!(m, Metric::TaskDone(_)))
            .map(|(_, n)| n)
            .sum()
    }

    /// The summary as a message, in `lang`; `title` names the destination or the partner.
    pub fn text(&self, config: &Config, i18n: &I18n, lang: Lang, title: &str) -> String {
        let t = |id: &str| i18n.t(lang, id);
        let line = |id: &str, now: u64, before: u64| {
            let value = format!("{now} ({before})");
            format!(
                "\n{}",
                i18n.t_args(
                    lang,
                    "stats-line",
                    &[("label", t(id).into()), ("value", value.into())]
                )
            )
        };
        let list = |id: &str, items: Vec<String>| {
            let args = [("label", t(id).into()), ("value", items.join(" · ").into())];
            i18n.t_args(lang, "stats-line", &args)
        };
        let mut text = i18n.t_args(lang, "stats-title", &[("name", title.into())]);
        let metric = |m: Metric| (self.week(m), self.previous_week(m));
        let (opened, opened_before) = metric(Metric::SpotOpened);
        text.push_str(&line("stats-spot-opened", opened, opened_before));
        text.push_str(&line(
            "stats-tasks",
            self.tasks(&self.week),
            self.tasks(&self.previous_week),
        ));
        for (id, m) in [
            ("stats-photo-shared", Metric::PhotoShared),
            ("stats-photo-consented", Metric::PhotoConsented),
            ("stats-photo-approved", Metric::PhotoApproved),
            ("stats-postcard-sent", Metric::PostcardSent),
            ("stats-friend-arrived", Metric::FriendArrived),
            ("stats-app", Metric::TaskDone(TaskKind::App)),
            ("stats-review", Metric::TaskDone(TaskKind::Review)),
            ("stats-reward-earned", Metric::RewardEarned),
            ("stats-reward-redeemed", Metric::RewardRedeemed),
        ] {
            let (now, before) = metric(m);
            text.push_str(&line(id, now, before));
        }
        let default = config.destination.default_language;
        if !self.top_spots.is_empty() {
            let spots: Vec<String> = self
                .top_spots
                .iter()
                .take(5)
                .map(|(id, n)| {
                    let name = config.spot_name(id, lang);
                    format!("{name} {n}")
                })
                .collect();
            let _ = write!(text, "\n\n{}", list("stats-top-spots", spots));
        }
        if !self.partners.is_empty() {
            let partners: Vec<String> = self
                .partners
                .iter()
                .map(|(id, n)| {
                    let name = config
                        .partner(id)
                        .map_or(id.as_str(), |p| p.name.get(lang, default));
                    format!("{name} {n}")
                })
                .collect();
            let _ = write!(text, "\n{}", list("stats-partners", partners));
        }
        let _ = write!(
            text,
            "\n\n{}",
            i18n.t_args(
                lang,
                "stats-period",
                &[
                    (
                        "from",
                        iso_date(u64::from(self.today.saturating_sub(WEEK - 1)) * 86_400).into()
                    ),
                    ("to", iso_date(u64::from(self.today) * 86_400).into())
                ]
            )
        );
        text
    }
}

fn most_first(counts: BTreeMap<&str, u64>) -> Vec<(String, u64)> {
    let mut list: Vec<(String, u64)> = counts
        .into_iter()
        .filter(|(id, _)| !id.is_empty())
        .map(|(id, n)| (id.to_owned(), n))
        .collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list
}

/// The CSV files of the office's export: daily counts per spot, and per partner. UTF-8 with a
/// header row and ISO dates, so that they open cleanly in a spreadsheet.
pub fn csv_files(counters: &[(CounterKey, u64)]) -> Result<Vec<(String, Vec<u8>)>, csv::Error> {
    let mut by_spot: BTreeMap<(u32, &str, Metric), u64> = BTreeMap::new();
    let mut by_partner: BTreeMap<(u32, &str, Metric), u64> = BTreeMap::new();
    for (key, count) in counters {
        *by_spot.entry((key.day, &key.spot, key.metric)).or_default() += count;
        if !key.partner.is_empty() {
            *by_partner
                .entry((key.day, &key.partner, key.metric))
                .or_default() += count;
        }
    }
    let write = |header: [&str; 4],
                 rows: BTreeMap<(u32, &str, Metric), u64>|
     -> Result<Vec<u8>, csv::Error> {
        let mut csv = csv::Writer::from_writer(Vec::new());
        csv.write_record(header)?;
        for ((day, who, metric), count) in rows {
            csv.write_record([
                iso_date(u64::from(day) * 86_400),
                who.to_owned(),
                metric.name(),
                count.to_string(),
            ])?;
        }
        csv.into_inner().map_err(|e| e.into_error().into())
    };
    Ok(vec![
        (
            "daily-by-spot.csv".to_owned(),
            write(["date", "spot", "metric", "count"], by_spot)?,
        ),
        (
            "daily-by-partner.csv".to_owned(),
            write(["date", "partner", "metric", "count"], by_partner)?,
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(day: u32, metric: Metric, partner: &str, spot: &str) -> CounterKey {
        CounterKey {
            day,
            metric,
            partner: partner.into(),
            spot: spot.into(),
        }
    }

    #[test]
    fn counter_keys_round_trip_and_sort_by_day() {
        let a = key(
            20_000,
            Metric::TaskDone(TaskKind::Photo),
            "hotel",
            "chateau",
        );
        let b = key(20_001, Metric::SpotOpened, "", "");
        assert_eq!(CounterKey::decode(&a.encode()), Some(a.clone()));
        assert_eq!(CounterKey::decode(&b.encode()), Some(b.clone()));
        assert!(a.encode() < b.encode());
        assert_eq!(CounterKey::decode(b"\0\0"), None);
    }

    #[test]
    fn every_metric_name_reads_back() {
        let mut all = vec![
            Metric::SpotOpened,
            Metric::PhotoShared,
            Metric::PhotoConsented,
            Metric::PhotoApproved,
            Metric::PostcardSent,
            Metric::FriendArrived,
            Metric::PartnerWelcomed,
            Metric::RewardEarned,
            Metric::RewardRedeemed,
        ];
        all.extend(TaskKind::ALL.map(Metric::TaskDone));
        for metric in all {
            assert_eq!(Metric::from_name(&metric.name()), Some(metric));
        }
    }

    #[test]
    fn the_summary_compares_weeks_and_ranks_spots() {
        let today = 20_100;
        let counters = vec![
            (key(today, Metric::SpotOpened, "", "chateau"), 5),
            (key(today - 1, Metric::SpotOpened, "hotel", "halles"), 7),
            (
                key(
                    today - 6,
                    Metric::TaskDone(TaskKind::Photo),
                    "hotel",
                    "halles",
                ),
                2,
            ),
            (key(today - 7, Metric::SpotOpened, "", "chateau"), 100),
            (key(today - 14, Metric::SpotOpened, "", "chateau"), 1000),
            (key(today - 1, Metric::PartnerWelcomed, "hotel", ""), 3),
        ];
        let summary = Summary::new(&counters, today, None);
        assert_eq!(summary.week(Metric::SpotOpened), 12);
        assert_eq!(summary.previous_week(Metric::SpotOpened), 100);
        assert_eq!(
            summary.top_spots,
            [("halles".to_owned(), 7), ("chateau".to_owned(), 5)]
        );
        assert_eq!(summary.partners, [("hotel".to_owned(), 3)]);
        assert_eq!(summary.daily_tasks.len(), CHART_DAYS as usize);
        assert_eq!(
            summary.daily_tasks[CHART_DAYS as usize - 7].1[&TaskKind::Photo],
            2
        );

        let hotel = Summary::new(&counters, today, Some("hotel"));
        assert_eq!(hotel.week(Metric::SpotOpened), 7);
        assert_eq!(hotel.previous_week(Metric::SpotOpened), 0);
    }

    #[test]
    fn csv_files_have_headers_and_iso_dates() {
        let counters = vec![(
            key(20_000, Metric::TaskDone(TaskKind::App), "hotel", "halles"),
            4,
        )];
        let files = csv_files(&counters).unwrap();
        let by_spot = String::from_utf8(files[0].1.clone()).unwrap();
        assert_eq!(
            by_spot,
            "date,spot,metric,count\n2024-10-04,halles,task-app,4\n"
        );
        let by_partner = String::from_utf8(files[1].1.clone()).unwrap();
        assert_eq!(
            by_partner,
            "date,partner,metric,count\n2024-10-04,hotel,task-app,4\n"
        );
    }
}
