//! The `events` component: codes every sentence of a document with the built-in dictionaries
//! and the news trigger lexicon, reading the `syntax` layer, and links participants to the
//! entities layer and times to the timexes layer.

use dossier_events::{CodedEvent, Coder, CoderOptions, Dictionaries, ParsedSentence, codes};
use dossier_pipeline::{Component, ComponentError};
use dossier_text::{Doc, EventAnnot, TextRange};

/// Who did what to whom, when.
pub struct Events {
    dict: &'static Dictionaries,
}

impl Events {
    pub fn builtin() -> Result<Self, String> {
        Ok(Self { dict: Dictionaries::builtin().map_err(|e| e.to_string())? })
    }
}

/// Token index range `[a, b)` of the sentence tokens a byte range covers.
fn token_span(doc: &Doc, first: usize, end: usize, r: TextRange) -> Option<(usize, usize)> {
    let toks = &doc.tokens[first..end];
    let a = toks.partition_point(|t| t.range.end() <= r.start());
    let b = toks.partition_point(|t| t.range.start() < r.end());
    (a < b).then_some((a, b))
}

impl Component for Events {
    fn name(&self) -> &'static str {
        "events"
    }

    fn process(&self, doc: &mut Doc) -> Result<(), ComponentError> {
        if doc.syntax.len() != doc.tokens.len() {
            return Ok(());
        }
        let coder = Coder::new(
            self.dict,
            CoderOptions { require_dyad: false, lexicon: true, nested: false, reverse_pairs: true },
        );
        let date = doc.meta.published.as_deref().and_then(dossier_events::date_key);
        // Entity mentions by sentence, in token ranges (one pass over the mentions).
        let mut mentions: Vec<(usize, TextRange)> = Vec::new();
        for (ei, e) in doc.entities.iter().enumerate() {
            for m in &e.mentions {
                if m.kind != "label" {
                    mentions.push((ei, m.range));
                }
            }
        }
        mentions.sort_by_key(|&(_, r)| r);
        let mut surnames: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (ei, e) in doc.entities.iter().enumerate() {
            if e.kind == "PERSON"
                && let Some(last) = e.name.split_whitespace().last()
                && last.len() > 2
            {
                surnames.entry(last).or_insert(ei);
            }
        }
        let mut events = Vec::new();
        let mut mi = 0;
        let mut ti = 0;
        let mut sent = ParsedSentence::default();
        for (si, s) in doc.sentences.iter().enumerate() {
            let (first, end) = (s.first_token as usize, s.end_token as usize);
            sent.words.clear();
            sent.lemmas.clear();
            sent.upos.clear();
            sent.heads.clear();
            sent.deprels.clear();
            let syn = &doc.syntax;
            for t in first..end {
                let head = match syn.head(t) {
                    Some(h) if h >= first && h < end => (h - first + 1) as u32,
                    _ => 0,
                };
                sent.push(doc.tokens[t].text(doc.text()), syn.lemma(t), syn.upos(t), head, syn.deprel(t));
            }
            while mi < mentions.len() && mentions[mi].1.end() <= s.range.start() {
                mi += 1;
            }
            let mut local: Vec<(usize, (usize, usize))> = Vec::new();
            let mut k = mi;
            while k < mentions.len() && mentions[k].1.start() < s.range.end() {
                if let Some(sp) = token_span(doc, first, end, mentions[k].1) {
                    local.push((mentions[k].0, sp));
                }
                k += 1;
            }
            // Later bare surnames the recognizer missed ("Ostrik met ...") link by last name.
            for t in first..end {
                let w = doc.tokens[t].text(doc.text());
                if let Some(&ei) = surnames.get(w)
                    && !local.iter().any(|&(_, (a, b))| a <= t - first && t - first < b)
                {
                    local.push((ei, (t - first, t - first + 1)));
                }
            }
            let extra: Vec<(usize, usize)> = local.iter().map(|&(_, sp)| sp).collect();
            while ti < doc.timexes.len() && doc.timexes[ti].range.end() <= s.range.start() {
                ti += 1;
            }
            let mut times = Vec::new();
            let mut k = ti;
            while k < doc.timexes.len() && doc.timexes[k].range.start() < s.range.end() {
                if matches!(doc.timexes[k].kind, "DATE" | "TIME") {
                    times.push(k);
                }
                k += 1;
            }
            let coded = coder.code(&sent, date, &extra);
            for group in group_by_trigger(&coded) {
                let e0 = group[0];
                let trig_a = doc.tokens[first + e0.trigger.0].range.start();
                let trig_b = doc.tokens[first + e0.trigger.1 - 1].range.end();
                let sent = &sent;
                let entities_of = |a: &dossier_events::Actor| -> Vec<usize> {
                    let hit = |t: usize| local.iter().filter(move |(_, (x, y))| *x <= t && t < *y).map(|(e, _)| *e);
                    // The participant itself: the entity at the head, or the name a title
                    // head introduces ("Kremlin aide Pavel Orlov", where the parser may hang
                    // the name on "aide") or sets in apposition ("the foreign minister of
                    // Norland, Anna Verholt").
                    let mut named: Vec<usize> = hit(a.head).collect();
                    if named.is_empty() && sent.upos.get(a.head).is_some_and(|u| u == "NOUN") {
                        for &(e, (x, y)) in &local {
                            if x == a.head + 1 && (x..y).any(|t| sent.head(t) == Some(a.head)) {
                                named.push(e);
                            }
                        }
                    }
                    if named.is_empty() {
                        for c in 0..sent.len() {
                            if sent.head(c) == Some(a.head) && sent.rel(c) == "appos" {
                                named.extend(hit(c));
                            }
                        }
                    }
                    if !named.is_empty() {
                        return named;
                    }
                    // Otherwise what named it: an affiliation ("a Kremlin aide") stands for
                    // the participant.
                    local.iter().filter(|(_, (x, y))| *x < a.span.1 && a.span.0 < *y).map(|(e, _)| *e).collect()
                };
                let mut ev = EventAnnot {
                    kind: e0.kind.unwrap_or_else(|| codes::readable_type(&e0.code)),
                    plover: codes::plover_type(&e0.code),
                    cameo: e0.code.clone(),
                    source: Vec::new(),
                    target: Vec::new(),
                    source_codes: Vec::new(),
                    target_codes: Vec::new(),
                    trigger: TextRange::new(trig_a, trig_b),
                    sentence: si as u32,
                    when: when_of(doc, sent, (first, end), &times, e0.trigger, trig_a),
                    place: None,
                    negated: e0.negated,
                    hypothetical: e0.hypothetical,
                };
                let mut seen_pairs: Vec<((usize, usize), (usize, usize))> = Vec::new();
                for e in &group {
                    let t_span = e.target.as_ref().map(|t| t.span).unwrap_or((usize::MAX, usize::MAX));
                    if seen_pairs.contains(&(t_span, e.source.span)) {
                        continue; // the reverse of a pair already recorded
                    }
                    seen_pairs.push((e.source.span, t_span));
                    push_unique(&mut ev.source, entities_of(&e.source));
                    if !e.source.code.is_empty() && !ev.source_codes.contains(&e.source.code) {
                        ev.source_codes.push(e.source.code.clone());
                    }
                    if let Some(t) = &e.target {
                        push_unique(&mut ev.target, entities_of(t));
                        if !t.code.is_empty() && !ev.target_codes.contains(&t.code) {
                            ev.target_codes.push(t.code.clone());
                        }
                    }
                }
                ev.target.retain(|t| !ev.source.contains(t));
                if ev.source.is_empty() && ev.source_codes.is_empty() {
                    continue;
                }
                ev.place = place_of(sent, e0.trigger, &local, doc, first)
                    .filter(|(e, _)| !ev.source.contains(e) && !ev.target.contains(e));
                events.push(ev);
            }
        }
        doc.events = events;
        code_entities(doc, self.dict, date);
        Ok(())
    }
}

