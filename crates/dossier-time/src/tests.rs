use super::*;

fn r(s: &str) -> Reference {
    Reference::parse(s).unwrap()
}

/// (span text, type, value) triples.
fn tag(text: &str, reference: Option<&str>) -> Vec<(String, &'static str, String)> {
    let t = TimeTagger::new();
    let rf = reference.map(r);
    t.tag(text, rf.as_ref()).into_iter().map(|x| (text[x.start..x.end].to_string(), x.kind.as_str(), x.value)).collect()
}

fn has(v: &[(String, &'static str, String)], span: &str, typ: &str, value: &str) -> bool {
    v.iter().any(|(s, t, val)| s == span && *t == typ && val == value)
}

#[test]
fn absolute_dates() {
    let v =
        tag("The envoy landed in Ankara on Oct. 14, 2023 and met officials on 3 November 2023.", Some("2023-12-01"));
    assert!(has(&v, "Oct. 14, 2023", "DATE", "2023-10-14"), "{v:?}");
    assert!(has(&v, "3 November 2023", "DATE", "2023-11-03"), "{v:?}");
    let v = tag("Elections were held in 1994, and again in March 1999.", None);
    assert!(has(&v, "1994", "DATE", "1994"), "{v:?}");
    assert!(has(&v, "March 1999", "DATE", "1999-03"), "{v:?}");
}

#[test]
fn relative_with_reference() {
    let v = tag("The talks ended yesterday; a new round is planned for next week.", Some("2025-10-15"));
    assert!(has(&v, "yesterday", "DATE", "2025-10-14"), "{v:?}");
    assert!(has(&v, "next week", "DATE", "2025-W43"), "{v:?}");
    let v = tag("Sales rose 4% last year and fell in the third quarter.", Some("2019-11-20"));
    assert!(has(&v, "last year", "DATE", "2018"), "{v:?}");
    assert!(has(&v, "the third quarter", "DATE", "2019-Q3"), "{v:?}");
}

#[test]
fn no_reference_keeps_underspecified_values() {
    let t = TimeTagger::new();
    let text = "The summit opened on October 17 and closed the next day. He spoke yesterday.";
    let tx = t.tag(text, None);
    let oct = tx.iter().find(|x| &text[x.start..x.end] == "October 17").unwrap();
    assert_eq!(oct.value, "XXXX-10-17");
    assert!(oct.resolved.is_none());
    assert!(tx.iter().all(|x| x.resolved.is_none()));
    let y = tx.iter().find(|x| &text[x.start..x.end] == "yesterday").unwrap();
    assert_eq!(y.value, "XXXX-XX-XX");
}

#[test]
fn tense_decides_bare_weekdays() {
    // reference is a Wednesday
    let v = tag("The minister resigned on Monday.", Some("2024-03-13"));
    assert!(has(&v, "Monday", "DATE", "2024-03-11"), "{v:?}");
    let v = tag("The minister will travel to Paris on Monday.", Some("2024-03-13"));
    assert!(has(&v, "Monday", "DATE", "2024-03-18"), "{v:?}");
}

#[test]
fn durations_and_sets() {
    let v = tag("The ceasefire lasted three days. Inspectors visit every Friday and report daily.", Some("2024-01-10"));
    assert!(has(&v, "three days", "DURATION", "P3D"), "{v:?}");
    assert!(has(&v, "every Friday", "SET", "XXXX-WXX-5"), "{v:?}");
    assert!(has(&v, "daily", "SET", "P1D"), "{v:?}");
    let v = tag("He waited for nearly two and a half hours.", None);
    assert!(has(&v, "nearly two and a half hours", "DURATION", "PT2H30M"), "{v:?}");
    let v = tag("a two-year program", None);
    assert!(has(&v, "two-year", "DURATION", "P2Y"), "{v:?}");
}

#[test]
fn times_of_day() {
    let v = tag("The vote will be held at 3 p.m. EST Thursday.", Some("2024-02-05"));
    assert!(has(&v, "3 p.m. EST Thursday", "TIME", "2024-02-08T15:00"), "{v:?}");
    let v = tag("Troops moved in this morning.", Some("2024-02-05"));
    assert!(has(&v, "this morning", "TIME", "2024-02-05TMO"), "{v:?}");
}

#[test]
fn not_temporal() {
    for text in [
        "You may leave now if you wish to march with them.",
        "The bill costs $1990 and weighs 2000 kilograms.",
        "Call 555-1234 or 650-650-6500 for tickets.",
        "The score was 3-2 after the second half.",
        "She took a second look at the 6-year-old child.",
    ] {
        let v = tag(text, Some("2020-01-01"));
        assert!(
            v.iter().all(|(s, _, _)| !matches!(s.as_str(), "may" | "march" | "1990" | "2000" | "3-2" | "second")),
            "{text}: {v:?}"
        );
    }
}

#[test]
fn reference_parsing() {
    let a = r("2013-02-12T04:30:00.000-02:00");
    assert_eq!(a.offset_seconds(), -7200);
    assert_eq!(a.to_rfc3339(), "2013-02-12T04:30:00-02:00");
    let b = r("2025-10-14");
    assert_eq!(b.to_rfc3339(), "2025-10-14T00:00:00+00:00");
    assert!(Reference::parse("14/10/2025").is_err());
    assert!(Reference::parse("2025-02-31").is_err());
    assert!(Reference::parse("").is_err());
    assert!(Reference::parse("2025-10-14T25:00:00Z").is_err());
}

#[test]
fn phrases_resolve_like_duckling() {
    let t = TimeTagger::new();
    // a Wednesday, fixed offset +01:00
    let rf = r("2021-06-09T10:15:00+01:00");
    let first = |p: &str| resolve_phrase(&t, p, &rf).into_iter().next().and_then(|x| x.resolved);
    assert_eq!(
        first("tomorrow"),
        Some(Resolved::Instant { value: "2021-06-10T00:00:00+01:00".into(), grain: Grain::Day })
    );
    assert_eq!(
        first("next friday"),
        Some(Resolved::Instant { value: "2021-06-18T00:00:00+01:00".into(), grain: Grain::Day })
    );
    assert_eq!(
        first("at 5pm"),
        Some(Resolved::Instant { value: "2021-06-09T17:00:00+01:00".into(), grain: Grain::Hour })
    );
    assert_eq!(
        first("in 3 hours"),
        Some(Resolved::Instant { value: "2021-06-09T13:15:00+01:00".into(), grain: Grain::Minute })
    );
    assert_eq!(
        first("from 9 to 11am"),
        Some(Resolved::Interval {
            from: Some("2021-06-09T09:00:00+01:00".into()),
            to: Some("2021-06-09T12:00:00+01:00".into()),
            grain: Grain::Hour
        })
    );
    assert_eq!(
        first("last month"),
        Some(Resolved::Instant { value: "2021-05-01T00:00:00+01:00".into(), grain: Grain::Month })
    );
    assert_eq!(
        first("31/12/2020"),
        Some(Resolved::Instant { value: "2020-12-31T00:00:00+01:00".into(), grain: Grain::Day })
    );
    assert_eq!(
        first("easter 2024"),
        Some(Resolved::Instant { value: "2024-03-31T00:00:00+01:00".into(), grain: Grain::Day })
    );
}

#[test]
fn anchors() {
    let t = TimeTagger::new();
    let rf = r("2024-05-20");
    let text = "The accord was signed on May 2, 2024. The following day, the army withdrew. Talks resume today.";
    let tx = t.tag(text, Some(&rf));
    let fol = tx.iter().find(|x| text[x.start..x.end].starts_with("The following day")).unwrap();
    assert_eq!(fol.value, "2024-05-03");
    assert_eq!(fol.anchor, Some(Anchor::Timex(0)));
    let today = tx.iter().find(|x| &text[x.start..x.end] == "today").unwrap();
    assert_eq!(today.anchor, Some(Anchor::Published));
    assert_eq!(tx[0].anchor, None);
}

#[test]
fn weekday_conflict_is_reported() {
    let t = TimeTagger::new();
    let text = "The delegation arrived on Friday, October 17, 2023, according to officials.";
    let tx = t.tag(text, None);
    let w = check_consistency(text, &tx, None);
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].kind, "weekday_conflict");
    assert!(w[0].message.contains("Tuesday"), "{}", w[0].message);
    assert!(w[0].message.contains("2025"), "{}", w[0].message);
    // a consistent weekday gives no warning
    let text = "The delegation arrived on Tuesday, October 17, 2023.";
    assert!(check_consistency(text, &t.tag(text, None), None).is_empty());
}

