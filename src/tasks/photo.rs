//! Photo task: tourists share photos of the destination, with consent, credit and moderation.
//!
//! In France no photo is "free of rights": the office may reuse one only with the photographer's
//! explicit consent for named uses, credited as they wish, and must honour a withdrawal. So the
//! bot asks at the moment of sharing, in plain words, and keeps the answer with the photo.
//!
//! ```text
//! tourist: [📷 Share a photo]
//! bot:     Show us Château de Pau through your eyes: send a photo of the place.
//! tourist: (a photo)
//! bot:     What may the tourism office do with it?
//!          [☐ Social networks] [☐ Website and print] [☐ Partners] [All] [None] [Continue]
//! tourist: [All]
//! bot:     How should we credit you?  [As Alex] [Another name…] [Anonymous]
//! tourist: [As Alex]
//! bot:     Thank you! The office will look at your photo. ✅ …the spot's menu
//! office:  (in the moderation chat) the photo, its spot, uses, credit, date  [✅ Approve] [❌ Reject]
//! ```
//!
//! Declining every use is a fine answer: the task is done and the photo stays private (it is sent
//! to no one). `/myphotos` lists the tourist's photos with a button to change the consent and one
//! to withdraw it.

use serde::{Deserialize, Serialize};

use crate::config::Spot;
use crate::i18n::Lang;
use crate::journey::{Action, Button, Ctx, Keyboard, Reply};
use crate::stats::{Count, Metric};
use crate::tasks::{Effect, Input, Media, Step, Task, TaskKind};
use crate::tourist::{Awaiting, Tourist, iso_date};

/// Telegram's download limit for bots (getFile): a bigger file could never be exported.
pub const MAX_FILE_BYTES: u32 = 20 * 1024 * 1024;

/// A photo a tourist shared, with what they allowed. Nothing else about the tourist is kept here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Photo {
    /// escale's number for the photo, unique across tourists.
    pub id: u64,
    /// Telegram's id of the file: the photo itself stays on Telegram's servers.
    pub file_id: String,
    /// Sent as a file (the original) rather than as a compressed photo.
    #[serde(default)]
    pub original: bool,
    pub spot: String,
    /// The partner the tourist was attributed to when sharing.
    pub partner: Option<String>,
    pub scopes: Scopes,
    pub credit: Credit,
    pub status: PhotoStatus,
    /// The language of the tourist when sharing, to thank them in it.
    pub lang: Lang,
    /// Unix seconds.
    pub shared_at: u64,
    pub approved_at: Option<u64>,
    pub decided_at: Option<u64>,
    pub withdrawn_at: Option<u64>,
    /// The consent questions in progress, if any.
    #[serde(default)]
    pub dialog: Option<Dialog>,
}

/// The uses of a photo the tourist allowed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scopes {
    pub social: bool,
    pub web_print: bool,
    pub partners: bool,
}

/// A use of a photo, as offered to the tourist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Social,
    WebPrint,
    Partners,
}

/// How the tourist wants to be credited.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Credit {
    #[default]
    Anonymous,
    Name(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PhotoStatus {
    /// Just received, consent not given yet.
    Draft,
    /// No use allowed: sent to no one.
    Private,
    /// Waiting for the office's decision.
    Pending,
    Approved,
    Rejected,
    /// The tourist withdrew their consent.
    Withdrawn,
}

/// Where the tourist is in the consent questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Dialog {
    /// Choosing the uses; `Scopes` holds the ticks so far.
    Scopes(Scopes),
    /// The uses are chosen; the tourist is typing the name to credit.
    CreditName(Scopes),
}

/// A button of the consent questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentChoice {
    Toggle(Scope),
    All,
    None,
    Continue,
}

/// A button of the credit question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreditChoice {
    FirstName,
    TypeName,
    Anonymous,
}

/// The longest credit name accepted.
pub const MAX_CREDIT_CHARS: usize = 60;

