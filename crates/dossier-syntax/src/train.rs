//! Training: the functions behind `dossier train tagger|parser`.
//!
//! Both trainers are single-threaded and deterministic: sentence order per epoch comes from
//! a seeded SplitMix64 generator and every map is iterated in sorted order before output.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::clusters::{ClusterParams, Clusters};
use crate::conllu::{self, Sentence};
use crate::error::TrainError;
use crate::hash::hash_str;
use crate::hash::{IdBuild, IdMap};
use crate::lemma::Lemmatizer;
use crate::lex::{TokLex, lex_sentence, normalize_into};
use crate::model::{SyntaxModel, parser_to_bytes, tagger_from_bytes, tagger_to_bytes};
use crate::parser::{
    FEAT_CLUSTERS, FEAT_LEMMAS, Gold, Groups, LEFT, Move, Parser, REDUCE, SHIFT, State, Tokens, class_costs,
    features as parse_features, label_features,
};
use crate::perceptron::{Trainer, argmax_valid};
use crate::tagger::{TagLabel, Tagger, features as tag_features, features2, greedy_pass};
use crate::upos::Upos;

pub use crate::conllu::{parse as parse_conllu, read as read_conllu};

/// Tagger training options.
#[derive(Debug, Clone)]
pub struct TaggerOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Averaged weights with smaller magnitude are dropped from the model file.
    pub prune: f32,
    /// Two-pass tagging: a second pass sees the first pass's tags to the right, trained on
    /// first-pass tags from `stack_folds` jackknife taggers (0 = one pass only).
    pub stack_folds: usize,
    /// Word clusters learned from the training text plus `unlabeled`: number of fine
    /// classes (0 = no clusters) and of coarse classes (clusters of the fine ones).
    pub clusters: usize,
    pub coarse_clusters: usize,
    /// Words seen fewer times than this get no cluster.
    pub cluster_min_count: u32,
    /// Extra unlabeled text for the clusters: `.jsonl` files (the `text` field of every
    /// record) or plain text files.
    pub unlabeled: Vec<PathBuf>,
}

impl Default for TaggerOptions {
    fn default() -> Self {
        Self {
            epochs: 8,
            seed: 1,
            prune: 0.0,
            stack_folds: 4,
            clusters: 256,
            coarse_clusters: 32,
            cluster_min_count: 3,
            unlabeled: Vec::new(),
        }
    }
}

/// Parser training options.
#[derive(Debug, Clone)]
pub struct ParserOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Probability of following the model's own (possibly wrong) move after the first
    /// epoch (dynamic-oracle exploration).
    pub explore: f64,
    /// Train the parser on tags predicted by taggers trained on the other `k` folds
    /// (jackknifing); 0 or 1 = tag the training data with the given tagger.
    pub jackknife: usize,
    /// Epochs of each jackknife tagger.
    pub tagger_epochs: usize,
    pub prune: f32,
    /// Relation labels predicted jointly with the move: `root`, the `label_groups - 2` most
    /// frequent others, and one shared group for the rest (resolved by a label classifier).
    /// 0 = every label jointly (classic labeled arc-eager).
    pub label_groups: usize,
    /// Score the averaged model on the dev sentences after every epoch from this one on
    /// (0 = only at the end); for choosing the number of epochs.
    pub dev_from_epoch: usize,
    /// With `dev_from_epoch`: also write the model of every scored epoch as
    /// `parser-e<N>.bin` into this directory.
    pub epoch_models: Option<PathBuf>,
    /// Cluster features (needs a tagger model with clusters) and lemma features in the
    /// parser.
    pub cluster_features: bool,
    pub lemma_features: bool,
}

impl Default for ParserOptions {
    fn default() -> Self {
        Self {
            epochs: 16,
            seed: 1,
            explore: 0.9,
            jackknife: 5,
            tagger_epochs: 8,
            prune: 1.0,
            label_groups: 20,
            dev_from_epoch: 0,
            epoch_models: None,
            cluster_features: false,
            lemma_features: false,
        }
    }
}

