//! Tests of the whole parser on drafts written for them: every attribution form, the
//! negative cases, multi-paragraph quotes, Markdown, front matter and CRLF text.

use super::*;
use crate::date::Date;

const HEAD: &str = "Talks open in Brussels\n\n";

fn plain(text: &str) -> Article {
    parse(text, &ParseOptions::default(), &NoHints)
}

fn md(text: &str) -> Article {
    parse(
        text,
        &ParseOptions {
            format: Format::Markdown,
        },
        &NoHints,
    )
}

/// (speaker as written, kind, resolved, cue) of the quotation starting with `start`.
fn who(
    a: &Article,
    text: &str,
    start: &str,
) -> Option<(String, SpeakerKind, Option<String>, String)> {
    let q = a
        .quotes
        .iter()
        .find(|q| q.inner.slice(text).starts_with(start))
        .unwrap_or_else(|| panic!("no quotation starting {start:?} in {text:?}"));
    q.attribution.as_ref().map(|at| {
        (
            at.speaker.text.clone(),
            at.speaker.kind,
            at.speaker.resolved.clone(),
            at.cue_text.clone(),
        )
    })
}

fn speaker(body: &str) -> Option<(String, SpeakerKind, String)> {
    let t = format!("{HEAD}{body}");
    let a = plain(&t);
    who(&a, &t, "We").map(|(s, k, _, c)| (s, k, c))
}

fn named(s: &str, cue: &str) -> Option<(String, SpeakerKind, String)> {
    Some((s.into(), SpeakerKind::Named, cue.into()))
}

fn described(s: &str, cue: &str) -> Option<(String, SpeakerKind, String)> {
    Some((s.into(), SpeakerKind::Description, cue.into()))
}

#[test]
fn cue_after_the_quote_with_the_speaker_before_or_after_the_verb() {
    assert_eq!(
        speaker("“We will not back down,” Peskov said."),
        named("Peskov", "said")
    );
    assert_eq!(
        speaker("“We will not back down,” said Peskov."),
        named("Peskov", "said")
    );
    assert_eq!(
        speaker("“We will not back down,” said Kremlin spokesman Dmitry Peskov in Moscow."),
        named("Dmitry Peskov", "said")
    );
    assert_eq!(
        speaker("“We will not back down,” Peskov says."),
        named("Peskov", "says")
    );
    assert_eq!(
        speaker("“We will not back down” Peskov said of the demands."),
        named("Peskov", "said")
    );
}

#[test]
fn every_speech_verb_and_tense_is_a_cue() {
    for verb in [
        "added",
        "asked",
        "wrote",
        "replied",
        "stated",
        "explained",
        "warned",
        "insisted",
        "tweeted",
        "posted",
        "says",
        "adds",
        "warns",
    ] {
        assert_eq!(
            speaker(&format!("“We will not back down,” Peskov {verb}.")),
            named("Peskov", verb),
            "{verb}"
        );
    }
    assert_eq!(
        speaker("“We will not back down,” Peskov told reporters on Tuesday."),
        named("Peskov", "told reporters")
    );
    assert_eq!(
        speaker("“We will not back down,” Peskov told the BBC."),
        named("Peskov", "told the BBC")
    );
    assert_eq!(
        speaker("“We will not back down,” the ministry said in a statement."),
        described("the ministry", "said in a statement")
    );
}

#[test]
fn cue_before_the_quote_and_according_to() {
    assert_eq!(
        speaker("Peskov said: “We will not back down.”"),
        named("Peskov", "said")
    );
    assert_eq!(
        speaker("Peskov told reporters: “We will not back down.”"),
        named("Peskov", "told reporters")
    );
    assert_eq!(
        speaker("“We will not back down,” according to a Kremlin spokesman."),
        described("a Kremlin spokesman", "according to")
    );
    assert_eq!(
        speaker("According to Peskov, “We will not back down on anything.”"),
        named("Peskov", "According to")
    );
    assert_eq!(
        speaker("In a statement, the ministry said “We will not back down” on Tuesday."),
        described("the ministry", "said")
    );
}

