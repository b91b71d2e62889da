//! The semantic representation the grammar produces, before normalisation.

use crate::lexicon::{Pod, Season, Unit};

/// Direction for names that recur (weekdays, months, seasons, holidays).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Dir {
    /// Bare name: the sentence's tense decides (TimeML), Duckling picks the next one.
    #[default]
    Bare,
    Last,
    Next,
    This,
    /// "the previous Friday", "the following Monday": relative to the anchor.
    AnchorLast,
    AnchorNext,
    /// "this coming Sunday", "the upcoming Friday": the next occurrence after
    /// the reference.
    Coming,
}

/// Sub-year periods.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Sub {
    #[default]
    None,
    /// Quarter 1..=4, 0 = unknown quarter ("the quarter").
    Quarter(u8),
    /// Half 1..=2.
    Half(u8),
    Season(Season),
    Weekend,
}

/// What a relative expression is counted from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Base {
    /// The reference (publication) time.
    #[default]
    Reference,
    /// The previous timex in the text ("a year earlier", "the following day").
    Previous,
}

/// A calendar specification: absolute fields plus an optional shift from a base.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Spec {
    pub year: Option<i32>,
    /// Year given with two digits ("'98", "3/3/15").
    pub month: Option<u8>,
    pub day: Option<u8>,
    pub weekday: Option<u8>,
    pub sub: Sub,
    /// Decade as its first three digits (199 = the 1990s).
    pub decade: Option<i32>,
    /// Century as its first two digits (19 = the 20th century).
    pub century: Option<i32>,
    pub hour: Option<u8>,
    pub minute: Option<u8>,
    pub second: Option<u8>,
    pub pod: Option<Pod>,
    /// Time zone offset in minutes east of UTC.
    pub tz: Option<i32>,
    /// Shift from the base by this many units; the unit is also the granularity.
    pub shift: Option<(Unit, i32)>,
    /// Shift is "N units ago / in N units" (Duckling grain is one finer).
    pub shift_exact: bool,
    /// Shift counted in weekday occurrences ("two sundays from now").
    pub base: Base,
    pub dir: Dir,
    pub holiday: Option<u16>,
    /// Nth weekday of a month / year ("first Monday of March"); -1 = last.
    pub nth: Option<i8>,
    /// "the 15th" with no month.
    pub day_only: bool,
    pub fiscal: bool,
    pub bc: bool,
    /// "the first week of October", "the second last week of 2018", "the last
    /// weekend of July": (n, weekend); n < 0 counts from the end.
    pub nth_week: Option<(i8, bool)>,
}

impl Spec {
    pub fn has_time(&self) -> bool {
        self.hour.is_some()
    }
}

/// Markers kept in `Spec::nth` for clock times (an `nth` weekday count is
/// always in -5..=5, so these never collide with it).
/// "midnight": Duckling reads it as the start of the next day.
pub const CLOCK_MIDNIGHT: i8 = 99;
/// A 12-hour clock time without am/pm ("at 7", "eight o'clock").
pub const CLOCK_AMBIGUOUS: i8 = 98;
/// One end of a clock range: stays on the same day (no "already passed" roll-over).
pub const CLOCK_NO_ROLL: i8 = 97;

/// A duration amount.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Amount {
    /// Known amount in thousandths (2.5 = 2500) so halves and quarters stay exact.
    Milli(u64),
    /// "several", "a few", "recent": unknown amount.
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dur {
    pub amount: Amount,
    pub unit: Unit,
    /// Extra minutes/seconds parts ("a minute and a half", "2 hours 30 minutes").
    pub extra: Option<(u64, Unit)>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SetKind {
    /// Every unit (P1D) or every N units.
    Every(u64, Unit),
    /// Every named weekday (with optional part of day).
    Weekday(u8, Option<Pod>),
    Month(u8),
    Pod(Pod),
    Season(Season),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Expr {
    Point(Spec),
    Duration(Dur),
    Set(SetKind),
    /// PRESENT_REF / PAST_REF / FUTURE_REF.
    Ref(&'static str),
    /// A closed interval "from X to Y"; the two ends and whether `to` is inclusive
    /// (Duckling: "until" is exclusive, "to"/"through"/"-" are inclusive).
    Range(Spec, Spec),
    /// A point moved by a number of units, keeping its grain: "a year after
    /// Christmas", "15 minutes from 1pm", "March in a year", "Friday after next".
    Offset(Spec, Unit, i32),
    /// A start and a length: "18th Dec for 10 days", "from 4pm for 30 minutes".
    SpanFrom(Spec, Dur),
}

/// A grammar match over tokens [start_tok, end_tok).
#[derive(Clone, Copy, Debug)]
pub struct Cand {
    pub end: usize,
    pub expr: Expr,
    pub mod_: Option<&'static str>,
}
