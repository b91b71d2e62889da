//! CAMEO codes to readable event types and PLOVER types.
//!
//! The PLOVER mapping follows the CAMEO-to-PLOVER crosswalk at the level of CAMEO roots with
//! the few three-digit exceptions that change type (summarised by hand, not copied).

/// Root (first two digits) of a numeric CAMEO code.
pub fn root(code: &str) -> &str {
    code.get(..2).unwrap_or(code)
}

/// A readable type for a CAMEO code (`041` -> `call`).
pub fn readable_type(code: &str) -> &'static str {
    match code {
        "041" => return "call",
        "042" | "043" => return "visit",
        "051" => return "praise",
        "057" => return "agreement",
        "112" => return "accusation",
        _ => {}
    }
    match root(code) {
        "01" => "statement",
        "02" => "appeal",
        "03" => "intent",
        "04" => "meeting",
        "05" => "cooperation",
        "06" => "cooperation",
        "07" => "aid",
        "08" => "concession",
        "09" => "investigation",
        "10" => "demand",
        "11" => "criticism",
        "12" => "rejection",
        "13" => "threat",
        "14" => "protest",
        "15" => "military posture",
        "16" => "sanction",
        "17" => "coercion",
        "18" => "assault",
        "19" => "fight",
        "20" => "mass violence",
        _ => "other",
    }
}

/// PLOVER type for a CAMEO code; `None` for public statements (01), which PLOVER dropped.
/// Appeals (02) map to REQUEST.
pub fn plover_type(code: &str) -> Option<&'static str> {
    let three = code.get(..3).unwrap_or(code);
    match three {
        "080" | "081" | "082" | "083" => return Some("CONCEDE"),
        "163" | "191" | "192" => return Some("COERCE"),
        "175" => return Some("ASSAULT"),
        _ => {}
    }
    Some(match root(code) {
        "02" => "REQUEST",
        "03" => "AGREE",
        "04" => "CONSULT",
        "05" => "SUPPORT",
        "06" => "COOPERATE",
        "07" => "AID",
        "08" => "RETREAT",
        "09" => "ACCUSE",
        "10" => "REQUEST",
        "11" => "ACCUSE",
        "12" => "REJECT",
        "13" => "THREATEN",
        "14" => "PROTEST",
        "15" => "MOBILIZE",
        "16" => "SANCTION",
        "17" => "COERCE",
        "18" | "19" | "20" => "ASSAULT",
        _ => return None,
    })
}

/// Sector codes a PLOVER actor carries after its group (`HUN` + `GOV`).
const PLOVER_SECTORS: &[&str] = &[
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "LEG", "MED", "EDU", "BUS", "CRM", "CVL", "LAB", "AGR",
    "REF", "UAF", "HLH", "HRI", "ENV", "REL", "JRN", "CIV", "ELI",
];

/// A CAMEO actor code as a PLOVER actor: the group (country, `IGO`, `NGO`, `IMG`, ...)
/// followed by its first sector (`IGOUNOMIL` -> `IGOMIL`, `USAGOV` -> `USAGOV`, `IGOUNO` ->
/// `IGO`). `None` without a group (`---GOV`: a sector alone is no PLOVER actor).
pub fn plover_actor(code: &str) -> Option<String> {
    let group = code.get(..3)?;
    if group == "---" || !group.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let rest = code.get(3..).unwrap_or("");
    let sector = (0..rest.len() / 3).filter_map(|k| rest.get(3 * k..3 * k + 3)).find(|c| PLOVER_SECTORS.contains(c));
    Some(match sector {
        Some(s) => format!("{group}{s}"),
        None => group.to_string(),
    })
}

/// How a governing verb frames the action of the verb it governs ("agreed **to** provide
/// aid", "urged X **to** withdraw", "**will** attack").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// Express intent (CAMEO 03): offer, promise, agree to, plan; future tense.
    Intent,
    /// Appeal (02): urge, call on, ask.
    Appeal,
    /// Demand (10).
    Demand,
    /// Refuse (12): reject, decline, refuse.
    Reject,
    /// Threaten (13).
    Threat,
}

impl Frame {
    /// The frame a governing verb's own CAMEO code sets up, if any.
    pub fn of_code(code: &str) -> Option<Frame> {
        match root(code) {
            "03" => Some(Frame::Intent),
            "02" => Some(Frame::Appeal),
            "10" => Some(Frame::Demand),
            "12" => Some(Frame::Reject),
            "13" => Some(Frame::Threat),
            _ => None,
        }
    }
}

