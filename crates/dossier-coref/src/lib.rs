//! Within-document coreference: a deterministic multi-sieve resolver (after Lee et al. 2013)
//! over the syntax layer ([`Doc::syntax`]) and the entities layer ([`Doc::entities`]).
//!
//! [`resolve`] detects mentions ([`mentions::detect`]) and links them in passes, most precise
//! first; every pass sees the clusters the earlier ones built:
//!
//! 1. **speakers**: `I`/`we`/`you` outside quotations corefer with the previous one; `I` in
//!    a quotation is the speaker of the speech verb governing it (`"I ...," Witkoff said`);
//! 2. **exact string** of the whole phrase (a trailing possessive `'s` ignored);
//! 3. **name variants**: mentions over names the entities layer grouped into one entity;
//! 4. **strict head match** with word inclusion: `the Russian president` after `Russian
//!    President Vladimir Putin`; appositives and titles count as heads of their phrase
//!    (`Yuri Ushakov, a senior aide` ... `the aide`); a description with a modifier after
//!    its head (`the rent of land`) is discourse-new;
//! 5. **proper head word**: a one-word name that is a word of an earlier name (`Phailin`);
//! 6. **pronouns**: the compatible candidates (number, gender, animacy, person) in the same
//!    or the three previous sentences (one for `it`), nearest sentence first, higher in the
//!    tree first (subjects before objects), never a co-argument of a non-reflexive pronoun;
//!    a learned ranker ([`rank`]) picks one of them.
//!
//! Cost is linear in the document: string and head matches go through hash maps with a
//! bounded number of candidates, pronouns look at a window of sentences.
//! [`apply`] merges the chains into [`Doc::entities`]. See `DESIGN.md`.

pub mod lexicon;
pub mod mentions;
pub mod rank;

use std::collections::{HashMap, HashSet};

use dossier_text::{Doc, EntityAnnot, MentionAnnot, TextRange};

pub use mentions::{Mention, MentionKind};
pub use rank::{Decision, PronounModel, PronounTrainer};

/// Sentences before the pronoun's own that the pronoun sieve searches.
pub const PRONOUN_WINDOW: usize = 3;
/// Sentences before its own that `it`/`its`/`itself` searches: neuter singular pronouns have
/// many inanimate candidates and often refer to events, so a far nominal is rarely right.
pub const IT_WINDOW: usize = 1;
/// Sentences back that a definite description finds a bare antecedent (`costs` ... `these
/// costs`): a bare noun is usually generic, but one just introduced is picked up at once.
pub const BARE_ANTECEDENT_WINDOW: usize = 2;
/// Sentences back that a definite description (`the envoy`) looks for its head.
pub const NOMINAL_WINDOW: usize = 8;
/// Candidates examined per head-match lookup (most recent first).
const HEAD_CANDIDATES: usize = 24;
/// Candidates examined per pronoun.
const PRONOUN_CANDIDATES: usize = 80;

/// The result of resolving a document: its mentions and the chains over them.
#[derive(Debug, Clone, Default)]
pub struct Coref {
    pub mentions: Vec<Mention>,
    /// Chains of two or more mentions (indices into `mentions`, in document order), ordered
    /// by their first mention.
    pub chains: Vec<Vec<usize>>,
}

impl Coref {
    /// The byte range of a mention.
    pub fn range(&self, doc: &Doc, m: usize) -> TextRange {
        let m = &self.mentions[m];
        doc.tokens[m.start].range.cover(doc.tokens[m.end - 1].range)
    }
}

/// Union-find over mentions with cluster-level features.
struct Clusters {
    parent: Vec<usize>,
    number: Vec<u8>,
    gender: Vec<u8>,
    animacy: Vec<u8>,
    /// Content words (interned) of every mention of the cluster, at the root.
    words: Vec<HashSet<u32>>,
    /// Mentions in the cluster and whether one is a name, at the root.
    size: Vec<u32>,
    named: Vec<bool>,
}

impl Clusters {
    fn new(mentions: &[Mention], words: Vec<HashSet<u32>>) -> Self {
        Self {
            parent: (0..mentions.len()).collect(),
            number: mentions.iter().map(|m| m.number).collect(),
            gender: mentions.iter().map(|m| m.gender).collect(),
            animacy: mentions.iter().map(|m| m.animacy).collect(),
            words,
            size: vec![1; mentions.len()],
            named: mentions.iter().map(|m| m.kind == MentionKind::Name).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        let mut root = x;
        while self.parent[root] != root {
            root = self.parent[root];
        }
        while self.parent[x] != root {
            let next = self.parent[x];
            self.parent[x] = root;
            x = next;
        }
        root
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        // The earlier mention stays the root; words merge small into large.
        let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[child] = root;
        self.size[root] += self.size[child];
        self.named[root] |= self.named[child];
        for f in [&mut self.number, &mut self.gender, &mut self.animacy] {
            let both = f[root] & f[child];
            f[root] = if both == 0 { f[root] | f[child] } else { both };
        }
        let mut moved = std::mem::take(&mut self.words[child]);
        if moved.len() > self.words[root].len() {
            std::mem::swap(&mut moved, &mut self.words[root]);
        }
        self.words[root].extend(moved);
    }

    /// Whether mention `m`'s features agree with the cluster of `c`.
    fn agrees(&mut self, m: &Mention, c: usize) -> bool {
        let r = self.find(c);
        self.number[r] & m.number != 0 && self.gender[r] & m.gender != 0 && self.animacy[r] & m.animacy != 0
    }
}

fn lower_text(doc: &Doc, t: usize) -> String {
    doc.tokens[t].text(doc.text()).to_lowercase()
}

/// Lowercase words of a mention, a trailing possessive dropped (the exact-match key).
fn match_key(doc: &Doc, m: &Mention) -> String {
    let mut end = m.end;
    if end > m.start + 1 && matches!(lower_text(doc, end - 1).as_str(), "'s" | "'" | "’s" | "’") {
        end -= 1;
    }
    let mut key = String::new();
    for t in m.start..end {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&lower_text(doc, t));
    }
    key
}

