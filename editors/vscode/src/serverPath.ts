//! Finds the copydesk executable: the binary bundled in the extension, else the configured
//! `copydesk.path`, else PATH (the order issue 12 asks for).
// Pure apart from the injected file check, so the lookup order is unit-tested without a real binary.
//
// The bundled server comes first because it is the one built for this extension's version: a
// platform-specific .vsix always speaks the protocol it was tested with. `copydesk.path` serves
// the universal .vsix (no server inside) and a build on PATH that should not be used. In
// Restricted Mode a workspace cannot set it (package.json lists it in restrictedConfigurations).

import * as path from "node:path";

export interface LookupEnv {
  /** Value of `copydesk.path` (see `configuredPath`), already `~`/`${workspaceFolder}`-expanded; empty when unset. */
  configured?: string;
  /** The extension's install folder (holds `server/` when a binary is bundled). */
  extensionPath: string;
  /** The PATH environment variable. */
  pathVar?: string;
  platform: NodeJS.Platform;
  /** True when the file exists and can be executed. */
  isExecutable: (file: string) => boolean;
}

export type Lookup = { found: true; command: string; tried: string[] } | { found: false; tried: string[] };

export function executableName(platform: NodeJS.Platform): string {
  return platform === "win32" ? "copydesk.exe" : "copydesk";
}

export function findServer(env: LookupEnv): Lookup {
  const tried: string[] = [];
  const check = (file: string): boolean => {
    tried.push(file);
    return env.isExecutable(file);
  };

  const p = env.platform === "win32" ? path.win32 : path.posix;
  const exe = executableName(env.platform);
  const bundled = p.join(env.extensionPath, "server", exe);
  if (check(bundled)) return { found: true, command: bundled, tried };

  const configured = env.configured?.trim();
  if (configured) {
    // A setting that names a missing file is an error the user must see, not a silent fall back to PATH.
    return check(configured) ? { found: true, command: configured, tried } : { found: false, tried };
  }

  const sep = env.platform === "win32" ? ";" : ":";
  for (const dir of (env.pathVar ?? "").split(sep)) {
    if (dir === "") continue;
    const candidate = p.join(dir, exe);
    if (check(candidate)) return { found: true, command: candidate, tried };
  }
  if (tried.length === 1) tried.push(`${exe} on PATH (PATH is empty)`);
  return { found: false, tried };
}

/** The setting that names the binary: `copydesk.path`, else its deprecated alias `copydesk.server.path`. */
export interface ConfiguredPath {
  /** The path as the user wrote it; empty when neither setting is set. */
  value: string;
  /** The setting it came from, for messages. */
  key?: "copydesk.path" | "copydesk.server.path";
  /** Set when only the old name is used: a one-line hint to rename it. */
  deprecation?: string;
}

export function configuredPath(read: (key: string) => unknown): ConfiguredPath {
  const current = read("path");
  if (typeof current === "string" && current.trim() !== "") {
    return { value: current.trim(), key: "copydesk.path" };
  }
  const old = read("server.path");
  if (typeof old === "string" && old.trim() !== "") {
    return {
      value: old.trim(),
      key: "copydesk.server.path",
      deprecation: "copydesk.server.path is deprecated: rename it to copydesk.path (the old name still works for now)",
    };
  }
  return { value: "" };
}

/** The three ways to get a server, for the not-found message. `target` is the vsce platform (linux-x64, ...). */
export function installRoutes(target: string): string[] {
  return [
    `install the Copydesk extension built for ${target} (copydesk-<version>-${target}.vsix), which carries the server`,
    "cargo install --locked copydesk (or cargo install --locked --path . in a copydesk checkout)",
    "put a prebuilt copydesk binary (copydesk-<version>-<target>.tar.gz) on PATH, or name it in copydesk.path",
  ];
}

/** What the user reads when no binary was found: every place tried, then the install routes. */
export function notFoundMessage(tried: string[], target: string, key?: string): string {
  const where = key ? ` (${key})` : "";
  return (
    `cannot find the copydesk language server. Tried: ${tried.join(", ")}${where}. ` +
    `Install it one of three ways: ${installRoutes(target)
      .map((r, i) => `(${i + 1}) ${r}`)
      .join("; ")}.`
  );
}
