//! What the plan already holds of each contribution, as much as an import asks of it.
//!
//! A re-import of a large export mostly finds every row said already. Holding the plan's
//! contributions whole to see that took three times the bytes of their file; the import
//! reads the plan with [`Session::open_digesting`] instead, and keeps of each
//! contribution a [`Digest`]: the few facts the merge looks up across rows, and one hash
//! of the values an import writes. A row whose values hash the same, key for key, is said
//! already. A row that differs, or that the digest cannot tell (a text in several
//! languages, a key written by hand with its default value), is merged on the file's text,
//! which decides exactly.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher as _, Hash as _, Hasher as _};
use std::path::Path;

use super::Export;
use super::merge::Field;
use crate::edit::session::{EditError, Session};
use crate::model::{AuthorKind, Contribution, ContributionKind, Keyword as _, Text};

/// The keys an import writes to a contribution, in the order it writes them; a digest's
/// `keys` has bit `i` set when the contribution has `IMPORTED[i]`.
pub(super) const IMPORTED: [&str; 16] = [
    "kind",
    "date",
    "title",
    "body",
    "author",
    "author-kind",
    "co-authors",
    "in-reply-to",
    "amends",
    "supports",
    "comments",
    "withdrawn",
    "hidden",
    "source-id",
    "source-component",
    "source-state",
];

/// The values a contribution has for the keys an import writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Values {
    /// Which of [`IMPORTED`] it has.
    keys: u16,
    /// The hash of those values, in the order of [`IMPORTED`].
    hash: u64,
}

/// A value as the import writes it, borrowed from a contribution or a planned row.
#[derive(Debug, Clone, Copy)]
pub(super) enum Value<'a> {
    Str(&'a str),
    /// A text in the plan's first language (`None`) or in another.
    Text(Option<&'a str>, &'a str),
    Int(i64),
    Date(crate::model::Date),
    Bool(bool),
    List(&'a [String]),
}

impl Value<'_> {
    fn hash_into(&self, hasher: &mut impl std::hash::Hasher) {
        // Each variant is told apart by its tag, and each string by its length.
        match *self {
            Value::Str(text) => {
                hasher.write_u8(1);
                text.hash(hasher);
            }
            Value::Text(lang, text) => {
                hasher.write_u8(2);
                lang.hash(hasher);
                text.hash(hasher);
            }
            Value::Int(n) => {
                hasher.write_u8(3);
                hasher.write_i64(n);
            }
            Value::Date(date) => {
                hasher.write_u8(4);
                date.hash(hasher);
            }
            Value::Bool(b) => {
                hasher.write_u8(5);
                hasher.write_u8(u8::from(b));
            }
            Value::List(items) => {
                hasher.write_u8(6);
                items.hash(hasher);
            }
        }
    }
}

/// What one contribution of the plan is to an import.
#[derive(Debug, Clone)]
pub(super) struct Digest {
    pub id: Box<str>,
    pub kind: Option<ContributionKind>,
    /// Recorded as signed by a group: an export that cannot tell a group signing with one
    /// member from a person (see `decidim::Members`) does not make it a person again.
    pub by_group: bool,
    /// Its response is the source's own answer, unchanged since it was imported.
    pub renewable: bool,
    /// Its Decidim id, for a proposal or an amendment.
    pub proposal: Option<u64>,
    /// The component of a proposal (or amendment) that the export does not hold, though
    /// it holds others of that component, and the plan does not know as hidden. An export
    /// of a component holds all of its published proposals, withdrawn ones too, save what
    /// the moderators hid (from Decidim 0.26.6 and 0.27.3 on): so this one was most likely
    /// hidden since.
    pub missing_from: Option<u64>,
    /// What it says of the keys an import writes; `None` when the digest cannot tell.
    pub values: Option<Values>,
    pub response: Option<Responded>,
}

/// What a contribution's response says that an import compares.
#[derive(Debug, Clone, Copy)]
pub(super) struct Responded {
    pub status: Option<crate::model::ResponseStatus>,
    /// The hash of its `from-source` fingerprint.
    pub from_source: Option<u64>,
}

/// Hashes values with a key chosen at random for this run, so that no plan can be written
/// to make two different values hash the same.
#[derive(Debug, Clone, Default)]
pub(super) struct Hashing(foldhash::quality::RandomState);

