//! Word lists the sieves use: pronouns with their features, first names with a usual gender,
//! nouns that denote people, organisations and places, and verbs of speech. Written for this
//! project from general knowledge of English; no corpus text.

/// Grammatical number (bit set: several values mean "unknown between them").
pub const SG: u8 = 1;
pub const PL: u8 = 2;
pub const ANY_NUMBER: u8 = SG | PL;

/// Gender bits.
pub const MALE: u8 = 1;
pub const FEMALE: u8 = 2;
pub const NEUTER: u8 = 4;
pub const ANY_GENDER: u8 = MALE | FEMALE | NEUTER;

/// Animacy bits.
pub const ANIMATE: u8 = 1;
pub const INANIMATE: u8 = 2;
pub const ANY_ANIMACY: u8 = ANIMATE | INANIMATE;

/// Features of a personal, possessive or reflexive pronoun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PronounInfo {
    /// 1, 2 or 3.
    pub person: u8,
    pub number: u8,
    pub gender: u8,
    pub animacy: u8,
    pub reflexive: bool,
}

const fn p(person: u8, number: u8, gender: u8, animacy: u8, reflexive: bool) -> PronounInfo {
    PronounInfo { person, number, gender, animacy, reflexive }
}

/// The features of a lowercase pronoun form, or `None` when it is not one the sieves resolve
/// (demonstratives, indefinites, relatives and interrogatives are left alone).
pub fn pronoun(lower: &str) -> Option<PronounInfo> {
    Some(match lower {
        "i" | "me" | "my" | "mine" => p(1, SG, MALE | FEMALE, ANIMATE, false),
        "myself" => p(1, SG, MALE | FEMALE, ANIMATE, true),
        "we" | "us" | "our" | "ours" => p(1, PL, ANY_GENDER, ANY_ANIMACY, false),
        "ourselves" => p(1, PL, ANY_GENDER, ANY_ANIMACY, true),
        "you" | "your" | "yours" => p(2, ANY_NUMBER, MALE | FEMALE, ANIMATE, false),
        "yourself" | "yourselves" => p(2, ANY_NUMBER, MALE | FEMALE, ANIMATE, true),
        "he" | "him" | "his" => p(3, SG, MALE, ANIMATE, false),
        "himself" => p(3, SG, MALE, ANIMATE, true),
        "she" | "her" | "hers" => p(3, SG, FEMALE, ANIMATE, false),
        "herself" => p(3, SG, FEMALE, ANIMATE, true),
        "it" | "its" => p(3, SG, NEUTER, INANIMATE, false),
        "itself" => p(3, SG, NEUTER, INANIMATE, true),
        "they" | "them" | "their" | "theirs" => p(3, PL, ANY_GENDER, ANY_ANIMACY, false),
        "themselves" => p(3, PL, ANY_GENDER, ANY_ANIMACY, true),
        _ => return None,
    })
}

/// A usual gender for a first name (lowercase), when the name is common and not ambiguous.
pub fn first_name_gender(lower: &str) -> Option<u8> {
    if MALE_NAMES.binary_search(&lower).is_ok() {
        Some(MALE)
    } else if FEMALE_NAMES.binary_search(&lower).is_ok() {
        Some(FEMALE)
    } else {
        None
    }
}

