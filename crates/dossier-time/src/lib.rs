//! dossier-time: find, normalise and reason about time expressions.
//!
//! * [`TimeTagger::tag`] finds TIMEX3 expressions (DATE, TIME, DURATION, SET)
//!   in English text and gives each a TimeML value; with a [`Reference`]
//!   (publication time) relative expressions are resolved and get a
//!   Duckling-style [`Resolved`] reading.
//! * [`resolve_phrase`] reads one whole phrase (the `dossier time` command).
//! * [`check_consistency`] flags weekday/date conflicts and future dates told
//!   in the past tense.
//! * [`eval`] reproduces the reference scorers.
//!
//! All offsets are UTF-8 byte offsets into the text passed in.

mod calendars;
mod consistency;
pub mod eval;
mod expr;
mod grammar;
mod lexicon;
mod normalize;
mod token;

use jiff::civil::DateTime;
use serde::{Serialize, Serializer};

pub use consistency::{TimeWarning, check_consistency};

/// The value of an English number word (`five`, `twenty`, `dozen`), lower case; the
/// vocabulary the time tagger reads counts with, shared with other crates that read counts.
pub fn number_word(word: &str) -> Option<u32> {
    lexicon::NUMBERS.iter().find(|(w, _)| *w == word).map(|&(_, v)| v)
}

/// The number (1-12) of an English month name or abbreviation (`october`, `oct`, `sept`),
/// lower case, without the abbreviation's full stop; the time tagger's own month table.
pub fn month_number(word: &str) -> Option<u8> {
    lexicon::MONTHS.iter().find(|(w, _, _)| *w == word).map(|&(_, m, _)| m)
}

/// Whether an English word (lower case) names a time or a stretch of it: a weekday, month,
/// season, part of the day, calendar unit or `weekend` (`friday`, `october`, `mornings`,
/// `years`), from the time tagger's own tables.
pub fn is_time_word(word: &str) -> bool {
    lexicon::WEEKDAYS.iter().any(|(w, _, _)| *w == word)
        || lexicon::MONTHS.iter().any(|(w, _, _)| *w == word)
        || lexicon::SEASONS.iter().any(|(w, _, _)| *w == word)
        || lexicon::PODS.iter().any(|(w, _, _)| *w == word)
        || lexicon::UNITS.iter().any(|(w, _, _)| *w == word)
        || lexicon::KEYWORDS.iter().any(|(w, k)| *w == word && matches!(k, Kw::Weekend))
}

use expr::{CLOCK_AMBIGUOUS, CLOCK_NO_ROLL, Cand, Dir, Expr, Spec};
use grammar::P;
use lexicon::{Kw, Lex, Lexicon, Unit};
use normalize::{Ctx, G, Real, Tense};
use token::{TokKind, Token, tokenize};

/// TIMEX3 type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

impl Serialize for TimexType {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// What a relative value was resolved against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The reference (publication) time.
    Published,
    /// Another timex: index into the returned vector.
    Timex(usize),
}

impl Serialize for Anchor {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Anchor::Published => s.serialize_str("published"),
            Anchor::Timex(i) => s.serialize_str(&format!("t{}", i + 1)),
        }
    }
}

/// Duckling grains.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Grain {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl Grain {
    pub fn as_str(self) -> &'static str {
        match self {
            Grain::Second => "second",
            Grain::Minute => "minute",
            Grain::Hour => "hour",
            Grain::Day => "day",
            Grain::Week => "week",
            Grain::Month => "month",
            Grain::Quarter => "quarter",
            Grain::Year => "year",
        }
    }
}

impl Serialize for Grain {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A concrete reading (Duckling conventions: an instant is the start of its
/// grain; interval ends are exclusive).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Resolved {
    Instant { value: String, grain: Grain },
    Interval { from: Option<String>, to: Option<String>, grain: Grain },
}

/// One time expression.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Timex {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// TimeML TIMEX3 value.
    pub value: String,
    pub anchor: Option<Anchor>,
    pub resolved: Option<Resolved>,
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub mod_: Option<String>,
}

/// Errors for a bad reference time.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ReferenceError {
    #[error("unknown date format {0:?}: expected YYYY-MM-DD or RFC 3339 (YYYY-MM-DDTHH:MM:SS[.fff]±HH:MM)")]
    Format(String),
    #[error("invalid date {0:?}: {1}")]
    Invalid(String, String),
}

/// The reference ("now") for relative expressions: a civil date-time and the
/// UTC offset it is expressed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reference {
    datetime: DateTime,
    offset_seconds: i32,
}

impl Reference {
    /// Parse "YYYY-MM-DD" (midnight, UTC) or RFC 3339
    /// ("2013-02-12T04:30:00.000-02:00"; "Z" allowed; no offset = UTC).
    pub fn parse(s: &str) -> Result<Self, ReferenceError> {
        let t = s.trim();
        let bad = || ReferenceError::Format(s.to_string());
        if t.len() < 10 || !t.is_char_boundary(10) {
            return Err(bad());
        }
        let (date_part, rest) = t.split_at(10);
        let b = date_part.as_bytes();
        if !(b[4] == b'-' && b[7] == b'-' && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit()))
        {
            return Err(bad());
        }
        let date: jiff::civil::Date =
            date_part.parse().map_err(|e: jiff::Error| ReferenceError::Invalid(s.to_string(), e.to_string()))?;
        if rest.is_empty() {
            return Ok(Reference { datetime: date.at(0, 0, 0, 0), offset_seconds: 0 });
        }
        let rest = rest.strip_prefix(['T', 't', ' ']).ok_or_else(bad)?;
        // split off the offset
        let (time_part, off) = if let Some(x) = rest.strip_suffix(['Z', 'z']) {
            (x, 0)
        } else if let Some(pos) = rest.rfind(['+', '-']) {
            let (tp, op) = rest.split_at(pos);
            let sign = if op.starts_with('-') { -1 } else { 1 };
            let digits: String = op[1..].chars().filter(|c| *c != ':').collect();
            if digits.len() != 4 || !digits.bytes().all(|c| c.is_ascii_digit()) {
                return Err(bad());
            }
            let h: i32 = digits[..2].parse().map_err(|_| bad())?;
            let m: i32 = digits[2..].parse().map_err(|_| bad())?;
            if h > 18 || m > 59 {
                return Err(bad());
            }
            (tp, sign * (h * 3600 + m * 60))
        } else {
            (rest, 0)
        };
        let time: jiff::civil::Time =
            time_part.parse().map_err(|e: jiff::Error| ReferenceError::Invalid(s.to_string(), e.to_string()))?;
        Ok(Reference { datetime: date.to_datetime(time), offset_seconds: off })
    }

    /// From a civil date-time and an offset in seconds east of UTC.
    pub fn from_datetime(datetime: DateTime, offset_seconds: i32) -> Self {
        Reference { datetime, offset_seconds }
    }

    pub fn datetime(&self) -> DateTime {
        self.datetime
    }

    pub fn offset_seconds(&self) -> i32 {
        self.offset_seconds
    }

    /// The reference as RFC 3339.
    pub fn to_rfc3339(&self) -> String {
        normalize::rfc3339(self.datetime, self.offset_seconds)
    }
}