impl Scopes {
    pub const ALL: Scopes = Scopes {
        social: true,
        web_print: true,
        partners: true,
    };

    pub fn any(self) -> bool {
        self.social || self.web_print || self.partners
    }

    fn has(self, scope: Scope) -> bool {
        match scope {
            Scope::Social => self.social,
            Scope::WebPrint => self.web_print,
            Scope::Partners => self.partners,
        }
    }

    fn toggled(mut self, scope: Scope) -> Scopes {
        match scope {
            Scope::Social => self.social = !self.social,
            Scope::WebPrint => self.web_print = !self.web_print,
            Scope::Partners => self.partners = !self.partners,
        }
        self
    }

    /// "social networks, website and print" in `lang`; "none" when empty.
    pub fn describe(self, ctx: &Ctx) -> String {
        let names: Vec<String> = [Scope::Social, Scope::WebPrint, Scope::Partners]
            .into_iter()
            .filter(|s| self.has(*s))
            .map(|s| ctx.t(scope_id(s)))
            .collect();
        if names.is_empty() {
            ctx.t("photo-scope-none")
        } else {
            names.join(", ")
        }
    }

    /// The scopes as short codes, for the office's CSV manifest.
    pub fn codes(self) -> String {
        [
            (self.social, "social"),
            (self.web_print, "web-print"),
            (self.partners, "partners"),
        ]
        .into_iter()
        .filter_map(|(on, code)| on.then_some(code))
        .collect::<Vec<_>>()
        .join(" ")
    }
}

impl Credit {
    pub fn describe(&self, ctx: &Ctx) -> String {
        match self {
            Credit::Anonymous => ctx.t("photo-credit-anonymous"),
            Credit::Name(name) => name.clone(),
        }
    }
}

fn scope_id(scope: Scope) -> &'static str {
    match scope {
        Scope::Social => "photo-scope-social",
        Scope::WebPrint => "photo-scope-web",
        Scope::Partners => "photo-scope-partners",
    }
}

pub struct PhotoTask;

impl Task for PhotoTask {
    fn open(&self, ctx: &Ctx, _tourist: &Tourist, spot: &Spot) -> Vec<Reply> {
        vec![Reply::text(ctx.t_args(
            "photo-intro",
            &[("spot", ctx.text(&spot.name).into())],
        ))]
    }

    fn awaits_input(&self) -> bool {
        true
    }

    fn on_input(&self, ctx: &Ctx, tourist: &mut Tourist, spot: &Spot, input: Input) -> Step {
        match input {
            Input::Text(text) => {
                let typing = tourist
                    .photos
                    .iter()
                    .position(|p| matches!(p.dialog, Some(Dialog::CreditName(_))));
                match typing {
                    Some(index) => credit_named(ctx, tourist, index, text),
                    None => retry(ctx, "photo-waiting"),
                }
            }
            Input::Media(media) => received(ctx, tourist, spot, media),
        }
    }
}

/// A photo (or a file, or a video) arrived while the photo task waits for one.
fn received(ctx: &Ctx, tourist: &mut Tourist, spot: &Spot, media: &Media) -> Step {
    let (file_id, size, original) = match media {
        Media::Photo { file_id, size } => (file_id, *size, false),
        Media::Image { file_id, size } => (file_id, *size, true),
        Media::Heic => return retry(ctx, "photo-heic"),
        Media::Video => return retry(ctx, "photo-video"),
        Media::OtherFile => return retry(ctx, "photo-wrong-file"),
    };
    if size > MAX_FILE_BYTES {
        return retry(ctx, "photo-too-big");
    }
    // A new photo replaces a draft whose consent was never given: nothing of it was shared.
    tourist.photos.retain(|p| p.status != PhotoStatus::Draft);
    let pending = tourist
        .photos
        .iter()
        .filter(|p| p.status == PhotoStatus::Pending)
        .count();
    let limit = ctx.config.office.max_pending_photos;
    if pending >= limit {
        let text = ctx.t_args("photo-pending-limit", &[("limit", limit.into())]);
        return Step::unchanged(vec![Reply::text(text)]);
    }
    let photo = Photo {
        id: ctx.registry.next_id(),
        file_id: file_id.clone(),
        original,
        spot: spot.id().to_owned(),
        partner: tourist.partner.clone(),
        scopes: Scopes::default(),
        credit: Credit::Anonymous,
        status: PhotoStatus::Draft,
        lang: ctx.lang,
        shared_at: ctx.now,
        approved_at: None,
        decided_at: None,
        withdrawn_at: None,
        dialog: Some(Dialog::Scopes(Scopes::default())),
    };
    let question = consent_question(ctx, &photo, Scopes::default(), false);
    tourist.photos.push(photo);
    Step::changed(vec![question])
}

