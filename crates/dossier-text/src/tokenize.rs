//! Rule-based tokenizer following Universal Dependencies (English EWT/GUM) conventions.
//!
//! One linear pass over the text. Whitespace separates *chunks*; each chunk is split into
//! tokens by peeling leading openers and trailing punctuation, keeping URLs, e-mail
//! addresses, numbers, times and abbreviations whole, splitting hyphenated compounds (except
//! after common prefixes such as `co-`, `non-`, `anti-`), and separating clitics as words of a
//! multiword token (`don't` → `do` + `n't`, `Bush's` → `Bush` + `'s`).
//!
//! Every non-whitespace character of the input ends up in exactly one token and tokens never
//! overlap, which is what lets the CoNLL 2018 scorer align on characters.

use crate::doc::{Gap, Token, TokenKind};
use crate::range::TextRange;

/// Splits a text into tokens. Stateless and cheap to copy; construct once and share.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tokenizer;

/// Titles, months, weekdays, company suffixes and other abbreviations that keep their final
/// period. Case-sensitive: `Gen.` is a title, `gen.` is not.
const ABBREVIATIONS: &[&str] = &[
    // titles and ranks
    "Mr", "Mrs", "Ms", "Messrs", "Mmes", "Dr", "Drs", "Prof", "Sen", "Sens", "Rep", "Reps", "Gov", "Govs", "Gen",
    "Gens", "Lt", "Col", "Maj", "Capt", "Cpt", "Sgt", "Cpl", "Pvt", "Adm", "Cmdr", "Cdr", "Rev", "Hon", "Pres", "Amb",
    "Atty", "Supt", "Insp", "Det", "Fr", "Sr", "Jr", "St", "Ste", "Mme", "Mlle", "Esq", "Brig", "Lieut",
    // months and weekdays
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed",
    "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", // organisations and addresses
    "Inc", "Corp", "Co", "Cos", "Ltd", "Bros", "Dept", "Univ", "Assn", "Assoc", "Govt", "Mfg", "Ave", "Blvd", "Rd",
    "Hwy", "Mt", "Ft", "Pt", "Sq", "Ct", "Pl", "Ln", "Pkwy", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla",
    "Ga", "Ill", "Ind", "Kan", "Kans", "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev",
    "Okla", "Ore", "Pa", "Penn", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo", "Ala", // general
    "etc", "vs", "al", "approx", "est", "cf", "ca", "viz", "Vol", "vol", "Ed", "eds", "Eds", "Dist", "Div", "Ref",
    "Sec", "Ch", "Ph", "Mx",
];

/// Abbreviations that keep their period only before a number (`No. 5`, `pp. 12`).
const NUMERIC_ABBREVIATIONS: &[&str] =
    &["No", "no", "Nos", "nos", "Art", "art", "Fig", "fig", "p", "pp", "Op", "op", "Nr"];

/// Prefixes whose hyphen does not split the word (`co-workers`, `anti-war`), as in UD English.
const HYPHEN_PREFIXES: &[&str] = &[
    "e", "co", "non", "pre", "post", "pro", "ex", "multi", "mid", "re", "anti", "semi", "over", "neo", "socio",
    "psycho", "sub", "cross", "counter", "inter", "intra", "arch", "un", "bi", "tri", "ultra", "mega", "super",
    "micro", "macro", "de", "mis", "uni", "extra", "hyper", "infra", "trans", "geo", "pan", "quasi", "meta", "vice",
];

/// Whole chunks that are one symbol token.
const EMOTICONS: &[&str] = &[
    ":)", ":(", ":D", ";)", ":-)", ":-(", ":P", ":p", "=)", "(:", "^_^", ":/", ":'(", "<3", ":o", ":O", ";-)", "-_-",
    ":-D", ":-P", ";D", "):", ":]", ":[",
];

