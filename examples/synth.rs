//! Generate a large, valid synthetic plan: the input for benchmarks and stress tests of
//! `obert check`.
//!
//! ```text
//! cargo run --release --example synth -- [--people N] [--contributions N] [--seed N] OUT_DIR
//! ```
//!
//! It writes a complete plan folder in the plan format: plan.toml, vision.md,
//! organisations.toml, people.toml, spaces/ (a steering group of 5 + 5, a forum holding most
//! of the people, one working group per commitment, an online space with two phases),
//! minutes/, commitments/ (five) and contributions/ (proposals, and comments in reply to
//! earlier proposals, each with a reasoned response). The `[rules]` it writes are the numbers
//! the generated plan meets, so a correct `obert check` finds nothing at all.
//!
//! The same seed always gives the same bytes. The generator uses std only, with its own tiny
//! PRNG, so it never depends on the code it measures. Rendered text (titles, bodies, reasons,
//! minutes) holds no digits and no `@`, so no e-mail or phone heuristic can fire on it:
//! e-mails and phones appear only in people's private `email` and `phone` fields.

// A command-line tool of its own, for benchmarks: what it prints is its output.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::fmt::{self, Display, Write as _};
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;
use std::time::Instant;

// ----- command line -----

const USAGE: &str = "\
usage: synth [--people N] [--contributions N] [--seed N] OUT_DIR

  --people N         people in people.toml (default 2000, at least 200)
  --contributions N  contributions from the online space (default 10000)
  --seed N           the same seed gives the same plan, byte for byte (default 1)
  OUT_DIR            the plan folder to write; refused if it already holds plan.toml";

/// Fewer people could not fill five working groups of up to 20 from the allowed sectors.
const MIN_PEOPLE: usize = 200;

#[derive(Debug)]
struct Args {
    people: usize,
    contributions: usize,
    seed: u64,
    out: PathBuf,
}

/// `Ok(None)` asks for the usage text.
fn parse_args(mut argv: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let (mut people, mut contributions, mut seed, mut out) = (2000, 10_000, 1, None);
    while let Some(arg) = argv.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--people" => people = value(&arg, argv.next())?,
            "--contributions" => contributions = value(&arg, argv.next())?,
            "--seed" => seed = value(&arg, argv.next())?,
            flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
            _ if out.is_none() => out = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument `{arg}`: give one OUT_DIR")),
        }
    }
    let out = out.ok_or("missing OUT_DIR")?;
    if people < MIN_PEOPLE {
        return Err(format!(
            "`--people {people}` is too few: give at least {MIN_PEOPLE}"
        ));
    }
    Ok(Some(Args {
        people,
        contributions,
        seed,
        out,
    }))
}

fn value<T: FromStr>(flag: &str, value: Option<String>) -> Result<T, String> {
    let value = value.ok_or_else(|| format!("`{flag}` needs a number"))?;
    value
        .parse()
        .map_err(|_| format!("`{flag} {value}`: not a number"))
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            // a closed pipe (`synth --help | head`) is not an error
            let _ = writeln!(io::stdout(), "{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    match generate(&args) {
        Ok(summary) => {
            eprintln!("{summary} in {:.2?}", started.elapsed());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {}: {err}", args.out.display());
            ExitCode::from(2)
        }
    }
}

// ----- randomness -----

