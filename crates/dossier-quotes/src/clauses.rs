//! Attributions read from the dependency tree, when the syntax layer is present.
//!
//! A cue is a reporting verb (lemma lexicon in [`crate::cues`]) that governs the reported
//! content as a clause:
//! - `SOURCE said (that) CONTENT` — the content is the verb's `ccomp` subtree, wherever it
//!   sits (`CONTENT, SOURCE said` is often parsed the same way);
//! - `SOURCE vowed to CONTENT` / `urged X to CONTENT` — an infinitival `xcomp` after an
//!   intention or demand verb;
//! - `CONTENT, SOURCE said, CONTENT` — the reporting verb hangs off the content's main verb
//!   as `parataxis`;
//! - `X seems to CONTENT` / `X appeared CONTENT` — an impression: the infinitival or
//!   adjectival complement of `seem`/`appear`, without a source.
//!
//! The source is the verb's subject, inherited through coordination and participles
//! (`He smiled and said ...`, `..., saying that ...`); a passive (`it was reported that`) has
//! none. Negated verbs (`did not say`) report nothing.

use dossier_text::{Doc, SyntaxLayer};

use crate::cues::{CueKind, cue_lemma, nominal_cue_lemma, raising};
use crate::{Attribution, is_double_quote, trim, word_count};

/// Whether `v` is negated by one of its dependents (`not`, `n't`, `never`).
fn negated(syn: &SyntaxLayer, v: usize) -> bool {
    syn.children(v).any(|c| syn.base_deprel(c) == "advmod" && matches!(syn.lemma(c), "not" | "never" | "n't"))
}

/// The subject of `v`: its own `nsubj`, or the subject of the verb it is coordinated with or
/// subordinated to as a participle. `Err(())` for a passive, which has no source.
fn subject(syn: &SyntaxLayer, v: usize) -> Result<Option<usize>, ()> {
    let mut cur = v;
    for _ in 0..4 {
        if let Some(s) = syn.children(cur).find(|&c| syn.deprel(c) == "nsubj") {
            return Ok(Some(s));
        }
        if syn.children(cur).any(|c| syn.deprel(c) == "nsubj:pass" || syn.deprel(c) == "expl") {
            return Err(());
        }
        match (syn.base_deprel(cur), syn.head(cur)) {
            ("conj" | "xcomp", Some(h)) => cur = h,
            // `..., saying that ...`: a participle without its own subject.
            ("advcl", Some(h)) if syn.xpos(cur) == "VBG" => cur = h,
            _ => return Ok(None),
        }
    }
    Ok(None)
}

/// A request not to be named (`asked not to be named`, `declined to be identified`,
/// `requested anonymity`): how a source is protected, not something it said.
fn asks_anonymity(syn: &SyntaxLayer, c: usize) -> bool {
    let lemma = syn.lemma(c).to_ascii_lowercase();
    (matches!(lemma.as_str(), "name" | "identify" | "quote") && syn.children(c).any(|d| syn.deprel(d) == "aux:pass"))
        || lemma == "anonymity"
}

/// Whether `x` is an infinitive with `to` (`to repeal`).
fn to_infinitive(syn: &SyntaxLayer, x: usize) -> bool {
    syn.children(x).any(|c| syn.deprel(c) == "mark" && syn.lemma(c) == "to")
}

