//! Lemmatizer: exception tables learned from the treebank, then suffix-rewrite rules keyed by
//! XPOS and the longest known suffix (up to 5 characters).

use std::collections::HashMap;

use crate::error::ModelError;
use crate::hash::{IdBuild, IdMap, hash_str, mix};
use crate::io::{Reader, Writer};

const MAX_SUFFIX: usize = 5;

/// A suffix rewrite: drop `strip` characters, append `append`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Rule {
    strip: u16,
    append: Box<str>,
}

#[derive(Default)]
pub(crate) struct Lemmatizer {
    /// (exact form, xpos) → string.
    exact: IdMap<u32>,
    /// (lowercase form, xpos) → string, for case variants of seen words.
    lower: IdMap<u32>,
    /// (xpos, suffix length, suffix) → rule.
    rules: IdMap<u32>,
    rule_list: Vec<Rule>,
    strings: Vec<Box<str>>,
    /// XPOS hashes whose lemmas keep the form's case (proper nouns).
    keep_case: IdMap<()>,
}

fn exact_key(form: &str, xh: u64) -> u64 {
    mix(401, hash_str(form), xh)
}

fn lower_key(lower: &str, xh: u64) -> u64 {
    mix(402, hash_str(lower), xh)
}

fn rule_key(xh: u64, k: usize, suffix: &str) -> u64 {
    mix(410 + k as u64, xh, hash_str(suffix))
}

/// The last `k` characters of `s` (all of it when shorter).
fn suffix(s: &str, k: usize) -> &str {
    if k == 0 {
        return "";
    }
    match s.char_indices().rev().nth(k - 1) {
        Some((i, _)) => &s[i..],
        None => s,
    }
}

fn rule_between(base: &str, lemma: &str) -> Rule {
    let common = base.chars().zip(lemma.chars()).take_while(|(a, b)| a == b).count();
    let strip = base.chars().count() - common;
    let append: String = lemma.chars().skip(common).collect();
    Rule { strip: strip.min(usize::from(u16::MAX)) as u16, append: append.into() }
}

fn apply(base: &str, rule: &Rule) -> Option<String> {
    let n = base.chars().count();
    let strip = usize::from(rule.strip);
    if strip > n {
        return None;
    }
    let cut = base.char_indices().nth(n - strip).map_or(base.len(), |(i, _)| i);
    let mut out = String::with_capacity(cut + rule.append.len());
    out.push_str(&base[..cut]);
    out.push_str(&rule.append);
    if out.is_empty() { None } else { Some(out) }
}

/// A rule learned from a word whose lemma only restores its case (`japanese` -> `Japanese`)
/// is written as the whole word re-spelt; read literally it would turn every word sharing
/// the ending into that word (`sudanese` -> `Japanese`, `burundian` -> `burIndian`). Such a
/// rule (keyed by an ending of at least three letters, it strips more than that ending and
/// appends as many letters, the ending among them) capitalises the word it is applied to
/// instead when the text does (`Sudanese`; `draconian` stays as written), or lower-cases
/// its first letter (`They` -> `they`, where the part of speech keeps case). Shorter keys are too weak to tell such a rule (`i` -> `I`) from others.
fn recase(base: &str, lower: &str, capital: bool, k: usize, rule: &Rule) -> Option<String> {
    let strip = usize::from(rule.strip);
    let n = lower.chars().count();
    if k < 3 || strip <= k || k >= n || rule.append.chars().count() != strip {
        return None;
    }
    let appended = rule.append.to_lowercase();
    // The rule's own word (`ASAP` -> `ASAP`) is spelt as the rule says.
    if appended == lower || !appended.ends_with(suffix(lower, k)) {
        return None;
    }
    let mut chars = base.chars();
    let first = chars.next()?;
    Some(if !rule.append.starts_with(char::is_uppercase) {
        first.to_lowercase().chain(chars).collect()
    } else if capital {
        first.to_uppercase().chain(chars).collect()
    } else {
        base.to_owned()
    })
}

