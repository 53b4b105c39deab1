//! The Decidim readers: the first byte picks the extension the export would have (CSV,
//! JSON, ZIP, or none, which leaves the format to the bytes), the rest is the file; each
//! record's texts are then cleaned as the import writes them.

#![no_main]

use libfuzzer_sys::fuzz_target;
use obert::import::text;

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
            // And what it writes of each text: Decidim's HTML, Premailer's text, hashtags
            // and mentions made Markdown (bodies, answers) and one line (titles).
            let mention = |_: text::MentionKind, id: &str| format!("@author-{id}");
            let _ = export.each_record(obert::import::Fill::Whole, &mut |record| {
                for (_, title) in &record.title {
                    let _ = text::line(title, &mention);
                }
                for (_, prose) in record.body.iter().chain(&record.answer) {
                    let _ = text::markdown(prose, &mention);
                }
            });
        }
        // The message is what the user reads: building it must not fail either.
        Err(error) => {
            let _ = error.to_string();
        }
    }
});
