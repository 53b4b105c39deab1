//! Plan text for the Markdown document, and plain fields escaped for it.
//!
//! The Markdown document is read by GitHub, GitLab and pandoc, each of which lets raw HTML
//! through and follows any link. So plan prose is not copied into it: pulldown-cmark parses
//! it, and [`sanitise`] writes the document's own Markdown back from the parsed structure,
//! with every piece of the plan's text escaped. What comes out can only be the structure
//! written here: raw HTML becomes text, and only `http`, `https` and `mailto` links and
//! in-document `#anchors` survive (the others keep their text). Plain fields (titles,
//! names, reasons) go through [`escape_plain`], so that they too can only be text.

use pulldown_cmark::{Alignment, CodeBlockKind, Event, Parser, Tag, TagEnd};

use super::markdown::{options, shifted, top_level};

/// A plain field as Markdown text: the characters that start HTML (`<` before a letter),
/// entities, links, emphasis, code and table cells are escaped, and so is anything at the
/// start of a line that would start a block (a heading, a list, a quote). Ordinary text
/// ("Plans d'integritat", "5 + 5", "<3") stays as it is.
pub(crate) fn escape_plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_into(&mut out, text, true, false);
    out
}

/// Escapes `text` into `out`. `line_start`: whether the text begins a line;
/// `heading`: whether it is inside an ATX heading, where `#` and `{…}` mean something.
fn escape_into(out: &mut String, text: &str, mut line_start: bool, heading: bool) {
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if line_start {
            // Indentation cannot start a code block from escaped text, but it would show
            // the text as code: leave it to the first character that is not a space.
            if c == ' ' || c == '\t' {
                out.push(c);
                continue;
            }
            line_start = false;
            match c {
                // Only what would start a heading or a list: `# `, `- `, `+ `, `1. `, `1) `.
                '#' | '-' | '+'
                    if text[at + 1..]
                        .chars()
                        .next()
                        .is_none_or(|n| n == ' ' || n == '\t' || (c == '#' && n == '#')) =>
                {
                    out.push('\\');
                    out.push(c);
                    continue;
                }
                // A quote; elsewhere `>` means nothing without a `<`, which is escaped.
                '>' => {
                    out.push_str("&gt;");
                    continue;
                }
                '0'..='9' => {
                    let digits = text[at..].bytes().take_while(u8::is_ascii_digit).count();
                    let mut after = text[at + digits..].chars();
                    if matches!(after.next(), Some('.' | ')'))
                        && after.next().is_none_or(|n| n == ' ' || n == '\t')
                    {
                        out.push_str(&text[at..at + digits]);
                        out.push('\\');
                        for _ in 1..digits {
                            chars.next();
                        }
                        continue;
                    }
                }
                _ => {}
            }
        }
        // `<` starts a tag or an autolink only before a letter, `/`, `!` or `?`, and `&`
        // an entity only before a letter, a digit or `#`: "<3" and "5 & 6" stay as typed.
        let next = text[at + c.len_utf8()..].chars().next();
        match c {
            // At the end of the text, what follows is not known: escaped.
            '<' if next.is_none_or(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')) => {
                out.push_str("&lt;");
            }
            '&' if next.is_none_or(|n| n.is_ascii_alphanumeric() || n == '#') => {
                out.push_str("&amp;");
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '{' | '}' if heading => {
                out.push('\\');
                out.push(c);
            }
            '\n' => {
                out.push('\n');
                line_start = true;
            }
            '\r' => {}
            c => out.push(c),
        }
    }
}

/// Whether a link may stay a link in the document: web and mail links, and links to a
/// place in the document itself.
fn allowed_link(url: &str) -> bool {
    url.starts_with('#') || crate::format::has_link_scheme(url)
}

/// A URL as a Markdown link destination: every character that could end it, or that a
/// browser would read differently, is percent-encoded.
fn url_into(out: &mut String, url: &str) {
    for c in url.chars() {
        match c {
            c if c.is_ascii_control() || c == ' ' => out.push_str(&format!("%{:02X}", c as u8)),
            '<' | '>' | '(' | ')' | '"' | '\'' | '\\' | '`' | '[' | ']' | '{' | '}' | '|' | '^' => {
                out.push_str(&format!("%{:02X}", c as u8));
            }
            c => out.push(c),
        }
    }
}

