//! `obert export --format irm`: the fields OGP's Independent Reporting Mechanism (or a Local
//! Monitoring Body) reviews, one row per commitment followed by one per milestone. Every row
//! repeats its commitment's fields, so a filtered sheet still says which commitment a
//! milestone belongs to. Scale words stay as the plan spells them (`substantial`,
//! `did-not-change`): they are OGP's own terms, and what a script compares.

use super::Cell;
use crate::model::{Commitment, Keyword, Plan, Ref};
use crate::privacy::redact;
use crate::report::facts;

/// The columns, in order: the CSV header and the JSON keys.
pub const COLUMNS: [&str; 29] = [
    "row",
    "commitment_number",
    "commitment_id",
    "ogp_id",
    "commitment_title",
    "lead",
    "co_lead",
    "supporting",
    "values",
    "start",
    "end",
    "milestone",
    "milestone_id",
    "milestone_title",
    "output",
    "due",
    "completion",
    "latest_report",
    "percent",
    "evidence",
    "assessed_by",
    "assessment_kind",
    "assessment_date",
    "verifiable",
    "open_government_lens",
    "potential",
    "assessment_completion",
    "early_results",
    "assessment_url",
];

pub fn header() -> Vec<String> {
    COLUMNS.iter().map(|c| (*c).to_string()).collect()
}

/// The rows, titles in `lang` (the plan's first language where a text has no translation).
pub fn rows(plan: &Plan, lang: &str) -> Vec<Vec<Cell>> {
    let primary = plan.primary_language();
    let text = |t: &crate::model::Text| redact(t.get(lang, primary)).into_owned();
    let names = |refs: &[Ref]| {
        Cell::List(
            refs.iter()
                .map(|r| facts::organisation_name(plan, &r.id).to_string())
                .collect(),
        )
    };
    let mut rows = Vec::new();
    for commitment in facts::commitments_in_order(plan) {
        let shared = |row: &mut Vec<Cell>| {
            row.push(
                commitment
                    .number
                    .map_or(Cell::Null, |n| Cell::Number(n.into())),
            );
            row.push(Cell::text(&commitment.id));
            row.push(Cell::optional(commitment.ogp_id.clone()));
            row.push(Cell::text(text(&commitment.title)));
            row.push(names(&commitment.lead));
            row.push(names(&commitment.co_lead));
            row.push(names(&commitment.supporting));
            row.push(Cell::List(
                commitment
                    .values
                    .iter()
                    .map(|v| v.as_str().to_string())
                    .collect(),
            ));
            row.push(Cell::optional(commitment.start.map(|d| d.to_string())));
            row.push(Cell::optional(commitment.end.map(|d| d.to_string())));
        };

        // The commitment as a whole.
        let mut row = vec![Cell::text("commitment")];
        shared(&mut row);
        row.extend([Cell::Null, Cell::Null, Cell::Null, Cell::Null, Cell::Null]);
        let all = facts::all_reports(plan, commitment);
        row.push(Cell::optional(
            facts::overall_completion(plan, commitment).map(|c| c.as_str()),
        ));
        row.push(Cell::optional(
            plan.latest_report_on(commitment)
                .and_then(|report| report.date)
                .map(|d| d.to_string()),
        ));
        row.push(facts::latest_percent(plan, commitment, None).map_or(Cell::Null, Cell::Number));
        row.push(evidence(&all));
        assessment(plan, commitment, &mut row);
        rows.push(row);

        // Each milestone.
        for (index, milestone) in commitment.milestones.iter().enumerate() {
            let mut row = vec![Cell::text("milestone")];
            shared(&mut row);
            row.push(Cell::text(commitment.milestone_label(index)));
            row.push(Cell::optional(milestone.id.clone()));
            row.push(Cell::text(text(&milestone.title)));
            row.push(Cell::optional(milestone.output.as_ref().map(&text)));
            row.push(Cell::optional(milestone.due.map(|d| d.to_string())));
            row.push(Cell::optional(
                plan.milestone_completion(commitment, index)
                    .map(|c| c.as_str()),
            ));
            row.push(Cell::optional(
                plan.latest_report(commitment, index)
                    .and_then(|report| report.date)
                    .map(|d| d.to_string()),
            ));
            row.push(
                facts::latest_percent(plan, commitment, Some(index))
                    .map_or(Cell::Null, Cell::Number),
            );
            row.push(evidence(&plan.reports_about(commitment, Some(index))));
            assessment(plan, commitment, &mut row);
            rows.push(row);
        }
    }
    rows
}

fn evidence(reports: &[&crate::model::Report]) -> Cell {
    Cell::List(
        facts::evidence_of(reports)
            .into_iter()
            .map(|piece| redact(piece).into_owned())
            .collect(),
    )
}

/// The latest assessment's fields: who, which, when, and its findings.
fn assessment(plan: &Plan, commitment: &Commitment, row: &mut Vec<Cell>) {
    let Some(latest) = facts::latest_assessment(plan, commitment) else {
        row.extend(std::iter::repeat_n(Cell::Null, 9));
        return;
    };
    let bool_cell = |value: Option<bool>| value.map_or(Cell::Null, Cell::Bool);
    row.push(Cell::optional(latest.by.map(|b| b.as_str())));
    row.push(Cell::optional(latest.kind.map(|k| k.as_str())));
    row.push(Cell::optional(latest.date.map(|d| d.to_string())));
    row.push(bool_cell(latest.verifiable));
    row.push(bool_cell(latest.open_government_lens));
    row.push(Cell::optional(latest.potential.map(|p| p.as_str())));
    row.push(Cell::optional(latest.completion.map(|c| c.as_str())));
    row.push(Cell::optional(latest.early_results.map(|e| e.as_str())));
    row.push(Cell::optional(
        latest.url.as_deref().map(|u| redact(u).into_owned()),
    ));
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_row_has_every_column() {
        let plan = crate::model::Plan::default();
        assert!(super::rows(&plan, "en").is_empty());
        assert_eq!(super::header().len(), super::COLUMNS.len());
    }
}