/// Scores on a development file with gold tokens (percentages).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct DevScores {
    pub words: usize,
    pub upos: f64,
    pub xpos: f64,
    pub lemma: f64,
    pub uas: f64,
    /// Universal relation (part before `:`), as the CoNLL 2018 scorer.
    pub las: f64,
    /// Whole relation label including subtype.
    pub las_full: f64,
}

/// What a training run did.
#[derive(Debug, Clone, Default)]
pub struct TrainReport {
    pub sentences: usize,
    pub words: usize,
    pub seconds: f64,
    pub model_bytes: usize,
    pub dev: Option<DevScores>,
}

/// Checks that every column has one entry per word and heads are in range.
fn validate(sents: &[Sentence]) -> Result<(), TrainError> {
    for (i, s) in sents.iter().enumerate() {
        let n = s.len();
        let same = [s.lemmas.len(), s.upos.len(), s.xpos.len(), s.heads.len(), s.deprels.len()].iter().all(|&l| l == n);
        if !same || s.heads.iter().any(|&h| h as usize > n) {
            return Err(TrainError::Option(format!("training sentence {} is malformed", i + 1)));
        }
    }
    Ok(())
}

fn read_all(paths: &[PathBuf]) -> Result<Vec<Sentence>, TrainError> {
    let mut out = Vec::new();
    for p in paths {
        out.extend(conllu::read(p)?);
    }
    if out.is_empty() {
        return Err(TrainError::Empty);
    }
    Ok(out)
}

/// SplitMix64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Joint `XPOS|UPOS` label inventory, most frequent first.
struct TagSet {
    labels: Vec<TagLabel>,
    index: HashMap<(String, Upos), u16>,
}

impl TagSet {
    fn new(sents: &[Sentence]) -> Self {
        let mut counts: HashMap<(String, Upos), usize> = HashMap::new();
        for s in sents {
            for (x, u) in s.xpos.iter().zip(&s.upos) {
                *counts.entry((x.clone(), Upos::parse(u).unwrap_or(Upos::X))).or_default() += 1;
            }
        }
        let mut v: Vec<_> = counts.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v.truncate(u16::MAX as usize);
        let labels = v.iter().map(|((x, u), _)| TagLabel::new(x, *u)).collect();
        let index = v.into_iter().enumerate().map(|(i, (k, _))| (k, i as u16)).collect();
        Self { labels, index }
    }

    fn gold(&self, s: &Sentence) -> Vec<u16> {
        s.xpos
            .iter()
            .zip(&s.upos)
            .map(|(x, u)| self.index.get(&(x.clone(), Upos::parse(u).unwrap_or(Upos::X))).copied().unwrap_or(0))
            .collect()
    }
}

struct TagData {
    lex: Vec<TokLex>,
    gold: Vec<u16>,
}

fn tag_data(sents: &[&Sentence], set: &TagSet, clusters: &Clusters) -> Vec<TagData> {
    sents
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.forms.iter().map(String::as_str).collect();
            let mut lex = Vec::new();
            lex_sentence(&words, &mut lex);
            clusters.annotate(&mut lex);
            TagData { lex, gold: set.gold(s) }
        })
        .collect()
}

fn build_tagdict(data: &[TagData], idx: &[usize]) -> IdMap<u16> {
    let mut forms: IdMap<HashMap<u16, u32>> = IdMap::default();
    for &si in idx {
        let d = &data[si];
        for (t, &g) in d.lex.iter().zip(&d.gold) {
            *forms.entry(t.wf).or_default().entry(g).or_default() += 1;
        }
    }
    let mut tagdict = IdMap::with_capacity_and_hasher(4096, IdBuild::default());
    for (&wf, labels) in &forms {
        let total: u32 = labels.values().sum();
        let mut best: Vec<(u16, u32)> = labels.iter().map(|(&l, &c)| (l, c)).collect();
        best.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        if total >= 20 && f64::from(best[0].1) / f64::from(total) >= 0.99 {
            tagdict.insert(wf, best[0].0);
        }
    }
    tagdict
}

