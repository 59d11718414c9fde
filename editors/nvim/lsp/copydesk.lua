--- copydesk for Neovim 0.11+'s built-in configs: with editors/nvim on the runtimepath,
---   vim.lsp.enable("copydesk")
--- starts `copydesk lsp --stdio` for markdown and text buffers, rooted at copydesk.toml or .git.
--- Override any field with vim.lsp.config("copydesk", { settings = { copydesk = { kb = { ... } } } }).
--- Older Neovim never reads this folder; use require("copydesk").setup() there.
return require("copydesk").lsp_config()
