//! A small readable trigger lexicon for the news events the project cares about (calls,
//! meetings, visits, proposals, threats, demands, accusations, praise, agreements). It is
//! consulted only where the verb dictionary codes nothing, and it is what codes nominal
//! events ("the call", "a meeting with"). Codes are CAMEO.

/// A trigger word and what it codes.
#[derive(Debug, Clone, Copy)]
pub struct Trigger {
    pub lemma: &'static str,
    /// A noun trigger (`call`, `meeting`) rather than a verb.
    pub noun: bool,
    pub cameo: &'static str,
    pub kind: &'static str,
    /// "X and Y spoke": both directions.
    pub reciprocal: bool,
}

const fn v(lemma: &'static str, cameo: &'static str, kind: &'static str, reciprocal: bool) -> Trigger {
    Trigger { lemma, noun: false, cameo, kind, reciprocal }
}

const fn n(lemma: &'static str, cameo: &'static str, kind: &'static str, reciprocal: bool) -> Trigger {
    Trigger { lemma, noun: true, cameo, kind, reciprocal }
}

/// The lexicon, sorted by lemma then part of speech for readability (looked up linearly: it is
/// small).
pub const TRIGGERS: &[Trigger] = &[
    v("accuse", "112", "accusation", false),
    n("accusation", "112", "accusation", false),
    v("agree", "057", "agreement", true),
    n("agreement", "057", "agreement", true),
    v("blame", "112", "accusation", false),
    v("call", "041", "call", true),
    n("call", "041", "call", true),
    v("condemn", "111", "criticism", false),
    n("conversation", "041", "call", true),
    v("criticize", "111", "criticism", false),
    v("demand", "100", "demand", false),
    n("demand", "100", "demand", false),
    n("meeting", "040", "meeting", true),
    v("meet", "040", "meeting", true),
    v("negotiate", "046", "meeting", true),
    n("negotiation", "046", "meeting", true),
    v("phone", "041", "call", true),
    n("phone", "041", "call", true),
    n("plan", "036", "proposal", false),
    v("praise", "051", "praise", false),
    v("press", "020", "demand", false),
    v("propose", "036", "proposal", false),
    n("proposal", "036", "proposal", false),
    v("reject", "120", "rejection", false),
    v("speak", "041", "call", true),
    n("summit", "040", "meeting", true),
    v("talk", "040", "meeting", true),
    n("talk", "040", "meeting", true),
    v("telephone", "041", "call", true),
    v("thank", "051", "praise", false),
    n("threat", "130", "threat", false),
    v("threaten", "130", "threat", false),
    v("urge", "020", "demand", false),
    v("visit", "042", "visit", false),
    n("visit", "042", "visit", false),
    v("warn", "130", "threat", false),
];

/// The trigger for a lemma with this UPOS (`NOUN`/`PROPN` use noun entries, everything else
/// verb entries).
pub fn trigger(lemma: &str, upos: &str) -> Option<&'static Trigger> {
    let noun = matches!(upos, "NOUN" | "PROPN");
    let lemma = if noun { lemma.strip_suffix('s').filter(|l| *l == "talk").unwrap_or(lemma) } else { lemma };
    TRIGGERS.iter().find(|t| t.lemma == lemma && t.noun == noun)
}

/// Verbs that only carry a nominal event: "had a call", "held talks".
pub fn is_light_verb(lemma: &str) -> bool {
    matches!(lemma, "have" | "hold" | "conduct" | "host" | "make" | "pay" | "begin" | "start")
}