/// Trains one greedy pass on the sentences `idx` of `data`; `first` holds earlier-pass
/// labels for every sentence of `data` (stage 2).
#[allow(clippy::too_many_arguments)]
fn fit_pass(
    data: &[TagData],
    idx: &[usize],
    n_classes: usize,
    tagdict: &IdMap<u16>,
    first: Option<&[Vec<u16>]>,
    opts: &TaggerOptions,
    seed: u64,
    log: &mut dyn FnMut(&str),
) -> crate::perceptron::Weights {
    let mut trainer = Trainer::new(n_classes);
    let mut order: Vec<usize> = idx.to_vec();
    let mut rng = Rng(seed);
    let mut feats = Vec::with_capacity(48);
    let mut scores = vec![0f32; n_classes];
    for epoch in 0..opts.epochs {
        rng.shuffle(&mut order);
        let (mut seen, mut wrong) = (0usize, 0usize);
        for &si in &order {
            let d = &data[si];
            let a = first.map(|f| f[si].as_slice());
            let (mut p1, mut p2) = (0xb051u64, 0xb052u64);
            for i in 0..d.lex.len() {
                let gold = usize::from(d.gold[i]);
                let pred = match tagdict.get(&d.lex[i].wf) {
                    Some(&l) => usize::from(l),
                    None => {
                        trainer.tick();
                        tag_features(&d.lex, i, p1, p2, &mut feats);
                        if let Some(a) = a {
                            features2(&d.lex, i, p1, a, &mut feats);
                        }
                        trainer.score(&feats, &mut scores);
                        let pred = argmax_valid(&scores, |_| true).unwrap_or(0);
                        if pred != gold {
                            trainer.update(&feats, gold, 1.0);
                            trainer.update(&feats, pred, -1.0);
                        }
                        pred
                    }
                };
                seen += 1;
                wrong += usize::from(pred != gold);
                p2 = p1;
                p1 = pred as u64 + 1;
            }
        }
        log(&format!(
            "tagger{} epoch {}: train accuracy {:.2}%",
            if first.is_some() { " stage 2" } else { "" },
            epoch + 1,
            100.0 * (1.0 - wrong as f64 / seen.max(1) as f64)
        ));
    }
    trainer.finish(opts.prune)
}

/// Learns word clusters from the training sentences and the unlabeled files.
fn learn_clusters(sents: &[Sentence], opts: &TaggerOptions, log: &mut dyn FnMut(&str)) -> Result<Clusters, TrainError> {
    if opts.clusters < 2 {
        return Ok(Clusters::default());
    }
    let mut buf = String::new();
    let mut norm = |w: &str| {
        normalize_into(w, &mut buf);
        hash_str(&buf)
    };
    let mut text: Vec<Vec<u64>> = sents.iter().map(|s| s.forms.iter().map(|f| norm(f)).collect()).collect();
    for path in &opts.unlabeled {
        let raw = std::fs::read_to_string(path).map_err(|source| TrainError::Io { path: path.clone(), source })?;
        let before = text.len();
        let mut add = |t: &str| {
            for line in t.lines() {
                for sent in split_sentences(&tokenize(line)) {
                    text.push(sent.iter().map(|w| norm(w)).collect());
                }
            }
        };
        if path.extension().is_some_and(|e| e == "jsonl") {
            for (i, line) in raw.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
                let v: serde_json::Value = serde_json::from_str(line).map_err(|e| TrainError::Format {
                    path: path.clone(),
                    line: i + 1,
                    message: e.to_string(),
                })?;
                if let Some(t) = v.get("text").and_then(serde_json::Value::as_str) {
                    add(t);
                }
            }
        } else {
            add(&raw);
        }
        log(&format!("clusters: {} sentences from {}", text.len() - before, path.display()));
    }
    let words: usize = text.iter().map(Vec::len).sum();
    log(&format!("clusters: learning from {} sentences, {words} words", text.len()));
    let params = ClusterParams {
        fine: opts.clusters.min(u16::MAX as usize - 1),
        coarse: opts.coarse_clusters,
        min_count: opts.cluster_min_count,
        iterations: 12,
    };
    Ok(Clusters::learn(&text, params, log))
}

