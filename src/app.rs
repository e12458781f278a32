//! The application core: every update goes through [`apply`], whatever it is — a tourist's
//! message or button, a staff command, a moderation decision, an inline query, or a postcard
//! drawn by the Telegram layer coming back. No Telegram here.
//!
//! ```text
//! telegram/ ── decode ──► Incoming ──► app::apply ──► journey / tasks / office (plain Rust)
//!                                         │  Store::update: one transaction, durable (group commit)
//! telegram/ ◄── render ◄── Response: a toast, deliveries to the sender, the office, a tourist
//! ```
//!
//! A response is returned only once what the update changed is on disk: a task the bot confirmed
//! survives a crash.

pub mod response;

pub use response::{Delivery, Person, Response, To, Toast};

use crate::journey::{self, Action, Change, Ctx, Outcome, Registry, Reply};
use crate::office;
use crate::store::{RecordChange, Store, Write};
use crate::tasks::{photo, postcard};
use crate::tourist::Tourist;
use crate::{Escale, Settings};

/// One update, as the core sees it.
#[derive(Debug, Clone)]
pub struct Incoming {
    /// Telegram's number for the update: one applied already is skipped. None for what escale
    /// itself feeds back (a drawn postcard), which is applied idempotently instead.
    pub update: Option<u32>,
    pub from: Person,
    pub event: Event,
}

#[derive(Debug, Clone)]
pub enum Event {
    /// Anything a tourist does in their private chat with the bot (Approve/Reject buttons
    /// included: they are routed to the office).
    Tourist(journey::Event),
    Staff(office::Command),
    /// "Send it to a friend": the tourist picked a chat; Telegram asks which cards to offer.
    InlineQuery(String),
    /// The postcard an earlier update ordered was drawn and sent (with its image's id, if
    /// Telegram gave one), or could not be (why, as a message id).
    CardSent {
        code: String,
        result: Result<Option<String>, &'static str>,
    },
    /// A button whose data this bot did not draw for its chat (forged, copied, too old).
    InvalidButton,
    /// A message in a group or channel the bot was added to (`chat`, Telegram's id): escale
    /// works in private chats, so it says so and leaves, unless it is the office's moderation
    /// chat.
    InGroup {
        chat: i64,
    },
}

impl Response {
    fn from_outcome(outcome: Outcome) -> Response {
        let mut response = Response::to_sender(outcome.replies);
        response.toast = outcome.toast.map(|text| Toast { text, alert: false });
        response
            .deliveries
            .extend(outcome.office.into_iter().map(|reply| Delivery::Reply {
                to: To::Office,
                reply,
            }));
        response
            .deliveries
            .extend(outcome.card.map(Delivery::Postcard));
        response
    }
}

