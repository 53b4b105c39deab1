//! Writes a Decidim proposals export (CSV, `,`-separated) with many rows, for benchmarking
//! `obert contribution import` (bench/import.sh).
//!
//! usage: synth_decidim [--rows N] [--space-url URL] > proposals.csv
//!
//! The rows are in the shape participa.gencat.cat exports: translatable columns flattened
//! (`title/ca`), quoted fields with commas, quotes and line breaks, answers in every state,
//! and 5,000 recurring authors. The same N gives the same file.

// A command-line tool of its own, for benchmarks: what it prints is its output.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::Write as _;

fn main() {
    let mut rows = 100_000u32;
    let mut url = "https://example.org/processos/pla".to_string();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rows" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => rows = n,
                None => fail("`--rows` needs a number"),
            },
            "--space-url" => match args.next() {
                Some(u) => url = u,
                None => fail("`--space-url` needs a URL"),
            },
            other => fail(&format!("unexpected argument `{other}`")),
        }
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut write = |text: String| {
        if out.write_all(text.as_bytes()).is_err() {
            std::process::exit(0);
        }
    };
    write("id,participatory_space/url,title/ca,title/es,body/ca,state,reference,answer/ca,supports,comments,published_at,author/id,author/name\n".into());
    for i in 0..rows {
        let state = match i % 10 {
            0 => "accepted",
            1 => "rejected",
            2 => "withdrawn",
            _ => "not_answered",
        };
        write(format!(
            "{i},{url},\"Proposta {i}, sobre dades\",Propuesta {i},\"Cos de la proposta {i}:\nuna línia, i \"\"una cita\"\".\",{state},BIG-PROP-2021-05-{i},Resposta {i}.,{},{},2021-05-{:02} 10:00:00 +0200,{},Persona {}\n",
            i % 97,
            i % 13,
            10 + i % 20,
            i % 5000,
            i % 5000
        ));
    }
    if out.flush().is_err() {
        std::process::exit(0);
    }
}

fn fail(message: &str) -> ! {
    eprintln!("synth_decidim: {message}");
    std::process::exit(2);
}
