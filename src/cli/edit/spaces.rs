//! `obert space …`, `obert member …`, `obert meeting …` and `obert phase …`.

use std::path::Path;

use super::{SetArgs, SheetArgs, WriteArgs, apply, import, set_about};
use crate::cli::Outcome;
use crate::edit::ops::{self, Affected, NewMeeting, NewMember, NewSpace, SheetTarget};
use crate::edit::session::EditError;
use crate::format;

#[derive(Debug, clap::Args)]
pub struct SpaceArgs {
    #[command(subcommand)]
    command: SpaceCommand,
}

#[derive(Debug, clap::Subcommand)]
enum SpaceCommand {
    /// Add a co-creation space: writes spaces/<ID>.toml
    Add {
        id: String,
        /// steering-group, forum, working-group or online
        #[arg(long)]
        kind: String,
        #[arg(long)]
        name: String,
        /// What the space is for
        #[arg(long)]
        purpose: Option<String>,
        /// Its page (online spaces)
        #[arg(long)]
        url: Option<String>,
        /// Where its public rules live
        #[arg(long)]
        rules_url: Option<String>,
        #[command(flatten)]
        write: WriteArgs,
    },
    #[command(about = set_about("a space", &format::SPACE))]
    Set {
        id: String,
        #[command(flatten)]
        set: SetArgs,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Remove a space (spaces/<ID>.toml, with its members, meetings and phases) that
    /// nothing refers to any more
    Remove {
        id: String,
        #[command(flatten)]
        write: WriteArgs,
    },
}

pub(crate) fn space(plan: Option<&Path>, args: SpaceArgs) -> anyhow::Result<Outcome> {
    match args.command {
        SpaceCommand::Add {
            id,
            kind,
            name,
            purpose,
            url,
            rules_url,
            write,
        } => {
            let new = NewSpace {
                id: &id,
                kind: &kind,
                name: &name,
                purpose: purpose.as_deref(),
                url: url.as_deref(),
                rules_url: rules_url.as_deref(),
            };
            apply(plan, &write, |s| ops::space_add(s, &new))
        }
        SpaceCommand::Set { id, set, write } => apply(plan, &write, |s| {
            ops::space_set(s, &id, &set.field, &set.change())
        }),
        SpaceCommand::Remove { id, write } => apply(plan, &write, |s| ops::space_remove(s, &id)),
    }
}

#[derive(Debug, clap::Args)]
pub struct MemberArgs {
    #[command(subcommand)]
    command: MemberCommand,
}

#[derive(Debug, clap::Subcommand)]
enum MemberCommand {
    /// Make people members of a space: one or more person ids, each with the options given
    Add {
        space: String,
        #[arg(value_name = "PERSON", required = true, num_args = 1..)]
        people: Vec<String>,
        /// Their role in the space (coordination, secretariat, …)
        #[arg(long)]
        role: Option<String>,
        /// When they joined (YYYY-MM-DD)
        #[arg(long)]
        since: Option<String>,
        /// Whether they count in the space's size, balance and sectors: `false` for an
        /// observer, the secretariat or a substitute
        #[arg(long, value_name = "true|false", default_value_t = true, action = clap::ArgAction::Set)]
        counts: bool,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Add or update a space's members from a spreadsheet, one row each, by `person`: a
    /// row for someone already listed changes their latest membership
    Import {
        space: String,
        #[command(flatten)]
        sheet: SheetArgs,
        #[command(flatten)]
        write: WriteArgs,
    },
    #[command(about = set_about(
        "a person's membership (the current one, or the latest)",
        &format::MEMBER
    ))]
    Set {
        space: String,
        person: String,
        #[command(flatten)]
        set: SetArgs,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Remove a membership entered by mistake (for someone who left, use `leave`)
    Remove {
        space: String,
        person: String,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Record that a member left a space: they stay in its history but no longer count
    Leave {
        space: String,
        person: String,
        /// The day they left (YYYY-MM-DD)
        #[arg(long)]
        until: String,
        #[command(flatten)]
        write: WriteArgs,
    },
}

pub(crate) fn member(plan: Option<&Path>, args: MemberArgs) -> anyhow::Result<Outcome> {
    match args.command {
        MemberCommand::Add {
            space,
            people,
            role,
            since,
            counts,
            write,
        } => apply(plan, &write, |s| {
            let mut affected = Affected::Space(space.clone());
            for person in &people {
                let new = NewMember {
                    person,
                    role: role.as_deref(),
                    since: since.as_deref(),
                    counts,
                };
                affected = ops::member_add(s, &space, &new)?;
            }
            Ok(affected)
        }),
        MemberCommand::Import {
            space,
            sheet,
            write,
        } => {
            let comes_after = format::SPACE.names_before("member");
            // The file's path outlives the import that borrows it.
            let path: std::cell::OnceCell<Result<String, String>> = std::cell::OnceCell::new();
            import(plan, &write, &sheet, |session| {
                let file = path.get_or_init(|| {
                    ops::members_file(session, &space).map_err(|error| error.to_string())
                });
                let file = file
                    .as_deref()
                    .map_err(|why| EditError::Refused(why.clone()))?;
                let target = SheetTarget {
                    path: file,
                    array: "member",
                    id_key: "person",
                    spec: &format::MEMBER,
                    comes_after: &comes_after,
                    noun: "member",
                };
                Ok((target, Affected::Space(space.clone())))
            })
        }
        MemberCommand::Set {
            space,
            person,
            set,
            write,
        } => apply(plan, &write, |s| {
            ops::member_set(s, &space, &person, &set.field, &set.change())
        }),
        MemberCommand::Remove {
            space,
            person,
            write,
        } => apply(plan, &write, |s| ops::member_remove(s, &space, &person)),
        MemberCommand::Leave {
            space,
            person,
            until,
            write,
        } => apply(plan, &write, |s| {
            ops::member_leave(s, &space, &person, &until)
        }),
    }
}

#[derive(Debug, clap::Args)]
pub struct MeetingArgs {
    #[command(subcommand)]
    command: MeetingCommand,
}

#[derive(Debug, clap::Subcommand)]
enum MeetingCommand {
    /// Record a meeting of a space
    Add {
        space: String,
        /// The meeting's id, unique within the space
        id: String,
        /// YYYY-MM-DD
        #[arg(long)]
        date: String,
        /// plenary, session, meeting, or workshop (a public event)
        #[arg(long)]
        kind: String,
        #[arg(long)]
        title: Option<String>,
        /// A person who attended (repeatable)
        #[arg(long = "attendee", value_name = "PERSON")]
        attendees: Vec<String>,
        /// How many people took part without being listed, as at a public workshop
        #[arg(long, value_name = "N")]
        participants: Option<String>,
        /// The minutes: a path inside the plan folder, or a URL
        #[arg(long)]
        minutes: Option<String>,
        /// When the meeting's materials were published (YYYY-MM-DD)
        #[arg(long)]
        materials_published: Option<String>,
        #[command(flatten)]
        write: WriteArgs,
    },
    #[command(about = set_about("a meeting", &format::MEETING))]
    Set {
        space: String,
        id: String,
        #[command(flatten)]
        set: SetArgs,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Remove a meeting
    Remove {
        space: String,
        id: String,
        #[command(flatten)]
        write: WriteArgs,
    },
}

pub(crate) fn meeting(plan: Option<&Path>, args: MeetingArgs) -> anyhow::Result<Outcome> {
    match args.command {
        MeetingCommand::Add {
            space,
            id,
            date,
            kind,
            title,
            attendees,
            participants,
            minutes,
            materials_published,
            write,
        } => {
            let new = NewMeeting {
                id: &id,
                date: &date,
                kind: &kind,
                title: title.as_deref(),
                attendees: &attendees,
                participants: participants.as_deref(),
                minutes: minutes.as_deref(),
                materials_published: materials_published.as_deref(),
            };
            apply(plan, &write, |s| ops::meeting_add(s, &space, &new))
        }
        MeetingCommand::Set {
            space,
            id,
            set,
            write,
        } => apply(plan, &write, |s| {
            ops::meeting_set(s, &space, &id, &set.field, &set.change())
        }),
        MeetingCommand::Remove { space, id, write } => {
            apply(plan, &write, |s| ops::meeting_remove(s, &space, &id))
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct PhaseArgs {
    #[command(subcommand)]
    command: PhaseCommand,
}

#[derive(Debug, clap::Subcommand)]
enum PhaseCommand {
    /// Add a consultation window to an online space
    Add {
        space: String,
        id: String,
        #[arg(long)]
        title: String,
        /// YYYY-MM-DD
        #[arg(long)]
        start: String,
        /// YYYY-MM-DD
        #[arg(long)]
        end: String,
        #[command(flatten)]
        write: WriteArgs,
    },
    #[command(about = set_about("a phase", &format::PHASE))]
    Set {
        space: String,
        id: String,
        #[command(flatten)]
        set: SetArgs,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Remove a phase that no contributions file names any more
    Remove {
        space: String,
        id: String,
        #[command(flatten)]
        write: WriteArgs,
    },
}

pub(crate) fn phase(plan: Option<&Path>, args: PhaseArgs) -> anyhow::Result<Outcome> {
    match args.command {
        PhaseCommand::Add {
            space,
            id,
            title,
            start,
            end,
            write,
        } => apply(plan, &write, |s| {
            ops::phase_add(s, &space, &id, &title, &start, &end)
        }),
        PhaseCommand::Set {
            space,
            id,
            set,
            write,
        } => apply(plan, &write, |s| {
            ops::phase_set(s, &space, &id, &set.field, &set.change())
        }),
        PhaseCommand::Remove { space, id, write } => {
            apply(plan, &write, |s| ops::phase_remove(s, &space, &id))
        }
    }
}
