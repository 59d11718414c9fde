--- copydesk: starts `copydesk lsp --stdio` for news drafts and adds :CopydeskFixAll / :CopydeskRestart.
--- Works on Neovim 0.7 (vim.lsp.start_client + buf_attach_client) and 0.8+ (vim.lsp.start).

local M = {}

local FIX_ALL_KIND = "source.fixAll.copydesk"

local defaults = {
  name = "copydesk",
  cmd = { "copydesk", "lsp", "--stdio" },
  -- The server's `copydesk` settings object: kb, include, exclude, style, rules, articleDate,
  -- quote = { minWords }, inlayHints = { speakers }.
  settings = {},
  filetypes = { "markdown", "text" },
  root_markers = { "copydesk.toml", ".git" },
  -- Passed through to the client config when set.
  on_attach = nil,
  on_exit = nil,
  capabilities = nil,
  handlers = nil,
}

M.config = vim.deepcopy(defaults)

-- Neovim 0.7 has no vim.lsp.start, so clients are reused per root by hand.
local clients_by_root = {}
local augroup = nil
local reported_missing = false

local has_08 = vim.fn.has("nvim-0.8") == 1
-- 0.11 turned client methods into `client:method()`; before that they were closures called as `client.method()`.
local has_011 = vim.fn.has("nvim-0.11") == 1

local function call(client, method, ...)
  if has_011 then
    return client[method](client, ...)
  end
  return client[method](...)
end

-- vim.json/json_encode turn an empty Lua table into `[]`; the server expects objects, so mark them.
local LIST_KEYS = { kb = true, include = true, exclude = true }
local function as_json_objects(value, key)
  if type(value) ~= "table" then
    return value
  end
  if next(value) == nil then
    return LIST_KEYS[key] and {} or vim.empty_dict()
  end
  local out = {}
  for k, v in pairs(value) do
    out[k] = as_json_objects(v, k)
  end
  return setmetatable(out, getmetatable(value))
end

--- A settings table as the server receives it (empty tables become `{}` objects, except lists).
function M.json_settings(settings)
  return as_json_objects(settings or {})
end

--- The settings object as the server receives it.
function M.server_settings()
  return M.json_settings(M.config.settings)
end

local function notify(msg, level)
  vim.notify("copydesk: " .. msg, level or vim.log.levels.INFO)
end

local function dirname(path)
  return vim.fn.fnamemodify(path, ":h")
end

local function exists(path)
  return vim.loop.fs_stat(path) ~= nil
end

