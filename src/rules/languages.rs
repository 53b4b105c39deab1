//! The plan's languages: text in each language that `languages` declares.
//!
//! The vision (translated by `vision.<lang>.md` beside it), the commitments (by
//! `commitments/<id>.<lang>.md`, and their titles) and the plan's own chapters (by
//! `chapters/<id>.<lang>.md`) are counted, in one finding per language.

use super::{Context, TRANSLATION_MISSING, count_noun};
use crate::diag::{Diagnostic, Loc};
use crate::format;
use crate::model::{Commitment, Text, has_prose};

/// Ids a message names before it says how many more there are.
const NAMED: usize = 5;

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let meta = &cx.plan.meta;
    if !meta.loaded {
        return;
    }
    let Some((primary, others)) = meta.languages.split_first() else {
        return;
    };
    // With a file unreadable, the counts would name its text as untranslated when only the
    // file is broken; `parse-error` says so already. So a broken commitment leaves the
    // commitments out, and a broken vision or translation of it the vision.
    let commitments = if cx.broken.commitments {
        Vec::new()
    } else {
        cx.plan.commitments_by_number()
    };
    let chapters: &[crate::model::Chapter] = if cx.broken.chapters {
        &[]
    } else {
        &cx.plan.chapters
    };
    // A vision with no text yet is `vision-missing`, in every language at once.
    let vision = cx
        .plan
        .vision
        .as_ref()
        .filter(|vision| !cx.broken.vision && has_prose(&vision.text));
    let loc = meta
        .settings
        .loc(&format::LANGUAGES)
        .unwrap_or_else(|| Loc::file_start(cx.plan_file));
    let mut seen = vec![primary.as_str()];
    for lang in others {
        if seen.contains(&lang.as_str()) {
            continue;
        }
        seen.push(lang);
        let vision_untranslated = vision.is_some()
            && !cx
                .plan
                .vision_translations
                .get(lang)
                .is_some_and(|translation| has_prose(&translation.text));
        // A commitment whose body has no text in `lang`, and one whose body has but whose
        // title has not: the second is shown in `lang` but under a title in another one.
        let untranslated: Vec<&str> = commitments
            .iter()
            .filter(|c| !has_body_in(c, lang))
            .map(|c| c.id.as_str())
            .collect();
        let untitled: Vec<&str> = commitments
            .iter()
            .filter(|c| has_body_in(c, lang) && !has_title_in(&c.title, lang))
            .map(|c| c.id.as_str())
            .collect();
        // A chapter of the plan's own with text in the primary language and none in `lang`.
        let chapters_untranslated: Vec<&str> = chapters
            .iter()
            .filter(|c| has_prose(&c.document.text))
            .filter(|c| {
                !c.translations
                    .get(lang.as_str())
                    .is_some_and(|t| has_prose(&t.text))
            })
            .map(|c| c.id.as_str())
            .collect();
        if !vision_untranslated
            && untranslated.is_empty()
            && chapters_untranslated.is_empty()
            && untitled.is_empty()
        {
            continue;
        }
        // "the vision, 2 commitments (`a`, `b`) and 1 chapter (`foreword`) have no text in it"
        let mut subjects = Vec::new();
        if vision_untranslated {
            subjects.push("the vision".to_string());
        }
        for (ids, singular, plural) in [
            (&untranslated, "commitment", "commitments"),
            (&chapters_untranslated, "chapter", "chapters"),
        ] {
            if !ids.is_empty() {
                subjects.push(format!(
                    "{} ({})",
                    count_noun(ids.len(), singular, plural),
                    named(ids)
                ));
            }
        }
        let mut lacking = Vec::new();
        if !subjects.is_empty() {
            let only_one = subjects.len() == 1
                && (vision_untranslated || untranslated.len() + chapters_untranslated.len() == 1);
            let verb = if only_one { "has" } else { "have" };
            lacking.push(format!("{} {verb} no text in it", and_list(&subjects)));
        }
        if !untitled.is_empty() {
            let noun = if untranslated.is_empty() {
                have(untitled.len(), "commitment", "commitments")
            } else {
                have(untitled.len(), "more", "more")
            };
            lacking.push(format!("{noun} no title in it ({})", named(&untitled)));
        }
        let mut help = Vec::new();
        if vision_untranslated {
            help.push(format!(
                "translate the vision into `{}`, beside `{}`",
                meta.vision_translation_path(lang),
                meta.vision_path
            ));
        }
        if !chapters_untranslated.is_empty() {
            help.push(format!(
                "translate each chapter into `chapters/<id>.{lang}.md` beside it"
            ));
        }
        if !untranslated.is_empty() {
            help.push(format!(
                "translate each commitment's body into `commitments/<id>.{lang}.md` beside it, with the same section ids and no front matter"
            ));
        }
        let titles_lacking = commitments.iter().any(|c| !has_title_in(&c.title, lang));
        if titles_lacking {
            help.push(format!(
                "give each title in `{lang}` too: `title = {{ {primary} = \"…\", {lang} = \"…\" }}`"
            ));
        }
        out.push(
            Diagnostic::new(
                &TRANSLATION_MISSING,
                loc,
                format!(
                    "`{lang}` is one of the plan's languages, but {}",
                    lacking.join(", and ")
                ),
            )
            .with_help(help.join("; ")),
        );
    }
}

/// Whether a translation of the commitment's body into `lang` has any text. A translation
/// of some sections counts: the document shows the others in the primary language, and says
/// so beside each.
fn has_body_in(commitment: &Commitment, lang: &str) -> bool {
    commitment
        .translations
        .get(lang)
        .is_some_and(|sections| sections.iter().any(|s| s.is_written()))
}

/// Whether a title is given in `lang`. A plain string is in the primary language.
fn has_title_in(title: &Text, lang: &str) -> bool {
    match title {
        Text::Plain(_) => false,
        Text::Translated(by_lang) => by_lang.get(lang).is_some_and(|t| !t.trim().is_empty()),
    }
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// "1 commitment has", "3 commitments have", "2 more have".
fn have(n: usize, singular: &str, plural: &str) -> String {
    let verb = if n == 1 { "has" } else { "have" };
    format!("{} {verb}", count_noun(n, singular, plural))
}

/// `` `a`, `b` `` and, past [`NAMED`], how many more.
fn named(ids: &[&str]) -> String {
    let mut shown: Vec<String> = ids.iter().take(NAMED).map(|id| format!("`{id}`")).collect();
    if ids.len() > NAMED {
        shown.push(format!("{} more", ids.len() - NAMED));
    }
    shown.join(", ")
}
