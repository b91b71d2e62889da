//! CoNLL-U output of the engine's own tokenization and sentence splitting
//! (`dossier parse --raw`): `# sent_id`, `# text`, `# char_offsets` (code points into the
//! input) per sentence, multiword-token range lines for split clitics, and
//! `TokenRange=start:end` (code points) plus `SpaceAfter=No` in MISC. With a [`SyntaxModel`],
//! UPOS, XPOS, LEMMA, HEAD and DEPREL are predicted; FEATS and DEPS stay `_`. [`annotate`]
//! fills those columns of a CoNLL-U file whose tokens are given (`dossier parse --conllu`).

use std::fmt::Write;

use dossier_syntax::{SentenceAnalysis, SyntaxModel};
use dossier_text::{Doc, Gap, Token};

/// The predicted columns of word `i` (0-based): `LEMMA UPOS XPOS FEATS HEAD DEPREL`.
fn columns(a: Option<&SentenceAnalysis<'_>>, i: usize) -> String {
    match a {
        Some(a) if i < a.head.len() => {
            format!("{}\t{}\t{}\t_\t{}\t{}", a.lemma[i], a.upos[i].as_str(), a.xpos[i], a.head[i], a.deprel[i])
        }
        _ => "_\t_\t_\t_\t_\t_".to_string(),
    }
}

/// Writes all sentences of `doc`; with `syntax`, the syntactic columns are predicted.
pub fn write_doc(doc: &Doc, syntax: Option<&SyntaxModel>, out: &mut String) {
    let text = doc.text();
    let offsets = doc.offsets();
    let cp = |b: u32| offsets.char_offset(b);
    for (n, sentence) in doc.sentences.iter().enumerate() {
        let tokens = doc.sentence_tokens(*sentence);
        let forms: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
        let analysis = syntax.map(|m| m.analyze_sentence(&forms));
        let a = analysis.as_ref();
        let sent_text: String = sentence.range.slice(text).split_whitespace().collect::<Vec<_>>().join(" ");
        let id = if doc.meta.id.is_empty() { "doc" } else { doc.meta.id.as_str() };
        let _ = writeln!(out, "# sent_id = {id}-{}", n + 1);
        let _ = writeln!(out, "# text = {sent_text}");
        let _ = writeln!(out, "# char_offsets = {}:{}", cp(sentence.range.start()), cp(sentence.range.end()));
        let mut i = 0;
        while i < tokens.len() {
            // A surface token: this word plus any joined continuation words.
            let mut j = i + 1;
            while j < tokens.len() && tokens[j].joined {
                j += 1;
            }
            let surface_end = tokens[j - 1].range.end();
            let space_after = tokens.get(j).is_none_or(|t: &Token| t.gap != Gap::None);
            let misc = |start: u32, end: u32, last: bool| {
                let mut m = format!("TokenRange={}:{}", cp(start), cp(end));
                if last && !space_after {
                    m.push_str("|SpaceAfter=No");
                }
                m
            };
            if j - i > 1 {
                let form = &text[tokens[i].range.start() as usize..surface_end as usize];
                let _ = writeln!(
                    out,
                    "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}",
                    i + 1,
                    j,
                    form,
                    misc(tokens[i].range.start(), surface_end, true)
                );
                for (k, t) in tokens[i..j].iter().enumerate() {
                    let _ = writeln!(out, "{}\t{}\t{}\t_\t_", i + k + 1, t.text(text), columns(a, i + k));
                }
            } else {
                let t = tokens[i];
                let _ = writeln!(
                    out,
                    "{}\t{}\t{}\t_\t{}",
                    i + 1,
                    t.text(text),
                    columns(a, i),
                    misc(t.range.start(), t.range.end(), true)
                );
            }
            i = j;
        }
        out.push('\n');
    }
}

/// A CoNLL-U line that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{path}:{line}: {message}")]
pub struct ConlluError {
    pub path: String,
    pub line: usize,
    pub message: String,
}