/// The content governed by `v` through its dependent `c` (subtree `bounds`): when it follows
/// the verb, words the parser hung on the verb but that sit inside or after it belong to it
/// (`said he plans to use the $18 million he raised`), except further clauses of the
/// reporting verb (`..., and warned that ...`, `..., adding that ...`).
fn right_extent(
    syn: &SyntaxLayer,
    v: usize,
    c: usize,
    (a, mut b): (usize, usize),
    span: &dyn Fn(usize) -> (usize, usize),
) -> (usize, usize) {
    if a > v {
        for d in syn.children(v).filter(|&d| d > a && d != c) {
            // A coordinated clause of the verb is a further report (`..., and warned that`),
            // or another event (`..., and the crowd cheered`), unless it is a second
            // complement (`that A, and that B`) or a subjectless predicate that reports
            // nothing, which the parser hung on the verb (`they had misgivings, but could
            // not bear to insult him`).
            let content_conj = || {
                syn.children(d).any(|e| syn.base_deprel(e) == "mark" && syn.lemma(e).eq_ignore_ascii_case("that"))
                    || (!syn.children(d).any(|e| matches!(syn.base_deprel(e), "nsubj" | "csubj" | "expl"))
                        && cue_lemma(syn.lemma(d), false).is_none()
                        && cue_lemma(syn.lemma(d), true).is_none())
            };
            let coordinated =
                syn.base_deprel(d) == "conj" && syn.children(d).any(|e| syn.deprel(e) == "cc") && !content_conj();
            let further = coordinated
                || matches!(syn.base_deprel(d), "punct" | "parataxis" | "cc")
                || (syn.base_deprel(d) == "advcl" && cue_lemma(syn.lemma(d), false).is_some());
            if !further {
                b = b.max(span(d).1);
            }
        }
    }
    (a, b)
}

/// The end of a small clause after the object `o` of an evidential verb `v`: the object
/// carries a participle (`groups outpacing the parties`) or the verb a predicate after it
/// (`Moreno ahead by three points`, `them guilty`). `None` for a plain object (`showed the
/// door`).
fn small_clause_end(syn: &SyntaxLayer, v: usize, o: usize, span: &dyn Fn(usize) -> (usize, usize)) -> Option<usize> {
    let participle =
        syn.children(o).any(|c| syn.base_deprel(c) == "acl" && matches!(syn.xpos(c), "VBG" | "VBN") && c > o);
    let predicate = syn
        .children(v)
        .filter(|&c| c > o)
        .filter(|&c| matches!(syn.base_deprel(c), "xcomp" | "advmod" | "ccomp") && predicate_like(syn, c))
        .map(|c| span(c).1)
        .max();
    match (participle, predicate) {
        (_, Some(end)) => Some(end.max(span(o).1)),
        (true, None) => Some(span(o).1),
        (false, None) => None,
    }
}

/// Whether `c` can predicate something of an object: a verb, adjective or adverb, or a
/// prepositional phrase (`by three points`) — not a bare noun phrase.
fn predicate_like(syn: &SyntaxLayer, c: usize) -> bool {
    match syn.upos(c) {
        "NOUN" | "PROPN" | "PRON" | "NUM" => syn.children(c).any(|d| syn.base_deprel(d) == "case"),
        _ => true,
    }
}

/// A participle cue between a reporting verb `v` and the clause `c` the parser gave it
/// (`"A," she said, adding later, "B."`): `B` is what `adding` reports, not `said`.
fn relay(syn: &SyntaxLayer, v: usize, c: usize) -> Option<usize> {
    (v + 1..c).find(|&w| {
        syn.xpos(w) == "VBG"
            && matches!(syn.head(w), Some(h) if h == v || h == c)
            && cue_lemma(syn.lemma(w), false).is_some()
    })
}

/// `CONTENT, sources said.` misparsed with the reporting verb as an adverbial clause of the
/// content's verb: a clause after its head, set off by a comma (its own first token or the
/// one before it), that ends the sentence (`va..=vb`: its subtree; `last_word`: the
/// sentence's last non-punctuation token), with a subject and no subordinator (`..., after
/// he said`), object or complement of its own.
fn trailing_report(syn: &SyntaxLayer, v: usize, h: usize, (va, vb): (usize, usize), last_word: usize) -> bool {
    h < v
        && syn.base_deprel(v) == "advcl"
        && vb >= last_word
        && (syn.xpos(va) == "," || (va > 0 && syn.xpos(va - 1) == ","))
        && syn.children(v).any(|c| c < v && syn.deprel(c) == "nsubj")
        && !syn.children(v).any(|c| matches!(syn.base_deprel(c), "mark" | "obj" | "ccomp" | "xcomp"))
}

