//! Thin entry point: parse arguments, run, and map the result to an exit code
//! (0 clean, 1 findings at or above --fail-on, 2 usage or I/O errors).

use clap::Parser;

fn main() {
    let cli = copydesk::cli::Cli::parse();
    let code = match copydesk::cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("copydesk: {err:#}");
            2
        }
    };
    std::process::exit(code);
}