#[test]
fn appositive_and_title_cues_name_the_person() {
    assert_eq!(
        speaker("“We want dialogue,” U.S. ambassador to the OSCE, Michael Carpenter, said."),
        named("Michael Carpenter", "said")
    );
    assert_eq!(
        speaker("“We want dialogue,” U.S. envoy to NATO Julianne Smith told reporters."),
        named("Julianne Smith", "told reporters")
    );
    assert_eq!(
        speaker("“We want dialogue,” Grushko, a former ambassador to NATO, said."),
        named("Grushko", "said")
    );
}

#[test]
fn descriptions_speak_too() {
    assert_eq!(
        speaker("“We will not back down,” a spokesman said."),
        described("a spokesman", "said")
    );
    assert_eq!(
        speaker("“We will not back down,” officials said."),
        described("officials", "said")
    );
    assert_eq!(
        speaker("“We will not back down,” the statement said."),
        described("the statement", "said")
    );
    assert_eq!(
        speaker("“We will not back down,” said a diplomat who asked not to be named."),
        described("a diplomat", "said")
    );
}

#[test]
fn pronouns_resolve_to_the_latest_speaker_and_surnames_expand() {
    let t = format!(
        "{HEAD}Kremlin spokesperson Dmitry Peskov said the drills were routine.\n\n\
         “We are not negotiating from strength,” he said.\n\n\
         U.S. envoy Julianne Smith disagreed. “We want to see Russia pulling back,” she said.\n\n\
         “We will talk again next week,” Peskov added."
    );
    let a = plain(&t);
    let (s, k, r, _) = who(&a, &t, "We are not").unwrap();
    assert_eq!(
        (s.as_str(), k, r.as_deref()),
        ("he", SpeakerKind::Pronoun, Some("Dmitry Peskov"))
    );
    let (_, _, r, _) = who(&a, &t, "We want").unwrap();
    assert_eq!(r.as_deref(), Some("Julianne Smith"));
    let (s, _, r, _) = who(&a, &t, "We will talk").unwrap();
    assert_eq!(
        (s.as_str(), r.as_deref()),
        ("Peskov", Some("Dmitry Peskov"))
    );
}

#[test]
fn name_hints_decide_pronoun_fit_and_full_names() {
    struct Hints;
    impl NameHints for Hints {
        fn pronoun(&self, name: &str) -> Option<Pronoun> {
            match name {
                "Julianne Smith" => Some(Pronoun::She),
                "Dmitry Peskov" => Some(Pronoun::He),
                _ => None,
            }
        }
        fn full_name(&self, name: &str) -> Option<String> {
            (name == "Lavrov").then(|| "Sergei Lavrov".to_string())
        }
    }
    // The most recent speaker is Smith, but "he" does not fit her.
    let t = format!(
        "{HEAD}Kremlin spokesperson Dmitry Peskov said talks were hard. Julianne Smith said they were useful.\n\n\
         “We are not negotiating from strength,” he said.\n\n“We will not back down,” Lavrov said."
    );
    let a = parse(&t, &ParseOptions::default(), &Hints);
    assert_eq!(
        who(&a, &t, "We are not").unwrap().2.as_deref(),
        Some("Dmitry Peskov")
    );
    assert_eq!(
        who(&a, &t, "We will not").unwrap().2.as_deref(),
        Some("Sergei Lavrov")
    );
}

#[test]
fn an_earlier_cue_covers_later_quotes_but_not_words_inside_quotes() {
    let t = format!("{HEAD}“We came to talk,” she said. “We want results now.”");
    let a = plain(&t);
    assert_eq!(who(&a, &t, "We want").unwrap().0, "she");

    let t = format!("{HEAD}Peskov spoke on Tuesday. “We came to talk,” he said. Then he left.");
    assert!(who(&plain(&t), &t, "We came").is_some());

    // "said" inside the quotation does not attribute it.
    let t = format!("{HEAD}“He said we would come and we came back again.”");
    assert_eq!(who(&plain(&t), &t, "He said"), None);
}