/// Words split into two syntactic words although they contain no apostrophe.
const FUSED: &[(&str, usize)] = &[
    ("cannot", 3),
    ("gonna", 3),
    ("gotta", 3),
    ("wanna", 3),
    ("dont", 2),
    ("didnt", 3),
    ("doesnt", 4),
    ("isnt", 2),
    ("wasnt", 3),
    ("werent", 4),
    ("arent", 3),
    ("wont", 2),
    ("cant", 2),
    ("couldnt", 5),
    ("wouldnt", 5),
    ("shouldnt", 6),
    ("havent", 4),
    ("hasnt", 3),
    ("hadnt", 3),
];

const URL_PREFIXES: &[&str] = &["http://", "https://", "ftp://", "www.", "mailto:"];

#[inline]
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | 0x0b | 0x0c)
}

#[inline]
fn is_opener(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '“' | '‘' | '«' | '„' | '‚' | '¿' | '¡' | '‹')
}

#[inline]
fn is_closer(c: char) -> bool {
    matches!(c, ')' | ']' | '}' | '”' | '’' | '»' | '"' | '\'' | '›')
}

#[inline]
fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‽')
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Accumulates the tokens of one chunk; the first one carries the chunk's gap.
struct Emitter<'o> {
    out: &'o mut Vec<Token>,
    gap: Gap,
}

impl Emitter<'_> {
    #[inline]
    fn push(&mut self, start: usize, end: usize, kind: TokenKind, joined: bool) {
        if start < end {
            let gap = std::mem::replace(&mut self.gap, Gap::None);
            self.out.push(Token { range: TextRange::from_usize(start, end), gap, kind, joined });
        }
    }
}

/// Trailing pieces peeled off a chunk, emitted in reverse after the core.
#[derive(Default)]
struct Tail {
    items: [(usize, usize); 12],
    len: usize,
    overflow: Vec<(usize, usize)>,
}

impl Tail {
    #[inline]
    fn push(&mut self, start: usize, end: usize) {
        if self.len < self.items.len() {
            self.items[self.len] = (start, end);
            self.len += 1;
        } else {
            self.overflow.push((start, end));
        }
    }

    fn drain_into(self, em: &mut Emitter<'_>) {
        for &(s, e) in self.overflow.iter().rev() {
            em.push(s, e, TokenKind::Punct, false);
        }
        for &(s, e) in self.items[..self.len].iter().rev() {
            em.push(s, e, TokenKind::Punct, false);
        }
    }
}

impl Tokenizer {
    pub fn new() -> Self {
        Tokenizer
    }

    /// Tokenizes `text`, appending to `out`. The first token of the text gets
    /// [`Gap::Paragraph`].
    pub fn tokenize_into(&self, text: &str, out: &mut Vec<Token>) {
        let bytes = text.as_bytes();
        let n = bytes.len();
        let mut i = 0;
        let mut newlines = 0u32;
        let mut space = false;
        let mut first = true;
        while i < n {
            let b = bytes[i];
            if b == b'\n' {
                newlines += 1;
                i += 1;
                continue;
            }
            if b < 0x80 {
                if is_ascii_space(b) {
                    space = true;
                    i += 1;
                    continue;
                }
            } else if let Some(c) = text[i..].chars().next()
                && c.is_whitespace()
            {
                if matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}') {
                    newlines += 1 + u32::from(c == '\u{2029}');
                } else {
                    space = true;
                }
                i += c.len_utf8();
                continue;
            }
            let start = i;
            let end = chunk_end(text, i);
            let gap = if first || newlines >= 2 {
                Gap::Paragraph
            } else if newlines == 1 {
                Gap::Newline
            } else if space {
                Gap::Space
            } else {
                Gap::None
            };
            let next = text[end..].chars().find(|c| !c.is_whitespace());
            let mut em = Emitter { out, gap };
            split_chunk(text, start, end, next, &mut em);
            first = false;
            newlines = 0;
            space = false;
            i = end;
        }
    }

    /// Tokenizes `text` into a new vector.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::with_capacity(text.len() / 5 + 1);
        self.tokenize_into(text, &mut out);
        out
    }
}

/// End of the whitespace-free chunk starting at `i`.
#[inline]
fn chunk_end(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b == b'\n' || is_ascii_space(b) {
                return i;
            }
            i += 1;
        } else {
            match text[i..].chars().next() {
                Some(c) if c.is_whitespace() => return i,
                Some(c) => i += c.len_utf8(),
                None => return i,
            }
        }
    }
    i
}

