//! The plan's second life: progress reports (`progress/<commitment>.toml`), independent
//! assessments (`assessments/<commitment>.toml`) and the days progress was published
//! (plan.toml's `[[publication]]`).
//!
//! Each entry records something that happened on a day, so these commands only add: a
//! later report supersedes an earlier one, it never rewrites it. The entries stay in date
//! order, oldest first, which is how people read a history and how `diff` shows one: an
//! entry dated before the last goes at its place among the others.

use super::*;
use crate::edit::tables::append_entry;
use crate::edit::values::{date_value, string_array};
use crate::format::words;
use crate::load::decode::{is_inside_plan, is_link, is_url};
use crate::model::{
    AssessmentKind, Assessor, Commitment, Completion, EarlyResults, Keyword, Potential,
};
use crate::rules::count_noun;

/// A progress report, as `obert progress add` takes it.
#[derive(Debug, Default)]
pub struct NewReport<'a> {
    pub commitment: &'a str,
    /// A milestone id, or its number in the commitment (`2`, `3.2`); written as given.
    pub milestone: Option<&'a str>,
    pub status: &'a str,
    /// `today` when not given.
    pub date: Option<&'a str>,
    /// The day the command runs (`--today`, or the clock).
    pub today: Option<Date>,
    pub percent: Option<u64>,
    pub note: Option<&'a str>,
    /// URLs, or paths of files inside the plan folder.
    pub evidence: &'a [String],
    /// The organisation that reports.
    pub by: Option<&'a str>,
    /// `SPACE/MEETING`.
    pub discussed_at: Option<&'a str>,
}

/// Appends a report to `progress/<commitment>.toml`, creating the file when the commitment
/// has none yet.
pub fn progress_add(session: &mut Session, new: &NewReport<'_>) -> Result<Affected, EditError> {
    let plan = session.plan();
    let commitment = find("commitment", new.commitment, &plan.commitments, |c| &c.id)?;
    let status = fields::word("status", new.status, words::<Completion>)?;
    let date = day(new.date, new.today)?;
    let milestone = new
        .milestone
        .map(|name| milestone_named(commitment, name))
        .transpose()?;
    if let Some(percent) = new.percent.filter(|&percent| percent > 100) {
        return Err(EditError::Refused(format!(
            "--percent {percent} is more than 100; give how much is done as a whole number from 0 to 100"
        )));
    }
    for item in new.evidence {
        evidence_item(session, item)?;
    }
    if let Some(by) = new.by {
        fields::id("by", by)?;
        find("organisation", by, &plan.organisations, |o| &o.id)?;
    }
    if let Some(place) = new.discussed_at {
        meeting_exists(session, place)?;
    }
    let note = note(new.note)?;
    let percent = new.percent.map(|percent| Value::from(percent as i64));
    let table = table_of(vec![
        ("date", Some(date_value(date))),
        ("milestone", optional(new.milestone)),
        ("status", string(status)),
        ("percent", percent),
        ("note", optional(note)),
        (
            "evidence",
            (!new.evidence.is_empty()).then(|| string_array(new.evidence)),
        ),
        ("by", optional(new.by)),
        ("discussed-at", optional(new.discussed_at)),
    ]);
    let line = format!(
        "progress: {}{}: {status}{} on {date}, {}",
        commitment_name(session, commitment),
        milestone.map_or(String::new(), |index| format!(
            ", milestone {}",
            commitment.milestone_label(index)
        )),
        new.percent
            .map_or(String::new(), |percent| format!(" ({percent}%)")),
        match new.evidence.len() {
            0 => "no evidence".to_string(),
            n => count_noun(n, "evidence item", "evidence items"),
        },
    );
    let path = format!("progress/{}.toml", commitment.id);
    let heading = format!(
        "# Progress reports on commitment {}, oldest first: `obert progress add` adds one.\n",
        commitment.id
    );
    add_dated(
        session,
        &path,
        &heading,
        "report",
        &format::PROGRESS,
        table,
        date,
    )?;
    Ok(Affected::Recorded(line))
}

/// An assessment, as `obert assessment add` takes it.
#[derive(Debug, Default)]
pub struct NewAssessment<'a> {
    pub commitment: &'a str,
    pub by: &'a str,
    pub kind: &'a str,
    /// `today` when not given.
    pub date: Option<&'a str>,
    pub today: Option<Date>,
    pub url: Option<&'a str>,
    pub verifiable: Option<bool>,
    pub open_government_lens: Option<bool>,
    pub potential: Option<&'a str>,
    pub completion: Option<&'a str>,
    pub early_results: Option<&'a str>,
    pub note: Option<&'a str>,
}