fn retry(ctx: &Ctx, id: &str) -> Step {
    Step::unchanged(vec![Reply::text(ctx.t(id))])
}

/// "What may the office do with your photo?", with the current ticks.
fn consent_question(ctx: &Ctx, photo: &Photo, ticks: Scopes, edit: bool) -> Reply {
    let choice = |choice| Action::PhotoConsent {
        photo: photo.id,
        choice,
    };
    let tick = |scope: Scope| {
        let mark = if ticks.has(scope) { "☑️" } else { "⬜" };
        Button::action(
            format!("{mark} {}", ctx.t(scope_id(scope))),
            choice(ConsentChoice::Toggle(scope)),
        )
    };
    let rows = vec![
        vec![tick(Scope::Social)],
        vec![tick(Scope::WebPrint)],
        vec![tick(Scope::Partners)],
        vec![
            Button::action(ctx.t("photo-consent-all"), choice(ConsentChoice::All)),
            Button::action(ctx.t("photo-consent-none"), choice(ConsentChoice::None)),
        ],
        vec![Button::action(
            ctx.t("photo-consent-continue"),
            choice(ConsentChoice::Continue),
        )],
    ];
    let text = ctx.t_args(
        "photo-consent",
        &[("destination", ctx.destination().into())],
    );
    let keyboard = Keyboard::Inline(rows);
    if edit {
        Reply::EditText { text, keyboard }
    } else {
        Reply::Text { text, keyboard }
    }
}

/// A consent button: tick, untick, all, none, continue.
pub fn on_consent(ctx: &Ctx, tourist: &mut Tourist, photo_id: u64, choice: ConsentChoice) -> Step {
    let Some(index) = tourist.photos.iter().position(|p| p.id == photo_id) else {
        return stale(ctx);
    };
    let Some(Dialog::Scopes(ticks)) = tourist.photos[index].dialog else {
        return stale(ctx);
    };
    let ticks = match choice {
        ConsentChoice::Toggle(scope) => ticks.toggled(scope),
        ConsentChoice::All => Scopes::ALL,
        ConsentChoice::None => {
            return settle(ctx, tourist, index, Scopes::default(), Credit::Anonymous);
        }
        ConsentChoice::Continue => ticks,
    };
    let photo = &mut tourist.photos[index];
    if choice == ConsentChoice::Continue || choice == ConsentChoice::All {
        if !ticks.any() {
            return settle(ctx, tourist, index, ticks, Credit::Anonymous);
        }
        photo.dialog = Some(Dialog::CreditName(ticks));
        return Step::changed(vec![credit_question(ctx, photo)]);
    }
    photo.dialog = Some(Dialog::Scopes(ticks));
    Step::changed(vec![consent_question(ctx, photo, ticks, true)])
}

