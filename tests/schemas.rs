//! schemas/copydesk.schema.json and schemas/kb.schema.json are what `copydesk schema`
//! prints (this test fails when they are out of date and rewrites them with
//! `UPDATE_SCHEMAS=1`), and they accept the project's own files and refuse a typo.

use copydesk::cli::{schema_json, SchemaOf};
use serde_json::Value;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_schema_files_match_copydesk_schema() {
    for (of, file) in [
        (SchemaOf::Config, "schemas/copydesk.schema.json"),
        (SchemaOf::Kb, "schemas/kb.schema.json"),
    ] {
        let want = schema_json(of) + "\n";
        let path = root().join(file);
        if std::env::var_os("UPDATE_SCHEMAS").is_some() {
            std::fs::write(&path, &want).unwrap();
            continue;
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "{file} is out of date: run `UPDATE_SCHEMAS=1 cargo test --test schemas`"
        );
    }
}

fn validator(of: SchemaOf) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&schema_json(of)).unwrap();
    jsonschema::validator_for(&schema).expect("schema compiles")
}

/// A TOML file as the JSON value Taplo validates.
fn toml_json(src: &str) -> Value {
    let v: toml::Value = toml::from_str(src).expect("TOML");
    serde_json::to_value(v).unwrap()
}

#[test]
fn the_kb_schema_accepts_the_starter_kb_and_refuses_a_typo() {
    let v = validator(SchemaOf::Kb);
    for f in ["data/kb/curated.toml", "data/kb/officeholders.toml"] {
        let doc = toml_json(&std::fs::read_to_string(root().join(f)).unwrap());
        let errors: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).take(5).collect();
        assert!(errors.is_empty(), "{f}: {errors:?}");
    }
    let typo = toml_json("[[person]]\nid = \"a\"\nnmae = \"A B\"\n");
    assert!(!v.is_valid(&typo));
}

#[test]
fn the_config_schema_accepts_what_init_writes_and_lists_the_rules() {
    let d = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["init", d.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let v = validator(SchemaOf::Config);
    let cfg = toml_json(&std::fs::read_to_string(d.path().join("copydesk.toml")).unwrap());
    assert!(v.is_valid(&cfg), "{cfg}");
    let kb = toml_json(&std::fs::read_to_string(d.path().join("copydesk-kb.toml")).unwrap());
    assert!(validator(SchemaOf::Kb).is_valid(&kb));
    let ok = toml_json("exclude = [\"docs\"]\n[rules.unused-suppression]\nseverity = \"warning\"\n[quote]\nmin_words = 5\n");
    assert!(v.is_valid(&ok));
    for bad in [
        "exlude = [\"docs\"]\n",
        "[rules.no-such-rule]\nseverity = \"off\"\n",
        "[rules.title-variant]\nseverity = \"loud\"\n",
    ] {
        assert!(!v.is_valid(&toml_json(bad)), "{bad}");
    }
}