#[test]
fn future_date_in_past_tense_is_reported() {
    let t = TimeTagger::new();
    let rf = r("2024-03-01");
    let text = "The two leaders met on March 15, 2024 in Geneva.";
    let tx = t.tag(text, Some(&rf));
    let w = check_consistency(text, &tx, Some(&rf));
    assert!(w.iter().any(|x| x.kind == "future_in_past_tense"), "{w:?}");
    let text = "The two leaders will meet on March 15, 2024 in Geneva.";
    let tx = t.tag(text, Some(&rf));
    assert!(check_consistency(text, &tx, Some(&rf)).is_empty());
}

#[test]
fn absurd_inputs_do_not_panic() {
    let t = TimeTagger::new();
    let rf = r("2020-06-15");
    for text in [
        "February 31",
        "on February 31, 2021",
        "the 45th",
        "the 45th of March",
        "99/99/9999",
        "in 99999999999999999999 years",
        "10,000,000,000,000,000,000 days ago",
        "year 9999 and year 0000 and 31/02/2020",
        "\u{2019}\u{2014}\u{00e9}t\u{00e9} 3 p.m. \u{1F600} 12:99",
    ] {
        for x in t.tag(text, Some(&rf)) {
            assert!(x.start < x.end && x.end <= text.len());
        }
        let _ = resolve_phrase(&t, text, &rf);
    }
    let feb = t.tag("on February 31, 2021", Some(&rf));
    assert!(feb.iter().all(|x| x.value != "2021-02-31"), "{feb:?}");
}