/// A rough UD-style tokenizer for unlabeled text: whitespace, leading and trailing
/// punctuation, and English clitics (`n't`, `'s`, `'re`, ...) split off.
fn tokenize(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in line.split_whitespace() {
        let w: String = raw.chars().map(|c| if c == '\u{2019}' || c == '\u{2018}' { '\'' } else { c }).collect();
        let is_p = |c: char| !c.is_alphanumeric() && c != '\'' && c != '%' && c != '$' && c != '#' && c != '@';
        let lead_end = w.find(|c: char| !is_p(c)).unwrap_or(w.len());
        for c in w[..lead_end].chars() {
            out.push(c.to_string());
        }
        let core = &w[lead_end..];
        let trail_start =
            core.rfind(|c: char| !is_p(c)).map_or(0, |i| i + core[i..].chars().next().map_or(1, char::len_utf8));
        let (mut body, trail) = core.split_at(trail_start);
        let lower = body.to_lowercase();
        let mut clitic = None;
        for c in ["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"] {
            if lower.len() > c.len() && lower.ends_with(c) && body.is_char_boundary(body.len() - c.len()) {
                let cut = body.len() - c.len();
                clitic = Some(&body[cut..]);
                body = &body[..cut];
                break;
            }
        }
        if !body.is_empty() {
            out.push(body.to_owned());
        }
        if let Some(c) = clitic {
            out.push(c.to_owned());
        }
        for c in trail.chars() {
            out.push(c.to_string());
        }
    }
    out
}

/// Splits tokens into sentences after `.`, `!` and `?`.
fn split_sentences(tokens: &[String]) -> Vec<&[String]> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, t) in tokens.iter().enumerate() {
        if matches!(t.as_str(), "." | "!" | "?") {
            out.push(&tokens[start..=i]);
            start = i + 1;
        }
    }
    if start < tokens.len() {
        out.push(&tokens[start..]);
    }
    out
}

/// Trains the tagger proper (no lemmatizer) on the sentences `idx` of `data`.
fn fit_tagger(
    data: &[TagData],
    idx: &[usize],
    set: &TagSet,
    opts: &TaggerOptions,
    log: &mut dyn FnMut(&str),
) -> Tagger {
    let n = set.labels.len();
    let tagdict = build_tagdict(data, idx);
    let weights = fit_pass(data, idx, n, &tagdict, None, opts, opts.seed, log);
    let mut tagger = Tagger {
        labels: set.labels.clone(),
        weights,
        tagdict,
        stage2: None,
        margin: crate::tagger::DEFAULT_MARGIN,
        clusters: Clusters::default(),
    };
    if opts.stack_folds >= 2 {
        // First-pass labels for the training sentences from taggers that did not see them.
        let k = opts.stack_folds;
        let mut first: Vec<Vec<u16>> = vec![Vec::new(); data.len()];
        for fold in 0..k {
            let part: Vec<usize> = idx.iter().copied().filter(|i| i % k != fold).collect();
            let w = fit_pass(data, &part, n, &tagger.tagdict, None, opts, opts.seed ^ (fold as u64 + 11), &mut |_| {});
            for &si in idx.iter().filter(|&&i| i % k == fold) {
                greedy_pass(&w, n, &tagger.tagdict, &data[si].lex, None, None, None, &mut first[si]);
            }
            log(&format!("tagger stacking fold {}/{k} done", fold + 1));
        }
        tagger.stage2 = Some(fit_pass(data, idx, n, &tagger.tagdict, Some(&first), opts, opts.seed ^ 0x5eed, log));
    }
    tagger
}

/// Trains the tagger and lemmatizer on `train` (CoNLL-U files); returns the model file.
pub fn train_tagger(
    train: &[PathBuf],
    dev: Option<&Path>,
    opts: &TaggerOptions,
    log: &mut dyn FnMut(&str),
) -> Result<(Vec<u8>, TrainReport), TrainError> {
    let sents = read_all(train)?;
    let dev = dev.map(conllu::read).transpose()?;
    train_tagger_on(&sents, dev.as_deref(), opts, log)
}

