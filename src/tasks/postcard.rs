//! Postcard task: a few words to a friend, sent from the spot with the destination's link.
//!
//! This version makes a text card that the tourist forwards through Telegram's share sheet; the
//! card carries the spot's link, so a friend who taps it lands on the destination's bot.
//!
//! ```text
//! tourist: [💌 Send a postcard]
//! bot:     Write a few words for a friend (200 characters at most).
//! tourist: The view from the castle is amazing!
//! bot:     💌 Greetings from Château de Pau, Pau! “The view from the castle is amazing!” #PauPyrenees
//!          [📤 Send it to a friend]
//! ```

use url::Url;

use crate::config::Spot;
use crate::journey::{Button, Ctx, Reply};
use crate::stats::{Count, Metric};
use crate::tasks::hashtag::hashtags;
use crate::tasks::{Input, Step, Task};
use crate::tourist::Tourist;

/// The longest message a card holds.
pub const MAX_MESSAGE_CHARS: usize = 200;

pub struct Postcard;

impl Task for Postcard {
    fn open(&self, ctx: &Ctx, spot: &Spot) -> Vec<Reply> {
        vec![Reply::text(ctx.t_args(
            "postcard-intro",
            &[
                ("spot", ctx.text(&spot.name).into()),
                ("max", MAX_MESSAGE_CHARS.into()),
            ],
        ))]
    }

    fn awaits_input(&self) -> bool {
        true
    }

    fn on_input(&self, ctx: &Ctx, _tourist: &mut Tourist, spot: &Spot, input: Input) -> Step {
        let Input::Text(message) = input else {
            return Step::unchanged(vec![Reply::text(ctx.t("postcard-text-please"))]);
        };
        let message = message.trim();
        let length = message.chars().count();
        if length > MAX_MESSAGE_CHARS {
            return Step::unchanged(vec![Reply::text(ctx.t_args(
                "postcard-too-long",
                &[("max", MAX_MESSAGE_CHARS.into()), ("length", length.into())],
            ))]);
        }
        let card = ctx.t_args(
            "postcard-card",
            &[
                ("spot", ctx.text(&spot.name).into()),
                ("destination", ctx.destination().into()),
                ("message", message.into()),
                ("hashtags", hashtags(ctx, spot).into()),
            ],
        );
        let link = ctx.config.deep_link(&format!("spot_{}", spot.id()));
        let share = share_url(&link, &card);
        Step::completed(
            spot.id(),
            vec![Reply::with_buttons(
                card,
                vec![vec![Button::Url {
                    label: ctx.t("postcard-share"),
                    url: share,
                }]],
            )],
        )
        .counting(Count::at(Metric::PostcardSent, spot.id()))
    }
}

/// Telegram's share sheet: the tourist picks a chat, the card and the link go there.
fn share_url(link: &str, text: &str) -> String {
    let mut url = Url::parse("https://t.me/share/url").expect("constant URL");
    url.query_pairs_mut()
        .append_pair("url", link)
        .append_pair("text", text);
    url.to_string()
}
