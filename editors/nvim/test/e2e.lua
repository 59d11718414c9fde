--- Headless end-to-end test of the copydesk Neovim plugin against the real server (run by test/run.sh).
--- Asserts, from inside Neovim: a title-variant diagnostic on the caption's "Secretary General", a hover
--- on "Stoltenberg" naming the Secretary-General, the quick-fix applied through vim.lsp.buf.code_action,
--- and :CopydeskFixAll leaving no title-variant diagnostics; omnifunc set on attach and completing a KB
--- name; :checkhealth copydesk passing with good settings and naming bad ones; lsp/copydesk.lua (the
--- 0.11 config) loading on any version.

local article = os.getenv("COPYDESK_ARTICLE")
local bin = os.getenv("COPYDESK_BIN")
local expect_root = os.getenv("COPYDESK_ROOT")

local has_08 = vim.fn.has("nvim-0.8") == 1
local passed = {}

local function say(msg)
  io.stdout:write("nvim e2e: " .. msg .. "\n")
end

local function fail(msg)
  io.stderr:write("nvim e2e: FAIL: " .. msg .. "\n")
  io.stderr:flush()
  vim.cmd("cquit 1")
end

local function ok(what)
  table.insert(passed, what)
  say("ok - " .. what)
end

if not (article and bin and expect_root) then
  fail("COPYDESK_ARTICLE, COPYDESK_BIN and COPYDESK_ROOT must be set (run test/run.sh)")
end

-- Exit codes by client id, filled by on_exit, so a dead server fails the test at once instead of at a timeout.
local exits = {}
local watched = "any" -- a client id, "any" before the first client is known, or nil while restarting
local function server_exit()
  if watched == "any" then
    local _, code = next(exits)
    return code
  end
  return watched and exits[watched]
end
local notifications = {}

local real_notify = vim.notify
vim.notify = function(msg, level, opts)
  table.insert(notifications, tostring(msg))
  return real_notify(msg, level, opts)
end

local function wait_for(what, timeout_ms, cond)
  local done = vim.wait(timeout_ms, function()
    return server_exit() ~= nil or cond()
  end, 50)
  if server_exit() ~= nil and not cond() then
    fail(string.format("the copydesk server exited with code %d while waiting for %s", server_exit(), what))
  end
  if not done then
    local extra = #notifications > 0 and ("; messages: " .. table.concat(notifications, " | ")) or ""
    fail(string.format("timed out after %d ms waiting for %s%s", timeout_ms, what, extra))
  end
end

local function find_line(bufnr, needle)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local s = line:find(needle, 1, true)
    if s then
      return i - 1, s - 1, line
    end
  end
  return nil
end

local function diagnostics_with_code(bufnr, code)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local c = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    if c == code then
      table.insert(out, d)
    end
  end
  return out
end

local function describe(diags)
  local parts = {}
  for _, d in ipairs(diags) do
    table.insert(parts, string.format("%s@%d:%d %q", tostring(d.code), d.lnum + 1, d.col + 1, d.message))
  end
  return #parts > 0 and table.concat(parts, "; ") or "none"
end

