//! The event coder: actors by dictionary phrase matching, verbs by dictionary patterns
//! matched against the verb's dependents, source and target from the dependency relations.

use crate::codes::{Frame, framed, root};
use crate::dict::{AgentCode, Code, DateKey, Dictionaries, Elem, Pattern, is_plural_of};
use crate::lexicon;
use crate::sentence::ParsedSentence;

/// Coder options.
#[derive(Debug, Clone, Copy)]
pub struct CoderOptions {
    /// Only events with both a source and a target (PETRARCH's `require_dyad`).
    pub require_dyad: bool,
    /// Also code the news triggers of [`lexicon`] (calls, meetings, visits, proposals,
    /// threats, demands) that the verb dictionary leaves uncoded, and nominal events.
    pub lexicon: bool,
    /// Code an action through the verb that frames it: "agreed / offered to provide aid" and
    /// "will provide aid" are intents (03), "urged X to negotiate" an appeal (02), "refused to
    /// lift the curfew" a refusal (12), "will break relations" a threat (13); see
    /// [`crate::codes::framed`]. Off, a governing verb simply defers to its complement, as
    /// PETRARCH's conformance suites expect.
    pub nested: bool,
    /// For a symmetric code (`[040:040]`, meetings) also give the reverse event ("A met B":
    /// B met A too), as PETRARCH's conformance suites expect. Off, the event runs from the
    /// subject to the object only, as PETRARCH-2's GSR and PLOVER record it.
    pub reverse_pairs: bool,
}

impl Default for CoderOptions {
    fn default() -> Self {
        Self { require_dyad: true, lexicon: false, nested: false, reverse_pairs: true }
    }
}

/// A participant: its code (empty when only an outside span named it) and token range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub code: String,
    /// Head word of the noun phrase.
    pub head: usize,
    /// Token range `[start, end)` of the words that named the actor.
    pub span: (usize, usize),
}

/// One coded event of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodedEvent {
    /// Trigger word range `[start, end)`.
    pub trigger: (usize, usize),
    pub code: String,
    pub source: Actor,
    pub target: Option<Actor>,
    pub negated: bool,
    pub hypothetical: bool,
    /// Readable type when the trigger lexicon decided it (`proposal` for `propose`).
    pub kind: Option<&'static str>,
}

#[derive(Debug, Clone)]
enum SpanKind<'d> {
    Actor(Option<&'d str>),
    Agent(&'d AgentCode),
}

#[derive(Debug, Clone)]
struct Span<'d> {
    start: usize,
    end: usize,
    kind: SpanKind<'d>,
}

/// Codes sentences with one dictionary set.
pub struct Coder<'d> {
    dict: &'d Dictionaries,
    pub options: CoderOptions,
}

struct Ctx<'s, 'd> {
    s: &'s ParsedSentence,
    up: Vec<String>,
    ul: Vec<String>,
    children: Vec<Vec<usize>>,
    spans: Vec<Span<'d>>,
    tok_span: Vec<Option<usize>>,
    /// Coding mode ([`CoderOptions::nested`]): PETRARCH conformance quirks off.
    coding: bool,
}

const NP_RELS: &[&str] = &["compound", "amod", "det", "flat", "name", "nummod", "nmod:poss", "goeswith", "fixed"];

impl<'s> Ctx<'s, '_> {
    fn lower_lemma(&self, i: usize) -> String {
        self.s.lemmas[i].to_lowercase()
    }

    fn case_of(&self, i: usize) -> Option<&str> {
        self.children[i].iter().find(|&&c| self.s.rel(c) == "case").map(|&c| self.ul[c].as_str())
    }

    fn np_tokens(&self, x: usize, out: &mut Vec<usize>, depth: usize) {
        out.push(x);
        if depth > 6 {
            return;
        }
        for &c in &self.children[x] {
            let d = self.s.deprels[c].as_str();
            let r = self.s.rel(c);
            let inside = NP_RELS.contains(&d)
                || NP_RELS.contains(&r)
                || r == "case"
                || ((r == "nmod")
                    && matches!(self.case_of(c), Some("OF") | Some("FROM") | Some("IN") | Some("'S") | Some("'")));
            if inside {
                self.np_tokens(c, out, depth + 1);
            }
        }
    }

    fn conjuncts(&self, x: usize) -> Vec<usize> {
        let mut out = vec![x];
        let mut k = 0;
        while k < out.len() && out.len() < 32 {
            let y = out[k];
            for &c in &self.children[y] {
                if self.s.rel(c) == "conj" && !out.contains(&c) {
                    out.push(c);
                }
            }
            k += 1;
        }
        out
    }

    /// Actors named by the noun phrase headed by `h` (one per conjunct; an agent carries over
    /// to conjoined countries: "ambassadors of A, B and C").
    fn np_actors(&self, h: usize, _date: Option<DateKey>) -> Vec<Actor> {
        let mut out: Vec<Actor> = Vec::new();
        let mut last_country: Option<&str> = None;
        for x in self.conjuncts(h) {
            let mut np = Vec::new();
            self.np_tokens(x, &mut np, 0);
            np.sort_unstable();
            let mut span_ids: Vec<usize> = np.iter().filter_map(|&t| self.tok_span[t]).collect();
            span_ids.dedup();
            // The span covering the head first.
            span_ids.sort_by_key(|&si| {
                let sp = &self.spans[si];
                (!(sp.start <= x && x < sp.end), sp.start)
            });
            let agent = span_ids.iter().find_map(|&si| match self.spans[si].kind {
                SpanKind::Agent(a) => Some((a, si)),
                _ => None,
            });
            let countries: Vec<usize> =
                span_ids.iter().copied().filter(|&si| matches!(self.spans[si].kind, SpanKind::Actor(_))).collect();
            let Some(&primary) = countries.first() else {
                if let Some((a, si)) = agent {
                    let sp = &self.spans[si];
                    // "military exercises", "military aid": an agent word modifying a noun
                    // that names no actor is no actor (with a country it still is:
                    // "Palestinian lorries").
                    let head_named = sp.start <= x && x < sp.end;
                    if self.coding && !head_named && (sp.start..sp.end).all(|t| self.s.rel(t) == "amod") {
                        continue;
                    }
                    // "Danish media and government": the country carries over.
                    out.push(Actor { code: combine(last_country, Some(a)), head: x, span: (sp.start, sp.end) });
                }
                continue;
            };
            if let SpanKind::Actor(c) = self.spans[primary].kind {
                last_country = c.map(|c| c.get(..3).unwrap_or(c));
            }
            let mut primaries = vec![primary];
            // Conjoined countries inside the phrase ("of Arnor, Osgiliath and Gondor").
            let sp = &self.spans[primary];
            if !(sp.start <= x && x < sp.end) {
                for t in sp.start..sp.end {
                    if self.s.head(t).is_none_or(|h| h < sp.start || h >= sp.end) {
                        for c in self.conjuncts(t).into_iter().skip(1) {
                            if let Some(si) = self.tok_span[c]
                                && matches!(self.spans[si].kind, SpanKind::Actor(_))
                                && !primaries.contains(&si)
                            {
                                primaries.push(si);
                            }
                        }
                    }
                }
            }
            for si in primaries {
                let sp = &self.spans[si];
                let code = match sp.kind {
                    SpanKind::Actor(c) => c,
                    SpanKind::Agent(_) => None,
                };
                let code = match (code, agent) {
                    (None, None) => String::new(),
                    (None, Some((a, _))) => combine(None, Some(a)),
                    (Some(c), a) => combine(Some(c), a.map(|(a, _)| a)),
                };
                out.push(Actor { code, head: x, span: (sp.start, sp.end) });
            }
        }
        out
    }

    /// Whether `t` is in the subtree of `v` (heads followed at most 32 steps). A path through
    /// a punctuation mark does not count: punctuation heads nothing in a sound parse.
    fn dominates(&self, v: usize, mut t: usize) -> bool {
        for _ in 0..32 {
            if t == v {
                return true;
            }
            if self.s.upos[t] == "PUNCT" {
                return false;
            }
            match self.s.head(t) {
                Some(h) if h != t => t = h,
                _ => return false,
            }
        }
        false
    }

    fn rel_children(&self, i: usize, rels: &[&str]) -> Vec<usize> {
        self.children[i].iter().copied().filter(|&c| rels.contains(&self.s.rel(c))).collect()
    }

    fn subject(&self, i: usize) -> Option<(usize, bool)> {
        let mut v = i;
        for _ in 0..6 {
            if let Some(c) = self.subject_child(v) {
                // A passive subject counts only for the verb itself ("is scheduled to attend").
                let passive = v == i && self.s.deprels[c].contains("pass");
                return Some((c, passive));
            }
            match (self.s.rel(v), self.s.head(v)) {
                ("conj" | "xcomp", Some(h)) => v = h,
                ("advcl", Some(h)) if self.children[v].iter().any(|&c| self.ul[c] == "TO") => v = h,
                _ => return None,
            }
        }
        None
    }

    /// The nominal subject attached to `i` itself.
    fn subject_child(&self, i: usize) -> Option<usize> {
        self.children[i].iter().copied().find(|&c| matches!(self.s.rel(c), "nsubj" | "nsubjpass"))
    }

    /// The actor that actor phrase `si` names on its own, headed at `head` (no country or
    /// agent from around it).
    fn span_actor(&self, si: usize, head: usize) -> Actor {
        let sp = &self.spans[si];
        let code = match sp.kind {
            SpanKind::Actor(c) => c.map(str::to_string).unwrap_or_default(),
            SpanKind::Agent(a) => combine(None, Some(a)),
        };
        Actor { code, head, span: (sp.start, sp.end) }
    }

    fn is_passive(&self, i: usize) -> bool {
        self.children[i].iter().any(|&c| {
            let d = self.s.deprels[c].as_str();
            d == "auxpass" || d == "aux:pass" || d == "nsubjpass" || d == "nsubj:pass"
        })
    }

    fn negated(&self, i: usize) -> bool {
        self.children[i].iter().any(|&c| {
            let r = self.s.rel(c);
            (r == "neg" || r == "advmod" || r == "aux" || r == "det")
                && matches!(self.s.words[c].to_lowercase().as_str(), "not" | "n't" | "never" | "no")
        })
    }

    fn hypothetical(&self, i: usize) -> bool {
        let mut v = i;
        for _ in 0..4 {
            for &c in &self.children[v] {
                let r = self.s.rel(c);
                let w = self.s.words[c].to_lowercase();
                if r == "aux" && matches!(w.as_str(), "could" | "would" | "might" | "may" | "should" | "'d") {
                    return true;
                }
                if r == "mark" && matches!(w.as_str(), "if" | "unless" | "whether") {
                    return true;
                }
            }
            match (self.s.rel(v), self.s.head(v)) {
                ("xcomp" | "conj", Some(h)) => v = h,
                _ => break,
            }
        }
        false
    }

    /// Tokens of `i`'s subtree after (post) or before (pre) it, in order, leaving out other
    /// clauses joined to it.
    fn side(&self, i: usize, post: bool) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack: Vec<usize> = self.children[i].clone();
        while let Some(t) = stack.pop() {
            let r = self.s.rel(t);
            if matches!(r, "conj" | "parataxis" | "punct" | "cc") && self.s.head(t) == Some(i) {
                continue;
            }
            if out.len() > 200 {
                break;
            }
            if (post && t > i) || (!post && t < i) {
                out.push(t);
            }
            stack.extend(self.children[t].iter().copied());
        }
        out.sort_unstable();
        out
    }

    /// Recodes an actor named by a national capital alone (the head of its phrase, not
    /// `Washington state`), coded as its bare country, as that country's government.
    fn capital_as_government(&self, a: &mut Actor) {
        let (x, y) = a.span;
        if a.code.len() == 3
            && (x..y).contains(&a.head)
            && let Some(words) = self.up.get(x..y)
            && crate::capitals::country_of_capital(words) == Some(a.code.as_str())
        {
            a.code.push_str("GOV");
        }
    }

    fn word_matches(&self, t: usize, w: &str) -> bool {
        let u = &self.up[t];
        u == w || self.ul[t] == w || is_plural_of(u, w)
    }
}

