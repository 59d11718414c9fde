#!/usr/bin/env bash
# Emacs checks: copydesk.el byte-compiles with warnings as errors, and the ERT tests pass (which modes
# get the server, the Markdown/marksman choice, and a real Eglot session against the debug build on a
# copy of the seed article, in copydesk-text-mode and, through rass, in markdown-mode). Needs
# Debian's emacs-nox, elpa-eglot (Emacs 28) and elpa-markdown-mode, and rassumfrassum from PyPI
# (scripts/install-deps installs them).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"

if ! command -v emacs >/dev/null 2>&1; then
  echo "emacs: FAIL: emacs is not installed (scripts/install-deps installs Debian's emacs-nox)" >&2
  exit 1
fi
target="${CARGO_TARGET_DIR:-target}"
case "$target" in /*) ;; *) target="$repo/$target" ;; esac
bin="$target/debug/copydesk"
(cd "$repo" && cargo build --quiet --bin copydesk)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "emacs: $(emacs --version | head -n 1)"

# Byte-compile a copy, so no .elc is left next to the source.
cp "$repo/editors/emacs/copydesk.el" "$work/"
HOME="$work" emacs --batch -L "$work" --eval "(package-initialize)" \
  --eval "(setq byte-compile-error-on-warn t)" -f batch-byte-compile "$work/copydesk.el"
echo "emacs: ok - copydesk.el byte-compiles without warnings"

# rass from `pip install --user` may not be on PATH: reach it through python3 -m.
if ! command -v rass >/dev/null 2>&1; then
  if ! python3 -c "import rassumfrassum" >/dev/null 2>&1; then
    echo "emacs: FAIL: rass is not installed (scripts/install-deps: pip install --user rassumfrassum)" >&2
    exit 1
  fi
  mkdir -p "$work/bin"
  # Emacs runs with HOME=$work, where Python would not find the user site: name it.
  site="$(python3 -c 'import os, rassumfrassum; print(os.path.dirname(os.path.dirname(rassumfrassum.__file__)))')"
  printf '#!/bin/sh\nPYTHONPATH=%s exec %s -m rassumfrassum "$@"\n' "$site" "$(command -v python3)" >"$work/bin/rass"
  chmod +x "$work/bin/rass"
  PATH="$work/bin:$PATH"
fi

mkdir -p "$work/desk/.git" "$work/desk/drafts"
cp "$repo/tests/fixtures/seed-article.txt" "$work/desk/drafts/seed-article.txt"
chmod u+w "$work/desk/drafts/seed-article.txt"
HOME="$work" COPYDESK_BIN="$bin" COPYDESK_ARTICLE="$work/desk/drafts/seed-article.txt" \
  timeout --kill-after=5 120 \
  emacs --batch -L "$repo/editors/emacs" --eval "(package-initialize)" \
  -l "$here/copydesk-test.el" -f ert-run-tests-batch-and-exit
