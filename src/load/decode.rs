//! Reading values out of a parsed TOML table, with a finding for every key that is unknown,
//! missing, of the wrong type or out of range, and the span of every value kept in the
//! entry's [`Origin`]. What each table may hold comes from its declaration in
//! [`crate::format`]: the decoder never lists keys of its own.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::{Diagnostic, FileId, Loc, Span};
use crate::format::{Key, Setting, SettingValue, Settings, Table, Ty};
use crate::model::{Allow, Date, Keyword, Origin, Ref, Text};
use crate::rules::{INVALID_VALUE, UNKNOWN_FIELD};
use crate::suggest;

/// Writes findings for one file. `offset` is where the TOML text starts inside the file
/// (non-zero for a commitment's front matter).
#[derive(Debug)]
pub(crate) struct Decoder<'d> {
    pub file: FileId,
    pub offset: usize,
    pub out: &'d mut Vec<Diagnostic>,
    /// The exceptions (`allow`) the file's tables hold.
    pub allows: &'d mut Vec<Allow>,
}

impl Decoder<'_> {
    pub(crate) fn loc(&self, range: Range<usize>) -> Loc {
        Loc::new(self.file, Span::new(range).shifted(self.offset))
    }

    pub(crate) fn report(&mut self, diagnostic: Diagnostic) {
        self.out.push(diagnostic);
    }

    pub(crate) fn invalid(&mut self, range: Range<usize>, message: String, help: Option<String>) {
        let mut diagnostic = Diagnostic::new(&INVALID_VALUE, self.loc(range), message);
        diagnostic.help = help;
        self.out.push(diagnostic);
    }

    /// `value` as a table of the kind `spec` declares, or a finding that it is not one.
    pub(crate) fn entry<'t, 'i>(
        &mut self,
        value: &'t Spanned<DeValue<'i>>,
        spec: &'static Table,
        what: &str,
    ) -> Option<Entry<'t, 'i>> {
        match value.get_ref() {
            DeValue::Table(table) => Some(Entry {
                table,
                spec,
                offset: self.offset,
                origin: Origin::with_room(
                    self.file,
                    Span::new(value.span()).shifted(self.offset),
                    table.len(),
                ),
                extent: Span::new(extent(value)).shifted(self.offset),
                what: what.to_string(),
            }),
            other => {
                self.invalid(
                    value.span(),
                    format!("{what} must be a table, found {}", describe(other)),
                    None,
                );
                None
            }
        }
    }

    /// A whole parsed document as an entry of the kind `spec` declares.
    pub(crate) fn document<'t, 'i>(
        &mut self,
        root: &'t Spanned<DeTable<'i>>,
        spec: &'static Table,
        what: &str,
    ) -> Entry<'t, 'i> {
        Entry {
            table: root.get_ref(),
            spec,
            offset: self.offset,
            origin: Origin::new(self.file, Span::new(0..0).shifted(self.offset)),
            // The whole file, for a commitment its body too: what an `allow` at the top
            // level covers.
            extent: Span::new(0..usize::MAX),
            what: what.to_string(),
        }
    }
}

/// One TOML table being read into a model type.
#[derive(Debug)]
pub(crate) struct Entry<'t, 'i> {
    table: &'t DeTable<'i>,
    /// What the table may hold.
    spec: &'static Table,
    offset: usize,
    pub origin: Origin,
    /// Where the table's header and every value in it lie, sub-tables included: what its
    /// `allow` covers (an entry's origin spans only its header).
    extent: Span,
    /// How messages name this table: "`plan.toml`", "a `[[person]]` entry".
    what: String,
}