/// The kinds of assessment each assessor files: the IRM reviews national plans, a Local
/// Monitoring Body local ones; a plan's own self-assessment may take any form.
fn files_kind(by: Assessor, kind: AssessmentKind) -> bool {
    use AssessmentKind::*;
    match by {
        Assessor::Irm => matches!(kind, ActionPlanReview | MidtermReview | ResultsReport),
        Assessor::MonitoringBody => matches!(kind, Inception | EndOfCommitment),
        Assessor::Own => true,
    }
}

/// Whether an assessment of `kind` judges the commitment as designed (is it verifiable, has
/// it an open-government lens, what might it achieve): the reviews made as the plan starts,
/// and the midterm review, which reviews the commitments that a four-year plan changes.
fn reviews_design(kind: AssessmentKind) -> bool {
    use AssessmentKind::*;
    matches!(kind, ActionPlanReview | Inception | MidtermReview)
}

/// Whether an assessment of `kind` judges results (completion, did it open government):
/// the reports made at or after the end, and the midterm review, halfway through.
fn reviews_results(kind: AssessmentKind) -> bool {
    use AssessmentKind::*;
    matches!(kind, ResultsReport | EndOfCommitment | MidtermReview)
}

/// Appends an assessment to `assessments/<commitment>.toml`, creating the file when the
/// commitment has none yet.
pub fn assessment_add(
    session: &mut Session,
    new: &NewAssessment<'_>,
) -> Result<Affected, EditError> {
    let plan = session.plan();
    let commitment = find("commitment", new.commitment, &plan.commitments, |c| &c.id)?;
    let by: Assessor = keyword("by", new.by)?;
    let kind: AssessmentKind = keyword("kind", new.kind)?;
    if !files_kind(by, kind) {
        let theirs: Vec<&str> = AssessmentKind::ALL
            .iter()
            .filter(|(_, other)| files_kind(by, *other))
            .map(|(word, _)| *word)
            .collect();
        return Err(EditError::Refused(format!(
            "--by {} files no {} assessment, only {} (an assessment by the plan itself is --by self)",
            new.by,
            new.kind,
            one_of(&theirs)
        )));
    }
    // A review of the plan as written has nothing to say of results yet, and a report of
    // results does not rate the design again: a value in the wrong kind is a slip (the
    // wrong --kind, most often), which the document would show under the wrong heading.
    let design = [
        ("--verifiable", new.verifiable.is_some()),
        ("--open-government-lens", new.open_government_lens.is_some()),
        ("--potential", new.potential.is_some()),
    ];
    let results = [
        ("--completion", new.completion.is_some()),
        ("--early-results", new.early_results.is_some()),
    ];
    for (options, judged, kinds) in [
        (
            &design[..],
            reviews_design(kind),
            reviews_design as fn(_) -> bool,
        ),
        (&results[..], reviews_results(kind), reviews_results),
    ] {
        if let Some((option, _)) = options.iter().find(|(_, given)| *given)
            && !judged
        {
            let which: Vec<&str> = AssessmentKind::ALL
                .iter()
                .filter(|(_, other)| kinds(*other))
                .map(|(word, _)| *word)
                .collect();
            return Err(EditError::Refused(format!(
                "{option} belongs to an assessment of kind {}, not {}; leave it out, or give the right --kind",
                one_of(&which),
                new.kind
            )));
        }
    }
    let date = day(new.date, new.today)?;
    if let Some(url) = new.url {
        web_address(url, "--url", "the assessment's web address")?;
    }
    let potential = new
        .potential
        .map(|word| fields::word("potential", word, words::<Potential>))
        .transpose()?;
    let completion = new
        .completion
        .map(|word| fields::word("completion", word, words::<Completion>))
        .transpose()?;
    let early_results = new
        .early_results
        .map(|word| fields::word("early-results", word, words::<EarlyResults>))
        .transpose()?;
    let table = table_of(vec![
        ("by", string(new.by)),
        ("kind", string(new.kind)),
        ("date", Some(date_value(date))),
        ("url", optional(new.url)),
        ("verifiable", new.verifiable.map(Value::from)),
        (
            "open-government-lens",
            new.open_government_lens.map(Value::from),
        ),
        ("potential", optional(potential)),
        ("completion", optional(completion)),
        ("early-results", optional(early_results)),
        ("note", optional(note(new.note)?)),
    ]);
    let mut findings: Vec<String> = Vec::new();
    for (value, yes, no) in [
        (new.verifiable, "verifiable", "not verifiable"),
        (
            new.open_government_lens,
            "open-government lens",
            "no open-government lens",
        ),
    ] {
        findings.extend(value.map(|value| if value { yes } else { no }.to_string()));
    }
    findings.extend(potential.map(|p| format!("potential {p}")));
    findings.extend(completion.map(|c| format!("completion {c}")));
    findings.extend(early_results.map(|e| format!("early results {e}")));
    let line = format!(
        "assessment: {}: {} by {} on {date}{}",
        commitment_name(session, commitment),
        new.kind,
        new.by,
        if findings.is_empty() {
            String::new()
        } else {
            format!(": {}", findings.join(", "))
        }
    );
    let path = format!("assessments/{}.toml", commitment.id);
    let heading = format!(
        "# What reviewers said of commitment {}, oldest first: `obert assessment add` adds an assessment.\n",
        commitment.id
    );
    add_dated(
        session,
        &path,
        &heading,
        "assessment",
        &format::ASSESSMENTS,
        table,
        date,
    )?;
    Ok(Affected::Recorded(line))
}

