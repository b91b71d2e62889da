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

/// Quotes with the index of the quote each continues, for fragment tests.
fn fragments(text: &str) -> Vec<(String, Option<String>, Option<usize>)> {
    let doc = Analyzer::new().and_then(|a| a.analyze_text("t", text)).expect("analysis");
    doc.quotes
        .iter()
        .map(|q| (doc.slice(q.range).to_string(), q.cue.map(|r| doc.slice(r).to_string()), q.continues))
        .collect()
}

#[test]
fn participle_cue_takes_the_second_quotation() {
    let l =
        ledger("“We cannot wait any longer,” Ortiz said, adding later, “The budget is broken and everyone knows it.”");
    assert!(has(&l, "“We cannot wait any longer,”", "Ortiz", "said"), "{l:?}");
    assert!(has(&l, "“The budget is broken and everyone knows it.”", "Ortiz", "adding"), "{l:?}");
}

#[test]
fn coordinated_tail_is_not_content() {
    let l = ledger("“He really does mean it,” Grant said, and the crowd cheered.");
    assert_eq!(l.len(), 1, "{l:?}");
    assert!(has(&l, "“He really does mean it,”", "Grant", "said"), "{l:?}");
    // An indirect quotation may resume after the interruption.
    let l = ledger("The plan, Grant said, would cut waiting times across the region.");
    assert!(l.iter().any(|(c, s, _)| c.contains("waiting times") && s.as_deref() == Some("Grant")), "{l:?}");
}

#[test]
fn short_quotations_continue_an_attributed_one() {
    let f = fragments("“I agree,” Paul Grant said to the crowd. “I agree, Lena.”");
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!(f[1], ("“I agree, Lena.”".to_string(), Some("said".to_string()), Some(0)), "{f:?}");
    // A question split from its cue: the cue reports both quotations once.
    let f = fragments("“Does anyone know what the plan is?” Hale asked. “Neither do I.”");
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!(f[1].2, Some(0), "{f:?}");
}

#[test]
fn leading_fragment_joins_the_next_attribution() {
    let f = fragments("“You cut the wages of nurses” in every district. “It is a disgrace,” Ortiz said.");
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!(f[0].1.as_deref(), Some("said"), "{f:?}");
    assert_eq!(f[1].2, Some(0), "{f:?}");
}

#[test]
fn words_before_a_mid_sentence_cue_are_the_first_fragment() {
    // The speaker in apposition to the first words (the parser's reading) or set off alone.
    for text in [
        "The new bridge, Mayor Dana Holt said, would open to traffic by the spring.",
        "The new bridge, she said, would open to traffic by the spring.",
    ] {
        let f = fragments(text);
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(f[0].0, "The new bridge", "{f:?}");
        assert_eq!(f[1].0, "would open to traffic by the spring", "{f:?}");
        assert_eq!((f[0].1.as_deref(), f[1].2), (Some("said"), Some(0)), "{f:?}");
    }
    let l = ledger("The new bridge, Mayor Dana Holt said, would open to traffic by the spring.");
    assert!(has(&l, "The new bridge", "Mayor Dana Holt", "said"), "{l:?}");
    // A cue followed by a direct quotation keeps the words before it as narration.
    let f = fragments("As the crowd waited, the mayor said, “We open the bridge tomorrow.”");
    assert_eq!(f.len(), 1, "{f:?}");
}

#[test]
fn participle_aside_after_the_content_is_not_content() {
    let l = ledger("Video shows that the man had his hands up, contradicting the earlier police claim.");
    assert!(
        l.iter().any(|(c, _, cue)| c == "that the man had his hands up" && cue.as_deref() == Some("shows")),
        "{l:?}"
    );
}

#[test]
fn a_participle_of_the_reported_clause_is_content() {
    let l = ledger(
        "The minister said the new port would link the two regions, allowing farmers to reach markets in the north.",
    );
    assert!(
        has(
            &l,
            "the new port would link the two regions, allowing farmers to reach markets in the north",
            "The minister",
            "said"
        ),
        "{l:?}"
    );
}

#[test]
fn words_hung_on_the_cue_after_an_infinitive_are_content() {
    // The parser hangs `use` and what follows on `plans` instead of on `put`.
    let l = ledger("He plans to put to good use the $18 million he says he raised after the debate.");
    assert!(
        l.iter()
            .any(|(c, _, cue)| c.starts_with("to put to good use the $18 million") && cue.as_deref() == Some("plans")),
        "{l:?}"
    );
}