/// From the start of a table's header (or inline table) to the end of the last value in
/// it, nested tables included.
fn extent(value: &Spanned<DeValue<'_>>) -> Range<usize> {
    let span = value.span();
    let end = match value.get_ref() {
        DeValue::Table(table) => table
            .iter()
            .map(|(key, value)| key.span().end.max(extent(value).end))
            .max()
            .unwrap_or(span.end),
        DeValue::Array(items) => items
            .iter()
            .map(|item| extent(item).end)
            .max()
            .unwrap_or(span.end),
        _ => span.end,
    };
    span.start..end.max(span.end)
}

type Value<'t, 'i> = &'t Spanned<DeValue<'i>>;

impl<'t, 'i> Entry<'t, 'i> {
    /// Reports every key its declaration does not list (with the nearest known key as a
    /// hint) and every required key that is missing. Call once per table.
    pub(crate) fn check_keys(&mut self, dec: &mut Decoder<'_>) {
        for (key, _) in self.table.iter() {
            let name: &str = key.get_ref();
            if self.spec.key(name).is_some() {
                continue;
            }
            let help = suggest::hint(name, self.spec.names()).unwrap_or_else(|| {
                format!(
                    "the keys {} knows are: {}",
                    self.what,
                    self.spec.names().collect::<Vec<_>>().join(", ")
                )
            });
            dec.report(
                Diagnostic::new(
                    &UNKNOWN_FIELD,
                    dec.loc(key.span()),
                    format!("unknown key `{name}` in {}", self.what),
                )
                .with_help(help),
            );
        }
        for key in self.spec.keys {
            if key.is_required() && !self.has(key.name) {
                self.missing(dec, key);
            }
        }
        if self.spec.key("allow").is_some() {
            self.read_allow(dec);
        }
    }

    /// The table's `allow`: each rule it names, with the reason, covering this table.
    fn read_allow(&mut self, dec: &mut Decoder<'_>) {
        let Some(value) = self.get("allow") else {
            return;
        };
        let DeValue::Table(rules) = value.get_ref() else {
            self.wrong_type(dec, "allow", value, "a table of rule name = reason");
            return;
        };
        for (name, reason) in rules.iter() {
            let loc = dec.loc(name.span());
            let name: &str = name.get_ref();
            let Some(rule) = crate::rules::find(name) else {
                let list = "`obert explain` lists the rules";
                let help = suggest::hint(name, crate::rules::RULES.iter().map(|r| r.name))
                    .map_or(list.to_string(), |hint| format!("{hint} {list}"));
                dec.report(
                    Diagnostic::new(
                        &UNKNOWN_FIELD,
                        loc,
                        format!("`allow` names `{name}`, which is not a rule"),
                    )
                    .with_help(help),
                );
                continue;
            };
            if rule.fixed {
                dec.report(
                    Diagnostic::new(
                        &INVALID_VALUE,
                        loc,
                        format!("`{name}` is a fixed rule: it cannot be allowed"),
                    )
                    .with_help("a plan that breaks a fixed rule cannot be read correctly: fix the finding instead"),
                );
                continue;
            }
            let text = match reason.get_ref() {
                DeValue::String(text) if !text.trim().is_empty() => text.to_string(),
                DeValue::String(_) => {
                    dec.invalid(
                        reason.span(),
                        format!("the reason to allow `{name}` is empty"),
                        Some("say why the rule does not apply here: the reason is what reviewers and the document read".to_string()),
                    );
                    continue;
                }
                other => {
                    dec.invalid(
                        reason.span(),
                        format!(
                            "the reason to allow `{name}` must be a string, found {}",
                            describe(other)
                        ),
                        None,
                    );
                    continue;
                }
            };
            dec.allows.push(Allow {
                rule,
                reason: text,
                // Filled in once the file's path is at hand (see `load::load`).
                path: String::new(),
                loc,
                scope: Loc::new(dec.file, self.extent),
            });
        }
    }

    fn get(&mut self, key: &'static str) -> Option<Value<'t, 'i>> {
        debug_assert!(
            self.spec.key(key).is_some(),
            "`{key}` is not declared in {}",
            self.spec.name
        );
        let value = self.table.get(key)?;
        let span = Span::new(value.span()).shifted(self.offset);
        self.origin.record(key, span);
        Some(value)
    }

