//! The plan's second life: progress reports, independent assessments and the dates progress
//! was published (FORMAT.md, "Implementation: progress, assessments, publication").

use super::keyword::keyword_enum;
use super::{Commitment, Completion, Date, Meta, Milestone, Origin, PlanKind, Ref, Text};

keyword_enum! {
    /// Who assessed a commitment.
    pub enum Assessor {
        /// OGP's Independent Reporting Mechanism (national plans).
        Irm = "irm",
        /// An OGP Local member's Local Monitoring Body.
        MonitoringBody = "monitoring-body",
        /// The plan's own government and forum.
        Own = "self",
    }
}

keyword_enum! {
    /// Which of OGP's assessments it is.
    pub enum AssessmentKind {
        ActionPlanReview = "action-plan-review",
        MidtermReview = "midterm-review",
        ResultsReport = "results-report",
        Inception = "inception",
        EndOfCommitment = "end-of-commitment",
    }
}

keyword_enum! {
    /// The IRM's potential for results.
    pub enum Potential { Unclear = "unclear", Modest = "modest", Substantial = "substantial", }
}

keyword_enum! {
    /// The IRM's "did it open government?" scale.
    pub enum EarlyResults {
        Worsened = "worsened",
        DidNotChange = "did-not-change",
        Marginal = "marginal",
        Major = "major",
        Outstanding = "outstanding",
    }
}

/// `progress/<commitment>.toml`: one commitment's dated reports, oldest first.
#[derive(Debug, Clone)]
pub struct ProgressFile {
    /// The commitment's id, the file's name.
    pub commitment: String,
    pub path: String,
    pub reports: Vec<Report>,
    pub origin: Origin,
}

/// One dated progress report on a commitment, or on one of its milestones.
#[derive(Debug, Clone)]
pub struct Report {
    pub date: Option<Date>,
    /// The milestone: its id, or its number in the commitment (`2`); none for the
    /// commitment as a whole.
    pub milestone: Option<Ref>,
    pub status: Option<Completion>,
    pub percent: Option<u64>,
    pub note: Option<Text>,
    /// URLs, or paths of files inside the plan, each with where it is written.
    pub evidence: Vec<Ref>,
    /// The organisation that reports.
    pub by: Option<Ref>,
    /// `SPACE/MEETING`: the forum meeting that discussed it.
    pub discussed_at: Option<Ref>,
    pub origin: Origin,
}

/// `assessments/<commitment>.toml`: what independent reviewers said of one commitment.
#[derive(Debug, Clone)]
pub struct AssessmentFile {
    pub commitment: String,
    pub path: String,
    pub assessments: Vec<Assessment>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Assessment {
    pub by: Option<Assessor>,
    pub kind: Option<AssessmentKind>,
    pub date: Option<Date>,
    pub url: Option<String>,
    pub verifiable: Option<bool>,
    pub open_government_lens: Option<bool>,
    pub potential: Option<Potential>,
    pub completion: Option<Completion>,
    pub early_results: Option<EarlyResults>,
    pub note: Option<Text>,
    pub origin: Origin,
}

/// plan.toml's `[[publication]]`: a day progress was published on the plan's web page.
#[derive(Debug, Clone)]
pub struct Publication {
    pub date: Option<Date>,
    pub url: Option<String>,
    pub origin: Origin,
}

impl Commitment {
    /// The milestone a report names: by id, or by its number in the commitment (`2`, or
    /// the full `3.2` of commitment 3), as its index and itself.
    pub fn find_milestone(&self, name: &str) -> Option<(usize, &Milestone)> {
        if let Some(found) = self
            .milestones
            .iter()
            .enumerate()
            .find(|(_, milestone)| milestone.id.as_deref() == Some(name))
        {
            return Some(found);
        }
        let index = self.milestone_numbered(name)?;
        Some((index, &self.milestones[index]))
    }