impl Hashing {
    /// The hash of the values `fields` gives for keys of [`IMPORTED`]; `None` if it
    /// names a key twice or one not there.
    pub(super) fn values<'a>(
        &self,
        fields: impl IntoIterator<Item = (&'a str, Value<'a>)>,
    ) -> Option<Values> {
        let mut found: [Option<Value<'a>>; IMPORTED.len()] = [None; IMPORTED.len()];
        for (key, value) in fields {
            let index = IMPORTED.iter().position(|k| *k == key)?;
            if found[index].replace(value).is_some() {
                return None;
            }
        }
        let mut hasher = self.0.build_hasher();
        let mut keys = 0u16;
        for (index, value) in found.iter().enumerate() {
            if let Some(value) = value {
                keys |= 1 << index;
                hasher.write_u8(index as u8);
                value.hash_into(&mut hasher);
            }
        }
        Some(Values {
            keys,
            hash: hasher.finish(),
        })
    }

    pub(super) fn text(&self, text: &str) -> u64 {
        self.0.hash_one(text)
    }

    /// The digest of `contribution` in a plan whose first language is `primary`, for an
    /// export holding `export`'s proposals.
    pub(super) fn digest(
        &self,
        contribution: Contribution,
        primary: &str,
        export: &Export,
    ) -> Digest {
        let proposal = matches!(
            contribution.kind,
            Some(ContributionKind::Proposal | ContributionKind::Amendment)
        )
        .then(|| super::proposal_id(&contribution))
        .flatten();
        let missing_from = contribution.source.as_ref().and_then(|source| {
            let (component, id) = (source.component?, source.id?);
            let proposals = export.proposals_by_component.get(&component)?;
            (!contribution.hidden
                && contribution.kind != Some(ContributionKind::Comment)
                && !proposals.contains(&id))
            .then_some(component)
        });
        Digest {
            renewable: contribution
                .response
                .as_ref()
                .is_some_and(|response| super::unchanged_since_import(response, primary)),
            response: contribution.response.as_ref().map(|response| Responded {
                status: response.status,
                from_source: response.from_source.as_deref().map(|f| self.text(f)),
            }),
            values: self.values_of(&contribution, primary),
            kind: contribution.kind,
            by_group: contribution.author_kind == Some(AuthorKind::UserGroup),
            proposal,
            missing_from,
            id: contribution.id.into_boxed_str(),
        }
    }

    /// What `contribution` says of the keys an import writes, as the import would write
    /// it; `None` for a value the import never writes so (a text in several languages, a
    /// count beyond what a TOML integer holds).
    fn values_of(&self, contribution: &Contribution, primary: &str) -> Option<Values> {
        fn text<'c>(text: Option<&'c Text>, primary: &str) -> Option<Option<Value<'c>>> {
            Some(match text {
                None => None,
                Some(Text::Plain(text)) => Some(Value::Text(None, text)),
                Some(Text::Translated(by_lang)) => {
                    let mut langs = by_lang.iter();
                    let (lang, text) = langs.next()?;
                    if langs.next().is_some() {
                        return None;
                    }
                    Some(Value::Text((lang != primary).then_some(lang), text))
                }
            })
        }
        let mut fields: Vec<(&str, Value<'_>)> = Vec::with_capacity(IMPORTED.len());
        let count = |n: Option<u64>| -> Option<Option<Value<'_>>> {
            match n {
                None => Some(None),
                Some(n) => Some(Some(Value::Int(i64::try_from(n).ok()?))),
            }
        };
        let source = contribution.source.as_ref();
        let optional = [
            ("kind", contribution.kind.map(|k| Value::Str(k.as_str()))),
            ("date", contribution.date.map(Value::Date)),
            ("title", text(contribution.title.as_ref(), primary)?),
            ("body", text(contribution.body.as_ref(), primary)?),
            ("author", contribution.author.as_deref().map(Value::Str)),
            (
                "author-kind",
                contribution.author_kind.map(|k| Value::Str(k.as_str())),
            ),
            (
                "co-authors",
                (!contribution.co_authors.is_empty())
                    .then_some(Value::List(&contribution.co_authors)),
            ),
            (
                "in-reply-to",
                contribution.in_reply_to.as_ref().map(|r| Value::Str(&r.id)),
            ),
            (
                "amends",
                contribution.amends.as_ref().map(|r| Value::Str(&r.id)),
            ),
            ("supports", count(contribution.supports)?),
            ("comments", count(contribution.comments)?),
            (
                "withdrawn",
                contribution.withdrawn.then_some(Value::Bool(true)),
            ),
            ("hidden", contribution.hidden.then_some(Value::Bool(true))),
            ("source-id", count(source.and_then(|s| s.id))?),
            ("source-component", count(source.and_then(|s| s.component))?),
            (
                "source-state",
                source.and_then(|s| s.state.as_deref()).map(Value::Str),
            ),
        ];
        fields.extend(
            optional
                .into_iter()
                .filter_map(|(key, value)| Some((key, value?))),
        );
        self.values(fields)
    }
}