    /// The declaration of this table.
    pub(crate) fn spec(&self) -> &'static Table {
        self.spec
    }

    pub(crate) fn has(&self, key: &str) -> bool {
        self.table.get(key).is_some()
    }

    fn wrong_type(&self, dec: &mut Decoder<'_>, key: &str, value: Value<'_, '_>, expected: &str) {
        let mut help = None;
        if expected.starts_with("a date") && value.get_ref().as_str().is_some() {
            help = Some("write dates without quotes: `2021-05-06`".to_string());
        }
        dec.invalid(
            value.span(),
            format!(
                "`{key}` in {} must be {expected}, found {}",
                self.what,
                describe(value.get_ref())
            ),
            help,
        );
    }

    fn missing(&self, dec: &mut Decoder<'_>, key: &Key) {
        let span = self.origin.span.range();
        dec.out.push(
            Diagnostic::new(
                &INVALID_VALUE,
                Loc::new(dec.file, Span::new(span)),
                format!("{} has no `{}`", self.what, key.name),
            )
            .with_help(format!("add `{} = {}`", key.name, key.example_toml())),
        );
    }

    pub(crate) fn string(&mut self, dec: &mut Decoder<'_>, key: &'static str) -> Option<String> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::String(text) => Some(text.to_string()),
            _ => {
                self.wrong_type(dec, key, value, "a string");
                None
            }
        }
    }

    /// A web address the document links to: `http`, `https` or `mailto` only. Anything else
    /// (`javascript:`, `data:`, `vbscript:`) would be a live link in the page a citizen
    /// opens, so it is `invalid-value`.
    pub(crate) fn url(&mut self, dec: &mut Decoder<'_>, key: &'static str) -> Option<String> {
        let text = self.string(dec, key)?;
        if is_link(&text) {
            return Some(text);
        }
        let span = self.table.get(key).map(|v| v.span()).unwrap_or_default();
        dec.invalid(
            span,
            format!(
                "`{}` is not an http, https or mailto address",
                text.escape_debug()
            ),
            Some(
                "give a web address that starts with `https://` (or `http://`, or `mailto:`)"
                    .into(),
            ),
        );
        None
    }

    /// A slug id: the id of this entry, or a reference to another one.
    pub(crate) fn id(&mut self, dec: &mut Decoder<'_>, key: &'static str) -> Option<String> {
        let text = self.string(dec, key)?;
        let span = self.table.get(key).map(|v| v.span()).unwrap_or_default();
        check_slug(dec, &text, span)
    }

    pub(crate) fn reference(&mut self, dec: &mut Decoder<'_>, key: &'static str) -> Option<Ref> {
        let id = self.id(dec, key)?;
        Some(Ref {
            id,
            loc: self.origin.key(key),
        })
    }

    pub(crate) fn references(&mut self, dec: &mut Decoder<'_>, key: &'static str) -> Vec<Ref> {
        let Some(items) = self.array(dec, key) else {
            return Vec::new();
        };
        let mut refs = Vec::new();
        for item in items {
            match item.get_ref() {
                DeValue::String(text) => {
                    if let Some(id) = check_slug(dec, text, item.span()) {
                        refs.push(Ref {
                            id,
                            loc: dec.loc(item.span()),
                        });
                    }
                }
                other => dec.invalid(
                    item.span(),
                    format!(
                        "`{key}` must list ids as strings, found {}",
                        describe(other)
                    ),
                    None,
                ),
            }
        }
        refs
    }

    fn array(
        &mut self,
        dec: &mut Decoder<'_>,
        key: &'static str,
    ) -> Option<&'t [Spanned<DeValue<'i>>]> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Array(items) => Some(items),
            _ => {
                self.wrong_type(dec, key, value, "an array");
                None
            }
        }
    }

    pub(crate) fn strings(
        &mut self,
        dec: &mut Decoder<'_>,
        key: &'static str,
    ) -> Option<Vec<(String, Span)>> {
        let items = self.array(dec, key)?;
        let mut out = Vec::new();
        for item in items {
            match item.get_ref() {
                DeValue::String(text) => {
                    out.push((text.to_string(), Span::new(item.span()).shifted(dec.offset)))
                }
                other => dec.invalid(
                    item.span(),
                    format!("`{key}` must list strings, found {}", describe(other)),
                    None,
                ),
            }
        }
        Some(out)
    }

    pub(crate) fn keyword<K: Keyword>(
        &mut self,
        dec: &mut Decoder<'_>,
        key: &'static str,
    ) -> Option<K> {
        // Parsed straight into the enum: the list of spellings is only built for a message.
        if let Some(DeValue::String(text)) = self.table.get(key).map(Spanned::get_ref)
            && let Some(word) = K::parse(text)
        {
            self.get(key);
            return Some(word);
        }
        K::parse(&self.word(dec, key, &K::spellings())?)
    }

    /// One word of the closed list `spellings`.
    pub(crate) fn word(
        &mut self,
        dec: &mut Decoder<'_>,
        key: &'static str,
        spellings: &[&str],
    ) -> Option<String> {
        let value = self.get(key)?;
        let DeValue::String(text) = value.get_ref() else {
            let expected = format!("one of {}", quoted_list(spellings));
            self.wrong_type(dec, key, value, &expected);
            return None;
        };
        if spellings.contains(&text.as_ref()) {
            return Some(text.to_string());
        }
        report_unknown_word(dec, key, text, spellings, value.span());
        None
    }

    pub(crate) fn keywords<K: Keyword>(
        &mut self,
        dec: &mut Decoder<'_>,
        key: &'static str,
    ) -> Option<Vec<K>> {
        let items = self.array(dec, key)?;
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match item.get_ref() {
                DeValue::String(text) => match K::parse(text) {
                    Some(word) => out.push(word),
                    None => report_unknown_word(dec, key, text, &K::spellings(), item.span()),
                },
                other => dec.invalid(
                    item.span(),
                    format!("`{key}` must list strings, found {}", describe(other)),
                    None,
                ),
            }
        }
        Some(out)
    }

    /// A list of words of the closed list `spellings`; unknown words are reported and left
    /// out.
    pub(crate) fn words(
        &mut self,
        dec: &mut Decoder<'_>,
        key: &'static str,
        spellings: &[&str],
    ) -> Option<Vec<String>> {
        let items = self.array(dec, key)?;
        let mut out = Vec::new();
        for item in items {
            match item.get_ref() {
                DeValue::String(text) if spellings.contains(&text.as_ref()) => {
                    out.push(text.to_string());
                }
                DeValue::String(text) => {
                    report_unknown_word(dec, key, text, spellings, item.span());
                }
                other => dec.invalid(
                    item.span(),
                    format!("`{key}` must list strings, found {}", describe(other)),
                    None,
                ),
            }
        }
        Some(out)
    }

    /// The value of `key` decoded as its declaration says, for keys read without being
    /// named (plan.toml's settings). Sub-tables and arrays of tables are not values.
    pub(crate) fn value(
        &mut self,
        dec: &mut Decoder<'_>,
        key: &'static Key,
    ) -> Option<SettingValue> {
        let name = key.name;
        Some(match key.ty {
            Ty::Str | Ty::Reference => SettingValue::Str(self.string(dec, name)?),
            Ty::Url => SettingValue::Str(self.url(dec, name)?),
            Ty::Path | Ty::PathOrUrl => {
                let path = self.string(dec, name)?;
                let allow_url = matches!(key.ty, Ty::PathOrUrl);
                if !check_path(dec, &path, allow_url, self.origin.key(name)) {
                    return None;
                }
                SettingValue::Str(path)
            }
            Ty::Id | Ty::Ref(_) => SettingValue::Str(self.id(dec, name)?),
            Ty::Refs(_) => SettingValue::List(
                self.references(dec, name)
                    .into_iter()
                    .map(|r| r.id)
                    .collect(),
            ),
            Ty::Slugs => {
                let items = self.strings(dec, name)?;
                SettingValue::List(
                    items
                        .into_iter()
                        .filter_map(|(id, span)| check_slug(dec, &id, span.range()))
                        .collect(),
                )
            }
            Ty::Strings => {
                let items = self.strings(dec, name)?;
                if items.is_empty() && key.is_required() {
                    let loc = self.origin.key(name);
                    dec.report(
                        Diagnostic::new(&INVALID_VALUE, loc, format!("`{name}` is empty"))
                            .with_help(format!(
                                "list at least one, such as `{name} = {}`",
                                key.example_toml()
                            )),
                    );
                    return None;
                }
                SettingValue::List(items.into_iter().map(|(item, _)| item).collect())
            }
            Ty::Text => SettingValue::Text(self.text(dec, name)?),
            Ty::Date => SettingValue::Date(self.date(dec, name)?),
            Ty::Bool => SettingValue::Bool(self.boolean(dec, name)?),
            Ty::Count { min } => {
                let n = self.small_count(dec, name)?;
                if n < min {
                    let span = self.table.get(name).map(|v| v.span()).unwrap_or_default();
                    dec.invalid(
                        span,
                        format!("`{name}` must be a whole number from {min}"),
                        None,
                    );
                    return None;
                }
                SettingValue::Count(n)
            }
            Ty::Word(spellings) => SettingValue::Str(self.word(dec, name, &spellings())?),
            Ty::Words(spellings) => SettingValue::List(self.words(dec, name, &spellings())?),
            Ty::Table(_) | Ty::Tables(_) | Ty::Lints | Ty::Allow => return None,
        })
    }

    pub(crate) fn date(&mut self, dec: &mut Decoder<'_>, key: &'static str) -> Option<Date> {
        let value = self.get(key)?;
        let DeValue::Datetime(datetime) = value.get_ref() else {
            self.wrong_type(dec, key, value, "a date like 2021-05-06");
            return None;
        };
        let date = match (datetime.date, datetime.time, datetime.offset) {
            (Some(date), None, None) => date,
            _ => {
                dec.invalid(
                    value.span(),
                    format!("`{key}` must be a date without a time, found `{datetime}`"),
                    Some("write only the day: `2021-05-06`".to_string()),
                );
                return None;
            }
        };
        let parsed = Date::new(i32::from(date.year), date.month, date.day);
        if parsed.is_none() {
            dec.invalid(
                value.span(),
                format!("`{key}` is `{datetime}`, a date that does not exist"),
                None,
            );
        }
        parsed
    }

    /// A whole number from 0 up.
    pub(crate) fn count(&mut self, dec: &mut Decoder<'_>, key: &'static str) -> Option<u64> {
        let value = self.get(key)?;
        let parsed = match value.get_ref() {
            DeValue::Integer(integer) => {
                i64::from_str_radix(&integer.as_str().replace('_', ""), integer.radix()).ok()
            }
            _ => {
                self.wrong_type(dec, key, value, "a whole number");
                return None;
            }
        };
        match parsed.and_then(|n| u64::try_from(n).ok()) {
            Some(n) => Some(n),
            None => {
                dec.invalid(
                    value.span(),
                    format!("`{key}` must be a whole number from 0 up"),
                    None,
                );
                None
            }
        }
    }

    pub(crate) fn small_count(&mut self, dec: &mut Decoder<'_>, key: &'static str) -> Option<u32> {
        let n = self.count(dec, key)?;
        match u32::try_from(n) {
            Ok(n) => Some(n),
            Err(_) => {
                let span = self.table.get(key).map(|v| v.span()).unwrap_or_default();
                dec.invalid(span, format!("`{key}` is too large"), None);
                None
            }
        }
    }

    pub(crate) fn boolean(&mut self, dec: &mut Decoder<'_>, key: &'static str) -> Option<bool> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(dec, key, value, "`true` or `false`");
                None
            }
        }
    }

    /// Translatable text: a string, or a table of language code to string.
    pub(crate) fn text(&mut self, dec: &mut Decoder<'_>, key: &'static str) -> Option<Text> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::String(text) => Some(Text::Plain(text.to_string())),
            DeValue::Table(table) => {
                let mut by_lang = BTreeMap::new();
                for (lang, text) in table.iter() {
                    if !is_language_code(lang.get_ref()) {
                        dec.invalid(
                            lang.span(),
                            format!("`{}` is not a language code", lang.get_ref()),
                            Some("use a code such as `ca`, `es` or `en`".to_string()),
                        );
                        continue;
                    }
                    match text.get_ref() {
                        DeValue::String(s) => {
                            by_lang.insert(lang.get_ref().to_string(), s.to_string());
                        }
                        other => dec.invalid(
                            text.span(),
                            format!(
                                "the `{}` text of `{key}` must be a string, found {}",
                                lang.get_ref(),
                                describe(other)
                            ),
                            None,
                        ),
                    }
                }
                Some(Text::Translated(by_lang))
            }
            _ => {
                self.wrong_type(dec, key, value, "a string or a table of language = string");
                None
            }
        }
    }

    /// A sub-table such as `[cocreation]`.
    pub(crate) fn table(
        &mut self,
        dec: &mut Decoder<'_>,
        key: &'static str,
    ) -> Option<Entry<'t, 'i>> {
        let spec = self.child(key);
        let value = self.get(key)?;
        dec.entry(value, spec, spec.what)
    }

    /// The declaration of the table that `key` holds.
    fn child(&self, key: &str) -> &'static Table {
        match self.spec.child(key) {
            Some(table) => table,
            None => panic!("`{key}` in {} holds no table", self.spec.name),
        }
    }

    /// An array of tables such as `[[person]]`.
    pub(crate) fn tables(
        &mut self,
        dec: &mut Decoder<'_>,
        key: &'static str,
    ) -> Vec<Entry<'t, 'i>> {
        let spec = self.child(key);
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(
                dec,
                key,
                value,
                &format!("an array of tables (`[[{key}]]`)"),
            );
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| dec.entry(item, spec, spec.what))
            .collect()
    }

    /// The raw key/value pairs, for tables whose keys are data (such as `[lints]`).
    pub(crate) fn pairs(
        &self,
    ) -> impl Iterator<Item = (&'t Spanned<std::borrow::Cow<'i, str>>, Value<'t, 'i>)> {
        self.table.iter()
    }
}

