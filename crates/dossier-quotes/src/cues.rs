//! The cue lexicon: verbs and phrases that introduce reported speech or belief.

use dossier_text::Token;

/// Whether a cue reports speech or a mental state (belief, intention).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    Speech,
    Mental,
}

impl CueKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CueKind::Speech => "speech",
            CueKind::Mental => "mental",
        }
    }
}

/// Speech verbs in all their inflected forms.
const SPEECH: &[&str] = &[
    "say",
    "says",
    "said",
    "saying",
    "tell",
    "tells",
    "told",
    "telling",
    "add",
    "adds",
    "added",
    "state",
    "states",
    "stated",
    "note",
    "notes",
    "noted",
    "write",
    "writes",
    "wrote",
    "ask",
    "asks",
    "asked",
    "argue",
    "argues",
    "argued",
    "claim",
    "claims",
    "claimed",
    "insist",
    "insists",
    "insisted",
    "explain",
    "explains",
    "explained",
    "warn",
    "warns",
    "warned",
    "announce",
    "announces",
    "announced",
    "declare",
    "declares",
    "declared",
    "acknowledge",
    "acknowledges",
    "acknowledged",
    "admit",
    "admits",
    "admitted",
    "deny",
    "denies",
    "denied",
    "suggest",
    "suggests",
    "suggested",
    "reply",
    "replies",
    "replied",
    "respond",
    "responds",
    "responded",
    "comment",
    "comments",
    "commented",
    "commenting",
    "remark",
    "remarks",
    "remarked",
    "recall",
    "recalls",
    "recalled",
    "predict",
    "predicts",
    "predicted",
    "report",
    "reports",
    "reported",
    "testify",
    "testifies",
    "testified",
    "tweet",
    "tweets",
    "tweeted",
    "post",
    "posted",
    "confirm",
    "confirms",
    "confirmed",
    "contend",
    "contends",
    "contended",
    "maintain",
    "maintains",
    "maintained",
    "emphasize",
    "emphasizes",
    "emphasized",
    "stress",
    "stresses",
    "stressed",
    "urge",
    "urges",
    "urged",
    "promise",
    "promises",
    "promised",
    "vow",
    "vows",
    "vowed",
    "concede",
    "concedes",
    "conceded",
    "complain",
    "complains",
    "complained",
    "caution",
    "cautions",
    "cautioned",
    "conclude",
    "concludes",
    "concluded",
    "counter",
    "counters",
    "countered",
    "repeat",
    "repeats",
    "repeated",
    "disclose",
    "discloses",
    "disclosed",
    "allege",
    "alleges",
    "alleged",
    "observe",
    "observes",
    "observed",
    "assert",
    "asserts",
    "asserted",
    "reiterate",
    "reiterates",
    "reiterated",
    "charge",
    "charges",
    "charged",
    "boast",
    "boasts",
    "boasted",
    "indicate",
    "indicates",
    "indicated",
    "propose",
    "proposes",
    "proposed",
    "assure",
    "assures",
    "assured",
    "predicted",
    "mention",
    "mentions",
    "mentioned",
    "explain",
    "shout",
    "shouted",
    "quip",
    "quipped",
    "joke",
    "joked",
    "scoff",
    "scoffed",
    "demand",
    "demanded",
    "demands",
    "threaten",
    "threatened",
    "threatens",
    "accuse",
    "accused",
    "accuses",
    "call",
    "called",
    "agree",
    "agrees",
    "agreed",
    "cite",
    "cites",
    "cited",
    "citing",
    "criticize",
    "criticizes",
    "criticized",
    "question",
    "questions",
    "questioned",
    "pledge",
    "pledges",
    "pledged",
    "estimate",
    "estimates",
    "estimated",
    "echo",
    "echoes",
    "echoed",
    "continue",
    "continued",
    "acknowledging",
    "arguing",
    "claiming",
    "insisting",
    "noting",
    "adding",
    "warning",
    "explaining",
    "suggesting",
    "calling",
    "promising",
    "vowing",
    "predicting",
    "declaring",
    "announcing",
    "stating",
    "asking",
    "reporting",
    "writing",
    "tweeting",
];

/// Belief and intention verbs.
const MENTAL: &[&str] = &[
    "believe",
    "believes",
    "believed",
    "think",
    "thinks",
    "thought",
    "feel",
    "feels",
    "felt",
    "hope",
    "hopes",
    "hoped",
    "fear",
    "fears",
    "feared",
    "expect",
    "expects",
    "expected",
    "know",
    "knows",
    "knew",
    "figure",
    "figures",
    "figured",
    "worry",
    "worries",
    "worried",
    "doubt",
    "doubts",
    "doubted",
    "suspect",
    "suspects",
    "suspected",
    "wonder",
    "wonders",
    "wondered",
    "want",
    "wants",
    "wanted",
    "realize",
    "realizes",
    "realized",
    // Not `plan`, `show`, `describe`: as nouns or with an object they rarely report anything.
    "seem",
    "seems",
    "seemed",
    "find",
    "finds",
    "found",
    "showed",
    "shown",
];

