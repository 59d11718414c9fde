#!/usr/bin/env bash
# Real-editor end-to-end test: Debian's Neovim, headless, with the plugin on the runtimepath, against the
# debug build of copydesk on a copy of the seed article (e2e.lua); then Neovim started as a user starts
# it finds the plugin where plugin managers put it (layout.lua). Exits non-zero with a message on any
# failure, and is killed by `timeout` rather than hanging.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"

if ! command -v nvim >/dev/null 2>&1; then
  echo "nvim e2e: FAIL: nvim is not installed (scripts/install-deps installs Debian's neovim)" >&2
  exit 1
fi

target="${CARGO_TARGET_DIR:-target}"
case "$target" in
  /*) ;;
  *) target="$repo/$target" ;;
esac
bin="$target/debug/copydesk"

echo "nvim e2e: building copydesk (cargo build)"
(cd "$repo" && cargo build --quiet --bin copydesk)
if [ ! -x "$bin" ]; then
  echo "nvim e2e: FAIL: cargo build finished but $bin does not exist" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A newsroom checkout: the root marker one level above the draft, so root detection is exercised.
mkdir -p "$work/desk/.git" "$work/desk/drafts" "$work/cache" "$work/state"
cp "$repo/tests/fixtures/seed-article.txt" "$work/desk/drafts/seed-article.txt"
chmod u+w "$work/desk/drafts/seed-article.txt"  # a read-only checkout must not make the buffer read-only

echo "nvim e2e: $(nvim --version | head -n 1), server $bin"
status=0
# XDG dirs point into the temp dir so the LSP log is ours to show and no user config leaks in.
XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" \
COPYDESK_BIN="$bin" COPYDESK_ARTICLE="$work/desk/drafts/seed-article.txt" COPYDESK_ROOT="$work/desk" \
  timeout --kill-after=5 120 \
  nvim --headless -u NONE -i NONE --cmd "set rtp^=$repo/editors/nvim" -c "luafile $here/e2e.lua" \
  || status=$?

if [ "$status" -ne 0 ]; then
  if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    echo "nvim e2e: FAIL: timed out after 120 s" >&2
  else
    echo "nvim e2e: FAIL (exit $status)" >&2
  fi
  for log in "$work"/cache/nvim/lsp.log "$work"/state/nvim/lsp.log; do
    if [ -s "$log" ]; then
      echo "--- last lines of $log ---" >&2
      tail -n 30 "$log" >&2
    fi
  done
  exit 1
fi

# How plugin managers install it: a package under pack/*/start (a clone or symlink of editors/nvim),
# and the repository with editors/nvim on the runtimepath (packer/vim-plug `rtp`, lazy.nvim `config`).
mkdir -p "$work/data/nvim/site/pack/copydesk/start"
ln -s "$repo/editors/nvim" "$work/data/nvim/site/pack/copydesk/start/copydesk"
for layout in package rtp; do
  extra=()
  data="$work/data"
  if [ "$layout" = rtp ]; then
    extra=(--cmd "set rtp+=$repo/editors/nvim")
    data="$work/data-empty"
  fi
  XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$data" \
  COPYDESK_LAYOUT="$layout" timeout --kill-after=5 60 \
    nvim --headless -u NORC -i NONE "${extra[@]}" -c "luafile $here/layout.lua" \
    || { echo "nvim layout ($layout): FAIL" >&2; exit 1; }
done
