//! `obert report`: the self-assessment report and the end-of-commitment report, in OGP's
//! structure, as Markdown: for each commitment what was done (the dated reports), its
//! completion on OGP's scale, whether it opened government, the evidence, and the
//! assessments it received; the self-assessment adds the plan's own summary.
//!
//! Every word of the plan goes through [`escape_plain`] and [`privacy::redact`]: the report
//! is published, so it can hold only text, links that may be links, and no contact details.

pub mod facts;
pub mod labels;

use std::fmt::Write as _;

use crate::model::{Assessment, Commitment, Completion, Date, Keyword, Plan, Report, Text};
use crate::privacy;
use crate::render::cmark::{escape_plain, link_destination};

pub use labels::{AllLabels, Labels, LabelsError};

/// Which report.
#[derive(Debug, Clone, Copy)]
pub enum Kind<'a> {
    /// Every commitment, and the plan's summary.
    SelfAssessment,
    /// One commitment, by id.
    EndOfCommitment(&'a Commitment),
}

/// The report in each of `languages`, one after the other, each under its own title.
pub fn write(plan: &Plan, kind: Kind<'_>, languages: &[Labels], today: Option<Date>) -> String {
    let mut out = String::new();
    for labels in languages {
        Writer {
            plan,
            labels,
            primary: plan.primary_language(),
            out: &mut out,
        }
        .report(kind, today);
    }
    // Each part ends in a blank line, which parts before another keep.
    let end = out.trim_end().len();
    out.truncate(end);
    out.push('\n');
    out
}

struct Writer<'a> {
    plan: &'a Plan,
    labels: &'a Labels,
    primary: &'a str,
    out: &'a mut String,
}

/// Plan text as Markdown text: contact details masked, everything escaped.
fn plain(text: &str) -> String {
    escape_plain(&privacy::redact(text))
}

/// A link to `url` showing `url`, or the text alone when it may not be a link (a path in
/// the plan, another scheme) or holds contact details.
fn linked(url: &str) -> String {
    let shown = plain(url);
    match link_destination(url) {
        Some(destination) if privacy::find(url).is_empty() => format!("[{shown}]({destination})"),
        _ => shown,
    }
}

fn date_or_dash(date: Option<Date>) -> String {
    date.map_or_else(|| "—".to_string(), |date| date.to_string())
}

