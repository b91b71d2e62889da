//! The events layer on example reports written for the project (examples/events_report.txt,
//! examples/envoy-call.txt).

use dossier::{Analyzer, Doc, DocMeta};

/// One example report through the whole engine, published on `published`.
fn analyze_text(id: &str, text: &str, published: &str) -> Result<Doc, Box<dyn std::error::Error>> {
    let meta = DocMeta { id: id.into(), published: Some(published.into()), ..DocMeta::default() };
    let mut doc = Doc::new(meta, text.to_string())?;
    Analyzer::new()?.process(&mut doc)?;
    Ok(doc)
}

fn analyze() -> Result<Doc, Box<dyn std::error::Error>> {
    analyze_text("ev", include_str!("../../../examples/events_report.txt"), "2026-03-09")
}

struct Ev {
    kind: String,
    trigger: String,
    source: Vec<String>,
    target: Vec<String>,
    date: Option<String>,
    place: Option<String>,
    negated: bool,
    hypothetical: bool,
}

fn events(doc: &Doc) -> Vec<Ev> {
    let name = |i: &usize| doc.entities[*i].name.clone();
    doc.events
        .iter()
        .map(|e| Ev {
            kind: e.kind.to_string(),
            trigger: doc.slice(e.trigger).to_string(),
            source: e.source.iter().map(name).collect(),
            target: e.target.iter().map(name).collect(),
            date: e.when.map(|t| doc.timexes[t].value.clone()),
            place: e.place.map(|(p, m)| format!("{} ({})", doc.entities[p].name, doc.slice(m))),
            negated: e.negated,
            hypothetical: e.hypothetical,
        })
        .collect()
}

fn find<'a>(evs: &'a [Ev], trigger: &str) -> &'a Ev {
    evs.iter().find(|e| e.trigger == trigger).unwrap_or_else(|| panic!("no event triggered by {trigger:?}"))
}

#[test]
fn calls_meeting_proposal_threat_negation_hypothetical() {
    let doc = analyze().unwrap();
    let evs = events(&doc);
    let called = find(&evs, "called");
    assert_eq!(called.kind, "call");
    assert_eq!(called.source, ["Anna Verholt"]);
    assert_eq!(called.target, ["Pavel Ostrik"]);
    assert_eq!(called.date.as_deref(), Some("2026-03-04"));
    assert!(!called.negated && !called.hypothetical);

    let met = find(&evs, "met with");
    assert_eq!(met.kind, "meeting");
    assert_eq!(met.source, ["Pavel Ostrik"]);
    assert_eq!(met.target, ["Anna Verholt"]);
    assert_eq!(met.date.as_deref(), Some("2026-03-06"));
    assert_eq!(met.place.as_deref(), Some("Geneva (Geneva)"));
    assert!(evs.iter().filter(|e| e.trigger != "met with").all(|e| e.place.is_none()));
    // The actor dictionaries code the place (and no invented country).
    let geneva = doc.entities.iter().find(|e| e.name == "Geneva").unwrap();
    assert_eq!(geneva.cameo.as_deref(), Some("CHE"));
    assert!(doc.entities.iter().find(|e| e.name == "Anna Verholt").unwrap().cameo.is_none());

    let spoke = find(&evs, "spoke");
    assert_eq!(spoke.kind, "call");
    assert_eq!(spoke.target, ["Pavel Ostrik"]);
    assert_eq!(spoke.date.as_deref(), Some("2026-03-02"));

    let proposed = find(&evs, "proposed");
    assert_eq!(proposed.kind, "proposal");
    assert_eq!(proposed.source, ["Anna Verholt"]);

    let threat = find(&evs, "threatened");
    assert_eq!(threat.kind, "threat");
    assert_eq!(threat.source, ["Pavel Ostrik"]);

    let not_met = find(&evs, "meet");
    assert!(not_met.negated);
    assert_eq!(not_met.source, ["Anna Verholt"]);

    let maybe = find(&evs, "call");
    assert!(maybe.hypothetical);
    assert!(!maybe.negated);
}

#[test]
fn contract_json_has_events() {
    let doc = analyze().unwrap();
    let json = dossier::output::to_json(&doc);
    let evs = json["events"].as_array().unwrap();
    assert!(!evs.is_empty());
    for e in evs {
        let t = &e["trigger"];
        let chars: Vec<char> = json["text"].as_str().unwrap().chars().collect();
        let (s, en) = (t["start"].as_u64().unwrap() as usize, t["end"].as_u64().unwrap() as usize);
        assert_eq!(chars[s..en].iter().collect::<String>(), t["text"].as_str().unwrap());
        assert!(e["id"].as_str().unwrap().starts_with("ev"));
        if let Some(m) = e["place_mention"].as_object() {
            let (s, en) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
            assert_eq!(chars[s..en].iter().collect::<String>(), m["text"].as_str().unwrap());
            assert!(e["place"].as_str().unwrap().starts_with('e'));
        }
    }
}

#[test]
fn a_call_under_a_dateline_is_dated_by_its_own_clause() {
    // examples/envoy-call.txt opens "MOSCOW, Oct. 16 — Special envoy Daniel Hartley spoke by
    // phone with Kremlin aide Pavel Orlov on Tuesday, October 14": the dateline dates the
    // dispatch, the call was on the 14th; the aide is the person named after the title.
    let doc = analyze_text("envoy", include_str!("../../../examples/envoy-call.txt"), "2025-10-16").unwrap();
    let evs = events(&doc);
    let spoke = find(&evs, "spoke");
    assert_eq!(spoke.kind, "call");
    assert_eq!(spoke.source, ["Daniel Hartley"]);
    assert_eq!(spoke.target, ["Pavel Orlov"]);
    assert_eq!(spoke.date.as_deref(), Some("2025-10-14"));
    // "told reporters in Helsinki two days later": two days after the call.
    assert_eq!(find(&evs, "told").date.as_deref(), Some("2025-10-16"));
}
