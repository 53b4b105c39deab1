//! Findings as a SARIF 2.1.0 log, for GitHub code scanning and other tools that read the
//! OASIS Static Analysis Results Interchange Format. See docs/check-formats.md.
//!
//! The log is deterministic: no timestamps, no absolute paths (unless the plan lies outside
//! both a git repository and the current folder), rules in catalogue order, results in the
//! order of the findings. The findings and files arrive masked (see [`super::render`]).

use serde::Serialize;

use super::github::{message, repo_path};
use super::{Diagnostic, Files, Loc, Severity};
use crate::rules::{DefaultLevel, Family, RULES, Rule};

/// Where `$schema` points: the SARIF 2.1.0 schema as JSON Schema Store serves it.
pub(super) const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The base that every relative `artifactLocation.uri` is resolved against: the root of
/// the git repository that holds the plan (or the current folder, outside one).
pub(super) const SRCROOT: &str = "%SRCROOT%";

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    /// obert counts columns in characters (Unicode scalar values), not UTF-16 code units.
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: &'static str,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    family: &'static str,
    fixed: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    /// The finding's related places, numbered from 1 by `id`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    /// For a finding an `allow` in the plan covers: that exception, with its reason.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
}

/// An exception written in the source itself (the plan's `allow`), as SARIF records it.
#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    justification: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    /// Only related locations have one; SARIF requires it to be unique within a result.
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    /// A note about the place: the finding's label, or the related place's message.
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

/// Writes the SARIF log, pretty-printed, with a final newline.
///
/// `plan_dir` is the plan folder as a `/`-separated path from the repository root, as for
/// [`super::github::render`].
pub(super) fn render(
    diagnostics: &[Diagnostic],
    files: &Files,
    plan_dir: &str,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let results = diagnostics
        .iter()
        .map(|diagnostic| result(diagnostic, files, plan_dir))
        .collect();
    let log = Log {
        schema: SCHEMA_URI,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: env!("CARGO_PKG_NAME"),
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules: RULES.iter().map(|rule| descriptor(rule)).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn descriptor(rule: &'static Rule) -> Descriptor {
    Descriptor {
        id: rule.name,
        name: rule.name,
        short_description: Text {
            text: rule.summary.to_string(),
        },
        full_description: Text {
            text: rule.why.to_string(),
        },
        help: Help {
            text: rule.fix,
            markdown: format!(
                "{}.\n\n**Why.** {}\n\n**Fix.** {}",
                crate::rules::capitalise(rule.summary),
                rule.why,
                rule.fix
            ),
        },
        default_configuration: Configuration {
            level: match rule.default {
                DefaultLevel::Always(severity) => level(severity),
                // The level of a plan that does not say its stage, or is in co-creation.
                DefaultLevel::WarnDuringCocreation => "warning",
            },
        },
        properties: RuleProperties {
            family: family(rule.family),
            fixed: rule.fixed,
        },
    }
}

fn result(diagnostic: &Diagnostic, files: &Files, plan_dir: &str) -> SarifResult {
    let physical = |loc| physical_location(loc, files, plan_dir);
    SarifResult {
        rule_id: diagnostic.rule.name,
        rule_index: RULES.iter().position(|rule| *rule == diagnostic.rule),
        level: level(diagnostic.severity),
        message: Text {
            text: message(diagnostic),
        },
        locations: [Location {
            id: None,
            physical_location: physical(diagnostic.loc),
            message: diagnostic.label.as_ref().map(|label| Text {
                text: label.clone(),
            }),
        }],
        related_locations: (1..)
            .zip(&diagnostic.related)
            .map(|(id, related)| Location {
                id: Some(id),
                physical_location: physical(related.loc),
                message: Some(Text {
                    text: related.message.clone(),
                }),
            })
            .collect(),
        suppressions: diagnostic
            .allowed
            .iter()
            .map(|reason| Suppression {
                kind: "inSource",
                justification: reason.clone(),
            })
            .collect(),
    }
}

fn physical_location(loc: Loc, files: &Files, plan_dir: &str) -> PhysicalLocation {
    let file = files.get(loc.file);
    let span = loc.span;
    let start = file.line_col(span.start as usize);
    let end = file.line_col(span.end.max(span.start) as usize);
    let (uri, uri_base_id) = uri(&repo_path(plan_dir, &file.path));
    PhysicalLocation {
        artifact_location: ArtifactLocation { uri, uri_base_id },
        region: Region {
            start_line: start.line,
            start_column: start.column,
            end_line: end.line,
            end_column: end.column,
        },
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warn => "warning",
        Severity::Allow => "none",
    }
}

/// The family as a stable kebab-case word, for `properties.family`.
fn family(family: Family) -> &'static str {
    match family {
        Family::Files => "files",
        Family::Spaces => "spaces",
        Family::Commitments => "commitments",
        Family::Plan => "plan",
        Family::Online => "online",
        Family::Implementation => "implementation",
        Family::Privacy => "privacy",
    }
}

/// A `/`-separated path as a URI: relative to [`SRCROOT`] when the path is relative, a
/// `file:` URI when it is absolute. Characters outside a URI path's own are
/// percent-encoded, `:` too, so that a relative path never reads as a scheme.
fn uri(path: &str) -> (String, Option<&'static str>) {
    let bytes = path.as_bytes();
    let windows_drive =
        bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/';
    if path.starts_with('/') {
        (format!("file://{}", encode(path, false)), None)
    } else if windows_drive {
        (format!("file:///{}", encode(path, true)), None)
    } else {
        (encode(path, false), Some(SRCROOT))
    }
}

/// Percent-encodes everything but the unreserved characters, the sub-delimiters, `@` and
/// `/` (and `:` when `keep_colon`, for a drive letter).
fn encode(path: &str, keep_colon: bool) -> String {
    let mut out = String::with_capacity(path.len());
    for &byte in path.as_bytes() {
        let keep = byte.is_ascii_alphanumeric()
            || b"-._~!$&'()*+,;=@/".contains(&byte)
            || (keep_colon && byte == b':');
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uris() {
        assert_eq!(
            uri("plan/spaces/forum.toml"),
            ("plan/spaces/forum.toml".to_string(), Some(SRCROOT))
        );
        assert_eq!(
            uri("el meu pla/àgora:1.toml"),
            (
                "el%20meu%20pla/%C3%A0gora%3A1.toml".to_string(),
                Some(SRCROOT)
            )
        );
        assert_eq!(uri("../plan/a.toml").0, "../plan/a.toml");
        assert_eq!(
            uri("/srv/plan/a b.toml"),
            ("file:///srv/plan/a%20b.toml".to_string(), None)
        );
        assert_eq!(
            uri("C:/plan/a.toml"),
            ("file:///C:/plan/a.toml".to_string(), None)
        );
    }
}
