//! Maps the user's VS Code `copydesk.*` settings to the `copydesk` settings object the server reads.
// Kept free of the `vscode` module so it can be unit-tested under plain node.

import * as path from "node:path";
import * as os from "node:os";

/** Rule ids the server knows today; the settings schema documents each. Unknown ids are still forwarded. */
export const RULE_IDS = [
  "unattributed-quote",
  "unbalanced-quote",
  "mixed-quote-style",
  "title-variant",
  "name-variant",
  "title-mismatch",
  "first-reference",
] as const;

export const SEVERITIES = ["off", "hint", "info", "warning", "error"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The object sent as `initializationOptions`, in `didChangeConfiguration` and for `workspace/configuration`. */
export interface ServerSettings {
  kb: string[];
  /** Globs relative to the workspace folder: when any is given, only drafts matching one are checked. */
  include: string[];
  /** Globs relative to the workspace folder: drafts matching one are never checked (wins over include). */
  exclude: string[];
  rules: Record<string, { severity: Severity }>;
  articleDate?: string;
  style?: string;
  quote: { minWords: number };
  inlayHints: { speakers: boolean };
}

export const DEFAULT_MIN_WORDS = 4;

/** Reads one setting below `copydesk.` (e.g. `"quote.minWords"`); `undefined` when unset. */
export type SettingReader = (key: string) => unknown;

export interface MapContext {
  /** Folder that relative KB paths and `${workspaceFolder}` resolve against; none for loose files. */
  workspaceFolder?: string;
  /** Home directory for `~/` paths; defaults to the OS home. */
  home?: string;
}

export interface MapResult {
  settings: ServerSettings;
  /** Human-readable reasons a value was ignored, shown to the user once in the output channel. */
  problems: string[];
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isValidDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= daysInMonth;
}

/** Expands `~/` and `${workspaceFolder}` and makes relative paths absolute against the workspace folder. */
export function resolvePath(p: string, ctx: MapContext): string {
  let out = p.trim();
  if (ctx.workspaceFolder !== undefined) {
    out = out.split("${workspaceFolder}").join(ctx.workspaceFolder);
  }
  if (out === "~" || out.startsWith("~/")) {
    out = path.join(ctx.home ?? os.homedir(), out.slice(1));
  }
  if (!path.isAbsolute(out) && ctx.workspaceFolder !== undefined) {
    out = path.join(ctx.workspaceFolder, out);
  }
  return out;
}

function isSeverity(v: unknown): v is Severity {
  return typeof v === "string" && (SEVERITIES as readonly string[]).includes(v);
}

/**
 * Builds the server's settings object. Bad values are dropped (the server then uses its default)
 * and reported in `problems`, so one typo in settings.json never stops the server from starting.
 */
export function toServerSettings(read: SettingReader, ctx: MapContext = {}): MapResult {
  const problems: string[] = [];

  /** A list of strings; a lone string is accepted (an easy slip in settings.json), blanks and non-strings reported. */
  const stringList = (key: string, what: string, plural: string, map: (entry: string) => string): string[] => {
    const raw = read(key);
    const out: string[] = [];
    if (Array.isArray(raw)) {
      for (const entry of raw) {
        if (typeof entry === "string" && entry.trim() !== "") {
          out.push(map(entry));
        } else {
          problems.push(`copydesk.${key}: ignoring ${JSON.stringify(entry)} (expected ${what})`);
        }
      }
    } else if (typeof raw === "string" && raw.trim() !== "") {
      out.push(map(raw));
    } else if (raw !== undefined && raw !== null) {
      problems.push(`copydesk.${key}: expected an array of ${plural}, got ${JSON.stringify(raw)}`);
    }
    return out;
  };
  const kb = stringList("kb", "a file path", "paths", (p) => resolvePath(p, ctx));
  // Globs stay relative: the server matches them against paths relative to each workspace folder.
  const include = stringList("include", "a glob", "globs", (g) => g.trim());
  const exclude = stringList("exclude", "a glob", "globs", (g) => g.trim());

  const rules: Record<string, { severity: Severity }> = {};
  const rawRules = read("rules");
  if (rawRules !== undefined && rawRules !== null) {
    if (typeof rawRules !== "object" || Array.isArray(rawRules)) {
      problems.push(`copydesk.rules: expected an object keyed by rule id, got ${JSON.stringify(rawRules)}`);
    } else {
      for (const [id, value] of Object.entries(rawRules as Record<string, unknown>)) {
        // Accept the shorthand `"rule-id": "off"` as well as `{ "severity": "off" }`.
        const sev = typeof value === "object" && value !== null ? (value as { severity?: unknown }).severity : value;
        if (isSeverity(sev)) {
          rules[id] = { severity: sev };
        } else {
          problems.push(
            `copydesk.rules.${id}: ignoring severity ${JSON.stringify(sev)} (expected one of ${SEVERITIES.join(", ")})`,
          );
        }
      }
    }
  }

  const settings: ServerSettings = {
    kb,
    include,
    exclude,
    rules,
    quote: { minWords: DEFAULT_MIN_WORDS },
    inlayHints: { speakers: false },
  };

  const rawDate = read("articleDate");
  if (typeof rawDate === "string" && rawDate.trim() !== "") {
    const d = rawDate.trim();
    if (isValidDate(d)) {
      settings.articleDate = d;
    } else {
      problems.push(`copydesk.articleDate: ignoring ${JSON.stringify(rawDate)} (expected a real date as YYYY-MM-DD)`);
    }
  } else if (rawDate !== undefined && rawDate !== null && rawDate !== "") {
    problems.push(`copydesk.articleDate: expected a string YYYY-MM-DD, got ${JSON.stringify(rawDate)}`);
  }

  // A preset name (`ap`, `international`, `draft`) goes as written; a term file's path is
  // resolved like a KB path. The server says when a name is unknown.
  const rawStyle = read("style");
  if (typeof rawStyle === "string" && rawStyle.trim() !== "") {
    const st = rawStyle.trim();
    const isPath = /[\\/]/.test(st) || /\.[A-Za-z0-9]+$/.test(st) || st.startsWith("~");
    settings.style = isPath ? resolvePath(st, ctx) : st;
  } else if (rawStyle !== undefined && rawStyle !== null && rawStyle !== "") {
    problems.push(`copydesk.style: expected a style name or a file path, got ${JSON.stringify(rawStyle)}`);
  }

  const rawMin = read("quote.minWords");
  if (typeof rawMin === "number" && Number.isInteger(rawMin) && rawMin >= 1) {
    settings.quote.minWords = rawMin;
  } else if (rawMin !== undefined && rawMin !== null) {
    problems.push(`copydesk.quote.minWords: expected a whole number of at least 1, got ${JSON.stringify(rawMin)}`);
  }

  const rawSpeakers = read("inlayHints.speakers");
  if (typeof rawSpeakers === "boolean") {
    settings.inlayHints.speakers = rawSpeakers;
  } else if (rawSpeakers !== undefined && rawSpeakers !== null) {
    problems.push(`copydesk.inlayHints.speakers: expected true or false, got ${JSON.stringify(rawSpeakers)}`);
  }

  return { settings, problems };
}

/** Language ids the client attaches to: markdown and plain text, plus the user's additions, without duplicates. */
export function languageIds(extra: unknown): string[] {
  const ids = ["markdown", "plaintext"];
  if (Array.isArray(extra)) {
    for (const id of extra) {
      if (typeof id === "string" && id.trim() !== "" && !ids.includes(id.trim())) {
        ids.push(id.trim());
      }
    }
  }
  return ids;
}

/**
 * Settings a workspace may not set in Restricted Mode (an untrusted folder): which KB files are read
 * and which binary runs. package.json lists the same keys under
 * `capabilities.untrustedWorkspaces.restrictedConfigurations` (a unit test keeps the two equal).
 */
export const RESTRICTED_SETTINGS = ["kb", "path", "server.path"] as const;

/** The parts of `WorkspaceConfiguration.inspect` the restricted reader looks at. */
export interface Inspected {
  defaultValue?: unknown;
  globalValue?: unknown;
}

/**
 * A reader that, in an untrusted workspace, answers the restricted settings from the user's own
 * settings (or the default) only, never from `.vscode/settings.json` or a workspace file. VS Code
 * itself withholds workspace values of restricted settings; this keeps that true for every path
 * through the extension, and makes it testable here.
 */
export function restrictedReader(
  read: SettingReader,
  inspect: (key: string) => Inspected | undefined,
  trusted: boolean,
): SettingReader {
  if (trusted) return read;
  return (key) => {
    if (!(RESTRICTED_SETTINGS as readonly string[]).includes(key)) return read(key);
    const i = inspect(key);
    return i?.globalValue !== undefined ? i.globalValue : i?.defaultValue;
  };
}
