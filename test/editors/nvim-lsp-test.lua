-- Neovim (0.7 or later) as an independent LSP client of the Alloy Analyzer language server.
--
--   nvim --headless --clean -u test/editors/nvim-lsp-test.lua
--
-- Environment (test/editors/run-nvim.mjs sets all of it, with private XDG directories):
--   ALLOY_SERVER        path of server/dist/cli.js (started as `node ALLOY_SERVER serve --stdio`)
--   ALLOY_WORKSPACE     a copy of test/fixtures/editors/workspace
--   ALLOY_FMT_EXPECTED  a file holding what `alloy-analyzer fmt unformatted.alloy` prints
--   ALLOY_WAIT_MS       how long to wait for each answer of the server (default 20000)
-- Prints one line per check and a closing `N passed, N failed`; exits non-zero on any failure.
local server = assert(os.getenv('ALLOY_SERVER'), 'set ALLOY_SERVER to server/dist/cli.js')
local workspace = assert(os.getenv('ALLOY_WORKSPACE'), 'set ALLOY_WORKSPACE to a copy of the fixture workspace')
local fmt_expected = os.getenv('ALLOY_FMT_EXPECTED')
local wait_ms = tonumber(os.getenv('ALLOY_WAIT_MS') or '20000')

local t0 = vim.loop.hrtime()
local function log(msg)
  io.stdout:write(string.format('[nvim %.2fs] %s\n', (vim.loop.hrtime() - t0) / 1e9, msg))
end

local passed, failed = 0, 0
local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    io.stdout:write('ok - ' .. name .. '\n')
  else
    failed = failed + 1
    io.stdout:write('not ok - ' .. name .. (detail and (': ' .. detail) or '') .. '\n')
  end
  return ok
end

local SELF_MONITORING = { 'self-monitoring-logs', 'self-monitoring-metrics', 'self-monitoring-traces' }
local LSP_INFORMATION, LSP_ERROR = 3, 1

-- Keep the raw LSP diagnostics of every publishDiagnostics (vim.diagnostic converts positions and drops fields).
local published = {}
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  if result then
    published[result.uri] = result.diagnostics
  end
  return default_publish(err, result, ctx, config)
end

local function codes_of(diagnostics)
  local list = {}
  for _, d in ipairs(diagnostics or {}) do
    table.insert(list, tostring(d.code))
  end
  table.sort(list)
  return list
end

local function describe(diagnostics)
  local parts = {}
  for _, d in ipairs(diagnostics or {}) do
    table.insert(
      parts,
      string.format(
        '%s sev %s %d:%d-%d:%d',
        tostring(d.code),
        tostring(d.severity),
        d.range.start.line,
        d.range.start.character,
        d.range['end'].line,
        d.range['end'].character
      )
    )
  end
  return #parts > 0 and table.concat(parts, '; ') or '(none)'
end

local function has_codes(uri, codes)
  local have = {}
  for _, c in ipairs(codes_of(published[uri])) do
    have[c] = true
  end
  for _, c in ipairs(codes) do
    if not have[c] then
      return false
    end
  end
  return true
end

local function open(name, client_id)
  vim.cmd('edit ' .. vim.fn.fnameescape(workspace .. '/' .. name))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)
  return bufnr, vim.uri_from_bufnr(bufnr)
end