/// The time expression (index into `doc.timexes`) that dates an event: among the nearest few
/// of its sentence (`times`), one off the dateline before one outside the trigger's clause,
/// then the nearest to the trigger (byte offset `trig_at`). At most [`WHEN_CANDIDATES`] are
/// weighed, so a sentence with many dates and events costs no more than linear time.
fn when_of(
    doc: &Doc,
    sent: &ParsedSentence,
    (first, end): (usize, usize),
    times: &[usize],
    trigger: (usize, usize),
    trig_at: u32,
) -> Option<usize> {
    let distance = |t: usize| doc.timexes[t].range.start().abs_diff(trig_at);
    let mut near: Vec<usize> = times.to_vec();
    if near.len() > WHEN_CANDIDATES {
        near.select_nth_unstable_by_key(WHEN_CANDIDATES - 1, |&t| (distance(t), t));
        near.truncate(WHEN_CANDIDATES);
    }
    near.into_iter().min_by_key(|&t| {
        let span = token_span(doc, first, end, doc.timexes[t].range);
        let dateline = span.is_some_and(|(_, b)| in_dateline(sent, b, trigger.0));
        let own = span.is_some_and(|sp| dates_clause_of(sent, sp, trigger));
        (dateline, !own, distance(t), t)
    })
}

