//! Keeps the architecture's import rules true: the pure core knows no protocol, no async
//! runtime and no rope; nothing in the binary opens a network connection or spawns a
//! process.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("read src dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sources() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = fs::read_to_string(&p).expect("read source");
            (p, text)
        })
        .collect()
}

#[test]
fn only_the_server_imports_tower_lsp_tokio_or_ropey() {
    let server = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join("server");
    let mut offenders = Vec::new();
    for (path, text) in sources() {
        if path.starts_with(&server) {
            continue;
        }
        for needle in ["tower_lsp_server", "tokio", "ropey"] {
            if text
                .lines()
                .any(|l| !l.trim_start().starts_with("//") && l.contains(needle))
            {
                offenders.push(format!("{} uses {needle}", path.display()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "layering broken:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_core_does_no_io() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let core = [
        "text.rs",
        "date.rs",
        "article",
        "mentions",
        "lint",
        "analysis.rs",
    ];
    let mut offenders = Vec::new();
    for (path, text) in sources() {
        let rel = path.strip_prefix(&src).expect("under src");
        let first = rel
            .components()
            .next()
            .expect("component")
            .as_os_str()
            .to_string_lossy();
        let first = first.trim_end_matches(".rs").to_string();
        if !core.iter().any(|c| c.trim_end_matches(".rs") == first) {
            continue;
        }
        for needle in [
            "std::fs",
            "std::net",
            "std::process",
            "File::open",
            "println!",
        ] {
            if text.contains(needle) {
                offenders.push(format!("{} uses {needle}", path.display()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "the core must not do I/O:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn nothing_opens_network_connections_or_spawns_processes() {
    let mut offenders = Vec::new();
    for (path, text) in sources() {
        for needle in [
            "std::net",
            "std::os::unix::net",
            "tokio::net",
            "tokio::process",
            "TcpStream",
            "TcpListener",
            "UdpSocket",
            "UnixStream",
            "UnixListener",
            "process::Command",
            "Command::new",
            "libc::fork",
            "execvp",
        ] {
            if text.contains(needle) {
                offenders.push(format!("{} uses {needle}", path.display()));
            }
        }
    }
    let lock = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.lock"))
        .expect("Cargo.lock is committed");
    // HTTP clients and servers, TLS, sockets (mio, socket2: tokio's `net` feature) and
    // process helpers: none may enter the dependency tree.
    for krate in [
        "reqwest",
        "hyper",
        "hyper-util",
        "h2",
        "http",
        "ureq",
        "isahc",
        "attohttpc",
        "curl",
        "curl-sys",
        "native-tls",
        "rustls",
        "openssl",
        "openssl-sys",
        "mio",
        "socket2",
        "tungstenite",
        "git2",
        "duct",
        "subprocess",
    ] {
        if lock.contains(&format!("name = \"{krate}\"")) {
            offenders.push(format!("Cargo.lock pulls in {krate}"));
        }
    }
    // tokio's socket, process and signal features would bring them back in.
    let manifest = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
        .expect("Cargo.toml");
    let tokio_line = manifest
        .lines()
        .find(|l| l.starts_with("tokio ") || l.starts_with("tokio="))
        .expect("tokio is a dependency");
    for feature in ["\"net\"", "\"process\"", "\"signal\"", "\"full\""] {
        if tokio_line.contains(feature) {
            offenders.push(format!("tokio feature {feature} enabled"));
        }
    }
    assert!(
        offenders.is_empty(),
        "no network and no processes:\n{}",
        offenders.join("\n")
    );
}