/// Records in plan.toml a day progress was published on the plan's web page.
pub fn publication_add(
    session: &mut Session,
    date: Option<&str>,
    today: Option<Date>,
    url: &str,
) -> Result<Affected, EditError> {
    let date = day(date, today)?;
    web_address(url, "--url", "the page where progress was published")?;
    let publications = &session.plan().meta.publications;
    let count = publications.len() + 1;
    let last = publications
        .iter()
        .filter_map(|p| p.date)
        .chain([date])
        .max()
        .unwrap_or(date);
    let table = table_of(vec![("date", Some(date_value(date))), ("url", string(url))]);
    let line = format!(
        "publication: {date} at {url} ({} in the plan, the latest on {last})",
        count_noun(count, "publication", "publications")
    );
    add_dated(
        session,
        "plan.toml",
        "",
        "publication",
        &format::PLAN,
        table,
        date,
    )?;
    Ok(Affected::Recorded(line))
}

/// `a, b or c`.
fn one_of(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [only] => only.to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// The date given, or today's.
fn day(given: Option<&str>, today: Option<Date>) -> Result<Date, EditError> {
    match given {
        Some(raw) => fields::date("date", raw),
        None => today.ok_or_else(|| {
            EditError::Refused("the system clock gives no date; pass --date".to_string())
        }),
    }
}

/// One word of a closed list, as its value.
fn keyword<K: Keyword>(key: &str, raw: &str) -> Result<K, EditError> {
    fields::word(key, raw, K::spellings)?;
    K::parse(raw).ok_or_else(|| EditError::Refused(format!("`{raw}` is not a value of `{key}`")))
}

/// A note given on the command line, unless it is blank. Notes are published on the
/// progress page and in the reports, so one that holds contact details is refused (without
/// repeating them).
fn note(given: Option<&str>) -> Result<Option<&str>, EditError> {
    let Some(text) = given.map(str::trim).filter(|text| !text.is_empty()) else {
        return Ok(None);
    };
    if let Some((kind, _)) = crate::privacy::find(text).first() {
        return Err(EditError::Refused(format!(
            "--note holds {}, and it would be published; leave it out (contact details belong in people.toml's private `email` and `phone` fields, which obert never shows)",
            kind.as_str()
        )));
    }
    Ok(Some(text))
}

/// Titles longer than this are cut in the line an edit prints, which must stay one line;
/// `obert show` has the whole title.
const TITLE_CHARS: usize = 48;

/// "commitment 1 «Portal»", in the plan's primary language.
fn commitment_name(session: &Session, commitment: &Commitment) -> String {
    let language = session.primary_language();
    let title = commitment.title.get(language, language).trim();
    let title = if title.chars().count() > TITLE_CHARS {
        let cut: String = title.chars().take(TITLE_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    } else {
        title.to_string()
    };
    match commitment.number {
        Some(number) => format!("commitment {number} «{title}»"),
        None => format!("commitment `{}` «{title}»", commitment.id),
    }
}

/// The index of the milestone of `commitment` that `name` names, as a report names it.
fn milestone_named(commitment: &Commitment, name: &str) -> Result<usize, EditError> {
    if let Some((index, _)) = commitment.find_milestone(name) {
        return Ok(index);
    }
    let names: Vec<String> = commitment
        .milestones
        .iter()
        .enumerate()
        .map(|(index, milestone)| {
            let label = commitment.milestone_label(index);
            match &milestone.id {
                Some(id) => format!("{} ({label}, `{id}`)", index + 1),
                None => format!("{} ({label})", index + 1),
            }
        })
        .collect();
    let has = if names.is_empty() {
        "it has none; add one with `obert milestone add` first".to_string()
    } else {
        format!(
            "give a milestone's id or its number in the commitment: {}",
            names.join(", ")
        )
    };
    Err(EditError::Refused(format!(
        "commitment `{}` has no milestone `{name}`; {has}",
        commitment.id
    )))
}

/// A web address the document may link to: `http(s)://`, whole, with no spaces.
fn web_address(url: &str, option: &str, what: &str) -> Result<(), EditError> {
    if is_url(url) && is_link(url) {
        Ok(())
    } else {
        Err(EditError::Refused(format!(
            "{option} `{}` is not a web address; give {what}, starting with https://",
            url.escape_debug()
        )))
    }
}

/// An evidence item must be a web address, or a file that is really inside the plan folder:
/// a report's evidence is published with the plan, so a path out of it (`../secret`,
/// `/etc/passwd`, or a symbolic link that leads out) is never taken, and a file that is not
/// there proves nothing.
fn evidence_item(session: &Session, item: &str) -> Result<(), EditError> {
    if is_url(item) {
        return web_address(
            item,
            "--evidence",
            "the address where the evidence is published",
        );
    }
    let shown = item.escape_debug();
    if !is_inside_plan(item) {
        return Err(EditError::Refused(format!(
            "--evidence `{shown}` is not a path inside the plan folder; give a path relative to the plan folder with `/` separators and no `..` (such as `evidence/report.pdf`), or the https:// address where the evidence is published"
        )));
    }
    let missing = || {
        EditError::Refused(format!(
            "--evidence `{shown}` is not in the plan: there is no file `{}`; copy the file there first, or give the https:// address where it is published",
            session.display_path(item)
        ))
    };
    let root = std::fs::canonicalize(session.root()).map_err(|_| missing())?;
    let real = std::fs::canonicalize(session.root().join(item)).map_err(|_| missing())?;
    if !real.starts_with(&root) {
        return Err(EditError::Refused(format!(
            "--evidence `{shown}` leads out of the plan folder (through a symbolic link); copy the file into the plan instead"
        )));
    }
    if !real.is_file() {
        return Err(EditError::Refused(format!(
            "--evidence `{shown}` is a folder; name a file in it"
        )));
    }
    Ok(())
}

/// `SPACE/MEETING` must name a meeting of the plan.
fn meeting_exists(session: &Session, place: &str) -> Result<(), EditError> {
    let Some((space_id, meeting)) = place.split_once('/') else {
        return Err(EditError::Refused(format!(
            "--discussed-at `{place}` is not SPACE/MEETING; give the space's id and the meeting's, such as `forum/follow-up-1`"
        )));
    };
    fields::id("discussed-at", space_id)?;
    fields::id("discussed-at", meeting)?;
    let space = find("space", space_id, &session.plan().spaces, |s| &s.id)?;
    find(
        &format!("meeting in `{space_id}` with the id"),
        meeting,
        &space.meetings,
        |m| &m.id,
    )?;
    Ok(())
}

/// Adds `table` to the entries `array` of the file at `path` in date order (after those of
/// the same day, so that the latest written stays the latest), creating the file, headed
/// by `heading`, when it is missing. An entry that says exactly what one already there says
/// is refused: a command run twice should not count twice.
fn add_dated(
    session: &mut Session,
    path: &str,
    heading: &str,
    array: &str,
    spec: &'static format::Table,
    table: Table,
    date: Date,
) -> Result<(), EditError> {
    if !session.exists(path) {
        session.create(path, heading.to_string())?;
    }
    let shown = session.display_path(path);
    session.edit(path, false, |doc| {
        let entries = doc.get(array).and_then(Item::as_array_of_tables);
        if entries.is_some_and(|entries| entries.iter().any(|other| same_entry(other, &table))) {
            return Err(EditError::Refused(format!(
                "`{shown}` holds this very {array} already, dated {date}; nothing was added"
            )));
        }
        let later = entries.and_then(|entries| {
            entries
                .iter()
                .position(|other| entry_date(other).is_some_and(|other| other > date))
        });
        match later {
            Some(index) => insert_before(doc, array, index, table),
            None => append_entry(doc, array, table, &spec.names_before(array))?,
        }
        Ok(())
    })
}

fn entry_date(table: &Table) -> Option<Date> {
    let value = table.get("date")?.as_value()?.as_datetime()?;
    Date::parse(&value.to_string())
}

/// Whether two entries hold the same keys with the same values, however they are written.
fn same_entry(a: &Table, b: &Table) -> bool {
    let values = |table: &Table| -> Vec<(String, Value)> {
        table
            .iter()
            .filter_map(|(key, item)| Some((key.to_string(), item.as_value()?.clone())))
            .collect()
    };
    let (a, b) = (values(a), values(b));
    a.len() == b.len()
        && a.iter().all(|(key, value)| {
            b.iter()
                .any(|(other_key, other)| other_key == key && same_value(value, other))
        })
}

fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(a), Value::String(b)) => a.value() == b.value(),
        (Value::Integer(a), Value::Integer(b)) => a.value() == b.value(),
        (Value::Boolean(a), Value::Boolean(b)) => a.value() == b.value(),
        (Value::Datetime(a), Value::Datetime(b)) => a.value() == b.value(),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b.iter()).all(|(a, b)| same_value(a, b))
        }
        (Value::InlineTable(a), Value::InlineTable(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(key, value)| b.get(key).is_some_and(|other| same_value(value, other)))
        }
        _ => false,
    }
}

