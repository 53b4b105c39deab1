//! Reading the plan from a git revision.
