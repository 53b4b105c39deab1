//! A large file of entries (`[[contribution]]`, `[[person]]`) parsed a piece at a time.
//!
//! A parsed TOML table costs many times its text (the `toml` crate keeps each one as a
//! B-tree node of about 2 KB), so parsing a 12 MB contributions file whole took more than
//! 100 MB for as long as it was being read. Cut at its `[[key]]` header lines, the same
//! text parses as a head (the keys before the first entry) and pieces of a few entries
//! each, decoded and dropped one by one.
//!
//! The cut is only a guess made on lines, so what the pieces parse to is checked: the head
//! must not hold `key`, and each piece must hold `key` alone, as an array of tables. Then
//! the pieces together say exactly what the whole file says (a header inside a piece can
//! only name the piece's own entries, or the piece would hold another key). When the guess
//! was wrong (a header line inside a multi-line string, say) some piece fails to parse or
//! holds something else, and the caller parses the whole file instead, so findings and
//! syntax errors are always those of the whole file.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

/// How many bytes of entries one piece holds at least: large enough that the cost of
/// starting a parse disappears, small enough that a piece's tables and tokens fit in the
/// memory the last piece freed. (Measured: 64 KiB pieces left a 129 KB people.toml whole,
/// and its parse was a quarter of `obert diff` on a small plan; 16 KiB and 4 KiB took
/// `diff` from 15.9 to 14.5 and 12.7 ms, with `check` of 60 MB unchanged.)
const PIECE_BYTES: usize = 4 * 1024;

/// The longest a piece grows while no header past [`PIECE_BYTES`] is picked to end it.
const LONGEST_PIECE: usize = 4 * PIECE_BYTES;

/// How many bytes of an entry, from its header, pick whether a piece ends before it: the
/// header and, in the files obert writes, the id.
const PICKED_BY: usize = 64;

/// Whether a piece may end before the header `header`: for about one entry in two, by
/// a hash of the entry's first bytes (its header and usually its id), so that the same
/// entry is picked in any text that holds it.
fn is_cut_here(text: &str, header: &Range<usize>) -> bool {
    let bytes = &text.as_bytes()[header.start..text.len().min(header.start + PICKED_BY)];
    crate::source::digest(bytes) >> 63 == 0
}

/// A file cut into its head and its pieces, as byte ranges of its text.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Cut {
    pub head: Range<usize>,
    pub pieces: Vec<Range<usize>>,
}

impl Cut {
    /// The cut of a text of `len` bytes before each of `starts` (in order); `None` when
    /// there are none.
    fn at(starts: &[usize], len: usize) -> Option<Cut> {
        let (&first, &last) = (starts.first()?, starts.last()?);
        let mut pieces: Vec<Range<usize>> =
            starts.windows(2).map(|pair| pair[0]..pair[1]).collect();
        pieces.push(last..len);
        Some(Cut {
            head: 0..first,
            pieces,
        })
    }
}

/// Where `text` may be cut: before each line that is the header `[[key]]`, grouped into
/// pieces of about [`PIECE_BYTES`]. `None` when the file is small enough to parse whole or
/// has no such header.
///
/// A piece ends at the first header past [`PIECE_BYTES`] whose entry starts with text that
/// [`is_cut_here`] picks, or at the first header past [`LONGEST_PIECE`]. So where a piece
/// ends depends on the text around that header more than on where the piece started: a
/// change in one entry moves the cuts after it only until both texts reach the same picked
/// header, and from there on the two texts are cut alike. An earlier reading of the file
/// then still has the pieces after the change (see `entries::taken_over`).
pub(super) fn cut(text: &str, key: &str) -> Option<Cut> {
    if text.len() < 2 * PIECE_BYTES || tests::whole() {
        return None;
    }
    let mut starts = Vec::new();
    let needle = Needle::new(key);
    let mut line = next_header(text, 0, &needle);
    // Past each cut, the next header is looked for only a piece's length on: most of the
    // text is never scanned.
    while let Some(found) = line {
        starts.push(found.start);
        let mut next = next_header(
            text,
            char_boundary(text, found.end.max(found.start + PIECE_BYTES)),
            &needle,
        );
        while let Some(candidate) = &next {
            if candidate.start - found.start >= LONGEST_PIECE || is_cut_here(text, candidate) {
                break;
            }
            next = next_header(text, candidate.end, &needle);
        }
        line = next;
    }
    Cut::at(&starts, text.len())
}