fn lower_ascii(s: &str) -> Option<String> {
    (s.len() <= 16 && s.is_ascii()).then(|| s.to_ascii_lowercase())
}

/// The cue starting at token `i` (before `end`): its last token index and kind.
pub fn cue_at(text: &str, tokens: &[Token], i: usize, end: usize) -> Option<(usize, CueKind)> {
    let w = lower_ascii(tokens[i].text(text))?;
    // A negated verb reports nothing (`did not say`, `never told`).
    if i > 0 && matches!(lower_ascii(tokens[i - 1].text(text)).as_deref(), Some("not" | "n't" | "never")) {
        return None;
    }
    let next = tokens.get(i + 1).filter(|_| i + 1 < end).and_then(|t| lower_ascii(t.text(text)));
    match (w.as_str(), next.as_deref()) {
        ("according", Some("to")) => return Some((i + 1, CueKind::Speech)),
        ("pointed" | "points" | "point", Some("out")) => return Some((i + 1, CueKind::Speech)),
        // "called for", "called on": a demand, but "called" alone is naming (`a plan called X`).
        ("call" | "called" | "calls", Some("for" | "on")) => return Some((i + 1, CueKind::Speech)),
        ("call" | "called" | "calls", _) => return None,
        // "said to be", "expected to" are not attributions.
        (_, Some("to" | "by")) if w != "told" => return None,
        _ => {}
    }
    if SPEECH.contains(&w.as_str()) {
        return Some((i, CueKind::Speech));
    }
    if MENTAL.contains(&w.as_str()) {
        return Some((i, CueKind::Mental));
    }
    None
}

/// Verbs that report what someone said or learned only when they take a clause
/// (`polls show that ...`, `the paper has learned that ...`); with a noun object they report
/// nothing (`showed the door`), which the syntax layer can tell apart.
const CLAUSAL: &[(&str, CueKind)] = &[
    ("show", CueKind::Speech),
    ("reveal", CueKind::Speech),
    ("indicate", CueKind::Speech),
    ("signal", CueKind::Speech),
    ("hint", CueKind::Speech),
    ("imply", CueKind::Speech),
    ("insinuate", CueKind::Speech),
    ("shout", CueKind::Speech),
    ("whisper", CueKind::Speech),
    ("brag", CueKind::Speech),
    ("speculate", CueKind::Speech),
    ("concur", CueKind::Speech),
    ("specify", CueKind::Speech),
    ("clarify", CueKind::Speech),
    ("verify", CueKind::Speech),
    ("swear", CueKind::Speech),
    ("stipulate", CueKind::Speech),
    ("demand", CueKind::Speech),
    ("recommend", CueKind::Speech),
    ("advise", CueKind::Speech),
    ("inform", CueKind::Speech),
    ("remind", CueKind::Speech),
    ("convince", CueKind::Speech),
    ("persuade", CueKind::Speech),
    ("find", CueKind::Mental),
    ("learn", CueKind::Mental),
    ("hear", CueKind::Mental),
    ("see", CueKind::Mental),
    ("read", CueKind::Mental),
    ("recognize", CueKind::Mental),
    ("understand", CueKind::Mental),
    ("assume", CueKind::Mental),
    ("guess", CueKind::Mental),
    ("imagine", CueKind::Mental),
    ("decide", CueKind::Mental),
    ("agree", CueKind::Speech),
    ("estimate", CueKind::Speech),
    ("calculate", CueKind::Mental),
    ("conclude", CueKind::Speech),
    ("determine", CueKind::Mental),
    ("notice", CueKind::Mental),
    ("discover", CueKind::Mental),
    ("remember", CueKind::Mental),
    ("forget", CueKind::Mental),
    ("bet", CueKind::Mental),
    ("trust", CueKind::Mental),
    ("sense", CueKind::Mental),
    ("presume", CueKind::Mental),
    ("reckon", CueKind::Mental),
    ("acknowledge", CueKind::Speech),
    // `it appears that ...` (for `X appears to ...` see [`raising`]).
    ("appear", CueKind::Mental),
];

/// Whether a verb lemma presents its subject's state as an impression (`X seems to be moving
/// behind Trump`, `X appeared uneasy`): the complement is the content (one span: the subject
/// before the cue is its topic) and there is no source.
pub fn raising(lemma: &str) -> bool {
    lower_ascii(lemma).is_some_and(|l| matches!(l.as_str(), "seem" | "appear"))
}

/// Whether a verb lemma reports only through a clause (`show`, `reveal`, `find`): with a
/// parse, the tree alone decides whether it reports anything.
pub fn clausal_only(lemma: &str) -> bool {
    lower_ascii(lemma).is_some_and(|l| CLAUSAL.iter().any(|(w, _)| *w == l))
}

