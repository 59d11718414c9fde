//! The VS Code side of copydesk: starts `copydesk lsp --stdio`, forwards settings, and adds the Copydesk commands.

import * as fs from "node:fs";
import * as vscode from "vscode";
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  type DocumentSelector,
  RevealOutputChannelOn,
  DidChangeConfigurationNotification,
} from "vscode-languageclient/node";
import { languageIds, resolvePath, restrictedReader, toServerSettings, type ServerSettings } from "./settings";
import { configuredPath, findServer, notFoundMessage } from "./serverPath";

const CLIENT_ID = "copydesk";
const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append("copydesk");

let client: LanguageClient | undefined;
let clientLanguages: string[] = [];
let output: vscode.LogOutputChannel;
let extensionPath = "";
/** Serialises start/stop so a restart racing a document-open never starts two servers. */
let lifecycle: Promise<void> = Promise.resolve();
/** Last problems printed, so a settings typo is reported once rather than on every request. */
let lastProblems = "";

function config(scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration("copydesk", scope);
}

/** Reads `copydesk.*` settings; in Restricted Mode the workspace's own kb and path values are not used. */
function reader(scope?: vscode.ConfigurationScope): (key: string) => unknown {
  const cfg = config(scope);
  return restrictedReader(
    (key) => cfg.get(key),
    (key) => cfg.inspect(key),
    vscode.workspace.isTrusted,
  );
}

/** The vsce platform name of this machine (linux-x64, darwin-arm64, win32-x64, ...). */
function platformTarget(): string {
  return `${process.platform}-${process.arch}`;
}

function folderFor(scope?: vscode.Uri): string | undefined {
  const folder = scope ? vscode.workspace.getWorkspaceFolder(scope) : vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.scheme === "file" ? folder.uri.fsPath : undefined;
}

/** The server's `copydesk` settings object for a resource (or the first workspace folder). */
function serverSettings(scope?: vscode.Uri): ServerSettings {
  const { settings, problems } = toServerSettings(reader(scope), { workspaceFolder: folderFor(scope) });
  const joined = problems.join("\n");
  if (joined !== "" && joined !== lastProblems) {
    for (const p of problems) output.warn(p);
  }
  lastProblems = joined;
  return settings;
}

function selector(ids: string[]): DocumentSelector {
  return ids.flatMap((language) => [
    { scheme: "file", language },
    { scheme: "untitled", language },
  ]);
}