/// xorshift64* (Vigna, 2016): tiny, fast, and plenty to spread synthetic data.
#[derive(Debug)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        // one splitmix64 step turns any seed, 0 included, into a well-mixed non-zero state
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)).max(1))
    }

    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`; `n` must not be 0.
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }

    /// `k` distinct items of `pool` (all of them if it is smaller), in pool order.
    fn sample<T: Copy>(&mut self, pool: &[T], k: usize) -> Vec<T> {
        let k = k.min(pool.len());
        let mut indices: Vec<usize> = (0..pool.len()).collect();
        for i in 0..k {
            let j = i + self.below(pool.len() - i);
            indices.swap(i, j);
        }
        indices.truncate(k);
        indices.sort_unstable();
        indices.into_iter().map(|i| pool[i]).collect()
    }
}

// ----- dates -----

/// A calendar date as days since 1970-01-01; displays as a TOML local date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Date(i64);

impl Date {
    /// Howard Hinnant's `days_from_civil`.
    const fn ymd(year: i64, month: i64, day: i64) -> Date {
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (month + 9) % 12;
        let doy = (153 * mp + 2) / 5 + day - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Date(era * 146_097 + doe - 719_468)
    }

    fn plus(self, days: usize) -> Date {
        Date(self.0 + days as i64)
    }

    fn minus(self, days: usize) -> Date {
        Date(self.0 - days as i64)
    }

    fn days_until(self, later: Date) -> usize {
        usize::try_from(later.0 - self.0).unwrap_or(0)
    }
}

impl Display for Date {
    /// Howard Hinnant's `civil_from_days`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        write!(f, "{year:04}-{month:02}-{day:02}")
    }
}

const COCREATION: (Date, Date) = (Date::ymd(2021, 5, 1), Date::ymd(2021, 10, 31));
const IMPLEMENTATION: (Date, Date) = (Date::ymd(2021, 12, 1), Date::ymd(2023, 5, 31));
/// Meeting materials go out this long before the meeting (the rule asks for 7 days).
const MATERIALS_LEAD_DAYS: usize = 10;

// ----- text -----

/// A string written as a TOML basic string, quoted and escaped.
#[derive(Debug)]
struct Q<'a>(&'a str);

impl Display for Q<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('"')?;
        let mut run = 0;
        for (i, c) in self.0.char_indices() {
            if !matches!(c, '"' | '\\') && !c.is_control() {
                continue;
            }
            f.write_str(&self.0[run..i])?;
            match c {
                '"' | '\\' => write!(f, "\\{c}")?,
                '\n' => f.write_str("\\n")?,
                c => write!(f, "\\u{:04X}", u32::from(c))?,
            }
            run = i + c.len_utf8();
        }
        f.write_str(&self.0[run..])?;
        f.write_char('"')
    }
}

const FIRST_NAMES: [&str; 16] = [
    "Marta", "Jordi", "Núria", "Pere", "Laia", "Marc", "Anna", "Joan", "Aina", "Pau", "Clara",
    "Oriol", "Montse", "Xavier", "Carme", "Arnau",
];
const LAST_NAMES: [&str; 16] = [
    "Puig", "Soler", "Vila", "Ferrer", "Serra", "Font", "Roca", "Pujol", "Vidal", "Riera", "Mas",
    "Camps", "Costa", "Bosch", "Sala", "Prat",
];
const PLACES: [&str; 16] = [
    "Vilanova",
    "Manresa",
    "Girona",
    "Lleida",
    "Tarragona",
    "Reus",
    "Vic",
    "Olot",
    "Berga",
    "Solsona",
    "Tortosa",
    "Igualada",
    "Figueres",
    "Balaguer",
    "Mataró",
    "Granollers",
];
const AREAS: [&str; 10] = [
    "Transparència",
    "Participació",
    "Dades Obertes",
    "Innovació Pública",
    "Integritat",
    "Medi Ambient",
    "Habitatge",
    "Salut",
    "Educació",
    "Cultura",
];
const VERBS: [&str; 10] = [
    "publicar",
    "millorar",
    "crear",
    "reforçar",
    "obrir",
    "simplificar",
    "avaluar",
    "impulsar",
    "difondre",
    "coordinar",
];
const OBJECTS: [&str; 10] = [
    "les dades de contractació",
    "el portal de transparència",
    "els pressupostos participatius",
    "el registre de grups d'interès",
    "les agendes dels càrrecs públics",
    "els processos participatius",
    "la rendició de comptes municipal",
    "els canals de denúncia",
    "la formació en govern obert",
    "els informes d'avaluació",
];
const MANNERS: [&str; 8] = [
    "en format obert",
    "amb llenguatge planer",
    "a tots els municipis",
    "amb la ciutadania",
    "de manera periòdica",
    "amb indicadors verificables",
    "per a les entitats",
    "en temps real",
];
const CONCERNS: [&str; 6] = [
    "la informació és difícil de trobar",
    "les entitats no hi participen prou",
    "no hi ha indicadors públics",
    "els terminis no es compleixen",
    "la ciutadania desconeix els canals",
    "les dades no es poden reutilitzar",
];

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// "Publicar les dades de contractació en format obert"
fn title_text(rng: &mut Rng) -> String {
    let verb = capitalized(rng.pick(&VERBS));
    format!("{verb} {} {}", rng.pick(&OBJECTS), rng.pick(&MANNERS))
}

fn sentence(rng: &mut Rng) -> String {
    let (verb, object, manner) = (rng.pick(&VERBS), rng.pick(&OBJECTS), rng.pick(&MANNERS));
    let concern = rng.pick(&CONCERNS);
    match rng.below(3) {
        0 => format!("Cal {verb} {object} {manner}."),
        1 => format!("Es proposa {verb} {object}, perquè {concern}."),
        _ => format!("Ara {concern}, i per això cal {verb} {object} {manner}."),
    }
}

fn paragraph(rng: &mut Rng, sentences: usize) -> String {
    let all: Vec<String> = (0..sentences).map(|_| sentence(rng)).collect();
    all.join(" ")
}

fn display_name(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(&FIRST_NAMES), rng.pick(&LAST_NAMES))
}

// ----- organisations and people -----

const SECTORS: [&str; 7] = [
    "public-administration",
    "open-government-entity",
    "generalist-entity",
    "expert",
    "academia",
    "private-sector",
    "citizen",
];
/// Out of a hundred organisations, per sector of `SECTORS`.
const SECTOR_WEIGHTS: [usize; 7] = [30, 15, 25, 5, 10, 10, 5];
const GOVERNMENT: &str = SECTORS[0];
/// The forum takes every sector; working groups only these (the seed's design).
const WORKING_GROUP_SECTORS: [&str; 4] = [SECTORS[0], SECTORS[1], SECTORS[2], SECTORS[3]];

#[derive(Debug)]
struct Organisation {
    id: String,
    name: String,
    sector: &'static str,
    level: Option<&'static str>,
}

/// The first seven cover every sector once; the rest follow `SECTOR_WEIGHTS`.
fn organisations(rng: &mut Rng, count: usize) -> Vec<Organisation> {
    (0..count)
        .map(|i| {
            let sector = SECTORS
                .get(i)
                .copied()
                .unwrap_or_else(|| weighted_sector(rng));
            let (template, level) = name_template(rng, sector);
            let name = template
                .replace("{place}", rng.pick(&PLACES))
                .replace("{area}", rng.pick(&AREAS));
            Organisation {
                id: format!("org-{}", i + 1),
                name,
                sector,
                level,
            }
        })
        .collect()
}

fn weighted_sector(rng: &mut Rng) -> &'static str {
    let mut roll = rng.below(SECTOR_WEIGHTS.iter().sum());
    for (sector, weight) in SECTORS.iter().zip(SECTOR_WEIGHTS) {
        if roll < weight {
            return sector;
        }
        roll -= weight;
    }
    GOVERNMENT
}

fn name_template(rng: &mut Rng, sector: &str) -> (&'static str, Option<&'static str>) {
    let templates: &[&str] = match sector {
        "public-administration" => {
            return rng.pick(&[
                ("Ajuntament de {place}", Some("local")),
                ("Consell Comarcal de {place}", Some("local")),
                ("Diputació de {place}", Some("provincial")),
                ("Departament de {area}", Some("regional")),
            ]);
        }
        "open-government-entity" => &[
            "Observatori de {area} de {place}",
            "Fundació {place} Oberta",
        ],
        "generalist-entity" => &["Associació Veïnal de {place}", "Ateneu Popular de {place}"],
        "expert" => &["Col·lectiu d'Experts en {area}"],
        "academia" => &["Universitat de {place}", "Institut de Recerca en {area}"],
        "private-sector" => &[
            "Cooperativa de {area} de {place}",
            "Consultora {place} Serveis",
        ],
        _ => &["Plataforma Ciutadana de {place}"],
    };
    (rng.pick(templates), None)
}

#[derive(Debug)]
struct Person {
    id: String,
    organisation: Option<usize>,
    /// Their own `sector`: people without an organisation, and a few experts inside one.
    own_sector: Option<&'static str>,
    sector: &'static str,
}

/// The first people are fixed so the steering group (5 + 5) and every forum sector can always
/// be filled: five from administrations, then one of every other sector.
const FIXED_SECTORS: [&str; 11] = [
    SECTORS[0], SECTORS[0], SECTORS[0], SECTORS[0], SECTORS[0], SECTORS[1], SECTORS[2], SECTORS[3],
    SECTORS[4], SECTORS[5], SECTORS[6],
];

fn people(rng: &mut Rng, organisations: &[Organisation], count: usize) -> Vec<Person> {
    let of_sector = |sector: &str| -> Vec<usize> {
        (0..organisations.len())
            .filter(|&o| organisations[o].sector == sector)
            .collect()
    };
    let by_sector: Vec<Vec<usize>> = SECTORS.iter().map(|s| of_sector(s)).collect();
    (0..count)
        .map(|i| {
            let (organisation, own_sector, sector) = match FIXED_SECTORS.get(i) {
                Some(&sector) => {
                    let pool = &by_sector[SECTORS.iter().position(|&s| s == sector).unwrap_or(0)];
                    (Some(rng.pick(pool)), None, sector)
                }
                None if rng.chance(85) => {
                    let org = rng.below(organisations.len());
                    if rng.chance(5) {
                        (Some(org), Some("expert"), "expert")
                    } else {
                        (Some(org), None, organisations[org].sector)
                    }
                }
                None => {
                    let sector = rng.pick(&["citizen", "citizen", "expert", "academia"]);
                    (None, Some(sector), sector)
                }
            };
            Person {
                id: format!("person-{}", i + 1),
                organisation,
                own_sector,
                sector,
            }
        })
        .collect()
}

// ----- spaces -----

#[derive(Debug)]
struct Member {
    person: usize,
    role: Option<&'static str>,
    since: Date,
    /// A member with `until` has left and no longer counts.
    until: Option<Date>,
}

impl Member {
    fn new(person: usize, since: Date, until: Option<Date>) -> Member {
        Member {
            person,
            role: None,
            since,
            until,
        }
    }
}

#[derive(Debug)]
struct Meeting {
    id: String,
    date: Date,
    kind: &'static str,
    title: String,
    attendees: Vec<usize>,
}

#[derive(Debug)]
struct Phase {
    id: &'static str,
    title: &'static str,
    start: Date,
    end: Date,
}

#[derive(Debug)]
struct Space {
    id: String,
    kind: &'static str,
    name: String,
    members: Vec<Member>,
    meetings: Vec<Meeting>,
    phases: Vec<Phase>,
}

impl Space {
    fn new(id: &str, kind: &'static str, name: String) -> Space {
        Space {
            id: id.into(),
            kind,
            name,
            members: vec![],
            meetings: vec![],
            phases: vec![],
        }
    }

    fn current_members(&self) -> Vec<usize> {
        self.members
            .iter()
            .filter(|m| m.until.is_none())
            .map(|m| m.person)
            .collect()
    }

    /// Adds a meeting attended by `percent` of the current members (at least one).
    fn meet(&mut self, rng: &mut Rng, id: String, date: Date, kind: &'static str, title: String) {
        let current = self.current_members();
        let percent = if kind == "plenary" { 30 } else { 80 };
        let attendees = rng.sample(&current, (current.len() * percent / 100).max(1));
        self.meetings.push(Meeting {
            id,
            date,
            kind,
            title,
            attendees,
        });
    }
}

const STEERING_GROUP: &str = "grup-motor";
const FORUM: &str = "agora";
const ONLINE: &str = "participa";
/// Share of all people who sit in the forum.
const FORUM_PERCENT: usize = 60;
const GROUP_SIZE: (usize, usize) = (15, 20);
const ORDINALS: [&str; 6] = [
    "Primera", "Segona", "Tercera", "Quarta", "Cinquena", "Sisena",
];

/// People 0..5 (administrations) and 5..10 (civil society), six monthly meetings.
fn steering_group(rng: &mut Rng) -> Space {
    let mut space = Space::new(STEERING_GROUP, "steering-group", "Grup motor".into());
    let since = COCREATION.0.plus(2);
    space.members = (0..10)
        .map(|person| {
            let role = (person % 5 == 0).then_some("coordination");
            Member {
                role,
                ..Member::new(person, since, None)
            }
        })
        .collect();
    let dates = [(5, 6), (6, 3), (7, 1), (9, 2), (10, 7), (10, 28)];
    for (k, (month, day)) in dates.into_iter().enumerate() {
        let title = format!("{} reunió del grup motor", ORDINALS[k]);
        space.meet(
            rng,
            format!("r{}", k + 1),
            Date::ymd(2021, month, day),
            "meeting",
            title,
        );
    }
    space
}

/// The fixed people, then a random `FORUM_PERCENT` of everyone; one percent more have left.
fn forum(rng: &mut Rng, people: usize) -> Space {
    let mut space = Space::new(FORUM, "forum", "Àgora de govern obert".into());
    let mut others: Vec<usize> = (FIXED_SECTORS.len()..people).collect();
    rng.shuffle(&mut others);
    let current = (people * FORUM_PERCENT / 100).max(FIXED_SECTORS.len());
    let former = (people / 100).max(1);
    let (chosen, rest) = others.split_at(current - FIXED_SECTORS.len());
    let mut chosen: Vec<usize> = (0..FIXED_SECTORS.len())
        .chain(chosen.iter().copied())
        .collect();
    chosen.sort_unstable();
    for person in chosen {
        let since = COCREATION.0.plus(rng.below(15));
        space.members.push(Member::new(person, since, None));
    }
    for &person in &rest[..former] {
        let (since, until) = (COCREATION.0.plus(2), COCREATION.0.plus(14));
        space.members.push(Member::new(person, since, Some(until)));
    }
    let dates = [(5, 20), (7, 15), (10, 20)];
    for (k, (month, day)) in dates.into_iter().enumerate() {
        let title = format!("{} sessió plenària de l'Àgora", ORDINALS[k]);
        space.meet(
            rng,
            format!("p{}", k + 1),
            Date::ymd(2021, month, day),
            "plenary",
            title,
        );
    }
    space
}

/// One group per commitment, members taken in turn from `pool` (shuffled eligible people,
/// longer than a group), so groups overlap only when people are few. Three sessions each.
fn working_groups(rng: &mut Rng, pool: &[usize]) -> Vec<Space> {
    let mut cursor = 0;
    let mut next = || {
        cursor += 1;
        pool[(cursor - 1) % pool.len()]
    };
    let since = Date::ymd(2021, 9, 1);
    let mut groups = Vec::new();
    for (g, commitment) in COMMITMENTS.iter().enumerate() {
        let name = format!("Grup de treball: {}", commitment.short);
        let mut space = Space::new(&format!("gt-{}", commitment.id), "working-group", name);
        for _ in 0..rng.between(GROUP_SIZE.0, GROUP_SIZE.1) {
            space.members.push(Member::new(next(), since, None));
        }
        let until = Some(since.plus(3));
        space.members.push(Member::new(next(), since, until));
        for (k, ordinal) in ORDINALS[..3].iter().enumerate() {
            let date = Date::ymd(2021, 9, 7).plus(g + 14 * k);
            let title = format!("{ordinal} sessió: {}", commitment.short);
            space.meet(rng, format!("s{}", k + 1), date, "session", title);
        }
        groups.push(space);
    }
    groups
}

fn online_space() -> Space {
    let mut space = Space::new(ONLINE, "online", "Participa".into());
    space.phases = vec![
        Phase {
            id: "eixos",
            title: "Consulta sobre els eixos",
            start: Date::ymd(2021, 5, 10),
            end: Date::ymd(2021, 6, 9),
        },
        Phase {
            id: "propostes",
            title: "Recollida de propostes",
            start: Date::ymd(2021, 6, 15),
            end: Date::ymd(2021, 7, 31),
        },
    ];
    space
}

// ----- commitments -----

const AXES: [(&str, &str); 3] = [
    ("participacio", "Ecosistema de participació ciutadana"),
    ("transparencia", "Transparència i dades obertes"),
    ("integritat", "Integritat i rendició de comptes"),
];

#[derive(Debug, Clone, Copy)]
struct CommitmentSpec {
    id: &'static str,
    axis: &'static str,
    short: &'static str,
    title: &'static str,
    values: &'static [&'static str],
}

const COMMITMENTS: [CommitmentSpec; 5] = [
    CommitmentSpec {
        id: "model-participacio",
        axis: "participacio",
        short: "Model de participació",
        title: "Dissenyar un model de participació per a polítiques amb impacte territorial",
        values: &["participation", "inclusion"],
    },
    CommitmentSpec {
        id: "dades-obertes",
        axis: "transparencia",
        short: "Dades obertes",
        title: "Obrir les dades de contractació pública en formats reutilitzables",
        values: &["transparency", "technology"],
    },
    CommitmentSpec {
        id: "integritat-publica",
        axis: "integritat",
        short: "Integritat pública",
        title: "Crear un sistema d'integritat pública als ens locals",
        values: &["accountability"],
    },
    CommitmentSpec {
        id: "rendicio-comptes",
        axis: "integritat",
        short: "Rendició de comptes",
        title: "Retre comptes del compliment dels plans de govern",
        values: &["accountability", "transparency"],
    },
    CommitmentSpec {
        id: "pressupostos-oberts",
        axis: "participacio",
        short: "Pressupostos oberts",
        title: "Fer pressupostos oberts i participatius",
        values: &["participation", "transparency"],
    },
];

const SECTIONS: [(&str, &str); 5] = [
    ("problem", "Problema"),
    ("causes", "Causes"),
    ("description", "Descripció del compromís"),
    ("results", "Resultats esperats"),
    ("relevance", "Rellevància per als valors del govern obert"),
];

// ----- writing -----

fn create(path: &Path) -> io::Result<BufWriter<File>> {
    Ok(BufWriter::with_capacity(1 << 18, File::create(path)?))
}

/// `["a", "b"]`
fn inline_list(ids: &[&str]) -> String {
    let quoted: Vec<String> = ids.iter().map(|id| Q(id).to_string()).collect();
    format!("[{}]", quoted.join(", "))
}

/// `key = [...]`, eight ids a line when the list is long, so diffs stay readable.
fn write_list(w: &mut impl Write, key: &str, ids: &[&str]) -> io::Result<()> {
    if ids.len() <= 8 {
        return writeln!(w, "{key} = {}", inline_list(ids));
    }
    writeln!(w, "{key} = [")?;
    for line in ids.chunks(8) {
        let quoted: Vec<String> = line.iter().map(|id| Q(id).to_string()).collect();
        writeln!(w, "    {},", quoted.join(", "))?;
    }
    writeln!(w, "]")
}

fn write_plan(dir: &Path, organisations: &[Organisation], forum: &Space) -> io::Result<()> {
    let mut w = create(&dir.join("plan.toml"))?;
    let ((cocreation_start, cocreation_end), (start, end)) = (COCREATION, IMPLEMENTATION);
    write!(
        w,
        r#"# A synthetic plan written by `cargo run --example synth`, for benchmarks
title = "Pla d'acció sintètic de govern obert"
member = "Catalunya"
kind = "local"
languages = ["ca", "es", "en"]
stage = "co-creation"
website = "https://participa.example.org/ogp"
vision = "vision.md"

[cocreation]
start = {cocreation_start}
end = {cocreation_end}

[implementation]
start = {start}
end = {end}
"#
    )?;
    // organisations 1 and 2 are an administration and an open-government entity
    for partner in &organisations[..2] {
        writeln!(w, "\n[[partner]]\norganisation = {}", Q(&partner.id))?;
    }
    for (id, title) in AXES {
        writeln!(w, "\n[[axis]]\nid = {}\ntitle = {}", Q(id), Q(title))?;
    }
    let commitments = COMMITMENTS.len();
    let forum_size = forum.current_members().len();
    let forum_sectors = inline_list(&SECTORS);
    let (min, max) = GROUP_SIZE;
    let group_sectors = inline_list(&WORKING_GROUP_SECTORS);
    let sections = inline_list(&["problem", "causes", "description", "results"]);
    write!(
        w,
        r#"
[rules]
commitments = {commitments}

[rules.steering-group]
government = 5
civil-society = 5

[rules.forum]
members = {forum_size}
plenaries = 3
sectors = {forum_sectors}

[rules.working-group]
min-members = {min}
max-members = {max}
sessions = 3
sectors = {group_sectors}

[rules.commitment]
sections = {sections}

[lints]
forum-size = "warn"
"#
    )?;
    w.flush()
}

fn write_vision(dir: &Path, rng: &mut Rng) -> io::Result<()> {
    let mut w = create(&dir.join("vision.md"))?;
    writeln!(w, "# Visió")?;
    for _ in 0..3 {
        writeln!(w, "\n{}", paragraph(rng, 4))?;
    }
    w.flush()
}

fn write_organisations(dir: &Path, organisations: &[Organisation]) -> io::Result<()> {
    let mut w = create(&dir.join("organisations.toml"))?;
    for org in organisations {
        let (id, name, sector) = (Q(&org.id), Q(&org.name), Q(org.sector));
        write!(
            w,
            "[[organisation]]\nid = {id}\nname = {name}\nsector = {sector}\n"
        )?;
        if let Some(level) = org.level {
            writeln!(w, "level = {}", Q(level))?;
        }
        writeln!(w)?;
    }
    w.flush()
}

const GENDERS: [&str; 6] = ["woman", "man", "woman", "man", "non-binary", "undisclosed"];

fn write_people(
    dir: &Path,
    rng: &mut Rng,
    people: &[Person],
    orgs: &[Organisation],
) -> io::Result<()> {
    let mut w = create(&dir.join("people.toml"))?;
    for (i, person) in people.iter().enumerate() {
        writeln!(w, "[[person]]\nid = {}", Q(&person.id))?;
        if let Some(org) = person.organisation {
            writeln!(w, "organisation = {}", Q(&orgs[org].id))?;
        }
        if let Some(sector) = person.own_sector {
            writeln!(w, "sector = {}", Q(sector))?;
        }
        if rng.chance(90) {
            let name = format!("{} {}", display_name(rng), rng.pick(&LAST_NAMES));
            writeln!(w, "name = {}\npublic = {}", Q(&name), rng.chance(50))?;
        }
        // private fields: the only place a plan may hold e-mails and phones
        let number = i + 1;
        if rng.chance(30) {
            writeln!(w, "email = \"person{number}@example.org\"")?;
        }
        if rng.chance(15) {
            let (high, low) = (number / 1000 % 1000, number % 1000);
            writeln!(w, "phone = \"+34 600 {high:03} {low:03}\"")?;
        }
        writeln!(w, "gender = {}\n", Q(rng.pick(&GENDERS)))?;
    }
    w.flush()
}

fn write_space(dir: &Path, rng: &mut Rng, space: &Space, people: &[Person]) -> io::Result<()> {
    let mut w = create(&dir.join("spaces").join(format!("{}.toml", space.id)))?;
    let (kind, name, purpose) = (Q(space.kind), Q(&space.name), sentence(rng));
    let purpose = Q(&purpose);
    write!(w, "kind = {kind}\nname = {name}\n")?;
    writeln!(
        w,
        "purpose = {{ ca = {purpose}, en = \"A synthetic space\" }}"
    )?;
    if space.kind == "online" {
        writeln!(w, "url = \"https://participa.example.org/ogp\"")?;
    }
    writeln!(
        w,
        "rules-url = \"https://participa.example.org/ogp/{}/rules\"",
        space.id
    )?;
    for member in &space.members {
        writeln!(w, "\n[[member]]\nperson = {}", Q(&people[member.person].id))?;
        if let Some(role) = member.role {
            writeln!(w, "role = {}", Q(role))?;
        }
        writeln!(w, "since = {}", member.since)?;
        if let Some(until) = member.until {
            writeln!(w, "until = {until}")?;
        }
    }
    for meeting in &space.meetings {
        let (id, date, kind, title) = (
            Q(&meeting.id),
            meeting.date,
            Q(meeting.kind),
            Q(&meeting.title),
        );
        write!(
            w,
            "\n[[meeting]]\nid = {id}\ndate = {date}\nkind = {kind}\ntitle = {title}\n"
        )?;
        let attendees: Vec<&str> = meeting
            .attendees
            .iter()
            .map(|&p| people[p].id.as_str())
            .collect();
        write_list(&mut w, "attendees", &attendees)?;
        let (minutes, published) = (
            minutes_path(space, meeting),
            date.minus(MATERIALS_LEAD_DAYS),
        );
        write!(
            w,
            "minutes = {}\nmaterials-published = {published}\n",
            Q(&minutes)
        )?;
    }
    for phase in &space.phases {
        let (id, title, start, end) = (Q(phase.id), Q(phase.title), phase.start, phase.end);
        write!(
            w,
            "\n[[phase]]\nid = {id}\ntitle = {title}\nstart = {start}\nend = {end}\n"
        )?;
    }
    w.flush()
}

fn minutes_path(space: &Space, meeting: &Meeting) -> String {
    format!("minutes/{}-{}.md", space.id, meeting.id)
}

fn write_minutes(dir: &Path, rng: &mut Rng, space: &Space) -> io::Result<()> {
    for meeting in &space.meetings {
        let mut w = create(&dir.join(minutes_path(space, meeting)))?;
        writeln!(w, "# Acta: {}\n\n{}", meeting.title, paragraph(rng, 3))?;
        w.flush()?;
    }
    Ok(())
}

fn write_commitment(
    dir: &Path,
    rng: &mut Rng,
    number: usize,
    orgs: &[Organisation],
) -> io::Result<()> {
    let spec = &COMMITMENTS[number - 1];
    let mut w = create(&dir.join("commitments").join(format!("{}.md", spec.id)))?;
    let ids = |government: bool| -> Vec<&str> {
        let of_side = orgs
            .iter()
            .filter(|o| (o.sector == GOVERNMENT) == government);
        of_side.map(|o| o.id.as_str()).collect()
    };
    let (leads, supporters) = (rng.between(1, 2), rng.between(2, 4));
    let lead = rng.sample(&ids(true), leads);
    let supporting = rng.sample(&ids(false), supporters);
    let start = IMPLEMENTATION.0.plus(rng.below(60));
    let end = IMPLEMENTATION.1.minus(rng.below(90));
    let (title, axis) = (Q(spec.title), Q(spec.axis));
    let (lead_list, supporting_list) = (inline_list(&lead), inline_list(&supporting));
    let values = inline_list(spec.values);
    write!(
        w,
        r#"+++
number = {number}
title = {title}
axis = {axis}
working-group = "gt-{id}"
lead = {lead_list}
supporting = {supporting_list}
values = {values}
start = {start}
end = {end}
status = "draft"
completion = "not-started"
"#,
        id = spec.id,
    )?;
    let milestones = rng.between(3, 5);
    let stakeholders: Vec<&str> = lead.iter().chain(&supporting).copied().collect();
    for k in 1..=milestones {
        let due = start.plus(start.days_until(end) * k / milestones);
        let title = title_text(rng);
        let output = format!("Informe publicat: {}", rng.pick(&OBJECTS));
        let count = rng.between(1, 3);
        let stakeholders = inline_list(&rng.sample(&stakeholders, count));
        let (title, output) = (Q(&title), Q(&output));
        write!(
            w,
            r#"
[[milestone]]
title = {title}
output = {output}
due = {due}
stakeholders = {stakeholders}
completion = "not-started"
"#
        )?;
    }
    writeln!(w, "+++")?;
    for (id, heading) in SECTIONS {
        let (first, second) = (paragraph(rng, 3), paragraph(rng, 2));
        writeln!(w, "\n## {heading} {{#{id}}}\n\n{first}\n\n{second}")?;
    }
    w.flush()
}

// ----- contributions -----

/// One contributions file: a slice of a phase's days and its share of the contributions.
#[derive(Debug)]
struct Batch<'a> {
    id: String,
    phase: &'a Phase,
    start: Date,
    end: Date,
    count: usize,
}

/// The first phase's contributions go to two files, the second's to three.
const FILES_PER_PHASE: [usize; 2] = [2, 3];

fn batches(online: &Space, contributions: usize) -> Vec<Batch<'_>> {
    let files: usize = FILES_PER_PHASE.iter().sum();
    let mut batches = Vec::new();
    for (phase, parts) in online.phases.iter().zip(FILES_PER_PHASE) {
        let days = phase.start.days_until(phase.end) + 1;
        for part in 0..parts {
            let n = batches.len();
            batches.push(Batch {
                id: format!("{}-{}", phase.id, char::from(b'a' + part as u8)),
                phase,
                start: phase.start.plus(days * part / parts),
                end: phase.start.plus(days * (part + 1) / parts - 1),
                count: contributions / files + usize::from(n < contributions % files),
            });
        }
    }
    batches
}

fn contribution_id(reply_to: Option<usize>, number: usize) -> String {
    match reply_to {
        None => format!("SYN-PROP-{number}"),
        Some(_) => format!("SYN-COM-{number}"),
    }
}

/// Writes a batch in date order; a comment answers an earlier proposal of the same file.
fn write_batch(
    dir: &Path,
    rng: &mut Rng,
    batch: &Batch,
    next_number: &mut usize,
) -> io::Result<()> {
    let mut w = create(&dir.join("contributions").join(format!("{}.toml", batch.id)))?;
    writeln!(w, "space = {}\nphase = {}", Q(ONLINE), Q(batch.phase.id))?;
    let days = batch.start.days_until(batch.end) + 1;
    let mut proposals = Vec::new();
    for i in 0..batch.count {
        let number = *next_number;
        *next_number += 1;
        let date = batch.start.plus(days * i / batch.count);
        let comment = !proposals.is_empty() && rng.chance(35);
        let reply_to = comment.then(|| rng.pick(&proposals));
        if reply_to.is_none() {
            proposals.push(number);
        }
        write_contribution(&mut w, rng, number, date, reply_to, batch.phase)?;
    }
    w.flush()
}

fn write_contribution(
    w: &mut impl Write,
    rng: &mut Rng,
    number: usize,
    date: Date,
    reply_to: Option<usize>,
    phase: &Phase,
) -> io::Result<()> {
    let id = contribution_id(reply_to, number);
    let kind = if reply_to.is_some() {
        "comment"
    } else {
        "proposal"
    };
    let title = title_text(rng);
    let sentences = rng.between(1, 4);
    let body = paragraph(rng, sentences);
    let author = if rng.chance(40) {
        "anonymous".into()
    } else {
        display_name(rng)
    };
    let (id, kind, title, body, author) = (Q(&id), Q(kind), Q(&title), Q(&body), Q(&author));
    write!(
        w,
        "\n[[contribution]]\nid = {id}\nkind = {kind}\ndate = {date}\ntitle = {title}\n\
         body = {body}\nauthor = {author}\n"
    )?;
    // about an axis, a commitment (answered by its working group) or nothing in particular
    let mut by = STEERING_GROUP.to_string();
    match rng.below(3) {
        0 => writeln!(w, "about = {}", Q(rng.pick(&AXES).0))?,
        1 => {
            let commitment = rng.pick(&COMMITMENTS);
            writeln!(w, "about = {}", Q(commitment.id))?;
            by = format!("gt-{}", commitment.id);
        }
        _ => {}
    }
    match reply_to {
        Some(proposal) => writeln!(w, "in-reply-to = {}", Q(&contribution_id(None, proposal)))?,
        None => {
            let (supports, comments) = (rng.below(200), rng.below(10));
            writeln!(w, "supports = {supports}\ncomments = {comments}")?;
        }
    }
    write_response(w, rng, &by, phase)
}

/// Every response has a reason, even `accepted` where the format does not ask for one.
const RESPONSES: [(&str, &str); 6] = [
    ("accepted", "Incorporada al compromís corresponent."),
    (
        "accepted",
        "Incorporada a l'eix i al debat dels grups de treball.",
    ),
    (
        "partially-accepted",
        "S'incorpora en part: la resta supera el període del pla.",
    ),
    (
        "merged",
        "Agrupada amb una proposta semblant del mateix eix.",
    ),
    (
        "rejected",
        "No és viable amb els recursos previstos per al pla.",
    ),
    (
        "out-of-scope",
        "Queda fora de l'àmbit del pla d'acció de govern obert.",
    ),
];

fn write_response(w: &mut impl Write, rng: &mut Rng, by: &str, phase: &Phase) -> io::Result<()> {
    let (status, reason) = rng.pick(&RESPONSES);
    let date = phase.end.plus(rng.between(5, 40)).min(COCREATION.1);
    let (status, reason, by) = (Q(status), Q(reason), Q(by));
    write!(
        w,
        "\n[contribution.response]\nstatus = {status}\nreason = {reason}\nby = {by}\ndate = {date}\n"
    )
}

// ----- the whole plan -----

fn generate(args: &Args) -> io::Result<String> {
    let dir = args.out.as_path();
    if dir.join("plan.toml").exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "already holds plan.toml: refusing to overwrite a plan",
        ));
    }
    for sub in ["spaces", "commitments", "contributions", "minutes"] {
        fs::create_dir_all(dir.join(sub))?;
    }
    let mut rng = Rng::new(args.seed);
    let organisations = organisations(&mut rng, (args.people / 10).clamp(60, 300));
    let people = people(&mut rng, &organisations, args.people);
    let mut eligible: Vec<usize> = (0..people.len())
        .filter(|&p| WORKING_GROUP_SECTORS.contains(&people[p].sector))
        .collect();
    rng.shuffle(&mut eligible);
    if eligible.len() <= GROUP_SIZE.1 {
        let message = "too few people in working-group sectors: raise --people";
        return Err(io::Error::new(io::ErrorKind::InvalidInput, message));
    }
    let forum = forum(&mut rng, people.len());
    let mut spaces = vec![steering_group(&mut rng), online_space()];
    spaces.extend(working_groups(&mut rng, &eligible));

    write_plan(dir, &organisations, &forum)?;
    write_vision(dir, &mut rng)?;
    write_organisations(dir, &organisations)?;
    write_people(dir, &mut rng, &people, &organisations)?;
    spaces.push(forum);
    for space in &spaces {
        write_space(dir, &mut rng, space, &people)?;
        write_minutes(dir, &mut rng, space)?;
    }
    for number in 1..=COMMITMENTS.len() {
        write_commitment(dir, &mut rng, number, &organisations)?;
    }
    let online = &spaces[1];
    let batches = batches(online, args.contributions);
    let mut next_number = 1;
    for batch in &batches {
        write_batch(dir, &mut rng, batch, &mut next_number)?;
    }
    let forum_size = spaces.last().map_or(0, |f| f.current_members().len());
    Ok(format!(
        "wrote {}: {} organisations, {} people, a forum of {forum_size}, {} commitments, \
         {} contributions in {} files",
        dir.display(),
        organisations.len(),
        people.len(),
        COMMITMENTS.len(),
        args.contributions,
        batches.len(),
    ))
}