/// [`train_tagger`] on sentences already in memory.
pub fn train_tagger_on(
    sents: &[Sentence],
    dev: Option<&[Sentence]>,
    opts: &TaggerOptions,
    log: &mut dyn FnMut(&str),
) -> Result<(Vec<u8>, TrainReport), TrainError> {
    let start = Instant::now();
    if sents.is_empty() {
        return Err(TrainError::Empty);
    }
    validate(sents)?;
    let set = TagSet::new(sents);
    let refs: Vec<&Sentence> = sents.iter().collect();
    log(&format!("tagger: {} sentences, {} labels", sents.len(), set.labels.len()));
    let clusters = learn_clusters(sents, opts, log)?;
    let data = tag_data(&refs, &set, &clusters);
    let idx: Vec<usize> = (0..data.len()).collect();
    let mut tagger = fit_tagger(&data, &idx, &set, opts, log);
    tagger.clusters = clusters;
    let lemmatizer = Lemmatizer::learn(
        sents.iter().flat_map(|s| s.forms.iter().zip(&s.xpos).zip(&s.lemmas).map(|((f, x), l)| (&**f, &**x, &**l))),
    );
    let bytes = tagger_to_bytes(&tagger, &lemmatizer);
    let mut report = TrainReport {
        sentences: sents.len(),
        words: sents.iter().map(Sentence::len).sum(),
        model_bytes: bytes.len(),
        ..Default::default()
    };
    if let Some(gold) = dev {
        validate(gold)?;
        let (tagger, lemmatizer) = tagger_from_bytes(&bytes)?;
        report.dev = Some(score_tags(&tagger, &lemmatizer, gold));
    }
    report.seconds = start.elapsed().as_secs_f64();
    Ok((bytes, report))
}

fn score_tags(tagger: &Tagger, lem: &Lemmatizer, gold: &[Sentence]) -> DevScores {
    let mut sc = DevScores::default();
    let (mut upos, mut xpos, mut lemma) = (0usize, 0usize, 0usize);
    let mut lex = Vec::new();
    let mut tags = Vec::new();
    for s in gold {
        let words: Vec<&str> = s.forms.iter().map(String::as_str).collect();
        lex_sentence(&words, &mut lex);
        tagger.clusters.annotate(&mut lex);
        tagger.tag(&lex, &mut tags);
        for (i, &t) in tags.iter().enumerate() {
            let l = &tagger.labels[usize::from(t)];
            upos += usize::from(l.upos.as_str() == s.upos[i]);
            xpos += usize::from(*l.xpos == *s.xpos[i]);
            lemma += usize::from(lem.lemmatize(words[i], l.xpos_hash) == s.lemmas[i]);
            sc.words += 1;
        }
    }
    let pct = |c: usize| 100.0 * c as f64 / sc.words.max(1) as f64;
    sc.upos = pct(upos);
    sc.xpos = pct(xpos);
    sc.lemma = pct(lemma);
    sc
}

/// Scores a full model (tags, lemmas, tree) on gold sentences with gold tokens
/// (sentences must have one entry per word in every column).
pub fn evaluate(model: &SyntaxModel, gold: &[Sentence]) -> DevScores {
    let mut sc = score_tags(&model.tagger, &model.lemmatizer, gold);
    let (mut uas, mut las, mut full, mut n) = (0usize, 0usize, 0usize, 0usize);
    for s in gold {
        let words: Vec<&str> = s.forms.iter().map(String::as_str).collect();
        let a = model.analyze_sentence(&words);
        for i in 0..s.len() {
            n += 1;
            if a.head[i] == s.heads[i] {
                uas += 1;
                let univ = |d: &str| d.split(':').next().unwrap_or("").to_owned();
                las += usize::from(univ(a.deprel[i]) == univ(&s.deprels[i]));
                full += usize::from(a.deprel[i] == s.deprels[i]);
            }
        }
    }
    let pct = |c: usize| 100.0 * c as f64 / n.max(1) as f64;
    sc.uas = pct(uas);
    sc.las = pct(las);
    sc.las_full = pct(full);
    sc
}

struct ParseData {
    words: Vec<u64>,
    cf: Vec<u64>,
    cc: Vec<u64>,
    lm: Vec<u64>,
    tags: Vec<u64>,
    gold: Gold,
}

