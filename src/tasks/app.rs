//! App task: the destination's stay app (or site), where to get it, how to use it.
//!
//! ```text
//! tourist: [📱 Get the stay app]
//! bot:     Pau Pyrénées Tourisme: events, opening hours and walks, offline too.
//!          How to make the most of it:
//!          1. Allow notifications to get tonight's events.
//!          2. …
//!          [App Store] [Google Play] [Website]
//!          [✅ Installed]
//! ```

use crate::config::Spot;
use crate::journey::{Button, Ctx, Reply};
use crate::tasks::{Task, TaskKind, done_button};
use crate::tourist::Tourist;

pub struct App;

impl Task for App {
    fn open(&self, ctx: &Ctx, _tourist: &Tourist, spot: &Spot) -> Vec<Reply> {
        let app = &ctx.config.app;
        let mut text = ctx.t_args("app-intro", &[("app", ctx.text(&app.name).into())]);
        let tips = app
            .tips
            .get(&ctx.lang)
            .or_else(|| app.tips.get(&ctx.config.destination.default_language))
            .filter(|tips| !tips.is_empty());
        if let Some(tips) = tips {
            text.push_str("\n\n");
            text.push_str(&ctx.t("app-tips"));
            for (i, tip) in tips.iter().enumerate() {
                text.push_str(&format!("\n{}. {tip}", i + 1));
            }
        }
        let links: Vec<Button> = [
            (&app.ios_url, "app-ios"),
            (&app.android_url, "app-android"),
            (&app.web_url, "app-web"),
        ]
        .into_iter()
        .filter_map(|(url, label)| {
            Some(Button::Url {
                label: ctx.t(label),
                url: url.as_ref()?.to_string(),
            })
        })
        .collect();
        let mut rows = Vec::new();
        if !links.is_empty() {
            rows.push(links);
        }
        rows.push(vec![done_button(ctx, spot, TaskKind::App)]);
        vec![Reply::with_buttons(text, rows)]
    }
}