impl Field {
    /// This value as a digest hashes it.
    pub(super) fn digested(&self) -> Value<'_> {
        match self {
            Field::Str(text) => Value::Str(text),
            Field::Text { lang, text } => Value::Text(lang.as_deref(), text),
            Field::Int(n) => Value::Int(*n),
            Field::Date(date) => Value::Date(*date),
            Field::Bool(b) => Value::Bool(*b),
            Field::List(items) => Value::List(items),
        }
    }
}

/// What the plan holds of one contribution id.
#[derive(Debug)]
pub(super) struct Held {
    /// The file (its index in `plan.contribution_files`) that holds the id last.
    pub file: usize,
    pub kind: Option<ContributionKind>,
    pub by_group: bool,
    /// Some contribution of this id is [`Digest::renewable`].
    pub renewable: bool,
    /// The values and response of the first entry of the id in `file`, when that file was
    /// read without a finding; else `None`, and rows of this id are merged on the text.
    pub said: Option<(Values, Option<Responded>)>,
}

/// The plan's contributions as an import looks them up.
#[derive(Debug, Default)]
pub struct Known {
    pub(super) by_id: HashMap<Box<str>, Held>,
    /// The contribution ids of the proposals and amendments, by Decidim id.
    pub(super) proposals: HashMap<u64, Box<str>>,
    /// The proposals of each component that the export does not hold.
    pub(super) missing: BTreeMap<u64, Vec<String>>,
    pub(super) hashing: Hashing,
}

/// Locks and reads the plan in `root` for importing `export`: a session whose plan holds
/// no contributions, and what it holds of them.
pub fn open(
    root: &Path,
    waiting: &mut dyn FnMut(),
    export: &Export,
) -> Result<(Session, Known), EditError> {
    let hashing = Hashing::default();
    let (session, digests) = Session::open_digesting(root, waiting, |primary, contribution| {
        hashing.digest(contribution, primary, export)
    })?;
    let mut known = Known {
        hashing,
        ..Known::default()
    };
    for (index, digests) in digests.into_iter().enumerate() {
        let Some(file) = session.plan().contribution_files.get(index) else {
            continue;
        };
        let as_it_is = session.read_as_it_is(file.origin.file);
        for digest in digests {
            known.learn(index, digest, as_it_is);
        }
    }
    Ok((session, known))
}

