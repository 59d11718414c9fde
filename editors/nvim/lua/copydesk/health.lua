--- :checkhealth copydesk — is the binary there and which version, does the server start and answer
--- `initialize` with the settings you gave it, and are those settings sane. Works on Neovim 0.7
--- (require("health").report_*) through 0.10+ (vim.health.start/ok/warn/error).

local M = {}

local H = vim.health or require("health")
local start = H.start or H.report_start
local ok = H.ok or H.report_ok
local warn = H.warn or H.report_warn
local error_ = H.error or H.report_error
local info = H.info or H.report_info

local KNOWN_KEYS = {
  kb = "list",
  include = "list",
  exclude = "list",
  rules = "table",
  articleDate = "string",
  quote = "table",
  inlayHints = "table",
}
local SEVERITIES = { off = true, hint = true, info = true, warning = true, error = true }

--- Where the config comes from: setup(), else Neovim 0.11's vim.lsp.config("copydesk"), else the defaults.
local function effective_config()
  local copydesk = require("copydesk")
  if copydesk.did_setup then
    return copydesk.config.cmd, copydesk.server_settings(), "require('copydesk').setup()"
  end
  local ok_cfg, cfg = pcall(function()
    return vim.lsp.config and vim.lsp.config.copydesk
  end)
  if ok_cfg and type(cfg) == "table" and type(cfg.cmd) == "table" then
    local settings = cfg.settings and cfg.settings.copydesk or {}
    return cfg.cmd, copydesk.json_settings(settings), "vim.lsp.config('copydesk')"
  end
  return copydesk.config.cmd, copydesk.server_settings(), "the defaults (setup() was not called)"
end

local function is_list(t)
  if type(t) ~= "table" then
    return false
  end
  local n = 0
  for _ in pairs(t) do
    n = n + 1
  end
  return n == #t
end

--- Problems with the settings that can be seen without the server. Returns a list of strings.
function M.settings_problems(settings, root)
  local problems = {}
  if type(settings) ~= "table" then
    return { "settings must be a table, got " .. type(settings) }
  end
  for key, value in pairs(settings) do
    local want = KNOWN_KEYS[key]
    if want == nil then
      table.insert(problems, string.format("unknown setting %q (known: kb, include, exclude, rules, articleDate, quote, inlayHints)", key))
    elseif want == "list" and not is_list(value) then
      table.insert(problems, string.format("%s must be a list of strings, got %s", key, vim.inspect(value)))
    elseif want ~= "list" and type(value) ~= want then
      table.insert(problems, string.format("%s must be a %s, got %s", key, want, vim.inspect(value)))
    end
  end
  if is_list(settings.kb) then
    for _, path in ipairs(settings.kb) do
      local full = path
      if type(path) == "string" and not path:match("^/") and not path:match("^%a:[/\\]") and root then
        full = root .. "/" .. path
      end
      if type(path) ~= "string" then
        table.insert(problems, "kb entries must be file paths, got " .. vim.inspect(path))
      elseif vim.loop.fs_stat(vim.fn.expand(full)) == nil then
        table.insert(problems, string.format("kb file %s does not exist", full))
      end
    end
  end
  for _, key in ipairs({ "include", "exclude" }) do
    if is_list(settings[key]) then
      for _, glob in ipairs(settings[key]) do
        if type(glob) ~= "string" or glob == "" then
          table.insert(problems, string.format("%s entries must be non-empty globs, got %s", key, vim.inspect(glob)))
        end
      end
    end
  end
  if type(settings.rules) == "table" then
    for id, rule in pairs(settings.rules) do
      local sev = type(rule) == "table" and rule.severity or rule
      if not SEVERITIES[sev] then
        table.insert(problems, string.format("rules[%q].severity is %s; use off, hint, info, warning or error", id, vim.inspect(sev)))
      end
    end
  end
  if type(settings.articleDate) == "string" and not settings.articleDate:match("^%d%d%d%d%-%d%d%-%d%d$") then
    table.insert(problems, string.format("articleDate %q is not YYYY-MM-DD", settings.articleDate))
  end
  return problems
end

