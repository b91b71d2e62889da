//! Event merging: the reports of one real event become one event with every source.
//!
//! Two per-report events join when they have the same type, compatible participants (one set
//! inside the other, or half of them shared) and compatible dates at their precision
//! (`[from, to)` intervals overlap; a month contains its days). Reports whose dates conflict
//! still join when their wording corroborates that they tell the same event (shared words
//! around the trigger or a shared quote), so a misdated retelling surfaces as a date
//! contradiction instead of a phantom second event; two events of one document with
//! conflicting dates are always distinct. Undated reports join only a candidate they
//! corroborate (shared quote or words) better than any other, near their publication.

use crate::norm::WordSet;
use std::collections::{BTreeMap, BTreeSet};

/// One per-report event with its participants already resolved to corpus actors.
#[derive(Debug, Clone, Default)]
pub struct EventIn {
    pub doc: i64,
    pub kind: String,
    pub participants: BTreeSet<i64>,
    /// Day interval `[from, to)` (ISO dates), when dated.
    pub date: Option<(String, String)>,
    /// Content words around the trigger (without participant names and numbers), as
    /// [`Vocab`](crate::norm::Vocab) numbers.
    pub words: WordSet,
    /// Quote clusters of the document (ids of near-identical quotes across reports).
    pub quotes: BTreeSet<usize>,
    /// Publication day of the report (ISO date), when known: it bounds when an undated
    /// event happened.
    pub published: Option<String>,
    /// The report tells it as a repetition (`spoke again`, `another call`, `a second
    /// meeting`): another occurrence than the one told with a different date, however alike
    /// the wording.
    pub repeat: bool,
}

/// Word overlap that counts as corroboration of a conflicting date.
pub const CORROBORATION: f64 = 0.5;

/// Conflicting dates further apart than this are different events however alike the
/// reports read (a misdated retelling is off by days, a month, a year's typo at most).
pub const MAX_MISDATING_DAYS: i64 = 366;

/// An undated event of a report joins events dated within this many days before the
/// report's publication (or reported in another report published that close)...
pub const UNDATED_BEFORE_DAYS: i64 = 31;
/// ... or this many days after it (an announced meeting).
pub const UNDATED_AFTER_DAYS: i64 = 14;

/// Days since 1970-01-01 of an ISO date (`YYYY-MM-DD...`); `None` unless it is a real day.
pub fn day_number(iso: &str) -> Option<i64> {
    let y: i16 = iso.get(..4)?.parse().ok()?;
    let m: i8 = iso.get(5..7)?.parse().ok()?;
    let d: i8 = iso.get(8..10)?.parse().ok()?;
    let day = jiff::civil::Date::new(y, m, d).ok()?;
    Some(day.duration_since(jiff::civil::date(1970, 1, 1)).as_secs().div_euclid(86_400))
}

/// Days between two `[from, to)` intervals (0 when they touch or overlap).
fn gap_days(a: &(String, String), b: &(String, String)) -> Option<i64> {
    let (a0, a1, b0, b1) = (day_number(&a.0)?, day_number(&a.1)?, day_number(&b.0)?, day_number(&b.1)?);
    Some((b0 - a1).max(a0 - b1).max(0))
}

/// Whether an undated event of report `u` can be event `d` by time: `d`'s date lies in the
/// window around `u`'s publication, or, undated too, `d`'s report was published in it.
/// Without a publication date on either side, time says nothing.
fn undated_near(u: &EventIn, d: &EventIn) -> bool {
    let Some(p) = u.published.as_deref().and_then(day_number) else { return true };
    let window = (p - UNDATED_BEFORE_DAYS, p + UNDATED_AFTER_DAYS + 1);
    match (&d.date, d.published.as_deref().and_then(day_number)) {
        (Some((f, t)), _) => match (day_number(f), day_number(t)) {
            (Some(f), Some(t)) => f < window.1 && window.0 < t,
            _ => true,
        },
        (None, Some(q)) => (q - p).abs() <= UNDATED_BEFORE_DAYS,
        (None, None) => true,
    }
}
fn overlaps(a: &(String, String), b: &(String, String)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// One set inside the other, or half of the larger shared, counting at least two actors:
/// `Iran → Germany` and `Iran → Israel` share half their actors and are different dyads.
fn participants_compatible(a: &BTreeSet<i64>, b: &BTreeSet<i64>) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let shared = a.intersection(b).count();
    shared == a.len().min(b.len()) || (shared >= 2 && shared * 2 >= a.len().max(b.len()))
}

