//! Quotes: who said what.
//!
//! Works on the token, sentence, entity and turn layers of a [`Doc`]:
//! 1. **Direct quotes** are found by pairing double quotation marks inside a paragraph (curly
//!    or straight; an unclosed quote ends at its paragraph) — one linear pass.
//! 2. **Attributions** are read per sentence around a cue from a lexicon of speech verbs
//!    (`said`, `told`, `warned`, ...), belief verbs (`believes`, `thinks`: `cue_type` =
//!    `mental`) and `according to`: pre-posed (`SOURCE said (that) CONTENT`), post-posed
//!    (`CONTENT, SOURCE said.` / `CONTENT, said SOURCE.`), and direct quotes whose cue sits in
//!    the neighbouring sentence (`... "We will win." He added: ...`).
//! 3. **Speakers** resolve to entities: the entity mentioned at the end of the source phrase,
//!    or, for a pronoun, the most recent person mentioned before it.
//! 4. **Transcript turns** become quotes of kind `turn`, attributed to the turn's speaker.
//!
//! Everything is rule-based and linear in the document; the syntax layer will replace the
//! clause heuristics when it lands.

mod clauses;
mod cues;
mod speakers;

use dossier_text::{Doc, Gap, QuoteAnnot, TextRange, Token, TokenKind};

pub use cues::{CueKind, cue_at};
pub use speakers::name_speakers;

fn is_open_quote(s: &str) -> bool {
    matches!(s, "“" | "«" | "„")
}

fn is_close_quote(s: &str) -> bool {
    matches!(s, "”" | "»")
}

fn is_straight(s: &str) -> bool {
    matches!(s, "\"" | "''" | "``")
}

/// Direct quotations as token index ranges `[open, close]` (both quote marks included).
/// An unclosed quotation ends at the last token of its paragraph. A quotation of the other
/// kind of marks inside an open one (`"... the question: “As you know ...?” ..."`) is part
/// of it, not a quotation of its own.
pub fn direct_quotes(text: &str, tokens: &[Token]) -> Vec<(usize, usize)> {
    #[derive(Clone, Copy, PartialEq)]
    enum Marks {
        Curly,
        Straight,
    }
    let mut out = Vec::new();
    let mut open: Option<(usize, Marks)> = None;
    let mut nested: Option<Marks> = None;
    for (i, t) in tokens.iter().enumerate() {
        if t.gap == Gap::Paragraph {
            nested = None;
            if let Some((o, _)) = open.take()
                && i > o + 1
            {
                out.push((o, i - 1));
            }
        }
        let s = t.text(text);
        let marks = if is_open_quote(s) || is_close_quote(s) {
            Marks::Curly
        } else if is_straight(s) {
            Marks::Straight
        } else {
            continue;
        };
        let word_follows = tokens.get(i + 1).is_some_and(|n| n.gap == Gap::None && is_word(n));
        // A mark with space before it and a word stuck after it opens (`said "We`).
        let opens_like = t.gap != Gap::None && word_follows;
        if let Some(inner) = nested {
            if marks == inner {
                // The inner quotation's own closing mark (a curly opening mark is a third
                // level: ignored).
                if !is_open_quote(s) {
                    nested = None;
                }
                continue;
            }
            // The outer kind's mark while the inner quotation is unclosed: it ends both.
            nested = None;
        }
        // A closing mark that opens a paragraph and sticks to the next word is a mistyped
        // opening mark (`”We will…` after a blank line): nothing is open for it to close.
        let mistyped_open =
            open.is_none() && is_close_quote(s) && matches!(t.gap, Gap::Paragraph | Gap::Newline) && word_follows;
        if is_open_quote(s) || mistyped_open {
            if matches!(open, Some((_, Marks::Straight))) && !mistyped_open {
                nested = Some(Marks::Curly);
            } else {
                open = Some((i, Marks::Curly));
            }
        } else if is_close_quote(s) {
            if let Some((o, _)) = open.take() {
                out.push((o, i));
            }
        } else {
            // With nothing open, a mark stuck to the word before it and followed by a space
            // (`systems" including`) closes a quotation whose opening mark was lost: it
            // opens nothing.
            let orphan_close = i > 0
                && t.gap == Gap::None
                && is_word(&tokens[i - 1])
                && tokens.get(i + 1).is_some_and(|n| n.gap != Gap::None);
            match open {
                Some((_, Marks::Curly)) if opens_like => nested = Some(Marks::Straight),
                Some((o, _)) => {
                    out.push((o, i));
                    open = None;
                }
                None if orphan_close => {}
                None => open = Some((i, Marks::Straight)),
            }
        }
    }
    if let Some((o, _)) = open
        && o + 1 < tokens.len()
    {
        out.push((o, tokens.len() - 1));
    }
    out
}

const SKIP_BEFORE_CUE: &[&str] = &[
    "also",
    "later",
    "previously",
    "has",
    "had",
    "have",
    "would",
    "will",
    "did",
    "does",
    "then",
    "once",
    "repeatedly",
    "often",
    "reportedly",
    "publicly",
    "privately",
    "again",
    "recently",
    "earlier",
    "once",
    "not",
];

fn lower(text: &str, t: &Token) -> String {
    t.text(text).to_lowercase()
}

fn is_word(t: &Token) -> bool {
    matches!(t.kind, TokenKind::Word | TokenKind::Number)
}

fn word_count(tokens: &[Token]) -> usize {
    tokens.iter().filter(|t| is_word(t)).count()
}

/// A candidate attribution in token indices (document-wide).
struct Attribution {
    content: (usize, usize),
    source: Option<(usize, usize)>,
    cue: (usize, usize),
    cue_type: CueKind,
}

/// Trims punctuation other than double quotation marks from both ends of an inclusive token
/// range (`text` is needed to tell quotation marks apart).
fn trim(text: &str, tokens: &[Token], mut a: usize, mut b: usize) -> Option<(usize, usize)> {
    let strip = |t: &Token| t.kind == TokenKind::Punct && !is_double_quote(t.text(text));
    while a <= b && strip(&tokens[a]) {
        a += 1;
    }
    while b > a && strip(&tokens[b]) {
        b -= 1;
    }
    (a <= b && !strip(&tokens[a])).then_some((a, b))
}