#[test]
fn long_inputs_are_linear() {
    let t = TimeTagger::new();
    let rf = r("2020-06-15");
    let numbers: String = (0..10_000).map(|i| format!("{} ", i % 3000)).collect();
    let _ = t.tag(&numbers, Some(&rf));
    let line = "On Monday, Oct. 5, 2020 at 3 p.m. the council met for two hours; ".repeat(80_000);
    assert!(line.len() > 5_000_000);
    let start = std::time::Instant::now();
    let tx = t.tag(&line, Some(&rf));
    assert!(tx.len() >= 160_000);
    // generous bound: linear time keeps this well under a few seconds even in debug
    assert!(start.elapsed().as_secs() < 60);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn check(text: &str) {
        let t = TimeTagger::new();
        let rf = r("2013-02-12T04:30:00-02:00");
        for x in t.tag(text, Some(&rf)).iter().chain(t.tag(text, None).iter()) {
            assert!(x.start < x.end, "{x:?}");
            assert!(x.end <= text.len());
            assert!(text.is_char_boundary(x.start) && text.is_char_boundary(x.end));
        }
        for x in resolve_phrase(&t, text, &rf) {
            assert!(x.start < x.end && x.end <= text.len());
            assert!(text.is_char_boundary(x.start) && text.is_char_boundary(x.end));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn any_string_is_safe(s in "\\PC{0,80}") {
            check(&s);
        }

        #[test]
        fn temporal_soup_is_safe(words in proptest::collection::vec(prop::sample::select(vec![
            "Monday", "the", "3", "31", "12:30", "p.m.", "of", "next", "last", "week", "year", "2020", "'99",
            "-", "/", ",", ".", "ago", "in", "from", "to", "quarter", "third", "early", "mid", "February",
            "twenty", "first", "days", "every", "am", "EST", "half", "past", "noon", "\u{e9}", "\u{2013}", "s",
            "later", "after", "before", "day", "Ramadan", "Diwali", "Eid", "al", "Yom", "Kippur", "Chinese",
            "new", "Super", "Tuesday", "4a", "'",
        ]), 0..25)) {
            let text = words.join(" ");
            check(&text);
            let glued = words.concat();
            check(&glued);
        }
    }
}

mod scorers {
    use crate::eval::{score_duckling, score_temporal};

    #[test]
    fn temporal_scorer_counts() {
        let gold = r#"{"doc_id":"a","text":"x","timexes":[{"start":0,"end":5,"type":"DATE","value":"2020"},{"start":10,"end":15,"type":"DURATION","value":"P1D"}]}
{"doc_id":"b","text":"y","timexes":[]}"#;
        let pred = r#"{"doc_id":"a","timexes":[{"start":0,"end":5,"type":"DATE","value":"2020"},{"start":11,"end":13,"type":"DATE","value":"P1D"},{"start":20,"end":22,"type":"DATE","value":"X"}]}"#;
        let s = score_temporal(gold, pred).unwrap();
        assert_eq!((s.gold_timexes, s.pred_timexes, s.strict_matches, s.relaxed_matches), (2, 3, 1, 2));
        assert!((s.value_accuracy - 1.0).abs() < 1e-12);
        assert!((s.type_accuracy - 0.5).abs() < 1e-12);
        assert!((s.relaxed_f1 - 0.8).abs() < 1e-12);
        let empty = score_temporal("", "").unwrap();
        assert!((empty.value_f1 - 1.0).abs() < 1e-12);
        assert!(score_temporal("{\"doc_id\":\"a\"}\n{\"doc_id\":\"a\"}", "").is_err());
    }

    #[test]
    fn duckling_scorer_compares_instants() {
        let gold = r#"{"id":"1","phrase":"p","reference_time":"2013-02-12T04:30:00.000-02:00","expected":{"value":"2013-02-15T00:00:00.000-02:00","grain":"day"}}
{"id":"2","phrase":"q","reference_time":"2013-02-12T04:30:00.000-02:00","expected":null}
{"id":"3","phrase":"r","reference_time":"2013-02-12T04:30:00.000-02:00","expected":{"from":"2013-02-12T15:00:00.000-02:00","to":"2013-02-12T17:00:00.000-02:00","grain":"hour"}}"#;
        let pred = r#"{"id":"1","value":"2013-02-15T02:00:00Z","grain":"Day"}
{"id":"2"}
{"id":"3","from":"2013-02-12T15:00:00-02:00","grain":"hour"}"#;
        let s = score_duckling(gold, pred).unwrap();
        assert_eq!((s.positive.correct, s.positive.total), (1, 2));
        assert_eq!((s.negative.correct, s.negative.total), (1, 1));
    }
}

#[test]
fn pred_offsets_are_code_points() {
    let gold = "{\"doc_id\":\"d\",\"dct\":\"2020-03-02\",\"text\":\"Caf\u{e9} na\u{ef}ve \u{2014} on March 3, 2020 it rained.\",\"timexes\":[]}\n";
    let pred = crate::eval::run_temporal(&TimeTagger::new(), gold).unwrap();
    let v: serde_json::Value = serde_json::from_str(pred.trim()).unwrap();
    let t = &v["timexes"][0];
    let text: Vec<char> = "Caf\u{e9} na\u{ef}ve \u{2014} on March 3, 2020 it rained.".chars().collect();
    let s = t["start"].as_u64().unwrap() as usize;
    let e = t["end"].as_u64().unwrap() as usize;
    assert_eq!(text[s..e].iter().collect::<String>(), "March 3, 2020");
}

#[test]
fn tagger_is_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<TimeTagger>();
    let t = std::sync::Arc::new(TimeTagger::new());
    let handles: Vec<_> = (0..4)
        .map(|k| {
            let t = std::sync::Arc::clone(&t);
            std::thread::spawn(move || t.tag(&format!("Talks resumed on March {}, 2021.", k + 1), None).len())
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), 1);
    }
}

#[test]
fn week_of_month_phrases() {
    let t = TimeTagger::new();
    let rf = r("2021-06-09T10:15:00+01:00");
    let first = |p: &str| resolve_phrase(&t, p, &rf).into_iter().next().and_then(|x| x.resolved);
    // November 2021 starts on a Monday; its last full week starts on the 22nd
    assert_eq!(
        first("the first week of November 2021"),
        Some(Resolved::Instant { value: "2021-11-01T00:00:00+01:00".into(), grain: Grain::Week })
    );
    assert_eq!(
        first("the last week of November 2021"),
        Some(Resolved::Instant { value: "2021-11-22T00:00:00+01:00".into(), grain: Grain::Week })
    );
}

#[test]
fn huge_amounts_saturate() {
    let t = TimeTagger::new();
    let rf = r("2020-06-15");
    for text in [
        "it lasted 10,000,000,000,000,000,000 millennia",
        "in 18,446,744,073,709,551,615.5 years",
        "18,446,744,073,709,551,615 hours and 99 minutes ago",
        "every 18,446,744,073,709,551,615 fortnights",
    ] {
        let _ = t.tag(text, Some(&rf));
        let _ = resolve_phrase(&t, text, &rf);
    }
}

fn phrase_in(p: &str, reference: &str, locale: Option<&str>) -> Option<Resolved> {
    let t = TimeTagger::new();
    resolve_phrase_in(&t, p, &r(reference), locale).into_iter().next().and_then(|x| x.resolved)
}

fn day(v: &str) -> Option<Resolved> {
    Some(Resolved::Instant { value: format!("{v}T00:00:00+00:00"), grain: Grain::Day })
}

#[test]
fn lunar_and_lunisolar_holidays() {
    let rf = "2024-01-10";
    // Chinese new year 2025: 29 January
    assert_eq!(phrase_in("chinese new year 2025", rf, None), day("2025-01-29"));
    // Yom Kippur 5785 began at sunset on 11 October 2024 (the eve)
    assert_eq!(phrase_in("yom kippur 2024", rf, None), day("2024-10-11"));
    // Eid al-Fitr 2024: 10 April
    assert_eq!(phrase_in("eid al-fitr 2024", rf, None), day("2024-04-10"));
    // Ramadan is the span of days up to Eid
    match phrase_in("ramadan 2024", rf, None) {
        Some(Resolved::Interval { from: Some(f), to: Some(t), grain: Grain::Day }) => {
            assert!(f.starts_with("2024-03-1"), "{f}");
            assert!(t.starts_with("2024-04-10"), "{t}");
        }
        x => panic!("{x:?}"),
    }
    // Diwali 2024 (Ashvin amavasya): 31 October or 1 November depending on the rule
    let d = phrase_in("diwali 2024", rf, None);
    assert!(d == day("2024-10-31") || d == day("2024-11-01"), "{d:?}");
    // Makar Sankranti 2025: 14 January
    assert_eq!(phrase_in("makar sankranti 2025", rf, None), day("2025-01-14"));
}

