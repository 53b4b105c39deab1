//! How obert shows the plan to people, shared by `list`, `status` and `show`: the table
//! style, text in the plan's language with contact details masked, how a person may be
//! named, and short words for sectors and answers.

use std::io::IsTerminal;

use comfy_table::{ColumnConstraint, ContentArrangement, Table, presets};

use crate::model::{Contribution, Keyword, Person, Plan, Sector, Text};
use crate::privacy;
use crate::rules::Context;

/// A table in the house style, laid out when it is printed, once its content is known.
///
/// Anywhere but a terminal (a pipe, a file, CI, a snapshot test) it is ASCII and never
/// wraps: one line per row, as wide as its content, so the same plan always prints the same
/// bytes whatever the environment, and `grep` sees whole rows. On a terminal it draws boxes
/// and fits the terminal's width by wrapping only the `prose` columns (titles, names), while
/// ids, counts and dates stay whole; when even that leaves the prose too little room, it
/// does not wrap at all and lets the terminal fold the long lines.
#[derive(Debug)]
pub(in crate::cli) struct Grid {
    table: Table,
    prose: Vec<bool>,
}

impl Grid {
    pub(in crate::cli) fn new(header: &[&str], prose: &[&str]) -> Self {
        let mut table = Table::new();
        table.set_header(header.iter().copied());
        let prose = header.iter().map(|name| prose.contains(name)).collect();
        Grid { table, prose }
    }

    pub(in crate::cli) fn add_row<T: Into<comfy_table::Row>>(&mut self, row: T) {
        self.table.add_row(row);
    }

    fn laid_out(&self) -> Table {
        /// Below this, a wrapped title reads as a column of syllables.
        const MIN_PROSE: usize = 24;
        let mut table = self.table.clone();
        if !std::io::stdout().is_terminal() {
            table
                .force_no_tty()
                .load_style(presets::ASCII_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Disabled);
            return table;
        }
        table.load_style(presets::UTF8_FULL_CONDENSED);
        // Each column takes its content, two spaces of padding and one border; a prose
        // column needs at least `MIN_PROSE` of its content, or all of a shorter one.
        let need: usize = (table.column_max_content_widths().iter().zip(&self.prose))
            .map(|(&width, &prose)| {
                let width = usize::from(width);
                if prose { width.min(MIN_PROSE) } else { width }
            })
            .map(|width| width + 3)
            .sum::<usize>()
            + 1;
        let fits = table.width().is_some_and(|room| need <= usize::from(room));
        if !fits {
            table.set_content_arrangement(ContentArrangement::Disabled);
            return table;
        }
        table.set_content_arrangement(ContentArrangement::Dynamic);
        for (column, &prose) in table.column_iter_mut().zip(&self.prose) {
            if !prose {
                column.set_constraint(ColumnConstraint::ContentWidth);
            }
        }
        table
    }
}

impl std::fmt::Display for Grid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.laid_out())
    }
}

/// Translatable text in the plan's primary language, with any contact detail masked: free
/// text is written by hand, and a phone number typed into a title must not be printed.
pub(in crate::cli) fn text(plan: &Plan, text: &Text) -> String {
    let lang = plan.primary_language();
    clean(text.get(lang, lang))
}

/// Free text with e-mail addresses and phone numbers masked (see [`privacy::redact`]).
pub(in crate::cli) fn clean(text: &str) -> String {
    privacy::redact(text).into_owned()
}

/// How a person may be shown: their name only with their consent (`public = true`), else as
/// the representative of their organisation, else by sector. Never their e-mail or phone.
pub(in crate::cli) fn shown_as(cx: &Context<'_>, person: &Person) -> String {
    if let Some(name) = person
        .name
        .as_deref()
        .filter(|name| !name.trim().is_empty())
        && person.public
    {
        return clean(name);
    }
    if let Some(organisation) = &person.organisation {
        return match cx.organisations.get(organisation.id.as_str()) {
            Some(known) => format!("representative of {}", clean(&known.name)),
            None => format!("representative of `{}`", organisation.id),
        };
    }
    match cx.sector_of(person) {
        Some(sector) => format!("({sector})"),
        None => "(no sector)".to_string(),
    }
}

/// Short names for sectors, for the dense "members by sector" cells of `status`.
pub(in crate::cli) fn sector_abbreviation(sector: Sector) -> &'static str {
    match sector {
        Sector::PublicAdministration => "pa",
        Sector::OpenGovernmentEntity => "oge",
        Sector::GeneralistEntity => "gen",
        Sector::Expert => "exp",
        Sector::Academia => "acad",
        Sector::PrivateSector => "priv",
        Sector::Citizen => "cit",
    }
}

/// Where a contribution stands: its response's status, or why it has none.
pub(in crate::cli) fn answer(contribution: &Contribution) -> &'static str {
    match &contribution.response {
        _ if contribution.withdrawn => "withdrawn",
        _ if contribution.hidden => "hidden",
        Some(response) => response.status.map_or("answered", Keyword::as_str),
        None => "unanswered",
    }
}
