//! Name normalization: case and diacritics folded, Cyrillic transliterated, titles dropped,
//! and a phonetic key that joins common transliteration variants (Witkoff/Vitkov,
//! Ushakov/Ušakov, Yury/Yuri).

/// Words that are titles or honorifics, not part of a name.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "dame",
    "prof",
    "professor",
    "president",
    "senator",
    "sen",
    "rep",
    "representative",
    "gov",
    "governor",
    "secretary",
    "minister",
    "gen",
    "general",
    "ambassador",
    "envoy",
    "aide",
    "adviser",
    "advisor",
    "spokesman",
    "spokeswoman",
    "chairman",
    "chairwoman",
    "mayor",
    "judge",
    "justice",
    "rev",
    "the",
    "jr",
    "sr",
    "ii",
    "iii",
    "s",
    "lt",
    "col",
    "capt",
    "sgt",
    "former",
    "vice",
    "deputy",
    "special",
    "presidential",
    "foreign",
    "prime",
    "king",
    "queen",
    "prince",
    "pope",
    "sheikh",
    "lord",
    "mme",
    "m",
];

fn fold_char(c: char, out: &mut String) {
    // ASCII, nearly all of English news: the same result as the table below, without the
    // general lower-casing (which allocates an iterator per character).
    if c.is_ascii() {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            '\'' | '`' => {}
            _ => out.push(' '),
        }
        return;
    }
    let s: &str = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => {
            "a"
        }
        'ç' | 'ć' | 'Ç' | 'Ć' => "c",
        'č' | 'Č' => "ch",
        'ď' | 'đ' | 'Ď' | 'Đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'İ' => "i",
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'ř' | 'Ř' => "r",
        'š' | 'Š' | 'ş' | 'Ş' => "sh",
        'ś' | 'Ś' => "s",
        'ť' | 'ţ' | 'Ť' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ů' | 'ū' | 'ű' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ů' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ž' | 'Ž' => "zh",
        'ź' | 'ż' | 'Ź' | 'Ż' => "z",
        'ł' | 'Ł' => "l",
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'а' | 'А' => "a",
        'б' | 'Б' => "b",
        'в' | 'В' => "v",
        'г' | 'Г' => "g",
        'д' | 'Д' => "d",
        'е' | 'Е' | 'ё' | 'Ё' | 'э' | 'Э' => "e",
        'ж' | 'Ж' => "zh",
        'з' | 'З' => "z",
        'и' | 'И' | 'і' | 'І' => "i",
        'й' | 'Й' | 'ы' | 'Ы' => "y",
        'к' | 'К' => "k",
        'л' | 'Л' => "l",
        'м' | 'М' => "m",
        'н' | 'Н' => "n",
        'о' | 'О' => "o",
        'п' | 'П' => "p",
        'р' | 'Р' => "r",
        'с' | 'С' => "s",
        'т' | 'Т' => "t",
        'у' | 'У' => "u",
        'ф' | 'Ф' => "f",
        'х' | 'Х' => "kh",
        'ц' | 'Ц' => "ts",
        'ч' | 'Ч' => "ch",
        'ш' | 'Ш' => "sh",
        'щ' | 'Щ' => "shch",
        'ъ' | 'Ъ' | 'ь' | 'Ь' => "",
        'ю' | 'Ю' => "yu",
        'я' | 'Я' => "ya",
        '’' | 'ʼ' => "",
        c if c.is_alphanumeric() => {
            out.extend(c.to_lowercase());
            return;
        }
        _ => " ",
    };
    out.push_str(s);
}

/// Lowercase ASCII-ish words of `text`: diacritics folded, Cyrillic transliterated,
/// punctuation dropped (apostrophes join: `O'Brien` → `obrien`).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`] appending to `out`.
fn fold_into(text: &str, out: &mut String) {
    // A possessive `'s` is not part of the name.
    let trimmed = text.trim_end_matches("'s").trim_end_matches("’s");
    for c in trimmed.chars() {
        fold_char(c, out);
    }
}

