//! `dossier eval coref`: coreference on an OntoGUM-style key (MUC, B3, CEAF-e, CoNLL, mention
//! F1, as `eval_coref.py --remove-singletons`), and `--speech-pronouns`: how often a pronoun
//! subject of a speech verb (`he said`) is linked to a name of the right entity.
//!
//! Documents are rebuilt from the CoNLL-U file whose syntactic words the key numbers (GUM:
//! `gum_dev.conllu` next to `ontogum_dev.conll`): the text from the word forms and
//! `SpaceAfter=No`, GOLD tokens and sentences (so mention boundaries can match the key), then
//! the engine's own syntax, entities and coreference run on them. Gold trees and entity
//! columns are not used by the engine; `--speech-pronouns` reads them only to pick and score
//! the test items.

use std::collections::{HashMap, HashSet};
use std::process::ExitCode;

use anyhow::{Context, Result, bail, ensure};
use dossier::text::{Gap, Sentence, Token, TokenKind};
use dossier::{Doc, DocMeta, TextRange};
use dossier_eval::conllu;
use dossier_eval::coref::{self, Clusters, CorefFile};

#[derive(clap::Args)]
pub struct CorefArgs {
    /// The key (CoNLL-2012 brackets, OntoGUM layout); with `--speech-pronouns`, GUM CoNLL-U
    /// files with the entity column instead.
    #[arg(required = true)]
    files: Vec<String>,
    /// The CoNLL-U file whose words the key numbers (default: the key's name with `ontogum_`
    /// → `gum_` and `.conll` → `.conllu`).
    #[arg(long, value_name = "FILE")]
    conllu: Option<String>,
    /// Keep one-mention clusters (the default removes them from key and response, as
    /// `--remove-singletons`).
    #[arg(long)]
    keep_singletons: bool,
    #[arg(long)]
    json: bool,
    /// Also write the response in the key's format (for `eval_coref.py KEY RESPONSE`).
    #[arg(long, value_name = "FILE")]
    save: Option<String>,
    /// Score pronoun subjects of speech verbs in the news and interview documents of the
    /// given GUM CoNLL-U files (gold from their entity column).
    #[arg(long)]
    speech_pronouns: bool,
    /// Pronoun model file to use instead of the built-in one (as written by `dossier train
    /// coref`); `none` = the most salient compatible candidate.
    #[arg(long, value_name = "FILE")]
    pronoun_model: Option<String>,
}

/// The pronoun model named by `--pronoun-model`, else the built-in one.
fn pronoun_model(path: Option<&str>) -> Result<dossier::coref::PronounModel> {
    match path {
        None => Ok(dossier::coref::PronounModel::builtin().clone()),
        Some("none") => Ok(dossier::coref::PronounModel::default()),
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("reading {p}"))?;
            dossier::coref::PronounModel::from_bytes(&bytes).with_context(|| format!("reading {p}"))
        }
    }
}

pub fn run(args: CorefArgs) -> Result<ExitCode> {
    if args.speech_pronouns {
        return speech_pronouns(&args);
    }
    let [key_path] = args.files.as_slice() else { bail!("give one key file") };
    let (conllu_path, key, docs) = load_key(key_path, args.conllu.as_deref())?;
    let by_id: HashMap<&str, &GoldDoc> = docs.iter().map(|d| (d.id.as_str(), d)).collect();
    let engine = Engine::new(pronoun_model(args.pronoun_model.as_deref())?)?;
    let mut response = CorefFile::default();
    let mut saved = String::new();
    for (name, _) in &key.docs {
        let (base, part) = name.split_once(';').unwrap_or((name.as_str(), "000"));
        let Some(gold) = by_id.get(base) else {
            eprintln!("dossier: warning: {base} is in the key but not in {conllu_path}; scored as empty");
            continue;
        };
        let (doc, coref) = engine.run(gold)?;
        let clusters = clusters_of(&doc, &coref);
        let words: Vec<&str> = gold.words.iter().map(|w| w.form.as_str()).collect();
        coref::write_document(base, part, &words, &clusters, &mut saved);
        response.docs.push((name.clone(), clusters));
    }
    if let Some(path) = &args.save {
        std::fs::write(path, &saved).with_context(|| format!("writing {path}"))?;
    }
    let s = coref::score(&key, &response, !args.keep_singletons);
    if args.json {
        say!("{}", serde_json::to_string_pretty(&s)?);
    } else {
        say!("documents={}{}", s.documents, if args.keep_singletons { "" } else { " (singletons removed)" });
        say!("{:<9} {:>9} {:>9} {:>9}", "metric", "precision", "recall", "F1");
        for (name, m) in [("mentions", &s.mentions), ("MUC", &s.muc), ("B3", &s.b3), ("CEAF-e", &s.ceafe)] {
            say!("{:<9} {:>9.2} {:>9.2} {:>9.2}", name, 100.0 * m.precision, 100.0 * m.recall, 100.0 * m.f1);
        }
        say!("{:<9} {:>9} {:>9} {:>9.2}", "CoNLL", "", "", 100.0 * s.conll.f1);
    }
    Ok(ExitCode::SUCCESS)
}

