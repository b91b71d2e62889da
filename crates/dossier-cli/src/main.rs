//! `dossier`: a thin command-line front end over the `dossier` library.

/// `println!` that reports a closed pipe (`dossier ... | head`) as an error instead of
/// panicking; `main` then exits quietly.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)?
    }};
}

mod analyze;
mod bench;
mod cpu;
mod eval;
mod eval_coref;
mod events;
mod pages;
mod speakers;
mod store;
mod time;
mod train;
mod web;

use std::process::ExitCode;

/// mimalloc instead of the system allocator: the pipeline and the store allocate many small,
/// short-lived strings and maps, and glibc's malloc spent a fifth of the corpus rebuild in
/// `malloc`/`free`/`malloc_consolidate`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(name = "dossier", version, about = "Turn political reports and call transcripts into a verifiable record")]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Directory with `tagger.bin` and `parser.bin` to use instead of the built-in syntax
    /// models (as written by `dossier train tagger|parser`).
    #[arg(long, global = true, value_name = "DIR")]
    syntax_model: Option<std::path::PathBuf>,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// One pretty-printed contract object per document.
    Json,
    /// One contract object per line.
    Jsonl,
    /// A human-readable table.
    Table,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Kind {
    Auto,
    Text,
    Jsonl,
    Transcript,
}

#[derive(clap::Args, Clone, Debug)]
pub struct InputArgs {
    /// Input files and directories (read recursively, in name order: text, JSON Lines, HTML,
    /// WARC and feed files); none or `-` reads standard input.
    pub paths: Vec<String>,
    /// What the inputs contain (default: decided from name and content).
    #[arg(long, value_enum, default_value_t = Kind::Auto)]
    pub kind: Kind,
    /// Reference date for documents that carry none (YYYY-MM-DD or RFC 3339).
    #[arg(long)]
    pub published: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Analyze reports: sentences, timexes, warnings (entities, quotes, events as they land).
    Analyze {
        #[command(flatten)]
        input: InputArgs,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Worker threads (0 = all cores). Output is identical whatever the number.
        #[arg(short = 'j', long, default_value_t = 0)]
        threads: usize,
        /// Components to run, comma-separated (default: all). See `dossier components`.
        #[arg(long)]
        pipeline: Option<String>,
        /// No progress bar.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Write CoNLL-U: tokens, sentences, tags, lemmas and dependency trees.
    #[command(group(clap::ArgGroup::new("input").required(true)))]
    Parse {
        /// Raw text file (or `-`): tokenized, split and parsed by the engine.
        #[arg(long, value_name = "FILE", group = "input")]
        raw: Option<String>,
        /// CoNLL-U file with given tokens (or `-`): UPOS, XPOS, LEMMA, HEAD, DEPREL predicted,
        /// other columns copied.
        #[arg(long, value_name = "FILE", group = "input")]
        conllu: Option<String>,
    },
    /// Measure throughput (words/s, MB/s on one core) and peak memory.
    Bench {
        #[command(flatten)]
        input: InputArgs,
        /// What to time: `segment` (tokenizer + sentence splitter), `syntax`, `time` (temporal
        /// tagger alone), `coref` (coreference alone, on documents analysed beforehand) or
        /// `analyze` (full pipeline).
        #[arg(long, default_value = "segment")]
        stage: String,
        /// Passes over the input (the best pass is reported).
        #[arg(long, default_value_t = 3)]
        repeat: usize,
    },
    /// Resolve time phrases against a reference time (one PHRASE, or `--jsonl FILE` of
    /// `{"id","phrase","reference_time"}` lines).
    Time {
        phrase: Option<String>,
        /// Reference time: YYYY-MM-DD or RFC 3339 (2013-02-12T04:30:00-02:00).
        #[arg(long)]
        reference: Option<String>,
        #[arg(long, value_name = "FILE", conflicts_with = "phrase")]
        jsonl: Option<String>,
    },
    /// Extract the main text, title, author and publication date of an HTML page (JSON).
    Extract {
        /// The page (`-` for standard input).
        page: String,
        /// The page URL (dates in URLs, canonical URL).
        #[arg(long)]
        url: Option<String>,
    },
    /// Score the engine on gold data.
    #[command(subcommand)]
    Eval(eval::EvalCommand),
    /// Train a model from gold data.
    #[command(subcommand)]
    Train(train::TrainCommand),
    /// Print the JSON Schema of `analyze --format json` output.
    Schema,
    /// List the pipeline components.
    Components,
    #[command(flatten)]
    Store(store::StoreCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(dir) = &cli.syntax_model
        && let Err(e) = dossier::components::use_syntax_model_dir(dir)
    {
        eprintln!("dossier: error: --syntax-model: {e}");
        return ExitCode::from(2);
    }
    let result = match cli.command {
        Command::Analyze { input, format, threads, pipeline, quiet } => {
            analyze::run(&input, format, threads, pipeline.as_deref(), quiet)
        }
        Command::Parse { raw: Some(raw), .. } => analyze::parse_raw(&raw),
        Command::Parse { conllu: Some(path), .. } => analyze::parse_conllu(&path),
        Command::Parse { .. } => Err(anyhow::anyhow!("give --raw FILE or --conllu FILE")),
        Command::Bench { input, stage, repeat } => bench::run(&input, &stage, repeat),
        Command::Time { phrase, reference, jsonl } => {
            time::run(phrase.as_deref(), reference.as_deref(), jsonl.as_deref())
        }
        Command::Extract { page, url } => web::extract(&page, url.as_deref()),
        Command::Eval(cmd) => eval::run(cmd),
        Command::Train(cmd) => train::run(cmd),
        Command::Schema => schema(),
        Command::Components => components(),
        Command::Store(cmd) => store::run(cmd),
    };
    match result {
        Ok(code) => code,
        Err(e) if e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) => {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("dossier: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn schema() -> anyhow::Result<ExitCode> {
    say!("{}", serde_json::to_string_pretty(&dossier::output::json_schema())?);
    Ok(ExitCode::SUCCESS)
}

fn components() -> anyhow::Result<ExitCode> {
    for e in dossier::components::registry().entries() {
        let default = if dossier::components::DEFAULT_PIPELINE.contains(&e.name) { " (default)" } else { "" };
        say!("{:<10} {}{}", e.name, e.describe, default);
    }
    Ok(ExitCode::SUCCESS)
}