impl Lemmatizer {
    fn keeps_case(&self, xh: u64) -> bool {
        self.keep_case.contains_key(&xh)
    }

    /// `capital`: the form in the text starts with a capital letter.
    fn by_rules(&self, base: &str, lower: &str, capital: bool, xh: u64) -> Option<String> {
        let n = lower.chars().count();
        for k in (0..=MAX_SUFFIX.min(n)).rev() {
            if let Some(&ri) = self.rules.get(&rule_key(xh, k, suffix(lower, k)))
                && let Some(rule) = self.rule_list.get(ri as usize)
                && let Some(out) = recase(base, lower, capital, k, rule).or_else(|| apply(base, rule))
            {
                return Some(out);
            }
        }
        None
    }

    fn string(&self, i: u32) -> Option<&str> {
        self.strings.get(i as usize).map(|s| &**s)
    }

    /// The lemma of `form` tagged with the XPOS whose hash is `xh`.
    pub fn lemmatize(&self, form: &str, xh: u64) -> String {
        if let Some(s) = self.exact.get(&exact_key(form, xh)).and_then(|&i| self.string(i)) {
            return s.to_owned();
        }
        let lower = form.to_lowercase();
        let keep = self.keeps_case(xh);
        if !keep && let Some(s) = self.lower.get(&lower_key(&lower, xh)).and_then(|&i| self.string(i)) {
            return s.to_owned();
        }
        let base = if keep { form } else { lower.as_str() };
        self.by_rules(base, &lower, form.starts_with(char::is_uppercase), xh).unwrap_or_else(|| base.to_owned())
    }