/// A key, the CoNLL-U file whose words it numbers (given, else guessed from the key's name)
/// and that file's documents.
fn load_key(key_path: &str, conllu: Option<&str>) -> Result<(String, CorefFile, Vec<GoldDoc>)> {
    let conllu_path = match conllu {
        Some(p) => p.to_string(),
        None => default_conllu(key_path)?,
    };
    let key_text = std::fs::read_to_string(key_path).with_context(|| format!("reading {key_path}"))?;
    let key = coref::read_conll(&key_text);
    let docs = read_gum_docs(&conllu_path)?;
    Ok((conllu_path, key, docs))
}

fn default_conllu(key: &str) -> Result<String> {
    let path = std::path::Path::new(key);
    let file = path.file_name().and_then(|f| f.to_str()).unwrap_or_default();
    let guess = file.replacen("ontogum_", "gum_", 1).replace(".conll", ".conllu");
    if guess == file {
        bail!("cannot guess the CoNLL-U file for {key}; give --conllu FILE");
    }
    Ok(path.with_file_name(guess).display().to_string())
}

/// One word of a gold document.
struct GoldWord {
    form: String,
    lemma: String,
    upos: String,
    deprel: String,
    /// Document word index of the head.
    head: Option<usize>,
    misc: String,
    space_after: bool,
}

/// A gold document: words and sentence boundaries (word index ranges), paragraph starts.
struct GoldDoc {
    id: String,
    words: Vec<GoldWord>,
    sentences: Vec<std::ops::Range<usize>>,
    paragraph_starts: HashSet<usize>,
}

fn read_gum_docs(path: &str) -> Result<Vec<GoldDoc>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
    let sents = conllu::parse(path, &text)?;
    let mut docs: Vec<GoldDoc> = Vec::new();
    for s in &sents {
        if let Some(id) = s.comment("newdoc id") {
            docs.push(GoldDoc {
                id: id.to_string(),
                words: Vec::new(),
                sentences: Vec::new(),
                paragraph_starts: HashSet::new(),
            });
        }
        let Some(d) = docs.last_mut() else { bail!("{path}: a sentence before the first `# newdoc id`") };
        let first = d.words.len();
        if s.has_comment("newpar") || s.has_comment("newdoc") {
            d.paragraph_starts.insert(first);
        }
        for t in &s.tokens {
            let no_space = t.misc.split('|').any(|m| m == "SpaceAfter=No");
            for wi in t.words.clone() {
                let w = &s.words[wi];
                let last = wi + 1 == t.words.end;
                d.words.push(GoldWord {
                    form: w.form.clone(),
                    lemma: w.lemma.clone(),
                    upos: w.upos.clone(),
                    deprel: w.deprel.clone(),
                    head: w.head.filter(|&h| h > 0).map(|h| first + h - 1),
                    misc: w.misc.clone(),
                    space_after: last && !no_space,
                });
            }
        }
        d.sentences.push(first..d.words.len());
    }
    Ok(docs)
}

fn token_kind(s: &str) -> TokenKind {
    if s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') && s.chars().any(|c| c.is_ascii_digit()) {
        TokenKind::Number
    } else if s.chars().all(|c| !c.is_alphanumeric()) {
        TokenKind::Punct
    } else {
        TokenKind::Word
    }
}

/// The document text with gold tokens and sentences (one token per word).
fn build_doc(gold: &GoldDoc) -> Result<Doc> {
    let mut text = String::new();
    let mut tokens = Vec::with_capacity(gold.words.len());
    let mut sentence_start: HashSet<usize> = gold.sentences.iter().map(|r| r.start).collect();
    sentence_start.remove(&0);
    for (i, w) in gold.words.iter().enumerate() {
        let gap = if i == 0 || gold.paragraph_starts.contains(&i) {
            if i > 0 {
                text.push_str("\n\n");
            }
            Gap::Paragraph
        } else if sentence_start.contains(&i) || gold.words[i - 1].space_after {
            text.push(' ');
            Gap::Space
        } else {
            Gap::None
        };
        let start = text.len();
        text.push_str(&w.form);
        tokens.push(Token {
            range: TextRange::from_usize(start, text.len()),
            gap,
            kind: token_kind(&w.form),
            joined: false,
        });
    }
    let sentences = gold
        .sentences
        .iter()
        .filter(|r| !r.is_empty())
        .map(|r| Sentence {
            range: tokens[r.start].range.cover(tokens[r.end - 1].range),
            first_token: r.start as u32,
            end_token: r.end as u32,
        })
        .collect();
    let mut doc = Doc::new(DocMeta { id: gold.id.clone(), kind: "text".into(), ..DocMeta::default() }, text)?;
    doc.tokens = tokens;
    doc.sentences = sentences;
    Ok(doc)
}