#[inline]
fn first_char(text: &str, a: usize, z: usize) -> Option<char> {
    text[a..z].chars().next()
}

#[inline]
fn last_char(text: &str, a: usize, z: usize) -> Option<char> {
    text[a..z].chars().next_back()
}

/// Length in bytes of the run of `c` starting at `a`.
fn run_forward(text: &str, a: usize, z: usize, c: char) -> usize {
    text[a..z].chars().take_while(|&x| x == c).map(char::len_utf8).sum()
}

/// Length in bytes of the run of characters satisfying `f` ending at `z`.
fn run_backward(text: &str, a: usize, z: usize, f: impl Fn(char) -> bool) -> usize {
    text[a..z].chars().rev().take_while(|&x| f(x)).map(char::len_utf8).sum()
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

fn is_url(s: &str) -> bool {
    matches!(s.as_bytes().first(), Some(b'h' | b'H' | b'f' | b'F' | b'w' | b'W' | b'm' | b'M'))
        && URL_PREFIXES.iter().any(|p| starts_with_ci(s, p))
}

fn is_email(s: &str) -> bool {
    let Some(at) = memchr::memchr(b'@', s.as_bytes()) else { return false };
    let (user, host) = (&s[..at], &s[at + 1..]);
    !user.is_empty()
        && user.chars().all(|c| c.is_alphanumeric() || "._%+-".contains(c))
        && host.contains('.')
        && host.chars().all(|c| c.is_alphanumeric() || ".-".contains(c))
        && host.chars().next().is_some_and(char::is_alphanumeric)
}

/// Whether `word` (without its final period) is an abbreviation that keeps the period.
fn is_abbreviation(word: &str, next: Option<char>) -> bool {
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (None, _) => return false,
        // An initial: `W.`, `J.`
        (Some(c), None) => return c.is_alphabetic(),
        _ => {}
    }
    if word.contains('.') {
        // `U.S`, `e.g`, `Ph.D`, `a.m`: short alphabetic parts joined by periods.
        return word.split('.').all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(char::is_alphabetic));
    }
    if ABBREVIATIONS.contains(&word) {
        return true;
    }
    NUMERIC_ABBREVIATIONS.contains(&word) && next.is_some_and(|c| c.is_ascii_digit())
}

