//! Drawing and sending a postcard: fetch the picture (bounded in size and time), render it off the
//! async runtime, send it with its "send to a friend" button.

use std::time::Duration;

use teloxide::net::Download as _;
use teloxide::prelude::*;
use teloxide::types::FileId;

use super::Outbox;
use crate::card::{self, CardText, Picture};
use crate::journey::{Button, Keyboard, Reply};
use crate::tasks::postcard::{Order, Source};

/// How long fetching a photo from Telegram may take.
const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(30);

/// Why a card was not sent.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("the picture cannot be used: {0}")]
    Picture(#[from] card::CardError),
    #[error("the picture could not be fetched: {0}")]
    Fetch(String),
    #[error("Telegram refused the card: {0}")]
    Send(#[from] teloxide::RequestError),
}

impl Failure {
    /// What the tourist is told, as a message id.
    pub fn message_id(&self) -> &'static str {
        match self {
            Failure::Picture(card::CardError::TooBig { .. } | card::CardError::TooLarge(_)) => {
                "postcard-too-big"
            }
            Failure::Picture(_) => "postcard-unreadable",
            Failure::Fetch(_) | Failure::Send(_) => "postcard-not-sent",
        }
    }
}

/// Draws the card of `order` and sends it to `chat`; returns Telegram's id of the sent image.
pub async fn draw_and_send(
    outbox: &Outbox,
    chat: ChatId,
    order: &Order,
) -> Result<Option<String>, Failure> {
    let picture = match &order.picture {
        Source::Telegram { file_id } => Some(download(outbox.bot(), file_id).await?),
        Source::File(path) => Some(read(path).await?),
        Source::Designed => None,
    };
    let order_for_render = order.clone();
    let rendered = tokio::task::spawn_blocking(move || {
        let order = order_for_render;
        let text = CardText {
            destination: &order.destination,
            spot: &order.spot_name,
            message: &order.message,
            hashtag: &order.hashtag,
            link: &order.link,
        };
        let picture = match &picture {
            Some(bytes) => Picture::Encoded(bytes),
            None => Picture::Designed,
        };
        card::render(picture, &text, &order.palette)
    })
    .await
    .map_err(|e| {
        Failure::Picture(card::CardError::Unreadable(format!(
            "the renderer stopped: {e}"
        )))
    })??;
    let reply = Reply::Picture {
        file_name: "postcard.jpg".into(),
        bytes: rendered,
        caption: order.caption.clone(),
        keyboard: Keyboard::Inline(vec![vec![Button::Share {
            label: order.share_label.clone(),
            query: order.code.clone(),
        }]]),
    };
    let sent = outbox.send(chat, &reply, None).await?;
    let largest = sent.photo().and_then(|sizes| {
        sizes
            .iter()
            .max_by_key(|p| u64::from(p.width) * u64::from(p.height))
    });
    Ok(largest.map(|p| p.file.id.to_string()))
}

/// A photo from Telegram's servers, refused over the renderer's limit before it is fetched.
async fn download(bot: &Bot, file_id: &str) -> Result<Vec<u8>, Failure> {
    let file = bot
        .get_file(FileId(file_id.to_owned()))
        .await
        .map_err(|e| Failure::Fetch(e.to_string()))?;
    let size = file.size as usize;
    if size > card::MAX_INPUT_BYTES {
        return Err(card::CardError::TooBig {
            bytes: size,
            limit: card::MAX_INPUT_BYTES,
        }
        .into());
    }
    let mut bytes = Vec::with_capacity(size);
    match tokio::time::timeout(DOWNLOAD_TIMEOUT, bot.download_file(&file.path, &mut bytes)).await {
        Ok(Ok(())) if bytes.len() <= card::MAX_INPUT_BYTES => Ok(bytes),
        Ok(Ok(())) => Err(card::CardError::TooBig {
            bytes: bytes.len(),
            limit: card::MAX_INPUT_BYTES,
        }
        .into()),
        Ok(Err(e)) => Err(Failure::Fetch(e.to_string())),
        Err(_) => Err(Failure::Fetch(format!(
            "no answer within {DOWNLOAD_TIMEOUT:?}"
        ))),
    }
}

/// The spot's own picture from the office's assets.
async fn read(path: &std::path::Path) -> Result<Vec<u8>, Failure> {
    let size = tokio::fs::metadata(path)
        .await
        .map_err(|e| Failure::Fetch(format!("{}: {e}", path.display())))?
        .len();
    if size > card::MAX_INPUT_BYTES as u64 {
        return Err(card::CardError::TooBig {
            bytes: size as usize,
            limit: card::MAX_INPUT_BYTES,
        }
        .into());
    }
    tokio::fs::read(path)
        .await
        .map_err(|e| Failure::Fetch(format!("{}: {e}", path.display())))
}
