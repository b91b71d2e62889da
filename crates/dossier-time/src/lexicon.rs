//! Word tables: month and weekday names, number words, units, seasons, parts of
//! the day, keywords and holidays.  Everything the grammar recognises by word is
//! listed here, as data; `Lexicon::new` compiles the tables into one hash map.

use std::collections::HashMap;

/// Calendar / clock units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
    Millennium,
}

/// Parts of the day (TimeML `TMO`, `TAF`, `TEV`, `TNI`, `TDT`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pod {
    Morning,
    Afternoon,
    Evening,
    Night,
    Daytime,
    /// Lunch time (TimeML "MI", mid-day).
    Lunch,
}

impl Pod {
    pub fn code(self) -> &'static str {
        match self {
            Pod::Morning => "MO",
            Pod::Afternoon => "AF",
            Pod::Evening => "EV",
            Pod::Night => "NI",
            Pod::Daytime => "DT",
            Pod::Lunch => "MI",
        }
    }
}

/// Seasons (TimeML `SP`, `SU`, `FA`, `WI`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    pub fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }
}

/// Keywords that take part in temporal expressions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kw {
    Today,
    Tomorrow,
    Yesterday,
    Tonight,
    Now,
    Last,
    Next,
    This,
    Past,
    Previous,
    Coming,
    Following,
    Ago,
    Earlier,
    Later,
    Before,
    After,
    Early,
    Late,
    Mid,
    Middle,
    Beginning,
    Start,
    End,
    Of,
    The,
    A,
    In,
    On,
    At,
    From,
    To,
    Until,
    Through,
    Between,
    And,
    Every,
    Each,
    Per,
    Fiscal,
    Noon,
    Midnight,
    Midday,
    Am,
    Pm,
    Oclock,
    Half,
    Few,
    Several,
    Couple,
    Many,
    Some,
    Recent,
    Recently,
    Current,
    Currently,
    Future,
    Soon,
    Weekend,
    Hence,
    Nearly,
    Almost,
    About,
    Around,
    Approximately,
    Roughly,
    Over,
    More,
    Less,
    Than,
    Least,
    Most,
    Up,
    Under,
    Just,
    Within,
    Since,
    For,
    Latest,
    Ad,
    Bc,
    Ides,
    Lately,
    Formerly,
    Previously,
    Nowadays,
    Presently,
    Once,
    Other,
    Whole,
    Full,
    Same,
    That,
    Their,
    Its,
    Another,
    Additional,
    Only,
    Or,
    So,
    Times,
    Twice,
    As,
    By,
    No,
    Right,
    These,
    Atm,
    /// BOM, EOM, BOY, EOY, EOD, ...: beginning/end of a period.
    PeriodEdge,
}

/// What a word can mean.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Lex {
    None,
    /// A month name; `true` when it is an abbreviation ("Jan", "Sept").
    Month(u8, bool),
    /// ISO weekday 1 = Monday .. 7 = Sunday; `true` when plural ("Fridays").
    Weekday(u8, bool),
    /// Cardinal number word ("two", "twenty", "hundred" = 100, "dozen" = 12).
    Num(u32),
    /// Ordinal word ("first", "twenty-first" comes as two tokens).
    Ord(u32),
    /// A unit; `true` when plural.
    Unit(Unit, bool),
    Season(Season, bool),
    Pod(Pod, bool),
    Kw(Kw),
    Set(Unit),
    /// A time-zone abbreviation with its UTC offset in minutes.
    Zone(i32),
    /// Ordinal suffix "st", "nd", "rd", "th".
    OrdSuffix,
}

pub const MONTHS: &[(&str, u8, bool)] = &[
    ("january", 1, false),
    ("february", 2, false),
    ("march", 3, false),
    ("april", 4, false),
    ("may", 5, false),
    ("june", 6, false),
    ("july", 7, false),
    ("august", 8, false),
    ("september", 9, false),
    ("october", 10, false),
    ("november", 11, false),
    ("december", 12, false),
    ("jan", 1, true),
    ("feb", 2, true),
    ("mar", 3, true),
    ("apr", 4, true),
    ("jun", 6, true),
    ("jul", 7, true),
    ("aug", 8, true),
    ("sep", 9, true),
    ("sept", 9, true),
    ("oct", 10, true),
    ("nov", 11, true),
    ("dec", 12, true),
];

pub const WEEKDAYS: &[(&str, u8, bool)] = &[
    ("monday", 1, false),
    ("tuesday", 2, false),
    ("wednesday", 3, false),
    ("thursday", 4, false),
    ("friday", 5, false),
    ("saturday", 6, false),
    ("sunday", 7, false),
    ("mondays", 1, true),
    ("tuesdays", 2, true),
    ("wednesdays", 3, true),
    ("thursdays", 4, true),
    ("fridays", 5, true),
    ("saturdays", 6, true),
    ("sundays", 7, true),
    ("mon", 1, false),
    ("tue", 2, false),
    ("tues", 2, false),
    ("wed", 3, false),
    ("thu", 4, false),
    ("thur", 4, false),
    ("thurs", 4, false),
    ("fri", 5, false),
    ("sat", 6, false),
    ("sun", 7, false),
];

pub const NUMBERS: &[(&str, u32)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fourty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
    ("thousand", 1000),
    ("dozen", 12),
    ("pair", 2),
];

pub const ORDINALS: &[(&str, u32)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
];