#[test]
fn locale_specific_holidays() {
    let rf = "2024-01-10";
    assert_eq!(phrase_in("thanksgiving 2024", rf, None), day("2024-11-28"));
    assert_eq!(phrase_in("thanksgiving 2024", rf, Some("EN_CA")), day("2024-10-14"));
    assert_eq!(phrase_in("labour day 2024", rf, Some("EN_NZ")), day("2024-10-28"));
    assert_eq!(phrase_in("mothers day 2024", rf, Some("EN_GB")), day("2024-03-10"));
    // a locale's own holiday is unknown elsewhere
    assert_eq!(phrase_in("civic holiday 2024", rf, Some("EN_CA")), day("2024-08-05"));
    assert_ne!(phrase_in("civic holiday 2024", rf, None), day("2024-08-05"));
    // super tuesday only in presidential election years
    assert_eq!(phrase_in("next super tuesday", rf, Some("EN_US")), day("2024-03-05"));
    assert_eq!(phrase_in("next super tuesday", "2024-06-01", Some("EN_US")), day("2028-03-07"));
}

#[test]
fn single_letter_meridiem_is_latent() {
    let t = TimeTagger::new();
    let rf = r("2024-01-10T08:00:00Z");
    assert!(resolve_phrase(&t, "4a", &rf).iter().all(|x| x.resolved.is_none()));
    assert!(resolve_phrase(&t, "4a.", &rf).iter().all(|x| x.resolved.is_none()));
    let latent = resolve_phrase_with(&t, "7p", &rf, PhraseOptions { locale: None, latent: true });
    assert_eq!(
        latent.first().and_then(|x| x.resolved.clone()),
        Some(Resolved::Instant { value: "2024-01-10T19:00:00+00:00".into(), grain: Grain::Hour })
    );
    // inside a range the reading is fine
    let v = resolve_phrase(&t, "from 9a to 11a", &rf);
    assert!(v.first().is_some_and(|x| matches!(x.resolved, Some(Resolved::Interval { .. }))), "{v:?}");
}

#[test]
fn event_anchored_dates() {
    let t = TimeTagger::new();
    let rf = r("2024-06-30");
    let text = "The summit opened on June 3, 2024. Two days later the ministers met. \
                Three days after the meeting they signed a pact. The day before the vote, crowds gathered.";
    let tx = t.tag(text, Some(&rf));
    let get = |s: &str| tx.iter().position(|x| &text[x.start..x.end] == s).unwrap();
    let two = get("Two days");
    assert_eq!(tx[two].kind, TimexType::Date);
    assert_eq!(tx[two].value, "2024-06-05");
    assert_eq!(tx[two].anchor, Some(Anchor::Timex(0)));
    let three = get("Three days");
    assert_eq!(tx[three].value, "2024-06-08");
    assert_eq!(tx[three].anchor, Some(Anchor::Timex(two)));
    let before = get("The day");
    assert_eq!(tx[before].value, "2024-06-07");
    assert_eq!(tx[before].anchor, Some(Anchor::Timex(three)));
    // a plain duration stays a duration
    let text = "The talks lasted two days and ended without a deal.";
    let v = tag(text, Some("2024-06-30"));
    assert!(has(&v, "two days", "DURATION", "P2D"), "{v:?}");
    // no dated timex before: no anchoring
    let v = tag("Two days later they left.", Some("2024-06-30"));
    assert!(v.iter().all(|(_, t, _)| *t != "DATE"), "{v:?}");
}

#[test]
fn date_conflict_is_reported() {
    let t = TimeTagger::new();
    let rf = r("2024-06-30");
    let text = "The summit opened on June 3, 2024. A week later, on June 12, 2024, the leaders signed.";
    let tx = t.tag(text, Some(&rf));
    let w = check_consistency(text, &tx, Some(&rf));
    let c: Vec<_> = w.iter().filter(|x| x.kind == "date_conflict").collect();
    assert_eq!(c.len(), 1, "{w:?}");
    assert!(c[0].message.contains("2024-06-10") && c[0].message.contains("2024-06-12"), "{}", c[0].message);
    let text = "The summit opened on June 3, 2024. A week later, on June 10, 2024, the leaders signed.";
    let tx = t.tag(text, Some(&rf));
    assert!(check_consistency(text, &tx, Some(&rf)).iter().all(|x| x.kind != "date_conflict"));
}

#[test]
fn the_year_is_the_current_year_unless_a_period_ends() {
    let v = tag("For the year, the cooperative's exports were flat.", Some("2024-11-05"));
    assert!(has(&v, "the year", "DATE", "2024"), "{v:?}");
    let v = tag("Revenue reached a high for the fiscal year in May.", Some("2024-11-05"));
    assert!(has(&v, "the fiscal year", "DATE", "2024"), "{v:?}");
    let v = tag("In the year ended June 30, the mill lost money.", Some("2024-11-05"));
    assert!(has(&v, "the year", "DURATION", "P1Y"), "{v:?}");
    let v = tag("Output is forecast to rise in the year ending March 31.", Some("2024-11-05"));
    assert!(has(&v, "the year", "DURATION", "P1Y"), "{v:?}");
}

#[test]
fn recent_and_past_years_are_past_references() {
    let v = tag("Ferry traffic has doubled in recent years.", Some("2024-11-05"));
    assert!(has(&v, "recent years", "DATE", "PAST_REF"), "{v:?}");
    let v = tag("There were similar floods in past years, too.", Some("2024-11-05"));
    assert!(has(&v, "past years", "DATE", "PAST_REF"), "{v:?}");
    // a counted span stays a duration
    let v = tag("Over the past two years the port grew.", Some("2024-11-05"));
    assert!(has(&v, "the past two years", "DURATION", "P2Y"), "{v:?}");
}

#[test]
fn nearest_tense_cue_sets_weekday_direction() {
    // 2024-11-06 is a Wednesday
    let rf = Some("2024-11-06");
    let v = tag("They said they would appeal the ruling, announced Monday by the court.", rf);
    assert!(has(&v, "Monday", "DATE", "2024-11-04"), "{v:?}");
    let v = tag("The council is set to vote Friday on the budget.", rf);
    assert!(has(&v, "Friday", "DATE", "2024-11-08"), "{v:?}");
    let v = tag("The delegation is to arrive in Riga Thursday.", rf);
    assert!(has(&v, "Thursday", "DATE", "2024-11-07"), "{v:?}");
    let v = tag("The mayor could return as early as Saturday.", rf);
    assert!(has(&v, "Saturday", "DATE", "2024-11-09"), "{v:?}");
    let v = tag("The minister said the plant would reopen Tuesday.", rf);
    assert!(has(&v, "Tuesday", "DATE", "2024-11-12"), "{v:?}");
    // "expected" inside a hyphenated adjective is no future cue
    let v = tag("Shares fell on lower-than-expected sales after the market closed Monday.", rf);
    assert!(has(&v, "Monday", "DATE", "2024-11-04"), "{v:?}");
}