function wantsDocument(doc: vscode.TextDocument): boolean {
  return (
    (doc.uri.scheme === "file" || doc.uri.scheme === "untitled") &&
    languageIds(config().get("documentSelector")).includes(doc.languageId)
  );
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, process.platform === "win32" ? fs.constants.F_OK : fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

async function startClient(): Promise<void> {
  if (client) return;
  const configured = configuredPath(reader());
  if (configured.deprecation) output.warn(configured.deprecation);
  const lookup = findServer({
    configured: configured.value ? resolvePath(configured.value, { workspaceFolder: folderFor() }) : "",
    extensionPath,
    pathVar: process.env.PATH,
    platform: process.platform,
    isExecutable,
  });
  if (!lookup.found) {
    const message = notFoundMessage(lookup.tried, platformTarget(), configured.key);
    output.error(message);
    const choice = await vscode.window.showErrorMessage(`Copydesk: ${message}`, "Open Settings", "Show Output");
    if (choice === "Open Settings") {
      await vscode.commands.executeCommand("workbench.action.openSettings", "copydesk.path");
    } else if (choice === "Show Output") {
      output.show();
    }
    return;
  }
  output.info(`starting ${lookup.command} lsp --stdio`);

  const serverOptions: ServerOptions = {
    command: lookup.command,
    args: ["lsp", "--stdio"],
    options: { env: { ...process.env, RUST_BACKTRACE: "1" } },
  };
  clientLanguages = languageIds(config().get("documentSelector"));
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector(clientLanguages),
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationOptions: () => serverSettings(),
    middleware: {
      workspace: {
        // Answer the server's pull with the mapped object (resolved paths, validated values),
        // not the raw VS Code settings tree the default handler would return.
        configuration: async (params, token, next) => {
          const raw = await next(params, token);
          if (!Array.isArray(raw)) return raw;
          return params.items.map((item, i) => {
            if (item.section !== CLIENT_ID) return raw[i] as unknown;
            const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
            return serverSettings(scope);
          });
        },
      },
    },
  };

  const c = new LanguageClient(CLIENT_ID, "Copydesk", serverOptions, clientOptions);
  client = c;
  try {
    await c.start();
  } catch (err) {
    client = undefined;
    const msg = err instanceof Error ? err.message : String(err);
    output.error(`copydesk server failed to start: ${msg}`);
    void vscode.window.showErrorMessage(`Copydesk: the server at ${lookup.command} failed to start: ${msg}`, "Show Output").then(
      (choice) => {
        if (choice) output.show();
      },
    );
  }
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    try {
      await c.stop(2000);
    } catch (err) {
      output.warn(`stopping the server: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

function queue(step: () => Promise<void>): Promise<void> {
  lifecycle = lifecycle.then(step, step);
  return lifecycle;
}

function startIfNeeded(): Promise<void> {
  if (client || !vscode.workspace.textDocuments.some(wantsDocument)) return lifecycle;
  return queue(startClient);
}

function restart(): Promise<void> {
  return queue(async () => {
    await stopClient();
    lastProblems = "";
    if (vscode.workspace.textDocuments.some(wantsDocument)) await startClient();
  });
}

async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !wantsDocument(editor.document)) {
    void vscode.window.showInformationMessage("Copydesk: open a Markdown or text draft to fix.");
    return;
  }
  if (!client) {
    await startIfNeeded();
    if (!client) return;
  }
  const doc = editor.document;
  const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
  // Goes through VS Code's provider machinery, so the actions arrive converted and resolved.
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      "vscode.executeCodeActionProvider",
      doc.uri,
      whole,
      FIX_ALL_KIND.value,
      10,
    )) ?? [];
  const ours = actions.filter((a) => a.kind !== undefined && FIX_ALL_KIND.contains(a.kind));
  if (ours.length === 0) {
    void vscode.window.setStatusBarMessage("Copydesk: nothing to fix", 3000);
    return;
  }
  for (const action of ours) {
    if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) {
      void vscode.window.showWarningMessage("Copydesk: the document changed while fixing; run Fix all again.");
      return;
    }
    if (action.command) {
      const args: unknown[] = action.command.arguments ?? [];
      await vscode.commands.executeCommand(action.command.command, ...args);
    }
  }
}

export function activate(context: vscode.ExtensionContext): void {
  extensionPath = context.extensionPath;
  output = vscode.window.createOutputChannel("Copydesk", { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("copydesk.fixAll", fixAll),
    vscode.commands.registerCommand("copydesk.restartServer", restart),
    vscode.commands.registerCommand("copydesk.showOutput", () => output.show()),
    vscode.workspace.onDidOpenTextDocument((doc) => {
      if (wantsDocument(doc)) void startIfNeeded();
    }),
    // Trusting the folder lets its own kb and path settings count: start over with them.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restart()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration("copydesk")) return;
      const selectorChanged =
        languageIds(config().get("documentSelector")).join() !== clientLanguages.join() &&
        e.affectsConfiguration("copydesk.documentSelector");
      if (e.affectsConfiguration("copydesk.path") || e.affectsConfiguration("copydesk.server.path") || selectorChanged) {
        void restart();
        return;
      }
      if (client?.isRunning()) {
        void client.sendNotification(DidChangeConfigurationNotification.type, {
          settings: { copydesk: serverSettings() },
        });
      }
    }),
  );
  void startIfNeeded();
}

export function deactivate(): Promise<void> {
  return queue(stopClient);
}