impl Writer<'_> {
    fn word(&self, path: &[&str]) -> String {
        plain(&self.labels.get(path))
    }

    fn lang(&self) -> &str {
        &self.labels.lang
    }

    fn text(&self, text: &Text) -> String {
        plain(text.get(self.lang(), self.primary))
    }

    /// A note in this language, or in the one it has, saying so.
    fn note(&self, note: &Text) -> String {
        let (text, shown) = facts::text_in(note, self.lang(), self.primary);
        let mut out = plain(text.trim());
        if let Some(shown) = shown {
            let lang = self.labels.language_name(self.lang());
            let shown = self.labels.language_name(&shown);
            let remark = self.labels.fill(
                &["report", "untranslated_note"],
                &[("lang", &lang), ("shown", &shown)],
            );
            let _ = write!(out, " *({})*", plain(&remark));
        }
        out
    }

    fn completion(&self, completion: Option<Completion>) -> String {
        match completion {
            Some(level) => self.word(&["completion_level", level.as_str()]),
            None => self.word(&["report", "not_reported"]),
        }
    }

    fn report(&mut self, kind: Kind<'_>, today: Option<Date>) {
        let plan = self.plan;
        let title = self.text(&plan.meta.title);
        match kind {
            Kind::SelfAssessment => {
                let heading = self.word(&["report", "self_assessment"]);
                let _ = writeln!(self.out, "# {heading}: {title}\n");
                self.plan_line();
                self.summary(today);
                for commitment in facts::commitments_in_order(plan) {
                    self.commitment(commitment, 2);
                }
            }
            Kind::EndOfCommitment(commitment) => {
                let heading = self.word(&["report", "end_of_commitment"]);
                let name = self.commitment_name(commitment);
                let _ = writeln!(self.out, "# {heading}: {name}\n");
                self.plan_line();
                self.commitment_body(commitment, 2);
            }
        }
    }

    /// The plan, its member and its implementation period, under the title.
    fn plan_line(&mut self) {
        let meta = &self.plan.meta;
        let mut parts = vec![format!(
            "**{}**: {}",
            self.word(&["document"]),
            self.text(&meta.title)
        )];
        if !meta.member.trim().is_empty() {
            parts.push(format!(
                "**{}**: {}",
                self.word(&["member"]),
                plain(&meta.member)
            ));
        }
        if let Some(period) = meta.implementation {
            parts.push(format!(
                "**{}**: {} – {}",
                self.word(&["report", "implementation_period"]),
                period.start,
                period.end
            ));
        }
        let _ = writeln!(self.out, "{}\n", parts.join("  \n"));
    }

    fn summary(&mut self, today: Option<Date>) {
        let plan = self.plan;
        let _ = writeln!(self.out, "## {}\n", self.word(&["report", "summary"]));

        let _ = writeln!(
            self.out,
            "### {}\n",
            self.word(&["report", "by_completion"])
        );
        let commitments = facts::commitments_in_order(plan);
        let mut counts: Vec<(Option<Completion>, usize)> = Completion::ALL
            .iter()
            .rev()
            .map(|(_, level)| (Some(*level), 0))
            .chain(std::iter::once((None, 0)))
            .collect();
        for commitment in &commitments {
            let level = facts::overall_completion(plan, commitment);
            if let Some(entry) = counts.iter_mut().find(|(l, _)| *l == level) {
                entry.1 += 1;
            }
        }
        let _ = writeln!(
            self.out,
            "| {} | {} |\n| --- | ---: |",
            self.word(&["completion"]),
            self.word(&["count"])
        );
        for (level, count) in counts {
            let _ = writeln!(self.out, "| {} | {count} |", self.completion(level));
        }
        let _ = writeln!(
            self.out,
            "| **{}** | **{}** |\n",
            self.word(&["total"]),
            commitments.len()
        );

        let _ = writeln!(self.out, "### {}\n", self.word(&["report", "publications"]));
        let mut publications: Vec<_> = plan.meta.publications.iter().collect();
        publications.sort_by_key(|publication| publication.date);
        if publications.is_empty() {
            let _ = writeln!(self.out, "{}\n", self.word(&["report", "no_publications"]));
        } else {
            for publication in publications {
                let url = publication.url.as_deref().map(linked).unwrap_or_default();
                let _ = writeln!(self.out, "- {} {url}", date_or_dash(publication.date));
            }
            self.out.push('\n');
        }

        let _ = writeln!(
            self.out,
            "### {}\n",
            self.word(&["report", "forum_meetings"])
        );
        let meetings = facts::forum_followup_meetings(plan, today);
        if meetings.is_empty() {
            let _ = writeln!(
                self.out,
                "{}\n",
                self.word(&["report", "no_forum_meetings"])
            );
        } else {
            for (space, meeting, date) in meetings {
                let mut line = format!("- {date} — {}", self.space_name(space));
                if let Some(title) = &meeting.title {
                    let _ = write!(line, ": {}", self.text(title));
                }
                if let Some(minutes) = &meeting.minutes {
                    let _ = write!(line, " ({}: {})", self.word(&["minutes"]), linked(minutes));
                }
                let _ = writeln!(self.out, "{line}");
            }
            self.out.push('\n');
        }
    }

    fn space_name(&self, id: &str) -> String {
        self.plan
            .spaces
            .iter()
            .find(|space| space.id == id)
            .map_or_else(|| plain(id), |space| self.text(&space.name))
    }

    fn commitment_name(&self, commitment: &Commitment) -> String {
        let title = self.text(&commitment.title);
        match commitment.number {
            Some(number) => format!("{number}. {title}"),
            None => title,
        }
    }

    fn commitment(&mut self, commitment: &Commitment, level: usize) {
        let name = self.commitment_name(commitment);
        let _ = writeln!(self.out, "{} {name}\n", "#".repeat(level));
        self.commitment_body(commitment, level + 1);
    }

    /// Who, when and which values, then OGP's five parts, each under a heading of `level`.
    fn commitment_body(&mut self, commitment: &Commitment, level: usize) {
        let plan = self.plan;
        let heading = "#".repeat(level);
        let mut facts_lines = Vec::new();
        if let Some(ogp_id) = &commitment.ogp_id {
            facts_lines.push(format!("**{}**: {}", self.word(&["ogp_id"]), plain(ogp_id)));
        }
        let organisations = |refs: &[crate::model::Ref]| {
            refs.iter()
                .map(|r| plain(facts::organisation_name(plan, &r.id)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !commitment.lead.is_empty() {
            facts_lines.push(format!(
                "**{}**: {}",
                self.word(&["lead"]),
                organisations(&commitment.lead)
            ));
        }
        if !commitment.co_lead.is_empty() {
            facts_lines.push(format!(
                "**{}**: {}",
                self.word(&["co_lead"]),
                organisations(&commitment.co_lead)
            ));
        }
        if !commitment.supporting.is_empty() {
            facts_lines.push(format!(
                "**{}**: {}",
                self.word(&["supporting"]),
                organisations(&commitment.supporting)
            ));
        }
        if commitment.start.is_some() || commitment.end.is_some() {
            facts_lines.push(format!(
                "**{}**: {} – {}",
                self.word(&["dates"]),
                date_or_dash(commitment.start),
                date_or_dash(commitment.end)
            ));
        }
        if !commitment.values.is_empty() {
            let values: Vec<String> = commitment
                .values
                .iter()
                .map(|value| self.word(&["value", value.as_str()]))
                .collect();
            facts_lines.push(format!(
                "**{}**: {}",
                self.word(&["values"]),
                values.join(", ")
            ));
        }
        if !facts_lines.is_empty() {
            let _ = writeln!(self.out, "{}\n", facts_lines.join("  \n"));
        }

        // What was done: every report, oldest first.
        let _ = writeln!(
            self.out,
            "{heading} {}\n",
            self.word(&["report", "what_was_done"])
        );
        let reports = facts::all_reports(plan, commitment);
        if reports.is_empty() {
            let _ = writeln!(self.out, "{}\n", self.word(&["report", "no_reports"]));
        } else {
            for report in &reports {
                let line = self.report_line(commitment, report);
                let _ = writeln!(self.out, "- {line}");
            }
            self.out.push('\n');
        }

        // Completion: each milestone's current status, then the commitment's own.
        let _ = writeln!(self.out, "{heading} {}\n", self.word(&["completion"]));
        if !commitment.milestones.is_empty() {
            let _ = writeln!(
                self.out,
                "| {} | {} | {} | {} |\n| --- | --- | --- | --- |",
                self.word(&["milestone"]),
                self.word(&["due"]),
                self.word(&["completion"]),
                self.word(&["report", "latest_report"])
            );
            for (index, milestone) in commitment.milestones.iter().enumerate() {
                let latest = plan.latest_report(commitment, index);
                let mut completion = self.completion(plan.milestone_completion(commitment, index));
                if let Some(percent) = facts::latest_percent(plan, commitment, Some(index)) {
                    let _ = write!(completion, " ({percent} %)");
                }
                let _ = writeln!(
                    self.out,
                    "| {} {} | {} | {completion} | {} |",
                    commitment.milestone_label(index),
                    self.text(&milestone.title),
                    date_or_dash(milestone.due),
                    date_or_dash(latest.and_then(|report| report.date)),
                );
            }
            self.out.push('\n');
        }
        let mut overall = self.completion(facts::overall_completion(plan, commitment));
        if let Some(percent) = facts::latest_percent(plan, commitment, None) {
            let _ = write!(overall, " ({percent} %)");
        }
        let _ = writeln!(
            self.out,
            "**{}**: {overall}\n",
            self.word(&["report", "overall"])
        );

        // Did it open government: the latest assessment that says.
        let _ = writeln!(
            self.out,
            "{heading} {}\n",
            self.word(&["report", "did_it_open_government"])
        );
        match facts::latest_early_results(plan, commitment) {
            Some(assessment) => {
                let level = assessment.early_results.map_or_else(String::new, |level| {
                    self.word(&["report", "early_results_level", level.as_str()])
                });
                let _ = writeln!(
                    self.out,
                    "{level} ({})\n",
                    self.assessment_source(assessment)
                );
            }
            None => {
                let _ = writeln!(self.out, "{}\n", self.word(&["report", "not_yet_assessed"]));
            }
        }

        // Evidence: every piece the reports give, once.
        let _ = writeln!(
            self.out,
            "{heading} {}\n",
            self.word(&["report", "evidence"])
        );
        let evidence = facts::evidence_of(&reports);
        if evidence.is_empty() {
            let _ = writeln!(self.out, "{}\n", self.word(&["report", "no_evidence"]));
        } else {
            for piece in evidence {
                let _ = writeln!(self.out, "- {}", linked(piece));
            }
            self.out.push('\n');
        }

        // The assessments received, oldest first.
        let _ = writeln!(
            self.out,
            "{heading} {}\n",
            self.word(&["report", "assessments"])
        );
        let assessments = facts::assessments_in_order(plan, commitment);
        if assessments.is_empty() {
            let _ = writeln!(self.out, "{}\n", self.word(&["report", "no_assessments"]));
        } else {
            for assessment in assessments {
                let line = self.assessment_line(assessment);
                let _ = writeln!(self.out, "- {line}");
            }
            self.out.push('\n');
        }
    }

    /// `2022-06-15 — 1.1 Diagnosi: Substantial (60 %). Note. (reported by X; discussed at …)`
    fn report_line(&self, commitment: &Commitment, report: &Report) -> String {
        let mut line = date_or_dash(report.date);
        let about = match &report.milestone {
            Some(name) => match commitment.find_milestone(&name.id) {
                Some((index, milestone)) => format!(
                    "{} {}",
                    commitment.milestone_label(index),
                    self.text(&milestone.title)
                ),
                None => plain(&name.id),
            },
            None => self.word(&["report", "whole_commitment"]),
        };
        let _ = write!(line, " — {about}");
        if let Some(status) = report.status {
            let _ = write!(line, ": {}", self.completion(Some(status)));
        }
        if let Some(percent) = report.percent {
            let _ = write!(line, " ({percent} %)");
        }
        line.push('.');
        if let Some(note) = &report.note {
            let _ = write!(line, " {}", self.note(note));
        }
        let mut context = Vec::new();
        if let Some(by) = &report.by {
            let organisation = facts::organisation_name(self.plan, &by.id);
            context.push(plain(&self.labels.fill(
                &["report", "reported_by"],
                &[("organisation", organisation)],
            )));
        }
        if let Some(meeting) = &report.discussed_at {
            let meeting = self.meeting_name(&meeting.id);
            context.push(plain(
                &self
                    .labels
                    .fill(&["report", "discussed_at"], &[("meeting", &meeting)]),
            ));
        }
        if !context.is_empty() {
            let _ = write!(line, " ({})", context.join("; "));
        }
        line
    }

    /// `SPACE/MEETING` as the space's name and the meeting's date, or as written (not yet
    /// escaped).
    fn meeting_name(&self, reference: &str) -> String {
        let found = reference.split_once('/').and_then(|(space, meeting)| {
            let space = self.plan.spaces.iter().find(|s| s.id == space)?;
            let meeting = space.meetings.iter().find(|m| m.id == meeting)?;
            Some((space, meeting))
        });
        match found {
            Some((space, meeting)) => {
                let mut name = space.name.get(self.lang(), self.primary).to_string();
                if let Some(date) = meeting.date {
                    let _ = write!(name, ", {date}");
                }
                name
            }
            None => reference.to_string(),
        }
    }

    /// Who assessed, in which assessment, when: `Local Monitoring Body, Inception
    /// assessment, 2022-02-01`.
    fn assessment_source(&self, assessment: &Assessment) -> String {
        let mut parts = Vec::new();
        if let Some(by) = assessment.by {
            parts.push(self.word(&["report", "assessor", by.as_str()]));
        }
        if let Some(kind) = assessment.kind {
            parts.push(self.word(&["report", "assessment_kind", kind.as_str()]));
        }
        if let Some(date) = assessment.date {
            parts.push(date.to_string());
        }
        parts.join(", ")
    }

    fn assessment_line(&self, assessment: &Assessment) -> String {
        let mut line = self.assessment_source(assessment);
        let yes_no = |value: bool| self.word(&["report", if value { "yes" } else { "no" }]);
        let mut findings = Vec::new();
        if let Some(verifiable) = assessment.verifiable {
            findings.push(format!(
                "{}: {}",
                self.word(&["report", "verifiable"]),
                yes_no(verifiable)
            ));
        }
        if let Some(lens) = assessment.open_government_lens {
            findings.push(format!(
                "{}: {}",
                self.word(&["report", "open_government_lens"]),
                yes_no(lens)
            ));
        }
        if let Some(potential) = assessment.potential {
            findings.push(format!(
                "{}: {}",
                self.word(&["report", "potential"]),
                self.word(&["report", "potential_level", potential.as_str()])
            ));
        }
        if let Some(completion) = assessment.completion {
            findings.push(format!(
                "{}: {}",
                self.word(&["completion"]),
                self.completion(Some(completion))
            ));
        }
        if let Some(early) = assessment.early_results {
            findings.push(format!(
                "{}: {}",
                self.word(&["report", "early_results"]),
                self.word(&["report", "early_results_level", early.as_str()])
            ));
        }
        if !findings.is_empty() {
            let _ = write!(line, ": {}.", findings.join("; "));
        }
        if let Some(note) = &assessment.note {
            let _ = write!(line, " {}", self.note(note));
        }
        if let Some(url) = &assessment.url {
            let _ = write!(line, " {}", linked(url));
        }
        line
    }
}