/// Sorted.
const MALE_NAMES: &[&str] = &[
    "aaron",
    "abdul",
    "abraham",
    "adam",
    "ahmed",
    "alan",
    "albert",
    "alexander",
    "alexei",
    "alexey",
    "ali",
    "andrei",
    "andrew",
    "andrey",
    "anthony",
    "antonio",
    "arthur",
    "barack",
    "ben",
    "benjamin",
    "bernie",
    "bill",
    "bob",
    "boris",
    "brad",
    "brian",
    "bruce",
    "carl",
    "carlos",
    "charles",
    "chris",
    "christopher",
    "chuck",
    "colin",
    "daniel",
    "dave",
    "david",
    "dennis",
    "dmitri",
    "dmitry",
    "don",
    "donald",
    "doug",
    "douglas",
    "dwight",
    "ed",
    "edward",
    "emmanuel",
    "eric",
    "frank",
    "franklin",
    "fred",
    "gary",
    "george",
    "gerald",
    "gordon",
    "greg",
    "gregory",
    "hamid",
    "hans",
    "harold",
    "harry",
    "henry",
    "hugo",
    "ian",
    "igor",
    "ivan",
    "jack",
    "jacob",
    "james",
    "jared",
    "jason",
    "jeff",
    "jeffrey",
    "jerry",
    "jim",
    "jimmy",
    "joe",
    "john",
    "jonathan",
    "jose",
    "joseph",
    "josh",
    "juan",
    "justin",
    "keir",
    "keith",
    "ken",
    "kevin",
    "kirill",
    "larry",
    "lee",
    "leonid",
    "lloyd",
    "luis",
    "marco",
    "mark",
    "martin",
    "matt",
    "matthew",
    "michael",
    "mike",
    "mikhail",
    "mitch",
    "mohammed",
    "muhammad",
    "nicholas",
    "nick",
    "nikolai",
    "olaf",
    "oleg",
    "oleksandr",
    "paul",
    "pavel",
    "pete",
    "peter",
    "philip",
    "ralph",
    "richard",
    "rick",
    "rob",
    "robert",
    "roger",
    "ron",
    "ronald",
    "rudy",
    "ryan",
    "sam",
    "samuel",
    "scott",
    "sergei",
    "sergey",
    "stephen",
    "steve",
    "steven",
    "ted",
    "thomas",
    "tim",
    "timothy",
    "todd",
    "tom",
    "tony",
    "vadim",
    "viktor",
    "vladimir",
    "volodymyr",
    "walter",
    "william",
    "xi",
    "yuri",
    "yury",
];

/// Sorted.
const FEMALE_NAMES: &[&str] = &[
    "alice",
    "amy",
    "angela",
    "ann",
    "anna",
    "anne",
    "barbara",
    "betty",
    "carol",
    "caroline",
    "catherine",
    "charlotte",
    "christine",
    "claire",
    "diana",
    "donna",
    "dorothy",
    "elena",
    "elizabeth",
    "ellen",
    "emily",
    "emma",
    "eva",
    "grace",
    "hannah",
    "heather",
    "helen",
    "hillary",
    "irina",
    "isabel",
    "jane",
    "janet",
    "jennifer",
    "jessica",
    "jill",
    "joan",
    "julia",
    "julie",
    "kamala",
    "karen",
    "kate",
    "katherine",
    "kathleen",
    "laura",
    "linda",
    "lisa",
    "liz",
    "lucy",
    "margaret",
    "maria",
    "marie",
    "marine",
    "mary",
    "melania",
    "michelle",
    "nancy",
    "natalia",
    "natalya",
    "nicola",
    "nikki",
    "olena",
    "olga",
    "patricia",
    "rachel",
    "rebecca",
    "ruth",
    "sandra",
    "sarah",
    "sharon",
    "sophie",
    "susan",
    "svetlana",
    "tatiana",
    "theresa",
    "tulsi",
    "ursula",
    "valentina",
    "victoria",
    "yulia",
];

/// Gender of a noun that denotes a person of one sex (`mother`, `king`).
pub fn noun_gender(lemma: &str) -> Option<u8> {
    match lemma {
        "man" | "boy" | "father" | "son" | "brother" | "husband" | "king" | "prince" | "uncle" | "nephew"
        | "gentleman" | "mr." | "mr" | "sir" | "grandfather" | "dad" | "spokesman" | "congressman" | "chairman"
        | "businessman" | "guy" => Some(MALE),
        "woman" | "girl" | "mother" | "daughter" | "sister" | "wife" | "queen" | "princess" | "aunt" | "niece"
        | "lady" | "mrs." | "mrs" | "ms." | "ms" | "madam" | "grandmother" | "mom" | "spokeswoman"
        | "congresswoman" | "chairwoman" | "businesswoman" => Some(FEMALE),
        _ => None,
    }
}

/// Nouns (lemmas) that denote people: roles, offices, kin, professions.
pub fn is_person_noun(lemma: &str) -> bool {
    noun_gender(lemma).is_some() || PERSON_NOUNS.binary_search(&lemma).is_ok()
}

