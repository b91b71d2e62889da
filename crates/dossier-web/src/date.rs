//! Date strings found on web pages: ISO 8601, RFC 2822, numeric day-month-year orders and
//! month names in English, German, French, Spanish, Italian, Dutch and Portuguese.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

/// Earliest publication date accepted (before the web was a news medium).
pub const MIN_YEAR: i16 = 1995;

fn month_number(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.').to_lowercase();
    let w = w.as_str();
    let m = match w {
        "january" | "jan" | "januar" | "janvier" | "janv" | "enero" | "ene" | "gennaio" | "gen" | "januari"
        | "janeiro" | "jänner" | "jän" => 1,
        "february" | "feb" | "februar" | "février" | "fevrier" | "févr" | "fevr" | "febrero" | "febbraio"
        | "februari" | "fevereiro" | "fev" | "fév" => 2,
        "march" | "mar" | "märz" | "maerz" | "mär" | "mars" | "marzo" | "maart" | "março" | "marco" | "mrz" => 3,
        "april" | "apr" | "avril" | "avr" | "abril" | "abr" | "aprile" => 4,
        "may" | "mai" | "mayo" | "maggio" | "mag" | "mei" | "maio" => 5,
        "june" | "jun" | "juni" | "juin" | "junio" | "giugno" | "giu" | "junho" => 6,
        "july" | "jul" | "juli" | "juillet" | "juil" | "julio" | "luglio" | "lug" | "julho" => 7,
        "august" | "aug" | "août" | "aout" | "agosto" | "ago" | "augustus" => 8,
        "september" | "sep" | "sept" | "septembre" | "septiembre" | "settembre" | "set" | "setembro" => 9,
        "october" | "oct" | "oktober" | "okt" | "octobre" | "octubre" | "ottobre" | "ott" | "outubro" | "out" => 10,
        "november" | "nov" | "novembre" | "noviembre" | "novembro" => 11,
        "december" | "dec" | "dezember" | "dez" | "décembre" | "decembre" | "déc" | "diciembre" | "dic"
        | "dicembre" | "dezembro" => 12,
        _ => return None,
    };
    Some(m)
}

const MONTHS: &str = r"(?i:jan(?:uary|uar|vier|\.)?|jänner|jän|janeiro|januari|enero|gennaio|feb(?:ruary|ruar|rero|braio|ruari|\.)?|f[ée]vr(?:ier|\.)?|fevereiro|mar(?:ch|zo|s|ço|\.)?|m[äa]e?rz|mär|maart|apr(?:il|ile|\.)?|avr(?:il|\.)?|abril|may|mai|mayo|maggio|mei|maio|jun[ei]?(?:o|\.)?|juin|giugno|junho|jul[iy]?(?:o|\.)?|juillet|luglio|julho|aug(?:ust|ustus|\.)?|août|aout|agosto|sep(?:t|tember|tembre|tiembre|\.)?|settembre|setembro|o[ck]t(?:ober|obre|ubre|\.)?|ottobre|outubro|nov(?:ember|embre|iembre|embro|\.)?|de[cz](?:ember|\.)?|d[ée]cembre|diciembre|dicembre|dezembro)";

struct Patterns {
    iso: Regex,
    cjk: Regex,
    ymd_sep: Regex,
    dmy_dot: Regex,
    numeric: Regex,
    month_day_year: Regex,
    day_month_year: Regex,
}

static PAT: LazyLock<Patterns> = LazyLock::new(|| {
    #[allow(clippy::expect_used)]
    let re = |s: &str| Regex::new(s).expect("static date pattern");
    Patterns {
        iso: re(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d|\b)"),
        cjk: re(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]"),
        ymd_sep: re(r"\b(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b"),
        dmy_dot: re(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})\b"),
        numeric: re(r"\b(\d{1,2})[/-](\d{1,2})[/-](\d{4})\b"),
        month_day_year: re(&format!(r"\b({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b")),
        day_month_year: re(&format!(
            r"\b(\d{{1,2}})(?:\.|st|nd|rd|th|er|º)?\s*(?:de\s+)?({MONTHS})\.?\s*,?\s*(?:de\s+)?(\d{{4}})\b"
        )),
    }
});

fn ymd(y: &str, m: &str, d: &str) -> Option<Date> {
    let y: i16 = y.parse().ok()?;
    let m: i8 = m.parse().ok()?;
    let d: i8 = d.parse().ok()?;
    if y < MIN_YEAR {
        return None;
    }
    Date::new(y, m, d).ok()
}

/// Day order for all-numeric dates like `05/11/2019`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumericOrder {
    /// Month first (US English).
    MonthDay,
    /// Day first (most of the world).
    DayMonth,
}

/// The first date in `s`, trying the unambiguous forms first.
pub fn find_date(s: &str, order: NumericOrder) -> Option<Date> {
    find_date_at(s, order).map(|(d, _)| d)
}