/// Applies one update and says what to show. What it changed is durable when this returns.
pub async fn apply(escale: &Escale, incoming: Incoming) -> anyhow::Result<Response> {
    let settings = escale.settings();
    let store = &escale.store;
    let Incoming {
        update,
        from,
        event,
    } = incoming;
    match event {
        Event::Tourist(journey::Event::Button(Action::Moderate { photo, approve })) => {
            office::moderate(store, &settings, &from, update, photo, approve).await
        }
        Event::Tourist(event) => {
            on_tourist(store, &settings, &from, update, |ctx, tourist| {
                journey::handle(ctx, tourist, event)
            })
            .await
        }
        Event::Staff(command) if command.allowed(&settings.config, from.user_id) => {
            office::run(store, &settings, &from, update, command).await
        }
        // To anyone else, staff commands do not exist.
        Event::Staff(_) => {
            let unknown = journey::Event::Command(journey::Command::Unknown);
            on_tourist(store, &settings, &from, update, |ctx, tourist| {
                journey::handle(ctx, tourist, unknown)
            })
            .await
        }
        Event::InlineQuery(query) => {
            let tourist = store.tourist(from.user_id).unwrap_or_default();
            let ctx = context(store, &settings, &from, &tourist, crate::unix_now());
            let cards = postcard::shareable(&ctx, &tourist, &query);
            Ok(Response {
                toast: None,
                deliveries: vec![Delivery::Cards(cards)],
            })
        }
        Event::CardSent { code, result } => {
            on_tourist(store, &settings, &from, None, |ctx, tourist| match result {
                Ok(file_id) => journey::card_delivered(ctx, tourist, &code, file_id),
                Err(reason) => journey::card_failed(ctx, tourist, &code, reason),
            })
            .await
        }
        Event::InvalidButton => {
            let lang = from.lang(store, &settings.config);
            let text = settings.i18n.t(lang, "button-invalid");
            Ok(Response::toast(Toast { text, alert: true }))
        }
        Event::InGroup { chat } if settings.config.office.moderation_chat == Some(chat) => {
            Ok(Response::default())
        }
        Event::InGroup { .. } => {
            let config = &settings.config;
            let link = format!("https://t.me/{}", config.destination.bot_username.as_str());
            let text = settings.i18n.t_args(
                from.app_lang(config),
                "group-leave",
                &[("link", link.into())],
            );
            let mut response = Response::to_sender(vec![Reply::text(text)]);
            response.deliveries.push(Delivery::Leave);
            Ok(response)
        }
    }
}

/// What a tourist's own update does, through the one write path: the journey decides on the
/// locked record; the record, its counts (under the tourist's partner) or its erasure are written
/// together.
async fn on_tourist(
    store: &Store,
    settings: &Settings,
    from: &Person,
    update: Option<u32>,
    step: impl FnOnce(&Ctx, &mut Tourist) -> Outcome,
) -> anyhow::Result<Response> {
    let now = crate::unix_now();
    let outcome = store
        .update(from.user_id, update, |tourist| {
            let ctx = context(store, settings, from, tourist, now);
            let outcome = step(&ctx, tourist);
            let write = match outcome.change {
                Change::None => Write::nothing(),
                Change::Save => Write {
                    record: RecordChange::Save,
                    counts: outcome
                        .counts
                        .iter()
                        .map(|c| c.key(now, tourist.partner.as_deref()))
                        .collect(),
                },
                Change::Forget => Write {
                    record: RecordChange::Erase {
                        notes: photo::erasure_notes(tourist, now),
                    },
                    counts: Vec::new(),
                },
            };
            (write, outcome)
        })
        .await?;
    // An update applied before (delivered again) shows nothing new.
    Ok(outcome.map_or_else(Response::default, Response::from_outcome))
}

/// The journey's view of the world for this tourist's update.
fn context<'a>(
    store: &'a Store,
    settings: &'a Settings,
    from: &'a Person,
    tourist: &Tourist,
    now: u64,
) -> Ctx<'a> {
    Ctx {
        config: &settings.config,
        i18n: &settings.i18n,
        lang: tourist
            .language
            .unwrap_or_else(|| from.app_lang(&settings.config)),
        now,
        first_name: &from.first_name,
        registry: store,
    }
}

/// What a chat over its fair share is told, once, in the sender's language.
pub fn slow_down(escale: &Escale, from: &Person) -> String {
    let settings = escale.settings();
    settings.i18n.t(
        from.lang(&escale.store, &settings.config),
        "flood-slow-down",
    )
}

/// The apology for an update that failed, in the sender's language.
pub fn apology(escale: &Escale, from: &Person) -> String {
    let settings = escale.settings();
    settings
        .i18n
        .t(from.lang(&escale.store, &settings.config), "error-apology")
}

/// The store is where numbers and codes are made unique, and where shared cards are found.
impl Registry for Store {
    fn next_id(&self) -> u64 {
        Store::next_id(self).unwrap_or_else(|e| {
            // Never reused either: nanoseconds since 1970 are far above sled's counter.
            tracing::error!(error = %e, "the id counter failed; using the clock");
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(u64::MAX, |d| d.as_nanos() as u64)
        })
    }

