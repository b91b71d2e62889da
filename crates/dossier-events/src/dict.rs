//! PETRARCH-format coder dictionaries: verbs (with patterns and synonym sets), actors (with
//! date-restricted codes), agents and discards.
//!
//! Loading is strict: anything the format does not allow is a [`DictError`] naming the file
//! and line. Phrases are indexed by their first word, so lookup cost does not grow with the
//! dictionary (a 100,000-entry actor file loads in well under a second).

use std::collections::HashMap;

/// A dictionary file could not be read or is malformed.
#[derive(Debug, thiserror::Error)]
pub enum DictError {
    #[error("{file}:{line}: {message}")]
    Format { file: String, line: usize, message: String },
    #[error("{file}: {message}")]
    Io { file: String, message: String },
}

fn bad(file: &str, line: usize, message: impl Into<String>) -> DictError {
    DictError::Format { file: file.to_string(), line, message: message.into() }
}

/// Where a line's `#` comment starts: a `#` outside a code (`[###]` is a code).
fn comment_start(line: &str) -> Option<usize> {
    let mut depth = 0i32;
    line.char_indices().find_map(|(i, c)| {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            '#' if depth <= 0 => return Some(i),
            _ => {}
        }
        None
    })
}

/// Lines of a dictionary file without comments (`#` to end of line, `<!-- ... -->` blocks),
/// with their 1-based numbers. Blank results are kept (as empty strings) so callers can see
/// paragraph breaks.
fn clean_lines(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_comment = false;
    for (i, raw) in text.lines().enumerate() {
        let mut line = String::with_capacity(raw.len());
        let mut rest = raw;
        loop {
            if in_comment {
                match rest.find("-->") {
                    Some(p) => {
                        in_comment = false;
                        rest = &rest[p + 3..];
                    }
                    None => break,
                }
            } else {
                match rest.find("<!--") {
                    Some(p) => {
                        line.push_str(&rest[..p]);
                        in_comment = true;
                        rest = &rest[p + 4..];
                    }
                    None => {
                        line.push_str(rest);
                        break;
                    }
                }
            }
        }
        if let Some(p) = comment_start(&line) {
            line.truncate(p);
        }
        let trimmed_end = line.trim_end().len();
        line.truncate(trimmed_end);
        out.push((i + 1, line));
    }
    out
}

/// The verbs a pattern line was written for, from its comment (`- * &TREATY [057] # RATIFY`,
/// `# CONFIRM , REAFFIRM`). The file's header says so: PETRARCH's verb blocks merged TABARI's
/// per-verb pattern lists and kept the verbs where each pattern was found as this comment;
/// several blocks hold one pattern twice with different codes for different verbs (`CANCEL`:
/// `* STRIKE [082] # HALT`, `* STRIKE [087] # CALLED_OFF`).
fn comment_verbs(raw: &str) -> Vec<Box<str>> {
    let Some(at) = comment_start(raw) else { return Vec::new() };
    let is_verb = |w: &str| w.chars().all(|c| c.is_ascii_uppercase() || c == '_') && w.chars().any(|c| c != '_');
    // A comma-separated list of verbs; whatever follows (a coder's note) is not one.
    let mut out: Vec<Box<str>> = Vec::new();
    for part in raw[at + 1..].split(',') {
        let mut words = part.split_whitespace();
        match (words.next(), words.next()) {
            (Some(w), None) if is_verb(w) => out.push(w.into()),
            (Some(w), Some(_)) if is_verb(w) => {
                out.push(w.into());
                break;
            }
            _ => break,
        }
    }
    out
}

/// The words of a dictionary phrase (`PRIME_MINISTER`, `HAMAS WING`), upper-cased, and
/// whether regular plurals are allowed (a trailing `_` turns them off).
pub fn phrase_words(phrase: &str) -> (Vec<Box<str>>, bool) {
    let p = phrase.trim();
    let plural = !p.ends_with('_');
    let words = p
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_uppercase().into())
        .collect();
    (words, plural)
}

/// `tok` is a regular plural of `w` (`MINISTERS`, `FORCES`, `PARTIES`).
pub fn is_plural_of(tok: &str, w: &str) -> bool {
    if let Some(stem) = tok.strip_suffix('S') {
        if stem == w {
            return true;
        }
        if let Some(stem2) = stem.strip_suffix('E')
            && stem2 == w
        {
            return true;
        }
        if let Some(stem3) = tok.strip_suffix("IES")
            && let Some(wy) = w.strip_suffix('Y')
            && stem3 == wy
        {
            return true;
        }
    }
    false
}

struct Phrase<V> {
    words: Box<[Box<str>]>,
    plural: bool,
    value: V,
}

/// Phrases indexed by first word, matched longest first.
pub struct PhraseSet<V> {
    entries: Vec<Phrase<V>>,
    index: HashMap<Box<str>, Vec<u32>>,
}

impl<V> Default for PhraseSet<V> {
    fn default() -> Self {
        Self { entries: Vec::new(), index: HashMap::new() }
    }
}

impl<V> PhraseSet<V> {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn insert(&mut self, words: Vec<Box<str>>, plural: bool, value: V) {
        let Some(first) = words.first().cloned() else { return };
        let id = self.entries.len() as u32;
        self.entries.push(Phrase { words: words.into_boxed_slice(), plural, value });
        self.index.entry(first).or_default().push(id);
    }

    /// Orders each first-word bucket longest phrase first (ties: file order).
    pub fn finish(&mut self) {
        let entries = &self.entries;
        for ids in self.index.values_mut() {
            ids.sort_by_key(|&i| std::cmp::Reverse(entries[i as usize].words.len()));
        }
    }

    /// The longest phrase starting at `toks[i]` (upper-case words): its length and value.
    pub fn longest_at<S: AsRef<str>>(&self, toks: &[S], i: usize) -> Option<(usize, &V)> {
        self.longest_ranked_at(toks, i, |_| 0)
    }

    /// Like [`PhraseSet::longest_at`], but among phrases of the same length the value with
    /// the highest `rank` wins (ties: file order). Dictionaries list some phrases under
    /// several entries (`PRESIDENT_BUSH` under both presidents); the rank picks the one that
    /// fits the sentence.
    pub fn longest_ranked_at<S: AsRef<str>>(
        &self,
        toks: &[S],
        i: usize,
        rank: impl Fn(&V) -> u8,
    ) -> Option<(usize, &V)> {
        let tok = toks.get(i)?.as_ref();
        let mut best: Option<(usize, &V, u8)> = None;
        let mut consider = |key: &str| {
            if let Some(ids) = self.index.get(key) {
                for &id in ids {
                    let p = &self.entries[id as usize];
                    let n = p.words.len();
                    if best.is_some_and(|(b, _, r)| b > n || (b == n && r == u8::MAX)) || i + n > toks.len() {
                        continue;
                    }
                    let ok = p.words.iter().enumerate().all(|(j, w)| {
                        let t = toks[i + j].as_ref();
                        t == &**w || (j + 1 == n && p.plural && is_plural_of(t, w))
                    });
                    if ok {
                        let r = rank(&p.value);
                        if best.is_none_or(|(b, _, br)| n > b || r > br) {
                            best = Some((n, &p.value, r));
                        }
                    }
                }
            }
        };
        consider(tok);
        if let Some(s) = tok.strip_suffix('S') {
            consider(s);
            if let Some(s2) = s.strip_suffix('E') {
                consider(s2);
            }
        }
        if let Some(s) = tok.strip_suffix("IES") {
            consider(&format!("{s}Y"));
        }
        best.map(|(n, v, _)| (n, v))
    }
}

