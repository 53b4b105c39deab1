//! Times as Decidim exports write them, and the day they fall on for the process.
//!
//! An export says when each proposal was published and each comment made, with the offset
//! of the zone the site wrote it in: participa.gencat.cat writes UTC, so a proposal made at
//! 00:30 in Barcelona on a phase's first day reads `… 22:30:00 UTC` of the day before. The
//! plan's `timezone` says which day that is for the process; without one, the day is taken
//! as written.

use crate::model::Date;

/// A time read from an export: its date and, when the export gives them, the time of day
/// and the offset from UTC it was written at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub date: Date,
    /// Hours, minutes and seconds.
    pub time: Option<(i8, i8, i8)>,
    /// Seconds east of UTC; `None` when the time has no offset (taken as the process's own).
    pub offset: Option<i32>,
}

impl Stamp {
    /// A stamp from Decidim's times: `2021-05-20 10:11:12 +0200` and `… UTC` (Ruby),
    /// `2021-05-20T10:11:12.000+02:00` and `…Z` (ISO 8601), `2021-05-20`, or
    /// `20/05/2021 10:11` (day first, as a spreadsheet may rewrite it).
    pub fn parse(raw: &str) -> Option<Stamp> {
        let raw = raw.trim();
        if let Some(date) = raw.get(..10).and_then(Date::parse) {
            let rest = &raw[10..];
            if rest.is_empty() {
                return Some(Stamp {
                    date,
                    time: None,
                    offset: None,
                });
            }
            let rest = rest.strip_prefix([' ', 'T'])?;
            let (time, offset) = time_and_offset(rest)?;
            return Some(Stamp {
                date,
                time: Some(time),
                offset,
            });
        }
        // Day first, from a spreadsheet: the time, if any, is the site's, without an offset.
        let mut words = raw.splitn(2, [' ', 'T']);
        let day_first = words.next().unwrap_or(raw);
        let mut parts = day_first.split(['/', '.', '-']);
        let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || year.len() != 4 {
            return None;
        }
        let date = Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)?;
        let time = match words.next() {
            Some(rest) => Some(time_and_offset(rest)?.0),
            None => None,
        };
        Some(Stamp {
            date,
            time,
            offset: None,
        })
    }

    /// The day this time falls on in `zone` (an IANA name the plan's loader has checked);
    /// the date as written when there is no zone, no time of day, or no offset.
    pub fn day_in(self, zone: Option<&jiff::tz::TimeZone>) -> Date {
        let (Some(zone), Some((hour, minute, second)), Some(offset)) =
            (zone, self.time, self.offset)
        else {
            return self.date;
        };
        let converted = (|| {
            let civil = jiff::civil::DateTime::new(
                i16::try_from(self.date.year()).ok()?,
                i8::try_from(self.date.month()).ok()?,
                i8::try_from(self.date.day()).ok()?,
                hour,
                minute,
                second,
                0,
            )
            .ok()?;
            let offset = jiff::tz::Offset::from_seconds(offset).ok()?;
            let instant = offset.to_timestamp(civil).ok()?;
            let local = zone.to_datetime(instant).date();
            Date::new(
                i32::from(local.year()),
                u8::try_from(local.month()).ok()?,
                u8::try_from(local.day()).ok()?,
            )
        })();
        converted.unwrap_or(self.date)
    }
}

/// The plan's zone, looked up in the database built into obert.
pub fn zone(name: Option<&str>) -> Option<jiff::tz::TimeZone> {
    jiff::tz::db().get(name?).ok()
}

/// `10:11:12`, `10:11`, `10:11:12.000`, then an optional offset: ` +0200`, `+02:00`, `Z`,
/// ` UTC`.
fn time_and_offset(text: &str) -> Option<((i8, i8, i8), Option<i32>)> {
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(text.len());
    let (clock, zone) = text.split_at(end);
    let clock = clock.split('.').next().unwrap_or(clock);
    let mut parts = clock.split(':');
    let hour: i8 = parts.next()?.parse().ok()?;
    let minute: i8 = parts.next()?.parse().ok()?;
    let second: i8 = match parts.next() {
        Some(second) => second.parse().ok()?,
        None => 0,
    };
    if parts.next().is_some() || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let zone = zone.trim();
    let offset = match zone {
        "" => None,
        "Z" | "UTC" | "GMT" => Some(0),
        _ => {
            let (sign, digits) = match zone.as_bytes().first()? {
                b'+' => (1, &zone[1..]),
                b'-' => (-1, &zone[1..]),
                _ => return None,
            };
            let digits = digits.replace(':', "");
            if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let hours: i32 = digits[..2].parse().ok()?;
            let minutes: i32 = digits[2..].parse().ok()?;
            if hours > 18 || minutes > 59 {
                return None;
            }
            Some(sign * (hours * 3600 + minutes * 60))
        }
    };
    Some(((hour, minute, second.min(59)), offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(raw: &str, zone_name: Option<&str>) -> Option<Date> {
        Some(Stamp::parse(raw)?.day_in(zone(zone_name).as_ref()))
    }

    #[test]
    fn every_spelling_decidim_uses_gives_its_date() {
        let may_20 = Date::new(2021, 5, 20);
        for raw in [
            "2021-05-20 10:11:12 +0200",
            "2021-05-20 10:11:12 UTC",
            "2021-05-20T10:11:12.000+02:00",
            "2021-05-20T10:11:12Z",
            "2021-05-20",
            "20/05/2021 10:11",
            "20/05/2021",
        ] {
            assert_eq!(day(raw, None), may_20, "{raw}");
        }
        for raw in [
            "2021-05-2x",
            "yesterday",
            "2021-05-20 25:00:00",
            "2021-05-20 10:11 +2",
        ] {
            assert_eq!(Stamp::parse(raw), None, "{raw}");
        }
    }

    #[test]
    fn a_utc_time_late_in_the_evening_is_the_next_day_in_barcelona() {
        let madrid = Some("Europe/Madrid");
        // 22:30 UTC in summer is 00:30 in Barcelona (UTC+2); in winter, 23:30 (UTC+1).
        assert_eq!(
            day("2024-05-31 22:30:00 UTC", madrid),
            Date::new(2024, 6, 1)
        );
        assert_eq!(
            day("2024-01-31 22:30:00 UTC", madrid),
            Date::new(2024, 1, 31)
        );
        assert_eq!(day("2024-01-31T23:30:00Z", madrid), Date::new(2024, 2, 1));
        // Already in the zone's offset, or without an offset: the day as written.
        assert_eq!(
            day("2024-06-01 00:30:00 +0200", madrid),
            Date::new(2024, 6, 1)
        );
        assert_eq!(day("2024-05-31", madrid), Date::new(2024, 5, 31));
        // West of UTC: a morning in UTC is still the evening before in Bogotá.
        assert_eq!(
            day("2024-03-01T03:00:00Z", Some("America/Bogota")),
            Date::new(2024, 2, 29)
        );
    }

    #[test]
    fn a_zone_obert_does_not_know_is_none() {
        assert!(zone(Some("Europe/Madrid")).is_some());
        assert!(zone(Some("Mars/Olympus")).is_none());
        assert!(zone(None).is_none());
    }
}
