//! Dates, ranges of dates and counts in the words of the document's language.
//!
//! The words come from the labels (`[L.calendar]`, `[L.numbers]`, `[L.members_count]` in
//! templates/labels.toml), so that a plan adds a language, or changes how one writes its
//! dates, by editing labels rather than code. What stays ISO is what machines read: the
//! templates put the ISO date in `<time datetime>` beside the words.
//!
//! Labels without a `[L.calendar]` table (a plan's own labels.toml written before there was
//! one) give ISO dates, as documents did then, rather than failing.

use serde::Serialize;

use crate::model::Date;

/// How one language writes dates and counts.
#[derive(Debug, Clone)]
pub(super) struct Words {
    calendar: Option<Calendar>,
    /// Between groups of three digits: "1.234" or "1,234".
    thousands: String,
    /// Numbers with fewer digits than this are not grouped (Spanish writes "1234" but
    /// "12.345").
    group_from: usize,
    /// A count of members, by plural form: `{n}` is the count.
    members_one: String,
    members_other: String,
}

#[derive(Debug, Clone)]
struct Calendar {
    months: [String; 12],
    months_short: Option<[String; 12]>,
    /// `{day}`, `{month}`, `{year}`: "6 de maig de 2021".
    date: String,
    /// The first date of a range within one year, without its year: "27 de maig". Without
    /// it, both ends of a range are written in full.
    day_month: Option<String>,
    /// `{start}`, `{end}`: "del {start} al {end}".
    range: String,
    /// Replacements made in every date phrase, in order: Catalan writes "d'abril", not "de
    /// abril", and "de l'1", not "del 1".
    elisions: Vec<(String, String)>,
}

/// A phrase holding dates, cut where each date's words are, so that an HTML template can
/// wrap them in `<time datetime>` and a Markdown one can print `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(super) struct Phrase {
    pub text: String,
    pub parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(super) struct Part {
    pub text: String,
    /// The ISO date the part's words say, for `<time datetime>`; `None` for the words
    /// around dates.
    pub datetime: Option<String>,
}

impl Default for Words {
    /// ISO dates and plain numbers: what a language without a calendar in its labels gets.
    fn default() -> Self {
        Words {
            calendar: None,
            thousands: String::new(),
            group_from: usize::MAX,
            members_one: "{n}".to_string(),
            members_other: "{n}".to_string(),
        }
    }
}

impl Words {
    /// The words of one language's labels; an error names the label that is wrong.
    pub(super) fn from_labels(labels: &toml::Table) -> Result<Self, String> {
        let mut words = Words::default();
        if let Some(calendar) = table(labels, "calendar")? {
            words.calendar = Some(Calendar::from_table(calendar)?);
        }
        if let Some(numbers) = table(labels, "numbers")? {
            if let Some(thousands) = string(numbers, "numbers", "thousands")? {
                words.thousands = thousands;
                words.group_from = 4;
            }
            if let Some(value) = numbers.get("group_from") {
                words.group_from = value
                    .as_integer()
                    .and_then(|n| usize::try_from(n).ok())
                    .ok_or("`numbers.group_from` must be a whole number of digits")?;
            }
        }
        if let Some(members) = table(labels, "members_count")? {
            let one = string(members, "members_count", "one")?;
            let other = string(members, "members_count", "other")?;
            words.members_other = other.or_else(|| one.clone()).unwrap_or(words.members_other);
            words.members_one = one.unwrap_or_else(|| words.members_other.clone());
        }
        Ok(words)
    }

    /// A date in words: "6 de maig de 2021", "6 May 2021".
    pub(super) fn date(&self, date: Date) -> String {
        match &self.calendar {
            Some(calendar) => calendar.elide(calendar.full(date)),
            None => date.to_string(),
        }
    }

    /// `start` to `end` in words, as short as the language writes it: "del 27 de maig al
    /// 25 de juny de 2021", "6 to 25 May 2021"; one date when both are the same day.
    pub(super) fn range(&self, start: Date, end: Date) -> Phrase {
        let (start, end) = (start.min(end), start.max(end));
        if start == end {
            return self.phrase("{date}", &[("{date}", start, self.date(start))]);
        }
        let first = match &self.calendar {
            Some(calendar) => calendar.elide(calendar.first_of_range(start, end)),
            None => start.to_string(),
        };
        let pattern = self
            .calendar
            .as_ref()
            .map_or("{start} – {end}", |c| c.range.as_str());
        self.phrase(
            pattern,
            &[("{start}", start, first), ("{end}", end, self.date(end))],
        )
    }

