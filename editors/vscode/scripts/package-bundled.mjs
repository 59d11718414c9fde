// Packages a platform-specific .vsix with the copydesk binary in server/: from $COPYDESK_BIN, else the
// release build under $CARGO_TARGET_DIR (or the repository's target/). Fails loudly when there is no binary.
import { copyFileSync, chmodSync, existsSync, mkdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const exe = process.platform === "win32" ? "copydesk.exe" : "copydesk";
const repo = path.resolve(import.meta.dirname, "..", "..", "..");
const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(repo, process.env.CARGO_TARGET_DIR) : path.join(repo, "target");
const source = process.env.COPYDESK_BIN ?? path.join(targetDir, "release", exe);
if (!existsSync(source)) {
  console.error(`no copydesk binary at ${source}: run \`cargo build --release\` in ${repo} or set COPYDESK_BIN`);
  process.exit(1);
}
mkdirSync("server", { recursive: true });
copyFileSync(source, path.join("server", exe));
chmodSync(path.join("server", exe), 0o755);

// vsce's platform names: linux-x64, linux-arm64, darwin-arm64, win32-x64, ...
const target = `${process.platform}-${process.arch}`;
const out = `copydesk-${target}.vsix`;
const vsce = path.join("node_modules", ".bin", process.platform === "win32" ? "vsce.cmd" : "vsce");
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: "inherit", shell: process.platform === "win32" });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(process.execPath, ["esbuild.mjs", "--production"]);
run(vsce, ["package", "--no-dependencies", "--target", target, "--out", out]);
run(process.execPath, ["scripts/check-vsix.mjs", out, "--with-server"]);
console.log(`packaged ${out} with ${source}`);