/// How many of the time expressions nearest to a trigger [`when_of`] weighs.
const WHEN_CANDIDATES: usize = 8;

/// Whether the time expression at sentence tokens `span` dates the clause of the trigger
/// tokens `trigger`: the expression hangs on the trigger (`spoke ... on Tuesday`) or, for a
/// noun trigger, on the verb it is the object or subject of (`held talks on Friday`), without
/// passing through another clause (`said on Friday that they met`).
fn dates_clause_of(sent: &ParsedSentence, span: (usize, usize), trigger: (usize, usize)) -> bool {
    let (a, b) = span;
    let Some(mut k) = (a..b).find(|&k| sent.head(k).is_none_or(|h| h < a || h >= b)) else { return false };
    let on_trigger = |t: usize| trigger.0 <= t && t < trigger.1;
    let light = trigger.1.checked_sub(1).and_then(|t| {
        let nominal = sent.upos.get(t).is_some_and(|u| u == "NOUN");
        (nominal && matches!(sent.rel(t), "obj" | "nsubj")).then(|| sent.head(t)).flatten()
    });
    // A clause deeper than this is no clause of the trigger's.
    for _ in 0..sent.len().min(64) {
        if matches!(sent.rel(k), "ccomp" | "advcl" | "acl" | "parataxis" | "csubj" | "xcomp" | "conj") {
            return false;
        }
        let Some(h) = sent.head(k) else { return false };
        if on_trigger(h) || light == Some(h) {
            return true;
        }
        k = h;
    }
    false
}

/// Whether the time expression ending before sentence token `end` dates a dateline
/// (`MOSCOW, Oct. 16 — Hartley spoke ...`, `BEIJING, March 5 (Xinhua) -- ...`): a dash
/// follows it, after at most a parenthesised agency, before the trigger at `trigger`, and no
/// verb comes before the dash. The dateline dates the dispatch, not what it reports.
fn in_dateline(sent: &ParsedSentence, end: usize, trigger: usize) -> bool {
    let word = |k: usize| sent.words.get(k).map_or("", String::as_str);
    let mut k = end;
    if word(k) == "(" {
        match (k + 1..(k + 6).min(trigger)).find(|&j| word(j) == ")") {
            Some(close) => k = close + 1,
            None => return false,
        }
    }
    // A dateline opens its sentence: a place, a date, an agency.
    k < trigger
        && k < 24
        && matches!(word(k), "—" | "–" | "--" | "-")
        && !(0..k).any(|j| matches!(sent.upos[j].as_str(), "VERB" | "AUX"))
}

