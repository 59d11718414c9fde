//! `copydesk check`: read every draft, analyse it with the settings that govern it, apply
//! safe fixes (or show them as a diff) when asked, report in the chosen format and compute
//! the exit status.

use super::fix::{self, Applied};
use super::human::{self, Style};
use super::inputs::{self, Input, Pruner};
use super::settings::Settings;
use super::{concise, diff, github, json, sarif, CheckArgs, ColorChoice, FailOn, OutputFormat};
use crate::analysis::analyze;
use crate::article::Format;
use crate::files::Filter;
use crate::lint::{Finding, Severity};
use crate::text::{LineIndex, Span};
use std::sync::Arc;

/// One checked draft and what was found in it.
pub struct FileReport {
    pub display: String,
    pub text: String,
    pub lines: LineIndex,
    pub findings: Vec<Finding>,
    /// The draft's paragraphs (for SARIF's fingerprints).
    pub paragraphs: Vec<Span>,
}

/// Something that kept a file (or the run) from being checked: printed on stderr, and
/// carried into the formats that can hold it (SARIF's invocation notifications, GitHub
/// error annotations).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file concerned, as reported.
    pub path: Option<String>,
    pub message: String,
}

/// True when `sev` reaches the `--fail-on` threshold.
pub fn fails(sev: Severity, fail_on: FailOn) -> bool {
    match fail_on {
        FailOn::Never => false,
        FailOn::Error => sev >= Severity::Error,
        FailOn::Warning => sev >= Severity::Warning,
        FailOn::Info => sev >= Severity::Info,
    }
}