/// Share of the smaller word set found in the other.
fn overlap(a: &WordSet, b: &WordSet) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    a.shared(b) as f64 / a.len().min(b.len()) as f64
}

fn corroborated(a: &EventIn, b: &EventIn) -> bool {
    let plausible = match (&a.date, &b.date) {
        (Some(x), Some(y)) => gap_days(x, y).is_none_or(|g| g <= MAX_MISDATING_DAYS),
        _ => true,
    };
    a.doc != b.doc
        && plausible
        && (a.quotes.intersection(&b.quotes).next().is_some() || overlap(&a.words, &b.words) >= CORROBORATION)
}

struct Clusters {
    parent: Vec<usize>,
    /// Per root: member event indices.
    members: Vec<Vec<usize>>,
}

impl Clusters {
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }
}

/// Whether two clusters may be one event: each pair of their reports with conflicting dates
/// must be backed by corroboration between one report and the other's cluster, so a vague
/// date (`October`) cannot chain two distinct calls while a misdated retelling still joins;
/// none of them may be told as a repetition.
fn may_join(ev: &[EventIn], a: &[usize], b: &[usize]) -> bool {
    let backed = |x: usize, other: &[usize]| other.iter().any(|&z| corroborated(&ev[x], &ev[z]));
    a.iter().all(|&i| {
        b.iter().all(|&j| match (&ev[i].date, &ev[j].date) {
            // A report that tells its event as a repetition keeps it apart from other days.
            (Some(x), Some(y)) if !overlaps(x, y) => !(ev[i].repeat || ev[j].repeat) && (backed(i, b) || backed(j, a)),
            _ => true,
        })
    })
}

