//! Normalisation: a grammar [`Spec`] plus context (reference time, tense, the
//! previous timex) becomes a TimeML value and, when a reference is known, a
//! concrete Duckling-style resolution.

use jiff::Span;
use jiff::civil::{Date, DateTime};

use crate::calendars;
use crate::expr::{Amount, Base, CLOCK_AMBIGUOUS, CLOCK_MIDNIGHT, CLOCK_NO_ROLL, Dir, Dur, SetKind, Spec, Sub};
use crate::lexicon::{HolidayRule, Pod, Season, Unit, holiday_rule};
use crate::{Grain, Resolved};

/// Tense of the clause around an expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    Past,
    /// A period reported as over: "the year ended Jan. 31"; its date cannot
    /// lie after the reference.
    Ended,
    Present,
    Future,
    Unknown,
}

/// Granularity of a realised point (TimeML side).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum G {
    Second,
    Minute,
    Hour,
    Pod(Pod),
    Day,
    Week,
    Weekend,
    Month,
    Season(Season),
    Quarter,
    Half,
    Year,
    Decade,
    Century,
}

impl G {
    fn rank(self) -> u8 {
        match self {
            G::Second => 0,
            G::Minute => 1,
            G::Hour => 2,
            G::Pod(_) => 3,
            G::Day => 4,
            G::Week | G::Weekend => 5,
            G::Month => 6,
            G::Season(_) | G::Quarter => 7,
            G::Half => 8,
            G::Year => 9,
            G::Decade => 10,
            G::Century => 11,
        }
    }
}

/// A point realised on the calendar: the start date of the period and its
/// granularity (plus clock time when finer than a day).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Real {
    pub date: Date,
    pub g: G,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    /// Quarter/half number when g is Quarter/Half (0 = unknown quarter).
    pub part: u8,
    /// Minutes to add to the clock time to express it in the reference's
    /// offset (a time given with a zone in running text keeps its local value
    /// in TimeML; the resolution converts).
    pub tz_shift: i32,
}

/// Context for normalising one expression.
#[derive(Clone, Copy, Debug)]
pub struct Ctx {
    /// Reference date-time (civil, in the reference's offset).
    pub now: Option<DateTime>,
    /// Offset of the reference, seconds east of UTC.
    pub offset: i32,
    pub tense: Tense,
    /// The previous point in the text (for "a year earlier", "the next day").
    pub prev: Option<Real>,
    /// Duckling conventions (future-leaning bare names, exact shifts).
    pub duckling: bool,
    /// The most recent quarter named in the text ("the third quarter"): a
    /// bare "the quarter" or "a year ago" in a results report refers to it.
    pub last_quarter: Option<Real>,
}

fn date(y: i32, m: u8, d: u8) -> Option<Date> {
    let y = i16::try_from(y).ok()?;
    Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(Span::new().try_days(n).ok()?).ok()
}

fn add_months(d: Date, n: i64) -> Option<Date> {
    d.checked_add(Span::new().try_months(n).ok()?).ok()
}

fn wd(d: Date) -> u8 {
    d.weekday().to_monday_one_offset() as u8
}

fn season_of_month(m: i8) -> Season {
    match m {
        3..=5 => Season::Spring,
        6..=8 => Season::Summer,
        9..=11 => Season::Fall,
        _ => Season::Winter,
    }
}

fn season_idx(s: Season) -> i32 {
    match s {
        Season::Spring => 0,
        Season::Summer => 1,
        Season::Fall => 2,
        Season::Winter => 3,
    }
}

/// Western (Gregorian) Easter Sunday, anonymous algorithm.
pub fn easter(y: i32) -> Option<Date> {
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    date(y, month as u8, day as u8)
}

/// Orthodox Easter Sunday (Julian computus, shown in the Gregorian calendar).
pub fn orthodox_easter(y: i32) -> Option<Date> {
    let a = y.rem_euclid(4);
    let b = y.rem_euclid(7);
    let c = y.rem_euclid(19);
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let month = (d + e + 114) / 31;
    let day = (d + e + 114) % 31 + 1;
    let julian = date(y, month as u8, day as u8)?;
    // Julian -> Gregorian difference (13 days for 1900..2099)
    let diff = y / 100 - y / 400 - 2;
    add_days(julian, i64::from(diff))
}

pub fn holiday_date(h: u16, y: i32) -> Option<Date> {
    use std::cell::RefCell;
    use std::collections::HashMap;
    // astronomical rules cost up to a millisecond: remember them per thread
    // (bounded: a few hundred holidays times the years the calendars accept)
    thread_local! {
        static CACHE: RefCell<HashMap<(u16, i32), Option<Date>>> = RefCell::new(HashMap::new());
    }
    let (rule, _) = holiday_rule(h)?;
    let costly = matches!(
        rule,
        HolidayRule::Islamic(..)
            | HolidayRule::IslamicLastFridayOfRamadan
            | HolidayRule::ChineseNewYear(_)
            | HolidayRule::HinduLunar(..)
            | HolidayRule::HinduLunarAt(..)
            | HolidayRule::Sankranti(..)
            | HolidayRule::BengaliSolar(..)
            | HolidayRule::Span(..)
    );
    if !costly || !(-10_000..=10_000).contains(&y) {
        return rule_date(&rule, y);
    }
    if let Some(hit) = CACHE.with(|c| c.borrow().get(&(h, y)).copied()) {
        return hit;
    }
    let d = rule_date(&rule, y);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() < 200_000 {
            c.insert((h, y), d);
        }
    });
    d
}

/// The exclusive end of a holiday that spans several days ("Ramadan",
/// "Lent", "Sukkot") starting on `start`.
pub fn holiday_span_end(h: u16, start: Date) -> Option<Date> {
    let (rule, _) = holiday_rule(h)?;
    match rule {
        HolidayRule::Span(_, end) => {
            let y = year_of(start);
            [y, y + 1].into_iter().filter_map(|y| rule_date(end, y)).find(|d| *d > start)
        }
        HolidayRule::SpanDays(_, n) => add_days(start, i64::from(n)),
        _ => None,
    }
}

fn observed(d: Date) -> Option<Date> {
    match wd(d) {
        6 => add_days(d, -1),
        7 => add_days(d, 1),
        _ => Some(d),
    }
}

