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
    "abdullah",
    "abraham",
    "abu",
    "adam",
    "adrian",
    "ahmad",
    "ahmed",
    "akira",
    "alain",
    "alan",
    "albert",
    "alberto",
    "aleksandr",
    "aleksei",
    "alessandro",
    "alexander",
    "alexandre",
    "alexei",
    "alexey",
    "alfred",
    "ali",
    "alistair",
    "amir",
    "anatoly",
    "andreas",
    "andrei",
    "andres",
    "andrew",
    "andrey",
    "andrii",
    "andrzej",
    "angelo",
    "anthony",
    "antoine",
    "anton",
    "antonio",
    "antony",
    "arnold",
    "arseniy",
    "artem",
    "arthur",
    "ashraf",
    "ayman",
    "barack",
    "bashar",
    "ben",
    "benedict",
    "benjamin",
    "bernard",
    "bernie",
    "bertrand",
    "bill",
    "bob",
    "bogdan",
    "boris",
    "brad",
    "brandon",
    "brendan",
    "brian",
    "bruce",
    "bruno",
    "caleb",
    "carl",
    "carlo",
    "carlos",
    "cesar",
    "charles",
    "chris",
    "christian",
    "christoph",
    "christopher",
    "chuck",
    "colin",
    "conor",
    "craig",
    "cyril",
    "dan",
    "daniel",
    "dario",
    "darius",
    "dave",
    "david",
    "dean",
    "denis",
    "dennis",
    "denys",
    "derek",
    "diego",
    "dieter",
    "dimitri",
    "dmitri",
    "dmitry",
    "dominic",
    "don",
    "donald",
    "doug",
    "douglas",
    "duncan",
    "dwight",
    "ed",
    "eduardo",
    "edward",
    "elon",
    "emil",
    "emilio",
    "emmanuel",
    "enrique",
    "eric",
    "ernesto",
    "evgeny",
    "fabio",
    "farid",
    "fedor",
    "felipe",
    "felix",
    "fernando",
    "filip",
    "francesco",
    "francisco",
    "francois",
    "frank",
    "franklin",
    "fred",
    "friedrich",
    "gabriel",
    "gary",
    "gavin",
    "gennady",
    "georg",
    "george",
    "gerald",
    "gerhard",
    "giorgio",
    "giuseppe",
    "glenn",
    "gordon",
    "greg",
    "gregory",
    "gustavo",
    "hakan",
    "hamid",
    "hans",
    "harold",
    "harry",
    "hassan",
    "heinrich",
    "helmut",
    "henry",
    "herbert",
    "hernan",
    "hossein",
    "howard",
    "hugo",
    "hussein",
    "ian",
    "ibrahim",
    "igor",
    "ilya",
    "imran",
    "isaac",
    "ismail",
    "ivan",
    "jack",
    "jacob",
    "jacques",
    "jaime",
    "jake",
    "james",
    "jared",
    "jason",
    "javier",
    "jeff",
    "jeffrey",
    "jens",
    "jerome",
    "jerry",
    "jim",
    "jimmy",
    "joachim",
    "joaquin",
    "joe",
    "joel",
    "johan",
    "johannes",
    "john",
    "jonas",
    "jonathan",
    "jorge",
    "jose",
    "joseph",
    "josh",
    "juan",
    "juergen",
    "julian",
    "julio",
    "jurgen",
    "justin",
    "kamal",
    "karim",
    "karl",
    "keir",
    "keith",
    "kemal",
    "ken",
    "kevin",
    "khaled",
    "khalid",
    "kirill",
    "klaus",
    "konstantin",
    "kurt",
    "kyle",
    "larry",
    "lars",
    "laurent",
    "lee",
    "leon",
    "leonardo",
    "leonid",
    "lloyd",
    "lorenzo",
    "louis",
    "luca",
    "lucas",
    "ludwig",
    "luis",
    "luiz",
    "lukas",
    "luke",
    "maciej",
    "mahmoud",
    "manuel",
    "marcel",
    "marco",
    "marcus",
    "mario",
    "marius",
    "mark",
    "martin",
    "mateusz",
    "mathieu",
    "matt",
    "matteo",
    "matthew",
    "mauricio",
    "max",
    "maxim",
    "mehmet",
    "michael",
    "michel",
    "miguel",
    "mike",
    "mikhail",
    "milan",
    "miroslav",
    "mitch",
    "mohamed",
    "mohammad",
    "mohammed",
    "moshe",
    "muhammad",
    "mustafa",
    "mykhailo",
    "mykola",
    "naftali",
    "narendra",
    "nasser",
    "nathan",
    "neil",
    "nicholas",
    "nick",
    "nicolas",
    "niels",
    "nikolai",
    "nikolay",
    "nils",
    "noah",
    "olaf",
    "oleg",
    "oleksandr",
    "oleksii",
    "oliver",
    "omar",
    "osama",
    "oscar",
    "otto",
    "owen",
    "pablo",
    "patrick",
    "paul",
    "pavel",
    "pedro",
    "pete",
    "peter",
    "petr",
    "petro",
    "philip",
    "philippe",
    "pierre",
    "piotr",
    "rafael",
    "ralph",
    "ramon",
    "raul",
    "recep",
    "reza",
    "ricardo",
    "richard",
    "rick",
    "rishi",
    "rob",
    "robert",
    "roberto",
    "rodrigo",
    "roger",
    "roman",
    "ron",
    "ronald",
    "rudy",
    "rustam",
    "ryan",
    "salman",
    "sam",
    "samuel",
    "sanjay",
    "scott",
    "sebastian",
    "sergei",
    "sergey",
    "sergio",
    "serhiy",
    "shinzo",
    "simon",
    "stanislav",
    "stefan",
    "stephen",
    "steve",
    "steven",
    "sven",
    "taras",
    "tariq",
    "ted",
    "theodore",
    "thierry",
    "thomas",
    "tim",
    "timothy",
    "tobias",
    "todd",
    "tom",
    "tomas",
    "tomasz",
    "tony",
    "trevor",
    "umar",
    "vadim",
    "valery",
    "vasily",
    "victor",
    "viktor",
    "vincent",
    "vitali",
    "vitaly",
    "vladimir",
    "vladislav",
    "volodymyr",
    "walter",
    "william",
    "wolfgang",
    "xavier",
    "xi",
    "yaroslav",
    "yasser",
    "yevgeny",
    "yitzhak",
    "youssef",
    "yuri",
    "yury",
    "yusuf",
    "zbigniew",
    "zoltan",
];

