//! Embeds the shipped example plans in the binary, so that `obert init --example NAME` writes
//! exactly the files this repository holds, however the binary was installed.
//!
//! Each example is a name and a folder: `catalunya` is `plan/` (the default plan of this
//! repository), `scotland` is `plans/scotland/`. Every file under an example's folder is
//! listed, dotfiles included: git tracks them, and a `.gitkeep` that went missing would leave
//! an empty folder out of the copy.

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

/// The examples, as (name, folder relative to the repository root), the default first.
const EXAMPLES: &[(&str, &str)] = &[("catalunya", "plan"), ("scotland", "plans/scotland")];

fn main() -> io::Result<()> {
    println!("cargo:rerun-if-changed=build.rs");
    let manifest =
        std::env::var_os("CARGO_MANIFEST_DIR").ok_or_else(|| missing("CARGO_MANIFEST_DIR"))?;
    let out_dir = std::env::var_os("OUT_DIR").ok_or_else(|| missing("OUT_DIR"))?;

    let mut code = String::from("pub static EXAMPLES: &[Example] = &[\n");
    for (name, folder) in EXAMPLES {
        println!("cargo:rerun-if-changed={folder}");
        let mut files = Vec::new();
        walk(&Path::new(&manifest).join(folder), "", &mut files)?;
        // `{:?}` of a `str` is a valid Rust string literal, escapes and all.
        let _ = writeln!(
            code,
            "    Example {{\n        name: {name:?},\n        folder: {folder:?},\n        files: &["
        );
        for (relative, absolute) in &files {
            let absolute = absolute.to_str().ok_or_else(|| not_utf8(absolute))?;
            let _ = writeln!(
                code,
                "            ({relative:?}, include_bytes!({absolute:?})),"
            );
        }
        code.push_str("        ],\n    },\n");
    }
    code.push_str("];\n");
    std::fs::write(Path::new(&out_dir).join("example_plans.rs"), code)
}

/// Collects the files under `dir` as (path relative to the example's folder with `/`,
/// absolute path), in name order so that the generated list, and the order `init` writes in,
/// never depend on the filesystem.
fn walk(dir: &Path, prefix: &str, files: &mut Vec<(String, PathBuf)>) -> io::Result<()> {
    let mut entries = std::fs::read_dir(dir)?.collect::<Result<Vec<_>, _>>()?;
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        let name = entry.file_name();
        let name = name.to_str().ok_or_else(|| not_utf8(&entry.path()))?;
        let relative = format!("{prefix}{name}");
        // A symbolic link is copied as what it points to (git would keep the link); the
        // examples hold none.
        if std::fs::metadata(entry.path())?.is_dir() {
            walk(&entry.path(), &format!("{relative}/"), files)?;
        } else {
            files.push((relative, entry.path()));
        }
    }
    Ok(())
}

fn missing(variable: &str) -> io::Error {
    io::Error::other(format!("cargo did not set `{variable}`"))
}

fn not_utf8(path: &Path) -> io::Error {
    io::Error::other(format!(
        "`{}` is not a UTF-8 path: rename it, every plan path must be text",
        path.display()
    ))
}