impl std::str::FromStr for Reference {
    type Err = ReferenceError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Reference::parse(s)
    }
}

/// The tagger: tables compiled once, then shared (Send + Sync).
pub struct TimeTagger {
    lexicon: Lexicon,
}

impl Default for TimeTagger {
    fn default() -> Self {
        Self::new()
    }
}

/// Nouns (and adjectives before them) after "today's" that make it the
/// present age rather than the day: "today's world", "today's youth",
/// "today's personal computers".
const TODAY_GENERIC: &[&str] = &[
    "world",
    "youth",
    "young",
    "youngsters",
    "children",
    "kids",
    "teens",
    "teenagers",
    "students",
    "pupils",
    "generation",
    "generations",
    "society",
    "modern",
    "personal",
    "standards",
    "technology",
    "culture",
    "families",
    "parents",
    "women",
    "men",
    "people",
    "consumers",
    "workers",
    "economy",
    "politics",
    "music",
    "art",
    "science",
    "medicine",
];

/// Present-tense verbs of scheduled events ("meet Monday", "opens Tuesday");
/// not "open"/"start", as often an adjective or a noun ("were open Monday",
/// "a strong start Monday").
const SCHEDULE_VERBS: &[&str] = &[
    "meet", "meets", "begin", "begins", "opens", "starts", "resume", "resumes", "arrive", "arrives", "leave", "leaves",
    "return", "returns", "vote", "votes", "travel", "travels", "expire", "expires", "convene", "convenes",
];

const PAST_WORDS: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "said",
    "told",
    "announced",
    "reported",
    "came",
    "went",
    "took",
    "made",
    "met",
    "rose",
    "fell",
    "gave",
    "left",
    "began",
    "won",
    "lost",
    "sold",
    "bought",
    "paid",
    "hit",
    "got",
    "saw",
    "ago",
    "spent",
    "struck",
    "held",
    "sent",
    "became",
    "broke",
    "ran",
    "wrote",
    "spoke",
    "led",
    "closed",
    "ended",
    "earned",
    "posted",
    // irregular past forms
    "brought",
    "thought",
    "fought",
    "sought",
    "taught",
    "caught",
    "found",
    "kept",
    "felt",
    "stood",
    "grew",
    "knew",
    "threw",
    "drew",
    "flew",
    "chose",
    "drove",
    "built",
    "lent",
    "meant",
    "shot",
    "fled",
    "hid",
    "swept",
    "slid",
    "sank",
    "shook",
    "stole",
    "wore",
    "since",
    "arrested",
];
/// Past forms of verbs that move an event later ("postponed until Monday").
const DEFERRAL_VERBS: &[&str] = &[
    "postponed",
    "delayed",
    "deferred",
    "adjourned",
    "extended",
    "suspended",
    "recessed",
    "rescheduled",
    "pushed",
    "put",
];

const FUTURE_WORDS: &[&str] = &[
    "will",
    "would",
    "shall",
    "ll",
    "tomorrow",
    "next",
    "scheduled",
    "upcoming",
    "plans",
    "plan",
    "planned",
    "until",
    "expected",
    "planning",
    "soon",
];

impl TimeTagger {
    pub fn new() -> Self {
        TimeTagger { lexicon: Lexicon::new() }
    }

    /// Find and normalise the time expressions of `text`.  Without a reference,
    /// relative expressions keep underspecified values and `resolved` is None.
    pub fn tag(&self, text: &str, reference: Option<&Reference>) -> Vec<Timex> {
        self.run(text, reference, false, PhraseOptions::default())
    }

