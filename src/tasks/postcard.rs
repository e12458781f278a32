//! Postcard task: the tourist's own photo of the place becomes a postcard for a friend.
//!
//! ```text
//! tourist: [💌 Send a postcard]
//! bot:     Which picture for your card?  [📷 Your photo (2026-07-14)] [📸 A new photo] [🏞 Château de Pau]
//! tourist: [📸 A new photo]   (a photo)
//! bot:     Now write a few words for your friend (200 characters at most).
//! tourist: What a view from the castle!
//! bot:     (the postcard: the photo, the words, Pau, Château de Pau, #PauPyrenees, a QR code)
//!          [📤 Send it to a friend]  → Telegram's chat picker, then the card goes into that chat
//! friend:  (scans the card's code)  /start card_K7Q29XMA
//! bot:     👋 Alex sent you this postcard from Pau! …
//! ```
//!
//! The card is drawn by [`crate::card`] in the Telegram layer (it downloads the photo and renders
//! off the async runtime): this module decides what goes on it and what happens once it is sent.

use serde::{Deserialize, Serialize};

use crate::card::Palette;
use crate::config::{Config, Spot};
use crate::journey::{Action, Button, Ctx, Reply};
use crate::tasks::photo::PhotoStatus;
use crate::tasks::{Input, Media, Step, Task, TaskKind};
use crate::tourist::{Awaiting, Tourist, iso_date};

/// The longest message a card holds.
pub const MAX_MESSAGE_CHARS: usize = 200;
/// Cards a tourist can make in an hour: enough for friends and family, not for spam.
pub const MAX_CARDS_PER_HOUR: usize = 5;
/// The tourist's own photos offered as pictures, newest first.
const OWN_PHOTOS_OFFERED: usize = 3;

/// A card a tourist made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    /// In the card's link (`card_<code>`): how a friend who scans it is recognised.
    pub code: String,
    pub spot: String,
    /// The first name the friend is greeted with; nothing else about the sender is disclosed.
    pub from: String,
    pub made_at: u64,
    /// Telegram's id of the card's image, once sent: what the share sheet offers.
    pub file_id: Option<String>,
}

/// A card being made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub spot: String,
    /// `None` while waiting for a new photo.
    pub picture: Option<Picture>,
}

/// What fills the card's frame.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Picture {
    /// A photo on Telegram's servers (one the tourist shared, or sends now).
    Telegram { file_id: String },
    /// The spot's own picture from the config, or a drawn landscape when it has none.
    Spot,
}

/// A button of the picture question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureChoice {
    /// One of the tourist's photos, by number.
    Photo(u64),
    NewPhoto,
    Spot,
}

/// Everything the Telegram layer needs to draw and send a card.
#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    pub code: String,
    pub spot: String,
    pub picture: Source,
    pub destination: String,
    pub spot_name: String,
    pub message: String,
    pub hashtag: String,
    /// What the card's QR code opens: `https://t.me/<bot>?start=card_<code>`.
    pub link: String,
    pub palette: Palette,
    pub caption: String,
    pub share_label: String,
}

/// Where the picture of an order comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Telegram { file_id: String },
    File(std::path::PathBuf),
    Designed,
}

pub struct Postcard;

impl Task for Postcard {
    fn open(&self, ctx: &Ctx, tourist: &Tourist, spot: &Spot) -> Vec<Reply> {
        let choice = |choice| Action::CardPicture {
            spot: spot.id().to_owned(),
            choice,
        };
        let mut own: Vec<_> = tourist
            .photos
            .iter()
            .filter(|p| p.spot == spot.id() && p.status != PhotoStatus::Draft)
            .collect();
        own.sort_by_key(|p| std::cmp::Reverse(p.id));
        let mut rows: Vec<Vec<Button>> = own
            .into_iter()
            .take(OWN_PHOTOS_OFFERED)
            .map(|p| {
                let label = ctx.t_args(
                    "postcard-own-photo",
                    &[("date", iso_date(p.shared_at).into())],
                );
                vec![Button::action(label, choice(PictureChoice::Photo(p.id)))]
            })
            .collect();
        rows.push(vec![Button::action(
            ctx.t("postcard-new-photo"),
            choice(PictureChoice::NewPhoto),
        )]);
        let spot_picture = format!("🏞 {}", ctx.text(&spot.name));
        rows.push(vec![Button::action(
            spot_picture,
            choice(PictureChoice::Spot),
        )]);
        vec![Reply::with_buttons(ctx.t("postcard-pick-picture"), rows)]
    }

