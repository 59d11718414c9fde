--- copydesk user commands; the server itself starts once require("copydesk").setup() has been called.

if vim.g.loaded_copydesk then
  return
end
vim.g.loaded_copydesk = true

vim.api.nvim_create_user_command("CopydeskFixAll", function()
  require("copydesk").fix_all(0)
end, { desc = "copydesk: apply every safe fix in this buffer (source.fixAll.copydesk)" })

vim.api.nvim_create_user_command("CopydeskRestart", function()
  require("copydesk").restart()
end, { desc = "copydesk: restart the language server" })

-- Completion with <C-x><C-o> and no completion plugin, however the client was started (setup(),
-- vim.lsp.enable("copydesk") on 0.11, nvim-lspconfig). LspAttach runs before a user's on_attach, so
-- theirs still wins. Neovim 0.7 has no LspAttach; there setup()'s on_attach sets it.
if vim.fn.has("nvim-0.8") == 1 then
  vim.api.nvim_create_autocmd("LspAttach", {
    group = vim.api.nvim_create_augroup("copydesk_omnifunc", { clear = true }),
    callback = function(args)
      local client = vim.lsp.get_client_by_id(args.data and args.data.client_id or -1)
      if client and client.name == "copydesk" then
        vim.bo[args.buf].omnifunc = "v:lua.vim.lsp.omnifunc"
      end
    end,
  })
end