/// Reads every setting of `entry` and its sub-tables into `settings`, each as its
/// declaration says. Arrays of tables and `[lints]` are entries, read by their own code.
pub(crate) fn read_settings(
    dec: &mut Decoder<'_>,
    entry: &mut Entry<'_, '_>,
    prefix: &str,
    settings: &mut Settings,
) {
    entry.check_keys(dec);
    for key in entry.spec().keys {
        let path = if prefix.is_empty() {
            key.name.to_string()
        } else {
            format!("{prefix}.{}", key.name)
        };
        match key.ty {
            Ty::Table(_) => {
                if let Some(mut inner) = entry.table(dec, key.name) {
                    read_settings(dec, &mut inner, &path, settings);
                }
            }
            Ty::Tables(_) | Ty::Lints => {}
            _ => {
                if let Some(value) = entry.value(dec, key) {
                    settings.push(Setting {
                        key,
                        path,
                        value,
                        loc: entry.origin.key(key.name),
                    });
                }
            }
        }
    }
}

fn report_unknown_word(
    dec: &mut Decoder<'_>,
    key: &str,
    text: &str,
    spellings: &[&str],
    span: Range<usize>,
) {
    let list = format!("`{key}` is one of {}", quoted_list(spellings));
    let help = match suggest::hint(text, spellings.iter().copied()) {
        Some(hint) => format!("{hint} {list}"),
        None => list,
    };
    dec.invalid(span, format!("`{text}` is not a known `{key}`"), Some(help));
}

