//! The test world shared by the integration tests: the project's local Bot API server (the
//! sandbox) on a random port, the real bot on its own temporary data folder, and helpers to play
//! tourists and office staff over real HTTP.

#![allow(
    dead_code,
    reason = "each test crate uses a different part of the harness"
)]

use std::sync::Arc;

use escale::Escale;
use escale::config::{self, Config};
use escale::control;
use escale::i18n::I18n;
use escale::sandbox::{BotMessage, CallbackAnswer, Person, Sandbox, Sent};
use escale::store::Store;
use escale::telegram::{self, Connection, RunningBot, Token};
use escale::tourist::Tourist;
use tempfile::TempDir;

/// A sandbox, a data folder and the bot running on them.
pub struct World {
    pub sandbox: Sandbox,
    pub data: TempDir,
    bot: Option<RunningBot>,
    pub escale: Option<Arc<Escale>>,
    control: Option<tokio::task::JoinHandle<()>>,
}

impl World {
    pub async fn start() -> World {
        World::with_config(config::EMBEDDED).await
    }

    pub async fn with_config(source: &str) -> World {
        let mut world = World {
            sandbox: Sandbox::start().await.expect("sandbox"),
            data: tempfile::tempdir().expect("temp dir"),
            bot: None,
            escale: None,
            control: None,
        };
        world.launch(source).await;
        world
    }

    pub async fn launch(&mut self, source: &str) {
        let escale = Arc::new(Escale::new(
            Config::parse(source).expect("valid config"),
            I18n::embedded(),
            Store::open(self.data.path()).expect("store"),
        ));
        let connection = Connection {
            token: Token::new(Sandbox::TOKEN),
            api_url: Some(self.sandbox.api_url()),
            throttle: false,
            fair_share: true,
        };
        self.bot = Some(
            telegram::start(escale.clone(), connection)
                .await
                .expect("bot starts"),
        );
        // The office's commands reach a running bot through its control socket, as with `run`.
        let control = control::serve(escale.clone(), self.data.path()).expect("control socket");
        self.control = Some(control);
        self.escale = Some(escale);
    }

    /// Stops the bot cleanly and starts a new one on the same data folder.
    pub async fn restart_with(&mut self, source: &str) {
        self.stop().await;
        self.launch(source).await;
    }

    pub async fn stop(&mut self) {
        self.escale = None;
        if let Some(control) = self.control.take() {
            control.abort();
            let _ = control.await;
            let _ = std::fs::remove_file(control::socket_path(self.data.path()));
        }
        if let Some(bot) = self.bot.take() {
            bot.stop().await.expect("clean stop");
        }
    }

    /// What the store holds about `who`.
    pub fn stored(&self, who: &Person) -> Tourist {
        let escale = self.escale.as_ref().expect("running");
        escale
            .store
            .tourist(who.id as u64)
            .expect("readable record")
    }

    /// The tourist types `text`; returns the bot's first reply containing `expect`.
    pub async fn say(&self, who: &Person, text: &str, expect: &str) -> BotMessage {
        let sent = self.sandbox.send_text(who, text);
        self.reply(&sent, expect).await
    }

    pub async fn reply(&self, sent: &Sent, expect: &str) -> BotMessage {
        self.sandbox
            .wait_for_reply(sent, |m| m.plain_text().contains(expect))
            .await
            .unwrap_or_else(|e| panic!("waiting for {expect:?}: {e}"))
    }

    /// The tourist presses the button labelled `label` on `message`; returns the bot's reply
    /// containing `expect` and the answer to the press (every press must be answered).
    pub async fn press(
        &self,
        who: &Person,
        message: &BotMessage,
        label: &str,
        expect: &str,
    ) -> (BotMessage, CallbackAnswer) {
        let button = message
            .button(label)
            .unwrap_or_else(|| panic!("no button {label:?} in {message}"));
        let data = button.callback_data.expect("a callback button");
        let sent = self.sandbox.press(who, message, &data);
        let reply = self.reply(&sent, expect).await;
        (reply, self.answer(&sent).await)
    }

    pub async fn answer(&self, sent: &Sent) -> CallbackAnswer {
        let id = sent.callback_query_id.as_deref().expect("a callback query");
        self.sandbox
            .wait_for_callback_answer(id)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// Sends `/help` and waits for its answer: everything the tourist sent before has been handled
    /// by then (a chat's updates are handled in order).
    pub async fn settle(&self, who: &Person) {
        self.say(who, "/help", "/privacy").await;
    }

    pub fn count_messages(&self, who: &Person, needle: &str) -> usize {
        self.sandbox
            .messages(who.id)
            .iter()
            .filter(|m| m.plain_text().contains(needle))
            .count()
    }
}

impl World {
    /// Runs the `escale` binary with `args` on the world's data folder, against its sandbox;
    /// returns what it printed, and fails the test if it failed.
    pub async fn escale_command(&self, args: &[&str]) -> String {
        let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_escale"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(args)
            .arg("--data")
            .arg(self.data.path())
            .env("TELOXIDE_TOKEN", Sandbox::TOKEN)
            .env("TELOXIDE_API_URL", self.sandbox.api_url().as_str())
            .output()
            .await
            .expect("the escale binary runs");
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "escale {args:?} failed: {stdout}{stderr}"
        );
        stdout
    }
}

pub fn tourist(id: i64, language: &str) -> Person {
    Person::new(id, "Alex").with_language(language)
}

/// The callback data of the button labelled `label` on `message` (buttons are sealed to their
/// chat: tests press what the bot drew, they cannot write it).
pub fn data(message: &BotMessage, label: &str) -> String {
    message
        .button(label)
        .and_then(|b| b.callback_data)
        .unwrap_or_else(|| panic!("no button {label:?} in {message}"))
}

/// The callback data on `message` that starts with `prefix` (`2:d:chateau:hashtag:`): a button
/// found by what it does, whatever the tourist's language.
pub fn data_for(message: &BotMessage, prefix: &str) -> String {
    message
        .inline_buttons()
        .into_iter()
        .filter_map(|b| b.callback_data)
        .find(|data| data.starts_with(prefix))
        .unwrap_or_else(|| panic!("no button {prefix}… in {message}"))
}

pub fn labels(message: &BotMessage) -> Vec<String> {
    message
        .inline_buttons()
        .into_iter()
        .map(|b| b.text)
        .collect()
}