fn combine(country: Option<&str>, agent: Option<&AgentCode>) -> String {
    match (country, agent) {
        (Some(c), None) => c.to_string(),
        (None, Some(a)) => {
            if a.prefix {
                format!("{}---", a.code)
            } else {
                format!("---{}", a.code)
            }
        }
        (Some(c), Some(a)) => {
            if c.is_empty() {
                return combine(None, Some(a));
            }
            if a.prefix {
                if c.starts_with(&*a.code) { c.to_string() } else { format!("{}{}", a.code, c) }
            } else if c.len() > 3 && c[3..].contains(&*a.code) {
                c.to_string()
            } else {
                format!("{c}{}", a.code)
            }
        }
        (None, None) => String::new(),
    }
}

/// Result of matching a pattern: words matched, and role positions in the token sequence.
struct PatternMatch {
    words: usize,
    /// The subject is the target (`+` before the verb).
    subject_is_target: bool,
    source_at: Option<usize>,
    target_at: Option<usize>,
    compound: bool,
}

impl<'d> Coder<'d> {
    pub fn new(dict: &'d Dictionaries, options: CoderOptions) -> Self {
        Self { dict, options }
    }

    fn match_elems(&self, cx: &Ctx, elems: &[Elem], seq: &[usize], roles: &mut Vec<(usize, char)>) -> Option<usize> {
        let mut pos = 0;
        let mut words = 0;
        let mut glued = false;
        for e in elems {
            // After a glue mark the element must start right where the previous one ended,
            // on the next word of the sentence.
            let last = if glued && pos < seq.len() && pos > 0 && seq[pos] == seq[pos - 1] + 1 {
                pos + 1
            } else if glued {
                return None;
            } else {
                seq.len()
            };
            glued = false;
            match e {
                Elem::Glue => glued = true,
                Elem::Word(w) => {
                    let k = (pos..last).find(|&k| cx.word_matches(seq[k], w))?;
                    pos = k + 1;
                    words += 1;
                }
                Elem::Syn(name) => {
                    let members = self.dict.verbs.synsets.get(name)?;
                    let mut found = None;
                    // The longest member at the first place any member matches.
                    'outer: for k in pos..last {
                        for m in members {
                            if k + m.len() <= seq.len()
                                && m.iter().enumerate().all(|(j, w)| {
                                    cx.word_matches(seq[k + j], w) && (j == 0 || seq[k + j] == seq[k + j - 1] + 1)
                                })
                                && found.is_none_or(|(_, l)| m.len() > l)
                            {
                                found = Some((k, m.len()));
                            }
                        }
                        if found.is_some() {
                            break 'outer;
                        }
                    }
                    let (k, l) = found?;
                    pos = k + l;
                    // A multi-word member is a more specific match than one word.
                    words += l;
                }
                Elem::Source => roles.push((pos, '$')),
                Elem::Target => roles.push((pos, '+')),
                Elem::Compound => roles.push((pos, '%')),
                Elem::Skip => {}
            }
        }
        Some(words)
    }

    fn match_pattern(&self, cx: &Ctx, p: &Pattern, pre: &[usize], post: &[usize]) -> Option<PatternMatch> {
        let mut pre_roles = Vec::new();
        let mut post_roles = Vec::new();
        let a = self.match_elems(cx, &p.pre, pre, &mut pre_roles)?;
        let b = self.match_elems(cx, &p.post, post, &mut post_roles)?;
        let find_actor = |from: usize| (from..post.len()).map(|k| post[k]).find(|&t| cx.tok_span[t].is_some());
        Some(PatternMatch {
            words: a + b,
            subject_is_target: pre_roles.iter().any(|r| r.1 == '+'),
            source_at: post_roles.iter().find(|r| r.1 == '$').and_then(|r| find_actor(r.0)),
            target_at: post_roles.iter().find(|r| r.1 == '+').and_then(|r| find_actor(r.0)),
            compound: pre_roles.iter().chain(&post_roles).any(|r| r.1 == '%'),
        })
    }

    /// Codes one sentence. `date` selects date-restricted actor codes; `extra` are token
    /// ranges of names found by other means (the entities layer) that count as actors even
    /// when no dictionary knows them (their code stays empty).
    pub fn code(&self, s: &ParsedSentence, date: Option<DateKey>, extra: &[(usize, usize)]) -> Vec<CodedEvent> {
        let n = s.len();
        if n == 0 || s.lemmas.len() != n || s.heads.len() != n || s.deprels.len() != n || s.upos.len() != n {
            return Vec::new();
        }
        let up: Vec<String> = s.words.iter().map(|w| w.to_uppercase()).collect();
        let ul: Vec<String> = s.lemmas.iter().map(|w| w.to_uppercase()).collect();
        // Discards.
        for i in 0..n {
            if self.dict.discards.phrases.longest_at(&up, i).is_some() {
                return Vec::new();
            }
        }
        let mut children = vec![Vec::new(); n];
        for i in 0..n {
            if let Some(h) = s.head(i)
                && h != i
            {
                children[h].push(i);
            }
        }
        // Actor and agent phrases, longest match first.
        let mut spans: Vec<Span> = Vec::new();
        let mut tok_span = vec![None; n];
        let mut i = 0;
        while i < n {
            let entries = &self.dict.actors.entries;
            let a =
                self.dict.actors.phrases.longest_ranked_at(&up, i, |&id| {
                    u8::from(date.is_some_and(|d| entries[id as usize].restricted_on(d)))
                });
            let g = self.dict.agents.phrases.longest_at(&up, i);
            let pick = match (a, g) {
                (Some((la, &id)), Some((lg, ag))) => {
                    if lg > la {
                        Some((lg, SpanKind::Agent(ag)))
                    } else {
                        Some((la, SpanKind::Actor(self.dict.actors.entries[id as usize].code_on(date))))
                    }
                }
                (Some((la, &id)), None) => {
                    Some((la, SpanKind::Actor(self.dict.actors.entries[id as usize].code_on(date))))
                }
                (None, Some((lg, ag))) => Some((lg, SpanKind::Agent(ag))),
                (None, None) => None,
            };
            match pick {
                Some((len, kind)) => {
                    let id = spans.len();
                    for t in tok_span.iter_mut().skip(i).take(len) {
                        *t = Some(id);
                    }
                    spans.push(Span { start: i, end: i + len, kind });
                    i += len;
                }
                None => i += 1,
            }
        }
        // Shortest first: a name claims its words before the description around it ("Mrs.
        // Clinton" inside "Mrs. Clinton's plan").
        let mut extra = extra.to_vec();
        extra.sort_by_key(|&(a, b)| (b.saturating_sub(a), a));
        for (a, b) in extra {
            let b = b.min(n);
            if a >= b
                || (a..b).any(|t| tok_span[t].is_some_and(|si: usize| matches!(spans[si].kind, SpanKind::Actor(_))))
            {
                continue;
            }
            let id = spans.len();
            let free: Vec<usize> = (a..b).filter(|&t| tok_span[t].is_none()).collect();
            if free.is_empty() {
                continue;
            }
            for &t in &free {
                tok_span[t] = Some(id);
            }
            spans.push(Span { start: a, end: b, kind: SpanKind::Actor(None) });
        }
        let cx = Ctx { s, up, ul, children, spans, tok_span, coding: self.options.nested && !self.options.lexicon };

        let mut per_verb: Vec<(usize, Vec<CodedEvent>)> = Vec::new();
        for v in 0..n {
            let evs = self.code_verb(&cx, v, date);
            if !evs.is_empty() {
                per_verb.push((v, evs));
            }
        }
        // A verb whose complement clause codes an event defers to it ("vowed to wage war").
        let coded: Vec<usize> = per_verb.iter().map(|(v, _)| *v).collect();
        let mut out = Vec::new();
        let complement = |c: usize| {
            cx.s.rel(c) == "xcomp" || (cx.s.rel(c) == "advcl" && cx.children[c].iter().any(|&m| cx.ul[m] == "TO"))
        };
        let (dropped, accusations) = if self.options.nested && !self.options.lexicon {
            self.reported(&cx, &per_verb, date)
        } else {
            (Vec::new(), Vec::new())
        };
        for (v, evs) in per_verb {
            if dropped.contains(&v) {
                continue;
            }
            // PETRARCH style: the complement's event wins; news style (lexicon on): the
            // governing verb's ("called to discuss", "threatened to withdraw") wins.
            let coding = self.options.nested && !self.options.lexicon;
            // Coding mode: a purpose clause ("met X to discuss Y", "staged rallies to demand
            // Y") only says why; the main verb's event wins unless the main verb frames the
            // action ("agreed to", "urged X to").
            let purpose = |c: usize| cx.s.rel(c) == "advcl";
            let defer = if self.options.lexicon {
                complement(v) && cx.s.head(v).is_some_and(|h| coded.contains(&h))
            } else if coding {
                let framing = self.frame_of_verb(&cx, v).is_some();
                (complement(v)
                    && purpose(v)
                    && cx.s.head(v).is_some_and(|h| coded.contains(&h) && self.frame_of_verb(&cx, h).is_none()))
                    || cx.children[v].iter().any(|&c| coded.contains(&c) && complement(c) && (!purpose(c) || framing))
            } else {
                cx.children[v].iter().any(|&c| coded.contains(&c) && complement(c))
            };
            if defer {
                continue;
            }
            let mut evs = evs;
            if self.options.nested && !self.options.lexicon {
                self.apply_frame(&cx, v, &mut evs, complement(v));
            }
            out.extend(evs);
        }
        out.extend(accusations);
        // A phrase cannot take part in the event it names ("a 20-point plan" is no source of
        // the proposal its head noun reports).
        // A name inside that phrase still is ("Mrs. Clinton's plan": Clinton proposes).
        let inside = |sp: (usize, usize), t: (usize, usize)| sp.0 <= t.0 && t.0 < sp.1;
        let nested = |a: &Actor, t: (usize, usize)| -> Option<Actor> {
            (a.span.0..t.0).find_map(|k| {
                let si = cx.tok_span[k]?;
                let sp = &cx.spans[si];
                (!inside((sp.start, sp.end), t)).then(|| cx.span_actor(si, k))
            })
        };
        let mut kept = Vec::with_capacity(out.len());
        for mut e in out {
            if inside(e.source.span, e.trigger) {
                match nested(&e.source, e.trigger) {
                    Some(a) => e.source = a,
                    None => continue,
                }
            }
            if let Some(t) = e.target.as_ref().filter(|t| inside(t.span, e.trigger)) {
                e.target = nested(t, e.trigger);
            }
            if e.target.as_ref().is_some_and(|t| t.span == e.source.span) {
                e.target = None;
            }
            // A capital standing alone for its country is its government ("Moscow rejected
            // the plan", "urged Beijing to"); what is attacked there is the city.
            cx.capital_as_government(&mut e.source);
            if !matches!(root(&e.code), "18" | "19" | "20")
                && let Some(t) = e.target.as_mut()
            {
                cx.capital_as_government(t);
            }
            kept.push(e);
        }
        kept
    }

    /// Re-codes the events of `v` through the verb or modal that frames it (see
    /// [`CoderOptions::nested`]).
    fn apply_frame(&self, cx: &Ctx, v: usize, evs: &mut Vec<CodedEvent>, is_complement: bool) {
        let mut frame = None;
        if is_complement && let Some(h) = cx.s.head(v) {
            frame = self.frame_of_verb(cx, h);
        }
        let future = cx.children[v].iter().any(|&c| {
            cx.s.rel(c) == "aux"
                && matches!(cx.s.words[c].to_lowercase().as_str(), "will" | "would" | "shall" | "'ll" | "wo")
        });
        if frame.is_none() && future {
            frame = Some(Frame::Intent);
        }
        let Some(mut frame) = frame else { return };
        // "A wants / urges B to act": the action is asked of B.
        let controller: Vec<Actor> = match cx.s.head(v) {
            Some(h) if is_complement => {
                cx.rel_children(h, &["obj", "dobj", "iobj"]).into_iter().flat_map(|o| cx.np_actors(o, None)).collect()
            }
            _ => Vec::new(),
        };
        if let Some(b) = controller.first().filter(|b| !b.code.is_empty()) {
            if frame == Frame::Intent {
                frame = Frame::Appeal;
            }
            let base = match frame {
                Frame::Appeal => "020",
                Frame::Demand => "100",
                Frame::Reject => "120",
                Frame::Threat => "130",
                Frame::Intent => "030",
            };
            for e in evs.iter_mut() {
                e.code = framed(frame, &e.code).unwrap_or(base).to_string();
                e.target = Some(b.clone());
            }
            let mut seen: Vec<(String, String)> = Vec::new();
            evs.retain(|e| {
                let k = (e.source.code.clone(), e.code.clone());
                let fresh = e.source.code != b.code && !seen.contains(&k);
                seen.push(k);
                fresh
            });
            return;
        }
        let negated = cx.negated(v);
        if negated && frame == Frame::Intent {
            // "would not release them": declining to act.
            frame = Frame::Reject;
        }
        for e in evs.iter_mut() {
            if let Some(c) = framed(frame, &e.code) {
                e.code = c.to_string();
                if negated && frame == Frame::Reject {
                    e.negated = false;
                }
            }
        }
    }

    /// The frame the verb (or predicate adjective) at `h` sets up for a `to`-complement: its
    /// dictionary code's category (offer 030, urge 020, demand 100, threaten 130), "agree to"
    /// (the generic 050), refusals the dictionary leaves uncoded, and "ready / prepared /
    /// willing to".
    fn frame_of_verb(&self, cx: &Ctx, h: usize) -> Option<Frame> {
        let lemma = cx.ul[h].as_str();
        match lemma {
            "REFUSE" | "DECLINE" | "FAIL" => return Some(Frame::Reject),
            "READY" | "PREPARED" | "WILLING" | "DETERMINED" | "COMMITTED" | "EAGER" => return Some(Frame::Intent),
            _ => {}
        }
        if cx.s.upos[h] != "VERB" {
            return None;
        }
        let code = self.default_code(cx, h)?;
        if code == "050" {
            return Some(Frame::Intent);
        }
        Frame::of_code(&code)
    }

    /// The dictionary code of the verb at `v` without its patterns (the verb's own code, else
    /// its block's); `None` when it has no entry or codes nothing.
    fn default_code(&self, cx: &Ctx, v: usize) -> Option<String> {
        if cx.s.upos[v] != "VERB" {
            return None;
        }
        [&cx.ul[v], &cx.up[v]].into_iter().find_map(|k| {
            let ids = self.dict.verbs.forms.get(k.as_str())?;
            ids.iter().find_map(|&id| {
                let e = &self.dict.verbs.entries[id as usize];
                let c = match &e.code {
                    Some(c) => c.as_ref(),
                    None => self.dict.verbs.blocks[e.block as usize].code.as_ref(),
                };
                c.map(|c| c.code.to_string())
            })
        })
    }

    /// What a statement reports (coding mode): "A said it would free B" is A's intent toward
    /// B, not a statement; "A said B attacked C" is A accusing B (PETRARCH-2's
    /// transformations `a (a b Q) SAY = a b Q`, `a (b . ATTACK) SAY = a b 112`). Returns the
    /// verbs whose events give way and the accusations to add.
    fn reported(
        &self,
        cx: &Ctx,
        per_verb: &[(usize, Vec<CodedEvent>)],
        date: Option<DateKey>,
    ) -> (Vec<usize>, Vec<CodedEvent>) {
        let mut drop = Vec::new();
        let mut add: Vec<CodedEvent> = Vec::new();
        for (c, evs) in per_verb {
            let c = *c;
            if cx.s.rel(c) != "ccomp" || evs.is_empty() {
                continue;
            }
            let Some(r) = cx.s.head(c) else { continue };
            let Some(rc) = self.default_code(cx, r) else { continue };
            let statement = root(&rc) == "01";
            let sayers: Vec<Actor> = cx.subject(r).map(|(h, _)| cx.np_actors(h, date)).unwrap_or_default();
            // "A demanded / urged that B do X", "A said B must do X": A asks it of B.
            let must = cx.children[c]
                .iter()
                .any(|&m| cx.s.rel(m) == "aux" && matches!(cx.s.words[m].to_lowercase().as_str(), "must" | "should"));
            let asked = match Frame::of_code(&rc) {
                Some(f @ (Frame::Demand | Frame::Appeal)) => Some(f),
                _ if statement && must => Some(Frame::Demand),
                _ => None,
            };
            if let Some(f) = asked {
                let addressees: Vec<Actor> = cx.subject(c).map(|(h, _)| cx.np_actors(h, date)).unwrap_or_default();
                if !sayers.is_empty() && !addressees.is_empty() {
                    let base = if f == Frame::Demand { "100" } else { "020" };
                    let code = evs.first().and_then(|e| framed(f, &e.code)).unwrap_or(base);
                    for a in &sayers {
                        for b in addressees.iter().filter(|b| b.code != a.code) {
                            add.push(CodedEvent {
                                trigger: (r, r + 1),
                                code: code.to_string(),
                                source: a.clone(),
                                target: Some(b.clone()),
                                negated: cx.negated(r),
                                hypothetical: cx.hypothetical(r),
                                kind: None,
                            });
                        }
                    }
                    drop.push(c);
                    drop.push(r);
                    continue;
                }
            }
            if !statement && root(&rc) != "11" {
                continue;
            }
            let said_by_sayer = evs.iter().all(|e| sayers.iter().any(|a| a.code == e.source.code));
            let violent = evs.iter().all(|e| matches!(root(&e.code), "18" | "19" | "20"));
            if !said_by_sayer && violent && !sayers.is_empty() {
                // The clause and the clauses joined to it give way to the accusation.
                let mut group = vec![c];
                for (d, _) in per_verb {
                    if cx.s.rel(*d) == "conj" && cx.s.head(*d) == Some(c) {
                        group.push(*d);
                    }
                }
                for a in &sayers {
                    for e in evs {
                        if a.code != e.source.code
                            && !add.iter().any(|x| {
                                x.source.code == a.code && x.target.as_ref().is_some_and(|t| t.code == e.source.code)
                            })
                        {
                            add.push(CodedEvent {
                                trigger: (r, r + 1),
                                code: "112".into(),
                                source: a.clone(),
                                target: Some(e.source.clone()),
                                negated: cx.negated(r),
                                hypothetical: cx.hypothetical(r),
                                kind: None,
                            });
                        }
                    }
                }
                drop.extend(group);
                drop.push(r);
            } else if statement {
                drop.push(r);
            }
        }
        (drop, add)
    }

    fn code_verb(&self, cx: &Ctx, v: usize, date: Option<DateKey>) -> Vec<CodedEvent> {
        let s = cx.s;
        let upos = s.upos[v].as_str();
        let is_verb = upos == "VERB" || (upos == "AUX" && cx.s.rel(v) == "root");
        let mut code: Option<Code> = None;
        let mut matched: Option<PatternMatch> = None;
        let mut trigger = (v, v + 1);
        let mut kind = None;
        let mut found_entry = false;
        if is_verb {
            let mut best_entry: Option<(usize, u32, (usize, usize))> = None; // (extra words, entry, trigger)
            for key in [&cx.ul[v], &cx.up[v]] {
                let Some(ids) = self.dict.verbs.forms.get(key.as_str()) else { continue };
                for &id in ids {
                    let e = &self.dict.verbs.entries[id as usize];
                    let nb = e.before.len();
                    let na = e.after.len();
                    if nb > v || v + 1 + na > s.len() {
                        if na > 0 {
                            // A particle may also be a dependent further on (`cordoned the area off`).
                        } else {
                            continue;
                        }
                    }
                    let before_ok = nb == 0
                        || (nb <= v && e.before.iter().enumerate().all(|(j, w)| cx.word_matches(v - nb + j, w)));
                    let after_adjacent =
                        v + 1 + na <= s.len() && e.after.iter().enumerate().all(|(j, w)| cx.word_matches(v + 1 + j, w));
                    let after_prt = na == 1
                        && cx.children[v].iter().any(|&c| s.rel(c) == "compound" && cx.word_matches(c, &e.after[0]));
                    let after_ok = na == 0 || after_adjacent || after_prt;
                    if before_ok && after_ok {
                        let extra = nb + na;
                        let trig = if after_adjacent { (v - nb, v + 1 + na) } else { (v - nb, v + 1) };
                        if best_entry.is_none_or(|(x, _, _)| extra > x) {
                            best_entry = Some((extra, id, trig));
                        }
                    }
                }
                if best_entry.is_some() {
                    break;
                }
            }
            if let Some((_, id, trig)) = best_entry {
                found_entry = true;
                trigger = trig;
                let e = &self.dict.verbs.entries[id as usize];
                let block = &self.dict.verbs.blocks[e.block as usize];
                // Words before the verb match the subject and other phrases, not adverbs,
                // auxiliaries or correlatives ("recently allowed", "will host").
                let mut pre = cx.side(v, false);
                pre.retain(|&t| !matches!(s.upos[t].as_str(), "ADV" | "AUX" | "CCONJ"));
                let post = cx.side(v, true);
                let mut best: Option<(&Pattern, PatternMatch)> = None;
                // The pattern with most words wins; between equals, one written for this
                // very verb (`RATIFY` in the `APPROVE` block: `&TREATY` is 057, not 031).
                for p in &block.patterns {
                    if let Some(m) = self.match_pattern(cx, p, &pre, &post)
                        && best
                            .as_ref()
                            .is_none_or(|(bp, b)| m.words > b.words || (m.words == b.words && e.owns(p) && !e.owns(bp)))
                    {
                        best = Some((p, m));
                    }
                }
                match best {
                    Some((p, m)) => {
                        code = p.code.clone();
                        matched = Some(m);
                    }
                    None => code = e.code.clone().unwrap_or_else(|| block.code.clone()),
                }
            }
        }
        if self.options.lexicon
            && code.is_none()
            && let Some(l) = lexicon::trigger(&cx.lower_lemma(v), &s.upos[v])
        {
            if l.noun {
                return self.code_noun(cx, v, date, l);
            }
            code = Some(Code { code: l.cameo.into(), reverse: l.reciprocal.then(|| l.cameo.into()) });
            kind = Some(l.kind);
        } else if self.options.lexicon
            && let Some(l) = lexicon::trigger(&cx.lower_lemma(v), &s.upos[v])
            && !l.noun
        {
            kind = Some(l.kind);
        }
        let _ = found_entry;
        let Some(code) = code.filter(|c| !c.code.is_empty()) else { return Vec::new() };

        // Participants.
        // A name the tagger missed as subject ("Verholt proposed" tagged as an adverb).
        let subj = cx
            .subject(v)
            .or_else(|| {
                cx.children[v]
                    .iter()
                    .copied()
                    .find(|&c| c < v && cx.tok_span[c].is_some() && !matches!(s.rel(c), "obl" | "nmod" | "punct"))
                    .map(|c| (c, false))
            })
            .or_else(|| {
                // A clause modifying a noun and having an object of its own does not act on
                // that noun: the noun is its agent ("officials demanding new talks", or the
                // misread "The Commission on Monday proposed a plan").
                // Nothing else that could act stands between them ("over Syria, with Russia
                // backing the government" has its own subject, cut off by the parser).
                let head = s.head(v).filter(|&h| h < v && s.deprels[v] == "acl")?;
                let has_object = cx.children[v].iter().any(|&c| matches!(s.rel(c), "obj" | "dobj"));
                let head_span = cx.tok_span[head];
                let clear = (head + 1..v)
                    .all(|t| s.upos[t] != "PUNCT" && (cx.tok_span[t].is_none() || cx.tok_span[t] == head_span));
                (has_object && clear && !cx.is_passive(v)).then_some((head, false))
            });
        let passive = cx.is_passive(v) || subj.is_some_and(|(_, p)| p);
        let mut subj_actors = subj.map(|(h, _)| cx.np_actors(h, date)).unwrap_or_default();
        // "A indicated it would act against B": a personal pronoun subject of a reported
        // clause stands for the reporting verb's subject.
        if subj_actors.is_empty()
            && let Some((h, _)) = subj
            && s.upos[h] == "PRON"
            && matches!(cx.ul[h].as_str(), "IT" | "HE" | "SHE" | "THEY" | "WE")
        {
            subj_actors = self.reporting_subject(cx, v, date);
        }
        let by_agent: Vec<Actor> = cx
            .rel_children(v, &["nmod", "obl"])
            .into_iter()
            .filter(|&c| cx.case_of(c) == Some("BY"))
            .flat_map(|c| cx.np_actors(c, date))
            .collect();
        let mut objects: Vec<Actor> = Vec::new();
        let object_phrases = cx.rel_children(v, &["obj", "dobj", "iobj"]);
        for &c in &object_phrases {
            objects.extend(cx.np_actors(c, date));
        }
        // A nominal predicate complement with no object to describe ("called Kremlin aide
        // Orlov" read like "called him a liar") is the misread object.
        if object_phrases.is_empty() {
            for c in cx.rel_children(v, &["xcomp"]) {
                if matches!(s.upos[c].as_str(), "NOUN" | "PROPN") && c > v {
                    objects.extend(cx.np_actors(c, date));
                }
            }
        }
        if objects.is_empty() {
            for c in cx.rel_children(v, &["nmod", "obl"]) {
                // Where and when an event happened is not its target (`met the aide in Zurich`),
                // nor is a bare noun phrase before the verb (a title the parser cut off its
                // name: "Special envoy Daniel Hartley called ...").
                if s.deprels[c].contains("tmod")
                    || place_or_time(cx, c)
                    || (passive && cx.case_of(c) == Some("BY"))
                    || (c < v && cx.case_of(c).is_none())
                {
                    continue;
                }
                let a = cx.np_actors(c, date);
                if !a.is_empty() {
                    objects = a;
                    break;
                }
            }
        }
        // Objects found in an infinitive complement ("is expected to travel to Ankara"): the
        // passive subject is the one who acts there.
        let mut in_infinitive = false;
        if objects.is_empty() {
            'o: for c in cx.rel_children(v, &["obj", "dobj", "iobj", "xcomp"]) {
                for cc in cx.rel_children(c, &["nmod", "obl"]) {
                    let a = cx.np_actors(cc, date);
                    if !a.is_empty() {
                        objects = a;
                        in_infinitive = s.rel(c) == "xcomp";
                        break 'o;
                    }
                }
            }
        }
        if objects.is_empty() {
            objects = self.first_actor_below(cx, v, date, subj.map(|(h, _)| h));
        }
        // Only for a verb with its subject in place that takes no clause and makes no
        // statement: after "said" or "says" the name is the inverted speaker or the subject of
        // the reported clause, never an object.
        if objects.is_empty()
            && !passive
            && subj.is_some_and(|(h, _)| h < v)
            && !code.code.starts_with("01")
            && cx.rel_children(v, &["ccomp", "xcomp", "parataxis", "csubj"]).is_empty()
        {
            objects = self.stranded_object(cx, v);
        }
        if objects.is_empty() {
            for c in cx.rel_children(v, &["ccomp"]) {
                if let Some((h, _)) = cx.subject(c) {
                    let a = cx.np_actors(h, date);
                    if !a.is_empty() {
                        objects = a;
                        break;
                    }
                }
            }
        }
        // Coding mode: a bare sector ("the militants", "military intelligence") is a weak
        // target; a country-bearing actor in the verb's other phrases is preferred ("provided
        // intelligence to Macedonia", "threatened action against Russia").
        let weak = |a: &[Actor]| !a.is_empty() && a.iter().all(|x| x.code.is_empty() || x.code.starts_with("---"));
        if cx.coding && weak(&objects) {
            let obliques = cx.rel_children(v, &["nmod", "obl"]).into_iter().filter(|&c| {
                !(s.deprels[c].contains("tmod") || place_or_time(cx, c) || (passive && cx.case_of(c) == Some("BY")))
            });
            let inner = cx
                .rel_children(v, &["obj", "dobj", "iobj", "xcomp"])
                .into_iter()
                .flat_map(|c| cx.rel_children(c, &["nmod", "obl"]));
            if let Some(a) = obliques.chain(inner).map(|c| cx.np_actors(c, date)).find(|a| !a.is_empty() && !weak(a)) {
                objects = a;
            }
        }
        let violent = matches!(root(&code.code), "18" | "19" | "20");
        // Where an attack came from names its author when the clause names no one else
        // ("a mortar bomb was fired at it from the Gaza Strip"; the dictionaries' own
        // `&WEAPON * (FROM $)` patterns read it so).
        let origin: Vec<Actor> = if passive && violent && subj_actors.is_empty() && by_agent.is_empty() {
            cx.rel_children(v, &["nmod", "obl"])
                .into_iter()
                .filter(|&c| cx.case_of(c) == Some("FROM"))
                .flat_map(|c| cx.np_actors(c, date))
                .collect()
        } else {
            Vec::new()
        };
        objects.retain(|o| !origin.iter().any(|a| a.span == o.span));
        // An attack's target may be where it is aimed ("fired at Vandor", "shells rained on
        // the town"), which is no mere place here.
        if violent && objects.is_empty() {
            objects = cx
                .rel_children(v, &["nmod", "obl"])
                .into_iter()
                .filter(|&c| matches!(cx.case_of(c), Some("AT" | "AGAINST" | "ON" | "TOWARD" | "TOWARDS")))
                .map(|c| cx.np_actors(c, date))
                .find(|a| !a.is_empty())
                .unwrap_or_default();
        }
        // The attacked "it"/"them" of a reported clause is the one who reports it ("Israel
        // said a bomb was fired at it", "Kyiv said Russia shelled it overnight").
        if violent && objects.is_empty() {
            let pronoun_object = cx.rel_children(v, &["obj", "nmod", "obl"]).into_iter().any(|c| {
                s.upos[c] == "PRON"
                    && matches!(cx.ul[c].as_str(), "IT" | "THEM" | "US")
                    && !matches!(cx.case_of(c), Some("FROM" | "BY"))
            });
            if pronoun_object {
                objects = self.reporting_subject(cx, v, date);
            }
        }
        let (mut sources, mut targets) = if passive {
            if !origin.is_empty() {
                (origin, objects)
            } else if subj_actors.is_empty() {
                (by_agent, objects)
            } else if by_agent.is_empty()
                && in_infinitive
                && matches!(
                    cx.lower_lemma(v).as_str(),
                    "expect" | "schedule" | "set" | "slate" | "poise" | "plan" | "due"
                )
            {
                // "X is expected to travel to Y", "X was scheduled to meet Y": X acts (no one
                // is said to expect or schedule anything of Y).
                (subj_actors, objects)
            } else if by_agent.is_empty() {
                // "X was criticized over its dispute with Y": Y is the likely source.
                (objects, subj_actors)
            } else {
                (by_agent, subj_actors)
            }
        } else {
            (subj_actors, objects)
        };
        let mut compound = false;
        if let Some(m) = &matched {
            compound = m.compound;
            if m.subject_is_target && !passive {
                targets = sources.clone();
                sources = Vec::new();
            }
            if let Some(t) = m.source_at {
                let h = np_head(cx, t);
                sources = cx.np_actors(h, date);
            }
            if let Some(t) = m.target_at {
                let h = np_head(cx, t);
                targets = cx.np_actors(h, date);
            }
        }
        let mut negated = cx.negated(v);
        let hypothetical = cx.hypothetical(v);
        // With a coding ontology, a negated verb takes the code of its negation ("did not
        // clash" = not disapprove); the code then says it, so the event is no longer negated.
        let mut code = code;
        if negated && let Some(c) = self.dict.ontology.as_ref().and_then(|o| o.negation(&code.code)) {
            if c == "---" {
                return Vec::new();
            }
            code = Code { code: c.into(), reverse: None };
            negated = false;
        }
        let mk = |src: &Actor, tgt: Option<&Actor>, c: &str| CodedEvent {
            trigger,
            code: c.to_string(),
            source: src.clone(),
            target: tgt.cloned(),
            negated,
            hypothetical,
            kind,
        };
        let mut out = Vec::new();
        // A `%` pattern codes the conjoined subjects with each other ("A and B postponed
        // their meeting"), whatever else the clause names.
        let pattern_target = matched.as_ref().is_some_and(|m| m.target_at.is_some() || m.subject_is_target);
        if compound && sources.len() >= 2 && !pattern_target {
            targets.clear();
        }
        // Joint actors with no one else named ("A and B signed a treaty"): each with the other
        // (conformance, or when a dyad is required), else each on its own, as PLOVER records
        // joint actors.
        if targets.is_empty()
            && sources.len() >= 2
            && (compound || code.reverse.is_some())
            && (self.options.reverse_pairs || self.options.require_dyad)
        {
            for a in &sources {
                for b in &sources {
                    if a.span != b.span && a.code != b.code {
                        out.push(mk(a, Some(b), &code.code));
                    }
                }
            }
            return out;
        }
        for a in &sources {
            if targets.is_empty() {
                if !self.options.require_dyad {
                    out.push(mk(a, None, &code.code));
                }
                continue;
            }
            for b in &targets {
                if a.span == b.span || (!a.code.is_empty() && a.code == b.code) {
                    continue;
                }
                out.push(mk(a, Some(b), &code.code));
                // Symmetric codes (`[040:040]`, meetings) also give the reverse event.
                if let Some(r) = code.reverse.as_ref().filter(|r| **r == code.code && self.options.reverse_pairs) {
                    out.push(mk(b, Some(a), r));
                }
            }
        }
        out
    }

    /// The subject actors of the verb whose complement clause holds `v` ("A said / indicated
    /// that ... `v`"), climbing through conjoined and auxiliary-like verbs.
    fn reporting_subject(&self, cx: &Ctx, v: usize, date: Option<DateKey>) -> Vec<Actor> {
        let mut c = v;
        for _ in 0..4 {
            let Some(h) = cx.s.head(c) else { return Vec::new() };
            match cx.s.rel(c) {
                // Only under a verb that codes nothing itself ("indicated", `[---]`): under a
                // coded one ("said", "claimed") PETRARCH-2 decides the pair by its
                // transformation rules, which this coder does not apply.
                "ccomp"
                    if !self.codes_by_default(cx, h)
                        || (self.options.nested && self.default_code(cx, h).is_some_and(|c| root(&c) == "01")) =>
                {
                    return cx.subject(h).map(|(sj, _)| cx.np_actors(sj, date)).unwrap_or_default();
                }
                "conj" | "xcomp" => c = h,
                _ => return Vec::new(),
            }
        }
        Vec::new()
    }

    /// Whether the verb at `v` has a dictionary entry with a default code.
    fn codes_by_default(&self, cx: &Ctx, v: usize) -> bool {
        [&cx.ul[v], &cx.up[v]].into_iter().any(|k| {
            self.dict.verbs.forms.get(k.as_str()).is_some_and(|ids| {
                ids.iter().any(|&id| {
                    let e = &self.dict.verbs.entries[id as usize];
                    match &e.code {
                        Some(c) => c.is_some(),
                        None => self.dict.verbs.blocks[e.block as usize].code.is_some(),
                    }
                })
            })
        })
    }

    /// The actors nearest below `v` in its own clause (breadth first, skipping the subject and
    /// joined clauses): "welcomed a resumption of ties with Y", "vowed to wage war on Y".
    fn first_actor_below(&self, cx: &Ctx, v: usize, date: Option<DateKey>, subj: Option<usize>) -> Vec<Actor> {
        let mut queue: std::collections::VecDeque<(usize, usize)> = cx.children[v].iter().map(|&c| (c, 0)).collect();
        let mut seen = 0;
        while let Some((t, depth)) = queue.pop_front() {
            seen += 1;
            if seen > 200 || Some(t) == subj {
                continue;
            }
            let r = cx.s.rel(t);
            if cx.s.head(t) == Some(v) && matches!(r, "conj" | "parataxis" | "punct" | "cc" | "nsubj" | "csubj") {
                continue;
            }
            if cx.s.deprels[t].contains("tmod") {
                continue;
            }
            // News reading: another clause with its own subject ("ready to host talks, while
            // B warned") holds its own participants. (PETRARCH's conformance suites expect the
            // search to go on into them.)
            if self.options.lexicon
                && matches!(cx.s.rel(t), "advcl" | "parataxis" | "conj" | "ccomp")
                && cx.subject_child(t).is_some()
            {
                continue;
            }
            if cx.tok_span[t].is_some() {
                let h = np_head(cx, t);
                let a = cx.np_actors(h, date);
                if !a.is_empty() {
                    return a;
                }
            }
            if depth < 4 {
                queue.extend(cx.children[t].iter().map(|&c| (c, depth + 1)));
            }
        }
        Vec::new()
    }

    /// The actor named right after a verb whose object the parser attached elsewhere ("met
    /// Ukrainian Foreign Minister Andrii Sybiha in Istanbul" with the name read as the subject
    /// of another clause): the words after the verb, as long as they can open a noun phrase
    /// (determiners, adjectives, nouns, names), reach an actor phrase that is not part of the
    /// verb's own tree.
    fn stranded_object(&self, cx: &Ctx, v: usize) -> Vec<Actor> {
        let s = cx.s;
        if s.upos[v] != "VERB" {
            return Vec::new();
        }
        for t in v + 1..s.len().min(v + 9) {
            if !matches!(s.upos[t].as_str(), "DET" | "ADJ" | "NOUN" | "PROPN") {
                break;
            }
            let Some(si) = cx.tok_span[t] else { continue };
            if cx.dominates(v, t) {
                break;
            }
            return vec![cx.span_actor(si, t)];
        }
        Vec::new()
    }

    /// Nominal events: "a call between X and Y", "X's meeting with Y", "the X-Y call", "X
    /// held talks with Y".
    fn code_noun(&self, cx: &Ctx, v: usize, date: Option<DateKey>, l: &lexicon::Trigger) -> Vec<CodedEvent> {
        let s = cx.s;
        let mut side_a: Vec<Actor> = Vec::new();
        let mut side_b: Vec<Actor> = Vec::new();
        for &c in &cx.children[v] {
            let r = s.rel(c);
            let d = s.deprels[c].as_str();
            if d == "nmod:poss" || r == "compound" {
                side_a.extend(cx.np_actors(c, date));
            } else if r == "nmod" || r == "obl" {
                match cx.case_of(c) {
                    Some("BETWEEN") | Some("AMONG") => side_a.extend(cx.np_actors(c, date)),
                    Some("WITH") | Some("TO") => side_b.extend(cx.np_actors(c, date)),
                    _ => {}
                }
            }
        }
        // "X had / held a call with Y": the governing verb's subject.
        let mut gov = None;
        if let Some(h) = s.head(v)
            && matches!(s.rel(v), "obj" | "dobj")
            && lexicon::is_light_verb(&cx.lower_lemma(h))
        {
            gov = Some(h);
            if let Some((sj, _)) = cx.subject(h) {
                side_a.extend(cx.np_actors(sj, date));
            }
            for c in cx.rel_children(h, &["nmod", "obl"]) {
                if matches!(cx.case_of(c), Some("WITH") | Some("TO")) {
                    side_b.extend(cx.np_actors(c, date));
                }
            }
        }
        let (negated, hypothetical) = match gov.or(s.head(v)) {
            Some(h) => (cx.negated(h) || cx.negated(v), cx.hypothetical(h)),
            None => (cx.negated(v), false),
        };
        let mk = |a: &Actor, b: Option<&Actor>| CodedEvent {
            trigger: (v, v + 1),
            code: l.cameo.to_string(),
            source: a.clone(),
            target: b.cloned(),
            negated,
            hypothetical,
            kind: Some(l.kind),
        };
        let mut out = Vec::new();
        if side_b.is_empty() {
            if side_a.len() >= 2 && l.reciprocal {
                for a in &side_a {
                    for b in &side_a {
                        if a.span != b.span {
                            out.push(mk(a, Some(b)));
                        }
                    }
                }
            } else if !self.options.require_dyad {
                out.extend(side_a.iter().map(|a| mk(a, None)));
            }
        } else {
            for a in &side_a {
                for b in &side_b {
                    if a.span != b.span {
                        out.push(mk(a, Some(b)));
                    }
                }
            }
        }
        out
    }
}