/// Whether token `t` is a subordinator of time, cause or concession (`after`, `because`,
/// `although`), or the preposition the parser may take it for (`after` as the `case` of `the
/// meeting` in `after the meeting broke up`).
fn circumstantial(syn: &SyntaxLayer, t: usize) -> bool {
    matches!(syn.base_deprel(t), "mark" | "case")
        && crate::CIRCUMSTANTIAL.contains(&syn.lemma(t).to_ascii_lowercase().as_str())
}

/// Participles that weigh a report against other evidence (`..., contradicting the earlier
/// claim`, `..., citing court records`): the reporter's comment, not part of what is reported,
/// even where the parser hangs them on the reported clause.
fn comments_on_report(lemma: &str) -> bool {
    const LEMMAS: &[&str] = &[
        "contradict",
        "confirm",
        "cite",
        "use",
        "echo",
        "repeat",
        "refute",
        "undercut",
        "undermine",
        "quote",
        "reference",
        "reiterate",
        "corroborate",
        "dispute",
    ];
    LEMMAS.iter().any(|l| lemma.eq_ignore_ascii_case(l))
}

/// The direct quotation that opens its sentence and closes right before token `at` (the cue,
/// or the cue's own subject when that comes first) on its own comma, question or exclamation
/// mark, or with a comma after it: `"A," said X`, `"A?" X asked`, `"A", X said`. Its token
/// range, marks included.
fn quotation_before(doc: &Doc, quotes: &[(usize, usize)], at: usize) -> Option<(usize, usize)> {
    let (text, tokens) = (doc.text(), &doc.tokens);
    let mut j = at.checked_sub(1)?;
    let comma_after = tokens[j].text(text) == ",";
    if comma_after {
        j = j.checked_sub(1)?;
    }
    let k = quotes.partition_point(|&(_, b)| b < j);
    let &(qa, qb) = quotes.get(k)?;
    // The quotation opens its sentence: a quoted phrase inside the reporter's words
    // (`Bemoaning the "phony system," Trump accused ...`) is not what the cue reports.
    let opens_sentence = doc.sentences.get(doc.sentence_index(qa)).is_some_and(|s| s.first_token as usize == qa);
    if qb != j || qb < qa + 2 || !opens_sentence {
        return None;
    }
    (comma_after || matches!(tokens[qb - 1].text(text), "," | "?" | "!")).then_some((qa, qb))
}

/// A noun that names a time, which an oblique of a cue is about when it says when or how
/// long (`on Wednesday`, `for years`), not what was called for (the time tagger's words).
fn temporal_noun(lemma: &str) -> bool {
    dossier_time::is_time_word(&lemma.to_lowercase())
}

