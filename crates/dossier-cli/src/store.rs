//! The corpus commands: `ingest`, `timeline`, `actors`, `quotes`, `search`, `show`,
//! `contradictions`, `export` and `store-bench`, over a `dossier-store` database.

use std::cell::Cell;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand, ValueEnum};
use dossier::{Analyzer, Doc, DocMeta};
use dossier_store::record::DocInfo;
use dossier_store::{DocRecord, Item, Store, query};
use serde_json::Value;

use crate::InputArgs;
use crate::analyze::{build_pool, documents, read_options};
use crate::cpu;

#[derive(Args, Clone, Debug)]
pub struct DbArg {
    /// The corpus database: a SQLite file, or a PostgreSQL server as
    /// `postgres://user[:password]@host[:port]/database` (no TLS).
    #[arg(long, default_value = "dossier.db")]
    pub db: String,
    /// Machine-readable JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ExportFormat {
    /// One `dossier-corpus/1` object.
    Json,
    /// One record per line with a `record` field.
    Jsonl,
    /// One Apache Parquet file per record kind (`documents.parquet`, `actors.parquet`,
    /// `events.parquet`, `quotes.parquet`, `contradictions.parquet`) in the `--out` directory.
    Parquet,
}

#[derive(Subcommand)]
pub enum StoreCommand {
    /// Analyse reports into the corpus database (skips documents already stored).
    Ingest {
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        db: DbArg,
        /// Worker threads (0 = all cores).
        #[arg(short = 'j', long, default_value_t = 0)]
        threads: usize,
        /// Documents per transaction (fewer, larger commits write each index page fewer times:
        /// on TempEval-3 silver 1,024 wrote 35-40 % less than 256; an interrupted ingest
        /// re-analyses at most this many documents).
        #[arg(long, default_value_t = 1024)]
        batch: usize,
        /// Analyse stored documents again (all of them when no PATH is given).
        #[arg(long)]
        reanalyze: bool,
        /// Analyse documents recorded as failed again (all of them when no PATH is given).
        #[arg(long)]
        retry_failed: bool,
        /// No progress bar.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Merged events in date order.
    Timeline {
        #[command(flatten)]
        db: DbArg,
        /// Only events of this actor (name or id).
        #[arg(long)]
        actor: Option<String>,
        /// From this date (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Up to this date (YYYY-MM-DD, inclusive).
        #[arg(long)]
        to: Option<String>,
        #[arg(long, default_value_t = 200)]
        limit: i64,
    },
    /// List actors, or record a user decision (`merge A B`, `split A B`) that wins from now on.
    Actors {
        #[command(flatten)]
        db: DbArg,
        /// `merge` or `split`, followed by two names or actor ids.
        #[arg(num_args = 0..=3)]
        decision: Vec<String>,
        #[arg(long, default_value_t = 100)]
        limit: i64,
    },
    /// Quotes, optionally of one speaker.
    Quotes {
        #[command(flatten)]
        db: DbArg,
        #[arg(long)]
        speaker: Option<String>,
        #[arg(long, default_value_t = 200)]
        limit: i64,
    },
    /// Full-text search over reports and quotes.
    Search {
        words: String,
        #[command(flatten)]
        db: DbArg,
        #[arg(long, default_value_t = 20)]
        limit: i64,
    },
    /// One event (`v3`) or actor (`a1` or a name) with every source and exact sentence.
    Show {
        what: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// Disagreements between reports: dates, counts, roles, speakers, places.
    Contradictions {
        #[command(flatten)]
        db: DbArg,
    },
    /// The whole corpus record (contract "Corpus export").
    Export {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// Where to write: a file for `json` and `jsonl` (default: standard output); for
        /// `parquet` a directory (required, created if needed) that receives one file per
        /// record kind.
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
    },
    /// Store benchmark on generated data: insert N events, time timeline and search queries.
    StoreBench {
        /// Events to generate.
        #[arg(long, default_value_t = 1_000_000)]
        events: usize,
        /// Database to fill: a new SQLite file or an empty PostgreSQL database (`postgres://...`);
        /// default: a temporary SQLite file.
        #[arg(long)]
        db: Option<String>,
        /// Timed repetitions of each query (the median is reported).
        #[arg(long, default_value_t = 20)]
        repeat: usize,
    },
}

pub fn run(cmd: StoreCommand) -> Result<ExitCode> {
    match cmd {
        StoreCommand::Ingest { input, db, threads, batch, reanalyze, retry_failed, quiet } => {
            ingest(&input, &db.db, threads, batch, reanalyze, retry_failed, quiet)
        }
        StoreCommand::Timeline { db, actor, from, to, limit } => {
            let store = open(&db.db)?;
            let actor = match actor {
                Some(a) => Some(find_actor(&store, &a)?),
                None => None,
            };
            for (name, d) in [("--from", &from), ("--to", &to)] {
                if let Some(d) = d {
                    dossier::ingest::validate_date(d).map_err(anyhow::Error::msg).context(name)?;
                }
            }
            let rows = query::timeline(store.conn(), actor, from.as_deref(), to.as_deref(), limit)?;
            if db.json {
                return print_json(&rows);
            }
            for r in rows {
                say!(
                    "{:<12} {:<5} {:<12} {:<60} {} source(s)",
                    r.date.as_deref().unwrap_or("undated"),
                    r.id,
                    r.kind,
                    r.participants.join(", "),
                    r.sources
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        StoreCommand::Actors { db, decision, limit } => {
            let store = open(&db.db)?;
            match decision.as_slice() {
                [] => {
                    let rows = query::actors(store.conn(), limit)?;
                    if db.json {
                        return print_json(&rows);
                    }
                    for r in rows {
                        say!("{:<6} {:<28} {:<7} {:>5} doc(s)  {}", r.id, r.name, r.kind, r.docs, r.aliases.join(", "));
                    }
                    Ok(ExitCode::SUCCESS)
                }
                [op, a, b] if op == "merge" || op == "split" => {
                    let name = |x: &str| -> Result<String> {
                        // An actor id stands for the actor's current name.
                        let is_id = x.strip_prefix('a').is_some_and(|n| n.parse::<i64>().is_ok());
                        if is_id {
                            let id = find_actor(&store, x)?;
                            store.actor_name(id)?.with_context(|| format!("no actor {x}"))
                        } else {
                            Ok(x.to_string())
                        }
                    };
                    let (a, b) = (name(a)?, name(b)?);
                    store.decide(op == "merge", &a, &b)?;
                    crate::pages::without_huge_pages(|| store.rebuild())?;
                    eprintln!("dossier: recorded: {op} {a:?} {b:?}");
                    Ok(ExitCode::SUCCESS)
                }
                _ => bail!("expected `dossier actors`, `dossier actors merge A B` or `dossier actors split A B`"),
            }
        }
        StoreCommand::Quotes { db, speaker, limit } => {
            let store = open(&db.db)?;
            let speaker = match speaker {
                Some(s) => Some(find_actor(&store, &s)?),
                None => None,
            };
            let rows = query::quotes(store.conn(), speaker, limit)?;
            if db.json {
                return print_json(&rows);
            }
            for r in rows {
                let text: Vec<&str> = r.text.split_whitespace().collect();
                say!(
                    "{:<5} {:<24} {:<14} {}",
                    r.id,
                    r.speaker_name.as_deref().unwrap_or("(unattributed)"),
                    r.doc,
                    text.join(" ")
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        StoreCommand::Search { words, db, limit } => {
            let store = open(&db.db)?;
            let hits = query::search(store.conn(), &words, limit)?;
            if db.json {
                return print_json(&hits);
            }
            for h in hits {
                say!("{:<8} {:<14} {:>6}-{:<6} {}", h.record, h.doc, h.start, h.end, h.snippet);
            }
            Ok(ExitCode::SUCCESS)
        }
        StoreCommand::Show { what, db } => {
            let store = open(&db.db)?;
            let event = what.strip_prefix('v').and_then(|n| n.parse::<i64>().ok());
            let value = match event {
                Some(id) => query::show_event(store.conn(), id)?,
                None => query::show_actor(store.conn(), find_actor(&store, &what)?)?,
            };
            let Some(value) = value else { bail!("no event or actor {what:?}") };
            if db.json {
                return print_json(&value);
            }
            say!("{}", render_show(&value));
            Ok(ExitCode::SUCCESS)
        }
        StoreCommand::Contradictions { db } => {
            let store = open(&db.db)?;
            let cs = query::contradictions(store.conn())?;
            if db.json {
                return print_json(&cs);
            }
            for c in cs {
                say!(
                    "{} [{}] about {}: {}",
                    c["id"].as_str().unwrap_or(""),
                    c["field"].as_str().unwrap_or(""),
                    c["about"].as_str().unwrap_or(""),
                    c["description"].as_str().unwrap_or("")
                );
                for side in c["sides"].as_array().into_iter().flatten() {
                    for s in side["spans"].as_array().into_iter().flatten() {
                        say!(
                            "    {:<16} {:<14} {:>6}-{:<6} {}",
                            side["value"].as_str().unwrap_or(""),
                            s["doc"].as_str().unwrap_or(""),
                            s["start"],
                            s["end"],
                            s["text"].as_str().unwrap_or("")
                        );
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        StoreCommand::Export { db, format, out } => {
            let store = open(&db.db)?;
            if format == ExportFormat::Parquet {
                let Some(dir) = out else {
                    bail!("export --format parquet writes one file per record kind: give the directory with --out DIR");
                };
                let files = dossier_store::columnar::export_parquet(store.conn(), &dir)?;
                for (path, rows) in files {
                    eprintln!("dossier: wrote {} ({rows} rows)", path.display());
                }
                return Ok(ExitCode::SUCCESS);
            }
            let sink: Box<dyn Write> = match &out {
                Some(path) => {
                    Box::new(std::fs::File::create(path).with_context(|| format!("{}: cannot create", path.display()))?)
                }
                None => Box::new(std::io::stdout().lock()),
            };
            let mut out = BufWriter::new(sink);
            match format {
                ExportFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, &query::export_json(store.conn())?)?;
                    out.write_all(b"\n")?;
                }
                ExportFormat::Jsonl | ExportFormat::Parquet => {
                    let mut err: Option<std::io::Error> = None;
                    query::export_records(store.conn(), |kind, mut v| {
                        if let Value::Object(m) = &mut v {
                            m.insert("record".into(), Value::String(kind.into()));
                        }
                        if err.is_none()
                            && let Err(e) = serde_json::to_writer(&mut out, &v)
                                .map_err(std::io::Error::from)
                                .and_then(|()| out.write_all(b"\n"))
                        {
                            err = Some(e);
                        }
                        Ok(())
                    })?;
                    if let Some(e) = err {
                        return Err(e.into());
                    }
                }
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        StoreCommand::StoreBench { events, db, repeat } => bench(events, db.as_deref(), repeat),
    }
}

fn open(location: &str) -> Result<Store> {
    let store = Store::connect(location)?;
    if store.is_dirty()? {
        // An interrupted ingest left documents without their corpus record: finish it.
        crate::pages::without_huge_pages(|| store.rebuild())
            .with_context(|| format!("{location}: rebuilding the corpus record"))?;
    }
    Ok(store)
}

fn find_actor(store: &Store, what: &str) -> Result<i64> {
    query::find_actor(store.conn(), what)?.with_context(|| format!("no actor matches {what:?} (see `dossier actors`)"))
}

fn print_json<T: serde::Serialize>(v: &T) -> Result<ExitCode> {
    say!("{}", serde_json::to_string_pretty(v)?);
    Ok(ExitCode::SUCCESS)
}

fn render_show(v: &Value) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let str_of = |x: &Value| x.as_str().map(str::to_string).unwrap_or_else(|| x.to_string());
    if v.get("sources").is_some() {
        let _ =
            writeln!(s, "{} {} on {}: {}", str_of(&v["id"]), str_of(&v["type"]), str_of(&v["date"]), v["participants"]);
        for src in v["sources"].as_array().into_iter().flatten() {
            let sent = src["sentence"]["text"].as_str().unwrap_or("");
            let sent: Vec<&str> = sent.split_whitespace().collect();
            let _ = writeln!(
                s,
                "  {} ({}) {}-{} [{}]: {}",
                str_of(&src["doc"]),
                str_of(&src["outlet"]),
                src["start"],
                src["end"],
                str_of(&src["date_text"]),
                sent.join(" ")
            );
        }
    } else {
        let _ =
            writeln!(s, "{} {} ({}), also: {}", str_of(&v["id"]), str_of(&v["name"]), str_of(&v["type"]), v["aliases"]);
        for r in v["roles"].as_array().into_iter().flatten() {
            let _ = writeln!(s, "  role: {} {}", str_of(&r["text"]), r["docs"]);
        }
        for e in v["events"].as_array().into_iter().flatten() {
            let _ = writeln!(
                s,
                "  {} {} {} {}",
                str_of(&e["date"]),
                str_of(&e["id"]),
                str_of(&e["type"]),
                e["participants"]
            );
        }
        for q in v["quotes"].as_array().into_iter().flatten() {
            let _ = writeln!(s, "  said ({} {}-{}): {}", str_of(&q["doc"]), q["start"], q["end"], str_of(&q["text"]));
        }
    }
    for c in v["contradictions"].as_array().into_iter().flatten() {
        let _ = writeln!(s, "  !! {}", str_of(&c["description"]));
    }
    s
}

/// The engine's contract object as the store's record, field by field (no JSON round trip).
fn to_record(d: dossier::output::Document) -> DocRecord {
    use dossier_store::record as r;
    let ts = |t: dossier::output::TextSpan| r::TextSpan { start: t.start, end: t.end, text: t.text };
    DocRecord {
        doc: DocInfo {
            id: d.doc.id,
            url: d.doc.url,
            title: d.doc.title,
            source: d.doc.source,
            published: d.doc.published,
            kind: Some(d.doc.kind),
        },
        text: d.text,
        sentences: d.sentences.into_iter().map(|s| r::Span { start: s.start, end: s.end }).collect(),
        entities: d
            .entities
            .into_iter()
            .map(|e| r::Entity {
                id: e.id,
                name: e.name,
                kind: e.kind,
                roles: e.roles,
                codes: e.codes,
                mentions: e
                    .mentions
                    .into_iter()
                    .map(|m| r::Mention { start: m.start, end: m.end, text: m.text, kind: m.kind })
                    .collect(),
            })
            .collect(),
        timexes: d
            .timexes
            .into_iter()
            .map(|t| r::Timex {
                id: t.id,
                start: t.start,
                end: t.end,
                text: t.text,
                kind: t.kind,
                value: t.value,
                resolved: t.resolved.and_then(|x| serde_json::to_value(x).ok()),
            })
            .collect(),
        quotes: d
            .quotes
            .into_iter()
            .map(|q| r::Quote {
                id: q.id,
                start: q.start,
                end: q.end,
                text: q.text,
                kind: q.kind,
                speaker: q.speaker,
                speaker_mention: q.speaker_mention.map(ts),
                cue: q.cue.map(ts),
            })
            .collect(),
        events: d
            .events
            .into_iter()
            .map(|e| r::Event {
                id: e.id,
                kind: e.kind,
                plover: e.plover,
                cameo: e.cameo,
                source: e.source,
                target: e.target,
                trigger: ts(e.trigger),
                sentence: e.sentence,
                when: e.when,
                date: e.date.map(|x| r::EventDate { value: x.value, from: x.from, to: x.to }),
                negated: e.negated,
                hypothetical: e.hypothetical,
                place: e.place,
                place_mention: e.place_mention.map(ts),
            })
            .collect(),
        warnings: d.warnings.into_iter().filter_map(|w| serde_json::to_value(w).ok()).collect(),
        turns: d.turns.into_iter().filter_map(|t| serde_json::to_value(t).ok()).collect(),
    }
}

/// A document rebuilt from the store for `--reanalyze` / `--retry-failed`.
fn stored_doc(info: DocInfo, text: String) -> Result<Doc> {
    let kind = info.kind.clone().unwrap_or_else(|| "text".into());
    let meta = DocMeta {
        id: info.id,
        url: info.url,
        title: info.title,
        source: info.source,
        published: info.published,
        published_from: Some("store".into()),
        kind: kind.clone(),
        extra: Vec::new(),
    };
    let mut doc = Doc::new(meta, text)?;
    if kind == "transcript" {
        doc.turns = dossier::ingest::transcript::parse_turns(doc.text());
    }
    Ok(doc)
}

fn info_of(doc: &Doc) -> DocInfo {
    let m = &doc.meta;
    DocInfo {
        id: m.id.clone(),
        url: m.url.clone(),
        title: m.title.clone(),
        source: m.source.clone(),
        published: m.published.clone(),
        kind: Some(m.kind.clone()),
    }
}

#[allow(clippy::too_many_arguments)]
fn ingest(
    input: &InputArgs,
    db: &str,
    threads: usize,
    batch: usize,
    reanalyze: bool,
    retry_failed: bool,
    quiet: bool,
) -> Result<ExitCode> {
    let opts = read_options(input)?;
    let store = Store::connect(db)?;
    let analyzer = Analyzer::new()?;
    let engine = format!("dossier {} [{}]", env!("CARGO_PKG_VERSION"), analyzer.component_names().join(","));
    let pool = build_pool(threads)?;
    let (known, failed_before, unreadable) = (Cell::new(0usize), Cell::new(0usize), Cell::new(0usize));
    let store_time = Cell::new(Duration::ZERO);
    let analysis_ns = AtomicU64::new(0);
    let convert_ns = AtomicU64::new(0);
    let started = Instant::now();

    // What to analyse: stored documents (no paths with --reanalyze/--retry-failed), or inputs.
    let from_store = input.paths.is_empty() && (reanalyze || retry_failed);
    let stored: Vec<Result<Doc, String>> = if from_store {
        store
            .stored_documents(!reanalyze)?
            .into_iter()
            .map(|(_, info, text)| stored_doc(info, text).map_err(|e| e.to_string()))
            .collect()
    } else {
        Vec::new()
    };
    let inputs: Box<dyn Iterator<Item = Result<Doc, String>>> = if from_store {
        Box::new(stored.into_iter())
    } else {
        Box::new(documents(input, &opts).map(|r| r.map_err(|e| e.to_string())))
    };
    let todo = inputs.filter(|item| {
        let Ok(doc) = item else { return true };
        let t = cpu::thread_time();
        let found = store.lookup(&dossier_store::content_hash(doc.text()), doc.meta.url.as_deref());
        store_time.set(store_time.get() + cpu::since(t));
        match found {
            Ok(Some(k)) if k.ok && !reanalyze => {
                known.set(known.get() + 1);
                false
            }
            Ok(Some(k)) if !(k.ok || retry_failed || reanalyze) => {
                failed_before.set(failed_before.get() + 1);
                false
            }
            _ => true,
        }
    });
    let progress = (!quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos} documents stored {per_sec} [{elapsed}] {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar
    });
    let work = |item: Result<Doc, String>| -> Result<Item, String> {
        let mut doc = item?;
        let t = cpu::thread_time();
        let result = analyzer.process(&mut doc);
        analysis_ns.fetch_add(cpu::since(t).as_nanos() as u64, Ordering::Relaxed);
        if let Err(e) = result {
            return Ok(Item::Failed {
                info: info_of(&doc),
                text: doc.text().to_string(),
                reason: e.to_string(),
                engine: engine.clone(),
            });
        }
        let t = cpu::thread_time();
        let record = to_record(dossier::output::document(&doc));
        convert_ns.fetch_add(cpu::since(t).as_nanos() as u64, Ordering::Relaxed);
        Ok(Item::Analyzed { record: Box::new(record), engine: engine.clone() })
    };
    let mut pending: Vec<Item> = Vec::new();
    let (mut stored_n, mut failed_n) = (0usize, 0usize);
    let flush = |pending: &mut Vec<Item>| -> Result<(), dossier_store::Error> {
        if pending.is_empty() {
            return Ok(());
        }
        let t = cpu::thread_time();
        store.write_batch(pending)?;
        store_time.set(store_time.get() + cpu::since(t));
        pending.clear();
        Ok(())
    };
    // Documents in flight: enough to keep every worker busy; the batch itself holds only the
    // finished records.
    dossier::pipeline::run_ordered(&pool, todo, batch.clamp(1, 256), work, |r| {
        match r {
            Ok(item) => {
                if let Item::Failed { info, reason, .. } = &item {
                    let msg = format!("{}: analysis failed: {reason} (recorded as failed)", info.id);
                    match &progress {
                        Some(bar) => bar.suspend(|| eprintln!("dossier: error: {msg}")),
                        None => eprintln!("dossier: error: {msg}"),
                    }
                    failed_n += 1;
                } else {
                    stored_n += 1;
                }
                pending.push(item);
                if pending.len() >= batch.max(1) {
                    flush(&mut pending)?;
                }
            }
            Err(message) => {
                match &progress {
                    Some(bar) => bar.suspend(|| eprintln!("dossier: error: {message} (skipped)")),
                    None => eprintln!("dossier: error: {message} (skipped)"),
                }
                unreadable.set(unreadable.get() + 1);
            }
        }
        if let Some(bar) = &progress {
            bar.inc(1);
        }
        Ok::<(), dossier_store::Error>(())
    })?;
    flush(&mut pending)?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let t = cpu::thread_time();
    if store.is_dirty()? {
        // The analysis is over: the rebuild's short-lived maps are better served by small pages.
        crate::pages::without_huge_pages(|| store.rebuild())?;
    }
    let rebuild = cpu::since(t);
    let store_total = store_time.get() + rebuild + Duration::from_nanos(convert_ns.load(Ordering::Relaxed));
    let analysis = Duration::from_nanos(analysis_ns.load(Ordering::Relaxed));
    let stats = store.stats()?;
    if !quiet {
        eprintln!(
            "dossier: {stored_n} stored, {} already stored, {failed_n} failed, {} unreadable (skipped){}; corpus: {} documents, {} actors, {} events, {} quotes, {} contradictions",
            known.get(),
            unreadable.get(),
            if failed_before.get() > 0 {
                format!(", {} failed before (use --retry-failed)", failed_before.get())
            } else {
                String::new()
            },
            stats.documents,
            stats.actors,
            stats.events,
            stats.quotes,
            stats.contradictions
        );
        eprintln!(
            "dossier: analysis {:.2}s (CPU, all threads), store {:.2}s (CPU: lookups+writes {:.2}s, record conversion {:.2}s, rebuild {:.2}s) = {:.1}% of analysis; wall {:.2}s",
            analysis.as_secs_f64(),
            store_total.as_secs_f64(),
            store_time.get().as_secs_f64(),
            convert_ns.load(Ordering::Relaxed) as f64 / 1e9,
            rebuild.as_secs_f64(),
            if analysis.is_zero() { 0.0 } else { 100.0 * store_total.as_secs_f64() / analysis.as_secs_f64() },
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if failed_n + unreadable.get() > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn bench(events: usize, db: Option<&str>, repeat: usize) -> Result<ExitCode> {
    let dir = tempfile_dir()?;
    let location = db.map_or_else(|| dir.join("bench.db").to_string_lossy().into_owned(), str::to_string);
    if !dossier_store::is_postgres_url(&location) && Path::new(&location).exists() {
        bail!("{location} exists; give a new file");
    }
    let store = Store::connect(&location)?;
    if store.stats()?.documents > 0 {
        bail!("{location}: the database is not empty; give a new one");
    }
    let t = Instant::now();
    let g = dossier_store::bench::generate(&store, events)?;
    eprintln!(
        "generated {} events, {} actors, {} documents in {:.1}s",
        g.events,
        g.actors,
        g.documents,
        t.elapsed().as_secs_f64()
    );
    let r = dossier_store::bench::measure(&store, &g, repeat.max(1))?;
    say!("{}", serde_json::to_string_pretty(&r)?);
    drop(store);
    if db.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(ExitCode::SUCCESS)
}

fn tempfile_dir() -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("dossier-store-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(dir)
}