--- Finds the workspace root for a buffer: the nearest folder above the file holding one of the root
--- markers, else the file's own folder (else the current directory for unnamed buffers).
function M.find_root(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == "" then
    return vim.loop.cwd()
  end
  local start = dirname(vim.fn.fnamemodify(name, ":p"))
  local dir = start
  while true do
    for _, marker in ipairs(M.config.root_markers) do
      if exists(dir .. "/" .. marker) then
        return dir
      end
    end
    local parent = dirname(dir)
    if parent == dir then
      return start
    end
    dir = parent
  end
end

local function configuration_handler(_, result, ctx)
  local client = vim.lsp.get_client_by_id(ctx.client_id)
  local settings = client and client.config.settings or { copydesk = M.server_settings() }
  local response = {}
  for _, item in ipairs(result and result.items or {}) do
    local section = item.section
    local value
    if section == nil or section == "" then
      value = settings
    else
      value = settings
      for part in string.gmatch(section, "[^.]+") do
        value = type(value) == "table" and value[part] or nil
      end
    end
    -- One answer per item, in order; `null` for sections we do not have.
    table.insert(response, value == nil and vim.NIL or value)
  end
  return response
end

--- Run when copydesk attaches to a buffer: completion through <C-x><C-o> with no completion plugin
--- (markdown's ftplugin would otherwise leave htmlcomplete there), then the user's own on_attach.
function M.on_attach(client, bufnr)
  vim.bo[bufnr].omnifunc = "v:lua.vim.lsp.omnifunc"
  if M.config.on_attach then
    M.config.on_attach(client, bufnr)
  end
end

--- The config `lsp/copydesk.lua` hands to Neovim 0.11's vim.lsp.config / vim.lsp.enable("copydesk").
--- Settings come from setup() when it was called; `vim.lsp.config("copydesk", { settings = ... })`
--- overrides them, and initializationOptions follow whatever settings the client ends up with.
function M.lsp_config()
  local cfg = M.config
  local settings = M.server_settings()
  return {
    cmd = cfg.cmd,
    filetypes = cfg.filetypes,
    root_markers = cfg.root_markers,
    settings = { copydesk = settings },
    before_init = function(params, config)
      local s = config.settings and config.settings.copydesk
      params.initializationOptions = s ~= nil and M.json_settings(s) or settings
    end,
    on_attach = M.on_attach,
    capabilities = cfg.capabilities,
  }
end

local function client_config(root)
  local cfg = M.config
  local handlers = vim.tbl_extend("force", {
    ["workspace/configuration"] = configuration_handler,
  }, cfg.handlers or {})
  local settings = M.server_settings()
  return {
    name = cfg.name,
    cmd = cfg.cmd,
    root_dir = root,
    init_options = settings,
    settings = { copydesk = settings },
    handlers = handlers,
    capabilities = cfg.capabilities,
    on_attach = M.on_attach,
    on_exit = function(code, signal, client_id)
      for r, id in pairs(clients_by_root) do
        if id == client_id then
          clients_by_root[r] = nil
        end
      end
      if code ~= 0 then
        vim.schedule(function()
          notify(
            string.format("server exited with code %d%s; see %s", code, signal ~= 0 and (" (signal " .. signal .. ")") or "", vim.lsp.get_log_path()),
            vim.log.levels.WARN
          )
        end)
      end
      if cfg.on_exit then
        cfg.on_exit(code, signal, client_id)
      end
    end,
  }
end

local function server_available()
  local exe = M.config.cmd[1]
  if vim.fn.executable(exe) == 1 then
    return true
  end
  if not reported_missing then
    reported_missing = true
    notify(
      string.format(
        "cannot start the language server: %q is not an executable file or on PATH. "
          .. "Install copydesk or pass cmd = { '/path/to/copydesk', 'lsp', '--stdio' } to setup().",
        exe
      ),
      vim.log.levels.ERROR
    )
  end
  return false
end

--- Starts (or reuses) the client for the buffer's root and attaches the buffer. Returns the client id.
function M.attach(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if vim.bo[bufnr].buftype ~= "" or not server_available() then
    return nil
  end
  local root = M.find_root(bufnr)
  if has_08 then
    return vim.lsp.start(client_config(root), { bufnr = bufnr })
  end
  local id = clients_by_root[root]
  if id == nil or vim.lsp.get_client_by_id(id) == nil then
    id = vim.lsp.start_client(client_config(root))
    if id == nil then
      return nil
    end
    clients_by_root[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

--- The copydesk clients attached to a buffer.
function M.buf_clients(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local out = {}
  local list
  if vim.lsp.get_clients then
    list = vim.lsp.get_clients({ bufnr = bufnr })
  elseif has_08 then
    list = vim.lsp.get_active_clients({ bufnr = bufnr })
  else
    list = vim.tbl_values(vim.lsp.buf_get_clients(bufnr))
  end
  for _, client in ipairs(list) do
    if client.name == M.config.name then
      table.insert(out, client)
    end
  end
  return out
end

local function all_clients()
  local list = vim.lsp.get_clients and vim.lsp.get_clients() or vim.lsp.get_active_clients()
  return vim.tbl_filter(function(c)
    return c.name == M.config.name
  end, list)
end

local function kind_matches(kind, wanted)
  return kind == wanted or (kind ~= nil and kind:sub(1, #wanted + 1) == wanted .. ".")
end

local function resolve_action(client, action, bufnr, timeout)
  if action.edit or action.command then
    return action
  end
  local caps = client.server_capabilities or {}
  local provider = caps.codeActionProvider
  if type(provider) ~= "table" or not provider.resolveProvider then
    return action
  end
  local res = call(client, "request_sync", "codeAction/resolve", action, timeout, bufnr)
  return res and res.result or action
end

local function apply_action(client, action, bufnr)
  if action.edit then
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or "utf-16")
  end
  local command = action.command
  if command then
    if type(command) == "string" then
      command = action
    end
    call(client, "request_sync", "workspace/executeCommand", { command = command.command, arguments = command.arguments }, 5000, bufnr)
  end
end

--- Applies the server's `source.fixAll.copydesk` action to the buffer. Synchronous; returns the number applied.
function M.fix_all(bufnr, timeout)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  timeout = timeout or 5000
  local ours = {}
  for _, c in ipairs(M.buf_clients(bufnr)) do
    ours[c.id] = c
  end
  if next(ours) == nil then
    notify("no copydesk server is attached to this buffer", vim.log.levels.WARN)
    return 0
  end
  local line_count = vim.api.nvim_buf_line_count(bufnr)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = 0, character = 0 }, ["end"] = { line = line_count, character = 0 } },
    context = { diagnostics = {}, only = { FIX_ALL_KIND }, triggerKind = 1 },
  }
  local results, err = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, timeout)
  if not results then
    notify("code action request failed: " .. tostring(err), vim.log.levels.ERROR)
    return 0
  end
  local applied = 0
  for client_id, res in pairs(results) do
    local client = ours[client_id]
    if client and res.error then
      notify("fix all: " .. tostring(res.error.message or res.error), vim.log.levels.ERROR)
    elseif client then
      for _, action in ipairs(res.result or {}) do
        if kind_matches(action.kind, FIX_ALL_KIND) then
          apply_action(client, resolve_action(client, action, bufnr, timeout), bufnr)
          applied = applied + 1
        end
      end
    end
  end
  if applied == 0 then
    notify("nothing to fix")
  end
  return applied
end

--- Stops every copydesk client and starts fresh ones for the open buffers of the configured filetypes.
function M.restart(timeout)
  local ids = {}
  for _, c in ipairs(all_clients()) do
    table.insert(ids, c.id)
    vim.lsp.stop_client(c.id)
  end
  clients_by_root = {}
  reported_missing = false
  local stopped = vim.wait(timeout or 5000, function()
    for _, id in ipairs(ids) do
      if vim.lsp.get_client_by_id(id) ~= nil then
        return false
      end
    end
    return true
  end, 50)
  if not stopped then
    for _, id in ipairs(ids) do
      vim.lsp.stop_client(id, true)
    end
  end
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(M.config.filetypes, vim.bo[bufnr].filetype) then
      M.attach(bufnr)
    end
  end
end

--- Sends new settings to the running servers (workspace/didChangeConfiguration).
function M.update_settings(settings)
  M.config.settings = settings or {}
  local payload = M.server_settings()
  for _, c in ipairs(all_clients()) do
    c.config.settings = { copydesk = payload }
    call(c, "notify", "workspace/didChangeConfiguration", { settings = { copydesk = payload } })
  end
end

--- Configures copydesk and attaches it to current and future buffers of `filetypes`.
--- opts: cmd, settings, filetypes, root_markers, name, on_attach, on_exit, capabilities, handlers.
function M.setup(opts)
  opts = opts or {}
  for _, key in ipairs({ "cmd", "settings", "filetypes", "root_markers" }) do
    if opts[key] ~= nil and type(opts[key]) ~= "table" then
      error(string.format("copydesk.setup: %s must be a table, got %s", key, type(opts[key])), 2)
    end
  end
  if opts.cmd ~= nil and type(opts.cmd[1]) ~= "string" then
    error("copydesk.setup: cmd must be a list starting with the executable, e.g. { 'copydesk', 'lsp', '--stdio' }", 2)
  end
  M.config = vim.tbl_extend("force", vim.deepcopy(defaults), opts)
  M.did_setup = true
  reported_missing = false
  augroup = vim.api.nvim_create_augroup("copydesk", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = augroup,
    pattern = M.config.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(M.config.filetypes, vim.bo[bufnr].filetype) then
      M.attach(bufnr)
    end
  end
end

return M
