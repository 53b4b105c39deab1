//! The plan's own chapters: `chapters/<id>.md` for each id of `[document] chapters` that is
//! not a built-in chapter, and its translations `chapters/<id>.<lang>.md`, found by listing
//! the folder as commitment translations are.

use std::collections::{BTreeMap, BTreeSet};

use super::{Got, LoadError, Loader, bad_file_name, is_slug, stem};
use crate::diag::{Diagnostic, FileId, Loc};
use crate::format::document;
use crate::model::{Chapter, Document, Plan};
use crate::rules::{CHAPTER_UNLISTED, INVALID_VALUE, MISSING_FILE};

const FOLDER: &str = "chapters";

pub(super) fn load(
    loader: &mut Loader<'_>,
    plan: &mut Plan,
    plan_file: FileId,
) -> Result<(), LoadError> {
    let settings = &plan.meta.settings;
    let listed = settings.list(&document::CHAPTERS);
    let loc = settings
        .loc(&document::CHAPTERS)
        .unwrap_or_else(|| Loc::file_start(plan_file));
    let mut seen = BTreeSet::new();
    let mut own: Vec<String> = Vec::new();
    for id in listed {
        if !seen.insert(id.clone()) {
            loader.diagnostics.push(
                Diagnostic::new(
                    &INVALID_VALUE,
                    loc,
                    format!("`[document] chapters` names `{id}` twice"),
                )
                .with_help("each chapter stands once in the document: remove one of the two"),
            );
            continue;
        }
        if !document::BUILT_IN.contains(&id.as_str()) {
            own.push(id);
        }
    }
    for id in &own {
        let path = format!("{FOLDER}/{id}.md");
        match loader.read_text(&path) {
            Got::Text(file) => {
                let text = loader.files.get(file).text().to_string();
                plan.chapters.push(Chapter {
                    id: id.clone(),
                    document: Document { path, file, text },
                    translations: BTreeMap::new(),
                });
            }
            Got::Missing => loader.diagnostics.push(
                Diagnostic::new(
                    &MISSING_FILE,
                    loc,
                    format!("the chapter `{id}` is not in the plan: `{path}` does not exist"),
                )
                .with_help(format!(
                    "write `{path}` with the chapter's title as its first heading (`# …`), or remove `{id}` from `[document] chapters`; the built-in chapters are {}",
                    document::BUILT_IN.join(", ")
                )),
            ),
            Got::Failed(_) => loader.broken.chapters = true,
        }
    }
    translations_and_strays(loader, plan, &own)
}

/// Reads `chapters/<id>.<lang>.md` for each chapter read, and reports a file of the folder
/// that no listed chapter accounts for.
fn translations_and_strays(
    loader: &mut Loader<'_>,
    plan: &mut Plan,
    own: &[String],
) -> Result<(), LoadError> {
    for name in loader.list(FOLDER)? {
        let path = format!("{FOLDER}/{name}");
        let Some(stem) = stem(&name, "md") else {
            continue;
        };
        let (id, lang) = match stem.split_once('.') {
            Some((id, lang)) => (id, Some(lang)),
            None => (stem, None),
        };
        if !own.iter().any(|listed| listed == id) {
            if is_slug(id) {
                unlisted(loader, &path, id);
            }
            continue;
        }
        let Some(lang) = lang else {
            continue; // The chapter itself, read above.
        };
        if !is_slug(lang) {
            bad_file_name(loader, &path, lang);
            continue;
        }
        let file = match loader.read_text(&path) {
            Got::Text(file) => file,
            Got::Missing => continue,
            Got::Failed(_) => {
                loader.broken.chapters = true;
                continue;
            }
        };
        let text = loader.files.get(file).text().to_string();
        if let Some(chapter) = plan.chapters.iter_mut().find(|c| c.id == id) {
            chapter
                .translations
                .insert(lang.to_string(), Document { path, file, text });
        }
    }
    Ok(())
}

fn unlisted(loader: &mut Loader<'_>, path: &str, id: &str) {
    let file = loader.files.add(path.to_string(), String::new());
    loader.diagnostics.push(
        Diagnostic::new(
            &CHAPTER_UNLISTED,
            Loc::file_start(file),
            format!("`{path}` is a chapter that `[document] chapters` does not name, so the document leaves it out"),
        )
        .with_help(format!(
            "add `{id}` to `[document] chapters` in plan.toml where it belongs in the document, or remove the file"
        )),
    );
}
