//! The office's and the partners' side: their commands and the moderation of shared photos.
//!
//! ```text
//! admin:   /stats
//! bot:     Pau — the last 7 days (the 7 before in brackets) …   (then a chart of 30 days)
//! partner: /redeem K7Q2-9XMA
//! bot:     ✅ Valid code (earned on 2026-07-14): now marked used.
//! admin:   [✅ Approve]   (under a shared photo, in the moderation chat)
//! bot:     (the caption) Approved by Marie on 2026-07-14   → the author: "your photo was selected"
//! ```
//!
//! `/stats` and `/export` are for the office's admins, `/partner` for a partner's staff, `/redeem`
//! for both. To anyone else these commands do not exist: they get the unknown-command answer.

use crate::Settings;
use crate::app::response::{Delivery, Person, Response, To, Toast};
use crate::config::Config;
use crate::journey::{Ctx, Keyboard, Reply};
use crate::rewards::{self, Redemption};
use crate::stats::chart::{self, ChartLabels};
use crate::stats::{self, CHART_DAYS, Count, Metric, Summary};
use crate::store::{RecordChange, Store, Write};
use crate::tasks::photo;
use crate::tourist::iso_date;

/// A staff command, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Stats,
    Partner,
    Export,
    Redeem(String),
}

impl Command {
    /// Whether this Telegram user may use the command.
    pub fn allowed(&self, config: &Config, user: u64) -> bool {
        match self {
            Command::Stats | Command::Export => config.is_admin(user),
            Command::Partner => !config.partners_of(user).is_empty(),
            Command::Redeem(_) => config.is_staff(user),
        }
    }
}

/// Runs a staff command the sender may use (see [`Command::allowed`]).
pub async fn run(
    store: &Store,
    settings: &Settings,
    from: &Person,
    update: Option<u32>,
    command: Command,
) -> anyhow::Result<Response> {
    let lang = from.lang(store, &settings.config);
    let replies = match command {
        Command::Stats => stats(store, settings, lang, None).await?,
        Command::Partner => {
            let mut replies = Vec::new();
            for partner in settings.config.partners_of(from.user_id) {
                replies.extend(stats(store, settings, lang, Some(partner.id())).await?);
            }
            replies
        }
        Command::Export => export(store, settings, lang)?,
        Command::Redeem(code) => match redeem(store, settings, from, update, lang, &code).await? {
            Some(reply) => vec![reply],
            None => return Ok(Response::default()),
        },
    };
    Ok(Response::to_sender(replies))
}

/// The summary of the last 7 days, for the destination or one partner, then the chart of the
/// last 30. The chart is drawn off the async runtime; if it fails, the text goes out alone.
async fn stats(
    store: &Store,
    settings: &Settings,
    lang: crate::i18n::Lang,
    partner: Option<&str>,
) -> anyhow::Result<Vec<Reply>> {
    let config = &settings.config;
    let today = stats::day_of(crate::unix_now());
    let counters = store.counters(today.saturating_sub(CHART_DAYS - 1), today)?;
    let summary = Summary::new(&counters, today, partner);
    let default = config.destination.default_language;
    let title = match partner.and_then(|id| config.partner(id)) {
        Some(partner) => partner.name.get(lang, default),
        None => config.destination.name.get(lang, default),
    };
    let mut replies = vec![Reply::text(summary.text(
        config,
        &settings.i18n,
        lang,
        title,
    ))];
    let labels = ChartLabels::new(&settings.i18n, lang, title, &summary);
    let caption = settings
        .i18n
        .t_args(lang, "chart-caption", &[("days", CHART_DAYS.into())]);
    match tokio::task::spawn_blocking(move || chart::tasks_chart(&summary, &labels)).await {
        Ok(Ok(bytes)) => replies.push(Reply::Picture {
            file_name: "stats.png".to_owned(),
            bytes,
            caption,
            keyboard: Keyboard::None,
        }),
        Ok(Err(e)) => tracing::error!(error = %e, partner, "the stats chart failed; text only"),
        Err(e) => tracing::error!(error = %e, partner, "the stats chart panicked; text only"),
    }
    Ok(replies)
}

/// Every counter, as CSV files.
fn export(
    store: &Store,
    settings: &Settings,
    lang: crate::i18n::Lang,
) -> anyhow::Result<Vec<Reply>> {
    let caption = settings.i18n.t(lang, "export-caption");
    let counters = store.counters(0, u32::MAX)?;
    Ok(stats::csv_files(&counters)?
        .into_iter()
        .map(|(file_name, bytes)| Reply::File {
            file_name,
            bytes,
            caption: caption.clone(),
        })
        .collect())
}