/// The date of a holiday rule in year `y` (None when it does not occur).
pub fn rule_date(rule: &HolidayRule, y: i32) -> Option<Date> {
    match *rule {
        HolidayRule::Fixed(m, d) => date(y, m, d),
        HolidayRule::FixedObserved(m, d) => observed(date(y, m, d)?),
        HolidayRule::FixedSundayBack(m, d) => {
            let x = date(y, m, d)?;
            if wd(x) == 7 { add_days(x, -1) } else { Some(x) }
        }
        HolidayRule::MondayNearest(m, d) => {
            let x = date(y, m, d)?;
            let back = (i64::from(wd(x)) - 1).rem_euclid(7);
            if back <= 3 { add_days(x, -back) } else { add_days(x, 7 - back) }
        }
        HolidayRule::WeekdayOnOrAfter(m, d, w) => {
            let x = date(y, m, d)?;
            add_days(x, (i64::from(w) - i64::from(wd(x))).rem_euclid(7))
        }
        HolidayRule::WeekdayBefore(m, d, w) => {
            let x = add_days(date(y, m, d)?, -1)?;
            add_days(x, -(i64::from(wd(x)) - i64::from(w)).rem_euclid(7))
        }
        HolidayRule::NthWeekday(m, w, n) => nth_weekday_of_month(y, m, w, n),
        HolidayRule::NthWeekdayPlus(m, w, n, off) => add_days(nth_weekday_of_month(y, m, w, n)?, i64::from(off)),
        HolidayRule::Easter(off) => add_days(easter(y)?, i64::from(off)),
        HolidayRule::OrthodoxEaster(off) => add_days(orthodox_easter(y)?, i64::from(off)),
        HolidayRule::Islamic(m, d) => calendars::islamic_in_year(y, m, d).first().copied(),
        HolidayRule::IslamicLastFridayOfRamadan => {
            let eid = calendars::islamic_in_year(y, 10, 1).first().copied()?;
            let back = (i64::from(wd(eid)) - 5 - 1).rem_euclid(7) + 1;
            add_days(eid, -back).filter(|d| year_of(*d) == y)
        }
        HolidayRule::Hebrew(m, d, off) => add_days(calendars::hebrew_in_year(y, m, d)?, i64::from(off)),
        HolidayRule::YomHaatzmaut => {
            let x = calendars::hebrew_in_year(y, 9, 5)?;
            let x = match wd(x) {
                5 => add_days(x, -1)?,
                6 => add_days(x, -2)?,
                1 => add_days(x, 1)?,
                _ => x,
            };
            add_days(x, -1)
        }
        HolidayRule::ChineseNewYear(off) => add_days(calendars::chinese_new_year(y)?, i64::from(off)),
        HolidayRule::HinduLunar(m, t) => calendars::hindu_lunar_in_year(y, m, t),
        HolidayRule::HinduLunarAt(m, t, h) => calendars::hindu_lunar_at(y, m, t, f64::from(h)),
        HolidayRule::Sankranti(sign, off) => add_days(calendars::sankranti_in_year(y, sign)?, i64::from(off)),
        HolidayRule::BengaliSolar(m, d) => calendars::bengali_solar_in_year(y, m, d),
        HolidayRule::EmancipationDay => observed(date(y, 4, 16)?),
        HolidayRule::UsTaxDay => {
            let eman = observed(date(y, 4, 16)?)?;
            let mut x = date(y, 4, 15)?;
            for _ in 0..7 {
                if wd(x) <= 5 && x != eman {
                    return Some(x);
                }
                x = add_days(x, 1)?;
            }
            None
        }
        HolidayRule::AdminProfessionalsDay => add_days(nth_weekday_of_month(y, 4, 6, -1)?, -3),
        HolidayRule::SuperTuesday => {
            if y.rem_euclid(4) != 0 || y < 1988 {
                None
            } else if y == 2008 {
                nth_weekday_of_month(y, 2, 2, 1)
            } else {
                nth_weekday_of_month(y, 3, 2, 1)
            }
        }
        HolidayRule::Span(start, _) | HolidayRule::SpanDays(start, _) => rule_date(start, y),
    }
}

pub fn nth_weekday_of_month(y: i32, m: u8, w: u8, n: i8) -> Option<Date> {
    if n > 0 {
        let first = date(y, m, 1)?;
        let delta = (i64::from(w) - i64::from(wd(first))).rem_euclid(7);
        let d = add_days(first, delta + 7 * (i64::from(n) - 1))?;
        if d.month() as u8 != m {
            return None;
        }
        Some(d)
    } else {
        let last = date(y, m, 1)?.last_of_month();
        let delta = (i64::from(wd(last)) - i64::from(w)).rem_euclid(7);
        add_days(last, -delta)
    }
}

fn quarter_of(d: Date) -> u8 {
    ((d.month() as u8 - 1) / 3) + 1
}

fn year_of(d: Date) -> i32 {
    i32::from(d.year())
}

impl Real {
    fn day(d: Date) -> Real {
        Real { date: d, g: G::Day, hour: 0, minute: 0, second: 0, part: 0, tz_shift: 0 }
    }
    fn with(d: Date, g: G) -> Real {
        Real { date: d, g, hour: 0, minute: 0, second: 0, part: 0, tz_shift: 0 }
    }
    fn quarter(y: i32, q: u8) -> Option<Real> {
        let m = if q == 0 { 1 } else { (q - 1) * 3 + 1 };
        Some(Real { date: date(y, m, 1)?, g: G::Quarter, hour: 0, minute: 0, second: 0, part: q, tz_shift: 0 })
    }
    fn half(y: i32, h: u8) -> Option<Real> {
        let m = if h == 2 { 7 } else { 1 };
        Some(Real { date: date(y, m, 1)?, g: G::Half, hour: 0, minute: 0, second: 0, part: h, tz_shift: 0 })
    }
}

fn fmt_year(y: i32) -> String {
    if y < 0 { format!("-{:04}", -y) } else { format!("{:04}", y) }
}

/// The ISO week (Monday start) that contains a realised day.
pub fn week_of(r: &Real) -> Option<Real> {
    let monday = add_days(r.date, -(i64::from(wd(r.date)) - 1))?;
    Some(Real::with(monday, G::Week))
}

/// The TimeML value of a realised point.
pub fn timeml(r: &Real) -> String {
    let y = year_of(r.date);
    let m = r.date.month();
    let d = r.date.day();
    let ys = fmt_year(y);
    match r.g {
        G::Century => format!("{:02}", y.div_euclid(100)),
        G::Decade => format!("{:03}", y.div_euclid(10)),
        G::Year => ys,
        G::Half => format!("{ys}-H{}", r.part.max(1)),
        G::Quarter => {
            if r.part == 0 {
                format!("{ys}-QX")
            } else {
                format!("{ys}-Q{}", r.part)
            }
        }
        G::Season(s) => format!("{ys}-{}", s.code()),
        G::Month => format!("{ys}-{m:02}"),
        G::Week => {
            let iso = r.date.iso_week_date();
            format!("{}-W{:02}", fmt_year(i32::from(iso.year())), iso.week())
        }
        G::Weekend => {
            let iso = r.date.iso_week_date();
            format!("{}-W{:02}-WE", fmt_year(i32::from(iso.year())), iso.week())
        }
        G::Day => format!("{ys}-{m:02}-{d:02}"),
        G::Pod(p) => format!("{ys}-{m:02}-{d:02}T{}", p.code()),
        G::Hour | G::Minute => format!("{ys}-{m:02}-{d:02}T{:02}:{:02}", r.hour, r.minute),
        G::Second => format!("{ys}-{m:02}-{d:02}T{:02}:{:02}:{:02}", r.hour, r.minute, r.second),
    }
}

