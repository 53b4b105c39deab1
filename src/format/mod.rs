//! The plan format, said once.
//!
//! Every file of a plan, every table in it and every key of every table is declared here,
//! as data: its name, what it holds, whether it is required, its default, whether `obert
//! <kind> set` may change it, its one-line doc, an example, and how `obert diff` names it.
//! Everything else reads these declarations instead of listing keys again:
//!
//! - the loader ([`crate::load`]) takes its known keys, its did-you-mean hints, which keys
//!   are required and how to decode each value from here, and reads plan.toml's settings
//!   ([`Settings`]) without naming them;
//! - `obert schema` builds its JSON Schemas from here ([`schema`]);
//! - `obert fmt` orders keys and nests tables as declared here;
//! - the edit commands list and parse the fields `set` may change from here;
//! - `obert diff` compares plan.toml's settings key by key as declared here;
//! - docs/format.md's key tables and the blank skeleton's comments are generated from here
//!   ([`reference`]), and a test keeps them current.
//!
//! This follows ruff's options, where one field with its doc comment and attributes yields
//! the schema, the docs and `ruff config`. Declarations are `static` data rather than derived
//! from the model's types because the loader decodes by hand: one bad value must not keep
//! the rest of an entry from loading, and every key keeps its span.

mod files;
mod plan;
pub mod reference;
pub mod schema;
mod settings;

use std::fmt::Write as _;

pub use files::*;
pub use plan::*;
pub use settings::{Setting, SettingValue, Settings};

use crate::model::{EntryKind, Keyword};
use crate::rules::Rule;

