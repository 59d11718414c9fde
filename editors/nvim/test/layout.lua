--- Checks that Neovim, started normally (plugins loaded, no init file), finds the plugin the way a
--- plugin manager installs it: as a package under pack/*/start, or with editors/nvim added to the
--- runtimepath (packer's and vim-plug's `rtp` option, lazy.nvim's config function). Run by test/run.sh.

local function fail(msg)
  io.stderr:write("nvim layout (" .. (os.getenv("COPYDESK_LAYOUT") or "?") .. "): FAIL: " .. msg .. "\n")
  vim.cmd("cquit 1")
end

local ran, err = pcall(function()
  if vim.fn.exists(":CopydeskFixAll") ~= 2 or vim.fn.exists(":CopydeskRestart") ~= 2 then
    fail("plugin/copydesk.lua was not sourced at startup (no :CopydeskFixAll / :CopydeskRestart)")
  end
  for _, file in ipairs({ "lua/copydesk/init.lua", "lua/copydesk/health.lua", "lsp/copydesk.lua" }) do
    if #vim.api.nvim_get_runtime_file(file, false) ~= 1 then
      fail(file .. " is not on the runtimepath exactly once: " .. vim.inspect(vim.api.nvim_get_runtime_file(file, true)))
    end
  end
  local copydesk = require("copydesk")
  if type(copydesk.setup) ~= "function" or type(require("copydesk.health").check) ~= "function" then
    fail("require('copydesk') / require('copydesk.health') do not expose setup / check")
  end
  io.stdout:write("nvim layout (" .. os.getenv("COPYDESK_LAYOUT") .. "): ok - plugin, lua modules, health check and lsp/copydesk.lua found\n")
end)
if not ran then
  fail(tostring(err))
end
vim.cmd("qall!")