/// Result of normalising a point spec.
pub struct PointOut {
    pub value: String,
    pub real: Option<Real>,
    /// Anchored on the previous timex rather than the reference.
    pub anchored_prev: bool,
}

/// Underspecified TimeML value when no reference is available.
fn underspecified(s: &Spec) -> String {
    let yr = match (s.year, s.bc) {
        (Some(y), false) => fmt_year(y),
        (Some(y), true) => fmt_year(-y),
        (None, _) => "XXXX".to_string(),
    };
    if let Some((u, _)) = s.shift.filter(|_| s.holiday.is_none()) {
        return match u {
            Unit::Second | Unit::Minute | Unit::Hour => "XXXX-XX-XXTXX:XX".into(),
            Unit::Day => match s.pod {
                Some(p) => format!("XXXX-XX-XXT{}", p.code()),
                None => "XXXX-XX-XX".into(),
            },
            Unit::Week | Unit::Fortnight => {
                if let Some(w) = s.weekday {
                    format!("XXXX-WXX-{w}")
                } else if s.sub == Sub::Weekend {
                    "XXXX-WXX-WE".into()
                } else {
                    "XXXX-WXX".into()
                }
            }
            Unit::Month => match s.month {
                Some(m) => format!("XXXX-{m:02}"),
                None => "XXXX-XX".into(),
            },
            Unit::Quarter => "XXXX-QX".into(),
            Unit::Year => match s.sub {
                Sub::Quarter(q) if q > 0 => format!("XXXX-Q{q}"),
                Sub::Quarter(_) => "XXXX-QX".into(),
                _ => match s.month {
                    Some(m) => format!("XXXX-{m:02}"),
                    None => "XXXX".into(),
                },
            },
            Unit::Decade => "XXX".into(),
            Unit::Century | Unit::Millennium => "XX".into(),
        };
    }
    if let Some(h) = s.holiday {
        if let (Some((HolidayRule::Fixed(m, d), _)), None) = (holiday_rule(h), s.shift) {
            return format!("{yr}-{m:02}-{d:02}");
        }
        return format!("{yr}-XX-XX");
    }
    if let Some(c) = s.century {
        return format!("{c:02}");
    }
    if let Some(d) = s.decade {
        return format!("{d:03}");
    }
    let time = |base: String| -> String {
        match (s.hour, s.pod) {
            (Some(h), _) => format!("{base}T{:02}:{:02}", h, s.minute.unwrap_or(0)),
            (None, Some(p)) => format!("{base}T{}", p.code()),
            _ => base,
        }
    };
    match s.sub {
        Sub::Quarter(q) if q > 0 => return format!("{yr}-Q{q}"),
        Sub::Quarter(_) => return format!("{yr}-QX"),
        Sub::Half(h) => return format!("{yr}-H{h}"),
        Sub::Season(se) => return format!("{yr}-{}", se.code()),
        Sub::Weekend => return format!("{yr}-WXX-WE"),
        Sub::None => {}
    }
    if let Some(m) = s.month {
        return match s.day {
            // a day that does not exist in that year (29 February 2021)
            Some(d) if s.year.is_some_and(|y| date(y, m, d).is_none()) => format!("{yr}-{m:02}"),
            Some(d) if s.nth.is_none() => time(format!("{yr}-{m:02}-{d:02}")),
            _ => format!("{yr}-{m:02}"),
        };
    }
    if let Some(w) = s.weekday {
        return time(format!("{yr}-WXX-{w}"));
    }
    if let Some(d) = s.day {
        return time(format!("{yr}-XX-{d:02}"));
    }
    if s.hour.is_some() || s.pod.is_some() {
        return time("XXXX-XX-XX".into());
    }
    yr
}

/// Pick the year for a month (and day) without a year.
fn year_for(md: (u8, u8), now: Date, tense: Tense, dir: Dir, duckling: bool) -> i32 {
    let y = year_of(now);
    let cur = (now.month() as u8, now.day() as u8);
    let day_known = md.1 > 0;
    let after = if day_known { md > cur } else { md.0 > cur.0 };
    let before = if day_known { md < cur } else { md.0 < cur.0 };
    match dir {
        Dir::Last | Dir::AnchorLast => {
            if md.0 < cur.0 || (day_known && md < cur) {
                y
            } else {
                y - 1
            }
        }
        Dir::Next | Dir::AnchorNext | Dir::Coming => {
            if md.0 > cur.0 || (day_known && md > cur) {
                y
            } else {
                y + 1
            }
        }
        Dir::This => y,
        Dir::Bare => {
            if duckling {
                if before { y + 1 } else { y }
            } else {
                let _ = (after, before);
                closest_year(md, now, tense)
            }
        }
    }
}

/// The year (of last, this, next) that puts month/day closest to `now`, with a
/// penalty for contradicting the tense.
fn closest_year(md: (u8, u8), now: Date, tense: Tense) -> i32 {
    let y = year_of(now);
    let day = if md.1 > 0 { i64::from(md.1) } else { 15 };
    let now_ord = i64::from(y) * 372 + (i64::from(now.month()) - 1) * 31 + i64::from(now.day());
    // a month alone ("in January") follows the tense; a day ("payable
    // Jan. 2") is often a scheduled date reported in the past tense
    let penalty = if md.1 > 0 { 120 } else { 1000 };
    let mut best = (i64::MAX, y);
    for cand in [y, y - 1, y + 1] {
        let ord = i64::from(cand) * 372 + (i64::from(md.0) - 1) * 31 + day;
        let dist = ord - now_ord;
        let slack = if md.1 > 0 { 0 } else { 16 };
        let penalty = match tense {
            Tense::Past if dist > slack => penalty,
            Tense::Ended if dist > slack => 1000,
            Tense::Future if dist < -slack => penalty,
            _ if md.1 == 0 && dist > slack => 150,
            _ => 0,
        };
        let score = dist.abs() + penalty;
        if score < best.0 {
            best = (score, cand);
        }
    }
    best.1
}

