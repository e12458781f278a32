//! The tourist's journey, in plain Rust: an [`Event`] and the tourist's record come in, the
//! [`Reply`]s to show and the change to store go out. No Telegram here: `telegram/` decodes
//! updates into events and renders replies.
//!
//! ```text
//! tourist: (scans the QR code at the castle)  /start spot_chateau
//! bot:     📍 Château de Pau — Henri IV was born here…   [📷 Photo] [⭐ Review] [#️⃣ Hashtag] …
//! tourist: [#️⃣ Hashtag]
//! bot:     #PauPyrenees #ChateauDePau  [Copy]  [✅ I posted it]
//! tourist: [✅ I posted it]
//! bot:     ✅ Done! …the spot's menu, the hashtag task now ticked
//! ```

mod location;
mod passport;
mod reply;

use fluent_bundle::FluentValue;

pub use reply::{Button, Keyboard, Reply};

use crate::config::{Config, Spot, Text};
use crate::i18n::{I18n, Lang};
use crate::rewards;
use crate::stats::{Count, Metric};
use crate::tasks::photo::{self, ConsentChoice, CreditChoice};
use crate::tasks::postcard::{self, PictureChoice};
use crate::tasks::{self, Effect, Input, Media, Step, TaskKind};
use crate::tourist::{Awaiting, Tourist};

/// Everything the journey needs besides the tourist: the office's config, the messages, the
/// tourist's language and the time.
pub struct Ctx<'a> {
    pub config: &'a Config,
    pub i18n: &'a I18n,
    pub lang: Lang,
    /// Unix seconds.
    pub now: u64,
    /// The tourist's Telegram first name, offered as a photo credit (never stored unless chosen).
    pub first_name: &'a str,
    /// Where new numbers and codes come from, and shared cards are found.
    pub registry: &'a dyn Registry,
}

/// What is shared between tourists: unique numbers and codes, and the cards they send (the store,
/// in the bot).
pub trait Registry: Sync {
    fn next_id(&self) -> u64;
    /// A reward code no one else has, hard to guess (None if none can be made now).
    fn reward_code(&self) -> Option<String>;
    /// A postcard code no one else has, hard to guess (None if none can be made now).
    fn card_code(&self) -> Option<String>;
    /// The card behind a `card_<code>` link.
    fn shared_card(&self, code: &str) -> Option<postcard::Shared>;
}

impl Ctx<'_> {
    pub fn t(&self, id: &str) -> String {
        self.i18n.t(self.lang, id)
    }

    pub fn t_args(&self, id: &str, args: &[(&str, FluentValue)]) -> String {
        self.i18n.t_args(self.lang, id, args)
    }

    /// A text of the config in the tourist's language.
    pub fn text<'t>(&self, text: &'t Text) -> &'t str {
        text.get(self.lang, self.config.destination.default_language)
    }

    pub fn destination(&self) -> &str {
        self.text(&self.config.destination.name)
    }
}

/// What the tourist did, decoded from Telegram.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// `/start`, with the deep-link payload when there is one.
    Start(Option<String>),
    Command(Command),
    Location {
        lat: f64,
        lon: f64,
        accuracy_m: Option<f64>,
    },
    Button(Action),
    Text(String),
    Media(Media),
    /// A sticker, a voice note, a file…: something escale does not read.
    Unsupported,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Spots,
    Progress,
    Lang,
    Help,
    Privacy,
    MyData,
    MyPhotos,
    Forget,
    /// A `/word` escale does not know.
    Unknown,
}

