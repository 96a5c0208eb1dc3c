-- Test driver: nvim --headless --clean -u NONE -c 'luafile check.lua' FILE
-- with TLS_LENS_SERVER, TLS_LENS_LUA_DIR, OUT_FILE in the environment. Writes a JSON result.
package.path = os.getenv('TLS_LENS_LUA_DIR') .. '/?.lua;' .. package.path
local result = { ok = false }
local function finish()
  local f = io.open(os.getenv('OUT_FILE'), 'w'); f:write(vim.fn.json_encode(result)); f:close()
  vim.cmd('qall!')
end
local client = require('tls-lens').setup(os.getenv('TLS_LENS_SERVER'))
vim.cmd('filetype on')
vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('TARGET_FILE')))
local bufnr = vim.api.nvim_get_current_buf()
result.filetype = vim.bo[bufnr].filetype
local got = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
result.diagnostics = vim.tbl_map(function(d)
  return { lnum = d.lnum, col = d.col, severity = d.severity, message = d.message, code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) }
end, vim.diagnostic.get(bufnr))
if not got then result.error = 'no diagnostics within 20 s'; return finish() end
local line = tonumber(os.getenv('HOVER_LINE')); local col = tonumber(os.getenv('HOVER_COL'))
vim.api.nvim_win_set_cursor(0, { line + 1, col })
local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', vim.lsp.util.make_position_params(), 10000) or {}
for _, r in pairs(responses) do
  if r.result and r.result.contents then result.hover = r.result.contents.value or r.result.contents end
end
result.client = client()
result.ok = result.hover ~= nil
vim.lsp.stop_client(client())
finish()