/// The entry of a large file of `[[key]]` entries whose header line starts at `start`:
/// from there to the next such header line, or to the end of the file. `None` when the
/// file is small, or no header line starts at `start`. Like every cut, it is a guess on
/// lines, which the caller checks by parsing it.
pub(crate) fn entry_range(text: &str, start: usize, key: &str) -> Option<Range<usize>> {
    if text.len() < 2 * PIECE_BYTES || !text.is_char_boundary(start) {
        return None;
    }
    let line_end = text[start..]
        .find('\n')
        .map_or(text.len(), |at| start + at + 1);
    if !is_header(&text[start..line_end], key) {
        return None;
    }
    let end = next_header(text, line_end, &Needle::new(key)).map_or(text.len(), |line| line.start);
    Some(start..end)
}

/// How many `[[key]]` entries a piece parsed to, when that is all it holds: what a piece
/// cut on lines must hold for its entries to be those of the whole text.
pub(super) fn entries_only(parsed: &DeTable<'_>, key: &str) -> Option<usize> {
    match parsed.get(key).map(|value| value.get_ref()) {
        Some(DeValue::Array(entries)) if parsed.len() == 1 => Some(entries.len()),
        _ => None,
    }
}

/// `text` cut before each line that is the header `[[key]]`, one entry a piece, however
/// small: a commitment's front matter, whose milestones an earlier reading may have
/// decoded already. `None` when no such line is found. A guess on lines, as [`cut`] is.
pub(super) fn each_entry(text: &str, key: &str) -> Option<Cut> {
    let needle = Needle::new(key);
    let mut starts = Vec::new();
    // A front matter holds few `[`: looking at each is cheaper than preparing a substring
    // search, which cost more than the search itself in a text this small.
    let header = needle.header.as_bytes();
    for at in memchr::memchr_iter(b'[', text.as_bytes()) {
        if !text.as_bytes()[at..].starts_with(header) {
            continue;
        }
        let start = text[..at].rfind('\n').map_or(0, |newline| newline + 1);
        let end = text[at..]
            .find('\n')
            .map_or(text.len(), |newline| at + newline + 1);
        if is_header(&text[start..end], key) {
            starts.push(start);
        }
    }
    Cut::at(&starts, text.len())
}

/// The next line at or after `from` (a line start, or inside the line before) that is
/// the header `[[key]]`.
fn next_header(text: &str, mut from: usize, needle: &Needle<'_>) -> Option<Range<usize>> {
    let (key, needle) = (needle.key, needle.header.as_str());
    loop {
        let at = from + text[from..].find(needle)?;
        let start = text[..at].rfind('\n').map_or(0, |newline| newline + 1);
        let end = text[at..]
            .find('\n')
            .map_or(text.len(), |newline| at + newline + 1);
        if start >= from && is_header(&text[start..end], key) {
            return Some(start..end);
        }
        from = at + needle.len();
    }
}

/// The header `[[key]]` looked for, made once per file.
struct Needle<'k> {
    key: &'k str,
    header: String,
}

impl<'k> Needle<'k> {
    fn new(key: &'k str) -> Self {
        Needle {
            key,
            header: format!("[[{key}]]"),
        }
    }
}

/// `at`, or the first character boundary after it, within `text`.
fn char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Whether `line` is exactly the header `[[key]]`, maybe indented, maybe followed by blanks
/// and a comment.
fn is_header(line: &str, key: &str) -> bool {
    let rest = line.trim_start_matches([' ', '\t']);
    let Some(rest) = rest
        .strip_prefix("[[")
        .and_then(|rest| rest.strip_prefix(key))
        .and_then(|rest| rest.strip_prefix("]]"))
    else {
        return false;
    };
    let rest = rest.trim_start_matches([' ', '\t']);
    rest.is_empty() || rest.starts_with('#') || rest == "\n" || rest == "\r\n"
}

