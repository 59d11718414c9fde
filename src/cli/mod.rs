//! The command line: `check`, `explain`, `annotate`, `kb` and `lsp`, with clap.

mod annotate;
mod check;
mod concise;
mod diff;
mod explain;
mod fix;
mod github;
mod human;
mod init;
mod inputs;
mod json;
pub mod kb;
mod sarif;
mod settings;

pub use fix::{fix_text, Applied};

use crate::date::Date;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// A copy desk inside the editor: checks news drafts for unattributed quotes,
/// inconsistent names and titles, and first-reference style.
#[derive(Debug, Parser)]
#[command(name = "copydesk", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check drafts and report findings.
    ///
    /// Exit status: 0 when nothing reaches --fail-on, 1 when something does, 2 on usage
    /// or I/O errors (the other files are still checked).
    Check(CheckArgs),
    /// Print a rule's documentation, or list every rule.
    Explain {
        /// Rule id, e.g. unattributed-quote. Without it, every rule is listed.
        rule: Option<String>,
    },
    /// Print the article model (parts, date, quotations and who said them) as JSON.
    Annotate(AnnotateArgs),
    /// Check and import knowledge-base files.
    Kb {
        #[command(subcommand)]
        cmd: kb::KbCommand,
    },
    /// Run the language server on stdio.
    Lsp {
        /// Accepted for editor clients that pass it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Write a commented copydesk.toml and a starter newsroom KB file (copydesk-kb.toml)
    /// in DIR (default: the current directory). Existing files are never overwritten.
    Init {
        #[arg(value_name = "DIR", default_value = ".")]
        dir: PathBuf,
    },
    /// Print the JSON Schema of copydesk.toml or of a KB file (also in schemas/).
    Schema {
        #[arg(value_enum)]
        of: SchemaOf,
    },
    /// Print shell completions.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or write one page per command into --out DIR.
    Man {
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
}

/// Which schema `copydesk schema` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SchemaOf {
    /// copydesk.toml.
    Config,
    /// A knowledge-base file.
    Kb,
}

/// Output format of `check`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Snippets with line, column, rule id and the suggested fix.
    #[default]
    Human,
    /// One JSON array of findings (a stable schema).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands (`::warning file=…::…`): annotations on the pull
    /// request, free on private repositories.
    Github,
    /// One line per finding, `path:line:col: severity[rule] message` (vim, ALE, grep).
    Concise,
}

/// When `check` colours its output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set or TERM is dumb; CLICOLOR_FORCE forces it.
    #[default]
    Auto,
    Always,
    Never,
}

/// The lowest severity that makes `check` exit with status 1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    #[default]
    Warning,
    Info,
    /// Always exit 0 unless there was a usage or I/O error.
    Never,
}

/// How the knowledge base and configuration are chosen; shared by `check` and `annotate`.
#[derive(Clone, Debug, Default, Args)]
pub struct KbArgs {
    /// Load this KB file after the starter KB and copydesk.toml's files (repeatable;
    /// later files override earlier entries with the same id).
    #[arg(long = "kb", value_name = "FILE")]
    pub kb: Vec<PathBuf>,
    /// Leave out the starter KB compiled into the binary.
    #[arg(long)]
    pub no_starter_kb: bool,
    /// The house style: `ap`, `international` (or `british`), `draft` (none: the draft's
    /// own consistency, the default) or a term file; wins over copydesk.toml's `style`.
    #[arg(long, value_name = "NAME|FILE", value_parser = parse_style)]
    pub style: Option<crate::kb::style::HouseStyle>,
    /// The article's date when the text states none (YYYY-MM-DD); wins over copydesk.toml.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub article_date: Option<Date>,
    /// Use this configuration file instead of looking for copydesk.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Do not look for copydesk.toml.
    #[arg(long)]
    pub no_config: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files, directories or globs (`-` reads stdin). Directories are walked for .txt, .md
    /// and .markdown files in sorted order, honouring .gitignore and .ignore files and
    /// skipping hidden entries and symlinks; a quoted glob (`'drafts/**/*.md'`) is
    /// expanded the same way.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    #[arg(long, value_enum, default_value_t = FailOn::Warning, value_name = "LEVEL")]
    pub fail_on: FailOn,
    /// Apply every safe fix in place (atomically), then report what is left.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print a unified diff of what --fix would write, and write nothing. Exit status 1
    /// when some file would change.
    #[arg(long)]
    pub diff: bool,
    /// The name of the draft read from stdin: its extension picks Markdown or plain text,
    /// copydesk.toml is looked for from its directory, and reports use it.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
    /// Colour the human output and diffs.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Check only files matching this glob (repeatable; relative to the current
    /// directory). Also `include` in copydesk.toml.
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Skip files and directories matching this glob (repeatable; relative to the current
    /// directory). Also `exclude` in copydesk.toml.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    #[command(flatten)]
    pub kb: KbArgs,
}

/// Output format of `annotate` (JSON is the only one).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum AnnotateFormat {
    #[default]
    Json,
}

