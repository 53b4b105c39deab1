//! Moving the places an entry records: an entry taken over from an earlier reading of a
//! file, whose text now starts `by` bytes further on (or back), records where it is now.
//!
//! Each entry type lists its fields without `..`, so that a field added later must be
//! looked at here: a place left unmoved would point findings at the wrong line.

use super::{
    Commitment, Contribution, Milestone, Organisation, Origin, Person, Ref, Response, Section,
};
use crate::diag::{Loc, Span};

/// Something that records places in a file's text.
pub(crate) trait Moved {
    /// Moves every place `by` bytes; `by` never takes a place out of the text.
    fn move_by(&mut self, by: i64);
}

impl Moved for Span {
    fn move_by(&mut self, by: i64) {
        let at = |offset: u32| u32::try_from(i64::from(offset) + by).unwrap_or(offset);
        self.start = at(self.start);
        self.end = at(self.end);
    }
}

impl Moved for Loc {
    fn move_by(&mut self, by: i64) {
        self.span.move_by(by);
    }
}

impl Moved for Section {
    fn move_by(&mut self, by: i64) {
        let Section {
            id: _,
            title: _,
            level: _,
            body: _,
            heading,
            body_loc,
        } = self;
        heading.move_by(by);
        body_loc.move_by(by);
    }
}

impl Moved for Ref {
    fn move_by(&mut self, by: i64) {
        self.loc.move_by(by);
    }
}

impl Moved for Origin {
    fn move_by(&mut self, by: i64) {
        self.span.move_by(by);
        for (_, span) in &mut self.keys {
            span.move_by(by);
        }
    }
}

impl<T: Moved> Moved for Option<T> {
    fn move_by(&mut self, by: i64) {
        if let Some(inner) = self {
            inner.move_by(by);
        }
    }
}

impl Moved for Organisation {
    fn move_by(&mut self, by: i64) {
        let Organisation {
            id: _,
            name: _,
            sector: _,
            level: _,
            origin,
        } = self;
        origin.move_by(by);
    }
}

impl Moved for Person {
    fn move_by(&mut self, by: i64) {
        let Person {
            id: _,
            organisation,
            sector: _,
            name: _,
            public: _,
            email: _,
            phone: _,
            gender: _,
            origin,
        } = self;
        organisation.move_by(by);
        origin.move_by(by);
    }
}

impl Moved for Contribution {
    fn move_by(&mut self, by: i64) {
        let Contribution {
            id: _,
            kind: _,
            date: _,
            title: _,
            body: _,
            author: _,
            author_kind: _,
            co_authors: _,
            about,
            in_reply_to,
            amends,
            supports: _,
            comments: _,
            withdrawn: _,
            hidden: _,
            source: _,
            response,
            origin,
        } = self;
        about.move_by(by);
        in_reply_to.move_by(by);
        amends.move_by(by);
        response.move_by(by);
        origin.move_by(by);
    }
}

impl Moved for Response {
    fn move_by(&mut self, by: i64) {
        let Response {
            status: _,
            reason: _,
            by: responder,
            date: _,
            from_source: _,
            origin,
        } = self;
        responder.move_by(by);
        origin.move_by(by);
    }
}

impl<T: Moved> Moved for Vec<T> {
    fn move_by(&mut self, by: i64) {
        for item in self {
            item.move_by(by);
        }
    }
}

impl Moved for Commitment {
    fn move_by(&mut self, by: i64) {
        let Commitment {
            id: _,
            number: _,
            ogp_id: _,
            title: _,
            axis,
            working_group,
            lead,
            co_lead,
            supporting,
            values: _,
            start: _,
            end: _,
            status: _,
            completion: _,
            milestones,
            sections,
            translations: _,
            origin,
        } = self;
        axis.move_by(by);
        working_group.move_by(by);
        lead.move_by(by);
        co_lead.move_by(by);
        supporting.move_by(by);
        milestones.move_by(by);
        // Translations are other files, whose places do not move with this one.
        sections.move_by(by);
        origin.move_by(by);
    }
}

impl Moved for Milestone {
    fn move_by(&mut self, by: i64) {
        let Milestone {
            id: _,
            title: _,
            output: _,
            due: _,
            stakeholders,
            completion: _,
            origin,
        } = self;
        stakeholders.move_by(by);
        origin.move_by(by);
    }
}