fn weekday_date(w: u8, now: Date, tense: Tense, dir: Dir, duckling: bool) -> Option<Date> {
    let cur = i64::from(wd(now));
    let w = i64::from(w);
    let fwd = (w - cur).rem_euclid(7); // 0..6, days until next occurrence (0 = today)
    let back = (cur - w).rem_euclid(7); // days since last occurrence (0 = today)
    let off = match dir {
        Dir::Last | Dir::AnchorLast => -(if back == 0 { 7 } else { back }),
        // "next Saturday": that day in the following (Monday-start) week
        Dir::Next | Dir::AnchorNext => 7 - cur + w,
        Dir::Coming => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        Dir::This => {
            if duckling {
                if fwd == 0 { 0 } else { fwd }
            } else {
                // same ISO week
                w - cur
            }
        }
        Dir::Bare => {
            if duckling {
                if fwd == 0 { 7 } else { fwd }
            } else {
                match tense {
                    Tense::Future => fwd,
                    _ => -back,
                }
            }
        }
    };
    add_days(now, off)
}

fn season_start(se: Season, y: i32) -> Option<Date> {
    match se {
        Season::Spring => date(y, 3, 20),
        Season::Summer => date(y, 6, 21),
        Season::Fall => date(y, 9, 23),
        Season::Winter => date(y, 12, 21),
    }
}

fn season_end(se: Season, y: i32) -> Option<Date> {
    match se {
        Season::Spring => date(y, 6, 21),
        Season::Summer => date(y, 9, 23),
        Season::Fall => date(y, 12, 20),
        Season::Winter => date(y + 1, 3, 21),
    }
}