    fn run(&self, text: &str, reference: Option<&Reference>, phrase: bool, opts: PhraseOptions<'_>) -> Vec<Timex> {
        let lower = text.to_ascii_lowercase();
        let mut toks: Vec<Token> = Vec::with_capacity(text.len() / 5 + 1);
        tokenize(text, &lower, &self.lexicon, &mut toks);
        let p = P { t: &toks, lower: &lower, lx: &self.lexicon, phrase, locale: opts.locale, latent: opts.latent };
        let mut out: Vec<Timex> = Vec::new();
        let mut prev: Option<(Real, usize)> = None;
        let mut last_quarter: Option<Real> = None;
        let mut i = 0;
        while i < toks.len() {
            // "February 31, 2021": an impossible date is skipped whole, not
            // tagged as its month and year
            if let Some(k) = p.invalid_date_end(i)
                && k > i
            {
                i = k;
                continue;
            }
            let Some(c) = p.parse_at(i) else {
                // "the day before the visit", "the day after his death"
                if !phrase && let Some((tx, k, real)) = anchored_day(&toks, &lower, &p, i, prev, reference, &out) {
                    // the anchored date is now the most recent dated point
                    prev = Some((real, out.len()));
                    out.push(tx);
                    i = k;
                    continue;
                }
                i += 1;
                continue;
            };
            if c.end <= i || c.end > toks.len() {
                i += 1;
                continue;
            }
            if !phrase && !self.accept(&p, &toks, i, &c) {
                i += 1;
                continue;
            }
            // "that day" after a year or a month ("stocks fell in 1987 ... the
            // trades made that day"): the day of an undated event, not a day of
            // the previous timex
            if !phrase
                && let Expr::Point(s) = c.expr
                && s.base == expr::Base::Previous
                && s.shift == Some((Unit::Day, 0))
                && prev.is_some_and(|(r, _)| !matches!(r.g, G::Second | G::Minute | G::Hour | G::Pod(_) | G::Day))
            {
                i = c.end;
                continue;
            }
            let start = toks[i].start;
            let end = toks[c.end - 1].end;
            // "at 10:35 a.m. (0735 GMT) Friday", "at 4 in the morning (4 a.m.
            // Thursday)": a bare clock time takes the day named in or right
            // after the parenthesis that follows it
            let mut c = c;
            if !phrase
                && let Expr::Point(s) = c.expr
                && let Some(w) = paren_weekday(&toks, c.end)
                && s.has_time()
                && s.day.is_none()
                && s.weekday.is_none()
                && s.month.is_none()
                && s.shift.is_none()
                && s.holiday.is_none()
            {
                c.expr = Expr::Point(Spec { weekday: Some(w), ..s });
            }
            let mut tense = if needs_tense(&c.expr) { tense_at(&toks, &lower, i, c.end) } else { Tense::Unknown };
            // "Wednesday's ruling", "Friday's close": a possessive weekday names an
            // event already known, on or before the reference, whatever the clause
            // ("they would look for ways around Wednesday's ruling")
            if !phrase
                && matches!(c.expr, Expr::Point(s) if s.weekday.is_some() && s.dir == Dir::Bare && !s.has_time())
                && toks.get(c.end).is_some_and(|t| t.is_punct(b'\''))
                && word_at(&toks, &lower, c.end + 1) == Some("s")
            {
                tense = Tense::Past;
            }
            let ctx = Ctx {
                now: reference.map(|r| r.datetime),
                offset: reference.map_or(0, |r| r.offset_seconds),
                tense,
                prev: prev.map(|(r, _)| r),
                duckling: phrase,
                last_quarter,
            };
            let idx = out.len();
            let (mut tx, mut real) = build(start, end, &c, &ctx, prev.map(|(_, k)| k), reference.is_some());
            // "as Easter week began": the (ISO) week that holds the holiday
            if !phrase
                && let Expr::Point(s) = c.expr
                && s.holiday.is_some()
                && !s.has_time()
                && word_at(&toks, &lower, c.end) == Some("week")
                && toks[c.end].space_before
                && let Some(r) = real
                && r.g == G::Day
                && let Some(w) = normalize::week_of(&r)
            {
                tx.end = toks[c.end].end;
                tx.value = normalize::timeml(&w);
                tx.resolved = normalize::resolve_real(&w, &s, &ctx, c.mod_);
                real = Some(w);
                c.end += 1;
            }
            // "a hearing the week of March 6": the (ISO) week that holds the day
            if !phrase
                && i >= 3
                && let Expr::Point(s) = c.expr
                && s.day.is_some()
                && s.month.is_some()
                && !s.has_time()
                && s.weekday.is_none()
                && word_at(&toks, &lower, i - 3) == Some("the")
                && word_at(&toks, &lower, i - 2) == Some("week")
                && word_at(&toks, &lower, i - 1) == Some("of")
                && out.last().is_none_or(|t| t.end <= toks[i - 3].start)
                && let Some(r) = real
                && r.g == G::Day
                && let Some(w) = normalize::week_of(&r)
            {
                tx.start = toks[i - 3].start;
                tx.value = normalize::timeml(&w);
                tx.resolved = normalize::resolve_real(&w, &s, &ctx, c.mod_);
                real = Some(w);
            }
            // "Islam will one day be ...", "she could one day lead": an indefinite
            // future (TimeML FUTURE_REF), not a one-day duration
            if !phrase
                && c.end == i + 2
                && matches!(c.expr, Expr::Duration(d) if d.unit == Unit::Day && d.amount == expr::Amount::Milli(1000))
                && word_at(&toks, &lower, i) == Some("one")
                && i > 0
                && matches!(
                    word_at(&toks, &lower, i - 1),
                    Some("will" | "would" | "could" | "may" | "might" | "can" | "shall" | "should" | "ll")
                )
            {
                tx.kind = TimexType::Date;
                tx.value = "FUTURE_REF".into();
                tx.resolved = None;
                tx.anchor = None;
            }
            // event-anchored: "two days later", "three days after the meeting"
            if !phrase
                && c.mod_.is_none()
                && let Expr::Duration(d) = c.expr
                && let Some(a) = anchored_shift(&toks, &lower, &p, c.end, &d, prev, reference)
            {
                tx = Timex { kind: TimexType::Date, value: a.0, anchor: Some(Anchor::Timex(a.1)), resolved: a.2, ..tx };
                real = Some(a.3);
            }
            if let Some(r) = real {
                let is_prev_relative = matches!(c.expr, Expr::Point(s) if s.base == expr::Base::Previous);
                if !matches!(r.g, G::Decade | G::Century) && !is_prev_relative {
                    prev = Some((r, idx));
                }
                // a named quarter that is over by the reference ("the third quarter" in October)
                let completed = reference.is_none_or(|rf| {
                    let d = rf.datetime.date();
                    let cur_q_start = (i32::from(d.year()), (d.month() as u8 - 1) / 3);
                    (i32::from(r.date.year()), (r.date.month() as u8 - 1) / 3) < cur_q_start
                });
                // once the quarter just ended has been named it stays the one under
                // discussion: "third-quarter net rose ... after a flat second quarter
                // ... the year-earlier period" compares the third quarters
                let latest = |q: &Real| {
                    reference.is_some_and(|rf| {
                        let d = rf.datetime.date();
                        let cur = i32::from(d.year()) * 4 + i32::from((d.month() as u8 - 1) / 3);
                        i32::from(q.date.year()) * 4 + i32::from(q.part) - 1 == cur - 1
                    })
                };
                if r.g == G::Quarter
                    && r.part > 0
                    && (completed || tense == Tense::Past)
                    && !last_quarter.as_ref().is_some_and(latest)
                    && matches!(c.expr, Expr::Point(s) if matches!(s.shift, None | Some((Unit::Year, 0))) && matches!(s.sub, expr::Sub::Quarter(q) if q > 0))
                {
                    last_quarter = Some(r);
                }
            }
            out.push(tx);
            i = c.end;
            // "April 24 and 25", "on May 3 or 4": the second day is a date of
            // the same month (TimeML tags it on its own)
            if !phrase
                && let Expr::Point(s) = c.expr
                && let (Some(m), Some(_)) = (s.month, s.day)
                && !s.has_time()
                && s.weekday.is_none()
                && s.shift.is_none()
                && matches!(word_at(&toks, &lower, i), Some("and" | "or"))
                && let Some(nt) = toks.get(i + 1)
                && nt.kind == TokKind::Num
                && nt.len() <= 2
                && (1..=u32::from(grammar::max_day(m))).contains(&nt.num)
                && toks.get(i + 2).is_none_or(|t| {
                    matches!(t.kind, TokKind::Punct(b'.' | b',' | b';' | b')' | b':')) || matches!(t.lex, Lex::Kw(_))
                })
            {
                let s2 = Spec { day: u8::try_from(nt.num).ok(), ..s };
                let c2 = Cand { end: i + 2, expr: Expr::Point(s2), mod_: None };
                let (tx2, _) = build(nt.start, nt.end, &c2, &ctx, prev.map(|(_, k)| k), reference.is_some());
                out.push(tx2);
                i += 2;
            }
        }
        out
    }

