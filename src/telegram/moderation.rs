//! The office's moderation chat: photos to approve or reject, and the notices it must see.

use anyhow::Context as _;
use teloxide::types::ChatId;

use super::{Outbox, Sender};
use crate::Escale;
use crate::journey::{Ctx, Keyboard, Reply};
use crate::tasks::photo;

/// Office staff approve or reject a photo in the moderation chat.
pub(super) async fn moderate(
    escale: &Escale,
    outbox: &Outbox,
    sender: &Sender,
    photo_id: u64,
    approve: bool,
) -> anyhow::Result<()> {
    let settings = escale.settings();
    if !settings.config.is_admin(sender.user_id) {
        let text = settings.i18n.t(sender.lang(escale), "office-only-admins");
        sender.answer_button(outbox, Some(&text), true).await;
        return Ok(());
    }
    let office_lang = settings.config.destination.default_language;
    let Some(owner) = escale.store.photo_owner(photo_id)? else {
        let text = settings.i18n.t(office_lang, "office-photo-gone");
        sender.answer_button(outbox, Some(&text), true).await;
        let gone = Reply::EditCaption {
            caption: text,
            keyboard: Keyboard::None,
        };
        outbox.send(sender.chat_id, &gone, sender.origin()).await?;
        return Ok(());
    };
    let decision = {
        let _record = escale.locks.lock(owner).await;
        let mut tourist = escale.store.tourist(owner)?;
        let ctx = Ctx {
            config: &settings.config,
            i18n: &settings.i18n,
            lang: office_lang,
            now: crate::unix_now(),
            first_name: "",
            registry: &escale.store,
        };
        let decision = photo::moderate(&ctx, &mut tourist, photo_id, approve, &sender.first_name);
        if decision.changed {
            escale.store.save_tourist(owner, &tourist)?;
            escale
                .store
                .add_counts(ctx.now, tourist.partner.as_deref(), &decision.counts)?;
            escale.store.flush().await?;
        }
        decision
    };
    sender
        .answer_button(outbox, Some(&decision.toast), false)
        .await;
    if let Some(caption) = decision.caption {
        let edit = Reply::EditCaption {
            caption,
            keyboard: Keyboard::None,
        };
        outbox
            .send(sender.chat_id, &edit, sender.origin())
            .await
            .context("updating the caption")?;
    }
    if let Some(thanks) = decision.to_owner
        && let Err(e) = outbox.send(ChatId(owner as i64), &thanks, None).await
    {
        // The tourist may have blocked the bot since: the decision stands.
        tracing::warn!(error = %e, "cannot thank the photographer");
    }
    Ok(())
}

/// Sends the office its messages (photos to moderate, withdrawals). A moderation chat that is
/// missing or closed to the bot never troubles the tourist: it is logged and the admins are told.
pub(super) async fn tell_office(escale: &Escale, outbox: &Outbox, replies: &[Reply]) {
    let settings = escale.settings();
    if replies.is_empty() {
        return;
    }
    let office_lang = settings.config.destination.default_language;
    let problem = match settings.config.office.moderation_chat {
        None => "office.moderation_chat is not set in the config".to_owned(),
        Some(chat) => {
            let mut failure = None;
            for reply in replies {
                if let Err(e) = outbox.send(ChatId(chat), reply, None).await {
                    failure = Some(format!("cannot post in the moderation chat {chat}: {e}"));
                    break;
                }
            }
            let Some(failure) = failure else { return };
            failure
        }
    };
    tracing::error!(
        problem,
        "a shared photo did not reach the office: add the bot to the moderation chat and let it post"
    );
    let note = Reply::text(settings.i18n.t_args(
        office_lang,
        "office-moderation-unreachable",
        &[("problem", problem.into())],
    ));
    for admin in &settings.config.office.admins {
        if let Err(e) = outbox.send(ChatId(*admin as i64), &note, None).await {
            tracing::warn!(error = %e, "cannot tell an admin (they must start a chat with the bot first)");
        }
    }
}
