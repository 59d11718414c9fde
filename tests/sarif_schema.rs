//! `check --format sarif` validates against the official SARIF 2.1.0 JSON schema
//! (tests/fixtures/sarif/sarif-schema-2.1.0.json, see tests/fixtures/README.md), on a run
//! with findings that carry fixes and related locations, an unreadable file, and a clean
//! run.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn schema() -> Value {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sarif/sarif-schema-2.1.0.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("vendored schema")).expect("JSON")
}

fn sarif(args: &[&str], cwd: &Path) -> Value {
    let o = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "--format", "sarif"])
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run copydesk");
    serde_json::from_slice(&o.stdout).expect("stdout is JSON")
}

fn validator() -> jsonschema::Validator {
    // The 2.1.0 schema's two `language` patterns (run, toolComponent) have a stray `]`
    // (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`), which the validator's check of the
    // schema against the draft-07 meta-schema refuses as a regex. The vendored file is
    // kept as published; the pattern is corrected here to what it means (a language
    // code, `en` or `en-US`), and every other keyword is used as it stands.
    let mut schema = schema();
    for def in ["run", "toolComponent"] {
        let language = &mut schema["definitions"][def]["properties"]["language"]["pattern"];
        assert_eq!(language, "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$");
        *language = Value::from("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
    }
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

fn assert_valid(doc: &Value) {
    let validator = validator();
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF does not validate:\n{}",
        errors.join("\n")
    );
}

#[test]
fn sarif_with_findings_fixes_related_locations_and_an_unreadable_file_validates() {
    let d = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed-article.txt"),
    )
    .unwrap();
    std::fs::write(d.path().join("seed.txt"), seed).unwrap();
    std::fs::write(
        d.path().join("draft.md"),
        "# Talks\n\n“We will never surrender, he said.\n\nThe talks went on.\n\n<!-- copydesk-disable title-variant -->\n",
    )
    .unwrap();
    let doc = sarif(&["seed.txt", "draft.md", "missing.txt"], d.path());
    let run = &doc["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert!(
        results.iter().any(|r| r["fixes"].is_array()),
        "a fix is exercised"
    );
    assert!(
        results.iter().any(|r| r["relatedLocations"].is_array()),
        "related locations are exercised"
    );
    assert!(results.iter().all(|r| r["partialFingerprints"].is_object()));
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    assert_valid(&doc);
}

#[test]
fn a_clean_sarif_run_validates() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("ok.txt"), "The talks ended on Wednesday.\n").unwrap();
    let doc = sarif(&["ok.txt"], d.path());
    assert_eq!(doc["runs"][0]["results"], serde_json::json!([]));
    assert_eq!(
        doc["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
    assert_valid(&doc);
}

#[test]
fn the_schema_check_rejects_what_sarif_forbids() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("a.txt"),
        "“We will never surrender, he said.\n",
    )
    .unwrap();
    let mut doc = sarif(&["a.txt"], d.path());
    assert!(validator().is_valid(&doc));
    doc["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator().is_valid(&doc));
}