    /// Learns tables from `(form, xpos, lemma)` token triples.
    pub fn learn<'a>(tokens: impl Iterator<Item = (&'a str, &'a str, &'a str)>) -> Self {
        // (form, xpos) → lemma → count
        let mut types: HashMap<(&str, &str), HashMap<&str, u32>> = HashMap::new();
        // xpos → (case kept, lowercased) among forms with an upper-case letter
        let mut case: HashMap<&str, (u32, u32)> = HashMap::new();
        for (form, xpos, lemma) in tokens {
            if lemma == "_" && form != "_" {
                continue;
            }
            *types.entry((form, xpos)).or_default().entry(lemma).or_default() += 1;
            if form.chars().any(char::is_uppercase) {
                let e = case.entry(xpos).or_default();
                if lemma == form {
                    e.0 += 1;
                } else if lemma == form.to_lowercase() {
                    e.1 += 1;
                }
            }
        }
        let mut lem = Lemmatizer::default();
        for (xpos, (kept, lowered)) in &case {
            if kept > lowered {
                lem.keep_case.insert(hash_str(xpos), ());
            }
        }
        // Deterministic order of types.
        let mut typed: Vec<(&str, &str, &str, u32)> = types
            .iter()
            .map(|(&(f, x), lemmas)| {
                let mut best: Vec<(&str, u32)> = lemmas.iter().map(|(&l, &c)| (l, c)).collect();
                best.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
                let total = lemmas.values().sum();
                (f, x, best[0].0, total)
            })
            .collect();
        typed.sort_unstable();

        // Suffix rules: count rules per (xpos, k, suffix) over types.
        let mut counts: HashMap<u64, HashMap<Rule, u32>> = HashMap::new();
        let mut key_types: HashMap<u64, u32> = HashMap::new();
        for &(form, xpos, lemma, _) in &typed {
            let xh = hash_str(xpos);
            let lower = form.to_lowercase();
            let base = if lem.keeps_case(xh) { form.to_owned() } else { lower.clone() };
            let rule = rule_between(&base, lemma);
            let n = lower.chars().count();
            for k in 0..=MAX_SUFFIX.min(n.saturating_sub(1)) {
                let key = rule_key(xh, k, suffix(&lower, k));
                *counts.entry(key).or_default().entry(rule.clone()).or_default() += 1;
                *key_types.entry(key).or_default() += 1;
            }
        }
        let mut rule_ids: HashMap<Rule, u32> = HashMap::new();
        let mut keys: Vec<u64> = counts.keys().copied().collect();
        keys.sort_unstable();
        for key in keys {
            if key_types.get(&key).copied().unwrap_or(0) < 2 {
                continue;
            }
            let Some(rules) = counts.get(&key) else { continue };
            let mut best: Vec<(&Rule, u32)> = rules.iter().map(|(r, &c)| (r, c)).collect();
            best.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| (a.0.strip, &a.0.append).cmp(&(b.0.strip, &b.0.append))));
            let rule = best[0].0.clone();
            let next = rule_ids.len() as u32;
            let id = *rule_ids.entry(rule.clone()).or_insert_with(|| {
                lem.rule_list.push(rule);
                next
            });
            lem.rules.insert(key, id);
        }

        // Exceptions where the rules are wrong.
        let mut string_ids: HashMap<String, u32> = HashMap::new();
        let mut intern = |lem: &mut Lemmatizer, s: &str| -> u32 {
            let next = string_ids.len() as u32;
            *string_ids.entry(s.to_owned()).or_insert_with(|| {
                lem.strings.push(s.into());
                next
            })
        };
        let mut lower_types: HashMap<(String, &str), HashMap<&str, u32>> = HashMap::new();
        for &(form, xpos, lemma, count) in &typed {
            let xh = hash_str(xpos);
            let lower = form.to_lowercase();
            let keep = lem.keeps_case(xh);
            let base = if keep { form } else { lower.as_str() };
            let capital = form.starts_with(char::is_uppercase);
            let predicted = lem.by_rules(base, &lower, capital, xh).unwrap_or_else(|| base.to_owned());
            if predicted != lemma {
                let id = intern(&mut lem, lemma);
                lem.exact.insert(exact_key(form, xh), id);
            }
            if !keep {
                *lower_types.entry((lower, xpos)).or_default().entry(lemma).or_default() += count;
            }
        }
        let mut lower_sorted: Vec<_> = lower_types.into_iter().collect();
        lower_sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for ((lower, xpos), lemmas) in lower_sorted {
            let mut best: Vec<(&str, u32)> = lemmas.into_iter().collect();
            best.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            let lemma = best[0].0;
            let xh = hash_str(xpos);
            let predicted = lem.by_rules(&lower, &lower, false, xh).unwrap_or_else(|| lower.clone());
            if predicted != lemma {
                let id = intern(&mut lem, lemma);
                lem.lower.insert(lower_key(&lower, xh), id);
            }
        }
        lem
    }

    pub fn write(&self, w: &mut Writer) {
        w.var(self.strings.len() as u64);
        for s in &self.strings {
            w.str(s);
        }
        w.var(self.rule_list.len() as u64);
        for r in &self.rule_list {
            w.var(u64::from(r.strip));
            w.str(&r.append);
        }
        for map in [&self.exact, &self.lower, &self.rules] {
            let mut items: Vec<(u64, u32)> = map.iter().map(|(&k, &v)| (k, v)).collect();
            items.sort_unstable();
            w.var(items.len() as u64);
            for (k, v) in items {
                w.u64(k);
                w.var(u64::from(v));
            }
        }
        let mut keep: Vec<u64> = self.keep_case.keys().copied().collect();
        keep.sort_unstable();
        w.var(keep.len() as u64);
        for k in keep {
            w.u64(k);
        }
    }

    pub fn read(r: &mut Reader<'_>) -> Result<Self, ModelError> {
        let mut lem = Lemmatizer::default();
        let n = r.count()?;
        for _ in 0..n {
            lem.strings.push(r.str()?.into());
        }
        let n = r.count()?;
        for _ in 0..n {
            let strip = r.var()?;
            let strip = u16::try_from(strip).map_err(|_| ModelError::Corrupt("bad lemma rule".into()))?;
            lem.rule_list.push(Rule { strip, append: r.str()?.into() });
        }
        let limits = [lem.strings.len(), lem.strings.len(), lem.rule_list.len()];
        let mut maps: [IdMap<u32>; 3] = Default::default();
        for (map, limit) in maps.iter_mut().zip(limits) {
            let n = r.count()?;
            *map = IdMap::with_capacity_and_hasher(n, IdBuild::default());
            for _ in 0..n {
                let k = r.u64()?;
                let v = r.var()?;
                if v >= limit as u64 {
                    return Err(ModelError::Corrupt("lemma table index out of range".into()));
                }
                map.insert(k, v as u32);
            }
        }
        let [exact, lower, rules] = maps;
        lem.exact = exact;
        lem.lower = lower;
        lem.rules = rules;
        let n = r.count()?;
        for _ in 0..n {
            lem.keep_case.insert(r.u64()?, ());
        }
        Ok(lem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_and_suffixes() {
        assert_eq!(suffix("walked", 2), "ed");
        assert_eq!(suffix("ab", 5), "ab");
        assert_eq!(suffix("ab", 0), "");
        let r = rule_between("walked", "walk");
        assert_eq!(r, Rule { strip: 2, append: "".into() });
        assert_eq!(apply("talked", &r).as_deref(), Some("talk"));
        assert_eq!(apply("é", &Rule { strip: 3, append: "".into() }), None);
    }

    #[test]
    fn learns_from_triples() {
        let data = [
            ("walked", "VBD", "walk"),
            ("talked", "VBD", "talk"),
            ("jumped", "VBD", "jump"),
            ("went", "VBD", "go"),
            ("Paris", "NNP", "Paris"),
            ("London", "NNP", "London"),
            ("cats", "NNS", "cat"),
            ("dogs", "NNS", "dog"),
        ];
        let lem = Lemmatizer::learn(data.iter().copied());
        let vbd = hash_str("VBD");
        assert_eq!(lem.lemmatize("went", vbd), "go");
        assert_eq!(lem.lemmatize("kicked", vbd), "kick");
        assert_eq!(lem.lemmatize("Kicked", vbd), "kick");
        assert_eq!(lem.lemmatize("Berlin", hash_str("NNP")), "Berlin");
        assert_eq!(lem.lemmatize("birds", hash_str("NNS")), "bird");
        let mut w = Writer::default();
        lem.write(&mut w);
        let again = Lemmatizer::read(&mut Reader::new(&w.buf)).expect("reads");
        assert_eq!(again.lemmatize("went", vbd), "go");
        assert_eq!(again.lemmatize("kicked", vbd), "kick");
    }

    #[test]
    fn a_rule_that_restores_case_respells_no_other_word() {
        // Adjectives of nationality keep their capital in the lemma; the rule learned from
        // them is the whole word re-spelt, which must not become another word's lemma. Most
        // capitalised adjectives open a sentence and lose the capital, so adjectives are
        // lemmatized in lower case.
        let data = [
            ("Good", "JJ", "good"),
            ("New", "JJ", "new"),
            ("Old", "JJ", "old"),
            ("Small", "JJ", "small"),
            ("Large", "JJ", "large"),
            ("Early", "JJ", "early"),
            ("Japanese", "JJ", "Japanese"),
            ("Chinese", "JJ", "Chinese"),
            ("Lebanese", "JJ", "Lebanese"),
            ("Indian", "JJ", "Indian"),
            ("Canadian", "JJ", "Canadian"),
            ("ASAP", "RB", "ASAP"),
            ("soon", "RB", "soon"),
            ("quickly", "RB", "quickly"),
        ];
        let lem = Lemmatizer::learn(data.iter().copied());
        let jj = hash_str("JJ");
        assert_eq!(lem.lemmatize("Sudanese", jj), "Sudanese");
        assert_eq!(lem.lemmatize("Maltese", jj), "Maltese");
        assert_eq!(lem.lemmatize("Burundian", jj), "Burundian");
        // Written in lower case, it is a common adjective.
        assert_eq!(lem.lemmatize("draconian", jj), "draconian");
        assert_eq!(lem.lemmatize("manganese", jj), "manganese");
        assert_eq!(lem.lemmatize("Japanese", jj), "Japanese");
    }
}
