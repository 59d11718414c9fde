#!/usr/bin/env python3
"""Turns terminal screens captured with `tmux capture-pane -e` into one HTML page (used by
scripts/screenshot). Handles the SGR codes tmux writes: reset, bold, italic, underline (with its
colour, 58), reverse, the 16 colours, 256 colours and 24-bit colours. Each screen line is one block
of fixed height, so backgrounds meet without gaps.

    screenshot-html.py COLS ROWS OUT.html CAPTION1 SCREEN1.ansi [CAPTION2 SCREEN2.ansi ...]

Prints the page's width and height in CSS pixels ("W H") for the browser window.
"""
import html
import re
import sys

FONT_PX = 14
LINE_PX = 17
CHAR_PX = FONT_PX * 0.6021  # DejaVu Sans Mono's advance width
FG, BG = "#d0d0d0", "#262626"
BASE16 = ["#000000", "#cd0000", "#00cd00", "#cdcd00", "#0000ee", "#cd00cd", "#00cdcd", "#e5e5e5",
          "#7f7f7f", "#ff0000", "#00ff00", "#ffff00", "#5c5cff", "#ff00ff", "#00ffff", "#ffffff"]


def xterm256(n):
    if n < 16:
        return BASE16[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    v = 8 + 10 * (n - 232)
    return "#%02x%02x%02x" % (v, v, v)


def extended(params, i):
    """A 38/48/58 colour starting at params[i]; returns (colour, next index)."""
    if i + 1 < len(params) and params[i + 1] == 5 and i + 2 < len(params):
        return xterm256(params[i + 2]), i + 3
    if i + 1 < len(params) and params[i + 1] == 2 and i + 4 < len(params):
        return "#%02x%02x%02x" % tuple(params[i + 2:i + 5]), i + 5
    return None, len(params)


def apply_sgr(state, params):
    if not params:
        params = [0]
    i = 0
    while i < len(params):
        p = params[i]
        if p == 0:
            state.clear()
        elif p == 1:
            state["bold"] = True
        elif p == 3:
            state["italic"] = True
        elif p == 4:
            state["underline"] = True
        elif p == 7:
            state["reverse"] = True
        elif p == 22:
            state.pop("bold", None)
        elif p == 23:
            state.pop("italic", None)
        elif p == 24:
            state.pop("underline", None)
        elif p == 27:
            state.pop("reverse", None)
        elif 30 <= p <= 37:
            state["fg"] = BASE16[p - 30]
        elif 90 <= p <= 97:
            state["fg"] = BASE16[p - 90 + 8]
        elif 40 <= p <= 47:
            state["bg"] = BASE16[p - 40]
        elif 100 <= p <= 107:
            state["bg"] = BASE16[p - 100 + 8]
        elif p == 39:
            state.pop("fg", None)
        elif p == 49:
            state.pop("bg", None)
        elif p == 59:
            state.pop("ul", None)
        elif p in (38, 48, 58):
            colour, i = extended(params, i)
            if colour:
                state[{38: "fg", 48: "bg", 58: "ul"}[p]] = colour
            continue
        i += 1


def style(state):
    fg, bg = state.get("fg", FG), state.get("bg", BG)
    if state.get("reverse"):
        fg, bg = bg, fg
    css = [f"color:{fg}"]
    if bg != BG:
        css.append(f"background:{bg}")
    if state.get("bold"):
        css.append("font-weight:bold")
    if state.get("italic"):
        css.append("font-style:italic")
    if state.get("underline"):
        css.append("text-decoration:underline")
        if "ul" in state:
            css.append(f"text-decoration-color:{state['ul']}")
    return ";".join(css)


SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def screen_to_html(text, rows):
    state = {}
    out = []
    lines = text.split("\n")[:rows]
    lines += [""] * (rows - len(lines))
    for line in lines:
        parts = []
        pos = 0
        for m in SGR.finditer(line):
            if m.start() > pos:
                parts.append((dict(state), line[pos:m.start()]))
            apply_sgr(state, [int(x) for x in re.split("[;:]", m.group(1)) if x != ""])
            pos = m.end()
        if pos < len(line):
            parts.append((dict(state), line[pos:]))
        spans = "".join(f'<span style="{style(s)}">{html.escape(t)}</span>' for s, t in parts if t)
        out.append(f'<div class="l">{spans}</div>')
    # No whitespace between the lines: the screen is `white-space: pre`, where a newline is a line.
    return "".join(out)


def main():
    cols, rows, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    pairs = sys.argv[4:]
    screens = []
    for caption, path in zip(pairs[0::2], pairs[1::2]):
        with open(path, encoding="utf-8") as f:
            screens.append((caption, screen_to_html(f.read(), rows)))
    width_px = int(cols * CHAR_PX) + 1
    page_w = width_px + 32
    page_h = 24 + len(screens) * (rows * LINE_PX + 14 + 30)
    body = "\n".join(f"<h2>{html.escape(c)}</h2>\n<div class=\"screen\">{s}</div>" for c, s in screens)
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body {{ margin: 0; padding: 12px 16px; background: #1c1c1c; font-family: "DejaVu Sans", sans-serif; }}
h2 {{ font-size: 14px; line-height: 22px; height: 22px; font-weight: normal; margin: 0 0 8px; color: #87afd7; }}
.screen {{ width: {width_px}px; height: {rows * LINE_PX}px; overflow: hidden; background: {BG}; margin-bottom: 14px;
          font: {FONT_PX}px/{LINE_PX}px "DejaVu Sans Mono", monospace; white-space: pre; }}
.l {{ height: {LINE_PX}px; }}
.l span {{ display: inline-block; height: {LINE_PX}px; vertical-align: top; }}
</style></head><body>
{body}
</body></html>
"""
    with open(out, "w", encoding="utf-8") as f:
        f.write(page)
    print(page_w, page_h)


if __name__ == "__main__":
    main()