/// The engine's components after segmentation: syntax, entities (coreference is called
/// directly so every chain is scored, pronoun-only ones included).
struct Engine {
    components: Vec<Box<dyn dossier::pipeline::Component>>,
    pronouns: dossier::coref::PronounModel,
}

impl Engine {
    fn new(pronouns: dossier::coref::PronounModel) -> Result<Self> {
        let registry = dossier::components::registry();
        let mut components = Vec::new();
        for name in ["syntax", "entities"] {
            let entry = registry.entries().iter().find(|e| e.name == name).context("component missing")?;
            components.push((entry.factory)().map_err(|e| anyhow::anyhow!("{name}: {e}"))?);
        }
        Ok(Self { components, pronouns })
    }

    fn analyse(&self, gold: &GoldDoc) -> Result<Doc> {
        let mut doc = build_doc(gold)?;
        for c in &self.components {
            c.process(&mut doc)?;
        }
        Ok(doc)
    }

    fn run(&self, gold: &GoldDoc) -> Result<(Doc, dossier::coref::Coref)> {
        let doc = self.analyse(gold)?;
        let coref = dossier::coref::resolve_with(&doc, &self.pronouns);
        Ok((doc, coref))
    }
}

/// `dossier train coref`: the pronoun ranker, trained as a mention ranker over the key's
/// chains (a candidate is right when its span is a mention of the pronoun's gold chain;
/// pronouns outside any chain, or whose chain no candidate is in, teach nothing).
pub fn train_pronouns(
    key_path: &str,
    conllu: Option<&str>,
    out: &str,
    epochs: usize,
    prune: f32,
    seed: u64,
) -> Result<()> {
    let (conllu_path, key, docs) = load_key(key_path, conllu)?;
    let by_id: HashMap<&str, &GoldDoc> = docs.iter().map(|d| (d.id.as_str(), d)).collect();
    let engine = Engine::new(dossier::coref::PronounModel::default())?;
    // Each document analysed once, with its gold chain by mention span.
    type Chains = HashMap<(usize, usize), usize>;
    let mut data: Vec<(Doc, Chains)> = Vec::new();
    for (name, clusters) in &key.docs {
        let (base, _) = name.split_once(';').unwrap_or((name.as_str(), "000"));
        let Some(gold) = by_id.get(base) else {
            eprintln!("dossier: warning: {base} is in the key but not in {conllu_path}; skipped");
            continue;
        };
        let mut chain_of: HashMap<(usize, usize), usize> = HashMap::new();
        for (k, c) in clusters.iter().enumerate().filter(|(_, c)| c.len() > 1) {
            for &span in c {
                chain_of.insert(span, k);
            }
        }
        data.push((engine.analyse(gold)?, chain_of));
    }
    ensure!(!data.is_empty(), "{key_path}: no documents");
    let mut trainer = dossier::coref::PronounTrainer::new();
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = dossier::text::learn::SplitMix64(seed);
    for epoch in 1..=epochs {
        rng.shuffle(&mut order);
        let (seen, right) = (trainer.seen, trainer.right);
        for &i in &order {
            let (doc, chains) = &data[i];
            dossier::coref::train_pronouns(doc, &|a, b| chains.get(&(a, b)).copied(), &mut trainer);
        }
        eprintln!(
            "epoch {epoch}: {:.2}% of {} decisions right before update",
            100.0 * (trainer.right - right) as f64 / (trainer.seen - seen).max(1) as f64,
            trainer.seen - seen
        );
    }
    let model = trainer.finish(prune);
    let bytes = model.to_bytes();
    std::fs::write(out, &bytes).with_context(|| format!("writing {out}"))?;
    eprintln!("{} documents; wrote {out} ({} weights, {} bytes)", data.len(), model.len(), bytes.len());
    Ok(())
}

/// Chains as word spans (tokens are words here).
fn clusters_of(_doc: &Doc, coref: &dossier::coref::Coref) -> Clusters {
    coref.chains.iter().map(|c| c.iter().map(|&m| (coref.mentions[m].start, coref.mentions[m].end)).collect()).collect()
}

