//! `obert org …` and `obert person …`.

use std::path::Path;

use super::{SetArgs, SheetArgs, WriteArgs, apply, import, set_about};
use crate::cli::Outcome;
use crate::edit::ops::Affected;
use crate::edit::ops::{self, NewPerson};
use crate::format;

#[derive(Debug, clap::Args)]
pub struct OrgArgs {
    #[command(subcommand)]
    command: OrgCommand,
}

#[derive(Debug, clap::Subcommand)]
enum OrgCommand {
    /// Add an organisation to organisations.toml
    Add {
        /// The new organisation's id
        id: String,
        /// Its name
        #[arg(long)]
        name: String,
        /// Its sector: public-administration, open-government-entity, generalist-entity,
        /// expert, academia, private-sector or citizen
        #[arg(long)]
        sector: String,
        /// Its level: local, provincial, regional, national or other
        #[arg(long)]
        level: Option<String>,
        #[command(flatten)]
        write: WriteArgs,
    },
    #[command(about = set_about("an organisation", &format::ORGANISATION))]
    Set {
        id: String,
        #[command(flatten)]
        set: SetArgs,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Remove an organisation that nothing refers to any more
    Remove {
        id: String,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Give an organisation another id, and rewrite every reference to it in the plan in
    /// the same edit
    Rename {
        old: String,
        new: String,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Add or update organisations from a spreadsheet, one row each, by `id`
    Import {
        #[command(flatten)]
        sheet: SheetArgs,
        #[command(flatten)]
        write: WriteArgs,
    },
}

pub(crate) fn org(plan: Option<&Path>, args: OrgArgs) -> anyhow::Result<Outcome> {
    match args.command {
        OrgCommand::Add {
            id,
            name,
            sector,
            level,
            write,
        } => apply(plan, &write, |s| {
            ops::org_add(s, &id, &name, &sector, level.as_deref())
        }),
        OrgCommand::Set { id, set, write } => apply(plan, &write, |s| {
            ops::org_set(s, &id, &set.field, &set.change())
        }),
        OrgCommand::Remove { id, write } => apply(plan, &write, |s| ops::org_remove(s, &id)),
        OrgCommand::Rename { old, new, write } => {
            apply(plan, &write, |s| ops::org_rename(s, &old, &new))
        }
        OrgCommand::Import { sheet, write } => import(plan, &write, &sheet, |_| {
            Ok((ops::ORGANISATIONS_SHEET, Affected::Organisations))
        }),
    }
}

#[derive(Debug, clap::Args)]
pub struct PersonArgs {
    #[command(subcommand)]
    command: PersonCommand,
}

#[derive(Debug, clap::Subcommand)]
enum PersonCommand {
    /// Add a person to people.toml. E-mail and phone are kept private: no output shows them
    Add {
        /// The new person's id
        id: String,
        /// The organisation they represent
        #[arg(long)]
        organisation: Option<String>,
        /// Their sector, when it is not their organisation's
        #[arg(long)]
        sector: Option<String>,
        /// Their name
        #[arg(long)]
        name: Option<String>,
        /// They consent to their name being published (`--public false` records that they
        /// do not)
        #[arg(long, num_args = 0..=1, default_missing_value = "true", value_name = "BOOL")]
        public: Option<bool>,
        /// Their e-mail address (private)
        #[arg(long)]
        email: Option<String>,
        /// Their phone number (private)
        #[arg(long)]
        phone: Option<String>,
        /// woman, man, non-binary or undisclosed (only ever counted, never shown)
        #[arg(long)]
        gender: Option<String>,
        #[command(flatten)]
        write: WriteArgs,
    },
    #[command(about = set_about("a person", &format::PERSON))]
    Set {
        id: String,
        #[command(flatten)]
        set: SetArgs,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Remove a person who is no longer a member or attendee anywhere
    Remove {
        id: String,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Give a person another id, and rewrite every reference to them in the plan in the
    /// same edit
    Rename {
        old: String,
        new: String,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Add or update people from a spreadsheet, one row each, by `id`. E-mails and phones
    /// go into people.toml and never into any output
    Import {
        #[command(flatten)]
        sheet: SheetArgs,
        #[command(flatten)]
        write: WriteArgs,
    },
}

pub(crate) fn person(plan: Option<&Path>, args: PersonArgs) -> anyhow::Result<Outcome> {
    match args.command {
        PersonCommand::Add {
            id,
            organisation,
            sector,
            name,
            public,
            email,
            phone,
            gender,
            write,
        } => {
            let person = NewPerson {
                id: &id,
                organisation: organisation.as_deref(),
                sector: sector.as_deref(),
                name: name.as_deref(),
                public,
                email: email.as_deref(),
                phone: phone.as_deref(),
                gender: gender.as_deref(),
            };
            apply(plan, &write, |s| ops::person_add(s, &person))
        }
        PersonCommand::Set { id, set, write } => apply(plan, &write, |s| {
            ops::person_set(s, &id, &set.field, &set.change())
        }),
        PersonCommand::Remove { id, write } => apply(plan, &write, |s| ops::person_remove(s, &id)),
        PersonCommand::Rename { old, new, write } => {
            apply(plan, &write, |s| ops::person_rename(s, &old, &new))
        }
        PersonCommand::Import { sheet, write } => import(plan, &write, &sheet, |_| {
            Ok((ops::PEOPLE_SHEET, Affected::People))
        }),
    }
}
