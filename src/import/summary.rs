//! What an import says it did: the counts, then whatever needs the user's attention.

use std::collections::BTreeMap;

use crate::rules::count_noun;

/// What an import did (or, for a dry run, would do).
#[derive(Debug, Default)]
pub struct Summary {
    pub rows: usize,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Rows not imported, by reason.
    pub skipped: BTreeMap<&'static str, usize>,
    /// Comments written without `in-reply-to`: what they answer is not known.
    pub unlinked_comments: usize,
    /// Amendments written without `amends`: the proposal they amend is not known.
    pub unlinked_amendments: usize,
    /// Responses written from Decidim's answers.
    pub responses_taken: usize,
    /// Decidim answers not taken, because the plan has its own response with another
    /// status.
    pub responses_kept: usize,
    /// Responses that were Decidim's answer, unchanged in the plan, replaced by Decidim's
    /// newer answer.
    pub responses_renewed: usize,
    /// Proposals Decidim rejected without an answer text: a rejection needs a reason.
    pub rejected_without_answer: usize,
    /// Proposals in a state obert does not know, by state.
    pub other_states: BTreeMap<String, usize>,
    /// E-mail addresses and phone numbers masked in imported text, and authors' names
    /// replaced by a pseudonym because they held one.
    pub masked: usize,
    /// The contributions files that gained or changed an entry.
    pub files: Vec<String>,
    /// Proposals of the export's components that the plan holds and the export does not:
    /// Decidim (0.26.6+, 0.27.3+) leaves out what its moderators hid. By component.
    pub missing: BTreeMap<u64, Vec<String>>,
}

impl Summary {
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }

    /// The summary as lines for the user: the counts, then whatever needs their attention.
    pub fn lines(&self) -> Vec<String> {
        let mut first = format!(
            "{}: {} added, {} updated, {} unchanged, {} skipped",
            count_noun(self.rows, "row", "rows"),
            self.added,
            self.updated,
            self.unchanged,
            self.skipped_total()
        );
        if !self.skipped.is_empty() {
            let reasons: Vec<String> = self
                .skipped
                .iter()
                .map(|(reason, count)| format!("{count} {reason}"))
                .collect();
            first.push_str(&format!(" ({})", reasons.join(", ")));
        }
        let mut lines = vec![first];
        if self.responses_taken > 0 {
            lines.push(format!(
                "{} from Decidim's answers",
                count_noun(self.responses_taken, "response taken", "responses taken")
            ));
        }
        if self.responses_renewed > 0 {
            lines.push(format!(
                "{} from Decidim's newer answers",
                count_noun(
                    self.responses_renewed,
                    "response renewed",
                    "responses renewed"
                )
            ));
        }
        if self.responses_kept > 0 {
            lines.push(format!(
                "{} already in the plan kept, where Decidim answers otherwise",
                count_noun(self.responses_kept, "response", "responses")
            ));
        }
        if self.unlinked_comments > 0 {
            lines.push(format!(
                "{} no `in-reply-to`: the proposal answered is in neither this export nor the plan",
                count_noun(self.unlinked_comments, "comment has", "comments have")
            ));
        }
        if self.unlinked_amendments > 0 {
            lines.push(format!(
                "{} no `amends`: the proposal amended is in neither this export nor the plan",
                count_noun(self.unlinked_amendments, "amendment has", "amendments have")
            ));
        }
        if self.rejected_without_answer > 0 {
            lines.push(format!(
                "{} in Decidim without an answer text, and so no response yet: a rejection needs a reason (`obert contribution respond`)",
                count_noun(
                    self.rejected_without_answer,
                    "proposal was rejected",
                    "proposals were rejected"
                )
            ));
        }
        for (state, count) in &self.other_states {
            lines.push(format!(
                "{} the state `{state}`, which obert does not know: no response taken",
                count_noun(*count, "proposal has", "proposals have")
            ));
        }
        for (component, ids) in &self.missing {
            let shown: Vec<&str> = ids.iter().take(3).map(String::as_str).collect();
            let more = if ids.len() > shown.len() { ", …" } else { "" };
            lines.push(format!(
                "{} of component {component} in the plan {} not in this export ({}{more}): Decidim leaves out what its moderators hid; if so, `obert contribution set ID hidden true` keeps {} out of the document",
                count_noun(ids.len(), "proposal", "proposals"),
                if ids.len() == 1 { "is" } else { "are" },
                shown.join(", "),
                if ids.len() == 1 { "it" } else { "them" },
            ));
        }
        if self.masked > 0 {
            lines.push(format!(
                "masked {} in the imported text: the plan is published",
                count_noun(
                    self.masked,
                    "e-mail address or phone number",
                    "e-mail addresses or phone numbers"
                )
            ));
        }
        lines
    }
}
