//! The acceptance checks of issue 2 on the seed article (a Reuters story of 12 January
//! 2022 with website junk after it), and on edits of it made in memory.

use copydesk::analysis::{analyze, Analysis, Options};
use copydesk::article::{PartKind, SpeakerKind};
use copydesk::date::Date;
use copydesk::kb::Kb;

const SEED: &str = include_str!("fixtures/seed-article.txt");

fn run(text: &str) -> Analysis {
    let options = Options {
        today: Date::new(2030, 1, 1).unwrap(),
        ..Options::default()
    };
    analyze(text, &Kb::default(), &options)
}

fn rule_hits<'a>(a: &'a Analysis, rule: &str) -> Vec<&'a copydesk::lint::Finding> {
    a.findings.iter().filter(|f| f.rule == rule).collect()
}

/// The resolved speaker of the quotation starting with `start`.
fn speaker_of(a: &Analysis, text: &str, start: &str) -> Option<String> {
    let q = a
        .article
        .quotes
        .iter()
        .find(|q| q.inner.slice(text).starts_with(start))
        .unwrap_or_else(|| panic!("no quotation starts with {start}"));
    let at = q.attribution.as_ref()?;
    at.speaker.resolved.clone()
}

#[test]
fn seed_has_no_unattributed_or_unbalanced_quote() {
    let a = run(SEED);
    assert!(
        rule_hits(&a, "unattributed-quote").is_empty(),
        "{:?}",
        a.findings
    );
    assert!(
        rule_hits(&a, "unbalanced-quote").is_empty(),
        "{:?}",
        a.findings
    );
}

#[test]
fn seed_quotes_carry_their_speakers() {
    let a = run(SEED);
    assert_eq!(
        speaker_of(&a, SEED, "Let’s be clear").as_deref(),
        Some("Julianne Smith")
    );
    assert_eq!(
        speaker_of(&a, SEED, "We want to see").as_deref(),
        Some("Julianne Smith")
    );
    assert_eq!(
        speaker_of(&a, SEED, "We are not negotiating").as_deref(),
        Some("Dmitry Peskov")
    );
    assert_eq!(
        speaker_of(&a, SEED, "Our main goal").as_deref(),
        Some("Michael Carpenter")
    );
}

#[test]
fn seed_he_said_resolves_to_peskov_in_the_paragraph_before() {
    let a = run(SEED);
    let q = a
        .article
        .quotes
        .iter()
        .find(|q| q.inner.slice(SEED).starts_with("We are not negotiating"))
        .unwrap();
    let at = q.attribution.as_ref().unwrap();
    assert_eq!(at.speaker.kind, SpeakerKind::Pronoun);
    assert_eq!(at.speaker.text, "he");
    assert_eq!(at.cue_text, "said");
    let resolved_para = at.speaker.resolved_paragraph.unwrap();
    assert_eq!(resolved_para + 1, q.first_paragraph);
    assert_eq!(
        at.speaker.resolved_span.unwrap().slice(SEED),
        "Dmitry Peskov"
    );
    let carpenter = a
        .article
        .quotes
        .iter()
        .find(|q| q.inner.slice(SEED).starts_with("Our main goal"))
        .unwrap();
    let at = carpenter.attribution.as_ref().unwrap();
    assert_eq!(at.speaker.span.slice(SEED), "Michael Carpenter");
}

#[test]
fn seed_headline_quote_is_a_quote_but_not_speech() {
    let a = run(SEED);
    let q = &a.article.quotes[0];
    assert_eq!(q.inner.slice(SEED), "No ultimatums");
    assert_eq!(q.first_paragraph, a.article.headline.unwrap());
    assert!(!q.is_speech);
}

