//! `copydesk kb`: check KB files, and import office-holder CSVs, Wikidata dumps, Popolo
//! JSON and the unitedstates/congress-legislators YAML into KB TOML.

use crate::date::Date;
use crate::kb::import::{congress, officeholders, popolo, wikidata};
use crate::kb::{self, KbError, KbFile};
use anyhow::{Context, Result};
use clap::Subcommand;
use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum KbCommand {
    /// Validate KB files and report every problem with its line and column. An
    /// officeholders style file (one with `[[position]]` tables) is checked as such.
    Check {
        /// KB files (TOML, or JSON when named *.json), or style files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Check `org` references without the starter KB's organisations.
        #[arg(long)]
        no_starter_kb: bool,
    },
    /// Turn public data into a KB file.
    Import {
        #[command(subcommand)]
        source: ImportSource,
    },
}

/// What every import writes at the top of its file.
#[derive(Debug, Clone, clap::Args)]
pub struct Provenance {
    /// The date the data is known to (its snapshot date, YYYY-MM-DD), written as the
    /// file's `as_of`: a role with no end counts as held up to that date and no later.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    as_of: Option<Date>,
    /// Where the data comes from, written as the file's `source`.
    #[arg(long, value_name = "TEXT")]
    source: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ImportSource {
    /// Wikidata: a JSON dump (plain, .gz or .bz2), a per-entity export (`{"entities": …}`,
    /// as Special:EntityData gives it, or one entity), or Query Service results (CSV or
    /// SPARQL JSON with ?person ?personLabel ?positionLabel ?start ?end).
    Wikidata {
        dump: PathBuf,
        #[command(flatten)]
        provenance: Provenance,
        /// Write here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// A Popolo JSON file: persons, organizations, memberships.
    Popolo {
        file: PathBuf,
        #[command(flatten)]
        provenance: Provenance,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The unitedstates/congress-legislators YAML (legislators-current.yaml,
    /// executive.yaml, …): members of Congress, presidents and vice-presidents with
    /// every term's dates, state and party. --as-of is required: the files give
    /// scheduled term ends, and only the snapshot date says what is known.
    CongressLegislators {
        #[arg(required = true)]
        yaml: Vec<PathBuf>,
        /// The snapshot date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        as_of: Date,
        #[arg(long, value_name = "TEXT")]
        source: Option<String>,
        /// The organisation id of the United States in the KB the file is used with.
        #[arg(long, default_value = "us")]
        org: String,
        /// Leave out roles that ended before this date (YYYY-MM-DD or YYYY).
        #[arg(long)]
        since: Option<String>,
        /// KB files whose person ids generated ids must not take (people found there
        /// by Wikidata id merge with them when the KBs are loaded together).
        #[arg(long, value_name = "FILE")]
        reserve: Vec<PathBuf>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Office-holder CSVs (EveryPolitician/Wikidata layout). Write `FILE=ORG` to give a
    /// cabinet list's organisation id.
    Officeholders {
        #[arg(required = true)]
        csv: Vec<String>,
        /// Position titles and person corrections (TOML with [[position]] and [[person]]).
        #[arg(long)]
        style: Option<PathBuf>,
        /// KB files whose organisations (matched by Wikidata id) and person ids to reuse.
        #[arg(long)]
        orgs: Vec<PathBuf>,
        /// Leave out roles that ended before this date (YYYY-MM-DD or YYYY).
        #[arg(long)]
        since: Option<String>,
        #[command(flatten)]
        provenance: Provenance,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

fn parse_day(s: &str) -> Result<Date, String> {
    Date::parse(s)
        .filter(|_| s.len() == 10)
        .ok_or_else(|| format!("`{s}` is not a date: write it as YYYY-MM-DD"))
}

fn parse_since(since: Option<String>) -> Result<Option<Date>> {
    since
        .map(|s| {
            Date::parse(&s).with_context(|| format!("--since `{s}` is not a date (YYYY-MM-DD)"))
        })
        .transpose()
}

/// Runs a `kb` subcommand; exit code 0 clean, 1 problems found, 2 cannot run.
pub fn run(cmd: KbCommand) -> Result<i32> {
    match cmd {
        KbCommand::Check {
            files,
            no_starter_kb,
        } => Ok(check(&files, !no_starter_kb, &mut std::io::stdout())),
        KbCommand::Import { source } => import(source),
    }
}

/// Checks `files`, writing one line per problem to `out`. Returns the exit code.
pub fn check(files: &[PathBuf], with_starter: bool, out: &mut dyn Write) -> i32 {
    let mut problems: Vec<KbError> = Vec::new();
    let mut io_failed = false;
    let mut parsed: Vec<(String, String, KbFile)> = Vec::new();
    let mut styles = 0usize;
    for f in files {
        let path = f.display().to_string();
        let src = match std::fs::read_to_string(f) {
            Ok(s) => s,
            Err(e) => {
                let _ = writeln!(out, "{path}: cannot read the file: {e}");
                io_failed = true;
                continue;
            }
        };
        if officeholders::Style::is_style_file(&src) {
            styles += 1;
            if let Err(e) = officeholders::Style::parse(&src, &path) {
                let (line, message) = match e {
                    crate::kb::import::ImportError::Line { line, message, .. } => (line, message),
                    other => (0, other.to_string()),
                };
                problems.push(KbError {
                    path: path.clone(),
                    line,
                    column: usize::from(line > 0),
                    message: format!("in this officeholders style file: {message}"),
                });
            }
            continue;
        }
        match kb::load::deserialize(&src, &path) {
            Err(e) => problems.push(e),
            Ok(file) => {
                problems.extend(kb::validate(&file, &path, &src));
                parsed.push((path, src, file));
            }
        }
    }
    let starter: Vec<(String, String, KbFile)> = if with_starter {
        kb::STARTER_SOURCES
            .iter()
            .filter_map(|(p, s)| Some((p.to_string(), s.to_string(), kb::parse_str(s, p).ok()?)))
            .collect()
    } else {
        Vec::new()
    };
    let set: Vec<(&str, &str, &KbFile)> = starter
        .iter()
        .chain(&parsed)
        .map(|(p, s, f)| (p.as_str(), s.as_str(), f))
        .collect();
    problems.extend(
        kb::check_references(&set)
            .into_iter()
            .filter(|e| !e.path.starts_with("starter:")),
    );
    for p in &problems {
        let _ = writeln!(out, "{p}");
    }
    if io_failed {
        2
    } else if problems.is_empty() {
        let kbs = files.len() - styles;
        eprintln!(
            "{kbs} KB file{} OK{}",
            if kbs == 1 { "" } else { "s" },
            match styles {
                0 => String::new(),
                1 => ", and 1 officeholders style file".into(),
                n => format!(", and {n} officeholders style files"),
            }
        );
        0
    } else {
        eprintln!(
            "{} problem{} found",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        );
        1
    }
}

fn import(source: ImportSource) -> Result<i32> {
    let (mut file, out, what, provenance) = match source {
        ImportSource::Wikidata {
            dump,
            provenance,
            out,
        } => {
            let path = dump.display().to_string();
            let total = std::fs::metadata(&dump).map(|m| m.len()).ok();
            let tty = std::io::stderr().is_terminal();
            let mut progress = |pass: u8, bytes: u64| {
                if tty {
                    match total {
                        Some(t) if t > 0 => eprint!(
                            "\rpass {pass}: {:>5.1}% of {}",
                            (bytes as f64 * 100.0 / t as f64).min(100.0),
                            dump.display()
                        ),
                        _ => eprint!("\rpass {pass}: {} MB read", bytes >> 20),
                    }
                }
            };
            let (kb, stats) = wikidata::import_any(|| open_dump(&dump), &path, &mut progress)?;
            if tty {
                eprintln!();
            }
            let what = format!(
                "{} entities read, {} people with {} positions and {} organisations kept",
                stats.entities, stats.people, stats.positions, stats.organizations
            );
            (kb, out, what, Some(provenance))
        }
        ImportSource::Popolo {
            file,
            provenance,
            out,
        } => {
            let src = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let kb = popolo::import(&src, &file.display().to_string())?;
            let what = format!(
                "{} people, {} organisations",
                kb.people.len(),
                kb.organizations.len()
            );
            (kb, out, what, Some(provenance))
        }
        ImportSource::CongressLegislators {
            yaml,
            as_of,
            source,
            org,
            since,
            reserve,
            out,
        } => {
            let mut opts = congress::Options {
                as_of,
                source,
                org,
                since: parse_since(since)?,
                reserved_person_ids: Vec::new(),
            };
            for f in reserve {
                let f = kb::load_file(&f)?;
                opts.reserved_person_ids
                    .extend(f.people.into_iter().map(|p| p.id));
            }
            let mut inputs = Vec::new();
            for path in yaml {
                let text = std::fs::read_to_string(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                inputs.push(congress::YamlInput {
                    path: path.display().to_string(),
                    text,
                });
            }
            let kb = congress::import(&inputs, &opts)?;
            let roles: usize = kb.people.iter().map(|p| p.roles.len()).sum();
            let what = format!("{} people with {roles} roles", kb.people.len());
            (kb, out, what, None)
        }
        ImportSource::Officeholders {
            csv,
            style,
            orgs,
            since,
            provenance,
            out,
        } => {
            let mut opts = officeholders::Options::default();
            if let Some(s) = style {
                let text = std::fs::read_to_string(&s)
                    .with_context(|| format!("cannot read {}", s.display()))?;
                opts.style = officeholders::Style::parse(&text, &s.display().to_string())?;
            }
            for o in orgs {
                let f = kb::load_file(&o)?;
                opts.reserved_person_ids
                    .extend(f.people.iter().map(|p| p.id.clone()));
                opts.known_orgs.extend(f.organizations);
            }
            opts.since = parse_since(since)?;
            let mut inputs = Vec::new();
            for spec in csv {
                let (path, org) = split_org(&spec);
                let text =
                    std::fs::read_to_string(path).with_context(|| format!("cannot read {path}"))?;
                inputs.push(officeholders::CsvInput {
                    path: path.to_string(),
                    text,
                    org: org.map(str::to_string),
                });
            }
            let kb = officeholders::import(&inputs, &opts)?;
            let what = format!(
                "{} people, {} organisations",
                kb.people.len(),
                kb.organizations.len()
            );
            (kb, out, what, Some(provenance))
        }
    };
    if let Some(p) = provenance {
        file.as_of = p.as_of.or(file.as_of);
        file.source = p.source.or(file.source);
    }
    if file.as_of.is_none() {
        eprintln!(
            "note: no --as-of given: the file states no date, so its open roles will count as \
             held on any later date"
        );
    }
    let body = toml::to_string(&file).context("cannot write the KB as TOML")?;
    let text = format!(
        "# Generated by `copydesk kb import`; edit the inputs and regenerate rather than\n# editing this file by hand.\n\n{body}"
    );
    match out {
        Some(path) => {
            write_atomically(&path, &text)?;
            eprintln!("{what}; written to {}", path.display());
        }
        None => {
            std::io::stdout().write_all(text.as_bytes())?;
            eprintln!("{what}");
        }
    }
    Ok(0)
}

/// `data/russia.csv=russia` → (`data/russia.csv`, Some(`russia`)); a path that itself
/// contains `=` but exists as a file is taken whole.
fn split_org(spec: &str) -> (&str, Option<&str>) {
    if Path::new(spec).exists() {
        return (spec, None);
    }
    match spec.rsplit_once('=') {
        Some((p, org)) if !org.is_empty() && !org.contains(['/', '\\']) => (p, Some(org)),
        _ => (spec, None),
    }
}

/// Opens a dump, decompressing by extension.
fn open_dump(path: &Path) -> std::io::Result<Box<dyn BufRead>> {
    let f = std::fs::File::open(path)?;
    let name = path.to_string_lossy().to_ascii_lowercase();
    let inner: Box<dyn Read> = if name.ends_with(".gz") {
        Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(f)))
    } else if name.ends_with(".bz2") {
        Box::new(bzip2::read::MultiBzDecoder::new(BufReader::new(f)))
    } else {
        Box::new(f)
    };
    Ok(Box::new(BufReader::with_capacity(1 << 20, inner)))
}

fn write_atomically(path: &Path, text: &str) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "kb.toml".into());
    let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
    std::fs::write(&tmp, text).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn check_reports_every_problem_with_positions() {
        let dir = tempfile::tempdir().unwrap();
        let a = write(
            dir.path(),
            "a.toml",
            "[[person]]\nid = \"x\"\nname = \"X Y\"\n\n[[person]]\nid = \"x\"\nname = \"\"\n  [[person.role]]\n  title = \"Envoy\"\n  org = \"atlantis\"\n",
        );
        let mut out = Vec::new();
        let code = check(std::slice::from_ref(&a), true, &mut out);
        let text = String::from_utf8(out).unwrap();
        assert_eq!(code, 1, "{text}");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert!(
            text.contains(&format!(
                "{}:6:1: the person id `x` is used twice",
                a.display()
            )),
            "{text}"
        );
        assert!(text.contains(":7:1: the name is empty"), "{text}");
        assert!(
            text.contains(":10:3:") && text.contains("`atlantis`"),
            "{text}"
        );
    }

    #[test]
    fn check_accepts_references_to_starter_orgs_and_fails_on_io() {
        let dir = tempfile::tempdir().unwrap();
        let ok = write(
            dir.path(),
            "newsroom.toml",
            "[[person]]\nid = \"desk-editor\"\nname = \"Ann Example\"\n  [[person.role]]\n  title = \"spokesperson\"\n  org = \"nato\"\n",
        );
        let mut out = Vec::new();
        assert_eq!(check(std::slice::from_ref(&ok), true, &mut out), 0);
        let mut out = Vec::new();
        assert_eq!(check(std::slice::from_ref(&ok), false, &mut out), 1);
        let mut out = Vec::new();
        assert_eq!(check(&[dir.path().join("missing.toml")], true, &mut out), 2);
    }

    #[test]
    fn dumps_open_plain_gzip_and_bzip2() {
        let dir = tempfile::tempdir().unwrap();
        let body = b"[\n{\"id\":\"Q1\"}\n]\n";
        let plain = write(dir.path(), "d.json", std::str::from_utf8(body).unwrap());
        let gz = dir.path().join("d.json.gz");
        let mut enc = flate2::write::GzEncoder::new(
            std::fs::File::create(&gz).unwrap(),
            flate2::Compression::fast(),
        );
        enc.write_all(body).unwrap();
        enc.finish().unwrap();
        let bz = dir.path().join("d.json.bz2");
        let mut enc = bzip2::write::BzEncoder::new(
            std::fs::File::create(&bz).unwrap(),
            bzip2::Compression::fast(),
        );
        enc.write_all(body).unwrap();
        enc.finish().unwrap();
        for p in [plain, gz, bz] {
            let mut s = String::new();
            open_dump(&p).unwrap().read_to_string(&mut s).unwrap();
            assert_eq!(s.as_bytes(), body, "{}", p.display());
        }
    }

    #[test]
    fn csv_specs_split_off_the_org() {
        assert_eq!(
            split_org("x/russia.csv=russia"),
            ("x/russia.csv", Some("russia"))
        );
        assert_eq!(split_org("x/leaders.csv"), ("x/leaders.csv", None));
    }
}