#[test]
fn generic_today_and_tomorrow_are_not_dates() {
    let v = tag("Teachers say today's pupils read less; the leaders of tomorrow need books.", Some("2024-11-06"));
    assert!(v.is_empty(), "{v:?}");
    // a possessive of a specific day stays a date
    let v = tag("Tomorrow's vote and yesterday's debate drew crowds.", Some("2024-11-06"));
    assert!(has(&v, "Tomorrow", "DATE", "2024-11-07"), "{v:?}");
    assert!(has(&v, "yesterday", "DATE", "2024-11-05"), "{v:?}");
}

#[test]
fn year_earlier_adjective_keeps_its_article_out() {
    let v = tag("The firm posted a loss, compared with a year-earlier profit.", Some("2024-11-06"));
    assert!(v.iter().any(|(s, t, _)| s == "year-earlier" && *t == "DATE"), "{v:?}");
    assert!(!v.iter().any(|(s, _, _)| s == "a year"), "{v:?}");
}

#[test]
fn year_end_month_end_and_last_half() {
    let rf = Some("2024-10-20");
    let v = tag("The merger should close by year-end.", rf);
    assert!(has(&v, "year-end", "DATE", "2024"), "{v:?}");
    let v = tag("Prices have fallen 3% since year-end.", rf);
    assert!(has(&v, "year-end", "DATE", "2023"), "{v:?}");
    let v = tag("Rules will be in place by year's end.", rf);
    assert!(has(&v, "year's end", "DATE", "2024"), "{v:?}");
    // the adjective is not a timex
    let v = tag("The year-end bonus was cut.", rf);
    assert!(v.is_empty(), "{v:?}");
    let v = tag("Troops should arrive by the end of the month.", rf);
    assert!(has(&v, "the end of the month", "DATE", "2024-10"), "{v:?}");
    let v = tag("Profits will be lower for the last half of 2024.", rf);
    assert!(has(&v, "the last half of 2024", "DATE", "2024-H2"), "{v:?}");
    let v = tag("Output peaked in the last quarter of 2023.", rf);
    assert!(has(&v, "the last quarter of 2023", "DATE", "2023-Q4"), "{v:?}");
}

#[test]
fn unit_compounds_are_durations() {
    let v = tag("After a day-long meeting, the decades-long feud and a years-old dispute ended.", Some("2024-10-20"));
    assert!(has(&v, "day-long", "DURATION", "P1D"), "{v:?}");
    assert!(has(&v, "decades-long", "DURATION", "PXDE"), "{v:?}");
    assert!(has(&v, "years-old", "DURATION", "PXY"), "{v:?}");
    // ages stay out
    let v = tag("Her 6-month-old daughter slept.", Some("2024-10-20"));
    assert!(v.is_empty(), "{v:?}");
}

#[test]
fn impossible_dates_are_skipped_whole() {
    let rf = Some("2021-03-01");
    for text in [
        "The summit was on February 31, 2021.",
        "It ended on 31 February 2020.",
        "Nothing happened on the 30th of February.",
        "The deal was signed on April 31.",
        "They met on February 29, 2021.",
        "It closed on the 45th.",
        "The year 99999 came.",
    ] {
        let v = tag(text, rf);
        assert!(v.is_empty(), "{text}: {v:?}");
    }
    let v = tag("They met on February 29, 2020 and on April 30.", rf);
    assert!(has(&v, "February 29, 2020", "DATE", "2020-02-29"), "{v:?}");
    assert!(has(&v, "April 30", "DATE", "2021-04-30"), "{v:?}");
}

#[test]
fn second_day_of_a_coordinated_date() {
    let v = tag("The summit will be held on April 24 and 25.", Some("2024-02-10"));
    assert!(has(&v, "April 24", "DATE", "2024-04-24"), "{v:?}");
    assert!(has(&v, "25", "DATE", "2024-04-25"), "{v:?}");
    // a count after "and" is not a day
    let v = tag("Sales rose on April 24 and 25 percent of stores closed.", Some("2024-02-10"));
    assert!(!v.iter().any(|(s, _, _)| s == "25"), "{v:?}");
}

#[test]
fn idioms_one_day_and_high_noon() {
    let v = tag("Officials hope the town will one day host the games.", Some("2024-02-10"));
    assert!(has(&v, "one day", "DATE", "FUTURE_REF"), "{v:?}");
    let v = tag("The strike lasted one day.", Some("2024-02-10"));
    assert!(has(&v, "one day", "DURATION", "P1D"), "{v:?}");
    let v = tag("For the rebels, high noon has come.", Some("2024-02-10"));
    assert!(v.is_empty(), "{v:?}");
    let v = tag("The rally starts at noon.", Some("2024-02-10"));
    assert!(has(&v, "noon", "TIME", "2024-02-10T12:00"), "{v:?}");
}

#[test]
fn titles_are_not_dates() {
    let v = tag("The minister said on ABC's \"This Week\" that talks would resume.", Some("2024-02-10"));
    assert!(v.is_empty(), "{v:?}");
    let v = tag("Talks resume this week.", Some("2024-02-10"));
    assert!(has(&v, "this week", "DATE", "2024-W06"), "{v:?}");
}

#[test]
fn past_clause_puts_a_bare_month_behind_the_reference() {
    // reference: late October
    let v = tag("The chain reorganized its stores in January, the company said.", Some("2017-10-25"));
    assert!(has(&v, "January", "DATE", "2017-01"), "{v:?}");
    let v = tag("Since the group acquired the mill in February, output has doubled.", Some("2017-10-25"));
    assert!(has(&v, "February", "DATE", "2017-02"), "{v:?}");
    // a past verb that governs an infinitive or a deadline does not date it
    let v = tag("The firm said it expects to publish its accounts in December.", Some("2017-10-25"));
    assert!(has(&v, "December", "DATE", "2017-12"), "{v:?}");
    let v = tag("Lenders extended the credit line through January.", Some("2017-10-25"));
    assert!(has(&v, "January", "DATE", "2018-01"), "{v:?}");
}