fn is_content(upos: &str) -> bool {
    matches!(upos, "NOUN" | "PROPN" | "ADJ" | "NUM")
}

/// Resolves the coreference chains of an analysed document. Uses the syntax layer when it
/// is filled (otherwise only pronouns and names are mentions) and the entities layer.
pub fn resolve(doc: &Doc) -> Coref {
    resolve_with(doc, PronounModel::builtin())
}

/// [`resolve`] with another pronoun model ([`PronounModel::default`]: the most salient
/// compatible candidate).
pub fn resolve_with(doc: &Doc, model: &PronounModel) -> Coref {
    let mentions = mentions::detect(doc);
    if mentions.is_empty() {
        return Coref::default();
    }
    let mut cl = link_names_and_descriptions(doc, &mentions);
    // The model was trained on parsed text; without a syntax layer its features say little,
    // and the most salient candidate is the better guess.
    let parsed = !doc.syntax.is_empty();
    pronoun_sieve(doc, &mentions, &mut cl, &mut |d| {
        if parsed { model.choose(d) } else { (!d.candidates.is_empty()).then_some(0) }
    });
    let n = mentions.len();
    let mut by_root: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let r = cl.find(i);
        by_root.entry(r).or_default().push(i);
    }
    let mut chains: Vec<Vec<usize>> = by_root.into_values().filter(|c| c.len() > 1).collect();
    chains.sort_by_key(|c| c[0]);
    Coref { mentions, chains }
}

/// One training pass of the pronoun model over a document: the pronoun sieve runs as in
/// [`resolve`], with the trainer's current weights choosing (so later decisions see the chains
/// its earlier choices made), and learns from every decision where `gold` (a mention's token
/// span to its gold chain) puts a candidate in the pronoun's chain.
pub fn train_pronouns(doc: &Doc, gold: &dyn Fn(usize, usize) -> Option<usize>, trainer: &mut PronounTrainer) {
    let mentions = mentions::detect(doc);
    if mentions.is_empty() {
        return;
    }
    let mut cl = link_names_and_descriptions(doc, &mentions);
    let chain = |m: &Mention| gold(m.start, m.end);
    pronoun_sieve(doc, &mentions, &mut cl, &mut |d| {
        if let Some(g) = chain(&mentions[d.pronoun]) {
            let correct: Vec<bool> = d.candidates.iter().map(|&j| chain(&mentions[j]) == Some(g)).collect();
            trainer.learn(d, &correct);
        }
        trainer.choose(d)
    });
}