/// Realise a spec against a context.  Returns `None` when it cannot be placed.
pub fn realize(s: &Spec, ctx: &Ctx) -> Option<Real> {
    let now_dt = ctx.now?;
    let now = now_dt.date();
    let base_real = match (s.base, ctx.prev) {
        (Base::Previous, Some(p)) => Some(p),
        _ => None,
    };
    let base = base_real.map_or(now, |p| p.date);
    let mut r: Real;
    if let Some(h) = s.holiday {
        // "MLK day of last year", "thanksgiving in 9 months"
        let shifted_year = match s.shift {
            Some((u, n)) if s.year.is_none() => {
                let n = i64::from(n);
                let span = match u {
                    Unit::Day => Span::new().try_days(n).ok()?,
                    Unit::Week => Span::new().try_weeks(n).ok()?,
                    Unit::Month => Span::new().try_months(n).ok()?,
                    _ => Span::new().try_years(n).ok()?,
                };
                Some(year_of(now.checked_add(span).ok()?))
            }
            _ => None,
        };
        let y = match s.year.or(shifted_year) {
            Some(y) => y,
            None => {
                let y0 = year_of(now);
                // holidays that skip years (Super Tuesday) or fall twice in
                // one (Islamic): search a few years each way
                let after = |strict: bool| {
                    (y0 - 1..=y0 + 8)
                        .find(|y| holiday_date(h, *y).is_some_and(|d| if strict { d > now } else { d >= now }))
                };
                let before = || (y0 - 8..=y0).rev().find(|y| holiday_date(h, *y).is_some_and(|d| d < now));
                match holiday_date(h, y0) {
                    None => match s.dir {
                        Dir::Last | Dir::AnchorLast => before()?,
                        Dir::Bare if !ctx.duckling => before()?,
                        _ => after(false)?,
                    },
                    Some(this) => match s.dir {
                        Dir::Last | Dir::AnchorLast => {
                            if this < now {
                                y0
                            } else {
                                before()?
                            }
                        }
                        Dir::Next | Dir::AnchorNext | Dir::Coming => {
                            if this > now {
                                y0
                            } else {
                                after(true)?
                            }
                        }
                        // Duckling: "this MLK day" after it has passed is next year's
                        Dir::This if ctx.duckling && this < now => after(false)?,
                        Dir::This => y0,
                        Dir::Bare => {
                            if ctx.duckling {
                                if this >= now { y0 } else { after(false)? }
                            } else {
                                closest_year((this.month() as u8, this.day() as u8), now, ctx.tense)
                            }
                        }
                    },
                }
            }
        };
        r = Real::day(holiday_date(h, y)?);
    } else if let (Some((u, n)), false) =
        (s.shift, s.nth.is_some() && s.weekday.is_some() && matches!(s.shift, Some((Unit::Month, _))))
    {
        let n64 = i64::from(n);
        r = match u {
            Unit::Second | Unit::Minute | Unit::Hour => {
                let span = match u {
                    Unit::Second => Span::new().try_seconds(n64).ok()?,
                    Unit::Minute => Span::new().try_minutes(n64).ok()?,
                    _ => Span::new().try_hours(n64).ok()?,
                };
                let t = now_dt.checked_add(span).ok()?;
                Real {
                    date: t.date(),
                    g: match u {
                        Unit::Second => G::Second,
                        Unit::Minute => G::Minute,
                        _ => G::Hour,
                    },
                    hour: t.hour() as u8,
                    // a non-exact shift ("the last hour") is truncated to its unit
                    minute: if u == Unit::Hour && !s.shift_exact { 0 } else { t.minute() as u8 },
                    second: if u != Unit::Second && !s.shift_exact { 0 } else { t.second() as u8 },
                    part: 0,
                    tz_shift: 0,
                }
            }
            Unit::Day => Real::day(add_days(base, n64)?),
            Unit::Week | Unit::Fortnight => {
                let k = if u == Unit::Fortnight { 2 * n64 } else { n64 };
                let d = add_days(base, 7 * k)?;
                if s.sub == Sub::Weekend {
                    let mut monday = add_days(d, -(i64::from(wd(d)) - 1))?;
                    // "over the weekend" told in the past on a weekday: the one just gone
                    if n64 == 0 && matches!(ctx.tense, Tense::Past | Tense::Ended) && !ctx.duckling && wd(now) < 6 {
                        monday = add_days(monday, -7)?;
                    }
                    Real::with(add_days(monday, 4)?, G::Weekend)
                } else if let Some(w) = s.weekday {
                    // "Wednesday of next week"
                    let monday = add_days(d, -(i64::from(wd(d)) - 1))?;
                    Real::day(add_days(monday, i64::from(w) - 1)?)
                } else {
                    let monday = add_days(d, -(i64::from(wd(d)) - 1))?;
                    Real::with(monday, G::Week)
                }
            }
            Unit::Month => {
                let d = add_months(base.first_of_month(), n64)?;
                Real::with(d, G::Month)
            }
            Unit::Quarter => {
                let q0 = i64::from(quarter_of(base)) - 1 + n64;
                let y = i64::from(year_of(base)) + q0.div_euclid(4);
                Real::quarter(i32::try_from(y).ok()?, (q0.rem_euclid(4) + 1) as u8)?
            }
            Unit::Year | Unit::Decade | Unit::Century | Unit::Millennium => {
                let mult = match u {
                    Unit::Decade => 10,
                    Unit::Century => 100,
                    Unit::Millennium => 1000,
                    _ => 1,
                };
                let y = i64::from(year_of(base)) + n64 * mult;
                let y = i32::try_from(y).ok()?;
                let g = match u {
                    Unit::Decade => G::Decade,
                    Unit::Century | Unit::Millennium => G::Century,
                    _ => G::Year,
                };
                let mut rr = Real::with(date(y, 1, 1)?, g);
                if u == Unit::Year {
                    match s.sub {
                        Sub::Quarter(q) => {
                            let (y, q) = if q == 0 {
                                match (base_real, ctx.last_quarter) {
                                    (Some(p), _) if p.g == G::Quarter => (y, p.part),
                                    // "the year-earlier period": the quarter under
                                    // discussion, a year back from its own year
                                    (_, Some(p)) => (i32::try_from(i64::from(year_of(p.date)) + n64).ok()?, p.part),
                                    _ => (y, 0),
                                }
                            } else {
                                (y, q)
                            };
                            rr = Real::quarter(y, q)?;
                        }
                        Sub::None if s.month.is_none() && s.shift_exact && !ctx.duckling => {
                            // "a year ago" in a report about a quarter: that quarter, a year back
                            if let Some(q) = ctx.last_quarter {
                                let qy = i64::from(year_of(q.date)) + n64;
                                rr = Real::quarter(i32::try_from(qy).ok()?, q.part)?;
                            }
                        }
                        Sub::Half(h) => rr = Real::half(y, h)?,
                        Sub::Season(se) => rr = Real::with(season_start(se, y)?, G::Season(se)),
                        _ => {
                            if let Some(m) = s.month {
                                rr = Real::with(date(y, m, 1)?, G::Month);
                            }
                        }
                    }
                }
                rr
            }
        };
        // "a year earlier" after "the third quarter": keep the anchor's grain
        if let (Some(p), true) = (base_real, s.shift_exact || s.sub == Sub::Quarter(0))
            && p.g.rank() < r.g.rank()
            && matches!(r.g, G::Year | G::Month)
        {
            let shifted = match u {
                Unit::Year => add_months(p.date, n64 * 12),
                Unit::Month => add_months(p.date, n64),
                _ => None,
            };
            if let Some(d) = shifted {
                r = Real { date: d, ..p };
            }
        }
        if s.shift_exact && ctx.duckling {
            // handled by the resolver
        }
    } else if let Some((n, weekend)) = s.nth_week {
        r = nth_week_of(s, n, weekend, now, ctx)?;
    } else if let Some(c) = s.century {
        r = Real::with(date(c * 100, 1, 1)?, G::Century);
    } else if let Some(dec) = s.decade {
        r = Real::with(date(dec * 10, 1, 1)?, G::Decade);
    } else if s.sub != Sub::None && s.month.is_none() {
        match s.sub {
            Sub::Quarter(q) => {
                let (mut y, mut q) = (s.year, q);
                if q == 0 && ctx.last_quarter.is_none() && y.is_none() && !ctx.duckling {
                    // "the latest quarter": the last completed one (or, below, the
                    // quarter the report is about: "fourth-quarter earnings fell ...
                    // sales in the latest period" in a fiscal year ending in September)
                    let cur = i64::from(quarter_of(now)) - 2;
                    let yy = i64::from(year_of(now)) + cur.div_euclid(4);
                    q = (cur.rem_euclid(4) + 1) as u8;
                    y = i32::try_from(yy).ok();
                } else if q == 0 {
                    // "the quarter", "the 1988 period": the quarter being reported
                    if let Some(lq) = ctx.last_quarter {
                        q = lq.part;
                        if y.is_none() {
                            y = Some(year_of(lq.date));
                        }
                    }
                }
                let y = match y {
                    Some(y) => y,
                    None => {
                        let cur = quarter_of(now);
                        if q > cur && matches!(ctx.tense, Tense::Past | Tense::Ended) && !ctx.duckling {
                            year_of(now) - 1
                        } else {
                            year_of(now)
                        }
                    }
                };
                r = Real::quarter(y, q)?;
            }
            Sub::Half(h) => {
                let y = s.year.unwrap_or_else(|| year_of(now));
                r = Real::half(y, h)?;
            }
            Sub::Season(se) => {
                let y = match s.year {
                    Some(y) => y,
                    None => {
                        let y0 = year_of(now);
                        let cur = season_of_month(now.month());
                        let (ci, si) = (season_idx(cur), season_idx(se));
                        // winter of Jan/Feb belongs to the previous year's winter
                        let cur_y = if cur == Season::Winter && now.month() <= 2 { y0 - 1 } else { y0 };
                        match s.dir {
                            Dir::Last | Dir::AnchorLast => {
                                if si < ci {
                                    cur_y
                                } else {
                                    cur_y - 1
                                }
                            }
                            Dir::Next | Dir::AnchorNext | Dir::Coming => {
                                if si > ci {
                                    cur_y
                                } else {
                                    cur_y + 1
                                }
                            }
                            Dir::This => {
                                if ctx.duckling && si < ci {
                                    cur_y + 1
                                } else {
                                    cur_y
                                }
                            }
                            Dir::Bare => match ctx.tense {
                                Tense::Past | Tense::Ended if si > ci => cur_y - 1,
                                Tense::Future if si < ci => cur_y + 1,
                                _ => cur_y,
                            },
                        }
                    }
                };
                r = Real::with(season_start(se, y)?, G::Season(se));
            }
            Sub::Weekend => {
                let monday = add_days(now, -(i64::from(wd(now)) - 1))?;
                r = Real::with(add_days(monday, 4)?, G::Weekend);
            }
            Sub::None => return None,
        }
    } else if let Some(m) = s.month {
        let y = match s.year {
            Some(y) => {
                if s.bc {
                    -y
                } else {
                    y
                }
            }
            None => {
                let day_for_cmp = if s.nth.is_some() || s.weekday.is_some() { 0 } else { s.day.unwrap_or(0) };
                year_for((m, day_for_cmp), now, ctx.tense, s.dir, ctx.duckling)
            }
        };
        if let (Some(w), Some(n)) = (s.weekday, s.nth) {
            let mut d = nth_weekday_of_month(y, m, w, n)?;
            if ctx.duckling && s.year.is_none() && d < now && s.dir == Dir::Bare {
                d = nth_weekday_of_month(y + 1, m, w, n)?;
            }
            r = Real::day(d);
        } else if let Some(d) = s.day {
            let dd = date(y, m, d)?;
            r = Real::day(dd);
        } else {
            r = Real::with(date(y, m, 1)?, G::Month);
        }
    } else if let (Some(w), Some(n), Some((Unit::Month, k))) = (s.weekday, s.nth, s.shift) {
        let first = add_months(now.first_of_month(), i64::from(k))?;
        r = Real::day(nth_weekday_of_month(year_of(first), first.month() as u8, w, n)?);
    } else if let Some(w) = s.weekday {
        let d = if s.day_only {
            // "Tuesday the 19th": the next such day of month that is that weekday
            let mut found = None;
            let mut cur = now.first_of_month();
            for _ in 0..28 {
                if let Some(c) = date(year_of(cur), cur.month() as u8, s.day.unwrap_or(1))
                    && wd(c) == w
                    && (c >= now || !ctx.duckling)
                {
                    found = Some(c);
                    break;
                }
                cur = add_months(cur, 1)?;
            }
            found?
        } else {
            weekday_date(w, base, ctx.tense, s.dir, ctx.duckling)?
        };
        r = Real::day(d);
    } else if let Some(d) = s.day {
        // "the 15th": this month, or next month if passed (Duckling)
        let mut c = date(year_of(now), now.month() as u8, d);
        if ctx.duckling {
            let mut cur = now.first_of_month();
            c = None;
            for _ in 0..12 {
                if let Some(x) = date(year_of(cur), cur.month() as u8, d)
                    && x >= now
                {
                    c = Some(x);
                    break;
                }
                cur = add_months(cur, 1)?;
            }
        }
        r = Real::day(c?);
    } else if let Some(y) = s.year {
        let y = if s.bc { -y } else { y };
        r = Real::with(date(y, 1, 1)?, G::Year);
    } else if s.hour.is_some() || s.pod.is_some() {
        r = Real::day(now);
    } else {
        return None;
    }
    // clock time / part of day
    if let Some(h) = s.hour {
        let mut h = h;
        let mut m = s.minute.unwrap_or(0);
        let mut d = r.date;
        if s.nth == Some(CLOCK_MIDNIGHT)
            && r.g == G::Day
            && s.shift.is_none()
            && s.weekday.is_none()
            && s.month.is_none()
            && ctx.duckling
        {
            // midnight: end of today
            d = add_days(d, 1)?;
        }
        if s.nth == Some(CLOCK_AMBIGUOUS) && h < 12 && s.pod.is_none() && ctx.duckling {
            // ambiguous 12-hour clock: the next occurrence
            let now_min = u32::from(now_dt.hour() as u8) * 60 + u32::from(now_dt.minute() as u8);
            let t = u32::from(h) * 60 + u32::from(m);
            if r.date == now && t <= now_min && t + 12 * 60 > now_min {
                h += 12;
            }
        }
        // time zone: convert to the reference offset
        if let Some(tz) = s.tz
            && !ctx.duckling
        {
            r.tz_shift = ctx.offset / 60 - tz;
        } else if let Some(tz) = s.tz {
            let local = date_time(d, h, m, s.second.unwrap_or(0))?;
            let shift = i64::from(ctx.offset / 60 - tz);
            let t = local.checked_add(Span::new().try_minutes(shift).ok()?).ok()?;
            d = t.date();
            h = t.hour() as u8;
            m = t.minute() as u8;
        }
        // Duckling: a bare time already passed today means tomorrow
        if ctx.duckling
            && s.shift.is_none()
            && s.weekday.is_none()
            && s.month.is_none()
            && s.day.is_none()
            && s.holiday.is_none()
            && s.nth != Some(CLOCK_MIDNIGHT)
            && s.nth != Some(CLOCK_NO_ROLL)
        {
            let now_min = u32::from(now_dt.hour() as u8) * 60 + u32::from(now_dt.minute() as u8);
            if d == now && u32::from(h) * 60 + u32::from(m) < now_min {
                d = add_days(d, 1)?;
            }
        }
        r.date = d;
        r.hour = h;
        r.minute = m;
        r.second = s.second.unwrap_or(0);
        r.g = if s.second.is_some() {
            G::Second
        } else if s.minute.is_some() || s.tz.is_some() {
            G::Minute
        } else {
            G::Hour
        };
    } else if let Some(p) = s.pod
        && r.g == G::Day
    {
        r.g = G::Pod(p);
    }
    Some(r)
}

