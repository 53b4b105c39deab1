//! What the plan shows about OGP's five Participation and Co-Creation Standards and the OGP
//! Local inception checks: for each, met, not met, or not recorded, with the evidence.
//!
//! The report judges nothing on its own. "Not met" is always the finding of a rule of
//! `obert check`, named beside the verdict, so that the report, the document and CI never
//! disagree: the rules decide, the report gathers their findings by standard. "Met" needs
//! positive evidence in the files and no such finding; anything else is "not recorded",
//! because the standards ask for things a plan folder can only partly show (a web page kept
//! up to date, an endorsement), and saying so is more honest than guessing.

use std::collections::HashSet;

use serde::Serialize;

use crate::diag::{Diagnostic, FileId, Severity};
use crate::model::{Date, Keyword, Meeting, MeetingKind, Space, SpaceKind, Stage};
use crate::rules::{
    CONTRIBUTION_UNANSWERED, Context, EVIDENCE_UNPUBLISHABLE, FORUM_MEETING_GAP, MATERIALS_LATE,
    MEETING_WITHOUT_MINUTES, MISSING_FILE, PLENARY_COUNT, RESPONSE_WITHOUT_REASON, Rule,
    SECTOR_MISSING, SESSION_COUNT, SPACE_MISSING,
};

/// Findings a standard names before it says how many more there are.
const FINDINGS_SHOWN: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Met,
    NotMet,
    NotRecorded,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Met => "met",
            Verdict::NotMet => "not met",
            Verdict::NotRecorded => "not recorded",
        }
    }
}

/// One standard or check, what the data shows, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    /// `standard-1` … `standard-5`, `inception-forum`, …: the key of its title in the
    /// document's labels.
    pub id: &'static str,
    /// Its title, in English, for `obert status`.
    pub title: &'static str,
    pub verdict: Verdict,
    /// The rules whose findings make it "not met", each once, in the order found.
    pub rules: Vec<&'static str>,
    /// The facts behind the verdict, then the findings, in English.
    pub evidence: Vec<String>,
}

/// Every standard and inception check, in OGP's order, judged by `findings`: what `obert
/// check` reports for the same plan on the same day. `today` decides which meetings are
/// past, for the evidence; the findings were computed with it.
pub fn assess(cx: &Context<'_>, findings: &[Diagnostic], today: Option<Date>) -> Vec<Assessment> {
    let judge = Judge { cx, findings };
    vec![
        dialogue_space(&judge),
        open_information(&judge, today),
        inclusive_cocreation(&judge),
        reasoned_response(&judge),
        implementation_dialogue(&judge),
        forum_exists(&judge),
        multi_stakeholder(&judge),
        endorsement(),
        information_before_meetings(&judge),
    ]
}

/// Turns facts and findings into a verdict.
struct Judge<'a, 'p> {
    cx: &'a Context<'p>,
    findings: &'a [Diagnostic],
}

/// Which findings bear on a standard: of these rules, and (when `files` is given) in these
/// files.
struct Bearing<'f> {
    rules: &'f [&'static Rule],
    files: Option<&'f HashSet<FileId>>,
}

impl Judge<'_, '_> {
    /// The spaces that play the forum, by their own kind or by `serves-as`.
    fn forums(&self) -> Vec<&Space> {
        self.cx
            .plan
            .spaces
            .iter()
            .filter(|space| space.plays(SpaceKind::Forum))
            .collect()
    }

    /// The assessment: "not met" when a finding bears on it, "met" when the files show it
    /// (`shown`) and none does, "not recorded" otherwise. Findings allowed with a reason are
    /// listed with their reason and do not count against it.
    fn verdict(
        &self,
        id: &'static str,
        title: &'static str,
        bearing: &Bearing<'_>,
        shown: bool,
        mut evidence: Vec<String>,
    ) -> Assessment {
        let bears = |finding: &&Diagnostic| {
            bearing
                .rules
                .iter()
                .any(|rule| std::ptr::eq(*rule, finding.rule))
                && bearing
                    .files
                    .is_none_or(|files| files.contains(&finding.loc.file))
        };
        let bearing_findings: Vec<&Diagnostic> = self.findings.iter().filter(bears).collect();
        let (allowed, problems): (Vec<&Diagnostic>, Vec<&Diagnostic>) = bearing_findings
            .into_iter()
            .partition(|finding| finding.allowed.is_some());
        let mut rules: Vec<&'static str> = Vec::new();
        for finding in &problems {
            if !rules.contains(&finding.rule.name) {
                rules.push(finding.rule.name);
            }
        }
        for finding in problems.iter().take(FINDINGS_SHOWN) {
            evidence.push(format!("{}: {}", finding.rule.name, finding.message));
        }
        if problems.len() > FINDINGS_SHOWN {
            evidence.push(format!(
                "and {} more (`obert check` lists them)",
                problems.len() - FINDINGS_SHOWN
            ));
        }
        for finding in allowed.iter().take(FINDINGS_SHOWN) {
            let reason = finding.allowed.as_deref().unwrap_or_default();
            evidence.push(format!("{}: {}", finding.rule.name, finding.message));
            evidence.push(format!("  allowed: {reason}"));
        }
        if allowed.len() > FINDINGS_SHOWN {
            evidence.push(format!(
                "and {} more allowed (`obert check --show-allowed` lists them)",
                allowed.len() - FINDINGS_SHOWN
            ));
        }
        let verdict = if !problems.is_empty() {
            Verdict::NotMet
        } else if shown {
            Verdict::Met
        } else {
            // Facts that fall short with no finding: the rule may be switched off, and the
            // report must not judge where `check` does not.
            for rule in bearing.rules {
                if self.switched_off(rule) {
                    evidence.push(format!(
                        "`{}` is switched off in `[lints]`, so obert does not judge this",
                        rule.name
                    ));
                }
            }
            Verdict::NotRecorded
        };
        Assessment {
            id,
            title,
            verdict,
            rules,
            evidence,
        }
    }

