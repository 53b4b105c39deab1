//! How the document publishes a meeting's minutes, decided once for the page and for the
//! rule that reports minutes it cannot publish (`evidence-unpublishable`).
//!
//! A document is read away from the plan folder (on a web site, printed, as a PDF), so a
//! path inside the plan is no link. Minutes written in Markdown become an annex of the
//! document (`[document] minutes = "embed"`, the default); any other file, or every file
//! with `minutes = "link"`, is linked at `[document] files-url` plus its path; a URL is
//! linked as it is.

use crate::format::document;
use crate::model::{Document, MinutesMode, Plan};

/// Where a meeting's minutes are, for a reader of the document.
#[derive(Debug, Clone)]
pub enum Published<'p> {
    /// On the web already, at this URL.
    Web(&'p str),
    /// In the document's annex: this Markdown file of the plan.
    Embedded(&'p Document),
    /// At `files-url` plus the path.
    Linked(String),
    /// A file of the plan that the document can neither embed nor link.
    Unpublished,
}

/// Whether a path names Markdown, which the document can embed.
pub fn is_markdown(path: &str) -> bool {
    path.ends_with(".md") || path.ends_with(".markdown")
}

/// How the document publishes the minutes at `place` (a URL, or a path inside the plan).
pub fn published<'p>(plan: &'p Plan, place: &'p str) -> Published<'p> {
    if place.starts_with("https://") || place.starts_with("http://") {
        return Published::Web(place);
    }
    let settings = &plan.meta.settings;
    let mode = settings
        .keyword::<MinutesMode>(&document::MINUTES)
        .unwrap_or(MinutesMode::Embed);
    if mode == MinutesMode::Embed
        && is_markdown(place)
        && let Some(found) = plan.evidence.iter().find(|d| d.path == place)
    {
        return Published::Embedded(found);
    }
    match settings.str(&document::FILES_URL) {
        Some(base) => Published::Linked(format!("{}/{place}", base.trim_end_matches('/'))),
        None => Published::Unpublished,
    }
}

/// The id of a minutes file's section in the annex: `minutes/agora.md` → `minutes-agora`.
pub fn anchor(path: &str) -> String {
    let stem = path
        .strip_suffix(".markdown")
        .or_else(|| path.strip_suffix(".md"))
        .unwrap_or(path);
    let mut anchor = String::from("minutes");
    for part in stem
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
    {
        if part != "minutes" || anchor != "minutes" {
            anchor.push('-');
            anchor.push_str(&part.to_ascii_lowercase());
        }
    }
    anchor
}

#[cfg(test)]
mod tests {
    use super::anchor;

    #[test]
    fn a_minutes_file_gets_an_anchor_from_its_path() {
        assert_eq!(anchor("minutes/agora.md"), "minutes-agora");
        assert_eq!(
            anchor("minutes/gt-ods/sessio_1.md"),
            "minutes-gt-ods-sessio-1"
        );
        assert_eq!(anchor("actes/Forum P1.markdown"), "minutes-actes-forum-p1");
    }
}