fn date_time(d: Date, h: u8, m: u8, s: u8) -> Option<DateTime> {
    d.at(i8::try_from(h).ok()?, i8::try_from(m).ok()?, i8::try_from(s).ok()?, 0).checked_add(Span::new()).ok()
}

/// "the first week of October" (the week starting on the first Monday of the
/// month), "the last week of September" (the last Monday-to-Sunday week inside
/// the month), "the last weekend of July" (the weekend of the last Saturday).
fn nth_week_of(s: &Spec, n: i8, weekend: bool, now: Date, ctx: &Ctx) -> Option<Real> {
    let month = match s.month {
        Some(m) => m,
        None if n < 0 => 12,
        None => 1,
    };
    let y = match s.year {
        Some(y) => y,
        None => year_for((month, 0), now, ctx.tense, s.dir, ctx.duckling),
    };
    let first = date(y, month, 1)?;
    let last = first.last_of_month();
    let anchor_wd = if weekend { 6 } else { 1 }; // Saturday or Monday
    let d = if n > 0 {
        let delta = (i64::from(anchor_wd) - i64::from(wd(first))).rem_euclid(7);
        add_days(first, delta + 7 * (i64::from(n) - 1))?
    } else {
        // the last one that fits inside the month
        let end = if weekend { last } else { add_days(last, -6)? };
        let delta = (i64::from(wd(end)) - i64::from(anchor_wd)).rem_euclid(7);
        add_days(end, -delta - 7 * (i64::from(-n) - 1))?
    };
    if weekend { Some(Real::with(add_days(d, -1)?, G::Weekend)) } else { Some(Real::with(d, G::Week)) }
}