/// Climbs from a word inside a noun phrase to its head.
fn np_head(cx: &Ctx, mut t: usize) -> usize {
    for _ in 0..6 {
        let d = cx.s.deprels[t].as_str();
        if (NP_RELS.contains(&d) || NP_RELS.contains(&cx.s.rel(t)))
            && let Some(h) = cx.s.head(t)
        {
            t = h;
            continue;
        }
        break;
    }
    t
}

/// Where and when an event happened is not its target (`met the aide in Zurich`): an oblique
/// or nominal modifier introduced by a locative or temporal preposition.
fn place_or_time(cx: &Ctx, t: usize) -> bool {
    matches!(
        cx.case_of(t),
        Some("IN" | "AT" | "NEAR" | "DURING" | "INSIDE" | "OUTSIDE" | "ACROSS" | "AROUND" | "THROUGHOUT")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const VERBS: &str = "&TIE\n+TRADE\n+ARMS\n&COIN\n+GOLD\n+OLD GOLD COIN\n\
--- CLASH [110] ---\nCLASH\n\
--- SIGN [057] ---\nSIGN\n- * {&TIE PACT} [903]\n\
--- GIVE [070] ---\nGIVE\n- * GOLD [073]\n- * &COIN [071]\n\
--- DELAY [120] ---\nDELAY\nPOSTPONE\n- % * [121]\n\
--- INDICATE [---] ---\nINDICATE\n\
--- ACT [100] ---\nACT\n\
--- ALLOW [080] ---\nALLOW\n- LATELY * [025]\n\
--- OFFER [030] ---\nOFFER\n\
--- REFUSE [---] ---\nREFUSE\n\
--- SAY [010] ---\nSAY {SAYS SAID}\n\
--- ATTACK [190] ---\nATTACK\n\
--- WANT [030] ---\nWANT\n\
--- DEMAND [100] ---\nDEMAND\n\
--- MEET [040] ---\nMEET {MET}\n\
--- DISCUSS [040] ---\nDISCUSS\n\
--- DRILL [150] ---\nCONDUCT\n\
--- EXPECT [030] ---\nEXPECT\n\
--- APPROVE [---] ---\nAPPROVE\nRATIFY\n- * PACT [031] # APPROVE\n- * PACT [057] # RATIFY\n\
--- FIRE [190] ---\nFIRE\n";
    const ACTORS: &str = "VANDOR [VAN]\nTESMAR [TES]\nKELB [KEL]\n";
    const AGENTS: &str = "MILITARY [~MIL]\nGUARD [~MIL]\n";
    const ONTOLOGY: &str = "050:0x0080\n110:0x1007f\n120:-0xFFFF\n---:0\n";

    fn dict(ontology: bool) -> Dictionaries {
        let mut files = vec![("t.verbs.txt", VERBS), ("t.actors.txt", ACTORS), ("t.agents.txt", AGENTS)];
        if ontology {
            files.push(("t.ontology.txt", ONTOLOGY));
        }
        Dictionaries::from_texts(&files).unwrap()
    }

    /// A sentence from `(word, lemma, upos, head, deprel)` rows (heads 1-based, 0 = root).
    fn sent(rows: &[(&str, &str, &str, u32, &str)]) -> ParsedSentence {
        let mut s = ParsedSentence::default();
        for (w, l, u, h, d) in rows {
            s.push(w, l, u, *h, d);
        }
        s
    }

    fn triples(d: &Dictionaries, s: &ParsedSentence) -> Vec<(String, String, String)> {
        let coder = Coder::new(d, CoderOptions::default());
        let mut out: Vec<_> = coder
            .code(s, None, &[])
            .into_iter()
            .map(|e| (e.source.code, e.target.map(|t| t.code).unwrap_or_default(), e.code))
            .collect();
        out.sort();
        out
    }

    fn t(a: &str, b: &str, c: &str) -> (String, String, String) {
        (a.into(), b.into(), c.into())
    }

    fn clash(negated: bool) -> ParsedSentence {
        let mut rows = vec![("Vandor", "Vandor", "PROPN", 4, "nsubj")];
        if negated {
            rows.push(("did", "do", "AUX", 4, "aux"));
            rows.push(("not", "not", "PART", 4, "advmod"));
        } else {
            rows.push(("had", "have", "AUX", 4, "aux"));
            rows.push(("openly", "openly", "ADV", 4, "advmod"));
        }
        rows.extend([
            ("clash", "clash", "VERB", 0, "root"),
            ("with", "with", "ADP", 6, "case"),
            ("Tesmar", "Tesmar", "PROPN", 4, "obl"),
        ]);
        sent(&rows)
    }

    #[test]
    fn misparsed_titles_and_objects_still_give_the_dyad() {
        // "Vandor envoy Ada Kell met Tesmar guard Ole Brun": a parse that hangs the first
        // title on the verb as a bare noun phrase and reads the object as a predicate
        // complement ("met him a friend"). The title is not the target; the complement is.
        let rows = [
            ("Vandor", "Vandor", "PROPN", 2, "compound"),
            ("envoy", "envoy", "NOUN", 5, "obl:unmarked"),
            ("Ada", "Ada", "PROPN", 5, "nsubj"),
            ("Kell", "Kell", "PROPN", 3, "flat"),
            ("met", "meet", "VERB", 0, "root"),
            ("Tesmar", "Tesmar", "PROPN", 7, "compound"),
            ("guard", "guard", "NOUN", 5, "xcomp"),
            ("Ole", "Ole", "PROPN", 9, "compound"),
            ("Brun", "Brun", "PROPN", 7, "nmod"),
        ];
        let d = dict(false);
        let coder = Coder::new(&d, CoderOptions::default());
        let names = [(2, 4), (7, 9)];
        let events = coder.code(&sent(&rows), None, &names);
        let dyad: Vec<_> = events
            .iter()
            .map(|e| (e.source.span, e.target.as_ref().map(|t| (t.head, t.code.clone())), e.code.clone()))
            .collect();
        assert_eq!(dyad, [((2, 4), Some((6, "TESMIL".to_string())), "040".to_string())]);
    }

    fn dyads(coder: &Coder<'_>, rows: &[(&str, &str, &str, u32, &str)], names: &[(usize, usize)]) -> Vec<String> {
        coder
            .code(&sent(rows), None, names)
            .iter()
            .map(|e| {
                let t = e.target.as_ref().map_or("?".to_string(), |t| format!("{:?}{}", t.span, t.code));
                format!("{:?}{} {} {t}", e.source.span, e.source.code, e.code)
            })
            .collect()
    }

    #[test]
    fn a_name_cut_off_from_its_verb_is_still_its_object() {
        // "Ada Kell met Tesmar envoy Ole Brun in Kelb .": the parser read the name as the
        // subject of the full stop. The words after the verb still reach it; an object the
        // verb's own tree holds is left alone, and so is a name after a statement verb.
        let rows = vec![
            ("Ada", "Ada", "PROPN", 3, "nsubj"),
            ("Kell", "Kell", "PROPN", 1, "flat"),
            ("met", "meet", "VERB", 0, "root"),
            ("Tesmar", "Tesmar", "PROPN", 5, "amod"),
            ("envoy", "envoy", "NOUN", 6, "nmod:desc"),
            ("Ole", "Ole", "PROPN", 10, "nsubj"),
            ("Brun", "Brun", "PROPN", 6, "flat"),
            ("in", "in", "ADP", 9, "case"),
            ("Kelb", "Kelb", "PROPN", 6, "nmod"),
            (".", ".", "PUNCT", 3, "punct"),
        ];
        let d = dict(false);
        let coder = Coder::new(&d, CoderOptions::default());
        assert_eq!(dyads(&coder, &rows, &[(0, 2), (5, 7)]), ["(0, 2) 040 (3, 4)TES"]);
        // A head outside the sentence (a malformed parse from a file) is no head, no panic.
        let mut broken = rows.clone();
        broken[5].3 = 99;
        assert_eq!(dyads(&coder, &broken, &[(0, 2), (5, 7)]), ["(0, 2) 040 (3, 4)TES"]);
        // Said: the name after it is the reported clause's, not an object.
        let mut said = rows.clone();
        said[2] = ("said", "say", "VERB", 0, "root");
        assert!(dyads(&coder, &said, &[(0, 2), (5, 7)]).is_empty());
    }

    #[test]
    fn another_clause_keeps_its_subject_in_the_news_reading() {
        // "Tesmar was ready to meet officials, while Vandor warned": Vandor warns, it is not
        // whom Tesmar meets. PETRARCH's conformance reading still searches the clause.
        let rows = [
            ("Tesmar", "Tesmar", "PROPN", 3, "nsubj"),
            ("was", "be", "AUX", 3, "cop"),
            ("ready", "ready", "ADJ", 0, "root"),
            ("to", "to", "PART", 5, "mark"),
            ("meet", "meet", "VERB", 3, "xcomp"),
            ("officials", "official", "NOUN", 5, "obj"),
            (",", ",", "PUNCT", 10, "punct"),
            ("while", "while", "SCONJ", 10, "mark"),
            ("Vandor", "Vandor", "PROPN", 10, "nsubj"),
            ("warned", "warn", "VERB", 5, "advcl"),
        ];
        let d = dict(false);
        let news =
            Coder::new(&d, CoderOptions { require_dyad: false, lexicon: true, nested: false, reverse_pairs: true });
        let meet: Vec<String> = dyads(&news, &rows, &[]).into_iter().filter(|e| e.contains(" 040 ")).collect();
        assert_eq!(meet, ["(0, 1)TES 040 ?"]);
        let conformance = Coder::new(&d, CoderOptions::default());
        assert_eq!(dyads(&conformance, &rows, &[]), ["(0, 1)TES 040 (8, 9)VAN"]);
    }

    #[test]
    fn a_noun_modified_by_a_clause_with_an_object_is_its_agent() {
        // "The Vandor council on Monday offered a truce", misread with the verb as a clause
        // modifying the council (acl): the council is the one who offers.
        let rows = [
            ("The", "the", "DET", 3, "det"),
            ("Vandor", "Vandor", "PROPN", 3, "compound"),
            ("council", "council", "NOUN", 0, "root"),
            ("on", "on", "ADP", 5, "case"),
            ("Monday", "Monday", "PROPN", 3, "nmod"),
            ("offered", "offer", "VERB", 3, "acl"),
            ("Tesmar", "Tesmar", "PROPN", 8, "compound"),
            ("truce", "truce", "NOUN", 6, "obj"),
        ];
        let d = dict(false);
        let coder = Coder::new(&d, CoderOptions::default());
        assert_eq!(dyads(&coder, &rows, &[]), ["(1, 2)VAN 030 (6, 7)TES"]);
        // Another actor between the noun and the clause has its own say: no agent is guessed.
        let mut cut = rows;
        cut[3] = ("with", "with", "ADP", 5, "case");
        cut[4] = ("Kelb", "Kelb", "PROPN", 3, "nmod");
        assert!(dyads(&coder, &cut, &[]).is_empty());
    }

    #[test]
    fn a_phrase_is_no_participant_of_the_event_it_names() {
        // "The Vandor plan was welcomed": the plan is not its own proposer, the nested name
        // is; an outside description covering the trigger gives way to the name inside it.
        let d = dict(false);
        let opts = CoderOptions { require_dyad: false, lexicon: true, nested: false, reverse_pairs: true };
        let coder = Coder::new(&d, opts);
        let rows = [
            ("Kell", "Kell", "PROPN", 3, "nmod:poss"),
            ("'s", "'s", "PART", 1, "case"),
            ("plan", "plan", "NOUN", 4, "nsubj"),
            ("failed", "fail", "VERB", 0, "root"),
        ];
        assert_eq!(dyads(&coder, &rows, &[(0, 3), (0, 1)]), ["(0, 1) 036 ?"]);
        // With only the description, there is no proposer.
        assert!(dyads(&coder, &rows, &[(0, 3)]).is_empty());
    }

    #[test]
    fn the_subject_of_a_scheduled_act_is_its_source() {
        // "Vandor is expected to travel to Tesmar": Vandor is the one who will act.
        let rows = [
            ("Vandor", "Vandor", "PROPN", 3, "nsubj:pass"),
            ("is", "be", "AUX", 3, "aux:pass"),
            ("expected", "expect", "VERB", 0, "root"),
            ("to", "to", "PART", 5, "mark"),
            ("travel", "travel", "VERB", 3, "xcomp"),
            ("to", "to", "ADP", 7, "case"),
            ("Tesmar", "Tesmar", "PROPN", 5, "obl"),
        ];
        assert_eq!(triples(&dict(false), &sent(&rows)), vec![t("VAN", "TES", "030")]);
    }

    #[test]
    fn negation_takes_the_ontology_code() {
        let with = dict(true);
        assert_eq!(triples(&with, &clash(false)), vec![t("VAN", "TES", "110")]);
        assert_eq!(triples(&with, &clash(true)), vec![t("VAN", "TES", "050")]);
        // Without an ontology the code stays and the event is only flagged negated.
        let without = dict(false);
        assert_eq!(triples(&without, &clash(true)), vec![t("VAN", "TES", "110")]);
        let coder = Coder::new(&without, CoderOptions::default());
        assert!(coder.code(&clash(true), None, &[])[0].negated);
    }

    fn signed(words: &[&str]) -> ParsedSentence {
        // "Vandor signed a <words...> pact with Tesmar": every modifier hangs on "pact".
        let pact = 4 + words.len() as u32;
        let mut rows = vec![
            ("Vandor", "Vandor", "PROPN", 2, "nsubj"),
            ("signed", "sign", "VERB", 0, "root"),
            ("a", "a", "DET", pact, "det"),
        ];
        for w in words {
            rows.push((w, w, "NOUN", pact, "compound"));
        }
        rows.extend([
            ("pact", "pact", "NOUN", 2, "obj"),
            ("with", "with", "ADP", pact + 2, "case"),
            ("Tesmar", "Tesmar", "PROPN", 2, "obl"),
        ]);
        sent(&rows)
    }

    #[test]
    fn braces_need_the_word_right_after_the_synonym() {
        let d = dict(false);
        assert_eq!(triples(&d, &signed(&["trade"])), vec![t("VAN", "TES", "903")]);
        // A word between the set member and PACT: the pattern fails, the default stays.
        assert_eq!(triples(&d, &signed(&["trade", "border"])), vec![t("VAN", "TES", "057")]);
    }

    #[test]
    fn longer_synonym_member_wins() {
        let d = dict(false);
        // "Vandor gave old gold coin to Tesmar": `&COIN` matches three words here.
        let s = sent(&[
            ("Vandor", "Vandor", "PROPN", 2, "nsubj"),
            ("gave", "give", "VERB", 0, "root"),
            ("old", "old", "ADJ", 5, "amod"),
            ("gold", "gold", "NOUN", 5, "compound"),
            ("coin", "coin", "NOUN", 2, "obj"),
            ("to", "to", "ADP", 7, "case"),
            ("Tesmar", "Tesmar", "PROPN", 2, "obl"),
        ]);
        // GOLD alone (listed first) matches one word, the set's member three.
        assert_eq!(triples(&d, &s), vec![t("VAN", "TES", "071")]);
    }

    #[test]
    fn compound_pattern_codes_the_conjoined_subjects() {
        let d = dict(false);
        // "Vandor and Tesmar postponed their talks after Kelb objected."
        let s = sent(&[
            ("Vandor", "Vandor", "PROPN", 4, "nsubj"),
            ("and", "and", "CCONJ", 3, "cc"),
            ("Tesmar", "Tesmar", "PROPN", 1, "conj"),
            ("postponed", "postpone", "VERB", 0, "root"),
            ("their", "their", "PRON", 6, "nmod:poss"),
            ("talks", "talk", "NOUN", 4, "obj"),
            ("after", "after", "SCONJ", 9, "mark"),
            ("Kelb", "Kelb", "PROPN", 9, "nsubj"),
            ("objected", "object", "VERB", 4, "advcl"),
        ]);
        assert_eq!(triples(&d, &s), vec![t("TES", "VAN", "121"), t("VAN", "TES", "121")]);
    }

    #[test]
    fn pronoun_subject_of_an_uncoded_reporting_verb() {
        let d = dict(false);
        // "Vandor indicated it would act against Tesmar."
        let s = sent(&[
            ("Vandor", "Vandor", "PROPN", 2, "nsubj"),
            ("indicated", "indicate", "VERB", 0, "root"),
            ("it", "it", "PRON", 5, "nsubj"),
            ("would", "would", "AUX", 5, "aux"),
            ("act", "act", "VERB", 2, "ccomp"),
            ("against", "against", "ADP", 7, "case"),
            ("Tesmar", "Tesmar", "PROPN", 5, "obl"),
        ]);
        assert_eq!(triples(&d, &s), vec![t("VAN", "TES", "100")]);
    }

    #[test]
    fn an_equal_pattern_written_for_the_verb_wins() {
        let d = dict(false);
        // "Vandor <verb> the pact with Tesmar": both verbs share the block and its two
        // `* PACT` patterns; each takes the one its comment names.
        let pact = |verb: &str, lemma: &str| {
            sent(&[
                ("Vandor", "Vandor", "PROPN", 2, "nsubj"),
                (verb, lemma, "VERB", 0, "root"),
                ("the", "the", "DET", 4, "det"),
                ("pact", "pact", "NOUN", 2, "obj"),
                ("with", "with", "ADP", 6, "case"),
                ("Tesmar", "Tesmar", "PROPN", 2, "obl"),
            ])
        };
        assert_eq!(triples(&d, &pact("ratified", "ratify")), vec![t("VAN", "TES", "057")]);
        assert_eq!(triples(&d, &pact("approved", "approve")), vec![t("VAN", "TES", "031")]);
    }

    #[test]
    fn pre_verb_pattern_words_skip_adverbs() {
        let d = dict(false);
        // "Vandor lately allowed Tesmar in": LATELY is an adverb, the default code stays.
        let s = sent(&[
            ("Vandor", "Vandor", "PROPN", 3, "nsubj"),
            ("lately", "lately", "ADV", 3, "advmod"),
            ("allowed", "allow", "VERB", 0, "root"),
            ("Tesmar", "Tesmar", "PROPN", 3, "obj"),
            ("in", "in", "ADV", 3, "advmod"),
        ]);
        assert_eq!(triples(&d, &s), vec![t("VAN", "TES", "080")]);
    }

    fn nested_triples(d: &Dictionaries, s: &ParsedSentence, nested: bool) -> Vec<(String, String, String)> {
        let coder = Coder::new(d, CoderOptions { nested, ..CoderOptions::default() });
        let mut out: Vec<_> = coder
            .code(s, None, &[])
            .into_iter()
            .map(|e| (e.source.code, e.target.map(|t| t.code).unwrap_or_default(), e.code))
            .collect();
        out.sort();
        out
    }

    /// "Vandor <head> to give gold to Tesmar."
    fn to_give(head: &str, lemma: &str) -> ParsedSentence {
        sent(&[
            ("Vandor", "Vandor", "PROPN", 2, "nsubj"),
            (head, lemma, "VERB", 0, "root"),
            ("to", "to", "PART", 4, "mark"),
            ("give", "give", "VERB", 2, "xcomp"),
            ("gold", "gold", "NOUN", 4, "obj"),
            ("to", "to", "ADP", 7, "case"),
            ("Tesmar", "Tesmar", "PROPN", 4, "obl"),
        ])
    }

    #[test]
    fn governing_verb_frames_the_action() {
        let d = dict(false);
        // Literal (PETRARCH conformance): the complement's code.
        assert_eq!(nested_triples(&d, &to_give("offered", "offer"), false), vec![t("VAN", "TES", "073")]);
        // Offering to give humanitarian aid is an intent to (0333); refusing, a refusal (1223).
        assert_eq!(nested_triples(&d, &to_give("offered", "offer"), true), vec![t("VAN", "TES", "0333")]);
        assert_eq!(nested_triples(&d, &to_give("refused", "refuse"), true), vec![t("VAN", "TES", "1223")]);
    }

    #[test]
    fn future_tense_is_intent_and_negated_future_a_refusal() {
        let d = dict(false);
        // "Vandor will (not) give gold to Tesmar."
        let will = |neg: bool| {
            let mut rows = vec![("Vandor", "Vandor", "PROPN", 3, "nsubj"), ("will", "will", "AUX", 3, "aux")];
            if neg {
                rows.push(("not", "not", "PART", 4, "advmod"));
                for r in rows.iter_mut() {
                    if r.0 == "Vandor" || r.0 == "will" {
                        r.3 = 4;
                    }
                }
            }
            let v = rows.len() as u32 + 1;
            rows.extend([
                ("give", "give", "VERB", 0, "root"),
                ("gold", "gold", "NOUN", v, "obj"),
                ("to", "to", "ADP", v + 3, "case"),
                ("Tesmar", "Tesmar", "PROPN", v, "obl"),
            ]);
            sent(&rows)
        };
        assert_eq!(nested_triples(&d, &will(false), true), vec![t("VAN", "TES", "0333")]);
        assert_eq!(nested_triples(&d, &will(true), true), vec![t("VAN", "TES", "1223")]);
        assert_eq!(nested_triples(&d, &will(false), false), vec![t("VAN", "TES", "073")]);
    }

    #[test]
    fn an_attack_from_somewhere_reported_by_its_target_is_an_accusation() {
        let d = dict(false);
        // "Vandor said a bomb was fired at it from Tesmar": Tesmar attacked Vandor, as
        // Vandor says.
        let s = sent(&[
            ("Vandor", "Vandor", "PROPN", 2, "nsubj"),
            ("said", "say", "VERB", 0, "root"),
            ("a", "a", "DET", 4, "det"),
            ("bomb", "bomb", "NOUN", 6, "nsubj:pass"),
            ("was", "be", "AUX", 6, "aux:pass"),
            ("fired", "fire", "VERB", 2, "ccomp"),
            ("at", "at", "ADP", 8, "case"),
            ("it", "it", "PRON", 6, "obl"),
            ("from", "from", "ADP", 10, "case"),
            ("Tesmar", "Tesmar", "PROPN", 6, "obl"),
        ]);
        assert_eq!(nested_triples(&d, &s, true), vec![t("VAN", "TES", "112")]);
        // Unreported, the attack itself, from where it came.
        let s = sent(&[
            ("A", "a", "DET", 2, "det"),
            ("bomb", "bomb", "NOUN", 4, "nsubj:pass"),
            ("was", "be", "AUX", 4, "aux:pass"),
            ("fired", "fire", "VERB", 0, "root"),
            ("at", "at", "ADP", 6, "case"),
            ("Vandor", "Vandor", "PROPN", 4, "obl"),
            ("from", "from", "ADP", 8, "case"),
            ("Tesmar", "Tesmar", "PROPN", 4, "obl"),
        ]);
        assert_eq!(nested_triples(&d, &s, true), vec![t("TES", "VAN", "190")]);
    }

    #[test]
    fn statements_give_way_to_what_they_report() {
        let d = dict(false);
        // "Vandor said it would give gold to Tesmar": Vandor's intent.
        let s = sent(&[
            ("Vandor", "Vandor", "PROPN", 2, "nsubj"),
            ("said", "say", "VERB", 0, "root"),
            ("it", "it", "PRON", 5, "nsubj"),
            ("would", "would", "AUX", 5, "aux"),
            ("give", "give", "VERB", 2, "ccomp"),
            ("gold", "gold", "NOUN", 5, "obj"),
            ("to", "to", "ADP", 8, "case"),
            ("Tesmar", "Tesmar", "PROPN", 5, "obl"),
        ]);
        assert_eq!(nested_triples(&d, &s, true), vec![t("VAN", "TES", "0333")]);
        // "Vandor said Kelb attacked Tesmar": Vandor accuses Kelb.
        let s = sent(&[
            ("Vandor", "Vandor", "PROPN", 2, "nsubj"),
            ("said", "say", "VERB", 0, "root"),
            ("Kelb", "Kelb", "PROPN", 4, "nsubj"),
            ("attacked", "attack", "VERB", 2, "ccomp"),
            ("Tesmar", "Tesmar", "PROPN", 4, "obj"),
        ]);
        assert_eq!(nested_triples(&d, &s, true), vec![t("VAN", "KEL", "112")]);
        assert!(nested_triples(&d, &s, false).contains(&t("KEL", "TES", "190")));
    }

    #[test]
    fn wanting_someone_to_act_is_an_appeal_to_them() {
        let d = dict(false);
        // "Vandor wants Tesmar to attack Kelb."
        let s = sent(&[
            ("Vandor", "Vandor", "PROPN", 2, "nsubj"),
            ("wants", "want", "VERB", 0, "root"),
            ("Tesmar", "Tesmar", "PROPN", 2, "obj"),
            ("to", "to", "PART", 5, "mark"),
            ("attack", "attack", "VERB", 2, "xcomp"),
            ("Kelb", "Kelb", "PROPN", 5, "obj"),
        ]);
        assert_eq!(nested_triples(&d, &s, true), vec![t("VAN", "TES", "020")]);
    }

    #[test]
    fn purpose_clause_does_not_replace_the_main_event() {
        let d = dict(false);
        // "Vandor met Tesmar to discuss the guards of Kelb."
        let s = sent(&[
            ("Vandor", "Vandor", "PROPN", 2, "nsubj"),
            ("met", "meet", "VERB", 0, "root"),
            ("Tesmar", "Tesmar", "PROPN", 2, "obj"),
            ("to", "to", "PART", 5, "mark"),
            ("discuss", "discuss", "VERB", 2, "advcl"),
            ("the", "the", "DET", 7, "det"),
            ("guards", "guard", "NOUN", 5, "obj"),
            ("of", "of", "ADP", 9, "case"),
            ("Kelb", "Kelb", "PROPN", 7, "nmod"),
        ]);
        assert_eq!(nested_triples(&d, &s, true), vec![t("VAN", "TES", "040")]);
        assert_eq!(nested_triples(&d, &s, false), vec![t("VAN", "KELMIL", "040")]);
    }

    #[test]
    fn agent_adjective_on_a_thing_is_no_actor() {
        let d = dict(false);
        // "Vandor conducted military drills near Kelb."
        let s = sent(&[
            ("Vandor", "Vandor", "PROPN", 2, "nsubj"),
            ("conducted", "conduct", "VERB", 0, "root"),
            ("military", "military", "ADJ", 4, "amod"),
            ("drills", "drill", "NOUN", 2, "obj"),
            ("near", "near", "ADP", 6, "case"),
            ("Kelb", "Kelb", "PROPN", 2, "obl"),
        ]);
        assert_eq!(nested_triples(&d, &s, true), vec![t("VAN", "KEL", "150")]);
        assert_eq!(nested_triples(&d, &s, false), vec![t("VAN", "---MIL", "150")]);
    }

    #[test]
    fn demanding_that_someone_act_is_a_demand_on_them() {
        let d = dict(false);
        // "Vandor demanded that Tesmar give gold to Kelb." / "Vandor said Tesmar must give ...".
        let demand = |verb: &str, lemma: &str, must: bool| {
            let mut rows = vec![
                ("Vandor", "Vandor", "PROPN", 2, "nsubj"),
                (verb, lemma, "VERB", 0, "root"),
                ("that", "that", "SCONJ", 6, "mark"),
                ("Tesmar", "Tesmar", "PROPN", 6, "nsubj"),
            ];
            rows.push(if must { ("must", "must", "AUX", 6, "aux") } else { ("then", "then", "ADV", 6, "advmod") });
            rows.extend([
                ("give", "give", "VERB", 2, "ccomp"),
                ("gold", "gold", "NOUN", 6, "obj"),
                ("to", "to", "ADP", 9, "case"),
                ("Kelb", "Kelb", "PROPN", 6, "obl"),
            ]);
            sent(&rows)
        };
        assert_eq!(nested_triples(&d, &demand("demanded", "demand", false), true), vec![t("VAN", "TES", "1033")]);
        assert_eq!(nested_triples(&d, &demand("said", "say", true), true), vec![t("VAN", "TES", "1033")]);
        // Without "must" a statement just reports Tesmar's act.
        assert_eq!(nested_triples(&d, &demand("said", "say", false), true), vec![t("TES", "KEL", "073")]);
    }

    #[test]
    fn a_country_beats_a_bare_sector_as_target() {
        let d = dict(false);
        // "Vandor gave the guards to Tesmar."
        let s = sent(&[
            ("Vandor", "Vandor", "PROPN", 2, "nsubj"),
            ("gave", "give", "VERB", 0, "root"),
            ("the", "the", "DET", 4, "det"),
            ("guards", "guard", "NOUN", 2, "obj"),
            ("to", "to", "ADP", 6, "case"),
            ("Tesmar", "Tesmar", "PROPN", 2, "obl"),
        ]);
        assert_eq!(nested_triples(&d, &s, true), vec![t("VAN", "TES", "070")]);
        assert_eq!(nested_triples(&d, &s, false), vec![t("VAN", "---MIL", "070")]);
    }

    #[test]
    fn a_capital_alone_stands_for_its_government() {
        // "SUBJECT VERB OBJECT", the subject's words a compound name.
        let clause = |subject: &[&'static str], verb: (&'static str, &'static str), object: &'static str| {
            let v = subject.len() as u32 + 1;
            let mut rows: Vec<(&str, &str, &str, u32, &str)> = Vec::new();
            for (i, &w) in subject.iter().enumerate() {
                let last = i + 1 == subject.len();
                rows.push((w, w, "PROPN", if last { v } else { v - 1 }, if last { "nsubj" } else { "compound" }));
            }
            rows.push((verb.0, verb.1, "VERB", 0, "root"));
            rows.push((object, object, "PROPN", v, "obj"));
            sent(&rows)
        };
        let with_actors = |actors: &str| {
            Dictionaries::from_texts(&[("t.verbs.txt", VERBS), ("t.actors.txt", actors), ("t.agents.txt", AGENTS)])
                .unwrap()
        };
        // A capital is the government only where the dictionary codes it as its country:
        // here Moscow is coded as Afghanistan and Kabul as a made-up country.
        let d = with_actors("TESMAR [AFG]\n+MOSCOW\nVANDOR [VAN]\n+KABUL\n");
        assert_eq!(triples(&d, &clause(&["Moscow"], ("met", "meet"), "Kabul")), vec![t("AFG", "VAN", "040")]);
        let d = with_actors("RUSSIA [RUS]\n+MOSCOW\n+SAINT_PETERSBURG\nAFGHANISTAN [AFG]\n+KABUL\n+HERAT\n");
        // "Moscow met Kabul": both governments; "Herat met Moscow": a city and a government.
        let met = triples(&d, &clause(&["Moscow"], ("met", "meet"), "Kabul"));
        assert!(met.contains(&t("RUSGOV", "AFGGOV", "040")), "{met:?}");
        assert!(triples(&d, &clause(&["Herat"], ("met", "meet"), "Moscow")).contains(&t("AFG", "RUSGOV", "040")));
        let city = triples(&d, &clause(&["Saint", "Petersburg"], ("met", "meet"), "Herat"));
        assert!(city.contains(&t("RUS", "AFG", "040")), "{city:?}");
        // A capital naming something else (`the Moscow region`) is no government.
        let region = triples(&d, &clause(&["Moscow", "region"], ("met", "meet"), "Herat"));
        assert!(region.contains(&t("RUS", "AFG", "040")), "{region:?}");
        // What is attacked in a capital is the city.
        assert_eq!(triples(&d, &clause(&["Moscow"], ("attacked", "attack"), "Kabul")), vec![t("RUSGOV", "AFG", "190")]);
    }

    #[test]
    fn joint_actors_without_dyads_each_act_on_their_own() {
        let d = dict(false);
        // "Vandor and Tesmar postponed their talks after Kelb objected."
        let s = sent(&[
            ("Vandor", "Vandor", "PROPN", 4, "nsubj"),
            ("and", "and", "CCONJ", 3, "cc"),
            ("Tesmar", "Tesmar", "PROPN", 1, "conj"),
            ("postponed", "postpone", "VERB", 0, "root"),
            ("their", "their", "PRON", 6, "nmod:poss"),
            ("talks", "talk", "NOUN", 4, "obj"),
        ]);
        let opts = CoderOptions { require_dyad: false, lexicon: false, nested: true, reverse_pairs: false };
        let mut got: Vec<_> = Coder::new(&d, opts)
            .code(&s, None, &[])
            .into_iter()
            .map(|e| (e.source.code, e.target.map(|t| t.code).unwrap_or_default(), e.code))
            .collect();
        got.sort();
        assert_eq!(got, vec![t("TES", "", "121"), t("VAN", "", "121")]);
    }
}
