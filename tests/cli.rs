//! The command line as a process: the three output formats, exit codes, stdin, directory
//! walking, configuration, `explain`, `annotate` and `--fix`.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const UNBALANCED: &str = "“We will never surrender, he said.\n";
const CLEAN: &str = "The talks ended on Wednesday without agreement.\n";

fn seed_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed-article.txt")
}

fn seed() -> String {
    std::fs::read_to_string(seed_path()).expect("seed fixture")
}

fn run(args: &[&str], cwd: &Path, stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    cmd.args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn copydesk");
    {
        let mut pipe = child.stdin.take().expect("stdin");
        if let Some(s) = stdin {
            pipe.write_all(s.as_bytes()).expect("write stdin");
        }
    }
    child.wait_with_output().expect("wait copydesk")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", stdout(o)))
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, text).unwrap();
    p
}

fn rules_of(findings: &Value) -> Vec<String> {
    findings
        .as_array()
        .expect("an array of findings")
        .iter()
        .map(|f| f["rule"].as_str().unwrap_or("").to_string())
        .collect()
}

// ---- json -------------------------------------------------------------------------------

#[test]
fn json_reports_an_unbalanced_quote_with_every_schema_field() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "draft.txt", UNBALANCED);
    let o = run(&["check", "--format", "json", "draft.txt"], d.path(), None);
    let v = json(&o);
    let f = v
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "unbalanced-quote")
        .unwrap_or_else(|| panic!("no unbalanced-quote finding in {v:#}"));
    for key in [
        "path",
        "rule",
        "severity",
        "message",
        "start",
        "end",
        "line",
        "column",
        "end_line",
        "end_column",
        "fixes",
    ] {
        assert!(f.get(key).is_some(), "finding lacks `{key}`: {f:#}");
    }
    assert_eq!(f["path"], "draft.txt");
    assert_eq!(f["severity"], "error");
    // The opening mark is the first character of the file.
    assert_eq!(f["start"], 0);
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(1), Some(1))
    );
    assert!(f["fixes"].is_array());
    assert_eq!(
        o.status.code(),
        Some(1),
        "an error reaches --fail-on warning"
    );
}

#[test]
fn json_flags_the_seed_caption_secretary_general_with_a_fix() {
    let text = seed();
    let o = run(
        &["check", "--format", "json", seed_path().to_str().unwrap()],
        Path::new(env!("CARGO_MANIFEST_DIR")),
        None,
    );
    let v = json(&o);
    let caption_at = text.find("Secretary General").unwrap();
    let f = v
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "title-variant" && f["start"] == caption_at)
        .unwrap_or_else(|| panic!("no title-variant at byte {caption_at} in {v:#}"));
    assert_eq!(f["end"], caption_at + "Secretary General".len());
    assert_eq!(f["line"], 3);
    let fix_texts: Vec<&str> = f["fixes"][0]["edits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["replacement"].as_str())
        .collect();
    assert_eq!(fix_texts, ["Secretary-General"]);
    let rules = rules_of(&v);
    assert!(
        !rules.iter().any(|r| r == "unattributed-quote"),
        "{rules:?}"
    );
    assert!(!rules.iter().any(|r| r == "unbalanced-quote"), "{rules:?}");
}

#[test]
fn json_columns_count_unicode_scalar_values_not_bytes() {
    let d = tempfile::tempdir().unwrap();
    // Two multi-byte characters before the opening mark on line 2.
    write(d.path(), "d.txt", &format!("Zoë — notes\n{UNBALANCED}"));
    let v = json(&run(
        &["check", "--format", "json", "d.txt"],
        d.path(),
        None,
    ));
    let f = v
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "unbalanced-quote")
        .unwrap_or_else(|| panic!("no unbalanced-quote in {v:#}"));
    assert_eq!(f["start"], "Zoë — notes\n".len());
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(2), Some(1))
    );
}

// ---- sarif ------------------------------------------------------------------------------