    /// Filters for running text that need the match in context.
    fn accept(&self, p: &P, toks: &[Token], i: usize, c: &Cand) -> bool {
        let n = c.end - i;
        let first = &toks[i];
        // "a last-minute deal": the hyphenated adjective means "late", not a minute
        if (i..c.end).any(|k| {
            word_at(toks, p.lower, k) == Some("last")
                && toks.get(k + 1).is_some_and(|t| t.is_punct(b'-') && !t.space_before)
                && toks.get(k + 2).is_some_and(|t| !t.space_before)
                && word_at(toks, p.lower, k + 2) == Some("minute")
        }) {
            return false;
        }
        match c.expr {
            // "today's world", "today's youth", "the people of tomorrow": the
            // present or future in general, not a date (TimeBank leaves these
            // out); "tomorrow's vote", "yesterday's meeting", "today's
            // editions" are dates
            Expr::Point(s)
                if n == 1
                    && matches!(s.shift, Some((Unit::Day, -1..=1)))
                    && s.pod.is_none()
                    && first.kind == TokKind::Word
                    && ((word_at(toks, p.lower, i) == Some("today")
                        && toks.get(i + 1).is_some_and(|t| t.is_punct(b'\''))
                        && word_at(toks, p.lower, i + 2) == Some("s")
                        && toks.get(i + 3).is_some_and(|t| t.kind == TokKind::Word && !t.capital)
                        && word_at(toks, p.lower, i + 3).is_some_and(|w| TODAY_GENERIC.contains(&w)))
                        || (i > 0
                            && word_at(toks, p.lower, i - 1) == Some("of")
                            && word_at(toks, p.lower, i) == Some("tomorrow"))) =>
            {
                false
            }
            // "high noon": an idiom (and the film), not a clock time
            Expr::Point(s)
                if s.has_time()
                    && n == 1
                    && i > 0
                    && word_at(toks, p.lower, i - 1) == Some("high")
                    && word_at(toks, p.lower, i) == Some("noon") =>
            {
                false
            }
            // a title in running text: ABC's "This Week", "Next Year in Havana"
            Expr::Point(s)
                if n == 2
                    && s.shift.is_some()
                    && i > 0
                    && !matches!(toks[i - 1].kind, TokKind::Punct(b'.' | b'!' | b'?'))
                    && !first.newline_before
                    && first.capital
                    && toks[i + 1].capital
                    && !toks[i + 1].all_caps
                    && toks[i + 1].kind == TokKind::Word =>
            {
                false
            }
            Expr::Point(s) => {
                // a bare year: not in "1990 people"? keep; but not a street number,
                // and not part of a list of numbers
                if n == 1 && first.kind == TokKind::Num && s.year.is_some() {
                    let next_num = toks.get(i + 1).is_some_and(|t| t.kind == TokKind::Num);
                    let prev_num = i > 0 && toks[i - 1].kind == TokKind::Num;
                    if next_num || prev_num {
                        return false;
                    }
                    if let Some(nt) = toks.get(i + 1)
                        && let Lex::Unit(..) = nt.lex
                    {
                        return false;
                    }
                    // "2000 kilograms", "1500 troops": a count, unless a temporal
                    // preposition announces a year ("in 2000 prices fell")
                    let prev_cue = i > 0
                        && matches!(
                            toks[i - 1].lex,
                            Lex::Kw(
                                Kw::In
                                    | Kw::Since
                                    | Kw::Until
                                    | Kw::Of
                                    | Kw::From
                                    | Kw::By
                                    | Kw::Before
                                    | Kw::After
                                    | Kw::Through
                                    | Kw::Early
                                    | Kw::Late
                                    | Kw::Mid
                                    | Kw::Fiscal
                            )
                        );
                    // "the 1987 crash", "its 1990 invasion", "a 1996 law": a year as modifier
                    let det = i > 0
                        && toks[i - 1].kind == TokKind::Word
                        && (matches!(
                            p.lower.get(toks[i - 1].start..toks[i - 1].end),
                            Some(
                                "the"
                                    | "a"
                                    | "an"
                                    | "its"
                                    | "his"
                                    | "her"
                                    | "their"
                                    | "our"
                                    | "that"
                                    | "this"
                                    | "is"
                                    | "was"
                            )
                        ) || (p.lower.get(toks[i - 1].start..toks[i - 1].end) == Some("s")
                            && i > 1
                            && toks[i - 2].is_punct(b'\'')));
                    if let Some(nt) = toks.get(i + 1)
                        && nt.kind == TokKind::Word
                        && !nt.capital
                        && !prev_cue
                        && !det
                        && !matches!(nt.lex, Lex::Kw(_))
                    {
                        return false;
                    }
                }
                true
            }
            Expr::Duration(d) => {
                // "a second" / "one second" followed by a noun: ordinal reading
                if d.unit == Unit::Second
                    && n <= 2
                    && let Some(t) = toks.get(c.end)
                    && t.kind == TokKind::Word
                    && t.space_before
                {
                    return false;
                }
                // "a day" alone is too vague unless part of a larger phrase
                true
            }
            _ => true,
        }
    }
}

/// The weekday named inside a parenthesis that starts at token `k`, or right
/// after its closing bracket ("(0735 GMT) Friday", "(4 a.m. EDT Thursday)").
fn paren_weekday(toks: &[Token], k: usize) -> Option<u8> {
    // "a.m" + "." when the span stops before the abbreviation's dot
    let k = if toks.get(k)?.is_punct(b'.') { k + 1 } else { k };
    if !toks.get(k)?.is_punct(b'(') {
        return None;
    }
    let close = (k + 1..toks.len().min(k + 10)).find(|&j| toks[j].is_punct(b')'))?;
    (k + 1..=close + 1).filter_map(|j| toks.get(j)).find_map(|t| match t.lex {
        Lex::Weekday(w, false) if t.capital => Some(w),
        _ => None,
    })
}

fn needs_tense(e: &Expr) -> bool {
    match e {
        Expr::Point(s) => {
            (s.sub == expr::Sub::Weekend && s.shift == Some((Unit::Week, 0)))
                || s.dir == Dir::Bare
                    && s.year.is_none()
                    && s.shift.is_none()
                    && (s.weekday.is_some()
                        || s.month.is_some()
                        || s.holiday.is_some()
                        || matches!(s.sub, expr::Sub::Season(_) | expr::Sub::Quarter(_)))
        }
        _ => false,
    }
}

