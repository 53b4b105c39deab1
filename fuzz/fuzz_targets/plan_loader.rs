//! The plan loader and the rules: the first byte picks which file of a valid plan the rest
//! replaces (plan.toml, an organisations, people, space or contributions file, a commitment
//! with its front matter and body or its translation, the vision, minutes, a chapter, a
//! progress or an assessments file) and which format `obert check` writes the findings in.

#![no_main]

use libfuzzer_sys::fuzz_target;
use obert::diag::{Format, RenderConfig, render};
use obert::model::Date;

const FORMATS: [Format; 4] = [Format::Human, Format::Json, Format::Github, Format::Sarif];

fuzz_target!(|data: &[u8]| {
    let Some((&choice, content)) = data.split_first() else {
        return;
    };
    let plan = obert_fuzz::plan_with(choice & 0x0F, content);
    let Ok(loaded) = obert::load::load(&plan) else {
        return;
    };
    let findings = obert::rules::check(&loaded, Date::new(2026, 12, 1));
    let format = FORMATS[usize::from(choice >> 4) % FORMATS.len()];
    let mut out = Vec::new();
    render(
        format,
        &findings,
        &loaded.files,
        &RenderConfig::new(&plan),
        &mut out,
    )
    .expect("writing to memory cannot fail");
});