#[derive(Debug, Args)]
pub struct AnnotateArgs {
    /// The draft (`-` reads stdin).
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    #[arg(long, value_enum, default_value_t = AnnotateFormat::Json)]
    pub format: AnnotateFormat,
    #[command(flatten)]
    pub kb: KbArgs,
}

fn parse_style(s: &str) -> Result<crate::kb::style::HouseStyle, String> {
    crate::kb::style::HouseStyle::parse(s, std::path::Path::new(""))
}

fn parse_date(s: &str) -> Result<Date, String> {
    let ok = s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-';
    Date::parse(s)
        .filter(|_| ok)
        .ok_or_else(|| format!("`{s}` is not a date: write it as YYYY-MM-DD, e.g. 2022-01-12"))
}

/// Writes to stdout through `f`. A reader that went away (`copydesk check | head`) is not
/// an error worth reporting: the output was simply not wanted any more. Buffered: stdout
/// itself flushes at every newline, a write system call per line of JSON.
pub(crate) fn write_stdout(
    f: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let res = f(&mut out).and_then(|()| std::io::Write::flush(&mut out));
    match res {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Runs the CLI and returns the process exit code (0 clean, 1 findings, 2 errors).
pub fn run(cli: Cli) -> anyhow::Result<i32> {
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Explain { rule } => explain::run(rule.as_deref()),
        Command::Annotate(args) => annotate::run(args),
        Command::Kb { cmd } => kb::run(cmd),
        Command::Lsp { .. } => crate::server::run_stdio(),
        Command::Init { dir } => init::run(&dir),
        Command::Schema { of } => {
            let schema = schema_json(of);
            write_stdout(|w| writeln!(w, "{schema}"))?;
            Ok(0)
        }
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            write_stdout(|w| {
                clap_complete::generate(shell, &mut cmd, "copydesk", w);
                Ok(())
            })?;
            Ok(0)
        }
        Command::Man { out } => {
            let cmd = <Cli as clap::CommandFactory>::command();
            match out {
                Some(dir) => {
                    std::fs::create_dir_all(&dir)?;
                    clap_mangen::generate_to(cmd, &dir)?;
                }
                None => write_stdout(|w| clap_mangen::Man::new(cmd).render(w))?,
            }
            Ok(0)
        }
    }
}

/// A schema as the pretty JSON `copydesk schema` prints and `schemas/` holds.
pub fn schema_json(of: SchemaOf) -> String {
    let v = match of {
        SchemaOf::Config => crate::config::json_schema(),
        SchemaOf::Kb => crate::kb::schema::json_schema(),
    };
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_flags_parse_into_their_settings() {
        let cli = Cli::try_parse_from([
            "copydesk",
            "check",
            "--format",
            "sarif",
            "--fail-on",
            "never",
            "--kb",
            "a.toml",
            "--kb",
            "b.toml",
            "--no-starter-kb",
            "--article-date",
            "2022-01-12",
            "--style",
            "ap",
            "--fix",
            "story.txt",
            "-",
        ])
        .unwrap();
        let Command::Check(a) = cli.command else {
            panic!("not check")
        };
        assert_eq!(a.format, OutputFormat::Sarif);
        assert_eq!(a.fail_on, FailOn::Never);
        assert_eq!(
            a.kb.kb,
            vec![PathBuf::from("a.toml"), PathBuf::from("b.toml")]
        );
        assert!(a.kb.no_starter_kb && a.fix);
        assert_eq!(a.kb.article_date, Date::new(2022, 1, 12));
        assert_eq!(a.kb.style, Some(crate::kb::style::HouseStyle::Preset("ap")));
        assert_eq!(
            a.paths,
            vec![PathBuf::from("story.txt"), PathBuf::from("-")]
        );
    }

    #[test]
    fn check_needs_a_path_and_a_real_date() {
        assert!(Cli::try_parse_from(["copydesk", "check"]).is_err());
        assert!(
            Cli::try_parse_from(["copydesk", "check", "--article-date", "2022-13-01", "x"])
                .is_err()
        );
        assert!(Cli::try_parse_from(["copydesk", "check", "--article-date", "2022", "x"]).is_err());
    }

    #[test]
    fn defaults_are_human_output_failing_on_warnings() {
        let cli = Cli::try_parse_from(["copydesk", "check", "x.md"]).unwrap();
        let Command::Check(a) = cli.command else {
            panic!("not check")
        };
        assert_eq!(a.format, OutputFormat::Human);
        assert_eq!(a.fail_on, FailOn::Warning);
        assert!(!a.fix && !a.kb.no_starter_kb);
    }
}