/// Tense of the clause around tokens [s, e): the nearest tense marker before
/// the expression (within the sentence), else the nearest after it.
fn tense_at(toks: &[Token], lower: &str, s: usize, e: usize) -> Tense {
    let classify = |k: usize| -> Option<Tense> {
        let t = &toks[k];
        if t.kind != TokKind::Word {
            return None;
        }
        let w = lower.get(t.start..t.end)?;
        // "set to resume Monday", "is to meet Tuesday": a
        // scheduled event
        if matches!(w, "set" | "is" | "are") && word_at(toks, lower, k + 1) == Some("to") {
            return Some(Tense::Future);
        }
        // "a record set on Aug. 6": the participle of a past event ("set to"
        // and "set for" schedule one)
        if w == "set" && k + 2 == s && matches!(word_at(toks, lower, k + 1), Some("on" | "in")) {
            return Some(Tense::Past);
        }
        // "as early as Tuesday", "as soon as Friday": a date still ahead
        if matches!(w, "early" | "soon")
            && k > 0
            && k + 2 == s
            && word_at(toks, lower, k - 1) == Some("as")
            && word_at(toks, lower, k + 1) == Some("as")
        {
            return Some(Tense::Future);
        }
        // "the fiscal year ended Jan. 31", "the quarter ended on Sept. 30":
        // a period that is over
        if w == "ended" && (k + 1 == s || (k + 2 == s && word_at(toks, lower, k + 1) == Some("on"))) {
            return Some(Tense::Ended);
        }
        // "ahead of the weekend": a time still to come
        if w == "ahead" && k + 2 == s && word_at(toks, lower, k + 1) == Some("of") {
            return Some(Tense::Future);
        }
        // "lower-than-expected earnings": an adjective, no tense
        if w == "expected" && t.start > 0 && lower.as_bytes().get(t.start - 1) == Some(&b'-') {
            return None;
        }
        // a participle after "be"/"been" ("will be held", "could be located",
        // "had been scheduled") carries no tense; the auxiliary before it decides
        let after_be = k > 0 && matches!(word_at(toks, lower, k - 1), Some("be" | "been"));
        if after_be && matches!(w, "scheduled" | "expected") {
            return None;
        }
        // "as (previously) planned", "had planned": the plan is the past, not the date
        if w == "planned"
            && k > 0
            && matches!(word_at(toks, lower, k - 1), Some("as" | "previously" | "originally" | "had" | "been"))
        {
            return None;
        }
        // "plans to visit" is a verb; "set aside vacation plans" a noun
        if matches!(w, "plan" | "plans") && word_at(toks, lower, k + 1) != Some("to") {
            return None;
        }
        // "Arafat and Netanyahu meet separately Monday", "the session opens on
        // Tuesday": a present-tense verb of a scheduled event right before the
        // date (news reports use it for what is still ahead)
        if !t.capital
            && SCHEDULE_VERBS.contains(&w)
            // not an infinitive ("due to expire Friday") nor a noun ("its
            // return Monday")
            && (k == 0
                || !word_at(toks, lower, k - 1).is_some_and(|x| {
                    matches!(x, "to" | "the" | "a" | "an" | "its" | "his" | "her" | "their" | "our" | "my" | "your")
                }))
            && (k + 1 == s
                || (k + 2 == s
                    && word_at(toks, lower, k + 1).is_some_and(|x| x == "on" || (x.len() > 4 && x.ends_with("ly")))))
        {
            return Some(Tense::Future);
        }
        if FUTURE_WORDS.contains(&w) || (!t.capital && matches!(w, "may" | "might" | "should")) {
            return Some(Tense::Future);
        }
        // "-ed" marks a past verb only on a lower-case word or at the start of
        // a sentence: "the United States", "Red Cross" are names
        let sentence_start = k == 0
            || t.newline_before
            || matches!(toks[k - 1].kind, TokKind::Punct(b'.' | b'!' | b'?' | b';' | b'"' | b'\''));
        // "an unspecified date", "undisclosed terms": adjectives
        let ed_verb =
            w.len() > 4 && w.ends_with("ed") && !(w.starts_with("un") && w.len() > 8) && (!t.capital || sentence_start);
        if (PAST_WORDS.contains(&w) || ed_verb) && after_be {
            return None;
        }
        if PAST_WORDS.contains(&w) || ed_verb {
            return Some(Tense::Past);
        }
        if matches!(w, "is" | "are" | "am") {
            return Some(Tense::Present);
        }
        None
    };
    let boundary = |k: usize| {
        let t = &toks[k];
        match t.kind {
            TokKind::Punct(b'.') => !abbreviation_dot(toks, lower, k),
            TokKind::Punct(b'!' | b'?' | b';') => true,
            _ => t.newline_before,
        }
    };
    // backwards within the clause: the nearest tense marker wins ("will be
    // held on Friday", "said it would close on Monday", "would appeal the
    // decision, announced Wednesday")
    let mut k = s;
    let mut steps = 0;
    let mut detached = false;
    let mut until = false;
    // the expression opens its sentence ("In January, a week after ..., a
    // bombing killed ..."): the main clause follows, however long the
    // introduction
    let opens_at =
        |j: usize| j == 0 || (boundary(j - 1) && toks[j - 1].kind != TokKind::Word) || toks[j].newline_before;
    let opens_sentence = opens_at(s)
        || (s > 0
            && opens_at(s - 1)
            && matches!(
                word_at(toks, lower, s - 1),
                Some(
                    "in" | "on" | "at" | "by" | "since" | "during" | "until" | "after" | "before" | "from" | "through"
                )
            ));
    // the clause after the expression: its first tense cue, if any
    let forward = |reach: usize| -> Option<Tense> {
        let mut k = e;
        let mut steps = 0;
        while k < toks.len() && steps < reach {
            if boundary(k) {
                break;
            }
            // after the expression, "planned" reports the planning: "On Friday, the
            // government planned to pay ..."
            if word_at(toks, lower, k) == Some("planned") {
                return Some(Tense::Past);
            }
            if let Some(x) = classify(k)
                && x != Tense::Present
            {
                return Some(x);
            }
            k += 1;
            steps += 1;
        }
        None
    };
    while k > 0 && steps < 16 {
        k -= 1;
        steps += 1;
        let t = &toks[k];
        if boundary(k) && t.kind != TokKind::Word {
            break;
        }
        // "until Friday" bounds a state whose own tense decides ("remained in
        // custody until Friday", "until Thursday they had not ..."); with no
        // other cue it points ahead
        if word_at(toks, lower, k) == Some("until") {
            until = true;
            continue;
        }
        match classify(k) {
            // "a service planned for Saturday was cancelled": a participle
            // whose noun phrase is the subject of a past verb right after it
            Some(Tense::Future) if word_at(toks, lower, k) == Some("planned") && forward(1) == Some(Tense::Past) => {
                return Tense::Past;
            }
            Some(Tense::Future) => return Tense::Future,
            // a past verb that governs an infinitive or a deadline does not
            // date the expression: "said it expects to release results in
            // mid-November", "agreed to finish by May", "extended the loans
            // through January"
            Some(Tense::Ended) => return Tense::Ended,
            Some(Tense::Past) if detached => return Tense::Unknown,
            // "postponed until Tuesday", "extended the deadline until Friday":
            // a deferral points past the act of deferring
            Some(Tense::Past) if until && word_at(toks, lower, k).is_some_and(|w| DEFERRAL_VERBS.contains(&w)) => {
                return Tense::Future;
            }
            Some(Tense::Past) => return Tense::Past,
            _ => {}
        }
        if is_infinitive(toks, lower, k, s) || (k + 1 == s && matches!(word_at(toks, lower, k), Some("by" | "through")))
        {
            detached = true;
        }
        if t.newline_before {
            break;
        }
    }
    if let Some(x) = forward(if opens_sentence { 40 } else { 10 }) {
        return x;
    }
    if until { Tense::Future } else { Tense::Unknown }
}

