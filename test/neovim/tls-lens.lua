-- TLS Lens in Neovim (0.7 or later): the configuration the README shows, and the one the test uses.
-- Put it in ~/.config/nvim/lua/tls-lens.lua and call require('tls-lens').setup('/path/to/tls-lens/dist/server.js').
local M = {}

function M.setup(server_js, settings)
  settings = settings or { tlsLens = { expiryWarningDays = 30, rules = {} } }
  vim.cmd([[
    augroup tls_lens_filetypes
      autocmd!
      autocmd BufRead,BufNewFile *.pem,*.crt,*.cer,*.key,*.csr,*.ca-bundle setfiletype pem
      autocmd BufRead,BufNewFile nginx.conf,*/nginx/*.conf,*/conf.d/*.conf,*/sites-enabled/*,*/sites-available/* setfiletype nginx
    augroup END
  ]])
  local client_id
  local function attach()
    if not client_id then
      client_id = vim.lsp.start_client({
        name = 'tls-lens',
        cmd = { 'node', server_js, '--stdio' },
        root_dir = vim.fn.getcwd(),
        settings = settings,
        -- TLS Lens pulls settings with workspace/configuration (section tlsLens).
        handlers = {
          ['workspace/configuration'] = function(_, params)
            local out = {}
            for i, item in ipairs(params.items) do out[i] = settings[item.section] or vim.NIL end
            return out
          end,
        },
      })
    end
    vim.lsp.buf_attach_client(0, client_id)
  end
  vim.api.nvim_create_autocmd('FileType', { pattern = { 'pem', 'yaml', 'nginx' }, callback = attach })
  return function() return client_id end
end

return M