/// Sieves 1-5: speakers, exact strings, name variants, head matches, name words.
fn link_names_and_descriptions(doc: &Doc, mentions: &[Mention]) -> Clusters {
    let n = mentions.len();
    let syn = &doc.syntax;
    // Interned content words per mention; head lemmas for head matching.
    let mut interner: HashMap<String, u32> = HashMap::new();
    let mut intern = |s: String| {
        let next = interner.len() as u32;
        *interner.entry(s).or_insert(next)
    };
    let mut words: Vec<HashSet<u32>> = Vec::with_capacity(n);
    let mut modifiers: Vec<Vec<u32>> = Vec::with_capacity(n);
    let mut head_word: Vec<u32> = Vec::with_capacity(n);
    // Head lemma -> mentions (document order); appositive and title heads included.
    let mut by_head: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        let head_lemma = match syn.lemma(m.head) {
            "" => lower_text(doc, m.head),
            l => l.to_lowercase(),
        };
        let h = intern(head_lemma);
        head_word.push(h);
        let mut ws = HashSet::new();
        let mut mods = Vec::new();
        if m.kind != MentionKind::Pronoun && !m.coordination {
            ws.insert(h);
            by_head.entry(h).or_default().push(i);
            for t in m.start..m.end {
                if t == m.head || !is_content(syn.upos(t)) {
                    continue;
                }
                let w = intern(lower_text(doc, t));
                ws.insert(w);
                // Only words before the head and its own name words restrict head matches.
                if t < m.head {
                    mods.push(w);
                }
                // Role apposition and titles: `Ushakov, a senior aide` / `President Putin`.
                let rel = syn.base_deprel(t);
                let lemma = syn.lemma(t).to_lowercase();
                let title = rel == "compound" && m.kind == MentionKind::Name && lexicon::is_person_noun(&lemma);
                if (rel == "appos" && syn.head(t) == Some(m.head) || title) && syn.upos(t) == "NOUN" {
                    let l = intern(lemma);
                    ws.insert(l);
                    by_head.entry(l).or_default().push(i);
                }
            }
        }
        words.push(ws);
        modifiers.push(mods);
    }
    let mut cl = Clusters::new(mentions, words);

    // Nominals headed by a light noun (`the way`, `the time`) take no antecedent by string or
    // head.
    let light: Vec<bool> = mentions
        .iter()
        .map(|m| m.kind == MentionKind::Nominal && lexicon::is_light_noun(&syn.lemma(m.head).to_lowercase()))
        .collect();

    speaker_sieve(doc, mentions, &mut cl);

    // 2. Exact string match.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        if m.kind == MentionKind::Pronoun || m.coordination || m.bare || light[i] {
            continue;
        }
        let key = match_key(doc, m);
        match seen.get(&key) {
            Some(&j) if !m.indefinite => cl.union(j, i),
            Some(_) => {}
            None => {
                seen.insert(key, i);
            }
        }
    }

    // 3. Name variants grouped by the entities layer.
    let mut first_of_entity: HashMap<usize, usize> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        if m.kind == MentionKind::Pronoun || m.coordination {
            continue;
        }
        if let Some(e) = m.entity {
            // Only when the mention is headed by the name (not `the aide to Putin`).
            match first_of_entity.get(&e) {
                Some(&j) => cl.union(j, i),
                None => {
                    first_of_entity.insert(e, i);
                }
            }
        }
    }

    // 4. Strict head match with word inclusion.
    for (i, m) in mentions.iter().enumerate() {
        if m.kind == MentionKind::Pronoun || m.coordination || m.indefinite || m.bare || light[i] {
            continue;
        }
        // A common noun phrase must be definite to take an antecedent by its head.
        let first = lower_text(doc, m.start);
        if m.kind == MentionKind::Nominal && !matches!(first.as_str(), "the" | "this" | "these" | "that" | "those") {
            continue;
        }
        // A description restricted by a following phrase or clause (`the rent of land`, `the
        // people who left`) usually introduces a new entity (discourse-new).
        if m.kind == MentionKind::Nominal && postmodified(doc, m) {
            continue;
        }
        // A demonstrative points back without repeating the modifiers (`this big old house`
        // ... `this house`; `a painting` ... `this famous painting`).
        let demonstrative = matches!(first.as_str(), "this" | "these" | "that" | "those");
        let Some(list) = by_head.get(&head_word[i]) else { continue };
        let k = list.partition_point(|&j| j < i);
        for &j in list[..k].iter().rev().take(HEAD_CANDIDATES) {
            let a = &mentions[j];
            // Bare nouns are usually generic (unless just introduced); a description refers
            // back only a few sentences.
            let bare_ok = m.kind == MentionKind::Nominal && m.sentence <= a.sentence + BARE_ANTECEDENT_WINDOW;
            if a.bare && !bare_ok || m.kind == MentionKind::Nominal && m.sentence > a.sentence + NOMINAL_WINDOW {
                continue;
            }
            // Not nested in each other (i-within-i).
            if a.start <= m.start && m.end <= a.end || m.start <= a.start && a.end <= m.end {
                continue;
            }
            if cl.find(i) == cl.find(j) {
                break;
            }
            if !cl.agrees(m, j) {
                continue;
            }
            let root = cl.find(j);
            if demonstrative || modifiers[i].iter().all(|w| cl.words[root].contains(w)) {
                cl.union(j, i);
                break;
            }
        }
    }

    // 5. A one-word name that is a word of an earlier name.
    let mut name_words: HashMap<String, usize> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        if m.kind != MentionKind::Name || m.coordination {
            continue;
        }
        if m.end - m.start == 1 {
            if let Some(&j) = name_words.get(&lower_text(doc, m.start))
                && cl.agrees(m, j)
            {
                cl.union(j, i);
            }
            continue;
        }
        for t in m.start..m.end {
            // Head-initial `flat` names (`Barack Obama`) give every word; a `compound` modifier
            // only in a person's name: `Mexico` is not `Mexico City`, `Socotra` not `Socotra
            // Hotel`.
            let rel = syn.base_deprel(t);
            let part_of_head = t == m.head
                || syn.head(t) == Some(m.head) && (rel == "flat" || rel == "compound" && m.animacy == lexicon::ANIMATE);
            if (syn.upos(t) == "PROPN" || syn.is_empty()) && part_of_head {
                name_words.insert(lower_text(doc, t), i);
            }
        }
    }

    cl
}

/// Whether a noun phrase's head has a prepositional or clausal modifier after it (`the rent
/// of land`, `the film we saw`).
fn postmodified(doc: &Doc, m: &Mention) -> bool {
    let syn = &doc.syntax;
    syn.children(m.head).any(|c| c > m.head && c < m.end && matches!(syn.base_deprel(c), "nmod" | "acl"))
}

