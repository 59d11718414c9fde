//! copydesk reads news drafts the way a copy editor does. Data flows one way:
//! text → [`article`] (structure, quotes, attributions) → [`mentions`] (with the [`kb`])
//! → [`lint`] rules → findings, all behind [`analysis::analyze`]. Findings leave through
//! the [`cli`] or the [`server`]; nothing flows back. Everything above `cli`/`server` is
//! synchronous code over `&str` with byte offsets, with no I/O.

pub mod analysis;
pub mod article;
pub mod cli;
pub mod config;
pub mod date;
pub mod files;
#[doc(hidden)]
pub mod invariants;
pub mod kb;
pub mod lint;
pub mod memo;
pub mod mentions;
pub mod server;
pub mod text;
