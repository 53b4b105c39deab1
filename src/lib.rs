//! obert keeps an Open Government Partnership action plan as plain text files, checks it
//! against the rules of its co-creation process and reports where it stands.
//!
//! Every command follows one pipeline: a [`source::Source`] is [`load`]ed into a
//! [`model::Plan`] (with the findings that loading itself produced), the [`rules`] run over
//! the plan and return [`diag::Diagnostic`]s, and a renderer prints them.

pub mod cli;
pub mod diag;
pub mod edit;
pub mod evidence;
pub mod export;
pub mod format;
pub mod history;
pub mod import;
pub mod inclusion;
pub mod load;
pub mod model;
pub mod privacy;
pub mod render;
pub mod report;
pub mod rules;
pub mod scaffold;
pub mod source;
pub mod standards;
pub mod suggest;
pub mod terminal;