#[test]
fn continuations_stop_at_paragraphs() {
    let f = fragments("“He really does mean it,” Grant said.\n\n“The council has lost its way on every count.”");
    assert!(f.iter().all(|(_, _, c)| c.is_none()), "{f:?}");
}

#[test]
fn dash_bylines_name_the_speaker() {
    let l = ledger(
        "Letters of the week\n\n“The ferry should run all night in summer.” ― Ines Varga\n“Nobody asked us.” - Tom\n",
    );
    assert!(has(&l, "“The ferry should run all night in summer.”", "Ines Varga", "―"), "{l:?}");
    // A dash that goes on into a sentence is not a byline.
    let l = ledger("“The ferry should run all night,” – and the council agreed in the end.");
    assert!(l.iter().all(|(_, _, cue)| cue.as_deref() != Some("–")), "{l:?}");
}

#[test]
fn evidential_small_clauses() {
    let l = ledger("A review of donations shows independent groups outpacing the parties in recent weeks.");
    assert!(
        l.iter().any(|(c, _, q)| c.starts_with("independent groups outpacing") && q.as_deref() == Some("shows")),
        "{l:?}"
    );
    // A plain object reports nothing.
    let l = ledger("The guide showed the visitors the old harbour.");
    assert!(l.iter().all(|(_, _, q)| q.as_deref() != Some("showed")), "{l:?}");
}

#[test]
fn headline_case_is_read_from_the_surface() {
    let l = ledger("Mayor and Harbour Chief Discussed Ferry Plan, Officials Say\n\nThe talks went on.");
    assert!(has(&l, "Mayor and Harbour Chief Discussed Ferry Plan", "Officials", "Say"), "{l:?}");
    assert_eq!(l.len(), 1, "{l:?}");
}

#[test]
fn a_quotation_inside_reported_speech_is_one_attribution() {
    let l =
        ledger("A spokeswoman, Ana Reyes, said on Friday that the council \"has not seen any plan with 28 points.\"");
    assert_eq!(l.len(), 1, "{l:?}");
    assert!(l[0].0.starts_with("that the council") && l[0].0.ends_with("points.\""), "{l:?}");
}

#[test]
fn sources_name_someone() {
    let l = ledger("Gen. Tom Reyes, who attended a meeting on Thursday, declined to comment.");
    assert!(l.iter().all(|(_, s, _)| s.as_deref() != Some("declined to")), "{l:?}");
}

#[test]
fn an_impression_has_content_and_no_source() {
    let l = ledger("The harbor authority appears to be losing patience with the shipping firms.");
    let impression = l.iter().find(|(_, _, cue)| cue.as_deref() == Some("appears"));
    assert!(
        impression.is_some_and(|(c, s, _)| c == "to be losing patience with the shipping firms" && s.is_none()),
        "{l:?}"
    );
    // Without a complement the verb reports nothing.
    let l = ledger("The harbor master appeared on the evening news with the mayor.");
    assert!(l.iter().all(|(_, _, cue)| cue.as_deref() != Some("appeared")), "{l:?}");
}

#[test]
fn a_noun_that_spells_a_cue_does_not_hide_the_real_one() {
    // `States` is a reporting verb's form, but here a name: `according to` still reports.
    let l = ledger("Fewer ferries sail in the United States than a decade ago, according to the Harbor Institute.");
    assert!(
        has(&l, "Fewer ferries sail in the United States than a decade ago", "the Harbor Institute", "according to"),
        "{l:?}"
    );
}

#[test]
fn a_cue_that_ends_the_sentence_reports_all_before_it() {
    // The parser hangs `said` on the content's verb as an adverbial clause; the content is
    // the whole sentence before the reporting clause, not the inner `called for`.
    let l = ledger(
        "The protocol called for the nominee to be taken to a trauma center in the wake of her collapse, sources said.",
    );
    assert!(
        has(
            &l,
            "The protocol called for the nominee to be taken to a trauma center in the wake of her collapse",
            "sources",
            "said"
        ),
        "{l:?}"
    );
}

