//! Synthetic corpus for store benchmarks (`dossier store-bench`): documents with generated
//! text, actors with a skewed popularity (a few appear in many events, as in news), and
//! merged events with two participants and one source each. Deterministic (fixed seed).

use std::time::Instant;

use serde::Serialize;

use crate::{Result, Store, p, query};

const WORDS: &[&str] = &[
    "talks",
    "envoy",
    "ceasefire",
    "border",
    "summit",
    "minister",
    "sanctions",
    "proposal",
    "call",
    "meeting",
    "treaty",
    "election",
    "vote",
    "parliament",
    "capital",
    "troops",
    "aid",
    "prisoners",
    "exchange",
    "delegation",
    "statement",
    "press",
    "agreement",
    "plan",
    "negotiations",
    "officials",
    "security",
    "council",
    "region",
    "trade",
    "energy",
    "pipeline",
    "port",
    "grain",
    "ministry",
    "spokesman",
    "president",
    "campaign",
    "court",
    "ruling",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    /// Skewed towards small values (popular actors).
    fn skewed(&mut self, n: u64) -> u64 {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u * u) * n as f64) as u64 % n.max(1)
    }
}

/// What was generated.
#[derive(Debug, Clone, Serialize)]
pub struct Generated {
    pub events: usize,
    pub actors: usize,
    pub documents: usize,
}

/// Fills an empty store with `events` events (one document per ten events, one actor per
/// hundred events, at least ten).
pub fn generate(store: &Store, events: usize) -> Result<Generated> {
    let conn = store.conn();
    let documents = (events / 10).max(1);
    let actors = (events / 100).max(10);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let tx = conn.write_tx()?;
    {
        let ins_doc = "INSERT INTO documents (id, doc_key, url_key, content_hash, status, engine, text, published)
             VALUES (?1, ?2, '', ?3, 'ok', 'bench', ?4, ?5)";
        let mut text = String::new();
        for d in 1..=documents as i64 {
            text.clear();
            for w in 0..60 {
                if w > 0 {
                    text.push(' ');
                }
                // Zipf-like vocabulary of 20,000 words (rank r drawn with probability ~ 1/r): 100
                // function-word stand-ins `s<rank>` (`s0` is in nearly every document), then the
                // news words above, then `w<rank>`.
                let u = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
                let rank = (20_000f64.powf(u) as usize).saturating_sub(1);
                match rank {
                    0..100 => text.push_str(&format!("s{rank}")),
                    _ => match WORDS.get(rank - 100) {
                        Some(word) => text.push_str(word),
                        None => text.push_str(&format!("w{rank}")),
                    },
                }
            }
            text.push_str(&format!(" ref{d}."));
            conn.execute(ins_doc, p![d, &format!("doc{d}"), &format!("{d:032x}"), &text, "2025-01-01"])?;
            crate::fts_insert(conn, "documents_fts", d, &text)?;
        }
        for a in 1..=actors as i64 {
            let name = format!("Person {a}");
            conn.execute("INSERT INTO actors (id, name, type) VALUES (?1, ?2, 'PERSON')", p![a, &name])?;
            conn.execute("INSERT INTO actor_names (actor, name) VALUES (?1, ?2)", p![a, &name])?;
        }
        let ins_ev = "INSERT INTO events (id, type, date_value, date_from, date_to, participants, source, target)
             VALUES (?1, 'call', ?2, ?2, ?2, ?3, ?4, ?5)";
        let ins_ea = "INSERT INTO event_actors (event, actor, date_from) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING";
        let ins_src = "INSERT INTO sources (event, doc, start, \"end\", date_text) VALUES (?1, ?2, 0, 5, NULL)";
        for e in 1..=events as i64 {
            let a = rng.skewed(actors as u64) as i64 + 1;
            let mut b = rng.below(actors as u64) as i64 + 1;
            if b == a {
                b = a % actors as i64 + 1;
            }
            let day = rng.below(3650);
            let date = format!("{:04}-{:02}-{:02}", 2015 + day / 365, (day % 365) / 31 % 12 + 1, day % 28 + 1);
            conn.execute(ins_ev, p![e, &date, &format!("[{a},{b}]"), &format!("[{a}]"), &format!("[{b}]")])?;
            conn.execute(ins_ea, p![e, a, &date])?;
            conn.execute(ins_ea, p![e, b, &date])?;
            conn.execute(ins_src, p![e, (e - 1) / 10 + 1])?;
        }
    }
    tx.commit()?;
    conn.batch("ANALYZE")?;
    Ok(Generated { events, actors, documents })
}

/// Query timings in milliseconds (median and maximum of `repeat` runs).
#[derive(Debug, Clone, Serialize)]
pub struct Timing {
    pub query: String,
    pub rows: usize,
    pub median_ms: f64,
    pub max_ms: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct BenchResult {
    pub generated: Generated,
    pub timings: Vec<Timing>,
}

fn time<F: FnMut() -> Result<usize>>(name: &str, repeat: usize, mut f: F) -> Result<Timing> {
    let mut ms = Vec::with_capacity(repeat);
    let mut rows = 0;
    for _ in 0..repeat {
        let t = Instant::now();
        rows = f()?;
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    ms.sort_by(f64::total_cmp);
    Ok(Timing { query: name.to_string(), rows, median_ms: ms[ms.len() / 2], max_ms: ms[ms.len() - 1] })
}

/// Times the actor timeline (the busiest actor and a typical one, whole timeline and one
/// year) and full-text search (a common and a rare word pair).
pub fn measure(store: &Store, g: &Generated, repeat: usize) -> Result<BenchResult> {
    let conn = store.conn();
    let busiest: i64 =
        conn.query_value("SELECT actor FROM event_actors GROUP BY actor ORDER BY count(*) DESC, actor LIMIT 1", p![])?;
    let typical = (g.actors / 2) as i64;
    let mut timings = Vec::new();
    for (label, actor) in [("busiest", busiest), ("typical", typical)] {
        let name = format!("Person {actor}");
        timings.push(time(
            &format!("timeline --actor '{name}' ({label} actor, first 200 = the command's default)"),
            repeat,
            || {
                let id = query::find_actor(conn, &name)?.unwrap_or(actor);
                Ok(query::timeline(conn, Some(id), None, None, 200)?.len())
            },
        )?);
        timings.push(time(&format!("timeline --actor '{name}' ({label} actor, all events)"), repeat, || {
            let id = query::find_actor(conn, &name)?.unwrap_or(actor);
            Ok(query::timeline(conn, Some(id), None, None, i64::MAX)?.len())
        })?);
        timings.push(time(&format!("timeline --actor '{name}' --from 2020-01-01 --to 2020-12-31"), repeat, || {
            let id = query::find_actor(conn, &name)?.unwrap_or(actor);
            Ok(query::timeline(conn, Some(id), Some("2020-01-01"), Some("2020-12-31"), i64::MAX)?.len())
        })?);
    }
    for words in ["s0", "s0 s1", "talks", "talks envoy", "court ruling", "w1234", "ref777"] {
        timings.push(time(
            &format!("search {words:?} (top 20)"),
            repeat,
            || Ok(query::search(conn, words, 20)?.len()),
        )?);
    }
    Ok(BenchResult { generated: g.clone(), timings })
}