#[test]
fn sarif_has_version_schema_code_point_columns_and_documented_rules() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "clean.txt", CLEAN);
    let o = run(&["check", "--format", "sarif", "clean.txt"], d.path(), None);
    let v = json(&o);
    assert_eq!(v["version"], "2.1.0");
    assert!(v["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run0 = &v["runs"][0];
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    assert_eq!(run0["tool"]["driver"]["name"], "copydesk");
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    for r in rules {
        assert!(r["id"].is_string() && r["shortDescription"]["text"].is_string());
        assert!(r["fullDescription"]["text"].is_string() && r["help"]["text"].is_string());
    }
    assert!(run0["results"].as_array().unwrap().is_empty());
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn sarif_lists_every_rule_and_locates_a_result() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "sub/draft.txt", UNBALANCED);
    let o = run(
        &["check", "--format", "sarif", "sub/draft.txt"],
        d.path(),
        None,
    );
    let v = json(&o);
    let run0 = &v["runs"][0];
    let ids: Vec<&str> = run0["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    for id in [
        "unattributed-quote",
        "unbalanced-quote",
        "mixed-quote-style",
        "title-variant",
        "name-variant",
        "title-mismatch",
        "first-reference",
    ] {
        assert!(ids.contains(&id), "SARIF rules lack {id}: {ids:?}");
    }
    let res = run0["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "unbalanced-quote")
        .unwrap_or_else(|| panic!("no unbalanced-quote result in {v:#}"));
    assert_eq!(res["level"], "error");
    assert!(res["message"]["text"]
        .as_str()
        .is_some_and(|m| !m.is_empty()));
    let loc = &res["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "sub/draft.txt");
    assert_eq!(loc["region"]["startLine"], 1);
    assert_eq!(loc["region"]["startColumn"], 1);
    assert!(loc["region"]["endLine"].as_u64().is_some());
    assert!(loc["region"]["endColumn"].as_u64().is_some());
}

// ---- human ------------------------------------------------------------------------------

#[test]
fn human_output_shows_rule_position_snippet_and_carets_without_colour_in_a_pipe() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "draft.txt",
        &format!("Talks stall\n\n{UNBALANCED}"),
    );
    let o = run(&["check", "draft.txt"], d.path(), None);
    let out = stdout(&o);
    assert!(out.contains("error[unbalanced-quote]:"), "{out}");
    assert!(out.contains("--> draft.txt:3:1"), "{out}");
    assert!(
        out.contains("3 | “We will never surrender, he said."),
        "{out}"
    );
    assert!(out.contains("\n  | ^"), "{out}");
    assert!(!out.contains('\x1b'), "colour codes in a pipe: {out:?}");
}

#[test]
fn human_output_on_a_clean_draft_says_so() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "clean.txt", CLEAN);
    let o = run(&["check", "clean.txt"], d.path(), None);
    assert_eq!(stdout(&o), "no problems in 1 file\n");
    assert_eq!(o.status.code(), Some(0));
}

// ---- exit codes -------------------------------------------------------------------------

#[test]
fn fail_on_decides_between_exit_zero_and_one() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "draft.txt", UNBALANCED);
    let code = |level: &str| {
        run(&["check", "--fail-on", level, "draft.txt"], d.path(), None)
            .status
            .code()
    };
    assert_eq!(code("never"), Some(0));
    assert_eq!(code("error"), Some(1));
    assert_eq!(code("warning"), Some(1));
    assert_eq!(code("info"), Some(1));
}

#[test]
fn a_missing_file_exits_two_naming_it_and_the_others_are_still_checked() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "good.txt", CLEAN);
    let o = run(&["check", "missing.txt", "good.txt"], d.path(), None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("missing.txt: no such file or directory"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("in 1 file"), "{}", stdout(&o));
}

#[test]
fn invalid_utf8_exits_two_and_the_good_file_is_still_reported() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("latin1.txt"), b"Caf\xe9 talks\n").unwrap();
    write(d.path(), "good.txt", UNBALANCED);
    let o = run(
        &["check", "--format", "json", "latin1.txt", "good.txt"],
        d.path(),
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("latin1.txt: not valid UTF-8"), "{err}");
    assert!(err.contains("offset 3"), "{err}");
    let v = json(&o);
    let paths: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["path"].as_str())
        .collect();
    assert!(paths.contains(&"good.txt"), "{v:#}");
    assert!(!paths.contains(&"latin1.txt"), "{v:#}");
}

#[test]
fn usage_errors_exit_two() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "clean.txt", CLEAN);
    for args in [
        vec!["check", "--format", "xml", "clean.txt"],
        vec!["check", "--article-date", "12/01/2022", "clean.txt"],
        vec!["check"],
        vec!["frobnicate"],
    ] {
        let o = run(&args, d.path(), None);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn a_missing_kb_file_exits_two_naming_it() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "clean.txt", CLEAN);
    let o = run(
        &["check", "--kb", "nowhere.toml", "clean.txt"],
        d.path(),
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nowhere.toml"), "{}", stderr(&o));
}

// ---- stdin and directories --------------------------------------------------------------

#[test]
fn a_dash_reads_the_draft_from_stdin() {
    let d = tempfile::tempdir().unwrap();
    let o = run(
        &["check", "--format", "json", "--no-config", "-"],
        d.path(),
        Some(UNBALANCED),
    );
    let v = json(&o);
    let f = v
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "unbalanced-quote")
        .unwrap_or_else(|| panic!("no unbalanced-quote from stdin: {v:#}"));
    assert_eq!(f["path"], "<stdin>");
}