#[test]
fn inverted_subject_after_the_cue_is_the_source() {
    let l = ledger("The plan was popular, said Mary Jones, a senator from Ohio.");
    assert!(has(&l, "The plan was popular", "Mary Jones, a senator from Ohio", "said"), "{l:?}");
}

#[test]
fn typewriter_double_marks_quote_directly() {
    let doc = Analyzer::new()
        .and_then(|a| {
            a.analyze_text(
                "t",
                "''The bridge will open in May,'' said Mayor Dana Holt. ''We are ready for the traffic.''",
            )
        })
        .expect("analysis");
    let kinds: Vec<_> = doc.quotes.iter().map(|q| (q.kind, q.continues)).collect();
    assert_eq!(kinds, [("direct", None), ("direct", Some(0))], "{:?}", doc.quotes);
}

#[test]
fn a_quotation_inside_the_reporters_sentence_leads_into_nothing() {
    // An unattributed quotation mid-sentence, with the reporter's words after it, is not the
    // first fragment of the next speaker's quotation.
    let f = fragments(
        "Two veterans of the council -- the budget chief, whose motto was “We cannot wait another year” -- and Ray \
         Ortiz, a former treasurer, were at the meeting. “It is too late to change course now,” Mr. Ortiz said.",
    );
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!(f[0].1, None, "{f:?}");
    assert_eq!(f[1].2, None, "{f:?}");
}

#[test]
fn a_poll_that_opens_the_sentence_is_the_source() {
    let l = ledger("In a survey released on Monday, the governor held a twelve-point lead over her rival.");
    assert!(
        has(&l, "the governor held a twelve-point lead over her rival", "a survey released on Monday", "In"),
        "{l:?}"
    );
    // At the end of a sentence the polls are mostly a place, not a source.
    let l = ledger("The senator has trailed her rival for months in the polls.");
    assert!(l.iter().all(|(_, _, cue)| cue.as_deref() != Some("in")), "{l:?}");
}

#[test]
fn a_name_in_typewriter_quotes_after_called_is_the_judgement() {
    let l = ledger("Ms. Acosta called the venture ''a great example'' of how things had gone wrong.");
    assert!(has(&l, "the venture ''a great example'' of how things had gone wrong", "Ms. Acosta", "called"), "{l:?}");
    // A bare time after the object is no name.
    let l = ledger("The newspaper called them in an article last week.");
    assert!(l.is_empty(), "{l:?}");
}

#[test]
fn the_subject_of_a_reported_clause_or_infinitive_belongs_to_the_content() {
    // The parser reads `Kyiv` as the object of `wants` and `to accept` as its xcomp: the
    // object is the infinitive's subject, part of what is wanted.
    let l = ledger("The envoy wants Kyiv to accept the plan.");
    assert!(has(&l, "Kyiv to accept the plan", "The envoy", "wants"), "{l:?}");
    // The parser takes the clause subject for the object of `says` and leaves the clause
    // subjectless: the content still starts at that subject.
    let l = ledger("The lawsuit says the governor's emergency orders on rent are \"open to abuse\".");
    assert!(
        l.iter().any(|(c, _, cue)| c.starts_with("the governor's emergency orders on rent are")
            && cue.as_deref() == Some("says")),
        "{l:?}"
    );
}

#[test]
fn a_subjectless_predicate_hung_on_the_cue_is_content_a_further_report_is_not() {
    let l = ledger(
        "The senators said they had doubts about the treaty, but could not bring themselves to oppose the president.",
    );
    assert!(
        has(
            &l,
            "they had doubts about the treaty, but could not bring themselves to oppose the president",
            "The senators",
            "said"
        ),
        "{l:?}"
    );
    let l = ledger("The mayor said the budget was balanced, and warned that taxes would rise.");
    assert!(has(&l, "the budget was balanced", "The mayor", "said"), "{l:?}");
    assert!(l.iter().any(|(c, _, cue)| c == "that taxes would rise" && cue.as_deref() == Some("warned")), "{l:?}");
}

#[test]
fn a_request_for_anonymity_is_no_quote() {
    let l = ledger("A Vandor official, who asked not to be named, said the talks would resume.");
    assert!(l.iter().all(|(c, _, _)| !c.contains("not to be named")), "{l:?}");
    assert!(l.iter().any(|(c, _, cue)| c == "the talks would resume" && cue.as_deref() == Some("said")), "{l:?}");
    let l = ledger("Two aides, who requested anonymity, said the plan had stalled.");
    assert!(l.iter().all(|(_, _, cue)| cue.as_deref() != Some("requested")), "{l:?}");
    // Asking someone to act is still reported.
    let l = ledger("Mara Lind asked the council to delay the vote.");
    assert!(l.iter().any(|(_, _, cue)| cue.as_deref() == Some("asked")), "{l:?}");
}