/// Dates as `YYYYMMDD` integers.
pub type DateKey = i32;

/// One code of an actor, optionally valid only in a date range (inclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedCode {
    pub code: Box<str>,
    /// `None` = the default code when no restriction matches.
    pub range: Option<(DateKey, DateKey)>,
}

/// The codes of one actor entry (a root phrase and its synonyms).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorCodes {
    pub codes: Vec<DatedCode>,
}

impl ActorCodes {
    /// The code in force on `date`: the default code when no restriction matches; with no
    /// date, the most recent restricted code.
    /// Whether one of the entry's date-restricted codes covers `date` (the phrase names
    /// someone in that role then).
    pub fn restricted_on(&self, date: DateKey) -> bool {
        self.codes.iter().any(|c| c.range.is_some_and(|(from, to)| from <= date && date <= to))
    }

    pub fn code_on(&self, date: Option<DateKey>) -> Option<&str> {
        if let Some(d) = date {
            for c in &self.codes {
                if let Some((from, to)) = c.range
                    && from <= d
                    && d <= to
                {
                    return Some(&c.code);
                }
            }
        }
        if date.is_none() {
            // No date: the most recent restricted code (a leader's current role), else the default.
            if let Some(c) = self.codes.iter().filter(|c| c.range.is_some()).max_by_key(|c| c.range.map(|r| r.1)) {
                return Some(&c.code);
            }
        }
        self.codes.iter().find(|c| c.range.is_none()).or_else(|| self.codes.first()).map(|c| &*c.code)
    }
}

fn parse_date(s: &str) -> Option<DateKey> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i32 = s.parse().ok()?;
    match s.len() {
        6 => {
            let yy = n / 10000;
            let century = if yy <= 30 { 2000 } else { 1900 };
            Some((century + yy) * 10000 + n % 10000)
        }
        8 => Some(n),
        _ => None,
    }
}

/// `CODE`, `CODE <YYMMDD`, `CODE >YYMMDD`, `CODE YYMMDD-YYMMDD` (the inside of `[...]`).
fn parse_dated_code(inner: &str) -> Result<DatedCode, String> {
    let inner = inner.trim();
    let (code, rest) = match inner.find(char::is_whitespace) {
        Some(p) => (&inner[..p], inner[p..].trim()),
        None => (inner, ""),
    };
    if code.is_empty() {
        return Err("empty code".into());
    }
    if rest.is_empty() {
        return Ok(DatedCode { code: code.into(), range: None });
    }
    let r: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
    let range = if let Some(d) = r.strip_prefix('<') {
        parse_date(d).map(|d| (i32::MIN, d - 1))
    } else if let Some(d) = r.strip_prefix('>') {
        parse_date(d).map(|d| (d + 1, i32::MAX))
    } else if let Some((a, b)) = r.split_once('-') {
        parse_date(a).zip(parse_date(b))
    } else {
        None
    };
    match range {
        Some(range) => Ok(DatedCode { code: code.into(), range: Some(range) }),
        None => Err(format!("bad date restriction {rest:?} (expected <YYMMDD, >YYMMDD or YYMMDD-YYMMDD)")),
    }
}

/// Splits `TEXT [CODE] rest` into the text before the bracket, the inside, and checks the
/// brackets balance.
fn split_bracket<'a>(file: &str, line: usize, s: &'a str) -> Result<(&'a str, Option<&'a str>), DictError> {
    match s.find('[') {
        None => {
            if s.contains(']') {
                return Err(bad(file, line, "']' without '['"));
            }
            Ok((s, None))
        }
        Some(open) => {
            let close = s[open..].find(']').map(|c| open + c).ok_or_else(|| bad(file, line, "'[' without ']'"))?;
            let after = s[close + 1..].trim();
            if !after.is_empty() {
                return Err(bad(file, line, format!("unexpected text after the code: {after:?}")));
            }
            Ok((&s[..open], Some(&s[open + 1..close])))
        }
    }
}

/// Splits an actor line into its phrase and the codes of its `[...]` groups (a line may carry
/// several: `NAME [IGOUNO 820101-911231] [ELI]`).
fn actor_line<'a>(file: &str, line: usize, s: &'a str) -> Result<(&'a str, Vec<DatedCode>), DictError> {
    let Some(open) = s.find('[') else {
        if s.contains(']') {
            return Err(bad(file, line, "']' without '['"));
        }
        return Ok((s, Vec::new()));
    };
    let mut codes = Vec::new();
    let mut rest = &s[open..];
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let Some(r) = rest.strip_prefix('[') else {
            // Text after the codes is a comment, as PETRARCH reads it (the Phoenix files have
            // notes there); it may not open another code.
            if rest.contains('[') || rest.contains(']') {
                return Err(bad(file, line, format!("unbalanced brackets after the code: {rest:?}")));
            }
            break;
        };
        let close = r.find(']').ok_or_else(|| bad(file, line, "'[' without ']'"))?;
        codes.push(parse_dated_code(&r[..close]).map_err(|m| bad(file, line, m))?);
        rest = &r[close + 1..];
    }
    Ok((&s[..open], codes))
}

/// Actor dictionary: phrases to actor entries.
#[derive(Default)]
pub struct ActorDict {
    pub phrases: PhraseSet<u32>,
    pub entries: Vec<ActorCodes>,
}

impl ActorDict {
    /// The code, in force on `date`, of the actor a whole name spells: every one of `words`
    /// (upper case) must be the dictionary phrase, so `MOSCOW STATE UNIVERSITY` does not take
    /// the code of `MOSCOW`. Among entries listing the same phrase, one with a restriction
    /// covering `date` wins, as in the coder.
    pub fn code_of_name<S: AsRef<str>>(&self, words: &[S], date: Option<DateKey>) -> Option<&str> {
        let entries = &self.entries;
        let (n, &id) = self
            .phrases
            .longest_ranked_at(words, 0, |&id| u8::from(date.is_some_and(|d| entries[id as usize].restricted_on(d))))?;
        (n == words.len()).then(|| entries[id as usize].code_on(date)).flatten()
    }