/// What a key holds.
#[derive(Debug, Clone, Copy)]
pub enum Ty {
    /// Free text that is not translated (a name, a role).
    Str,
    /// A web address.
    Url,
    /// A path inside the plan folder.
    Path,
    /// A path inside the plan folder, or a web address.
    PathOrUrl,
    /// The entry's own id, a slug.
    Id,
    /// An id that names another entry, of one of these kinds.
    Ref(&'static [EntryKind]),
    /// A list of ids that name entries of a kind.
    Refs(EntryKind),
    /// A list of ids that name no entry (body section ids).
    Slugs,
    /// A list of free strings (language codes).
    Strings,
    /// Text in the plan's primary language, or a table of language → text.
    Text,
    /// A TOML local date, `2021-05-06`.
    Date,
    Bool,
    /// A whole number from `min`.
    Count {
        min: u32,
    },
    /// One word of a closed list.
    Word(fn() -> Vec<&'static str>),
    /// A list of words of a closed list.
    Words(fn() -> Vec<&'static str>),
    /// A contribution's reference from its source: printable text, not a slug.
    Reference,
    /// A sub-table, such as `[cocreation]`.
    Table(&'static Table),
    /// An array of tables, such as `[[member]]`.
    Tables(&'static Table),
    /// `[lints]`: rule name → level.
    Lints,
    /// `allow`: rule name → the reason it does not apply here.
    Allow,
}

impl Ty {
    /// How the docs name the type.
    pub fn describe(self) -> String {
        match self {
            Ty::Str => "string".into(),
            Ty::Url => "string: a URL".into(),
            Ty::Path => "string: a path inside the plan".into(),
            Ty::PathOrUrl => "string: a path inside the plan, or a URL".into(),
            Ty::Id => "id".into(),
            Ty::Ref(kinds) => {
                let kinds: Vec<&str> = kinds.iter().map(|kind| kind.a()).collect();
                format!("reference to {}", kinds.join(" or "))
            }
            Ty::Refs(kind) => format!("list of references to {}", kind.plural()),
            Ty::Slugs => "list of ids".into(),
            Ty::Strings => "list of strings".into(),
            Ty::Text => "text".into(),
            Ty::Date => "date".into(),
            Ty::Bool => "`true` or `false`".into(),
            Ty::Count { min: 0 } => "whole number".into(),
            Ty::Count { min } => format!("whole number from {min}"),
            Ty::Word(words) => format!("word: {}", quoted(&words())),
            Ty::Words(words) => format!("list of words: {}", quoted(&words())),
            Ty::Reference => "string: the source's reference".into(),
            Ty::Table(_) => "table".into(),
            Ty::Tables(_) => "array of tables".into(),
            Ty::Lints => "table: rule name = level".into(),
            Ty::Allow => "table: rule name = reason".into(),
        }
    }

    /// Whether a value of this type is a list, so that `set --add` and `--remove` apply.
    pub fn is_list(self) -> bool {
        matches!(self, Ty::Refs(_) | Ty::Slugs | Ty::Strings | Ty::Words(_))
    }

    /// The table a `Table` or `Tables` key holds; `[lints]`, whose keys are rule names,
    /// is a table that declares none.
    pub fn table(self) -> Option<&'static Table> {
        match self {
            Ty::Table(table) | Ty::Tables(table) => Some(table),
            Ty::Lints => Some(&LINTS),
            _ => None,
        }
    }
}

/// Whether an entry must have the key.
#[derive(Debug, Clone, Copy)]
pub enum Need {
    /// The file loads only with it: a missing one is `invalid-value`.
    Required,
    Optional,
    /// The file loads without it, but this rule reports its absence.
    Rule(&'static Rule),
}

/// What a key is when it is left out.
#[derive(Debug, Clone, Copy)]
pub enum Fallback {
    Count(u32),
    Bool(bool),
    Str(&'static str),
    /// A list of words or ids.
    List(&'static [&'static str]),
    /// A default that depends on other values, said in words for the docs.
    Note(&'static str),
}

impl Fallback {
    /// The default as TOML, or in words for a [`Fallback::Note`].
    pub fn toml(self) -> String {
        match self {
            Fallback::Count(n) => n.to_string(),
            Fallback::Bool(b) => b.to_string(),
            Fallback::Str(s) => format!("\"{s}\""),
            Fallback::List(items) => toml_list(items),
            Fallback::Note(words) => words.to_string(),
        }
    }
}

/// Whether `obert <kind> set` may change a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Set {
    Yes,
    /// Another command sets it; the text names it (`obert member leave`).
    Via(&'static str),
    /// Not settable, and why.
    No(&'static str),
}

/// How a key's value is shown, in `obert diff` and wherever the plan is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// As written.
    Value,
    /// Private (e-mail, phone): never shown; diff only says that it changed.
    Private,
    /// Shown only while the person consents (`public = true`): a person's name.
    WithConsent,
    /// Long prose: diff shows changed lines.
    Prose,
}

/// One key of a table.
#[derive(Debug)]
pub struct Key {
    pub name: &'static str,
    pub ty: Ty,
    pub need: Need,
    pub default: Option<Fallback>,
    pub set: Set,
    pub shown: Shown,
    /// What the key means, in one line (a sentence without its final full stop).
    pub doc: &'static str,
    /// A value as TOML, for the docs, the blank skeleton and hints (`add \`date = …\``).
    pub example: &'static str,
    /// How `obert diff` names the key where its name would not read well: one item of a
    /// list (`attendees` → `attendee`), or a name another field has taken.
    pub diff_as: Option<&'static str>,
    /// Whether the blank skeleton writes the key with its example, not commented out: the
    /// skeleton holds the files that value names (`[document] chapters`).
    pub in_skeleton: bool,
}

impl Key {
    pub const fn new(name: &'static str, ty: Ty, doc: &'static str) -> Key {
        Key {
            name,
            ty,
            need: Need::Optional,
            default: None,
            set: Set::Yes,
            shown: Shown::Value,
            doc,
            example: "",
            diff_as: None,
            in_skeleton: false,
        }
    }

    pub const fn required(mut self) -> Key {
        self.need = Need::Required;
        self
    }

    /// Optional to load, but `rule` reports its absence.
    pub const fn needed_by(mut self, rule: &'static Rule) -> Key {
        self.need = Need::Rule(rule);
        self
    }

    pub const fn default(mut self, default: Fallback) -> Key {
        self.default = Some(default);
        self
    }

    pub const fn set(mut self, set: Set) -> Key {
        self.set = set;
        self
    }

    pub const fn shown(mut self, shown: Shown) -> Key {
        self.shown = shown;
        self
    }

    pub const fn example(mut self, example: &'static str) -> Key {
        self.example = example;
        self
    }

    /// The blank skeleton writes this key with its example, uncommented.
    pub const fn in_skeleton(mut self) -> Key {
        self.in_skeleton = true;
        self
    }

    pub const fn diff_as(mut self, name: &'static str) -> Key {
        self.diff_as = Some(name);
        self
    }

    pub fn is_required(&self) -> bool {
        matches!(self.need, Need::Required)
    }

    /// The example, or one that the type implies.
    pub fn example_toml(&self) -> String {
        if !self.example.is_empty() {
            return self.example.to_string();
        }
        match self.ty {
            Ty::Id | Ty::Ref(_) => "\"an-id\"".into(),
            Ty::Refs(_) | Ty::Slugs => "[\"an-id\"]".into(),
            Ty::Strings => "[\"…\"]".into(),
            Ty::Date => "2021-05-06".into(),
            Ty::Bool => "true".into(),
            Ty::Count { min } => min.max(1).to_string(),
            Ty::Word(words) => words()
                .first()
                .map_or("\"…\"".into(), |w| format!("\"{w}\"")),
            Ty::Words(words) => toml_list(&words().into_iter().take(1).collect::<Vec<_>>()),
            Ty::Url | Ty::PathOrUrl => "\"https://…\"".into(),
            _ => "\"…\"".into(),
        }
    }

    /// How `obert diff` names the key (or one item of a list key).
    pub fn diff_name(&self) -> &'static str {
        self.diff_as.unwrap_or(self.name)
    }
}

/// One kind of TOML table: a file's root, a sub-table, or the entries of an array of
/// tables.
#[derive(Debug)]
pub struct Table {
    /// How the docs head it: `plan.toml`, `[rules.forum]`, `[[member]]`.
    pub name: &'static str,
    /// How messages name one: "a `[[member]]` entry".
    pub what: &'static str,
    /// What it is for, in one line.
    pub doc: &'static str,
    /// Its keys, in the order the format lists them (and `obert fmt` writes them).
    pub keys: &'static [&'static Key],
}

impl Table {
    /// The key called `name`.
    pub fn key(&self, name: &str) -> Option<&'static Key> {
        self.keys.iter().copied().find(|key| key.name == name)
    }

    /// The key names, in the format's order.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.keys.iter().map(|key| key.name)
    }

    /// Where `name` stands in the format's order; unknown keys sort last.
    pub fn rank(&self, name: &str) -> usize {
        self.keys
            .iter()
            .position(|key| key.name == name)
            .unwrap_or(self.keys.len())
    }

    /// The keys the format lists before `name`: where a first `name` goes in a file.
    pub fn names_before(&self, name: &str) -> Vec<&'static str> {
        self.keys[..self.rank(name).min(self.keys.len())]
            .iter()
            .map(|key| key.name)
            .collect()
    }

    /// The table that key `name` holds (a sub-table or an array of tables).
    pub fn child(&self, name: &str) -> Option<&'static Table> {
        self.key(name).and_then(|key| key.ty.table())
    }

