//! Writes the generated benchmark inputs to a directory, for profiling the CLI or the
//! server by hand: `draft-1mb.md`, `draft-10mb.md`, `draft-5000-words.md`,
//! `draft-100000-words.md` and `people-100k.json` (100,000 generated people).
//! Run with `cargo run --release --example gen_inputs -- DIR`.

#[path = "../benches/common/mod.rs"]
mod common;

use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "bench-inputs".into()),
    );
    std::fs::create_dir_all(&dir)?;
    let kb = common::generated_kb(100_000);
    let names = common::sample_names(&kb, 97);
    std::fs::write(dir.join("people-100k.json"), serde_json::to_string(&kb)?)?;
    std::fs::write(dir.join("draft-1mb.md"), common::article(1 << 20, &names))?;
    std::fs::write(dir.join("draft-10mb.md"), common::article(10 << 20, &names))?;
    std::fs::write(
        dir.join("draft-5000-words.md"),
        common::draft_words(5_000, &[]),
    )?;
    std::fs::write(
        dir.join("draft-100000-words.md"),
        common::draft_words(100_000, &[]),
    )?;
    println!("wrote the inputs to {}", dir.display());
    Ok(())
}
