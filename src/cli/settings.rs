//! Per-file settings for the CLI: which copydesk.toml applies, and the KB it loads. Files
//! in one tree share a config, so each (config, KB) pair is built once and reused.

use super::KbArgs;
use crate::analysis::Options;
use crate::config::{self, Config, Overrides};
use crate::kb::Kb;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// Options and KB for the files one configuration governs.
pub struct Prepared {
    pub options: Options,
    pub kb: Kb,
    /// copydesk.toml's `include` / `exclude`.
    pub files: Option<crate::files::Filter>,
}

pub struct Settings {
    overrides: Overrides,
    mode: Mode,
    cache: HashMap<Option<PathBuf>, Result<Rc<Prepared>, String>>,
}

enum Mode {
    Discover,
    Explicit(PathBuf),
    None,
}

/// The outcome of [`Settings::for_path`] when the settings cannot be built.
pub struct SettingsError {
    pub message: String,
    /// False when the same error was already returned for an earlier file.
    pub first_time: bool,
}

impl Settings {
    pub fn new(args: &KbArgs) -> Settings {
        let mode = match (&args.config, args.no_config) {
            (Some(p), _) => Mode::Explicit(p.clone()),
            (None, true) => Mode::None,
            (None, false) => Mode::Discover,
        };
        Settings {
            overrides: Overrides {
                kb: args.kb.clone(),
                no_starter_kb: args.no_starter_kb,
                article_date: args.article_date,
                style: args.style.clone(),
            },
            mode,
            cache: HashMap::new(),
        }
    }

    /// Settings for a draft at `start` (for stdin, the current directory).
    pub fn for_path(&mut self, start: &Path) -> Result<Rc<Prepared>, SettingsError> {
        let key = match &self.mode {
            Mode::Discover => config::find_config_file(start),
            Mode::Explicit(p) => Some(p.clone()),
            Mode::None => None,
        };
        if let Some(cached) = self.cache.get(&key) {
            return cached.clone().map_err(|message| SettingsError {
                message,
                first_time: false,
            });
        }
        let built = self.build(key.as_deref());
        self.cache.insert(key, built.clone());
        built.map_err(|message| SettingsError {
            message,
            first_time: true,
        })
    }

    fn build(&self, config_path: Option<&Path>) -> Result<Rc<Prepared>, String> {
        let config = match config_path {
            Some(p) => Some(Config::load(p).map_err(|e| format!("configuration: {e}"))?),
            None => None,
        };
        let eff = config::effective(config.as_ref(), &self.overrides);
        let kb = config::load_kb(eff.starter_kb, &eff.style, &eff.kb_paths)
            .map_err(|e| format!("knowledge base: {e}"))?;
        Ok(Rc::new(Prepared {
            options: eff.options,
            kb,
            files: config.and_then(|c| c.files),
        }))
    }
}