/// The words of a name without titles: `"Mr. Steve Witkoff"` → `["steve", "witkoff"]`.
pub fn name_tokens(name: &str) -> Vec<String> {
    let folded = fold(name);
    let mut words: Vec<&str> = folded.split_whitespace().collect();
    // What precedes a title is its qualifier, not the name: `US Senator Richard Lugar`.
    const OFFICES: &[&str] = &[
        "president",
        "senator",
        "sen",
        "rep",
        "governor",
        "gov",
        "secretary",
        "minister",
        "ambassador",
        "envoy",
        "aide",
        "adviser",
        "advisor",
        "spokesman",
        "spokeswoman",
        "chairman",
        "chairwoman",
        "mayor",
        "judge",
    ];
    if let Some(last_title) = words.iter().rposition(|w| OFFICES.contains(w))
        && last_title + 1 < words.len()
    {
        words.drain(..last_title);
    }
    while words.len() > 1 && words.last().is_some_and(|w| matches!(*w, "s" | "jr" | "sr" | "ii" | "iii")) {
        words.pop();
    }
    // The last word is the surname even when it is also a title (`Martin Luther King`).
    let last = words.len().saturating_sub(1);
    let kept: Vec<String> = words
        .iter()
        .enumerate()
        .filter(|(i, w)| *i == last || !TITLES.contains(w))
        .map(|(_, w)| (*w).to_string())
        .collect();
    if kept.is_empty() { words.iter().map(|w| (*w).to_string()).collect() } else { kept }
}

/// A phonetic key of one folded word that joins transliteration variants:
/// `witkoff`, `vitkov` → `vitkov`; `yury`, `yuri` → `iuri`; `ushakov` stays.
pub fn phon(word: &str) -> String {
    let mut s = word.to_string();
    for (a, b) in [("sch", "sh"), ("ph", "f"), ("ck", "k"), ("kh", "h"), ("w", "v"), ("y", "i"), ("j", "i")] {
        if s.contains(a) {
            s = s.replace(a, b);
        }
    }
    let mut out = String::with_capacity(s.len());
    let mut prev = '\0';
    for c in s.chars() {
        if c != prev {
            out.push(c);
        }
        prev = c;
    }
    if out.len() > 3 && out.ends_with('f') {
        out.pop();
        out.push('v');
    }
    out
}

/// Similarity of two phonetic keys (Jaro-Winkler).
pub fn similarity(a: &str, b: &str) -> f64 {
    strsim::jaro_winkler(a, b)
}

/// Whether two given names can belong to one person: equal keys, an initial and a name
/// starting with it, a prefix (`Steve`/`Steven`) or a close spelling (`Yury`/`Yuri`).
pub fn given_compatible(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (pa, pb) = (phon(a), phon(b));
    if pa == pb {
        return true;
    }
    if a.len() == 1 || b.len() == 1 {
        return a.chars().next() == b.chars().next();
    }
    // A short form (`Steve`/`Steven`); close spellings of full given names are different
    // names (`Ivana`/`Ivanka`), transliterations already share the phonetic key.
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= 3 && long.starts_with(short)
}

/// Whether a given name is only an initial.
pub fn is_initial(a: &str) -> bool {
    a.chars().count() == 1
}

/// What an actor is called, for checking that a mention attached to it by a report's
/// coreference can be a name of it: the phonetic keys of its name words and the given names
/// of its full person names.
#[derive(Debug, Default)]
pub struct NameProfile {
    words: std::collections::BTreeSet<String>,
    given: Vec<String>,
    initials: std::collections::BTreeSet<String>,
}