    /// The keys `obert … set` may change.
    pub fn settable(&self) -> impl Iterator<Item = &'static Key> + '_ {
        self.keys.iter().copied().filter(|key| key.set == Set::Yes)
    }

    /// The key `set` may change called `name`, or a refusal that says which there are.
    pub fn settable_key(&self, name: &str, entry: &str) -> Result<&'static Key, String> {
        if let Some(key) = self.settable().find(|key| key.name == name) {
            return Ok(key);
        }
        let names: Vec<&str> = self.settable().map(|key| key.name).collect();
        let why = match self.key(name).map(|key| key.set) {
            Some(Set::Via(command)) => format!("; `{name}` is set with `{command}`"),
            Some(Set::No(reason)) => format!("; `{name}` {reason}"),
            _ => crate::suggest::hint(name, names.iter().copied())
                .map_or(String::new(), |hint| format!("; {hint}")),
        };
        Err(format!(
            "{entry} has no field `{name}` that obert can set{why}; the fields are: {}",
            names.join(", ")
        ))
    }
}

/// `allow`, which any entry and any file's top level may hold: a rule that does not apply
/// there, and why. A finding of that rule inside the entry (or anywhere in the file) is
/// then kept as allowed with its reason rather than reported as a problem.
pub static ALLOW: Key = Key::new(
    "allow",
    Ty::Allow,
    "Rules that do not apply here, each with the reason: `rule-name = \"why\"`",
)
.set(Set::No(
    "is written by hand where the exception applies, with its reason",
))
.example("{ attendee-not-member = \"Deputises for the minister at meetings.\" }");

