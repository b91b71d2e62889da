//! Re-writes model files without small weights and prints their statistics.
//!
//! ```text
//! cargo run --release -p dossier-syntax --example prune -- IN_DIR OUT_DIR TAGGER_MIN PARSER_MIN
//! ```

use std::path::PathBuf;

use dossier_syntax::SyntaxModel;
use dossier_syntax::train::{prune_parser, prune_tagger};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [inp, out, tmin, pmin] = args.as_slice() else {
        return Err("usage: prune IN_DIR OUT_DIR TAGGER_MIN PARSER_MIN".into());
    };
    let (inp, out) = (PathBuf::from(inp), PathBuf::from(out));
    std::fs::create_dir_all(&out)?;
    let tagger = prune_tagger(&std::fs::read(inp.join("tagger.bin"))?, tmin.parse()?)?;
    let parser = prune_parser(&std::fs::read(inp.join("parser.bin"))?, pmin.parse()?)?;
    std::fs::write(out.join("tagger.bin"), &tagger)?;
    std::fs::write(out.join("parser.bin"), &parser)?;
    let model = SyntaxModel::from_bytes(&tagger, &parser)?;
    println!("{model:?}\ntagger.bin {} bytes, parser.bin {} bytes", tagger.len(), parser.len());
    Ok(())
}