/// Trains the parser on `train` (CoNLL-U files). `tagger` is a tagger model file: it tags
/// the dev file and, without jackknifing, the training data. Returns the parser model file.
pub fn train_parser(
    train: &[PathBuf],
    dev: Option<&Path>,
    tagger: &[u8],
    opts: &ParserOptions,
    log: &mut dyn FnMut(&str),
) -> Result<(Vec<u8>, TrainReport), TrainError> {
    let sents = read_all(train)?;
    let dev = dev.map(conllu::read).transpose()?;
    train_parser_on(&sents, dev.as_deref(), tagger, opts, log)
}

/// [`train_parser`] on sentences already in memory.
pub fn train_parser_on(
    sents: &[Sentence],
    dev: Option<&[Sentence]>,
    tagger: &[u8],
    opts: &ParserOptions,
    log: &mut dyn FnMut(&str),
) -> Result<(Vec<u8>, TrainReport), TrainError> {
    let start = Instant::now();
    // Create the per-epoch model directory now: failing after an hour of training is worse.
    if let Some(dir) = &opts.epoch_models {
        std::fs::create_dir_all(dir).map_err(|source| TrainError::Io { path: dir.clone(), source })?;
    }
    if !(0.0..=1.0).contains(&opts.explore) {
        return Err(TrainError::Option(format!("explore must be in 0..=1, not {}", opts.explore)));
    }
    if sents.is_empty() {
        return Err(TrainError::Empty);
    }
    validate(sents)?;
    let (mut main_tagger, mut lemmatizer) = tagger_from_bytes(tagger)?;

    // Relation inventory, most frequent first.
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for s in sents {
        for d in &s.deprels {
            *counts.entry(d.as_str()).or_default() += 1;
        }
    }
    counts.entry("root").or_default();
    counts.entry("dep").or_default();
    let mut rels: Vec<(&str, usize)> = counts.into_iter().collect();
    rels.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let labels: Vec<Box<str>> = rels.iter().map(|(r, _)| Box::<str>::from(*r)).collect();
    let rel_index: HashMap<&str, u16> = rels.iter().enumerate().map(|(i, (r, _))| (*r, i as u16)).collect();
    let root = rel_index.get("root").copied().unwrap_or(0);

    // Predicted tags for the training data.
    let mut pred_tags: Vec<Vec<u64>> = vec![Vec::new(); sents.len()];
    let k = opts.jackknife;
    let mut lex = Vec::new();
    let mut tags = Vec::new();
    if k >= 2 {
        let set = TagSet::new(sents);
        let refs: Vec<&Sentence> = sents.iter().collect();
        let tdata = tag_data(&refs, &set, &main_tagger.clusters);
        for fold in 0..k {
            let part: Vec<usize> = (0..sents.len()).filter(|i| i % k != fold).collect();
            let topts = TaggerOptions {
                epochs: opts.tagger_epochs,
                seed: opts.seed ^ (fold as u64 + 1),
                prune: 0.0,
                stack_folds: 0,
                ..TaggerOptions::default()
            };
            let fold_tagger = fit_tagger(&tdata, &part, &set, &topts, &mut |_| {});
            for (i, s) in sents.iter().enumerate().filter(|(i, _)| i % k == fold) {
                let words: Vec<&str> = s.forms.iter().map(String::as_str).collect();
                lex_sentence(&words, &mut lex);
                main_tagger.clusters.annotate(&mut lex);
                fold_tagger.tag(&lex, &mut tags);
                pred_tags[i] = tags.iter().map(|&t| fold_tagger.labels[usize::from(t)].xpos_hash).collect();
            }
            log(&format!("jackknife fold {}/{k} tagged", fold + 1));
        }
    } else {
        for (i, s) in sents.iter().enumerate() {
            let words: Vec<&str> = s.forms.iter().map(String::as_str).collect();
            lex_sentence(&words, &mut lex);
            main_tagger.clusters.annotate(&mut lex);
            main_tagger.tag(&lex, &mut tags);
            pred_tags[i] = tags.iter().map(|&t| main_tagger.labels[usize::from(t)].xpos_hash).collect();
        }
    }
    let data: Vec<ParseData> = sents
        .iter()
        .zip(pred_tags)
        .map(|(s, tags)| {
            let words: Vec<&str> = s.forms.iter().map(String::as_str).collect();
            lex_sentence(&words, &mut lex);
            main_tagger.clusters.annotate(&mut lex);
            let glabels: Vec<u16> = s.deprels.iter().map(|d| rel_index.get(d.as_str()).copied().unwrap_or(0)).collect();
            ParseData {
                words: lex.iter().map(|t| t.wl).collect(),
                cf: lex.iter().map(|t| t.cf).collect(),
                cc: lex.iter().map(|t| t.cc).collect(),
                lm: s.forms.iter().zip(&tags).map(|(f, &t)| hash_str(&lemmatizer.lemmatize(f, t))).collect(),
                tags,
                gold: Gold::new(&s.heads, &glabels),
            }
        })
        .collect();
    log(&format!("parser: {} sentences, {} relations", data.len(), labels.len()));

    let n_labels = labels.len();
    // Label groups: labels are sorted by frequency.
    let joint = opts.label_groups == 0 || opts.label_groups >= n_labels;
    let mut group_of = vec![0u16; n_labels];
    let mut next = 0u16;
    for (l, g) in group_of.iter_mut().enumerate() {
        if joint || l as u16 == root || usize::from(next) + 1 < opts.label_groups.max(2) {
            *g = next;
            next += 1;
        } else {
            *g = u16::MAX;
        }
    }
    for g in group_of.iter_mut() {
        if *g == u16::MAX {
            *g = next;
        }
    }
    let groups = Groups::new(group_of.clone(), root)?;
    log(&format!("parser: {} label groups, {} move classes", groups.n, groups.classes()));
    let extra = u8::from(opts.cluster_features) * FEAT_CLUSTERS + u8::from(opts.lemma_features) * FEAT_LEMMAS;
    let mut moves = Trainer::new(groups.classes());
    let mut labeler = Trainer::new(n_labels);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng(opts.seed.wrapping_mul(31).wrapping_add(7));
    let mut feats = Vec::with_capacity(96);
    let mut lfeats = Vec::with_capacity(32);
    let mut scores = vec![0f32; groups.classes()];
    let mut lscores = vec![0f32; n_labels];
    let mut costs = Vec::with_capacity(groups.classes());
    for epoch in 0..opts.epochs {
        rng.shuffle(&mut order);
        let (mut steps, mut wrong, mut arcs, mut wrong_labels) = (0usize, 0usize, 0usize, 0usize);
        for &si in &order {
            let d = &data[si];
            let toks = Tokens::new(&d.words, &d.tags, &d.cf, &d.cc, &d.lm, extra);
            let mut st = State::new(d.words.len());
            while !st.terminal() {
                parse_features(&st, &toks, &mut feats);
                moves.tick();
                moves.score(&feats, &mut scores);
                class_costs(&st, &d.gold, &groups, &mut costs);
                let pred = argmax_valid(&scores, |c| costs[c] != u32::MAX).unwrap_or(SHIFT);
                let min_cost = costs.iter().copied().min().unwrap_or(0);
                let gold = argmax_valid(&scores, |c| costs[c] == min_cost).unwrap_or(SHIFT);
                steps += 1;
                if costs[pred] > min_cost {
                    wrong += 1;
                    moves.update(&feats, gold, 1.0);
                    moves.update(&feats, pred, -1.0);
                }
                let next = if epoch > 0 && rng.unit() < opts.explore { pred } else { gold };
                let (s, b) = (st.top(), st.b as u32);
                let (m, g) = groups.decode(next);
                let mv = match m {
                    SHIFT => Move::Shift,
                    REDUCE => Move::Reduce,
                    _ => {
                        let (h, dep) = if m == LEFT { (b, s) } else { (s, b) };
                        let gold_arc = d.gold.head[dep as usize] == h;
                        let gl = d.gold.label[dep as usize];
                        let l = match groups.single(g) {
                            Some(l) => l,
                            None => {
                                label_features(&st, &toks, h, dep, &mut lfeats);
                                labeler.tick();
                                labeler.score(&lfeats, &mut lscores);
                                let guess = argmax_valid(&lscores, |l| group_of[l] == g).unwrap_or(0);
                                if gold_arc && group_of[usize::from(gl)] == g {
                                    arcs += 1;
                                    if guess != usize::from(gl) {
                                        wrong_labels += 1;
                                        labeler.update(&lfeats, usize::from(gl), 1.0);
                                        labeler.update(&lfeats, guess, -1.0);
                                    }
                                    gl
                                } else {
                                    guess as u16
                                }
                            }
                        };
                        if m == LEFT { Move::Left(l) } else { Move::Right(l) }
                    }
                };
                st.apply(mv);
            }
        }
        log(&format!(
            "parser epoch {}: {:.2}% wrong moves, {:.2}% wrong labels in groups ({:.0}s)",
            epoch + 1,
            100.0 * wrong as f64 / steps.max(1) as f64,
            100.0 * wrong_labels as f64 / arcs.max(1) as f64,
            start.elapsed().as_secs_f64()
        ));
        if let Some(gold) =
            dev.filter(|_| opts.dev_from_epoch > 0 && epoch + 1 >= opts.dev_from_epoch && epoch + 1 < opts.epochs)
        {
            let parser = Parser::from_parts(
                labels.clone(),
                group_of.clone(),
                moves.finish(opts.prune),
                labeler.finish(opts.prune),
                extra,
            )?;
            if let Some(dir) = &opts.epoch_models {
                let path = dir.join(format!("parser-e{}.bin", epoch + 1));
                std::fs::write(&path, parser_to_bytes(&parser)).map_err(|source| TrainError::Io { path, source })?;
            }
            let model = SyntaxModel { tagger: main_tagger, lemmatizer, parser };
            let sc = evaluate(&model, gold);
            log(&format!("parser epoch {}: dev UAS {:.2} LAS {:.2}", epoch + 1, sc.uas, sc.las));
            let SyntaxModel { tagger, lemmatizer: lem, .. } = model;
            main_tagger = tagger;
            lemmatizer = lem;
        }
    }
    let parser = Parser::from_parts(labels, group_of, moves.finish(opts.prune), labeler.finish(opts.prune), extra)?;
    let bytes = parser_to_bytes(&parser);
    let mut report = TrainReport {
        sentences: sents.len(),
        words: sents.iter().map(Sentence::len).sum(),
        model_bytes: bytes.len(),
        ..Default::default()
    };
    if let Some(gold) = dev {
        validate(gold)?;
        let model = SyntaxModel { tagger: main_tagger, lemmatizer, parser };
        report.dev = Some(evaluate(&model, gold));
    }
    report.seconds = start.elapsed().as_secs_f64();
    Ok((bytes, report))
}

