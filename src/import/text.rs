//! Text as Decidim exports it, made plain for a TOML string: answers (and bodies written
//! with the rich-text editor) come as HTML, and every export may end lines with `\r\n`.

/// `text` with its HTML made plain (when it is HTML), its line ends made `\n`, trailing
/// spaces and runs of blank lines removed, and trimmed.
pub fn plain(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = if looks_like_html(&text) {
        strip_html(&text)
    } else {
        text
    };
    let mut out = String::with_capacity(text.len());
    let mut blank_lines = 0;
    for line in text.trim().lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_lines += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_lines > 0 { "\n\n" } else { "\n" });
        }
        blank_lines = 0;
        out.push_str(line);
    }
    out
}

/// Whether the text holds an HTML element: a closing tag, or one of the tags the editor
/// writes. `a < b` and `<3` are not HTML.
fn looks_like_html(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains("</")
        || ["<p>", "<br>", "<br/>", "<br />", "<p ", "<ul>", "<li>"]
            .iter()
            .any(|tag| lower.contains(tag))
}

/// The text of an HTML fragment: block elements and `<br>` become line breaks, other tags
/// go, entities are decoded.
fn strip_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..open]));
        let after = &rest[open + 1..];
        let is_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        let Some(close) = after.find('>').filter(|_| is_tag) else {
            out.push('<');
            rest = after;
            continue;
        };
        let tag = after[..close].trim_start_matches('/').to_ascii_lowercase();
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        match name.as_str() {
            "br" => out.push('\n'),
            "p" | "div" | "ul" | "ol" | "blockquote" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            | "pre" | "table" => out.push_str("\n\n"),
            "li" if !after.starts_with('/') => out.push_str("\n- "),
            "tr" => out.push('\n'),
            _ => {}
        }
        rest = &after[close + 1..];
    }
    out.push_str(&decode_entities(rest));
    out
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after.find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = &after[..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name.strip_prefix('#').and_then(|number| {
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => number.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }),
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_answers_become_paragraphs() {
        assert_eq!(
            plain("<p>Acceptada: <strong>eix 1</strong>.</p><p>Gràcies &amp; fins aviat&#33;</p>"),
            "Acceptada: eix 1.\n\nGràcies & fins aviat!"
        );
        assert_eq!(plain("<ul><li>a</li><li>b</li></ul>"), "- a\n- b");
        assert_eq!(plain("línia 1<br>línia 2"), "línia 1\nlínia 2");
    }

    #[test]
    fn plain_text_stays_as_written() {
        assert_eq!(plain("  a < b & c <3\r\n\r\n\r\nd  "), "a < b & c <3\n\nd");
    }
}