fn split_chunk(text: &str, start: usize, end: usize, next: Option<char>, em: &mut Emitter<'_>) {
    let chunk = &text[start..end];
    if EMOTICONS.contains(&chunk) {
        em.push(start, end, TokenKind::Symbol, false);
        return;
    }
    let (mut a, mut z) = (start, end);
    // URLs need `:` or `.`, e-mail addresses `@`: most chunks skip those checks.
    let may_link = memchr::memchr3(b'@', b':', b'.', chunk.as_bytes()).is_some();
    let is_link = |s: &str| may_link && (is_url(s) || is_email(s));
    // Leading openers and symbols.
    while a < z {
        let rest = &text[a..z];
        if is_link(rest) {
            break;
        }
        let Some(c) = first_char(text, a, z) else { break };
        let w = c.len_utf8();
        let after = text[a + w..z].chars().next();
        let take = if is_opener(c) || c == '"' || c == '#' || c == '$' || c == '€' || c == '£' {
            w
        } else if is_apostrophe(c) {
            if text[a..z].starts_with("''") {
                2 // `''` as an opening double quote (newswire style)
            } else if a + w == z || starts_with_clitic_word(&text[a..z]) {
                break;
            } else {
                w
            }
        } else if c == '-' {
            match after {
                Some(d) if d.is_ascii_digit() => break,
                _ => run_forward(text, a, z, c),
            }
        } else if matches!(
            c,
            '`' | '<'
                | '>'
                | '*'
                | '.'
                | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | '~'
                | '+'
                | '='
                | '|'
                | '/'
                | '\\'
                | '^'
                | '_'
                | '…'
                | '—'
                | '–'
                | '•'
                | '·'
                | '@'
                | '&'
                | '%'
        ) {
            if c == '.' && after.is_some_and(|d| d.is_ascii_digit()) {
                break; // `.5`
            }
            run_forward(text, a, z, c)
        } else {
            break;
        };
        em.push(a, a + take, TokenKind::Punct, false);
        a += take;
    }
    // Trailing punctuation, peeled right to left.
    let mut tail = Tail::default();
    let mut parens: Option<(usize, usize)> = None;
    while a < z {
        let rest = &text[a..z];
        let Some(c) = last_char(text, a, z) else { break };
        let w = c.len_utf8();
        if is_link(rest) {
            // Only sentence punctuation and unmatched closers come off a URL. Parentheses are
            // counted once per chunk so a long run of trailing punctuation stays linear.
            let (opens, closes) = *parens.get_or_insert_with(|| {
                (memchr::memchr_iter(b'(', rest.as_bytes()).count(), memchr::memchr_iter(b')', rest.as_bytes()).count())
            });
            let strip = matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '”' | '’' | '>' | ']')
                || (c == ')' && closes > opens);
            if strip {
                if c == ')' {
                    parens = Some((opens, closes - 1));
                }
                tail.push(z - w, z);
                z -= w;
                continue;
            }
            break;
        }
        let take = if is_terminal(c) {
            let run = run_backward(text, a, z, is_terminal);
            if run == 1 && c == '.' {
                let word = &text[a..z - 1];
                if word.is_empty() || is_abbreviation(word, next) {
                    break;
                }
            }
            if run == z - a {
                break; // the chunk is nothing but the run: emit it as the core
            }
            run
        } else if is_closer(c) {
            // `''` closes a quotation as one token; `parents'` keeps a lone apostrophe, as in UD.
            if c == '\'' && text[a..z].ends_with("''") && z - a > 2 { 2 } else { w }
        } else if matches!(
            c,
            ',' | ';'
                | ':'
                | '%'
                | '*'
                | '+'
                | '>'
                | '<'
                | '-'
                | '='
                | '~'
                | '|'
                | '—'
                | '–'
                | '/'
                | '#'
                | '^'
                | '&'
                | '@'
                | '`'
        ) {
            run_backward(text, a, z, |x| x == c)
        } else {
            break;
        };
        if take >= z - a {
            break;
        }
        tail.push(z - take, z);
        z -= take;
    }
    if a < z {
        let core = &text[a..z];
        if is_link(core) {
            em.push(
                a,
                z,
                if core.contains('@') && !core.contains('/') { TokenKind::Email } else { TokenKind::Url },
                false,
            );
        } else {
            split_core(text, a, z, em);
        }
    }
    tail.drain_into(em);
}

