//! What Telegram shows about the bot: the command menu (the staff's own in their chats) and the
//! profile texts, in each language.

use teloxide::prelude::*;
use teloxide::types::{BotCommand, BotCommandScope, Recipient};
use teloxide::utils::command::BotCommands as _;

use super::Command;
use crate::Escale;
use crate::i18n::Lang;

/// The command menu and the bot's profile texts, in each language; the staff's chats also get
/// their own commands. Failures are logged: the bot works without them.
pub(super) async fn register(bot: &Bot, escale: &Escale) {
    let settings = escale.settings();
    let (config, i18n) = (&settings.config, &settings.i18n);
    let default = config.destination.default_language;
    let menu = |lang: Lang, staff: &[&str]| -> Vec<BotCommand> {
        let public = Command::bot_commands()
            .into_iter()
            .map(|c| c.command.trim_start_matches('/').to_owned());
        public
            .chain(staff.iter().map(|s| (*s).to_owned()))
            .map(|name| {
                let description = i18n.t(lang, &format!("cmd-{name}"));
                BotCommand::new(name, description)
            })
            .collect()
    };
    for lang in Lang::ALL {
        let destination = config.destination.name.get(lang, default);
        let args = [("destination", destination.into())];
        let language = (lang != default).then(|| lang.code().to_owned());
        let mut commands = bot
            .set_my_commands(menu(lang, &[]))
            .scope(BotCommandScope::Default);
        let mut description =
            bot.set_my_description()
                .description(i18n.t_args(lang, "bot-description", &args));
        let mut short = bot
            .set_my_short_description()
            .short_description(i18n.t_args(lang, "bot-short-description", &args));
        if let Some(code) = language {
            commands = commands.language_code(code.clone());
            description = description.language_code(code.clone());
            short = short.language_code(code);
        }
        for (what, result) in [
            ("command menu", commands.await.map(drop)),
            ("description", description.await.map(drop)),
            ("short description", short.await.map(drop)),
        ] {
            if let Err(e) = result {
                tracing::warn!(error = %e, %lang, "cannot register the {what}");
            }
        }
    }
    // Staff commands only show in the staff's own chats, in the office's language.
    let mut staff: Vec<(u64, Vec<&str>)> = Vec::new();
    for &admin in &config.office.admins {
        staff.push((admin, vec!["stats", "export", "redeem"]));
    }
    for partner in &config.partners {
        for &member in &partner.staff {
            match staff.iter_mut().find(|(id, _)| *id == member) {
                Some((_, commands)) => commands.push("partner"),
                None => staff.push((member, vec!["partner", "redeem"])),
            }
        }
    }
    for (user, commands) in staff {
        let scope = BotCommandScope::Chat {
            chat_id: Recipient::Id(ChatId(user as i64)),
        };
        if let Err(e) = bot
            .set_my_commands(menu(default, &commands))
            .scope(scope)
            .await
        {
            // A staff member who never opened a chat with the bot has no chat yet.
            tracing::info!(error = %e, user, "no staff command menu for this user yet");
        }
    }
}