#[cfg(not(test))]
mod tests {
    /// Outside tests, large files are always cut.
    pub(super) fn whole() -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;
    use crate::load::load;
    use crate::load::testing::{copy_of_valid_plan, shown};
    use crate::source::DirSource;

    thread_local! {
        /// Set by a test to read every file whole, the reading the pieces must equal.
        static WHOLE: Cell<bool> = const { Cell::new(false) };
    }

    pub(super) fn whole() -> bool {
        WHOLE.with(Cell::get)
    }

    /// The valid test plan with a contributions file of `count` entries, `odd` written
    /// after entry `at`: loaded in pieces, and whole.
    fn both_ways(count: usize, at: usize, odd: &str) -> (String, String) {
        let mut text = String::from("space = \"online\"\nphase = \"eixos\"\n\n");
        for n in 0..count {
            text.push_str(&entry(n));
            if n == at {
                text.push_str(odd);
            }
        }
        read_both(&text)
    }

    fn entry(n: usize) -> String {
        format!(
            "[[contribution]]\nid = \"BIG-{n}\"\nkind = \"proposal\"\ndate = 2021-05-20\ntitle = \"Proposta {n}\"\nbody = \"\"\"\nUn text\nde dues línies.\"\"\"\nauthor = \"anonymous\"\n\n[contribution.response]\nstatus = \"accepted\"\nby = \"motor\"\ndate = 2021-10-27\n\n"
        )
    }