pub const UNITS: &[(&str, Unit, bool)] = &[
    ("second", Unit::Second, false),
    ("seconds", Unit::Second, true),
    ("sec", Unit::Second, false),
    ("secs", Unit::Second, true),
    ("minute", Unit::Minute, false),
    ("minutes", Unit::Minute, true),
    ("min", Unit::Minute, false),
    ("mins", Unit::Minute, true),
    ("hour", Unit::Hour, false),
    ("hours", Unit::Hour, true),
    ("h", Unit::Hour, false),
    ("hr", Unit::Hour, false),
    ("hrs", Unit::Hour, true),
    ("day", Unit::Day, false),
    ("days", Unit::Day, true),
    ("week", Unit::Week, false),
    ("weeks", Unit::Week, true),
    ("wk", Unit::Week, false),
    ("wks", Unit::Week, true),
    ("fortnight", Unit::Fortnight, false),
    ("fortnights", Unit::Fortnight, true),
    ("month", Unit::Month, false),
    ("months", Unit::Month, true),
    ("mo", Unit::Month, false),
    ("quarter", Unit::Quarter, false),
    ("quarters", Unit::Quarter, true),
    ("qtr", Unit::Quarter, false),
    ("year", Unit::Year, false),
    ("years", Unit::Year, true),
    ("yr", Unit::Year, false),
    ("yrs", Unit::Year, true),
    ("decade", Unit::Decade, false),
    ("decades", Unit::Decade, true),
    ("century", Unit::Century, false),
    ("centuries", Unit::Century, true),
    ("millennium", Unit::Millennium, false),
    ("millennia", Unit::Millennium, true),
];

pub const SEASONS: &[(&str, Season, bool)] = &[
    ("spring", Season::Spring, false),
    ("springs", Season::Spring, true),
    ("summer", Season::Summer, false),
    ("summers", Season::Summer, true),
    ("fall", Season::Fall, false),
    ("autumn", Season::Fall, false),
    ("autumns", Season::Fall, true),
    ("winter", Season::Winter, false),
    ("winters", Season::Winter, true),
];

pub const PODS: &[(&str, Pod, bool)] = &[
    ("morning", Pod::Morning, false),
    ("mornings", Pod::Morning, true),
    ("afternoon", Pod::Afternoon, false),
    ("afternoons", Pod::Afternoon, true),
    ("evening", Pod::Evening, false),
    ("evenings", Pod::Evening, true),
    ("night", Pod::Night, false),
    ("nights", Pod::Night, true),
    ("overnight", Pod::Night, false),
    ("daytime", Pod::Daytime, false),
    ("lunch", Pod::Lunch, false),
    ("lunchtime", Pod::Lunch, false),
];

pub const SET_ADVERBS: &[(&str, Unit)] = &[
    ("hourly", Unit::Hour),
    ("daily", Unit::Day),
    ("nightly", Unit::Day),
    ("weekly", Unit::Week),
    ("biweekly", Unit::Fortnight),
    ("monthly", Unit::Month),
    ("yearly", Unit::Year),
];

/// Time zones: abbreviation and UTC offset in minutes (standard time unless the
/// abbreviation names daylight time).
pub const ZONES: &[(&str, i32)] = &[
    ("utc", 0),
    ("gmt", 0),
    ("z", 0),
    ("est", -300),
    ("edt", -240),
    ("cst", -360),
    ("cdt", -300),
    ("mst", -420),
    ("mdt", -360),
    ("pst", -480),
    ("pdt", -420),
    ("akst", -540),
    ("hst", -600),
    ("bst", 60),
    ("cet", 60),
    ("cest", 120),
    ("eet", 120),
    ("eest", 180),
    ("msk", 180),
    ("ist", 330),
    ("jst", 540),
    ("kst", 540),
    ("aest", 600),
    ("aedt", 660),
];

pub const KEYWORDS: &[(&str, Kw)] = &[
    ("today", Kw::Today),
    ("tomorrow", Kw::Tomorrow),
    ("tmrw", Kw::Tomorrow),
    ("yesterday", Kw::Yesterday),
    ("tonight", Kw::Tonight),
    ("now", Kw::Now),
    ("last", Kw::Last),
    ("next", Kw::Next),
    ("this", Kw::This),
    ("past", Kw::Past),
    ("previous", Kw::Previous),
    ("prior", Kw::Previous),
    ("coming", Kw::Coming),
    ("upcoming", Kw::Coming),
    ("following", Kw::Following),
    ("ago", Kw::Ago),
    ("earlier", Kw::Earlier),
    ("later", Kw::Later),
    ("before", Kw::Before),
    ("after", Kw::After),
    ("early", Kw::Early),
    ("late", Kw::Late),
    ("mid", Kw::Mid),
    ("middle", Kw::Middle),
    ("beginning", Kw::Beginning),
    ("start", Kw::Start),
    ("end", Kw::End),
    ("of", Kw::Of),
    ("the", Kw::The),
    ("a", Kw::A),
    ("an", Kw::A),
    ("in", Kw::In),
    ("on", Kw::On),
    ("at", Kw::At),
    ("from", Kw::From),
    ("to", Kw::To),
    ("until", Kw::Until),
    ("till", Kw::Until),
    ("til", Kw::Until),
    ("through", Kw::Through),
    ("thru", Kw::Through),
    ("between", Kw::Between),
    ("and", Kw::And),
    ("every", Kw::Every),
    ("each", Kw::Each),
    ("per", Kw::Per),
    ("fiscal", Kw::Fiscal),
    ("noon", Kw::Noon),
    ("midnight", Kw::Midnight),
    ("midday", Kw::Midday),
    ("am", Kw::Am),
    ("pm", Kw::Pm),
    ("oclock", Kw::Oclock),
    ("half", Kw::Half),
    ("few", Kw::Few),
    ("several", Kw::Several),
    ("couple", Kw::Couple),
    ("many", Kw::Many),
    ("some", Kw::Some),
    ("recent", Kw::Recent),
    ("recently", Kw::Recently),
    ("current", Kw::Current),
    ("currently", Kw::Currently),
    ("future", Kw::Future),
    ("soon", Kw::Soon),
    ("weekend", Kw::Weekend),
    ("weekends", Kw::Weekend),
    ("hence", Kw::Hence),
    ("nearly", Kw::Nearly),
    ("almost", Kw::Almost),
    ("about", Kw::About),
    ("around", Kw::Around),
    ("approximately", Kw::Approximately),
    ("roughly", Kw::Roughly),
    ("some", Kw::Some),
    ("over", Kw::Over),
    ("more", Kw::More),
    ("less", Kw::Less),
    ("fewer", Kw::Less),
    ("than", Kw::Than),
    ("least", Kw::Least),
    ("most", Kw::Most),
    ("up", Kw::Up),
    ("under", Kw::Under),
    ("just", Kw::Just),
    ("within", Kw::Within),
    ("since", Kw::Since),
    ("for", Kw::For),
    ("latest", Kw::Latest),
    ("ad", Kw::Ad),
    ("bc", Kw::Bc),
    ("bce", Kw::Bc),
    ("ides", Kw::Ides),
    ("lately", Kw::Lately),
    ("formerly", Kw::Formerly),
    ("previously", Kw::Previously),
    ("nowadays", Kw::Nowadays),
    ("presently", Kw::Presently),
    ("once", Kw::Once),
    ("whole", Kw::Whole),
    ("full", Kw::Full),
    ("entire", Kw::Whole),
    ("same", Kw::Same),
    ("that", Kw::That),
    ("their", Kw::Their),
    ("its", Kw::Its),
    ("another", Kw::Another),
    ("additional", Kw::Additional),
    ("extra", Kw::Additional),
    ("further", Kw::Additional),
    ("only", Kw::Only),
    ("or", Kw::Or),
    ("so", Kw::So),
    ("times", Kw::Times),
    ("twice", Kw::Twice),
    ("as", Kw::As),
    ("by", Kw::By),
    ("no", Kw::No),
    ("right", Kw::Right),
    ("these", Kw::These),
    ("atm", Kw::Atm),
    ("bod", Kw::PeriodEdge),
    ("eod", Kw::PeriodEdge),
    ("bow", Kw::PeriodEdge),
    ("eow", Kw::PeriodEdge),
    ("bom", Kw::PeriodEdge),
    ("eom", Kw::PeriodEdge),
    ("boy", Kw::PeriodEdge),
    ("eoy", Kw::PeriodEdge),
];

