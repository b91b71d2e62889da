//! Attributions read from the parse, through the whole default pipeline, on sentences
//! written for this test.

use dossier::Analyzer;

/// (content, speaker mention, cue) of every quote.
fn ledger(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
    let doc = Analyzer::new().and_then(|a| a.analyze_text("t", text)).expect("analysis");
    doc.quotes
        .iter()
        .map(|q| {
            (
                doc.slice(q.range).to_string(),
                q.speaker_mention.map(|r| doc.slice(r).to_string()),
                q.cue.map(|r| doc.slice(r).to_string()),
            )
        })
        .collect()
}

fn has(ledger: &[(String, Option<String>, Option<String>)], content: &str, speaker: &str, cue: &str) -> bool {
    ledger.iter().any(|(c, s, q)| c == content && s.as_deref() == Some(speaker) && q.as_deref() == Some(cue))
}

#[test]
fn clausal_complement_is_the_content() {
    let l = ledger("The foreign minister said that the talks would resume in March.");
    assert!(has(&l, "that the talks would resume in March", "The foreign minister", "said"), "{l:?}");
}

#[test]
fn infinitival_promise_and_nominal_position() {
    let l = ledger("The governor vowed to veto the budget. Opposition leaders rejected the proposal.");
    assert!(has(&l, "to veto the budget", "The governor", "vowed"), "{l:?}");
    assert!(has(&l, "the proposal", "Opposition leaders", "rejected"), "{l:?}");
}

#[test]
fn negated_and_quoted_cues_report_nothing() {
    let l = ledger("The mayor did not say that the bridge was unsafe.");
    assert!(l.iter().all(|(_, _, cue)| cue.as_deref() != Some("say")), "{l:?}");
    let l = ledger("\"I think the deal is dead,\" the senator told reporters.");
    assert!(l.iter().all(|(_, _, cue)| cue.as_deref() != Some("think")), "{l:?}");
    assert!(l.iter().any(|(_, s, cue)| s.as_deref() == Some("the senator") && cue.as_deref() == Some("told")), "{l:?}");
}