    /// Whether `[lints]` turns `rule` off for the whole plan (the last setting wins).
    fn switched_off(&self, rule: &Rule) -> bool {
        self.cx
            .plan
            .meta
            .lints
            .iter()
            .rev()
            .find(|setting| setting.rule == rule.name)
            .is_some_and(|setting| setting.severity == Severity::Allow)
    }
}

fn files_of(spaces: &[&Space]) -> HashSet<FileId> {
    spaces.iter().map(|space| space.origin.file).collect()
}

fn dated(space: &Space) -> Vec<Date> {
    let mut dates: Vec<Date> = space.meetings.iter().filter_map(|m| m.date).collect();
    dates.sort();
    dates
}

/// The longest stretch in days between consecutive dates.
fn longest_gap(dates: &[Date]) -> Option<i64> {
    dates
        .windows(2)
        .map(|pair| pair[1].days_since_epoch() - pair[0].days_since_epoch())
        .max()
}

fn is_past(meeting: &Meeting, today: Option<Date>) -> bool {
    match (meeting.date, today) {
        (Some(date), Some(today)) => date < today,
        (_, None) => true,
        (None, Some(_)) => false,
    }
}

/// `space-missing` bears on a standard about the forum only when no space plays it: the
/// same rule also reports a missing steering group or working group.
fn forum_missing_rules(forums: &[&Space]) -> &'static [&'static Rule] {
    static FORUM_MISSING: [&Rule; 1] = [&SPACE_MISSING];
    if forums.is_empty() {
        &FORUM_MISSING
    } else {
        &[]
    }
}

fn dialogue_space(judge: &Judge<'_, '_>) -> Assessment {
    const TITLE: &str =
        "1. A space for ongoing dialogue that meets every six months and publishes its rules";
    let forums = judge.forums();
    let files = files_of(&forums);
    let mut rules = forum_missing_rules(&forums).to_vec();
    rules.push(&FORUM_MEETING_GAP);
    let mut evidence = Vec::new();
    if forums.is_empty() {
        evidence.push("no space plays the forum".into());
    }
    // `forum-meeting-gap` judges the implementation period once it has begun; the gap the
    // evidence gives is the one it judges, so that "met" never sits beside a longer one.
    let meta = &judge.cx.plan.meta;
    let judged = meta
        .implementation
        .filter(|_| matches!(meta.stage, Some(Stage::Implementation | Stage::Closed)));
    let mut shown = !forums.is_empty();
    for space in &forums {
        let dates = dated(space);
        match (dates.first(), dates.last()) {
            (Some(first), Some(last)) => {
                let gap = match judged {
                    Some(period) => {
                        let during: Vec<Date> = dates
                            .iter()
                            .copied()
                            .filter(|d| period.contains(*d))
                            .collect();
                        longest_gap(&during).map_or_else(
                            || "fewer than two during implementation".to_string(),
                            |gap| format!("longest gap during implementation {gap} days"),
                        )
                    }
                    None => format!("longest gap {} days", longest_gap(&dates).unwrap_or(0)),
                };
                evidence.push(format!(
                    "{}: {} meetings from {first} to {last}, {gap}",
                    space.id,
                    dates.len()
                ));
            }
            _ => {
                shown = false;
                evidence.push(format!("{}: no meetings recorded", space.id));
            }
        }
        match &space.rules_url {
            Some(url) => evidence.push(format!("{}: rules published at {url}", space.id)),
            None => {
                shown = false;
                evidence.push(format!(
                    "{}: where its rules are published is not recorded (`rules-url`)",
                    space.id
                ));
            }
        }
    }
    let bearing = Bearing {
        rules: &rules,
        files: (!forums.is_empty()).then_some(&files),
    };
    judge.verdict("standard-1", TITLE, &bearing, shown, evidence)
}