/// What a button means. The Telegram layer encodes it into callback data and back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    OpenSpot(String),
    OpenTask {
        spot: String,
        task: TaskKind,
    },
    TaskDone {
        spot: String,
        task: TaskKind,
    },
    SetLang(Lang),
    /// An answer to "erase everything?"; `asked` is when the question was asked (minutes since
    /// 1970): an old question's "yes" erases nothing.
    Forget {
        confirmed: bool,
        asked: u64,
    },
    Spots,
    Progress,
    PhotoConsent {
        photo: u64,
        choice: ConsentChoice,
    },
    PhotoCredit {
        photo: u64,
        choice: CreditChoice,
    },
    PhotoChange {
        photo: u64,
    },
    PhotoWithdraw {
        photo: u64,
    },
    /// Office staff approve or reject a shared photo (in the moderation chat).
    Moderate {
        photo: u64,
        approve: bool,
    },
    /// The picture of a postcard.
    CardPicture {
        spot: String,
        choice: PictureChoice,
    },
}

/// What to store after an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    None,
    /// The tourist's record changed: store it, durably, before answering.
    Save,
    /// `/forget` was confirmed: delete the record.
    Forget,
}

/// The journey's answer to one event.
#[derive(Debug)]
pub struct Outcome {
    pub replies: Vec<Reply>,
    /// A short note shown on top of the chat when a button was pressed.
    pub toast: Option<String>,
    pub change: Change,
    /// For the office's moderation chat.
    pub office: Vec<Reply>,
    /// For the office's statistics.
    pub counts: Vec<Count>,
    /// A postcard to draw and send.
    pub card: Option<postcard::Order>,
}

impl Outcome {
    fn show(replies: Vec<Reply>) -> Outcome {
        Outcome {
            replies,
            toast: None,
            change: Change::None,
            office: Vec::new(),
            counts: Vec::new(),
            card: None,
        }
    }

    fn save(replies: Vec<Reply>) -> Outcome {
        Outcome {
            change: Change::Save,
            ..Outcome::show(replies)
        }
    }

    fn counting(mut self, counts: impl IntoIterator<Item = Count>) -> Outcome {
        self.counts.extend(counts);
        self
    }

    fn with_toast(mut self, toast: String) -> Outcome {
        self.toast = Some(toast);
        self
    }
}

/// Handles one event for one tourist. `tourist` is updated in place; `Outcome::change` says
/// whether to store it.
pub fn handle(ctx: &Ctx, tourist: &mut Tourist, event: Event) -> Outcome {
    match event {
        Event::Start(None) => Outcome::show(welcome(ctx)),
        Event::Start(Some(payload)) => start_with(ctx, tourist, &payload),
        Event::Command(command) => on_command(ctx, tourist, command),
        Event::Location {
            lat,
            lon,
            accuracy_m,
        } => location::on_location(ctx, tourist, lat, lon, accuracy_m),
        Event::Button(action) => on_button(ctx, tourist, action),
        Event::Text(text) => on_input(ctx, tourist, Input::Text(&text)),
        Event::Media(media) => on_input(ctx, tourist, Input::Media(&media)),
        Event::Unsupported => Outcome::show(vec![Reply::text(ctx.t("unsupported-message"))]),
    }
}

/// The welcome: share your location, or pick a spot.
pub(super) fn welcome(ctx: &Ctx) -> Vec<Reply> {
    vec![
        Reply::Text {
            text: ctx.t_args("welcome", &[("destination", ctx.destination().into())]),
            keyboard: Keyboard::AskLocation {
                label: ctx.t("share-location"),
            },
        },
        spot_list(ctx, ctx.t("spots-pick")),
    ]
}

pub(super) fn spot_list(ctx: &Ctx, text: String) -> Reply {
    let rows = ctx
        .config
        .spots
        .iter()
        .map(|spot| {
            vec![Button::action(
                ctx.text(&spot.name),
                Action::OpenSpot(spot.id().to_owned()),
            )]
        })
        .collect();
    Reply::with_buttons(text, rows)
}

