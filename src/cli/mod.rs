//! The command line: `check`, `explain`, `annotate`, `kb` and `lsp`, with clap.

pub mod kb;

use clap::{Parser, Subcommand};
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
    Check {
        /// Files or directories (`-` reads stdin).
        paths: Vec<PathBuf>,
    },
    /// Print a rule's documentation.
    Explain {
        /// Rule id, e.g. unattributed-quote.
        rule: Option<String>,
    },
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
}

/// Runs the CLI and returns the process exit code (0 clean, 1 findings, 2 errors).
pub fn run(cli: Cli) -> anyhow::Result<i32> {
    match cli.command {
        Command::Check { paths } => {
            let _ = paths;
            Ok(0)
        }
        Command::Explain { rule } => {
            let _ = rule;
            Ok(0)
        }
        Command::Kb { cmd } => kb::run(cmd),
        Command::Lsp { .. } => crate::server::run_stdio(),
    }
}
