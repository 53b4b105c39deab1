//! A plan diff as text, Markdown or JSON.
