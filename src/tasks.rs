//! The digital tasks a spot offers, and the registry that maps a task's name to its module.
//!
//! A name runs through unchanged: config key `"hashtag"` ↔ module [`hashtag`] ↔ Fluent ids
//! `hashtag-…` ↔ callback tag. Adding a task is one module, one [`TaskKind`] variant and one line
//! in [`task`].

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::config::Spot;
use crate::journey::{Button, Ctx, Reply};

pub mod app;
pub mod hashtag;
pub mod photo;
pub mod postcard;
pub mod review;

/// The name of a task, as written in `config.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TaskKind {
    Photo,
    Review,
    Postcard,
    Hashtag,
    App,
}

impl TaskKind {
    pub const ALL: [TaskKind; 5] = [
        TaskKind::Photo,
        TaskKind::Review,
        TaskKind::Postcard,
        TaskKind::Hashtag,
        TaskKind::App,
    ];

    /// The default task list of a spot: all five, in order.
    pub fn all() -> Vec<TaskKind> {
        TaskKind::ALL.to_vec()
    }

    pub fn name(self) -> &'static str {
        match self {
            TaskKind::Photo => "photo",
            TaskKind::Review => "review",
            TaskKind::Postcard => "postcard",
            TaskKind::Hashtag => "hashtag",
            TaskKind::App => "app",
        }
    }

    pub fn from_name(name: &str) -> Option<TaskKind> {
        TaskKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Review platforms forbid rewarding reviews: a review never counts toward a score or reward.
    pub fn counts_toward_rewards(self) -> bool {
        self != TaskKind::Review
    }
}

impl fmt::Display for TaskKind {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a tourist sent while a task waits for something from them.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    Text(&'a str),
    Photo,
}

/// What a task makes of the tourist's input.
pub enum InputOutcome {
    /// Not what this task waits for: the journey answers as for any stray message.
    Unexpected,
    /// Not right yet (too long, …): the replies explain, the task keeps waiting.
    Retry(Vec<Reply>),
    /// The task is complete.
    Done(Vec<Reply>),
}

/// One digital task. Its module's header shows a sample exchange.
pub trait Task: Sync {
    /// What the tourist sees when opening the task at `spot`.
    fn open(&self, ctx: &Ctx, spot: &Spot) -> Vec<Reply>;

    /// Whether, once open, the task waits for a message (a photo, a text) from the tourist.
    fn awaits_input(&self) -> bool {
        false
    }

    /// The tourist's message while this task waits for input.
    fn on_input(&self, _ctx: &Ctx, _spot: &Spot, _input: Input) -> InputOutcome {
        InputOutcome::Unexpected
    }
}

/// The module behind a task name.
pub fn task(kind: TaskKind) -> &'static dyn Task {
    match kind {
        TaskKind::Photo => &photo::Photo,
        TaskKind::Review => &review::Review,
        TaskKind::Postcard => &postcard::Postcard,
        TaskKind::Hashtag => &hashtag::Hashtag,
        TaskKind::App => &app::App,
    }
}

/// The honour-based "I did it" button of a task, labelled with the task's own `<task>-done` message.
pub fn done_button(ctx: &Ctx, spot: &Spot, kind: TaskKind) -> Button {
    Button::action(
        ctx.t(&format!("{kind}-done")),
        crate::journey::Action::TaskDone {
            spot: spot.id().to_owned(),
            task: kind,
        },
    )
}
