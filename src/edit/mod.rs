//! Changes to plan files: their canonical layout.

pub mod fmt;
