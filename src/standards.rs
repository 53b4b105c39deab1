//! What the plan's data shows about OGP's five Participation and Co-Creation Standards and
//! the OGP Local inception checks: for each, met, not met, or not recorded, with the
//! evidence. A report, not a rule: the standards ask for things a plan folder can only
//! partly show (a web page kept up to date, an endorsement), and saying "not recorded" is
//! more honest than guessing.

use serde::Serialize;

use crate::model::{Date, Keyword, Meeting, MeetingKind, Space, SpaceKind, Stage};
use crate::rules::Context;

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
    /// The facts behind the verdict, in English.
    pub evidence: Vec<String>,
}

fn assessment(
    id: &'static str,
    title: &'static str,
    verdict: Verdict,
    evidence: Vec<String>,
) -> Assessment {
    Assessment {
        id,
        title,
        verdict,
        evidence,
    }
}

/// Every standard and inception check, in OGP's order. `today` decides which meetings are
/// past and so owe minutes; without it (the rendered document, which must not change from
/// one day to the next) every recorded meeting counts.
pub fn assess(cx: &Context<'_>, today: Option<Date>) -> Vec<Assessment> {
    vec![
        dialogue_space(cx),
        open_information(cx, today),
        inclusive_cocreation(cx),
        reasoned_response(cx),
        implementation_dialogue(cx),
        forum_exists(cx),
        multi_stakeholder(cx),
        endorsement(),
        information_before_meetings(cx),
    ]
}

/// The multi-stakeholder spaces: the forum and the steering group.
fn forums<'p>(cx: &Context<'p>) -> Vec<&'p Space> {
    cx.plan
        .spaces
        .iter()
        .filter(|s| matches!(s.kind, Some(SpaceKind::Forum | SpaceKind::SteeringGroup)))
        .collect()
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

fn dialogue_space(cx: &Context<'_>) -> Assessment {
    const TITLE: &str =
        "1. A space for ongoing dialogue that meets every six months and publishes its rules";
    let spaces = forums(cx);
    if spaces.is_empty() {
        return assessment(
            "standard-1",
            TITLE,
            Verdict::NotMet,
            vec!["the plan has no forum or steering group".into()],
        );
    }
    let mut evidence = Vec::new();
    let mut met = true;
    let mut recorded = false;
    let mut rules_published = true;
    for space in spaces {
        let dates = dated(space);
        match (dates.first(), dates.last()) {
            (Some(first), Some(last)) => {
                recorded = true;
                let gap = longest_gap(&dates).unwrap_or(0);
                met &= gap
                    <= i64::from(
                        cx.plan
                            .meta
                            .number(&crate::format::rules::forum::MEETING_GAP_DAYS),
                    );
                evidence.push(format!(
                    "{}: {} meetings from {first} to {last}, longest gap {gap} days",
                    space.id,
                    dates.len()
                ));
            }
            _ => evidence.push(format!("{}: no meetings recorded", space.id)),
        }
        match &space.rules_url {
            Some(url) => evidence.push(format!("{}: rules published at {url}", space.id)),
            None => {
                rules_published = false;
                evidence.push(format!(
                    "{}: where its rules are published is not recorded (`rules-url`)",
                    space.id
                ));
            }
        }
    }
    let verdict = match (recorded, met, rules_published) {
        (true, false, _) => Verdict::NotMet,
        (true, true, true) => Verdict::Met,
        _ => Verdict::NotRecorded,
    };
    assessment("standard-1", TITLE, verdict, evidence)
}

fn open_information(cx: &Context<'_>, today: Option<Date>) -> Assessment {
    const TITLE: &str =
        "2. Open, timely information: a public page of the process and published minutes";
    let mut evidence = Vec::new();
    let meetings: Vec<&Meeting> = cx
        .plan
        .spaces
        .iter()
        .flat_map(|s| &s.meetings)
        .filter(|m| is_past(m, today))
        .collect();
    let with_minutes = meetings.iter().filter(|m| m.minutes.is_some()).count();
    match &cx.plan.meta.website {
        Some(url) => evidence.push(format!("the process's page: {url}")),
        None => evidence.push("no `website` in plan.toml".into()),
    }
    evidence.push(format!(
        "{with_minutes} of {} past meetings have minutes",
        meetings.len()
    ));
    evidence.push("how often the page is updated is not recorded in the plan".into());
    let verdict = if cx.plan.meta.website.is_none() {
        Verdict::NotMet
    } else if meetings.is_empty() {
        Verdict::NotRecorded
    } else if with_minutes == meetings.len() {
        Verdict::Met
    } else {
        Verdict::NotMet
    };
    assessment("standard-2", TITLE, verdict, evidence)
}

fn inclusive_cocreation(cx: &Context<'_>) -> Assessment {
    const TITLE: &str = "3. Inclusive participation during co-creation";
    let Some(period) = cx.plan.meta.cocreation else {
        return assessment(
            "standard-3",
            TITLE,
            Verdict::NotRecorded,
            vec!["no `[cocreation]` period in plan.toml".into()],
        );
    };
    let mut evidence = Vec::new();
    let phases: Vec<String> = cx
        .plan
        .spaces
        .iter()
        .filter(|s| s.kind == Some(SpaceKind::Online))
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
    let sessions = cx
        .plan
        .spaces
        .iter()
        .filter(|s| s.kind == Some(SpaceKind::WorkingGroup))
        .flat_map(|s| &s.meetings)
        .filter(|m| m.date.is_some_and(|d| period.contains(d)))
        .count();
    let contributions = cx.plan.contributions().count();
    evidence.extend(phases.iter().cloned());
    evidence.push(format!(
        "{sessions} working-group meetings during co-creation"
    ));
    evidence.push(format!(
        "{contributions} contributions from the online space"
    ));
    let verdict = if phases.is_empty() && sessions == 0 {
        Verdict::NotMet
    } else if !phases.is_empty() && sessions > 0 {
        Verdict::Met
    } else {
        Verdict::NotMet
    };
    assessment("standard-3", TITLE, verdict, evidence)
}

