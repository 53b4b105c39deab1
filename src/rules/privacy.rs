//! personal-data: no contact details in any text that is published.

use super::Context;
use crate::diag::{Diagnostic, Loc, Span};
use crate::model::{Origin, Text};
use crate::privacy;
use crate::rules::PERSONAL_DATA;

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let mut scan = Scanner { cx, out };
    scan.text(&plan.meta.title, &plan.meta.origin, "title");
    for axis in &plan.meta.axes {
        scan.text(&axis.title, &axis.origin, "title");
    }
    let vision = plan.vision.iter().chain(plan.vision_translations.values());
    let chapters = plan
        .chapters
        .iter()
        .flat_map(|c| std::iter::once(&c.document).chain(c.translations.values()));
    for document in vision.chain(chapters).chain(&plan.evidence) {
        scan.document(document.file, &document.text, 0);
    }
    for organisation in &plan.organisations {
        scan.plain(&organisation.name, &organisation.origin, "name");
    }
    for person in plan.people.iter() {
        if let Some(name) = &person.name {
            scan.plain(name, &person.origin, "name");
        }
    }
    for space in &plan.spaces {
        scan.text(&space.name, &space.origin, "name");
        if let Some(purpose) = &space.purpose {
            scan.text(purpose, &space.origin, "purpose");
        }
        for meeting in &space.meetings {
            if let Some(title) = &meeting.title {
                scan.text(title, &meeting.origin, "title");
            }
        }
        for phase in &space.phases {
            if let Some(title) = &phase.title {
                scan.text(title, &phase.origin, "title");
            }
        }
    }
    for commitment in &plan.commitments {
        scan.text(&commitment.title, &commitment.origin, "title");
        for milestone in &commitment.milestones {
            scan.text(&milestone.title, &milestone.origin, "title");
            if let Some(output) = &milestone.output {
                scan.text(output, &milestone.origin, "output");
            }
        }
        let translated = commitment.translations.values().flatten();
        for section in commitment.sections.iter().chain(translated) {
            scan.document(
                section.body_loc.file,
                &section.body,
                section.body_loc.span.start as usize,
            );
        }
    }
    for contribution in plan.contributions() {
        for (text, key) in [(&contribution.title, "title"), (&contribution.body, "body")] {
            if let Some(text) = text {
                scan.text(text, &contribution.origin, key);
            }
        }
        if let Some(author) = &contribution.author {
            scan.plain(author, &contribution.origin, "author");
        }
        if let Some(response) = &contribution.response
            && let Some(reason) = &response.reason
        {
            scan.text(reason, &response.origin, "reason");
        }
    }
    // Progress notes and assessments go on the public progress page and into the reports.
    for report in plan.progress.iter().flat_map(|file| &file.reports) {
        if let Some(note) = &report.note {
            scan.text(note, &report.origin, "note");
        }
    }
    for assessment in plan.assessments.iter().flat_map(|file| &file.assessments) {
        if let Some(note) = &assessment.note {
            scan.text(note, &assessment.origin, "note");
        }
    }
}

struct Scanner<'c, 'p> {
    cx: &'c Context<'p>,
    out: &'c mut Vec<Diagnostic>,
}

impl Scanner<'_, '_> {
    fn text(&mut self, text: &Text, origin: &Origin, key: &str) {
        for part in text.all() {
            self.plain(part, origin, key);
        }
    }

    /// A TOML string value: point at the match inside the value where the source holds it
    /// literally (no escapes in between), else at the whole value.
    fn plain(&mut self, text: &str, origin: &Origin, key: &str) {
        for (kind, range) in privacy::find(text) {
            let value = origin.key(key);
            let source = self.cx.files.get(value.file).text();
            let raw = source.get(value.span.range()).unwrap_or("");
            let loc = match raw.find(&text[range.clone()]) {
                Some(at) => Loc::new(
                    value.file,
                    Span::new(at..at + range.len()).shifted(value.span.start as usize),
                ),
                None => value,
            };
            self.report(kind, loc, &format!("`{key}`"));
        }
    }

    /// Markdown taken verbatim from a file, starting at byte `offset` of it.
    fn document(&mut self, file: crate::diag::FileId, text: &str, offset: usize) {
        for (kind, range) in privacy::find(text) {
            let loc = Loc::new(file, Span::new(range).shifted(offset));
            self.report(kind, loc, "the text");
        }
    }

    fn report(&mut self, kind: privacy::Kind, loc: Loc, place: &str) {
        self.out.push(
            Diagnostic::new(&PERSONAL_DATA, loc, format!("{place} holds {}, and it would be published", kind.as_str()))
                .with_label("masked here; remove it from the text")
                .with_help("contact details belong in people.toml's private `email` and `phone` fields, which obert never shows"),
        );
    }
}
