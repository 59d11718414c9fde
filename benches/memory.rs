//! Memory and end-to-end CLI figures, each measured in a fresh process: peak RSS and time
//! of loading + indexing the starter KB plus 100,000 generated people (JSON and TOML);
//! peak RSS and throughput of `copydesk check` on a 10 MB draft with the starter KB and
//! with the 100k-person KB; the language server's RSS with 20 open drafts, each KB.
//! Run with `cargo bench --bench memory`. Under `cargo test --benches` the sizes shrink
//! (2,000 people, 64 kB draft, 2 drafts) so CI stays quick.

mod common;
#[path = "common/lsp.rs"]
mod lsp;

use lsp::Server;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Child mode: load and index the KB files named after `--load-kb`, then print the time
/// and this process's peak RSS (so the parent's own memory does not count).
fn load_kb_child(paths: &[String]) {
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let t = Instant::now();
    let kb = copydesk::config::load_kb(true, &copydesk::kb::style::HouseStyle::Draft, &paths);
    let elapsed = t.elapsed();
    let (hwm, rss) = common::own_memory_kb();
    match kb {
        Ok(kb) => println!(
            "{} {} {} {} {}",
            elapsed.as_secs_f64(),
            hwm,
            rss,
            kb.people.len(),
            kb.index.pattern_count()
        ),
        Err(e) => println!("error {e}"),
    }
}

#[allow(clippy::zombie_processes)] // reaped by wait4 below, which also reports the usage
/// Runs `cmd` to completion and returns (wall seconds, peak RSS kB) of that process.
fn measure(cmd: &mut Command) -> (f64, u64) {
    let t = Instant::now();
    let child = cmd
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("spawn the measured command");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `usage` is a plain C struct that wait4 fills; pid is our own child, reaped
    // here (std's Child is never waited on afterwards).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let secs = t.elapsed().as_secs_f64();
    assert_eq!(r, pid, "wait4 on the measured command");
    (secs, usage.ru_maxrss as u64)
}

fn mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write bench input");
    p
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--load-kb") {
        load_kb_child(&args[i + 1..]);
        return;
    }
    let full = common::full_run();
    let (people, draft_bytes, drafts, draft_words) = if full {
        (100_000, 10 << 20, 20, 5_000)
    } else {
        (2_000, 64 << 10, 2, 300)
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let generated = common::generated_kb(people);
    let names = common::sample_names(&generated, 97);
    let json_kb = write(
        dir.path(),
        "people.json",
        &serde_json::to_string(&generated).expect("json"),
    );
    let toml_kb = write(
        dir.path(),
        "people.toml",
        &toml::to_string(&generated).expect("toml"),
    );
    drop(generated);
    let me = std::env::current_exe().expect("own path");

    for kb in [&json_kb, &toml_kb] {
        let out = Command::new(&me)
            .arg("--load-kb")
            .arg(kb)
            .output()
            .expect("KB load child");
        let line = String::from_utf8_lossy(&out.stdout);
        let f: Vec<&str> = line.split_whitespace().collect();
        if let [secs, hwm, rss, n, patterns] = f[..] {
            let hwm: u64 = hwm.parse().unwrap_or(0);
            let rss: u64 = rss.parse().unwrap_or(0);
            println!(
                "load + index starter + {people} people ({}): {:.3} s, peak RSS {:.1} MB, RSS after {:.1} MB ({n} people, {patterns} patterns)",
                kb.extension().and_then(|e| e.to_str()).unwrap_or(""),
                secs.parse::<f64>().unwrap_or(0.0),
                mb(hwm),
                mb(rss)
            );
        } else {
            println!("KB load child failed: {line}");
        }
    }

    let text = common::article(draft_bytes, &names);
    let draft = write(dir.path(), "draft.md", &text);
    for (label, kb) in [("starter KB", None), ("100k-person KB", Some(&json_kb))] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_copydesk"));
        cmd.args(["check", "--format", "json", "--fail-on", "never"])
            .arg(&draft);
        if let Some(kb) = kb {
            cmd.arg("--kb").arg(kb);
        }
        let (secs, peak) = measure(&mut cmd);
        println!(
            "copydesk check, {:.1} MB draft, {label}: {:.3} s ({:.1} MB/s incl. KB load), peak RSS {:.1} MB",
            text.len() as f64 / 1e6,
            secs,
            text.len() as f64 / 1e6 / secs,
            mb(peak)
        );
    }

    let folder = format!("file://{}", dir.path().display());
    for (label, settings) in [
        ("starter KB", json!(null)),
        (
            "100k-person KB",
            json!({"copydesk": {"kb": ["people.json"]}}),
        ),
    ] {
        let mut server = Server::start(Some(&folder), settings);
        server.wait_log("ready");
        let uris: Vec<String> = (0..drafts)
            .map(|i| format!("{folder}/draft-{i}.md"))
            .collect();
        for (i, uri) in uris.iter().enumerate() {
            let names: Vec<String> = names.iter().skip(i).cloned().collect();
            server.open(uri, &common::draft_words(draft_words, &names));
        }
        server.diagnostics_all(&uris, 1);
        std::thread::sleep(std::time::Duration::from_secs(1));
        let (hwm, rss) = server.memory_kb();
        println!(
            "server, {drafts} open {draft_words}-word drafts, {label}: idle RSS {:.1} MB, peak RSS {:.1} MB",
            mb(rss),
            mb(hwm)
        );
        server.shutdown();
    }
}