/// Verbs that report an intention, promise or demand through an infinitive
/// (`vowed to repeal`, `urged Congress to act`, `declined to comment`).
const INFINITIVAL: &[(&str, CueKind)] = &[
    ("promise", CueKind::Speech),
    ("vow", CueKind::Speech),
    ("pledge", CueKind::Speech),
    ("threaten", CueKind::Speech),
    ("urge", CueKind::Speech),
    ("ask", CueKind::Speech),
    ("tell", CueKind::Speech),
    ("warn", CueKind::Speech),
    ("order", CueKind::Speech),
    ("demand", CueKind::Speech),
    ("encourage", CueKind::Speech),
    ("implore", CueKind::Speech),
    ("beg", CueKind::Speech),
    ("challenge", CueKind::Speech),
    ("invite", CueKind::Speech),
    ("decline", CueKind::Speech),
    ("refuse", CueKind::Speech),
    ("offer", CueKind::Speech),
    ("agree", CueKind::Speech),
    ("propose", CueKind::Speech),
    ("claim", CueKind::Speech),
    ("want", CueKind::Mental),
    ("hope", CueKind::Mental),
    ("plan", CueKind::Mental),
    ("intend", CueKind::Mental),
    ("expect", CueKind::Mental),
    ("wish", CueKind::Mental),
    ("seek", CueKind::Mental),
    ("aim", CueKind::Mental),
    ("prefer", CueKind::Mental),
    ("decide", CueKind::Mental),
];

/// The cue kind of a verb lemma that introduces a clausal complement (`said that ...`), or
/// an infinitival one when `infinitive` (`vowed to ...`).
pub fn cue_lemma(lemma: &str, infinitive: bool) -> Option<CueKind> {
    let lemma = lower_ascii(lemma)?;
    let l = lemma.as_str();
    if infinitive {
        return INFINITIVAL.iter().find(|(w, _)| *w == l).map(|&(_, k)| k);
    }
    // `call` names things (`a plan called X`); it reports only with `for`/`on`, handled by
    // the surface lexicon.
    if l == "call" {
        return None;
    }
    if SPEECH.contains(&l) {
        return Some(CueKind::Speech);
    }
    if MENTAL.contains(&l) {
        return Some(CueKind::Mental);
    }
    CLAUSAL.iter().find(|(w, _)| *w == l).map(|&(_, k)| k)
}

/// Verbs whose noun-phrase object is a reported position (`endorsed the plan`, `denied the
/// report`, `called for a ceasefire`): the object is the content.
const NOMINAL: &[(&str, CueKind)] = &[
    ("praise", CueKind::Speech),
    ("criticize", CueKind::Speech),
    ("criticise", CueKind::Speech),
    ("attack", CueKind::Speech),
    ("endorse", CueKind::Speech),
    ("condemn", CueKind::Speech),
    ("denounce", CueKind::Speech),
    ("decry", CueKind::Speech),
    ("demand", CueKind::Speech),
    ("dispute", CueKind::Speech),
    ("deny", CueKind::Speech),
    ("reject", CueKind::Speech),
    ("support", CueKind::Mental),
    ("oppose", CueKind::Mental),
    ("blast", CueKind::Speech),
    ("slam", CueKind::Speech),
    ("lambaste", CueKind::Speech),
    ("rebuke", CueKind::Speech),
    ("cite", CueKind::Speech),
    ("propose", CueKind::Speech),
    ("promise", CueKind::Speech),
    ("announce", CueKind::Speech),
    ("describe", CueKind::Speech),
    ("dismiss", CueKind::Speech),
    ("defend", CueKind::Speech),
    ("question", CueKind::Speech),
    ("welcome", CueKind::Speech),
    ("applaud", CueKind::Speech),
    ("hail", CueKind::Speech),
    ("express", CueKind::Speech),
    ("back", CueKind::Mental),
    ("embrace", CueKind::Mental),
    ("mock", CueKind::Speech),
    ("ridicule", CueKind::Speech),
    ("challenge", CueKind::Speech),
    ("acknowledge", CueKind::Speech),
    ("admit", CueKind::Speech),
    ("confirm", CueKind::Speech),
    ("recommend", CueKind::Speech),
    ("advocate", CueKind::Speech),
    ("request", CueKind::Speech),
    ("predict", CueKind::Speech),
    ("mention", CueKind::Speech),
    ("tout", CueKind::Speech),
    ("emphasize", CueKind::Speech),
    ("stress", CueKind::Speech),
    ("reveal", CueKind::Speech),
    ("disclose", CueKind::Speech),
    ("concede", CueKind::Speech),
    ("reiterate", CueKind::Speech),
    ("pledge", CueKind::Speech),
    ("unveil", CueKind::Speech),
    ("lament", CueKind::Speech),
    ("blame", CueKind::Speech),
    ("accuse", CueKind::Speech),
    ("discuss", CueKind::Speech),
    ("favor", CueKind::Mental),
    ("favour", CueKind::Mental),
];

/// The cue kind of a verb lemma whose noun-phrase object is a reported position.
pub fn nominal_cue_lemma(lemma: &str) -> Option<CueKind> {
    let lemma = lower_ascii(lemma)?;
    NOMINAL.iter().find(|(w, _)| *w == lemma).map(|&(_, k)| k)
}