fn credit_question(ctx: &Ctx, photo: &Photo) -> Reply {
    let choice = |choice| Action::PhotoCredit {
        photo: photo.id,
        choice,
    };
    let mut rows = Vec::new();
    if !ctx.first_name.trim().is_empty() {
        rows.push(vec![Button::action(
            ctx.t_args("photo-credit-as", &[("name", ctx.first_name.into())]),
            choice(CreditChoice::FirstName),
        )]);
    }
    rows.push(vec![Button::action(
        ctx.t("photo-credit-type"),
        choice(CreditChoice::TypeName),
    )]);
    rows.push(vec![Button::action(
        ctx.t("photo-credit-anonymous"),
        choice(CreditChoice::Anonymous),
    )]);
    Reply::EditText {
        text: ctx.t("photo-credit"),
        keyboard: Keyboard::Inline(rows),
    }
}

/// A credit button: the first name, a typed name, or anonymous.
pub fn on_credit(ctx: &Ctx, tourist: &mut Tourist, photo_id: u64, choice: CreditChoice) -> Step {
    let Some(index) = tourist.photos.iter().position(|p| p.id == photo_id) else {
        return stale(ctx);
    };
    let Some(Dialog::CreditName(ticks)) = tourist.photos[index].dialog else {
        return stale(ctx);
    };
    match choice {
        CreditChoice::FirstName if !ctx.first_name.trim().is_empty() => settle(
            ctx,
            tourist,
            index,
            ticks,
            Credit::Name(ctx.first_name.trim().to_owned()),
        ),
        CreditChoice::Anonymous | CreditChoice::FirstName => {
            settle(ctx, tourist, index, ticks, Credit::Anonymous)
        }
        CreditChoice::TypeName => {
            // The next text names this photo's author: no other photo may be waiting for one.
            for (other, photo) in tourist.photos.iter_mut().enumerate() {
                if let (true, Some(Dialog::CreditName(ticks))) = (other != index, &photo.dialog) {
                    photo.dialog = Some(Dialog::Scopes(*ticks));
                }
            }
            let spot = tourist.photos[index].spot.clone();
            tourist.awaiting = Some(Awaiting {
                spot,
                task: TaskKind::Photo,
            });
            Step::changed(vec![Reply::EditText {
                text: ctx.t_args("photo-credit-type-now", &[("max", MAX_CREDIT_CHARS.into())]),
                keyboard: Keyboard::None,
            }])
        }
    }
}

/// The tourist typed the name to credit.
fn credit_named(ctx: &Ctx, tourist: &mut Tourist, index: usize, text: &str) -> Step {
    let name: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let length = name.chars().count();
    if length == 0 || length > MAX_CREDIT_CHARS {
        let text = ctx.t_args("photo-credit-type-now", &[("max", MAX_CREDIT_CHARS.into())]);
        return Step::unchanged(vec![Reply::text(text)]);
    }
    let Some(Dialog::CreditName(ticks)) = tourist.photos[index].dialog else {
        return retry(ctx, "photo-waiting");
    };
    settle(ctx, tourist, index, ticks, Credit::Name(name))
}

fn stale(ctx: &Ctx) -> Step {
    Step::unchanged(vec![Reply::text(ctx.t("photo-stale"))])
}

