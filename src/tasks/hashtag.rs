//! Hashtag task: the destination's and the spot's hashtags, ready to copy.
//!
//! ```text
//! tourist: [#️⃣ Use our hashtag]
//! bot:     Posting a photo of Château de Pau? Add these hashtags so the whole destination sees it:
//!          #PauPyrenees #ChateauDePau
//!          [📋 Copy the hashtags]  [✅ I posted it]
//! ```

use crate::config::Spot;
use crate::journey::{Button, Ctx, Reply};
use crate::tasks::{Task, TaskKind, done_button};
use crate::tourist::Tourist;

pub struct Hashtag;

impl Task for Hashtag {
    fn open(&self, ctx: &Ctx, _tourist: &Tourist, spot: &Spot) -> Vec<Reply> {
        let tags = hashtags(ctx, spot);
        let text = format!(
            "{}\n\n{tags}",
            ctx.t_args("hashtag-intro", &[("spot", ctx.text(&spot.name).into())])
        );
        vec![Reply::with_buttons(
            text,
            vec![
                vec![Button::Copy {
                    label: ctx.t("hashtag-copy"),
                    text: tags,
                }],
                vec![done_button(ctx, spot, TaskKind::Hashtag)],
            ],
        )]
    }
}

/// The destination's hashtag, then the spot's own, space-separated and without repeats.
pub fn hashtags(ctx: &Ctx, spot: &Spot) -> String {
    let mut tags = vec![ctx.config.destination.hashtag.as_str()];
    for tag in &spot.hashtags {
        if !tags.iter().any(|t| t.eq_ignore_ascii_case(tag.as_str())) {
            tags.push(tag.as_str());
        }
    }
    tags.join(" ")
}
