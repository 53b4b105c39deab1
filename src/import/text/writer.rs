//! Writing Markdown that shows a citizen's text as text: the HTML and plain-text readers
//! say what they found (words, breaks, list items, emphasis, links) and the writer lays it
//! out and escapes every character that Markdown would read as formatting.
//!
//! The escaping follows CommonMark as obert's renderer reads it (pulldown-cmark with tables,
//! strikethrough, footnotes and heading attributes: `src/render/markdown.rs`): `\`, `` ` ``,
//! `*`, `[`, `]`, `~` and `|` always; `_` unless it sits between two letters or digits (where
//! it can neither open nor close emphasis); `<` before a letter, `/`, `!` or `?` (a tag or an
//! autolink); `&` that would start an entity; and at the start of a line whatever would start
//! a block: `#`…`######` and `-`, `+`, `=`, `---`, `===` followed by a space or the line's
//! end, `>`, and `1.`/`1)`. Text never starts a line with spaces, so it never becomes code.

/// How deep lists nest in the output: deeper lists go on at this depth, so the indentation
/// (and the work per line) stays bounded whatever the input.
pub const MAX_LIST_DEPTH: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Break {
    Space,
    /// A line break inside a paragraph (Markdown's hard break, `\` at the line's end).
    Line,
    /// A new paragraph.
    Paragraph,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Emphasis {
    Strong,
    Em,
}

impl Emphasis {
    fn marker(self) -> &'static str {
        match self {
            Emphasis::Strong => "**",
            // `*`, not `_`: `_` cannot open or close emphasis inside a word (`pa<em>raula</em>`).
            Emphasis::Em => "*",
        }
    }
}

#[derive(Debug)]
struct List {
    ordered: bool,
    next: u32,
    /// The indentation of this list's markers.
    indent: String,
}

#[derive(Debug, Default)]
pub(super) struct Writer {
    out: String,
    /// Indentation of the current block's lines (the content column of the list item).
    indent: String,
    /// Where the current line starts in `out`.
    line_start: usize,
    /// Whether text or markup was written on the current line after its indentation or marker.
    line_has_content: bool,
    pending: Option<Break>,
    lists: Vec<List>,
    /// Lists opened deeper than [`MAX_LIST_DEPTH`]: counted, not laid out.
    lists_beyond: usize,
    /// Emphasis open in the source, and whether its marker is written yet.
    strong: usize,
    em: usize,
    written: Vec<Emphasis>,
    /// Markers to write before the next word (an emphasis with no word yet writes nothing).
    waiting: Vec<Emphasis>,
    /// Set when a top-level list opens, until its first item.
    list_follows_text: bool,
    /// A link being written: its destination, and where its text starts in `out`.
    link: Option<(String, usize)>,
}

impl Writer {
    pub(super) fn finish(mut self) -> String {
        self.close_written();
        tidy(&self.out)
    }

    pub(super) fn request(&mut self, wanted: Break) {
        self.pending = Some(self.pending.map_or(wanted, |p| p.max(wanted)));
    }