/// The consent questions are answered: apply them and tell whoever needs to know.
fn settle(ctx: &Ctx, tourist: &mut Tourist, index: usize, scopes: Scopes, credit: Credit) -> Step {
    if tourist
        .awaiting
        .as_ref()
        .is_some_and(|a| a.task == TaskKind::Photo)
    {
        tourist.awaiting = None;
    }
    let photo = &mut tourist.photos[index];
    let before = photo.status;
    photo.dialog = None;
    photo.scopes = scopes;
    photo.credit = credit;
    let mut office = Vec::new();
    photo.status = match (before, scopes.any()) {
        (PhotoStatus::Draft, false) => PhotoStatus::Private,
        (PhotoStatus::Draft | PhotoStatus::Private | PhotoStatus::Withdrawn, true) => {
            office.push(for_moderation(ctx, photo, PhotoStatus::Pending));
            PhotoStatus::Pending
        }
        (PhotoStatus::Pending | PhotoStatus::Approved, false) => {
            photo.withdrawn_at = Some(ctx.now);
            office.push(office_notice(ctx, photo, "office-photo-withdrawn"));
            PhotoStatus::Withdrawn
        }
        (PhotoStatus::Pending | PhotoStatus::Approved, true) => {
            office.push(office_notice(ctx, photo, "office-photo-consent-changed"));
            before
        }
        (status, _) => status,
    };
    let thanks = match (before, photo.status) {
        (PhotoStatus::Draft, PhotoStatus::Private) => "photo-kept-private",
        (PhotoStatus::Draft, _) => "photo-thanks",
        (_, PhotoStatus::Withdrawn) => "photo-withdrawn",
        _ => "photo-consent-updated",
    };
    let reply = Reply::EditText {
        text: ctx.t(thanks),
        keyboard: Keyboard::None,
    };
    let effect = if before == PhotoStatus::Draft {
        Effect::Completed(photo.spot.clone())
    } else {
        Effect::Changed
    };
    let mut counts = Vec::new();
    // A photo counts as shared once its author answered (a replaced draft never does).
    if before == PhotoStatus::Draft {
        counts.push(Count::at(Metric::PhotoShared, &photo.spot));
    }
    if photo.status == PhotoStatus::Pending && before != PhotoStatus::Pending {
        counts.push(Count::at(Metric::PhotoConsented, &photo.spot));
    }
    Step {
        replies: vec![reply],
        office,
        counts,
        card: None,
        effect,
    }
}

/// The photo as the office's moderation chat receives it.
fn for_moderation(ctx: &Ctx, photo: &Photo, status: PhotoStatus) -> Reply {
    let office = office_ctx(ctx);
    let rows = vec![vec![
        Button::action(
            office.t("office-approve"),
            Action::Moderate {
                photo: photo.id,
                approve: true,
            },
        ),
        Button::action(
            office.t("office-reject"),
            Action::Moderate {
                photo: photo.id,
                approve: false,
            },
        ),
    ]];
    Reply::Photo {
        file_id: photo.file_id.clone(),
        original: photo.original,
        caption: office_caption(&office, photo, status),
        keyboard: Keyboard::Inline(rows),
    }
}

/// The office reads the moderation chat in the destination's default language.
fn office_ctx<'a>(ctx: &Ctx<'a>) -> Ctx<'a> {
    Ctx {
        lang: ctx.config.destination.default_language,
        ..*ctx
    }
}

/// What the office reads about a photo: spot, uses, credit, date, status.
pub fn office_caption(office: &Ctx, photo: &Photo, status: PhotoStatus) -> String {
    let spot = office.config.spot_name(&photo.spot, office.lang);
    let partner = photo
        .partner
        .as_deref()
        .and_then(|id| office.config.partner(id))
        .map_or_else(|| "—".to_owned(), |p| office.text(&p.name).to_owned());
    office.t_args(
        "office-photo-caption",
        &[
            ("id", photo.id.to_string().into()),
            ("spot", spot.into()),
            ("scopes", photo.scopes.describe(office).into()),
            ("credit", photo.credit.describe(office).into()),
            ("date", iso_date(photo.shared_at).into()),
            ("partner", partner.into()),
            ("status", office.t(status_id(status)).into()),
        ],
    )
}

fn office_notice(ctx: &Ctx, photo: &Photo, id: &str) -> Reply {
    let office = office_ctx(ctx);
    let scopes = photo.scopes.describe(&office);
    Reply::text(office.t_args(
        id,
        &[
            ("id", photo.id.to_string().into()),
            ("scopes", scopes.into()),
        ],
    ))
}