#[test]
fn a_clean_draft_on_stdin_exits_zero() {
    let d = tempfile::tempdir().unwrap();
    let o = run(&["check", "-"], d.path(), Some(CLEAN));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "no problems in 1 file\n");
}

#[test]
fn a_directory_is_walked_for_drafts_only() {
    let d = tempfile::tempdir().unwrap();
    for name in ["desk/b.md", "desk/a/c.txt", "desk/z.markdown"] {
        write(d.path(), name, CLEAN);
    }
    for name in ["desk/photo.png", "desk/.draft.txt", "desk/.git/x.txt"] {
        write(d.path(), name, UNBALANCED);
    }
    let o = run(&["check", "desk"], d.path(), None);
    assert_eq!(stdout(&o), "no problems in 3 files\n");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn directory_findings_come_in_sorted_path_order() {
    let d = tempfile::tempdir().unwrap();
    for name in [
        "desk/b.md",
        "desk/a/c.txt",
        "desk/z.markdown",
        "desk/notes.csv",
    ] {
        write(d.path(), name, UNBALANCED);
    }
    let o = run(&["check", "--format", "json", "desk"], d.path(), None);
    let v = json(&o);
    let mut paths: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "unbalanced-quote")
        .filter_map(|f| f["path"].as_str().map(str::to_string))
        .collect();
    paths.dedup();
    assert_eq!(paths, ["desk/a/c.txt", "desk/b.md", "desk/z.markdown"]);
}

// ---- configuration ----------------------------------------------------------------------

#[test]
fn copydesk_toml_found_by_walking_up_can_turn_a_rule_off() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "copydesk.toml",
        "rules.unbalanced-quote.severity = \"off\"\n",
    );
    write(d.path(), "desk/today/draft.txt", UNBALANCED);
    let o = run(
        &["check", "--format", "json", "desk/today/draft.txt"],
        d.path(),
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!rules_of(&json(&o)).contains(&"unbalanced-quote".to_string()));
}

#[test]
fn a_broken_copydesk_toml_is_an_error_with_its_position() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "copydesk.toml",
        "kb = []\nartcle_date = \"2022-01-12\"\n",
    );
    write(d.path(), "draft.txt", CLEAN);
    let o = run(&["check", "draft.txt"], d.path(), None);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("copydesk.toml:2:1"), "{err}");
    assert!(err.contains("artcle_date"), "{err}");
    assert!(err.contains("draft.txt: not checked"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_config_kb_path_symlinked_out_of_its_directory_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    let secret = write(outside.path(), "secret.toml", "");
    let d = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(&secret, d.path().join("kb.toml")).unwrap();
    write(d.path(), "copydesk.toml", "kb = [\"kb.toml\"]\n");
    write(d.path(), "draft.txt", CLEAN);
    // Both a discovered config and one named relative to the current directory.
    for args in [
        vec!["check", "draft.txt"],
        vec!["check", "--config", "copydesk.toml", "draft.txt"],
    ] {
        let o = run(&args, d.path(), None);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(err.contains("copydesk.toml:1:7"), "{err}");
        assert!(err.contains("symlink"), "{err}");
    }
}

#[test]
fn a_broken_kb_file_is_an_error_with_its_position_and_nothing_is_checked_with_it() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "bad.toml",
        "[[person]]\nid = \"x\"\nnmae = \"Typo\"\n",
    );
    write(d.path(), "draft.txt", CLEAN);
    let o = run(&["check", "--kb", "bad.toml", "draft.txt"], d.path(), None);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("bad.toml:3:1"), "{err}");
    assert!(err.contains("draft.txt: not checked"), "{err}");
    assert!(stdout(&o).contains("in 0 files"), "{}", stdout(&o));
}

// ---- explain ----------------------------------------------------------------------------

#[test]
fn explain_prints_a_known_rules_documentation() {
    let d = tempfile::tempdir().unwrap();
    let o = run(&["explain", "unattributed-quote"], d.path(), None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("unattributed-quote (default severity: warning)"),
        "{out}"
    );
    for section in ["What it does", "Why is this bad?", "Example"] {
        assert!(out.contains(section), "no `{section}` in {out}");
    }
}

#[test]
fn explain_an_unknown_rule_exits_two_listing_the_known_ones() {
    let d = tempfile::tempdir().unwrap();
    let o = run(&["explain", "unatributed-quote"], d.path(), None);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("there is no rule `unatributed-quote`"),
        "{err}"
    );
    let listed = run(&["explain"], d.path(), None);
    for line in stdout(&listed).lines().take_while(|l| !l.is_empty()) {
        let id = line.split_whitespace().next().unwrap();
        assert!(err.contains(id), "{id} not named in: {err}");
    }
}