/// A dateline opening the line at token `a` (`MOSCOW, Oct. 16 —`, `WASHINGTON (AP) --`,
/// `FLINT, Mich., Oct. 4 (UPI) —`), inside `a..=b`: the token after its dash. It places and
/// dates the dispatch and is no part of what a source reports. Before the dash come only
/// capitalised words, numbers and punctuation, with a mark of a dateline among them: a word
/// in capitals, an agency in parentheses or a month and day; so a name set off by a dash
/// (`Mehmet Oz — a surgeon — has ...`) is no dateline.
fn dateline_end(text: &str, tokens: &[Token], a: usize, b: usize) -> Option<usize> {
    if !matches!(tokens.get(a)?.gap, Gap::Paragraph | Gap::Newline) {
        return None;
    }
    let (mut marked, mut open) = (false, false);
    for k in a..=b.min(a + 16) {
        let s = tokens[k].text(text);
        let word = s.trim_end_matches('.');
        match s {
            "—" | "–" | "--" => return (k > a && marked && k < b).then_some(k + 1),
            "(" => open = true,
            ")" => {
                marked |= open;
                open = false;
            }
            "," | "." => {}
            _ if s.bytes().all(|c| c.is_ascii_digit()) => {}
            _ if matches!(word, "The" | "A" | "An") => return None,
            _ if s.starts_with(char::is_uppercase) => {
                let letters = s.chars().filter(|c| c.is_alphabetic()).count();
                let month = dossier_time::month_number(&word.to_ascii_lowercase()).is_some()
                    && tokens.get(k + 1).is_some_and(|t| t.text(text).bytes().all(|c| c.is_ascii_digit()));
                marked |= month || (letters >= 2 && !s.chars().any(char::is_lowercase));
            }
            _ => return None,
        }
    }
    None
}

pub(crate) fn is_double_quote(s: &str) -> bool {
    is_open_quote(s) || is_close_quote(s) || is_straight(s)
}

/// Attributions of one sentence (`a..b` token indices, exclusive end).
/// Cues inside a quotation (`quoted`) are what the speaker said, not attributions; nor are
/// words that `may_cue` rejects (with a parse: a noun such as `States` of `the United
/// States`, which must not hide the real cue after it).
fn sentence_attributions(
    text: &str,
    tokens: &[Token],
    (a, b): (usize, usize),
    quoted: &dyn Fn(usize) -> bool,
    may_cue: &dyn Fn(usize) -> bool,
    out: &mut Vec<Attribution>,
) {
    let mut i = a;
    while i < b {
        if quoted(i) {
            i += 1;
            continue;
        }
        let Some((cue_end, kind)) = cue_at(text, tokens, i, b).filter(|_| may_cue(i)) else {
            i += 1;
            continue;
        };
        if let Some(att) = read_attribution(text, tokens, a, b, i, cue_end, kind) {
            let covers_rest = att.content.1 + 2 >= b;
            out.push(att);
            if covers_rest {
                return;
            }
        }
        i = cue_end + 1;
    }
}

/// Reads the source and content around the cue at `c..=ce` in sentence `a..b`.
fn read_attribution(
    text: &str,
    tokens: &[Token],
    a: usize,
    b: usize,
    c: usize,
    ce: usize,
    kind: CueKind,
) -> Option<Attribution> {
    let last = b - 1;
    let according = lower(text, &tokens[c]) == "according";
    if according {
        // "according to SOURCE, CONTENT" (also after a colon: "It did not go unnoticed:
        // according to X, ...") or "CONTENT, according to SOURCE." (also after a dash: "A
        // -- or B --, according to X").
        let src_end = (ce + 1..b).find(|&k| matches!(tokens[k].text(text), "," | ";" | "." | ":")).unwrap_or(b);
        let source = trim(text, tokens, ce + 1, src_end.saturating_sub(1).max(ce + 1))?;
        let content = if c > a + 2 && !matches!(tokens[c - 1].text(text), ":" | ";") {
            trim(text, tokens, a, c - 1)?
        } else {
            trim(text, tokens, src_end.min(last), last)?
        };
        return Some(Attribution { content, source: Some(source), cue: (c, ce), cue_type: kind });
    }
    // Post-posed: CONTENT , SOURCE CUE .  |  CONTENT , CUE SOURCE .
    let tail_words = word_count(&tokens[ce + 1..b]);
    let before = (a..c).rev().find(|&k| {
        let w = tokens[k].text(text);
        matches!(w, "," | "—" | "–" | "?" | "!") || is_close_quote(w) || is_straight(w)
    });
    if let Some(comma) = before
        && comma > a + 1
    {
        let between = word_count(&tokens[comma + 1..c]);
        // `CONTENT, he said, CONTENT`: the attribution interrupts the content.
        // `"...," X told reporters in Helsinki`: after a closing quotation mark the tail may
        // carry an object and adjuncts.
        let after_quote = is_double_quote(tokens[comma].text(text));
        // After a quotation the content resumes only as another quotation (`"A," he said,
        // "B."`); a coordinated clause is the reporter's (`"A," he said, and left`).
        let resumes = (ce + 1..b).find(|&k| tokens[k].text(text) == ",").filter(|&k| {
            let next = tokens.get(k + 1).filter(|_| k + 1 < b).map(|t| t.text(text));
            let resumes_quote = next.is_some_and(is_double_quote);
            let coordinated = next.is_some_and(|w| {
                matches!(w.to_ascii_lowercase().as_str(), "and" | "but" | "or" | "while" | "then" | "before" | "after")
            });
            word_count(&tokens[k..b]) >= 3 && !coordinated && (resumes_quote || !after_quote)
        });
        let tail_is_clause =
            (ce + 1..b).any(|k| lower(text, &tokens[k]) == "that" || is_double_quote(tokens[k].text(text)));
        // `said Mara Lind`, `said the ministry`, `said one source in the room`, `said officials
        // familiar with the talks`.
        let tail_starts_np = tokens.get(ce + 1).is_some_and(|t| {
            let w = t.text(text);
            w.chars().next().is_some_and(|ch| ch.is_uppercase() || ch.is_ascii_digit())
                || matches!(
                    w,
                    "the"
                        | "a"
                        | "an"
                        | "his"
                        | "her"
                        | "their"
                        | "its"
                        | "our"
                        | "one"
                        | "two"
                        | "three"
                        | "some"
                        | "several"
                        | "many"
                        | "another"
                        | "officials"
                        | "sources"
                        | "aides"
                        | "analysts"
                        | "experts"
                        | "people"
                        | "witnesses"
                        | "residents"
                        | "police"
                        | "authorities"
                        | "diplomats"
                        | "lawmakers"
                )
        });
        let (source, ok) = if between > 0 && between <= 8 && (tail_words <= 3 || after_quote || resumes.is_some()) {
            (trim(text, tokens, comma + 1, c - 1), true)
        } else if between == 0 && tail_words > 0 && !tail_is_clause && tail_starts_np {
            // `CONTENT, said SOURCE (, apposition ...)`: the source may be long.
            (trim(text, tokens, ce + 1, last), true)
        } else {
            (None, false)
        };
        if ok {
            let end = match resumes {
                Some(_) if between > 0 => last,
                _ => comma,
            };
            let content = trim(text, tokens, a, end)?;
            return Some(Attribution { content, source, cue: (c, ce), cue_type: kind });
        }
    }
    // Pre-posed: SOURCE CUE (OBJECT) (that|:) CONTENT
    let mut start = a;
    if let Some(k) = (a..c)
        .rev()
        .find(|&k| matches!(tokens[k].text(text), ";" | ":" | "”") || (tokens[k].text(text) == "," && k + 1 < c))
        && word_count(&tokens[k + 1..c]) > 0
    {
        start = k + 1;
    }
    let mut src_end = c;
    while src_end > start && SKIP_BEFORE_CUE.contains(&lower(text, &tokens[src_end - 1]).as_str()) {
        src_end -= 1;
    }
    let source = if src_end > start { trim(text, tokens, start, src_end - 1) } else { None };
    let mut k = ce + 1;
    let tell = matches!(
        lower(text, &tokens[c]).as_str(),
        "told" | "tell" | "tells" | "telling" | "assured" | "warned" | "reminded" | "informed"
    );
    let that = (k..b.min(k + 12))
        .take_while(|&j| !is_double_quote(tokens[j].text(text)))
        .find(|&j| matches!(lower(text, &tokens[j]).as_str(), "that" | ":"));
    if let Some(that) = that {
        // `said that`, `told reporters that`, `said on Friday that`: the content follows it.
        k = that + 1;
    } else if tell {
        // "told reporters Monday the plan ..." — skip a short object.
        k = (k + 1).min(b);
    }
    if k < b && tokens[k].text(text) == "," {
        k += 1;
    }
    // `said after the meeting broke up.`, `told reporters because ...`: when or why it was
    // said, not what; unless a clause follows it (`said although A is known, nobody has
    // looked`).
    if that.is_none()
        && k < b
        && !(k..b).any(|j| tokens[j].text(text) == ",")
        && CIRCUMSTANTIAL.contains(&lower(text, &tokens[k]).as_str())
    {
        return None;
    }
    let content = trim(text, tokens, k, last)?;
    if word_count(&tokens[content.0..=content.1]) < 3 || source.is_none() {
        return None;
    }
    Some(Attribution { content, source, cue: (c, ce), cue_type: kind })
}