/// Whether `text` is a web address rather than a path inside the plan.
pub(crate) fn is_url(text: &str) -> bool {
    text.starts_with("https://") || text.starts_with("http://")
}

/// Whether `text` is a whole address the document may link to: one of the format's
/// [`LINK_SCHEMES`](crate::format::LINK_SCHEMES), a web address with its `//`, and no white
/// space or control character (a browser ignores a tab inside `java\tscript:`).
pub(crate) fn is_link(text: &str) -> bool {
    crate::format::has_link_scheme(text)
        && text.split_once(':').is_some_and(|(scheme, rest)| {
            scheme.eq_ignore_ascii_case("mailto") || rest.starts_with("//")
        })
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Whether a relative path stays inside the plan folder.
pub(crate) fn is_inside_plan(path: &str) -> bool {
    !(path.starts_with('/')
        || path.contains('\\')
        || path.contains(':')
        || path.split('/').any(|part| part == ".." || part.is_empty()))
}

/// A path the plan names must stay inside the plan folder: it is read, and shown to
/// readers. Reports it when it does not; `allow_url` also lets a web address through.
pub(crate) fn check_path(dec: &mut Decoder<'_>, path: &str, allow_url: bool, loc: Loc) -> bool {
    if (allow_url && is_url(path)) || is_inside_plan(path) {
        return true;
    }
    let example = if allow_url {
        "give a relative path with `/` separators and no `..`, such as `minutes/forum-1.md`, or an https:// URL"
    } else {
        "give a relative path with `/` separators and no `..`, such as `vision.md`"
    };
    dec.report(
        Diagnostic::new(
            &INVALID_VALUE,
            loc,
            format!(
                "`{}` is not a path inside the plan folder",
                path.escape_debug()
            ),
        )
        .with_help(example),
    );
    false
}

fn quoted_list(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether `text` is an id: `[a-z0-9]` then `[a-z0-9-]`, at most 64 characters. Ids name
/// files, so this also keeps `/`, `..` and the like out of paths.
pub fn is_slug(text: &str) -> bool {
    let bytes = text.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 64
        && (bytes[0].is_ascii_lowercase() || bytes[0].is_ascii_digit())
        && bytes
            .iter()
            .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

pub(crate) fn check_slug(dec: &mut Decoder<'_>, text: &str, span: Range<usize>) -> Option<String> {
    if is_slug(text) {
        return Some(text.to_string());
    }
    dec.invalid(
        span,
        format!("`{}` is not a valid id", text.escape_debug()),
        Some(SLUG_HELP.to_string()),
    );
    None
}

pub(crate) const SLUG_HELP: &str = "ids are lowercase letters, digits and `-`, start with a letter or digit, and have at most 64 characters";

fn is_language_code(text: &str) -> bool {
    let mut parts = text.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_lowercase()));
    primary_ok
        && parts
            .all(|p| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// "a string", "an array": how a value's type reads in a message.
fn describe(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "a number",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("grup-motor"));
        assert!(is_slug("2021"));
        assert!(!is_slug("-x"));
        assert!(!is_slug("../etc"));
        assert!(!is_slug("a/b"));
        assert!(!is_slug("Gran"));
        assert!(!is_slug(&"a".repeat(65)));
    }

    #[test]
    fn language_codes() {
        assert!(is_language_code("ca"));
        assert!(is_language_code("pt-BR"));
        assert!(!is_language_code("catalan-language-x"));
        assert!(!is_language_code("C"));
    }
}