#[test]
fn names_and_adjectives_in_ed_are_no_past_tense() {
    // reference is a Wednesday; "United" is a name, not a past verb
    let v = tag("The delegation would be flying to the United States Thursday.", Some("2024-03-13"));
    assert!(has(&v, "Thursday", "DATE", "2024-03-14"), "{v:?}");
    // "unspecified" is an adjective: the modal decides
    let v = tag("The bonus would be paid on an unspecified date in January.", Some("2017-10-25"));
    assert!(has(&v, "January", "DATE", "2018-01"), "{v:?}");
    // "had been scheduled": the auxiliary, not "scheduled", sets the tense
    let v = tag("The offer had been scheduled to lapse on Friday.", Some("2024-03-13"));
    assert!(has(&v, "Friday", "DATE", "2024-03-08"), "{v:?}");
    let v = tag("Traders sold their positions ahead of the weekend.", Some("2024-03-13"));
    assert!(has(&v, "the weekend", "DATE", "2024-W11-WE"), "{v:?}");
}

#[test]
fn a_plan_points_ahead_unless_it_is_the_plan_that_is_reported() {
    // reference is a Wednesday
    let v = tag("The delegation planned to fly home on Thursday.", Some("2024-03-13"));
    assert!(has(&v, "Thursday", "DATE", "2024-03-14"), "{v:?}");
    let v = tag("Farmers planned a march through the capital on Saturday.", Some("2024-03-13"));
    assert!(has(&v, "Saturday", "DATE", "2024-03-16"), "{v:?}");
    // "as planned": the plan is old, the past verb dates the event
    let v = tag("The convoy left as previously planned Monday night.", Some("2024-03-13"));
    assert!(has(&v, "Monday night", "DATE", "2024-03-11TNI"), "{v:?}");
    // after the expression, "planned" reports the planning itself
    let v = tag("On Monday, the ministry planned to release the funds.", Some("2024-03-13"));
    assert!(has(&v, "Monday", "DATE", "2024-03-11"), "{v:?}");
}

#[test]
fn this_coming_weekday_is_the_next_one() {
    // reference is a Thursday
    let v = tag("The festival is this coming Sunday, March 10.", Some("2024-03-07"));
    assert!(has(&v, "this coming Sunday, March 10", "DATE", "2024-03-10"), "{v:?}");
    let v = tag("The council votes this coming Tuesday.", Some("2024-03-07"));
    assert!(has(&v, "this coming Tuesday", "DATE", "2024-03-12"), "{v:?}");
}

#[test]
fn two_quarters_of_a_year_are_a_half() {
    let v = tag("Demand should stay weak through the first two quarters of 2031.", Some("2030-10-20"));
    assert!(has(&v, "the first two quarters of 2031", "DATE", "2031-H1"), "{v:?}");
    let v = tag("Margins grew in the last two quarters of this year.", Some("2030-10-20"));
    assert!(has(&v, "the last two quarters of this year", "DATE", "2030-H2"), "{v:?}");
}

#[test]
fn coming_months_without_article_are_a_future_reference() {
    let v = tag("Analysts expect margins to narrow in coming quarters.", Some("2030-10-20"));
    assert!(has(&v, "coming quarters", "DATE", "FUTURE_REF"), "{v:?}");
    let v = tag("Analysts expect margins to narrow over the coming months.", Some("2030-10-20"));
    assert!(has(&v, "the coming months", "DURATION", "PXM"), "{v:?}");
}

#[test]
fn additional_units_trading_days_and_mid_parts_of_day() {
    let v = tag("The lease can be renewed for an additional year.", Some("2030-10-20"));
    assert!(has(&v, "an additional year", "DURATION", "P1Y"), "{v:?}");
    let v = tag("The index slid for six trading days in a row.", Some("2030-10-20"));
    assert!(has(&v, "six trading days", "DURATION", "P6D"), "{v:?}");
    let v = tag("By mid-afternoon yesterday the ferry had docked.", Some("2030-10-20"));
    assert!(has(&v, "mid-afternoon yesterday", "TIME", "2030-10-19TAF"), "{v:?}");
    let v = tag("The stall was empty by mid morning.", Some("2030-10-20"));
    assert!(has(&v, "mid morning", "TIME", "2030-10-20TMO"), "{v:?}");
    // a mid-level official is no time
    let v = tag("A mid-level official declined to comment.", Some("2030-10-20"));
    assert!(v.is_empty(), "{v:?}");
}

#[test]
fn until_and_plans_follow_the_clause() {
    // reference is a Wednesday
    let v = tag("The suspect remained in custody until Monday.", Some("2024-03-13"));
    assert!(has(&v, "Monday", "DATE", "2024-03-11"), "{v:?}");
    let v = tag("Until Tuesday, officials had not named him.", Some("2024-03-13"));
    assert!(has(&v, "Tuesday", "DATE", "2024-03-12"), "{v:?}");
    let v = tag("The court postponed the hearing until Monday.", Some("2024-03-13"));
    assert!(has(&v, "Monday", "DATE", "2024-03-18"), "{v:?}");
    let v = tag("The shelter stays open until Friday.", Some("2024-03-13"));
    assert!(has(&v, "Friday", "DATE", "2024-03-15"), "{v:?}");
    // "plans" as a noun is no future cue; "plans to" is
    let v = tag("On Monday, when the minister dropped his travel plans, aides left.", Some("2024-03-13"));
    assert!(has(&v, "Monday", "DATE", "2024-03-11"), "{v:?}");
    let v = tag("The minister plans to visit the port on Monday.", Some("2024-03-13"));
    assert!(has(&v, "Monday", "DATE", "2024-03-18"), "{v:?}");
}

#[test]
fn a_distant_auxiliary_still_sets_the_tense() {
    // "will" is fourteen words before the month
    let v = tag(
        "The engineer will be appointed head of the new coastal survey team for an expedition in December.",
        Some("2030-03-04"),
    );
    assert!(has(&v, "December", "DATE", "2030-12"), "{v:?}");
}

