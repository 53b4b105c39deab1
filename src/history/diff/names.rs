//! Entries named the way the document names them, so that a reviewer reads "Grup motor,
//! 2021-06-01, «Constitució»" rather than a key to look up: a person by name only where
//! the person consented, otherwise by the organisation they represent or their sector; a
//! meeting by its space, date and title; a commitment by its number and title.
//!
//! Titles are given in the plan's primary language, as the document's first language
//! shows them. The words around them are obert's English labels, the language of every
//! report.

use crate::diag::Files;
use crate::model::Keyword as _;
use crate::model::{
    Assessment, Commitment, Contribution, Meeting, Member, Organisation, Person, Phase, Report,
    Space, Text,
};
use crate::render::english_label;
use crate::rules::Context;

/// Names the entries of one plan, looking up what they refer to in the indexes the rules
/// built ([`Context`]), so that naming every entry costs one lookup each.
pub(super) struct Namer<'c> {
    cx: &'c Context<'c>,
}

/// `«title»`, the quotation marks the document's languages use for a title in running text.
pub(super) fn quoted(title: &str) -> String {
    format!("«{}»", title.trim())
}

impl<'c> Namer<'c> {
    pub(super) fn new(cx: &'c Context<'c>) -> Self {
        Namer { cx }
    }

    /// The plan's files, to tell where an entry is written.
    pub(super) fn files(&self) -> &Files {
        self.cx.files
    }

    /// A text in the plan's primary language; `None` when blank.
    pub(super) fn text(&self, text: &Text) -> Option<String> {
        let primary = self.cx.plan.primary_language();
        let text = text.get(primary, primary).trim();
        (!text.is_empty()).then(|| text.to_string())
    }

    fn title(&self, text: Option<&Text>) -> Option<String> {
        text.and_then(|t| self.text(t)).map(|t| quoted(&t))
    }

    pub(super) fn organisation(&self, organisation: &Organisation) -> String {
        organisation.name.trim().to_string()
    }

    /// A person as a members list shows them: the name and organisation with consent;
    /// without, the organisation they represent, or their sector.
    pub(super) fn person(&self, person: &Person) -> String {
        let organisation = person
            .organisation
            .as_ref()
            .and_then(|r| self.cx.organisations.get(r.id.as_str()))
            .map(|o| self.organisation(o));
        let name = person
            .name
            .as_deref()
            .map(str::trim)
            .filter(|name| person.public && !name.is_empty());
        if let Some(name) = name {
            return match organisation {
                Some(organisation) => format!("{name} ({organisation})"),
                None => name.to_string(),
            };
        }
        if let Some(organisation) = organisation {
            let pattern = english_label(&["representative_of"]).unwrap_or("{organisation}");
            return pattern.replace("{organisation}", &organisation);
        }
        match self
            .cx
            .sector_of(person)
            .and_then(|s| english_label(&["sector", &s.to_string()]))
        {
            Some(sector) => format!("a person not named ({sector})"),
            None => "a person not named".to_string(),
        }
    }

    /// A person by id, or the id itself when the plan does not have them.
    pub(super) fn person_id(&self, id: &str) -> String {
        self.cx
            .people
            .get(id)
            .map_or_else(|| id.to_string(), |p| self.person(p))
    }

    pub(super) fn space(&self, space: &Space) -> String {
        self.text(&space.name).unwrap_or_else(|| space.id.clone())
    }

    pub(super) fn member(&self, space: &Space, member: &Member) -> String {
        format!(
            "{} in {}",
            self.person_id(&member.person.id),
            self.space(space)
        )
    }

    pub(super) fn meeting(&self, space: &Space, meeting: &Meeting) -> String {
        let parts = [
            Some(self.space(space)),
            meeting.date.map(|d| d.to_string()),
            self.title(meeting.title.as_ref()),
        ];
        parts.into_iter().flatten().collect::<Vec<_>>().join(", ")
    }

    pub(super) fn phase(&self, space: &Space, phase: &Phase) -> String {
        let parts = [Some(self.space(space)), self.title(phase.title.as_ref())];
        parts.into_iter().flatten().collect::<Vec<_>>().join(", ")
    }

    pub(super) fn commitment(&self, commitment: &Commitment) -> String {
        let title = self.title(Some(&commitment.title));
        match (commitment.number, title) {
            (Some(n), Some(title)) => format!("commitment {n} {title}"),
            (Some(n), None) => format!("commitment {n}"),
            (None, Some(title)) => format!("commitment {title}"),
            (None, None) => format!("commitment {}", commitment.id),
        }
    }

    /// A milestone as the document numbers it, with its title: `milestone 1.2 «Diagnosi»`.
    pub(super) fn milestone(&self, commitment: &Commitment, index: usize) -> String {
        let label = commitment.milestone_label(index);
        match commitment
            .milestones
            .get(index)
            .and_then(|m| self.title(Some(&m.title)))
        {
            Some(title) => format!("milestone {label} {title}"),
            None => format!("milestone {label}"),
        }
    }

    /// A contribution by its title; its reference is the key beside it.
    pub(super) fn contribution(&self, contribution: &Contribution) -> Option<String> {
        self.title(contribution.title.as_ref())
    }

    /// A progress report: `report of 2022-06-15 on milestone 1.2 «Diagnosi»`.
    pub(super) fn report(&self, commitment: &str, report: &Report) -> String {
        let date = report.date.map_or_else(String::new, |d| format!(" of {d}"));
        let on = match self.cx.commitments.get(commitment) {
            Some(c) => match report
                .milestone
                .as_ref()
                .and_then(|m| c.find_milestone(&m.id))
            {
                Some((index, _)) => self.milestone(c, index),
                None => self.commitment(c),
            },
            None => format!("commitment {commitment}"),
        };
        format!("report{date} on {on}")
    }

    /// An assessment: `irm action-plan-review of commitment 1 «Portal» (2022-04-01)`.
    pub(super) fn assessment(&self, commitment: &str, assessment: &Assessment) -> String {
        let of = match self.cx.commitments.get(commitment) {
            Some(c) => self.commitment(c),
            None => format!("commitment {commitment}"),
        };
        let what = [
            assessment.by.map(|b| b.as_str()),
            assessment.kind.map(|k| k.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        let date = assessment
            .date
            .map_or_else(String::new, |d| format!(" ({d})"));
        format!("{what} of {of}{date}")
    }

    /// The contribution a response answers, by its title.
    pub(super) fn contribution_id(&self, id: &str) -> Option<String> {
        self.cx
            .contributions
            .get(id)
            .and_then(|c| self.contribution(c))
    }
}