    fn awaits_input(&self) -> bool {
        true
    }

    fn on_input(&self, ctx: &Ctx, tourist: &mut Tourist, spot: &Spot, input: Input) -> Step {
        let Some(draft) = tourist.card_draft.as_mut().filter(|d| d.spot == spot.id()) else {
            return Step::unchanged(vec![Reply::text(ctx.t("postcard-pick-first"))]);
        };
        match (&draft.picture, input) {
            (None, Input::Media(Media::Photo { file_id, .. } | Media::Image { file_id, .. })) => {
                draft.picture = Some(Picture::Telegram {
                    file_id: file_id.clone(),
                });
                Step::changed(vec![write_now(ctx)])
            }
            (None, _) => Step::unchanged(vec![Reply::text(ctx.t("postcard-photo-please"))]),
            (Some(_), Input::Text(message)) => order(ctx, tourist, spot, message),
            (Some(_), Input::Media(_)) => {
                Step::unchanged(vec![Reply::text(ctx.t("postcard-text-please"))])
            }
        }
    }
}

fn write_now(ctx: &Ctx) -> Reply {
    Reply::text(ctx.t_args("postcard-write", &[("max", MAX_MESSAGE_CHARS.into())]))
}

/// A picture button: keep the choice, then ask for a photo or for the words.
pub fn choose(ctx: &Ctx, tourist: &mut Tourist, spot: &Spot, choice: PictureChoice) -> Step {
    let picture = match choice {
        PictureChoice::Photo(id) => match tourist
            .photos
            .iter()
            .find(|p| p.id == id && p.spot == spot.id())
        {
            Some(photo) => Some(Picture::Telegram {
                file_id: photo.file_id.clone(),
            }),
            None => return Step::unchanged(vec![Reply::text(ctx.t("button-stale"))]),
        },
        PictureChoice::NewPhoto => None,
        PictureChoice::Spot => Some(Picture::Spot),
    };
    let reply = match picture {
        None => Reply::text(ctx.t("postcard-send-photo")),
        Some(_) => write_now(ctx),
    };
    tourist.card_draft = Some(Draft {
        spot: spot.id().to_owned(),
        picture,
    });
    tourist.awaiting = Some(Awaiting {
        spot: spot.id().to_owned(),
        task: TaskKind::Postcard,
    });
    Step::changed(vec![reply])
}

/// The words are typed: check them and order the card.
fn order(ctx: &Ctx, tourist: &mut Tourist, spot: &Spot, message: &str) -> Step {
    let message = message.trim();
    let length = message.chars().count();
    if length > MAX_MESSAGE_CHARS {
        let args = [("max", MAX_MESSAGE_CHARS.into()), ("length", length.into())];
        return Step::unchanged(vec![Reply::text(ctx.t_args("postcard-too-long", &args))]);
    }
    let drawable = crate::card::drawable(message);
    if drawable.trim().is_empty() {
        return Step::unchanged(vec![Reply::text(ctx.t("postcard-nothing-drawable"))]);
    }
    let hour_ago = ctx.now.saturating_sub(3600);
    if tourist
        .cards
        .iter()
        .filter(|c| c.made_at > hour_ago)
        .count()
        >= MAX_CARDS_PER_HOUR
    {
        let args = [("max", MAX_CARDS_PER_HOUR.into())];
        return Step::unchanged(vec![Reply::text(
            ctx.t_args("postcard-hourly-limit", &args),
        )]);
    }
    let Some(code) = ctx.registry.card_code() else {
        return Step::unchanged(vec![Reply::text(ctx.t("error-apology"))]);
    };
    let Some(Draft {
        picture: Some(picture),
        ..
    }) = tourist.card_draft.take()
    else {
        return Step::unchanged(vec![Reply::text(ctx.t("postcard-pick-first"))]);
    };
    let source = match picture {
        Picture::Telegram { file_id } => Source::Telegram { file_id },
        Picture::Spot => ctx
            .config
            .postcard_image(spot)
            .map_or(Source::Designed, Source::File),
    };
    // Nothing more to wait for: the card is being drawn, and its result may come back after the
    // tourist has started another one.
    tourist.awaiting = None;
    tourist.cards.push(Card {
        code: code.clone(),
        spot: spot.id().to_owned(),
        from: ctx.first_name.trim().to_owned(),
        made_at: ctx.now,
        file_id: None,
    });
    let mut replies = vec![Reply::text(ctx.t("postcard-drawing"))];
    if drawable != message {
        replies.push(Reply::text(ctx.t("postcard-some-dropped")));
    }
    let link = card_link(ctx.config, &code);
    let mut step = Step::changed(replies);
    step.card = Some(Order {
        caption: ctx.t_args(
            "postcard-caption",
            &[("destination", ctx.destination().into())],
        ),
        share_label: ctx.t("postcard-share"),
        code,
        spot: spot.id().to_owned(),
        picture: source,
        destination: ctx.destination().to_owned(),
        spot_name: ctx.text(&spot.name).to_owned(),
        message: message.to_owned(),
        hashtag: ctx.config.destination.hashtag.as_str().to_owned(),
        link,
        palette: palette(ctx.config),
    });
    step
}