/// Titles and abbreviations that are not expected to end a sentence.
const NON_FINAL_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "vs", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "prof", "rev", "ft",
    "mt",
];

/// The period at token `k` closes an abbreviation rather than a sentence: it is
/// glued to a single letter ("U.S.", "N.C.") or a short word, and what follows
/// cannot open a sentence (a comma, a lower-case word, a number: "Birmingham,
/// Ala., killed", "Roe vs. Wade" after a title), or the word is a title that
/// never ends a sentence ("Mr.", "vs.").
fn abbreviation_dot(toks: &[Token], lower: &str, k: usize) -> bool {
    let Some(prev) = k.checked_sub(1).map(|j| &toks[j]) else {
        return false;
    };
    if prev.kind != TokKind::Word || toks[k].space_before || prev.len() > 4 {
        return false;
    }
    if lower.get(prev.start..prev.end).is_some_and(|w| NON_FINAL_ABBREVIATIONS.contains(&w)) {
        return true;
    }
    match toks.get(k + 1) {
        Some(n) => match n.kind {
            TokKind::Punct(b',') => true,
            TokKind::Word => !n.capital,
            TokKind::Num => true,
            _ => false,
        },
        None => false,
    }
}

/// Words after "to" that make it a preposition rather than the infinitive
/// marker.
const NOT_INFINITIVE: &[&str] = &[
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "this",
    "that",
    "these",
    "those",
    "about",
    "more",
    "less",
    "some",
    "all",
    "each",
    "every",
    "any",
    "one",
    "two",
    "three",
    "what",
    "which",
    "whom",
    "who",
    "them",
    "him",
    "me",
    "us",
    "it",
    "and",
    "or",
    "as",
    "around",
    "near",
    "nearly",
    "almost",
    "date",
    "day",
    "year",
    "month",
    "week",
    "death",
    "holders",
    "shareholders",
    "stock",
    "record",
];

/// Token `k` is "to" followed by a lower-case word that can be a verb, before
/// the expression at `s`.
fn is_infinitive(toks: &[Token], lower: &str, k: usize, s: usize) -> bool {
    if k + 1 >= s || word_at(toks, lower, k) != Some("to") || toks[k + 1].capital {
        return false;
    }
    word_at(toks, lower, k + 1)
        .is_some_and(|v| !NOT_INFINITIVE.contains(&v) && !v.ends_with("ed") && !v.ends_with("ing"))
}

/// The lower-case word of token `k`.
fn word_at<'a>(toks: &[Token], lower: &'a str, k: usize) -> Option<&'a str> {
    let t = toks.get(k)?;
    if t.kind != TokKind::Word {
        return None;
    }
    lower.get(t.start..t.end)
}

/// A day-grain point `n` units from the anchor `prev`: its TimeML value, the
/// anchor's index and the resolution.
fn shifted_day(prev: (Real, usize), u: Unit, n: i32, reference: Option<&Reference>) -> Option<Anchored> {
    let (r, k) = prev;
    if !matches!(r.g, G::Day | G::Hour | G::Minute | G::Second | G::Pod(_)) {
        return None;
    }
    let day = Real { g: G::Day, hour: 0, minute: 0, second: 0, part: 0, tz_shift: 0, ..r };
    let shifted = normalize::shift_real(&day, u, n)?;
    let value = normalize::timeml(&shifted);
    let resolved = reference.map(|rf| Resolved::Instant {
        value: normalize::rfc3339(shifted.date.to_datetime(jiff::civil::Time::midnight()), rf.offset_seconds),
        grain: Grain::Day,
    });
    Some((value, k, resolved, shifted))
}

/// An event-anchored date: value, index of the anchor, resolution, the point.
type Anchored = (String, usize, Option<Resolved>, Real);