fn start_with(ctx: &Ctx, tourist: &mut Tourist, payload: &str) -> Outcome {
    match DeepLink::parse(payload) {
        Some(DeepLink::Spot(id)) => match ctx.config.spot(id) {
            Some(spot) => open_spot(ctx, tourist, spot),
            None => Outcome::show(vec![spot_list(ctx, ctx.t("spot-unknown"))]),
        },
        Some(DeepLink::Partner(id)) => match ctx.config.partner(id) {
            Some(partner) => {
                let welcomed = tourist.attribute(partner.id());
                let name = ctx.text(&partner.name);
                let mut replies = vec![Reply::text(ctx.t_args(
                    "partner-welcome",
                    &[
                        ("partner", name.into()),
                        ("destination", ctx.destination().into()),
                    ],
                ))];
                replies.extend(welcome(ctx));
                let count = welcomed.then(|| Count::anywhere(Metric::PartnerWelcomed));
                Outcome::save(replies).counting(count)
            }
            None => Outcome::show(unknown_link(ctx)),
        },
        Some(DeepLink::Card(code)) => match ctx.registry.shared_card(&code.to_ascii_uppercase()) {
            Some(shared) => {
                let code = code.to_ascii_uppercase();
                let (greeting, first) = postcard::welcome_friend(ctx, tourist, &code, &shared);
                let mut replies = vec![greeting];
                replies.extend(welcome(ctx));
                if first {
                    Outcome::save(replies)
                        .counting([Count::at(Metric::FriendArrived, &shared.spot)])
                } else {
                    Outcome::show(replies)
                }
            }
            None => Outcome::show(unknown_link(ctx)),
        },
        None => Outcome::show(unknown_link(ctx)),
    }
}

fn unknown_link(ctx: &Ctx) -> Vec<Reply> {
    let mut replies = vec![Reply::text(ctx.t("link-unknown"))];
    replies.extend(welcome(ctx));
    replies
}