/// Sieve 1: first and second person.
fn speaker_sieve(doc: &Doc, mentions: &[Mention], cl: &mut Clusters) {
    let syn = &doc.syntax;
    // The speaker of each sentence: the subject of a speech verb outside any quotation.
    let mut speaker: Vec<Option<usize>> = vec![None; doc.sentences.len()];
    for (i, m) in mentions.iter().enumerate() {
        if m.in_quote || syn.base_deprel(m.head) != "nsubj" {
            continue;
        }
        if let Some(v) = syn.head(m.head)
            && lexicon::is_speech_verb(syn.lemma(v))
            && speaker[m.sentence].is_none()
        {
            speaker[m.sentence] = Some(i);
        }
    }
    let mut last: [Option<usize>; 3] = [None; 3];
    for (i, m) in mentions.iter().enumerate() {
        if m.kind != MentionKind::Pronoun || m.person == 3 {
            continue;
        }
        let slot = match (m.person, m.number) {
            (1, lexicon::SG) => 0,
            (1, _) => 1,
            _ => 2,
        };
        if m.in_quote {
            if slot == 0 {
                let s = m.sentence;
                let who = speaker[s]
                    .or_else(|| speaker.get(s + 1).copied().flatten())
                    .or_else(|| s.checked_sub(1).and_then(|p| speaker[p]));
                if let Some(w) = who
                    && mentions[w].animacy & lexicon::ANIMATE != 0
                {
                    cl.union(w, i);
                }
            }
            continue;
        }
        if let Some(j) = last[slot] {
            cl.union(j, i);
        }
        last[slot] = Some(i);
    }
}

/// Compatible candidates a pronoun's decision weighs at most (most salient first).
const RANKED_CANDIDATES: usize = 10;

/// Sieve 6: third-person pronouns, in document order. Each pronoun's compatible candidates
/// (number, gender, animacy, person; not a co-argument unless reflexive; not a time or
/// quantity) in the same or the previous sentences (one for `it`), nearest sentence first,
/// higher in the tree first, are gathered against the chains built so far, with their
/// features; `decide` picks one (or none) and the pronoun joins its chain.
fn pronoun_sieve(
    doc: &Doc,
    mentions: &[Mention],
    cl: &mut Clusters,
    decide: &mut dyn FnMut(&Decision) -> Option<usize>,
) {
    let syn = &doc.syntax;
    // Mentions of each sentence by salience: higher in the tree first, then left to right.
    let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); doc.sentences.len()];
    for (i, m) in mentions.iter().enumerate() {
        if let Some(v) = by_sentence.get_mut(m.sentence) {
            v.push(i);
        }
    }
    for v in &mut by_sentence {
        v.sort_by_key(|&i| (mentions[i].depth, mentions[i].start));
    }
    // How often each head lemma heads a mention: the document's topics.
    let mut head_count: HashMap<String, u32> = HashMap::new();
    for m in mentions.iter().filter(|m| m.kind != MentionKind::Pronoun) {
        *head_count.entry(syn.lemma(m.head).to_lowercase()).or_default() += 1;
    }
    for (i, m) in mentions.iter().enumerate() {
        if m.kind != MentionKind::Pronoun || m.person != 3 {
            continue;
        }
        let form = lower_text(doc, m.head);
        let window = match form.as_str() {
            "it" | "its" | "itself" => IT_WINDOW,
            _ => PRONOUN_WINDOW,
        };
        let lowest = if m.reflexive { m.sentence } else { m.sentence.saturating_sub(window) };
        let governor = syn.head(m.head);
        let mut examined = 0;
        let mut candidates = Vec::new();
        'sentences: for s in (lowest..=m.sentence).rev() {
            for &j in &by_sentence[s] {
                let a = &mentions[j];
                if s == m.sentence {
                    // Antecedents precede the pronoun and do not contain it.
                    if a.start >= m.start || a.end > m.start {
                        continue;
                    }
                    // A non-reflexive pronoun is not bound by a co-argument.
                    let co_argument = governor.is_some() && syn.head(a.head) == governor;
                    if co_argument != m.reflexive && !syn.is_empty() {
                        continue;
                    }
                }
                examined += 1;
                if examined > PRONOUN_CANDIDATES || candidates.len() >= RANKED_CANDIDATES {
                    break 'sentences;
                }
                if a.person != 3 || a.in_quote != m.in_quote && a.kind == MentionKind::Pronoun {
                    continue;
                }
                // Times and quantities (`today`, `March`, `two years`, `1990`) are not what
                // a personal pronoun picks up.
                if a.kind != MentionKind::Pronoun
                    && (syn.upos(a.head) == "NUM" || lexicon::is_time_noun(&syn.lemma(a.head).to_lowercase()))
                {
                    continue;
                }
                if cl.agrees(m, j) {
                    candidates.push(j);
                }
            }
        }
        let p_rel = syn.base_deprel(m.head);
        let mut features = Vec::with_capacity(candidates.len());
        for (rank, &j) in candidates.iter().enumerate() {
            let a = &mentions[j];
            let mut f = rank::Features::new(&form);
            let kind = match a.kind {
                MentionKind::Name => "name",
                MentionKind::Nominal => "nominal",
                MentionKind::Pronoun => "pronoun",
            };
            let a_rel = syn.base_deprel(a.head);
            let dist = (m.sentence - a.sentence).to_string();
            f.add("candidate", "");
            f.add("kind", kind);
            f.add("rel", a_rel);
            f.add("same-rel", if a_rel == p_rel { "y" } else { "n" });
            f.add("dist", &dist);
            f.add("rank", &rank.min(7).to_string());
            f.add("dist-kind", &format!("{dist} {kind}"));
            f.add("dist-rel", &format!("{dist} {a_rel}"));
            f.add("mention-dist", &i.abs_diff(j).clamp(1, 16).ilog2().to_string());
            f.add("depth", &a.depth.min(5).to_string());
            f.add("number", &a.number.to_string());
            f.add("gender", &a.gender.to_string());
            f.add("animacy", &a.animacy.to_string());
            f.add("flags", &format!("{}{}{}", u8::from(a.indefinite), u8::from(a.bare), u8::from(a.coordination)));
            let root = cl.find(j);
            f.add("chain", &format!("{} {}", u8::from(cl.named[root]), cl.size[root].min(4)));
            f.add("quote", &format!("{}{}", u8::from(m.in_quote), u8::from(a.in_quote)));
            f.add("sentence-first", if a.start == doc.sentences[a.sentence].first_token as usize { "y" } else { "n" });
            f.add(
                "frequency",
                &head_count.get(&syn.lemma(a.head).to_lowercase()).copied().unwrap_or(0).min(8).to_string(),
            );
            match (a.kind, a.entity.and_then(|e| doc.entities.get(e))) {
                (MentionKind::Pronoun, _) => f.add("form", &lower_text(doc, a.head)),
                (MentionKind::Name, Some(e)) => f.add("type", e.kind),
                _ => f.add("type", entity_kind(doc, a)),
            }
            if a.kind != MentionKind::Pronoun {
                f.add("lemma", &syn.lemma(a.head).to_lowercase());
            }
            features.push(f.finish());
        }
        let d = Decision { pronoun: i, candidates, features };
        if let Some(k) = decide(&d) {
            cl.union(d.candidates[k], i);
        }
    }
}