    fn resolve(&mut self) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        if !self.line_has_content || self.out.is_empty() {
            return;
        }
        match pending {
            Break::Space => self.out.push(' '),
            Break::Line => {
                // Emphasis and link text may run over a hard break, so they stay open.
                self.out.push('\\');
                self.new_line(false);
            }
            Break::Paragraph => {
                let reopen = self.close_written();
                self.new_line(true);
                self.waiting = reopen;
            }
        }
    }

    fn new_line(&mut self, blank: bool) {
        self.out.push('\n');
        if blank {
            self.out.push('\n');
        }
        self.line_start = self.out.len();
        self.out.push_str(&self.indent);
        self.line_has_content = false;
    }

    /// A `<` that ends the text before `at`, now glued to a letter (text that follows it
    /// directly, or a link's `[` taken away), would open a tag: escape it.
    fn escape_glued_lt(&mut self, at: usize) {
        if !self.out[..at].ends_with('<') {
            return;
        }
        let backslashes = self.out[..at - 1]
            .bytes()
            .rev()
            .take_while(|&b| b == b'\\')
            .count();
        if backslashes % 2 == 0 {
            self.out.insert(at - 1, '\\');
        }
    }

    /// Writes the closing markers of the emphasis written so far (before a block ends) and
    /// returns them, to be opened again in the next block.
    fn close_written(&mut self) -> Vec<Emphasis> {
        if let Some((_, start)) = self.link.take() {
            // A link cannot span blocks: what was written stays as text.
            self.out.remove(start - 1);
            self.escape_glued_lt(start - 1);
        }
        let written = std::mem::take(&mut self.written);
        for e in written.iter().rev() {
            self.out.push_str(e.marker());
        }
        written
    }

    /// Writes one word (no whitespace in it): escaped, with bare `http(s)://` addresses made
    /// links unless inside a link.
    pub(super) fn word(&mut self, word: &str) {
        if word.is_empty() {
            return;
        }
        self.resolve();
        if word.starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?')) {
            self.escape_glued_lt(self.out.len());
        }
        let at_line_start = !self.line_has_content && self.waiting.is_empty();
        for e in std::mem::take(&mut self.waiting) {
            self.out.push_str(e.marker());
            self.written.push(e);
        }
        escape_word(word, at_line_start, self.link.is_none(), &mut self.out);
        self.line_has_content = true;
    }

    /// Writes `text`, its whitespace runs as spaces.
    pub(super) fn words(&mut self, text: &str) {
        let mut first = true;
        for word in text.split(is_space) {
            if !first {
                self.request(Break::Space);
            }
            first = false;
            self.word(word);
        }
    }

    pub(super) fn open(&mut self, e: Emphasis) {
        let depth = match e {
            Emphasis::Strong => &mut self.strong,
            Emphasis::Em => &mut self.em,
        };
        *depth += 1;
        if *depth == 1 {
            self.waiting.push(e);
        }
    }

    pub(super) fn close(&mut self, e: Emphasis) {
        let depth = match e {
            Emphasis::Strong => &mut self.strong,
            Emphasis::Em => &mut self.em,
        };
        if *depth == 0 {
            return;
        }
        *depth -= 1;
        if *depth > 0 {
            return;
        }
        if let Some(at) = self.waiting.iter().position(|&w| w == e) {
            self.waiting.remove(at);
        } else if let Some(at) = self.written.iter().rposition(|&w| w == e) {
            // Close the ones opened inside it too, then open them again.
            let inner: Vec<Emphasis> = self.written.drain(at..).collect();
            for w in inner.iter().rev() {
                self.out.push_str(w.marker());
            }
            for w in inner.into_iter().skip(1) {
                self.waiting.push(w);
            }
        }
    }

    /// Starts a link to `url` (already checked to be http, https or mailto).
    pub(super) fn open_link(&mut self, url: String) {
        if self.link.is_some() {
            return;
        }
        self.resolve();
        for e in std::mem::take(&mut self.waiting) {
            self.out.push_str(e.marker());
            self.written.push(e);
        }
        self.out.push('[');
        self.line_has_content = true;
        self.link = Some((url, self.out.len()));
    }

    pub(super) fn close_link(&mut self) {
        let Some((url, start)) = self.link.take() else {
            return;
        };
        if self.out.len() == start {
            // No text: the address is the text.
            self.out.truncate(start - 1);
            if url.contains(|c: char| c.is_whitespace() || c == '<' || c == '>') {
                return;
            }
            self.out.push('<');
            self.out.push_str(&url);
            self.out.push('>');
            return;
        }
        self.out.push_str("](");
        for c in url.chars() {
            match c {
                ' ' => self.out.push_str("%20"),
                '(' | ')' | '<' | '>' | '\\' | '&' => {
                    self.out.push('\\');
                    self.out.push(c);
                }
                c if c.is_control() => {}
                c => self.out.push(c),
            }
        }
        self.out.push(')');
    }

    pub(super) fn open_list(&mut self, ordered: bool) {
        if self.lists.len() >= MAX_LIST_DEPTH {
            self.lists_beyond += 1;
            return;
        }
        let indent = match self.lists.last() {
            // Nested lists sit in their item's content column.
            Some(_) => self.indent.clone(),
            None => {
                // A list after a paragraph is set off by a blank line.
                self.request(Break::Paragraph);
                self.list_follows_text = true;
                String::new()
            }
        };
        if !self.lists.is_empty() {
            self.request(Break::Line);
        }
        self.lists.push(List {
            ordered,
            next: 1,
            indent,
        });
    }

    pub(super) fn close_list(&mut self) {
        if self.lists_beyond > 0 {
            self.lists_beyond -= 1;
            return;
        }
        if let Some(list) = self.lists.pop() {
            // What follows a list is a new paragraph (else it would join the last item).
            self.request(Break::Paragraph);
            self.indent = list.indent;
            if self.lists.is_empty() {
                self.indent.clear();
            }
        }
    }

    /// Starts a list item; outside any list it starts a bulleted one of its own.
    pub(super) fn item(&mut self) {
        if self.lists.is_empty() {
            self.open_list(false);
        }
        let reopen = self.close_written();
        let pending = self.pending.take();
        let list_follows_text = std::mem::take(&mut self.list_follows_text);
        if self.line_has_content {
            self.new_line(pending == Some(Break::Paragraph) && list_follows_text);
        }
        let Some(list) = self.lists.last_mut() else {
            return;
        };
        let marker = if list.ordered {
            let marker = format!("{}. ", list.next);
            list.next = list.next.saturating_add(1);
            marker
        } else {
            "- ".to_string()
        };
        let list_indent = list.indent.clone();
        self.out.truncate(self.line_start);
        self.out.push_str(&list_indent);
        self.out.push_str(&marker);
        self.indent = format!("{list_indent}{}", " ".repeat(marker.len()));
        self.line_has_content = false;
        self.waiting = reopen;
    }
}