/// How a holiday's date is computed.
#[derive(Clone, Copy, Debug)]
pub enum HolidayRule {
    /// Fixed month and day.
    Fixed(u8, u8),
    /// Fixed month and day, observed on the Friday before when it falls on a
    /// Saturday and the Monday after when on a Sunday.
    FixedObserved(u8, u8),
    /// Fixed month and day, moved to the Saturday before when on a Sunday
    /// (the Dutch King's Day).
    FixedSundayBack(u8, u8),
    /// The Monday nearest a fixed month and day.
    MondayNearest(u8, u8),
    /// The first given weekday on or after a fixed month and day: (month,
    /// day, weekday).
    WeekdayOnOrAfter(u8, u8, u8),
    /// The last given weekday strictly before a fixed month and day.
    WeekdayBefore(u8, u8, u8),
    /// The n-th (1-based; -1 = last) given weekday of a month: (month, weekday, n).
    NthWeekday(u8, u8, i8),
    /// Days after the n-th weekday of a month ("Black Friday": Thanksgiving + 1).
    NthWeekdayPlus(u8, u8, i8, i8),
    /// Days relative to Western Easter Sunday.
    Easter(i16),
    /// Days relative to Orthodox Easter Sunday.
    OrthodoxEaster(i16),
    /// Arithmetical Islamic calendar: (month, day); the first occurrence in
    /// the Gregorian year.
    Islamic(u8, u8),
    /// The last Friday of Ramadan.
    IslamicLastFridayOfRamadan,
    /// Hebrew calendar (month 1 = Tishrei ... 6 = Adar I, 7 = Adar/Adar II,
    /// 8 = Nisan ... 13 = Elul; day; days of offset: -1 = the eve, from which
    /// the day is counted).
    Hebrew(u8, u8, i8),
    /// Yom Ha'atzmaut: 5 Iyar, brought forward to Thursday from Friday or
    /// Saturday and put off to Tuesday from Monday; the eve.
    YomHaatzmaut,
    /// Chinese new year plus days.
    ChineseNewYear(i8),
    /// Hindu lunisolar (amanta) month (1 = Chaitra) and tithi (1..=30),
    /// observed on the day the tithi prevails at sunrise.
    HinduLunar(u8, u8),
    /// The same, observed on the day the tithi prevails at the given hour
    /// (IST): 12 midday, 14 afternoon, 19 dusk, 20 moonrise, 24 midnight.
    HinduLunarAt(u8, u8, u8),
    /// Sidereal solar ingress (0 = Mesha ... 9 = Makara) plus days.
    Sankranti(u8, i8),
    /// Bengali solar calendar month and day.
    BengaliSolar(u8, u8),
    /// US Tax Day: 15 April or the next working day that is not Emancipation
    /// Day (observed) in Washington DC.
    UsTaxDay,
    /// Emancipation Day (DC): 16 April, observed Friday/Monday.
    EmancipationDay,
    /// The Wednesday of the last full (Sunday-Saturday) week of April.
    AdminProfessionalsDay,
    /// US Super Tuesday: presidential election years only; the first
    /// Tuesday of March (the 2008 primaries were moved to 5 February).
    SuperTuesday,
    /// A span of days: the first rule's date to the second rule's next
    /// occurrence (exclusive end).
    Span(&'static HolidayRule, &'static HolidayRule),
    /// A span of `n` days from the rule's date.
    SpanDays(&'static HolidayRule, u8),
}

/// Holidays: the lower-case word sequence (tokens separated by spaces; a
/// possessive "'s" is dropped by the tokenizer, so "valentine's" is "valentine"),
/// and the rule.
pub const HOLIDAYS: &[(&str, HolidayRule)] = &[
    ("christmas", HolidayRule::Fixed(12, 25)),
    ("christmas day", HolidayRule::Fixed(12, 25)),
    ("xmas", HolidayRule::Fixed(12, 25)),
    ("christmas eve", HolidayRule::Fixed(12, 24)),
    ("boxing day", HolidayRule::Fixed(12, 26)),
    ("new year day", HolidayRule::Fixed(1, 1)),
    ("new years day", HolidayRule::Fixed(1, 1)),
    ("new year eve", HolidayRule::Fixed(12, 31)),
    ("new years eve", HolidayRule::Fixed(12, 31)),
    ("valentine day", HolidayRule::Fixed(2, 14)),
    ("valentines day", HolidayRule::Fixed(2, 14)),
    ("valentines", HolidayRule::Fixed(2, 14)),
    ("st patrick day", HolidayRule::Fixed(3, 17)),
    ("st patricks day", HolidayRule::Fixed(3, 17)),
    ("saint patrick day", HolidayRule::Fixed(3, 17)),
    ("saint patricks day", HolidayRule::Fixed(3, 17)),
    ("st paddy day", HolidayRule::Fixed(3, 17)),
    ("st paddys day", HolidayRule::Fixed(3, 17)),
    ("halloween", HolidayRule::Fixed(10, 31)),
    ("independence day", HolidayRule::Fixed(7, 4)),
    ("fourth of july", HolidayRule::Fixed(7, 4)),
    ("veterans day", HolidayRule::Fixed(11, 11)),
    ("veteran day", HolidayRule::Fixed(11, 11)),
    ("armistice day", HolidayRule::Fixed(11, 11)),
    ("remembrance day", HolidayRule::Fixed(11, 11)),
    ("all saints day", HolidayRule::Fixed(11, 1)),
    ("all souls day", HolidayRule::Fixed(11, 2)),
    ("may day", HolidayRule::Fixed(5, 1)),
    ("labour day", HolidayRule::NthWeekday(9, 1, 1)),
    ("labor day", HolidayRule::NthWeekday(9, 1, 1)),
    ("earth day", HolidayRule::Fixed(4, 22)),
    ("world vegan day", HolidayRule::Fixed(11, 1)),
    ("world aids day", HolidayRule::Fixed(12, 1)),
    ("bastille day", HolidayRule::Fixed(7, 14)),
    ("flag day", HolidayRule::Fixed(6, 14)),
    ("groundhog day", HolidayRule::Fixed(2, 2)),
    ("epiphany", HolidayRule::Fixed(1, 6)),
    ("martin luther king day", HolidayRule::NthWeekday(1, 1, 3)),
    ("martin luther kings day", HolidayRule::NthWeekday(1, 1, 3)),
    ("mlk day", HolidayRule::NthWeekday(1, 1, 3)),
    ("mlk jr day", HolidayRule::NthWeekday(1, 1, 3)),
    ("martin luther king jr day", HolidayRule::NthWeekday(1, 1, 3)),
    ("civil rights day", HolidayRule::NthWeekday(1, 1, 3)),
    ("black friday", HolidayRule::NthWeekdayPlus(11, 4, 4, 1)),
    ("cyber monday", HolidayRule::NthWeekdayPlus(11, 4, 4, 4)),
    ("election day", HolidayRule::NthWeekdayPlus(11, 1, 1, 1)),
    ("tax day", HolidayRule::Fixed(4, 15)),
    ("siblings day", HolidayRule::Fixed(4, 10)),
    ("national sibling day", HolidayRule::Fixed(4, 10)),
    ("guy fawkes day", HolidayRule::Fixed(11, 5)),
    ("anzac day", HolidayRule::Fixed(4, 25)),
    ("lincoln birthday", HolidayRule::Fixed(2, 12)),
    ("lincolns birthday", HolidayRule::Fixed(2, 12)),
    ("abraham lincoln birthday", HolidayRule::Fixed(2, 12)),
    ("groundhogs day", HolidayRule::Fixed(2, 2)),
    ("white sunday", HolidayRule::Easter(49)),
    ("branch sunday", HolidayRule::Easter(-7)),
    ("maundy thu", HolidayRule::Easter(-3)),
    ("lazarus saturday", HolidayRule::OrthodoxEaster(-8)),
    ("orthodox great friday", HolidayRule::OrthodoxEaster(-2)),
    ("presidents day", HolidayRule::NthWeekday(2, 1, 3)),
    ("president day", HolidayRule::NthWeekday(2, 1, 3)),
    ("washington birthday", HolidayRule::NthWeekday(2, 1, 3)),
    ("memorial day", HolidayRule::NthWeekday(5, 1, -1)),
    ("columbus day", HolidayRule::NthWeekday(10, 1, 2)),
    ("thanksgiving", HolidayRule::NthWeekday(11, 4, 4)),
    ("thanksgiving day", HolidayRule::NthWeekday(11, 4, 4)),
    ("mother day", HolidayRule::NthWeekday(5, 7, 2)),
    ("mothers day", HolidayRule::NthWeekday(5, 7, 2)),
    ("father day", HolidayRule::NthWeekday(6, 7, 3)),
    ("fathers day", HolidayRule::NthWeekday(6, 7, 3)),
    ("easter", HolidayRule::Easter(0)),
    ("easter sunday", HolidayRule::Easter(0)),
    ("easter monday", HolidayRule::Easter(1)),
    ("easter mon", HolidayRule::Easter(1)),
    ("good friday", HolidayRule::Easter(-2)),
    ("holy saturday", HolidayRule::Easter(-1)),
    ("maundy thursday", HolidayRule::Easter(-3)),
    ("palm sunday", HolidayRule::Easter(-7)),
    ("ash wednesday", HolidayRule::Easter(-46)),
    ("shrove tuesday", HolidayRule::Easter(-47)),
    ("mardi gras", HolidayRule::Easter(-47)),
    ("pancake day", HolidayRule::Easter(-47)),
    ("ascension day", HolidayRule::Easter(39)),
    ("pentecost", HolidayRule::Easter(49)),
    ("whit sunday", HolidayRule::Easter(49)),
    ("whitsunday", HolidayRule::Easter(49)),
    ("whit monday", HolidayRule::Easter(50)),
    ("trinity sunday", HolidayRule::Easter(56)),
    ("corpus christi", HolidayRule::Easter(60)),
    ("orthodox easter", HolidayRule::OrthodoxEaster(0)),
    ("orthodox easter sunday", HolidayRule::OrthodoxEaster(0)),
    ("orthodox good friday", HolidayRule::OrthodoxEaster(-2)),
    ("covenant thu", HolidayRule::Easter(-3)),
    ("covenant thursday", HolidayRule::Easter(-3)),
    ("thu of mysteries", HolidayRule::Easter(-3)),
    ("thursday of mysteries", HolidayRule::Easter(-3)),
    ("monday of the holy spirit", HolidayRule::Easter(50)),
    ("mothering sunday", HolidayRule::Easter(-21)),
    ("saint paddy day", HolidayRule::Fixed(3, 17)),
    ("saint paddys day", HolidayRule::Fixed(3, 17)),
    ("mlk jr day", HolidayRule::NthWeekday(1, 1, 3)),
    ("lent", HolidayRule::Span(&HolidayRule::Easter(-46), &HolidayRule::Easter(0))),
    ("great lent", HolidayRule::Span(&HolidayRule::OrthodoxEaster(-48), &HolidayRule::OrthodoxEaster(-8))),
    ("great fast", HolidayRule::Span(&HolidayRule::OrthodoxEaster(-48), &HolidayRule::OrthodoxEaster(-8))),
    ("boss day", HolidayRule::FixedObserved(10, 16)),
    ("bosses day", HolidayRule::FixedObserved(10, 16)),
    ("national boss day", HolidayRule::FixedObserved(10, 16)),
    ("king day", HolidayRule::FixedSundayBack(4, 27)),
    ("koningsdag", HolidayRule::FixedSundayBack(4, 27)),
    // Islamic (arithmetical calendar)
    ("eid al fitr", HolidayRule::Islamic(10, 1)),
    ("eid ul fitr", HolidayRule::Islamic(10, 1)),
    ("id ul fitr", HolidayRule::Islamic(10, 1)),
    ("eid", HolidayRule::Islamic(10, 1)),
    ("eid al adha", HolidayRule::Islamic(12, 10)),
    ("eid ul adha", HolidayRule::Islamic(12, 10)),
    ("id ul adha", HolidayRule::Islamic(12, 10)),
    ("sacrifice feast", HolidayRule::Islamic(12, 10)),
    ("feast of sacrifice", HolidayRule::Islamic(12, 10)),
    ("bakr id", HolidayRule::Islamic(12, 10)),
    ("bakrid", HolidayRule::Islamic(12, 10)),
    ("ramadan", HolidayRule::Span(&HolidayRule::Islamic(9, 1), &HolidayRule::Islamic(10, 1))),
    ("ramadhan", HolidayRule::Span(&HolidayRule::Islamic(9, 1), &HolidayRule::Islamic(10, 1))),
    ("laylat al qadr", HolidayRule::Islamic(9, 27)),
    ("laylat al kadr", HolidayRule::Islamic(9, 27)),
    ("lailat al qadr", HolidayRule::Islamic(9, 27)),
    ("night of measures", HolidayRule::Islamic(9, 27)),
    ("night of power", HolidayRule::Islamic(9, 27)),
    ("islamic new year", HolidayRule::Islamic(1, 1)),
    ("hijri new year", HolidayRule::Islamic(1, 1)),
    ("arabic new year", HolidayRule::Islamic(1, 1)),
    ("amun jadid", HolidayRule::Islamic(1, 1)),
    ("ashura", HolidayRule::Islamic(1, 10)),
    ("day of ashura", HolidayRule::Islamic(1, 10)),
    ("jamat ul vida", HolidayRule::IslamicLastFridayOfRamadan),
    ("jumu atul wida", HolidayRule::IslamicLastFridayOfRamadan),
    ("jumuatul wida", HolidayRule::IslamicLastFridayOfRamadan),
    ("isra and mi raj", HolidayRule::Islamic(7, 27)),
    ("isra and miraj", HolidayRule::Islamic(7, 27)),
    ("prophet ascension", HolidayRule::Islamic(7, 27)),
    ("lailat al miraj", HolidayRule::Islamic(7, 27)),
    ("mawlid", HolidayRule::Islamic(3, 12)),
    ("mawlid al nabawi", HolidayRule::Islamic(3, 12)),
    ("mawlid an nabi", HolidayRule::Islamic(3, 12)),
    ("milad un nabi", HolidayRule::Islamic(3, 12)),
    // Hebrew calendar (days begin at the previous sunset: the eve)
    ("rosh hashanah", HolidayRule::Hebrew(1, 1, -1)),
    ("rosh hashana", HolidayRule::Hebrew(1, 1, -1)),
    ("yom kippur", HolidayRule::Hebrew(1, 10, -1)),
    ("shemini atzeret", HolidayRule::Hebrew(1, 22, -1)),
    ("simchat torah", HolidayRule::Hebrew(1, 23, -1)),
    ("simhat torah", HolidayRule::Hebrew(1, 23, -1)),
    ("sukkot", HolidayRule::Span(&HolidayRule::Hebrew(1, 15, -1), &HolidayRule::Hebrew(1, 23, 0))),
    ("succos", HolidayRule::Span(&HolidayRule::Hebrew(1, 15, -1), &HolidayRule::Hebrew(1, 23, 0))),
    ("feast of the ingathering", HolidayRule::Span(&HolidayRule::Hebrew(1, 15, -1), &HolidayRule::Hebrew(1, 23, 0))),
    ("feast of tabernacles", HolidayRule::Span(&HolidayRule::Hebrew(1, 15, -1), &HolidayRule::Hebrew(1, 23, 0))),
    ("hanukkah", HolidayRule::Hebrew(3, 25, -1)),
    ("chanukah", HolidayRule::Hebrew(3, 25, -1)),
    ("tu bishvat", HolidayRule::Hebrew(5, 15, -1)),
    ("tu b shvat", HolidayRule::Hebrew(5, 15, -1)),
    ("purim", HolidayRule::Hebrew(7, 14, -1)),
    ("shushan purim", HolidayRule::Hebrew(7, 15, -1)),
    ("passover", HolidayRule::Hebrew(8, 15, -1)),
    ("pesach", HolidayRule::Hebrew(8, 15, -1)),
    ("yom haatzmaut", HolidayRule::YomHaatzmaut),
    ("yom ha atzmaut", HolidayRule::YomHaatzmaut),
    ("lag baomer", HolidayRule::Hebrew(9, 18, -1)),
    ("lag b omer", HolidayRule::Hebrew(9, 18, -1)),
    ("shavuot", HolidayRule::Span(&HolidayRule::Hebrew(10, 6, -1), &HolidayRule::Hebrew(10, 8, 0))),
    ("shavuos", HolidayRule::Span(&HolidayRule::Hebrew(10, 6, -1), &HolidayRule::Hebrew(10, 8, 0))),
    ("tisha b av", HolidayRule::Hebrew(12, 9, -1)),
    // Chinese lunisolar calendar
    ("chinese new year", HolidayRule::ChineseNewYear(0)),
    ("chinese new years", HolidayRule::ChineseNewYear(0)),
    ("chinese lunar new year", HolidayRule::ChineseNewYear(0)),
    ("chinese lunar new year day", HolidayRule::ChineseNewYear(0)),
    ("chinese new year day", HolidayRule::ChineseNewYear(0)),
    ("lunar new year", HolidayRule::ChineseNewYear(0)),
    // Hindu lunisolar (amanta months: 1 = Chaitra ... 7 = Ashvin, 8 = Kartika
    // ... 11 = Magha, 12 = Phalguna; tithi 15 = full moon, 30 = new moon)
    ("ugadi", HolidayRule::HinduLunar(1, 1)),
    ("yugadi", HolidayRule::HinduLunar(1, 1)),
    ("samvatsaradi", HolidayRule::HinduLunar(1, 1)),
    ("chaitra sukladi", HolidayRule::HinduLunar(1, 1)),
    ("chaitra sukhladi", HolidayRule::HinduLunar(1, 1)),
    ("gudi padwa", HolidayRule::HinduLunar(1, 1)),
    ("rama navami", HolidayRule::HinduLunar(1, 9)),
    ("ram navami", HolidayRule::HinduLunar(1, 9)),
    ("mahavir jayanti", HolidayRule::HinduLunar(1, 13)),
    ("mahaveer jayanti", HolidayRule::HinduLunar(1, 13)),
    ("mahaveer janma kalyanak", HolidayRule::HinduLunar(1, 13)),
    ("vesak", HolidayRule::HinduLunar(2, 15)),
    ("vaisakha", HolidayRule::HinduLunar(2, 15)),
    ("buddha day", HolidayRule::HinduLunar(2, 15)),
    ("buddha purnima", HolidayRule::HinduLunar(2, 15)),
    ("ratha yatra", HolidayRule::HinduLunar(4, 2)),
    ("rath yatra", HolidayRule::HinduLunar(4, 2)),
    ("raksha bandhan", HolidayRule::HinduLunar(5, 15)),
    ("rakhi", HolidayRule::HinduLunar(5, 15)),
    ("krishna janmashtami", HolidayRule::HinduLunarAt(5, 23, 24)),
    ("janmashtami", HolidayRule::HinduLunarAt(5, 23, 24)),
    ("gokulashtami", HolidayRule::HinduLunarAt(5, 23, 24)),
    ("ganesh chaturthi", HolidayRule::HinduLunarAt(6, 4, 12)),
    ("vinayaka chaturthi", HolidayRule::HinduLunarAt(6, 4, 12)),
    ("maha saptami", HolidayRule::HinduLunar(7, 7)),
    ("dussehra", HolidayRule::HinduLunarAt(7, 10, 14)),
    ("vijayadashami", HolidayRule::HinduLunarAt(7, 10, 14)),
    ("valmiki jayanti", HolidayRule::HinduLunar(7, 15)),
    ("maharishi valmiki jayanti", HolidayRule::HinduLunar(7, 15)),
    ("pargat diwas", HolidayRule::HinduLunar(7, 15)),
    ("karva chauth", HolidayRule::HinduLunarAt(7, 19, 20)),
    ("karwa chauth", HolidayRule::HinduLunarAt(7, 19, 20)),
    ("dhanteras", HolidayRule::HinduLunar(7, 28)),
    ("dhanatrayodashi", HolidayRule::HinduLunar(7, 28)),
    ("diwali", HolidayRule::HinduLunarAt(7, 30, 19)),
    ("deepavali", HolidayRule::HinduLunarAt(7, 30, 19)),
    ("bhai dooj", HolidayRule::HinduLunar(8, 2)),
    ("bhau beej", HolidayRule::HinduLunar(8, 2)),
    ("chhath", HolidayRule::HinduLunar(8, 6)),
    ("chhath puja", HolidayRule::HinduLunar(8, 6)),
    ("dala puja", HolidayRule::HinduLunar(8, 6)),
    ("surya shashthi", HolidayRule::HinduLunar(8, 6)),
    ("guru gobind singh jayanti", HolidayRule::HinduLunar(10, 7)),
    ("guru govind singh jayanti", HolidayRule::HinduLunar(10, 7)),
    ("guru gobind singh birthday", HolidayRule::HinduLunar(10, 7)),
    ("vasant panchami", HolidayRule::HinduLunar(11, 5)),
    ("basant panchami", HolidayRule::HinduLunar(11, 5)),
    ("guru ravidas jayanti", HolidayRule::HinduLunar(11, 15)),
    ("guru ravidass jayanti", HolidayRule::HinduLunar(11, 15)),
    ("guru ravidas birthday", HolidayRule::HinduLunar(11, 15)),
    ("guru ravidass birthday", HolidayRule::HinduLunar(11, 15)),
    ("saraswati jayanti", HolidayRule::HinduLunar(11, 25)),
    ("dayananda saraswati jayanti", HolidayRule::HinduLunar(11, 25)),
    ("holi", HolidayRule::HinduLunar(12, 16)),
    // Hindu solar
    ("pongal", HolidayRule::Sankranti(9, 0)),
    ("thai pongal", HolidayRule::Sankranti(9, 0)),
    ("makar sankranti", HolidayRule::Sankranti(9, 0)),
    ("makara sankranti", HolidayRule::Sankranti(9, 0)),
    ("makara sankranthi", HolidayRule::Sankranti(9, 0)),
    ("maghi", HolidayRule::Sankranti(9, 0)),
    ("mattu pongal", HolidayRule::Sankranti(9, 1)),
    ("maattu pongal", HolidayRule::Sankranti(9, 1)),
    ("kaanum pongal", HolidayRule::Sankranti(9, 2)),
    ("kanni pongal", HolidayRule::Sankranti(9, 2)),
    ("vaisakhi", HolidayRule::Sankranti(0, 0)),
    ("baisakhi", HolidayRule::Sankranti(0, 0)),
    ("vasakhi", HolidayRule::Sankranti(0, 0)),
    ("vaishakhi", HolidayRule::Sankranti(0, 0)),
    ("rabindra jayanti", HolidayRule::BengaliSolar(1, 25)),
    ("rabindranath jayanti", HolidayRule::BengaliSolar(1, 25)),
];

/// Holidays whose date depends on the locale (Duckling's EN_XX codes):
/// (comma-separated locales, name, rule).  With a matching locale they take
/// precedence over a generic entry of the same name; without a locale they
/// are not used.
pub const LOCAL_HOLIDAYS: &[(&str, &str, HolidayRule)] = &[
    ("EN_CA", "thanksgiving", HolidayRule::NthWeekday(10, 1, 2)),
    ("EN_CA", "thanksgiving day", HolidayRule::NthWeekday(10, 1, 2)),
    ("EN_CA", "civic holiday", HolidayRule::NthWeekday(8, 1, 1)),
    ("EN_CA", "british columbia day", HolidayRule::NthWeekday(8, 1, 1)),
    ("EN_CA", "natal day", HolidayRule::NthWeekday(8, 1, 1)),
    ("EN_CA", "new brunswick day", HolidayRule::NthWeekday(8, 1, 1)),
    ("EN_CA", "saskatchewan day", HolidayRule::NthWeekday(8, 1, 1)),
    ("EN_CA", "terry fox day", HolidayRule::NthWeekday(8, 1, 1)),
    ("EN_CA", "discovery day", HolidayRule::MondayNearest(6, 24)),
    ("EN_CA", "victoria day", HolidayRule::WeekdayBefore(5, 25, 1)),
    ("EN_CA", "national patriots day", HolidayRule::WeekdayBefore(5, 25, 1)),
    ("EN_CA", "national patriot day", HolidayRule::WeekdayBefore(5, 25, 1)),
    ("EN_CA,EN_US", "administrative professionals day", HolidayRule::AdminProfessionalsDay),
    ("EN_CA,EN_US", "admin day", HolidayRule::AdminProfessionalsDay),
    ("EN_CA,EN_US", "secretaries day", HolidayRule::AdminProfessionalsDay),
    ("EN_AU", "administrative professionals day", HolidayRule::NthWeekday(5, 5, 1)),
    ("EN_AU", "admin day", HolidayRule::NthWeekday(5, 5, 1)),
    ("EN_NZ", "administrative professionals day", HolidayRule::NthWeekday(4, 3, 3)),
    ("EN_NZ", "admin day", HolidayRule::NthWeekday(4, 3, 3)),
    ("EN_ZA", "administrative professionals day", HolidayRule::NthWeekday(9, 3, 1)),
    ("EN_ZA", "admin day", HolidayRule::NthWeekday(9, 3, 1)),
    ("EN_AU,EN_NZ", "father day", HolidayRule::NthWeekday(9, 7, 1)),
    ("EN_AU,EN_NZ", "fathers day", HolidayRule::NthWeekday(9, 7, 1)),
    ("EN_GB", "mother day", HolidayRule::Easter(-21)),
    ("EN_GB", "mothers day", HolidayRule::Easter(-21)),
    ("EN_AU", "labour day", HolidayRule::NthWeekday(10, 1, 1)),
    ("EN_AU", "reconciliation day", HolidayRule::WeekdayOnOrAfter(5, 27, 1)),
    ("EN_NZ", "labour day", HolidayRule::NthWeekday(10, 1, 4)),
    ("EN_IE", "labour day", HolidayRule::NthWeekday(5, 1, 1)),
    ("EN_BZ,EN_IN,EN_PH,EN_ZA", "labour day", HolidayRule::Fixed(5, 1)),
    ("EN_JM", "labour day", HolidayRule::Fixed(5, 23)),
    ("EN_TT", "labour day", HolidayRule::Fixed(6, 19)),
    ("EN_BZ", "garifuna settlement day", HolidayRule::Fixed(11, 19)),
    ("EN_IN", "independence day", HolidayRule::Fixed(8, 15)),
    ("EN_IN", "shivaji jayanti", HolidayRule::Fixed(2, 19)),
    ("EN_IN", "hazarat ali birthday", HolidayRule::Islamic(7, 13)),
    ("EN_JM", "heroes day", HolidayRule::NthWeekday(10, 1, 3)),
    ("EN_JM", "national heroes day", HolidayRule::NthWeekday(10, 1, 3)),
    ("EN_PH", "rizal day", HolidayRule::Fixed(12, 30)),
    ("EN_PH", "independence day", HolidayRule::Fixed(6, 12)),
    ("EN_PH", "national heroes day", HolidayRule::NthWeekday(8, 1, -1)),
    ("EN_TT", "indian arrival day", HolidayRule::Fixed(5, 30)),
    ("EN_TT", "hosay", HolidayRule::Islamic(1, 10)),
    ("EN_ZA", "day of reconciliation", HolidayRule::Fixed(12, 16)),
    ("EN_ZA", "day of the vow", HolidayRule::Fixed(12, 16)),
    ("EN_ZA", "day of the covenant", HolidayRule::Fixed(12, 16)),
    ("EN_ZA", "heroes day", HolidayRule::Fixed(10, 10)),
    ("EN_ZA", "kruger day", HolidayRule::Fixed(10, 10)),
    ("EN_US", "george washington day", HolidayRule::NthWeekday(2, 1, 3)),
    ("EN_US", "daisy gatson bates day", HolidayRule::NthWeekday(2, 1, 3)),
    ("EN_US", "military spouse day", HolidayRule::NthWeekdayPlus(5, 7, 2, -2)),
    ("EN_US", "emancipation day", HolidayRule::EmancipationDay),
    ("EN_US", "tax day", HolidayRule::UsTaxDay),
    ("EN_US", "emsc day", HolidayRule::NthWeekdayPlus(5, 7, 3, 3)),
    ("EN_US", "ems week", HolidayRule::SpanDays(&HolidayRule::NthWeekday(5, 7, 3), 7)),
    ("EN_US", "daylight saving start", HolidayRule::NthWeekday(3, 7, 2)),
    ("EN_US", "daylight saving start day", HolidayRule::NthWeekday(3, 7, 2)),
    ("EN_US", "daylight savings start", HolidayRule::NthWeekday(3, 7, 2)),
    ("EN_US", "daylight savings start day", HolidayRule::NthWeekday(3, 7, 2)),
    ("EN_US", "daylight saving end", HolidayRule::NthWeekday(11, 7, 1)),
    ("EN_US", "daylight saving end day", HolidayRule::NthWeekday(11, 7, 1)),
    ("EN_US", "daylight savings end", HolidayRule::NthWeekday(11, 7, 1)),
    ("EN_US", "daylight savings end day", HolidayRule::NthWeekday(11, 7, 1)),
    ("EN_US", "super tuesday", HolidayRule::SuperTuesday),
    ("EN_US", "super duper tuesday", HolidayRule::SuperTuesday),
    ("EN_US", "tsunami tuesday", HolidayRule::SuperTuesday),
    ("EN_US", "giga tuesday", HolidayRule::SuperTuesday),
    ("EN_US", "mega giga tuesday", HolidayRule::SuperTuesday),
];

pub struct Lexicon {
    map: HashMap<&'static str, Lex>,
    /// First word of each holiday name -> indices of the holidays starting with it.
    pub holiday_first: HashMap<&'static str, Vec<u16>>,
    /// Holiday names split into words.
    pub holiday_words: Vec<Vec<&'static str>>,
}

impl Lexicon {
    pub fn new() -> Self {
        let mut map: HashMap<&'static str, Lex> = HashMap::with_capacity(512);
        for &(w, k) in KEYWORDS {
            map.insert(w, Lex::Kw(k));
        }
        for &(w, n) in NUMBERS {
            map.insert(w, Lex::Num(n));
        }
        for &(w, n) in ORDINALS {
            map.insert(w, Lex::Ord(n));
        }
        for &(w, u, pl) in UNITS {
            map.insert(w, Lex::Unit(u, pl));
        }
        for &(w, s, pl) in SEASONS {
            map.insert(w, Lex::Season(s, pl));
        }
        for &(w, p, pl) in PODS {
            map.insert(w, Lex::Pod(p, pl));
        }
        for &(w, u) in SET_ADVERBS {
            map.insert(w, Lex::Set(u));
        }
        for &(w, off) in ZONES {
            map.insert(w, Lex::Zone(off));
        }
        for &(w, d, pl) in WEEKDAYS {
            map.insert(w, Lex::Weekday(d, pl));
        }
        for &(w, m, ab) in MONTHS {
            map.insert(w, Lex::Month(m, ab));
        }
        for w in ["st", "nd", "rd", "th"] {
            map.entry(w).or_insert(Lex::OrdSuffix);
        }
        let mut holiday_first: HashMap<&'static str, Vec<u16>> = HashMap::new();
        let mut holiday_words = Vec::with_capacity(HOLIDAYS.len() + LOCAL_HOLIDAYS.len());
        let names = HOLIDAYS.iter().map(|(n, _)| *n).chain(LOCAL_HOLIDAYS.iter().map(|(_, n, _)| *n));
        for (i, name) in names.enumerate() {
            let words: Vec<&'static str> = name.split(' ').collect();
            if let Some(first) = words.first() {
                holiday_first.entry(*first).or_default().push(i as u16);
            }
            holiday_words.push(words);
        }
        Lexicon { map, holiday_first, holiday_words }
    }

    #[inline]
    pub fn get(&self, lower: &str) -> Lex {
        self.map.get(lower).copied().unwrap_or(Lex::None)
    }
}

/// The rule and the locales (None = every locale) of holiday `h` (an index
/// into HOLIDAYS followed by LOCAL_HOLIDAYS).
pub fn holiday_rule(h: u16) -> Option<(HolidayRule, Option<&'static str>)> {
    let h = usize::from(h);
    if let Some((_, r)) = HOLIDAYS.get(h) {
        return Some((*r, None));
    }
    LOCAL_HOLIDAYS.get(h - HOLIDAYS.len()).map(|(l, _, r)| (*r, Some(*l)))
}

impl Default for Lexicon {
    fn default() -> Self {
        Self::new()
    }
}
