//! The plan over time: reading it at any git revision ([`git`]), comparing two plans in plan
//! terms ([`diff`]), following the plan or one entry through its history ([`log`]) and
//! reporting the comparison ([`report`]).

pub mod diff;
pub mod git;
pub mod log;
pub mod report;