/// The earliest-positioned date in `s` and its byte offset.
pub fn find_date_at(s: &str, order: NumericOrder) -> Option<(Date, usize)> {
    let p = &*PAT;
    let mut best: Option<(Date, usize)> = None;
    let mut consider = |d: Option<Date>, at: usize| {
        if let Some(d) = d
            && best.is_none_or(|(_, b)| at < b)
        {
            best = Some((d, at));
        }
    };
    for c in p.iso.captures_iter(s).take(4) {
        consider(ymd(&c[1], &c[2], &c[3]), c.get(0).map_or(0, |m| m.start()));
    }
    for c in p.cjk.captures_iter(s).take(4) {
        consider(ymd(&c[1], &c[2], &c[3]), c.get(0).map_or(0, |m| m.start()));
    }
    for c in p.ymd_sep.captures_iter(s).take(4) {
        consider(ymd(&c[1], &c[2], &c[3]), c.get(0).map_or(0, |m| m.start()));
    }
    for c in p.dmy_dot.captures_iter(s).take(4) {
        let year = if c[3].len() == 2 { format!("20{}", &c[3]) } else { c[3].to_string() };
        consider(ymd(&year, &c[2], &c[1]), c.get(0).map_or(0, |m| m.start()));
    }
    for c in p.month_day_year.captures_iter(s).take(4) {
        let m = month_number(&c[1]).map(|m| m.to_string());
        consider(m.and_then(|m| ymd(&c[3], &m, &c[2])), c.get(0).map_or(0, |m| m.start()));
    }
    for c in p.day_month_year.captures_iter(s).take(4) {
        let m = month_number(&c[2]).map(|m| m.to_string());
        consider(m.and_then(|m| ymd(&c[3], &m, &c[1])), c.get(0).map_or(0, |m| m.start()));
    }
    for c in p.numeric.captures_iter(s).take(4) {
        let (a, b): (u8, u8) = (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0));
        let d = if a > 12 {
            ymd(&c[3], &c[2], &c[1])
        } else if b > 12 {
            ymd(&c[3], &c[1], &c[2])
        } else {
            match order {
                NumericOrder::MonthDay => ymd(&c[3], &c[1], &c[2]),
                NumericOrder::DayMonth => ymd(&c[3], &c[2], &c[1]),
            }
        };
        consider(d, c.get(0).map_or(0, |m| m.start()));
    }
    best
}

/// A date in a URL path: `/2019/11/05/`, `/2019-11-05`, `/20191105`, or `/2019/11/` (no day:
/// not a publication day, so `None`).
pub fn url_date(url: &str) -> Option<Date> {
    static URL: LazyLock<Regex> = LazyLock::new(|| {
        #[allow(clippy::expect_used)]
        Regex::new(r"[/_-]((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$|\D)")
            .expect("static url pattern")
    });
    static URL_DMY: LazyLock<Regex> = LazyLock::new(|| {
        #[allow(clippy::expect_used)]
        Regex::new(r"/(0[1-9]|[12]\d|3[01])[-_.](0[1-9]|1[0-2])[-_.]((?:19|20)\d{2})(?:[/_.-]|$)")
            .expect("static url pattern")
    });
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = path.find('/').map_or("", |i| &path[i..]);
    if let Some(c) = URL.captures(path) {
        return ymd(&c[1], &c[2], &c[3]);
    }
    let c = URL_DMY.captures(path)?;
    ymd(&c[3], &c[2], &c[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        find_date(s, NumericOrder::MonthDay).map(|d| d.to_string())
    }

    #[test]
    fn formats() {
        assert_eq!(d("2019-11-05T10:00:00Z").as_deref(), Some("2019-11-05"));
        assert_eq!(d("Posted on November 5th, 2019 at 10am").as_deref(), Some("2019-11-05"));
        assert_eq!(d("Tue, 05 Nov 2019 10:00:00 GMT").as_deref(), Some("2019-11-05"));
        assert_eq!(d("veröffentlicht am 5. März 2020").as_deref(), Some("2020-03-05"));
        assert_eq!(d("Stand: 05.03.2020, 10:15 Uhr").as_deref(), Some("2020-03-05"));
        assert_eq!(d("Von: A. B. | 31.10.23").as_deref(), Some("2023-10-31"));
        assert_eq!(d("2020年07月03日 | 徒歩").as_deref(), Some("2020-07-03"));
        assert_eq!(d("le 12 janvier 2021").as_deref(), Some("2021-01-12"));
        assert_eq!(d("11/05/2019").as_deref(), Some("2019-11-05"));
        assert_eq!(
            find_date("11/05/2019", NumericOrder::DayMonth).map(|d| d.to_string()).as_deref(),
            Some("2019-05-11")
        );
        assert_eq!(d("25/12/2019").as_deref(), Some("2019-12-25"));
        assert_eq!(d("Sept. 3, 2018").as_deref(), Some("2018-09-03"));
        assert_eq!(d("2019-02-30"), None);
        assert_eq!(d("1988-01-01"), None);
        assert_eq!(d("no date here"), None);
    }

    #[test]
    fn urls() {
        assert_eq!(
            url_date("https://x.com/2019/11/05/story-name/").map(|d| d.to_string()).as_deref(),
            Some("2019-11-05")
        );
        assert_eq!(
            url_date("https://x.com/news/2019-11-05-story").map(|d| d.to_string()).as_deref(),
            Some("2019-11-05")
        );
        assert_eq!(
            url_date("https://x.com/a/20191105/story.html").map(|d| d.to_string()).as_deref(),
            Some("2019-11-05")
        );
        assert_eq!(url_date("https://x.com/2019/11/story"), None);
        assert_eq!(url_date("https://x.org/news/29-10-2021").map(|d| d.to_string()).as_deref(), Some("2021-10-29"));
        assert_eq!(url_date("https://2019-11-05.com/"), None);
    }
}
