//! `/progress`, the tourist's passport, and `/mydata`, everything stored about them.

use super::{Action, Button, Ctx, Reply};
use crate::config::Spot;
use crate::rewards;
use crate::tasks::TaskKind;
use crate::tourist::Tourist;

/// `/mydata`: the stored record, exactly as stored, as a JSON file.
pub(super) fn my_data(ctx: &Ctx, tourist: &Tourist) -> Reply {
    if *tourist == Tourist::default() {
        return Reply::text(ctx.t("mydata-empty"));
    }
    let bytes = serde_json::to_vec_pretty(tourist).unwrap_or_default();
    Reply::File {
        file_name: "escale-mydata.json".into(),
        bytes,
        caption: ctx.t("mydata-caption"),
    }
}

/// `/progress`: the tourist's passport.
pub(super) fn passport(ctx: &Ctx, tourist: &Tourist) -> Reply {
    let spots = &ctx.config.spots;
    let visited: Vec<&Spot> = spots
        .iter()
        .filter(|s| tourist.spots.contains_key(s.id()))
        .collect();
    let mut text = ctx.t_args(
        "progress-title",
        &[
            ("destination", ctx.destination().into()),
            ("visited", visited.len().into()),
            ("total", spots.len().into()),
            ("score", tourist.score().into()),
        ],
    );
    for spot in &visited {
        let (done, left): (Vec<TaskKind>, Vec<TaskKind>) = spot
            .tasks
            .iter()
            .partition(|t| tourist.is_done(spot.id(), **t));
        let names = |tasks: &[TaskKind]| {
            tasks
                .iter()
                .map(|t| ctx.t(&format!("{t}-title")))
                .collect::<Vec<_>>()
                .join(", ")
        };
        text.push_str(&format!(
            "\n\n📍 {} — {}/{}",
            ctx.text(&spot.name),
            done.len(),
            spot.tasks.len()
        ));
        if !done.is_empty() {
            text.push_str(&format!("\n✅ {}", names(&done)));
        }
        if !left.is_empty() {
            text.push_str(&format!("\n⬜ {}", names(&left)));
        }
    }
    let unvisited: Vec<&str> = spots
        .iter()
        .filter(|s| !tourist.spots.contains_key(s.id()))
        .map(|s| ctx.text(&s.name))
        .collect();
    if !unvisited.is_empty() {
        text.push_str("\n\n");
        text.push_str(&ctx.t_args(
            "progress-unvisited",
            &[("spots", unvisited.join(", ").into())],
        ));
    }
    if let Some(reward) = &tourist.reward {
        text.push_str("\n\n");
        text.push_str(&rewards::passport_line(ctx, reward));
    }
    Reply::with_buttons(
        text,
        vec![vec![Button::action(ctx.t("button-spots"), Action::Spots)]],
    )
}
