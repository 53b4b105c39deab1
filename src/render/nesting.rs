//! A cap on how deeply plan Markdown nests, applied before pulldown-cmark parses it.
//!
//! pulldown-cmark, ammonia and Typst all take time (or stack) that grows faster than the
//! text when block quotes and lists nest thousands deep: a commitment body of 64,000 `>`
//! took 53 s to become HTML, and its PDF overflowed the stack. No action plan needs more
//! than a few levels, so a line whose container markers (`>`, `-`, `*`, `+`, `1.`, `1)`)
//! go past [`MAX_DEPTH`] keeps the first [`MAX_DEPTH`] of them, and the next one is escaped:
//! from there on the line is text, shown as it was typed. The pass looks at each line once,
//! so it is linear, and so is everything after it.

use std::borrow::Cow;

/// The deepest nesting of block quotes and list items that plan Markdown keeps.
pub(super) const MAX_DEPTH: usize = 12;

/// `markdown`, with the container markers past [`MAX_DEPTH`] on each line escaped.
///
/// Nesting by indentation alone (a list item indented under another, line after line)
/// needs a line as long as its depth, so its cost is already bounded by the file's size.
pub(super) fn cap_nesting(markdown: &str) -> Cow<'_, str> {
    // Most text nests nowhere near the cap: it is not copied.
    if !markdown
        .split_inclusive('\n')
        .any(|line| excess_marker(line).is_some())
    {
        return Cow::Borrowed(markdown);
    }
    let mut capped = String::with_capacity(markdown.len() + 16);
    for line in markdown.split_inclusive('\n') {
        match excess_marker(line) {
            Some(at) => {
                capped.push_str(&line[..at]);
                capped.push('\\');
                capped.push_str(&line[at..]);
            }
            None => capped.push_str(line),
        }
    }
    Cow::Owned(capped)
}

/// Where on `line` the first container marker past [`MAX_DEPTH`] is (the byte to put a
/// backslash before), if the line nests that deep.
fn excess_marker(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut i = 0;
    let mut depth = 0;
    loop {
        while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
            i += 1;
        }
        let (escape_at, end) = marker(bytes, i)?;
        depth += 1;
        if depth > MAX_DEPTH {
            return Some(escape_at);
        }
        i = end;
    }
}

/// The container marker at `i`, if there is one: the byte to escape, and where it ends.
fn marker(bytes: &[u8], i: usize) -> Option<(usize, usize)> {
    // A list marker needs a space, a tab or the end of the line after it; a quote does not.
    let spaced = |at: usize| {
        bytes
            .get(at)
            .is_none_or(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    };
    match bytes.get(i)? {
        b'>' => Some((i, i + 1)),
        b'-' | b'*' | b'+' if spaced(i + 1) => Some((i, i + 1)),
        b'0'..=b'9' => {
            let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
            let after = i + digits;
            (digits <= 9 && matches!(bytes.get(after), Some(b'.' | b')')) && spaced(after + 1))
                .then_some((after, after + 1))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_text_is_left_alone() {
        let text = "# T\n\n> a\n> > b\n\n- x\n  - y\n\n1. one\n2) two\n\n-not a list\n";
        assert!(matches!(cap_nesting(text), Cow::Borrowed(_)));
    }

    #[test]
    fn markers_past_the_cap_become_text() {
        let deep = format!("{}deep\n", "> ".repeat(MAX_DEPTH + 8));
        let capped = cap_nesting(&deep);
        assert_eq!(
            capped,
            format!("{}\\{}deep\n", "> ".repeat(MAX_DEPTH), "> ".repeat(8))
        );
        let deep = format!("{}deep\n", ">".repeat(100));
        assert_eq!(
            cap_nesting(&deep),
            format!(
                "{}\\{}deep\n",
                ">".repeat(MAX_DEPTH),
                ">".repeat(100 - MAX_DEPTH)
            )
        );
        let list = format!("{}x\n", "- 1. ".repeat(MAX_DEPTH));
        let capped = cap_nesting(&list);
        assert!(
            capped.starts_with(&"- 1. ".repeat(MAX_DEPTH / 2)),
            "{capped}"
        );
        assert!(capped.contains("- 1. \\- 1. "), "{capped}");
        let ordered = format!("{}x\n", "1) ".repeat(MAX_DEPTH + 1));
        assert!(cap_nesting(&ordered).ends_with("1\\) x\n"));
    }
}
