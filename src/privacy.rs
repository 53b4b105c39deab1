//! Finding e-mail addresses and phone numbers in text, so that rules can flag them and
//! every renderer can mask them: people's contact details never reach any output.

use std::ops::Range;

/// What kind of personal data a match is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Email,
    Phone,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Email => "an e-mail address",
            Kind::Phone => "a phone number",
        }
    }
}

/// Every e-mail address and phone number in `text`, as byte ranges, in order.
pub fn find(text: &str) -> Vec<(Kind, Range<usize>)> {
    let mut found = Vec::new();
    find_emails(text, &mut found);
    // Most texts hold too few digits to hold a phone number; counting them is one quick
    // pass, where the scan for numbers looks at every byte in turn.
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    if digits >= MIN_PHONE_DIGITS {
        find_phones(text, &mut found);
    }
    found.sort_by_key(|(_, range)| range.start);
    found
}

/// `text` with every e-mail address and phone number replaced by `*`s.
pub fn redact(text: &str) -> std::borrow::Cow<'_, str> {
    let found = find(text);
    if found.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (_, range) in found {
        if range.start < last {
            continue;
        }
        out.push_str(&text[last..range.start]);
        out.extend(std::iter::repeat_n(
            '*',
            text[range.clone()].chars().count(),
        ));
        last = range.end;
    }
    out.push_str(&text[last..]);
    std::borrow::Cow::Owned(out)
}

fn is_local_char(c: u8) -> bool {
    // The common characters of real addresses; RFC 5322 allows more (`{`, `|`, a backtick),
    // but counting those would swallow the punctuation around an address in prose.
    c.is_ascii_alphanumeric() || b"._%+-".contains(&c)
}

fn is_domain_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'-' || c == b'.'
}

/// `local@domain.tld`: scans around each `@`, so the cost is linear in the text.
fn find_emails(text: &str, found: &mut Vec<(Kind, Range<usize>)>) {
    let bytes = text.as_bytes();
    let mut search_from = 0;
    while let Some(at) = text[search_from..].find('@').map(|i| search_from + i) {
        search_from = at + 1;
        let mut start = at;
        while start > 0 && is_local_char(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < bytes.len() && is_domain_char(bytes[end]) {
            end += 1;
        }
        // A sentence may end right after the address.
        while end > at + 1 && matches!(bytes[end - 1], b'.' | b'-') {
            end -= 1;
        }
        let domain = &text[at + 1..end];
        let has_tld = domain.rsplit_once('.').is_some_and(|(name, tld)| {
            !name.is_empty() && tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic())
        });
        if start < at && has_tld {
            found.push((Kind::Email, start..end));
            search_from = end;
        }
    }
}

/// The fewest digits a phone number has.
const MIN_PHONE_DIGITS: usize = 9;

/// Phone numbers: 9 to 15 digits, optionally after `+`, in groups separated by single
/// spaces, dots, hyphens or parentheses. A run that touches letters or other digits
/// (a reference such as `II-PROP-2021-05-1234`, a date) is not a phone number.
fn find_phones(text: &str, found: &mut Vec<(Kind, Range<usize>)>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let starts_number = bytes[i] == b'+' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            || bytes[i].is_ascii_digit()
            || bytes[i] == b'(' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        let glued_before = i > 0
            && (bytes[i - 1].is_ascii_alphanumeric()
                || matches!(bytes[i - 1], b'-' | b'/' | b'.' | b'_' | b':'));
        if !starts_number || glued_before {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        let mut digits = usize::from(bytes[i].is_ascii_digit());
        let mut last_digit_end = if digits == 1 { end } else { start };
        while end < bytes.len() {
            let c = bytes[end];
            if c.is_ascii_digit() {
                digits += 1;
                end += 1;
                last_digit_end = end;
            } else if is_phone_separator(c) {
                // At most two separators in a row, as in `(93) 123`, then a digit.
                let mut next = end;
                while next < bytes.len() && next - end < 2 && is_phone_separator(bytes[next]) {
                    next += 1;
                }
                if bytes.get(next).is_some_and(u8::is_ascii_digit) {
                    end = next;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        let glued_after = bytes
            .get(last_digit_end)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'/');
        let date_like = looks_like_date(&text[start..last_digit_end]);
        if (MIN_PHONE_DIGITS..=15).contains(&digits) && !glued_after && !date_like {
            found.push((Kind::Phone, start..last_digit_end));
        }
        i = last_digit_end.max(i + 1);
    }
}

fn is_phone_separator(c: u8) -> bool {
    matches!(c, b' ' | b'.' | b'-' | b'(' | b')')
}

/// `2021-05-06 2021-06-09` and the like: dates side by side are not a phone number.
fn looks_like_date(run: &str) -> bool {
    run.split([' ', '.', '/'])
        .filter(|part| !part.is_empty())
        .all(|part| {
            part.len() == 10 && crate::model::Date::parse(part).is_some()
                || part.len() == 4 && part.starts_with("20")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        find(text)
            .into_iter()
            .map(|(kind, range)| (kind, &text[range]))
            .collect()
    }

    #[test]
    fn finds_emails() {
        assert_eq!(
            kinds("escriu a anna.p@example.cat."),
            vec![(Kind::Email, "anna.p@example.cat")]
        );
        assert!(kinds("@grup-motor and a@b").is_empty());
        assert_eq!(
            kinds("`anna@example.org`"),
            vec![(Kind::Email, "anna@example.org")]
        );
    }

    #[test]
    fn finds_phones() {
        assert_eq!(
            kinds("truca al 93 123 45 67 avui"),
            vec![(Kind::Phone, "93 123 45 67")]
        );
        assert_eq!(
            kinds("o +34 600-123-456"),
            vec![(Kind::Phone, "+34 600-123-456")]
        );
        assert_eq!(kinds("(93) 1234567"), vec![(Kind::Phone, "(93) 1234567")]);
    }

    #[test]
    fn leaves_references_dates_and_amounts_alone() {
        assert!(kinds("II-PROP-2021-05-1234").is_empty());
        assert!(kinds("del 2021-05-10 al 2021-06-09").is_empty());
        assert!(kinds("ESCAT0003 i 1.500.000 euros, 2021-2023").is_empty());
    }

    #[test]
    fn redacts() {
        assert_eq!(redact("a x@y.org b"), "a ******* b");
        assert_eq!(redact("no data"), "no data");
    }
}