/// Does token `k` begin a relation to an event rather than to a time: "after
/// the meeting", "before his death", "later"?  Returns the direction.
fn event_relation(toks: &[Token], lower: &str, p: &P, k: usize) -> Option<i32> {
    let dir = match word_at(toks, lower, k)? {
        "later" => {
            // "later than", "later this year"
            return match word_at(toks, lower, k + 1) {
                Some("than" | "this" | "that" | "in" | "on") => None,
                _ if p.parse_at(k + 1).is_some() => None,
                _ => Some(1),
            };
        }
        "after" | "following" => 1,
        "before" => -1,
        _ => return None,
    };
    // the event: a determiner, possessive or pronoun, not a time expression
    let next = word_at(toks, lower, k + 1)?;
    // (not a clause: "a year after he was killed" is usually a duration)
    let eventish = matches!(next, "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "my" | "your");
    if !eventish || p.parse_at(k + 1).is_some() || p.parse_at(k + 2).is_some() {
        return None;
    }
    Some(dir)
}

/// "two days later", "three days after the meeting": a date counted from the
/// most recent dated timex (the best stand-in for the event's time).
fn anchored_shift(
    toks: &[Token],
    lower: &str,
    p: &P,
    end: usize,
    d: &expr::Dur,
    prev: Option<(Real, usize)>,
    reference: Option<&Reference>,
) -> Option<Anchored> {
    let expr::Amount::Milli(m) = d.amount else { return None };
    if m % 1000 != 0 || m == 0 || m > 1_000_000 || d.extra.is_some() {
        return None;
    }
    if !matches!(d.unit, Unit::Day | Unit::Week | Unit::Fortnight | Unit::Month | Unit::Year) {
        return None;
    }
    let dir = event_relation(toks, lower, p, end)?;
    shifted_day(prev?, d.unit, dir * (m / 1000) as i32, reference)
}

/// "the day before the visit", "the day after his death": the day next to
/// the most recent dated timex.  Returns the timex and the token after "day".
fn anchored_day(
    toks: &[Token],
    lower: &str,
    p: &P,
    i: usize,
    prev: Option<(Real, usize)>,
    reference: Option<&Reference>,
    out: &[Timex],
) -> Option<(Timex, usize, Real)> {
    if word_at(toks, lower, i)? != "the" || word_at(toks, lower, i + 1)? != "day" {
        return None;
    }
    let dir = event_relation(toks, lower, p, i + 2)?;
    if word_at(toks, lower, i + 2) == Some("later") {
        return None;
    }
    let prev = prev?;
    // apposition: "after Oct. 12, the day before the crash" names that same day
    let apposition = i >= 2
        && toks.get(i - 1).is_some_and(|t| t.is_punct(b','))
        && prev.1 + 1 == out.len()
        && toks.get(i - 2).map(|t| t.end) == out.last().map(|t| t.end);
    let (value, k, resolved, real) = shifted_day(prev, Unit::Day, if apposition { 0 } else { dir }, reference)?;
    let start = toks.get(i)?.start;
    let end = toks.get(i + 1)?.end;
    Some((
        Timex { start, end, kind: TimexType::Date, value, anchor: Some(Anchor::Timex(k)), resolved, mod_: None },
        i + 2,
        real,
    ))
}

fn spec_is_relative(s: &Spec) -> bool {
    s.shift.is_some() || (s.year.is_none() && s.century.is_none() && s.decade.is_none())
}

fn build(
    start: usize,
    end: usize,
    c: &Cand,
    ctx: &Ctx,
    prev_idx: Option<usize>,
    has_ref: bool,
) -> (Timex, Option<Real>) {
    let mut tx = Timex {
        start,
        end,
        kind: TimexType::Date,
        value: String::new(),
        anchor: None,
        resolved: None,
        mod_: c.mod_.map(str::to_string),
    };
    let mut real = None;
    match &c.expr {
        Expr::Point(s) => {
            let po = normalize::point_value(s, ctx);
            tx.value = po.value;
            tx.kind = if s.hour.is_some() || (s.pod.is_some() && s.weekday.is_none()) {
                TimexType::Time
            } else {
                TimexType::Date
            };
            if let Some(r) = po.real {
                tx.resolved = normalize::resolve_real(&r, s, ctx, c.mod_);
                real = Some(r);
                if po.anchored_prev {
                    tx.anchor = prev_idx.map(Anchor::Timex);
                } else if spec_is_relative(s) && has_ref {
                    tx.anchor = Some(Anchor::Published);
                }
            }
        }
        Expr::Duration(d) => {
            tx.kind = TimexType::Duration;
            tx.value = normalize::duration_value(d);
        }
        Expr::Set(k) => {
            tx.kind = TimexType::Set;
            tx.value = normalize::set_value(k);
        }
        Expr::Ref(r) => {
            tx.value = (*r).to_string();
            if *r == "PRESENT_REF"
                && let Some(now) = ctx.now
            {
                tx.resolved =
                    Some(Resolved::Instant { value: normalize::rfc3339(now, ctx.offset), grain: Grain::Second });
                tx.anchor = Some(Anchor::Published);
            }
        }
        Expr::Offset(s, u, n) => {
            tx.kind = if s.hour.is_some() { TimexType::Time } else { TimexType::Date };
            let po = normalize::point_value(s, ctx);
            tx.value = po.value;
            if let Some(mut r) = po.real.and_then(|r| normalize::shift_real(&r, *u, *n)) {
                // "15 minutes from 1pm" is as fine as its unit
                r.g = match (u, r.g) {
                    (Unit::Second, _) => G::Second,
                    (Unit::Minute, G::Hour | G::Day) => G::Minute,
                    (Unit::Hour, G::Day) => G::Hour,
                    (_, g) => g,
                };
                tx.value = normalize::timeml(&r);
                tx.resolved = normalize::resolve_real(&r, &Spec { shift: None, ..*s }, ctx, c.mod_);
                tx.anchor = has_ref.then_some(Anchor::Published);
                real = Some(r);
            }
        }
        Expr::SpanFrom(s, d) => {
            tx.kind = if s.hour.is_some() { TimexType::Time } else { TimexType::Date };
            let po = normalize::point_value(s, ctx);
            tx.value = po.value;
            if let Some(r) = po.real {
                tx.resolved = normalize::span_from(&r, d, ctx.offset);
                tx.anchor = (spec_is_relative(s) && has_ref).then_some(Anchor::Published);
                real = Some(r);
            }
        }
        Expr::Range(a, b) => {
            let (a, b) = fix_range(*a, *b);
            let pa = normalize::point_value(&a, ctx);
            tx.value = pa.value.clone();
            tx.kind = if a.hour.is_some() { TimexType::Time } else { TimexType::Date };
            let pb = normalize::point_value(&b, ctx);
            if let (Some(ra), Some(rb)) = (pa.real, pb.real) {
                real = Some(ra);
                let res_a = normalize::resolve_real(&ra, &a, ctx, None);
                let res_b = normalize::resolve_real(&rb, &b, ctx, None);
                tx.resolved = range_resolved(res_a, res_b);
                if spec_is_relative(&a) && has_ref {
                    tx.anchor = Some(Anchor::Published);
                }
            }
        }
    }
    (tx, real)
}

/// Share date and meridiem information between the ends of a range.
fn fix_range(mut a: Spec, mut b: Spec) -> (Spec, Spec) {
    // "from 13 to 15 July": a bare number before a day of month is a day
    if a.hour.is_some()
        && a.minute.is_none()
        && a.nth == Some(CLOCK_AMBIGUOUS)
        && b.day.is_some()
        && b.hour.is_none()
        && let Some(h) = a.hour
        && (1..=31).contains(&h)
    {
        a = Spec { day: Some(h), month: b.month, year: b.year, ..Spec::default() };
        if b.month.is_none() {
            a.day_only = true;
        }
    }
    let a_date = a.month.is_some() || a.weekday.is_some() || a.shift.is_some() || a.day.is_some();
    let b_date = b.month.is_some() || b.weekday.is_some() || b.shift.is_some() || b.day.is_some();
    if a.hour.is_some() && b.hour.is_some() {
        if a_date && !b_date {
            b.month = a.month;
            b.day = a.day;
            b.year = a.year;
            b.weekday = a.weekday;
            b.shift = a.shift;
            b.dir = a.dir;
        } else if b_date && !a_date {
            a.month = b.month;
            a.day = b.day;
            a.year = b.year;
            a.weekday = b.weekday;
            a.shift = b.shift;
            a.dir = b.dir;
        }
        if let (Some(ha), Some(hb)) = (a.hour, b.hour) {
            if a.nth == Some(CLOCK_AMBIGUOUS) && hb >= 12 && ha < 12 && ha + 12 <= hb {
                a.hour = Some(ha + 12);
                a.nth = None;
            }
            if b.nth == Some(CLOCK_AMBIGUOUS) && hb < 12 && (ha >= 12 && hb + 12 > ha || hb <= ha) {
                b.hour = Some(hb + 12);
                b.nth = None;
            }
            if a.nth == Some(CLOCK_AMBIGUOUS) && b.nth.is_none() {
                a.nth = None;
            }
        }
        // the ends of a clock range stay on the same day (no "already passed" roll-over)
        if !a_date && !b_date {
            a.nth = Some(CLOCK_NO_ROLL);
            b.nth = Some(CLOCK_NO_ROLL);
        }
        if a.tz.is_none() {
            a.tz = b.tz;
        }
        if b.tz.is_none() {
            b.tz = a.tz;
        }
    }
    if a.month.is_some() && b.month.is_some() && a.year.is_none() && b.year.is_some() {
        a.year = b.year;
    }
    if a.day_only && b.month.is_some() {
        a.month = b.month;
        a.year = b.year;
        a.day_only = false;
    }
    (a, b)
}

fn grain_rank(g: Grain) -> u8 {
    g as u8
}

fn add_grain(ts: &str, g: Grain) -> Option<String> {
    // parse back our own RFC 3339 output
    let (dt_part, off_part) = ts.split_at(ts.len().checked_sub(6)?);
    let dt: DateTime = dt_part.parse().ok()?;
    let span = match g {
        Grain::Second => jiff::Span::new().seconds(1),
        Grain::Minute => jiff::Span::new().minutes(1),
        Grain::Hour => jiff::Span::new().hours(1),
        Grain::Day => jiff::Span::new().days(1),
        Grain::Week => jiff::Span::new().weeks(1),
        Grain::Month => jiff::Span::new().months(1),
        Grain::Quarter => jiff::Span::new().months(3),
        Grain::Year => jiff::Span::new().years(1),
    };
    let t = dt.checked_add(span).ok()?;
    let sign = if off_part.starts_with('-') { -1 } else { 1 };
    let h: i32 = off_part.get(1..3)?.parse().ok()?;
    let m: i32 = off_part.get(4..6)?.parse().ok()?;
    Some(normalize::rfc3339(t, sign * (h * 3600 + m * 60)))
}

fn range_resolved(a: Option<Resolved>, b: Option<Resolved>) -> Option<Resolved> {
    let (from, ga) = match a? {
        Resolved::Instant { value, grain } => (value, grain),
        Resolved::Interval { from, grain, .. } => (from?, grain),
    };
    let g_b = match &b {
        Some(Resolved::Instant { grain, .. } | Resolved::Interval { grain, .. }) => *grain,
        None => return None,
    };
    let g = if grain_rank(ga) < grain_rank(g_b) { ga } else { g_b };
    // the end is exclusive at the finer of the two grains ("3:30 to 6 pm" ends 18:01)
    let to = match b? {
        Resolved::Instant { value, .. } => add_grain(&value, g)?,
        Resolved::Interval { to, .. } => to?,
    };
    Some(Resolved::Interval { from: Some(from), to: Some(to), grain: g })
}

/// Resolve one phrase as `dossier time PHRASE --reference T` does: the first
/// timex is the reading of the whole phrase (latent readings allowed).
pub fn resolve_phrase(tagger: &TimeTagger, phrase: &str, reference: &Reference) -> Vec<Timex> {
    resolve_phrase_in(tagger, phrase, reference, None)
}

/// [`resolve_phrase`] under a Duckling locale (`"EN_CA"`, `"EN_GB"`, ...; case
/// does not matter): holidays whose date differs by country (Thanksgiving,
/// Labour Day, Mother's Day, ...) follow that locale, and the locale's own
/// holidays (Civic Holiday, Rizal Day, ...) are known.  `None` or an unknown
/// locale gives the default (US) reading.
pub fn resolve_phrase_in(tagger: &TimeTagger, phrase: &str, reference: &Reference, locale: Option<&str>) -> Vec<Timex> {
    resolve_phrase_with(tagger, phrase, reference, PhraseOptions { locale, latent: false })
}

/// Options of whole-phrase resolution.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PhraseOptions<'a> {
    /// Duckling locale ("EN_CA"); see [`resolve_phrase_in`].
    pub locale: Option<&'a str>,
    /// Duckling's latent option: also readings that are too ambiguous by
    /// default ("7a" for 7 am outside a range).
    pub latent: bool,
}