/// Subordinators of time, cause and concession: a clause they open tells when or why
/// something was said, not what.
pub(crate) const CIRCUMSTANTIAL: &[&str] =
    &["after", "before", "while", "until", "since", "because", "once", "although", "though"];

/// Whether a source read by the surface patterns in a parsed sentence names someone: it has
/// a noun, name or pronoun (not `declined to` in `X, who ..., declined to comment`) and does
/// not open with a subordinator (`When veterans ask ...`; `as X said` is a source). A source
/// with verbs in it is kept: it is most often the right name with words of the reporter's
/// around it (`A reporter spotted X and reported ...`), and the name is what counts.
fn surface_source(doc: &Doc, (sa, sb): (usize, usize)) -> bool {
    let syn = &doc.syntax;
    (sa..=sb).any(|k| matches!(syn.upos(k), "NOUN" | "PROPN" | "PRON" | "NUM"))
        && (syn.upos(sa) != "SCONJ" || doc.tokens[sa].text(doc.text()).eq_ignore_ascii_case("as"))
}

fn range(tokens: &[Token], (a, b): (usize, usize)) -> TextRange {
    tokens[a].range.cover(tokens[b].range)
}

/// Entity mentions sorted by start, for speaker lookups in `O(log n)`.
struct MentionIndex {
    /// (start, end, entity index)
    all: Vec<(u32, u32, usize)>,
    /// Person mentions sorted by end: (end, entity index)
    persons: Vec<(u32, usize)>,
    /// Lower-cased role head noun (`envoy` of `US presidential envoy`) -> the entities with
    /// that role; a role noun names its actor when exactly one actor has it.
    role_heads: std::collections::HashMap<String, Vec<usize>>,
}

const ARTICLES: &[&str] = &["the", "a", "an", "this", "that"];

impl MentionIndex {
    fn new(doc: &Doc) -> Self {
        let mut all = Vec::new();
        let mut persons = Vec::new();
        let mut role_heads: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
        for (i, e) in doc.entities.iter().enumerate() {
            for m in &e.mentions {
                all.push((m.range.start(), m.range.end(), i));
                if e.kind == "PERSON" {
                    persons.push((m.range.end(), i));
                }
            }
            for r in &e.roles {
                // The head of a pre-nominal or appositive role: its last word before any
                // complement (`senior aide to ...` -> `aide`).
                let words: Vec<&str> = doc.slice(*r).split_whitespace().collect();
                let stop =
                    words.iter().position(|w| matches!(*w, "to" | "of" | "for" | "at" | "in")).unwrap_or(words.len());
                if let Some(head) = words[..stop].last() {
                    let list = role_heads.entry(head.to_lowercase()).or_default();
                    if !list.contains(&i) {
                        list.push(i);
                    }
                }
            }
        }
        all.sort_unstable();
        persons.sort_unstable();
        Self { all, persons, role_heads }
    }

    /// The mentions inside `range` as (start, end, entity index), in order.
    fn within(&self, range: TextRange) -> impl Iterator<Item = &(u32, u32, usize)> {
        let k = self.all.partition_point(|&(s, _, _)| s < range.start());
        self.all[k..].iter().take_while(move |&&(s, _, _)| s < range.end()).filter(move |&&(_, e, _)| e <= range.end())
    }