/// Sorted.
const PERSON_NOUNS: &[&str] = &[
    "actor",
    "adviser",
    "advisor",
    "aide",
    "ambassador",
    "analyst",
    "artist",
    "attorney",
    "author",
    "baby",
    "candidate",
    "captain",
    "champion",
    "chancellor",
    "chief",
    "child",
    "citizen",
    "colleague",
    "commander",
    "commissioner",
    "congressman",
    "correspondent",
    "councillor",
    "counsel",
    "defendant",
    "delegate",
    "deputy",
    "diplomat",
    "director",
    "doctor",
    "economist",
    "editor",
    "emissary",
    "employee",
    "envoy",
    "executive",
    "expert",
    "farmer",
    "founder",
    "friend",
    "general",
    "governor",
    "guest",
    "head",
    "host",
    "individual",
    "interviewee",
    "interviewer",
    "journalist",
    "judge",
    "lawmaker",
    "lawyer",
    "leader",
    "manager",
    "mayor",
    "member",
    "minister",
    "negotiator",
    "nurse",
    "officer",
    "official",
    "owner",
    "parent",
    "partner",
    "patient",
    "person",
    "player",
    "police",
    "politician",
    "premier",
    "president",
    "prime",
    "professor",
    "prosecutor",
    "reporter",
    "representative",
    "researcher",
    "resident",
    "scientist",
    "secretary",
    "senator",
    "soldier",
    "speaker",
    "spokesperson",
    "student",
    "teacher",
    "victim",
    "voter",
    "witness",
    "worker",
    "writer",
];

/// Nouns (lemmas) that usually head an organisation's description.
pub fn is_org_noun(lemma: &str) -> bool {
    matches!(
        lemma,
        "government"
            | "administration"
            | "ministry"
            | "department"
            | "agency"
            | "company"
            | "firm"
            | "party"
            | "army"
            | "military"
            | "council"
            | "committee"
            | "commission"
            | "court"
            | "parliament"
            | "congress"
            | "senate"
            | "organization"
            | "organisation"
            | "union"
            | "bank"
            | "team"
            | "group"
            | "delegation"
            | "office"
            | "university"
            | "school"
    )
}

/// Nouns (lemmas) that usually head a place's description.
pub fn is_place_noun(lemma: &str) -> bool {
    matches!(
        lemma,
        "country" | "city" | "town" | "region" | "state" | "capital" | "village" | "nation" | "province" | "area"
    )
}

/// Verbs (lemmas) of speech whose subject is a speaker.
pub fn is_speech_verb(lemma: &str) -> bool {
    matches!(
        lemma,
        "say"
            | "tell"
            | "add"
            | "ask"
            | "explain"
            | "state"
            | "note"
            | "announce"
            | "claim"
            | "comment"
            | "reply"
            | "respond"
            | "insist"
            | "continue"
            | "write"
            | "argue"
            | "warn"
            | "report"
            | "declare"
            | "confirm"
            | "deny"
            | "admit"
            | "suggest"
            | "recall"
            | "describe"
            | "stress"
    )
}

/// Nouns naming times and durations (`today`, `March`, `years`): rarely what a personal
/// pronoun refers to.
pub fn is_time_noun(lemma: &str) -> bool {
    matches!(
        lemma,
        "today"
            | "tonight"
            | "yesterday"
            | "tomorrow"
            | "year"
            | "month"
            | "week"
            | "day"
            | "hour"
            | "minute"
            | "second"
            | "decade"
            | "century"
            | "morning"
            | "evening"
            | "afternoon"
            | "night"
            | "weekend"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
    )
}

/// Light nouns that mostly build idioms rather than refer (`the way we work`, `by the time`,
/// `the fact that`, `make use of`, `in the end`, `of course`): two of them with the same head
/// are rarely the same entity.
pub fn is_light_noun(lemma: &str) -> bool {
    matches!(lemma, "way" | "time" | "fact" | "use" | "end" | "course")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_for_binary_search() {
        for list in [MALE_NAMES, FEMALE_NAMES, PERSON_NOUNS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{:?}", list.windows(2).find(|w| w[0] >= w[1]));
        }
    }

    #[test]
    fn features() {
        assert_eq!(pronoun("she").map(|p| p.gender), Some(FEMALE));
        assert!(pronoun("himself").is_some_and(|p| p.reflexive));
        assert_eq!(pronoun("this"), None);
        assert_eq!(first_name_gender("vladimir"), Some(MALE));
        assert_eq!(first_name_gender("olga"), Some(FEMALE));
        assert_eq!(first_name_gender("taylor"), None);
        assert!(is_person_noun("envoy") && is_person_noun("mother") && !is_person_noun("plan"));
        assert!(is_speech_verb("add") && !is_speech_verb("eat"));
    }
}
