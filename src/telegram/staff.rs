//! The commands of the office's and the partners' staff, in Telegram: `/stats` and `/export`
//! (office admins), `/partner` (a partner's staff), `/redeem CODE` (both). To anyone else these
//! commands do not exist: they get the answer to an unknown command.

use teloxide::utils::command::BotCommands;

use super::{Outbox, Sender};
use crate::Escale;
use crate::journey::{Keyboard, Reply};
use crate::rewards::{self, Redemption};
use crate::stats::chart::{self, ChartLabels};
use crate::stats::{self, CHART_DAYS, Count, Metric, Summary};
use crate::tourist::iso_date;

#[derive(BotCommands, Clone, Debug, PartialEq)]
#[command(rename_rule = "lowercase")]
pub enum StaffCommand {
    Stats,
    Partner,
    Export,
    Redeem(String),
}

impl StaffCommand {
    /// Whether this Telegram user may use the command.
    fn allowed(&self, escale: &Escale, user: u64) -> bool {
        let config = &escale.settings().config;
        match self {
            StaffCommand::Stats | StaffCommand::Export => config.is_admin(user),
            StaffCommand::Partner => !config.partners_of(user).is_empty(),
            StaffCommand::Redeem(_) => config.is_staff(user),
        }
    }
}

/// Runs a staff command; `Ok(false)` when the sender may not use it (the caller then answers as
/// for an unknown command).
pub async fn handle(
    escale: &Escale,
    outbox: &Outbox,
    sender: &Sender,
    command: StaffCommand,
) -> anyhow::Result<bool> {
    if !command.allowed(escale, sender.user_id) {
        return Ok(false);
    }
    let replies = match command {
        StaffCommand::Stats => stats(escale, sender, None).await?,
        StaffCommand::Partner => {
            let settings = escale.settings();
            let partners: Vec<String> = settings
                .config
                .partners_of(sender.user_id)
                .iter()
                .map(|p| p.id().to_owned())
                .collect();
            let mut replies = Vec::new();
            for partner in &partners {
                replies.extend(stats(escale, sender, Some(partner)).await?);
            }
            replies
        }
        StaffCommand::Export => export(escale, sender)?,
        StaffCommand::Redeem(code) => vec![redeem(escale, sender, &code).await?],
    };
    for reply in &replies {
        outbox.send(sender.chat_id, reply, None).await?;
    }
    Ok(true)
}

/// The summary of the last 7 days, for the destination or one partner, then the chart of the
/// last 30. The chart is drawn off the async runtime; if it fails, the text goes out alone.
async fn stats(
    escale: &Escale,
    sender: &Sender,
    partner: Option<&str>,
) -> anyhow::Result<Vec<Reply>> {
    let settings = escale.settings();
    let config = &settings.config;
    let lang = sender.lang(escale);
    let today = stats::day_of(crate::unix_now());
    let counters = escale
        .store
        .counters(today.saturating_sub(CHART_DAYS - 1), today)?;
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
fn export(escale: &Escale, sender: &Sender) -> anyhow::Result<Vec<Reply>> {
    let settings = escale.settings();
    let caption = settings.i18n.t(sender.lang(escale), "export-caption");
    let counters = escale.store.counters(0, u32::MAX)?;
    Ok(stats::csv_files(&counters)?
        .into_iter()
        .map(|(file_name, bytes)| Reply::File {
            file_name,
            bytes,
            caption: caption.clone(),
        })
        .collect())
}

/// `/redeem CODE`: checks a reward code and marks it used, once.
async fn redeem(escale: &Escale, sender: &Sender, typed: &str) -> anyhow::Result<Reply> {
    let settings = escale.settings();
    let (i18n, lang) = (&settings.i18n, sender.lang(escale));
    if typed.trim().is_empty() {
        return Ok(Reply::text(i18n.t(lang, "redeem-usage")));
    }
    let unknown =
        || Reply::text(i18n.t_args(lang, "redeem-unknown", &[("code", typed.trim().into())]));
    let Some(code) = rewards::normalize(typed) else {
        return Ok(unknown());
    };
    let Some(owner) = escale.store.reward_owner(&code)? else {
        return Ok(unknown());
    };
    let by = match settings.config.partners_of(sender.user_id).first() {
        Some(partner) if !settings.config.is_admin(sender.user_id) => partner.id().to_owned(),
        _ => "office".to_owned(),
    };
    let _record = escale.locks.lock(owner).await;
    let mut tourist = escale.store.tourist(owner)?;
    let now = crate::unix_now();
    let reply = match rewards::redeem(&mut tourist, &code, &by, now) {
        Redemption::Unknown => unknown(),
        Redemption::AlreadyUsed { at } => {
            Reply::text(i18n.t_args(lang, "redeem-already", &[("date", iso_date(at).into())]))
        }
        Redemption::Redeemed { earned_at } => {
            escale.store.save_tourist(owner, &tourist)?;
            let counted = [Count::anywhere(Metric::RewardRedeemed)];
            escale
                .store
                .add_counts(now, tourist.partner.as_deref(), &counted)?;
            escale.store.flush().await?;
            Reply::text(i18n.t_args(lang, "redeem-ok", &[("date", iso_date(earned_at).into())]))
        }
    };
    Ok(reply)
}