/// A `/start` payload: what a QR code or a shared link carries.
#[derive(Debug, PartialEq, Eq)]
pub enum DeepLink<'a> {
    Spot(&'a str),
    Partner(&'a str),
    /// A postcard's code: a friend scanned it.
    Card(&'a str),
}

impl<'a> DeepLink<'a> {
    /// `spot_<id>` or `partner_<id>`; anything else (foreign, truncated, forged) is None.
    pub fn parse(payload: &'a str) -> Option<DeepLink<'a>> {
        let (kind, id) = payload.trim().split_once('_')?;
        let valid_id = !id.is_empty()
            && id.len() <= crate::config::Id::MAX_LEN
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid_id {
            return None;
        }
        match kind {
            "spot" => Some(DeepLink::Spot(id)),
            "partner" => Some(DeepLink::Partner(id)),
            "card" => Some(DeepLink::Card(id)),
            _ => None,
        }
    }
}

/// Opens a spot: records the visit and shows its menu of tasks.
pub(super) fn open_spot(ctx: &Ctx, tourist: &mut Tourist, spot: &Spot) -> Outcome {
    let mut counts = Vec::new();
    if tourist.visit(spot.id(), ctx.now) {
        counts.push(Count::at(Metric::SpotOpened, spot.id()));
    }
    if spot
        .partner_id()
        .is_some_and(|partner| tourist.attribute(partner))
    {
        counts.push(Count::anywhere(Metric::PartnerWelcomed));
    }
    tourist.awaiting = None;
    let mut text = format!("📍 {}\n\n{}", ctx.text(&spot.name), ctx.text(&spot.intro));
    text.push_str("\n\n");
    text.push_str(&ctx.t("spot-pick-task"));
    Outcome::save(vec![Reply::with_buttons(
        text,
        spot_menu(ctx, tourist, spot),
    )])
    .counting(counts)
}

/// One button per task of the spot, in the configured order, ticked when done.
fn spot_menu(ctx: &Ctx, tourist: &Tourist, spot: &Spot) -> Vec<Vec<Button>> {
    let mut rows: Vec<Vec<Button>> = spot
        .tasks
        .iter()
        .map(|&task| {
            let mark = if tourist.is_done(spot.id(), task) {
                "✅"
            } else {
                task_emoji(task)
            };
            let label = format!("{mark} {}", ctx.t(&format!("{task}-title")));
            vec![Button::action(
                label,
                Action::OpenTask {
                    spot: spot.id().to_owned(),
                    task,
                },
            )]
        })
        .collect();
    rows.push(vec![
        Button::action(ctx.t("button-spots"), Action::Spots),
        Button::action(ctx.t("button-progress"), Action::Progress),
    ]);
    rows
}

fn task_emoji(task: TaskKind) -> &'static str {
    match task {
        TaskKind::Photo => "📷",
        TaskKind::Review => "⭐",
        TaskKind::Postcard => "💌",
        TaskKind::Hashtag => "#️⃣",
        TaskKind::App => "📱",
    }
}

fn on_button(ctx: &Ctx, tourist: &mut Tourist, action: Action) -> Outcome {
    match action {
        Action::Spots => Outcome::show(welcome(ctx)),
        Action::Progress => Outcome::show(vec![passport::passport(ctx, tourist)]),
        Action::OpenSpot(id) => match ctx.config.spot(&id) {
            Some(spot) => open_spot(ctx, tourist, spot),
            None => stale(ctx),
        },
        Action::OpenTask { spot, task } => {
            let Some(spot) = spot_with_task(ctx, &spot, task) else {
                return stale(ctx);
            };
            let module = tasks::task(task);
            let replies = module.open(ctx, tourist, spot);
            if module.awaits_input() {
                tourist.awaiting = Some(Awaiting {
                    spot: spot.id().to_owned(),
                    task,
                });
                Outcome::save(replies)
            } else {
                Outcome::show(replies)
            }
        }
        Action::TaskDone { spot, task } => {
            // A photo or a postcard is done by sending it, never by a button.
            let Some(spot) = spot_with_task(ctx, &spot, task).filter(|_| task.done_on_honour())
            else {
                return stale(ctx);
            };
            complete(ctx, tourist, spot, task, Vec::new())
        }
        Action::SetLang(lang) => {
            tourist.language = Some(lang);
            let ctx = Ctx { lang, ..*ctx };
            Outcome::save(vec![Reply::text(ctx.t("lang-set"))])
        }
        Action::Forget {
            confirmed: true,
            asked,
        } if minutes(ctx.now).saturating_sub(asked) > FORGET_QUESTION_MINUTES => {
            Outcome::show(vec![edit_away(ctx.t("forget-expired"))])
                .with_toast(ctx.t("button-stale-short"))
        }
        Action::Forget {
            confirmed: true, ..
        } => Outcome {
            change: Change::Forget,
            office: photo::forgotten(ctx, tourist),
            ..Outcome::show(vec![edit_away(ctx.t("forget-done"))])
        },
        Action::Forget {
            confirmed: false, ..
        } => Outcome::show(vec![edit_away(ctx.t("forget-cancelled"))]),
        Action::PhotoConsent { photo, choice } => {
            let step = photo::on_consent(ctx, tourist, photo, choice);
            after_step(ctx, tourist, TaskKind::Photo, step)
        }
        Action::PhotoCredit { photo, choice } => {
            let step = photo::on_credit(ctx, tourist, photo, choice);
            after_step(ctx, tourist, TaskKind::Photo, step)
        }
        Action::PhotoChange { photo } => {
            let step = photo::change(ctx, tourist, photo);
            after_step(ctx, tourist, TaskKind::Photo, step)
        }
        Action::PhotoWithdraw { photo } => {
            let step = photo::withdraw(ctx, tourist, photo);
            after_step(ctx, tourist, TaskKind::Photo, step)
        }
        Action::CardPicture { spot, choice } => {
            let Some(spot) = spot_with_task(ctx, &spot, TaskKind::Postcard) else {
                return stale(ctx);
            };
            let step = postcard::choose(ctx, tourist, spot, choice);
            after_step(ctx, tourist, TaskKind::Postcard, step)
        }
        // Moderation is the office's business, handled apart; a tourist never gets this button.
        Action::Moderate { .. } => stale(ctx),
    }
}

/// How long "erase everything?" may be answered "yes".
const FORGET_QUESTION_MINUTES: u64 = 10;

fn minutes(unix_secs: u64) -> u64 {
    unix_secs / 60
}

/// The question's answer in place of the question, its buttons gone: an old "Yes, erase" must not
/// stay pressable.
fn edit_away(text: String) -> Reply {
    Reply::EditText {
        text,
        keyboard: Keyboard::None,
    }
}

/// The spot, if it still exists and still offers `task` (the config may have changed since the
/// button was drawn).
fn spot_with_task<'c>(ctx: &Ctx<'c>, spot: &str, task: TaskKind) -> Option<&'c Spot> {
    ctx.config.spot(spot).filter(|s| s.tasks.contains(&task))
}