#[test]
fn seed_date_and_parts_are_recognised() {
    let a = run(SEED);
    let date = a.article.date.as_ref().unwrap();
    assert_eq!(date.date, Date::new(2022, 1, 12).unwrap());
    assert_eq!(a.date, Date::new(2022, 1, 12).unwrap());
    assert_eq!(
        a.article.dateline.map(|d| d.slice(SEED)),
        Some("BRUSSELS, Jan 12 (Reuters) -")
    );
    assert_eq!(
        a.article.byline.map(|d| d.slice(SEED)),
        Some("By Robin Emmott")
    );
    let kind_of = |needle: &str| {
        let at = SEED.find(needle).unwrap();
        a.article.paragraphs[a.article.paragraph_at(at).unwrap()].kind
    };
    assert_eq!(kind_of("‘No ultimatums’"), PartKind::Headline);
    assert_eq!(kind_of("EPA-EFE/OLIVIER HOSLET"), PartKind::Caption);
    assert_eq!(kind_of("Russia laid out its demands"), PartKind::Body);
    assert_eq!(kind_of("Additional reporting by"), PartKind::Credits);
    assert_eq!(kind_of("Please peer review"), PartKind::Trailer);
    assert_eq!(kind_of("Gift of The Givers"), PartKind::Trailer);
    assert_eq!(kind_of("Our main goal"), PartKind::Body);
}

#[test]
fn seed_people_come_from_the_text_alone() {
    let a = run(SEED);
    let names: Vec<&str> = a.article.people.iter().map(|p| p.name.as_str()).collect();
    for who in [
        "Jens Stoltenberg",
        "Alexander Grushko",
        "Dmitry Peskov",
        "Julianne Smith",
        "Sergei Ryabkov",
        "Michael Carpenter",
    ] {
        assert!(names.contains(&who), "{who} missing from {names:?}");
    }
    assert!(
        !names.contains(&"Robin Emmott"),
        "the reporter is not a person in the story"
    );
    assert!(!names.iter().any(|n| n.contains("Maverick")));
}

#[test]
fn deleting_peskovs_cue_gets_that_quote_flagged() {
    // The issue quotes the cue as `, he said in Moscow …`; in the seed the comma sits
    // inside the closing mark (`here,” he said in Moscow …`), so the cue after the mark
    // is what goes.
    let cut = " he said in Moscow as the talks were getting underway in Brussels";
    assert!(SEED.contains(&format!("here,”{cut}.")));
    let text = SEED.replace(cut, "");
    let a = run(&text);
    let hits = rule_hits(&a, "unattributed-quote");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(hits[0]
        .span
        .slice(&text)
        .starts_with("“We are not negotiating"));
}

#[test]
fn removing_a_closing_mark_fires_unbalanced_quote_at_the_opening_mark() {
    let closed = "Russia pulling back its forces,” she said";
    let text = SEED.replace(closed, "Russia pulling back its forces, she said");
    let a = run(&text);
    let hits = rule_hits(&a, "unbalanced-quote");
    assert_eq!(hits.len(), 1, "{hits:?}");
    let open = text.find("“We want to see").unwrap();
    assert_eq!(hits[0].span.start, open);
    assert_eq!(hits[0].span.slice(&text), "“");
}

#[test]
fn seed_mixed_quote_style_flags_the_straight_apostrophes_of_the_story_only() {
    let a = run(SEED);
    let hits = rule_hits(&a, "mixed-quote-style");
    let flagged: Vec<usize> = hits.iter().map(|f| f.span.start).collect();
    let alliance = SEED.find("Alliance's").unwrap() + "Alliance".len();
    let nato = SEED.find("NATO's").unwrap() + "NATO".len();
    assert_eq!(flagged, vec![alliance, nato]);
    assert!(hits
        .iter()
        .all(|f| f.fixes[0].safe && f.fixes[0].edits[0].replacement == "’"));
}

#[test]
fn seed_in_crlf_reads_the_same() {
    let crlf = SEED.replace('\n', "\r\n");
    let a = run(&crlf);
    assert!(rule_hits(&a, "unattributed-quote").is_empty());
    assert!(rule_hits(&a, "unbalanced-quote").is_empty());
    assert_eq!(
        speaker_of(&a, &crlf, "We are not negotiating").as_deref(),
        Some("Dmitry Peskov")
    );
    assert_eq!(
        a.article.date.as_ref().unwrap().date,
        Date::new(2022, 1, 12).unwrap()
    );
}