#[test]
fn explain_without_an_id_lists_every_rule_with_its_default_severity() {
    let d = tempfile::tempdir().unwrap();
    let o = run(&["explain"], d.path(), None);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let line = out
        .lines()
        .find(|l| l.starts_with("unbalanced-quote "))
        .unwrap_or_else(|| panic!("unbalanced-quote not listed: {out}"));
    assert!(line.contains(" error "), "{line}");
    let line = out
        .lines()
        .find(|l| l.starts_with("mixed-quote-style "))
        .unwrap_or_else(|| panic!("mixed-quote-style not listed: {out}"));
    assert!(line.contains(" info "), "{line}");
}

// ---- annotate ---------------------------------------------------------------------------

#[test]
fn annotate_has_parts_and_date_in_its_json() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "draft.txt", &format!("Talks stall\n\n{CLEAN}"));
    let o = run(&["annotate", "draft.txt"], d.path(), None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["path"], "draft.txt");
    assert!(v["date"].is_string() && v["date_origin"].is_string());
    let parts = v["parts"].as_array().unwrap();
    assert_eq!(parts.len(), 2, "{v:#}");
    assert_eq!(parts[1]["start"], "Talks stall\n\n".len());
    assert_eq!(parts[1]["line"], 3);
    assert!(v["quotes"].as_array().unwrap().is_empty());
    // No date anywhere: the JSON says titles are checked as of today.
    assert_eq!(v["date_origin"], "today");
    let notice = v["date_notice"].as_str().expect("a date notice");
    assert_eq!(
        notice,
        format!(
            "titles checked as of {} (no date found)",
            v["date"].as_str().unwrap()
        )
    );
    let o = run(
        &["annotate", "--article-date", "2022-01-12", "draft.txt"],
        d.path(),
        None,
    );
    assert!(json(&o).get("date_notice").is_none());
}

