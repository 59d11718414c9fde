-- Neovim setup for scripts/screenshot: the copydesk plugin from this checkout, Neovim's own LSP UI
-- (virtual text, a bordered hover card, the default code-action menu) and two commands the script
-- types to reach each state. Read by `nvim -u`; COPYDESK_REPO and COPYDESK_BIN come from the script.
local repo = assert(os.getenv("COPYDESK_REPO"), "COPYDESK_REPO is not set")
local bin = assert(os.getenv("COPYDESK_BIN"), "COPYDESK_BIN is not set")
vim.opt.runtimepath:prepend(repo .. "/editors/nvim")
vim.cmd("runtime! plugin/copydesk.lua")
vim.cmd("filetype plugin on")
vim.cmd("syntax on")

vim.o.background = "dark"
vim.o.wrap = true
vim.o.linebreak = true
vim.o.signcolumn = "yes"
vim.o.laststatus = 2
vim.o.showmode = false
vim.o.swapfile = false
vim.opt.shortmess:append("I")
vim.o.statusline = " %f %= copydesk %{luaeval('#vim.diagnostic.get(0)')} findings "
-- A dark scheme in 256 colours (tmux capture-pane keeps them; scripts/screenshot-html.py renders them).
for group, spec in pairs({
  Normal = "ctermfg=252 ctermbg=235",
  SignColumn = "ctermbg=235",
  StatusLine = "ctermfg=235 ctermbg=110 cterm=bold",
  NormalFloat = "ctermfg=252 ctermbg=237",
  FloatBorder = "ctermfg=110 ctermbg=237",
  DiagnosticWarn = "ctermfg=214",
  DiagnosticInfo = "ctermfg=110",
  DiagnosticHint = "ctermfg=246",
  DiagnosticUnderlineWarn = "cterm=underline ctermfg=214",
  DiagnosticUnderlineInfo = "cterm=underline",
  DiagnosticVirtualTextWarn = "ctermfg=214 ctermbg=236",
  DiagnosticVirtualTextInfo = "ctermfg=110 ctermbg=236",
  MoreMsg = "ctermfg=114",
  markdownListMarker = "ctermfg=110 ctermbg=NONE",
  markdownError = "ctermbg=NONE",
  Question = "ctermfg=114",
}) do
  vim.cmd("highlight " .. group .. " " .. spec)
end

vim.diagnostic.config({ virtual_text = { prefix = "●", spacing = 1 }, severity_sort = true, underline = true })
vim.lsp.handlers["textDocument/hover"] = vim.lsp.with(vim.lsp.handlers.hover, { border = "rounded", max_width = 64 })

require("copydesk").setup({ cmd = { bin, "lsp", "--stdio" } })

local function goto_text(needle, offset)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, false)) do
    local s = line:find(needle, 1, true)
    if s then
      vim.api.nvim_win_set_cursor(0, { i, s - 1 + (offset or 0) })
      return true
    end
  end
  error("screenshot: no line with " .. needle)
end

-- State 1: the cursor on the body's "Stoltenberg", its KB card open.
vim.api.nvim_create_user_command("ShotHover", function()
  vim.cmd("normal! gg")
  goto_text("NATO Secretary-General Jens Stoltenberg", #"NATO Secretary-General Jens ")
  vim.cmd("echo ''")
  vim.lsp.buf.hover()
end, {})

-- State 2: the cursor on the caption's "Secretary General", the code actions offered there.
vim.api.nvim_create_user_command("ShotFix", function()
  goto_text("NATO Secretary General Jens Stoltenberg", #"NATO Secretary ")
  vim.lsp.buf.code_action()
end, {})
