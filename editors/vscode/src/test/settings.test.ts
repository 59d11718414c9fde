//! Unit tests of the VS Code settings → server settings mapping.

import { test } from "node:test";
import * as assert from "node:assert/strict";
import {
  languageIds,
  resolvePath,
  restrictedReader,
  toServerSettings,
  RESTRICTED_SETTINGS,
  RULE_IDS,
  DEFAULT_MIN_WORDS,
  SEVERITIES,
} from "../settings";
import * as fs from "node:fs";
import * as path from "node:path";

/** A reader over a flat map of the dotted keys VS Code's `getConfiguration("copydesk").get` accepts. */
function reader(values: Record<string, unknown>) {
  return (key: string): unknown => values[key];
}

test("unset settings map to the server defaults and no problems", () => {
  const { settings, problems } = toServerSettings(reader({}));
  assert.deepEqual(settings, {
    kb: [],
    include: [],
    exclude: [],
    rules: {},
    quote: { minWords: DEFAULT_MIN_WORDS },
    inlayHints: { speakers: false },
  });
  assert.equal("articleDate" in settings, false, "an unset date is omitted so the server reads the dateline");
  assert.deepEqual(problems, []);
});

test("every setting is forwarded in the shape the server reads", () => {
  const { settings, problems } = toServerSettings(
    reader({
      kb: ["/srv/kb/people.toml", "/srv/kb/orgs.toml"],
      include: ["drafts/**"],
      exclude: ["drafts/archive/**"],
      rules: { "title-variant": { severity: "error" }, "first-reference": { severity: "off" } },
      articleDate: "2022-01-12",
      "quote.minWords": 6,
      "inlayHints.speakers": true,
    }),
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(settings, {
    kb: ["/srv/kb/people.toml", "/srv/kb/orgs.toml"],
    include: ["drafts/**"],
    exclude: ["drafts/archive/**"],
    rules: { "title-variant": { severity: "error" }, "first-reference": { severity: "off" } },
    articleDate: "2022-01-12",
    quote: { minWords: 6 },
    inlayHints: { speakers: true },
  });
  // Round-trips through JSON unchanged: this is what goes over the wire.
  assert.deepEqual(JSON.parse(JSON.stringify(settings)), settings);
});

test("relative KB paths resolve against the workspace folder, ~ against home", () => {
  const ctx = { workspaceFolder: "/home/ana/desk", home: "/home/ana" };
  const { settings } = toServerSettings(
    reader({ kb: ["kb/people.toml", "~/newsroom/kb.toml", "${workspaceFolder}/local.toml", "/abs/kb.toml"] }),
    ctx,
  );
  assert.deepEqual(settings.kb, [
    "/home/ana/desk/kb/people.toml",
    "/home/ana/newsroom/kb.toml",
    "/home/ana/desk/local.toml",
    "/abs/kb.toml",
  ]);
});

test("without a workspace folder a relative KB path is passed through for the server to resolve", () => {
  assert.equal(resolvePath("kb/people.toml", {}), "kb/people.toml");
});

test("a single KB path string is accepted; blanks and non-strings are reported", () => {
  assert.deepEqual(toServerSettings(reader({ kb: "/srv/kb.toml" })).settings.kb, ["/srv/kb.toml"]);
  const { settings, problems } = toServerSettings(reader({ kb: ["/a.toml", "", 42] }));
  assert.deepEqual(settings.kb, ["/a.toml"]);
  assert.equal(problems.length, 2);
  assert.match(problems[1] ?? "", /copydesk\.kb: ignoring 42/);
});

test("include and exclude globs stay relative to the workspace folder, unlike KB paths", () => {
  const { settings, problems } = toServerSettings(
    reader({ kb: ["kb/people.toml"], include: [" drafts/**/*.md ", "stories/*.txt"], exclude: ["README.md", "docs/**"] }),
    { workspaceFolder: "/home/ana/desk", home: "/home/ana" },
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(settings.kb, ["/home/ana/desk/kb/people.toml"]);
  assert.deepEqual(settings.include, ["drafts/**/*.md", "stories/*.txt"]);
  assert.deepEqual(settings.exclude, ["README.md", "docs/**"]);
});

test("a lone glob string is accepted; blank and non-string globs are reported and dropped", () => {
  assert.deepEqual(toServerSettings(reader({ exclude: "docs/**" })).settings.exclude, ["docs/**"]);
  const { settings, problems } = toServerSettings(reader({ include: ["drafts/**", "", null], exclude: { docs: true } }));
  assert.deepEqual(settings.include, ["drafts/**"]);
  assert.deepEqual(settings.exclude, []);
  assert.deepEqual(problems, [
    'copydesk.include: ignoring "" (expected a glob)',
    "copydesk.include: ignoring null (expected a glob)",
    'copydesk.exclude: expected an array of globs, got {"docs":true}',
  ]);
});

test("in an untrusted workspace kb and path come from the user's settings only", () => {
  // What VS Code's inspect() reports: the user set one KB, the untrusted folder's .vscode/settings.json another.
  const merged: Record<string, unknown> = {
    kb: ["/repo/evil.toml"],
    path: "/repo/bin/copydesk",
    "server.path": "/repo/bin/old",
    exclude: ["docs/**"],
  };
  const inspected: Record<string, { defaultValue?: unknown; globalValue?: unknown }> = {
    kb: { defaultValue: [], globalValue: ["/srv/newsroom/kb.toml"] },
    path: { defaultValue: null },
    "server.path": { defaultValue: null },
    exclude: { defaultValue: [] },
  };
  const untrusted = restrictedReader(reader(merged), (k) => inspected[k], false);
  assert.deepEqual(untrusted("kb"), ["/srv/newsroom/kb.toml"]);
  assert.equal(untrusted("path"), null);
  assert.equal(untrusted("server.path"), null);
  // Globs and rule choices are not restricted: a folder may still say which of its files are drafts.
  assert.deepEqual(untrusted("exclude"), ["docs/**"]);
  assert.deepEqual(toServerSettings(untrusted).settings.kb, ["/srv/newsroom/kb.toml"]);

  const trusted = restrictedReader(reader(merged), (k) => inspected[k], true);
  assert.deepEqual(trusted("kb"), ["/repo/evil.toml"]);
  assert.equal(trusted("path"), "/repo/bin/copydesk");
});

test("package.json declares limited untrusted-workspace support restricting exactly kb and path", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as {
    capabilities: { untrustedWorkspaces: { supported: unknown; description?: string; restrictedConfigurations: string[] } };
    contributes: { configuration: { properties: Record<string, unknown> } };
  };
  const untrusted = pkg.capabilities.untrustedWorkspaces;
  assert.equal(untrusted.supported, "limited");
  assert.ok((untrusted.description ?? "").includes("copydesk.kb"), "the description says what is limited");
  assert.deepEqual(
    [...untrusted.restrictedConfigurations].sort(),
    RESTRICTED_SETTINGS.map((k) => `copydesk.${k}`).sort(),
  );
  for (const key of untrusted.restrictedConfigurations) {
    assert.ok(key in pkg.contributes.configuration.properties, `${key} is a declared setting`);
  }
});

test("a rule severity may be written as a bare string; bad severities are dropped and reported", () => {
  const { settings, problems } = toServerSettings(
    reader({
      rules: {
        "name-variant": "hint",
        "title-mismatch": { severity: "fatal" },
        "unbalanced-quote": { severity: "warning" },
      },
    }),
  );
  assert.deepEqual(settings.rules, {
    "name-variant": { severity: "hint" },
    "unbalanced-quote": { severity: "warning" },
  });
  assert.equal(problems.length, 1);
  assert.match(problems[0] ?? "", /copydesk\.rules\.title-mismatch: ignoring severity "fatal"/);
});

test("rule ids the extension does not know yet are still forwarded", () => {
  const { settings } = toServerSettings(reader({ rules: { "future-rule": { severity: "info" } } }));
  assert.deepEqual(settings.rules, { "future-rule": { severity: "info" } });
});

test("rules given as an array are rejected as a whole", () => {
  const { settings, problems } = toServerSettings(reader({ rules: ["title-variant"] }));
  assert.deepEqual(settings.rules, {});
  assert.match(problems[0] ?? "", /expected an object keyed by rule id/);
});

test("article dates must be real calendar dates in YYYY-MM-DD", () => {
  for (const bad of ["12/01/2022", "2022-1-12", "2022-02-30", "2022-13-01", "2021-02-29"]) {
    const { settings, problems } = toServerSettings(reader({ articleDate: bad }));
    assert.equal(settings.articleDate, undefined, bad);
    assert.equal(problems.length, 1, bad);
  }
  assert.equal(toServerSettings(reader({ articleDate: "2024-02-29" })).settings.articleDate, "2024-02-29");
  assert.equal(toServerSettings(reader({ articleDate: " 2022-01-12 " })).settings.articleDate, "2022-01-12");
  // VS Code stores a cleared field as "" or null; both mean "read the dateline".
  assert.deepEqual(toServerSettings(reader({ articleDate: "" })).problems, []);
  assert.deepEqual(toServerSettings(reader({ articleDate: null })).problems, []);
});

test("quote.minWords must be a whole number of at least one", () => {
  for (const bad of [0, -3, 2.5, "5"]) {
    const { settings, problems } = toServerSettings(reader({ "quote.minWords": bad }));
    assert.equal(settings.quote.minWords, DEFAULT_MIN_WORDS, String(bad));
    assert.equal(problems.length, 1, String(bad));
  }
  assert.equal(toServerSettings(reader({ "quote.minWords": 1 })).settings.quote.minWords, 1);
});

test("style: a preset name goes as written, a file path is resolved, unset is omitted", () => {
  assert.equal(toServerSettings(reader({ style: "ap" })).settings.style, "ap");
  assert.equal(
    toServerSettings(reader({ style: "style/house.toml" }), { workspaceFolder: "/desk" }).settings.style,
    path.join("/desk", "style/house.toml"),
  );
  assert.equal("style" in toServerSettings(reader({ style: "" })).settings, false);
  assert.equal(toServerSettings(reader({ style: 3 })).problems.length, 1);
});

test("inlayHints.speakers only accepts booleans", () => {
  const { settings, problems } = toServerSettings(reader({ "inlayHints.speakers": "yes" }));
  assert.equal(settings.inlayHints.speakers, false);
  assert.equal(problems.length, 1);
});

test("language ids: markdown and plaintext always, user additions appended once", () => {
  assert.deepEqual(languageIds(undefined), ["markdown", "plaintext"]);
  assert.deepEqual(languageIds(["asciidoc", "markdown", " asciidoc ", "", 3]), ["markdown", "plaintext", "asciidoc"]);
});

test("package.json documents every rule id and every setting the mapping reads", () => {
  const pkgPath = path.join(__dirname, "..", "..", "package.json");
  const pkg = JSON.parse(fs.readFileSync(pkgPath, "utf8")) as {
    contributes: { configuration: { properties: Record<string, { markdownDescription?: string; properties?: Record<string, unknown> }> } };
  };
  const props = pkg.contributes.configuration.properties;
  for (const key of [
    "kb",
    "include",
    "exclude",
    "rules",
    "articleDate",
    "style",
    "quote.minWords",
    "inlayHints.speakers",
    "trace.server",
    "path",
    "server.path",
    "documentSelector",
  ]) {
    const prop = props[`copydesk.${key}`];
    assert.ok(prop, `copydesk.${key} is declared`);
    assert.ok(prop.markdownDescription && prop.markdownDescription.length > 20, `copydesk.${key} is described`);
    assert.ok("default" in prop, `copydesk.${key} has a default`);
  }
  const ruleProps = props["copydesk.rules"]?.properties ?? {};
  assert.deepEqual(Object.keys(ruleProps).sort(), [...RULE_IDS].sort());
});

test("each rule's schema offers exactly the severities the mapping accepts, without $ref", () => {
  const pkgPath = path.join(__dirname, "..", "..", "package.json");
  const text = fs.readFileSync(pkgPath, "utf8");
  // VS Code merges all extensions' settings into one schema, where a local $ref would not resolve.
  assert.equal(text.includes("$ref"), false);
  const pkg = JSON.parse(text) as {
    contributes: {
      configuration: {
        properties: Record<string, { properties?: Record<string, { properties: { severity: { enum: string[] } } }> }>;
      };
    };
  };
  const rules = pkg.contributes.configuration.properties["copydesk.rules"]?.properties ?? {};
  for (const [id, schema] of Object.entries(rules)) {
    assert.deepEqual(schema.properties.severity.enum, [...SEVERITIES], id);
  }
});