#[test]
fn annotate_the_seed_shows_who_said_each_quote() {
    let o = run(
        &[
            "annotate",
            "--format",
            "json",
            seed_path().to_str().unwrap(),
        ],
        Path::new(env!("CARGO_MANIFEST_DIR")),
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(
        v["stated_date"]["date"], "2022-01-12",
        "{:#}",
        v["stated_date"]
    );
    assert_eq!(v["date"], "2022-01-12");
    let text = seed();
    let quotes = v["quotes"].as_array().unwrap();
    let quote = |opening: &str| {
        let at = text.find(opening).unwrap() - "“".len();
        quotes
            .iter()
            .find(|q| q["start"] == at)
            .unwrap_or_else(|| panic!("no quote at byte {at} ({opening}) in {quotes:#?}"))
    };
    let peskov = quote("We are not negotiating");
    assert_eq!(peskov["attributed"], true);
    assert_eq!(peskov["carried_over"], false);
    assert_eq!(peskov["speaker"]["text"], "he");
    assert_eq!(peskov["speaker"]["resolved"], "Dmitry Peskov");
    assert_eq!(peskov["cue"]["text"], "said");
    let cue_start = peskov["cue"]["start"].as_u64().unwrap() as usize;
    assert_eq!(&text[cue_start..cue_start + 4], "said");
    assert_eq!(
        quote("Let’s be clear")["speaker"]["resolved"],
        "Julianne Smith"
    );
    assert_eq!(
        quote("We want to see")["speaker"]["resolved"],
        "Julianne Smith"
    );
    assert_eq!(
        quote("Our main goal")["speaker"]["resolved"],
        "Michael Carpenter"
    );
    let parts = v["parts"].as_array().unwrap();
    assert_eq!(parts[0]["kind"], "headline");
    assert!(parts.iter().any(|p| p["kind"] == "caption"));
    assert!(parts.iter().any(|p| p["kind"] == "dateline"));
}

#[test]
fn annotate_a_missing_file_exits_two() {
    let d = tempfile::tempdir().unwrap();
    let o = run(&["annotate", "gone.txt"], d.path(), None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("gone.txt"), "{}", stderr(&o));
}

// ---- --fix ------------------------------------------------------------------------------

/// The seed with CRLF line endings.
fn seed_crlf() -> String {
    seed().replace("\r\n", "\n").replace('\n', "\r\n")
}

#[test]
fn fix_rewrites_the_seed_caption_keeping_crlf_permissions_and_quotes() {
    let d = tempfile::tempdir().unwrap();
    let original = seed_crlf();
    let p = write(d.path(), "seed.txt", &original);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let o = run(
        &["check", "--fix", "--fail-on", "never", "seed.txt"],
        d.path(),
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("fixed seed.txt"), "{}", stdout(&o));
    let fixed = std::fs::read_to_string(&p).unwrap();
    assert_ne!(fixed, original, "nothing was fixed");
    let caption = fixed.lines().nth(2).unwrap();
    assert!(
        caption.contains("NATO Secretary-General Jens Stoltenberg"),
        "{caption}"
    );
    assert!(!caption.contains("Secretary General"), "{caption}");
    // Line endings are kept byte for byte: every newline still has its CR.
    assert_eq!(
        fixed.matches("\r\n").count(),
        original.matches("\r\n").count()
    );
    assert_eq!(fixed.matches('\n').count(), fixed.matches("\r\n").count());
    // Text inside quotations is never rewritten.
    for q in [
        "We are not negotiating from a position of strength",
        "Let’s be clear: Russian actions have precipitated this crisis.",
        "We want to see … Russia pulling back its forces,",
    ] {
        assert!(fixed.contains(q), "quotation changed: {q}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
    assert_eq!(
        std::fs::read_dir(d.path()).unwrap().count(),
        1,
        "a temporary file was left behind"
    );

    let again = run(
        &["check", "--fix", "--fail-on", "never", "seed.txt"],
        d.path(),
        None,
    );
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        fixed,
        "second --fix changed the file"
    );
    assert!(
        !stdout(&again).contains("fixed seed.txt"),
        "{}",
        stdout(&again)
    );
}

#[test]
fn fix_leaves_a_draft_with_nothing_to_fix_byte_for_byte() {
    let d = tempfile::tempdir().unwrap();
    let text = format!("Talks stall\r\n\r\n{}", CLEAN.replace('\n', "\r\n"));
    let p = write(d.path(), "draft.txt", &text);
    let before = std::fs::metadata(&p).unwrap().modified().unwrap();
    let o = run(&["check", "--fix", "draft.txt"], d.path(), None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read(&p).unwrap(), text.as_bytes());
    assert_eq!(std::fs::metadata(&p).unwrap().modified().unwrap(), before);
    assert!(!stdout(&o).contains("fixed"), "{}", stdout(&o));
    assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
}

#[test]
fn fix_refuses_stdin_with_exit_two_but_still_checks_it() {
    let d = tempfile::tempdir().unwrap();
    let o = run(&["check", "--fix", "-"], d.path(), Some(CLEAN));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("<stdin>"), "{}", stderr(&o));
    assert!(stdout(&o).contains("in 1 file"), "{}", stdout(&o));
}

#[test]
fn fix_with_json_output_keeps_stdout_parseable() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "seed.txt", &seed());
    let o = run(
        &[
            "check",
            "--fix",
            "--format",
            "json",
            "--fail-on",
            "never",
            "seed.txt",
        ],
        d.path(),
        None,
    );
    let v = json(&o);
    assert!(v.is_array());
    assert!(stderr(&o).contains("fixed seed.txt"), "{}", stderr(&o));
}

// ---- github and concise -------------------------------------------------------------------

#[test]
fn github_format_writes_one_workflow_command_per_finding_and_error() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "draft.txt", UNBALANCED);
    let o = run(
        &["check", "--format", "github", "draft.txt", "gone.txt"],
        d.path(),
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let out = stdout(&o);
    assert!(
        out.lines().any(|l| l.starts_with(
            "::error file=draft.txt,line=1,col=1,endLine=1,endColumn=2,title=unbalanced-quote::opening “"
        )),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l == "::error file=gone.txt,title=copydesk::no such file or directory"),
        "{out}"
    );
}

#[test]
fn concise_format_is_one_greppable_line_per_finding() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "drafts/a.txt", UNBALANCED);
    let o = run(&["check", "--format", "concise", "drafts"], d.path(), None);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert!(
        lines[0].starts_with("drafts/a.txt:1:1: error[unbalanced-quote] opening “ is never closed"),
        "{out}"
    );
}

// ---- suppressions -------------------------------------------------------------------------

#[test]
fn a_disable_next_line_comment_silences_the_finding_in_every_format() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "draft.md",
        "# Talks\n\n<!-- copydesk-disable-next-line unbalanced-quote -- a fragment, on purpose -->\n“We will never surrender, he said.\n\nThe talks went on.\n",
    );
    for format in ["json", "concise", "github"] {
        let o = run(&["check", "--format", format, "draft.md"], d.path(), None);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stdout(&o));
    }
    let o = run(&["check", "--format", "json", "draft.md"], d.path(), None);
    assert_eq!(json(&o), serde_json::json!([]));
}

