//! Pictures that tell the truth: one colour and pattern per sector in every picture, legends
//! in the format's order of sectors, a co-creation timeline that spans co-creation, and
//! working groups in the order of their commitments.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use obert::model::{Keyword as _, Sector};

use crate::render::render;
use crate::support::{SHIPPED_PLAN, SHIPPED_SCOTLAND};

/// The `<svg>` pictures of a page, in order.
fn pictures(html: &str) -> Vec<&str> {
    html.split("<svg ")
        .skip(1)
        .map(|rest| rest.split("</svg>").next().unwrap_or_default())
        .collect()
}

fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    tag.split(&format!(" {name}=\"")).nth(1)?.split('"').next()
}

/// Each `data-sector` element of a picture, in order, with the fill it shows: a colour, or
/// the pattern it names (its content, without its own id, which differs per picture).
fn sector_fills(svg: &str) -> Vec<(String, String)> {
    svg.split('<')
        .filter_map(|tag| {
            let sector = attribute(tag, "data-sector")?;
            let fill = attribute(tag, "fill")?;
            let shown = match fill.strip_prefix("url(#").and_then(|f| f.strip_suffix(')')) {
                Some(id) => svg
                    .split(&format!("<pattern id=\"{id}\""))
                    .nth(1)?
                    .split("</pattern>")
                    .next()?
                    .to_string(),
                None => fill.to_string(),
            };
            Some((sector.to_string(), shown))
        })
        .collect()
}

#[test]
fn a_sector_has_one_look_in_every_picture_of_every_document() {
    let mut looks: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut pictures_with: BTreeMap<String, usize> = BTreeMap::new();
    for (plan, args) in [
        (SHIPPED_PLAN, &["--lang", "ca"][..]),
        (SHIPPED_PLAN, &["--lang", "en"]),
        (SHIPPED_SCOTLAND, &[]),
    ] {
        let html = render(Path::new(plan), args);
        for svg in pictures(&html) {
            let fills = sector_fills(svg);
            let mut seen = BTreeSet::new();
            for (sector, fill) in &fills {
                looks
                    .entry(sector.clone())
                    .or_default()
                    .insert(fill.clone());
                if seen.insert(sector.clone()) {
                    *pictures_with.entry(sector.clone()).or_default() += 1;
                }
            }
            // The legend lists the sectors in the format's order.
            let order: Vec<usize> = fills
                .iter()
                .filter_map(|(sector, _)| Sector::ALL.iter().position(|(s, _)| s == sector))
                .collect();
            assert!(
                order.windows(2).all(|w| w[0] <= w[1]),
                "sectors out of order: {fills:?}"
            );
        }
    }
    for (sector, fills) in &looks {
        assert_eq!(
            fills.len(),
            1,
            "{sector} is drawn {} ways: {fills:?}",
            fills.len()
        );
    }
    let administration = Sector::PublicAdministration.as_str();
    assert!(
        pictures_with[administration] >= 10,
        "too few pictures to compare: {pictures_with:?}"
    );
    // Sectors differ from one another.
    let distinct: BTreeSet<&String> = looks.values().flatten().collect();
    assert_eq!(distinct.len(), looks.len(), "{looks:?}");
}

/// A legend says what it counts, in the language's words and plural.
#[test]
fn legends_count_members_in_words() {
    let html = render(Path::new(SHIPPED_SCOTLAND), &[]);
    assert!(html.contains(">Citizens: 2 members</text>"), "the legend");
    assert!(html.contains(">Academia: 1 member</text>"), "one member");
    assert!(!html.contains("Citizens (2)"));
    let html = render(Path::new(SHIPPED_PLAN), &["--lang", "es"]);
    assert!(html.contains(">Administración pública: 32 miembros</text>"));
}

/// The text of the `n`th figure of a page, and its caption.
fn figure(html: &str, n: usize) -> &str {
    html.split("<figure class=\"picture timeline\" tabindex=\"0\">")
        .nth(n + 1)
        .and_then(|f| f.split("</figure>").next())
        .expect("the timeline")
}

#[test]
fn co_creation_has_its_own_timeline_and_later_meetings_go_to_implementation() {
    let html = render(Path::new(SHIPPED_SCOTLAND), &[]);
    let process = figure(&html, 0);
    let implementation = figure(&html, 1);
    // Co-creation ran from June to November 2021: no later year on its axis, and months
    // named in words.
    for year in ["2022", "2023", "2024", "2025"] {
        assert!(!process.contains(&format!(">{year}</text>")), "{year}");
    }
    assert!(process.contains(">Jul</text>"), "months are named");
    assert!(!process.contains("Closing the 2021 to 2025 plan"));
    assert!(process.contains("are on the implementation timeline"));
    // The steering group's follow-up meetings are on the implementation timeline.
    assert!(
        implementation.contains(">Open Government Steering Group</text>")
            && implementation.contains("Closing the 2021 to 2025 plan: 24 September 2025"),
        "{implementation}"
    );
    // Each timeline comes in a wide and a narrow layout.
    for timeline in [process, implementation] {
        assert_eq!(timeline.matches("<svg ").count(), 2);
        assert!(timeline.contains(r#"class="obert-wide""#));
        assert!(timeline.contains(r#"class="obert-narrow""#));
    }
}

#[test]
fn lane_labels_are_whole() {
    let html = render(Path::new(SHIPPED_SCOTLAND), &[]);
    assert!(!html.contains('…'), "a label is cut");
    let process = figure(&html, 0);
    assert!(process.contains(">Open Government Steering Group</text>"));
}

#[test]
fn working_groups_come_in_the_order_of_their_commitments() {
    for (plan, groups) in [
        (
            SHIPPED_SCOTLAND,
            &[
                "Fiscal openness and transparency working group",
                "Health and social care working group",
                "Data and digital working group",
                "Climate change working group",
                "Participation working group",
            ][..],
        ),
        (
            SHIPPED_PLAN,
            &[
                "Grup de treball 1:",
                "Grup de treball 2:",
                "Grup de treball 3:",
                "Grup de treball 4:",
                "Grup de treball 5:",
            ],
        ),
    ] {
        let md = render(Path::new(plan), &["--format", "md"]);
        let at: Vec<usize> = groups
            .iter()
            .map(|g| {
                md.find(&format!("### {g}"))
                    .unwrap_or_else(|| panic!("{g} has no section"))
            })
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{plan}: {groups:?}");
    }
}
