-- Test driver: nvim --headless --clean -u NONE -c 'luafile check.lua' FILE
-- with TLS_LENS_SERVER, TLS_LENS_LUA_DIR, OUT_FILE, EXPECT_CODE in the environment. Waits for a
-- diagnostic with the code EXPECT_CODE (the state the test asserts, not merely "some diagnostics"),
-- then hovers; writes a JSON result.
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
local expect = os.getenv('EXPECT_CODE')
local function code_of(d) return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) end
local got = vim.wait(30000, function()
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do if code_of(d) == expect then return true end end
  return false
end, 20)
result.diagnostics = vim.tbl_map(function(d)
  return { lnum = d.lnum, col = d.col, severity = d.severity, message = d.message, code = code_of(d) }
end, vim.diagnostic.get(bufnr))
if not got then result.error = 'no ' .. expect .. ' diagnostic within 30 s'; return finish() end
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