#[test]
fn a_stale_suppression_is_a_hint_that_explain_documents() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "draft.txt",
        "Headline\n\n<!-- copydesk-disable-next-line unattributed-quote -->\nThe talks went on.\n",
    );
    let o = run(&["check", "--format", "json", "draft.txt"], d.path(), None);
    assert_eq!(o.status.code(), Some(0), "hints never fail a run");
    let v = json(&o);
    assert_eq!(rules_of(&v), ["unused-suppression"]);
    assert_eq!(v[0]["severity"], "hint");
    let o = run(&["explain", "unused-suppression"], d.path(), None);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("A suppression comment that silences nothing."));
}

// ---- files: ignore files, include / exclude, globs --------------------------------------------

fn checked_paths(o: &Output) -> Vec<String> {
    let mut v: Vec<String> = json(o)
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    v.dedup();
    v
}

#[test]
fn a_walk_skips_gitignored_and_ignore_listed_files() {
    let d = tempfile::tempdir().unwrap();
    for f in [
        "news/a.txt",
        "news/node_modules/pkg/README.md",
        "news/out/b.txt",
        "news/c.txt",
    ] {
        write(d.path(), f, UNBALANCED);
    }
    write(d.path(), "news/.gitignore", "node_modules/\n");
    write(d.path(), "news/.ignore", "out/\n");
    let o = run(&["check", "--format", "json", "news"], d.path(), None);
    assert_eq!(checked_paths(&o), ["news/a.txt", "news/c.txt"]);
}

#[test]
fn include_and_exclude_from_copydesk_toml_and_flags_choose_the_files() {
    let d = tempfile::tempdir().unwrap();
    for f in ["drafts/a.md", "drafts/old/b.md", "docs/cli.md", "README.md"] {
        write(d.path(), f, UNBALANCED);
    }
    write(
        d.path(),
        "copydesk.toml",
        "include = [\"drafts/**\", \"docs\"]\nexclude = [\"drafts/old\"]\n",
    );
    let o = run(&["check", "--format", "json", "."], d.path(), None);
    assert_eq!(checked_paths(&o), ["docs/cli.md", "drafts/a.md"]);
    let o = run(
        &["check", "--format", "json", "--exclude", "docs", "."],
        d.path(),
        None,
    );
    assert_eq!(checked_paths(&o), ["drafts/a.md"]);
    // A file named on the command line but excluded is skipped, and said so.
    let o = run(&["check", "--format", "json", "README.md"], d.path(), None);
    assert_eq!(json(&o), serde_json::json!([]));
    assert!(stderr(&o).contains("README.md: skipped"), "{}", stderr(&o));
    let o = run(
        &["check", "--format", "json", "--include", "a[", "."],
        d.path(),
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`a[` is not a glob"), "{}", stderr(&o));
}

#[test]
fn a_quoted_glob_is_expanded() {
    let d = tempfile::tempdir().unwrap();
    for f in ["drafts/2022/a.md", "drafts/b.md", "drafts/c.txt"] {
        write(d.path(), f, UNBALANCED);
    }
    let o = run(
        &["check", "--format", "json", "drafts/**/*.md"],
        d.path(),
        None,
    );
    assert_eq!(checked_paths(&o), ["drafts/2022/a.md", "drafts/b.md"]);
    let o = run(&["check", "nothing/*.md"], d.path(), None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no file matches"), "{}", stderr(&o));
}

// ---- stdin name, diff, colour -------------------------------------------------------------

#[test]
fn stdin_filename_picks_the_format_the_config_and_the_reported_name() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "desk/copydesk.toml",
        "[rules.unbalanced-quote]\nseverity = \"warning\"\n",
    );
    // As Markdown, the quote inside a code span is not a quotation.
    let md =
        "# Talks\n\n`“not a quote` and “We will never surrender, he said.\n\nThe talks went on.\n";
    let o = run(
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "desk/story.md",
            "-",
        ],
        d.path(),
        Some(md),
    );
    let v = json(&o);
    let f = v.as_array().unwrap();
    assert_eq!(f.len(), 1, "{v}");
    assert_eq!(f[0]["path"], "desk/story.md");
    assert_eq!(f[0]["severity"], "warning", "desk/copydesk.toml applies");
    let o = run(&["check", "--format", "json", "-"], d.path(), Some(md));
    assert_eq!(
        json(&o).as_array().unwrap().len(),
        2,
        "plain text without the name"
    );
}