pub fn status_id(status: PhotoStatus) -> &'static str {
    match status {
        PhotoStatus::Draft => "photo-status-draft",
        PhotoStatus::Private => "photo-status-private",
        PhotoStatus::Pending => "photo-status-pending",
        PhotoStatus::Approved => "photo-status-approved",
        PhotoStatus::Rejected => "photo-status-rejected",
        PhotoStatus::Withdrawn => "photo-status-withdrawn",
    }
}

/// `/myphotos`: each photo with its consent, a button to change it and one to withdraw it.
pub fn my_photos(ctx: &Ctx, tourist: &Tourist) -> Vec<Reply> {
    let photos: Vec<&Photo> = tourist
        .photos
        .iter()
        .filter(|p| p.status != PhotoStatus::Draft)
        .collect();
    if photos.is_empty() {
        return vec![Reply::text(ctx.t("myphotos-empty"))];
    }
    let mut replies = vec![Reply::text(
        ctx.t_args("myphotos-title", &[("count", photos.len().into())]),
    )];
    replies.extend(photos.into_iter().map(|photo| Reply::Photo {
        file_id: photo.file_id.clone(),
        original: photo.original,
        caption: my_caption(ctx, photo),
        keyboard: my_buttons(ctx, photo),
    }));
    replies
}

fn my_caption(ctx: &Ctx, photo: &Photo) -> String {
    let spot = ctx.config.spot_name(&photo.spot, ctx.lang);
    ctx.t_args(
        "myphotos-caption",
        &[
            ("spot", spot.into()),
            ("date", iso_date(photo.shared_at).into()),
            ("scopes", photo.scopes.describe(ctx).into()),
            ("credit", photo.credit.describe(ctx).into()),
            ("status", ctx.t(status_id(photo.status)).into()),
        ],
    )
}

fn my_buttons(ctx: &Ctx, photo: &Photo) -> Keyboard {
    let mut row = vec![Button::action(
        ctx.t("myphotos-change"),
        Action::PhotoChange { photo: photo.id },
    )];
    if matches!(photo.status, PhotoStatus::Pending | PhotoStatus::Approved) {
        row.push(Button::action(
            ctx.t("myphotos-withdraw"),
            Action::PhotoWithdraw { photo: photo.id },
        ));
    }
    Keyboard::Inline(vec![row])
}

/// "Change" on `/myphotos`: the consent questions again, starting from the current answer.
pub fn change(ctx: &Ctx, tourist: &mut Tourist, photo_id: u64) -> Step {
    let Some(photo) = tourist
        .photos
        .iter_mut()
        .find(|p| p.id == photo_id && p.status != PhotoStatus::Draft)
    else {
        return stale(ctx);
    };
    photo.dialog = Some(Dialog::Scopes(photo.scopes));
    let question = consent_question(ctx, photo, photo.scopes, false);
    Step::changed(vec![question])
}

/// "Withdraw" on `/myphotos`: no more use of the photo; the office is told.
pub fn withdraw(ctx: &Ctx, tourist: &mut Tourist, photo_id: u64) -> Step {
    let Some(index) = tourist.photos.iter().position(|p| p.id == photo_id) else {
        return stale(ctx);
    };
    if !matches!(
        tourist.photos[index].status,
        PhotoStatus::Pending | PhotoStatus::Approved
    ) {
        return stale(ctx);
    }
    let credit = tourist.photos[index].credit.clone();
    let mut step = settle(ctx, tourist, index, Scopes::default(), credit);
    let photo = &tourist.photos[index];
    step.replies = vec![Reply::EditCaption {
        caption: my_caption(ctx, photo),
        keyboard: my_buttons(ctx, photo),
    }];
    step
}

/// `/forget`: the office hears of every photo it may have been using or about to use.
pub fn forgotten(ctx: &Ctx, tourist: &Tourist) -> Vec<Reply> {
    tourist
        .photos
        .iter()
        // Every photo the office has seen in its chat, decided or not.
        .filter(|p| {
            matches!(
                p.status,
                PhotoStatus::Pending | PhotoStatus::Approved | PhotoStatus::Rejected
            )
        })
        .map(|p| office_notice(ctx, p, "office-photo-withdrawn"))
        .collect()
}