    /// The entity a source phrase names:
    /// 1. the entity mention at the phrase's syntactic head (`Yuri Ushakov, an aide to Putin`
    ///    names Ushakov, not Putin), when the parse is there;
    /// 2. else the first person mentioned in it, else the mention ending last;
    /// 3. a role noun (`the envoy`, `the Kremlin aide`) that exactly one actor's role has;
    /// 4. for a lone `he`/`she`, the most recent person mentioned before it.
    fn resolve(&self, doc: &Doc, source: TextRange) -> Option<usize> {
        let text = doc.text();
        let inside: Vec<(u32, u32, usize)> = self.within(source).copied().collect();
        let tokens = &doc.tokens;
        let t0 = tokens.partition_point(|t| t.range.start() < source.start());
        let t1 = tokens.partition_point(|t| t.range.end() <= source.end());
        let head = (doc.syntax.len() == tokens.len() && t0 < t1)
            .then(|| (t0..t1).find(|&t| doc.syntax.head(t).is_none_or(|h| h < t0 || h >= t1)))
            .flatten();
        if let Some(h) = head {
            let at = tokens[h].range;
            if let Some(&(_, _, i)) = inside.iter().find(|&&(s, e, _)| s <= at.start() && at.end() <= e) {
                return Some(i);
            }
        }
        let person = |i: usize| doc.entities.get(i).is_some_and(|e| e.kind == "PERSON");
        if let Some(&(_, _, i)) = inside.iter().find(|&&(_, _, i)| person(i)) {
            return Some(i);
        }
        if let Some(&(_, _, i)) = inside.iter().max_by_key(|&&(_, e, _)| e) {
            return Some(i);
        }
        let word = source.slice(text).to_lowercase();
        if matches!(word.as_str(), "he" | "she") {
            let k = self.persons.partition_point(|&(e, _)| e <= source.start());
            return k.checked_sub(1).map(|j| self.persons[j].1);
        }
        // A definite role noun: `the envoy`, `the Kremlin aide`.
        let words: Vec<&str> = word.split_whitespace().collect();
        if words.first().is_some_and(|w| ARTICLES.contains(w))
            && let Some(last) = words.last()
            && let Some(list) = self.role_heads.get(*last)
            && list.len() == 1
        {
            return Some(list[0]);
        }
        None
    }
}

/// `direct` when the content is one quotation from mark to mark, `mixed` when it contains
/// one, else `indirect`. Typewriter double marks made of two apostrophes or backticks
/// (`''...''`, ``` ``...'' ```, the style of some news archives) count as quotation marks.
fn quote_kind(s: &str) -> &'static str {
    const DQ: &[char] = &['"', '“', '”', '„', '«', '»'];
    let t = s.trim();
    let opens = t.starts_with(DQ) || t.starts_with("''") || t.starts_with("``");
    let closes = t.ends_with(DQ) || t.ends_with("''");
    if opens && closes && t.len() > 2 {
        "direct"
    } else if t.contains(DQ) || t.contains("''") || t.contains("``") {
        "mixed"
    } else {
        "indirect"
    }
}

/// Finds the quotes of a segmented document and stores them in `doc.quotes`; speakers the
/// recognizer missed become actors ([`name_speakers`]), and entities stay sorted by first
/// mention.
pub fn attribute(doc: &mut Doc) {
    let mut quotes = extract(doc);
    name_speakers(doc, &mut quotes);
    doc.quotes = quotes;
    doc.sort_entities();
}