local function encode(msg)
  local body = vim.fn.json_encode(msg)
  return string.format("Content-Length: %d\r\n\r\n%s", #body, body)
end

--- Starts `cmd` as a language server, sends initialize (with `settings` as initializationOptions)
--- and initialized, collects what it says for a moment, and shuts it down. Returns
--- { version = ..., rules = {...}, messages = {...} } or nil and a reason.
function M.probe(cmd, settings, root, timeout_ms)
  timeout_ms = timeout_ms or 5000
  local buf = ""
  local messages, responses = {}, {}
  local exited = nil
  local job
  local function send(msg)
    vim.fn.chansend(job, encode(msg))
  end
  local function drain()
    while true do
      local header_end = buf:find("\r\n\r\n", 1, true)
      if not header_end then
        return
      end
      local len = tonumber(buf:sub(1, header_end):match("Content%-Length: *(%d+)"))
      if not len or #buf < header_end + 3 + len then
        return
      end
      local body = buf:sub(header_end + 4, header_end + 3 + len)
      buf = buf:sub(header_end + 4 + len)
      local okj, msg = pcall(vim.fn.json_decode, body)
      if okj and type(msg) == "table" then
        if msg.method and msg.id ~= nil then
          -- A request from the server: answer workspace/configuration with the settings, the rest with null.
          local result = vim.NIL
          if msg.method == "workspace/configuration" then
            result = {}
            for _ in ipairs(msg.params and msg.params.items or {}) do
              table.insert(result, settings)
            end
          end
          send({ jsonrpc = "2.0", id = msg.id, result = result })
        elseif msg.method == "window/showMessage" or msg.method == "window/logMessage" then
          table.insert(messages, msg.params)
        elseif msg.id ~= nil then
          responses[msg.id] = msg
        end
      end
    end
  end
  local full_cmd = vim.list_extend({}, cmd)
  job = vim.fn.jobstart(full_cmd, {
    on_stdout = function(_, data)
      buf = buf .. table.concat(data, "\n")
      drain()
    end,
    on_exit = function(_, code)
      exited = code
    end,
  })
  if job <= 0 then
    return nil, "could not start " .. table.concat(full_cmd, " ")
  end
  local root_uri = vim.uri_from_fname(root)
  send({
    jsonrpc = "2.0",
    id = 1,
    method = "initialize",
    params = {
      processId = vim.NIL,
      rootUri = root_uri,
      workspaceFolders = { { uri = root_uri, name = vim.fn.fnamemodify(root, ":t") } },
      capabilities = { workspace = { configuration = true } },
      initializationOptions = settings,
    },
  })
  vim.wait(timeout_ms, function()
    return responses[1] ~= nil or exited ~= nil
  end, 20)
  local init = responses[1]
  if not init then
    vim.fn.jobstop(job)
    return nil, exited and string.format("the server exited with code %d before answering initialize", exited)
      or string.format("no answer to initialize within %d ms", timeout_ms)
  end
  if init.error then
    vim.fn.jobstop(job)
    return nil, "initialize failed: " .. vim.inspect(init.error)
  end
  send({ jsonrpc = "2.0", method = "initialized", params = vim.empty_dict() })
  -- KB files and copydesk.toml are read after initialized; give the server a moment to complain.
  vim.wait(1000, function()
    return exited ~= nil
  end, 20)
  send({ jsonrpc = "2.0", id = 2, method = "shutdown", params = vim.NIL })
  vim.wait(2000, function()
    return responses[2] ~= nil or exited ~= nil
  end, 20)
  send({ jsonrpc = "2.0", method = "exit", params = vim.NIL })
  vim.wait(2000, function()
    return exited ~= nil
  end, 20)
  if exited == nil then
    vim.fn.jobstop(job)
  end
  local server_info = init.result and init.result.serverInfo or {}
  return { version = server_info.version, name = server_info.name, messages = messages, exit = exited }
end

--- The buffer the user ran :checkhealth from: :checkhealth shows its report in a scratch buffer
--- (buftype nofile) in a new tab page, so look at the tab page it came from.
local function user_buffer()
  local cur = vim.api.nvim_get_current_buf()
  if vim.bo[cur].buftype == "" then
    return cur
  end
  local prev = vim.fn.tabpagenr("#")
  local tab = prev > 0 and vim.api.nvim_list_tabpages()[prev]
  if tab then
    return vim.api.nvim_win_get_buf(vim.api.nvim_tabpage_get_win(tab))
  end
  return cur
end

function M.check()
  local cmd, settings, source = effective_config()
  start("copydesk: binary")
  info("configuration from " .. source)
  local exe = cmd and cmd[1]
  local path = exe and vim.fn.exepath(exe) or ""
  if path == "" then
    error_(
      string.format("%s is not an executable file or on PATH", vim.inspect(exe)),
      {
        "Install the server: cargo install --locked copydesk, or a prebuilt binary on PATH (see README.md, Install)",
        "or pass cmd = { '/path/to/copydesk', 'lsp', '--stdio' } to setup() / vim.lsp.config('copydesk', ...)",
      }
    )
    return
  end
  local version = vim.fn.system({ path, "--version" })
  if vim.v.shell_error ~= 0 then
    error_(string.format("%s --version failed (exit %d): %s", path, vim.v.shell_error, vim.trim(version)))
    return
  end
  ok(string.format("%s at %s", vim.trim(version), path))

  start("copydesk: settings")
  local bufnr = user_buffer()
  local okr, root = pcall(require("copydesk").find_root, bufnr)
  root = okr and root or vim.loop.cwd()
  local problems = M.settings_problems(settings, root)
  if #problems == 0 then
    ok("settings look sane: " .. vim.fn.json_encode(settings))
  else
    for _, p in ipairs(problems) do
      warn(p)
    end
  end

  start("copydesk: server")
  local result, why = M.probe(cmd, settings, root)
  if not result then
    error_("the server did not start: " .. why, { "Run " .. table.concat(cmd, " ") .. " in a terminal to see its error" })
    return
  end
  ok(string.format("%s lsp started and answered initialize (server %s %s), root %s", path, tostring(result.name), tostring(result.version), root))
  local complained = false
  for _, m in ipairs(result.messages) do
    if m.type == 1 then
      error_("server: " .. tostring(m.message))
      complained = true
    elseif m.type == 2 then
      warn("server: " .. tostring(m.message))
      complained = true
    end
  end
  if not complained then
    ok("the server accepted the settings and the workspace's copydesk.toml")
  end
  local copydesk = require("copydesk")
  local attached = copydesk.buf_clients(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  name = name ~= "" and vim.fn.fnamemodify(name, ":~:.") or "[No Name]"
  if #attached > 0 then
    ok(string.format("attached to %s (client %d, root %s)", name, attached[1].id, tostring(attached[1].config.root_dir)))
  else
    info(string.format("no copydesk client is attached to %s (filetype %q)", name, vim.bo[bufnr].filetype))
  end
end

return M