    /// Parses one actor file and adds its entries.
    pub fn load_str(&mut self, file: &str, text: &str) -> Result<(), DictError> {
        let mut pending: Vec<(Vec<Box<str>>, bool)> = Vec::new();
        let mut codes: Vec<DatedCode> = Vec::new();
        let mut last_line = 0;
        let flush = |this: &mut ActorDict, pending: &mut Vec<(Vec<Box<str>>, bool)>, codes: &mut Vec<DatedCode>| {
            let id = this.entries.len() as u32;
            this.entries.push(ActorCodes { codes: std::mem::take(codes) });
            for (w, p) in pending.drain(..) {
                this.phrases.insert(w, p, id);
            }
        };
        for (n, line) in clean_lines(text) {
            last_line = n;
            if line.trim().is_empty() {
                continue;
            }
            let t = line.trim();
            if t.starts_with('[') {
                // A code line for the pending entry.
                if pending.is_empty() {
                    return Err(bad(file, n, "code line without an actor phrase before it"));
                }
                let (_, more) = actor_line(file, n, t)?;
                codes.extend(more);
                continue;
            }
            if let Some(syn) = t.strip_prefix('+') {
                if pending.is_empty() && codes.is_empty() && self.entries.is_empty() {
                    return Err(bad(file, n, "synonym without an actor entry before it"));
                }
                let (phrase, more) = actor_line(file, n, syn)?;
                let (w, p) = phrase_words(phrase);
                if w.is_empty() {
                    return Err(bad(file, n, "empty synonym"));
                }
                if pending.is_empty() {
                    // A synonym after a flushed entry joins that entry.
                    let id = (self.entries.len() - 1) as u32;
                    self.phrases.insert(w, p, id);
                } else {
                    pending.push((w, p));
                }
                codes.extend(more);
                continue;
            }
            // A new root entry: flush the previous one if it has its codes.
            if !codes.is_empty() {
                flush(self, &mut pending, &mut codes);
            }
            let (phrase, more) = actor_line(file, n, t)?;
            let (w, p) = phrase_words(phrase);
            if w.is_empty() {
                return Err(bad(file, n, "empty actor phrase"));
            }
            pending.push((w, p));
            codes.extend(more);
        }
        if !pending.is_empty() {
            if codes.is_empty() {
                return Err(bad(file, last_line, "actor entry without a code at the end of the file"));
            }
            flush(self, &mut pending, &mut codes);
        }
        Ok(())
    }
}

/// An agent code: appended to the actor's country (`~GOV`) or prepended (`NGO~`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentCode {
    pub code: Box<str>,
    pub prefix: bool,
}

/// Agent dictionary: generic nouns (`minister`, `police`) to sector codes.
#[derive(Default)]
pub struct AgentDict {
    pub phrases: PhraseSet<AgentCode>,
}

impl AgentDict {
    pub fn load_str(&mut self, file: &str, text: &str) -> Result<(), DictError> {
        let mut macros: Vec<(String, Vec<String>)> = Vec::new();
        for (n, line) in clean_lines(text) {
            let t = line.trim();
            if t.is_empty() {
                continue;
            }
            if t.starts_with('!')
                && let Some((name, vals)) = t.split_once('=')
            {
                let name = name.trim().to_string();
                if !(name.len() > 2 && name.ends_with('!')) {
                    return Err(bad(file, n, format!("bad macro name {name:?}")));
                }
                let vals: Vec<String> =
                    vals.split(',').map(|v| v.trim().to_uppercase()).filter(|v| !v.is_empty()).collect();
                if vals.is_empty() {
                    return Err(bad(file, n, "macro without values"));
                }
                macros.push((name, vals));
                continue;
            }
            let (head, inner) = split_bracket(file, n, t)?;
            let inner = inner.ok_or_else(|| bad(file, n, format!("agent line without a [CODE]: {t:?}")))?;
            let c = inner.trim();
            let code = if let Some(s) = c.strip_prefix('~') {
                AgentCode { code: s.trim().into(), prefix: false }
            } else if let Some(p) = c.strip_suffix('~') {
                AgentCode { code: p.trim().into(), prefix: true }
            } else {
                AgentCode { code: c.into(), prefix: false }
            };
            if code.code.is_empty() || code.code.contains(char::is_whitespace) {
                return Err(bad(file, n, format!("bad agent code {c:?}")));
            }
            // NOUN {PLURALS}
            let (noun, plurals) = match head.find('{') {
                Some(o) => {
                    let cl = head[o..].find('}').map(|c| o + c).ok_or_else(|| bad(file, n, "'{' without '}'"))?;
                    (&head[..o], Some(&head[o + 1..cl]))
                }
                None => (head, None),
            };
            let mut forms: Vec<(String, bool)> = vec![(noun.trim().to_string(), plurals.is_none())];
            if let Some(pl) = plurals {
                forms.extend(pl.split_whitespace().map(|w| (w.to_string(), false)));
            }
            for (form, plural) in forms {
                for expanded in expand_macros(&form, &macros) {
                    let (w, p) = phrase_words(&expanded);
                    if w.is_empty() {
                        return Err(bad(file, n, "empty agent phrase"));
                    }
                    self.phrases.insert(w, p && plural, code.clone());
                }
            }
        }
        Ok(())
    }
}

fn expand_macros(form: &str, macros: &[(String, Vec<String>)]) -> Vec<String> {
    for (name, vals) in macros {
        if form.contains(name.as_str()) {
            return vals.iter().flat_map(|v| expand_macros(&form.replacen(name.as_str(), v, 1), macros)).collect();
        }
    }
    vec![form.to_string()]
}

/// Discard phrases: a sentence (or, with `+`, the whole story) containing one is not coded.
#[derive(Default)]
pub struct Discards {
    /// Value: discards the whole story.
    pub phrases: PhraseSet<bool>,
}

impl Discards {
    pub fn load_str(&mut self, file: &str, text: &str) -> Result<(), DictError> {
        for (n, line) in clean_lines(text) {
            let t = line.trim();
            if t.is_empty() {
                continue;
            }
            if t.contains('[') || t.contains(']') {
                return Err(bad(file, n, "discard lines take no code"));
            }
            let (story, phrase) = match t.strip_prefix('+') {
                Some(p) => (true, p),
                None => (false, t),
            };
            let (w, _) = phrase_words(phrase);
            if w.is_empty() {
                return Err(bad(file, n, "empty discard phrase"));
            }
            // Discards match exactly (no generated plurals).
            self.phrases.insert(w, false, story);
        }
        Ok(())
    }
}