    /// A label with one date in it, `{date}`: "fins a l'1 d'octubre de 2021".
    pub(super) fn with_date(&self, pattern: &str, date: Date) -> Phrase {
        self.phrase(pattern, &[("{date}", date, self.date(date))])
    }

    /// The short name of a month (1 to 12) for a timeline's axis, if the labels have them.
    pub(super) fn month_short(&self, month: u8) -> Option<&str> {
        let names = self.calendar.as_ref()?.months_short.as_ref()?;
        names
            .get(usize::from(month).checked_sub(1)?)
            .map(String::as_str)
    }

    /// A count with the language's thousands separator: "1.234", "1,234".
    pub(super) fn number(&self, n: u64) -> String {
        let digits = n.to_string();
        if digits.len() < self.group_from || self.thousands.is_empty() {
            return digits;
        }
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(&self.thousands);
            }
            out.push(digit);
        }
        out
    }

    /// "1 member", "8 members".
    pub(super) fn members(&self, n: usize) -> String {
        let pattern = if n == 1 {
            &self.members_one
        } else {
            &self.members_other
        };
        pattern.replace("{n}", &self.number(n as u64))
    }

    /// `pattern` with each placeholder replaced by its date's words, elided as a whole (an
    /// elision may join a date to the word before it: "al 1 " becomes "a l'1 "), and cut
    /// again where each date's words are. Should an elision change a date's own words
    /// beyond recognition, the phrase stays whole, without `datetime`.
    fn phrase(&self, pattern: &str, dates: &[(&str, Date, String)]) -> Phrase {
        // The pattern's literal text and its dates, in the order the pattern has them.
        let mut pieces: Vec<(String, Option<Date>)> = Vec::new();
        let mut rest = pattern;
        loop {
            let next = dates
                .iter()
                .filter_map(|(key, date, words)| Some((rest.find(key)?, *key, *date, words)))
                .min_by_key(|(at, ..)| *at);
            let Some((at, key, date, words)) = next else {
                pieces.push((rest.to_string(), None));
                break;
            };
            pieces.push((rest[..at].to_string(), None));
            pieces.push((words.clone(), Some(date)));
            rest = &rest[at + key.len()..];
        }
        let joined: String = pieces.iter().map(|(text, _)| text.as_str()).collect();
        let text = match &self.calendar {
            Some(calendar) => calendar.elide(joined),
            None => joined,
        };
        let whole = || Phrase {
            text: text.clone(),
            parts: vec![Part {
                text: text.clone(),
                datetime: None,
            }],
        };
        let mut parts = Vec::new();
        let mut cursor = 0;
        for (words, date) in &pieces {
            let Some(date) = date else { continue };
            let Some(found) = text[cursor..].find(words.as_str()) else {
                return whole();
            };
            let at = cursor + found;
            if at > cursor {
                parts.push(Part {
                    text: text[cursor..at].to_string(),
                    datetime: None,
                });
            }
            parts.push(Part {
                text: words.clone(),
                datetime: Some(date.to_string()),
            });
            cursor = at + words.len();
        }
        if cursor < text.len() {
            parts.push(Part {
                text: text[cursor..].to_string(),
                datetime: None,
            });
        }
        Phrase { text, parts }
    }
}

impl Calendar {
    fn from_table(table: &toml::Table) -> Result<Self, String> {
        let required = |key: &str| {
            string(table, "calendar", key)?.ok_or_else(|| format!("`calendar.{key}` is missing"))
        };
        let elisions = match table.get("elisions") {
            None => Vec::new(),
            Some(value) => value
                .as_array()
                .and_then(|pairs| {
                    pairs
                        .iter()
                        .map(|pair| match pair.as_array().map(Vec::as_slice) {
                            Some([from, to]) => {
                                Some((from.as_str()?.to_string(), to.as_str()?.to_string()))
                            }
                            _ => None,
                        })
                        .collect::<Option<Vec<_>>>()
                })
                .ok_or("`calendar.elisions` must be a list of [\"from\", \"to\"] pairs")?,
        };
        Ok(Calendar {
            months: months(table, "months")?
                .ok_or("`calendar.months` is missing: the twelve month names")?,
            months_short: months(table, "months_short")?,
            date: required("date")?,
            day_month: string(table, "calendar", "day_month")?,
            range: required("range")?,
            elisions,
        })
    }