local function main()
  vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, { pattern = '*.alloy', command = 'setfiletype alloy' })
  local exit_code
  local client_id = vim.lsp.start_client({
    name = 'alloy-analyzer',
    cmd = { 'node', server, 'serve', '--stdio' },
    root_dir = workspace,
    on_exit = function(code)
      exit_code = code
    end,
  })
  check('the server starts', client_id ~= nil)
  if not client_id then
    return
  end

  -- 1. A configuration without self-monitoring: exactly the three notes, as Information.
  local bufnr, uri = open('no-self-monitoring.alloy', client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  local arrived = vim.wait(wait_ms, function()
    return has_codes(uri, SELF_MONITORING)
  end, 20)
  log('diagnostics for no-self-monitoring.alloy: ' .. describe(published[uri]))
  check('the three self-monitoring diagnostics arrive', arrived, describe(published[uri]))
  local diagnostics = published[uri] or {}
  check(
    'exactly those three',
    table.concat(codes_of(diagnostics), ',') == table.concat(SELF_MONITORING, ','),
    describe(diagnostics)
  )
  local all_information = #diagnostics > 0
  for _, d in ipairs(diagnostics) do
    all_information = all_information and d.severity == LSP_INFORMATION and d.source == 'alloy-analyzer'
  end
  check('all Information, source alloy-analyzer', all_information, describe(diagnostics))
  check(
    'vim.diagnostic shows them in the buffer',
    #vim.diagnostic.get(bufnr) == #diagnostics,
    tostring(#vim.diagnostic.get(bufnr))
  )

  -- 2. A quick fix is offered for one of them.
  local target
  for _, d in ipairs(diagnostics) do
    if d.code == 'self-monitoring-metrics' then
      target = d
    end
  end
  if check('a self-monitoring-metrics diagnostic to fix', target ~= nil) then
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
      textDocument = { uri = uri },
      range = target.range,
      context = { diagnostics = { target }, only = { 'quickfix' } },
    }, wait_ms)
    local titles, quickfix, preferred = {}, false, false
    for _, response in pairs(responses or {}) do
      for _, action in ipairs(response.result or {}) do
        table.insert(titles, string.format('%s [%s]', action.title, tostring(action.kind)))
        if action.kind == 'quickfix' or (action.kind or ''):match('^quickfix%.') then
          quickfix = true
          preferred = preferred or action.isPreferred == true
        end
      end
    end
    log('code actions: ' .. (#titles > 0 and table.concat(titles, ' | ') or '(none)'))
    check('textDocument/codeAction offers a quick fix', quickfix, table.concat(titles, ' | '))
    check('one quick fix is preferred', preferred, table.concat(titles, ' | '))
  end

  -- 3. A second logging block is an Error on its name (line 7, columns 1-7).
  local _, dup_uri = open('duplicate-logging.alloy', client_id)
  vim.wait(wait_ms, function()
    return has_codes(dup_uri, { 'duplicate-block' })
  end, 20)
  local dup
  for _, d in ipairs(published[dup_uri] or {}) do
    if d.code == 'duplicate-block' then
      dup = d
    end
  end
  check(
    'duplicate logging block: Error on the second block name',
    dup ~= nil
      and dup.severity == LSP_ERROR
      and dup.range.start.line == 6
      and dup.range.start.character == 0
      and dup.range['end'].line == 6
      and dup.range['end'].character == 7,
    describe(published[dup_uri])
  )

  -- 4. Formatting gives what `alloy-analyzer fmt` prints.
  if fmt_expected then
    local fmt_buf = open('unformatted.alloy', client_id)
    local responses = vim.lsp.buf_request_sync(fmt_buf, 'textDocument/formatting', {
      textDocument = { uri = vim.uri_from_bufnr(fmt_buf) },
      options = { tabSize = 4, insertSpaces = true },
    }, wait_ms)
    local edits
    for _, response in pairs(responses or {}) do
      edits = edits or response.result
    end
    if check('textDocument/formatting answers with edits', edits ~= nil and #edits > 0) then
      vim.lsp.util.apply_text_edits(edits, fmt_buf, client.offset_encoding or 'utf-16')
      local text = table.concat(vim.api.nvim_buf_get_lines(fmt_buf, 0, -1, false), '\n') .. '\n'
      local f = assert(io.open(fmt_expected, 'r'))
      local expected = f:read('*a')
      f:close()
      check('the formatted buffer is what fmt prints', text == expected, text)
    end
  end

  -- 5. Completion and hover: component names after a namespace dot, receivers of the right kind, the docs link.
  local comp_buf, comp_uri = open('completion.alloy', client_id)
  local last = vim.api.nvim_buf_line_count(comp_buf)
  vim.api.nvim_buf_set_lines(comp_buf, last, last, false, { '', 'prometheus.' })
  local function completion_labels(line, character)
    local responses = vim.lsp.buf_request_sync(comp_buf, 'textDocument/completion', {
      textDocument = { uri = comp_uri },
      position = { line = line, character = character },
    }, wait_ms)
    local labels, items = {}, {}
    for _, response in pairs(responses or {}) do
      local result = response.result or {}
      for _, item in ipairs(result.items or result) do
        table.insert(labels, item.label)
        items[item.label] = item
      end
    end
    return labels, items
  end
  local labels, items = completion_labels(last + 1, #'prometheus.')
  log('completion after prometheus.: ' .. #labels .. ' items')
  local scrape = items['prometheus.scrape']
  check('completion after `prometheus.` offers prometheus.scrape', scrape ~= nil, table.concat(labels, ', '))
  check(
    'accepting prometheus.scrape inserts its required arguments',
    scrape ~= nil and scrape.textEdit ~= nil and scrape.textEdit.newText:find('forward_to', 1, true) ~= nil
      and scrape.textEdit.newText:find('targets', 1, true) ~= nil,
    scrape and scrape.textEdit and scrape.textEdit.newText or '(no item)'
  )
  local only_prometheus = #labels > 0
  for _, l in ipairs(labels) do
    only_prometheus = only_prometheus and l:sub(1, 11) == 'prometheus.'
  end
  check('only prometheus.* components', only_prometheus, table.concat(labels, ', '))
  -- Inside forward_to = [] (line 15, after the `[`): only metrics receivers.
  local receivers = completion_labels(14, #'\tforward_to = [')
  check(
    'completion inside forward_to offers only the metrics receiver',
    #receivers == 1 and receivers[1] == 'prometheus.remote_write.mimir.receiver',
    table.concat(receivers, ', ')
  )
  local hovers = vim.lsp.buf_request_sync(comp_buf, 'textDocument/hover', {
    textDocument = { uri = comp_uri },
    position = { line = 6, character = 3 },
  }, wait_ms)
  local hover_text = ''
  for _, response in pairs(hovers or {}) do
    local contents = response.result and response.result.contents
    hover_text = hover_text .. ((type(contents) == 'table' and contents.value) or tostring(contents or ''))
  end
  check(
    'hover on loki.write names it and links to its reference page',
    hover_text:find('loki.write', 1, true) ~= nil
      and hover_text:find('https://grafana.com/docs/alloy/latest/reference/components/loki/loki.write/', 1, true) ~= nil,
    hover_text
  )

  -- 6. A clean shutdown: shutdown request, exit notification, exit code 0.
  vim.lsp.stop_client(client_id)
  vim.wait(wait_ms, function()
    return exit_code ~= nil
  end, 20)
  check('the server exits with code 0 after shutdown and exit', exit_code == 0, tostring(exit_code))
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local ok, err = pcall(main)
    if not ok then
      check('the test script runs to the end', false, tostring(err))
    end
    io.stdout:write(string.format('%d passed, %d failed\n', passed, failed))
    vim.cmd(failed == 0 and 'qa!' or 'cq')
  end,
})