    fn reward_code(&self) -> Option<String> {
        self.fresh_reward_code()
    }

    fn card_code(&self) -> Option<String> {
        self.fresh_card_code()
    }

    fn shared_card(&self, code: &str) -> Option<postcard::Shared> {
        let owner = self.card_owner(code).ok()??;
        let tourist = self.tourist(owner).ok()?;
        let card = tourist.cards.into_iter().find(|c| c.code == code)?;
        Some(postcard::Shared {
            from: card.from,
            spot: card.spot,
        })
    }
}

/// The core without Telegram, on a store in memory: each test plays updates in microseconds.
#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;
    use crate::config::Config;
    use crate::i18n::I18n;
    use crate::journey::{Command, Event as Tourist};
    use crate::stats::{Metric, day_of};
    use crate::tasks::photo::{ConsentChoice, CreditChoice, PhotoStatus};
    use crate::tasks::{Media, TaskKind};

    const ADMIN: u64 = 111111;
    const PARTNER_STAFF: u64 = 222222;

    struct Desk {
        escale: Escale,
        updates: AtomicU32,
    }

    impl Desk {
        fn new() -> Desk {
            Desk {
                escale: Escale::new(
                    Config::embedded(),
                    I18n::embedded(),
                    Store::temporary().unwrap(),
                ),
                updates: AtomicU32::new(1),
            }
        }

        fn next_update(&self) -> u32 {
            self.updates.fetch_add(1, Ordering::Relaxed)
        }

        /// `user` does `event` in a new update; returns the update's number and the response.
        async fn play(&self, user: u64, event: Event) -> (u32, Response) {
            let update = self.next_update();
            (update, self.replay(update, user, event).await)
        }

        async fn replay(&self, update: u32, user: u64, event: Event) -> Response {
            let incoming = Incoming {
                update: Some(update),
                from: Person {
                    user_id: user,
                    first_name: "Alex".into(),
                    language_code: Some("en".into()),
                },
                event,
            };
            apply(&self.escale, incoming).await.unwrap()
        }

        async fn tourist(&self, user: u64, event: Tourist) -> Response {
            self.play(user, Event::Tourist(event)).await.1
        }

        async fn press(&self, user: u64, action: Action) -> Response {
            self.tourist(user, Tourist::Button(action)).await
        }

        fn stored(&self, user: u64) -> crate::tourist::Tourist {
            self.escale.store.tourist(user).unwrap()
        }

        fn counted(&self, metric: Metric) -> u64 {
            let today = day_of(crate::unix_now());
            let counters = self.escale.store.counters(today, today).unwrap();
            counters
                .iter()
                .filter(|(key, _)| key.metric == metric)
                .map(|(_, n)| n)
                .sum()
        }

        /// Opens a spot, then a task and says it is done.
        async fn done(&self, user: u64, spot: &str, task: TaskKind) -> Response {
            self.tourist(user, Tourist::Start(Some(format!("spot_{spot}"))))
                .await;
            let spot = spot.to_owned();
            self.press(user, Action::TaskDone { spot, task }).await
        }

        /// Opens the castle's postcard task and picks the spot's picture: the words come next.
        async fn begin_card(&self, user: u64) {
            self.tourist(user, Tourist::Start(Some("spot_chateau".into())))
                .await;
            let spot = || "chateau".to_owned();
            let task = TaskKind::Postcard;
            self.press(user, Action::OpenTask { spot: spot(), task })
                .await;
            let choice = postcard::PictureChoice::Spot;
            self.press(
                user,
                Action::CardPicture {
                    spot: spot(),
                    choice,
                },
            )
            .await;
        }

        /// A photo of `user`'s shared for every use, anonymously, and approved by the office.
        async fn approved_photo(&self, user: u64) -> u64 {
            let photo = self.share_photo(user).await;
            self.press(user, consent(photo, ConsentChoice::All)).await;
            let choice = CreditChoice::Anonymous;
            self.press(user, Action::PhotoCredit { photo, choice })
                .await;
            let approve = true;
            self.press(ADMIN, Action::Moderate { photo, approve }).await;
            photo
        }

        /// Opens the castle's photo task and sends a photo; returns the photo's number.
        async fn share_photo(&self, user: u64) -> u64 {
            self.tourist(user, Tourist::Start(Some("spot_chateau".into())))
                .await;
            self.press(
                user,
                Action::OpenTask {
                    spot: "chateau".into(),
                    task: TaskKind::Photo,
                },
            )
            .await;
            let photo = Media::Photo {
                file_id: "file-1".into(),
                size: 100_000,
            };
            let response = self.tourist(user, Tourist::Media(photo)).await;
            assert!(texts(&response, To::Sender)[0].contains("tourism office use your photo"));
            self.stored(user).photos.last().unwrap().id
        }
    }

    fn texts(response: &Response, to: To) -> Vec<String> {
        response
            .deliveries
            .iter()
            .filter_map(|delivery| match delivery {
                Delivery::Reply { to: t, reply } if *t == to => Some(match reply {
                    Reply::Text { text, .. } | Reply::EditText { text, .. } => text.clone(),
                    Reply::EditCaption { caption, .. }
                    | Reply::Picture { caption, .. }
                    | Reply::Photo { caption, .. }
                    | Reply::File { caption, .. } => caption.clone(),
                    Reply::Venue { title, .. } => title.clone(),
                }),
                _ => None,
            })
            .collect()
    }

    fn consent(photo: u64, choice: ConsentChoice) -> Action {
        Action::PhotoConsent { photo, choice }
    }

    #[tokio::test]
    async fn a_photo_goes_from_draft_to_pending_to_approved_and_the_author_is_thanked() {
        let desk = Desk::new();
        let photo = desk.share_photo(7).await;
        assert_eq!(desk.stored(7).photos[0].status, PhotoStatus::Draft);
        assert!(
            desk.escale.store.photo_owner(photo).unwrap().is_none(),
            "drafts are not indexed"
        );

        desk.press(7, consent(photo, ConsentChoice::All)).await;
        let credited = desk
            .press(
                7,
                Action::PhotoCredit {
                    photo,
                    choice: CreditChoice::FirstName,
                },
            )
            .await;
        assert_eq!(texts(&credited, To::Office).len(), 1, "the office sees it");
        assert_eq!(desk.stored(7).photos[0].status, PhotoStatus::Pending);
        assert!(desk.stored(7).is_done("chateau", TaskKind::Photo));
        assert_eq!(desk.escale.store.photo_owner(photo).unwrap(), Some(7));

        // Only an admin decides.
        let moderate = Action::Moderate {
            photo,
            approve: true,
        };
        let refused = desk.press(PARTNER_STAFF, moderate.clone()).await;
        assert!(refused.toast.unwrap().alert);
        assert_eq!(desk.stored(7).photos[0].status, PhotoStatus::Pending);

        let approved = desk.press(ADMIN, moderate.clone()).await;
        assert!(
            texts(&approved, To::Sender)[0].contains("Alex"),
            "the caption names the credit"
        );
        assert_eq!(
            texts(&approved, To::Tourist(7)).len(),
            1,
            "the author is thanked"
        );
        assert_eq!(desk.stored(7).photos[0].status, PhotoStatus::Approved);
        assert_eq!(desk.counted(Metric::PhotoApproved), 1);

        // A second press says it was decided, and changes nothing.
        let again = desk.press(ADMIN, moderate).await;
        assert!(texts(&again, To::Tourist(7)).is_empty());
        assert_eq!(desk.counted(Metric::PhotoApproved), 1);
    }

    #[tokio::test]
    async fn declining_every_use_keeps_the_photo_private_and_counts_the_task() {
        let desk = Desk::new();
        let photo = desk.share_photo(8).await;
        let declined = desk.press(8, consent(photo, ConsentChoice::None)).await;
        assert!(
            texts(&declined, To::Office).is_empty(),
            "the office sees nothing"
        );
        let stored = desk.stored(8);
        assert_eq!(stored.photos[0].status, PhotoStatus::Private);
        assert!(stored.is_done("chateau", TaskKind::Photo));
        // A forged moderation of a private photo finds nothing to decide.
        let forged = desk
            .press(
                ADMIN,
                Action::Moderate {
                    photo,
                    approve: true,
                },
            )
            .await;
        assert!(texts(&forged, To::Tourist(8)).is_empty());
        assert_eq!(desk.stored(8).photos[0].status, PhotoStatus::Private);
        assert_eq!(desk.counted(Metric::PhotoApproved), 0);
    }

    #[tokio::test]
    async fn withdrawing_an_approved_photo_tells_the_office() {
        let desk = Desk::new();
        let photo = desk.approved_photo(9).await;
        let withdrawn = desk.press(9, Action::PhotoWithdraw { photo }).await;
        assert_eq!(texts(&withdrawn, To::Office).len(), 1);
        let stored = desk.stored(9);
        assert_eq!(stored.photos[0].status, PhotoStatus::Withdrawn);
        assert!(stored.photos[0].withdrawn_at.is_some());
    }

    #[tokio::test]
    async fn the_reward_comes_after_four_tasks_and_is_redeemed_once() {
        let desk = Desk::new();
        desk.done(5, "chateau", TaskKind::Hashtag).await;
        desk.done(5, "chateau", TaskKind::Review).await; // never counts toward a reward
        desk.done(5, "halles", TaskKind::Hashtag).await;
        desk.done(5, "boulevard", TaskKind::Hashtag).await;
        assert!(desk.stored(5).reward.is_none());
        let fourth = desk.done(5, "funiculaire", TaskKind::Hashtag).await;
        let reward = desk.stored(5).reward.expect("earned");
        let shown = crate::rewards::display(&reward.code);
        assert!(
            texts(&fourth, To::Sender)
                .iter()
                .any(|t| t.contains(&shown))
        );
        assert_eq!(desk.counted(Metric::RewardEarned), 1);

        let redeem = || Event::Staff(office::Command::Redeem(shown.to_lowercase()));
        let (update, redeemed) = desk.play(PARTNER_STAFF, redeem()).await;
        assert!(texts(&redeemed, To::Sender)[0].contains("Valid"));
        assert_eq!(
            desk.stored(5).reward.unwrap().redeemed_by.as_deref(),
            Some("hotel-exemple")
        );
        // The same update delivered again (a crash before Telegram heard of it) is skipped.
        let again = desk.replay(update, PARTNER_STAFF, redeem()).await;
        assert!(again.deliveries.is_empty());
        // Typed again, it is refused.
        let (_, twice) = desk.play(ADMIN, redeem()).await;
        assert!(texts(&twice, To::Sender)[0].contains("already"));
        assert_eq!(desk.counted(Metric::RewardRedeemed), 1);
        // A tourist typing /redeem meets an unknown command.
        let (_, tourist) = desk.play(5, redeem()).await;
        assert!(!texts(&tourist, To::Sender)[0].contains("Valid"));
    }

    #[tokio::test]
    async fn a_redelivered_update_changes_and_counts_nothing() {
        let desk = Desk::new();
        desk.tourist(3, Tourist::Start(Some("spot_chateau".into())))
            .await;
        let done = Event::Tourist(Tourist::Button(Action::TaskDone {
            spot: "chateau".into(),
            task: TaskKind::Hashtag,
        }));
        let update = desk.next_update();
        let first = desk.replay(update, 3, done).await;
        assert!(first.toast.is_some());
        let done = Event::Tourist(Tourist::Button(Action::TaskDone {
            spot: "chateau".into(),
            task: TaskKind::Hashtag,
        }));
        let second = desk.replay(update, 3, done).await;
        assert!(second.deliveries.is_empty() && second.toast.is_none());
        assert_eq!(desk.counted(Metric::TaskDone(TaskKind::Hashtag)), 1);
        assert_eq!(desk.counted(Metric::SpotOpened), 1);
    }

    #[tokio::test]
    async fn forget_erases_the_record_and_leaves_the_office_a_take_down_note() {
        let desk = Desk::new();
        let photo = desk.approved_photo(4).await;
        let asked = desk.tourist(4, Tourist::Command(Command::Forget)).await;
        assert_eq!(desk.stored(4).photos.len(), 1, "asking erases nothing");
        assert_eq!(texts(&asked, To::Sender).len(), 1);

        let asked = crate::unix_now() / 60;
        let yes = Action::Forget {
            confirmed: true,
            asked,
        };
        // An old question's "yes" erases nothing.
        let stale = Action::Forget {
            confirmed: true,
            asked: asked - 11,
        };
        let expired = desk.press(4, stale).await;
        assert!(texts(&expired, To::Sender)[0].contains("expired"));
        assert_eq!(desk.stored(4).photos.len(), 1);
        let erased = desk.press(4, yes).await;
        assert_eq!(
            texts(&erased, To::Office).len(),
            1,
            "the office hears of it"
        );
        assert_eq!(desk.stored(4), crate::tourist::Tourist::default());
        assert_eq!(desk.escale.store.photo_owner(photo).unwrap(), None);
        let notes = desk.escale.store.erased_photos().unwrap();
        assert_eq!((notes[0].id, notes[0].spot.as_str()), (photo, "chateau"));
        // The counts hold no one's identity: they stay.
        assert_eq!(desk.counted(Metric::PhotoApproved), 1);
    }

    #[tokio::test]
    async fn a_drawn_postcard_comes_back_and_completes_the_task() {
        let desk = Desk::new();
        desk.begin_card(6).await;
        let words = desk.tourist(6, Tourist::Text("Bises de Pau".into())).await;
        let order = words
            .deliveries
            .iter()
            .find_map(|d| match d {
                Delivery::Postcard(order) => Some(order.clone()),
                _ => None,
            })
            .expect("a card to draw");
        assert!(!desk.stored(6).is_done("chateau", TaskKind::Postcard));
        let sent = Event::CardSent {
            code: order.code.clone(),
            result: Ok(Some("card-image".into())),
        };
        let incoming = Incoming {
            update: None,
            from: Person {
                user_id: 6,
                first_name: "Alex".into(),
                language_code: Some("en".into()),
            },
            event: sent,
        };
        apply(&desk.escale, incoming).await.unwrap();
        assert!(desk.stored(6).is_done("chateau", TaskKind::Postcard));
        assert_eq!(desk.counted(Metric::PostcardSent), 1);
        // The card is offered in the chat the tourist picks.
        let (_, inline) = desk.play(6, Event::InlineQuery(String::new())).await;
        match &inline.deliveries[..] {
            [Delivery::Cards(cards)] => assert_eq!(cards[0].file_id, "card-image"),
            other => panic!("{other:?}"),
        }
    }

    /// The drawing runs beside the chat: a tourist may start the next card before the first one's
    /// result comes back, and ticking the task then must not end the card being made.
    #[tokio::test]
    async fn a_card_coming_back_late_leaves_the_next_card_alone() {
        let desk = Desk::new();
        desk.begin_card(6).await;
        let first = desk.tourist(6, Tourist::Text("Bises".into())).await;
        let first = first
            .deliveries
            .into_iter()
            .find_map(|d| match d {
                Delivery::Postcard(order) => Some(order),
                _ => None,
            })
            .expect("the first card");
        // The second card is begun; its words are not written yet.
        desk.begin_card(6).await;
        let back = Event::CardSent {
            code: first.code,
            result: Ok(Some("image-1".into())),
        };
        desk.play(6, back).await;
        assert!(desk.stored(6).is_done("chateau", TaskKind::Postcard));
        let words = desk.tourist(6, Tourist::Text("Encore".into())).await;
        assert!(
            words
                .deliveries
                .iter()
                .any(|d| matches!(d, Delivery::Postcard(order) if order.message == "Encore")),
            "{words:?}"
        );
    }

    /// Buttons the bot never drew for this state change nothing: a "done" for a photo or a
    /// postcard (done only by sending them), answers about photos that are not the presser's, a
    /// moderation by a tourist, a picture that is someone else's photo. Whatever the ids.
    #[tokio::test]
    async fn actions_never_drawn_for_a_state_change_nothing() {
        let desk = Desk::new();
        // Tourist 2 owns a pending photo; tourist 1 has only opened the castle.
        let photo = desk.share_photo(2).await;
        desk.press(2, consent(photo, ConsentChoice::All)).await;
        let anonymous = CreditChoice::Anonymous;
        desk.press(
            2,
            Action::PhotoCredit {
                photo,
                choice: anonymous,
            },
        )
        .await;
        desk.tourist(1, Tourist::Start(Some("spot_chateau".into())))
            .await;
        let counters = |desk: &Desk| desk.escale.store.counters(0, u32::MAX).unwrap();
        let (before_1, before_2, counted) = (desk.stored(1), desk.stored(2), counters(&desk));
        let mut random = 0x9e37_79b9_7f4a_7c15_u64;
        for round in 0..200 {
            random ^= random << 13;
            random ^= random >> 7;
            random ^= random << 17;
            let id = if round % 3 == 0 { photo } else { random };
            let spot = ["chateau", "halles", "nowhere"][(random % 3) as usize].to_owned();
            let actions = [
                Action::TaskDone {
                    spot: spot.clone(),
                    task: TaskKind::Photo,
                },
                Action::TaskDone {
                    spot: spot.clone(),
                    task: TaskKind::Postcard,
                },
                consent(id, ConsentChoice::All),
                consent(id, ConsentChoice::None),
                Action::PhotoCredit {
                    photo: id,
                    choice: CreditChoice::FirstName,
                },
                Action::PhotoChange { photo: id },
                Action::PhotoWithdraw { photo: id },
                Action::Moderate {
                    photo: id,
                    approve: random.is_multiple_of(2),
                },
                Action::CardPicture {
                    spot,
                    choice: postcard::PictureChoice::Photo(id),
                },
            ];
            for action in actions {
                desk.press(1, action).await;
            }
        }
        assert_eq!(desk.stored(1), before_1);
        assert_eq!(desk.stored(2), before_2, "another's photo is untouched");
        assert_eq!(counters(&desk), counted, "nothing counted");
    }

    /// The store remembers every update applied in the last two days, however many: a redelivered
    /// batch of 200 from one tourist is not applied again.
    #[tokio::test]
    async fn a_redelivered_batch_of_two_hundred_applies_nothing_twice() {
        let desk = Desk::new();
        let photo = desk.share_photo(3).await;
        let toggle = || {
            Event::Tourist(Tourist::Button(consent(
                photo,
                ConsentChoice::Toggle(crate::tasks::photo::Scope::Social),
            )))
        };
        let mut updates = Vec::new();
        for _ in 0..201 {
            updates.push(desk.play(3, toggle()).await.0);
        }
        let after = desk.stored(3);
        for update in updates {
            let again = desk.replay(update, 3, toggle()).await;
            assert!(again.deliveries.is_empty());
        }
        assert_eq!(desk.stored(3), after, "201 toggles, each applied once");
    }
}