#[test]
fn a_source_after_the_verb_may_open_with_a_quantifier() {
    let l = ledger(
        "The plan was never discussed with the cabinet, and the meeting ended early, said one source in the room.",
    );
    assert!(
        has(
            &l,
            "The plan was never discussed with the cabinet, and the meeting ended early",
            "one source in the room",
            "said"
        ),
        "{l:?}"
    );
}

#[test]
fn a_clause_of_time_or_cause_is_no_content() {
    let l = ledger("The prime minister said after the meeting broke up.");
    assert!(l.is_empty(), "{l:?}");
    let l = ledger("The envoy told reporters before the vote began.");
    assert!(l.is_empty(), "{l:?}");
    let l = ledger("The prime minister said after the meeting broke up that no date had been set.");
    assert!(has(&l, "that no date had been set", "The prime minister", "said"), "{l:?}");
    // A concession that opens a longer complement is part of what was said.
    let l = ledger("Reyes said although prices and wages are each known to matter, nobody has studied them together.");
    assert!(
        l.iter().any(|(c, _, cue)| c.starts_with("although prices")
            && c.ends_with("together")
            && cue.as_deref() == Some("said")),
        "{l:?}"
    );
}

#[test]
fn a_quotation_closed_by_its_comma_before_the_cue_is_the_content() {
    // What the parser may hang on the cue after it (a relative clause on the speaker, the
    // programme she spoke on) describes the report; the quotation is what was said, and the
    // next sentence's quotation continues it.
    let text = "“The vote will be close,” said Marta Ilves, who chaired the budget committee from 2009 \
                to 2014 and has backed the governor since then. “Nobody should count on it.”\n\n\
                “The money is simply not there,” Tomas Berg, a senior aide to the mayor, said Friday on \
                the radio programme “City Hour.” “We will have to cut.”";
    let l = ledger(text);
    assert!(has(&l, "“The vote will be close,”", "Marta Ilves", "said"), "{l:?}");
    assert!(has(&l, "“The money is simply not there,”", "Tomas Berg, a senior aide to the mayor", "said"), "{l:?}");
    assert!(l.iter().all(|(c, _, _)| !c.contains("chaired") && !c.contains("Friday")), "{l:?}");
    let f = fragments(text);
    let at = |s: &str| f.iter().position(|(c, _, _)| c == s);
    assert_eq!(
        f[at("“Nobody should count on it.”").expect("continuation")].2,
        at("“The vote will be close,”"),
        "{f:?}"
    );
    assert_eq!(
        f[at("“We will have to cut.”").expect("continuation")].2,
        at("“The money is simply not there,”"),
        "{f:?}"
    );
}

#[test]
fn a_word_of_the_quotation_is_not_its_speaker() {
    let quote = "“Of course, Republicans are trying to win votes with this, but the facts are clear,”";
    let l = ledger(&format!("{quote} said Rep. Ines Duarte, the top Democrat on the committee, in a statement."));
    let q = l.iter().find(|(c, _, _)| c == quote).expect("the quotation is attributed");
    assert!(q.1.as_deref().is_some_and(|s| s.starts_with("Rep. Ines Duarte")), "{l:?}");
    assert_eq!(q.2.as_deref(), Some("said"), "{l:?}");
    assert!(l.iter().all(|(_, s, _)| s.as_deref() != Some("Republicans")), "{l:?}");
}

#[test]
fn calling_on_a_day_is_no_call_for_anything() {
    let l = ledger("Senator Ilves on Wednesday called on the governor to resign.");
    assert!(l.iter().all(|(c, _, _)| c != "on Wednesday"), "{l:?}");
    assert!(has(&l, "on the governor to resign", "Senator Ilves", "called"), "{l:?}");
    // Nor is a time phrase hung on the subject part of the speaker.
    let l = ledger("The union on Friday called for a general strike.");
    assert!(has(&l, "for a general strike", "The union", "called"), "{l:?}");
}
