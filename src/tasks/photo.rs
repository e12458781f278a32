//! Photo task: the tourist sends a photo of the place.
//!
//! This first version completes the task when a photo arrives and keeps nothing of it: reusing a
//! tourist's photo needs their explicit consent for named uses, which the consent and moderation
//! flow will ask for before anything is stored or shared.
//!
//! ```text
//! tourist: [📷 Share a photo]
//! bot:     Show us Château de Pau through your eyes: send a photo of the place.
//! tourist: (a photo)
//! bot:     What a view, thank you! ✅ …the spot's menu
//! ```

use crate::config::Spot;
use crate::journey::{Ctx, Reply};
use crate::tasks::{Input, InputOutcome, Task};

pub struct Photo;

impl Task for Photo {
    fn open(&self, ctx: &Ctx, spot: &Spot) -> Vec<Reply> {
        vec![Reply::text(ctx.t_args(
            "photo-intro",
            &[("spot", ctx.text(&spot.name).into())],
        ))]
    }

    fn awaits_input(&self) -> bool {
        true
    }

    fn on_input(&self, ctx: &Ctx, _spot: &Spot, input: Input) -> InputOutcome {
        match input {
            Input::Photo => InputOutcome::Done(vec![Reply::text(ctx.t("photo-thanks"))]),
            Input::Text(_) => InputOutcome::Retry(vec![Reply::text(ctx.t("photo-waiting"))]),
        }
    }
}
