//! Recognition: a hand-written, bounded-lookahead grammar over tokens.
//!
//! Every parser looks at most a small constant number of tokens ahead, so a
//! scan over the text is linear.  Parsers return the token index after the
//! match and an [`Expr`].

use crate::expr::{Amount, Base, CLOCK_AMBIGUOUS, CLOCK_MIDNIGHT, Cand, Dir, Dur, Expr, SetKind, Spec, Sub};
use crate::lexicon::{HOLIDAYS, Kw, Lex, Lexicon, Pod, Unit, holiday_rule};
use crate::token::{TokKind, Token};

pub struct P<'a> {
    pub t: &'a [Token],
    pub lower: &'a str,
    pub lx: &'a Lexicon,
    /// Whole-phrase mode (`resolve_phrase`): latent readings are allowed
    /// ("7", "morning", "the 1st", "2/15").
    pub phrase: bool,
    /// Duckling locale ("EN_CA"): selects locale-specific holidays.
    pub locale: Option<&'a str>,
    /// Duckling's "latent" option: also the readings Duckling only gives
    /// when asked for latent times ("7a" for 7 am).
    pub latent: bool,
}

impl<'a> P<'a> {
    // ---------- token helpers ----------
    #[inline]
    fn tk(&self, i: usize) -> Option<&Token> {
        self.t.get(i)
    }
    #[inline]
    fn lex(&self, i: usize) -> Lex {
        self.t.get(i).map_or(Lex::None, |t| t.lex)
    }
    #[inline]
    fn kw(&self, i: usize, k: Kw) -> bool {
        self.lex(i) == Lex::Kw(k)
    }
    #[inline]
    fn punct(&self, i: usize, c: u8) -> bool {
        self.t.get(i).is_some_and(|t| t.is_punct(c))
    }
    /// Token i follows token i-1 without whitespace.
    #[inline]
    fn glued(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| !t.space_before)
    }
    #[inline]
    fn word(&self, i: usize) -> Option<&'a str> {
        match self.t.get(i) {
            Some(t) if t.kind == TokKind::Word => self.lower.get(t.start..t.end),
            _ => None,
        }
    }
    #[inline]
    fn is_word(&self, i: usize, w: &str) -> bool {
        self.word(i) == Some(w)
    }
    #[inline]
    fn num_tok(&self, i: usize) -> Option<(u32, usize)> {
        match self.t.get(i) {
            Some(t) if t.kind == TokKind::Num => Some((t.num, t.len())),
            _ => None,
        }
    }
    /// Skip an optional glued period (abbreviations: "Oct.", "Sept.").
    fn skip_dot(&self, i: usize) -> usize {
        if self.punct(i, b'.') && self.glued(i) { i + 1 } else { i }
    }
    fn skip_the(&self, i: usize) -> usize {
        if self.kw(i, Kw::The) { i + 1 } else { i }
    }
    /// A number token is "clean" when not glued to a following letter/digit
    /// construct that makes it something else (e.g. "3.5%", "$1990").
    fn num_clean_after(&self, i: usize) -> bool {
        match self.tk(i) {
            None => true,
            Some(t) if !t.space_before => match t.kind {
                TokKind::Punct(c) => {
                    !(matches!(c, b'%' | b'$')
                        || matches!(c, b'.' | b',' | b':' | b'/')
                            && self.tk(i + 1).is_some_and(|n| n.kind == TokKind::Num && !n.space_before))
                }
                _ => false,
            },
            Some(_) => true,
        }
    }
    fn num_clean_before(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        let Some(t) = self.tk(i) else { return true };
        if t.space_before {
            return true;
        }
        match self.tk(i - 1).map(|p| p.kind) {
            Some(TokKind::Punct(c)) => !matches!(c, b'$' | b'#' | b'.' | b',' | b'/' | b':'),
            _ => false,
        }
    }

    // ---------- numbers ----------
    /// A cardinal number written with words ("twenty-four", "two hundred").
    fn num_words(&self, i: usize) -> Option<(u64, usize)> {
        let mut j = i;
        let mut total: u64 = 0;
        let mut cur: u64 = 0;
        let mut any = false;
        let mut last_mult = false;
        let mut last_tens = false;
        for _ in 0..8 {
            match self.lex(j) {
                Lex::Num(n) => {
                    let n = u64::from(n);
                    if n == 100 {
                        if cur >= 100 {
                            break;
                        }
                        cur = cur.max(1) * 100;
                        last_mult = true;
                        last_tens = false;
                    } else if n == 1000 {
                        if total > 0 {
                            break;
                        }
                        total += cur.max(1) * 1000;
                        cur = 0;
                        last_mult = true;
                        last_tens = false;
                    } else if !any || last_mult || (last_tens && n < 10 && n > 0) {
                        cur += n;
                        last_tens = n >= 20 && n % 10 == 0;
                        last_mult = false;
                    } else {
                        break;
                    }
                    any = true;
                    j += 1;
                    let hyphen = self.punct(j, b'-') && self.glued(j) && matches!(self.lex(j + 1), Lex::Num(_));
                    let and = self.kw(j, Kw::And) && matches!(self.lex(j + 1), Lex::Num(n) if n < 100) && cur >= 100;
                    if hyphen || and {
                        j += 1;
                    }
                }
                _ => break,
            }
        }
        if !any {
            return None;
        }
        // Do not end on a dangling hyphen/and.
        while j > i && (self.punct(j - 1, b'-') || self.kw(j - 1, Kw::And)) {
            j -= 1;
        }
        Some((total + cur, j))
    }

    /// A cardinal: digits (with thousands separators) or words.
    fn cardinal(&self, i: usize) -> Option<(u64, usize)> {
        if let Some((n, _)) = self.num_tok(i) {
            if !self.num_clean_before(i) {
                return None;
            }
            let mut v = u64::from(n);
            let mut j = i + 1;
            // 1,000 / 10,000
            for _ in 0..3 {
                if self.punct(j, b',')
                    && self.glued(j)
                    && self.glued(j + 1)
                    && let Some((m, len)) = self.num_tok(j + 1)
                    && len == 3
                {
                    v = v.saturating_mul(1000).saturating_add(u64::from(m));
                    j += 2;
                    continue;
                }
                break;
            }
            return Some((v, j));
        }
        self.num_words(i)
    }

    /// An amount for durations, in thousandths: "2", "2.5", "2 1/2", "two and a
    /// half", "a", "an", "a couple of", "a few", "several".
    fn amount(&self, i: usize) -> Option<(Amount, usize)> {
        // fuzzy amounts
        let mut j = i;
        let few = if self.phrase { Amount::Milli(3000) } else { Amount::Unknown };
        if self.kw(j, Kw::Half) && self.kw(j + 1, Kw::A) {
            return Some((Amount::Milli(500), j + 2));
        }
        // "a quarter of an hour"
        if self.kw(j, Kw::A)
            && self.is_word(j + 1, "quarter")
            && self.kw(j + 2, Kw::Of)
            && self.kw(j + 3, Kw::A)
            && matches!(self.lex(j + 4), Lex::Unit(Unit::Hour, false))
        {
            return Some((Amount::Milli(250), j + 4));
        }
        if let (Some((a, _)), true) =
            (self.num_tok(j), self.punct(j + 1, b'/') && self.glued(j + 1) && self.glued(j + 2))
            && let Some((b, _)) = self.num_tok(j + 2)
            && b > 0
            && a < b
            && self.num_clean_before(j)
        {
            return Some((Amount::Milli(u64::from(a) * 1000 / u64::from(b)), j + 3));
        }
        if self.kw(j, Kw::A) {
            if self.kw(j + 1, Kw::Few) {
                return Some((few, j + 2));
            }
            if self.kw(j + 1, Kw::Couple) {
                let k = if self.kw(j + 2, Kw::Of) { j + 3 } else { j + 2 };
                return Some((Amount::Milli(2000), k));
            }
            if self.lex(j + 1) == Lex::Num(2) && self.is_word(j + 1, "pair") {
                let k = if self.kw(j + 2, Kw::Of) { j + 3 } else { j + 2 };
                return Some((Amount::Milli(2000), k));
            }
            if self.lex(j + 1) == Lex::Num(100) || self.lex(j + 1) == Lex::Num(1000) {
                return self.cardinal(j + 1).map(|(v, k)| (Amount::Milli(v * 1000), k));
            }
            // "a half hour"
            if self.kw(j + 1, Kw::Half) {
                return Some((Amount::Milli(500), j + 2));
            }
            return Some((Amount::Milli(1000), j + 1));
        }
        if self.kw(j, Kw::Few) {
            return Some((few, j + 1));
        }
        if self.kw(j, Kw::Several) || self.kw(j, Kw::Many) {
            return Some((Amount::Unknown, j + 1));
        }
        if self.kw(j, Kw::Couple) {
            let k = if self.kw(j + 1, Kw::Of) { j + 2 } else { j + 1 };
            return Some((Amount::Milli(2000), k));
        }
        let (v, k) = self.cardinal(j)?;
        let mut milli = v.saturating_mul(1000);
        j = k;
        // decimal: 1.5
        if self.punct(j, b'.')
            && self.glued(j)
            && self.glued(j + 1)
            && self.tk(i).is_some_and(|t| t.kind == TokKind::Num)
            && let Some((frac, len)) = self.num_tok(j + 1)
            && len <= 3
        {
            let scale = 10u64.pow(3 - len as u32);
            milli = milli.saturating_add(u64::from(frac) * scale);
            j += 2;
        }
        // 2 1/2
        if let (Some((a, _)), true) = (self.num_tok(j), self.punct(j + 1, b'/'))
            && let Some((b, _)) = self.num_tok(j + 2)
            && b > 0
            && a < b
            && self.glued(j + 1)
            && self.glued(j + 2)
        {
            milli = milli.saturating_add(u64::from(a) * 1000 / u64::from(b));
            j += 3;
        }
        // "two and a half"
        if self.kw(j, Kw::And) && self.kw(j + 1, Kw::A) && self.kw(j + 2, Kw::Half) {
            milli = milli.saturating_add(500);
            j += 3;
        }
        Some((Amount::Milli(milli), j))
    }

    /// Ordinal: "3rd", "third", "twenty-first", "second".
    fn ordinal(&self, i: usize) -> Option<(u32, usize)> {
        if let Some((n, _)) = self.num_tok(i) {
            if self.lex(i + 1) == Lex::OrdSuffix && self.glued(i + 1) && self.num_clean_before(i) {
                return Some((n, i + 2));
            }
            return None;
        }
        match self.lex(i) {
            Lex::Ord(n) => Some((n, i + 1)),
            Lex::Unit(Unit::Second, false) if self.is_word(i, "second") => Some((2, i + 1)),
            Lex::Num(t) if (20..=90).contains(&t) && t % 10 == 0 => {
                let j = if self.punct(i + 1, b'-') { i + 2 } else { i + 1 };
                match self.lex(j) {
                    Lex::Ord(n) if n < 10 => Some((t + n, j + 1)),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// A day of month: 1..=31 as digits (not part of a larger number) or ordinal.
    fn day(&self, i: usize) -> Option<(u8, usize)> {
        if let Some((n, j)) = self.ordinal(i) {
            if (1..=31).contains(&n) {
                return Some((n as u8, j));
            }
            return None;
        }
        let (n, len) = self.num_tok(i)?;
        // phrase mode: "14april", "Feb13"
        let glued_month_after = self.phrase && self.glued(i + 1) && matches!(self.lex(i + 1), Lex::Month(..));
        let glued_month_before = self.phrase
            && i > 0
            && !self.tk(i).is_some_and(|t| t.space_before)
            && matches!(self.lex(i - 1), Lex::Month(..));
        if len <= 2
            && (1..=31).contains(&n)
            && (self.num_clean_before(i) || glued_month_before)
            && (self.num_clean_after(i + 1) || glued_month_after)
        {
            // not a time "14:30" or a glued word "14am"
            if self.punct(i + 1, b':') && self.glued(i + 1) && self.glued(i + 2) {
                return None;
            }
            if self.tk(i + 1).is_some_and(|t| t.kind == TokKind::Word && !t.space_before)
                && !(self.phrase && matches!(self.lex(i + 1), Lex::Month(..)))
            {
                return None;
            }
            return Some((n as u8, i + 1));
        }
        None
    }

    /// A four-digit year (or a spelled-out one), or "'98".
    fn year(&self, i: usize) -> Option<(i32, usize)> {
        if let Some((n, len)) = self.num_tok(i) {
            if len == 4 && self.num_clean_before(i) && self.num_clean_after(i + 1) {
                let ok = if self.phrase { (1000..=2999).contains(&n) } else { (1000..=2199).contains(&n) };
                if ok && !self.tk(i + 1).is_some_and(|t| t.kind == TokKind::Word && !t.space_before) {
                    return Some((n as i32, i + 1));
                }
            }
            return None;
        }
        if self.punct(i, b'\'') {
            if let Some((n, len)) = self.num_tok(i + 1)
                && len == 2
                && self.glued(i + 1)
                && !self.is_word(i + 2, "s")
            {
                let y = if n >= 30 { 1900 + n } else { 2000 + n };
                return Some((y as i32, i + 2));
            }
            return None;
        }
        // nineteen ninety-six / two thousand (and) ten
        match self.lex(i) {
            Lex::Num(h) if (10..=20).contains(&h) || h == 2 => {
                let (hv, j) = (h, i + 1);
                if hv == 2 || hv == 20 {
                    // "two thousand ten", "twenty ten"
                }
                if let Lex::Num(1000) = self.lex(j) {
                    if hv == 2 {
                        let mut k = j + 1;
                        if self.kw(k, Kw::And) {
                            k += 1;
                        }
                        if let Some((rest, k2)) = self.num_words(k)
                            && rest < 100
                        {
                            return Some((2000 + rest as i32, k2));
                        }
                        return Some((2000, j + 1));
                    }
                    return None;
                }
                if (11..=20).contains(&hv)
                    && let Some((rest, k)) = self.num_words(j)
                    && (10..100).contains(&rest)
                {
                    return Some((hv as i32 * 100 + rest as i32, k));
                }
                None
            }
            _ => None,
        }
    }

    /// A month name.  In running text "May" and "March" must be capitalised and
    /// abbreviations must look like abbreviations.
    /// An impossible calendar date written out ("February 31", "April 31,
    /// 2021", "31 February", "Feb. 45"): the end of the whole phrase, so the
    /// caller can skip it instead of tagging its month or year alone.
    pub fn invalid_date_end(&self, i: usize) -> Option<usize> {
        // month first
        if let Some((m, j)) = self.month(i)
            && let Some((n, len)) = self.num_tok(j)
            && len <= 2
            && (self.num_clean_after(j + 1)
                || (matches!(self.word(j + 1), Some("st" | "nd" | "rd" | "th")) && self.glued(j + 1)))
        {
            // 50..=99 may be a two-digit year ("March 99")
            if n == 0 || (n > u32::from(max_day(m)) && n < 50) {
                let mut k = j + 1;
                if matches!(self.word(k), Some("st" | "nd" | "rd" | "th")) && self.glued(k) {
                    k += 1;
                }
                if self.punct(k, b',') && self.year(k + 1).is_some() {
                    k = self.year(k + 1).map_or(k, |y| y.1);
                } else if let Some((_, k2)) = self.year(k) {
                    k = k2;
                }
                return Some(k);
            }
            // "February 29, 2021": not a leap year
            if m == 2 && n == 29 {
                let k = if self.punct(j + 1, b',') { j + 2 } else { j + 1 };
                if let Some((y, k2)) = self.year(k)
                    && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
                {
                    return Some(k2);
                }
            }
            return None;
        }
        // day first: "31 February 2021", "the 30th of February"
        let j = self.skip_the(i);
        let (n, len) = self.num_tok(j)?;
        if len > 2 {
            return None;
        }
        let mut k = j + 1;
        if matches!(self.word(k), Some("st" | "nd" | "rd" | "th")) && self.glued(k) {
            k += 1;
        }
        if self.kw(k, Kw::Of) {
            k += 1;
        }
        let (m, k2) = self.month(k)?;
        if n == 0 || (n > u32::from(max_day(m)) && n < 100) {
            return Some(self.year(k2).map_or(k2, |y| y.1));
        }
        None
    }

    fn month(&self, i: usize) -> Option<(u8, usize)> {
        let t = self.tk(i)?;
        let Lex::Month(m, abbr) = t.lex else { return None };
        if !self.phrase {
            if !t.capital {
                return None;
            }
            if abbr && t.all_caps && t.len() == 3 && !self.punct(i + 1, b'.') {
                // "DEC", "MAR" as acronyms
                return None;
            }
            if m == 5 && t.all_caps {
                // "MAY" in a headline is usually the verb
                return None;
            }
        }
        Some((m, if abbr { self.skip_dot(i + 1) } else { i + 1 }))
    }

    fn weekday(&self, i: usize) -> Option<(u8, bool, usize)> {
        let t = self.tk(i)?;
        let Lex::Weekday(d, plural) = t.lex else { return None };
        let w = self.word(i)?;
        let abbr = !w.ends_with("day") && !w.ends_with("days");
        if !self.phrase && abbr {
            // abbreviations in running text: only before a date ("Fri., Oct. 17")
            let k = self.skip_dot(i + 1);
            let k = if self.punct(k, b',') { k + 1 } else { k };
            if !t.capital || !matches!(self.lex(k), Lex::Month(..)) {
                return None;
            }
        }
        Some((d, plural, if abbr { self.skip_dot(i + 1) } else { i + 1 }))
    }

    fn ampm(&self, i: usize) -> Option<(bool, usize)> {
        let w = self.word(i)?;
        let pm = match w {
            "am" => Some(false),
            "pm" => Some(true),
            "a" => Some(false),
            "p" => Some(true),
            _ => None,
        }?;
        let mut j = i + 1;
        if w.len() == 1 {
            // a.m. / a m / "7p" (phrase mode)
            if self.punct(j, b'.') && self.glued(j) && self.is_word(j + 1, "m") {
                j += 2;
            } else if self.is_word(j, "m") {
                j += 1;
            } else if self.phrase && self.glued(i) {
                // "7a"/"7p" for 7 am/pm: latent, or inside a range ("9a to 11a")
                let conn = |k: usize| {
                    self.punct(k, b'-')
                        || ["to", "till", "until", "and", "from", "between", "through"]
                            .iter()
                            .any(|w| self.is_word(k, w))
                };
                if self.latent || conn(j) || conn(i.wrapping_sub(2)) {
                    return Some((pm, j));
                }
                return None;
            } else {
                return None;
            }
        }
        // trailing period: keep unless it ends a sentence
        if self.punct(j, b'.') && self.glued(j) {
            let end_of_sentence = match self.tk(j + 1) {
                None => true,
                Some(n) => {
                    n.newline_before
                        || (n.capital
                            && n.kind == TokKind::Word
                            && !matches!(n.lex, Lex::Month(..) | Lex::Weekday(..) | Lex::Zone(_)))
                }
            };
            if !end_of_sentence {
                j += 1;
            }
        }
        Some((pm, j))
    }

    fn zone(&self, i: usize) -> Option<(i32, usize)> {
        let t = self.tk(i)?;
        if let Lex::Zone(off) = t.lex
            && (t.all_caps || self.phrase)
        {
            return Some((off, i + 1));
        }
        None
    }

    // ---------- clock times ----------
    /// "3 p.m.", "10:30", "10:30 a.m. EST", "noon", "midnight", "15h30".
    fn clock(&self, i: usize) -> Option<(Spec, usize)> {
        let mut s = Spec::default();
        let mut j;
        if self.kw(i, Kw::Noon) || self.kw(i, Kw::Midday) || self.is_word(i, "mid") && self.is_word(i + 1, "day") {
            s.hour = Some(12);
            j = if self.kw(i, Kw::Noon) || self.kw(i, Kw::Midday) { i + 1 } else { i + 2 };
        } else if self.kw(i, Kw::Midnight) {
            s.hour = Some(0);
            s.day = None;
            j = i + 1;
            // Duckling: midnight is the start of the next day
            s.shift = None;
            s.nth = Some(CLOCK_MIDNIGHT);
        } else if let Some((h, len)) = self.num_tok(i) {
            // "330 p.m.": hours and minutes without a colon, only before am/pm
            let compact = (len == 3 || len == 4)
                && self.ampm(i + 1).is_some()
                && (1..=12).contains(&(h / 100))
                && h % 100 < 60
                && self.num_clean_before(i);
            let h = if compact {
                s.minute = Some((h % 100) as u8);
                h / 100
            } else {
                h
            };
            if (len > 2 && !compact) || h > 24 || !self.num_clean_before(i) {
                return None;
            }
            j = i + 1;
            let mut has_min = compact;
            if self.punct(j, b':') && self.glued(j) && self.glued(j + 1) {
                let (m, mlen) = self.num_tok(j + 1)?;
                if mlen != 2 || m > 59 {
                    return None;
                }
                s.minute = Some(m as u8);
                has_min = true;
                j += 2;
                if self.punct(j, b':')
                    && self.glued(j)
                    && self.glued(j + 1)
                    && let Some((sec, 2)) = self.num_tok(j + 1)
                    && sec <= 59
                {
                    s.second = Some(sec as u8);
                    j += 2;
                }
            } else if self.is_word(j, "h") && self.glued(j) {
                // 15h30, 16h
                j += 1;
                if let Some((m, 2)) = self.num_tok(j) {
                    if self.glued(j) && m <= 59 {
                        s.minute = Some(m as u8);
                        j += 1;
                    }
                } else {
                    s.minute = Some(0);
                }
                has_min = true;
            }
            s.hour = Some(h as u8);
            let mut marked = has_min;
            if let Some((pm, k)) = self.ampm(j) {
                if h == 0 || h > 12 {
                    return None;
                }
                let h24 = match (pm, h) {
                    (false, 12) => 0,
                    (true, 12) => 12,
                    (true, h) => h + 12,
                    (false, h) => h,
                };
                s.hour = Some(h24 as u8);
                j = k;
                marked = true;
            } else if self.is_word(j, "o") && self.punct(j + 1, b'\'') && self.is_word(j + 2, "clock") {
                j += 3;
                marked = true;
                s.nth = Some(CLOCK_AMBIGUOUS);
            } else if has_min && h <= 12 {
                s.nth = Some(CLOCK_AMBIGUOUS);
            }
            // "4 in the morning", "11 at night": the part of day marks the hour
            if !marked
                && !has_min
                && (1..=12).contains(&h)
                && i > 0
                && matches!(
                    self.word(i - 1),
                    Some("at" | "around" | "about" | "until" | "till" | "by" | "before" | "after")
                )
                && ((self.kw(j, Kw::In) && self.kw(j + 1, Kw::The) && matches!(self.lex(j + 2), Lex::Pod(_, false)))
                    || (self.kw(j, Kw::At) && self.lex(j + 1) == Lex::Pod(Pod::Night, false)))
            {
                marked = true;
                s.nth = Some(CLOCK_AMBIGUOUS);
            }
            if !marked && !self.phrase {
                return None;
            }
            // "4a" (not a latent am) is not a bare hour "4" either
            if !marked && self.tk(j).is_some_and(|t| t.kind == TokKind::Word) && self.glued(j) {
                return None;
            }
            if !marked {
                s.nth = Some(CLOCK_AMBIGUOUS);
            }
            if s.hour == Some(24) {
                s.hour = Some(0);
            }
        } else if let Some((h, k)) = self.num_words(i) {
            // "eight o'clock", "nine fifty nine a m" (phrase mode only for bare words)
            if !(1..=12).contains(&h) {
                return None;
            }
            j = k;
            s.hour = Some(h as u8);
            if self.is_word(j, "o") && self.punct(j + 1, b'\'') && self.is_word(j + 2, "clock") {
                j += 3;
                s.nth = Some(CLOCK_AMBIGUOUS);
            } else if let Some((pm, k2)) = self.ampm(j) {
                s.hour = Some(if pm { (h % 12 + 12) as u8 } else { (h % 12) as u8 });
                j = k2;
            } else if self.phrase {
                // "nine fifty nine a m"
                if let Some((m, k2)) = self.num_words(j)
                    && m < 60
                    && let Some((pm, k3)) = self.ampm(k2)
                {
                    s.hour = Some(if pm { (h % 12 + 12) as u8 } else { (h % 12) as u8 });
                    s.minute = Some(m as u8);
                    return self.clock_tail(s, k3);
                }
                // "at eight", "eight tonight": a latent hour, only with such a cue
                let cue_before = i > 0 && self.kw(i - 1, Kw::At);
                let cue_after =
                    matches!(self.lex(j), Lex::Kw(Kw::Tonight | Kw::Today | Kw::Tomorrow | Kw::This) | Lex::Pod(..));
                if !(cue_before || cue_after) {
                    return None;
                }
                s.nth = Some(CLOCK_AMBIGUOUS);
            } else {
                return None;
            }
        } else {
            return None;
        }
        self.clock_tail(s, j)
    }

    fn clock_tail(&self, mut s: Spec, mut j: usize) -> Option<(Spec, usize)> {
        if let Some((off, k)) = self.zone(j) {
            s.tz = Some(off);
            j = k;
        } else if self.punct(j, b'(')
            && let Some((off, k)) = self.zone(j + 1)
            && self.punct(k, b')')
        {
            s.tz = Some(off);
            j = k + 1;
        }
        // "4 in the morning", "8 at night"
        if (self.kw(j, Kw::In) && self.kw(j + 1, Kw::The)) || self.kw(j, Kw::At) {
            let k = if self.kw(j, Kw::In) { j + 2 } else { j + 1 };
            if let Lex::Pod(p, false) = self.lex(k) {
                if let Some(h) = s.hour {
                    if h < 12 && matches!(p, Pod::Afternoon | Pod::Evening | Pod::Night) && !(p == Pod::Night && h < 5)
                    {
                        s.hour = Some(h + 12);
                    }
                    if s.nth == Some(CLOCK_AMBIGUOUS) {
                        s.nth = None;
                    }
                }
                j = k + 1;
            }
        }
        Some((s, j))
    }

    /// "half past 3", "a quarter to noon", "quarter past 1pm", "20 to 5".
    fn clock_rel(&self, i: usize) -> Option<(Spec, usize)> {
        let mut j = i;
        let mut bare_minutes = false;
        let mins: u32;
        if self.kw(j, Kw::Half) {
            mins = 30;
            j += 1;
        } else if self.kw(j, Kw::A) && self.is_word(j + 1, "quarter") {
            mins = 15;
            j += 2;
        } else if self.is_word(j, "quarter") {
            mins = 15;
            j += 1;
        } else if let Some((m, k)) = self.cardinal(j) {
            if !(1..60).contains(&m) {
                return None;
            }
            mins = m as u32;
            j = k;
            let unit = matches!(self.lex(j), Lex::Unit(Unit::Minute, _));
            if !self.phrase && !unit {
                return None;
            }
            bare_minutes = !unit;
            if self.lex(j) == Lex::Unit(Unit::Minute, true) || self.lex(j) == Lex::Unit(Unit::Minute, false) {
                j += 1;
            }
        } else {
            return None;
        }
        let before = if self.kw(j, Kw::Past) || self.kw(j, Kw::After) {
            false
        } else if self.kw(j, Kw::To) || self.kw(j, Kw::Before) || self.is_word(j, "till") {
            true
        } else if self.phrase && mins == 30 && self.kw(i, Kw::Half) {
            // British "half three" = 3:30
            let (mut s, k) = self.clock_base(j)?;
            let h = s.hour?;
            s.minute = Some(30);
            if s.nth == Some(CLOCK_AMBIGUOUS) && h < 12 {
                s.hour = Some(h);
            }
            return Some((s, k));
        } else {
            return None;
        };
        let (mut s, k) = self.clock_base(j + 1)?;
        // "15 to noon" but not "9 to 11am" (a range)
        if bare_minutes && !(self.kw(j + 1, Kw::Noon) || self.kw(j + 1, Kw::Midnight) || self.kw(j + 1, Kw::Midday)) {
            return None;
        }
        let h = u32::from(s.hour?);
        let total = h * 60 + u32::from(s.minute.unwrap_or(0));
        let t = if before { (total + 24 * 60 - mins) % (24 * 60) } else { (total + mins) % (24 * 60) };
        s.hour = Some((t / 60) as u8);
        s.minute = Some((t % 60) as u8);
        if s.nth == Some(CLOCK_MIDNIGHT) {
            s.nth = None;
        }
        Some((s, k))
    }

    /// A clock time or an hour number (for "half past 3").
    fn clock_base(&self, i: usize) -> Option<(Spec, usize)> {
        if let Some(r) = self.clock(i) {
            return Some(r);
        }
        let (h, k) = self.cardinal(i)?;
        if !(1..=12).contains(&h) {
            return None;
        }
        let s = Spec { hour: Some(h as u8), nth: Some(CLOCK_AMBIGUOUS), ..Spec::default() };
        Some((s, k))
    }

    // ---------- dates ----------
    /// Month-first dates: "Oct. 14", "October 14, 2023", "July 1997", "March".
    fn month_date(&self, i: usize) -> Option<(Spec, usize)> {
        let (m, j) = self.month(i)?;
        let mut s = Spec { month: Some(m), ..Spec::default() };
        // "Feb13" glued; "February 31" is not a date
        if let Some((d, k)) = self.day(j).filter(|(d, _)| *d <= max_day(m)) {
            // avoid "March 1990" being read as a day; day() rejects 4 digits
            s.day = Some(d);
            let mut k2 = k;
            let comma = self.punct(k2, b',');
            if comma {
                k2 += 1;
            }
            if let Some((y, k3)) = self.year(k2) {
                s.year = Some(y);
                return Some((s, k3));
            }
            return Some((s, k));
        }
        // "February the 15th"
        if self.kw(j, Kw::The)
            && let Some((d, k)) = self.ordinal(j + 1)
            && d >= 1
            && d <= u32::from(max_day(m))
        {
            s.day = Some(d as u8);
            return Some((s, k));
        }
        let mut k = j;
        if self.punct(k, b',') || self.kw(k, Kw::Of) {
            k += 1;
        }
        if let Some((y, k2)) = self.year(k) {
            s.year = Some(y);
            return Some((s, k2));
        }
        // "January this year", "June last year"
        if (self.kw(j, Kw::This) || self.kw(j, Kw::Last) || self.kw(j, Kw::Next))
            && self.lex(j + 1) == Lex::Unit(Unit::Year, false)
        {
            let n = if self.kw(j, Kw::This) {
                0
            } else if self.kw(j, Kw::Last) {
                -1
            } else {
                1
            };
            s.shift = Some((Unit::Year, n));
            return Some((s, j + 2));
        }
        // bare month
        if !self.phrase {
            let t = self.tk(i)?;
            let w = self.word(i)?;
            if matches!(w, "may" | "march") {
                // "May" at sentence start or as a name needs a temporal cue before it
                let prev_ok = i > 0
                    && matches!(
                        self.lex(i - 1),
                        Lex::Kw(
                            Kw::In
                                | Kw::Since
                                | Kw::Until
                                | Kw::Of
                                | Kw::Early
                                | Kw::Late
                                | Kw::Mid
                                | Kw::Last
                                | Kw::Next
                                | Kw::This
                                | Kw::Through
                                | Kw::From
                                | Kw::Before
                                | Kw::After
                                | Kw::By
                                | Kw::Between
                        )
                    );
                if !prev_ok {
                    return None;
                }
            }
            if w.len() <= 4 && w != "june" && w != "july" && w != "may" {
                // bare abbreviations like "Jan" alone are risky
                return None;
            }
            let _ = t;
        }
        Some((s, j))
    }

    /// Day-first dates: "14 October", "the 1st of March 2015", "14th April 15".
    fn day_month(&self, i: usize) -> Option<(Spec, usize)> {
        let j0 = self.skip_the(i);
        let (d, mut j) = self.day(j0)?;
        if self.kw(j, Kw::Of) {
            j += 1;
        }
        let (m, mut k) = self.month_glued_or(j)?;
        if d > max_day(m) {
            return None;
        }
        let mut s = Spec { month: Some(m), day: Some(d), ..Spec::default() };
        let k0 = k;
        if self.punct(k, b',') {
            k += 1;
        }
        if let Some((y, k2)) = self.year(k) {
            s.year = Some(y);
            return Some((s, k2));
        }
        if self.phrase
            && let Some((y, 2)) = self.num_tok(k)
        {
            s.year = Some(2000 + y as i32);
            return Some((s, k + 1));
        }
        Some((s, k0))
    }

    fn month_glued_or(&self, j: usize) -> Option<(u8, usize)> {
        self.month(j)
    }

    /// Numeric dates: 2015-03-03, 3/3/2015, 3/3/15, 2/15 (phrase mode), 2014-10.
    fn numeric_date(&self, i: usize) -> Option<(Spec, usize)> {
        let (a, alen) = self.num_tok(i)?;
        if !self.num_clean_before(i) {
            return None;
        }
        // separator: glued / - . ; in phrase mode also spaced "/" "-" or a space
        let (sep, b_at) = match self.tk(i + 1) {
            Some(t) if !t.space_before => match t.kind {
                TokKind::Punct(c @ (b'/' | b'-' | b'.')) => (c, i + 2),
                _ => return None,
            },
            Some(t) if self.phrase && (t.is_punct(b'/') || t.is_punct(b'-')) => match t.kind {
                TokKind::Punct(c) => (c, i + 2),
                _ => return None,
            },
            Some(t) if self.phrase && t.kind == TokKind::Num && alen <= 2 => (b' ', i + 1),
            _ => return None,
        };
        let glued_sep = sep != b' ' && self.glued(i + 1);
        let (b, blen) = self.num_tok(b_at)?;
        if glued_sep && !self.glued(b_at) {
            return None;
        }
        // third part with the same separator
        let c_sep_at = b_at + 1;
        let third = if sep == b' ' {
            self.num_tok(c_sep_at).map(|c| (c, c_sep_at + 1))
        } else if self.punct(c_sep_at, sep) && self.num_tok(c_sep_at + 1).is_some() {
            self.num_tok(c_sep_at + 1).map(|c| (c, c_sep_at + 2))
        } else {
            None
        };
        let two_digit_year = |c: u32| if c < 50 { 2000 + c as i32 } else { 1900 + c as i32 };
        if let Some(((c, clen), end)) = third {
            if !self.num_clean_after(end) {
                return None;
            }
            let (y, m, d) = if alen == 4 {
                (a as i32, b, c)
            } else if clen == 4 || (clen == 2 && (self.phrase || sep == b'/')) {
                let y = if clen == 4 { c as i32 } else { two_digit_year(c) };
                // day-first only when unambiguous (31/10/1974)
                if a > 12 && b <= 12 { (y, b, a) } else { (y, a, b) }
            } else {
                return None;
            };
            if !(1..=12).contains(&m)
                || !(1..=31).contains(&d)
                || d > u32::from(max_day(m as u8))
                || (sep == b' ' && !self.phrase)
            {
                return None;
            }
            let s = Spec { year: Some(y), month: Some(m as u8), day: Some(d as u8), ..Spec::default() };
            return Some((s, end));
        }
        let end = b_at + 1;
        if !self.num_clean_after(end) || sep == b' ' {
            return None;
        }
        if alen == 4 && blen <= 2 && (1..=12).contains(&b) && self.phrase && sep != b'.' {
            let s = Spec { year: Some(a as i32), month: Some(b as u8), ..Spec::default() };
            return Some((s, end));
        }
        if alen <= 2 && blen == 4 && (1..=12).contains(&a) && self.phrase && sep == b'/' {
            let s = Spec { year: Some(b as i32), month: Some(a as u8), ..Spec::default() };
            return Some((s, end));
        }
        if alen <= 2 && blen <= 2 && sep != b'.' {
            let (m, d) = if a > 12 && b <= 12 { (b, a) } else { (a, b) };
            if !(1..=12).contains(&m) || !(1..=31).contains(&d) || d > u32::from(max_day(m as u8)) {
                return None;
            }
            let cue =
                i > 0 && matches!(self.lex(i - 1), Lex::Kw(Kw::On | Kw::Since | Kw::Until | Kw::Before | Kw::After));
            if self.phrase || (sep == b'/' && cue) {
                let s = Spec { month: Some(m as u8), day: Some(d as u8), ..Spec::default() };
                return Some((s, end));
            }
        }
        None
    }

    /// A weekday, optionally followed by a date ("Friday, Oct. 17, 2023",
    /// "Tuesday the 19th").
    fn weekday_date(&self, i: usize) -> Option<(Spec, usize)> {
        let (d, plural, j) = self.weekday(i)?;
        if plural {
            return None;
        }
        let mut s = Spec { weekday: Some(d), ..Spec::default() };
        let k = if self.punct(j, b',') { j + 1 } else { j };
        let nl = self.tk(k).is_some_and(|t| t.newline_before);
        if nl {
            return Some((s, j));
        }
        if let Some((mut ds, k2)) = self.month_date(k).or_else(|| self.day_month(k)).or_else(|| self.numeric_date(k))
            && ds.day.is_some()
        {
            ds.weekday = Some(d);
            return Some((ds, k2));
        }
        if self.kw(j, Kw::The)
            && let Some((dd, k2)) = self.ordinal(j + 1)
            && (1..=31).contains(&dd)
        {
            s.day = Some(dd as u8);
            s.day_only = true;
            return Some((s, k2));
        }
        if self.phrase
            && let Some((dd, k2)) = self.ordinal(j)
            && (1..=31).contains(&dd)
        {
            s.day = Some(dd as u8);
            s.day_only = true;
            return Some((s, k2));
        }
        Some((s, j))
    }

    /// "1990s", "the '80s", "the nineties", "the 1980s".
    fn decade(&self, i: usize) -> Option<(Spec, usize)> {
        let j = self.skip_the(i);
        if let Some((n, len)) = self.num_tok(j) {
            if self.is_word(j + 1, "s")
                && self.glued(j + 1)
                && self.num_clean_before(j)
                && len == 4
                && n % 10 == 0
                && (1000..=2990).contains(&n)
            {
                return Some((Spec { decade: Some(n as i32 / 10), ..Spec::default() }, j + 2));
            }
            return None;
        }
        if self.punct(j, b'\'') {
            if let Some((n, 2)) = self.num_tok(j + 1)
                && n % 10 == 0
                && self.is_word(j + 2, "s")
                && self.glued(j + 2)
            {
                let c = if n >= 30 { 190 } else { 200 };
                return Some((Spec { decade: Some(c + n as i32 / 10), ..Spec::default() }, j + 3));
            }
            return None;
        }
        if j > i {
            let w = self.word(j)?;
            let dec = match w {
                "twenties" => 2,
                "thirties" => 3,
                "forties" => 4,
                "fifties" => 5,
                "sixties" => 6,
                "seventies" => 7,
                "eighties" => 8,
                "nineties" => 9,
                _ => return None,
            };
            return Some((Spec { decade: Some(190 + dec), ..Spec::default() }, j + 1));
        }
        None
    }

    /// "the 20th century", "the eleventh century".
    fn century(&self, i: usize) -> Option<(Spec, usize)> {
        let j = self.skip_the(i);
        let (n, k) = self.ordinal(j)?;
        let k2 = if self.punct(k, b'-') { k + 1 } else { k };
        if self.lex(k2) == Lex::Unit(Unit::Century, false) && (1..=30).contains(&n) {
            return Some((Spec { century: Some(n as i32 - 1), ..Spec::default() }, k2 + 1));
        }
        None
    }

    /// Quarters and halves: "the third quarter", "third-quarter", "Q3",
    /// "the fiscal first quarter", "the first half of 1990", "the 1988 second quarter".
    fn quarter(&self, i: usize) -> Option<(Spec, usize)> {
        let mut j = self.skip_the(i);
        let mut s = Spec::default();
        // "the quarter", "the latest quarter", "the latest period", "that quarter",
        // "the 1988 quarter", "the 1989 period"
        if !self.phrase {
            let det = j > i || self.kw(i, Kw::That);
            let mut k = if self.kw(i, Kw::That) { i + 1 } else { j };
            if det {
                let latest = self.kw(k, Kw::Latest) || self.is_word(k, "recent") || self.is_word(k, "same");
                // "the corresponding period last year", "the same quarter a
                // year ago": the quarter under discussion, a year back
                let m = if matches!(self.word(k), Some("same" | "corresponding" | "comparable")) { k + 1 } else { k };
                if j > i && (self.lex(m) == Lex::Unit(Unit::Quarter, false) || self.is_word(m, "period")) {
                    let back = if self.kw(m + 1, Kw::Last) && self.lex(m + 2) == Lex::Unit(Unit::Year, false) {
                        Some(m + 3)
                    } else if self.kw(m + 1, Kw::A)
                        && self.lex(m + 2) == Lex::Unit(Unit::Year, false)
                        && (self.kw(m + 3, Kw::Ago) || self.kw(m + 3, Kw::Earlier))
                    {
                        Some(m + 4)
                    } else {
                        None
                    };
                    if let Some(end) = back {
                        s.sub = Sub::Quarter(0);
                        s.shift = Some((Unit::Year, -1));
                        s.shift_exact = true;
                        return Some((s, end));
                    }
                }
                if latest {
                    k += 1;
                }
                let year = self.year(k);
                if let Some((_, k2)) = year {
                    k = k2;
                }
                let q = self.lex(k) == Lex::Unit(Unit::Quarter, false);
                let period = self.is_word(k, "period") && (latest || year.is_some());
                if (q || period) && !self.punct(k + 1, b'-') {
                    s.sub = Sub::Quarter(0);
                    if latest && self.kw(k - 1, Kw::Latest) {
                        s.dir = Dir::Last;
                    }
                    s.year = year.map(|y| y.0);
                    return Some((s, k + 1));
                }
            }
        }
        if self.kw(j, Kw::Fiscal) {
            s.fiscal = true;
            j += 1;
        }
        if let Some((y, k)) = self.year(j)
            && self.ordinal(k).is_some()
        {
            s.year = Some(y);
            j = k;
        }
        // 2018Q4
        if let Some((y, k)) = self.year_glued_q(j) {
            s.year = Some(y);
            j = k;
        }
        // Q3 / q3 / 18q4
        if let Some(w) = self.word(j)
            && (w == "q" || w == "h")
            && self.glued(j + 1)
            && let Some((n, 1)) = self.num_tok(j + 1)
        {
            let ok = if w == "q" { (1..=4).contains(&n) } else { (1..=2).contains(&n) };
            if ok && self.tk(j).is_some_and(|t| t.capital || self.phrase) {
                s.sub = if w == "q" { Sub::Quarter(n as u8) } else { Sub::Half(n as u8) };
                return Some(self.quarter_year(s, j + 2));
            }
        }
        if self.phrase
            && let Some((yy, 2)) = self.num_tok(j)
            && self.is_word(j + 1, "q")
            && self.glued(j + 1)
            && let Some((n, 1)) = self.num_tok(j + 2)
            && (1..=4).contains(&n)
            && self.glued(j + 2)
        {
            s.year = Some(2000 + yy as i32);
            s.sub = Sub::Quarter(n as u8);
            return Some((s, j + 3));
        }
        // "the last half of 1989", "the last quarter of this year": the final
        // half / quarter of a named year (without "of YEAR", "the last quarter"
        // is the previous quarter, handled as a relative expression)
        if self.kw(j, Kw::Last)
            && matches!(self.lex(j + 1), Lex::Kw(Kw::Half) | Lex::Unit(Unit::Quarter, false))
            && self.kw(j + 2, Kw::Of)
        {
            s.sub = if self.kw(j + 1, Kw::Half) { Sub::Half(2) } else { Sub::Quarter(4) };
            let (s2, k2) = self.quarter_year(s, j + 2);
            if k2 > j + 3 {
                return Some((s2, k2));
            }
            return None;
        }
        // "the first two quarters of 1990", "the last two quarters of this
        // year": a half of a named year
        if matches!(self.lex(j), Lex::Kw(Kw::Last) | Lex::Ord(1))
            && self.lex(j + 1) == Lex::Num(2)
            && self.lex(j + 2) == Lex::Unit(Unit::Quarter, true)
            && self.kw(j + 3, Kw::Of)
        {
            s.sub = Sub::Half(if self.kw(j, Kw::Last) { 2 } else { 1 });
            let (s2, k2) = self.quarter_year(s, j + 3);
            if k2 > j + 4 {
                return Some((s2, k2));
            }
            return None;
        }
        let (n, k) = self.ordinal(j)?;
        let mut k = k;
        if self.punct(k, b'-') && self.glued(k) {
            // "the third-quarter results": the article belongs to the noun
            if self.kw(i, Kw::The) && !self.phrase {
                return None;
            }
            k += 1;
        }
        if self.kw(k, Kw::Fiscal) {
            s.fiscal = true;
            k += 1;
        }
        match self.lex(k) {
            Lex::Unit(Unit::Quarter, false) if (1..=4).contains(&n) => {
                s.sub = Sub::Quarter(n as u8);
            }
            Lex::Kw(Kw::Half) if (1..=2).contains(&n) => {
                s.sub = Sub::Half(n as u8);
            }
            _ => return None,
        }
        Some(self.quarter_year(s, k + 1))
    }

    fn quarter_year(&self, mut s: Spec, k: usize) -> (Spec, usize) {
        let mut j = k;
        if self.kw(j, Kw::Of) || self.punct(j, b',') {
            j += 1;
            if self.kw(j, Kw::Fiscal) {
                j += 1;
            }
            if let Some((y, k2)) = self.year(j) {
                s.year = Some(y);
                return (s, k2);
            }
            if (self.kw(j, Kw::This) || self.kw(j, Kw::Last) || self.kw(j, Kw::Next))
                && self.lex(j + 1) == Lex::Unit(Unit::Year, false)
            {
                let n = if self.kw(j, Kw::This) {
                    0
                } else if self.kw(j, Kw::Last) {
                    -1
                } else {
                    1
                };
                s.shift = Some((Unit::Year, n));
                return (s, j + 2);
            }
            return (s, k);
        }
        if let Some((y, k2)) = self.year(j) {
            s.year = Some(y);
            return (s, k2);
        }
        (s, k)
    }

    /// A four-digit year glued to a following "q" ("2018Q4").
    fn year_glued_q(&self, j: usize) -> Option<(i32, usize)> {
        let (n, 4) = self.num_tok(j)? else { return None };
        if self.glued(j + 1) && self.is_word(j + 1, "q") && (1000..=2999).contains(&n) {
            return Some((n as i32, j + 1));
        }
        None
    }

    /// "fiscal 1989", "the year 1990", "1990", "2014 BC".
    fn year_expr(&self, i: usize) -> Option<(Spec, usize)> {
        let mut j = i;
        let mut s = Spec::default();
        if self.kw(j, Kw::Fiscal) {
            s.fiscal = true;
            j += 1;
        } else if self.kw(j, Kw::The) && self.lex(j + 1) == Lex::Unit(Unit::Year, false) {
            j += 2;
        }
        let (y, mut k) = self.year(j)?;
        if !self.phrase && j == i && self.tk(j).is_some_and(|t| t.kind != TokKind::Num) {
            // spelled-out years are fine ("nineteen ninety-six")
        }
        s.year = Some(y);
        if self.kw(k, Kw::Bc) {
            s.bc = true;
            k += 1;
        } else if self.kw(k, Kw::Ad) && self.tk(k).is_some_and(|t| t.all_caps || self.phrase) {
            k += 1;
        }
        Some((s, k))
    }

    /// Seasons: "summer", "the summer of 1995", "winter 1994".
    fn season(&self, i: usize) -> Option<(Spec, usize)> {
        let j = self.skip_the(i);
        let Lex::Season(se, false) = self.lex(j) else { return None };
        let mut s = Spec { sub: Sub::Season(se), ..Spec::default() };
        let mut k = j + 1;
        if self.kw(k, Kw::Of)
            && let Some((y, k2)) = self.year(k + 1)
        {
            s.year = Some(y);
            return Some((s, k2));
        }
        if let Some((y, k2)) = self.year(k) {
            s.year = Some(y);
            k = k2;
            return Some((s, k));
        }
        // bare "fall" is mostly the verb; "spring" the noun: need "the"/"in"/"this" context
        if j == i && !self.phrase {
            let prev = if i > 0 { self.lex(i - 1) } else { Lex::None };
            if !matches!(
                prev,
                Lex::Kw(Kw::In | Kw::This | Kw::Last | Kw::Next | Kw::Early | Kw::Late | Kw::Since | Kw::By)
            ) {
                return None;
            }
        }
        if j > i && !self.phrase && se == crate::lexicon::Season::Fall {
            // "the fall of the regime"
            if self.kw(k, Kw::Of) {
                return None;
            }
        }
        Some((s, k))
    }

    /// Holidays from the table, by longest word match.
    fn holiday(&self, i: usize) -> Option<(Spec, usize)> {
        let w = self.word(i)?;
        let cands = self.lx.holiday_first.get(w)?;
        let mut best: Option<(u16, usize, bool)> = None;
        for &h in cands {
            let Some(words) = self.lx.holiday_words.get(h as usize) else { continue };
            let Some((_, locales)) = holiday_rule(h) else { continue };
            let local = match locales {
                None => false,
                Some(ls) => match self.locale {
                    Some(l) if ls.split(',').any(|x| x.eq_ignore_ascii_case(l)) => true,
                    _ => continue,
                },
            };
            let mut j = i;
            let mut ok = true;
            for (n, hw) in words.iter().enumerate() {
                // skip possessive 's and apostrophes between words
                if n > 0 {
                    // "valentine's", "valentines'" but not a stray "King' day"
                    let prev_s = self.word(j.wrapping_sub(1)).is_some_and(|w| w.ends_with('s'));
                    if self.punct(j, b'\'') && (self.is_word(j + 1, "s") && self.glued(j + 1) || prev_s) {
                        j += 1;
                    }
                    if self.is_word(j, "s") && self.glued(j) {
                        j += 1;
                    }
                    // inside a word: "mi'raj", "al-fitr", "jr. day", "mini - tuesday"
                    if (self.punct(j, b'\'') && self.glued(j) && self.glued(j + 1))
                        || self.punct(j, b'-')
                        || (self.punct(j, b'.') && self.glued(j))
                    {
                        j += 1;
                    }
                }
                // the word, or the word with a possessive/plural "s" ("mothers")
                let plural = |x: &str| x.len() == hw.len() + 1 && x.ends_with('s') && x.starts_with(hw);
                if self.is_word(j, hw) || self.word(j).is_some_and(plural) {
                    j += 1;
                } else {
                    ok = false;
                    break;
                }
            }
            while self.punct(j, b'\'') && self.glued(j) || (self.is_word(j, "s") && self.glued(j)) {
                j += 1;
            }
            // longest match; on a tie the locale's own entry
            if ok && best.is_none_or(|(_, e, l)| j > e || (j == e && local && !l)) {
                best = Some((h, j, local));
            }
        }
        let (h, mut j, _) = best?;
        if !self.phrase {
            // in running text a holiday name must be capitalised
            if !self.tk(i).is_some_and(|t| t.capital) {
                return None;
            }
            // "May Day" etc. fine; "Easter" alone is fine.
            let _ = HOLIDAYS.get(h as usize);
        }
        let mut s = Spec { holiday: Some(h), ..Spec::default() };
        // "Diwali 2019", and in a whole phrase "Diwali in 2019"
        let j_in = if self.phrase && self.is_word(j, "in") && self.year(j + 1).is_some() { j + 1 } else { j };
        if let Some((y, k)) = self.year(j_in) {
            s.year = Some(y);
            j = k;
        } else {
            // "MLK day of last year", "tax day next year": the holiday of that year
            let k = if self.kw(j, Kw::Of) { j + 1 } else { j };
            let rel = match self.lex(k) {
                Lex::Kw(Kw::Last | Kw::Previous) => Some(-1),
                Lex::Kw(Kw::This) => Some(0),
                Lex::Kw(Kw::Next) => Some(1),
                _ => None,
            };
            if let Some(n) = rel
                && self.lex(k + 1) == Lex::Unit(Unit::Year, false)
            {
                s.shift = Some((Unit::Year, n));
                j = k + 2;
            } else if self.phrase {
                // "thanksgiving in 9 months", "tax day 3 years ago": the holiday
                // of the year the shifted reference falls in
                let shifted = |i: usize| {
                    let (d, e, lead) = self.duration(i)?;
                    match (d.amount, lead, d.extra) {
                        (Amount::Milli(m), false, None) if m % 1000 == 0 && m <= 100_000_000 => {
                            let n = i32::try_from(m / 1000).ok()?;
                            matches!(d.unit, Unit::Day | Unit::Week | Unit::Month | Unit::Year)
                                .then_some((d.unit, n, e))
                        }
                        _ => None,
                    }
                };
                if self.kw(j, Kw::In)
                    && let Some((u, n, e)) = shifted(j + 1)
                {
                    s.shift = Some((u, n));
                    j = e;
                } else if let Some((u, n, e)) = shifted(j) {
                    if self.kw(e, Kw::Ago) {
                        s.shift = Some((u, -n));
                        j = e + 1;
                    } else if self.kw(e, Kw::From) && self.kw(e + 1, Kw::Now) {
                        s.shift = Some((u, n));
                        j = e + 2;
                    }
                }
            }
        }
        Some((s, j))
    }

    /// Relative expressions: today, yesterday, tomorrow, tonight, "this week",
    /// "last Friday", "next March", "the following year", "this morning".
    fn relative(&self, i: usize) -> Option<(Spec, usize)> {
        let mut s = Spec::default();
        match self.lex(i) {
            Lex::Kw(Kw::Today) => {
                s.shift = Some((Unit::Day, 0));
                return Some((s, i + 1));
            }
            Lex::Kw(Kw::Yesterday) => {
                s.shift = Some((Unit::Day, -1));
                return Some((s, i + 1));
            }
            Lex::Kw(Kw::Tomorrow) => {
                s.shift = Some((Unit::Day, 1));
                return Some((s, i + 1));
            }
            Lex::Kw(Kw::Tonight) => {
                s.shift = Some((Unit::Day, 0));
                s.pod = Some(Pod::Night);
                return Some((s, i + 1));
            }
            // latent part of day (phrase mode): "morning", "in the evening"
            Lex::Pod(p, false) if self.phrase => {
                s.shift = Some((Unit::Day, 0));
                s.pod = Some(p);
                return Some((s, i + 1));
            }
            Lex::Kw(Kw::The) if self.phrase && matches!(self.lex(i + 1), Lex::Pod(_, false)) => {
                if let Lex::Pod(p, false) = self.lex(i + 1) {
                    s.shift = Some((Unit::Day, 0));
                    s.pod = Some(p);
                    return Some((s, i + 2));
                }
            }
            _ => {}
        }
        // "mid-afternoon", "mid morning", "mid-afternoon yesterday": a part of
        // a day (today's unless a day follows)
        if !self.phrase && self.kw(i, Kw::Mid) {
            let j = if self.punct(i + 1, b'-') && self.glued(i + 1) { i + 2 } else { i + 1 };
            if let Lex::Pod(p @ (Pod::Morning | Pod::Afternoon), false) = self.lex(j) {
                if let Some((mut d, k)) = self.point_core(j + 1)
                    && d.pod.is_none()
                    && !d.has_time()
                    && (d.weekday.is_some() || d.day.is_some() || matches!(d.shift, Some((Unit::Day, _))))
                {
                    d.pod = Some(p);
                    return Some((d, k));
                }
                s.shift = Some((Unit::Day, 0));
                s.pod = Some(p);
                return Some((s, j + 1));
            }
        }
        // "the day before yesterday", "the day after tomorrow"
        {
            let j = self.skip_the(i);
            if self.lex(j) == Lex::Unit(Unit::Day, false) {
                if self.kw(j + 1, Kw::After) && self.kw(j + 2, Kw::Tomorrow) {
                    s.shift = Some((Unit::Day, 2));
                    return Some((s, j + 3));
                }
                if self.kw(j + 1, Kw::Before) && self.kw(j + 2, Kw::Yesterday) {
                    s.shift = Some((Unit::Day, -2));
                    return Some((s, j + 3));
                }
            }
        }
        // phrase mode: "the month", "the year", "the week" = the current one
        if self.phrase
            && self.kw(i, Kw::The)
            && let Lex::Unit(u @ (Unit::Week | Unit::Month | Unit::Year | Unit::Quarter), false) = self.lex(i + 1)
        {
            s.shift = Some((u, 0));
            return Some((s, i + 2));
        }
        // text: "the full year", "for the week": the current one
        if !self.phrase && self.kw(i, Kw::The) {
            // "for the year", "the fiscal year", "the end of the year": the
            // current (fiscal) year; "the year ended Sept. 30" is a duration
            let k = if self.kw(i + 1, Kw::Fiscal) { i + 2 } else { i + 1 };
            if self.lex(k) == Lex::Unit(Unit::Year, false)
                && !self.punct(k + 1, b'-')
                && !self.punct(k + 1, b'\'')
                && self.year(k + 1).is_none()
                && !self.tk(k + 1).is_some_and(|t| t.kind == TokKind::Num)
                && !matches!(self.lex(k + 1), Lex::Num(_) | Lex::Kw(Kw::Before | Kw::After | Kw::Earlier | Kw::Ago))
                && !self.is_word(k + 1, "ended")
                && !self.is_word(k + 1, "ending")
            {
                s.shift = Some((Unit::Year, 0));
                s.fiscal = k == i + 2;
                return Some((s, k + 1));
            }
            if self.kw(i + 1, Kw::Full) && self.lex(i + 2) == Lex::Unit(Unit::Year, false) {
                s.shift = Some((Unit::Year, 0));
                return Some((s, i + 3));
            }
            if matches!(self.lex(i + 1), Lex::Unit(Unit::Week | Unit::Month, false))
                && !self.punct(i + 2, b'-')
                && !matches!(
                    self.lex(i + 2),
                    Lex::Kw(Kw::Of | Kw::Following | Kw::Before | Kw::After | Kw::Earlier | Kw::Ago)
                )
                && !self.is_word(i + 2, "ended")
                && !self.is_word(i + 2, "ending")
            {
                let u = if self.lex(i + 1) == Lex::Unit(Unit::Month, false) { Unit::Month } else { Unit::Week };
                s.shift = Some((u, 0));
                return Some((s, i + 2));
            }
        }
        // "the weekend": this week's
        if self.kw(i, Kw::The) && self.kw(i + 1, Kw::Weekend) && self.word(i + 1) == Some("weekend") {
            s.sub = Sub::Weekend;
            s.shift = Some((Unit::Week, 0));
            return Some((s, i + 2));
        }
        // determiners
        let mut j = i;
        let the = self.kw(j, Kw::The);
        if the {
            j += 1;
        }
        let (n, dir, base): (i32, Dir, Base) = match self.lex(j) {
            Lex::Kw(Kw::This) if !the => {
                if self.kw(j + 1, Kw::Past) {
                    j += 1;
                    (-1, Dir::Last, Base::Reference)
                } else if self.kw(j + 1, Kw::Coming) {
                    j += 1;
                    (1, Dir::Next, Base::Reference)
                } else {
                    (0, Dir::This, Base::Reference)
                }
            }
            Lex::Kw(Kw::Current) => (0, Dir::This, Base::Reference),
            Lex::Kw(Kw::Last) | Lex::Kw(Kw::Past) => (-1, Dir::Last, Base::Reference),
            Lex::Kw(Kw::Previous) if the => (-1, Dir::AnchorLast, Base::Previous),
            Lex::Kw(Kw::Previous) => (-1, Dir::Last, Base::Reference),
            Lex::Kw(Kw::Next) if the => (1, Dir::AnchorNext, Base::Previous),
            Lex::Kw(Kw::Next) | Lex::Kw(Kw::Coming) => (1, Dir::Next, Base::Reference),
            Lex::Kw(Kw::Following) => (1, Dir::AnchorNext, Base::Previous),
            Lex::Kw(Kw::Same) if the => (0, Dir::This, Base::Previous),
            Lex::Kw(Kw::That) if !the => (0, Dir::This, Base::Previous),
            _ => return None,
        };
        j += 1;
        // "next year's", "last year's" are handled as the plain expression
        s.base = base;
        match self.lex(j) {
            Lex::Unit(Unit::Week, false) if self.punct(j + 1, b'-') && self.is_word(j + 2, "end") => {
                s.sub = Sub::Weekend;
                s.shift = Some((Unit::Week, n));
                Some((s, j + 3))
            }
            Lex::Unit(u, false) if u != Unit::Second && u != Unit::Minute && u != Unit::Hour => {
                // "last year", "this week", "the following day"
                if the && matches!(self.lex(i + 1), Lex::Kw(Kw::Last | Kw::Past)) {
                    // "the last year" / "the past year": DATE last year
                }
                if u == Unit::Day && base == Base::Reference && n == 0 {
                    s.shift = Some((Unit::Day, 0));
                } else {
                    s.shift = Some((u, n));
                }
                let mut k = j + 1;
                // "the following day" etc.; "this week's"
                // "last year's quarter", "last year's period": the quarter under
                // discussion, in that year
                if !self.phrase
                    && u == Unit::Year
                    && n != 0
                    && self.punct(k, b'\'')
                    && self.is_word(k + 1, "s")
                    && (self.lex(k + 2) == Lex::Unit(Unit::Quarter, false) || self.is_word(k + 2, "period"))
                {
                    s.sub = Sub::Quarter(0);
                    s.shift_exact = true;
                    return Some((s, k + 3));
                }
                if u == Unit::Year && self.punct(k, b'\'') && self.is_word(k + 1, "s") {
                    // "this year's third quarter"
                    if let Some((mut q, k2)) = self.quarter(k + 2) {
                        if q.year.is_none() {
                            q.shift = Some((Unit::Year, n));
                            q.base = base;
                        }
                        return Some((q, k2));
                    }
                    k += 0;
                }
                Some((s, k))
            }
            Lex::Weekday(d, false) => {
                self.weekday(j)?;
                s.weekday = Some(d);
                s.dir = dir;
                // "this coming Sunday", "the coming Friday": the next one
                if self.kw(j - 1, Kw::Coming) && !self.phrase {
                    s.dir = Dir::Coming;
                }
                let mut k = self.weekday(j).map_or(j + 1, |x| x.2);
                // "this coming Sunday, March 8": the date names the day
                if !self.phrase
                    && self.punct(k, b',')
                    && let Some((mut ds, k2)) = self.month_date(k + 1)
                    && ds.day.is_some()
                    && ds.year.is_none()
                {
                    ds.weekday = Some(d);
                    return Some((ds, k2));
                }
                if let Lex::Pod(p, false) = self.lex(k) {
                    s.pod = Some(p);
                    k += 1;
                }
                Some((s, k))
            }
            Lex::Month(m, _) => {
                let (_, k) = self.month(j)?;
                s.month = Some(m);
                s.dir = dir;
                if base == Base::Previous && dir == Dir::This {
                    return None;
                }
                // "last Oct. 23", "next March 4": that day, the most recent
                // (next) one
                if !self.phrase
                    && base == Base::Reference
                    && let Some((ds, k2)) = self.month_date(j)
                    && ds.day.is_some()
                    && ds.year.is_none()
                    && ds.hour.is_none()
                {
                    s.day = ds.day;
                    return Some((s, k2));
                }
                Some((s, k))
            }
            Lex::Season(se, false) => {
                s.sub = Sub::Season(se);
                s.dir = dir;
                Some((s, j + 1))
            }
            Lex::Kw(Kw::Weekend) => {
                s.sub = Sub::Weekend;
                s.shift = Some((Unit::Week, n));
                Some((s, j + 1))
            }
            Lex::Pod(p, false) => {
                // "this morning", "last night", "the next morning"
                let dn = if n == 0 || (p == Pod::Night && n == -1 && dir == Dir::Last) {
                    if p == Pod::Night && n == -1 { -1 } else { 0 }
                } else {
                    n
                };
                if dir == Dir::Last && p != Pod::Night {
                    return None;
                }
                s.shift = Some((Unit::Day, dn));
                s.pod = Some(p);
                Some((s, j + 1))
            }
            Lex::Kw(Kw::Fiscal) => {
                if self.lex(j + 1) == Lex::Unit(Unit::Year, false) {
                    s.shift = Some((Unit::Year, n));
                    s.fiscal = true;
                    return Some((s, j + 2));
                }
                None
            }
            _ => {
                if let Some((mut h, k)) = self.holiday(j) {
                    h.dir = dir;
                    return Some((h, k));
                }
                None
            }
        }
    }

    /// Hyphenated relative adjectives: "year-earlier", "year-ago" (+ optional
    /// period noun: "the year-ago quarter").
    fn year_ago_adj(&self, i: usize) -> Option<(Spec, usize)> {
        let j = self.skip_the(i);
        if self.lex(j) != Lex::Unit(Unit::Year, false) || !self.punct(j + 1, b'-') || !self.glued(j + 1) {
            return None;
        }
        if !(self.kw(j + 2, Kw::Ago) || self.kw(j + 2, Kw::Earlier)) {
            return None;
        }
        let mut s = Spec { shift: Some((Unit::Year, -1)), shift_exact: true, ..Spec::default() };
        let mut k = j + 3;
        if self.is_word(k, "comparable") {
            k += 1;
        }
        if let Some((q, k2)) = self.quarter(k) {
            s.sub = q.sub;
            return Some((s, k2));
        }
        if self.lex(k) == Lex::Unit(Unit::Quarter, false) || self.is_word(k, "period") {
            s.sub = Sub::Quarter(0);
            return Some((s, k + 1));
        }
        if j > i {
            return None;
        }
        Some((s, k))
    }

    /// "Wednesday of next week", "Monday this week", "Tuesday of last week".
    fn weekday_in_week(&self, i: usize) -> Option<(Spec, usize)> {
        let (d, false, j) = self.weekday(i)? else { return None };
        let k = if self.kw(j, Kw::Of) { j + 1 } else { j };
        let n = match self.lex(k) {
            Lex::Kw(Kw::This) => 0,
            Lex::Kw(Kw::Next) => 1,
            Lex::Kw(Kw::Last | Kw::Previous) => -1,
            _ => return None,
        };
        if self.lex(k + 1) != Lex::Unit(Unit::Week, false) {
            return None;
        }
        Some((Spec { weekday: Some(d), shift: Some((Unit::Week, n)), ..Spec::default() }, k + 2))
    }

    /// "the 15th", "on the 1st" (phrase mode), "the ides of March".
    fn day_only(&self, i: usize) -> Option<(Spec, usize)> {
        if self.kw(i, Kw::The) && self.kw(i + 1, Kw::Ides) && self.kw(i + 2, Kw::Of) {
            let (m, k) = self.month(i + 3)?;
            let d = if matches!(m, 3 | 5 | 7 | 10) { 15 } else { 13 };
            return Some((Spec { month: Some(m), day: Some(d), ..Spec::default() }, k));
        }
        if !self.phrase {
            return None;
        }
        let j = self.skip_the(i);
        let (d, k) = self.ordinal(j)?;
        if !(1..=31).contains(&d) {
            return None;
        }
        Some((Spec { day: Some(d as u8), day_only: true, ..Spec::default() }, k))
    }

    /// "the first Monday of March", "last Monday of March", "third day of
    /// October", "the last week of September 2014".
    fn nth_of(&self, i: usize) -> Option<(Spec, usize)> {
        let j = self.skip_the(i);
        let (n, k) = if self.kw(j, Kw::Last) {
            (-1i8, j + 1)
        } else {
            let (n, k) = self.ordinal(j)?;
            if n > 5 && n != 0 {
                return None;
            }
            // "third last week", "2nd last weekend"
            if self.kw(k, Kw::Last) { (-(n as i8), k + 1) } else { (n as i8, k) }
        };
        let mut s = Spec::default();
        let k2;
        // "first week of October 2014", "last weekend of July", "third last week of 2018"
        let weekend = self.kw(k, Kw::Weekend) || self.is_word(k, "wkend");
        if (self.lex(k) == Lex::Unit(Unit::Week, false) || weekend)
            && (self.kw(k + 1, Kw::Of) || self.kw(k + 1, Kw::In))
        {
            if let Some((inner, k3)) = self.month_date(k + 2)
                && inner.day.is_none()
            {
                s.month = inner.month;
                s.year = inner.year;
                s.nth_week = Some((n, weekend));
                return Some((s, k3));
            }
            if let Some((y, k3)) = self.year(k + 2) {
                s.year = Some(y);
                s.nth_week = Some((n, weekend));
                return Some((s, k3));
            }
            return None;
        }
        match self.lex(k) {
            Lex::Weekday(d, false) => {
                s.weekday = Some(d);
                k2 = k + 1;
            }
            Lex::Unit(Unit::Day, false) if n > 0 => {
                s.day = Some(n as u8);
                k2 = k + 1;
            }
            _ => return None,
        }
        if !(self.kw(k2, Kw::Of) || self.kw(k2, Kw::In)) {
            return None;
        }
        let (inner, k3) = self.month_date(k2 + 1).or_else(|| self.relative(k2 + 1))?;
        if s.weekday.is_some() {
            s.nth = Some(n);
        }
        s.month = inner.month;
        s.year = inner.year;
        s.shift = inner.shift;
        s.dir = inner.dir;
        if s.month.is_none() && !matches!(s.shift, Some((Unit::Month, _))) {
            return None;
        }
        Some((s, k3))
    }

    // ---------- combined points ----------
    fn point_core(&self, i: usize) -> Option<(Spec, usize)> {
        let mut best: Option<(Spec, usize)> = None;
        let mut take = |r: Option<(Spec, usize)>| {
            if let Some((s, e)) = r
                && best.as_ref().is_none_or(|(_, be)| e > *be)
            {
                best = Some((s, e));
            }
        };
        let t = self.tk(i)?;
        match t.kind {
            TokKind::Num => {
                take(self.numeric_date(i));
                take(self.day_month(i));
                take(self.year_expr(i));
                take(self.decade(i));
                take(self.century(i));
                take(self.quarter(i));
                take(self.day_only(i));
            }
            TokKind::Punct(b'\'') => {
                take(self.decade(i));
                take(self.year_expr(i));
            }
            TokKind::Word => {
                match t.lex {
                    Lex::Month(..) => take(self.month_date(i)),
                    Lex::Weekday(..) => {
                        take(self.weekday_date(i));
                        take(self.weekday_in_week(i));
                    }
                    Lex::Kw(Kw::The) => {
                        take(self.day_month(i));
                        take(self.decade(i));
                        take(self.century(i));
                        take(self.quarter(i));
                        take(self.season(i));
                        take(self.relative(i));
                        take(self.year_ago_adj(i));
                        take(self.day_only(i));
                        take(self.nth_of(i));
                        take(self.year_expr(i));
                    }
                    Lex::Ord(_) | Lex::Unit(Unit::Second, false) | Lex::Num(_) => {
                        take(self.day_month(i));
                        take(self.century(i));
                        take(self.quarter(i));
                        take(self.nth_of(i));
                        take(self.year_expr(i));
                        take(self.day_only(i));
                    }
                    Lex::Kw(Kw::Fiscal) => {
                        take(self.year_expr(i));
                        take(self.quarter(i));
                    }
                    Lex::Season(..) => take(self.season(i)),
                    Lex::Kw(Kw::Last) => {
                        take(self.relative(i));
                        take(self.nth_of(i));
                    }
                    Lex::Unit(Unit::Year, false) => take(self.year_ago_adj(i)),
                    Lex::Unit(Unit::Day, false) | Lex::Pod(..) => take(self.relative(i)),
                    Lex::Kw(_) => take(self.relative(i)),
                    _ => {}
                }
                take(self.holiday(i));
                if let Some(w) = self.word(i)
                    && ((w == "q" || w == "h") && t.capital || self.phrase)
                {
                    take(self.quarter(i));
                }
            }
            _ => {}
        }
        best
    }

    /// A point possibly combined with a time of day or a part of day.
    fn point(&self, i: usize) -> Option<(Spec, usize)> {
        let timed = self.time_first(i);
        let dated = self.date_first(i);
        match (timed, dated) {
            (Some(a), Some(b)) => Some(if b.1 >= a.1 { b } else { a }),
            (a, b) => a.or(b),
        }
    }

    /// A clock time, optionally followed by its day: "5 p.m. EST Nov. 9",
    /// "10 p.m. Wednesday", "noon Thursday", "9 tomorrow morning".
    fn time_first(&self, i: usize) -> Option<(Spec, usize)> {
        let (tm, j) = match (self.clock(i), self.clock_rel(i)) {
            (Some(a), Some(b)) => {
                if b.1 > a.1 {
                    b
                } else {
                    a
                }
            }
            (a, b) => a.or(b)?,
        };
        let k = if self.punct(j, b',') || self.kw(j, Kw::On) { j + 1 } else { j };
        if let Some((d, k2)) = self.point_core(k).or_else(|| self.relative(k)) {
            let day_level = d.weekday.is_some()
                || d.day.is_some()
                || d.holiday.is_some()
                || matches!(d.shift, Some((Unit::Day, _)))
                || d.pod.is_some();
            if !d.has_time() && day_level {
                let mut d = d;
                // "9 tomorrow morning"
                if d.pod.is_none()
                    && let Lex::Pod(p, false) = self.lex(k2)
                {
                    d.pod = Some(p);
                    return Some((merge_time(d, tm), k2 + 1));
                }
                return Some((merge_time(d, tm), k2));
            }
        }
        // "8 tonight", "eight tonight"
        Some((tm, j))
    }

    /// A date-like point, optionally with a part of day or a clock time.
    fn date_first(&self, i: usize) -> Option<(Spec, usize)> {
        let (mut s, mut j) = self.point_core(i)?;
        // part of day: "Wednesday night", "yesterday morning", "tomorrow evening"
        if s.pod.is_none()
            && !s.has_time()
            && (s.weekday.is_some() || s.day.is_some() || matches!(s.shift, Some((Unit::Day, _))))
            && let Lex::Pod(p, false) = self.lex(j)
        {
            s.pod = Some(p);
            j += 1;
        }
        // "Monday at 3 p.m.", "today at 2pm", "tomorrow, 5 pm"
        if !s.has_time() {
            let k = if self.kw(j, Kw::At) || self.punct(j, b',') || self.punct(j, b'@') { j + 1 } else { j };
            if let Some((tm, k2)) = self.clock(k).or_else(|| self.clock_rel(k))
                && tm.hour.is_some()
                && (k > j || tm.minute.is_some() || self.phrase || tm.nth != Some(CLOCK_AMBIGUOUS))
            {
                s = merge_time(s, tm);
                j = k2;
            }
        }
        Some((s, j))
    }

    // ---------- durations ----------
    /// "three days", "the past two months", "two-year", "a minute and a half".
    fn duration(&self, i: usize) -> Option<(Dur, usize, bool)> {
        let mut j = i;
        let mut lead = false;
        if self.kw(j, Kw::The) {
            j += 1;
        }
        // "the year" / "the fiscal year" (for the year, ...): a one-year duration
        if j == i + 1 && !self.phrase {
            let k = if self.kw(j, Kw::Fiscal) { j + 1 } else { j };
            if self.lex(k) == Lex::Unit(Unit::Year, false)
                && !self.punct(k + 1, b'-')
                && !self.punct(k + 1, b'\'')
                && self.year(k + 1).is_none()
                && !matches!(self.lex(k + 1), Lex::Num(_) | Lex::Kw(Kw::Before | Kw::After | Kw::Earlier | Kw::Ago))
            {
                // "the year ended Sept. 30", "the fiscal year ending June 30": a
                // one-year period; otherwise ("for the year", "the first nine
                // months of the year") the current year, a DATE (see `relative`)
                if self.is_word(k + 1, "ended") || self.is_word(k + 1, "ending") {
                    return Some((Dur { amount: Amount::Milli(1000), unit: Unit::Year, extra: None }, k + 1, true));
                }
                return None;
            }
        }
        // "the year-earlier nine months"
        if self.lex(j) == Lex::Unit(Unit::Year, false)
            && self.punct(j + 1, b'-')
            && (self.kw(j + 2, Kw::Ago) || self.kw(j + 2, Kw::Earlier))
        {
            j += 3;
        }
        if (matches!(
            self.lex(j),
            Lex::Kw(
                Kw::Past
                    | Kw::Last
                    | Kw::Next
                    | Kw::Coming
                    | Kw::Latest
                    | Kw::Previous
                    | Kw::Recent
                    | Kw::Following
                    | Kw::Additional
                    | Kw::Whole
                    | Kw::Full
            )
        ) || matches!(self.lex(j), Lex::Ord(1))
            || self.is_word(j, "final"))
            && !(self.kw(j, Kw::Recent) && self.kw(i, Kw::The))
        {
            j += 1;
            lead = true;
        }
        // "in recent years", "in past years": TimeML reads these as a vague past
        // reference (DATE PAST_REF, see `reference`), not a duration
        if lead
            && j == i + 1
            && matches!(self.lex(i), Lex::Kw(Kw::Recent | Kw::Past))
            && self.lex(j) == Lex::Unit(Unit::Year, true)
            && !self.phrase
        {
            return None;
        }
        // "in coming months", "for coming quarters": likewise a vague future
        // reference (FUTURE_REF); "the coming months" stays a duration
        if lead
            && j == i + 1
            && self.kw(i, Kw::Coming)
            && matches!(self.lex(j), Lex::Unit(Unit::Month | Unit::Quarter | Unit::Year, true))
            && !self.phrase
        {
            return None;
        }
        // "the weeks ahead", "in the months ahead": an unknown stretch to come
        if !self.phrase
            && j == i + 1
            && let Lex::Unit(u, true) = self.lex(j)
            && u >= Unit::Day
            && self.is_word(j + 1, "ahead")
        {
            return Some((Dur { amount: Amount::Unknown, unit: u, extra: None }, j + 2, false));
        }
        // "a year-earlier loss": the article belongs to the noun; the timex is
        // "year-earlier" alone
        if self.kw(j, Kw::A)
            && self.lex(j + 1) == Lex::Unit(Unit::Year, false)
            && self.punct(j + 2, b'-')
            && self.glued(j + 2)
            && (self.kw(j + 3, Kw::Earlier) || self.kw(j + 3, Kw::Ago))
        {
            return None;
        }
        if j > i && self.kw(j, Kw::A) {
            // "the past a year" is not English
            return None;
        }
        // "a day-long meeting", "their decades-long battle", "a years-old
        // slump": a compound adjective of a unit without a number
        if !self.phrase
            && j == i
            && let Lex::Unit(u, plural) = self.lex(i)
            && u >= Unit::Day
            && self.punct(i + 1, b'-')
            && self.glued(i + 1)
            && (self.is_word(i + 2, "long") || (plural && self.is_word(i + 2, "old")))
            && !(i > 0 && (self.punct(i - 1, b'-') || self.tk(i - 1).is_some_and(|t| t.kind == TokKind::Num)))
        {
            let amount = if plural { Amount::Unknown } else { Amount::Milli(1000) };
            return Some((Dur { amount, unit: u, extra: None }, i + 3, false));
        }
        let (amount, k) = match self.amount(j) {
            Some(r) => r,
            None if lead => (Amount::Unknown, j),
            // "for years", "within weeks", "for centuries": an unknown amount
            None if !self.phrase
                && i > 0
                && i == j
                && matches!(self.lex(i - 1), Lex::Kw(Kw::For | Kw::Within))
                && matches!(self.lex(i), Lex::Unit(u, true) if u >= Unit::Day) =>
            {
                (Amount::Unknown, j)
            }
            None => return None,
        };
        let mut k = k;
        // "an additional year", "an extra week"
        if !self.phrase
            && self.kw(j, Kw::A)
            && k == j + 1
            && self.kw(k, Kw::Additional)
            && matches!(self.lex(k + 1), Lex::Unit(u, false) if u >= Unit::Day)
        {
            k += 1;
        }
        // "eight trading days", "five business days": days counted on a calendar
        // of working days, still days
        if !self.phrase
            && matches!(self.word(k), Some("trading" | "business" | "working"))
            && matches!(self.lex(k + 1), Lex::Unit(Unit::Day, _))
        {
            k += 1;
        }
        // "in 2 more minutes"
        if self.kw(k, Kw::More) && matches!(self.lex(k + 1), Lex::Unit(_, true)) && self.cardinal(j).is_some() {
            k += 1;
        }
        if self.phrase && self.is_word(k, "upcoming") {
            k += 1;
            lead = true;
        }
        let hyphen = self.punct(k, b'-') && self.glued(k);
        if hyphen {
            k += 1;
        }
        let (unit, plural) = match self.lex(k) {
            Lex::Unit(u, pl) => (u, pl),
            Lex::Kw(Kw::Half)
                if matches!(amount, Amount::Milli(_)) && self.lex(k + 1) == Lex::Unit(Unit::Hour, false) =>
            {
                // "one and a half hour" handled elsewhere
                return None;
            }
            _ => return None,
        };
        if !self.phrase {
            // "the two-week strike": the article belongs to the noun phrase
            if hyphen && self.kw(i, Kw::The) && !lead {
                return None;
            }
            // quarters as fractions ("three-quarters", "a quarter of")
            if unit == Unit::Quarter && (hyphen || self.kw(j, Kw::A)) {
                return None;
            }
            // ages: "6-year-old", "52 years old"
            let after = k + 1;
            if (self.punct(after, b'-') && self.is_word(after + 1, "old")) || self.is_word(after, "old") {
                return None;
            }
        }
        // amount without number word ("the past months") only with plural unit
        if amount == Amount::Unknown && !plural && !hyphen {
            return None;
        }
        // "a" with plural unit is not a duration ("a years"), "two year" allowed
        if self.kw(j, Kw::A)
            && plural
            && k <= j + 2
            && !hyphen
            && matches!(self.amount(j), Some((Amount::Milli(1000), e)) if e == j + 1)
        {
            return None;
        }
        // "a day-long meeting": the article belongs to the noun; the compound
        // alone is the timex (see above)
        if !self.phrase && !hyphen && self.kw(j, Kw::A) && k == j + 1 && self.punct(k + 1, b'-') && self.glued(k + 1) {
            return None;
        }
        // "1 second" fine, but "second" alone is an ordinal: needs an amount token
        let mut end = k + 1;
        // "8-month-old", "10-year-old", "three-day-long"
        if hyphen
            && self.punct(end, b'-')
            && self.glued(end)
            && (self.is_word(end + 1, "old") || self.is_word(end + 1, "long"))
        {
            end += 2;
        }
        let mut d = Dur { amount, unit, extra: None };
        // "a minute and a half", "an hour and a half"
        if self.kw(end, Kw::And)
            && self.kw(end + 1, Kw::A)
            && self.kw(end + 2, Kw::Half)
            && let Amount::Milli(m) = d.amount
        {
            d.amount = Amount::Milli(m + 500);
            end += 3;
        }
        // "2 hours 30 minutes", "1 hour and 20 minutes"
        let k2 = if self.kw(end, Kw::And) { end + 1 } else { end };
        if let Some((Amount::Milli(m2), k3)) = self.amount(k2).filter(|(a, _)| matches!(a, Amount::Milli(_)))
            && let Lex::Unit(u2, _) = self.lex(k3)
            && u2 < unit
            && !self.kw(k2, Kw::A)
        {
            d.extra = Some((m2, u2));
            end = k3 + 1;
        }
        // "or so"
        Some((d, end, lead))
    }

    // ---------- sets ----------
    fn set(&self, i: usize) -> Option<(SetKind, usize)> {
        match self.lex(i) {
            Lex::Set(u) => return Some((SetKind::Every(1, u), i + 1)),
            Lex::Weekday(d, true) if self.weekday(i).is_some() => {
                let mut k = i + 1;
                let mut pod = None;
                if let Lex::Pod(p, _) = self.lex(k) {
                    pod = Some(p);
                    k += 1;
                }
                return Some((SetKind::Weekday(d, pod), k));
            }
            Lex::Kw(Kw::Every | Kw::Each) => {}
            Lex::Weekday(_, false) if matches!(self.lex(i + 1), Lex::Pod(_, true)) => {}
            Lex::Kw(Kw::A | Kw::Per)
                if i > 0 && matches!(self.lex(i - 1), Lex::Kw(Kw::Times | Kw::Twice | Kw::Once)) =>
            {
                if let Lex::Unit(u, false) = self.lex(i + 1) {
                    return Some((SetKind::Every(1, u), i + 2));
                }
                return None;
            }
            _ => return None,
        }
        let mut j = i + 1;
        if let (Lex::Weekday(d, false), Lex::Pod(p, true)) = (self.lex(i), self.lex(i + 1)) {
            return Some((SetKind::Weekday(d, Some(p)), i + 2));
        }
        if self.kw(j, Kw::Other) || self.is_word(j, "other") {
            if let Lex::Unit(u, false) = self.lex(j + 1) {
                return Some((SetKind::Every(2, u), j + 2));
            }
            return None;
        }
        match self.lex(j) {
            Lex::Unit(u, false) => return Some((SetKind::Every(1, u), j + 1)),
            Lex::Weekday(d, false) => {
                let mut pod = None;
                j += 1;
                if let Lex::Pod(p, false) = self.lex(j) {
                    pod = Some(p);
                    j += 1;
                }
                return Some((SetKind::Weekday(d, pod), j));
            }
            Lex::Month(m, _) => {
                let (_, k) = self.month(j)?;
                return Some((SetKind::Month(m), k));
            }
            Lex::Pod(p, false) => return Some((SetKind::Pod(p), j + 1)),
            Lex::Season(s, false) => return Some((SetKind::Season(s), j + 1)),
            _ => {}
        }
        if let Some((n, k)) = self.cardinal(j)
            && let Lex::Unit(u, true) = self.lex(k)
        {
            return Some((SetKind::Every(n, u), k + 1));
        }
        None
    }

    // ---------- references ----------
    fn reference(&self, i: usize) -> Option<(&'static str, usize)> {
        let t = self.tk(i)?;
        match t.lex {
            // "Now, ..." opening a sentence is a discourse marker
            Lex::Kw(Kw::Now) if t.capital && self.punct(i + 1, b',') && !self.phrase => None,
            Lex::Kw(Kw::Now) => Some(("PRESENT_REF", i + 1)),
            Lex::Kw(Kw::Currently | Kw::Nowadays) => Some(("PRESENT_REF", i + 1)),
            Lex::Kw(Kw::Atm) if t.all_caps || self.phrase => Some(("PRESENT_REF", i + 1)),
            Lex::Kw(Kw::The) if self.phrase && self.is_word(i + 1, "moment") => Some(("PRESENT_REF", i + 2)),
            Lex::Kw(Kw::These) if self.lex(i + 1) == Lex::Unit(Unit::Day, true) => Some(("PRESENT_REF", i + 2)),
            Lex::Kw(Kw::Current) => {
                // "current" as an adjective of time ("current conditions"); not
                // "the current year" (a relative date) nor "current account"
                if matches!(self.lex(i + 1), Lex::Unit(..) | Lex::Kw(Kw::Fiscal)) || self.is_word(i + 1, "account") {
                    return None;
                }
                Some(("PRESENT_REF", i + 1))
            }
            Lex::Kw(Kw::Recently | Kw::Lately) => Some(("PAST_REF", i + 1)),
            // "in past years" (no article, no number): a vague past reference
            Lex::Kw(Kw::Past)
                if !self.phrase
                    && self.lex(i + 1) == Lex::Unit(Unit::Year, true)
                    && !(i > 0 && matches!(self.lex(i - 1), Lex::Kw(Kw::The | Kw::This))) =>
            {
                Some(("PAST_REF", i + 2))
            }
            Lex::Kw(Kw::Recent) => {
                // "in recent years", "recent days": a past reference
                match self.lex(i + 1) {
                    Lex::Unit(Unit::Year | Unit::Day | Unit::Decade, true) => Some(("PAST_REF", i + 2)),
                    _ => None,
                }
            }
            Lex::Kw(Kw::Coming)
                if matches!(self.lex(i + 1), Lex::Unit(Unit::Month | Unit::Quarter | Unit::Year, true)) =>
            {
                Some(("FUTURE_REF", i + 2))
            }
            // "at a later date", "a future date": some time ahead
            Lex::Kw(Kw::A)
                if !self.phrase
                    && matches!(self.word(i + 1), Some("later" | "future"))
                    && self.is_word(i + 2, "date") =>
            {
                Some(("FUTURE_REF", i + 3))
            }
            Lex::Kw(Kw::The) if matches!(self.word(i + 1), Some("near" | "short")) && self.is_word(i + 2, "term") => {
                Some(("FUTURE_REF", i + 3))
            }
            Lex::Kw(Kw::The) => {
                let mut j = i + 1;
                if self.is_word(j, "near")
                    || self.is_word(j, "distant")
                    || self.is_word(j, "foreseeable")
                    || self.is_word(j, "immediate")
                {
                    j += 1;
                }
                // "the future of the alliance": the prospects of something, no
                // time ("in the future", "the near future" are)
                if self.kw(j, Kw::Future)
                    && !(j == i + 1 && self.is_word(j + 1, "of") && !self.is_word(j + 2, "course"))
                {
                    return Some(("FUTURE_REF", j + 1));
                }
                if self.kw(j, Kw::Past)
                    && j == i + 1
                    && i > 0
                    && (self.kw(i - 1, Kw::In) || self.is_word(i - 1, "than"))
                    && !matches!(
                        self.lex(j + 1),
                        Lex::Unit(..) | Lex::Num(_) | Lex::Kw(Kw::Few | Kw::Several | Kw::Couple)
                    )
                    && self.num_tok(j + 1).is_none()
                {
                    return Some(("PAST_REF", j + 1));
                }
                None
            }
            Lex::Kw(Kw::Future) if i > 0 && (self.kw(i - 1, Kw::In) || self.is_word(i - 1, "near")) => {
                Some(("FUTURE_REF", i + 1))
            }
            _ => None,
        }
    }

    // ---------- top level ----------
    /// Parse at token i: the longest candidate, with modifiers.
    pub fn parse_at(&self, i: usize) -> Option<Cand> {
        let t = self.tk(i)?;
        // fast reject
        if t.kind == TokKind::Word
            && t.lex == Lex::None
            && !self.lx.holiday_first.contains_key(self.word(i).unwrap_or(""))
            && !(self.is_word(i, "q") || self.is_word(i, "h"))
        {
            return None;
        }
        if matches!(t.kind, TokKind::Other) {
            return None;
        }
        if let TokKind::Punct(c) = t.kind
            && c != b'\''
        {
            return None;
        }
        // modifiers that wrap another expression
        if let Some(c) = self.modified(i) {
            return Some(c);
        }
        self.plain(i)
    }

    fn plain(&self, i: usize) -> Option<Cand> {
        let mut best: Option<Cand> = None;
        let mut take = |c: Option<Cand>| {
            if let Some(c) = c
                && best.as_ref().is_none_or(|b| c.end > b.end)
            {
                best = Some(c);
            }
        };
        if let Some((s, e)) = self.point(i) {
            take(Some(Cand { end: e, expr: Expr::Point(s), mod_: None }));
        }
        take(self.duration_expr(i));
        if let Some((k, e)) = self.set(i) {
            take(Some(Cand { end: e, expr: Expr::Set(k), mod_: None }));
        }
        if let Some((r, e)) = self.reference(i) {
            take(Some(Cand { end: e, expr: Expr::Ref(r), mod_: None }));
        }
        take(self.year_end(i));
        if self.phrase {
            take(self.offset_expr(i));
        }
        if let Some(c) = best {
            let c = if self.phrase { self.span_for(c) } else { c };
            let c = if self.phrase { self.day_then_range(c) } else { c };
            return Some(self.range_ext(i, c));
        }
        None
    }

    /// "by year-end", "around year end", "by year's end": the end of the
    /// current year ("since year-end": of the previous one). Not the adjective
    /// in "year-end results".
    fn year_end(&self, i: usize) -> Option<Cand> {
        if self.phrase || self.lex(i) != Lex::Unit(Unit::Year, false) {
            return None;
        }
        let k = if self.punct(i + 1, b'-') && self.glued(i + 1) {
            i + 2
        } else if self.punct(i + 1, b'\'') && self.is_word(i + 2, "s") {
            i + 3
        } else {
            i + 1
        };
        if !self.is_word(k, "end") {
            return None;
        }
        // an adjective: "year-end results", "year-end net"
        if self.tk(k + 1).is_some_and(|t| t.kind == TokKind::Word && t.space_before && !t.capital)
            && !matches!(self.lex(k + 1), Lex::Kw(_))
        {
            return None;
        }
        let prev = i.checked_sub(1).and_then(|p| self.word(p));
        if !matches!(prev, Some("by" | "at" | "before" | "until" | "till" | "since" | "around" | "after" | "near")) {
            return None;
        }
        let n = if prev == Some("since") { -1 } else { 0 };
        let s = Spec { shift: Some((Unit::Year, n)), ..Spec::default() };
        Some(Cand { end: k + 1, expr: Expr::Point(s), mod_: Some("END") })
    }

    /// Phrase mode: "a year after Christmas", "three days after Easter",
    /// "15 minutes from 1pm", "two sundays from now", "March in a year",
    /// "Friday after next", "for 10 days from 18th Dec".
    fn offset_expr(&self, i: usize) -> Option<Cand> {
        // "Friday after next", "March after next"
        if let Some((s, e)) = self.point_core(i)
            && self.kw(e, Kw::After)
            && self.kw(e + 1, Kw::Next)
            && s.year.is_none()
            && s.day.is_none()
        {
            let unit = if s.weekday.is_some() { Unit::Week } else { Unit::Year };
            return Some(Cand { end: e + 2, expr: Expr::Offset(s, unit, 1), mod_: None });
        }
        // "March in a year", "March in 1 year"
        if let Some((s, e)) = self.point_core(i)
            && s.month.is_some()
            && s.year.is_none()
            && self.kw(e, Kw::In)
            && let Some((d, e2, false)) = self.duration(e + 1)
            && let Some((u, n)) = exact_shift(&d)
        {
            return Some(Cand { end: e2, expr: Expr::Offset(s, u, n), mod_: None });
        }
        // "for 10 days from 18th Dec"
        if self.kw(i, Kw::For)
            && let Some((d, e, false)) = self.duration(i + 1)
            && (self.kw(e, Kw::From) || self.is_word(e, "starting"))
        {
            let k = if self.is_word(e, "starting") && self.kw(e + 1, Kw::From) { e + 2 } else { e + 1 };
            if let Some((s, e2)) = self.point(k) {
                return Some(Cand { end: e2, expr: Expr::SpanFrom(s, d), mod_: None });
            }
        }
        // "two sundays from now"
        if let Some((n, k)) = self.cardinal(i).or_else(|| self.kw(i, Kw::A).then_some((1, i + 1)))
            && let Lex::Weekday(w, _) = self.lex(k)
            && self.kw(k + 1, Kw::From)
            && self.kw(k + 2, Kw::Now)
            && (1..=520).contains(&n)
        {
            let s = Spec { weekday: Some(w), ..Spec::default() };
            let first_next = Expr::Offset(s, Unit::Week, n as i32 - 1);
            return Some(Cand { end: k + 3, expr: first_next, mod_: None });
        }
        // "a year after Christmas", "15 minutes from 1pm"
        let (d, e, false) = self.duration(i)? else { return None };
        let sign = match self.lex(e) {
            Lex::Kw(Kw::After | Kw::From) => 1,
            Lex::Kw(Kw::Before) => -1,
            _ => return None,
        };
        if self.kw(e + 1, Kw::Now) || self.kw(e + 1, Kw::Today) || self.kw(e + 1, Kw::Right) {
            return None;
        }
        let (s, e2) = self.point(e + 1)?;
        let (u, n) = exact_shift(&d)?;
        Some(Cand { end: e2, expr: Expr::Offset(s, u, sign * n), mod_: None })
    }

    /// Phrase mode: "Thursday from 9a to 11a": a day, then a clock range on it.
    fn day_then_range(&self, c: Cand) -> Cand {
        let Expr::Point(d) = c.expr else { return c };
        if d.has_time() || !(d.weekday.is_some() || d.day.is_some() || d.shift.is_some()) {
            return c;
        }
        let k = if self.kw(c.end, Kw::From) || self.kw(c.end, Kw::Between) { c.end + 1 } else { return c };
        if let Some(r) = self.plain(k)
            && let Expr::Range(a, b) = r.expr
            && a.has_time()
            && b.has_time()
            && a.month.is_none()
            && a.weekday.is_none()
            && a.shift.is_none()
        {
            let a = merge_time(d, a);
            let b = merge_time(d, b);
            return Cand { end: r.end, expr: Expr::Range(a, b), mod_: c.mod_ };
        }
        c
    }

    /// Phrase mode: "18th Dec for 10 days", "from 4pm for thirty minutes".
    fn span_for(&self, c: Cand) -> Cand {
        if let Expr::Point(s) = c.expr
            && self.kw(c.end, Kw::For)
            && let Some((d, e, false)) = self.duration(c.end + 1)
        {
            return Cand { end: e, expr: Expr::SpanFrom(s, d), mod_: c.mod_ };
        }
        c
    }

    /// Durations and the points they make with "ago", "earlier", "later",
    /// "from now", "hence"; "in N units" in phrase mode.
    fn duration_expr(&self, i: usize) -> Option<Cand> {
        let (d, mut e, lead) = self.duration(i)?;
        let mut approx = None;
        // "a week or so", "the next two years or so"
        if self.kw(e, Kw::Or) && self.kw(e + 1, Kw::So) {
            e += 2;
            approx = Some("APPROX");
        }
        let after = self.lex(e);
        let sign = match after {
            Lex::Kw(Kw::Ago) => Some((-1, Base::Reference)),
            Lex::Kw(Kw::Hence) => Some((1, Base::Reference)),
            Lex::Kw(Kw::Earlier) => Some((-1, Base::Reference)),
            Lex::Kw(Kw::Later) if self.phrase => Some((1, Base::Reference)),
            Lex::Kw(Kw::From) if self.kw(e + 1, Kw::Now) || self.kw(e + 1, Kw::Today) => Some((1, Base::Reference)),
            Lex::Kw(Kw::From) if self.kw(e + 1, Kw::Right) && self.kw(e + 2, Kw::Now) => Some((1, Base::Reference)),
            _ => None,
        };
        if let (Some((sg, base)), false) = (sign, lead) {
            let mut end = e + 1;
            if self.kw(e, Kw::From) {
                end = if self.kw(e + 1, Kw::Right) { e + 3 } else { e + 2 };
            }
            let s = match d.amount {
                Amount::Milli(m) if m % 1000 == 0 && m <= 10_000_000 => {
                    let (u, mult) = match d.unit {
                        Unit::Fortnight => (Unit::Day, 14),
                        Unit::Decade => (Unit::Year, 10),
                        Unit::Century => (Unit::Year, 100),
                        Unit::Millennium => (Unit::Year, 1000),
                        Unit::Quarter => (Unit::Month, 3),
                        u => (u, 1),
                    };
                    let n = (m / 1000) as i32 * mult * sg;
                    Spec { shift: Some((u, n)), shift_exact: true, base, ..Spec::default() }
                }
                _ => {
                    return Some(Cand {
                        end,
                        expr: Expr::Ref(if sg < 0 { "PAST_REF" } else { "FUTURE_REF" }),
                        mod_: approx,
                    });
                }
            };
            return Some(Cand { end, expr: Expr::Point(s), mod_: approx });
        }
        // Duckling: "in 2 hours" -> a point
        if self.phrase
            && !lead
            && i > 0
            && (self.kw(i - 1, Kw::In) || (self.is_word(i - 1, "more") && self.kw(i.saturating_sub(2), Kw::In)))
            && let Some((u, n)) = exact_shift(&d)
        {
            let s = Spec { shift: Some((u, n)), shift_exact: true, ..Spec::default() };
            return Some(Cand { end: e, expr: Expr::Point(s), mod_: None });
        }
        // Duckling: "last 2 days", "next three weeks" -> an interval of whole units
        if self.phrase && lead && d.extra.is_none() {
            let j = self.skip_the(i);
            let upcoming = (i..e).any(|x| self.is_word(x, "upcoming"));
            let dir = match self.lex(j) {
                _ if upcoming => 1,
                Lex::Kw(Kw::Last | Kw::Past | Kw::Previous) => -1,
                Lex::Kw(Kw::Next | Kw::Coming | Kw::Following) => 1,
                _ => 0,
            };
            if let (Amount::Milli(m), true) = (d.amount, dir != 0)
                && m % 1000 == 0
                && m > 0
                && m <= 1_000_000
            {
                let n = (m / 1000) as i32;
                if upcoming {
                    // "upcoming two days": the day two days ahead
                    let s = Spec { shift: Some((d.unit, n)), ..Spec::default() };
                    return Some(Cand { end: e, expr: Expr::Point(s), mod_: None });
                }
                let (a, b) = if dir < 0 { (-n, -1) } else { (1, n) };
                let sa = Spec { shift: Some((d.unit, a)), ..Spec::default() };
                let sb = Spec { shift: Some((d.unit, b)), ..Spec::default() };
                return Some(Cand { end: e, expr: Expr::Range(sa, sb), mod_: None });
            }
        }
        Some(Cand { end: e, expr: Expr::Duration(d), mod_: approx })
    }

    /// Modifiers before an expression: approximation and period parts.
    fn modified(&self, i: usize) -> Option<Cand> {
        // BOM / EOM / BOY / EOY / EOD (phrase mode or written in capitals)
        if let Some(w) = self.word(i)
            && (self.phrase || self.tk(i).is_some_and(|t| t.all_caps))
        {
            let hit = match w {
                "bod" => Some(("START", Unit::Day)),
                "eod" => Some(("END", Unit::Day)),
                "bow" => Some(("START", Unit::Week)),
                "eow" => Some(("END", Unit::Week)),
                "bom" => Some(("START", Unit::Month)),
                "eom" => Some(("END", Unit::Month)),
                "boy" => Some(("START", Unit::Year)),
                "eoy" => Some(("END", Unit::Year)),
                _ => None,
            };
            if let Some((m, u)) = hit {
                let s = Spec { shift: Some((u, 0)), ..Spec::default() };
                return Some(Cand { end: i + 1, expr: Expr::Point(s), mod_: Some(m) });
            }
        }
        let (m, j): (&'static str, usize) = match self.lex(i) {
            Lex::Kw(Kw::About | Kw::Around | Kw::Approximately | Kw::Roughly) => ("APPROX", i + 1),
            Lex::Kw(Kw::Some) if matches!(self.lex(i + 1), Lex::Num(_)) || self.num_tok(i + 1).is_some() => {
                ("APPROX", i + 1)
            }
            Lex::Kw(Kw::Nearly) => ("APPROX", i + 1),
            Lex::Kw(Kw::Almost) => ("LESS_THAN", i + 1),
            Lex::Kw(Kw::More) if self.kw(i + 1, Kw::Than) => ("MORE_THAN", i + 2),
            Lex::Kw(Kw::Less) if self.kw(i + 1, Kw::Than) => ("LESS_THAN", i + 2),
            Lex::Kw(Kw::Over) if self.kw(i + 1, Kw::A) || self.phrase => ("MORE_THAN", i + 1),
            Lex::Kw(Kw::Under) if self.kw(i + 1, Kw::A) || self.phrase => ("LESS_THAN", i + 1),
            Lex::Kw(Kw::No) if self.kw(i + 1, Kw::More) && self.kw(i + 2, Kw::Than) => ("EQUAL_OR_LESS", i + 3),
            Lex::Kw(Kw::Right | Kw::Just) if self.kw(i + 1, Kw::Now) => ("", i + 1),
            Lex::Kw(Kw::More) if self.kw(i + 1, Kw::Recently) => ("", i + 1),
            Lex::Kw(Kw::The) if matches!(self.lex(i + 1), Lex::Kw(Kw::Early | Kw::Late | Kw::Mid)) => {
                let m = match self.lex(i + 1) {
                    Lex::Kw(Kw::Early) => "START",
                    Lex::Kw(Kw::Late) => "END",
                    _ => "MID",
                };
                (m, i + 2)
            }
            Lex::Kw(Kw::At) if self.kw(i + 1, Kw::Least) => ("EQUAL_OR_MORE", i + 2),
            Lex::Kw(Kw::At) if self.kw(i + 1, Kw::Most) => ("EQUAL_OR_LESS", i + 2),
            Lex::Kw(Kw::Up) if self.kw(i + 1, Kw::To) => ("EQUAL_OR_LESS", i + 2),
            Lex::Kw(Kw::Just) if self.kw(i + 1, Kw::Over) => ("MORE_THAN", i + 2),
            Lex::Kw(Kw::Just) if self.kw(i + 1, Kw::Under) => ("LESS_THAN", i + 2),
            Lex::Kw(Kw::Early) => ("START", i + 1),
            Lex::Kw(Kw::Late) => ("END", i + 1),
            Lex::Kw(Kw::Mid) => ("MID", i + 1),
            // "earlier this month", "later yesterday"; not "earlier this week",
            // "later Thursday" (TimeBank tags the day alone there)
            Lex::Kw(Kw::Earlier | Kw::Later)
                if (matches!(self.lex(i + 1), Lex::Kw(Kw::Yesterday))
                    || (matches!(self.lex(i + 1), Lex::Kw(Kw::This | Kw::That))
                        && !matches!(self.lex(i + 2), Lex::Unit(Unit::Week, _))))
                    && !self.kw(i + 1, Kw::Tonight) =>
            {
                (if self.kw(i, Kw::Earlier) { "START" } else { "END" }, i + 1)
            }
            Lex::Kw(Kw::The)
                if matches!(self.lex(i + 1), Lex::Kw(Kw::End | Kw::Beginning | Kw::Start | Kw::Middle))
                    && self.kw(i + 2, Kw::Of) =>
            {
                let m = match self.lex(i + 1) {
                    Lex::Kw(Kw::End) => "END",
                    Lex::Kw(Kw::Middle) => "MID",
                    _ => "START",
                };
                (m, i + 3)
            }
            Lex::Kw(Kw::End | Kw::Beginning | Kw::Start | Kw::Middle) if self.kw(i + 1, Kw::Of) => {
                let m = match self.lex(i) {
                    Lex::Kw(Kw::End) => "END",
                    Lex::Kw(Kw::Middle) => "MID",
                    _ => "START",
                };
                (m, i + 2)
            }
            _ => return None,
        };
        let mut j = j;
        if (m == "MID" || m == "START" || m == "END") && self.punct(j, b'-') && self.glued(j) {
            j += 1;
        }
        // phrase mode: "beginning of year", "end of month"
        let bare_unit = match self.lex(j) {
            Lex::Unit(u @ (Unit::Day | Unit::Week | Unit::Month | Unit::Year), false)
                if self.phrase && !(m == "MID" && u == Unit::Day) =>
            {
                Some(u)
            }
            _ => None,
        };
        let inner = match bare_unit {
            Some(u) => {
                Cand { end: j + 1, expr: Expr::Point(Spec { shift: Some((u, 0)), ..Spec::default() }), mod_: None }
            }
            None => self.plain(j)?,
        };
        if m.is_empty() {
            // "right now", "more recently": part of the span, no modifier
            return match inner.expr {
                Expr::Ref(_) => Some(Cand { end: inner.end, expr: inner.expr, mod_: None }),
                _ => None,
            };
        }
        match inner.expr {
            Expr::Point(p) if matches!(m, "START" | "END" | "MID") => {
                let _ = p;
            }
            Expr::Point(p) if matches!(m, "APPROX" | "LESS_THAN" | "MORE_THAN") => {
                // "about 10:35 a.m.", "about two years ago"; not "around Wednesday"
                if !(p.hour.is_some() || p.shift_exact || self.phrase) {
                    return None;
                }
                if p.shift_exact && !self.phrase && !self.kw(i, Kw::Nearly) {
                    // "almost two years ago": TimeML annotates the duration
                    if let Some((d, _, _)) = self.duration(j) {
                        return Some(Cand { end: inner.end, expr: Expr::Duration(d), mod_: Some(m) });
                    }
                }
            }
            Expr::Duration(_) => {
                if matches!(m, "START" | "END" | "MID") {
                    return None;
                }
                // "about three days": TimeBank leaves "about" out of durations
                if m == "APPROX" && !self.phrase && !self.kw(i, Kw::Nearly) {
                    return None;
                }
            }
            _ => return None,
        }
        // "over the past two years": the "over" is a preposition
        if matches!(self.lex(i), Lex::Kw(Kw::Over | Kw::Under)) && self.kw(j, Kw::The) {
            return None;
        }
        if matches!(self.lex(i), Lex::Kw(Kw::Over | Kw::Around | Kw::About))
            && matches!(inner.expr, Expr::Point(_))
            && self.lex(i) == Lex::Kw(Kw::Over)
        {
            return None;
        }
        let mod_ = match (inner.mod_, m) {
            (Some(x), "APPROX") => Some(x),
            _ => Some(m),
        };
        Some(Cand { end: inner.end, expr: inner.expr, mod_ })
    }

    /// Ranges: "from X to Y", "between X and Y", "X - Y", "X to Y" (phrase mode),
    /// "Oct. 14-16".  In running text only the explicit "Month D-D" form is
    /// merged; TimeML tags range ends separately.
    fn range_ext(&self, _i: usize, c: Cand) -> Cand {
        let Expr::Point(a) = c.expr else { return c };
        let j = c.end;
        // "Oct. 14-16"
        if a.day.is_some()
            && a.month.is_some()
            && self.punct(j, b'-')
            && self.glued(j)
            && self.glued(j + 1)
            && let Some((d2, k)) = self.day(j + 1)
            && d2 > a.day.unwrap_or(0)
        {
            let mut b = a;
            b.day = Some(d2);
            b.weekday = None;
            return Cand { end: k, expr: Expr::Range(a, b), mod_: c.mod_ };
        }
        if !self.phrase {
            return c;
        }
        let sep = self.punct(j, b'-')
            || self.kw(j, Kw::To)
            || self.kw(j, Kw::Until)
            || self.kw(j, Kw::Through)
            || self.kw(j, Kw::And);
        if !sep {
            return c;
        }
        let k = j + 1;
        let k =
            if self.kw(k, Kw::The) && self.day_month(k).is_none() && self.day_only(k).is_none() { k + 1 } else { k };
        if let Some((b, e)) = self.point(k).or_else(|| self.range_end_num(k, &a)) {
            return Cand { end: e, expr: Expr::Range(a, b), mod_: c.mod_ };
        }
        c
    }

    /// A bare number as the end of a range: "3-4pm" -> the 3 gets pm; "13 to 15 July".
    fn range_end_num(&self, k: usize, a: &Spec) -> Option<(Spec, usize)> {
        if a.hour.is_some() {
            let (h, e) = self.cardinal(k)?;
            if (1..=24).contains(&h) {
                return Some((Spec { hour: Some(h as u8), nth: Some(CLOCK_AMBIGUOUS), ..Spec::default() }, e));
            }
        }
        None
    }
}

/// The longest a month can be (February: 29).
pub(crate) fn max_day(m: u8) -> u8 {
    match m {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A duration as a whole number of one unit (2.5 hours = 150 minutes).
fn exact_shift(d: &Dur) -> Option<(Unit, i32)> {
    let Amount::Milli(m) = d.amount else { return None };
    let (mut unit, mut m) = (d.unit, m);
    if m % 1000 != 0 {
        let (smaller, per) = match unit {
            Unit::Hour => (Unit::Minute, 60),
            Unit::Minute => (Unit::Second, 60),
            Unit::Day => (Unit::Hour, 24),
            Unit::Week => (Unit::Day, 7),
            Unit::Year => (Unit::Month, 12),
            _ => return None,
        };
        m = m.checked_mul(per)?;
        unit = smaller;
        if m % 1000 != 0 {
            return None;
        }
    }
    if let Some((m2, u2)) = d.extra {
        let per: u64 = match (unit, u2) {
            (Unit::Hour, Unit::Minute) | (Unit::Minute, Unit::Second) => 60,
            _ => return None,
        };
        m = m.checked_mul(per)?.checked_add(m2)?;
        unit = u2;
    }
    i32::try_from(m / 1000).ok().map(|n| (unit, n))
}

/// Combine a date-ish spec and a clock time.
pub fn merge_time(mut d: Spec, tm: Spec) -> Spec {
    d.hour = tm.hour;
    d.minute = tm.minute;
    d.second = tm.second;
    d.tz = tm.tz.or(d.tz);
    if tm.nth.is_some() && d.nth.is_none() {
        d.nth = tm.nth;
    }
    // pm inference from the part of day: "tonight at 8", "Saturday morning at 9"
    if let (Some(h), Some(p)) = (d.hour, d.pod) {
        if h < 12 && matches!(p, Pod::Afternoon | Pod::Evening | Pod::Night) && !(p == Pod::Night && h < 5) {
            d.hour = Some(h + 12);
        }
        if d.nth == Some(CLOCK_AMBIGUOUS) {
            d.nth = None;
        }
    }
    d
}
