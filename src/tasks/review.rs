//! Review task: a link to the spot's review page.
//!
//! Review platforms forbid rewarding reviews and "review gating" (sending only happy visitors):
//! every tourist gets the same link, whatever they think, and a review never counts toward a
//! score or reward (see [`TaskKind::counts_toward_rewards`]).
//!
//! ```text
//! tourist: [⭐ Leave a review]
//! bot:     Your opinion of Château de Pau helps other travellers, whatever it is.
//!          [⭐ Write a review]  [✅ Done]
//! ```

use url::Url;

use crate::config::Spot;
use crate::journey::{Button, Ctx, Reply};
use crate::tasks::{Task, TaskKind, done_button};
use crate::tourist::Tourist;

pub struct Review;

impl Task for Review {
    fn open(&self, ctx: &Ctx, _tourist: &Tourist, spot: &Spot) -> Vec<Reply> {
        let spot_name = ctx.text(&spot.name);
        let Some(url) = review_url(ctx, spot) else {
            return vec![Reply::text(
                ctx.t_args("review-unavailable", &[("spot", spot_name.into())]),
            )];
        };
        vec![Reply::with_buttons(
            ctx.t_args("review-intro", &[("spot", spot_name.into())]),
            vec![
                vec![Button::Url {
                    label: ctx.t("review-open"),
                    url: url.to_string(),
                }],
                vec![done_button(ctx, spot, TaskKind::Review)],
            ],
        )]
    }
}

/// The spot's review page, else its partner's, else the destination's.
pub fn review_url<'c>(ctx: &Ctx<'c>, spot: &'c Spot) -> Option<&'c Url> {
    let config = ctx.config;
    spot.review_url
        .as_ref()
        .or_else(|| {
            spot.partner_id()
                .and_then(|id| config.partner(id)?.review_url.as_ref())
        })
        .or(config.destination.review_url.as_ref())
}
