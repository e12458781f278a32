//! Telegram's `parse_mode=HTML`: validation and conversion to plain text.
//!
//! Telegram rejects a message whose HTML it cannot parse (an unsupported tag,
//! an unclosed tag, a stray `<` in user-provided text that the bot forgot to
//! escape). The sandbox does the same, so such bugs show up in tests instead of
//! in front of tourists.

/// Tags Telegram accepts in HTML parse mode.
const ALLOWED_TAGS: &[&str] = &[
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "span",
    "tg-spoiler",
    "a",
    "tg-emoji",
    "code",
    "pre",
    "blockquote",
    "tg-time",
];

/// Parses Telegram HTML into the text a person sees: tags removed, the
/// supported entities decoded. The error is Telegram's description after
/// `Bad Request: `.
pub(super) fn to_plain(html: &str) -> Result<String, String> {
    let mut out = String::with_capacity(html.len());
    let mut open_tags: Vec<String> = Vec::new();
    let mut i = 0;
    while i < html.len() {
        let rest = &html[i..];
        if rest.starts_with('<') {
            let Some(end) = rest.find('>') else {
                return Err(format!(
                    "can't parse entities: Unclosed start tag at byte offset {i}"
                ));
            };
            let inner = &rest[1..end];
            if let Some(closing) = inner.strip_prefix('/') {
                let name = closing.trim().to_ascii_lowercase();
                match open_tags.pop() {
                    Some(open) if open == name => {}
                    Some(open) => {
                        return Err(format!(
                            "can't parse entities: Unmatched end tag at byte offset {i}, \
                             expected \"</{open}>\", found \"</{name}>\""
                        ));
                    }
                    None => {
                        return Err(format!(
                            "can't parse entities: Unexpected end tag at byte offset {i}"
                        ));
                    }
                }
            } else {
                let name = inner
                    .split(|c: char| c.is_whitespace())
                    .next()
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                if !ALLOWED_TAGS.contains(&name.as_str()) {
                    return Err(format!(
                        "can't parse entities: Unsupported start tag \"{name}\" at byte offset {i}"
                    ));
                }
                open_tags.push(name);
            }
            i += end + 1;
        } else if rest.starts_with('&') {
            match decode_entity(rest) {
                Some((decoded, len)) => {
                    out.push(decoded);
                    i += len;
                }
                // Telegram leaves an unknown `&...` as it is.
                None => {
                    out.push('&');
                    i += 1;
                }
            }
        } else {
            let next = rest.find(['<', '&']).unwrap_or(rest.len());
            out.push_str(&rest[..next]);
            i += next;
        }
    }
    match open_tags.pop() {
        Some(open) => Err(format!(
            "can't parse entities: Can't find end tag corresponding to start tag \"{open}\""
        )),
        None => Ok(out),
    }
}

/// Decodes the entity at the start of `s` (which starts with `&`): the four
/// named ones Telegram supports and numeric ones. Returns the character and
/// the entity's length in bytes.
fn decode_entity(s: &str) -> Option<(char, usize)> {
    let end = s.find(';')?;
    let body = &s[1..end];
    let c = match body {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        _ => {
            let number = body.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::to_plain;

    #[test]
    fn strips_tags_and_decodes_entities() {
        assert_eq!(
            to_plain("<b>Château</b> &lt;3 &amp; <a href=\"x\">&quot;go&quot;</a> &#233;&#x41;"),
            Ok("Château <3 & \"go\" éA".to_owned())
        );
    }

    #[test]
    fn rejects_what_telegram_rejects() {
        assert!(to_plain("a < b").is_err());
        assert!(to_plain("<b>open").is_err());
        assert!(to_plain("<b><i>x</b></i>").is_err());
        assert!(to_plain("line<br>next").is_err());
        assert!(to_plain("</b>").is_err());
    }

    #[test]
    fn keeps_unknown_entities() {
        assert_eq!(to_plain("a &nbsp b &"), Ok("a &nbsp b &".to_owned()));
    }
}