/// The CAMEO code of an action seen through a frame: "will provide food aid" (073) is an
/// intent to provide humanitarian aid (0333), "urged X to negotiate" (046) an appeal to
/// negotiate (026), "will break relations" (161) a threat (1313). `None` when CAMEO has no
/// code for the combination (verbal acts such as statements or accusations, or a hostile act
/// under an appeal); the caller then keeps the governing verb's code.
pub fn framed(frame: Frame, code: &str) -> Option<&'static str> {
    // Cooperative actions: (intent, appeal, demand, refusal).
    let coop: Option<[&'static str; 4]> = match code {
        "040" | "041" | "042" | "043" | "044" | "046" => Some(["036", "026", "106", "125"]),
        "045" => Some(["039", "028", "108", "126"]),
        "050" | "051" | "052" | "053" | "054" | "055" | "056" | "057" => Some(["032", "022", "102", "120"]),
        "060" => Some(["031", "021", "101", "121"]),
        "061" => Some(["0311", "0211", "1011", "1211"]),
        "062" => Some(["0312", "0212", "1012", "1212"]),
        "063" => Some(["0313", "0213", "1013", "1213"]),
        "064" => Some(["0314", "0214", "1014", "1214"]),
        "070" | "075" => Some(["033", "023", "103", "122"]),
        "071" => Some(["0331", "0231", "1031", "1221"]),
        "072" => Some(["0332", "0232", "1032", "1222"]),
        "073" => Some(["0333", "0233", "1033", "1223"]),
        "074" => Some(["0334", "0234", "1034", "1224"]),
        "080" => Some(["035", "025", "105", "124"]),
        "081" | "0811" | "0812" | "0813" | "0814" => Some(["0351", "0251", "1051", "1241"]),
        "082" => Some(["0352", "0252", "1052", "1242"]),
        "083" => Some(["034", "024", "104", "123"]),
        "0831" => Some(["0341", "0241", "1041", "1231"]),
        "0832" => Some(["0342", "0242", "1042", "1232"]),
        "0833" => Some(["0343", "0243", "1043", "1233"]),
        "0834" => Some(["0344", "0244", "1044", "1234"]),
        "084" | "0841" | "0842" => Some(["0353", "0253", "1053", "1243"]),
        "085" => Some(["0354", "0254", "1054", "1244"]),
        "086" | "0861" | "0862" | "0863" => Some(["0355", "0255", "1055", "1245"]),
        "087" | "0871" | "0872" | "0873" | "0874" => Some(["0356", "0256", "1056", "1246"]),
        _ => None,
    };
    if let Some(c) = coop {
        return match frame {
            Frame::Intent => Some(c[0]),
            Frame::Appeal => Some(c[1]),
            Frame::Demand => Some(c[2]),
            Frame::Reject => Some(c[3]),
            Frame::Threat => None,
        };
    }
    // Hostile actions: intending or threatening them is a threat.
    if !matches!(frame, Frame::Intent | Frame::Threat) {
        return None;
    }
    let three = code.get(..3).unwrap_or(code);
    Some(match three {
        "140" | "141" | "142" | "143" | "144" | "145" => "133",
        "160" => "131",
        "161" => "1313",
        "162" => "1311",
        "163" => "1312",
        "164" => "134",
        "165" => "135",
        "166" => "136",
        "170" | "171" | "173" | "174" => "130",
        "172" => match code {
            "1721" => "1321",
            "1722" => "1322",
            "1723" => "1323",
            "1724" => "1324",
            _ => "132",
        },
        "175" => "137",
        "180" | "181" | "182" | "183" | "184" | "185" | "186" => "1383",
        "191" => "1381",
        "192" => "1382",
        "190" | "193" | "194" | "195" | "196" => "138",
        "200" | "201" | "202" | "203" => "1383",
        "204" => "1385",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types() {
        assert_eq!(readable_type("041"), "call");
        assert_eq!(readable_type("0311"), "intent");
        assert_eq!(readable_type("138"), "threat");
        assert_eq!(plover_type("040"), Some("CONSULT"));
        assert_eq!(plover_type("010"), None);
        assert_eq!(plover_type("0831"), Some("CONCEDE"));
    }

    #[test]
    fn plover_actors() {
        assert_eq!(plover_actor("IGOUNOMIL").as_deref(), Some("IGOMIL"));
        assert_eq!(plover_actor("IGOUNO").as_deref(), Some("IGO"));
        assert_eq!(plover_actor("USAGOV").as_deref(), Some("USAGOV"));
        assert_eq!(plover_actor("NGOHLHIRC").as_deref(), Some("NGOHLH"));
        assert_eq!(plover_actor("---GOV"), None);
        assert_eq!(plover_actor("US"), None);
    }

    #[test]
    fn frames() {
        assert_eq!(Frame::of_code("0311"), Some(Frame::Intent));
        assert_eq!(Frame::of_code("051"), None);
        assert_eq!(framed(Frame::Intent, "073"), Some("0333"));
        assert_eq!(framed(Frame::Appeal, "046"), Some("026"));
        assert_eq!(framed(Frame::Demand, "0841"), Some("1053"));
        assert_eq!(framed(Frame::Reject, "0813"), Some("1241"));
        assert_eq!(framed(Frame::Intent, "161"), Some("1313"));
        assert_eq!(framed(Frame::Threat, "190"), Some("138"));
        assert_eq!(framed(Frame::Appeal, "190"), None);
        assert_eq!(framed(Frame::Intent, "010"), None);
    }
}