/// Where the event of the trigger tokens `[a, b)` took place: a place named in a locative
/// phrase (`in`, `at`) on the trigger (`met ... in Geneva`, `talks at Camp David`) or, for a
/// noun trigger that is the object of a light verb, on that verb (`held talks in Geneva`);
/// `in the Saudi capital, Riyadh` names it by apposition. The nearest such place to the
/// trigger, as an entity index and the mention that names it.
fn place_of(
    sent: &ParsedSentence,
    (a, b): (usize, usize),
    local: &[(usize, (usize, usize))],
    doc: &Doc,
    first: usize,
) -> Option<(usize, TextRange)> {
    // Children lists, so the search stays linear in the sentence's length.
    let n = sent.len();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for k in 0..n {
        if let Some(h) = sent.head(k).filter(|&h| h < n) {
            children[h].push(k);
        }
    }
    let mut anchors: Vec<usize> = (a..b).collect();
    // `met Sharapov in Geneva`: the parser often hangs the place on the object.
    if b == a + 1 && sent.upos[a] == "VERB" {
        anchors.extend(children[a].iter().copied().filter(|&o| sent.rel(o) == "obj"));
    }
    if b == a + 1
        && sent.upos[a] == "NOUN"
        && sent.rel(a) == "obj"
        && let Some(h) = sent.head(a)
    {
        anchors.push(h);
    }
    // A place named by a name (`in Geneva`), not by a description (`in the country`).
    let named = |x: usize| sent.words[x].chars().next().is_some_and(char::is_uppercase);
    let place_at = |t: usize| {
        local
            .iter()
            .find(|&&(e, (x, y))| x <= t && t < y && doc.entities[e].kind == "PLACE" && (x..y).any(named))
            .map(|&(e, (x, y))| (e, x, y))
    };
    let case_is = |x: usize, preps: &[&str]| {
        children[x].iter().any(|&k| sent.rel(k) == "case" && preps.contains(&sent.lemmas[k].to_lowercase().as_str()))
    };
    let mut best: Option<(usize, (usize, usize, usize))> = None;
    for c in anchors.iter().flat_map(|&h| children[h].iter().copied()) {
        if !matches!(sent.rel(c), "obl" | "nmod") || !case_is(c, &["in", "at"]) {
            continue;
        }
        // The phrase names the place (`in Geneva`), or says where its thing was: `in the Saudi
        // capital, Riyadh`, `at a Michigan rally`, `at a news conference in Warsaw`.
        let named = place_at(c).or_else(|| {
            children[c]
                .iter()
                .copied()
                .filter(|&k| match sent.rel(k) {
                    "appos" => true,
                    // A venue named by its town (`at a Michigan rally`), not a figure of
                    // speech (`in this year's U.S. race`).
                    "compound" => case_is(c, &["at"]),
                    "nmod" => case_is(k, &["in"]),
                    _ => false,
                })
                .find_map(place_at)
        });
        if let Some(p) = named {
            let dist = c.abs_diff(a);
            if best.is_none_or(|(d, _)| dist < d) {
                best = Some((dist, p));
            }
        }
    }
    best.map(|(_, (e, x, y))| {
        (e, TextRange::new(doc.tokens[first + x].range.start(), doc.tokens[first + y - 1].range.end()))
    })
}

/// Gives each entity the CAMEO code of the first of its names an actor dictionary spells
/// whole (`Moscow` → `RUS`), in force on the publication date.
fn code_entities(doc: &mut Doc, dict: &Dictionaries, date: Option<dossier_events::DateKey>) {
    let text = doc.text();
    let mut words: Vec<String> = Vec::new();
    let mut codes: Vec<Option<String>> = Vec::with_capacity(doc.entities.len());
    for e in &doc.entities {
        let mut code = None;
        for m in e.mentions.iter().filter(|m| m.kind == "name") {
            let a = doc.tokens.partition_point(|t| t.range.end() <= m.range.start());
            let b = doc.tokens.partition_point(|t| t.range.start() < m.range.end());
            words.clear();
            words.extend(doc.tokens[a..b].iter().map(|t| t.text(text).to_uppercase()));
            if let Some(c) = dict.actors.code_of_name(&words, date) {
                code = Some(c.to_string());
                break;
            }
        }
        codes.push(code);
    }
    for (e, c) in doc.entities.iter_mut().zip(codes) {
        e.cameo = c;
    }
}

fn push_unique(v: &mut Vec<usize>, add: Vec<usize>) {
    for a in add {
        if !v.contains(&a) {
            v.push(a);
        }
    }
}

/// Events of one trigger and code, in order of first appearance.
fn group_by_trigger(events: &[CodedEvent]) -> Vec<Vec<&CodedEvent>> {
    let mut groups: Vec<Vec<&CodedEvent>> = Vec::new();
    for e in events {
        match groups.iter_mut().find(|g| g[0].trigger == e.trigger) {
            Some(g) => g.push(e),
            None => groups.push(vec![e]),
        }
    }
    groups
}
