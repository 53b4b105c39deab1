//! The Markdown renderer: plan text (vision, commitment bodies, minutes) through every
//! conversion `obert render` makes of it, after the masking of personal data the document
//! applies first. The first byte picks the heading level the text's top heading moves to.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&choice, content)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(content) else {
        return;
    };
    let top = 1 + choice % 6;
    let masked = obert::privacy::redact(text);
    let [html, html_with_ids, ..] = obert::render::markdown_conversions(&masked, top);
    // The page must never carry a script, whatever the plan's text holds.
    for page in [html, html_with_ids] {
        assert!(
            !page.to_ascii_lowercase().contains("<script"),
            "a script survived the sanitiser: {page}"
        );
    }
});
