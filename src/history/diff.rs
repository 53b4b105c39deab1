//! Two plans compared entry by entry.
