//! The digital tasks a spot offers, and the registry that maps a task's name to its module.
//!
//! A name runs through unchanged: config key `"hashtag"` ↔ module [`hashtag`] ↔ Fluent ids
//! `hashtag-…` ↔ callback tag. Adding a task is one module, one [`TaskKind`] variant and one line
//! in [`task`].

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::config::Spot;
use crate::journey::{Button, Ctx, Reply};
use crate::stats::Count;
use crate::tourist::Tourist;

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

    /// Whether the tourist says when it is done ("I posted it"): a photo or a postcard is done
    /// by sending it.
    pub fn done_on_honour(self) -> bool {
        !matches!(self, TaskKind::Photo | TaskKind::Postcard)
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
    Media(&'a Media),
}

/// A picture, a file or a video a tourist sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Media {
    /// A photo, compressed by Telegram.
    Photo {
        file_id: String,
        size: u32,
    },
    /// A JPEG or PNG sent as a file: the original.
    Image {
        file_id: String,
        size: u32,
    },
    /// An iPhone HEIC file, which the office's tools cannot open.
    Heic,
    Video,
    OtherFile,
}

/// What one step of a task did: the replies, messages for the office, counts, and the effect.
#[derive(Debug)]
pub struct Step {
    pub replies: Vec<Reply>,
    /// For the office's moderation chat.
    pub office: Vec<Reply>,
    /// For the office's statistics.
    pub counts: Vec<Count>,
    /// A postcard to draw and send.
    pub card: Option<postcard::Order>,
    pub effect: Effect,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Not something this task waits for: the journey answers as for any stray message.
    Unexpected,
    /// Nothing changed (a retry, a stale button): the replies explain.
    Unchanged,
    /// The tourist's record changed; the task goes on.
    Changed,
    /// The task is complete at this spot.
    Completed(String),
}

impl Step {
    fn new(replies: Vec<Reply>, effect: Effect) -> Step {
        Step {
            replies,
            office: Vec::new(),
            counts: Vec::new(),
            card: None,
            effect,
        }
    }

    pub fn unexpected() -> Step {
        Step::new(Vec::new(), Effect::Unexpected)
    }

    pub fn unchanged(replies: Vec<Reply>) -> Step {
        Step::new(replies, Effect::Unchanged)
    }

    pub fn changed(replies: Vec<Reply>) -> Step {
        Step::new(replies, Effect::Changed)
    }

    pub fn completed(spot: &str, replies: Vec<Reply>) -> Step {
        Step::new(replies, Effect::Completed(spot.to_owned()))
    }

    pub fn counting(mut self, count: Count) -> Step {
        self.counts.push(count);
        self
    }
}

/// One digital task. Its module's header shows a sample exchange.
pub trait Task: Sync {
    /// What the tourist sees when opening the task at `spot`.
    fn open(&self, ctx: &Ctx, tourist: &Tourist, spot: &Spot) -> Vec<Reply>;

    /// Whether, once open, the task waits for a message (a photo, a text) from the tourist.
    fn awaits_input(&self) -> bool {
        false
    }

    /// The tourist's message while this task waits for input.
    fn on_input(&self, _ctx: &Ctx, _tourist: &mut Tourist, _spot: &Spot, _input: Input) -> Step {
        Step::unexpected()
    }
}

/// The module behind a task name.
pub fn task(kind: TaskKind) -> &'static dyn Task {
    match kind {
        TaskKind::Photo => &photo::PhotoTask,
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
