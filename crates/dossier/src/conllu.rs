//! CoNLL-U output of the engine's own tokenization and sentence splitting
//! (`dossier parse --raw`): `# sent_id`, `# text`, `# char_offsets` (code points into the
//! input) per sentence, multiword-token range lines for split clitics, and
//! `TokenRange=start:end` (code points) plus `SpaceAfter=No` in MISC.

use std::fmt::Write;

use dossier_text::{Doc, Gap, Token};

/// Writes all sentences of `doc`. Columns the engine does not predict yet are `_`.
pub fn write_doc(doc: &Doc, out: &mut String) {
    let text = doc.text();
    let offsets = doc.offsets();
    let cp = |b: u32| offsets.char_offset(b);
    for (n, sentence) in doc.sentences.iter().enumerate() {
        let tokens = doc.sentence_tokens(*sentence);
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
                    let _ = writeln!(out, "{}\t{}\t_\t_\t_\t_\t_\t_\t_\t_", i + k + 1, t.text(text));
                }
            } else {
                let t = tokens[i];
                let _ = writeln!(
                    out,
                    "{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}",
                    i + 1,
                    t.text(text),
                    misc(t.range.start(), t.range.end(), true)
                );
            }
            i = j;
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use crate::Analyzer;

    #[test]
    fn writes_multiword_tokens_and_offsets() {
        let doc = Analyzer::new().unwrap().analyze_text("t", "I don't know, Zoë said.").unwrap();
        let mut out = String::new();
        super::write_doc(&doc, &mut out);
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