/// The office's colours, or the default Pyrenees evening.
pub fn palette(config: &Config) -> Palette {
    match &config.destination.colours {
        Some(colours) => Palette {
            sky: colours.sky.0,
            horizon: colours.horizon.0,
            ink: colours.ink.0,
        },
        None => Palette::default(),
    }
}

/// The card went out: remember its image for the share sheet. The first card completes the task.
pub fn delivered(tourist: &mut Tourist, code: &str, file_id: Option<String>) -> Option<String> {
    let card = tourist.cards.iter_mut().find(|c| c.code == code)?;
    card.file_id = file_id;
    Some(card.spot.clone())
}

/// The card could not be made: forget it and offer the pictures again (if the spot still offers
/// postcards).
pub fn undelivered(ctx: &Ctx, tourist: &mut Tourist, code: &str) -> Vec<Reply> {
    let Some(index) = tourist.cards.iter().position(|c| c.code == code) else {
        return Vec::new();
    };
    let card = tourist.cards.remove(index);
    match ctx
        .config
        .spot(&card.spot)
        .filter(|s| s.tasks.contains(&TaskKind::Postcard))
    {
        Some(spot) => Postcard.open(ctx, tourist, spot),
        None => Vec::new(),
    }
}

/// The link a card's QR code opens: start payloads allow lower-case ids only, and codes are read
/// back case-insensitively.
pub fn card_link(config: &Config, code: &str) -> String {
    config.deep_link(&format!("card_{}", code.to_ascii_lowercase()))
}

/// A card offered in the chat the tourist picked ("send it to a friend").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shareable {
    pub code: String,
    /// Telegram's id of the card's image.
    pub file_id: String,
    pub caption: String,
    /// The button under the card that opens the bot for the friend.
    pub open_label: String,
    pub link: String,
}

/// The tourist's cards to offer for `query` (the card asked for first, then the newest), at most
/// 20: only cards Telegram holds an image of.
pub fn shareable(ctx: &Ctx, tourist: &Tourist, query: &str) -> Vec<Shareable> {
    let wanted = query.trim().to_ascii_uppercase();
    let mut cards: Vec<_> = tourist
        .cards
        .iter()
        .filter(|c| c.file_id.is_some())
        .collect();
    cards.sort_by_key(|c| (c.code != wanted, std::cmp::Reverse(c.made_at)));
    let destination = [("destination", ctx.destination().into())];
    cards
        .into_iter()
        .take(20)
        .filter_map(|card| {
            Some(Shareable {
                code: card.code.clone(),
                file_id: card.file_id.clone()?,
                caption: ctx.t_args("postcard-inline-caption", &destination),
                open_label: ctx.t_args("postcard-inline-open", &destination),
                link: card_link(ctx.config, &card.code),
            })
        })
        .collect()
}

/// What a friend who scanned a card's code learns: the sender's first name and the spot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    pub from: String,
    pub spot: String,
}

/// `/start card_<code>`: a friend arrives through a card. Returns the greeting, and whether this
/// is the friend's first arrival by a card (counted once).
pub fn welcome_friend(
    ctx: &Ctx,
    tourist: &mut Tourist,
    code: &str,
    shared: &Shared,
) -> (Reply, bool) {
    let spot = ctx.config.spot(&shared.spot).map_or_else(
        || ctx.destination().to_owned(),
        |s| ctx.text(&s.name).to_owned(),
    );
    let from = if shared.from.is_empty() {
        ctx.t("postcard-a-friend")
    } else {
        shared.from.clone()
    };
    let text = ctx.t_args(
        "postcard-friend-welcome",
        &[
            ("name", from.into()),
            ("spot", spot.into()),
            ("destination", ctx.destination().into()),
        ],
    );
    let own_card = tourist.cards.iter().any(|c| c.code == code);
    let first = !own_card && tourist.referred_by.is_none();
    if first {
        tourist.referred_by = Some(code.to_owned());
    }
    (Reply::text(text), first)
}