/// Finds the quotes of a segmented document (entities and turns are used when present).
pub fn extract(doc: &Doc) -> Vec<QuoteAnnot> {
    let text = doc.text();
    let tokens = &doc.tokens;
    let mut out = Vec::new();
    // Transcript turns.
    for turn in &doc.turns {
        let speaker = doc.entities.iter().position(|e| e.mentions.iter().any(|m| m.range == turn.label));
        out.push(QuoteAnnot {
            range: turn.range,
            kind: "turn",
            speaker,
            speaker_mention: Some(turn.label),
            cue: None,
            cue_type: "speech",
            continues: None,
        });
    }
    if !doc.turns.is_empty() {
        return out;
    }
    let mentions = MentionIndex::new(doc);
    let mut atts = Vec::new();
    // With a parse, the tree decides; the surface patterns fill in where it finds nothing
    // (cues it does not cover, `according to`, fragments the parser got wrong).
    let parsed = !tokens.is_empty() && doc.syntax.len() == tokens.len();
    let quotes = direct_quotes(text, tokens);
    // A cue inside a quotation is part of what the speaker said (`"I think NATO is
    // obsolete," he said`), not an attribution of the reporter's.
    let quoted = |t: usize| {
        let k = quotes.partition_point(|&(a, _)| a < t);
        k > 0 && t < quotes[k - 1].1
    };
    // Whether a token range shares a token with a quotation (marks included), in O(log n).
    let overlaps_quote = |(a, b): (usize, usize)| {
        let k = quotes.partition_point(|&(_, e)| e < a);
        quotes.get(k).is_some_and(|&(s, _)| s <= b)
    };
    let mut bounds = Vec::new();
    let mut surface = Vec::new();
    for s in &doc.sentences {
        let (a, b) = (s.first_token as usize, s.end_token as usize);
        if let Some(att) = colon_headline(doc, &mentions, a, b, &quoted) {
            atts.push(att);
            continue;
        }
        // Headline case misleads the tagger and the parser (`Envoy and Aide Discussed Plan,
        // Officials Say`): the surface patterns read such lines.
        if !parsed || title_case(text, &tokens[a..b]) {
            sentence_attributions(text, tokens, (a, b), &quoted, &|_| true, &mut atts);
            continue;
        }
        let from = atts.len();
        clauses::sentence_attributions(doc, a, b, &quotes, &quoted, &mut bounds, &mut atts);
        let mut k = from;
        while k < atts.len() {
            if quoted(atts[k].cue.0) {
                atts.swap_remove(k);
            } else {
                k += 1;
            }
        }
        surface.clear();
        // A surface cue the parser reads as a noun or name is not a cue (`the United States`,
        // `a question`); `according to` and `:` are not verbs either. Nor is a verb that
        // reports only through a clause: the tree decides those.
        let may_cue = |k: usize| {
            (matches!(doc.syntax.upos(k), "VERB" | "AUX") || tokens[k].text(text).eq_ignore_ascii_case("according"))
                && !cues::clausal_only(doc.syntax.lemma(k))
        };
        sentence_attributions(text, tokens, (a, b), &quoted, &may_cue, &mut surface);
        for att in surface.drain(..) {
            if let Some(source) = att.source
                && !surface_source(doc, source)
            {
                continue;
            }
            // `CONTENT, said SOURCE, a senator from Ohio.`: the parser often reads the
            // inverted subject as an object, so the tree's attribution of the same cue has
            // no source; the surface reading supplies it.
            if let Some(source) = att.source.filter(|s| s.0 > att.cue.1)
                && let Some(t) = atts[from..].iter_mut().find(|t| t.cue.0 == att.cue.0 && t.source.is_none())
            {
                t.source = Some(source);
                continue;
            }
            // An attribution the tree found inside the content before a post-posed cue is
            // nested in it (`X had told police that ..., the source added`): both stand.
            // A quotation with its own cue is not (`"A," X said, according to a report`: the
            // report relays X's words; the quotation stays X's).
            let nested = |t: &Attribution| {
                att.cue.0 > att.content.1
                    && att.content.0 <= t.content.0.min(t.cue.0)
                    && t.content.1.max(t.cue.1) <= att.content.1
                    && !overlaps_quote(t.content)
            };
            let clash = atts[from..].iter().any(|t| {
                t.cue.0 == att.cue.0 || (t.content.0 <= att.content.1 && att.content.0 <= t.content.1 && !nested(t))
            });
            if !clash {
                atts.push(att);
            }
        }
    }
    // Direct quotes not covered by an attribution: look for a cue in the next or previous
    // sentence ("... ," he added. / He said: "...").
    let sent_of = |tok: usize| doc.sentence_index(tok);
    let mut covered: Vec<(usize, usize)> = atts.iter().map(|a| a.content).collect();
    covered.sort_unstable();
    let mut used_cues: std::collections::HashSet<usize> = atts.iter().map(|a| a.cue.0).collect();
    for &(qa, qb) in &quotes {
        // Covered when an attribution's content overlaps the quote: `snap_to_quotes` below
        // extends that content over it (binary search over contents sorted by start).
        let k = covered.partition_point(|&(a, _)| a <= qb);
        if covered[..k].iter().rev().take(4).any(|&(_, b)| b >= qa) {
            continue;
        }
        if let Some(att) = dash_byline(text, tokens, qa, qb) {
            atts.push(att);
            continue;
        }
        let words = word_count(&tokens[qa..=qb]);
        let si = sent_of(qb);
        let mut attributed = None;
        for nb in [si + 1, si.wrapping_sub(1)] {
            let Some(s) = doc.sentences.get(nb) else { continue };
            let (a, b) = (s.first_token as usize, s.end_token as usize);
            // The attribution of a quotation is in its own paragraph.
            if (nb > si && paragraph_between(text, tokens, qb, a))
                || (nb < si && paragraph_between(text, tokens, b - 1, qa))
            {
                continue;
            }
            // A neighbour with its own quotation keeps its cue (`"A," X said. "B."`: B
            // continues A rather than taking "said" a second time).
            let q = quotes.partition_point(|&(_, y)| y < a);
            let has_quote = quotes.get(q).is_some_and(|&(x, _)| x < b);
            if word_count(&tokens[a..b]) > 8 || has_quote {
                continue;
            }
            if let Some(c) = (a..b).find(|&k| cue_at(text, tokens, k, b).is_some())
                && let Some((ce, kind)) = cue_at(text, tokens, c, b)
            {
                // `"A?" X asked. "B."` split after the question: the cue already reports A,
                // and B is A's continuation (joined below).
                if !used_cues.insert(c) {
                    break;
                }
                let source = if c > a { trim(text, tokens, a, c - 1) } else { trim(text, tokens, ce + 1, b - 1) };
                attributed = Some(Attribution { content: (qa, qb), source, cue: (c, ce), cue_type: kind });
                break;
            }
        }
        match attributed {
            Some(att) => atts.push(att),
            // A short quotation is speech when it is a sentence of its own (`"I agree."`),
            // kept below only as the continuation of an attributed one.
            None if words >= 4 || whole_sentences(doc, qa, qb) => atts.push(Attribution {
                content: (qa, qb),
                source: None,
                cue: (usize::MAX, 0),
                cue_type: CueKind::Speech,
            }),
            None => {}
        }
    }
    for att in &mut atts {
        if let Some(k) = dateline_end(text, tokens, att.content.0, att.content.1) {
            att.content.0 = k;
        }
        if let Some((a, b)) = att.source
            && let Some(k) = dateline_end(text, tokens, a, b)
        {
            att.source = Some((k, b));
        }
    }
    atts.sort_by_key(|a| a.content);
    snap_to_quotes(&mut atts, &quotes);
    atts.sort_by_key(|a| a.content);
    atts.dedup_by_key(|a| a.content);
    // The last attribution with a direct quote as content: (its index in `out`, sentence,
    // last token).
    let mut last_direct: Option<(usize, usize, usize)> = None;
    // The last quotation, when it was an unattributed direct one: (its index, first token,
    // last token).
    let mut lead: Option<(usize, usize, usize)> = None;
    for att in atts {
        let content = range(tokens, att.content);
        let kind = quote_kind(content.slice(text));
        let unattributed = att.cue.0 == usize::MAX;
        let sentence = sent_of(att.content.0);
        // An unattributed quotation right after an attributed one is its continuation (same
        // paragraph) or, opening the next paragraph, the same speaker's (news style), reported
        // anew without a cue of its own.
        let follow_up = match last_direct {
            Some((prev, prev_sentence, prev_end))
                if unattributed && kind == "direct" && sentence <= prev_sentence + 2 =>
            {
                let p: &QuoteAnnot = &out[prev];
                if !paragraph_between(text, tokens, prev_end, att.content.0) {
                    Some(QuoteAnnot { range: content, kind, continues: Some(p.continues.unwrap_or(prev)), ..p.clone() })
                } else if sentence == prev_sentence + 1 && doc.sentences[sentence].first_token as usize == att.content.0
                {
                    Some(QuoteAnnot { range: content, kind, cue: None, continues: None, ..p.clone() })
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(q) = follow_up {
            // Later fragments join this quotation's attribution.
            let head = q.continues.unwrap_or(out.len());
            out.push(q);
            last_direct = Some((head, sent_of(att.content.1), att.content.1));
            lead = None;
            continue;
        }
        if unattributed && word_count(&tokens[att.content.0..=att.content.1]) < 4 {
            continue;
        }
        let source = att.source.map(|s| range(tokens, s));
        let cue = (!unattributed).then(|| range(tokens, att.cue));
        let speaker = source.and_then(|s| mentions.resolve(doc, s));
        let cue_type = att.cue_type.as_str();
        // `"A." "B," she said.`: an unattributed quotation just before, in the same
        // paragraph, is the first fragment of this one, when it opens its sentence (`"A" in
        // every district.`) or nothing but this attribution's cue and source stands between
        // them; not a quotation inside the reporter's sentence (`X -- "A" -- and Y, a former
        // official. "B," Y said.`).
        let continues = match lead {
            Some((i, start, end))
                if !unattributed
                    && kind != "indirect"
                    && sent_of(end) + 1 >= sentence
                    && !paragraph_between(text, tokens, end, att.content.0)
                    && (doc.sentences[sent_of(start)].first_token as usize == start
                        || word_count(&tokens[end + 1..att.content.0.max(end + 1)]) == 0
                        || (end < att.cue.0 && att.cue.0 < att.content.0)) =>
            {
                let first = &mut out[i];
                (first.speaker, first.speaker_mention, first.cue, first.cue_type) = (speaker, source, cue, cue_type);
                Some(i)
            }
            _ => None,
        };
        // `The museum, Mr. Obama said, would make visitors ...`: the words before a cue set
        // off by commas mid-sentence are the quotation's first fragment. The parser often
        // reads them as the subject with the speaker in apposition (`The museum, Mr.
        // Obama`): the speaker is then what follows the last comma of the subject.
        let (mut source, mut speaker) = (source, speaker);
        let continues = match (continues, att.source) {
            (None, Some((sa, sb))) if !unattributed && kind == "indirect" && att.cue.0 > sb => {
                let comma = |k: usize| tokens.get(k).is_some_and(|t| t.text(text) == ",");
                let first = doc.sentences[sent_of(sa)].first_token as usize;
                // The comma that opens the aside: before the source, or inside it.
                let open =
                    if sa > first && comma(sa - 1) { Some(sa - 1) } else { (sa + 1..sb).rev().find(|&k| comma(k)) };
                let after_prev = out.last().is_none_or(|q: &QuoteAnnot| q.range.end() <= tokens[first].range.start());
                match open.and_then(|k| Some((k, trim(text, tokens, first, k.checked_sub(1)?)?))) {
                    Some((k, (a, b)))
                        if k > first
                            && comma(att.cue.1 + 1)
                            && att.content.0 == att.cue.1 + 2
                            && after_prev
                            && word_count(&tokens[a..=b]) >= 2
                            && !(a..=b).any(|j| is_double_quote(tokens[j].text(text))) =>
                    {
                        if k >= sa {
                            let s = range(tokens, (k + 1, sb));
                            (source, speaker) = (Some(s), mentions.resolve(doc, s));
                        }
                        out.push(QuoteAnnot {
                            range: range(tokens, (a, b)),
                            kind: "indirect",
                            speaker,
                            speaker_mention: source,
                            cue,
                            cue_type,
                            continues: None,
                        });
                        Some(out.len() - 1)
                    }
                    _ => None,
                }
            }
            (c, _) => c,
        };
        out.push(QuoteAnnot { range: content, kind, speaker, speaker_mention: source, cue, cue_type, continues });
        lead = (unattributed && kind == "direct").then(|| (out.len() - 1, att.content.0, att.content.1));
        // A report inside the sentence of the last direct quotation's attribution (`"A,"
        // said X, who has backed Y. "B."`) does not end it: B still continues A.
        last_direct = match last_direct {
            Some(l) if kind == "indirect" && l.1 == sentence => Some(l),
            _ => (kind != "indirect" && !unattributed).then(|| (out.len() - 1, sent_of(att.content.1), att.content.1)),
        };
    }
    out
}

/// `Name: what they said` on a line of its own (`Senator Lugar: Treaty Deserves a Vote`): the
/// headline style of attribution, the colon as cue. The words before the colon are a short
/// name (every word capitalised) that names a person, organisation or group, so that labels
/// (`Editor's note:`, `UPDATE:`, `Photo:`) and a sentence's own colon are not read as one.
fn colon_headline(
    doc: &Doc,
    mentions: &MentionIndex,
    a: usize,
    b: usize,
    quoted: &dyn Fn(usize) -> bool,
) -> Option<Attribution> {
    let (text, tokens) = (doc.text(), &doc.tokens[..]);
    if a >= b || b > tokens.len() {
        return None;
    }
    let blank = [' ', '\t'];
    let line_start = a == 0 || text[..tokens[a].range.start() as usize].trim_end_matches(blank).ends_with('\n');
    let line_end = b == tokens.len()
        || text[tokens[b - 1].range.end() as usize..].trim_start_matches(blank).starts_with(['\n', '\r']);
    if !(line_start && line_end) {
        return None;
    }
    let colon = (a + 1..b).find(|&k| tokens[k].text(text) == ":")?;
    if quoted(colon) {
        return None;
    }
    let name = &tokens[a..colon];
    let words = word_count(name);
    let name_like = name.iter().all(|t| {
        let w = t.text(text);
        matches!(w, "." | "’s" | "'s" | "&" | "-")
            || t.kind == TokenKind::Word && w.chars().next().is_some_and(char::is_uppercase)
    });
    if !(1..=5).contains(&words) || !name_like {
        return None;
    }
    let content = trim(text, tokens, colon + 1, b - 1)?;
    if word_count(&tokens[content.0..=content.1]) < 3 {
        return None;
    }
    let name = TextRange::new(tokens[a].range.start(), tokens[colon - 1].range.end());
    let names_actor = mentions
        .within(name)
        .any(|&(_, _, i)| doc.entities.get(i).is_some_and(|e| matches!(e.kind, "PERSON" | "ORG" | "GROUP")));
    names_actor.then(|| Attribution {
        content,
        source: trim(text, tokens, a, colon - 1),
        cue: (colon, colon),
        cue_type: CueKind::Speech,
    })
}

/// `"QUOTATION" ― Name Surname` (a dash and a name closing the line): the byline style of
/// collected quotations and epigraphs. The dash is the cue.
fn dash_byline(text: &str, tokens: &[Token], qa: usize, qb: usize) -> Option<Attribution> {
    let dash = qb + 1;
    if !matches!(tokens.get(dash)?.text(text), "-" | "--" | "–" | "—" | "―") || tokens[dash].gap >= Gap::Newline {
        return None;
    }
    let mut end = dash;
    for (k, &t) in tokens.iter().enumerate().take(dash + 7).skip(dash + 1) {
        if t.gap >= Gap::Newline {
            break;
        }
        let w = t.text(text);
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        // Initials and particles inside a name (`J.`, `de`, `van`); punctuation ends it.
        if t.kind == TokenKind::Word
            && (capital || (end > dash && matches!(w, "de" | "da" | "van" | "von" | "al" | "bin")))
        {
            end = k;
        } else {
            break;
        }
    }
    // The name must close the line (or its sentence, or the text).
    let closes = match tokens.get(end + 1) {
        None => true,
        Some(t) if t.gap >= Gap::Newline => true,
        Some(t) => {
            matches!(t.text(text), "." | "," | ";" | "/") && tokens.get(end + 2).is_none_or(|n| n.gap >= Gap::Newline)
        }
    };
    (end > dash && closes).then(|| Attribution {
        content: (qa, qb),
        source: Some((dash + 1, end)),
        cue: (dash, dash),
        cue_type: CueKind::Speech,
    })
}

/// Whether a sentence is written in headline case: at least four words of four letters or
/// more, nearly all capitalised.
fn title_case(text: &str, tokens: &[Token]) -> bool {
    let (mut long, mut capital) = (0, 0);
    for t in tokens.iter().filter(|t| t.kind == TokenKind::Word) {
        let w = t.text(text);
        if w.chars().count() >= 4 {
            long += 1;
            capital += usize::from(w.chars().next().is_some_and(char::is_uppercase));
        }
    }
    long >= 4 && capital * 10 >= long * 8
}

/// Whether a paragraph starts between tokens `a` and `b` (`a < b`): a blank line, or a line
/// break after the end of a sentence (unwrapped text puts one paragraph on each line).
fn paragraph_between(text: &str, tokens: &[Token], a: usize, b: usize) -> bool {
    (a + 1..=b.min(tokens.len() - 1)).any(|k| match tokens[k].gap {
        Gap::Paragraph => true,
        Gap::Newline => tokens[k - 1].text(text).ends_with(['.', '?', '!', '”', '"', ':']),
        Gap::None | Gap::Space => false,
    })
}

/// Whether the quotation `qa..=qb` makes up whole sentences (trailing punctuation aside):
/// speech set apart, not a phrase quoted inside the reporter's sentence.
fn whole_sentences(doc: &Doc, qa: usize, qb: usize) -> bool {
    let (Some(first), Some(last)) =
        (doc.sentences.get(doc.sentence_index(qa)), doc.sentences.get(doc.sentence_index(qb)))
    else {
        return false;
    };
    first.first_token as usize == qa
        && (qb + 1..last.end_token as usize).all(|k| doc.tokens[k].kind == TokenKind::Punct)
}

/// Extends each attribution's content over the direct quotations it overlaps, so a quotation
/// that runs over several sentences is one content (`X added, "A. B. C."`).
fn snap_to_quotes(atts: &mut [Attribution], quotes: &[(usize, usize)]) {
    for att in atts.iter_mut() {
        let (mut a, mut b) = att.content;
        // Quotes are sorted by start; only those overlapping [a, b] matter.
        let k = quotes.partition_point(|&(_, qb)| qb < a);
        for &(qa, qb) in &quotes[k..] {
            if qa > b {
                break;
            }
            // Do not swallow the cue or the source of this attribution.
            let cue_inside = att.cue.0 != usize::MAX && qa <= att.cue.0 && att.cue.0 <= qb;
            if !cue_inside {
                a = a.min(qa);
                b = b.max(qb);
            }
        }
        att.content = (a, b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_text::{DocMeta, EntityAnnot, MentionAnnot, Segmenter, Tokenizer};

    fn doc(text: &str, people: &[&str]) -> Doc {
        let mut d = Doc::new(DocMeta::default(), text.to_string()).unwrap();
        d.tokens = Tokenizer.tokenize(text);
        d.sentences = Segmenter::builtin().unwrap().segment(text, &d.tokens);
        for p in people {
            let mentions = text
                .match_indices(p)
                .map(|(i, _)| MentionAnnot { range: TextRange::from_usize(i, i + p.len()), kind: "name" })
                .collect();
            d.entities.push(EntityAnnot { name: p.to_string(), kind: "PERSON", mentions, ..EntityAnnot::default() });
        }
        d
    }

    #[test]
    fn a_dateline_is_no_part_of_the_content() {
        let text = "MOSCOW, Oct. 16 — The talks ended without a deal, according to two officials.\n\n\
                    WASHINGTON (AP) -- The senator will retire next year, aides said.";
        let d = doc(text, &[]);
        let contents: Vec<String> = ledger(&d).into_iter().map(|q| q.0).collect();
        assert!(contents.iter().any(|c| c == "The talks ended without a deal"), "{contents:?}");
        assert!(contents.iter().any(|c| c == "The senator will retire next year"), "{contents:?}");
        let end = |text: &str| {
            let d = doc(text, &[]);
            dateline_end(text, &d.tokens, 0, d.tokens.len() - 1).map(|k| d.tokens[k].text(text).to_string())
        };
        assert_eq!(end("FLINT, Mich., Oct. 4 (UPI) — Officials met."), Some("Officials".into()));
        // Under a headline line.
        let text = "Talks end\nGENEVA, May 2 — Officials met.";
        let d = doc(text, &[]);
        let k = dateline_end(text, &d.tokens, 2, d.tokens.len() - 1);
        assert_eq!(k.map(|k| d.tokens[k].text(text)), Some("Officials"));
        assert_eq!(end("Geneva, March 5 -- Officials met."), Some("Officials".into()));
        // A name or a phrase set off by a dash is no dateline.
        assert_eq!(end("Dana Reyes — a former envoy — said the plan was dead."), None);
        assert_eq!(end("The WHO — which had warned of this — said nothing."), None);
        assert_eq!(end("Officials said — again — that nothing changed."), None);
    }

    fn ledger(d: &Doc) -> Vec<(String, Option<String>, Option<String>, &'static str)> {
        let text = d.text();
        extract(d)
            .into_iter()
            .map(|q| {
                (
                    q.range.slice(text).to_string(),
                    q.speaker.map(|e| d.entities[e].name.clone()),
                    q.cue.map(|c| c.slice(text).to_string()),
                    q.kind,
                )
            })
            .collect()
    }

    /// The text of every direct quotation [`direct_quotes`] finds.
    fn quoted_spans(d: &Doc) -> Vec<&str> {
        let text = d.text();
        direct_quotes(text, &d.tokens).into_iter().map(|(a, b)| range(&d.tokens, (a, b)).slice(text)).collect()
    }

    #[test]
    fn post_posed_direct_quote_and_its_continuation() {
        let d = doc(
            "“We are close to a deal,” Hartley said. “The rest is detail.” Orlov did not reply.",
            &["Hartley", "Orlov"],
        );
        let l = ledger(&d);
        assert_eq!(l[0], ("“We are close to a deal,”".into(), Some("Hartley".into()), Some("said".into()), "direct"));
        assert_eq!(l[1], ("“The rest is detail.”".into(), Some("Hartley".into()), Some("said".into()), "direct"));
        assert_eq!(l.len(), 2);
        assert_eq!(extract(&d)[1].continues, Some(0));
    }

    #[test]
    fn a_name_and_a_colon_on_a_line_of_their_own_attribute_the_rest() {
        for text in [
            "Senator Mara Voss: Harbor Treaty Deserves a Vote\n\nThe treaty was signed in May.",
            "Port news\r\nSenator Mara Voss: Harbor Treaty Deserves a Vote \r\nThe treaty was signed in May.",
        ] {
            let d = doc(text, &["Mara Voss"]);
            let l = ledger(&d);
            assert_eq!(
                l,
                [("Harbor Treaty Deserves a Vote".into(), Some("Mara Voss".into()), Some(":".into()), "indirect")],
                "{text:?}"
            );
        }
    }

    #[test]
    fn labels_and_colons_inside_sentences_are_no_headline_attributions() {
        // A label names no actor; a colon after a lower-case word or mid-paragraph is the
        // sentence's own; a colon after a name that continues the line is not a headline.
        for text in [
            "Editor's Note: This story was updated with new figures on turnout.\n",
            "Mara Voss had one demand: a vote on the harbor treaty this month.\n",
            "The vote was close. Mara Voss: the treaty deserves a vote, she wrote.\n",
        ] {
            let d = doc(text, &["Mara Voss"]);
            assert!(ledger(&d).iter().all(|q| q.2.as_deref() != Some(":")), "{text}");
        }
    }

    #[test]
    fn mistyped_opening_mark_at_a_paragraph_start() {
        let text = "Readers wrote in.\n\n”The plan is a trap. It gives them time.” ― Mara Voss\n\nOther notes.";
        let d = doc(text, &["Mara Voss"]);
        let spans = quoted_spans(&d);
        assert_eq!(spans, ["”The plan is a trap. It gives them time.”"]);
        // Inside a paragraph the same mark closes nothing and opens nothing.
        let text = "He called it ”a trap” and left.";
        let d = doc(text, &[]);
        assert!(direct_quotes(text, &d.tokens).is_empty());
    }

    #[test]
    fn quotation_of_the_other_marks_inside_a_quotation_is_part_of_it() {
        let text = "Vale said: \"I will read the question: “Do you trust him?” Most said no.\" Then he left.";
        let d = doc(text, &["Vale"]);
        let spans = quoted_spans(&d);
        assert_eq!(spans, ["\"I will read the question: “Do you trust him?” Most said no.\""]);
        let text = "Vale said: “They called it \"a plan\" and meant it.” Then he left.";
        let d = doc(text, &["Vale"]);
        let spans = quoted_spans(&d);
        assert_eq!(spans, ["“They called it \"a plan\" and meant it.”"]);
        // Mismatched marks of one quotation still pair (`“...”` typed as `“..."`).
        let text = "Vale said: “We are ready.\" Then he left.";
        let d = doc(text, &["Vale"]);
        assert_eq!(direct_quotes(text, &d.tokens).len(), 1);
    }

    #[test]
    fn straight_mark_that_lost_its_opening_opens_nothing() {
        // The first mark closes a quotation whose opening was lost; pairing it with the next
        // mark would quote the reporter's own words between them.
        let text = "The review covered his heart\" and lungs. The only \"records\" were one page.";
        let d = doc(text, &[]);
        let spans = quoted_spans(&d);
        assert_eq!(spans, ["\"records\""]);
    }

    #[test]
    fn pre_posed_indirect_and_according_to() {
        let d = doc(
            "Vasko said that Moscow has not seen any plan with 28 points. According to Orlov, the call lasted five minutes.",
            &["Vasko", "Orlov"],
        );
        let l = ledger(&d);
        assert_eq!(
            l[0],
            (
                "Moscow has not seen any plan with 28 points".into(),
                Some("Vasko".into()),
                Some("said".into()),
                "indirect"
            )
        );
        assert_eq!(
            l[1],
            ("the call lasted five minutes".into(), Some("Orlov".into()), Some("According to".into()), "indirect")
        );
    }

    #[test]
    fn according_to_after_a_colon_opens_the_content() {
        let d = doc("It did not go unnoticed: according to Orlov, the mayor leads by six points.", &["Orlov"]);
        let l = ledger(&d);
        assert_eq!(
            l,
            [("the mayor leads by six points".into(), Some("Orlov".into()), Some("according to".into()), "indirect")]
        );
    }

    #[test]
    fn pronoun_speakers_and_mental_cues() {
        let d = doc("Hartley arrived late. He believes the outline can work for both sides.", &["Hartley"]);
        let q = extract(&d);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].speaker, Some(0));
        assert_eq!(q[0].cue_type, "mental");
        assert_eq!(q[0].speaker_mention.map(|r| r.slice(d.text())), Some("He"));
    }

    #[test]
    fn speakers_resolve_by_role_and_prefer_persons() {
        let text = "Special envoy Mara Lind met Ivo Tamm. The envoy said that the talks would continue next week. \
                    An aide to Ivo Tamm, Oskar Brandt, said that no plan had been agreed.";
        let mut d = doc(text, &["Mara Lind", "Ivo Tamm", "Oskar Brandt"]);
        let start = text.find("Special envoy").unwrap();
        d.entities[0].roles.push(TextRange::from_usize(start, start + "Special envoy".len()));
        let l = ledger(&d);
        let by_cue_content = |c: &str| l.iter().find(|q| q.0.contains(c)).map(|q| q.1.clone());
        assert_eq!(by_cue_content("talks would continue"), Some(Some("Mara Lind".to_string())), "{l:?}");
        // Two people in the source phrase: a person is chosen, never a place or nothing.
        assert!(matches!(by_cue_content("no plan"), Some(Some(_))), "{l:?}");
    }

    #[test]
    fn scare_quotes_are_not_speech() {
        let d = doc("The talks were \"businesslike\" and short.", &[]);
        assert!(extract(&d).is_empty());
    }

    #[test]
    fn unbalanced_marks_stay_local() {
        let text = "He said \"this never closes.\n\nNew paragraph, and Orlov said the talks failed badly.";
        let d = doc(text, &["Orlov"]);
        let q = extract(&d);
        assert!(q.iter().any(|q| q.range.slice(text) == "the talks failed badly" && q.speaker == Some(0)));
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_ranges_are_valid(text in "(\\PC|[ \n\"“”'.,])*") {
            let d = doc(&text, &[]);
            for q in extract(&d) {
                proptest::prop_assert!(q.range.get(&text).is_some());
            }
        }
    }
}