/// Predicts UPOS, XPOS, LEMMA, HEAD and DEPREL for every word of a CoNLL-U file with given
/// tokens; comments, multiword-token lines, empty nodes and the other columns are copied.
pub fn annotate(path: &str, input: &str, model: &SyntaxModel) -> Result<String, ConlluError> {
    let mut out = String::with_capacity(input.len() + input.len() / 4);
    let mut block: Vec<(usize, &str)> = Vec::new();
    let flush = |block: &mut Vec<(usize, &str)>, out: &mut String| -> Result<(), ConlluError> {
        let mut forms = Vec::new();
        for &(lineno, line) in block.iter() {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 10 {
                return Err(ConlluError {
                    path: path.to_string(),
                    line: lineno,
                    message: format!("expected 10 tab-separated columns, found {}", cols.len()),
                });
            }
            if cols[0].bytes().all(|b| b.is_ascii_digit()) {
                forms.push(cols[1]);
            }
        }
        let a = model.analyze_sentence(&forms);
        let mut w = 0;
        for &(_, line) in block.iter() {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols[0].bytes().all(|b| b.is_ascii_digit()) {
                let _ = writeln!(out, "{}\t{}\t{}\t{}\t{}", cols[0], cols[1], columns(Some(&a), w), cols[8], cols[9]);
                w += 1;
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
        block.clear();
        Ok(())
    };
    for (n, raw) in input.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.starts_with('#') {
            out.push_str(line);
            out.push('\n');
        } else if line.trim().is_empty() {
            flush(&mut block, &mut out)?;
            out.push('\n');
        } else {
            block.push((n + 1, line));
        }
    }
    if !block.is_empty() {
        flush(&mut block, &mut out)?;
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::Analyzer;

    #[test]
    fn writes_multiword_tokens_and_offsets() {
        let doc = Analyzer::new().unwrap().analyze_text("t", "I don't know, Zoë said.").unwrap();
        let mut out = String::new();
        super::write_doc(&doc, None, &mut out);
        let expected = "# sent_id = t-1\n# text = I don't know, Zoë said.\n# char_offsets = 0:23\n\
1\tI\t_\t_\t_\t_\t_\t_\t_\tTokenRange=0:1\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\tTokenRange=2:7\n\
2\tdo\t_\t_\t_\t_\t_\t_\t_\t_\n\
3\tn't\t_\t_\t_\t_\t_\t_\t_\t_\n\
4\tknow\t_\t_\t_\t_\t_\t_\t_\tTokenRange=8:12|SpaceAfter=No\n\
5\t,\t_\t_\t_\t_\t_\t_\t_\tTokenRange=12:13\n\
6\tZoë\t_\t_\t_\t_\t_\t_\t_\tTokenRange=14:17\n\
7\tsaid\t_\t_\t_\t_\t_\t_\t_\tTokenRange=18:22|SpaceAfter=No\n\
8\t.\t_\t_\t_\t_\t_\t_\t_\tTokenRange=22:23\n\n";
        assert_eq!(out, expected);
    }
}

#[cfg(test)]
mod annotate_tests {
    #[test]
    fn fills_columns_and_keeps_the_rest() {
        let model = dossier_syntax::SyntaxModel::builtin().unwrap();
        let input = "# text = They met.\n1\tThey\t_\t_\t_\t_\t_\t_\t_\t_\n2\tmet\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n3\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
        let out = super::annotate("t.conllu", input, model).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "# text = They met.");
        let met: Vec<&str> = lines[2].split('\t').collect();
        assert_eq!(
            (met[1], met[2], met[3], met[6], met[7], met[9]),
            ("met", "meet", "VERB", "0", "root", "SpaceAfter=No")
        );
        let err = super::annotate("bad.conllu", "1\tonly\n", model).unwrap_err();
        assert_eq!(err.to_string(), "bad.conllu:1: expected 10 tab-separated columns, found 2");
    }
}