/// `url` as a Markdown link destination, or `None` when the URL may not be a link (see
/// [`sanitise`]): for Markdown that obert writes around plan text, such as `obert diff`'s.
pub(crate) fn link_destination(url: &str) -> Option<String> {
    allowed_link(url).then(|| {
        let mut out = String::new();
        url_into(&mut out, url);
        out
    })
}

/// `text` as a link to `url` when the URL may be one (see [`sanitise`]), or else as text.
pub(super) fn link(text: &str, url: &str) -> String {
    let mut out = String::new();
    if let Some(destination) = link_destination(url) {
        out.push('[');
        escape_into(&mut out, text, false, false);
        out.push_str("](");
        out.push_str(&destination);
        out.push(')');
    } else {
        escape_into(&mut out, text, false, false);
    }
    out
}

/// A URL shown as itself and linked (`<https://…>`) when it may be a link, or else as text.
pub(super) fn autolink(url: &str) -> String {
    if allowed_link(url) && !url.starts_with('#') {
        let mut out = String::from("<");
        url_into(&mut out, url);
        out.push('>');
        out
    } else {
        escape_plain(url)
    }
}

/// One open container: what its first line starts with, and what its other lines do.
struct Container {
    first: Option<String>,
    rest: String,
}

/// Plan Markdown as the document's Markdown, its highest heading at level `top`, with
/// nothing in it but the structure written here and escaped text (see the module).
pub(super) fn sanitise(markdown: &str, top: u8) -> String {
    let text_top = top_level(markdown).unwrap_or(top);
    let mut w = Writer {
        out: String::with_capacity(markdown.len() + markdown.len() / 8),
        containers: Vec::new(),
        line_start: true,
        separate: false,
        lists: Vec::new(),
        links: Vec::new(),
        code_block: None,
        heading: false,
        heading_id: None,
        destinations: Vec::new(),
        delimiters: Vec::new(),
        anchor: false,
        html_block: None,
        table: Vec::new(),
        cell: 0,
    };
    for event in Parser::new_ext(markdown, options()) {
        w.event(event, text_top, top);
    }
    let trimmed = w.out.trim_end().len();
    w.out.truncate(trimmed);
    w.out
}

struct Writer {
    out: String,
    containers: Vec<Container>,
    /// Whether the next character begins a line (its containers' prefixes still to write).
    line_start: bool,
    /// Whether a blank line must come before the next block.
    separate: bool,
    /// Each open list's next number (`None`: a bullet list).
    lists: Vec<Option<u64>>,
    /// Whether each open link or image was kept: one that was not keeps its text only.
    links: Vec<bool>,
    /// The code block being read, with its fence's language: written at its end, inside
    /// a fence longer than any run of `~` in it.
    code_block: Option<(String, String)>,
    heading: bool,
    /// The id of the heading being written (`{#p1}`), kept when it is a plain word.
    heading_id: Option<String>,
    /// The destination of each open link or image.
    destinations: Vec<String>,
    /// The delimiter of each open emphasis.
    delimiters: Vec<&'static str>,
    /// Whether an anchor (`<a id="…">`) was just opened, for its `</a>`.
    anchor: bool,
    /// The raw HTML of the block being read: shown as text at its end.
    html_block: Option<String>,
    table: Vec<Alignment>,
    cell: usize,
}

impl Writer {
    /// Opens emphasis with `star`, or with `underscore` right after another `*`, where a
    /// run of stars (`***`) would read differently; the same closes it.
    fn delimiter(&mut self, star: &'static str, underscore: &'static str) {
        let delimiter = if self.out.ends_with('*') {
            underscore
        } else {
            star
        };
        self.delimiters.push(delimiter);
        self.raw(delimiter);
    }

    /// Writes the prefixes of the open containers, if at the start of a line.
    fn prefix(&mut self) {
        if !self.line_start {
            return;
        }
        self.line_start = false;
        for container in &mut self.containers {
            match container.first.take() {
                Some(first) => self.out.push_str(&first),
                None => self.out.push_str(&container.rest),
            }
        }
    }

    fn newline(&mut self) {
        if !self.line_start {
            self.out.push('\n');
            self.line_start = true;
        }
    }

    /// Starts a block: on a line of its own, after a blank line if one is due.
    fn block(&mut self) {
        self.newline();
        if self.separate {
            self.blank_prefix();
            self.out.push('\n');
        }
        self.separate = false;
    }

    fn end_block(&mut self) {
        self.newline();
        self.separate = true;
    }

    fn raw(&mut self, text: &str) {
        self.prefix();
        self.out.push_str(text);
    }

