//! Changes to the plan files that keep every byte a person wrote: each command locates its
//! entry in a toml_edit document, changes it, checks the whole plan as it would be, and only
//! then writes, atomically and under a lock. `fmt` gives every file its canonical layout.

pub mod document;
pub mod fields;
pub mod fmt;
pub mod lock;
pub mod ops;
pub mod session;
pub mod tables;
pub mod values;
pub mod write;
