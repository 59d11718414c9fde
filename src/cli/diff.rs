//! `check --diff`: what `--fix` would write, as a unified diff (`similar`), written
//! nowhere else.

/// A unified diff of `old` → `new` for the file reported as `display`, with three lines
/// of context; coloured (removed red, added green, hunk headers cyan) when `color`.
pub fn unified(display: &str, old: &str, new: &str, color: bool) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{display}"), &format!("b/{display}"))
        .to_string();
    if !color {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.split_inclusive('\n') {
        let code = if line.starts_with("+++") || line.starts_with("---") {
            "1"
        } else if line.starts_with('+') {
            "32"
        } else if line.starts_with('-') {
            "31"
        } else if line.starts_with("@@") {
            "36"
        } else {
            ""
        };
        if code.is_empty() {
            out.push_str(line);
        } else {
            let body = line.trim_end_matches(['\n', '\r']);
            out.push_str(&format!("\x1b[{code}m{body}\x1b[0m{}", &line[body.len()..]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diff_names_the_file_and_shows_the_changed_line_in_context() {
        let d = unified(
            "story.txt",
            "a\nThe US envoy\nb\n",
            "a\nThe U.S. envoy\nb\n",
            false,
        );
        assert_eq!(
            d,
            "--- a/story.txt\n+++ b/story.txt\n@@ -1,3 +1,3 @@\n a\n-The US envoy\n+The U.S. envoy\n b\n"
        );
        let c = unified("s", "x\n", "y\n", true);
        assert!(
            c.contains("\x1b[31m-x\x1b[0m\n") && c.contains("\x1b[32m+y\x1b[0m\n"),
            "{c:?}"
        );
    }
}
