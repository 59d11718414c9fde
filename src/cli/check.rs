//! `copydesk check`: read every draft, analyse it with the settings that govern it, apply
//! safe fixes when asked, report in the chosen format and compute the exit status.

use super::fix::{self, Applied};
use super::human::{self, Style};
use super::inputs::{self, Input};
use super::settings::Settings;
use super::{json, sarif, CheckArgs, FailOn, OutputFormat};
use crate::analysis::analyze;
use crate::article::Format;
use crate::lint::{Finding, Severity};
use crate::text::LineIndex;

/// One checked draft and what was found in it.
pub struct FileReport {
    pub display: String,
    pub text: String,
    pub lines: LineIndex,
    pub findings: Vec<Finding>,
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
    let (inputs, walk_errors) = inputs::collect(&args.paths);
    let mut had_error = false;
    for e in walk_errors {
        eprintln!("copydesk: {e}");
        had_error = true;
    }
    let mut settings = Settings::new(&args.kb);
    let mut reports = Vec::new();
    // Fix notes go where they cannot corrupt machine-readable output.
    let mut fix_notes: Vec<String> = Vec::new();

    for input in &inputs {
        let display = input.display();
        let draft = match inputs::read(input) {
            Ok(d) => d,
            Err(reason) => {
                eprintln!("copydesk: {display}: {reason}; not checked");
                had_error = true;
                continue;
            }
        };
        let prepared = match settings.for_path(&input.config_start()) {
            Ok(p) => p,
            Err(e) => {
                if e.first_time {
                    eprintln!("copydesk: {}", e.message);
                }
                eprintln!("copydesk: {display}: not checked (see the error above)");
                had_error = true;
                continue;
            }
        };
        let mut options = prepared.options.clone();
        options.parse.format = input.path().map(Format::from_path).unwrap_or_default();

        let mut text = draft.text;
        if args.fix {
            match input {
                Input::Stdin => {
                    eprintln!(
                        "copydesk: <stdin>: --fix rewrites files; standard input is only checked"
                    );
                    had_error = true;
                }
                Input::File(path) => {
                    let (fixed, applied) = fix::fix_text(&text, &prepared.kb, &options);
                    if fixed != text {
                        match fix::write_atomically(path, &draft.bytes, &fixed) {
                            Ok(()) => {
                                fix_notes.extend(describe(&display, &applied));
                                text = fixed;
                            }
                            Err(e) => {
                                eprintln!("copydesk: {display}: {e:#}");
                                had_error = true;
                            }
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
            let style = Style {
                color: human::use_color(),
            };
            human::render(&reports, style, out)
        }
        OutputFormat::Json => {
            fix_notes.iter().for_each(|n| eprintln!("{n}"));
            json::render(&reports, out)
        }
        OutputFormat::Sarif => {
            fix_notes.iter().for_each(|n| eprintln!("{n}"));
            sarif::render(&reports, out)
        }
    })?;

    if had_error {
        return Ok(2);
    }
    let failing = reports
        .iter()
        .flat_map(|r| &r.findings)
        .any(|f| fails(f.severity, args.fail_on));
    Ok(i32::from(failing))
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