/// Appends the attributions that the parse of the sentence `first..end` shows. `quotes` are
/// the document's direct quotations (token ranges, marks included, in order); `quoted(t)`
/// tells whether token `t` is inside one.
pub(crate) fn sentence_attributions(
    doc: &Doc,
    first: usize,
    end: usize,
    quotes: &[(usize, usize)],
    quoted: &dyn Fn(usize) -> bool,
    bounds: &mut Vec<(u32, u32)>,
    out: &mut Vec<Attribution>,
) {
    let syn = &doc.syntax;
    let text = doc.text();
    let tokens = &doc.tokens;
    if end > syn.len() || first >= end {
        return;
    }
    syn.subtree_bounds(first..end, bounds);
    let span = |t: usize| {
        let (a, b) = bounds[t - first];
        (a as usize, b as usize)
    };
    let last_word = (first..end).rev().find(|&k| syn.upos(k) != "PUNCT").unwrap_or(first);
    for v in first..end {
        if syn.upos(v) != "VERB" || negated(syn, v) {
            continue;
        }
        let lemma = syn.lemma(v);
        // The clause after the verb; one before it only when it is a finite clause with its
        // own subject (`CONTENT, he said`), not a participle (`X, speaking to ..., said`).
        let ccomp = syn.children(v).filter(|&c| syn.deprel(c) == "ccomp").find(|&c| c > v).or_else(|| {
            syn.children(v)
                .filter(|&c| syn.deprel(c) == "ccomp" && c < v)
                .find(|&c| syn.children(c).any(|d| matches!(syn.base_deprel(d), "nsubj" | "expl")))
        });
        // A clause relayed by a participle cue is that cue's content; the verb itself then
        // reports what its other relations show (`"A," she said, adding ...`).
        let ccomp = match ccomp.map(|c| (c, relay(syn, v, c))) {
            Some((c, Some(w))) => {
                if let Some(kind) = cue_lemma(syn.lemma(w), false)
                    && let Some(content) = trim(text, tokens, span(w).1 + 1, span(c).1)
                    && word_count(&tokens[content.0..=content.1]) >= 2
                {
                    let source = match subject(syn, v) {
                        Ok(Some(s)) => trim(text, tokens, span(s).0, span(s).1),
                        Ok(None) | Err(()) => None,
                    };
                    out.push(Attribution { content, source, cue: (w, w), cue_type: kind });
                }
                None
            }
            _ => ccomp,
        };
        // A reporting verb after a quotation, hung on the quoted clause as a complement
        // instead of parataxis (`"He means it," Grant said`): the quotation is the content.
        let after_quote = |h: usize| h < v && quoted(h) && !quoted(v) && matches!(syn.deprel(v), "ccomp" | "parataxis");
        let mut impression = false;
        if ccomp.is_some_and(|c| asks_anonymity(syn, c))
            || syn.children(v).any(|c| matches!(syn.deprel(c), "xcomp" | "obj") && asks_anonymity(syn, c))
        {
            continue;
        }
        let (kind, content): (CueKind, (usize, usize)) = if let Some(c) = ccomp {
            let Some(kind) = cue_lemma(lemma, false) else { continue };
            // A clause opened by a subordinator of time or cause tells when or why the words
            // were said, not what they were (`said after the meeting broke up`), a misparse of
            // an adverbial clause as the complement; when such a clause only opens the
            // complement, the content starts at its `that` (`said after the meeting broke up
            // that no date had been set`).
            let (first, last) = span(c);
            let mut opens = None;
            // The subordinator belongs to the complement itself (its `mark`, or the `case` of
            // its subject); on a clause inside it (`said although A is known, nobody has
            // looked`) it opens part of what was said.
            let own = syn
                .head(first)
                .is_some_and(|h| h == c || (syn.head(h) == Some(c) && syn.base_deprel(h).starts_with("nsubj")));
            if own && circumstantial(syn, first) {
                opens = (first + 1..=last)
                    .find(|&d| syn.base_deprel(d) == "mark" && syn.lemma(d).eq_ignore_ascii_case("that"));
                if opens.is_none() {
                    continue;
                }
            }
            let (mut a, b) = right_extent(syn, v, c, span(c), &span);
            if let Some(m) = opens {
                a = m;
            }
            // A verbless complement after an object is the object's predicate (`shows Moreno
            // ahead by three points`): the object belongs to the content.
            let verbless =
                !syn.children(c).any(|d| matches!(syn.base_deprel(d), "nsubj" | "mark" | "expl" | "aux" | "cop"));
            if verbless {
                // A bare noun phrase is a second object (`showed the visitors the harbour`).
                if !predicate_like(syn, c) {
                    continue;
                }
            }
            // So is an object before a finite complement that has no subject and no
            // subordinator: the parser took the clause's subject for the verb's object
            // (`says [Obama's executive actions] are "ripe for abuse"`).
            let subjectless =
                !syn.children(c).any(|d| matches!(syn.base_deprel(d), "nsubj" | "csubj" | "expl" | "mark"));
            if (verbless || subjectless)
                && let Some(o) = syn.children(v).find(|&o| v < o && o < c && syn.deprel(o) == "obj")
            {
                a = a.min(span(o).0);
            }
            (kind, (a, b))
        } else if raising(lemma)
            && let Some(x) = syn
                .children(v)
                .find(|&c| c > v && syn.deprel(c) == "xcomp" && (to_infinitive(syn, c) || syn.upos(c) == "ADJ"))
        {
            // `X seems to be moving behind Trump`, `X appeared uneasy`: the complement is what
            // the impression is of (the subject, its topic, is not the source).
            impression = true;
            (CueKind::Mental, span(x))
        } else if let Some(x) = syn.children(v).find(|&c| syn.deprel(c) == "xcomp" && to_infinitive(syn, c)) {
            let Some(kind) = cue_lemma(lemma, true) else { continue };
            // The object before the infinitive is its subject (`want [all immigrants] to be
            // deported`), part of what is wanted or urged.
            let start =
                syn.children(v).find(|&o| v < o && o < x && syn.deprel(o) == "obj").map_or(span(x).0, |o| span(o).0);
            // Words the parser hung on the verb after the infinitive belong to what is wanted
            // (`plans to put to good use [the $18 million he raised]`), as after a clause.
            (kind, (start, right_extent(syn, v, x, span(x), &span).1))
        } else if let Some(h) = syn.head(v)
            && (syn.deprel(v) == "parataxis" || after_quote(h) || trailing_report(syn, v, h, span(v), last_word))
            && let Some(kind) = cue_lemma(lemma, false)
        {
            // The content is the head clause around the reporting clause; before a misparsed
            // cue that ends the sentence, everything before the reporting clause.
            let (ha, hb) = span(h);
            let (va, vb) = span(v);
            // Neither parataxis nor after a quotation: `trailing_report` held.
            let content = if syn.deprel(v) != "parataxis" && !after_quote(h) {
                (first, va.saturating_sub(1).max(first))
            } else if vb >= hb {
                (ha, va.saturating_sub(1).max(ha))
            } else if va <= ha {
                (vb + 1, hb)
            } else {
                (ha, hb)
            };
            (kind, content)
        } else if lemma.eq_ignore_ascii_case("call")
            && let Some(o) = syn.children(v).find(|&c| {
                // `called for a ceasefire`, `called on Congress to act`; not `called on
                // Wednesday`, `called for years`
                syn.base_deprel(c) == "obl"
                    && !temporal_noun(syn.lemma(c))
                    && syn.children(c).any(|d| matches!(syn.lemma(d), "for" | "on"))
            })
        {
            (CueKind::Speech, right_extent(syn, v, o, span(o), &span))
        } else if lemma.eq_ignore_ascii_case("call")
            && let Some(o) = syn.children(v).find(|&c| syn.deprel(c) == "obj")
            && let Some(x) = syn.children(v).find(|&c| {
                c > o
                    && (matches!(syn.deprel(c), "xcomp" | "obj")
                        || (syn.deprel(c) == "obl:unmarked" && {
                            let (a, b) = span(c);
                            (a..=b).any(|k| is_double_quote(tokens[k].text(text)))
                        }))
            })
        {
            // `called the plan a disaster`: naming as a judgement. In quotation marks of two
            // apostrophes the parser may read the name as a bare adjunct (`obl:unmarked`, like
            // `last week`); quoted, it is the name.
            (CueKind::Speech, (span(o).0, span(x).1))
        } else if matches!(lemma.to_ascii_lowercase().as_str(), "show" | "find" | "reveal" | "indicate" | "suggest")
            && let Some(o) = syn.children(v).find(|&c| c > v && syn.deprel(c) == "obj")
            && let Some(end) = small_clause_end(syn, v, o, &span)
        {
            // `the poll shows Moreno ahead by three points`, `a review shows groups outpacing
            // the parties`: an object with its own predicate is a reported state of affairs.
            (CueKind::Speech, (span(o).0, end))
        } else if let Some(o) = syn.children(v).find(|&c| syn.deprel(c) == "obj")
            && let Some(kind) = nominal_cue_lemma(lemma)
            && subject(syn, v).is_ok_and(|s| s.is_some())
        {
            (kind, right_extent(syn, v, o, span(o), &span))
        } else {
            continue;
        };
        // `"A," said X, who ...`, `"A," X said Thursday on "Fox and Friends"`: a quotation
        // closed by its own comma right before the cue is what was said; a complement the
        // parser found after the cue is the speaker's description or the circumstances.
        // The verb's own subject: one inherited through a participle (`"A," she said,
        // adding that B`) leaves `adding` its own content.
        let lead = syn.children(v).find(|&c| c < v && syn.deprel(c) == "nsubj").map_or(v, |s| span(s).0);
        let content = match quotation_before(doc, quotes, lead) {
            Some(q) if content.0 > v && !impression => q,
            _ => content,
        };
        // A participle set off by a comma at the end of the content and hung on the
        // reporting verb describes the report, not what it says (`shows that ... in the air,
        // contradicting the earlier claim`, `..., using an average of five polls`); one hung
        // on the content's own verb is part of it (`the exhibits would put those problems in
        // context, allowing people to see the progress`).
        let (ca, cb) = content;
        let root = (ca..=cb).find(|&t| syn.head(t).is_none_or(|h| h < ca || h > cb));
        let aside = (ca + 1..cb).find(|&k| {
            tokens[k].text(text) == ","
                && syn.xpos(k + 1) == "VBG"
                && matches!(syn.base_deprel(k + 1), "advcl" | "xcomp")
                && syn.head(k + 1).is_some_and(|h| h == v || (Some(h) == root && comments_on_report(syn.lemma(k + 1))))
        });
        let content = aside.map_or(content, |k| (ca, k - 1));
        // The cue must not sit inside its own content (a misparse).
        if content.0 <= v && v <= content.1 {
            continue;
        }
        let Some(content) = trim(text, tokens, content.0, content.1) else { continue };
        if word_count(&tokens[content.0..=content.1]) < 2 {
            continue;
        }
        let source = match subject(syn, v) {
            Ok(Some(s)) if !impression => {
                let (a, mut b) = span(s);
                // `The union on Friday called for ...`: a time phrase the parser hung on the
                // subject says when, not who.
                if let Some(t) = syn
                    .children(s)
                    .find(|&t| t > s && syn.base_deprel(t) == "nmod" && temporal_noun(syn.lemma(t)) && span(t).0 > s)
                {
                    b = span(t).0 - 1;
                }
                trim(text, tokens, a, b)
            }
            Ok(_) | Err(()) => None,
        };
        // A subject inside the content is a word of what was said, which the parser took for
        // the speaker (`"Of course, Republicans are ...," said X`).
        let source = source.filter(|&(a, b)| !(content.0 <= a && b <= content.1));
        out.push(Attribution { content, source, cue: (v, v), cue_type: kind });
    }
    poll_attributions(doc, first, end, &span, out);
}