fn reasoned_response(cx: &Context<'_>) -> Assessment {
    const TITLE: &str = "4. A reasoned response to every contribution";
    let owed: Vec<_> = cx.plan.contributions().filter(|c| !c.withdrawn).collect();
    if owed.is_empty() {
        return assessment(
            "standard-4",
            TITLE,
            Verdict::NotRecorded,
            vec!["no contributions recorded".into()],
        );
    }
    let answered = owed.iter().filter(|c| c.response.is_some()).count();
    let evidence = vec![format!(
        "{answered} of {} contributions answered",
        owed.len()
    )];
    let verdict = if answered == owed.len() {
        Verdict::Met
    } else {
        Verdict::NotMet
    };
    assessment("standard-4", TITLE, verdict, evidence)
}

fn implementation_dialogue(cx: &Context<'_>) -> Assessment {
    const TITLE: &str = "5. Dialogue during implementation and monitoring";
    let meta = &cx.plan.meta;
    let (Some(period), Some(stage)) = (meta.implementation, meta.stage) else {
        return assessment(
            "standard-5",
            TITLE,
            Verdict::NotRecorded,
            vec!["no implementation period or stage in plan.toml".into()],
        );
    };
    if matches!(stage, Stage::Cocreation | Stage::Submitted) {
        return assessment(
            "standard-5",
            TITLE,
            Verdict::NotRecorded,
            vec![format!(
                "the plan is at stage {stage}: implementation has not started"
            )],
        );
    }
    let held: Vec<String> = forums(cx)
        .into_iter()
        .flat_map(|s| s.meetings.iter().map(move |m| (s, m)))
        .filter_map(|(s, m)| {
            let date = m.date?;
            period
                .contains(date)
                .then(|| format!("{}/{} on {date}", s.id, m.id))
        })
        .collect();
    let verdict = if held.is_empty() {
        Verdict::NotMet
    } else {
        Verdict::Met
    };
    let mut evidence = vec![format!(
        "{} forum or steering-group meetings during implementation",
        held.len()
    )];
    evidence.extend(held);
    assessment("standard-5", TITLE, verdict, evidence)
}

fn forum_exists(cx: &Context<'_>) -> Assessment {
    const TITLE: &str = "Inception: a forum exists";
    let spaces = forums(cx);
    let evidence: Vec<String> = spaces
        .iter()
        .map(|s| format!("{} ({})", s.id, s.kind.map_or("", |k| k.as_str())))
        .collect();
    let verdict = if spaces.is_empty() {
        Verdict::NotMet
    } else {
        Verdict::Met
    };
    assessment("inception-forum", TITLE, verdict, evidence)
}

fn multi_stakeholder(cx: &Context<'_>) -> Assessment {
    const TITLE: &str = "Inception: the forum is multi-stakeholder";
    let spaces = forums(cx);
    if spaces.is_empty() || !cx.sectors_known() {
        return assessment(
            "inception-multi-stakeholder",
            TITLE,
            Verdict::NotRecorded,
            vec!["no forum, or sectors cannot be told".into()],
        );
    }
    let mut evidence = Vec::new();
    let mut met = false;
    for space in spaces {
        let sides = cx.count_by_side(space);
        met |= sides.government > 0 && sides.civil_society > 0;
        evidence.push(format!(
            "{}: {} government and {} civil-society members",
            space.id, sides.government, sides.civil_society
        ));
    }
    let verdict = if met { Verdict::Met } else { Verdict::NotMet };
    assessment("inception-multi-stakeholder", TITLE, verdict, evidence)
}

fn endorsement() -> Assessment {
    assessment(
        "inception-endorsement",
        "Inception: non-government members endorsed the plan before submission",
        Verdict::NotRecorded,
        vec![
            "the plan format has no field for endorsements yet; the forum's minutes may say".into(),
        ],
    )
}

fn information_before_meetings(cx: &Context<'_>) -> Assessment {
    const TITLE: &str = "Inception: information shared before meetings";
    let meetings: Vec<&Meeting> = cx.plan.spaces.iter().flat_map(|s| &s.meetings).collect();
    let with_materials: Vec<&&Meeting> = meetings
        .iter()
        .filter(|m| m.materials_published.is_some())
        .collect();
    if with_materials.is_empty() {
        return assessment(
            "inception-information",
            TITLE,
            Verdict::NotRecorded,
            vec!["no meeting records when its materials were published".into()],
        );
    }
    let in_time = with_materials
        .iter()
        .filter(|m| match (m.materials_published, m.date) {
            (Some(published), Some(date)) => published < date,
            _ => false,
        })
        .count();
    let verdict = if in_time == with_materials.len() {
        Verdict::Met
    } else {
        Verdict::NotMet
    };
    let plenaries = meetings
        .iter()
        .filter(|m| m.kind == Some(MeetingKind::Plenary))
        .count();
    assessment(
        "inception-information",
        TITLE,
        verdict,
        vec![
            format!(
                "{in_time} of {} meetings with a publication date had their materials out before the meeting",
                with_materials.len()
            ),
            format!("{} meetings in all, {plenaries} plenaries", meetings.len()),
        ],
    )
}