pub fn run(args: CheckArgs) -> anyhow::Result<i32> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let cli_filter = match Filter::new(&cwd, &args.include, &args.exclude) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("copydesk: --{e}");
            return Ok(2);
        }
    };
    let pruner = Arc::new(Pruner::new(
        cli_filter.clone(),
        args.kb.config.clone(),
        !args.kb.no_config,
    ));
    let (inputs, walk_errors) =
        inputs::collect(&args.paths, args.stdin_filename.as_deref(), &pruner);
    let mut problems: Vec<Problem> = Vec::new();
    let mut report_problem = |path: Option<&str>, message: String| {
        match path {
            Some(p) => eprintln!("copydesk: {p}: {message}"),
            None => eprintln!("copydesk: {message}"),
        }
        problems.push(Problem {
            path: path.map(str::to_string),
            message,
        });
    };
    for (path, e) in walk_errors {
        report_problem(path.as_deref(), e);
    }
    let color = use_color(args.color);
    let mut settings = Settings::new(&args.kb);
    let mut reports = Vec::new();
    // Fix notes go where they cannot corrupt machine-readable output.
    let mut fix_notes: Vec<String> = Vec::new();
    let mut diffs = String::new();
    let mut would_change = 0usize;

    for input in &inputs {
        let display = input.display();
        let prepared = match settings.for_path(&input.config_start()) {
            Ok(p) => p,
            Err(e) => {
                if e.first_time {
                    eprintln!("copydesk: {}", e.message);
                }
                report_problem(
                    Some(&display),
                    format!("not checked: {}", e.message.lines().next().unwrap_or("")),
                );
                continue;
            }
        };
        if let Some(name) = input.name() {
            let admitted =
                cli_filter.admits(name) && prepared.files.as_ref().is_none_or(|f| f.admits(name));
            if !admitted {
                if matches!(input, Input::File(_) | Input::Stdin(Some(_))) {
                    eprintln!(
                        "copydesk: {display}: skipped (outside include, or matched by exclude)"
                    );
                }
                continue;
            }
        }
        let draft = match inputs::read(input) {
            Ok(d) => d,
            Err(reason) => {
                report_problem(Some(&display), format!("{reason}; not checked"));
                continue;
            }
        };
        let mut options = prepared.options.clone();
        options.parse.format = input.name().map(Format::from_path).unwrap_or_default();

        let mut text = draft.text;
        if args.diff {
            // Exactly what --fix would write: the same call.
            let (fixed, _) = fix::fix_text(&text, &prepared.kb, &options);
            if fixed != text {
                would_change += 1;
                diffs.push_str(&diff::unified(&display, &text, &fixed, color));
            }
            continue;
        }
        if args.fix {
            match input {
                Input::Stdin(_) => {
                    report_problem(
                        Some(&display),
                        "--fix rewrites files; standard input is only checked".into(),
                    );
                }
                Input::File(path) | Input::Found(path) => {
                    let (fixed, applied) = fix::fix_text(&text, &prepared.kb, &options);
                    if fixed != text {
                        match fix::write_atomically(path, &draft.bytes, &fixed) {
                            Ok(()) => {
                                fix_notes.extend(describe(&display, &applied));
                                text = fixed;
                            }
                            Err(e) => report_problem(Some(&display), format!("{e:#}")),
                        }
                    }
                }
            }
        }

        let analysis = analyze(&text, &prepared.kb, &options);
        reports.push(FileReport {
            display,
            lines: LineIndex::new(&text),
            text,
            findings: analysis.findings,
            paragraphs: analysis.article.paragraphs.iter().map(|p| p.span).collect(),
        });
    }

    if args.diff {
        super::write_stdout(|out| out.write_all(diffs.as_bytes()))?;
        eprintln!(
            "copydesk: --fix would change {would_change} file{}",
            if would_change == 1 { "" } else { "s" }
        );
        return Ok(if !problems.is_empty() {
            2
        } else {
            i32::from(would_change > 0)
        });
    }

    super::write_stdout(|out| match args.format {
        OutputFormat::Human => {
            for n in &fix_notes {
                writeln!(out, "{n}")?;
            }
            if !fix_notes.is_empty() {
                writeln!(out)?;
            }
            human::render(&reports, Style { color }, out)
        }
        OutputFormat::Json => {
            fix_notes.iter().for_each(|n| eprintln!("{n}"));
            json::render(&reports, out)
        }
        OutputFormat::Sarif => {
            fix_notes.iter().for_each(|n| eprintln!("{n}"));
            sarif::render(&reports, &problems, out)
        }
        OutputFormat::Github => {
            fix_notes.iter().for_each(|n| eprintln!("{n}"));
            github::render(&reports, &problems, out)
        }
        OutputFormat::Concise => {
            fix_notes.iter().for_each(|n| eprintln!("{n}"));
            concise::render(&reports, out)
        }
    })?;

    if !problems.is_empty() {
        return Ok(2);
    }
    let failing = reports
        .iter()
        .flat_map(|r| &r.findings)
        .any(|f| fails(f.severity, args.fail_on));
    Ok(i32::from(failing))
}

/// `--color`: `always` and `never` as said; `auto` colours a terminal unless NO_COLOR is
/// set (non-empty) or TERM is `dumb`, and CLICOLOR_FORCE (non-empty, not `0`) forces it.
pub fn use_color(choice: ColorChoice) -> bool {
    use std::io::IsTerminal;
    let var = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if var("NO_COLOR").is_some() {
                false
            } else if var("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
                true
            } else if var("TERM").is_some_and(|t| t == "dumb") {
                false
            } else {
                std::io::stdout().is_terminal()
            }
        }
    }
}

fn describe(display: &str, applied: &[Applied]) -> Vec<String> {
    let mut notes: Vec<String> = applied
        .iter()
        .map(|a| {
            format!(
                "fixed {display}:{}:{}: [{}] {}",
                a.line, a.column, a.rule, a.title
            )
        })
        .collect();
    notes.push(format!(
        "fixed {display}: {} change{}",
        applied.len(),
        if applied.len() == 1 { "" } else { "s" }
    ));
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fail_on_thresholds_order_severities() {
        assert!(fails(Severity::Error, FailOn::Error));
        assert!(!fails(Severity::Warning, FailOn::Error));
        assert!(fails(Severity::Warning, FailOn::Warning));
        assert!(!fails(Severity::Info, FailOn::Warning));
        assert!(fails(Severity::Info, FailOn::Info));
        assert!(!fails(Severity::Hint, FailOn::Info));
        assert!(!fails(Severity::Error, FailOn::Never));
    }
}
