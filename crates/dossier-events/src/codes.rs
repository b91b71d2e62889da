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
}