/// A button drawn for a spot or task that is no longer there.
fn stale(ctx: &Ctx) -> Outcome {
    Outcome::show(vec![spot_list(ctx, ctx.t("button-stale"))])
        .with_toast(ctx.t("button-stale-short"))
}

/// Marks a task done and shows the spot's menu again, with what is left.
fn complete(
    ctx: &Ctx,
    tourist: &mut Tourist,
    spot: &Spot,
    task: TaskKind,
    mut replies: Vec<Reply>,
) -> Outcome {
    let newly = tourist.complete(spot.id(), task, ctx.now);
    if tourist
        .awaiting
        .as_ref()
        .is_some_and(|a| a.spot == spot.id() && a.task == task)
    {
        tourist.awaiting = None;
    }
    let left = spot
        .tasks
        .iter()
        .filter(|t| !tourist.is_done(spot.id(), **t))
        .count();
    let spot_name = ctx.text(&spot.name);
    let text = if left == 0 {
        ctx.t_args("spot-complete", &[("spot", spot_name.into())])
    } else {
        ctx.t_args("task-done", &[("left", left.into())])
    };
    replies.push(Reply::with_buttons(text, spot_menu(ctx, tourist, spot)));
    let outcome = if newly {
        let mut counts = vec![Count::at(Metric::TaskDone(task), spot.id())];
        if let Some((congratulations, count)) = rewards::earn(ctx, tourist) {
            replies.push(congratulations);
            counts.push(count);
        }
        Outcome::save(replies).counting(counts)
    } else {
        Outcome::show(replies)
    };
    outcome.with_toast(ctx.t("task-done-short"))
}

/// The postcard went out: remember its image, count it, and tick the task (the first card).
pub fn card_delivered(
    ctx: &Ctx,
    tourist: &mut Tourist,
    code: &str,
    file_id: Option<String>,
) -> Outcome {
    let Some(spot_id) = postcard::delivered(tourist, code, file_id) else {
        return Outcome::show(Vec::new());
    };
    let sent = Count::at(Metric::PostcardSent, &spot_id);
    // The result comes back from the drawing while the tourist may be making the next card:
    // ticking the task must not end that one.
    let awaiting = tourist.awaiting.clone();
    let outcome = match ctx
        .config
        .spot(&spot_id)
        .filter(|s| s.tasks.contains(&TaskKind::Postcard))
    {
        Some(spot) => Outcome {
            change: Change::Save,
            ..complete(ctx, tourist, spot, TaskKind::Postcard, Vec::new())
        }
        .counting([sent]),
        None => Outcome::save(Vec::new()).counting([sent]),
    };
    tourist.awaiting = awaiting;
    outcome
}

/// The postcard could not be made: say why (`reason` is a message id) and offer the pictures
/// again.
pub fn card_failed(ctx: &Ctx, tourist: &mut Tourist, code: &str, reason: &str) -> Outcome {
    let mut replies = vec![Reply::text(ctx.t(reason))];
    replies.extend(postcard::undelivered(ctx, tourist, code));
    Outcome::save(replies)
}

