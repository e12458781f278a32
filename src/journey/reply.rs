//! What the tourist sees: texts, buttons, venues, files and pictures, before the Telegram layer
//! turns them into Bot API calls.

use super::Action;

/// Something to show the tourist.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    Text {
        text: String,
        keyboard: Keyboard,
    },
    /// A place that opens in the phone's maps.
    Venue {
        lat: f64,
        lon: f64,
        title: String,
        address: String,
    },
    /// A file made by escale (e.g. the /mydata JSON).
    File {
        file_name: String,
        bytes: Vec<u8>,
        caption: String,
    },
    /// A picture made by escale (a postcard, a chart), sent as a photo.
    Picture {
        file_name: String,
        bytes: Vec<u8>,
        caption: String,
        keyboard: Keyboard,
    },
    /// A picture already on Telegram's servers; `original` when it was sent as a file.
    Photo {
        file_id: String,
        original: bool,
        caption: String,
        keyboard: Keyboard,
    },
    /// Replaces the text of the message whose button was pressed.
    EditText {
        text: String,
        keyboard: Keyboard,
    },
    /// Replaces the caption of the photo whose button was pressed.
    EditCaption {
        caption: String,
        keyboard: Keyboard,
    },
}

impl Reply {
    pub fn text(text: impl Into<String>) -> Reply {
        Reply::Text {
            text: text.into(),
            keyboard: Keyboard::None,
        }
    }

    pub fn with_buttons(text: impl Into<String>, rows: Vec<Vec<Button>>) -> Reply {
        Reply::Text {
            text: text.into(),
            keyboard: Keyboard::Inline(rows),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Keyboard {
    None,
    Inline(Vec<Vec<Button>>),
    /// A reply keyboard with one button that shares the tourist's location.
    AskLocation {
        label: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Button {
    Action {
        label: String,
        action: Action,
    },
    Url {
        label: String,
        url: String,
    },
    /// Copies `text` to the clipboard (Telegram's copy_text button).
    Copy {
        label: String,
        text: String,
    },
    /// Opens Telegram's chat picker, then offers the bot's inline answers to `query` there.
    Share {
        label: String,
        query: String,
    },
}

impl Button {
    pub fn action(label: impl Into<String>, action: Action) -> Button {
        Button::Action {
            label: label.into(),
            action,
        }
    }
}
