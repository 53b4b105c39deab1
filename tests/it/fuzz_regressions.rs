//! Inputs for the fuzz targets' entry points (`fuzz/`, docs/reliability.md). Every input
//! that ever makes a target fail belongs here once it is fixed; until then, the smallest
//! broken input of each kind stands in, the inputs a target's search starts from.

use obert::import::read_bytes;

/// Each extension a `decidim_export` run can pick, as the target picks them.
const EXTENSIONS: [&str; 4] = ["csv", "json", "zip", ""];

/// Reads `bytes` as each kind of export: a refusal must say so, naming the file.
fn read_as_every_kind(bytes: &[u8]) {
    for extension in EXTENSIONS {
        if let Err(error) = read_bytes(bytes, "export", extension) {
            let message = error.to_string();
            assert!(
                message.starts_with("cannot import `export`")
                    && message.ends_with("nothing was changed"),
                "{extension:?}: {message}"
            );
        }
    }
}

#[test]
fn an_empty_or_cut_short_export_is_refused_in_words() {
    for bytes in [
        &b""[..],
        b"\xEF\xBB\xBF",
        b"[",
        b"{",
        b"\"",
        b"id,title\n\"1",
        b"PK\x03\x04",
        b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
        b"\xFF\xFE",
    ] {
        read_as_every_kind(bytes);
    }
}

#[test]
fn prose_that_is_all_unclosed_markup_converts_without_a_script() {
    for text in [
        "",
        "#",
        "[^",
        "| a |\n|",
        "```",
        "<script>",
        "# h {#",
        "[x](javascript:alert(1)",
        "*_~~[`",
    ] {
        for top in 1..=6 {
            let [html, html_with_ids, ..] = obert::render::markdown_conversions(text, top);
            assert!(!html.contains("<script"), "{text:?}: {html}");
            assert!(
                !html_with_ids.contains("<script"),
                "{text:?}: {html_with_ids}"
            );
        }
    }
}

/// Found by `plan_loader`: a plan.toml of lone carriage returns is one TOML syntax error per
/// byte, and rendering every one of them took seconds per 100 KiB and megabytes of output.
/// The first errors are shown and the rest counted in one more finding.
#[test]
fn a_file_of_syntax_errors_is_reported_in_a_bounded_number_of_findings() {
    let plan = crate::support::TempPlan::valid();
    plan.write("plan.toml", format!("# title{}\n", "\r".repeat(100_000)));
    let (code, report) = crate::support::check_json(&plan);
    assert_eq!(code, 1, "{report}");
    let parse_errors: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "parse-error")
        .collect();
    assert_eq!(
        parse_errors.len(),
        obert::load::MAX_SYNTAX_ERRORS + 1,
        "{report}"
    );
    let last = parse_errors.last().expect("a last finding");
    assert_eq!(
        last["message"],
        format!(
            "{} more TOML syntax errors from here on are not shown",
            // The last carriage return ends the line with the newline after it.
            99_999 - obert::load::MAX_SYNTAX_ERRORS
        )
    );
    assert_eq!(last["file"], "plan/plan.toml");
}