/// An event code with its optional reverse-direction code (`[043:042]`); `None` for `---`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    pub code: Box<str>,
    pub reverse: Option<Box<str>>,
}

fn parse_code(file: &str, line: usize, inner: &str) -> Result<Option<Code>, DictError> {
    let c = inner.trim();
    // `---` codes nothing; `+++` and `###` (placeholders in the validation files) neither.
    if c == "---" || c == "+++" || c == "###" {
        return Ok(None);
    }
    let (a, b) = match c.split_once(':') {
        Some((a, b)) => (a.trim(), Some(b.trim())),
        None => (c, None),
    };
    let ok = |s: &str| !s.is_empty() && s.len() <= 6 && s.chars().all(|ch| ch.is_ascii_alphanumeric());
    // `[:080]`: only the reverse-direction event.
    let forward_ok = ok(a) || (a.is_empty() && b.is_some_and(ok));
    if !forward_ok || b.is_some_and(|b| !ok(b) && b != "---") {
        return Err(bad(file, line, format!("bad event code [{c}]")));
    }
    Ok(Some(Code { code: a.into(), reverse: b.filter(|b| *b != "---").map(Into::into) }))
}

/// One element of a verb pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Elem {
    Word(Box<str>),
    Syn(Box<str>),
    /// `$`: the source actor stands here.
    Source,
    /// `+`: the target actor stands here.
    Target,
    /// `%`: compound (reciprocal) actors.
    Compound,
    /// `^`: skip a noun phrase.
    Skip,
    /// The next element must follow the previous one directly (no words between them):
    /// after a synonym set inside `{...}`, and between the parts of `A_B`.
    Glue,
}

/// A verb pattern: elements before and after the verb, and the code it gives.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub pre: Vec<Elem>,
    pub post: Vec<Elem>,
    pub code: Option<Code>,
    pub line: usize,
    /// The verbs the pattern was written for (its comment), if it names any.
    pub verbs: Vec<Box<str>>,
}

impl Pattern {
    pub fn word_count(&self) -> usize {
        self.pre.iter().chain(&self.post).filter(|e| matches!(e, Elem::Word(_) | Elem::Syn(_))).count()
    }
}

/// A verb block: a default code and patterns shared by its verbs.
#[derive(Debug, Clone)]
pub struct VerbBlock {
    pub name: Box<str>,
    pub code: Option<Code>,
    pub patterns: Vec<Pattern>,
}

/// A verb of a block, possibly multi-word (`CORDON_OFF`: verb `CORDON` + particle `OFF`).
#[derive(Debug, Clone)]
pub struct VerbEntry {
    pub block: u32,
    /// Words before the verb word, the verb word, words after it.
    pub before: Vec<Box<str>>,
    pub after: Vec<Box<str>>,
    /// The verb's own code, overriding the block's (`Some(None)` = `[---]`).
    pub code: Option<Option<Code>>,
    /// Spellings of the whole verb (`RATIFY`, `RATIFIED`, `CALL_OFF`, `CALLED_OFF`) that a
    /// pattern's comment may name.
    pub names: Vec<Box<str>>,
}

impl VerbEntry {
    /// Whether a pattern was written for this verb (its comment names one of its forms).
    pub fn owns(&self, p: &Pattern) -> bool {
        p.verbs.iter().any(|v| self.names.contains(v))
    }
}

/// Verb dictionary.
#[derive(Default)]
pub struct VerbDict {
    pub synsets: HashMap<Box<str>, Vec<Vec<Box<str>>>>,
    pub blocks: Vec<VerbBlock>,
    /// Verb word form (base, irregular and generated regular forms) to entries.
    pub forms: HashMap<Box<str>, Vec<u32>>,
    pub entries: Vec<VerbEntry>,
    pub transformations: usize,
}

/// Regular verb forms: `-S`, `-ED`, `-ING` with the usual spelling changes.
pub fn regular_forms(v: &str) -> Vec<String> {
    let mut f = vec![v.to_string()];
    let ends = |s: &str| v.ends_with(s);
    if ends("S") || ends("X") || ends("Z") || ends("CH") || ends("SH") {
        f.push(format!("{v}ES"));
    } else if ends("Y") && !v[..v.len() - 1].ends_with(['A', 'E', 'I', 'O', 'U']) {
        f.push(format!("{}IES", &v[..v.len() - 1]));
    } else {
        f.push(format!("{v}S"));
    }
    if ends("E") {
        f.push(format!("{v}D"));
        f.push(format!("{}ING", &v[..v.len() - 1]));
    } else if ends("Y") && !v[..v.len() - 1].ends_with(['A', 'E', 'I', 'O', 'U']) {
        f.push(format!("{}IED", &v[..v.len() - 1]));
        f.push(format!("{v}ING"));
    } else {
        f.push(format!("{v}ED"));
        f.push(format!("{v}ING"));
    }
    f
}