    /// The index of the milestone `name` numbers: `2`, or `3.2` when this is commitment 3.
    pub fn milestone_numbered(&self, name: &str) -> Option<usize> {
        let position = match name.split_once('.') {
            Some((commitment, position)) => {
                if commitment.parse::<u32>().ok()? != self.number? {
                    return None;
                }
                position
            }
            None => name,
        };
        let index = position.parse::<usize>().ok()?.checked_sub(1)?;
        (index < self.milestones.len()).then_some(index)
    }
}

impl Report {
    /// Whether the report says the work is done or nearly so, which needs evidence.
    pub fn claims_results(&self) -> bool {
        matches!(
            self.status,
            Some(Completion::Substantial | Completion::Complete)
        )
    }
}

impl super::Plan {
    /// The reports on commitment `id`, oldest first as written.
    pub fn reports_on(&self, id: &str) -> &[Report] {
        self.progress
            .iter()
            .find(|file| file.commitment == id)
            .map_or(&[], |file| &file.reports)
    }

    /// The assessments of commitment `id`, as written.
    pub fn assessments_of(&self, id: &str) -> &[Assessment] {
        self.assessments
            .iter()
            .find(|file| file.commitment == id)
            .map_or(&[], |file| &file.assessments)
    }

    /// The reports on milestone `index` of `commitment` (`Some`) or on the commitment as a
    /// whole (`None`), oldest first by date; of two on the same day, the one written first.
    pub fn reports_about<'p>(
        &'p self,
        commitment: &Commitment,
        milestone: Option<usize>,
    ) -> Vec<&'p Report> {
        let mut reports: Vec<&Report> = self
            .reports_on(&commitment.id)
            .iter()
            .filter(|report| match (&report.milestone, milestone) {
                (None, None) => true,
                (Some(name), Some(index)) => commitment
                    .find_milestone(&name.id)
                    .is_some_and(|(found, _)| found == index),
                _ => false,
            })
            .collect();
        reports.sort_by_key(|report| report.date);
        reports
    }

    /// The latest report on milestone `index` of `commitment` (by date, the later written
    /// one on the same day), or none.
    pub fn latest_report<'p>(
        &'p self,
        commitment: &Commitment,
        index: usize,
    ) -> Option<&'p Report> {
        self.reports_about(commitment, Some(index)).pop()
    }

    /// A milestone's current completion: its latest report's status, or else the
    /// `completion` its front matter gives (format version 1).
    pub fn milestone_completion(
        &self,
        commitment: &Commitment,
        index: usize,
    ) -> Option<Completion> {
        self.latest_report(commitment, index)
            .and_then(|report| report.status)
            .or_else(|| commitment.milestones.get(index).and_then(|m| m.completion))
    }

    /// The latest report on the commitment as a whole, or failing that on any of its
    /// milestones.
    pub fn latest_report_on(&self, commitment: &Commitment) -> Option<&Report> {
        let reports = self.reports_on(&commitment.id);
        reports
            .iter()
            .filter(|report| report.milestone.is_none())
            .max_by_key(|report| report.date)
            .or_else(|| reports.iter().max_by_key(|report| report.date))
    }
}

impl Meta {
    /// `[rules] progress-days`: the plan's, or OGP's default for its kind (every four
    /// months for OGP Local, twice a year otherwise).
    pub fn progress_days(&self) -> u32 {
        let written = self.settings.get(&crate::format::rules::PROGRESS_DAYS);
        match written.map(|setting| &setting.value) {
            Some(crate::format::SettingValue::Count(days)) => *days,
            _ if self.kind == Some(PlanKind::Local) => 122,
            _ => 183,
        }
    }

    /// The day a milestone's lateness is counted to: `today`, or for a closed plan the day
    /// its implementation ended, since nothing is overdue once the plan is over (what was
    /// left unfinished then is the end-of-commitment assessment's to judge).
    pub fn lateness_day(&self, today: Date) -> Date {
        match self.implementation {
            Some(period) if self.stage == Some(super::Stage::Closed) && period.end < today => {
                period.end
            }
            _ => today,
        }
    }

    /// Whether the plan is being carried out: its stage says so, or, with no stage, `today`
    /// falls in its implementation period.
    pub fn implementing(&self, today: Date) -> bool {
        match self.stage {
            Some(stage) => stage == super::Stage::Implementation,
            None => self
                .implementation
                .is_some_and(|period| period.start <= today && today <= period.end),
        }
    }
}