/// Applies what a step of `task` did: store, complete the task, tell the office.
fn after_step(ctx: &Ctx, tourist: &mut Tourist, task: TaskKind, step: Step) -> Outcome {
    let Step {
        replies,
        office,
        counts,
        card,
        effect,
    } = step;
    let mut outcome = match effect {
        Effect::Unexpected | Effect::Unchanged => Outcome::show(replies),
        Effect::Changed => Outcome::save(replies),
        Effect::Completed(spot_id) => match ctx.config.spot(&spot_id) {
            Some(spot) => Outcome {
                change: Change::Save,
                ..complete(ctx, tourist, spot, task, replies)
            },
            // The spot left the config meanwhile: keep what was answered, nothing to tick.
            None => Outcome::save(replies),
        },
    };
    outcome.office = office;
    outcome.card = card;
    outcome.counting(counts)
}

fn on_input(ctx: &Ctx, tourist: &mut Tourist, input: Input) -> Outcome {
    let waiting = tourist
        .awaiting
        .as_ref()
        .and_then(|a| Some((spot_with_task(ctx, &a.spot, a.task)?, a.task)));
    if let Some((spot, task)) = waiting {
        let step = tasks::task(task).on_input(ctx, tourist, spot, input);
        if step.effect != Effect::Unexpected {
            return after_step(ctx, tourist, task, step);
        }
    }
    let hint = match input {
        Input::Text(_) => "text-unexpected",
        Input::Media(Media::Photo { .. } | Media::Image { .. }) => "photo-unexpected",
        Input::Media(_) => "unsupported-message",
    };
    Outcome::show(vec![Reply::text(ctx.t(hint))])
}

fn on_command(ctx: &Ctx, tourist: &mut Tourist, command: Command) -> Outcome {
    let reply = match command {
        Command::Spots => return Outcome::show(welcome(ctx)),
        Command::Progress => passport::passport(ctx, tourist),
        Command::Lang => {
            let rows = Lang::ALL
                .chunks(3)
                .map(|row| {
                    row.iter()
                        .map(|&l| Button::action(ctx.i18n.t(l, "lang-name"), Action::SetLang(l)))
                        .collect()
                })
                .collect();
            Reply::with_buttons(ctx.t("lang-choose"), rows)
        }
        Command::Help => {
            Reply::text(ctx.t_args("help", &[("destination", ctx.destination().into())]))
        }
        Command::Privacy => Reply::text(ctx.t("privacy")),
        Command::MyData => passport::my_data(ctx, tourist),
        Command::MyPhotos => return Outcome::show(photo::my_photos(ctx, tourist)),
        Command::Forget => {
            let answer = |confirmed| Action::Forget {
                confirmed,
                asked: minutes(ctx.now),
            };
            Reply::with_buttons(
                ctx.t("forget-confirm"),
                vec![vec![
                    Button::action(ctx.t("forget-yes"), answer(true)),
                    Button::action(ctx.t("forget-no"), answer(false)),
                ]],
            )
        }
        Command::Unknown => Reply::text(ctx.t("command-unknown")),
    };
    Outcome::show(vec![reply])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_links_parse_strictly() {
        assert_eq!(
            DeepLink::parse("spot_chateau"),
            Some(DeepLink::Spot("chateau"))
        );
        assert_eq!(
            DeepLink::parse("partner_hotel-exemple"),
            Some(DeepLink::Partner("hotel-exemple"))
        );
        assert_eq!(DeepLink::parse("spot_"), None);
        assert_eq!(DeepLink::parse("spot_Chateau"), None);
        assert_eq!(DeepLink::parse("chateau"), None);
        assert_eq!(DeepLink::parse("coupon_x"), None);
        assert_eq!(DeepLink::parse(&format!("spot_{}", "a".repeat(33))), None);
    }
}