/// `'s`, `'em`, `'90s`, `'cause`: an apostrophe-initial word that is not an opening quote.
fn starts_with_clitic_word(s: &str) -> bool {
    let body: &str = s.trim_start_matches(['\'', '’']);
    if body.len() == s.len() {
        return false;
    }
    let word: String = body.chars().take_while(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    matches!(word.as_str(), "s" | "m" | "d" | "re" | "ve" | "ll" | "t" | "em" | "cause" | "til" | "n" | "tis")
        || (word.len() >= 2 && word.chars().take(2).all(|c| c.is_ascii_digit()))
}

/// Splits a chunk core (no leading openers, no trailing punctuation) at internal separators.
fn split_core(text: &str, a: usize, z: usize, em: &mut Emitter<'_>) {
    let core = &text[a..z];
    let mut piece = a;
    let mut prev: Option<char> = None;
    let mut iter = core.char_indices().peekable();
    while let Some((off, c)) = iter.next() {
        let p = a + off;
        let next = iter.peek().map(|&(_, n)| n);
        let alnum = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
        let digit = |x: Option<char>| x.is_some_and(|d| d.is_ascii_digit());
        let separator = match c {
            '(' | ')' | '[' | ']' | '{' | '}' | '"' | '“' | '”' | '«' | '»' | ';' | '!' | '?' | '…' | '—' | '–'
            | '|' | '~' | '=' | '*' | '<' | '>' | '+' | '%' | '$' | '€' | '£' | '^' => true,
            ',' => !(digit(prev) && digit(next)),
            '/' => !(digit(prev) && digit(next)),
            ':' => !(digit(prev) && digit(next)),
            '&' => !(alnum(prev) && alnum(next)),
            '.' => next == Some('.') || (prev == Some('.') && piece == p),
            '-' => {
                if digit(prev) && digit(next) {
                    false
                } else if alnum(prev) && alnum(next) {
                    let left = &text[piece..p];
                    !(left.len() <= 6 && HYPHEN_PREFIXES.iter().any(|x| left.eq_ignore_ascii_case(x)))
                } else {
                    true
                }
            }
            _ => false,
        };
        if separator {
            emit_word(text, piece, p, em);
            // Group runs of the same separator (`...`, `--`, `**`).
            let mut end = p + c.len_utf8();
            while let Some(&(o2, c2)) = iter.peek() {
                if c2 != c {
                    break;
                }
                end = a + o2 + c2.len_utf8();
                iter.next();
            }
            em.push(p, end, TokenKind::Punct, false);
            piece = end;
            prev = Some(c);
            continue;
        }
        prev = Some(c);
    }
    emit_word(text, piece, z, em);
}

/// Emits one word, splitting clitics off as further words of the same surface token.
fn emit_word(text: &str, a: usize, z: usize, em: &mut Emitter<'_>) {
    if a >= z {
        return;
    }
    let w = &text[a..z];
    let kind = word_kind(w);
    if kind == TokenKind::Word
        && let Some(split) = clitic_split(w)
    {
        em.push(a, a + split, TokenKind::Word, false);
        em.push(a + split, z, TokenKind::Word, true);
        return;
    }
    em.push(a, z, kind, false);
}

fn word_kind(w: &str) -> TokenKind {
    let mut chars = w.chars();
    match chars.next() {
        Some(c) if c.is_ascii_digit() => {
            if w.chars().all(|c| c.is_ascii_digit() || ".,:/-".contains(c)) {
                TokenKind::Number
            } else {
                TokenKind::Word
            }
        }
        Some(c) if c.is_alphanumeric() || is_apostrophe(c) => TokenKind::Word,
        Some(_) if w.chars().any(char::is_alphanumeric) => TokenKind::Word,
        Some(_) => TokenKind::Symbol,
        None => TokenKind::Word,
    }
}

/// Byte position where a clitic starts, if `w` ends with one (`do|n't`, `Bush|'s`, `I|'m`).
/// Allocation-free: this runs on every word.
fn clitic_split(w: &str) -> Option<usize> {
    const CLITICS: &[&[u8]] = &[b"t", b"s", b"m", b"d", b"re", b"ve", b"ll"];
    const APOSTROPHES: &[&[u8]] = &[b"'", "\u{2019}".as_bytes()];
    let b = w.as_bytes();
    let n = b.len();
    for apos in APOSTROPHES {
        for clitic in CLITICS {
            let k = clitic.len();
            let at = match n.checked_sub(k + apos.len()) {
                Some(at) if at > 0 => at,
                _ => continue,
            };
            if !b[n - k..].eq_ignore_ascii_case(clitic) || &b[at..n - k] != *apos {
                continue;
            }
            if *clitic == b"t" {
                // n't: can't → ca + n't, won't → wo + n't (UD keeps the written characters).
                if at >= 2 && b[at - 1].eq_ignore_ascii_case(&b'n') {
                    return Some(at - 1);
                }
                continue;
            }
            if w[..at].chars().next_back().is_some_and(char::is_alphanumeric) {
                return Some(at);
            }
        }
    }
    if (4..=8).contains(&n) && w.is_ascii() {
        let mut lower = [0u8; 8];
        for (d, s) in lower.iter_mut().zip(b) {
            *d = s.to_ascii_lowercase();
        }
        let lower = &lower[..n];
        return FUSED.iter().find(|(f, _)| f.as_bytes() == lower).map(|&(_, at)| at);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        Tokenizer.tokenize(text).into_iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn basic_sentence() {
        assert_eq!(
            toks("The envoy said: \"We agreed.\""),
            ["The", "envoy", "said", ":", "\"", "We", "agreed", ".", "\""]
        );
    }

    #[test]
    fn abbreviations_keep_periods() {
        assert_eq!(
            toks("Mr. Smith met Sen. Jones in the U.S. on Jan. 5."),
            ["Mr.", "Smith", "met", "Sen.", "Jones", "in", "the", "U.S.", "on", "Jan.", "5", "."]
        );
        assert_eq!(toks("J. R. Ewing, e.g. at 5 p.m."), ["J.", "R.", "Ewing", ",", "e.g.", "at", "5", "p.m."]);
        assert_eq!(toks("He said no. No. 5 won."), ["He", "said", "no", ".", "No.", "5", "won", "."]);
    }

    #[test]
    fn clitics_become_words_of_one_token() {
        let text = "I don't think it's Bush's or they're wrong; can't won't cannot.";
        let t = Tokenizer.tokenize(text);
        let forms: Vec<_> = t.iter().map(|t| t.text(text)).collect();
        assert_eq!(
            forms,
            [
                "I", "do", "n't", "think", "it", "'s", "Bush", "'s", "or", "they", "'re", "wrong", ";", "ca", "n't",
                "wo", "n't", "can", "not", "."
            ]
        );
        assert!(t[2].joined && !t[1].joined);
        assert!(!t[19].joined);
    }

    #[test]
    fn curly_apostrophes_and_quotes() {
        assert_eq!(toks("“It’s done,” she said."), ["“", "It", "’s", "done", ",", "”", "she", "said", "."]);
        assert_eq!(toks("the '90s and 'em"), ["the", "'90s", "and", "'em"]);
    }

    #[test]
    fn numbers_urls_and_emails() {
        assert_eq!(
            toks("$200,000 (5.5%) at 7:30 on 9/11"),
            ["$", "200,000", "(", "5.5", "%", ")", "at", "7:30", "on", "9/11"]
        );
        assert_eq!(
            toks("See https://example.org/a-b?x=1. Mail jo.doe@example.com."),
            ["See", "https://example.org/a-b?x=1", ".", "Mail", "jo.doe@example.com", "."]
        );
        assert_eq!(toks("call 713-555-0199 now"), ["call", "713-555-0199", "now"]);
    }

    #[test]
    fn hyphens_split_except_prefixes() {
        assert_eq!(
            toks("a 15-year term, well-known co-workers and anti-war e-mail"),
            ["a", "15", "-", "year", "term", ",", "well", "-", "known", "co-workers", "and", "anti-war", "e-mail"]
        );
        assert_eq!(toks("peace--or not -- and and/or"), ["peace", "--", "or", "not", "--", "and", "and", "/", "or"]);
    }

    #[test]
    fn doubled_apostrophes_are_one_quote_token() {
        assert_eq!(toks("''We won,'' he said."), ["''", "We", "won", ",", "''", "he", "said", "."]);
        assert_eq!(toks("the parents' plan"), ["the", "parents", "'", "plan"]);
    }

    #[test]
    fn ellipses_dashes_and_runs() {
        assert_eq!(toks("Wait...what?! No!!! — fine…"), ["Wait", "...", "what", "?!", "No", "!!!", "—", "fine", "…"]);
        assert_eq!(toks("end :) ok"), ["end", ":)", "ok"]);
    }

    #[test]
    fn gaps_record_whitespace() {
        let text = "One two.\nThree\n\nFour";
        let t = Tokenizer.tokenize(text);
        let gaps: Vec<_> = t.iter().map(|t| t.gap).collect();
        assert_eq!(gaps, [Gap::Paragraph, Gap::Space, Gap::None, Gap::Newline, Gap::Paragraph]);
    }

    #[test]
    fn every_non_space_char_is_covered_once() {
        let text = "((weird)) ,,x-y-z... «q» ‘a’ \u{a0}ü-ß 1.2.3 @@ #1 ~~";
        let t = Tokenizer.tokenize(text);
        let mut covered = String::new();
        let mut last = 0;
        for tok in &t {
            assert!(tok.range.start() as usize >= last);
            last = tok.range.end() as usize;
            covered.push_str(tok.text(text));
        }
        let expected: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(covered, expected);
    }
}