    /// The valid test plan with `text` as a contributions file, loaded in pieces and whole.
    fn read_both(text: &str) -> (String, String) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path().join("plan");
        copy_of_valid_plan(&root);
        std::fs::write(root.join("contributions/big.toml"), text).expect("written");
        let source = DirSource::new(&root);
        let pieces = shown(&load(&source).expect("the plan loads"));
        WHOLE.with(|whole| whole.set(true));
        let whole = shown(&load(&source).expect("the plan loads"));
        WHOLE.with(|whole| whole.set(false));
        (pieces, whole)
    }

    /// Lines that may turn a cut into a wrong one, or the file into another.
    const TRAPS: &[&str] = &[
        "[[contribution]]\n",
        "  [[contribution]]  # indented\n",
        "[[ contribution ]]\n",
        "[contribution]\n",
        "[contribution.response]\n",
        "[[contribution.response]]\n",
        "[other]\n",
        "space = \"online\"\n",
        "id = \"BIG-1\"\n",
        "body = \"\"\"\n",
        "\"\"\"\n",
        "body = '''\n",
        "'''\n",
        "kind = \"remark\"\n",
        "x = [\n",
        "]\n",
        "\r\n",
        "# [[contribution]]\n",
        "[allow]\nresponse-missing = \"a test\"\n",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// Traps put anywhere in a large file: read in pieces, it reads as it does whole.
        #[test]
        fn traps_anywhere_read_as_the_whole_file(
            count in 60usize..140,
            traps in proptest::collection::vec((0usize..10_000, 0..TRAPS.len()), 1..4),
        ) {
            let mut lines: Vec<String> = std::iter::once("space = \"online\"\n\n".to_string())
                .chain((0..count).map(entry))
                .flat_map(|text| text.split_inclusive('\n').map(str::to_string).collect::<Vec<_>>())
                .collect();
            for (at, trap) in traps {
                let at = at % (lines.len() + 1);
                lines.insert(at, TRAPS[trap].to_string());
            }
            let text = lines.concat();
            proptest::prop_assume!(text.len() >= 2 * PIECE_BYTES);
            let (pieces, whole) = read_both(&text);
            proptest::prop_assert!(pieces == whole, "the pieces read otherwise:\n{}", text);
        }
    }

    #[test]
    fn a_file_read_in_pieces_reads_as_it_does_whole() {
        let cases = [
            // Findings deep in the file, at the right places; an exception in an entry.
            "[[contribution]]\nid = \"ODD-1\"\nkind = \"remark\"\ncolour = 1\ndate = \"2021-05-20\"\n\n[contribution.allow]\nresponse-missing = \"a test\"\n\n",
            // A header line inside a multi-line string: the cut there is wrong.
            "[[contribution]]\nid = \"ODD-2\"\nbody = \"\"\"\n[[contribution]]\nid = \"not an entry\"\n\"\"\"\n\n",
            // Another table after the entries: not a piece of entries.
            "[other]\nkey = 1\n\n",
            // A syntax error: nothing is read.
            "[[contribution]]\nid = \"ODD-3\n\n",
            // A redefined entry table: invalid TOML too.
            "[contribution]\nid = \"ODD-4\"\n\n",
        ];
        for (n, odd) in cases.iter().enumerate() {
            for at in [0, 700, 2999] {
                let (pieces, whole) = both_ways(3000, at, odd);
                assert!(
                    pieces == whole,
                    "case {n} after entry {at} reads otherwise in pieces"
                );
                let syntax_error = odd.contains("ODD-3") || odd.contains("ODD-4");
                assert!(
                    whole.contains("BIG-2999") != syntax_error,
                    "case {n}: the entries are read when the file parses"
                );
            }
        }
    }

    fn entries(count: usize, each: &str) -> String {
        let mut text = String::from("space = \"s\"\n\n");
        for n in 0..count {
            text.push_str(&format!("[[contribution]]\nid = \"c{n}\"\n{each}\n"));
        }
        text
    }

    #[test]
    fn a_small_file_is_parsed_whole() {
        assert_eq!(cut(&entries(3, ""), "contribution"), None);
    }

    #[test]
    fn pieces_start_at_headers_and_cover_the_file() {
        let text = entries(20_000, "title = \"A title of some length\"");
        let cut = cut(&text, "contribution").expect("a large file is cut");
        assert_eq!(&text[cut.head.clone()], "space = \"s\"\n\n");
        assert!(cut.pieces.len() > 2);
        let mut at = cut.head.end;
        for piece in &cut.pieces {
            assert_eq!(piece.start, at);
            assert!(text[piece.clone()].starts_with("[[contribution]]\n"));
            at = piece.end;
        }
        assert_eq!(at, text.len());
    }

    /// Cuts follow the text: after a change in one entry, the cuts of the two texts meet
    /// again within a few pieces, and from there on are the same, moved by the change.
    #[test]
    fn cuts_after_a_change_are_the_same_moved() {
        let text = entries(20_000, "title = \"A title of some length\"");
        let changed = text.replacen(
            "id = \"c9000\"\n",
            "id = \"c9000\"\nkind = \"comment\"\n",
            1,
        );
        let moved_by = changed.len() - text.len();
        let (before, after) = (
            cut(&text, "contribution").expect("cut"),
            cut(&changed, "contribution").expect("cut"),
        );
        let change = text.find("id = \"c9000\"").expect("the entry");
        let later = |cut: &Cut, moved_by: usize| -> Vec<Range<usize>> {
            cut.pieces
                .iter()
                .filter(|piece| piece.start > change + 4 * LONGEST_PIECE)
                .map(|piece| piece.start - moved_by..piece.end - moved_by)
                .collect()
        };
        let (then, now) = (later(&before, 0), later(&after, moved_by));
        assert!(then.len() > 100);
        assert_eq!(now, then);
        // Before the change, the same pieces at the same places.
        let earlier = |cut: &Cut| -> Vec<Range<usize>> {
            cut.pieces
                .iter()
                .filter(|piece| piece.end < change)
                .cloned()
                .collect()
        };
        assert_eq!(earlier(&before), earlier(&after));
        // Pieces stay near the size they are meant to have.
        let average = text.len() / before.pieces.len();
        assert!(
            (PIECE_BYTES..2 * PIECE_BYTES).contains(&average),
            "{average}"
        );
    }

    #[test]
    fn only_the_exact_header_cuts() {
        assert!(is_header("[[contribution]]\n", "contribution"));
        assert!(is_header(
            "  [[contribution]]  # a comment\r\n",
            "contribution"
        ));
        assert!(is_header("[[contribution]]", "contribution"));
        assert!(!is_header("[[contribution.response]]\n", "contribution"));
        assert!(!is_header("[[contributions]]\n", "contribution"));
        assert!(!is_header("[contribution]\n", "contribution"));
        assert!(!is_header("# [[contribution]]\n", "contribution"));
        assert!(!is_header("[[contribution]] x = 1\n", "contribution"));
    }
}