fn open_information(judge: &Judge<'_, '_>, today: Option<Date>) -> Assessment {
    const TITLE: &str =
        "2. Open, timely information: a public page of the process and published minutes";
    let plan = judge.cx.plan;
    let spaces: Vec<&Space> = plan.spaces.iter().collect();
    let files = files_of(&spaces);
    let meetings: Vec<&Meeting> = plan
        .spaces
        .iter()
        .flat_map(|s| &s.meetings)
        .filter(|m| is_past(m, today))
        .collect();
    let with_minutes = meetings.iter().filter(|m| m.minutes.is_some()).count();
    let mut evidence = Vec::new();
    match &plan.meta.website {
        Some(url) => evidence.push(format!("the process's page: {url}")),
        None => evidence.push("the process's page is not recorded (`website` in plan.toml)".into()),
    }
    evidence.push(format!(
        "{with_minutes} of {} past meetings have minutes",
        meetings.len()
    ));
    evidence.push("how often the page is updated is not recorded in the plan".into());
    let shown =
        plan.meta.website.is_some() && !meetings.is_empty() && with_minutes == meetings.len();
    // Minutes that name a file the plan does not hold are no evidence (`missing-file`), nor
    // are minutes the document cannot show its readers (`evidence-unpublishable`).
    let bearing = Bearing {
        rules: &[
            &MEETING_WITHOUT_MINUTES,
            &MISSING_FILE,
            &EVIDENCE_UNPUBLISHABLE,
        ],
        files: Some(&files),
    };
    judge.verdict("standard-2", TITLE, &bearing, shown, evidence)
}

fn inclusive_cocreation(judge: &Judge<'_, '_>) -> Assessment {
    const TITLE: &str = "3. Inclusive participation during co-creation";
    let plan = judge.cx.plan;
    let bearing = Bearing {
        rules: &[&SESSION_COUNT, &PLENARY_COUNT],
        files: None,
    };
    let Some(period) = plan.meta.cocreation else {
        let evidence = vec!["no `[cocreation]` period in plan.toml".into()];
        return judge.verdict("standard-3", TITLE, &bearing, false, evidence);
    };
    let mut evidence: Vec<String> = plan
        .spaces
        .iter()
        .filter(|s| s.plays(SpaceKind::Online))
        .flat_map(|s| s.phases.iter().map(move |p| (s, p)))
        .filter_map(|(s, p)| {
            let phase = p.period?;
            (phase.start <= period.end && phase.end >= period.start).then(|| {
                format!(
                    "online phase {}/{} from {} to {}",
                    s.id, p.id, phase.start, phase.end
                )
            })
        })
        .collect();
    let phases = evidence.len();
    // Every occasion to take part during co-creation, in any space: working-group sessions,
    // forum plenaries, public workshops (online ones included).
    let mut occasions = [0usize; 3];
    for meeting in plan.spaces.iter().flat_map(|s| &s.meetings) {
        if !meeting.date.is_some_and(|d| period.contains(d)) {
            continue;
        }
        match meeting.kind {
            Some(MeetingKind::Session) => occasions[0] += 1,
            Some(MeetingKind::Plenary) => occasions[1] += 1,
            Some(MeetingKind::Workshop) => occasions[2] += 1,
            _ => {}
        }
    }
    let [sessions, plenaries, workshops] = occasions;
    evidence.push(format!(
        "during co-creation: {sessions} working-group sessions, {plenaries} plenaries, {workshops} public workshops"
    ));
    evidence.push(format!(
        "{} contributions from the online space",
        plan.contributions().count()
    ));
    let shown = phases + sessions + plenaries + workshops > 0;
    judge.verdict("standard-3", TITLE, &bearing, shown, evidence)
}

fn reasoned_response(judge: &Judge<'_, '_>) -> Assessment {
    const TITLE: &str = "4. A reasoned response to every contribution";
    let owed: Vec<_> = judge
        .cx
        .plan
        .contributions()
        .filter(|c| c.owes_response())
        .collect();
    let answered = owed.iter().filter(|c| c.response.is_some()).count();
    let evidence = if owed.is_empty() {
        vec!["no contributions recorded".into()]
    } else {
        vec![format!(
            "{answered} of {} contributions answered",
            owed.len()
        )]
    };
    let bearing = Bearing {
        rules: &[&CONTRIBUTION_UNANSWERED, &RESPONSE_WITHOUT_REASON],
        files: None,
    };
    let shown = !owed.is_empty() && answered == owed.len();
    judge.verdict("standard-4", TITLE, &bearing, shown, evidence)
}