local function main()
  vim.cmd("filetype on")
  vim.cmd("runtime! plugin/copydesk.lua")
  if vim.fn.exists(":CopydeskFixAll") ~= 2 or vim.fn.exists(":CopydeskRestart") ~= 2 then
    fail("plugin/copydesk.lua did not define :CopydeskFixAll and :CopydeskRestart")
  end

  local copydesk = require("copydesk")
  copydesk.setup({
    cmd = { bin, "lsp", "--stdio" },
    on_exit = function(code, _, client_id)
      exits[client_id] = code
    end,
  })

  vim.cmd("edit " .. vim.fn.fnameescape(article))
  local bufnr = vim.api.nvim_get_current_buf()
  if vim.bo[bufnr].filetype ~= "text" then
    fail("expected filetype 'text' for the .txt article, got " .. vim.inspect(vim.bo[bufnr].filetype))
  end
  local original = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)

  -- 1. The client attaches, rooted at the folder holding the .git marker.
  wait_for("the copydesk client to attach", 10000, function()
    return copydesk.buf_clients(bufnr)[1] ~= nil
  end)
  local client = copydesk.buf_clients(bufnr)[1]
  watched = client.id
  local root = client.config.root_dir
  if vim.loop.fs_realpath(root) ~= vim.loop.fs_realpath(expect_root) then
    fail(string.format("client root is %s, expected %s (the folder with .git)", root, expect_root))
  end
  ok("client attached with root " .. root)

  -- 1b. Completion without a completion plugin: omnifunc is Neovim's LSP omnifunc, and it completes a KB name.
  if vim.bo[bufnr].omnifunc ~= "v:lua.vim.lsp.omnifunc" then
    fail("omnifunc after attach is " .. vim.inspect(vim.bo[bufnr].omnifunc) .. ", expected v:lua.vim.lsp.omnifunc")
  end
  ok("omnifunc is v:lua.vim.lsp.omnifunc")

  -- 2. The caption's "Secretary General" gets a title-variant diagnostic from copydesk.
  local cap_line, cap_col = find_line(bufnr, "NATO Secretary General Jens Stoltenberg")
  if not cap_line then
    fail("the seed article has no caption with 'NATO Secretary General Jens Stoltenberg'")
  end
  local sg_start = cap_col + #"NATO "
  local sg_end = sg_start + #"Secretary General"
  local function caption_variant()
    for _, d in ipairs(diagnostics_with_code(bufnr, "title-variant")) do
      if d.lnum == cap_line and d.col < sg_end and (d.end_lnum > d.lnum or d.end_col > sg_start) then
        return d
      end
    end
    return nil
  end
  wait_for("a title-variant diagnostic on the caption's 'Secretary General'", 30000, function()
    return caption_variant() ~= nil
  end)
  local diag = caption_variant()
  if diag.source ~= "copydesk" then
    fail("the title-variant diagnostic's source is " .. vim.inspect(diag.source) .. ", expected 'copydesk'")
  end
  ok(string.format("title-variant on line %d: %s", diag.lnum + 1, diag.message))

  -- 3. Hover on the body's "Stoltenberg" names him Secretary-General.
  local body_line, body_col = find_line(bufnr, "NATO Secretary-General Jens Stoltenberg")
  if not body_line then
    fail("the seed article has no body line with 'NATO Secretary-General Jens Stoltenberg'")
  end
  local stolt_col = body_col + #"NATO Secretary-General Jens "
  vim.api.nvim_win_set_cursor(0, { body_line + 1, stolt_col + 2 })
  local hover_params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  local hover_results, hover_err = vim.lsp.buf_request_sync(bufnr, "textDocument/hover", hover_params, 10000)
  if not hover_results then
    fail("hover request failed: " .. tostring(hover_err))
  end
  local hover = hover_results[client.id]
  if not hover or hover.error then
    fail("hover on Stoltenberg returned an error: " .. vim.inspect(hover and hover.error))
  end
  if not hover.result or not hover.result.contents then
    fail("hover on Stoltenberg returned nothing")
  end
  local hover_text = table.concat(vim.lsp.util.convert_input_to_markdown_lines(hover.result.contents), "\n")
  if not hover_text:find("Secretary-General", 1, true) then
    fail("hover on Stoltenberg does not mention Secretary-General:\n" .. hover_text)
  end
  ok("hover on Stoltenberg mentions Secretary-General")

  -- 3b. <C-x><C-o>: Neovim calls the omnifunc in insert mode and shows what it hands to complete().
  -- Headless Neovim has no insert mode to type in, so mode() says "i" and complete() is recorded.
  local at = body_line + 1
  vim.api.nvim_buf_set_lines(bufnr, at, at, false, { "", "Later, Stolt" })
  vim.api.nvim_win_set_cursor(0, { at + 2, #"Later, Stolt" })
  vim.wait(300) -- past Neovim's didChange debounce
  local completed = nil
  vim.fn.mode = function()
    return "i"
  end
  vim.fn.complete = function(col, items)
    completed = { col = col, items = items }
  end
  local start_col = vim.fn.eval("v:lua.vim.lsp.omnifunc(1, '')")
  if start_col ~= -2 and start_col ~= -3 then
    vim.lsp.omnifunc(0, "Stolt")
  end
  local got = vim.wait(10000, function()
    return completed ~= nil
  end, 50)
  vim.fn.mode = nil
  vim.fn.complete = nil
  if not got then
    fail("the omnifunc never completed 'Stolt'")
  end
  local words = {}
  for _, item in ipairs(completed.items or {}) do
    table.insert(words, type(item) == "table" and (item.word or item.abbr) or tostring(item))
  end
  if not table.concat(words, "|"):find("Stoltenberg", 1, true) then
    fail("omnifunc completion of 'Stolt' offered: " .. table.concat(words, "; "))
  end
  if completed.col ~= #"Later, " + 1 then
    fail(string.format("completion starts at column %d, expected %d (the start of 'Stolt')", completed.col, #"Later, " + 1))
  end
  ok("omnifunc completes 'Stolt' with " .. words[1])
  vim.api.nvim_buf_set_lines(bufnr, at, at + 2, false, {})

  -- 3c. :checkhealth copydesk: binary and version, server start, settings.
  local function checkhealth()
    vim.cmd("checkhealth copydesk")
    local lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
    vim.cmd("bwipeout!")
    if vim.api.nvim_get_current_buf() ~= bufnr then
      vim.cmd("buffer " .. bufnr)
    end
    return table.concat(lines, "\n")
  end
  local report = checkhealth()
  for _, want in ipairs({ "copydesk 0.1.0 at " .. bin, "settings look sane", "answered initialize", "accepted the settings", "attached to ", "root " .. expect_root }) do
    if not report:find(want, 1, true) then
      fail(":checkhealth copydesk does not say " .. vim.inspect(want) .. ":\n" .. report)
    end
  end
  if report:find("ERROR", 1, true) or report:find("WARNING", 1, true) then
    fail(":checkhealth copydesk reports a problem with good settings:\n" .. report)
  end
  ok(":checkhealth copydesk: binary, version, server start and settings OK")
  local good_settings = copydesk.config.settings
  copydesk.config.settings = { kb = { "kb/missing.toml" }, rules = { ["title-variant"] = { severity = "loud" } }, colour = true }
  report = checkhealth()
  copydesk.config.settings = good_settings
  for _, want in ipairs({ 'unknown setting "colour"', "kb/missing.toml does not exist", "use off, hint, info, warning or error", "server: " }) do
    if not report:find(want, 1, true) then
      fail(":checkhealth copydesk with bad settings does not say " .. vim.inspect(want) .. ":\n" .. report)
    end
  end
  ok(":checkhealth copydesk names an unknown key, a missing KB file and a bad severity, and shows the server's complaint")

  -- 3d. lsp/copydesk.lua, the config 0.11's vim.lsp.enable reads, loads on this version too and
  -- carries setup()'s command, filetypes, root markers and settings.
  local lsp_file = vim.api.nvim_get_runtime_file("lsp/copydesk.lua", false)[1]
  if not lsp_file then
    fail("lsp/copydesk.lua is not on the runtimepath")
  end
  local lsp_cfg = dofile(lsp_file)
  if lsp_cfg.cmd[1] ~= bin or not vim.tbl_contains(lsp_cfg.filetypes, "markdown") or lsp_cfg.root_markers[1] ~= "copydesk.toml" then
    fail("lsp/copydesk.lua returned " .. vim.inspect(lsp_cfg))
  end
  local params = {}
  lsp_cfg.before_init(params, { settings = { copydesk = { kb = {}, exclude = { "docs/**" } } } })
  local sent = vim.fn.json_encode(params.initializationOptions)
  if not (sent:match('"exclude": ?%["docs/%*%*"%]') and sent:match('"kb": ?%[%]')) then
    fail("before_init sent initializationOptions " .. sent)
  end
  ok("lsp/copydesk.lua loads and sends the client's settings as initializationOptions")

  -- 4. The quick-fix, through Neovim's own vim.lsp.buf.code_action; vim.ui.select stands in for the user.
  local offered = nil
  local real_select = vim.ui.select
  vim.ui.select = function(items, opts, on_choice)
    offered = items
    local function action_of(item)
      return item[2] or item.action -- 0.7-0.9: { client_id, action }; 0.10+: { ctx = ..., action = ... }
    end
    local pick = nil
    for _, item in ipairs(items) do
      local action = action_of(item)
      -- Neovim 0.7 sends every diagnostic on the cursor's line (the caption also has
      -- `US`), so pick the fix that writes Secretary-General, as a user would.
      if action and action.kind == "quickfix" and action.title and action.title:find("Secretary-General", 1, true) then
        for _, d in ipairs(action.diagnostics or { { code = "title-variant" } }) do
          if d.code == "title-variant" then
            pick = pick or item
          end
        end
      end
    end
    if not pick then
      local titles = {}
      for _, item in ipairs(items) do
        local action = action_of(item) or {}
        table.insert(titles, string.format("%s [%s]", tostring(action.title), tostring(action.kind)))
      end
      fail("no title-variant quick-fix among the code actions offered: " .. table.concat(titles, "; "))
    end
    on_choice(pick, 1)
  end
  vim.api.nvim_win_set_cursor(0, { cap_line + 1, sg_start + 3 })
  if has_08 then
    vim.lsp.buf.code_action({ context = { only = { "quickfix" } } })
  else
    vim.lsp.buf.code_action({ only = { "quickfix" } })
  end
  wait_for("the quick-fix to rewrite the caption to 'NATO Secretary-General Jens Stoltenberg'", 10000, function()
    local line = vim.api.nvim_buf_get_lines(bufnr, cap_line, cap_line + 1, false)[1] or ""
    return line:find("NATO Secretary-General Jens Stoltenberg", 1, true) ~= nil
  end)
  vim.ui.select = real_select
  if not offered then
    fail("vim.lsp.buf.code_action offered nothing")
  end
  ok("quick-fix via vim.lsp.buf.code_action rewrote the caption")
  wait_for("the title-variant diagnostic to clear after the quick-fix", 15000, function()
    return caption_variant() == nil
  end)
  ok("title-variant diagnostic cleared after the quick-fix")

  -- 5. :CopydeskFixAll on the original text leaves no title-variant diagnostics.
  vim.api.nvim_buf_set_lines(bufnr, 0, -1, false, original)
  wait_for("the title-variant diagnostic to return on the restored text", 15000, function()
    return caption_variant() ~= nil
  end)
  vim.cmd("CopydeskFixAll")
  wait_for("no title-variant diagnostics after :CopydeskFixAll", 15000, function()
    return #diagnostics_with_code(bufnr, "title-variant") == 0
  end)
  local cap_after = vim.api.nvim_buf_get_lines(bufnr, cap_line, cap_line + 1, false)[1] or ""
  if not cap_after:find("NATO Secretary-General Jens Stoltenberg", 1, true) then
    fail(":CopydeskFixAll cleared the diagnostics but the caption reads: " .. cap_after)
  end
  ok(":CopydeskFixAll left no title-variant diagnostics (remaining: " .. describe(vim.diagnostic.get(bufnr)) .. ")")

  -- 6. :CopydeskRestart brings a fresh server back for the buffer.
  local old_id = client.id
  watched = nil
  vim.cmd("CopydeskRestart")
  if exits[old_id] == nil then
    fail(":CopydeskRestart returned but the old server is still running")
  end
  wait_for("a new copydesk client after :CopydeskRestart", 10000, function()
    local c = copydesk.buf_clients(bufnr)[1]
    return c ~= nil and c.id ~= old_id
  end)
  watched = copydesk.buf_clients(bufnr)[1].id
  -- Put the caption's variant back so the new server has something to report.
  vim.api.nvim_buf_set_lines(bufnr, cap_line, cap_line + 1, false, { original[cap_line + 1] })
  wait_for("the restarted server to publish the caption's title-variant diagnostic", 15000, function()
    return caption_variant() ~= nil
  end)
  ok(":CopydeskRestart started a new server that analyses the buffer")

  say(string.format("PASS: %d checks on %s", #passed, vim.fn.has("nvim-0.8") == 1 and "Neovim 0.8+" or "Neovim 0.7"))
  vim.cmd("qall!")
end

local ran, err = xpcall(main, debug.traceback)
if not ran then
  fail("error in the test: " .. tostring(err))
end