/// Puts `table` as entry `index` of `array`, in the file right above the entry that is
/// there now, which moves down with everything after it. A comment that heads the file
/// (separated from the first entry by a blank line, or the only thing above it) stays at the
/// top; a comment right above an entry stays with that entry.
fn insert_before(doc: &mut DocumentMut, array: &str, index: usize, mut table: Table) {
    let Some(entries) = tables::entries_mut(doc, array) else {
        return;
    };
    let Some(next) = entries.get_mut(index) else {
        return;
    };
    let place = next.position().unwrap_or(0);
    let prefix = next
        .decor()
        .prefix()
        .and_then(|raw| raw.as_str())
        .unwrap_or_default()
        .to_string();
    // toml_edit lays tables out by their positions: every table from the place on moves
    // one down, and the new one takes the place.
    shift_from(doc.as_table_mut(), place);
    let first_in_file = index == 0 && starts_file(doc.as_table(), place + 1);
    let (above_new, above_next) = if index > 0 {
        ("\n".to_string(), prefix)
    } else {
        let lines: Vec<&str> = prefix.split_inclusive('\n').collect();
        let cut = if first_in_file
            && !lines
                .iter()
                .any(|line| line.trim().is_empty() && line.ends_with('\n'))
        {
            lines.len()
        } else {
            lines
                .iter()
                .rposition(|line| line.trim().is_empty())
                .map_or(0, |blank| blank + 1)
        };
        let head = lines[..cut].concat();
        let rest = lines[cut..].concat();
        let head = if head.is_empty() && !first_in_file {
            "\n".to_string()
        } else {
            head
        };
        (head, format!("\n{}", rest.trim_start_matches(['\r', '\n'])))
    };
    table.set_position(Some(place));
    table.decor_mut().set_prefix(above_new);
    let Some(entries) = tables::entries_mut(doc, array) else {
        return;
    };
    if let Some(next) = entries.get_mut(index) {
        next.decor_mut().set_prefix(above_next);
    }
    entries.insert(index, table);
}

/// Moves every table at `place` or after one position down.
fn shift_from(table: &mut Table, place: isize) {
    for (_, item) in table.iter_mut() {
        let inner: Vec<&mut Table> = match item {
            Item::Table(inner) => vec![inner],
            Item::ArrayOfTables(entries) => entries.iter_mut().collect(),
            _ => continue,
        };
        for inner in inner {
            if let Some(position) = inner.position()
                && position >= place
            {
                inner.set_position(Some(position + 1));
            }
            shift_from(inner, place);
        }
    }
}

/// Whether the table at `place` is the first thing in the file: no key of the root table
/// is written above the tables, and no table comes before it.
fn starts_file(root: &Table, place: isize) -> bool {
    fn earlier(table: &Table, place: isize) -> bool {
        table.iter().any(|(_, item)| match item {
            Item::Table(inner) => {
                (!inner.is_implicit() && inner.position().is_some_and(|p| p < place))
                    || earlier(inner, place)
            }
            Item::ArrayOfTables(entries) => entries
                .iter()
                .any(|inner| inner.position().is_some_and(|p| p < place) || earlier(inner, place)),
            _ => false,
        })
    }
    root.iter().all(|(_, item)| !item.is_value()) && !earlier(root, place)
}