/// Mentions of the GUM entity column: (entity id, first word, end word).
fn gold_mentions(doc: &GoldDoc) -> Vec<(String, usize, usize)> {
    let mut open: HashMap<String, Vec<usize>> = HashMap::new();
    let mut out = Vec::new();
    for (i, w) in doc.words.iter().enumerate() {
        let Some(value) = w.misc.split('|').find_map(|m| m.strip_prefix("Entity=")) else { continue };
        let b = value.as_bytes();
        let mut k = 0;
        while k < b.len() {
            if b[k] == b'(' {
                let s = k + 1;
                let mut e = s;
                while e < b.len() && b[e].is_ascii_digit() {
                    e += 1;
                }
                let id = value[s..e].to_string();
                // The rest of this opening runs to the next `(` or `)`.
                while e < b.len() && b[e] != b'(' && b[e] != b')' {
                    e += 1;
                }
                if e < b.len() && b[e] == b')' {
                    out.push((id, i, i + 1));
                    k = e + 1;
                } else {
                    open.entry(id).or_default().push(i);
                    k = e;
                }
            } else if b[k].is_ascii_digit() {
                let s = k;
                while k < b.len() && b[k].is_ascii_digit() {
                    k += 1;
                }
                let id = &value[s..k];
                if k < b.len() && b[k] == b')' {
                    if let Some(start) = open.get_mut(id).and_then(Vec::pop) {
                        out.push((id.to_string(), start, i + 1));
                    }
                    k += 1;
                }
            } else {
                k += 1;
            }
        }
    }
    out
}

/// The `--speech-pronouns` figure.
struct SpeechScores {
    documents: usize,
    items: usize,
    correct: usize,
    /// Linked to some name, but of another entity.
    wrong_name: usize,
    /// Not linked to any name.
    unresolved: usize,
    accuracy: f64,
}

fn speech_pronouns(args: &CorefArgs) -> Result<ExitCode> {
    let engine = Engine::new(pronoun_model(args.pronoun_model.as_deref())?)?;
    let mut s = SpeechScores { documents: 0, items: 0, correct: 0, wrong_name: 0, unresolved: 0, accuracy: 0.0 };
    for path in &args.files {
        for gold in read_gum_docs(path)? {
            if !gold.id.contains("_news_") && !gold.id.contains("_interview_") {
                continue;
            }
            let mentions = gold_mentions(&gold);
            // Words of named mentions (head word a proper noun), per entity.
            let mut named: HashMap<&str, HashSet<usize>> = HashMap::new();
            for (id, a, b) in &mentions {
                let head = (*a..*b).find(|&w| gold.words[w].head.is_none_or(|h| h < *a || h >= *b));
                if head.is_some_and(|h| gold.words[h].upos == "PROPN") {
                    named.entry(id.as_str()).or_default().extend(*a..*b);
                }
            }
            let items: Vec<(usize, &str)> = mentions
                .iter()
                .filter(|(_, a, b)| b - a == 1)
                .filter_map(|(id, a, _)| {
                    let w = &gold.words[*a];
                    let pronoun = matches!(w.form.to_lowercase().as_str(), "he" | "she" | "they");
                    let speech = w.deprel.starts_with("nsubj")
                        && w.head.is_some_and(|h| dossier::coref::lexicon::is_speech_verb(&gold.words[h].lemma));
                    (pronoun && speech && named.contains_key(id.as_str())).then_some((*a, id.as_str()))
                })
                .collect();
            if items.is_empty() {
                continue;
            }
            s.documents += 1;
            let (doc, coref) = engine.run(&gold)?;
            let _ = &doc;
            let mut chain_of: HashMap<usize, usize> = HashMap::new();
            for (c, chain) in coref.chains.iter().enumerate() {
                for &m in chain {
                    chain_of.insert(m, c);
                }
            }
            for (word, id) in items {
                s.items += 1;
                let mention = coref.mentions.iter().position(|m| m.start == word && m.end == word + 1);
                let chain = mention.and_then(|m| chain_of.get(&m)).map(|&c| &coref.chains[c]);
                let names: Vec<usize> = chain
                    .into_iter()
                    .flatten()
                    .map(|&m| &coref.mentions[m])
                    .filter(|m| m.kind == dossier::coref::MentionKind::Name)
                    .map(|m| m.head)
                    .collect();
                if names.iter().any(|h| named[id].contains(h)) {
                    s.correct += 1;
                } else if names.is_empty() {
                    s.unresolved += 1;
                } else {
                    s.wrong_name += 1;
                }
            }
        }
    }
    s.accuracy = if s.items > 0 { s.correct as f64 / s.items as f64 } else { 0.0 };
    if args.json {
        let v = serde_json::json!({
            "documents": s.documents, "items": s.items, "correct": s.correct,
            "wrong_name": s.wrong_name, "unresolved": s.unresolved, "accuracy": s.accuracy,
        });
        say!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        say!(
            "pronoun subjects of speech verbs: {} in {} documents\naccuracy {:.2}% ({} right name, {} wrong name, {} no name)",
            s.items,
            s.documents,
            100.0 * s.accuracy,
            s.correct,
            s.wrong_name,
            s.unresolved
        );
    }
    Ok(ExitCode::SUCCESS)
}
