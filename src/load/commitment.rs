//! commitments/<id>.md: TOML front matter between `+++` lines, then Markdown sections that
//! carry their ids as heading attributes (`## Problema {#problem}`).

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use std::ops::Range;

use toml::de::DeTable;

use super::decode::{Decoder, Entry};
use super::reuse::Entries;
use super::{Got, LoadError, Loader, bad_file_name, is_slug, pieces, stem};
use crate::diag::{Diagnostic, FileId, Loc, SourceFile, Span};
use crate::format;
use crate::model::{Allow, Commitment, Milestone, Moved as _, Plan, Section, Text};
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
            Some((source, Entries::Commitment(commitment), clean)) => Some(Earlier {
                source,
                commitment,
                clean,
            }),
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
    // Only a line that starts with `+++` can close it: each `+` after the opening fence
    // that starts a line is looked at (a commitment's text holds few).
    let bytes = text.as_bytes();
    for at in memchr::memchr_iter(b'+', &bytes[toml_start..]) {
        let line_start = toml_start + at;
        if bytes[line_start - 1] != b'\n' || !bytes[line_start..].starts_with(b"+++") {
            continue;
        }
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        if text[line_start..line_end].trim_end() == "+++" {
            return Some(Split {
                toml: toml_start..line_start,
                body_start: (line_end + 1).min(text.len()),
            });
        }
    }
    None
}

/// Where a reading puts its findings and the exceptions it reads.
type Found<'f> = (&'f mut Vec<Diagnostic>, &'f mut Vec<Allow>);

/// An earlier reading of a commitment's file, whose text has changed since.
struct Earlier {
    source: SourceFile,
    commitment: Box<Commitment>,
    /// Whether that reading made no finding and no exception.
    clean: bool,
}

/// Decodes commitment `id` from `file`. `earlier` is an earlier reading, whose sections
/// are taken over when the body has not changed since, and, when it was clean, the parts
/// of its front matter that have not changed either.
fn commitment(
    loader: &mut Loader<'_>,
    id: &str,
    path: &str,
    file: FileId,
    earlier: Option<Earlier>,
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
    let what = format!("the front matter of `{path}`");
    let (decoded, then_sections) = match earlier {
        Some(earlier) => {
            let Earlier {
                source,
                commitment: mut then,
                clean,
            } = earlier;
            let then_sections = std::mem::take(&mut then.sections);
            let then_split = split_front_matter(source.text());
            let decoded = match &then_split {
                Some(then_split) if clean => front_in_parts(
                    (&mut loader.diagnostics, &mut loader.allows),
                    (file, &what),
                    (text, &split),
                    (source.text(), then_split),
                    *then,
                ),
                _ => None,
            };
            let sections = then_split.and_then(|then_split| {
                same_body(
                    (source.text(), then_split.body_start),
                    then_sections,
                    text,
                    split.body_start,
                )
            });
            (decoded, sections)
        }
        None => (None, None),
    };
    let mut commitment = match decoded {
        Some(commitment) => commitment,
        None => {
            let found = (&mut loader.diagnostics, &mut loader.allows);
            front_whole(found, file, &what, text, &split)?
        }
    };
    commitment.id = id.to_string();
    commitment.sections = then_sections.unwrap_or_else(|| sections(text, split.body_start, file));
    Some(commitment)
}

/// The commitment that the front matter at `split` in `file`'s `text` says, parsed whole;
/// its id and sections are left empty.
fn front_whole(
    (out, allows): Found<'_>,
    file: FileId,
    what: &str,
    text: &str,
    split: &Split,
) -> Option<Commitment> {
    let front = &text[split.toml.clone()];
    let root = Loader::parse_toml(front, file, split.toml.start, out)?;
    let dec = &mut Decoder {
        file,
        offset: split.toml.start,
        out,
        allows,
    };
    let mut doc = dec.document(&root, &format::COMMITMENT, what);
    // The commitment's origin is taken before its milestones are read: their array has no
    // one place (each milestone has its own), and a reading that decodes them one by one
    // (see `front_in_parts`) never sees the array whole.
    let mut commitment = own_keys(dec, &mut doc);
    for entry in doc.tables(dec, "milestone") {
        commitment.milestones.push(milestone(dec, entry));
    }
    Some(commitment)
}

/// The commitment's own keys, from the front matter's root table (checked here), without
/// its milestones.
fn own_keys(dec: &mut Decoder<'_>, doc: &mut Entry<'_, '_>) -> Commitment {
    // Findings about the commitment as a whole point at its opening fence.
    doc.origin.span = Span::new(0..3);
    doc.check_keys(dec);
    Commitment {
        id: String::new(),
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
        sections: Vec::new(),
        translations: Default::default(),
        origin: std::mem::take(&mut doc.origin),
    }
}