/// Merges resolved chains into [`Doc::entities`]: pronoun and nominal mentions join the
/// entity their chain names (entities the chain links are merged into the first); chains with
/// no named entity become new entities when they have two or more non-pronoun mentions.
pub fn apply(doc: &mut Doc, coref: &Coref) {
    let text_of = |doc: &Doc, m: &Mention| doc.tokens[m.start].range.cover(doc.tokens[m.end - 1].range);
    let mut existing: HashSet<TextRange> =
        doc.entities.iter().flat_map(|e| e.mentions.iter().map(|m| m.range)).collect();
    let mut alias: Vec<usize> = (0..doc.entities.len()).collect();
    let mut new_entities: Vec<EntityAnnot> = Vec::new();
    for chain in &coref.chains {
        let mut ents: Vec<usize> = chain.iter().filter_map(|&i| coref.mentions[i].entity).collect();
        ents.sort_unstable();
        ents.dedup();
        let resolved: Vec<usize> = ents.iter().map(|&e| follow(&alias, e)).collect();
        let target = resolved.iter().copied().min();
        if let Some(t) = target {
            for &e in &resolved {
                if e != t {
                    // The merged entity is named by its fullest name (most words, then
                    // longest), as the recognizer names its groups: a headline's `Clinton`
                    // joined by `Hillary Clinton` becomes `Hillary Clinton`.
                    let fuller = |x: &EntityAnnot| (x.name.split_whitespace().count(), x.name.len());
                    if doc.entities[e].kind == doc.entities[t].kind
                        && fuller(&doc.entities[e]) > fuller(&doc.entities[t])
                    {
                        doc.entities[t].name = std::mem::take(&mut doc.entities[e].name);
                    }
                    let moved = std::mem::take(&mut doc.entities[e].mentions);
                    doc.entities[t].mentions.extend(moved);
                    let roles = std::mem::take(&mut doc.entities[e].roles);
                    doc.entities[t].roles.extend(roles);
                    let affiliations = std::mem::take(&mut doc.entities[e].affiliations);
                    doc.entities[t].affiliations.extend(affiliations);
                    alias[e] = t;
                }
            }
        }
        let added: Vec<MentionAnnot> = chain
            .iter()
            .map(|&i| &coref.mentions[i])
            .filter(|m| m.entity.is_none() && !m.coordination)
            .map(|m| MentionAnnot {
                range: text_of(doc, m),
                kind: match m.kind {
                    MentionKind::Pronoun => "pronoun",
                    MentionKind::Name => "name",
                    MentionKind::Nominal => "nominal",
                },
            })
            .filter(|a| existing.insert(a.range))
            .collect();
        match target {
            Some(t) => doc.entities[t].mentions.extend(added),
            None => {
                let nominals: Vec<&MentionAnnot> = added.iter().filter(|a| a.kind == "nominal").collect();
                if nominals.len() < 2 {
                    continue;
                }
                let first = chain.iter().map(|&i| &coref.mentions[i]).find(|m| m.kind != MentionKind::Pronoun);
                let kind = first.map_or("OTHER", |m| entity_kind(doc, m));
                let name = nominals[0].range.slice(doc.text()).to_string();
                new_entities.push(EntityAnnot { name, kind, mentions: added, ..EntityAnnot::default() });
            }
        }
    }
    // Affiliations point at entity indices: follow merges, then the removal of emptied
    // entities, before the final sort remaps them once more.
    let n = doc.entities.len();
    let mut new_index = vec![usize::MAX; n];
    let mut next = 0;
    for (i, e) in doc.entities.iter().enumerate() {
        if !e.mentions.is_empty() {
            new_index[i] = next;
            next += 1;
        }
    }
    for (i, e) in doc.entities.iter_mut().enumerate() {
        let own = new_index[i];
        let mut mapped: Vec<usize> = e
            .affiliations
            .iter()
            .map(|&a| if a < n { new_index[follow(&alias, a)] } else { usize::MAX })
            .filter(|&a| a != usize::MAX && a != own)
            .collect();
        mapped.sort_unstable();
        mapped.dedup();
        e.affiliations = mapped;
        e.roles.sort();
        e.roles.dedup();
    }
    doc.entities.retain(|e| !e.mentions.is_empty());
    doc.entities.extend(new_entities);
    for e in &mut doc.entities {
        e.mentions.sort_by_key(|m| m.range);
        e.mentions.dedup_by_key(|m| m.range);
    }
    doc.sort_entities();
}