impl Known {
    /// Learns one contribution of file `file`, in the plan's order; `as_it_is` says that
    /// the file was read without a finding.
    fn learn(&mut self, file: usize, digest: Digest, as_it_is: bool) {
        if let Some(number) = digest.proposal {
            self.proposals.insert(number, digest.id.clone());
        }
        if let Some(component) = digest.missing_from {
            self.missing
                .entry(component)
                .or_default()
                .push(digest.id.to_string());
        }
        let said = as_it_is
            .then_some(digest.values)
            .flatten()
            .map(|values| (values, digest.response));
        let held = Held {
            file,
            kind: digest.kind,
            by_group: digest.by_group,
            renewable: digest.renewable,
            said,
        };
        match self.by_id.get_mut(&digest.id) {
            // The id again in the same file: its last entry's kind, its first's values.
            Some(earlier) if earlier.file == file => {
                earlier.kind = held.kind;
                earlier.by_group = held.by_group;
                earlier.renewable |= held.renewable;
            }
            // In a later file: that file's entry, renewable if any entry was.
            Some(earlier) => {
                let renewable = earlier.renewable || held.renewable;
                *earlier = Held { renewable, ..held };
            }
            None => {
                self.by_id.insert(digest.id, held);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Text};

    /// The first contribution of the valid test plan: a proposal with a date, a title, a
    /// body, an author and counts, and keys an import never writes (`about`, a response).
    fn proposal() -> Contribution {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
        let loaded = crate::load::load(&crate::source::DirSource::new(&root)).expect("loads");
        loaded.plan.contribution_files[0].contributions[0].clone()
    }

    /// What an import that read the same values would write of it.
    fn as_imported() -> Vec<(&'static str, Field)> {
        let text = |text: &str| Field::Text {
            lang: None,
            text: text.to_string(),
        };
        vec![
            ("kind", Field::Str("proposal".to_string())),
            (
                "date",
                Field::Date(Date::parse("2021-05-20").expect("a date")),
            ),
            ("title", text("Més dades obertes")),
            ("body", text("Proposo publicar els pressupostos.")),
            ("author", Field::Str("anonymous".to_string())),
            ("supports", Field::Int(3)),
            ("comments", Field::Int(1)),
        ]
    }

    fn planned(hashing: &Hashing, fields: &[(&'static str, Field)]) -> Option<Values> {
        hashing.values(fields.iter().map(|(key, field)| (*key, field.digested())))
    }

    #[test]
    fn a_contribution_has_the_values_of_the_row_that_wrote_it() {
        let hashing = Hashing::default();
        let said = hashing.values_of(&proposal(), "ca").expect("it can tell");
        assert_eq!(planned(&hashing, &as_imported()), Some(said));
        // In any order.
        let mut reversed = as_imported();
        reversed.reverse();
        assert_eq!(planned(&hashing, &reversed), Some(said));
    }

    #[test]
    fn one_value_otherwise_is_another_digest() {
        let hashing = Hashing::default();
        let said = hashing.values_of(&proposal(), "ca").expect("it can tell");
        let changes: [(&str, Field); 4] = [
            ("supports", Field::Int(4)),
            (
                "title",
                Field::Text {
                    lang: Some("es".to_string()),
                    text: "Més dades obertes".to_string(),
                },
            ),
            (
                "date",
                Field::Date(Date::parse("2021-05-21").expect("a date")),
            ),
            ("author", Field::Str("anonymous ".to_string())),
        ];
        for (key, value) in changes {
            let mut fields = as_imported();
            for field in &mut fields {
                if field.0 == key {
                    field.1 = value.clone();
                }
            }
            assert_ne!(planned(&hashing, &fields), Some(said), "{key}");
        }
        // A key the row does not write that the contribution has, or the other way.
        let mut fewer = as_imported();
        fewer.retain(|(key, _)| *key != "comments");
        assert_ne!(planned(&hashing, &fewer), Some(said));
        let mut more = as_imported();
        more.push(("hidden", Field::Bool(true)));
        assert_ne!(planned(&hashing, &more), Some(said));
        // A key named twice is never a digest.
        let mut twice = as_imported();
        twice.push(("supports", Field::Int(3)));
        assert_eq!(planned(&hashing, &twice), None);
    }

    #[test]
    fn a_text_in_one_language_reads_as_the_import_writes_it() {
        let hashing = Hashing::default();
        let mut contribution = proposal();
        // `title = { ca = "…" }` says what `title = "…"` says in a plan whose first
        // language is Catalan; in another language it is a translation.
        contribution.title = Some(Text::Translated(
            [("ca".to_string(), "Més dades obertes".to_string())].into(),
        ));
        let said = hashing.values_of(&contribution, "ca");
        assert_eq!(said, planned(&hashing, &as_imported()));
        contribution.title = Some(Text::Translated(
            [("es".to_string(), "Més dades obertes".to_string())].into(),
        ));
        assert_ne!(
            hashing.values_of(&contribution, "ca"),
            planned(&hashing, &as_imported())
        );
        // Texts in several languages are merged on the file's text.
        contribution.title = Some(Text::Translated(
            [
                ("ca".to_string(), "Més dades obertes".to_string()),
                ("es".to_string(), "Más datos abiertos".to_string()),
            ]
            .into(),
        ));
        assert_eq!(hashing.values_of(&contribution, "ca"), None);
    }
}
