//! The action plan document: the plan rendered through templates into Markdown or a
//! self-contained HTML page.

pub mod charts;
