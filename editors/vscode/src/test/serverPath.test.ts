//! Unit tests of the order in which the extension looks for the copydesk binary.

import { test } from "node:test";
import * as assert from "node:assert/strict";
import { configuredPath, findServer, installRoutes, notFoundMessage } from "../serverPath";

function only(...present: string[]) {
  return (file: string): boolean => present.includes(file);
}

test("the bundled server wins over the configured path and PATH", () => {
  const r = findServer({
    configured: "/opt/copydesk/bin/copydesk",
    extensionPath: "/ext",
    pathVar: "/usr/bin",
    platform: "linux",
    isExecutable: only("/opt/copydesk/bin/copydesk", "/ext/server/copydesk", "/usr/bin/copydesk"),
  });
  assert.deepEqual(r, { found: true, command: "/ext/server/copydesk", tried: ["/ext/server/copydesk"] });
});

test("without a bundled server the configured path wins over PATH", () => {
  const r = findServer({
    configured: "/opt/copydesk/bin/copydesk",
    extensionPath: "/ext",
    pathVar: "/usr/bin",
    platform: "linux",
    isExecutable: only("/opt/copydesk/bin/copydesk", "/usr/bin/copydesk"),
  });
  assert.deepEqual(r, {
    found: true,
    command: "/opt/copydesk/bin/copydesk",
    tried: ["/ext/server/copydesk", "/opt/copydesk/bin/copydesk"],
  });
});

test("a configured path that is missing is an error, not a silent fallback", () => {
  const r = findServer({
    configured: "/typo/copydesk",
    extensionPath: "/ext",
    pathVar: "/usr/bin",
    platform: "linux",
    isExecutable: only("/usr/bin/copydesk"),
  });
  assert.deepEqual(r, { found: false, tried: ["/ext/server/copydesk", "/typo/copydesk"] });
});

test("without a setting the bundled server/ binary is used before PATH", () => {
  const r = findServer({
    extensionPath: "/ext",
    pathVar: "/usr/bin",
    platform: "linux",
    isExecutable: only("/ext/server/copydesk", "/usr/bin/copydesk"),
  });
  assert.equal(r.found && r.command, "/ext/server/copydesk");
});

test("PATH is searched in order and every place tried is reported when nothing is found", () => {
  const found = findServer({
    configured: "  ",
    extensionPath: "/ext",
    pathVar: "/a::/b:/c",
    platform: "linux",
    isExecutable: only("/b/copydesk", "/c/copydesk"),
  });
  assert.equal(found.found && found.command, "/b/copydesk");

  const missing = findServer({ extensionPath: "/ext", pathVar: "/a:/b", platform: "linux", isExecutable: only() });
  assert.deepEqual(missing, { found: false, tried: ["/ext/server/copydesk", "/a/copydesk", "/b/copydesk"] });
});

test("an empty PATH is named in the report", () => {
  const r = findServer({ extensionPath: "/ext", pathVar: "", platform: "linux", isExecutable: only() });
  assert.deepEqual(r.tried, ["/ext/server/copydesk", "copydesk on PATH (PATH is empty)"]);
});

test("on Windows the binary is copydesk.exe and PATH is ;-separated", () => {
  const r = findServer({
    extensionPath: "C:\\ext",
    pathVar: "C:\\tools;C:\\bin",
    platform: "win32",
    isExecutable: only("C:\\bin\\copydesk.exe"),
  });
  assert.deepEqual(r, {
    found: true,
    command: "C:\\bin\\copydesk.exe",
    tried: ["C:\\ext\\server\\copydesk.exe", "C:\\tools\\copydesk.exe", "C:\\bin\\copydesk.exe"],
  });
});

test("copydesk.path is read first; the deprecated copydesk.server.path still works, with a hint", () => {
  const read = (values: Record<string, unknown>) => (key: string) => values[key];
  assert.deepEqual(configuredPath(read({ path: " /opt/copydesk ", "server.path": "/old" })), {
    value: "/opt/copydesk",
    key: "copydesk.path",
  });
  const old = configuredPath(read({ path: "", "server.path": "/old/copydesk" }));
  assert.equal(old.value, "/old/copydesk");
  assert.equal(old.key, "copydesk.server.path");
  assert.match(old.deprecation ?? "", /copydesk\.server\.path is deprecated: rename it to copydesk\.path/);
  assert.deepEqual(configuredPath(read({ path: null, "server.path": null })), { value: "" });
});

test("the not-found message lists every path tried and the three install routes", () => {
  const r = findServer({ extensionPath: "/ext", pathVar: "/usr/local/bin:/usr/bin", platform: "linux", isExecutable: only() });
  assert.equal(r.found, false);
  const msg = notFoundMessage(r.tried, "linux-x64");
  for (const p of ["/ext/server/copydesk", "/usr/local/bin/copydesk", "/usr/bin/copydesk"]) {
    assert.ok(msg.includes(p), `names ${p}`);
  }
  assert.equal(installRoutes("linux-x64").length, 3);
  assert.match(msg, /\(1\) install the Copydesk extension built for linux-x64 \(copydesk-<version>-linux-x64\.vsix\)/);
  assert.match(msg, /\(2\) cargo install --locked copydesk/);
  assert.match(msg, /\(3\) put a prebuilt copydesk binary .* on PATH/);
  // A configured path that is missing says which setting named it.
  assert.match(notFoundMessage(["/typo/copydesk"], "darwin-arm64", "copydesk.path"), /Tried: \/typo\/copydesk \(copydesk\.path\)\./);
});
