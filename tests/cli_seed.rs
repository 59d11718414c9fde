//! The knowledge-base issue's acceptance checks on the seed article, through the CLI as a
//! process with the embedded starter KB: exactly the two caption title variants, `--fix`
//! rewriting the caption, `title-mismatch` under a configured later date, and name variants.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn seed() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed-article.txt"),
    )
    .expect("seed fixture")
}

/// Runs `copydesk check --format json --no-config ARGS FILE` on `text` in a temp dir.
fn check(text: &str, args: &[&str]) -> (Vec<Value>, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.txt");
    std::fs::write(&path, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args([
            "check",
            "--format",
            "json",
            "--no-config",
            "--fail-on",
            "never",
        ])
        .args(args)
        .arg(&path)
        .output()
        .expect("run copydesk");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let findings: Vec<Value> = serde_json::from_slice(&out.stdout).expect("json array");
    let fixed = std::fs::read_to_string(&path).unwrap();
    (findings, fixed)
}

fn at_least_warnings(findings: &[Value]) -> Vec<(String, String)> {
    findings
        .iter()
        .filter(|f| f["severity"] == "warning" || f["severity"] == "error")
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn text_of(text: &str, f: &Value) -> String {
    text[f["start"].as_u64().unwrap() as usize..f["end"].as_u64().unwrap() as usize].to_string()
}

#[test]
fn seed_has_exactly_the_two_caption_title_variants_with_fixes() {
    let text = seed();
    let (findings, _) = check(&text, &[]);
    let serious: Vec<&Value> = findings
        .iter()
        .filter(|f| f["severity"] == "warning" || f["severity"] == "error")
        .collect();
    let got: Vec<(String, String, String)> = serious
        .iter()
        .map(|f| {
            let fix = f["fixes"][0]["edits"][0]["replacement"]
                .as_str()
                .unwrap_or("")
                .to_string();
            (
                f["rule"].as_str().unwrap().to_string(),
                text_of(&text, f),
                fix,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("title-variant".into(), "US".into(), "U.S.".into()),
            (
                "title-variant".into(),
                "Secretary General".into(),
                "Secretary-General".into()
            ),
        ]
    );
    assert!(
        serious.iter().all(|f| f["line"] == 3),
        "both in the caption"
    );
}

#[test]
fn fix_makes_the_seed_caption_read_as_house_style() {
    let (_, fixed) = check(&seed(), &["--fix"]);
    assert!(
        fixed.contains("NATO Secretary-General Jens Stoltenberg"),
        "{}",
        &fixed[..500]
    );
    assert!(fixed.contains("U.S. Deputy Secretary of State Wendy Sherman"));
    let (again, refixed) = check(&fixed, &["--fix"]);
    assert_eq!(refixed, fixed, "a second --fix changes nothing");
    assert!(at_least_warnings(&again).is_empty(), "{again:?}");
}

#[test]
fn a_later_configured_date_flags_stoltenbergs_title_naming_mark_rutte() {
    let (findings, _) = check(&seed(), &["--article-date", "2025-03-01"]);
    let mismatches: Vec<String> = at_least_warnings(&findings)
        .into_iter()
        .filter(|(rule, _)| rule == "title-mismatch")
        .map(|(_, message)| message)
        .collect();
    assert!(!mismatches.is_empty());
    assert!(
        mismatches
            .iter()
            .all(|m| m.contains("Jens Stoltenberg") && m.contains("Mark Rutte")),
        "{mismatches:?}"
    );
    let (own_date, _) = check(&seed(), &[]);
    assert!(own_date.iter().all(|f| f["rule"] != "title-mismatch"));
}

#[test]
fn wikidata_spelling_of_ryabkov_and_a_misspelt_grushko_are_name_variants() {
    let text = seed().replace("Sergei Ryabkov", "Sergey Ryabkov");
    let (findings, _) = check(&text, &[]);
    let f = findings
        .iter()
        .find(|f| f["rule"] == "name-variant")
        .expect("name-variant");
    assert_eq!(text_of(&text, f), "Sergey Ryabkov");
    assert_eq!(f["fixes"][0]["edits"][0]["replacement"], "Sergei Ryabkov");

    let seed = seed();
    // The caption names him first, so the body's second `Grushko` is the third.
    let second = seed
        .match_indices("Grushko")
        .nth(2)
        .expect("three Grushkos")
        .0;
    let text = format!(
        "{}Grushco{}",
        &seed[..second],
        &seed[second + "Grushko".len()..]
    );
    let (findings, _) = check(&text, &[]);
    let f = findings
        .iter()
        .find(|f| f["rule"] == "name-variant")
        .expect("name-variant");
    assert_eq!(text_of(&text, f), "Grushco");
    assert_eq!(f["fixes"][0]["edits"][0]["replacement"], "Grushko");
}