/// [`resolve_phrase`] with explicit [`PhraseOptions`].
pub fn resolve_phrase_with(
    tagger: &TimeTagger,
    phrase: &str,
    reference: &Reference,
    opts: PhraseOptions<'_>,
) -> Vec<Timex> {
    let mut v = tagger.run(phrase, Some(reference), true, opts);
    // open intervals: "since 2014", "after 2 pm", "until 2:00pm"; "by Monday"
    if let Some(first) = v.first_mut() {
        let head = phrase.get(..first.start).unwrap_or("").trim().to_ascii_lowercase();
        // "by the end of", "until the": the article does not matter
        let head = head.strip_suffix(" the").unwrap_or(&head).to_string();
        let one_word = !head.is_empty() && !head.contains(' ');
        let now = reference.to_rfc3339();
        match (first.resolved.clone(), head.as_str()) {
            (Some(Resolved::Interval { to: Some(to), .. }), "by") if first.mod_.as_deref() == Some("END") => {
                // "by the end of next month": from now until the end of it
                first.resolved = Some(Resolved::Interval { from: Some(now), to: Some(to), grain: Grain::Second });
            }
            (Some(Resolved::Instant { value, .. }), "by") => {
                first.resolved = Some(Resolved::Interval { from: Some(now), to: Some(value), grain: Grain::Second });
            }
            (Some(Resolved::Instant { value, grain }), "since" | "after" | "from") if one_word => {
                first.resolved = Some(Resolved::Interval { from: Some(value), to: None, grain });
            }
            (Some(Resolved::Instant { value, grain }), "until" | "till" | "through" | "before") if one_word => {
                first.resolved = Some(Resolved::Interval { from: None, to: Some(value), grain });
            }
            _ => {}
        }
    }
    v
}

#[cfg(test)]
mod tests;