    /// The plan's text, escaped; a line break in it starts a new line in the containers.
    fn text(&mut self, text: &str) {
        self.lines(text, true);
    }

    /// Code as it is (a code block's lines): only the fence around it is ours.
    fn code_text(&mut self, text: &str) {
        self.lines(text, false);
    }

    fn lines(&mut self, text: &str, escape: bool) {
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                // An empty line still carries the quotes' `>`: without it, the quote (and
                // a code block in it) would end there.
                self.blank_prefix();
                self.out.push('\n');
                self.line_start = true;
            }
            if line.is_empty() {
                continue;
            }
            let at_start = self.line_start;
            self.prefix();
            if escape {
                escape_into(&mut self.out, line, at_start, self.heading);
            } else {
                self.out.push_str(line);
            }
        }
    }

    /// The prefixes of an empty line, without trailing spaces.
    fn blank_prefix(&mut self) {
        if self.line_start {
            let blank: String = self.containers.iter().map(|c| c.rest.as_str()).collect();
            self.out.push_str(blank.trim_end());
        }
    }

    fn event(&mut self, event: Event<'_>, text_top: u8, top: u8) {
        if let Some(html) = &mut self.html_block {
            match event {
                Event::Html(text) | Event::Text(text) => {
                    html.push_str(&text);
                    return;
                }
                Event::End(TagEnd::HtmlBlock) => {
                    let html = self.html_block.take().unwrap_or_default();
                    self.block();
                    if is_anchor(html.trim_end()) {
                        // The anchor obert puts before a meeting's minutes (view.rs).
                        self.raw(html.trim_end());
                    } else {
                        self.text(html.trim_end());
                    }
                    self.end_block();
                    return;
                }
                _ => {}
            }
        }
        match event {
            Event::Start(tag) => self.start(tag, text_top, top),
            Event::End(tag) => self.end(tag),
            Event::Text(text) if self.code_block.is_some() => {
                if let Some((_, code)) = &mut self.code_block {
                    code.push_str(&text);
                }
            }
            Event::Text(text) => self.text(&text),
            Event::Code(code) => {
                let code = code.replace('\n', " ");
                let fence = "`".repeat(longest_run(&code, '`') + 1);
                let pad = if code.starts_with('`') || code.ends_with('`') {
                    " "
                } else {
                    ""
                };
                self.raw(&format!("{fence}{pad}{code}{pad}{fence}"));
            }
            // The anchor that view.rs puts before a meeting's part of its minutes, a
            // paragraph of its own: kept.
            Event::InlineHtml(html) if is_anchor(&format!("{html}</a>")) => {
                self.anchor = true;
                self.raw(&html);
            }
            Event::InlineHtml(html) if self.anchor && &*html == "</a>" => {
                self.anchor = false;
                self.raw(&html);
            }
            // Raw HTML inside a paragraph: shown as the text it is.
            Event::InlineHtml(html) | Event::Html(html) => self.text(&html),
            Event::SoftBreak if self.heading || !self.table.is_empty() => self.raw(" "),
            Event::SoftBreak => self.newline(),
            Event::HardBreak if self.heading || !self.table.is_empty() => self.raw(" "),
            Event::HardBreak => {
                self.raw("\\");
                self.newline();
            }
            Event::Rule => {
                self.block();
                self.raw("---");
                self.end_block();
            }
            Event::FootnoteReference(label) => {
                self.raw("[^");
                self.raw(&footnote_label(&label));
                self.raw("]");
            }
            // What the parser's options do not turn on (math, task lists).
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, text_top: u8, top: u8) {
        match tag {
            Tag::Paragraph => self.block(),
            Tag::Heading { level, id, .. } => {
                self.block();
                let level = shifted(level as u8, text_top, top);
                self.raw(&"#".repeat(usize::from(level)));
                self.raw(" ");
                self.heading = true;
                // A heading's id is kept only when it is a plain word, as the page's ids are.
                self.heading_id = id.filter(|id| is_plain_id(id)).map(|id| id.to_string());
            }
            Tag::BlockQuote(_) => {
                self.block();
                self.containers.push(Container {
                    first: None,
                    rest: "> ".to_string(),
                });
            }
            Tag::CodeBlock(kind) => {
                self.block();
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+'))
                        .collect(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code_block = Some((info, String::new()));
            }
            Tag::HtmlBlock => self.html_block = Some(String::new()),
            Tag::List(start) => {
                self.block();
                self.lists.push(start);
            }
            Tag::Item => {
                self.newline();
                self.separate = false;
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let marker = format!("{n}. ");
                        *n += 1;
                        marker
                    }
                    _ => "- ".to_string(),
                };
                let rest = " ".repeat(marker.len());
                self.containers.push(Container {
                    first: Some(marker),
                    rest,
                });
            }
            Tag::FootnoteDefinition(label) => {
                self.block();
                self.containers.push(Container {
                    first: Some(format!("[^{}]: ", footnote_label(&label))),
                    rest: "    ".to_string(),
                });
            }
            Tag::Table(alignments) => {
                self.block();
                self.table = alignments;
                if self.table.is_empty() {
                    self.table.push(Alignment::None);
                }
            }
            Tag::TableHead | Tag::TableRow => {
                self.newline();
                self.cell = 0;
                self.raw("|");
            }
            Tag::TableCell => self.raw(" "),
            Tag::Emphasis => self.delimiter("*", "_"),
            Tag::Strong => self.delimiter("**", "__"),
            Tag::Strikethrough => self.raw("~~"),
            Tag::Link { dest_url, .. } => {
                let kept = allowed_link(&dest_url);
                if kept {
                    self.raw("[");
                }
                self.links.push(kept);
                self.destinations.push(dest_url.to_string());
            }
            Tag::Image { dest_url, .. } => {
                // Images are fetched by whoever reads the document: web images only.
                let kept = allowed_link(&dest_url) && !dest_url.starts_with('#');
                if kept {
                    self.raw("![");
                }
                self.links.push(kept);
                self.destinations.push(dest_url.to_string());
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.end_block(),
            TagEnd::Heading(_) => {
                self.heading = false;
                if let Some(id) = self.heading_id.take() {
                    self.raw(&format!(" {{#{id}}}"));
                }
                self.end_block();
            }
            TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition => {
                self.newline();
                self.containers.pop();
                self.separate = true;
            }
            TagEnd::CodeBlock => {
                let (info, code) = self.code_block.take().unwrap_or_default();
                let fence = "~".repeat(longest_run(&code, '~').max(2) + 1);
                self.raw(&format!("{fence}{info}"));
                self.newline();
                self.code_text(code.strip_suffix('\n').unwrap_or(&code));
                self.newline();
                self.raw(&fence);
                self.end_block();
            }
            TagEnd::List(_) => {
                self.lists.pop();
                self.end_block();
            }
            TagEnd::Item => {
                self.newline();
                self.containers.pop();
                self.separate = false;
            }
            TagEnd::Table => {
                self.table.clear();
                self.end_block();
            }
            TagEnd::TableHead => {
                self.newline();
                self.raw("|");
                let delimiters: String = self
                    .table
                    .iter()
                    .map(|a| match a {
                        Alignment::None => "---|",
                        Alignment::Left => ":---|",
                        Alignment::Center => ":---:|",
                        Alignment::Right => "---:|",
                    })
                    .collect();
                self.raw(&delimiters);
                self.newline();
            }
            TagEnd::TableRow => self.newline(),
            TagEnd::TableCell => {
                self.cell += 1;
                self.raw(" |");
            }
            TagEnd::Emphasis | TagEnd::Strong => {
                let delimiter = self.delimiters.pop().unwrap_or("*");
                self.raw(delimiter);
            }
            TagEnd::Strikethrough => self.raw("~~"),
            TagEnd::Link | TagEnd::Image => {
                let destination = self.destinations.pop().unwrap_or_default();
                if self.links.pop() == Some(true) {
                    let mut url = String::new();
                    url_into(&mut url, &destination);
                    self.raw(&format!("]({url})"));
                }
            }
            _ => {}
        }
    }
}

/// The length of the longest run of `c` in `text`.
fn longest_run(text: &str, c: char) -> usize {
    text.split(|x| x != c).map(str::len).max().unwrap_or(0)
}

/// Whether `html` is exactly the anchor that view.rs puts before a meeting's part of its
/// minutes: `<a id="…"></a>` with a plain id.
fn is_anchor(html: &str) -> bool {
    html.strip_prefix("<a id=\"")
        .and_then(|rest| rest.strip_suffix("\"></a>"))
        .is_some_and(is_plain_id)
}

fn is_plain_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
}

/// A footnote's label with only letters, digits, `-` and `_`: anything else could end it.
fn footnote_label(label: &str) -> String {
    let kept: String = label
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    if kept.is_empty() {
        "note".to_string()
    } else {
        kept
    }
}