#[test]
fn a_floating_quote_is_carried_over_from_one_speaker_only() {
    let t = format!(
        "{HEAD}“We are ready to talk,” Julianne Smith said.\n\n“We are not ready to concede.”"
    );
    let a = plain(&t);
    let q = a
        .quotes
        .iter()
        .find(|q| q.inner.slice(&t).starts_with("We are not"))
        .unwrap();
    assert!(q.carried_over);
    assert_eq!(
        q.attribution.as_ref().unwrap().speaker.resolved.as_deref(),
        Some("Julianne Smith")
    );

    let t = format!(
        "{HEAD}“We are ready,” Julianne Smith said. “We are not,” Peskov said.\n\n“We will see what happens.”"
    );
    let a = plain(&t);
    let q = a
        .quotes
        .iter()
        .find(|q| q.inner.slice(&t).starts_with("We will see"))
        .unwrap();
    assert!(!q.carried_over);
    assert!(q.attribution.is_none());

    // Not floating: a narrative paragraph sits between.
    let t = format!("{HEAD}“We are ready,” Julianne Smith said.\n\nTalks went on.\n\n“We will see what happens.”");
    let a = plain(&t);
    assert!(a.quotes.iter().all(|q| !q.carried_over));
}

#[test]
fn multi_paragraph_quote_is_attributed_by_its_last_paragraph_or_a_colon_introduction() {
    let t = format!(
        "{HEAD}“We are not negotiating from strength.\n\n“There is no place for ultimatums,” Peskov said."
    );
    let a = plain(&t);
    assert_eq!(a.quotes.len(), 1);
    assert_eq!(
        (a.quotes[0].first_paragraph, a.quotes[0].last_paragraph),
        (1, 2)
    );
    assert_eq!(who(&a, &t, "We are not").unwrap().0, "Peskov");
    assert!(a.stray_marks.is_empty());

    let t = format!("{HEAD}Peskov told reporters:\n\n“We are not negotiating from strength.”");
    let a = plain(&t);
    assert_eq!(who(&a, &t, "We are not").unwrap().3, "told reporters");
}

#[test]
fn scare_quotes_titles_and_headline_or_caption_quotes_are_not_speech() {
    let t = "‘No ultimatums’: Russia sets out demands\n\n\
             Troops drill near the border. REUTERS/Gleb Garanich\n\n\
             MOSCOW (Reuters) - Russia called the drills “routine”. \
             He read “War and Peace” on the flight and quoted the novel “A Farewell to Arms”.";
    let a = plain(t);
    let speech: Vec<&str> = a
        .quotes
        .iter()
        .filter(|q| q.is_speech)
        .map(|q| q.inner.slice(t))
        .collect();
    assert_eq!(speech, vec!["routine"]);
    let routine = a
        .quotes
        .iter()
        .find(|q| q.inner.slice(t) == "routine")
        .unwrap();
    assert!(routine.is_short_term(t, 4));
    assert_eq!(a.paragraphs[1].kind, PartKind::Caption);
}

#[test]
fn apostrophes_are_marks_but_not_quotes() {
    let t = format!("{HEAD}Russia’s view isn’t new: the ’90s, rock ’n’ roll, the Alliance's and the allies’ plans.");
    let a = plain(&t);
    assert!(a.quotes.is_empty());
    assert!(a.stray_marks.is_empty());
    assert_eq!(a.marks.iter().filter(|m| m.2).count(), 7);
    assert!(a.marks.iter().any(|m| m.1 == QuoteStyle::StraightSingle));
}

#[test]
fn markdown_code_and_front_matter_are_not_analysed_but_its_date_is() {
    let t = "---\ntitle: “Draft\ndate: 2022-01-12\n---\n# ‘No ultimatums’\n\n\
             Peskov said: “We are ready.” Use `“x` in code.\n\n```\n“unclosed\n```\n\n<!-- “note -->\n\n\
             See [the “report”](https://example.com/“x) now.\n";
    let a = md(t);
    assert_eq!(
        a.date.as_ref().map(|d| (d.date, d.source)),
        Some((Date::new(2022, 1, 12).unwrap(), DateSource::FrontMatter))
    );
    assert_eq!(
        a.paragraphs[a.headline.unwrap()].span.slice(t),
        "‘No ultimatums’"
    );
    assert!(
        a.stray_marks.is_empty(),
        "{:?}",
        a.stray_marks
            .iter()
            .map(|s| s.span.slice(t))
            .collect::<Vec<_>>()
    );
    let inners: Vec<&str> = a.quotes.iter().map(|q| q.inner.slice(t)).collect();
    assert_eq!(inners, vec!["No ultimatums", "We are ready.", "report"]);
    assert!(a.is_excluded(Span::new(
        t.find("“unclosed").unwrap(),
        t.find("“unclosed").unwrap() + 1
    )));
}