#[test]
fn diff_shows_what_fix_would_write_and_writes_nothing() {
    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "seed.txt", &seed());
    let o = run(
        &["check", "--diff", "--color", "never", "seed.txt"],
        d.path(),
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let diff = stdout(&o);
    assert!(
        diff.starts_with("--- a/seed.txt\n+++ b/seed.txt\n@@ "),
        "{diff}"
    );
    assert!(
        diff.contains("\n+") && diff.contains("Secretary-General"),
        "{diff}"
    );
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        seed(),
        "nothing written"
    );
    // Applying the diff's new side is exactly what --fix writes.
    let o = run(&["check", "--fix", "seed.txt"], d.path(), None);
    assert_ne!(o.status.code(), Some(2));
    let fixed = std::fs::read_to_string(&p).unwrap();
    let new_lines: Vec<&str> = diff
        .lines()
        .filter(|l| l.starts_with('+') && !l.starts_with("+++"))
        .map(|l| &l[1..])
        .collect();
    for l in &new_lines {
        assert!(fixed.contains(l.trim_end_matches('\r')), "{l}");
    }
    let o = run(&["check", "--diff", "seed.txt"], d.path(), None);
    assert_eq!(o.status.code(), Some(0), "nothing left to fix");
    assert_eq!(stdout(&o), "");
}

fn run_env(args: &[&str], cwd: &Path, env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("TERM")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .expect("run copydesk")
}

#[test]
fn color_follows_the_flag_then_no_color_clicolor_force_and_term() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "draft.txt", UNBALANCED);
    let has_color = |args: &[&str], env: &[(&str, &str)]| {
        let o = run_env(args, d.path(), env);
        String::from_utf8(o.stdout).unwrap().contains("\x1b[")
    };
    let check = ["check", "draft.txt"];
    assert!(!has_color(&check, &[]), "a pipe is not a terminal");
    assert!(has_color(&check, &[("CLICOLOR_FORCE", "1")]));
    assert!(!has_color(
        &check,
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]
    ));
    assert!(!has_color(&check, &[("CLICOLOR_FORCE", "0")]));
    assert!(has_color(
        &["check", "--color", "always", "draft.txt"],
        &[("NO_COLOR", "1")]
    ));
    assert!(!has_color(
        &["check", "--color", "never", "draft.txt"],
        &[("CLICOLOR_FORCE", "1")]
    ));
}

// ---- kb check and the Wikidata importer ---------------------------------------------------

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

#[test]
fn kb_check_passes_on_the_whole_starter_folder_style_file_included() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut args = vec!["kb".to_string(), "check".to_string()];
    let mut files: Vec<String> = std::fs::read_dir(root.join("data/kb"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    assert!(files
        .iter()
        .any(|f| f.ends_with("officeholders-style.toml")));
    args.extend(files);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = run(&args, root, None);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stderr(&o).contains("and 1 officeholders style file"),
        "{}",
        stderr(&o)
    );
    // A broken style file is a problem with its line.
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "style.toml",
        "[[position]]\nlabel = \"Minister\"\ntitel = \"x\"\n",
    );
    let o = run(&["kb", "check", "style.toml"], d.path(), None);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o)
            .contains("style.toml:3:1: in this officeholders style file: unknown field `titel`"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn kb_import_wikidata_reads_query_results_and_the_entity_export_and_the_output_loads() {
    let d = tempfile::tempdir().unwrap();
    for sample in [
        "wikidata-query-un-officers.csv",
        "wikidata-query-un-officers.json",
    ] {
        let input = fixture(&format!("tests/fixtures/data/formats/{sample}"));
        let out = d.path().join(format!("{sample}.toml"));
        let o = run(
            &[
                "kb",
                "import",
                "wikidata",
                input.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ],
            d.path(),
            None,
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let toml = std::fs::read_to_string(&out).unwrap();
        assert!(toml.contains("name = \"Ban Ki-moon\""), "{toml}");
        let o = run(&["kb", "check", out.to_str().unwrap()], d.path(), None);
        assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    }
    // Special:EntityData's envelope around the repository's sample entity.
    let q42: Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("tests/fixtures/data/formats/wikidata-Q42.json")).unwrap(),
    )
    .unwrap();
    write(
        d.path(),
        "Q42.json",
        &serde_json::json!({"entities": {"Q42": q42}}).to_string(),
    );
    let o = run(&["kb", "import", "wikidata", "Q42.json"], d.path(), None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("1 entities read"), "{}", stderr(&o));
}

// ---- init, schema, completions, man -----------------------------------------------------

#[test]
fn init_writes_a_config_and_kb_that_check_uses_and_never_overwrites() {
    let d = tempfile::tempdir().unwrap();
    let o = run(&["init"], d.path(), None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let cfg = std::fs::read_to_string(d.path().join("copydesk.toml")).unwrap();
    assert!(cfg.starts_with("#:schema "), "{cfg}");
    assert!(cfg.contains("kb = [\"copydesk-kb.toml\"]"));
    let o = run(&["kb", "check", "copydesk-kb.toml"], d.path(), None);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // The new config governs a check: its KB loads, and its term is enforced.
    write(
        d.path(),
        "draft.txt",
        "Headline\n\nSend an e-mail, then an email.\n",
    );
    let o = run(&["check", "--format", "json", "draft.txt"], d.path(), None);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(rules_of(&json(&o)).contains(&"title-variant".to_string()));
    std::fs::write(d.path().join("copydesk-kb.toml"), "# edited\n").unwrap();
    let o = run(&["init"], d.path(), None);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("exists; left as it is"));
    assert_eq!(
        std::fs::read_to_string(d.path().join("copydesk-kb.toml")).unwrap(),
        "# edited\n"
    );
}