pub(super) fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// Writes `word` escaped (see the module's comment). `at_line_start`: the word opens a line.
fn escape_word(word: &str, at_line_start: bool, autolink: bool, out: &mut String) {
    let mut rest = word;
    if at_line_start {
        let first = word.chars().next().unwrap_or(' ');
        let only = |c: char| word.chars().all(|w| w == c);
        let heading = word.len() <= 6 && only('#');
        let ordered = word.find(['.', ')']).is_some_and(|at| {
            at > 0
                && at <= 9
                && at == word.len() - 1
                && word[..at].bytes().all(|b| b.is_ascii_digit())
        });
        if heading || first == '>' || ((first == '-' || first == '=') && only(first)) || word == "+"
        {
            out.push('\\');
        } else if ordered {
            out.push_str(&word[..word.len() - 1]);
            out.push('\\');
            rest = &word[word.len() - 1..];
        }
    }
    let bytes = rest.as_bytes();
    let mut i = 0;
    while i < rest.len() {
        let tail = &rest[i..];
        if autolink && starts_url(tail) && (i == 0 || !prev_char(rest, i).is_alphanumeric()) {
            let len = url_len(tail);
            let scheme = tail.find("://").map_or(0, |at| at + 3);
            if len > scheme {
                out.push('<');
                out.push_str(&tail[..len]);
                out.push('>');
                i += len;
                continue;
            }
        }
        let c = tail.chars().next().unwrap_or(' ');
        match c {
            '\\' | '`' | '*' | '[' | ']' | '~' | '|' => out.push('\\'),
            '_' => {
                let run = tail.bytes().take_while(|&b| b == b'_').count();
                let before = i > 0 && prev_char(rest, i).is_alphanumeric();
                let after = rest[i + run..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
                if !(before && after) {
                    for _ in 0..run {
                        out.push_str("\\_");
                    }
                } else {
                    out.push_str(&tail[..run]);
                }
                i += run;
                continue;
            }
            '<' if bytes
                .get(i + 1)
                .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?')) =>
            {
                out.push('\\')
            }
            '&' if looks_like_entity(&tail[1..]) => out.push('\\'),
            _ => {}
        }
        out.push(c);
        i += c.len_utf8();
    }
}

fn prev_char(text: &str, at: usize) -> char {
    text[..at].chars().next_back().unwrap_or(' ')
}

fn starts_url(text: &str) -> bool {
    let lower = |prefix: &str| {
        text.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    lower("http://") || lower("https://")
}

/// The length of the address at the start of `text` (a word): up to `<`, `>` or `"`, without
/// the punctuation that ends a sentence after it, nor a `)` that closes a parenthesis the
/// address did not open (`(vegeu https://x.cat/a_(b))`).
fn url_len(text: &str) -> usize {
    let mut end = text.find(['<', '>', '"']).unwrap_or(text.len());
    loop {
        let url = &text[..end];
        match url.chars().next_back() {
            Some('.' | ',' | ':' | ';' | '!' | '?' | '\'' | '*' | '_' | '~') => end -= 1,
            Some(')') if url.matches(')').count() > url.matches('(').count() => end -= 1,
            _ => return end,
        }
    }
}

/// Whether the text after a `&` would make Markdown read an entity (`&amp;`, `&#33;`).
fn looks_like_entity(after: &str) -> bool {
    let body = after.strip_prefix('#').unwrap_or(after);
    let name_len = body
        .bytes()
        .take(32)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    name_len > 0 && body.as_bytes().get(name_len) == Some(&b';')
}

/// Lines without trailing spaces, no more than one blank line in a row, no blank lines at
/// either end.
pub(super) fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(word: &str, start: bool) -> String {
        let mut out = String::new();
        escape_word(word, start, true, &mut out);
        out
    }

    #[test]
    fn line_starts_that_markdown_would_misread() {
        assert_eq!(esc("#", true), "\\#");
        assert_eq!(esc("###", true), "\\###");
        assert_eq!(esc("#GovernObert", true), "#GovernObert");
        assert_eq!(esc("-", true), "\\-");
        assert_eq!(esc("---", true), "\\---");
        assert_eq!(esc("-3", true), "-3");
        assert_eq!(esc("===", true), "\\===");
        assert_eq!(esc("+", true), "\\+");
        assert_eq!(esc(">", true), "\\>");
        assert_eq!(esc(">cita", true), "\\>cita");
        assert_eq!(esc("1.", true), "1\\.");
        assert_eq!(esc("12)", true), "12\\)");
        assert_eq!(esc("1.5", true), "1.5");
        assert_eq!(esc("2024.", false), "2024.");
        assert_eq!(esc("-", false), "-");
    }

    #[test]
    fn inline_characters() {
        assert_eq!(esc("*important*", false), "\\*important\\*");
        assert_eq!(esc("[1]", false), "\\[1\\]");
        assert_eq!(esc("C:\\dades", false), "C:\\\\dades");
        assert_eq!(esc("`codi`", false), "\\`codi\\`");
        assert_eq!(esc("maria_garcia", false), "maria_garcia");
        assert_eq!(esc("_cursiva_", false), "\\_cursiva\\_");
        assert_eq!(esc("___", true), "\\_\\_\\_");
        assert_eq!(esc("<3", false), "<3");
        assert_eq!(esc("<script>", false), "\\<script>");
        assert_eq!(esc("R&D", false), "R&D");
        assert_eq!(esc("&amp;", false), "\\&amp;");
        assert_eq!(esc("a|b", false), "a\\|b");
        assert_eq!(esc("~~no~~", false), "\\~\\~no\\~\\~");
    }

    #[test]
    fn bare_addresses_become_links() {
        assert_eq!(
            esc("https://participa.gencat.cat/a_b.", false),
            "<https://participa.gencat.cat/a_b>."
        );
        assert_eq!(
            esc("(https://ca.wikipedia.org/wiki/Govern_(política))", false),
            "(<https://ca.wikipedia.org/wiki/Govern_(política)>)"
        );
        assert_eq!(esc("https://", false), "https://");
    }
}