/// Sorted.
const FEMALE_NAMES: &[&str] = &[
    "agnieszka",
    "aisha",
    "alejandra",
    "alexandra",
    "alice",
    "alina",
    "alla",
    "amanda",
    "amelia",
    "amy",
    "ana",
    "anastasia",
    "angela",
    "angelina",
    "anita",
    "ann",
    "anna",
    "annalena",
    "anne",
    "antonia",
    "ashley",
    "barbara",
    "beata",
    "beatriz",
    "betty",
    "brenda",
    "brigitte",
    "camila",
    "carla",
    "carmen",
    "carol",
    "caroline",
    "catherine",
    "cecilia",
    "charlotte",
    "chloe",
    "christina",
    "christine",
    "claire",
    "claudia",
    "cristina",
    "daria",
    "deborah",
    "denise",
    "diana",
    "dilma",
    "donna",
    "dorothy",
    "ekaterina",
    "elena",
    "elisabeth",
    "elise",
    "elizabeth",
    "ella",
    "ellen",
    "elzbieta",
    "emily",
    "emma",
    "eva",
    "evgenia",
    "fatima",
    "francesca",
    "gabriela",
    "galina",
    "giorgia",
    "gloria",
    "grace",
    "hanna",
    "hannah",
    "heather",
    "helen",
    "helena",
    "hillary",
    "ilhan",
    "ines",
    "ingrid",
    "irene",
    "irina",
    "iryna",
    "isabel",
    "isabella",
    "jacinda",
    "jane",
    "janet",
    "jennifer",
    "jessica",
    "jill",
    "joan",
    "joanna",
    "julia",
    "julie",
    "kamala",
    "karen",
    "karin",
    "katarzyna",
    "kate",
    "katherine",
    "kathleen",
    "kathryn",
    "katja",
    "kristalina",
    "kristina",
    "larisa",
    "laura",
    "lena",
    "lidia",
    "lilia",
    "linda",
    "lisa",
    "liudmila",
    "liz",
    "lucia",
    "lucy",
    "ludmila",
    "lyudmila",
    "madeleine",
    "magdalena",
    "maia",
    "margaret",
    "maria",
    "marie",
    "marina",
    "marine",
    "marion",
    "marta",
    "martha",
    "mary",
    "megan",
    "melania",
    "melanie",
    "mette",
    "michelle",
    "monica",
    "nadezhda",
    "nadia",
    "nancy",
    "natalia",
    "nataliya",
    "natalya",
    "nicola",
    "nicole",
    "nikki",
    "nina",
    "oksana",
    "olena",
    "olga",
    "patricia",
    "paula",
    "pauline",
    "petra",
    "rachel",
    "rebecca",
    "roberta",
    "rosa",
    "ruth",
    "sabine",
    "salome",
    "samantha",
    "sandra",
    "sanna",
    "sara",
    "sarah",
    "sharon",
    "silvia",
    "sofia",
    "sonia",
    "sophie",
    "stephanie",
    "susan",
    "svetlana",
    "tamara",
    "tatiana",
    "tatyana",
    "teresa",
    "theresa",
    "tulsi",
    "ursula",
    "valentina",
    "valeria",
    "vera",
    "veronica",
    "victoria",
    "viktoria",
    "yelena",
    "yulia",
    "yuliia",
    "zhanna",
    "zoe",
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
        // International names of news: Slavic, Arabic, Romance, German, Nordic.
        assert_eq!(first_name_gender("lena"), Some(FEMALE));
        assert_eq!(first_name_gender("tomas"), Some(MALE));
        assert_eq!(first_name_gender("mykola"), Some(MALE));
        assert_eq!(first_name_gender("fatima"), Some(FEMALE));
        // Names given to either sex stay open.
        assert_eq!(first_name_gender("andrea"), None);
        assert_eq!(first_name_gender("jean"), None);
        assert_eq!(first_name_gender("taylor"), None);
        assert!(is_person_noun("envoy") && is_person_noun("mother") && !is_person_noun("plan"));
        assert!(is_speech_verb("add") && !is_speech_verb("eat"));
    }
}