#[test]
fn dateline_short_date_takes_the_year_of_a_caption() {
    let t = "Talks open\n\nDiplomats meet in Geneva, Switzerland, January 10, 2022. REUTERS/Denis Balibouse\n\n\
             GENEVA, Jan 10 (Reuters) - Talks began.";
    let a = plain(t);
    let d = a.date.unwrap();
    assert_eq!(
        (d.date, d.source),
        (Date::new(2022, 1, 10).unwrap(), DateSource::Dateline)
    );
    assert_eq!(d.span.slice(t), "Jan 10");
    // Day-first datelines, with and without the year.
    let full = plain("Talks\n\nLONDON, 12 January 2022 (Reuters) - Talks began.");
    let d = full.date.unwrap();
    assert_eq!(d.date, Date::new(2022, 1, 12).unwrap());
    assert_eq!(
        full.dateline.map(|s| s.end),
        Some("Talks\n\nLONDON, 12 January 2022 (Reuters) -".len())
    );
    let short = plain("Talks\n\nLONDON, 12 Jan (Reuters) - Talks began on 3 March 2021.");
    assert_eq!(short.date.unwrap().date, Date::new(2021, 1, 12).unwrap());
    // A dateline with no year anywhere gives no date.
    assert!(plain("Talks\n\nGENEVA, Jan 10 (Reuters) - Talks began.")
        .date
        .is_none());
}

#[test]
fn crlf_and_lone_cr_text_parse_like_lf() {
    let lf = format!("{HEAD}“We will not back down,” Peskov said.\n\nTalks went on.");
    for nl in ["\r\n", "\r"] {
        let t = lf.replace('\n', nl);
        let a = plain(&t);
        assert_eq!(a.paragraphs.len(), 3, "{nl:?}");
        assert_eq!(who(&a, &t, "We").unwrap().0, "Peskov");
    }
}

#[test]
fn sentences_are_filled_for_every_paragraph() {
    let t = format!(
        "{HEAD}Mr. Smith met U.S. officials. “It was good. We talked,” he said. They left."
    );
    let a = plain(&t);
    let s: Vec<&str> = a.paragraphs[1]
        .sentences
        .iter()
        .map(|s| s.slice(&t))
        .collect();
    assert_eq!(
        s,
        vec![
            "Mr. Smith met U.S. officials.",
            "“It was good. We talked,” he said.",
            "They left."
        ]
    );
}

#[test]
fn odd_input_never_panics_and_spans_stay_on_char_boundaries() {
    let long = "“a ".repeat(5000);
    let inputs = [
        "",
        "\0",
        "\r",
        "\r\r\n\n",
        "“",
        "”",
        "'",
        "\"",
        "---\n",
        "+++\n+++",
        "# \n",
        "``` \n“",
        "By",
        "(",
        "BRUSSELS -",
        "‘’‘’",
        "«»»«",
        "\u{feff}---\ndate: x\n---",
        long.as_str(),
        "é’s ’ ’’ ' '' \"\"\" “”“”",
    ];
    for t in inputs {
        for a in [plain(t), md(t)] {
            for q in &a.quotes {
                for s in [q.span, q.inner, q.open] {
                    assert!(
                        t.is_char_boundary(s.start) && t.is_char_boundary(s.end),
                        "{t:?}"
                    );
                }
            }
            for p in &a.paragraphs {
                assert!(t.get(p.span.start..p.span.end).is_some());
                for s in &p.sentences {
                    assert!(t.get(s.start..s.end).is_some());
                }
            }
        }
    }
}

mod prop {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn parse_never_panics_on_arbitrary_text(t in "(?s).{0,300}") {
            for a in [plain(&t), md(&t)] {
                for q in &a.quotes {
                    prop_assert!(t.get(q.span.start..q.span.end).is_some());
                }
                for (s, _, _) in &a.marks {
                    prop_assert!(t.get(s.start..s.end).is_some());
                }
            }
        }

        #[test]
        fn parse_never_panics_on_quote_heavy_text(t in "[“”‘’'\"«» \n\rA-Za-z.,:—-]{0,200}") {
            let _ = plain(&t);
            let _ = md(&t);
        }
    }
}