fn implementation_dialogue(judge: &Judge<'_, '_>) -> Assessment {
    const TITLE: &str = "5. Dialogue during implementation and monitoring";
    let meta = &judge.cx.plan.meta;
    let forums = judge.forums();
    let files = files_of(&forums);
    let bearing = Bearing {
        rules: &[&FORUM_MEETING_GAP],
        files: Some(&files),
    };
    let (Some(period), Some(stage)) = (meta.implementation, meta.stage) else {
        let evidence = vec!["no implementation period or stage in plan.toml".into()];
        return judge.verdict("standard-5", TITLE, &bearing, false, evidence);
    };
    if matches!(stage, Stage::Cocreation | Stage::Submitted) {
        let evidence = vec![format!(
            "the plan is at stage {stage}: implementation has not started"
        )];
        return judge.verdict("standard-5", TITLE, &bearing, false, evidence);
    }
    let held: Vec<String> = forums
        .iter()
        .flat_map(|s| s.meetings.iter().map(move |m| (s, m)))
        .filter_map(|(s, m)| {
            let date = m.date?;
            period
                .contains(date)
                .then(|| format!("{}/{} on {date}", s.id, m.id))
        })
        .collect();
    let mut evidence = vec![format!(
        "{} meetings of the forum during implementation",
        held.len()
    )];
    let shown = !held.is_empty();
    evidence.extend(held);
    judge.verdict("standard-5", TITLE, &bearing, shown, evidence)
}

fn forum_exists(judge: &Judge<'_, '_>) -> Assessment {
    const TITLE: &str = "Inception: a forum exists";
    let forums = judge.forums();
    let mut evidence: Vec<String> = forums
        .iter()
        .map(|s| match s.kind {
            Some(SpaceKind::Forum) => format!("{} (forum)", s.id),
            Some(kind) => format!("{} ({}, serving as the forum)", s.id, kind.as_str()),
            None => s.id.clone(),
        })
        .collect();
    if forums.is_empty() {
        evidence.push("no space plays the forum".into());
    }
    let bearing = Bearing {
        rules: forum_missing_rules(&forums),
        files: None,
    };
    judge.verdict(
        "inception-forum",
        TITLE,
        &bearing,
        !forums.is_empty(),
        evidence,
    )
}

/// Multi-stakeholder in the plan's own terms: the forum seats a counted member of every
/// sector its `[rules.forum] sectors` lists (`sector-missing`), and so of both sides when
/// the list holds both, as it does by default.
fn multi_stakeholder(judge: &Judge<'_, '_>) -> Assessment {
    const TITLE: &str = "Inception: the forum is multi-stakeholder";
    let cx = judge.cx;
    let forums = judge.forums();
    let files = files_of(&forums);
    let bearing = Bearing {
        rules: &[&SECTOR_MISSING],
        files: Some(&files),
    };
    if forums.is_empty() || !cx.sectors_known() {
        let evidence = vec!["no space plays the forum, or sectors cannot be told".into()];
        return judge.verdict(
            "inception-multi-stakeholder",
            TITLE,
            &bearing,
            false,
            evidence,
        );
    }
    let mut evidence = Vec::new();
    let mut shown = true;
    for space in &forums {
        let sides = cx.count_by_side(space);
        shown &= sides.government > 0 && sides.civil_society > 0;
        evidence.push(format!(
            "{}: {} government and {} civil-society members",
            space.id, sides.government, sides.civil_society
        ));
    }
    judge.verdict(
        "inception-multi-stakeholder",
        TITLE,
        &bearing,
        shown,
        evidence,
    )
}

fn endorsement() -> Assessment {
    Assessment {
        id: "inception-endorsement",
        title: "Inception: non-government members endorsed the plan before submission",
        verdict: Verdict::NotRecorded,
        rules: Vec::new(),
        evidence: vec![
            "the plan format has no field for endorsements yet; the forum's minutes may say".into(),
        ],
    }
}

fn information_before_meetings(judge: &Judge<'_, '_>) -> Assessment {
    const TITLE: &str = "Inception: information shared before meetings";
    let meetings: Vec<&Meeting> = judge
        .cx
        .plan
        .spaces
        .iter()
        .flat_map(|s| &s.meetings)
        .collect();
    let with_materials = meetings
        .iter()
        .filter(|m| m.materials_published.is_some())
        .count();
    let evidence = if with_materials == 0 {
        vec!["no meeting records when its materials were published".into()]
    } else {
        vec![format!(
            "{with_materials} of {} meetings record when their materials were published",
            meetings.len()
        )]
    };
    let bearing = Bearing {
        rules: &[&MATERIALS_LATE],
        files: None,
    };
    judge.verdict(
        "inception-information",
        TITLE,
        &bearing,
        with_materials > 0,
        evidence,
    )
}
