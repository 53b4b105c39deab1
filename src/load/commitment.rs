//! commitments/<id>.md: TOML front matter between `+++` lines, then Markdown sections that
//! carry their ids as heading attributes (`## Problema {#problem}`).

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::decode::{Decoder, Entry};
use super::reuse::Entries;
use super::{Got, LoadError, Loader, bad_file_name, is_slug, stem};
use crate::diag::{Diagnostic, FileId, Loc, Span};
use crate::format;
use crate::model::{Commitment, Milestone, Moved as _, Plan, Section, Text};
use crate::rules::{DANGLING_REFERENCE, PARSE_ERROR};

pub(super) fn load_all(loader: &mut Loader<'_>, plan: &mut Plan) -> Result<(), LoadError> {
    let mut translations = Vec::new();
    for name in loader.list("commitments")? {
        let Some(stem) = stem(&name, "md") else {
            continue;
        };
        let path = format!("commitments/{name}");
        // `<id>.<lang>.md` is a translation of `<id>.md`'s body.
        let (id, lang) = match stem.split_once('.') {
            Some((id, lang)) => (id, Some(lang)),
            None => (stem, None),
        };
        if !is_slug(id) || lang.is_some_and(|lang| !is_slug(lang)) {
            bad_file_name(loader, &path, stem);
            continue;
        }
        if lang.is_none()
            && let Some(Entries::Commitment(commitment)) = loader.reused(&path)
        {
            plan.commitments.push(*commitment);
            continue;
        }
        // Changed since an earlier reading: its sections are taken over if the body is as
        // it was (asked before the file is read, which takes the file id it must have).
        let earlier = if lang.is_none() {
            loader.earlier(&path)
        } else {
            None
        };
        let earlier = match earlier {
            Some((source, Entries::Commitment(commitment))) => Some((source, commitment.sections)),
            _ => None,
        };
        let file = match loader.read_text(&path) {
            Got::Text(file) => file,
            Got::Missing => continue,
            Got::Failed(_) => {
                loader.broken.commitments = true;
                continue;
            }
        };
        match lang {
            Some(lang) => translations.push((id.to_string(), lang.to_string(), file)),
            None => {
                if let Some(commitment) = commitment(loader, id, &path, file, earlier) {
                    plan.commitments.push(commitment);
                } else {
                    loader.broken.commitments = true;
                }
            }
        }
    }
    for (id, lang, file) in translations {
        let text = loader.files.get(file).text();
        let sections = sections(text, 0, file);
        match plan.commitments.iter_mut().find(|c| c.id == id) {
            Some(commitment) => {
                commitment.translations.insert(lang, sections);
            }
            None if loader.broken.commitments => {}
            None => loader.diagnostics.push(
                Diagnostic::new(
                    &DANGLING_REFERENCE,
                    Loc::file_start(file),
                    format!(
                        "`{}` translates commitment `{id}`, which does not exist",
                        loader.files.get(file).path
                    ),
                )
                .with_help(format!(
                    "rename it after an existing commitment, or add `commitments/{id}.md`"
                )),
            ),
        }
    }
    Ok(())
}

/// Where the front matter's TOML and the Markdown body lie in a commitment file.
#[derive(Debug)]
pub(crate) struct Split {
    pub toml: std::ops::Range<usize>,
    pub body_start: usize,
}

/// Finds the `+++` fences. Lines may end in `\n` or `\r\n`.
pub(crate) fn split_front_matter(text: &str) -> Option<Split> {
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != "+++" {
        return None;
    }
    let toml_start = first_end + 1;
    let mut line_start = toml_start;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        if text[line_start..line_end].trim_end() == "+++" {
            return Some(Split {
                toml: toml_start..line_start,
                body_start: (line_end + 1).min(text.len()),
            });
        }
        line_start = line_end + 1;
    }
    None
}

/// Decodes commitment `id` from `file`. `earlier` is an earlier reading's text and
/// sections, taken over when the body has not changed since.
fn commitment(
    loader: &mut Loader<'_>,
    id: &str,
    path: &str,
    file: FileId,
    earlier: Option<(crate::diag::SourceFile, Vec<Section>)>,
) -> Option<Commitment> {
    let text = loader.files.get(file).text();
    let Some(split) = split_front_matter(text) else {
        loader.diagnostics.push(
            Diagnostic::new(
                &PARSE_ERROR,
                Loc::file_start(file),
                format!("`{path}` does not start with front matter between `+++` lines"),
            )
            .with_help("start the file with a line `+++`, the commitment's TOML fields, and another line `+++`; the Markdown body follows"),
        );
        return None;
    };
    let front = &text[split.toml.clone()];
    let root = Loader::parse_toml(front, file, split.toml.start, &mut loader.diagnostics)?;
    let dec = &mut Decoder {
        file,
        offset: split.toml.start,
        out: &mut loader.diagnostics,
        allows: &mut loader.allows,
    };
    let mut doc = dec.document(
        &root,
        &format::COMMITMENT,
        &format!("the front matter of `{path}`"),
    );
    // Findings about the commitment as a whole point at its opening fence.
    doc.origin.span = Span::new(0..3);
    doc.check_keys(dec);
    let mut commitment = Commitment {
        id: id.to_string(),
        number: doc.small_count(dec, "number"),
        ogp_id: doc.string(dec, "ogp-id"),
        title: doc.text(dec, "title").unwrap_or_default(),
        axis: doc.reference(dec, "axis"),
        working_group: doc.reference(dec, "working-group"),
        lead: doc.references(dec, "lead"),
        co_lead: doc.references(dec, "co-lead"),
        supporting: doc.references(dec, "supporting"),
        values: doc.keywords(dec, "values").unwrap_or_default(),
        start: doc.date(dec, "start"),
        end: doc.date(dec, "end"),
        status: doc.keyword(dec, "status"),
        completion: doc.keyword(dec, "completion"),
        milestones: Vec::new(),
        sections: earlier
            .and_then(|(source, sections)| same_body(&source, sections, text, split.body_start))
            .unwrap_or_else(|| sections(text, split.body_start, file)),
        translations: Default::default(),
        origin: Default::default(),
    };
    for entry in doc.tables(dec, "milestone") {
        commitment.milestones.push(milestone(dec, entry));
    }
    commitment.origin = doc.origin;
    Some(commitment)
}

