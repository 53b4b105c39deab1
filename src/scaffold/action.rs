//! Where obert's GitHub Action lives, so that the workflow `init` writes names it instead of
//! a placeholder: `owner/repo@ref`, as a plan repository pins any action.
//!
//! obert knows it in one of three ways, tried in this order: the user says it (`init
//! --action`); the build says it (`repository` in Cargo.toml, a GitHub address, pinned to
//! this version's tag); or cargo's own record of the install says it. `cargo install --git
//! https://github.com/owner/obert --tag v0.2.0` writes the source it built from into
//! `$CARGO_HOME/.crates2.json`; when the running binary is the one cargo installed there,
//! that source is where obert lives, pinned to the tag, or else to the exact commit.

use std::path::{Path, PathBuf};

/// An action reference and how obert came to know it, for the message `init` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionReference {
    pub reference: String,
    pub known_from: KnownFrom,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KnownFrom {
    /// `obert init --action`.
    Given,
    /// Cargo.toml's `repository`, when obert was built.
    Build,
    /// cargo's record of `cargo install --git …`.
    Install,
}

/// cargo's install record is a few kilobytes; a larger file is not one to parse.
const MAX_RECORD_BYTES: u64 = 1024 * 1024;

/// Checks an `owner/repo@ref` given on the command line.
pub fn parse_given(text: &str) -> Result<String, String> {
    let valid = text.split_once('@').is_some_and(|(path, reference)| {
        let mut parts = path.split('/');
        let (owner, repo) = (parts.next(), parts.next());
        parts.next().is_none()
            && [owner, repo].into_iter().all(|part| {
                part.is_some_and(|p| {
                    !p.is_empty()
                        && p.chars()
                            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
                })
            })
            && !reference.is_empty()
            && !reference.contains(|c: char| c.is_whitespace() || c.is_control())
    });
    if valid {
        Ok(text.to_string())
    } else {
        Err(format!(
            "`{}` is not an action reference; give it as OWNER/REPO@REF, such as `my-org/obert@v0.1.0`",
            text.escape_debug()
        ))
    }
}

/// Where obert's action lives, when anything says so.
pub fn find(given: Option<&str>) -> Option<ActionReference> {
    let known = |reference, known_from| ActionReference {
        reference,
        known_from,
    };
    if let Some(given) = given {
        return Some(known(given.to_string(), KnownFrom::Given));
    }
    if let Some(built) = from_repository(env!("CARGO_PKG_REPOSITORY")) {
        return Some(known(built, KnownFrom::Build));
    }
    installed().map(|reference| known(reference, KnownFrom::Install))
}

/// `https://github.com/owner/obert` → `owner/obert@v<this version>`.
fn from_repository(repository: &str) -> Option<String> {
    let path = github_path(repository.strip_prefix("https://github.com/")?)?;
    Some(format!("{path}@v{}", env!("CARGO_PKG_VERSION")))
}

/// `owner/repo`, from the part of a GitHub address after the host.
fn github_path(rest: &str) -> Option<String> {
    let path = rest.trim_end_matches('/').trim_end_matches(".git");
    let mut parts = path.split('/');
    let (owner, repo) = (parts.next()?, parts.next()?);
    (parts.next().is_none() && parse_given(&format!("{owner}/{repo}@x")).is_ok())
        .then(|| format!("{owner}/{repo}"))
}

/// The source cargo recorded for the obert that is running, when cargo installed it.
fn installed() -> Option<String> {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))?;
    let running = std::env::current_exe().ok()?.canonicalize().ok()?;
    let installed = cargo_home
        .join("bin")
        .join(format!("obert{}", std::env::consts::EXE_SUFFIX))
        .canonicalize()
        .ok()?;
    if running != installed {
        return None;
    }
    let record = cargo_home.join(".crates2.json");
    if std::fs::metadata(&record).ok()?.len() > MAX_RECORD_BYTES {
        return None;
    }
    from_install_record(&std::fs::read_to_string(record).ok()?)
}

/// The action reference in cargo's `.crates2.json`, from the package id of obert's install:
/// `obert 0.2.0 (git+https://github.com/owner/obert?tag=v0.2.0#0123abc…)`.
fn from_install_record(json: &str) -> Option<String> {
    let record: serde_json::Value = serde_json::from_str(json).ok()?;
    let installs = record.get("installs")?.as_object()?;
    installs.keys().find_map(|package| {
        let rest = package.strip_prefix("obert ")?;
        let source = rest.split_once(" (")?.1.strip_suffix(')')?;
        from_git_source(source)
    })
}

/// `git+https://github.com/owner/obert?tag=v0.2.0#sha` → `owner/obert@v0.2.0`; without a
/// tag, the exact commit the binary was built from.
fn from_git_source(source: &str) -> Option<String> {
    let rest = source.strip_prefix("git+https://github.com/")?;
    let (address, commit) = rest.split_once('#')?;
    let (path, query) = address.split_once('?').unwrap_or((address, ""));
    let path = github_path(path)?;
    let tag = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("tag="))
        .filter(|tag| !tag.is_empty());
    let reference = match tag {
        Some(tag) => tag.to_string(),
        None if commit.len() == 40 && commit.chars().all(|c| c.is_ascii_hexdigit()) => {
            commit.to_string()
        }
        None => return None,
    };
    parse_given(&format!("{path}@{reference}")).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tagged_git_install_pins_the_tag() {
        let record = r#"{"installs":{
            "ripgrep 14.1.0 (registry+https://github.com/rust-lang/crates.io-index)":{},
            "obert 0.2.0 (git+https://github.com/open-gov/obert?tag=v0.2.0#0123456789abcdef0123456789abcdef01234567)":{"bins":["obert"]}
        }}"#;
        assert_eq!(
            from_install_record(record).as_deref(),
            Some("open-gov/obert@v0.2.0")
        );
    }

    #[test]
    fn an_untagged_git_install_pins_the_commit() {
        let source = "git+https://github.com/open-gov/obert.git?branch=main#0123456789abcdef0123456789abcdef01234567";
        assert_eq!(
            from_git_source(source).as_deref(),
            Some("open-gov/obert@0123456789abcdef0123456789abcdef01234567")
        );
    }

    #[test]
    fn other_sources_say_nothing() {
        for source in [
            "path+file:///home/me/obert",
            "registry+https://github.com/rust-lang/crates.io-index",
            "git+https://gitlab.com/open-gov/obert?tag=v1#0123456789abcdef0123456789abcdef01234567",
            "git+https://github.com/open-gov/obert#short",
            "git+https://github.com/a/b/c?tag=v1#0123456789abcdef0123456789abcdef01234567",
        ] {
            assert_eq!(from_git_source(source), None, "{source}");
        }
        assert_eq!(from_install_record("not json"), None);
        assert_eq!(
            from_install_record(r#"{"installs":{"obert 0.1.0 (path+file:///x)":{}}}"#),
            None
        );
    }

    #[test]
    fn given_references_are_checked() {
        assert!(parse_given("my-org/obert@v0.1.0").is_ok());
        for bad in ["obert@v1", "a/b/c@v1", "a/b@", "a/b", "a b/c@v1", "a/b@v 1"] {
            assert!(parse_given(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_github_repository_in_cargo_toml_pins_this_version() {
        assert_eq!(
            from_repository("https://github.com/open-gov/obert.git").as_deref(),
            Some(format!("open-gov/obert@v{}", env!("CARGO_PKG_VERSION")).as_str())
        );
        assert_eq!(from_repository(""), None);
        assert_eq!(from_repository("https://example.org/obert"), None);
    }
}
