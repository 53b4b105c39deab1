//! Who took part and where: organisations, people, spaces and their meetings.

use std::fmt::Write as _;

use super::lines::{Lines, primary_text};
use crate::cli::view::{clean, shown_as};
use crate::model::{Meeting, Organisation, Person, Ref, Side, Space};

impl Lines<'_, '_> {
    pub(super) fn organisation(&mut self, organisation: &Organisation) {
        let plan = self.cx.plan;
        let id = organisation.id.as_str();
        self.field("organisation", id);
        self.field("name", clean(&organisation.name));
        self.opt("sector", organisation.sector);
        self.opt("side", organisation.sector.map(|s| s.side().as_str()));
        self.opt("level", organisation.level);
        if plan.meta.partners.iter().any(|p| p.id == id) {
            self.field("partner", "yes, it leads the process");
        }
        let has = |refs: &[Ref]| refs.iter().any(|r| r.id == id);
        let people = plan
            .people
            .iter()
            .filter(|p| p.organisation.as_ref().is_some_and(|o| o.id == id));
        self.ids("people", people.map(|p| p.id.as_str()).collect());
        let commitments = plan.commitments_by_number();
        let leads = commitments.iter().filter(|c| has(&c.lead));
        self.ids("leads", leads.map(|c| c.id.as_str()).collect());
        let supports = commitments.iter().filter(|c| has(&c.supporting));
        self.ids("supports", supports.map(|c| c.id.as_str()).collect());
    }

    pub(super) fn person(&mut self, person: &Person) {
        let cx = self.cx;
        self.field("person", &person.id);
        self.field("shown as", shown_as(cx, person));
        self.field("public name", if person.public { "yes" } else { "no" });
        if let Some(organisation) = &person.organisation {
            self.field("organisation", self.organisation_label(&organisation.id));
        }
        let sector = cx.sector_of(person);
        if let Some(sector) = sector {
            let from = if person.sector.is_none() {
                " (the organisation's)"
            } else {
                ""
            };
            self.field("sector", format!("{sector}{from}"));
            self.field("side", sector.side().as_str());
        }
        let mut current = Vec::new();
        let mut past = Vec::new();
        for space in &cx.plan.spaces {
            for member in space.members.iter().filter(|m| m.person.id == person.id) {
                let mut line = space.id.clone();
                if let Some(kind) = space.kind {
                    let _ = write!(line, " ({kind})");
                }
                if let Some(role) = &member.role {
                    let _ = write!(line, ", role {}", clean(role));
                }
                if let Some(since) = member.since {
                    let _ = write!(line, ", since {since}");
                }
                match member.until {
                    Some(until) => past.push(format!("{line}, until {until}")),
                    None => current.push(line),
                }
            }
        }
        for (key, lines) in [("spaces", current), ("past spaces", past)] {
            if !lines.is_empty() {
                let _ = writeln!(self.out, "{key}:");
                lines.iter().for_each(|line| self.item(line));
            }
        }
        let attended = (cx.plan.spaces.iter().flat_map(|s| &s.meetings))
            .filter(|m| m.attendees.iter().any(|a| a.id == person.id))
            .count();
        self.field("meetings attended", attended);
    }

    pub(super) fn space(&mut self, space: &Space) {
        let cx = self.cx;
        self.field("space", &space.id);
        self.opt("kind", space.kind);
        self.text("name", &space.name);
        if let Some(purpose) = &space.purpose {
            self.text("purpose", purpose);
        }
        self.opt("url", space.url.as_deref().map(clean));
        self.opt("rules url", space.rules_url.as_deref().map(clean));
        let (current, past): (Vec<_>, Vec<_>) =
            space.members.iter().partition(|m| m.until.is_none());
        if !space.members.is_empty() && !cx.sectors_known() {
            let _ = writeln!(self.out, "members: {} current", current.len());
        } else if !space.members.is_empty() {
            let sides = current
                .iter()
                .map(|m| cx.sector_of_id(&m.person.id).map(|s| s.side()));
            let sides: Vec<Option<Side>> = sides.collect();
            let count = |side| sides.iter().filter(|s| **s == side).count();
            let _ = write!(
                self.out,
                "members: {} current ({} government, {} civil society",
                current.len(),
                count(Some(Side::Government)),
                count(Some(Side::CivilSociety)),
            );
            match count(None) {
                0 => self.out.push_str(")\n"),
                n => {
                    let _ = writeln!(self.out, ", {n} without sector)");
                }
            }
        }
        for member in current.iter().chain(&past) {
            let mut line = self.person_label(&member.person.id);
            let sector = cx.sector_of_id(&member.person.id);
            // A person shown by sector already has it in the label.
            if let Some(sector) = sector.filter(|s| !line.ends_with(&format!("({s})"))) {
                let _ = write!(line, ", {sector}");
            }
            if let Some(role) = &member.role {
                let _ = write!(line, ", role {}", clean(role));
            }
            if let Some(since) = member.since {
                let _ = write!(line, ", since {since}");
            }
            if let Some(until) = member.until {
                let _ = write!(line, ", left {until}");
            }
            self.item(line);
        }
        if !space.meetings.is_empty() {
            let _ = writeln!(self.out, "meetings: {}", space.meetings.len());
        }
        for meeting in &space.meetings {
            let mut line = meeting.id.clone();
            for part in [
                meeting.date.map(|d| d.to_string()),
                meeting.kind.map(|k| k.to_string()),
            ] {
                let _ = write!(line, " {}", part.unwrap_or_else(|| "-".to_string()));
            }
            if let Some(title) = &meeting.title {
                let _ = write!(line, ": {}", primary_text(cx.plan, title));
            }
            let _ = write!(line, " ({} attendees", meeting.attendees.len());
            if let Some(minutes) = &meeting.minutes {
                let _ = write!(line, ", minutes {}", clean(minutes));
            }
            line.push(')');
            self.item(line);
        }
        if !space.phases.is_empty() {
            let _ = writeln!(self.out, "phases:");
        }
        for phase in &space.phases {
            let mut line = phase.id.clone();
            if let Some(period) = phase.period {
                let _ = write!(line, " {period}");
            }
            if let Some(title) = &phase.title {
                let _ = write!(line, ": {}", primary_text(cx.plan, title));
            }
            self.item(line);
        }
        let files = cx.plan.contribution_files.iter();
        let files = files.filter(|f| f.space.as_ref().is_some_and(|s| s.id == space.id));
        self.ids("contribution files", files.map(|f| f.id.as_str()).collect());
        let commitments = cx.plan.commitments_by_number().into_iter();
        let commitments =
            commitments.filter(|c| c.working_group.as_ref().is_some_and(|w| w.id == space.id));
        self.ids("commitments", commitments.map(|c| c.id.as_str()).collect());
    }

    pub(super) fn meeting(&mut self, space: &Space, meeting: &Meeting) {
        let cx = self.cx;
        self.field("meeting", format!("{}/{}", space.id, meeting.id));
        let name = primary_text(cx.plan, &space.name);
        self.field("space", format!("{} ({name})", space.id));
        self.opt("date", meeting.date);
        self.opt("kind", meeting.kind);
        if let Some(title) = &meeting.title {
            self.text("title", title);
        }
        self.opt("minutes", meeting.minutes.as_deref().map(clean));
        self.opt("materials published", meeting.materials_published);
        if meeting.attendees.is_empty() {
            self.field("attendees", "not recorded");
        } else {
            let _ = writeln!(self.out, "attendees: {}", meeting.attendees.len());
        }
        for attendee in &meeting.attendees {
            let label = self.person_label(&attendee.id);
            self.item(label);
        }
    }
}
