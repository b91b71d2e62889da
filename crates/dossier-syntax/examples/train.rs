//! Trains the tagger+lemmatizer and the parser from the shared treebanks and writes them to
//! `crates/dossier-syntax/models/`.
//!
//! ```text
//! cargo run --release -p dossier-syntax --example train -- [tagger|parser|both] \
//!     [--data DIR] [--out DIR] [--no-gum] [--tagger-epochs N] [--parser-epochs N] \
//!     [--jackknife K] [--label-groups G] [--prune MIN_ABS] [--seed S] [--explore P] \
//!     [--clusters K] [--coarse-clusters K] [--unlabeled FILE ...] [--no-unlabeled] \
//!     [--cluster-features] [--lemma-features] [--dev-from-epoch N] [--epoch-models DIR]
//! ```
//!
//! Defaults: EWT train + GUM train, EWT dev for the printed scores, output to
//! `crates/dossier-syntax/models/`, tagger 8 epochs (two passes) with 256/32 word clusters
//! learned from the training text plus `events/plover-synthetic-ngec.jsonl` (MIT; the news
//! texts of TempEval-3 and PolNeAR must not be shipped in models), parser 16 epochs with 20 label groups, 5-fold jackknifed
//! tags and weights below 1.0 pruned. `parser` alone reads
//! `tagger.bin` from `--out` (to tag the dev file).

use std::path::{Path, PathBuf};

use dossier_syntax::train::{ParserOptions, TaggerOptions, train_parser, train_tagger};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut data = manifest.join("../../../shared/data");
    let mut out = manifest.join("models");
    let mut what = "both".to_owned();
    let mut gum = true;
    let mut topts = TaggerOptions::default();
    let mut popts = ParserOptions::default();
    let mut unlabeled = Vec::new();
    let mut no_unlabeled = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "tagger" | "parser" | "both" => what = a.clone(),
            "--data" => data = PathBuf::from(val()?),
            "--out" => out = PathBuf::from(val()?),
            "--no-gum" => gum = false,
            "--tagger-epochs" => {
                topts.epochs = val()?.parse()?;
                popts.tagger_epochs = topts.epochs;
            }
            "--parser-epochs" => popts.epochs = val()?.parse()?,
            "--jackknife" => popts.jackknife = val()?.parse()?,
            "--prune" => popts.prune = val()?.parse()?,
            "--label-groups" => popts.label_groups = val()?.parse()?,
            "--dev-from-epoch" => popts.dev_from_epoch = val()?.parse()?,
            "--epoch-models" => popts.epoch_models = Some(PathBuf::from(val()?)),
            "--cluster-features" => popts.cluster_features = true,
            "--lemma-features" => popts.lemma_features = true,
            "--explore" => popts.explore = val()?.parse()?,
            "--clusters" => topts.clusters = val()?.parse()?,
            "--coarse-clusters" => topts.coarse_clusters = val()?.parse()?,
            "--unlabeled" => unlabeled.push(PathBuf::from(val()?)),
            "--no-unlabeled" => no_unlabeled = true,
            "--seed" => {
                topts.seed = val()?.parse()?;
                popts.seed = topts.seed;
            }
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let mut train = vec![data.join("syntax/en_ewt-ud-train.conllu")];
    if gum {
        train.push(data.join("entities/gum/gum_train.conllu"));
    }
    if unlabeled.is_empty() && !no_unlabeled {
        unlabeled = vec![data.join("events/plover-synthetic-ngec.jsonl")];
    }
    topts.unlabeled = unlabeled;
    let dev = data.join("syntax/en_ewt-ud-dev.conllu");
    std::fs::create_dir_all(&out)?;
    let tagger_path = out.join("tagger.bin");
    let mut log = |m: &str| eprintln!("{m}");
    if what != "parser" {
        let (bytes, report) = train_tagger(&train, Some(&dev), &topts, &mut log)?;
        std::fs::write(&tagger_path, &bytes)?;
        eprintln!("tagger: {report:?}");
    }
    if what != "tagger" {
        let tagger = std::fs::read(&tagger_path)?;
        let (bytes, report) = train_parser(&train, Some(&dev), &tagger, &popts, &mut log)?;
        std::fs::write(out.join("parser.bin"), &bytes)?;
        eprintln!("parser: {report:?}");
    }
    Ok(())
}