/// An approved photo whose author used /forget: all the office keeps, to take it down.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErasedPhoto {
    pub id: u64,
    pub spot: String,
    pub erased_at: u64,
}

/// What `/forget` leaves behind: a note for each approved photo (number, spot, date), so that
/// the office takes it down wherever it was used.
pub fn erasure_notes(tourist: &Tourist, now: u64) -> Vec<ErasedPhoto> {
    tourist
        .photos
        .iter()
        .filter(|p| p.status == PhotoStatus::Approved)
        .map(|p| ErasedPhoto {
            id: p.id,
            spot: p.spot.clone(),
            erased_at: now,
        })
        .collect()
}

/// The office's decision on a photo, as the moderation chat and the tourist see it.
pub struct Decision {
    /// The new caption of the moderation message (with who decided and when).
    pub caption: Option<String>,
    /// The short note shown to the moderator.
    pub toast: String,
    /// A thank-you for the photographer, in their language.
    pub to_owner: Option<Reply>,
    /// For the office's statistics.
    pub counts: Vec<Count>,
    pub changed: bool,
}

/// An admin pressed Approve or Reject on a photo in the moderation chat.
pub fn moderate(
    ctx: &Ctx,
    owner: &mut Tourist,
    photo_id: u64,
    approve: bool,
    moderator: &str,
) -> Decision {
    let office = office_ctx(ctx);
    let Some(photo) = owner.photos.iter_mut().find(|p| p.id == photo_id) else {
        return Decision {
            caption: Some(office.t("office-photo-gone")),
            toast: office.t("office-photo-gone"),
            to_owner: None,
            counts: Vec::new(),
            changed: false,
        };
    };
    if photo.status != PhotoStatus::Pending {
        let toast = office.t_args(
            "office-already",
            &[("status", office.t(status_id(photo.status)).into())],
        );
        return Decision {
            caption: Some(office_caption(&office, photo, photo.status)),
            toast,
            to_owner: None,
            counts: Vec::new(),
            changed: false,
        };
    }
    photo.status = if approve {
        PhotoStatus::Approved
    } else {
        PhotoStatus::Rejected
    };
    photo.decided_at = Some(ctx.now);
    if approve {
        photo.approved_at = Some(ctx.now);
    }
    let verdict = office.t_args(
        if approve {
            "office-approved-by"
        } else {
            "office-rejected-by"
        },
        &[
            ("name", moderator.into()),
            ("date", iso_date(ctx.now).into()),
        ],
    );
    let caption = format!(
        "{}\n\n{verdict}",
        office_caption(&office, photo, photo.status)
    );
    let to_owner = approve.then(|| {
        let owner_ctx = Ctx {
            lang: photo.lang,
            ..*ctx
        };
        let spot = ctx.config.spot_name(&photo.spot, owner_ctx.lang);
        Reply::text(owner_ctx.t_args(
            "photo-selected",
            &[
                ("spot", spot.into()),
                ("destination", owner_ctx.destination().into()),
            ],
        ))
    });
    Decision {
        caption: Some(caption),
        toast: verdict,
        to_owner,
        counts: if approve {
            vec![Count::at(Metric::PhotoApproved, &photo.spot)]
        } else {
            Vec::new()
        },
        changed: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_toggle_and_describe_as_codes() {
        let s = Scopes::default()
            .toggled(Scope::Social)
            .toggled(Scope::Partners);
        assert!(s.any());
        assert_eq!(s.codes(), "social partners");
        assert_eq!(
            s.toggled(Scope::Social).toggled(Scope::Partners),
            Scopes::default()
        );
        assert_eq!(Scopes::ALL.codes(), "social web-print partners");
    }
}