/// Cluster number per event (dense, in order of first appearance).
pub fn merge(ev: &[EventIn]) -> Vec<usize> {
    let n = ev.len();
    let mut c = Clusters { parent: (0..n).collect(), members: (0..n).map(|i| vec![i]).collect() };
    // Candidate pairs: same type and a shared participant; big groups compare date neighbours.
    let mut groups: BTreeMap<(&str, i64), Vec<usize>> = BTreeMap::new();
    for (i, e) in ev.iter().enumerate() {
        for &p in &e.participants {
            groups.entry((e.kind.as_str(), p)).or_default().push(i);
        }
    }
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    for g in groups.values_mut() {
        g.sort_by(|&a, &b| ev[a].date.cmp(&ev[b].date).then(a.cmp(&b)));
        let window = if g.len() <= 300 { g.len() } else { 50 };
        for (k, &i) in g.iter().enumerate() {
            for &j in g.iter().skip(k + 1).take(window) {
                if ev[i].date.is_some() && ev[j].date.is_some() {
                    pairs.insert((i.min(j), i.max(j)));
                }
            }
        }
    }
    // Compatible dates first, then corroborated conflicts.
    let mut ordered: Vec<(bool, usize, usize)> = pairs
        .into_iter()
        .filter(|&(i, j)| ev[i].kind == ev[j].kind && participants_compatible(&ev[i].participants, &ev[j].participants))
        .map(|(i, j)| {
            let conflict = match (&ev[i].date, &ev[j].date) {
                (Some(x), Some(y)) => !overlaps(x, y),
                _ => false,
            };
            (conflict, i, j)
        })
        .collect();
    ordered.sort();
    for (conflict, i, j) in ordered {
        if conflict && !corroborated(&ev[i], &ev[j]) {
            continue;
        }
        let (ri, rj) = (c.find(i), c.find(j));
        if ri == rj || !may_join(ev, &c.members[ri], &c.members[rj]) {
            continue;
        }
        // Two events of one document with conflicting dates are two events.
        let same_doc_conflict = c.members[ri].iter().any(|&a| {
            c.members[rj].iter().any(|&b| {
                ev[a].doc == ev[b].doc && matches!((&ev[a].date, &ev[b].date), (Some(x), Some(y)) if !overlaps(x, y))
            })
        });
        if same_doc_conflict {
            continue;
        }
        let (keep, gone) = (ri.min(rj), ri.max(rj));
        c.parent[gone] = keep;
        let m = std::mem::take(&mut c.members[gone]);
        c.members[keep].extend(m);
    }
    // Undated events: join the compatible cluster whose reports corroborate them best.
    for i in 0..n {
        if ev[i].date.is_some() {
            continue;
        }
        let mut cands: BTreeMap<usize, f64> = BTreeMap::new();
        let mut near: BTreeSet<usize> = BTreeSet::new();
        for &p in &ev[i].participants {
            if let Some(g) = groups.get(&(ev[i].kind.as_str(), p)) {
                near.extend(g.iter().copied());
            }
        }
        for j in near {
            if i == j || ev[j].kind != ev[i].kind || !participants_compatible(&ev[i].participants, &ev[j].participants)
            {
                continue;
            }
            if (ev[j].date.is_none() && j > i) || !undated_near(&ev[i], &ev[j]) {
                continue;
            }
            let r = c.find(j);
            let score = if ev[i].doc != ev[j].doc && ev[i].quotes.intersection(&ev[j].quotes).next().is_some() {
                1.0
            } else {
                overlap(&ev[i].words, &ev[j].words)
            };
            let e = cands.entry(r).or_insert(0.0);
            *e = e.max(score);
        }
        let mut scored: Vec<(usize, f64)> = cands.into_iter().collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        // Sharing an actor and a type is not enough: `Trump said` joins every undated
        // statement of Trump's in a corpus of campaign news. The report must read like the
        // candidate (a shared quote or half the words), better than like any other.
        let pick = match scored.as_slice() {
            [only] if only.1 >= CORROBORATION => Some(only.0),
            [first, second, ..] if first.1 > second.1 && first.1 >= CORROBORATION => Some(first.0),
            _ => None,
        };
        if let Some(r) = pick {
            let ri = c.find(i);
            if ri != r {
                let (keep, gone) = (ri.min(r), ri.max(r));
                c.parent[gone] = keep;
                let m = std::mem::take(&mut c.members[gone]);
                c.members[keep].extend(m);
            }
        }
    }
    let mut number: BTreeMap<usize, usize> = BTreeMap::new();
    (0..n)
        .map(|i| {
            let r = c.find(i);
            let next = number.len();
            *number.entry(r).or_insert(next)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static VOCAB: std::cell::RefCell<crate::norm::Vocab> = Default::default();
    }

    fn ev(doc: i64, parts: &[i64], date: Option<(&str, &str)>, words: &str) -> EventIn {
        EventIn {
            doc,
            kind: "call".into(),
            participants: parts.iter().copied().collect(),
            date: date.map(|(a, b)| (a.to_string(), b.to_string())),
            words: words.split_whitespace().map(|w| VOCAB.with(|v| v.borrow_mut().id(w))).collect(),
            quotes: BTreeSet::new(),
            published: None,
            repeat: false,
        }
    }

    #[test]
    fn same_call_across_reports() {
        let d = Some(("2025-10-14", "2025-10-15"));
        let month = Some(("2025-10-01", "2025-11-01"));
        let es = vec![
            ev(1, &[1, 2], d, "plan gaza"),
            ev(2, &[1, 2], month, "plan"),
            ev(3, &[1], None, "x"),
            ev(4, &[1, 2], Some(("2025-11-14", "2025-11-15")), "plan gaza peace"),
            ev(5, &[1, 2], Some(("2025-10-20", "2025-10-21")), "prisoners exchange"),
        ];
        let c = merge(&es);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[0], c[3], "misdated retelling corroborated by wording");
        assert_ne!(c[0], c[4], "a different call on another day");
    }

    #[test]
    fn a_repetition_on_another_day_is_another_event() {
        // Alike wording ("spoke by phone"), different days: a misdating joins, a call told
        // as a repetition ("spoke again by phone") does not.
        let es = vec![
            ev(1, &[1, 2], Some(("2025-10-14", "2025-10-15")), "spoke phone plan"),
            ev(2, &[1, 2], Some(("2025-10-20", "2025-10-21")), "spoke phone plan"),
            EventIn { repeat: true, ..ev(3, &[1, 2], Some(("2025-10-20", "2025-10-21")), "spoke phone plan again") },
            ev(4, &[1, 2], Some(("2025-10-20", "2025-10-21")), "spoke phone exchange"),
        ];
        let c = merge(&es);
        assert_ne!(c[0], c[2], "told as a repetition");
        // The repetition still joins a report of its own day.
        assert_eq!(c[2], c[3]);
        // Without the repetition in the cluster the misdated report would have joined the
        // first; with it, the cluster of the 20th holds a repetition and stays apart.
        assert_ne!(c[0], c[1]);
    }

    #[test]
    fn day_numbers() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11_017));
        assert_eq!(day_number("2024-12-31").zip(day_number("2025-01-01")).map(|(a, b)| b - a), Some(1));
        assert_eq!(day_number("2024-03-01").zip(day_number("2024-02-28")).map(|(a, b)| a - b), Some(2));
        assert_eq!(day_number("2025-13-01"), None);
        assert_eq!(day_number("2025-02-30"), None);
        assert_eq!(day_number("soon"), None);
    }

    #[test]
    fn one_shared_actor_of_two_dyads_is_not_one_event() {
        let d = Some(("2025-10-14", "2025-10-15"));
        let c = merge(&[ev(1, &[1, 2], d, "warned"), ev(2, &[1, 3], d, "warned")]);
        assert_ne!(c[0], c[1], "A warned B, A warned C");
        let c = merge(&[ev(1, &[1, 2, 3], d, ""), ev(2, &[1, 2, 4], d, "")]);
        assert_eq!(c[0], c[1], "two of three shared");
        let c = merge(&[ev(1, &[1], d, ""), ev(2, &[1, 3], d, "")]);
        assert_eq!(c[0], c[1], "one report names only one side");
    }

    #[test]
    fn years_apart_is_no_misdating_and_undated_events_stay_near_their_report() {
        let c = merge(&[
            ev(1, &[1, 2], Some(("1997-04-09", "1997-04-10")), "warned relations trial"),
            ev(2, &[1, 2], Some(("2005-12-05", "2005-12-06")), "warned relations trial"),
        ]);
        assert_ne!(c[0], c[1], "eight years apart, however alike the words");
        let with_pub = |mut e: EventIn, p: &str| {
            e.published = Some(p.to_string());
            e
        };
        let es = vec![
            with_pub(ev(1, &[1, 2], Some(("2005-11-14", "2005-11-15")), "talks"), "2005-11-15"),
            with_pub(ev(2, &[1, 2], None, "talks"), "2006-11-20"),
            with_pub(ev(3, &[1, 2], None, "talks"), "2005-11-20"),
        ];
        let c = merge(&es);
        assert_ne!(c[0], c[1], "an undated report a year later tells another event");
        assert_eq!(c[0], c[2], "an undated report of the same week joins");
    }

    #[test]
    fn an_undated_event_joins_only_a_candidate_its_report_corroborates() {
        let d = Some(("2025-10-14", "2025-10-15"));
        let es = vec![
            ev(1, &[1, 2], d, "phone plan border"),
            ev(2, &[1], None, "rally crowd"),
            ev(3, &[1, 2], None, "phone plan"),
        ];
        let c = merge(&es);
        assert_ne!(c[0], c[1], "the same actor and type, nothing else in common");
        assert_eq!(c[0], c[2], "the same words around the trigger");
    }

    #[test]
    fn two_dates_in_one_document_are_two_events() {
        let es = vec![
            ev(1, &[1, 2], Some(("2025-10-14", "2025-10-15")), "call plan"),
            ev(1, &[1, 2], Some(("2025-10-20", "2025-10-21")), "call plan"),
        ];
        let c = merge(&es);
        assert_ne!(c[0], c[1]);
    }

    #[test]
    fn different_types_or_people_stay_apart() {
        let d = Some(("2025-10-14", "2025-10-15"));
        let mut m = ev(2, &[1, 2], d, "");
        m.kind = "meeting".into();
        let es = vec![ev(1, &[1, 2], d, ""), m, ev(3, &[3, 4], d, "")];
        let c = merge(&es);
        assert_ne!(c[0], c[1]);
        assert_ne!(c[0], c[2]);
    }
}