/// `n` calendar units as a span (`None` when out of range).
fn unit_span(u: Unit, n: i32) -> Option<Span> {
    let n = i64::from(n);
    Some(match u {
        Unit::Second => Span::new().try_seconds(n).ok()?,
        Unit::Minute => Span::new().try_minutes(n).ok()?,
        Unit::Hour => Span::new().try_hours(n).ok()?,
        Unit::Day => Span::new().try_days(n).ok()?,
        Unit::Week => Span::new().try_weeks(n).ok()?,
        Unit::Fortnight => Span::new().try_weeks(2 * n).ok()?,
        Unit::Month => Span::new().try_months(n).ok()?,
        Unit::Quarter => Span::new().try_months(3 * n).ok()?,
        Unit::Year => Span::new().try_years(n).ok()?,
        Unit::Decade => Span::new().try_years(10 * n).ok()?,
        Unit::Century => Span::new().try_years(100 * n).ok()?,
        Unit::Millennium => Span::new().try_years(1000 * n).ok()?,
    })
}

/// Move a realised point by `n` units, keeping its grain.
pub fn shift_real(r: &Real, u: Unit, n: i32) -> Option<Real> {
    let start = date_time(r.date, r.hour, r.minute, r.second)?;
    let t = start.checked_add(unit_span(u, n)?).ok()?;
    Some(Real { date: t.date(), hour: t.hour() as u8, minute: t.minute() as u8, second: t.second() as u8, ..*r })
}

/// "18th Dec for 10 days": from the point's start to start + duration, with the
/// exclusive end one grain later (Duckling's reading).
pub fn span_from(r: &Real, d: &Dur, off: i32) -> Option<Resolved> {
    let Amount::Milli(m) = d.amount else { return None };
    if m % 1000 != 0 {
        return None;
    }
    let n = i32::try_from(m / 1000).ok()?;
    let g_point = match r.g {
        G::Second => Grain::Second,
        G::Minute => Grain::Minute,
        G::Hour => Grain::Hour,
        G::Week => Grain::Week,
        G::Month => Grain::Month,
        G::Year => Grain::Year,
        _ => Grain::Day,
    };
    let g_dur = match d.unit {
        Unit::Second => Grain::Second,
        Unit::Minute => Grain::Minute,
        Unit::Hour => Grain::Hour,
        Unit::Day => Grain::Day,
        Unit::Week | Unit::Fortnight => Grain::Week,
        Unit::Month | Unit::Quarter => Grain::Month,
        _ => Grain::Year,
    };
    let g = g_point.min(g_dur);
    let start = date_time(r.date, r.hour, r.minute, r.second)?;
    let end = shift_real(r, d.unit, n)?;
    let one = match g {
        Grain::Second => Span::new().seconds(1),
        Grain::Minute => Span::new().minutes(1),
        Grain::Hour => Span::new().hours(1),
        Grain::Day => Span::new().days(1),
        Grain::Week => Span::new().weeks(1),
        Grain::Month => Span::new().months(1),
        Grain::Quarter => Span::new().months(3),
        Grain::Year => Span::new().years(1),
    };
    let to = date_time(end.date, end.hour, end.minute, end.second)?.checked_add(one).ok()?;
    Some(Resolved::Interval { from: Some(rfc3339(start, off)), to: Some(rfc3339(to, off)), grain: g })
}

/// Format a civil date-time with an offset as RFC 3339.
pub fn rfc3339(dt: DateTime, offset_secs: i32) -> String {
    let sign = if offset_secs < 0 { '-' } else { '+' };
    let off = offset_secs.unsigned_abs();
    format!(
        "{}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}",
        fmt_year(i32::from(dt.year())),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second(),
        sign,
        off / 3600,
        (off % 3600) / 60
    )
}

fn pod_hours(p: Pod) -> (u8, u8) {
    match p {
        Pod::Morning => (0, 12),
        Pod::Afternoon => (12, 19),
        Pod::Evening => (18, 24),
        Pod::Night => (18, 24),
        Pod::Daytime => (8, 19),
        Pod::Lunch => (12, 14),
    }
}

/// Duckling-style resolution of a realised point.
pub fn resolve_real(r: &Real, s: &Spec, ctx: &Ctx, mod_: Option<&str>) -> Option<Resolved> {
    let now = ctx.now?;
    let off = ctx.offset;
    let inst = |dt: DateTime, g: Grain| Resolved::Instant { value: rfc3339(dt, off), grain: g };
    let interval = |a: DateTime, b: DateTime, g: Grain| Resolved::Interval {
        from: Some(rfc3339(a, off)),
        to: Some(rfc3339(b, off)),
        grain: g,
    };
    // exact shifts: "in 2 hours", "3 days ago"
    if let (Some((u, n)), true, None) = (s.shift, s.shift_exact, ctx.prev.filter(|_| s.base == Base::Previous)) {
        let (g, trunc) = match u {
            Unit::Second | Unit::Minute => (Grain::Second, 0),
            Unit::Hour => (Grain::Minute, 1),
            Unit::Day => (Grain::Hour, 2),
            Unit::Week | Unit::Fortnight | Unit::Month => (Grain::Day, 3),
            Unit::Quarter => (Grain::Day, 3),
            _ => (Grain::Month, 4),
        };
        let t0 = match trunc {
            0 => date_time(now.date(), now.hour() as u8, now.minute() as u8, now.second() as u8)?,
            1 => date_time(now.date(), now.hour() as u8, now.minute() as u8, 0)?,
            2 => date_time(now.date(), now.hour() as u8, 0, 0)?,
            3 => date_time(now.date(), 0, 0, 0)?,
            _ => date_time(now.date().first_of_month(), 0, 0, 0)?,
        };
        let t = t0.checked_add(unit_span(u, n)?).ok()?;
        return Some(inst(t, g));
    }
    let mut start = date_time(r.date, r.hour, r.minute, r.second)?;
    if r.tz_shift != 0 {
        start = start.checked_add(Span::new().try_minutes(i64::from(r.tz_shift)).ok()?).ok()?;
    }
    let res = match r.g {
        G::Second => inst(start, Grain::Second),
        G::Minute => inst(start, Grain::Minute),
        G::Hour => inst(start, Grain::Hour),
        G::Pod(p) => {
            let (a, b) = pod_hours(p);
            let (a, b) = if mod_ == Some("END") && p == Pod::Night { (21, 24) } else { (a, b) };
            let from = date_time(r.date, a, 0, 0)?;
            let to = if b == 24 { date_time(add_days(r.date, 1)?, 0, 0, 0)? } else { date_time(r.date, b, 0, 0)? };
            interval(from, to, Grain::Hour)
        }
        G::Day => {
            match s.holiday.filter(|_| s.hour.is_none() && s.pod.is_none()).and_then(|h| holiday_span_end(h, r.date)) {
                // "Ramadan", "Lent", "Sukkot": the days of the feast
                Some(end) => interval(start, date_time(end, 0, 0, 0)?, Grain::Day),
                None => inst(start, Grain::Day),
            }
        }
        G::Week => inst(start, Grain::Week),
        G::Weekend => {
            let from = date_time(r.date, 18, 0, 0)?;
            let to = date_time(add_days(r.date, 3)?, 0, 0, 0)?;
            interval(from, to, Grain::Hour)
        }
        G::Month => inst(start, Grain::Month),
        G::Quarter => inst(start, Grain::Quarter),
        G::Year => inst(start, Grain::Year),
        G::Season(se) => {
            let y = year_of(r.date);
            let from = date_time(season_start(se, y)?, 0, 0, 0)?;
            let to = date_time(season_end(se, y)?, 0, 0, 0)?;
            interval(from, to, Grain::Day)
        }
        G::Half => {
            let to = add_months(r.date, 6)?;
            interval(start, date_time(to, 0, 0, 0)?, Grain::Month)
        }
        G::Decade | G::Century => {
            let years = if r.g == G::Decade { 10 } else { 100 };
            let to = r.date.checked_add(Span::new().try_years(years).ok()?).ok()?;
            interval(start, date_time(to, 0, 0, 0)?, Grain::Year)
        }
    };
    // "early/mid/late" and "beginning/end of"
    match (mod_, &res) {
        (Some(m @ ("START" | "END" | "MID")), _) => part_of(r, m, off).or(Some(res)),
        _ => Some(res),
    }
}