#[test]
fn last_month_and_day_is_that_day() {
    let v = tag("The plant closed last Nov. 12 after a fire.", Some("2031-04-19"));
    assert!(has(&v, "last Nov. 12", "DATE", "2030-11-12"), "{v:?}");
    let v = tag("The plant reopened last March.", Some("2031-04-19"));
    assert!(has(&v, "last March", "DATE", "2031-03"), "{v:?}");
}

#[test]
fn a_period_that_ended_lies_behind_the_reference() {
    let v = tag("In the fiscal year ended Feb. 28, the chain earned $4 million.", Some("2030-10-20"));
    assert!(has(&v, "Feb. 28", "DATE", "2030-02-28"), "{v:?}");
    // four days ahead on the calendar, but the quarter is over: last year's
    let v = tag("In the quarter ended Oct. 24, sales fell.", Some("2030-10-20"));
    assert!(has(&v, "Oct. 24", "DATE", "2029-10-24"), "{v:?}");
    // a scheduled day in a past-tense report stays ahead
    let v = tag("The board declared a dividend payable Dec. 1.", Some("2030-10-20"));
    assert!(has(&v, "Dec. 1", "DATE", "2030-12-01"), "{v:?}");
}

#[test]
fn the_matching_quarter_of_last_year() {
    let text = "Second-quarter revenue grew 8%. Margins beat last year's quarter. \
                Costs fell from the comparable period a year earlier.";
    let v = tag(text, Some("2030-08-01"));
    assert!(has(&v, "last year's quarter", "DATE", "2029-Q2"), "{v:?}");
    assert!(has(&v, "the comparable period a year earlier", "DATE", "2029-Q2"), "{v:?}");
    let v = tag("Second-quarter revenue grew 8%. In the quarter a year ago it fell.", Some("2030-08-01"));
    assert!(has(&v, "the quarter a year ago", "DATE", "2029-Q2"), "{v:?}");
    // "last year's" before another noun stays the year
    let v = tag("Last year's harvest was poor.", Some("2030-08-01"));
    assert!(has(&v, "Last year", "DATE", "2029"), "{v:?}");
}

#[test]
fn later_date_weeks_ahead_and_hours_with_a_part_of_day() {
    let v = tag("The hearing was moved to a later date.", Some("2030-10-20"));
    assert!(has(&v, "a later date", "DATE", "FUTURE_REF"), "{v:?}");
    let v = tag("Traders expect more volatility in the weeks ahead.", Some("2030-10-20"));
    assert!(has(&v, "the weeks ahead", "DURATION", "PXW"), "{v:?}");
    let v = tag("The convoy leaves at 5 in the morning.", Some("2030-10-20"));
    assert!(has(&v, "5 in the morning", "TIME", "2030-10-20T05:00"), "{v:?}");
    let v = tag("The shop closes at 10 at night.", Some("2030-10-20"));
    assert!(has(&v, "10 at night", "TIME", "2030-10-20T22:00"), "{v:?}");
    // a count before a part of day is no clock time
    let v = tag("Police detained 4 in the morning raid.", Some("2030-10-20"));
    assert!(v.is_empty(), "{v:?}");
}

#[test]
fn could_is_no_future_cue() {
    // reference is a Wednesday: "could" is as often the past of "can"
    let v = tag("The mayor could not be reached Tuesday for comment.", Some("2024-03-13"));
    assert!(has(&v, "Tuesday", "DATE", "2024-03-12"), "{v:?}");
    let v = tag("The mayor might announce the plan on Friday.", Some("2024-03-13"));
    assert!(has(&v, "Friday", "DATE", "2024-03-15"), "{v:?}");
}

#[test]
fn the_quarter_under_discussion() {
    // the quarter just ended stays the subject after an earlier one is named
    let text = "Fourth-quarter profit rose 9% from a year ago. After a weak third quarter, \
                margins recovered. Charges hit the year-earlier period.";
    let v = tag(text, Some("2031-01-20"));
    assert!(has(&v, "the year-earlier period", "DATE", "2029-Q4"), "{v:?}");
    // "this year's second quarter" names the quarter too
    let v = tag("Profit in this year's second quarter fell; a year earlier it rose.", Some("2031-08-10"));
    assert!(has(&v, "a year earlier", "DATE", "2030-Q2"), "{v:?}");
    // a current quarter already reported (a fiscal quarter) in the past tense
    let v = tag("The grocer reported lower third-quarter sales. Sales in the latest period fell.", Some("2031-08-10"));
    assert!(has(&v, "the latest period", "DATE", "2031-Q3"), "{v:?}");
    // without a named quarter "the latest quarter" is the last completed one
    let v = tag("Sales in the latest quarter fell.", Some("2031-08-10"));
    assert!(has(&v, "the latest quarter", "DATE", "2031-Q2"), "{v:?}");
}

#[test]
fn clock_time_takes_the_day_after_its_parenthesis() {
    // reference is a Saturday
    let v = tag("The bridge collapsed at about 9:20 a.m. (0620 GMT) Thursday.", Some("2031-03-15"));
    assert!(has(&v, "about 9:20 a.m.", "TIME", "2031-03-13T09:20"), "{v:?}");
    let v = tag("The ferry will sail at 6 in the morning (6 a.m. local time Monday).", Some("2031-03-15"));
    assert!(has(&v, "6 in the morning", "TIME", "2031-03-17T06:00"), "{v:?}");
    // no parenthesis: the day of the reference
    let v = tag("The bridge collapsed at about 9:20 a.m. on a busy road.", Some("2031-03-15"));
    assert!(has(&v, "about 9:20 a.m.", "TIME", "2031-03-15T09:20"), "{v:?}");
}

#[test]
fn possessive_weekday_is_behind_the_reference() {
    // reference is a Friday
    let v = tag("Lawyers said they would try to overturn Tuesday's verdict.", Some("2031-03-14"));
    assert!(has(&v, "Tuesday", "DATE", "2031-03-11"), "{v:?}");
    // without the possessive the future cue decides
    let v = tag("Lawyers said they would meet on Tuesday.", Some("2031-03-14"));
    assert!(has(&v, "Tuesday", "DATE", "2031-03-18"), "{v:?}");
}