impl NameProfile {
    /// The profile of an actor with these resolved names (`person`: a person's names).
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>, person: bool) -> Self {
        let mut p = Self::default();
        for n in names {
            let toks = name_tokens(n);
            if person && toks.len() >= 2 && !is_initial(&toks[0]) {
                p.given.push(toks[0].clone());
            }
            let initials: String = toks
                .iter()
                .filter(|t| !matches!(t.as_str(), "of" | "the" | "and" | "for"))
                .filter_map(|t| t.chars().next())
                .collect();
            if initials.len() >= 2 {
                p.initials.insert(initials);
            }
            p.words.extend(toks.iter().map(|t| phon(t)));
        }
        p
    }

    /// Whether `alias` can name this actor: it shares a name word (for a person, the surname
    /// or a lone given name, with a compatible given name: not `Ivanka Trump` for Donald
    /// Trump), or it is the initials of one of its names (`RNC`).
    pub fn fits(&self, alias: &str, person: bool) -> bool {
        let toks = name_tokens(alias);
        let Some(last) = toks.last() else { return false };
        if toks.len() == 1 && self.initials.contains(last.as_str()) {
            return true;
        }
        // The head word: `U.S. Border Patrol` is no name of the United States.
        if !self.words.contains(&phon(last)) {
            return false;
        }
        if !person {
            return true;
        }
        match toks.first() {
            Some(g) if toks.len() >= 2 && !is_initial(g) && !self.given.is_empty() => {
                self.given.iter().any(|x| given_compatible(x, g))
            }
            _ => true,
        }
    }
}

/// Numbers for words, in order of first use: sets of word numbers compare without a string
/// allocation per word.
#[derive(Debug, Default)]
pub struct Vocab {
    ids: crate::HashMap<String, u32>,
}

impl Vocab {
    /// The number of `w`, given on first use.
    pub fn id(&mut self, w: &str) -> u32 {
        if let Some(&i) = self.ids.get(w) {
            return i;
        }
        let i = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        self.ids.insert(w.to_string(), i);
        i
    }
}

/// A set of word numbers as a sorted vector: built in one allocation (push, then
/// [`WordSet::from_unsorted`]), compared by a merge walk. The rebuild makes one per quote
/// and per event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordSet(Vec<u32>);

impl WordSet {
    /// The set of `ids` (any order, repeats allowed).
    pub fn from_unsorted(mut ids: Vec<u32>) -> Self {
        ids.sort_unstable();
        ids.dedup();
        Self(ids)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The numbers in increasing order.
    pub fn iter(&self) -> std::slice::Iter<'_, u32> {
        self.0.iter()
    }

    /// How many numbers the two sets share.
    pub fn shared(&self, other: &WordSet) -> usize {
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j, mut n) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    n += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        n
    }
}

impl FromIterator<u32> for WordSet {
    fn from_iter<I: IntoIterator<Item = u32>>(iter: I) -> Self {
        Self::from_unsorted(iter.into_iter().collect())
    }
}

/// Whether a folded word is a function word, left out of overlap measures.
fn is_stop(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "and"
            | "or"
            | "of"
            | "to"
            | "in"
            | "on"
            | "at"
            | "for"
            | "with"
            | "that"
            | "this"
            | "is"
            | "was"
            | "it"
            | "be"
            | "would"
            | "will"
            | "we"
            | "i"
            | "you"
            | "he"
            | "she"
            | "they"
            | "his"
            | "her"
            | "their"
            | "our"
            | "as"
            | "by"
            | "from"
            | "not"
            | "but"
            | "are"
            | "were"
            | "has"
            | "have"
            | "had"
            | "if"
            | "whether"
            | "so"
            | "do"
            | "does"
    )
}

/// Lowercase content words of a text, for overlap measures (quotes, sentences).
pub fn content_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for_each_content_word(text, &mut String::new(), |w| words.push(w.to_string()));
    words
}