/// `[lints]`: its keys are rule names, checked against the rule catalogue rather than
/// declared here, and kept in the author's order.
pub static LINTS: Table = Table {
    name: "[lints]",
    what: "`[lints]`",
    doc: "The level of each rule's findings",
    keys: &[],
};

/// One kind of plan file.
#[derive(Debug)]
pub struct File {
    /// Its path in the plan, with `<id>` for the part that is an id.
    pub path: &'static str,
    /// The kind, as `obert fmt` and the schemas know it.
    pub kind: FileKind,
    /// The name of its JSON Schema (`obert schema`).
    pub schema: &'static str,
    /// What it holds, in one line.
    pub doc: &'static str,
    pub root: &'static Table,
}

/// The plan files that hold TOML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    Plan,
    Organisations,
    People,
    Space,
    Contributions,
    /// The front matter of a commitment.
    Commitment,
    Progress,
    Assessments,
}

impl FileKind {
    /// The kind of the file at `plan_path`, a path inside the plan folder with `/` between
    /// its parts; `None` for a file that holds no TOML of the format, such as the vision,
    /// minutes, or the translation of a commitment (`commitments/<id>.<lang>.md`).
    pub fn of(plan_path: &str) -> Option<FileKind> {
        match plan_path {
            "plan.toml" => return Some(FileKind::Plan),
            "organisations.toml" => return Some(FileKind::Organisations),
            "people.toml" => return Some(FileKind::People),
            _ => {}
        }
        let (folder, name) = plan_path.split_once('/')?;
        let stem = |ext: &str| {
            name.strip_suffix(ext)
                .filter(|stem| !stem.is_empty() && !stem.contains('/'))
        };
        match folder {
            "spaces" => stem(".toml").map(|_| FileKind::Space),
            "contributions" => stem(".toml").map(|_| FileKind::Contributions),
            "progress" => stem(".toml").map(|_| FileKind::Progress),
            "assessments" => stem(".toml").map(|_| FileKind::Assessments),
            "commitments" => stem(".md")
                .filter(|stem| !stem.contains('.'))
                .map(|_| FileKind::Commitment),
            _ => None,
        }
    }

    pub fn file(self) -> &'static File {
        FILES
            .iter()
            .find(|file| file.kind == self)
            .unwrap_or(&FILES[0])
    }

    /// The root table of this kind of file.
    pub fn root(self) -> &'static Table {
        self.file().root
    }
}

/// Every table reachable from the files, each once, files first.
pub fn tables() -> Vec<&'static Table> {
    let mut found: Vec<&'static Table> = Vec::new();
    let mut stack: Vec<&'static Table> = FILES.iter().rev().map(|file| file.root).collect();
    while let Some(table) = stack.pop() {
        if found.iter().any(|t| std::ptr::eq(*t, table)) {
            continue;
        }
        found.push(table);
        for key in table.keys.iter().rev() {
            if let Some(inner) = key.ty.table() {
                stack.push(inner);
            }
        }
    }
    found
}

/// `["a", "b"]`.
pub(crate) fn toml_list(items: &[&str]) -> String {
    let mut text = String::from("[");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            text.push_str(", ");
        }
        let _ = write!(text, "\"{item}\"");
    }
    text.push(']');
    text
}

/// `` `a`, `b` ``.
pub(crate) fn quoted(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The spellings of a closed list, for [`Ty::Word`] and [`Ty::Words`].
pub fn words<K: Keyword>() -> Vec<&'static str> {
    K::spellings()
}

/// The schemes of the links a document may carry, wherever they come from (a URL key, a link
/// in plan prose): web pages and e-mail. Any other (`javascript:`, `vbscript:`, `data:`)
/// could run in the browser of whoever opens the document.
pub const LINK_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// Whether `url` has one of the [`LINK_SCHEMES`].
pub fn has_link_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(scheme, _)| {
        LINK_SCHEMES
            .iter()
            .any(|allowed| allowed.eq_ignore_ascii_case(scheme))
    })
}
