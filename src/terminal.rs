//! Plan text made safe to print where a terminal, or a CI log that renders like one, reads
//! it: a plan is written by whoever opens a pull request, and an escape sequence in a title
//! could clear the screen, rewrite what was printed before it, set the window title or hide
//! text; bidirectional overrides make text read differently from its bytes.

use std::borrow::Cow;

/// Whether a terminal would obey `c` rather than show it: a control character other than a
/// line break, a carriage return or a tab, or a bidirectional override or isolate.
fn obeyed(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every character a terminal would obey shown as `\u{fffd}`.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(obeyed) {
        return Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| if obeyed(c) { '\u{fffd}' } else { c })
        .collect::<String>()
        .into()
}

/// [`printable`], keeping every character's length in bytes, so that byte offsets into the
/// text (a finding's span) still hold: a one-byte control becomes `?`, a two-byte one `¿`,
/// and the three-byte overrides `\u{fffd}`.
pub fn printable_in_place(text: &str) -> Cow<'_, str> {
    if !text.chars().any(obeyed) {
        return Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match (obeyed(c), c.len_utf8()) {
            (false, _) => c,
            (true, 1) => '?',
            (true, 2) => '¿',
            (true, _) => '\u{fffd}',
        })
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_overrides_are_shown_not_obeyed() {
        let text = "a\u{1b}[2J b\u{7} c\u{9b}d \u{202e}e\nf\tg\r\n";
        assert_eq!(
            printable(text),
            "a\u{fffd}[2J b\u{fffd} c\u{fffd}d \u{fffd}e\nf\tg\r\n"
        );
        let same = printable_in_place(text);
        assert_eq!(same, "a?[2J b? c¿d \u{fffd}e\nf\tg\r\n");
        assert_eq!(same.len(), text.len());
        assert!(matches!(printable("plain"), Cow::Borrowed(_)));
    }
}