/// Findings of a poll or survey introduced by `in` (`In a CNN poll, Clinton held a 24-point
/// lead`): the poll is the source, the rest of the sentence the content. The phrase must open
/// the sentence (after at most a conjunction or adverb) and be set off by a comma; at the end
/// of a sentence it is mostly a place (`trails in the polls`), not a source.
fn poll_attributions(
    doc: &Doc,
    first: usize,
    end: usize,
    span: &dyn Fn(usize) -> (usize, usize),
    out: &mut Vec<Attribution>,
) {
    let syn = &doc.syntax;
    let text = doc.text();
    let tokens = &doc.tokens;
    for k in first..end {
        if !tokens[k].text(text).eq_ignore_ascii_case("in") || syn.deprel(k) != "case" {
            continue;
        }
        let Some(n) = syn.head(k) else { continue };
        if !matches!(syn.lemma(n).to_ascii_lowercase().as_str(), "poll" | "survey") || syn.upos(n) != "NOUN" {
            continue;
        }
        let (na, nb) = span(n);
        if na != k {
            continue;
        }
        let opens = (first..k).all(|j| matches!(syn.upos(j), "CCONJ" | "ADV" | "PUNCT"));
        // The parser may hang the comma on the poll's phrase or on the clause after it.
        let comma = if tokens[nb].text(text) == "," {
            Some(nb)
        } else {
            Some(nb + 1).filter(|&j| j < end && tokens[j].text(text) == ",")
        };
        let content = match comma {
            Some(j) if opens && j + 1 < end => trim(text, tokens, j + 1, end - 1),
            _ => None,
        };
        let Some(content) = content.filter(|c| word_count(&tokens[c.0..=c.1]) >= 3) else { continue };
        let source = trim(text, tokens, k + 1, nb);
        out.push(Attribution { content, source, cue: (k, k), cue_type: CueKind::Speech });
    }
}