fn follow(alias: &[usize], mut e: usize) -> usize {
    let mut steps = 0;
    while alias[e] != e && steps < alias.len() {
        e = alias[e];
        steps += 1;
    }
    e
}

/// The entity type a nominal head suggests, `OTHER` when unclear.
fn entity_kind(doc: &Doc, m: &Mention) -> &'static str {
    let lemma = doc.syntax.lemma(m.head).to_lowercase();
    if m.animacy == lexicon::ANIMATE || lexicon::is_person_noun(&lemma) {
        "PERSON"
    } else if lexicon::is_org_noun(&lemma) {
        "ORG"
    } else if lexicon::is_place_noun(&lemma) {
        "PLACE"
    } else {
        "OTHER"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_text::{DocMeta, Gap, Sentence, Token, TokenKind};

    /// A document of whitespace-separated words, one sentence per `.`, no syntax layer.
    fn doc(text: &str) -> Doc {
        let mut d = Doc::new(DocMeta::default(), text.to_string()).unwrap();
        let mut start = 0;
        for (i, w) in text.split(' ').enumerate() {
            let kind = if w.chars().all(|c| c.is_ascii_punctuation()) { TokenKind::Punct } else { TokenKind::Word };
            let gap = if i == 0 { Gap::Paragraph } else { Gap::Space };
            d.tokens.push(Token { range: TextRange::from_usize(start, start + w.len()), gap, kind, joined: false });
            start += w.len() + 1;
        }
        let mut first = 0;
        for (i, t) in d.tokens.clone().iter().enumerate() {
            if t.text(text) == "." || i + 1 == d.tokens.len() {
                let range = d.tokens[first].range.cover(t.range);
                d.sentences.push(Sentence { range, first_token: first as u32, end_token: i as u32 + 1 });
                first = i + 1;
            }
        }
        d
    }

    fn name(d: &mut Doc, word: &str, kind: &'static str) {
        let at = d.text().find(word).unwrap();
        let range = TextRange::from_usize(at, at + word.len());
        d.entities.push(EntityAnnot {
            name: word.to_string(),
            kind,
            mentions: vec![MentionAnnot { range, kind: "name" }],
            ..EntityAnnot::default()
        });
    }

    /// A syntax layer for `doc(text)`: one `(upos, xpos, lemma, head, deprel)` per token,
    /// heads as document token indices.
    type Row = (&'static str, &'static str, &'static str, Option<usize>, &'static str);

    fn parse(d: &mut Doc, rows: &[Row]) {
        assert_eq!(rows.len(), d.tokens.len());
        let mut b = dossier_text::SyntaxBuilder::with_capacity(rows.len());
        for &(upos, xpos, lemma, head, rel) in rows {
            b.push(upos, xpos, lemma, head, rel);
        }
        d.syntax = b.finish();
    }

    fn linked(c: &Coref, a: usize, b: usize) -> bool {
        let find = |t: usize| c.mentions.iter().position(|m| m.head == t);
        let (Some(x), Some(y)) = (find(a), find(b)) else { return false };
        c.chains.iter().any(|ch| ch.contains(&x) && ch.contains(&y))
    }

    const DOT: Row = ("PUNCT", ".", ".", None, "punct");

    /// `The dull tax rose . The tax <word> fell .` with `<word>` parsed as given.
    fn tax(word: &str, row: Row) -> Coref {
        let mut d = doc(&format!("The dull tax rose . The tax {word} fell ."));
        let mut rows = vec![
            ("DET", "DT", "the", Some(2), "det"),
            ("ADJ", "JJ", "dull", Some(2), "amod"),
            ("NOUN", "NN", "tax", Some(3), "nsubj"),
            ("VERB", "VBD", "rise", None, "root"),
            DOT,
            ("DET", "DT", "the", Some(6), "det"),
            ("NOUN", "NN", "tax", Some(8), "nsubj"),
            row,
            ("VERB", "VBD", "fall", None, "root"),
            DOT,
        ];
        rows[4].3 = Some(3);
        rows[9].3 = Some(8);
        parse(&mut d, &rows);
        resolve(&d)
    }

    #[test]
    fn postmodified_description_is_discourse_new() {
        // `the tax on boats` is restricted by its own modifier: a new tax, not `the dull tax`.
        let on_boats = {
            let mut d = doc("The dull tax rose . The tax on boats fell .");
            parse(
                &mut d,
                &[
                    ("DET", "DT", "the", Some(2), "det"),
                    ("ADJ", "JJ", "dull", Some(2), "amod"),
                    ("NOUN", "NN", "tax", Some(3), "nsubj"),
                    ("VERB", "VBD", "rise", None, "root"),
                    ("PUNCT", ".", ".", Some(3), "punct"),
                    ("DET", "DT", "the", Some(6), "det"),
                    ("NOUN", "NN", "tax", Some(9), "nsubj"),
                    ("ADP", "IN", "on", Some(8), "case"),
                    ("NOUN", "NNS", "boat", Some(6), "nmod"),
                    ("VERB", "VBD", "fall", None, "root"),
                    ("PUNCT", ".", ".", Some(9), "punct"),
                ],
            );
            resolve(&d)
        };
        assert!(!linked(&on_boats, 2, 6));
        // Without the modifier the description finds its antecedent by head.
        let bare = tax("again", ("ADV", "RB", "again", Some(8), "advmod"));
        assert!(linked(&bare, 2, 6));
    }

    /// `<Noun> rose . <filler> The <det> <noun> fell .` for bare-antecedent tests.
    fn prices(filler: usize, det: (&'static str, &'static str)) -> Coref {
        let mut text = String::from("Prices rose .");
        let mut rows: Vec<Row> =
            vec![("NOUN", "NNS", "price", Some(1), "nsubj"), ("VERB", "VBD", "rise", None, "root"), DOT];
        rows[2].3 = Some(1);
        for _ in 0..filler {
            let at = rows.len();
            text.push_str(" Kim sat .");
            rows.push(("PROPN", "NNP", "Kim", Some(at + 1), "nsubj"));
            rows.push(("VERB", "VBD", "sit", None, "root"));
            rows.push(("PUNCT", ".", ".", Some(at + 1), "punct"));
        }
        let at = rows.len();
        text.push_str(&format!(" {} prices fell .", det.0));
        rows.push(("DET", "DT", det.1, Some(at + 1), "det"));
        rows.push(("NOUN", "NNS", "price", Some(at + 2), "nsubj"));
        rows.push(("VERB", "VBD", "fall", None, "root"));
        rows.push(("PUNCT", ".", ".", Some(at + 2), "punct"));
        let mut d = doc(&text);
        parse(&mut d, &rows);
        resolve(&d)
    }

    #[test]
    fn bare_antecedent_only_when_just_introduced() {
        // `Prices rose . These prices fell .`: the bare noun was just introduced.
        let c = prices(0, ("These", "this"));
        assert!(linked(&c, 0, 4));
        let c = prices(1, ("The", "the"));
        assert!(linked(&c, 0, 7));
        // Three sentences later a bare noun is taken as generic.
        let c = prices(3, ("The", "the"));
        assert!(!linked(&c, 0, 13));
    }

    #[test]
    fn demonstrative_needs_no_repeated_modifiers() {
        // `A tax rose . This new tax fell .`: the demonstrative points back although `new` is
        // not said of the first mention; `The new tax` is not linked that way.
        let run = |det: &'static str, lemma: &'static str| {
            let mut d = doc(&format!("A tax rose . {det} new tax fell ."));
            parse(
                &mut d,
                &[
                    ("DET", "DT", "a", Some(1), "det"),
                    ("NOUN", "NN", "tax", Some(2), "nsubj"),
                    ("VERB", "VBD", "rise", None, "root"),
                    ("PUNCT", ".", ".", Some(2), "punct"),
                    ("DET", "DT", lemma, Some(6), "det"),
                    ("ADJ", "JJ", "new", Some(6), "amod"),
                    ("NOUN", "NN", "tax", Some(7), "nsubj"),
                    ("VERB", "VBD", "fall", None, "root"),
                    ("PUNCT", ".", ".", Some(7), "punct"),
                ],
            );
            resolve(&d)
        };
        assert!(linked(&run("This", "this"), 1, 6));
        assert!(!linked(&run("The", "the"), 1, 6));
    }

    #[test]
    fn compound_word_of_a_place_name_is_not_the_place() {
        // `Lake Town grew . Lake voted .`: `Lake` modifies `Town` (compound), a different
        // place; for a person the compound first name does name them.
        let run = |kind: &'static str| {
            let mut d = doc("Lake Town grew . Lake voted .");
            parse(
                &mut d,
                &[
                    ("PROPN", "NNP", "Lake", Some(1), "compound"),
                    ("PROPN", "NNP", "Town", Some(2), "nsubj"),
                    ("VERB", "VBD", "grow", None, "root"),
                    ("PUNCT", ".", ".", Some(2), "punct"),
                    ("PROPN", "NNP", "Lake", Some(5), "nsubj"),
                    ("VERB", "VBD", "vote", None, "root"),
                    ("PUNCT", ".", ".", Some(5), "punct"),
                ],
            );
            let text = d.text().to_string();
            for (start, end) in [(0, 9), (17, 21)] {
                d.entities.push(EntityAnnot {
                    name: text[start..end].to_string(),
                    kind,
                    mentions: vec![MentionAnnot { range: TextRange::from_usize(start, end), kind: "name" }],
                    ..EntityAnnot::default()
                });
            }
            resolve(&d)
        };
        assert!(!linked(&run("PLACE"), 1, 4));
        assert!(linked(&run("PERSON"), 1, 4));
    }

    /// `The box was red . Nobody sat . <pronoun> broke .` (`boxes`/`were` for a plural pronoun).
    fn two_back(noun: &'static str, pronoun: &'static str, plural: bool) -> Coref {
        let (n, be) = if plural { ("boxes", "were") } else { ("box", "was") };
        let mut d = doc(&format!("The {n} {be} red . Nobody sat . {pronoun} broke ."));
        let xpos = if plural { "NNS" } else { "NN" };
        parse(
            &mut d,
            &[
                ("DET", "DT", "the", Some(1), "det"),
                ("NOUN", xpos, noun, Some(3), "nsubj"),
                ("AUX", "VBD", "be", Some(3), "cop"),
                ("ADJ", "JJ", "red", None, "root"),
                ("PUNCT", ".", ".", Some(3), "punct"),
                ("PRON", "NN", "nobody", Some(6), "nsubj"),
                ("VERB", "VBD", "sit", None, "root"),
                ("PUNCT", ".", ".", Some(6), "punct"),
                ("PRON", "PRP", pronoun, Some(9), "nsubj"),
                ("VERB", "VBD", "break", None, "root"),
                ("PUNCT", ".", ".", Some(9), "punct"),
            ],
        );
        resolve(&d)
    }

    #[test]
    fn it_looks_back_one_sentence_only() {
        assert!(!linked(&two_back("box", "It", false), 1, 8));
        // Other pronouns keep the wider window.
        assert!(linked(&two_back("box", "They", true), 1, 8));
    }

    #[test]
    fn times_are_not_pronoun_antecedents() {
        // `<subject> came . It was cold .` with the subject's tags and lemma.
        let run = |text: &str, upos: &'static str, xpos: &'static str, lemma: &'static str| {
            let mut d = doc(text);
            parse(
                &mut d,
                &[
                    (upos, xpos, lemma, Some(1), "nsubj"),
                    ("VERB", "VBD", "come", None, "root"),
                    ("PUNCT", ".", ".", Some(1), "punct"),
                    ("PRON", "PRP", "it", Some(5), "nsubj"),
                    ("AUX", "VBD", "be", Some(5), "cop"),
                    ("ADJ", "JJ", "cold", None, "root"),
                    ("PUNCT", ".", ".", Some(5), "punct"),
                ],
            );
            resolve(&d)
        };
        assert!(!linked(&run("Monday came . It was cold .", "PROPN", "NNP", "Monday"), 0, 3));
        // The same sentence with an ordinary noun is resolved.
        assert!(linked(&run("Storms came . It was cold .", "NOUN", "NN", "storm"), 0, 3));
    }

    #[test]
    fn light_nouns_are_not_matched_by_string() {
        // `The time flew . The time passed .`: `time` in idioms rarely refers; `The tax` does.
        let run = |lemma: &'static str| {
            let mut d = doc(&format!("The {lemma} flew . The {lemma} passed ."));
            parse(
                &mut d,
                &[
                    ("DET", "DT", "the", Some(1), "det"),
                    ("NOUN", "NN", lemma, Some(2), "nsubj"),
                    ("VERB", "VBD", "fly", None, "root"),
                    ("PUNCT", ".", ".", Some(2), "punct"),
                    ("DET", "DT", "the", Some(5), "det"),
                    ("NOUN", "NN", lemma, Some(6), "nsubj"),
                    ("VERB", "VBD", "pass", None, "root"),
                    ("PUNCT", ".", ".", Some(6), "punct"),
                ],
            );
            resolve(&d)
        };
        assert!(!linked(&run("time"), 1, 5));
        assert!(linked(&run("tax"), 1, 5));
    }

    #[test]
    fn pronoun_only_document() {
        let mut d = doc("He said she would . They did it . We told you .");
        let c = resolve(&d);
        assert_eq!(c.mentions.len(), 6);
        apply(&mut d, &c);
        // Chains of pronouns alone name nobody: no entity is invented.
        assert!(d.entities.is_empty());
    }

    #[test]
    fn gender_agreement_without_syntax() {
        let mut d = doc("Olga met Boris . She left .");
        name(&mut d, "Olga", "PERSON");
        name(&mut d, "Boris", "PERSON");
        let c = resolve(&d);
        apply(&mut d, &c);
        let olga = d.entities.iter().find(|e| e.name == "Olga").unwrap();
        assert_eq!(olga.mentions.len(), 2);
        assert_eq!(olga.mentions[1].kind, "pronoun");
        assert_eq!(d.entities.iter().find(|e| e.name == "Boris").unwrap().mentions.len(), 1);
    }

    #[test]
    fn five_thousand_entities() {
        let mut text = String::new();
        for i in 0..5000 {
            text.push_str(&format!("N{i} spoke . He left . "));
        }
        let mut d = doc(text.trim_end());
        let words: Vec<(usize, usize)> =
            d.tokens.iter().map(|t| t.range.to_usize()).map(|r| (r.start, r.end)).collect();
        for (s, e) in words {
            if d.text()[s..e].starts_with('N') {
                let range = TextRange::from_usize(s, e);
                let n = d.text()[s..e].to_string();
                d.entities.push(EntityAnnot {
                    name: n,
                    kind: "PERSON",
                    mentions: vec![MentionAnnot { range, kind: "name" }],
                    ..EntityAnnot::default()
                });
            }
        }
        let c = resolve(&d);
        assert_eq!(c.chains.len(), 5000);
        apply(&mut d, &c);
        assert_eq!(d.entities.len(), 5000);
        assert!(d.entities.iter().all(|e| e.mentions.len() == 2));
    }

    #[test]
    fn all_caps_and_lowercase_pronouns() {
        for t in ["HE SAID IT . SHE LEFT .", "he said it . she left ."] {
            let c = resolve(&doc(t));
            assert_eq!(c.mentions.len(), 3);
        }
    }
}
