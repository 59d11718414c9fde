//! Finds the copydesk executable: the configured path, else the binary bundled in the extension, else PATH.
// Pure apart from the injected file check, so the lookup order is unit-tested without a real binary.

import * as path from "node:path";

export interface LookupEnv {
  /** Value of `copydesk.server.path`, already `~`/`${workspaceFolder}`-expanded; empty when unset. */
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

  const configured = env.configured?.trim();
  if (configured) {
    // An explicit setting is never silently replaced by another binary: a wrong path is an error the user must see.
    return check(configured) ? { found: true, command: configured, tried } : { found: false, tried };
  }

  const p = env.platform === "win32" ? path.win32 : path.posix;
  const exe = executableName(env.platform);
  const bundled = p.join(env.extensionPath, "server", exe);
  if (check(bundled)) return { found: true, command: bundled, tried };

  const sep = env.platform === "win32" ? ";" : ":";
  for (const dir of (env.pathVar ?? "").split(sep)) {
    if (dir === "") continue;
    const candidate = p.join(dir, exe);
    if (check(candidate)) return { found: true, command: candidate, tried };
  }
  if (tried.length === 1) tried.push(`${exe} on PATH (PATH is empty)`);
  return { found: false, tried };
}
