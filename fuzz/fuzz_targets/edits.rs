//! Fuzz target: sequences of LSP content changes with random ranges, in UTF-16 and UTF-8,
//! applied to the server's document model (a rope) must give the same text as the same
//! changes applied to a `String` with an independent position oracle.
#![no_main]

use copydesk::server::position::Encoding;
use copydesk::server::replay::{check, Change};
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

/// Characters that stress position conversion: line breaks of all three kinds, a
/// surrogate pair, multibyte letters and marks, a NUL.
const PIECES: &[&str] = &[
    "a", " ", "\n", "\r\n", "\r", "😀", "é", "中", "“", "”", "—", "\0", "said ", "Zoë",
];

#[derive(Arbitrary, Debug)]
struct Input {
    initial: Vec<u8>,
    utf8: bool,
    changes: Vec<RawChange>,
}

#[derive(Arbitrary, Debug)]
struct RawChange {
    full: bool,
    pos: [u16; 4],
    huge: u8,
    text: Vec<u8>,
}

fn coord(raw: u16, huge: bool, modulus: u32) -> u32 {
    if huge {
        u32::MAX - u32::from(raw % 3)
    } else {
        u32::from(raw) % modulus
    }
}

/// Builds text from small indexes into PIECES, so most inputs are full of the hard cases.
fn text_of(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| PIECES[usize::from(*b) % PIECES.len()])
        .collect()
}

fuzz_target!(|input: Input| {
    let initial = text_of(&input.initial);
    let changes: Vec<Change> = input
        .changes
        .iter()
        .take(64)
        .map(|c| Change {
            range: (!c.full).then(|| {
                (
                    coord(c.pos[0], c.huge & 1 != 0, 12),
                    coord(c.pos[1], c.huge & 2 != 0, 24),
                    coord(c.pos[2], c.huge & 4 != 0, 12),
                    coord(c.pos[3], c.huge & 8 != 0, 24),
                )
            }),
            text: text_of(&c.text),
        })
        .collect();
    let encoding = if input.utf8 {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    if let Err(e) = check(&initial, &changes, encoding) {
        panic!("{e}");
    }
});
