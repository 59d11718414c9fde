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