impl VerbDict {
    pub fn load_str(&mut self, file: &str, text: &str) -> Result<(), DictError> {
        let mut current_syn: Option<Box<str>> = None;
        let mut block: Option<usize> = None;
        let mut in_transform = false;
        let raw: Vec<&str> = text.lines().collect();
        for (n, line) in clean_lines(text) {
            let t = line.trim();
            if t.is_empty() {
                continue;
            }
            if t.contains("TRANSFORMATION") && t.starts_with('#') {
                in_transform = true;
                continue;
            }
            if in_transform || t.starts_with('~') {
                if !t.starts_with('~') {
                    return Err(bad(file, n, format!("expected a transformation (~ ...), found {t:?}")));
                }
                if !t.contains('=') {
                    return Err(bad(file, n, "transformation without '='"));
                }
                self.transformations += 1;
                continue;
            }
            if let Some(name) = t.strip_prefix('&') {
                let name = name.trim().trim_end_matches('_');
                if name.is_empty() || name.contains(char::is_whitespace) {
                    return Err(bad(file, n, format!("bad synonym set name {t:?}")));
                }
                let key: Box<str> = format!("&{}", name.to_uppercase()).into();
                self.synsets.entry(key.clone()).or_default();
                current_syn = Some(key);
                block = None;
                continue;
            }
            if t.starts_with("---") {
                // `--- NAME [code] ---`; the closing dashes may touch the code.
                let inner = t.trim_start_matches('-').trim();
                let inner = match inner.find(']') {
                    Some(c) if inner[c + 1..].chars().all(|ch| ch == '-' || ch.is_whitespace()) => &inner[..=c],
                    _ => inner.trim_end_matches('-').trim(),
                };
                let (name, code) = split_bracket(file, n, inner)?;
                let code = code.ok_or_else(|| bad(file, n, "verb block header without [code]"))?;
                let code = parse_code(file, n, code)?;
                let name = name.trim();
                if name.is_empty() {
                    return Err(bad(file, n, "verb block header without a name"));
                }
                self.blocks.push(VerbBlock { name: name.into(), code, patterns: Vec::new() });
                block = Some(self.blocks.len() - 1);
                current_syn = None;
                continue;
            }
            if let Some(syn) = &current_syn {
                let Some(member) = t.strip_prefix('+') else {
                    return Err(bad(file, n, format!("synonym set member must start with '+': {t:?}")));
                };
                let words: Vec<Box<str>> = member
                    .split(|c: char| c == '_' || c.is_whitespace() || "(){}".contains(c))
                    .filter(|w| !w.is_empty())
                    .map(|w| w.to_uppercase().into())
                    .collect();
                if words.is_empty() {
                    return Err(bad(file, n, "empty synonym set member"));
                }
                if let Some(v) = self.synsets.get_mut(syn) {
                    v.push(words);
                }
                continue;
            }
            let Some(b) = block else {
                return Err(bad(file, n, format!("line outside a synonym set or verb block: {t:?}")));
            };
            if t.starts_with('-') || t.starts_with('*') {
                let body = t.strip_prefix('-').unwrap_or(t);
                let (pat, code) = split_bracket(file, n, body)?;
                let code = code.ok_or_else(|| bad(file, n, "pattern without [code]"))?;
                let code = parse_code(file, n, code)?;
                let mut p = parse_pattern(file, n, pat, code)?;
                p.verbs = raw.get(n - 1).map(|r| comment_verbs(r)).unwrap_or_default();
                self.blocks[b].patterns.push(p);
                continue;
            }
            // A verb line: WORD {FORMS} [code]
            let (head, code) = split_bracket(file, n, t)?;
            let code = code.map(|c| parse_code(file, n, c)).transpose()?;
            let (base, irregular) = match head.find('{') {
                Some(o) => {
                    let cl = head[o..].find('}').map(|c| o + c).ok_or_else(|| bad(file, n, "'{' without '}'"))?;
                    (head[..o].trim(), Some(&head[o + 1..cl]))
                }
                None => (head.trim(), None),
            };
            if base.is_empty() || base.contains(char::is_whitespace) {
                return Err(bad(file, n, format!("bad verb {head:?}")));
            }
            let mut alts: Vec<(&str, bool)> = vec![(base, true)];
            if let Some(irr) = irregular {
                alts.extend(irr.split_whitespace().map(|w| (w, false)));
            }
            // Every spelling of every form of the line, so the irregular `RAN` entry
            // still owns a pattern written for `RUN`.
            let mut line_forms: Vec<String> = Vec::new();
            for (a, reg) in &alts {
                let ws: Vec<&str> = a.split('_').filter(|w| !w.is_empty()).collect();
                let p = ws.iter().position(|w| w.starts_with('+')).unwrap_or(0);
                let Some(vw) = ws.get(p).map(|w| w.trim_start_matches('+').to_uppercase()) else { continue };
                let spell = |form: &str| {
                    let mut all: Vec<String> = ws[..p].iter().map(|w| w.to_uppercase()).collect();
                    all.push(form.to_string());
                    all.extend(ws[p + 1..].iter().map(|w| w.trim_start_matches('+').to_uppercase()));
                    all.join("_")
                };
                if *reg {
                    line_forms.extend(regular_forms(&vw).iter().map(|f| spell(f)));
                } else {
                    line_forms.push(spell(&vw));
                }
            }
            line_forms.sort();
            line_forms.dedup();
            let names: Vec<Box<str>> = line_forms.into_iter().map(Into::into).collect();
            for (alt, regular) in alts {
                let words: Vec<&str> = alt.split('_').filter(|w| !w.is_empty()).collect();
                let pos = words.iter().position(|w| w.starts_with('+')).unwrap_or(0);
                let verb = words.get(pos).map(|w| w.trim_start_matches('+').to_uppercase()).unwrap_or_default();
                if verb.is_empty() {
                    return Err(bad(file, n, format!("bad verb form {alt:?}")));
                }
                let before: Vec<Box<str>> = words[..pos].iter().map(|w| w.to_uppercase().into()).collect();
                let after: Vec<Box<str>> =
                    words[pos + 1..].iter().map(|w| w.trim_start_matches('+').to_uppercase().into()).collect();
                let entry = VerbEntry { block: b as u32, before, after, code: code.clone(), names: names.clone() };
                let id = self.entries.len() as u32;
                self.entries.push(entry);
                let forms = if regular { regular_forms(&verb) } else { vec![verb] };
                for f in forms {
                    let ids = self.forms.entry(f.into()).or_default();
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
        }
        // Nested synonym sets (`+&TIETYPES` inside `&ACCORDSYN`), one level deep is enough
        // for the files in use; deeper nesting expands as far as the order allows.
        let keys: Vec<Box<str>> = self.synsets.keys().cloned().collect();
        for k in keys {
            let members = self.synsets.get(&k).cloned().unwrap_or_default();
            if members.iter().any(|m| m.len() == 1 && m[0].starts_with('&')) {
                let mut out = Vec::new();
                for m in members {
                    if m.len() == 1 && m[0].starts_with('&') {
                        if let Some(inner) = self.synsets.get(&m[0]) {
                            out.extend(inner.iter().filter(|x| !(x.len() == 1 && x[0].starts_with('&'))).cloned());
                        }
                    } else {
                        out.push(m);
                    }
                }
                self.synsets.insert(k, out);
            }
        }
        Ok(())
    }
}

fn parse_pattern(file: &str, n: usize, pat: &str, code: Option<Code>) -> Result<Pattern, DictError> {
    // `*` may be glued to a word (`*SCEPTICAL` in CAMEO.2.0.txt).
    let flat: String = pat
        .chars()
        .flat_map(|c| match c {
            '(' | ')' => [' ', ' ', ' '],
            '{' => [' ', '{', ' '],
            '}' => [' ', '}', ' '],
            '*' => [' ', '*', ' '],
            c => [c, '\0', '\0'],
        })
        .filter(|&c| c != '\0')
        .collect();
    let mut pre = Vec::new();
    let mut post = Vec::new();
    let mut seen_verb = false;
    // Inside braces: None before the group's first element, then Some(()) (glue the rest).
    let mut brace: Option<bool> = None;
    for tok in flat.split_whitespace() {
        let side = if seen_verb { &mut post } else { &mut pre };
        match tok {
            "{" => {
                brace = Some(false);
                continue;
            }
            "}" => {
                brace = None;
                continue;
            }
            _ => {}
        }
        if tok != "*" {
            match brace {
                // The validation suites read `{…}` as: what follows a synonym set must come
                // directly after the member matched ("{NEW &TIE RELATIONS}" takes "new global
                // economic relations" but not "economic trade relations"); plain words may
                // have other words between them ("{DEATH TOLL}": "death and injury toll").
                Some(true) if matches!(side.last(), Some(Elem::Syn(_))) => side.push(Elem::Glue),
                Some(true) => {}
                Some(false) => brace = Some(true),
                None => {}
            }
        }
        match tok {
            "*" => {
                if seen_verb {
                    return Err(bad(file, n, "pattern with two '*'"));
                }
                seen_verb = true;
            }
            "$" => side.push(Elem::Source),
            "+" => side.push(Elem::Target),
            "%" => side.push(Elem::Compound),
            "^" => side.push(Elem::Skip),
            _ if tok.starts_with('&') => side.push(Elem::Syn(tok.trim_end_matches('_').to_uppercase().into())),
            _ => {
                // `_` joins words that must follow each other directly.
                for (j, w) in tok.split('_').filter(|w| !w.is_empty()).enumerate() {
                    if j > 0 {
                        side.push(Elem::Glue);
                    }
                    side.push(Elem::Word(w.to_uppercase().into()));
                }
            }
        }
    }
    if !seen_verb {
        return Err(bad(file, n, "pattern without '*' (the verb position)"));
    }
    Ok(Pattern { pre, post, code, line: n, verbs: Vec::new() })
}

/// PETRARCH's internal coding ontology (`PETR.Internal.Coding.Ontology.txt`): each CAMEO
/// code as a sum of hexadecimal components (`110:0x1007f#0xFFFF+0x0080`, disapprove = not
/// diplomatic cooperation). Negation is the `0xFFFF` component, so the code of a negated
/// verb is the code whose value is 0xFFFF lower, when the table has one.
#[derive(Default, Debug)]
pub struct Ontology {
    value: HashMap<Box<str>, i64>,
    by_value: HashMap<i64, Box<str>>,
}

impl Ontology {
    pub fn load_str(&mut self, file: &str, text: &str) -> Result<(), DictError> {
        for (i, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let Some((code, expr)) = line.split_once(':') else {
                return Err(bad(file, i + 1, "expected CODE:VALUE"));
            };
            let code = code.trim();
            // `---:0`: the value of no event.
            if code != "---" && (code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric())) {
                return Err(bad(file, i + 1, format!("bad code {code:?}")));
            }
            let v = parse_hex_sum(expr).ok_or_else(|| bad(file, i + 1, format!("bad value {:?}", expr.trim())))?;
            self.value.insert(code.into(), v);
            self.by_value.entry(v).or_insert_with(|| code.into());
        }
        Ok(())
    }

    /// The code of "not `code`", if the ontology has one (`---`: no event).
    pub fn negation(&self, code: &str) -> Option<&str> {
        let v = self.value.get(code)?;
        self.by_value.get(&(v - 0xFFFF)).map(|c| &**c)
    }

    pub fn is_empty(&self) -> bool {
        self.value.is_empty()
    }
}

/// `-0xFFFF+0x0070` to its value.
fn parse_hex_sum(expr: &str) -> Option<i64> {
    let e: String = expr.chars().filter(|c| !c.is_whitespace()).collect();
    if e.is_empty() {
        return None;
    }
    let mut total = 0i64;
    let mut rest = e.as_str();
    while !rest.is_empty() {
        let (neg, r) = match rest.as_bytes()[0] {
            b'-' => (true, &rest[1..]),
            b'+' => (false, &rest[1..]),
            _ => (false, rest),
        };
        let r = r.strip_prefix("0x").or_else(|| r.strip_prefix("0X")).unwrap_or(r);
        let end = r.find(['+', '-']).unwrap_or(r.len());
        let v = i64::from_str_radix(&r[..end], 16).ok()?;
        total += if neg { -v } else { v };
        rest = &r[end..];
    }
    Some(total)
}

/// A full dictionary set.
#[derive(Default)]
pub struct Dictionaries {
    pub verbs: VerbDict,
    pub actors: ActorDict,
    pub agents: AgentDict,
    pub discards: Discards,
    /// The coding ontology, when the set has one (negated verbs then take the negation's
    /// code).
    pub ontology: Option<Ontology>,
}

const BUILTIN_FILES: &[(&str, &[u8])] = &[
    ("CAMEO.2.0.txt", include_bytes!("../dictionaries/CAMEO.2.0.txt.zst")),
    ("Phoenix.Countries.actors.txt", include_bytes!("../dictionaries/Phoenix.Countries.actors.txt.zst")),
    ("Phoenix.International.actors.txt", include_bytes!("../dictionaries/Phoenix.International.actors.txt.zst")),
    ("Phoenix.MilNonState.actors.txt", include_bytes!("../dictionaries/Phoenix.MilNonState.actors.txt.zst")),
    ("Phoenix.agents.txt", include_bytes!("../dictionaries/Phoenix.agents.txt.zst")),
    ("Phoenix.discards.txt", include_bytes!("../dictionaries/Phoenix.discards.txt.zst")),
];

/// dossier's own additions, plain text, loaded after the files they extend.
const BUILTIN_ADDITIONS: &[(&str, &str)] =
    &[("dossier.agents.txt", include_str!("../dictionaries/dossier.agents.txt"))];

/// What a dictionary file holds, from its name (the `--dictionaries DIR` contract).
fn kind_of(name: &str) -> Option<&'static str> {
    let l = name.to_lowercase();
    if l.contains("verbs") || l.starts_with("cameo") {
        Some("verbs")
    } else if l.contains("actors") {
        Some("actors")
    } else if l.contains("agents") {
        Some("agents")
    } else if l.contains("discards") {
        Some("discards")
    } else if l.contains("ontology") {
        Some("ontology")
    } else {
        None
    }
}