#[test]
fn schema_prints_the_files_in_schemas() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (of, file) in [("config", "copydesk.schema.json"), ("kb", "kb.schema.json")] {
        let o = run(&["schema", of], root, None);
        assert_eq!(o.status.code(), Some(0));
        let want = std::fs::read_to_string(root.join("schemas").join(file)).unwrap();
        assert_eq!(stdout(&o), want, "{of}");
    }
}

#[test]
fn completions_and_the_man_page_are_generated() {
    let d = tempfile::tempdir().unwrap();
    let o = run(&["completions", "bash"], d.path(), None);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("_copydesk()") && stdout(&o).contains("--stdin-filename"));
    let o = run(&["completions", "fish"], d.path(), None);
    assert!(stdout(&o).contains("complete -c copydesk"));
    let o = run(&["man"], d.path(), None);
    assert!(stdout(&o).contains(".TH copydesk 1"), "{}", stdout(&o));
    let o = run(&["man", "--out", "man"], d.path(), None);
    assert_eq!(o.status.code(), Some(0));
    assert!(d.path().join("man/copydesk.1").is_file());
    assert!(d.path().join("man/copydesk-check.1").is_file());
}

// ---- kb import ----------------------------------------------------------------------------

/// One invented member in the congress-legislators shape.
const CONGRESS_YAML: &str = "- id:\n    bioguide: X000009\n    wikidata: Q900009\n  name:\n    first: Dana\n    last: Invented\n  bio:\n    gender: F\n  terms:\n  - type: sen\n    start: '2021-01-03'\n    end: '2027-01-03'\n    state: ME\n    party: Independent\n";

#[test]
fn kb_import_congress_legislators_writes_a_dated_kb_that_checks() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "current.yaml", CONGRESS_YAML);
    let o = run(
        &[
            "kb",
            "import",
            "congress-legislators",
            "--as-of",
            "2026-06-15",
            "--out",
            "congress.toml",
            "current.yaml",
        ],
        d.path(),
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("1 people with 1 roles"),
        "{}",
        stderr(&o)
    );
    let kb = std::fs::read_to_string(d.path().join("congress.toml")).unwrap();
    assert!(kb.contains("as_of = \"2026-06-15\""), "{kb}");
    assert!(kb.contains("short_title = \"Sen.\""), "{kb}");
    let o = run(&["kb", "check", "congress.toml"], d.path(), None);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn kb_import_congress_legislators_needs_the_snapshot_date() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "current.yaml", CONGRESS_YAML);
    let o = run(
        &["kb", "import", "congress-legislators", "current.yaml"],
        d.path(),
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--as-of"), "{}", stderr(&o));
}

// ---- house style ---------------------------------------------------------------------------

#[test]
fn house_style_comes_from_the_flag_or_copydesk_toml_and_never_drops_the_people() {
    let d = tempfile::tempdir().unwrap();
    // Consistent in the international style throughout.
    write(
        d.path(),
        "story.txt",
        "The US envoy met UN officials.\n\nThe US envoy left.\n",
    );
    let variants = |args: &[&str]| -> usize {
        let mut all = vec!["check", "--format", "json", "--fail-on", "never"];
        all.extend_from_slice(args);
        all.push("story.txt");
        let o = run(&all, d.path(), None);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        rules_of(&json(&o))
            .iter()
            .filter(|r| *r == "title-variant")
            .count()
    };
    assert_eq!(variants(&["--no-config"]), 0);
    assert_eq!(variants(&["--no-config", "--style", "ap"]), 3);
    assert_eq!(variants(&["--no-config", "--style", "international"]), 0);
    // Without the starter people the style still applies.
    assert_eq!(
        variants(&["--no-config", "--no-starter-kb", "--style", "ap"]),
        3
    );
    write(d.path(), "copydesk.toml", "style = \"ap\"\n");
    assert_eq!(variants(&[]), 3);
    assert_eq!(variants(&["--style", "draft"]), 0);
    let o = run(
        &["check", "--style", "chicago", "story.txt"],
        d.path(),
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no house style `chicago`"),
        "{}",
        stderr(&o)
    );
}