/// The front matter at `split` in `text`, decoded in parts: the commitment's own keys
/// (before the first `[[milestone]]` line) and each milestone, where `then`, a clean
/// reading of the earlier text `then_text`, is taken over for every part whose text is
/// byte for byte the same, and only the rest is parsed. Most changes of a commitment
/// change one milestone, or its own keys, and leave the rest as it was.
///
/// The cut is a guess on lines, so both readings are checked: the earlier one only lends
/// parts when each of its values lies in the part it was cut into (its own keys in the
/// head, milestone `n` in piece `n`), and each part parsed now must hold what that part
/// may hold. `None`, with nothing reported, when either check fails: the front matter is
/// then parsed whole, so findings and syntax errors are always those of the whole text.
fn front_in_parts(
    (out, allows): Found<'_>,
    (file, what): (FileId, &str),
    (text, split): (&str, &Split),
    (then_text, then_split): (&str, &Split),
    then: Commitment,
) -> Option<Commitment> {
    let front = &text[split.toml.clone()];
    let then_front = &then_text[then_split.toml.clone()];
    let cut = pieces::each_entry(front, "milestone")?;
    let then_cut = pieces::each_entry(then_front, "milestone")?;
    let then_at = then_split.toml.start;
    let inside = |span: Span, part: &Range<usize>| {
        (part.start + then_at..=part.end + then_at).contains(&(span.start as usize))
            && span.end as usize <= part.end + then_at
    };
    let then_milestones = &then.milestones;
    let lends = then_milestones.len() == then_cut.pieces.len()
        && then
            .origin
            .key_spans()
            .all(|span| inside(span, &then_cut.head))
        && then_milestones
            .iter()
            .zip(&then_cut.pieces)
            .all(|(milestone, piece)| {
                inside(milestone.origin.span, piece)
                    && milestone.origin.key_spans().all(|span| inside(span, piece))
            });
    if !lends {
        return None;
    }
    let (findings, exceptions) = (out.len(), allows.len());
    let decoded = (|| {
        let mut then = then;
        let mut then_milestones: Vec<Option<Milestone>> = std::mem::take(&mut then.milestones)
            .into_iter()
            .map(Some)
            .collect();
        let dec = &mut Decoder {
            file,
            offset: split.toml.start,
            out: &mut *out,
            allows: &mut *allows,
        };
        let mut commitment = if front[cut.head.clone()] == then_front[then_cut.head.clone()] {
            then.move_by(split.toml.start as i64 - then_at as i64);
            then.origin.span = Span::new(0..3);
            then
        } else {
            let root = DeTable::parse(&front[cut.head.clone()]).ok()?;
            if root.get_ref().contains_key("milestone") {
                return None;
            }
            let mut doc = dec.document(&root, &format::COMMITMENT, what);
            own_keys(dec, &mut doc)
        };
        // The earlier milestones by their text; a text written twice lends its first.
        let mut by_text: crate::rules::IdMap<&str, Vec<usize>> = Default::default();
        for (nth, piece) in then_cut.pieces.iter().enumerate().rev() {
            by_text
                .entry(&then_front[piece.clone()])
                .or_default()
                .push(nth);
        }
        for piece in &cut.pieces {
            let piece_text = &front[piece.clone()];
            let at = split.toml.start + piece.start;
            let lent = by_text
                .get_mut(piece_text)
                .and_then(Vec::pop)
                .and_then(|nth| Some((nth, then_milestones[nth].take()?)));
            if let Some((nth, mut milestone)) = lent {
                milestone.move_by(at as i64 - (then_at + then_cut.pieces[nth].start) as i64);
                commitment.milestones.push(milestone);
                continue;
            }
            let parsed = DeTable::parse(piece_text).ok()?;
            if pieces::entries_only(parsed.get_ref(), "milestone") != Some(1) {
                return None;
            }
            dec.offset = at;
            let mut doc = dec.document(&parsed, &format::COMMITMENT, what);
            for entry in doc.tables(dec, "milestone") {
                commitment.milestones.push(milestone(dec, entry));
            }
        }
        Some(commitment)
    })();
    if decoded.is_none() {
        out.truncate(findings);
        allows.truncate(exceptions);
    }
    decoded
}

/// The sections an earlier reading found in a body that is still the same text (from
/// `then_start` on in `then`), moved to where that body now starts (`body_start` in
/// `text`). Sections depend on the body's text alone, and make no findings.
fn same_body(
    (then, then_start): (&str, usize),
    mut sections: Vec<Section>,
    text: &str,
    body_start: usize,
) -> Option<Vec<Section>> {
    if then[then_start..] != text[body_start..] {
        return None;
    }
    sections.move_by(body_start as i64 - then_start as i64);
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
        // Only a line that is `+++` (and blanks) closes it; it may be the last line.
        let text = "+++\nx = \"\"\"\n+++ not a fence\n \"\"\"\n+++ \n";
        let split = split_front_matter(text).expect("front matter");
        assert_eq!(split.toml, 4..33);
        assert_eq!(split.body_start, text.len());
        let text = "+++\n+++";
        let split = split_front_matter(text).expect("an empty front matter");
        assert_eq!((split.toml, split.body_start), (4..4, 7));
    }

    #[test]
    fn front_matter_is_cut_before_each_milestone_line() {
        let front = "number = 1\n[[milestone]]\ntitle = \"a\"\n  [[milestone]] # b\nx = \"[[milestone]]\"\n[[milestones]]\n";
        let cut = pieces::each_entry(front, "milestone").expect("two milestones");
        assert_eq!(cut.head, 0..11);
        assert_eq!(cut.pieces, [11..37, 37..front.len()]);
        assert!(pieces::each_entry("number = 1\n", "milestone").is_none());
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