    fn fill(&self, pattern: &str, date: Date) -> String {
        pattern
            .replace("{day}", &date.day().to_string())
            .replace("{month}", &self.months[usize::from(date.month() - 1)])
            .replace("{year}", &date.year().to_string())
    }

    fn full(&self, date: Date) -> String {
        self.fill(&self.date, date)
    }

    /// The first date of a range, leaving out what the last one says: the year within one
    /// year, the month too within one month.
    fn first_of_range(&self, start: Date, end: Date) -> String {
        match &self.day_month {
            Some(_) if (start.year(), start.month()) == (end.year(), end.month()) => {
                start.day().to_string()
            }
            Some(day_month) if start.year() == end.year() => self.fill(day_month, start),
            _ => self.full(start),
        }
    }

    fn elide(&self, mut text: String) -> String {
        for (from, to) in &self.elisions {
            if text.contains(from.as_str()) {
                text = text.replace(from.as_str(), to);
            }
        }
        text
    }
}

fn table<'t>(labels: &'t toml::Table, key: &str) -> Result<Option<&'t toml::Table>, String> {
    match labels.get(key) {
        None => Ok(None),
        Some(value) => value
            .as_table()
            .map(Some)
            .ok_or_else(|| format!("`{key}` must be a table")),
    }
}

fn string(table: &toml::Table, name: &str, key: &str) -> Result<Option<String>, String> {
    match table.get(key) {
        None => Ok(None),
        Some(value) => value
            .as_str()
            .map(|s| Some(s.to_string()))
            .ok_or_else(|| format!("`{name}.{key}` must be a string")),
    }
}

