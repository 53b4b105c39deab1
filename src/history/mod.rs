//! The plan over time: reading it at any git revision ([`git`]), comparing two plans in plan
//! terms ([`diff`]) and reporting the comparison ([`report`]).

pub mod diff;
pub mod git;
pub mod report;