/// The sections an earlier reading found in a body that is still the same text (from
/// `body_start` on in `text`), moved to where that body now starts. Sections depend on
/// the body's text alone, and make no findings.
fn same_body(
    earlier: &crate::diag::SourceFile,
    mut sections: Vec<Section>,
    text: &str,
    body_start: usize,
) -> Option<Vec<Section>> {
    let then = earlier.text();
    let then_start = split_front_matter(then)?.body_start;
    if then[then_start..] != text[body_start..] {
        return None;
    }
    let by = body_start as i64 - then_start as i64;
    for section in &mut sections {
        section.move_by(by);
    }
    Some(sections)
}

fn milestone(dec: &mut Decoder<'_>, mut entry: Entry<'_, '_>) -> Milestone {
    entry.check_keys(dec);
    Milestone {
        id: entry.id(dec, "id"),
        title: entry
            .text(dec, "title")
            .unwrap_or_else(|| Text::Plain(String::new())),
        output: entry.text(dec, "output"),
        due: entry.date(dec, "due"),
        stakeholders: entry.references(dec, "stakeholders"),
        completion: entry.keyword(dec, "completion"),
        origin: entry.origin,
    }
}

/// The body's sections. A section starts at every heading of the body's top heading level
/// and at every heading with an `{#id}`; it runs to the next such heading.
fn sections(text: &str, body_start: usize, file: FileId) -> Vec<Section> {
    let body = &text[body_start..];
    let mut headings: Vec<(u8, Option<String>, String, std::ops::Range<usize>)> = Vec::new();
    let mut current: Option<(u8, Option<String>, String, std::ops::Range<usize>)> = None;
    let options = Options::ENABLE_HEADING_ATTRIBUTES;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                current = Some((
                    heading_level(level),
                    id.map(|id| id.to_string()),
                    String::new(),
                    range,
                ));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, _, title, _)) = current.as_mut() {
                    title.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => headings.extend(current.take()),
            _ => {}
        }
    }
    let top = headings.iter().map(|h| h.0).min().unwrap_or(1);
    let starts: Vec<_> = headings
        .into_iter()
        .filter(|(level, id, _, _)| *level == top || id.is_some())
        .collect();
    let mut sections = Vec::with_capacity(starts.len() + 1);
    // Text before the first heading is an untitled introduction: kept, so that it is
    // rendered and checked like the rest of the body.
    let intro_end = starts.first().map_or(body.len(), |first| first.3.start);
    if !body[..intro_end].trim().is_empty() {
        let loc = Loc::new(file, Span::new(0..intro_end).shifted(body_start));
        sections.push(Section {
            id: None,
            title: String::new(),
            level: 0,
            body: body[..intro_end].to_string(),
            heading: loc,
            body_loc: loc,
        });
    }
    for (i, (level, id, title, range)) in starts.iter().enumerate() {
        let content_start = range.end;
        let content_end = starts.get(i + 1).map_or(body.len(), |next| next.3.start);
        let heading_end = body[range.clone()].trim_end().len() + range.start;
        sections.push(Section {
            id: id.clone(),
            title: title.trim().to_string(),
            level: *level,
            body: body[content_start..content_end].to_string(),
            heading: Loc::new(
                file,
                Span::new(range.start..heading_end).shifted(body_start),
            ),
            body_loc: Loc::new(
                file,
                Span::new(content_start..content_end).shifted(body_start),
            ),
        });
    }
    sections
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_with_either_line_ending() {
        let text = "+++\r\nnumber = 1\r\n+++\r\n## A {#a}\r\n";
        let split = split_front_matter(text).expect("front matter");
        assert_eq!(&text[split.toml.clone()], "number = 1\r\n");
        assert_eq!(&text[split.body_start..], "## A {#a}\r\n");
        assert!(split_front_matter("number = 1\n").is_none());
        assert!(split_front_matter("+++\nnumber = 1\n").is_none());
    }

    #[test]
    fn sections_follow_heading_ids() {
        let text =
            "+++\n+++\n## Problema {#problem}\nText.\n### Detall\nMore.\n## Causes {#causes}\n\n";
        let sections = sections(text, 8, FileId(0));
        assert_eq!(sections.len(), 2);
        assert_eq!(sections[0].id.as_deref(), Some("problem"));
        assert_eq!(sections[0].title, "Problema");
        assert!(sections[0].body.contains("More."));
        assert_eq!(sections[1].body.trim(), "");
    }
}