/// Drops weights with magnitude below `min_abs` from a tagger model file (both passes).
pub fn prune_tagger(bytes: &[u8], min_abs: f32) -> Result<Vec<u8>, TrainError> {
    let (mut tagger, lemmatizer) = tagger_from_bytes(bytes)?;
    tagger.weights = tagger.weights.pruned(min_abs);
    tagger.stage2 = tagger.stage2.map(|w| w.pruned(min_abs));
    Ok(tagger_to_bytes(&tagger, &lemmatizer))
}

/// Drops weights with magnitude below `min_abs` from a parser model file.
pub fn prune_parser(bytes: &[u8], min_abs: f32) -> Result<Vec<u8>, TrainError> {
    let parser = crate::model::parser_from_bytes(bytes)?;
    let parser = Parser::from_parts(
        parser.labels,
        parser.groups.of.clone(),
        parser.moves.pruned(min_abs),
        parser.labeler.pruned(min_abs),
        parser.extra,
    )?;
    Ok(parser_to_bytes(&parser))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unlabeled_text_is_split_like_ud() {
        let toks = tokenize("\"They don’t know,\" she said (twice) at 5% rates.");
        let want =
            ["\"", "They", "do", "n't", "know", ",", "\"", "she", "said", "(", "twice", ")", "at", "5%", "rates", "."];
        assert_eq!(toks, want);
        let sents = split_sentences(&toks);
        assert_eq!(sents.len(), 1);
        let two = tokenize("It rained. We left!");
        assert_eq!(split_sentences(&two).len(), 2);
        assert!(tokenize("  ").is_empty());
        assert_eq!(tokenize("'s"), ["'s"]);
    }
}