/// `/redeem CODE`: checks a reward code and marks it used, once. `None` when this very update
/// was already applied (delivered again after a crash).
async fn redeem(
    store: &Store,
    settings: &Settings,
    from: &Person,
    update: Option<u32>,
    lang: crate::i18n::Lang,
    typed: &str,
) -> anyhow::Result<Option<Reply>> {
    let i18n = &settings.i18n;
    if typed.trim().is_empty() {
        return Ok(Some(Reply::text(i18n.t(lang, "redeem-usage"))));
    }
    let unknown =
        || Reply::text(i18n.t_args(lang, "redeem-unknown", &[("code", typed.trim().into())]));
    let Some(code) = rewards::normalize(typed) else {
        return Ok(Some(unknown()));
    };
    let Some(owner) = store.reward_owner(&code)? else {
        return Ok(Some(unknown()));
    };
    let by = match settings.config.partners_of(from.user_id).first() {
        Some(partner) if !settings.config.is_admin(from.user_id) => partner.id().to_owned(),
        _ => "office".to_owned(),
    };
    let now = crate::unix_now();
    let redemption = store
        .update(owner, update, |tourist| {
            let redemption = rewards::redeem(tourist, &code, &by, now);
            let write = match redemption {
                Redemption::Redeemed { .. } => Write {
                    record: RecordChange::Save,
                    counts: vec![
                        Count::anywhere(Metric::RewardRedeemed)
                            .key(now, tourist.partner.as_deref()),
                    ],
                },
                _ => Write::nothing(),
            };
            (write, redemption)
        })
        .await?;
    Ok(redemption.map(|redemption| match redemption {
        Redemption::Unknown => unknown(),
        Redemption::AlreadyUsed { at } => {
            Reply::text(i18n.t_args(lang, "redeem-already", &[("date", iso_date(at).into())]))
        }
        Redemption::Redeemed { earned_at } => {
            Reply::text(i18n.t_args(lang, "redeem-ok", &[("date", iso_date(earned_at).into())]))
        }
    }))
}

/// An admin pressed Approve or Reject under a shared photo in the moderation chat. The caption
/// then says who decided and when; an approved photo's author is thanked.
pub async fn moderate(
    store: &Store,
    settings: &Settings,
    from: &Person,
    update: Option<u32>,
    photo_id: u64,
    approve: bool,
) -> anyhow::Result<Response> {
    let config = &settings.config;
    if !config.is_admin(from.user_id) {
        let text = settings
            .i18n
            .t(from.lang(store, config), "office-only-admins");
        return Ok(Response::toast(Toast { text, alert: true }));
    }
    let office_lang = config.destination.default_language;
    let gone = |text: String| Response {
        toast: Some(Toast {
            text: text.clone(),
            alert: true,
        }),
        deliveries: vec![Delivery::Reply {
            to: To::Sender,
            reply: Reply::EditCaption {
                caption: text,
                keyboard: Keyboard::None,
            },
        }],
    };
    let Some(owner) = store.photo_owner(photo_id)? else {
        return Ok(gone(settings.i18n.t(office_lang, "office-photo-gone")));
    };
    let now = crate::unix_now();
    let decision = store
        .update(owner, update, |tourist| {
            let ctx = Ctx {
                config,
                i18n: &settings.i18n,
                lang: office_lang,
                now,
                first_name: "",
                registry: store,
            };
            let decision = photo::moderate(&ctx, tourist, photo_id, approve, &from.first_name);
            let write = if decision.changed {
                let partner = tourist.partner.as_deref();
                Write {
                    record: RecordChange::Save,
                    counts: decision
                        .counts
                        .iter()
                        .map(|c| c.key(now, partner))
                        .collect(),
                }
            } else {
                Write::nothing()
            };
            (write, decision)
        })
        .await?;
    let Some(decision) = decision else {
        return Ok(Response::default());
    };
    let mut deliveries = Vec::new();
    if let Some(caption) = decision.caption {
        deliveries.push(Delivery::Reply {
            to: To::Sender,
            reply: Reply::EditCaption {
                caption,
                keyboard: Keyboard::None,
            },
        });
    }
    if let Some(thanks) = decision.to_owner {
        deliveries.push(Delivery::Reply {
            to: To::Tourist(owner),
            reply: thanks,
        });
    }
    Ok(Response {
        toast: Some(Toast {
            text: decision.toast,
            alert: false,
        }),
        deliveries,
    })
}
