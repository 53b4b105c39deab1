//! organisations.toml, people.toml, spaces/*.toml, contributions/*.toml, and the evidence
//! files that meetings name.

use std::collections::BTreeSet;
use std::sync::Arc;

use toml::de::DeTable;

use super::decode::{Decoder, Entry, check_path, is_inside_plan, is_url, read_settings};
use super::pieces;
use super::reuse::Entries;
use super::{Got, LoadError, Loader, bad_file_name, is_slug, stem};
use crate::diag::{Diagnostic, FileId};
use crate::format::{self, Table};
use crate::model::{
    Contribution, ContributionFile, Document, Meeting, Member, Organisation, Period, Person, Phase,
    Plan, Ref, Response, SourceRecord, Space,
};
use crate::model::{Keyword as _, Moved, SpaceKind};
use crate::rules::{INVALID_VALUE, MISSING_FILE};

/// Reads a file whose root `spec` holds an array of tables under `key`, calling `each` per
/// entry. A missing file is fine: a new plan may not have one yet.
fn load_entries<T: Entered>(
    loader: &mut Loader<'_>,
    path: &str,
    spec: &'static Table,
    key: &'static str,
    earlier: Option<Earlier<T>>,
    each: impl FnMut(&mut Decoder<'_>, Entry<'_, '_>) -> Option<T>,
) -> Option<Vec<T>> {
    let file = match loader.read_text(path) {
        Got::Text(file) => file,
        Got::Missing => return Some(Vec::new()),
        Got::Failed(_) => return None,
    };
    decode_entries(
        loader,
        file,
        &format!("`{path}`"),
        spec,
        key,
        earlier,
        |_, _| (),
        each,
    )
    .map(|((), entries)| entries)
}

/// An entry of a file of entries, which starts where its origin says.
pub(super) trait Entered: Moved + Clone {
    fn start(&self) -> usize;
}

impl Entered for Person {
    fn start(&self) -> usize {
        self.origin.span.start as usize
    }
}

impl Entered for Organisation {
    fn start(&self) -> usize {
        self.origin.span.start as usize
    }
}

impl Entered for Contribution {
    fn start(&self) -> usize {
        self.origin.span.start as usize
    }
}

/// A file of entries as an earlier reading decoded it from another text (see
/// [`Loader::earlier`]): the pieces at its start and end that did not change are taken
/// over (see [`taken_over`]).
pub(super) struct Earlier<T> {
    source: crate::diag::SourceFile,
    /// Shared when another plan still holds them (the other side of a comparison): only
    /// the entries taken over are then copied.
    entries: Arc<Vec<T>>,
}

impl<T> Earlier<T> {
    fn of(
        loader: &mut Loader<'_>,
        path: &str,
        entries: impl FnOnce(Entries) -> Option<Arc<Vec<T>>>,
    ) -> Option<Self> {
        let (source, decoded, _) = loader.earlier(path)?;
        Some(Earlier {
            source,
            entries: entries(decoded)?,
        })
    }
}

/// Decodes `file`, whose root `spec` holds an array of tables under `key`: `root` reads the
/// root's own keys, `each` one entry (its keys already checked). A large file is parsed a
/// piece at a time (see [`pieces`]), so that its parsed tables are never all in memory, and
/// its text is let go once decoded without a finding (see [`Loader::let_go`]).
/// `None` when the file is not valid TOML; its syntax errors are reported.
#[allow(clippy::too_many_arguments)]
fn decode_entries<R, T: Entered>(
    loader: &mut Loader<'_>,
    file: FileId,
    what: &str,
    spec: &'static Table,
    key: &'static str,
    earlier: Option<Earlier<T>>,
    root: impl FnMut(&mut Decoder<'_>, &mut Entry<'_, '_>) -> R,
    each: impl FnMut(&mut Decoder<'_>, Entry<'_, '_>) -> Option<T>,
) -> Option<(R, Vec<T>)> {
    let findings = loader.diagnostics.len();
    let decoded = decode_all(loader, file, what, spec, key, earlier, root, each);
    if decoded.is_some() && loader.diagnostics.len() == findings {
        loader.let_go(file);
    }
    decoded
}

/// [`decode_entries`], the file's text still at hand.
#[allow(clippy::too_many_arguments)]
fn decode_all<R, T: Entered>(
    loader: &mut Loader<'_>,
    file: FileId,
    what: &str,
    spec: &'static Table,
    key: &'static str,
    earlier: Option<Earlier<T>>,
    mut root: impl FnMut(&mut Decoder<'_>, &mut Entry<'_, '_>) -> R,
    mut each: impl FnMut(&mut Decoder<'_>, Entry<'_, '_>) -> Option<T>,
) -> Option<(R, Vec<T>)> {
    let text = loader.files.get(file).text();
    // A required `key` would be missing from the head: such a file is read whole.
    let cut = pieces::cut(text, key).filter(|_| !spec.key(key).is_some_and(|k| k.is_required()));
    if let Some(cut) = cut {
        let mut dec = Decoder {
            file,
            offset: 0,
            out: &mut loader.diagnostics,
            allows: &mut loader.allows,
        };
        let taken = earlier.map(|earlier| taken_over(earlier, text, &cut, key));
        if let Some(decoded) = decode_pieces(
            &mut dec, text, &cut, taken, what, spec, key, &mut root, &mut each,
        ) {
            return Some(decoded);
        }
    }
    let parsed = Loader::parse_toml(text, file, 0, &mut loader.diagnostics)?;
    let dec = &mut Decoder {
        file,
        offset: 0,
        out: &mut loader.diagnostics,
        allows: &mut loader.allows,
    };
    let mut doc = dec.document(&parsed, spec, what);
    doc.check_keys(dec);
    let head = root(dec, &mut doc);
    let mut entries: Vec<T> = doc
        .tables(dec, key)
        .into_iter()
        .filter_map(|mut entry| {
            entry.check_keys(dec);
            each(dec, entry)
        })
        .collect();
    // Entries are large and stay for the whole run: the room a growing vector leaves
    // spare would be up to half of them.
    entries.shrink_to_fit();
    Some((head, entries))
}

/// [`decode_entries`] of a file cut into pieces; `None`, with nothing reported, when the
/// pieces do not say what the whole file says, and the file must be parsed whole.
///
/// `taken` holds the entries of the first and last pieces, taken over from an earlier
/// reading: those pieces are not decoded again.
#[allow(clippy::too_many_arguments)]
fn decode_pieces<R, T>(
    dec: &mut Decoder<'_>,
    text: &str,
    cut: &pieces::Cut,
    taken: Option<Taken<T>>,
    what: &str,
    spec: &'static Table,
    key: &'static str,
    root: &mut impl FnMut(&mut Decoder<'_>, &mut Entry<'_, '_>) -> R,
    each: &mut impl FnMut(&mut Decoder<'_>, Entry<'_, '_>) -> Option<T>,
) -> Option<(R, Vec<T>)> {
    let (findings, allows) = (dec.out.len(), dec.allows.len());
    let decoded = (|| {
        let head = DeTable::parse(&text[cut.head.clone()]).ok()?;
        if head.get_ref().contains_key(key) {
            return None;
        }
        dec.offset = 0;
        let mut doc = dec.document(&head, spec, what);
        doc.check_keys(dec);
        let head = root(dec, &mut doc);
        let (mut entries, decoded, mut last_entries) = match taken {
            Some(taken) => (
                taken.first_entries,
                taken.first..taken.last_from,
                taken.last_entries,
            ),
            None => (Vec::new(), 0..cut.pieces.len(), Vec::new()),
        };
        let decoded_end = cut.pieces[decoded.clone()]
            .last()
            .map_or(0, |piece| piece.end);
        for (nth, piece) in cut.pieces[decoded].iter().enumerate() {
            let parsed = DeTable::parse(&text[piece.clone()]).ok()?;
            pieces::entries_only(parsed.get_ref(), key)?;
            dec.offset = piece.start;
            let before = entries.len();
            let mut piece_doc = dec.document(&parsed, spec, what);
            for mut entry in piece_doc.tables(dec, key) {
                entry.check_keys(dec);
                entries.extend(each(dec, entry));
            }
            if nth == 0 {
                let rest = decoded_end - piece.end;
                entries.reserve(
                    room_for_the_rest(entries.len() - before, piece.len(), rest, key)
                        + last_entries.len(),
                );
            }
        }
        entries.append(&mut last_entries);
        // Room of up to a quarter more is kept: shrinking copies the entries into a new
        // buffer, both held at once. (The first piece foretells the rest within a few
        // percent in a file of like entries, and within 15% in the benchmark's import,
        // whose file starts with entries of other shapes.)
        if entries.capacity() - entries.len() > entries.len() / 4 {
            entries.shrink_to_fit();
        }
        Some((head, entries))
    })();
    if decoded.is_none() {
        dec.out.truncate(findings);
        dec.allows.truncate(allows);
    }
    dec.offset = 0;
    decoded
}

/// How many more entries the `rest` bytes of a file likely hold, from the `found` entries
/// of its first `piece` bytes (a file's entries are much alike), with a sixteenth more for
/// the difference. Reserved at once, the entries do not grow their buffer by doubling,
/// which holds the old buffer and one twice its size at once (for 100,000 contributions,
/// 108 MB where the entries take 55). Never more than the rest could hold, one header
/// line each.
fn room_for_the_rest(found: usize, piece: usize, rest: usize, key: &str) -> usize {
    let likely = found.saturating_mul(rest) / piece.max(1);
    let most = rest / (key.len() + "[[]]\n".len());
    (likely + likely / 16).min(most)
}

/// The entries of the pieces at the start and at the end of a file that an earlier
/// reading decoded, taken over from it.
struct Taken<T> {
    /// How many pieces at the start they fill, and their entries.
    first: usize,
    first_entries: Vec<T>,
    /// The first of the pieces at the end that they fill, and their entries (moved to
    /// where those pieces are now).
    last_from: usize,
    last_entries: Vec<T>,
}

/// What `earlier` can give a new reading of `text`, cut as `cut`: the entries of the pieces
/// at its start and at its end that the earlier text held byte for byte the same and cut
/// the same way. Such a piece decodes to the same entries and findings, moved by as many
/// bytes as the piece moved (a piece depends on its text and its place alone), and the
/// earlier reading had no finding. Most edits of a file of entries, and most commits, add
/// at its end or change one entry: only the pieces from the first change to the last are
/// decoded again.
fn taken_over<T: Entered>(
    earlier: Earlier<T>,
    text: &str,
    cut: &pieces::Cut,
    key: &str,
) -> Taken<T> {
    let mut taken = Taken {
        first: 0,
        first_entries: Vec::new(),
        last_from: cut.pieces.len(),
        last_entries: Vec::new(),
    };
    let before = earlier.source.text();
    let Some(before_cut) = pieces::cut(before, key) else {
        return taken;
    };
    if before_cut.head != cut.head {
        return taken;
    }
    let (then, now) = (before.as_bytes(), text.as_bytes());
    let same_start = common_prefix(then, now);
    taken.first = cut
        .pieces
        .iter()
        .zip(&before_cut.pieces)
        .take_while(|(now, then)| now == then && now.end <= same_start)
        .count();
    // From the end: a piece wholly inside the text both share at their end, which the
    // earlier text cut at the same place (counted from the end).
    let same_end = common_suffix(then, now);
    let moved_by = now.len() as i64 - then.len() as i64;
    let at_end = cut
        .pieces
        .iter()
        .enumerate()
        .skip(taken.first)
        .rev()
        .zip(before_cut.pieces.iter().enumerate().skip(taken.first).rev())
        .take_while(|((_, now_piece), (_, then_piece))| {
            now_piece.start >= now.len() - same_end
                && now_piece.start as i64 - moved_by == then_piece.start as i64
                && now_piece.end as i64 - moved_by == then_piece.end as i64
        })
        .last()
        .map(|((now_index, _), (_, then_piece))| (now_index, then_piece.start));
    let first_end = match taken.first {
        0 => 0,
        first => cut.pieces[first - 1].end,
    };
    let last_start = at_end.map_or(usize::MAX, |(_, then_start)| then_start);
    let mut take = |mut entry: T| {
        let start = entry.start();
        if start < first_end {
            taken.first_entries.push(entry);
        } else if start >= last_start {
            entry.move_by(moved_by);
            taken.last_entries.push(entry);
        }
    };
    match Arc::try_unwrap(earlier.entries) {
        Ok(entries) => entries.into_iter().for_each(take),
        Err(shared) => shared
            .iter()
            .filter(|entry| entry.start() < first_end || entry.start() >= last_start)
            .for_each(|entry| take(entry.clone())),
    }
    if let Some((now_index, _)) = at_end {
        taken.last_from = now_index;
    }
    taken
}

/// How many bytes two texts are compared at once, to find what they share.
const BLOCK: usize = 256;

/// How many bytes two texts share at their end (compared a block at a time).
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let blocks = a
        .rchunks(BLOCK)
        .zip(b.rchunks(BLOCK))
        .take_while(|(x, y)| x == y)
        .count();
    let shared = (blocks * BLOCK).min(a.len()).min(b.len());
    shared
        + a[..a.len() - shared]
            .iter()
            .rev()
            .zip(b[..b.len() - shared].iter().rev())
            .take_while(|(x, y)| x == y)
            .count()
}

/// How many bytes two texts share at their start (compared a block at a time).
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let blocks = a
        .chunks(BLOCK)
        .zip(b.chunks(BLOCK))
        .take_while(|(x, y)| x == y)
        .count();
    let from = (blocks * BLOCK).min(a.len()).min(b.len());
    from + a[from..]
        .iter()
        .zip(&b[from..])
        .take_while(|(x, y)| x == y)
        .count()
}

pub(super) fn load_organisations(loader: &mut Loader<'_>, plan: &mut Plan) {
    if let Some(Entries::Organisations(organisations)) = loader.reused("organisations.toml") {
        plan.organisations = organisations;
        return;
    }
    let earlier = Earlier::of(loader, "organisations.toml", |entries| match entries {
        Entries::Organisations(organisations) => Some(Arc::new(organisations)),
        _ => None,
    });
    let organisations = load_entries(
        loader,
        "organisations.toml",
        &format::ORGANISATIONS,
        "organisation",
        earlier,
        |dec, mut entry| {
            let id = entry.id(dec, "id");
            let name = entry.string(dec, "name").unwrap_or_default();
            let sector = entry.keyword(dec, "sector");
            let level = entry.keyword(dec, "level");
            id.map(|id| Organisation {
                id,
                name,
                sector,
                level,
                origin: entry.origin,
            })
        },
    );
    loader.broken.organisations = organisations.is_none();
    plan.organisations = organisations.unwrap_or_default();
}

pub(super) fn load_people(loader: &mut Loader<'_>, plan: &mut Plan) {
    if let Some(Entries::People(people)) = loader.reused("people.toml") {
        plan.people = people;
        return;
    }
    let earlier = Earlier::of(loader, "people.toml", |entries| match entries {
        Entries::People(people) => Some(people),
        _ => None,
    });
    let people = load_entries(
        loader,
        "people.toml",
        &format::PEOPLE,
        "person",
        earlier,
        |dec, mut entry| {
            let id = entry.id(dec, "id");
            let person = Person {
                id: String::new(),
                organisation: entry.reference(dec, "organisation"),
                sector: entry.keyword(dec, "sector"),
                name: entry.string(dec, "name"),
                public: entry.boolean(dec, "public").unwrap_or(false),
                email: entry.string(dec, "email"),
                phone: entry.string(dec, "phone"),
                gender: entry.keyword(dec, "gender"),
                origin: entry.origin,
            };
            id.map(|id| Person { id, ..person })
        },
    );
    loader.broken.people = people.is_none();
    plan.people = std::sync::Arc::new(people.unwrap_or_default());
}

/// The files `<dir>/<id>.toml` as (id, path), in name order; a file whose name is no id
/// is reported and left out.
pub(super) fn toml_files(
    loader: &mut Loader<'_>,
    dir: &str,
) -> Result<Vec<(String, String)>, LoadError> {
    let mut files = Vec::new();
    for name in loader.list(dir)? {
        let Some(id) = stem(&name, "toml") else {
            continue;
        };
        let path = format!("{dir}/{name}");
        if is_slug(id) {
            files.push((id.to_string(), path));
        } else {
            bad_file_name(loader, &path, id);
        }
    }
    Ok(files)
}

pub(super) fn load_spaces(loader: &mut Loader<'_>, plan: &mut Plan) -> Result<(), LoadError> {
    for (id, path) in toml_files(loader, "spaces")? {
        if let Some(Entries::Space(space)) = loader.reused(&path) {
            plan.spaces.push(*space);
            continue;
        }
        let id = id.as_str();
        let file = match loader.read_text(&path) {
            Got::Text(file) => file,
            Got::Missing => continue,
            Got::Failed(_) => {
                loader.broken.spaces = true;
                continue;
            }
        };
        let text = loader.files.get(file).text();
        let Some(root) = Loader::parse_toml(text, file, 0, &mut loader.diagnostics) else {
            loader.broken.spaces = true;
            // Keep the space, so that references to it do not dangle.
            plan.spaces.push(empty_space(id, file));
            continue;
        };
        let dec = &mut Decoder {
            file,
            offset: 0,
            out: &mut loader.diagnostics,
            allows: &mut loader.allows,
        };
        let doc = dec.document(&root, &format::SPACE, &format!("`{path}`"));
        plan.spaces.push(space(dec, id, doc));
    }
    Ok(())
}

fn empty_space(id: &str, file: FileId) -> Space {
    Space {
        id: id.to_string(),
        kind: None,
        name: Default::default(),
        purpose: None,
        serves_as: Vec::new(),
        url: None,
        rules_url: None,
        members: Vec::new(),
        meetings: Vec::new(),
        phases: Vec::new(),
        settings: Default::default(),
        origin: crate::model::Origin::new(file, Default::default()),
    }
}

fn space(dec: &mut Decoder<'_>, id: &str, mut doc: Entry<'_, '_>) -> Space {
    doc.check_keys(dec);
    let mut space = empty_space(id, dec.file);
    space.kind = doc.keyword(dec, "kind");
    space.serves_as = doc.keywords(dec, "serves-as").unwrap_or_default();
    space.name = doc.text(dec, "name").unwrap_or_default();
    space.purpose = doc.text(dec, "purpose");
    space.url = doc.url(dec, "url");
    space.rules_url = doc.url(dec, "rules-url");
    if let Some(mut rules) = doc.table(dec, "rules") {
        read_settings(dec, &mut rules, "rules", &mut space.settings);
        numbers_for_roles(dec, &rules, &space);
    }
    for mut entry in doc.tables(dec, "member") {
        entry.check_keys(dec);
        let person = entry.reference(dec, "person");
        let role = entry.string(dec, "role");
        let since = entry.date(dec, "since");
        let until = entry.date(dec, "until");
        let counts = entry.boolean(dec, "counts").unwrap_or(true);
        if let Some(person) = person {
            space.members.push(Member {
                person,
                role,
                since,
                until,
                counts,
                origin: entry.origin,
            });
        }
    }
    for mut entry in doc.tables(dec, "meeting") {
        entry.check_keys(dec);
        let id = entry.id(dec, "id");
        let meeting = Meeting {
            id: String::new(),
            date: entry.date(dec, "date"),
            kind: entry.keyword(dec, "kind"),
            title: entry.text(dec, "title"),
            attendees: entry.references(dec, "attendees"),
            participants: entry.count(dec, "participants"),
            minutes: entry.string(dec, "minutes"),
            materials_published: entry.date(dec, "materials-published"),
            origin: entry.origin,
        };
        if let Some(minutes) = &meeting.minutes {
            check_path(dec, minutes, true, meeting.origin.key("minutes"));
        }
        if let Some(id) = id {
            space.meetings.push(Meeting { id, ..meeting });
        }
    }
    for mut entry in doc.tables(dec, "phase") {
        entry.check_keys(dec);
        let id = entry.id(dec, "id");
        let title = entry.text(dec, "title");
        let start = entry.date(dec, "start");
        let end = entry.date(dec, "end");
        let period = start.zip(end).map(|(start, end)| Period { start, end });
        if let Some(id) = id {
            space.phases.push(Phase {
                id,
                title,
                period,
                origin: entry.origin,
            });
        }
    }
    space.origin = doc.origin;
    space
}

/// A space's own `[rules.<kind>]` must be for a kind it plays: numbers for another kind
/// would judge nothing, and the author meant something else.
fn numbers_for_roles(dec: &mut Decoder<'_>, rules: &Entry<'_, '_>, space: &Space) {
    for kind in [
        SpaceKind::SteeringGroup,
        SpaceKind::Forum,
        SpaceKind::WorkingGroup,
    ] {
        if rules.has(kind.as_str()) && space.kind.is_some() && !space.plays(kind) {
            let table = format!("[rules.{}]", kind.as_str());
            dec.report(
                Diagnostic::new(
                    &INVALID_VALUE,
                    rules.origin.key(kind.as_str()),
                    format!(
                        "`{table}` sets numbers for a {}, but `{}` neither is one nor serves as one",
                        kind.noun(),
                        space.id
                    ),
                )
                .with_help(format!(
                    "add `\"{}\"` to `serves-as`, or remove `{table}`",
                    kind.as_str()
                )),
            );
        }
    }
}

pub(super) fn load_contributions(
    loader: &mut Loader<'_>,
    plan: &mut Plan,
) -> Result<(), LoadError> {
    contribution_files(
        loader,
        plan,
        |loader, path| {
            Earlier::of(loader, path, |entries| match entries {
                Entries::Contributions(file) => Some(Arc::new(file.contributions)),
                _ => None,
            })
        },
        |_, contribution| contribution,
        |file, contributions| file.contributions = contributions,
    )
}

/// A contribution as [`load_digesting`](super::load_digesting) keeps it: what its digest
/// made of it, and where it starts, the one place it has.
#[derive(Clone)]
struct Digested<D> {
    start: u32,
    digest: D,
}

impl<D> Moved for Digested<D> {
    fn move_by(&mut self, by: i64) {
        self.start = u32::try_from(i64::from(self.start) + by).unwrap_or(self.start);
    }
}

impl<D: Clone> Entered for Digested<D> {
    fn start(&self) -> usize {
        self.start as usize
    }
}

/// [`load_contributions`], keeping of each contribution only what `digest` makes of it
/// (given the plan's primary language): the files are in the plan without their
/// contributions, and their digests are returned, one list per file of
/// `plan.contribution_files`.
pub(super) fn digest_contributions<D: Clone>(
    loader: &mut Loader<'_>,
    plan: &mut Plan,
    mut digest: impl FnMut(&str, Contribution) -> D,
) -> Result<Vec<Vec<D>>, LoadError> {
    let primary = plan.primary_language().to_string();
    let mut digests = Vec::new();
    contribution_files(
        loader,
        plan,
        |_, _| None,
        |start, contribution| Digested {
            start,
            digest: digest(&primary, contribution),
        },
        |_, digested: Vec<Digested<D>>| {
            digests.push(digested.into_iter().map(|d| d.digest).collect());
        },
    )?;
    Ok(digests)
}

/// Reads each file of `contributions/`: `earlier` gives its earlier decoding, `each` makes
/// what is kept of one contribution (given where it starts), and `keep` puts a file's in
/// it. A file taken over whole from an earlier reading keeps its contributions.
fn contribution_files<T: Entered>(
    loader: &mut Loader<'_>,
    plan: &mut Plan,
    mut earlier: impl FnMut(&mut Loader<'_>, &str) -> Option<Earlier<T>>,
    mut each: impl FnMut(u32, Contribution) -> T,
    mut keep: impl FnMut(&mut ContributionFile, Vec<T>),
) -> Result<(), LoadError> {
    for (id, path) in toml_files(loader, "contributions")? {
        if let Some(Entries::Contributions(reused)) = loader.reused(&path) {
            plan.contribution_files.push(reused);
            continue;
        }
        let earlier = earlier(loader, &path);
        let id = id.as_str();
        let file = match loader.read_text(&path) {
            Got::Text(file) => file,
            Got::Missing => continue,
            Got::Failed(_) => {
                loader.broken.contributions = true;
                continue;
            }
        };
        let decoded = decode_entries(
            loader,
            file,
            &format!("`{path}`"),
            &format::CONTRIBUTIONS,
            "contribution",
            earlier,
            |dec, doc| {
                let space = doc.reference(dec, "space");
                let phase = doc.reference(dec, "phase");
                (space, phase, doc.origin.clone())
            },
            |dec, entry| {
                let contribution = contribution(dec, entry)?;
                Some(each(contribution.origin.span.start, contribution))
            },
        );
        let Some(((space, phase, origin), entries)) = decoded else {
            loader.broken.contributions = true;
            continue;
        };
        let mut file = ContributionFile {
            id: id.to_string(),
            space,
            phase,
            contributions: Vec::new(),
            origin,
        };
        keep(&mut file, entries);
        plan.contribution_files.push(file);
    }
    Ok(())
}

fn contribution(dec: &mut Decoder<'_>, mut entry: Entry<'_, '_>) -> Option<Contribution> {
    let id = entry.string(dec, "id");
    let id = id.and_then(|id| {
        if is_reference(&id) {
            Some(id)
        } else {
            dec.report(
                Diagnostic::new(
                    &INVALID_VALUE,
                    entry.origin.key("id"),
                    format!("`{}` is not a valid contribution id", id.escape_debug()),
                )
                .with_help("a contribution id is the source's reference: printable text of 1 to 128 characters, such as `II-PROP-2021-05-1234`"),
            );
            None
        }
    });
    let mut contribution = Contribution {
        id: String::new(),
        kind: entry.keyword(dec, "kind"),
        date: entry.date(dec, "date"),
        title: entry.text(dec, "title"),
        body: entry.text(dec, "body"),
        author: entry.string(dec, "author"),
        author_kind: entry.keyword(dec, "author-kind"),
        co_authors: entry
            .strings(dec, "co-authors")
            .map(|names| names.into_iter().map(|(name, _)| name).collect())
            .unwrap_or_default(),
        about: entry.reference(dec, "about"),
        in_reply_to: None,
        amends: None,
        supports: entry.count(dec, "supports"),
        comments: entry.count(dec, "comments"),
        withdrawn: entry.boolean(dec, "withdrawn").unwrap_or(false),
        hidden: entry.boolean(dec, "hidden").unwrap_or(false),
        source: None,
        response: None,
        origin: Default::default(),
    };
    // Other contributions are named by their source's reference, not a slug.
    let mut reference = |key: &'static str| {
        let id = entry.string(dec, key)?;
        Some(Ref {
            id,
            loc: entry.origin.key(key),
        })
    };
    contribution.in_reply_to = reference("in-reply-to");
    contribution.amends = reference("amends");
    let source = SourceRecord {
        id: entry.count(dec, "source-id"),
        component: entry.count(dec, "source-component"),
        state: entry.string(dec, "source-state"),
    };
    if source != SourceRecord::default() {
        contribution.source = Some(source);
    }
    if let Some(mut table) = entry.table(dec, "response") {
        table.check_keys(dec);
        contribution.response = Some(Response {
            status: table.keyword(dec, "status"),
            reason: table.text(dec, "reason"),
            by: table.reference(dec, "by"),
            date: table.date(dec, "date"),
            from_source: table.string(dec, "from-source"),
            origin: table.origin,
        });
    }
    contribution.origin = entry.origin;
    Some(Contribution {
        id: id?,
        ..contribution
    })
}

/// A contribution id: the reference its source gave it, any printable text up to 128
/// characters.
fn is_reference(text: &str) -> bool {
    let count = text.chars().count();
    (1..=128).contains(&count) && !text.chars().any(char::is_control) && text.trim() == text
}

/// Checks that the minutes files meetings name exist, and reads those that are text so
/// that rules can look into them.
pub(super) fn load_evidence(loader: &mut Loader<'_>, plan: &mut Plan) {
    let mut paths = BTreeSet::new();
    for meeting in plan.spaces.iter().flat_map(|space| &space.meetings) {
        let Some(path) = &meeting.minutes else {
            continue;
        };
        if is_url(path) || !is_inside_plan(path) {
            continue;
        }
        if !loader.source.exists(path) {
            if !loader.source.shows_every_file() {
                continue;
            }
            loader.diagnostics.push(
                Diagnostic::new(
                    &MISSING_FILE,
                    meeting.origin.key("minutes"),
                    format!("the minutes of meeting `{}` are not in the plan: `{path}` does not exist", meeting.id),
                )
                .with_help("add the file at that path inside the plan folder, correct the path, or give a URL"),
            );
        } else {
            plan.evidence_files.insert(path.clone());
            if is_text_document(path) {
                paths.insert(path.clone());
            }
        }
    }
    for path in paths {
        if let Got::Text(file) = loader.read_text(&path) {
            let text = loader.files.get(file).text().to_string();
            plan.evidence.push(Document { path, file, text });
        }
    }
}

fn is_text_document(path: &str) -> bool {
    [".md", ".markdown", ".txt"]
        .iter()
        .any(|ext| path.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{common_prefix, common_suffix};

    #[test]
    fn the_room_for_the_rest_follows_the_first_piece_within_what_the_rest_can_hold() {
        // 40 entries in 4,000 bytes: 360 more in the next 36,000, and a sixteenth.
        assert_eq!(super::room_for_the_rest(40, 4_000, 36_000, "person"), 382);
        // Nothing after the first piece, or no entry in it: no room.
        assert_eq!(super::room_for_the_rest(40, 4_000, 0, "person"), 0);
        assert_eq!(super::room_for_the_rest(0, 4_000, 36_000, "person"), 0);
        // A first piece of tiny entries does not reserve more than the rest has lines
        // `[[person]]` for.
        assert_eq!(super::room_for_the_rest(400, 4_000, 1_100, "person"), 100);
    }

    proptest! {
        /// Compared a block at a time, the shared start and end are those a byte at a time
        /// finds, whatever the lengths and where the texts differ.
        #[test]
        fn shared_ends_are_found_a_block_at_a_time(
            base in prop::collection::vec(0u8..3, 0..1200),
            other in prop::collection::vec(0u8..3, 0..40),
            at in 0usize..1200,
        ) {
            let at = at.min(base.len());
            let mut changed = base.clone();
            changed.splice(at..at, other);
            let bytewise_start = base.iter().zip(&changed).take_while(|(x, y)| x == y).count();
            let bytewise_end = base
                .iter()
                .rev()
                .zip(changed.iter().rev())
                .take_while(|(x, y)| x == y)
                .count();
            prop_assert_eq!(common_prefix(&base, &changed), bytewise_start);
            prop_assert_eq!(common_suffix(&base, &changed), bytewise_end);
            prop_assert_eq!(common_suffix(&changed, &base), bytewise_end);
        }
    }
}