#[test]
fn untensed_month_leans_to_the_past() {
    // no tense cue near "March": seven months back beats five ahead
    let v = tag("Shares of the firm, rising to a peak in June from a low in March, gained.", Some("2031-10-20"));
    assert!(has(&v, "March", "DATE", "2031-03"), "{v:?}");
    // a clear future cue still points ahead
    let v = tag("The firm will open a plant in March.", Some("2031-10-20"));
    assert!(has(&v, "March", "DATE", "2032-03"), "{v:?}");
    // and a month close ahead with no cue stays ahead
    let v = tag("A vote in December decides it.", Some("2031-10-20"));
    assert!(has(&v, "December", "DATE", "2031-12"), "{v:?}");
}

#[test]
fn the_week_of_a_date() {
    let v = tag("The trial may open the week of May 12, officials said.", Some("2031-03-14"));
    assert!(has(&v, "the week of May 12", "DATE", "2031-W20"), "{v:?}");
    // "within a week of" stays a duration
    let v = tag("He was freed within a week of his arrest.", Some("2031-03-14"));
    assert!(has(&v, "a week", "DURATION", "P1W"), "{v:?}");
}

#[test]
fn holiday_week_and_a_record_set_on_a_date() {
    let v = tag("Pilgrims gathered as Easter week began.", Some("2031-04-10"));
    // Easter 2031 is April 13, in ISO week 15
    assert!(has(&v, "Easter week", "DATE", "2031-W15"), "{v:?}");
    // reference in February: a record "set on Aug. 6" lies behind it
    let v = tag("The index closed near the record high set on Aug. 6.", Some("2031-02-06"));
    assert!(has(&v, "Aug. 6", "DATE", "2030-08-06"), "{v:?}");
}

#[test]
fn last_minute_is_an_adjective() {
    let v = tag("The last-minute talks failed.", Some("2031-03-14"));
    assert!(v.is_empty(), "{v:?}");
    // other hyphenated durations stay
    let v = tag("The last-minute deal ended a 30-minute standoff.", Some("2031-03-14"));
    assert_eq!(v.len(), 1, "{v:?}");
}

#[test]
fn a_sentence_opening_date_takes_the_tense_of_the_main_clause() {
    // the main verb comes long after the introduction, past an abbreviation
    let text = "In February, two days after the opening of the new concert hall near the river, \
                a fire in Springfield, Ill., destroyed the roof.";
    let v = tag(text, Some("2031-10-20"));
    assert!(has(&v, "February", "DATE", "2031-02"), "{v:?}");
    // with a future verb the same introduction points ahead
    let text = "In February, two days after the opening of the new concert hall near the river, \
                the orchestra in Springfield, Ill., will play its first concert.";
    let v = tag(text, Some("2031-10-20"));
    assert!(has(&v, "February", "DATE", "2032-02"), "{v:?}");
    // "Mr." does not end the sentence either
    let v = tag("The talks, said Mr. Lee, ended on Friday.", Some("2031-10-22"));
    assert!(has(&v, "Friday", "DATE", "2031-10-17"), "{v:?}");
}

#[test]
fn scheduled_present_tense_and_a_cancelled_plan() {
    // reference is a Friday: a present-tense meeting "Monday" is still ahead
    let v = tag("The two ministers meet separately Monday with the envoy.", Some("2031-10-24"));
    assert!(has(&v, "Monday", "DATE", "2031-10-27"), "{v:?}");
    // an infinitive is no present tense: "had been due to expire" is past
    let v = tag("The offer had been due to expire Friday.", Some("2031-10-27"));
    assert!(has(&v, "Friday", "DATE", "2031-10-24"), "{v:?}");
    // reference is a Sunday: the plan was for the day before, then called off
    let v = tag("A parade planned for Saturday was called off after the storm.", Some("2031-10-26"));
    assert!(has(&v, "Saturday", "DATE", "2031-10-25"), "{v:?}");
    // a plan that goes on ("and were hoping") still points ahead
    let v = tag("Farmers planned a march on Saturday and were hoping for sun.", Some("2031-10-22"));
    assert!(has(&v, "Saturday", "DATE", "2031-10-25"), "{v:?}");
}

#[test]
fn the_future_of_something_is_no_time() {
    let v = tag("The vote decides the future of the alliance.", Some("2031-10-22"));
    assert!(v.is_empty(), "{v:?}");
    let v = tag("Prices may fall in the future of course.", Some("2031-10-22"));
    assert!(has(&v, "the future", "DATE", "FUTURE_REF"), "{v:?}");
    let v = tag("They will meet again in the near future.", Some("2031-10-22"));
    assert!(has(&v, "the near future", "DATE", "FUTURE_REF"), "{v:?}");
}

#[test]
fn todays_day_against_todays_world() {
    let v = tag("The notice ran in today's editions of the paper.", Some("2031-10-22"));
    assert!(has(&v, "today", "DATE", "2031-10-22"), "{v:?}");
    let v = tag("Today's vote was close; today's world is complicated.", Some("2031-10-22"));
    assert!(has(&v, "Today", "DATE", "2031-10-22"), "{v:?}");
    assert_eq!(v.len(), 1, "{v:?}");
}

#[test]
fn that_day_needs_a_day_to_point_to() {
    // after a year, "that day" is the day of an undated event
    let v = tag("Prices fell in 2027. Traders who sold that day lost money.", Some("2031-10-22"));
    assert!(has(&v, "2027", "DATE", "2027"), "{v:?}");
    assert_eq!(v.len(), 1, "{v:?}");
    // after a date it is that date
    let v = tag("The vote came on June 3. Protesters gathered that day.", Some("2031-10-22"));
    assert!(has(&v, "that day", "DATE", "2031-06-03"), "{v:?}");
}

#[test]
fn scheduled_verbs_are_not_nouns_or_adjectives() {
    // reference is a Wednesday; "its return Monday" is a noun, the past verb decides
    let v = tag("The company filed its return Monday.", Some("2031-10-22"));
    assert!(has(&v, "Monday", "DATE", "2031-10-20"), "{v:?}");
    // "open" is as often an adjective: the past tense of "were" decides
    let v = tag("The polls were open Monday.", Some("2031-10-22"));
    assert!(has(&v, "Monday", "DATE", "2031-10-20"), "{v:?}");
}

#[test]
fn time_words_come_from_the_tagger_tables() {
    for w in ["friday", "october", "mornings", "years", "weekend", "winter"] {
        assert!(is_time_word(w), "{w}");
    }
    for w in ["time", "governor", "ceasefire", "Friday"] {
        assert!(!is_time_word(w), "{w}");
    }
}