/// Duckling's "beginning of / end of / mid" a period.
fn part_of(r: &Real, m: &str, off: i32) -> Option<Resolved> {
    let g = r.g;
    let (from, to, grain) = match g {
        G::Day => match m {
            "START" => (r.date, r.date, Grain::Hour),
            _ => (r.date, add_days(r.date, 1)?, Grain::Hour),
        },
        G::Month => {
            let first = r.date.first_of_month();
            match m {
                "START" => (first, add_days(first, 10)?, Grain::Day),
                "MID" => (add_days(first, 10)?, add_days(first, 20)?, Grain::Day),
                _ => (add_days(first, 20)?, add_months(first, 1)?, Grain::Day),
            }
        }
        G::Week => match m {
            "START" => (r.date, add_days(r.date, 3)?, Grain::Day),
            "MID" => (add_days(r.date, 2)?, add_days(r.date, 5)?, Grain::Day),
            _ => (add_days(r.date, 4)?, add_days(r.date, 7)?, Grain::Day),
        },
        G::Year => match m {
            "START" => (r.date, add_months(r.date, 3)?, Grain::Month),
            "MID" => (add_months(r.date, 3)?, add_months(r.date, 9)?, Grain::Month),
            _ => (add_months(r.date, 9)?, add_months(r.date, 12)?, Grain::Month),
        },
        _ => return None,
    };
    Some(Resolved::Interval {
        from: Some(rfc3339(from.at(0, 0, 0, 0), off)),
        to: Some(rfc3339(to.at(0, 0, 0, 0), off)),
        grain,
    })
}

/// TimeML value of a duration.
pub fn duration_value(d: &Dur) -> String {
    let (letter, time) = unit_letter(d.unit);
    let Amount::Milli(m) = d.amount else {
        return format!("P{}X{}", if time { "T" } else { "" }, letter);
    };
    let (m, letter, time) = match d.unit {
        Unit::Fortnight => (m.saturating_mul(2), "W", false),
        Unit::Quarter => (m, "Q", false),
        Unit::Decade => (m.saturating_mul(10), "Y", false),
        Unit::Century => (m.saturating_mul(100), "Y", false),
        Unit::Millennium => (m.saturating_mul(1000), "Y", false),
        _ => (m, letter, time),
    };
    let whole = m / 1000;
    let frac = m % 1000;
    let mut out = String::from("P");
    if time {
        out.push('T');
    }
    if frac == 0 {
        out.push_str(&format!("{whole}{letter}"));
    } else {
        // express the fraction in the next smaller unit
        let (per, sub, sub_time) = match d.unit {
            Unit::Year | Unit::Decade | Unit::Century | Unit::Millennium => (12, "M", false),
            Unit::Month => (30, "D", false),
            Unit::Week => (7, "D", false),
            Unit::Day => (24, "H", true),
            Unit::Hour => (60, "M", true),
            Unit::Minute => (60, "S", true),
            _ => (0, "", false),
        };
        let sub_amount = frac * per;
        if per > 0 && sub_amount % 1000 == 0 {
            if whole > 0 {
                out.push_str(&format!("{whole}{letter}"));
            }
            if sub_time && !time {
                out.push('T');
            }
            out.push_str(&format!("{}{sub}", sub_amount / 1000));
        } else {
            out.push_str(&format!("{whole}.{}{letter}", format!("{frac:03}").trim_end_matches('0')));
        }
    }
    if let Some((m2, u2)) = d.extra {
        let (l2, t2) = unit_letter(u2);
        if t2 && !out.contains('T') {
            out.push('T');
        }
        out.push_str(&format!("{}{l2}", m2 / 1000));
    }
    out
}

fn unit_letter(u: Unit) -> (&'static str, bool) {
    match u {
        Unit::Second => ("S", true),
        Unit::Minute => ("M", true),
        Unit::Hour => ("H", true),
        Unit::Day => ("D", false),
        Unit::Week | Unit::Fortnight => ("W", false),
        Unit::Month => ("M", false),
        Unit::Quarter => ("Q", false),
        Unit::Year => ("Y", false),
        Unit::Decade => ("DE", false),
        Unit::Century => ("CE", false),
        Unit::Millennium => ("ML", false),
    }
}

/// TimeML value of a set.
pub fn set_value(k: &SetKind) -> String {
    match *k {
        SetKind::Every(n, u) => {
            let d = Dur { amount: Amount::Milli(n.saturating_mul(1000)), unit: u, extra: None };
            duration_value(&d)
        }
        SetKind::Weekday(w, pod) => match pod {
            Some(p) => format!("XXXX-WXX-{w}T{}", p.code()),
            None => format!("XXXX-WXX-{w}"),
        },
        SetKind::Month(m) => format!("XXXX-{m:02}"),
        SetKind::Pod(p) => format!("XXXX-XX-XXT{}", p.code()),
        SetKind::Season(s) => format!("XXXX-{}", s.code()),
    }
}

/// TimeML value for a point: realised when possible, underspecified otherwise.
pub fn point_value(s: &Spec, ctx: &Ctx) -> PointOut {
    match realize(s, ctx) {
        Some(r) => {
            let mut value = timeml(&r);
            if s.bc && r.g == G::Year {
                value = fmt_year(year_of(r.date));
            }
            PointOut { value, real: Some(r), anchored_prev: s.base == Base::Previous && ctx.prev.is_some() }
        }
        None => PointOut { value: underspecified(s), real: None, anchored_prev: false },
    }
}