/// Calls `f` with each content word of `text` (as [`content_words`] gives them), folding into
/// the reusable `buf` instead of allocating a string per word.
pub fn for_each_content_word(text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    buf.clear();
    fold_into(text, buf);
    // Folding leaves only single spaces between words (every other character that is not part
    // of a word became one).
    for w in buf.split(' ').filter(|w| !w.is_empty()) {
        if !is_stop(w) {
            f(w);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `WordSet` counts shared numbers exactly as set intersection does, on pseudo-random
    /// sets with repeats, overlaps and empty sides.
    #[test]
    fn word_sets_share_like_sets_intersect() {
        let mut x: u32 = 12345;
        let mut next = move |m: u32| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x % m
        };
        for _ in 0..500 {
            let (na, nb, range) = (next(30), next(30), 1 + next(40));
            let a: Vec<u32> = (0..na).map(|_| next(range)).collect();
            let b: Vec<u32> = (0..nb).map(|_| next(range)).collect();
            let (sa, sb): (std::collections::BTreeSet<u32>, std::collections::BTreeSet<u32>) =
                (a.iter().copied().collect(), b.iter().copied().collect());
            let (wa, wb) = (WordSet::from_unsorted(a), WordSet::from_unsorted(b));
            assert_eq!(wa.len(), sa.len());
            assert_eq!(wa.iter().copied().collect::<Vec<_>>(), sa.iter().copied().collect::<Vec<_>>());
            assert_eq!(wa.shared(&wb), sa.intersection(&sb).count());
            assert_eq!(wb.shared(&wa), sa.intersection(&sb).count());
        }
    }

    #[test]
    fn transliteration_variants_share_keys() {
        assert_eq!(phon(&fold("Witkoff")), phon(&fold("Vitkov")));
        assert_eq!(fold("Ušakov"), fold("Ushakov"));
        assert_eq!(fold("Ушаков"), "ushakov");
        assert_eq!(phon("yury"), phon("yuri"));
        assert!(similarity(&phon("itkoff"), &phon("witkoff")) > 0.92);
        assert!(similarity(&phon("clinton"), &phon("sanders")) < 0.7);
    }

    #[test]
    fn titles_and_possessives_dropped() {
        assert_eq!(name_tokens("Mr. Steve Witkoff's"), vec!["steve", "witkoff"]);
        assert_eq!(name_tokens("President Trump"), vec!["trump"]);
        assert_eq!(name_tokens("US Senator Richard Lugar"), vec!["richard", "lugar"]);
        assert_eq!(name_tokens("Martin Luther King Jr."), vec!["martin", "luther", "king"]);
    }

    #[test]
    fn ascii_fast_path_agrees_with_the_general_rule() {
        for b in 0u8..128 {
            let c = char::from(b);
            let mut fast = String::new();
            fold_char(c, &mut fast);
            let general: String = match c {
                '\'' | '`' => String::new(),
                c if c.is_alphanumeric() => c.to_lowercase().collect(),
                _ => " ".into(),
            };
            assert_eq!(fast, general, "{c:?}");
        }
        assert_eq!(fold("O'Brien, Ušakov"), "obrien  ushakov");
    }

    #[test]
    fn aliases_must_fit_the_actor() {
        let trump = NameProfile::new(["Donald Trump", "Trump", "Donald J. Trump"], true);
        assert!(trump.fits("Mr. Trump", true));
        assert!(trump.fits("The Donald", true));
        assert!(trump.fits("TRUMP", true));
        assert!(!trump.fits("Ivanka Trump", true));
        assert!(!trump.fits("Hillary Clinton", true));
        assert!(!trump.fits("Trump Tower", true));
        assert!(!trump.fits("Sunday", true));
        let rnc = NameProfile::new(["Republican National Committee"], false);
        assert!(rnc.fits("RNC", false));
        assert!(rnc.fits("the committee", false));
        assert!(!rnc.fits("the Justice Department", false));
        let us = NameProfile::new(["United States", "U.S."], false);
        assert!(!us.fits("U.S. Border Patrol", false));
    }

    #[test]
    fn given_names() {
        assert!(given_compatible("steve", "steven"));
        assert!(given_compatible("yury", "yuri"));
        assert!(given_compatible("j", "john"));
        assert!(!given_compatible("john", "jim"));
        assert!(!given_compatible("hillary", "bill"));
        assert!(!given_compatible("ivana", "ivanka"));
    }
}
