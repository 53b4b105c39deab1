//! What the plan says: commitments, axes, and the contributions made to it.

use std::fmt::Write as _;

use super::lines::{Lines, primary_text};
use crate::cli::view::{answer, clean};
use crate::model::{Axis, Commitment, Contribution, ContributionFile, Keyword};

impl Lines<'_, '_> {
    pub(super) fn commitment(&mut self, commitment: &Commitment) {
        let cx = self.cx;
        self.field("commitment", &commitment.id);
        self.opt("number", commitment.number);
        self.opt("ogp id", commitment.ogp_id.as_deref());
        self.text("title", &commitment.title);
        if let Some(axis) = &commitment.axis {
            let title = cx
                .axes
                .get(axis.id.as_str())
                .map(|a| primary_text(cx.plan, &a.title));
            self.field(
                "axis",
                title.map_or(axis.id.clone(), |t| format!("{} ({t})", axis.id)),
            );
        }
        if let Some(group) = &commitment.working_group {
            let name = cx
                .spaces
                .get(group.id.as_str())
                .map(|s| primary_text(cx.plan, &s.name));
            self.field(
                "working group",
                name.map_or(group.id.clone(), |n| format!("{} ({n})", group.id)),
            );
        }
        self.organisations("lead", &commitment.lead);
        self.organisations("supporting", &commitment.supporting);
        self.ids(
            "values",
            commitment.values.iter().map(|v| v.as_str()).collect(),
        );
        self.opt("start", commitment.start);
        self.opt("end", commitment.end);
        self.opt("status", commitment.status);
        self.opt("completion", commitment.completion);
        let _ = writeln!(self.out, "milestones: {}", commitment.milestones.len());
        for (i, milestone) in commitment.milestones.iter().enumerate() {
            let title = primary_text(cx.plan, &milestone.title);
            self.item(format!("{} {title}", commitment.milestone_label(i)));
            if let Some(id) = &milestone.id {
                self.item(format!("  id: {id}"));
            }
            if let Some(output) = &milestone.output {
                self.item(format!("  output: {}", primary_text(cx.plan, output)));
            }
            if let Some(due) = milestone.due {
                self.item(format!("  due: {due}"));
            }
            if !milestone.stakeholders.is_empty() {
                let ids: Vec<&str> = milestone
                    .stakeholders
                    .iter()
                    .map(|r| r.id.as_str())
                    .collect();
                self.item(format!("  stakeholders: {}", ids.join(", ")));
            }
            if let Some(completion) = milestone.completion {
                self.item(format!("  completion: {completion}"));
            }
        }
        if !commitment.sections.is_empty() {
            let _ = writeln!(self.out, "sections:");
        }
        for section in &commitment.sections {
            let id = section
                .id
                .as_deref()
                .map(|id| format!(" {{#{id}}}"))
                .unwrap_or_default();
            self.item(format!("{}{id}", clean(&section.title)));
        }
        self.ids(
            "translations",
            commitment.translations.keys().map(String::as_str).collect(),
        );
        self.about(&commitment.id);
    }

    pub(super) fn axis(&mut self, axis: &Axis) {
        self.field("axis", &axis.id);
        self.text("title", &axis.title);
        let commitments = self.cx.plan.commitments_by_number().into_iter();
        let commitments = commitments.filter(|c| c.axis.as_ref().is_some_and(|a| a.id == axis.id));
        self.ids("commitments", commitments.map(|c| c.id.as_str()).collect());
        self.about(&axis.id);
    }

    /// The contributions that say they are about entry `id`.
    pub(super) fn about(&mut self, id: &str) {
        let about = self.cx.plan.contributions();
        let about = about.filter(|c| c.about.as_ref().is_some_and(|a| a.id == id));
        let ids: Vec<String> = about.map(|c| clean(&c.id)).collect();
        self.ids(
            "contributions about it",
            ids.iter().map(String::as_str).collect(),
        );
    }

    pub(super) fn contribution(&mut self, file: &ContributionFile, contribution: &Contribution) {
        let plan = self.cx.plan;
        self.field("contribution", clean(&contribution.id));
        let mut place = file.id.clone();
        if let Some(space) = &file.space {
            let _ = write!(place, " (space {}", space.id);
            if let Some(phase) = &file.phase {
                let _ = write!(place, ", phase {}", phase.id);
            }
            place.push(')');
        }
        self.field("file", place);
        self.opt("kind", contribution.kind);
        self.opt("date", contribution.date);
        self.opt(
            "title",
            contribution.title.as_ref().map(|t| primary_text(plan, t)),
        );
        self.opt("author", contribution.author.as_deref().map(clean));
        self.opt("author kind", contribution.author_kind);
        let co_authors: Vec<String> = contribution.co_authors.iter().map(|a| clean(a)).collect();
        self.ids(
            "co-authors",
            co_authors.iter().map(String::as_str).collect(),
        );
        self.opt("about", contribution.about.as_ref().map(|r| &r.id));
        self.opt(
            "in reply to",
            contribution.in_reply_to.as_ref().map(|r| clean(&r.id)),
        );
        self.opt("amends", contribution.amends.as_ref().map(|r| clean(&r.id)));
        self.opt("supports", contribution.supports);
        self.opt("comments", contribution.comments);
        if let Some(source) = &contribution.source {
            // What the platform says, apart from the plan's own account.
            let mut said = Vec::new();
            if let Some(id) = source.id {
                said.push(format!("id {id}"));
            }
            if let Some(component) = source.component {
                said.push(format!("component {component}"));
            }
            if let Some(state) = &source.state {
                said.push(format!("state {}", clean(state)));
            }
            self.field("at the source", said.join(", "));
        }
        self.field("status", answer(contribution));
        if let Some(response) = &contribution.response {
            if let Some(reason) = &response.reason {
                self.text("reason", reason);
            }
            self.opt("answered by", response.by.as_ref().map(|r| &r.id));
            self.opt("answered on", response.date);
        }
        let replies = plan.contributions();
        let replies = replies.filter(|c| {
            c.in_reply_to
                .as_ref()
                .is_some_and(|r| r.id == contribution.id)
        });
        let ids: Vec<String> = replies.map(|c| clean(&c.id)).collect();
        self.ids("replies", ids.iter().map(String::as_str).collect());
        let amendments = plan
            .contributions()
            .filter(|c| c.amends.as_ref().is_some_and(|r| r.id == contribution.id));
        let ids: Vec<String> = amendments.map(|c| clean(&c.id)).collect();
        self.ids("amendments", ids.iter().map(String::as_str).collect());
        if let Some(body) = &contribution.body {
            self.text("body", body);
        }
    }
}