impl Dictionaries {
    /// Adds one file's text, by the kind its name says (`verbs`, `actors`, `agents`,
    /// `discards`; `CAMEO*` counts as verbs). Returns false for other files.
    pub fn add_file(&mut self, name: &str, text: &str) -> Result<bool, DictError> {
        match kind_of(name) {
            Some("verbs") => self.verbs.load_str(name, text)?,
            Some("actors") => self.actors.load_str(name, text)?,
            Some("agents") => self.agents.load_str(name, text)?,
            Some("discards") => self.discards.load_str(name, text)?,
            Some("ontology") => self.ontology.get_or_insert_with(Ontology::default).load_str(name, text)?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn finish(mut self) -> Self {
        self.actors.phrases.finish();
        self.agents.phrases.finish();
        self.discards.phrases.finish();
        self
    }

    /// A set from `(file name, text)` pairs, each read by the kind its name says.
    pub fn from_texts(files: &[(&str, &str)]) -> Result<Dictionaries, DictError> {
        let mut d = Dictionaries::default();
        for (name, text) in files {
            d.add_file(name, text)?;
        }
        Ok(d.finish())
    }

    /// The built-in Phoenix / CAMEO 2.0 set (compiled into the binary).
    pub fn builtin() -> Result<&'static Dictionaries, DictError> {
        static CELL: std::sync::OnceLock<Result<Dictionaries, String>> = std::sync::OnceLock::new();
        let r = CELL.get_or_init(|| {
            let mut d = Dictionaries::default();
            for (name, bytes) in BUILTIN_FILES {
                let raw = zstd::decode_all(*bytes).map_err(|e| format!("{name}: {e}"))?;
                let text = String::from_utf8_lossy(&raw);
                d.add_file(name, &text).map_err(|e| e.to_string())?;
            }
            for (name, text) in BUILTIN_ADDITIONS {
                d.add_file(name, text).map_err(|e| e.to_string())?;
            }
            Ok(d.finish())
        });
        r.as_ref().map_err(|m| DictError::Io { file: "<built-in dictionaries>".into(), message: m.clone() })
    }

    /// Loads every file of `dir` whose name contains `verbs`, `actors`, `agents`,
    /// `discards` or `ontology` (sorted by name, so the result does not depend on directory order). A
    /// directory without a verb or an actor file is an error.
    pub fn load_dir(dir: &std::path::Path) -> Result<Dictionaries, DictError> {
        let io = |m: String| DictError::Io { file: dir.display().to_string(), message: m };
        let mut names: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| io(e.to_string()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        names.sort();
        let mut d = Dictionaries::default();
        let mut kinds = Vec::new();
        for p in names {
            let name = p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
            if kind_of(&name).is_none() {
                continue;
            }
            let bytes = std::fs::read(&p)
                .map_err(|e| DictError::Io { file: p.display().to_string(), message: e.to_string() })?;
            let text = String::from_utf8_lossy(&bytes);
            let shown = p.display().to_string();
            let kind = kind_of(&name).unwrap_or("");
            match kind {
                "verbs" => d.verbs.load_str(&shown, &text)?,
                "actors" => d.actors.load_str(&shown, &text)?,
                "agents" => d.agents.load_str(&shown, &text)?,
                "ontology" => d.ontology.get_or_insert_with(Ontology::default).load_str(&shown, &text)?,
                _ => d.discards.load_str(&shown, &text)?,
            }
            kinds.push(kind);
        }
        for need in ["verbs", "actors"] {
            if !kinds.contains(&need) {
                return Err(io(format!("no {need} dictionary (a file whose name contains {need:?})")));
            }
        }
        Ok(d.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ontology_negation_and_errors() {
        let mut o = Ontology::default();
        o.load_str("o.txt", "# header\n050:0x0080#coop\n110:0x1007f#0xFFFF+0x0080\n120:-0xFFFF\n---:0\n").unwrap();
        assert_eq!(o.negation("110"), Some("050"));
        assert_eq!(o.negation("120"), None);
        assert_eq!(o.negation("999"), None);
        let e = Ontology::default().load_str("o.txt", "050:0x80\n051 0x81\n").unwrap_err().to_string();
        assert!(e.starts_with("o.txt:2:"), "{e}");
        let e = Ontology::default().load_str("o.txt", "050:0xZZ\n").unwrap_err().to_string();
        assert!(e.starts_with("o.txt:1:"), "{e}");
        assert_eq!(parse_hex_sum("-0xFFFF+0x0070"), Some(-0xFFFF + 0x70));
    }

    #[test]
    fn braces_glue_after_a_synonym_set() {
        let mut v = VerbDict::default();
        v.load_str("v.verbs.txt", "--- SIGN [057] ---\nSIGN\n- * {NEW &TIE PACT} [903]\n- * {FIRM_DEAL} [904]\n")
            .unwrap();
        let p = &v.blocks[0].patterns;
        assert_eq!(
            p[0].post,
            vec![Elem::Word("NEW".into()), Elem::Syn("&TIE".into()), Elem::Glue, Elem::Word("PACT".into())]
        );
        assert_eq!(p[1].post, vec![Elem::Word("FIRM".into()), Elem::Glue, Elem::Word("DEAL".into())]);
    }

    #[test]
    fn actors_with_dates_and_synonyms() {
        let mut a = ActorDict::default();
        a.load_str(
            "t.actors.txt",
            "GOLLUM  # x\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n\t[HOBREB > 990816]\nGONDOR [GON]\n+MINAS_TIRITH\n",
        )
        .unwrap();
        a.phrases.finish();
        let toks = ["SMEAGOL", "MINAS", "TIRITH"];
        let (n, &id) = a.phrases.longest_at(&toks, 0).unwrap();
        assert_eq!(n, 1);
        let e = &a.entries[id as usize];
        assert_eq!(e.code_on(Some(19940101)), Some("HOB"));
        assert_eq!(e.code_on(Some(19970101)), Some("HOBGOV"));
        assert_eq!(e.code_on(Some(20010101)), Some("HOBREB"));
        assert_eq!(e.code_on(None), Some("HOBREB"));
        let (n, &id) = a.phrases.longest_at(&toks, 1).unwrap();
        assert_eq!((n, a.entries[id as usize].code_on(None)), (2, Some("GON")));
    }

    #[test]
    fn a_name_takes_a_code_only_when_the_whole_name_is_a_phrase() {
        let mut a = ActorDict::default();
        a.load_str("t.actors.txt", "GONDOR [GON]\n+MINAS_TIRITH\nSMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV > 950602]\n")
            .unwrap();
        a.phrases.finish();
        assert_eq!(a.code_of_name(&["MINAS", "TIRITH"], None), Some("GON"));
        assert_eq!(a.code_of_name(&["GONDOR"], None), Some("GON"));
        // A longer name that starts with a phrase is another actor.
        assert_eq!(a.code_of_name(&["MINAS", "TIRITH", "UNIVERSITY"], None), None);
        assert_eq!(a.code_of_name(&["TIRITH"], None), None);
        assert_eq!(a.code_of_name::<&str>(&[], None), None);
        assert_eq!(a.code_of_name(&["SMEAGOL"], Some(19900101)), Some("HOB"));
        assert_eq!(a.code_of_name(&["SMEAGOL"], Some(20000101)), Some("HOBGOV"));
    }

    #[test]
    fn shared_phrase_prefers_the_entry_in_office() {
        let mut a = ActorDict::default();
        a.load_str(
            "t.actors.txt",
            "ELDER_KING_  # x\n+KING_BREGO\n\t[ROHGOV 800101-891231]\n\t[ROHELI]\nYOUNGER_KING_  # x\n+KING_BREGO\n\t[ROHGOV 010101-081231]\n\t[ROHELI]\n",
        )
        .unwrap();
        a.phrases.finish();
        let toks = ["KING", "BREGO"];
        let code = |date: DateKey| {
            let (_, &id) = a
                .phrases
                .longest_ranked_at(&toks, 0, |&id| u8::from(a.entries[id as usize].restricted_on(date)))
                .unwrap();
            a.entries[id as usize].code_on(Some(date))
        };
        assert_eq!(code(20050101), Some("ROHGOV"));
        assert_eq!(code(19850101), Some("ROHGOV"));
        // Nobody in office: the first entry, out of office.
        assert_eq!(code(19950101), Some("ROHELI"));
    }

    #[test]
    fn malformed_actor_file_names_line() {
        let mut a = ActorDict::default();
        let e = a.load_str("x.actors.txt", "GONDOR [GON]\nMORDOR [MOR\n").unwrap_err().to_string();
        assert!(e.starts_with("x.actors.txt:2:"), "{e}");
        let e = a.load_str("y.actors.txt", "GOLLUM\n\t[HOB 9506]\n").unwrap_err().to_string();
        assert!(e.starts_with("y.actors.txt:2:"), "{e}");
    }

    #[test]
    fn agents_macros_and_plurals() {
        let mut g = AgentDict::default();
        g.load_str("a.agents.txt", "!PERSON! = MAN, MEN\nCONGRESS!PERSON! [~LEG]\nPOLICE {} [ ~COP]\nHUMAN_RIGHTS_BODY [NGO~]\nMINISTER [~GOV]\n")
            .unwrap();
        g.phrases.finish();
        assert_eq!(g.phrases.longest_at(&["CONGRESSMEN"], 0).unwrap().1.code.as_ref(), "LEG");
        assert_eq!(g.phrases.longest_at(&["MINISTERS"], 0).unwrap().1.code.as_ref(), "GOV");
        assert!(g.phrases.longest_at(&["POLICES"], 0).is_none());
        assert!(g.phrases.longest_at(&["HUMAN", "RIGHTS", "BODY"], 0).unwrap().1.prefix);
    }

    #[test]
    fn verbs_blocks_patterns_synsets() {
        let mut v = VerbDict::default();
        v.load_str(
            "v.verbs.txt",
            "&TIE\n+MILITARY\n+ECONOMIC\n--- HOST [043:042] ---\nHOST\n- * SUMMIT (WITH) [036:036] # c\n--- BREAK [120] ---\nBREAK {BROKE BROKEN}\n+BREAK_DOWN {+BROKE_DOWN}\n- * {&TIE TIES} [161]\n",
        )
        .unwrap();
        assert_eq!(v.blocks.len(), 2);
        assert_eq!(v.blocks[0].code.as_ref().unwrap().reverse.as_deref(), Some("042"));
        assert!(v.forms.contains_key("HOSTED"));
        assert!(v.forms.contains_key("BROKE"));
        assert_eq!(v.synsets["&TIE"].len(), 2);
        let p = &v.blocks[1].patterns[0];
        assert_eq!(p.post, vec![Elem::Syn("&TIE".into()), Elem::Glue, Elem::Word("TIES".into())]);
        let e = v.load_str("w.verbs.txt", "--- X [010] ---\nX\n- SAY [011]\n").unwrap_err().to_string();
        assert!(e.starts_with("w.verbs.txt:3:"), "{e}");
    }

    #[test]
    fn a_pattern_knows_the_verbs_it_was_written_for() {
        let mut v = VerbDict::default();
        v.load_str(
            "v.verbs.txt",
            "--- CANCEL [---] ---\nCANCEL\nHALT\n+CALL_OFF\n\
             - * STRIKE [082] # HALT\n- * STRIKE [087] # CALLED_OFF\n\
             - * TALKS [160] # CONFIRM , CANCEL jw 11/91\n- * BASE [160] # (a note)\n",
        )
        .unwrap();
        let pats = &v.blocks[0].patterns;
        let verbs: Vec<Vec<&str>> = pats.iter().map(|p| p.verbs.iter().map(|v| &**v).collect()).collect();
        assert_eq!(verbs, vec![vec!["HALT"], vec!["CALLED_OFF"], vec!["CONFIRM", "CANCEL"], vec![]]);
        let entry = |form: &str| &v.entries[v.forms[form][0] as usize];
        assert!(entry("HALTED").owns(&pats[0]) && !entry("HALTED").owns(&pats[1]));
        // The multi-word verb owns a pattern named by any of its spellings.
        assert!(entry("CALLED").owns(&pats[1]) && !entry("CALLED").owns(&pats[0]));
        assert!(entry("CANCELED").owns(&pats[2]));
        assert!(!entry("HALT").owns(&pats[3]));
    }

    #[test]
    fn builtin_loads() {
        let d = Dictionaries::builtin().unwrap();
        assert!(d.actors.phrases.len() > 20_000);
        assert!(d.verbs.blocks.len() > 300);
        assert!(d.agents.phrases.len() > 1_000);
        // dossier's additions are in: "officials" is government.
        let words: Vec<Box<str>> = vec!["OFFICIALS".into()];
        assert_eq!(d.agents.phrases.longest_at(&words, 0).map(|(_, a)| &*a.code), Some("GOV"));
    }
}

#[cfg(test)]
mod more_tests {
    use super::*;
    use proptest::prelude::*;

    /// 100,000 generated actor entries load (the time is printed with `--nocapture`; the
    /// figure is reported from a release run, not asserted).
    #[test]
    fn large_actor_dictionary() {
        let mut text = String::new();
        for i in 0..100_000 {
            text.push_str(&format!("ACTOR_NUMBER_{i}_ [C{:05}]\n+ALIAS_{i}\n", i % 99_999));
        }
        let t = std::time::Instant::now();
        let mut a = ActorDict::default();
        a.load_str("big.actors.txt", &text).unwrap();
        a.phrases.finish();
        eprintln!("100,000 actor entries loaded in {:?}", t.elapsed());
        assert_eq!(a.entries.len(), 100_000);
        assert_eq!(a.phrases.len(), 200_000);
        let toks = ["ALIAS_77".to_string()];
        assert!(a.phrases.longest_at(&toks, 0).is_none());
        let toks = ["ALIAS".to_string(), "77".to_string()];
        assert_eq!(a.phrases.longest_at(&toks, 0).map(|(n, _)| n), Some(2));
    }

    proptest! {
        #[test]
        fn loaders_never_panic(lines in proptest::collection::vec("[A-Z_ +\\[\\]<>{}~&*$%^0-9#:-]{0,30}", 0..20)) {
            let text = lines.join("\n");
            let _ = ActorDict::default().load_str("p.actors.txt", &text);
            let _ = AgentDict::default().load_str("p.agents.txt", &text);
            let _ = VerbDict::default().load_str("p.verbs.txt", &text);
            let _ = Discards::default().load_str("p.discards.txt", &text);
        }
    }
}