fn months(table: &toml::Table, key: &str) -> Result<Option<[String; 12]>, String> {
    let Some(value) = table.get(key) else {
        return Ok(None);
    };
    let names: Option<Vec<String>> = value.as_array().and_then(|names| {
        names
            .iter()
            .map(|n| n.as_str().map(str::to_string))
            .collect()
    });
    let count = names.as_ref().map_or(0, Vec::len);
    names
        .and_then(|names| <[String; 12]>::try_from(names).ok())
        .map(Some)
        .ok_or_else(|| {
            format!(
                "`calendar.{key}` must be the twelve month names, January first; it has {count}"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).expect("a date")
    }

    /// The shipped labels of one language.
    fn shipped(lang: &str) -> Words {
        let all: toml::Table = include_str!("../../templates/labels.toml")
            .parse()
            .expect("labels.toml parses");
        let labels = all[lang].as_table().expect("a table per language");
        Words::from_labels(labels).expect("the shipped labels are valid")
    }

    #[test]
    fn dates_in_each_language() {
        let (ca, es, en) = (shipped("ca"), shipped("es"), shipped("en"));
        let may = date("2021-05-06");
        assert_eq!(ca.date(may), "6 de maig de 2021");
        assert_eq!(es.date(may), "6 de mayo de 2021");
        assert_eq!(en.date(may), "6 May 2021");
        // Catalan apostrophises "de" before a vowel.
        assert_eq!(ca.date(date("2021-04-12")), "12 d'abril de 2021");
        assert_eq!(ca.date(date("2021-08-01")), "1 d'agost de 2021");
        assert_eq!(ca.date(date("2021-10-26")), "26 d'octubre de 2021");
        assert_eq!(es.date(date("2021-10-26")), "26 de octubre de 2021");
    }

    #[test]
    fn ranges_say_a_shared_year_and_month_once() {
        let (ca, es, en) = (shipped("ca"), shipped("es"), shipped("en"));
        let text = |w: &Words, a, b| w.range(date(a), date(b)).text;
        assert_eq!(
            text(&ca, "2021-05-27", "2021-06-25"),
            "del 27 de maig al 25 de juny de 2021"
        );
        assert_eq!(
            text(&es, "2021-05-27", "2021-06-25"),
            "del 27 de mayo al 25 de junio de 2021"
        );
        assert_eq!(
            text(&en, "2021-05-27", "2021-06-25"),
            "27 May to 25 June 2021"
        );
        assert_eq!(text(&en, "2021-05-06", "2021-05-25"), "6 to 25 May 2021");
        assert_eq!(
            text(&en, "2021-12-01", "2023-05-31"),
            "1 December 2021 to 31 May 2023"
        );
        // Catalan elides the article before 1 and 11, and "de" before a vowel.
        assert_eq!(
            text(&ca, "2021-12-01", "2023-05-31"),
            "de l'1 de desembre de 2021 al 31 de maig de 2023"
        );
        assert_eq!(
            text(&ca, "2021-04-01", "2021-04-11"),
            "de l'1 a l'11 d'abril de 2021"
        );
        assert_eq!(
            text(&ca, "2021-04-11", "2021-08-01"),
            "de l'11 d'abril a l'1 d'agost de 2021"
        );
        assert_eq!(
            text(&es, "2021-04-01", "2021-04-11"),
            "del 1 al 11 de abril de 2021"
        );
        // One day is one date, and a reversed range reads forwards.
        assert_eq!(text(&en, "2021-05-06", "2021-05-06"), "6 May 2021");
        assert_eq!(
            text(&en, "2021-06-25", "2021-05-27"),
            "27 May to 25 June 2021"
        );
    }

    #[test]
    fn each_date_of_a_phrase_keeps_its_iso_date() {
        let ca = shipped("ca");
        let phrase = ca.range(date("2021-12-01"), date("2023-05-31"));
        let dated: Vec<(&str, &str)> = phrase
            .parts
            .iter()
            .filter_map(|p| Some((p.text.as_str(), p.datetime.as_deref()?)))
            .collect();
        assert_eq!(
            dated,
            [
                ("1 de desembre de 2021", "2021-12-01"),
                ("31 de maig de 2023", "2023-05-31")
            ]
        );
        let joined: String = phrase.parts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(joined, phrase.text);
        let left = ca.with_date("fins al {date}", date("2021-10-01"));
        assert_eq!(left.text, "fins a l'1 d'octubre de 2021");
        assert_eq!(left.parts[0].text, "fins a l'");
        assert_eq!(left.parts[1].datetime.as_deref(), Some("2021-10-01"));
    }

    #[test]
    fn numbers_and_counts() {
        let (ca, es, en) = (shipped("ca"), shipped("es"), shipped("en"));
        assert_eq!(ca.number(1234), "1.234");
        assert_eq!(en.number(1234), "1,234");
        assert_eq!(en.number(1_234_567), "1,234,567");
        assert_eq!(en.number(999), "999");
        // Spanish groups from five digits on.
        assert_eq!(es.number(1234), "1234");
        assert_eq!(es.number(12_345), "12.345");
        assert_eq!(en.members(1), "1 member");
        assert_eq!(en.members(1500), "1,500 members");
        assert_eq!(ca.members(1), "1 membre");
        assert_eq!(es.members(0), "0 miembros");
    }

    #[test]
    fn labels_without_a_calendar_give_iso_dates() {
        let words = Words::from_labels(&toml::Table::new()).expect("no labels is valid");
        assert_eq!(words.date(date("2021-05-06")), "2021-05-06");
        assert_eq!(
            words.range(date("2021-05-06"), date("2021-06-01")).text,
            "2021-05-06 – 2021-06-01"
        );
        assert_eq!(words.number(1234), "1234");
        assert_eq!(words.month_short(5), None);
    }

    #[test]
    fn a_wrong_calendar_is_named() {
        let labels: toml::Table =
            "[calendar]\nmonths = [\"a\"]\ndate = \"{day}\"\nrange = \"{start}\""
                .parse()
                .expect("toml");
        let error = Words::from_labels(&labels).expect_err("eleven months short");
        assert!(
            error.contains("calendar.months") && error.contains("it has 1"),
            "{error}"
        );
    }
}
