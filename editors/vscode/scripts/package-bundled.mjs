// Packages a platform-specific .vsix with the copydesk binary in server/, then checks what went in.
//
//   node scripts/package-bundled.mjs [--target T] [--bin FILE] [--out FILE.vsix] [--run]
//
// --target is a `vsce package --target` name (linux-x64, darwin-arm64, win32-x64, ...; default: this
// machine). --bin defaults to $COPYDESK_BIN, else `cargo build --profile dist`'s target/dist, else
// target/release (with a warning: it is not stripped). --run unpacks the server from the .vsix and runs `copydesk --version` (only
// meaningful when the target is this machine). The repository's scripts/package-vsix builds the
// binary with cargo and calls this; `npm run package:bundled` runs it with the defaults.
import { copyFileSync, chmodSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const args = process.argv.slice(2);
function option(name) {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith("--")) {
    console.error(`${name} needs a value`);
    process.exit(2);
  }
  return value;
}

const hostTarget = `${process.platform}-${process.arch}`;
const target = option("--target") ?? hostTarget;
const exe = target.startsWith("win32-") ? "copydesk.exe" : "copydesk";
const repo = path.resolve(import.meta.dirname, "..", "..", "..");
const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(repo, process.env.CARGO_TARGET_DIR) : path.join(repo, "target");
const candidates = [option("--bin"), process.env.COPYDESK_BIN].filter((c) => c !== undefined && c !== "");
if (candidates.length === 0) {
  candidates.push(path.join(targetDir, "dist", exe), path.join(targetDir, "release", exe));
}
const source = candidates.find((c) => existsSync(c));
if (source === undefined) {
  console.error(
    `no copydesk binary at ${candidates.join(" or ")}: run scripts/package-vsix ${target} in ${repo}, ` +
      "or `cargo build --profile dist` there, or pass --bin / set COPYDESK_BIN",
  );
  process.exit(1);
}
if (source.endsWith(path.join("release", exe))) {
  console.warn(`warning: ${source} is the release build, unstripped (line tables for profiling); scripts/package-vsix builds the stripped dist one`);
}
const out = option("--out") ?? `copydesk-${target}.vsix`;

// Only the one binary for this target goes in: clear what another target's run left.
rmSync("server", { recursive: true, force: true });
mkdirSync("server", { recursive: true });
copyFileSync(source, path.join("server", exe));
chmodSync(path.join("server", exe), 0o755);

const vsce = path.join("node_modules", ".bin", process.platform === "win32" ? "vsce.cmd" : "vsce");
/** Runs a step; false (after saying which) when it failed. */
const run = (cmd, argv) => {
  const r = spawnSync(cmd, argv, { stdio: "inherit", shell: process.platform === "win32" });
  if (r.status === 0) return true;
  console.error(`package-bundled: ${path.basename(cmd)} ${argv.join(" ")} exited with ${r.status ?? r.signal}`);
  return false;
};
const packed =
  run(process.execPath, ["esbuild.mjs", "--production"]) &&
  run(vsce, ["package", "--no-dependencies", "--target", target, "--out", out]);
// A later plain `npm run package` must not pick the binary up into the universal .vsix.
rmSync("server", { recursive: true, force: true });
if (!packed || !run(process.execPath, ["scripts/check-vsix.mjs", out, "--target", target, ...(args.includes("--run") ? ["--run"] : [])])) {
  process.exit(1);
}
console.log(`packaged ${out} (${target}) with ${source}`);
