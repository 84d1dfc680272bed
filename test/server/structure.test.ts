/**
 * Document symbols, workspace symbols, folding ranges, selection ranges and
 * semantic tokens (full, range, delta) over a real JSON-RPC connection.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type {
  DocumentSymbol,
  FoldingRange,
  SelectionRange,
  SemanticTokens,
  SemanticTokensDelta,
  SemanticTokensLegend,
  SymbolInformation,
} from 'vscode-languageserver-protocol';
import { repoRoot } from '../helpers';
import { TestClient } from './client';
import { positionOf, textOf } from './text';

const CONFIG = `// Alloy's own metrics
// scraped every minute
logging {
	level = "info"
}

declare "pipeline" {
	argument "write_to" { }

	prometheus.scrape "inner" {
		targets    = [{ __address__ = constants.hostname }]
		forward_to = argument.write_to.value
	}
}

prometheus.remote_write "cloud" {
	endpoint {
		url = sys.env("URL") + "/push"
	}
	/* a block
	   comment */
	external_labels = { cluster = env("C"), n = 1.5 }
}
`;

/** Decodes LSP semantic tokens into `text: type[.modifier...]` strings. */
function decode(text: string, data: number[], legend: SemanticTokensLegend): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
    const mods = legend.tokenModifiers.filter((_, bit) => data[i + 4] & (1 << bit));
    out.push(`${lines[line].slice(char, char + data[i + 2])}: ${[legend.tokenTypes[data[i + 3]], ...mods].join('.')}`);
  }
  return out;
}

describe('structure and semantic tokens over JSON-RPC', () => {
  let client: TestClient;
  let legend: SemanticTokensLegend;
  const uri = 'file:///virtual/structure.alloy';
  before(async () => {
    client = new TestClient();
    const init = await client.initialize({});
    const caps = init.capabilities as Record<string, unknown> & {
      semanticTokensProvider: { legend: SemanticTokensLegend; full: { delta: boolean }; range: boolean };
    };
    for (const cap of [
      'documentSymbolProvider',
      'workspaceSymbolProvider',
      'foldingRangeProvider',
      'selectionRangeProvider',
    ]) {
      assert.ok(caps[cap], `${cap} announced`);
    }
    assert.deepEqual(caps.semanticTokensProvider.full, { delta: true });
    assert.equal(caps.semanticTokensProvider.range, true);
    legend = caps.semanticTokensProvider.legend;
    await client.open(uri, CONFIG);
  });
  after(() => client.stop());

  const request = <T>(method: string, params: object) => client.connection.sendRequest(method, params) as Promise<T>;

  test('document symbols: nested, with labels and kinds', async () => {
    const symbols = await request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const flat = (list: DocumentSymbol[], depth = 0): string[] =>
      list.flatMap((s) => [`${'  '.repeat(depth)}${s.name} (${s.kind})`, ...flat(s.children ?? [], depth + 1)]);
    assert.deepEqual(flat(symbols), [
      'logging (4)',
      'declare "pipeline" (2)',
      '  argument "write_to" (13)',
      '  prometheus.scrape "inner" (19)',
      'prometheus.remote_write "cloud" (19)',
      '  endpoint (23)',
    ]);
    const cloud = symbols[2];
    assert.equal(textOf(CONFIG, cloud.selectionRange), 'prometheus.remote_write "cloud"');
    assert.ok(
      textOf(CONFIG, cloud.range).startsWith('prometheus.remote_write "cloud" {') &&
        textOf(CONFIG, cloud.range).endsWith('}'),
    );
  });

  test('document symbols: the statements before a half-typed reference stay in the outline', async () => {
    // The fixture's dangling `.` (a reference being typed, blocks after it) makes tree-sitter's error
    // recovery put the statements before it into one ERROR node.
    const text = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'model', 'error-recovery.alloy'), 'utf8');
    const at = text.indexOf('checkout_180.targets') + 'checkout_180.'.length;
    const broken = text.slice(0, at) + text.slice(at + 'targets'.length);
    const names = async (u: string, t: string) => {
      await client.open(u, t);
      const symbols = await request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: u } });
      return symbols.map((s) => s.name);
    };
    const whole = await names('file:///outline/whole.alloy', text);
    const typing = await names('file:///outline/typing.alloy', broken);
    const before = whole.slice(0, whole.indexOf('discovery.relabel "checkout_180"'));
    assert.ok(before.length >= 4, `${before.length} statements before the reference`);
    assert.deepEqual(typing.slice(0, before.length), before);
  });

  test('workspace symbols: fuzzy match over open configurations', async () => {
    const found = await request<SymbolInformation[]>('workspace/symbol', { query: 'scrinn' });
    assert.deepEqual(
      found.map((s) => [s.name, s.containerName, s.location.uri]),
      [['prometheus.scrape "inner"', 'declare "pipeline"', uri]],
    );
    const all = await request<SymbolInformation[]>('workspace/symbol', { query: '' });
    assert.ok(all.some((s) => s.name === 'prometheus.remote_write "cloud"'));
  });

  test('folding ranges: blocks keep their closing line, comments fold to their last line', async () => {
    const ranges = await request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    const line = (needle: string) => positionOf(CONFIG, needle).line;
    const has = (startLine: number, endLine: number, kind?: string) =>
      ranges.some((r) => r.startLine === startLine && r.endLine === endLine && r.kind === kind);
    assert.ok(has(0, 1, 'comment'), 'the two // lines fold together');
    assert.ok(has(line('logging {'), line('logging {') + 1), 'logging block');
    assert.ok(has(line('declare "pipeline"'), line('forward_to') + 1), 'declare');
    assert.ok(has(line('/* a block'), line('/* a block') + 1, 'comment'), 'block comment');
    assert.ok(!ranges.some((r) => r.startLine === line('external_labels')), 'a one-line object does not fold');
  });

  test('selection ranges grow from a segment to the chain, attribute, block and file', async () => {
    const position = positionOf(CONFIG, 'argument.write_to.value', 10);
    const [sel] = await request<SelectionRange[]>('textDocument/selectionRange', {
      textDocument: { uri },
      positions: [position],
    });
    const chain: string[] = [];
    for (let s: SelectionRange | undefined = sel; s; s = s.parent) chain.push(textOf(CONFIG, s.range));
    assert.equal(chain[0], 'write_to');
    assert.ok(chain.includes('argument.write_to'));
    assert.ok(chain.includes('argument.write_to.value'));
    assert.ok(chain.includes('forward_to = argument.write_to.value'));
    assert.equal(chain[chain.length - 1], CONFIG);
    for (let i = 1; i < chain.length; i++)
      assert.ok(chain[i].includes(chain[i - 1]), 'each range contains the previous');
  });

  test('semantic tokens: the legend an Alloy user recognises', async () => {
    const tokens = await request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const decoded = decode(CONFIG, tokens.data, legend);
    for (const expected of [
      "// Alloy's own metrics: comment",
      'logging: class',
      'level: property',
      '=: operator',
      '"info": string',
      'declare: class',
      '"pipeline": label',
      'argument: class',
      'prometheus: class',
      'scrape: class',
      '__address__: property',
      'constants: namespace.defaultLibrary',
      'hostname: variable.defaultLibrary.readonly',
      'argument: variable',
      'write_to: variable',
      'endpoint: struct',
      'sys: namespace.defaultLibrary',
      'env: function.defaultLibrary',
      'env: function.defaultLibrary.deprecated',
      '+: operator',
      '/* a block: comment',
      '\t   comment */: comment',
      '1.5: number',
    ]) {
      assert.ok(decoded.includes(expected), `missing ${expected} in ${JSON.stringify(decoded)}`);
    }
    assert.ok(tokens.resultId, 'a result id for deltas');
  });

  test('semantic tokens range: only the tokens of that range', async () => {
    const start = positionOf(CONFIG, 'logging {');
    const tokens = await request<SemanticTokens>('textDocument/semanticTokens/range', {
      textDocument: { uri },
      range: { start, end: { line: start.line + 1, character: 100 } },
    });
    // The first token's line is relative to line 0.
    assert.equal(tokens.data[0], start.line);
    assert.deepEqual(decode(CONFIG, tokens.data, legend), [
      'logging: class',
      'level: property',
      '=: operator',
      '"info": string',
    ]);
  });

  test('semantic tokens delta: an edit gives the edits that turn the old tokens into the new', async () => {
    const before = await request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const at = positionOf(CONFIG, '"info"', 5);
    await client.change(uri, 2, [{ range: { start: at, end: at }, text: 'x' }]);
    const d = await request<SemanticTokensDelta>('textDocument/semanticTokens/full/delta', {
      textDocument: { uri },
      previousResultId: before.resultId,
    });
    assert.ok(d.edits.length === 1, 'one edit');
    const data = [...before.data];
    for (const e of d.edits) data.splice(e.start, e.deleteCount, ...(e.data ?? []));
    const full = await request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.deepEqual(data, full.data);
    assert.ok(decode(CONFIG.replace('"info"', '"infox"'), data, legend).includes('"infox": string'));
    assert.ok(d.edits[0].deleteCount <= 5, 'only the changed token is sent again');
    // An unknown previous result gives the full tokens.
    const again = await request<SemanticTokens>('textDocument/semanticTokens/full/delta', {
      textDocument: { uri },
      previousResultId: 'nope',
    });
    assert.deepEqual(again.data, full.data);
  });
});
