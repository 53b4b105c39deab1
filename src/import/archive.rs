//! ZIP archives: Decidim's open-data download (`<host>-open-data-proposals.csv`,
//! `<host>-open-data-proposal_comments.csv` and files obert does not import, such as
//! meetings and results), or an admin export, which Decidim sends as a ZIP of one file.

use std::io::Read as _;

use super::{BadInput, MAX_BYTES, SheetFile};

/// The files of the archive that hold contributions, inflated, proposals first.
pub(super) fn read(bytes: &[u8], source: &str) -> Result<Vec<SheetFile<'static>>, BadInput> {
    let corrupt = |error: zip::result::ZipError| {
        BadInput::new(
            source,
            format!("it is not a readable ZIP archive ({error})"),
        )
    };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(corrupt)?;
    let mut names = Vec::new();
    for index in 0..archive.len() {
        let entry = archive.by_index(index).map_err(corrupt)?;
        if !entry.is_dir() {
            names.push((index, entry.name().map_err(corrupt)?.to_string()));
        }
    }
    let data: Vec<&(usize, String)> = names.iter().filter(|(_, name)| is_data(name)).collect();
    // An admin export holds one file; the open-data download holds one per kind of entry,
    // and only the proposals and their comments are contributions.
    let chosen: Vec<&(usize, String)> = if data.len() == 1 {
        data
    } else {
        data.into_iter()
            .filter(|(_, name)| is_contributions(name))
            .collect()
    };
    if chosen.is_empty() {
        let listed: Vec<&str> = names.iter().map(|(_, name)| name.as_str()).collect();
        return Err(BadInput::new(
            source,
            format!(
                "the archive holds no proposals or proposal comments (it holds {})",
                if listed.is_empty() {
                    "nothing".to_string()
                } else {
                    listed.join(", ")
                }
            ),
        ));
    }
    let mut files = Vec::new();
    for (index, name) in chosen {
        let entry_source = format!("{source}` › `{name}");
        let mut entry = archive.by_index(*index).map_err(corrupt)?;
        if entry.size() > MAX_BYTES {
            return Err(BadInput::new(
                &entry_source,
                format!("it is too large ({} bytes)", entry.size()),
            ));
        }
        let mut content = Vec::new();
        entry
            .by_ref()
            .take(MAX_BYTES + 1)
            .read_to_end(&mut content)
            .map_err(|error| {
                BadInput::new(
                    &entry_source,
                    format!("the archive is damaged and this file cannot be read whole ({error})"),
                )
            })?;
        files.push(SheetFile {
            json: name.to_ascii_lowercase().ends_with(".json"),
            source: entry_source,
            bytes: content.into(),
        });
    }
    // Proposals before comments, so that a reader sees them in that order.
    files.sort_by_key(|file| file.source.contains("comment"));
    Ok(files)
}

fn is_data(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    (name.ends_with(".csv") || name.ends_with(".json")) && !name.starts_with("__macosx/")
}

/// `…-open-data-proposals.csv`, `…-open-data-proposal_comments.csv` and the like.
fn is_contributions(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase();
    let stem = base
        .strip_suffix(".csv")
        .or_else(|| base.strip_suffix(".json"))
        .unwrap_or(&base);
    stem.ends_with("proposals")
        || stem.ends_with("proposal_comments")
        || stem.ends_with("proposals_comments")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_open_data_files_that_hold_contributions() {
        assert!(is_contributions(
            "participa.gencat.cat-open-data-proposals.csv"
        ));
        assert!(is_contributions(
            "participa.gencat.cat-open-data-proposal_comments.csv"
        ));
        assert!(!is_contributions(
            "participa.gencat.cat-open-data-meetings.csv"
        ));
        assert!(!is_contributions(
            "participa.gencat.cat-open-data-meeting_comments.csv"
        ));
    }

    #[test]
    fn garbage_is_a_corrupt_archive() {
        let error = read(b"PK\x03\x04 not really", "x.zip").expect_err("corrupt");
        assert!(error.message.contains("not a readable ZIP"), "{error}");
    }
}
