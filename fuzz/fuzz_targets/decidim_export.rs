//! The Decidim readers: the first byte picks the extension the export would have (CSV,
//! JSON, ZIP, or none, which leaves the format to the bytes), the rest is the file.

#![no_main]

use libfuzzer_sys::fuzz_target;

const EXTENSIONS: [&str; 4] = ["csv", "json", "zip", ""];

fuzz_target!(|data: &[u8]| {
    let Some((&choice, content)) = data.split_first() else {
        return;
    };
    let extension = EXTENSIONS[usize::from(choice) % EXTENSIONS.len()];
    match obert::import::read_bytes(content, "export", extension) {
        Ok(export) => {
            // What `contribution import` prints of it.
            let _ = export.parts.join("\n");
        }
        // The message is what the user reads: building it must not fail either.
        Err(error) => {
            let _ = error.to_string();
        }
    }
});
