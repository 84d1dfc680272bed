/**
 * `graph --format svg` on a real corpus configuration is an SVG that
 * Chromium renders: every node is drawn with a size, inside the picture, and
 * the picture is not blank. Uses playwright-core with the system's Chromium
 * (/usr/bin/chromium, or CHROMIUM); skips with a message without them, except
 * under ALLOY_REQUIRE_CHROMIUM=1, which the editor tests set after installing
 * Chromium (scripts/editor-tests/run-all.sh).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { corpusDir, runCli } from '../helpers';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

async function loadChromium() {
  try {
    return (await import('playwright-core')).chromium;
  } catch {
    return undefined;
  }
}

test('Chromium renders the SVG of graph --format svg on a corpus file', async (t) => {
  const corpus = corpusDir();
  const chromium = await loadChromium();
  if (!corpus || !chromium || !fs.existsSync(CHROMIUM)) {
    // The editor tests install Chromium and run this test again with ALLOY_REQUIRE_CHROMIUM=1: there it must run.
    if (process.env.ALLOY_REQUIRE_CHROMIUM) assert.fail(`needs ../shared/corpus, playwright-core and ${CHROMIUM}`);
    t.skip('needs ../shared/corpus, playwright-core and Chromium (the editor tests run it)');
    return;
  }
  // A real configuration with several pipelines (metrics, logs, traces).
  const file = path.join(corpus, 'real', 'valid', 'alloy__example__docker-compose__config__alloy__config.alloy');
  const chosen = fs.existsSync(file)
    ? file
    : path.join(
        corpus,
        'real',
        'valid',
        fs.readdirSync(path.join(corpus, 'real', 'valid')).find((n) => n.endsWith('.alloy'))!,
      );
  const json = JSON.parse(runCli(['graph', chosen]).stdout) as { nodes: { id: string }[]; edges: unknown[] };
  const r = runCli(['graph', '--format', 'svg', chosen]);
  assert.equal(r.status, 0, r.stderr);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloy-graph-svg-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    env: { ...process.env, XDG_CONFIG_HOME: path.join(dir, 'xdg'), TMPDIR: dir },
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const svgFile = path.join(dir, 'graph.svg');
    fs.writeFileSync(svgFile, r.stdout);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`file://${svgFile}`);
    // Runs in the page (a string: this project's types have no DOM).
    const drawn = (await page.evaluate(`(() => {
      const svg = document.documentElement;
      const box = svg.getBoundingClientRect();
      const nodes = [...document.querySelectorAll('g[data-node]')].map((g) => {
        const b = g.getBBox();
        return { id: g.getAttribute('data-node'), w: b.width, h: b.height, x: b.x, y: b.y };
      });
      const edges = [...document.querySelectorAll('g[data-edge] path')].filter((p) => p.getTotalLength() > 0).length;
      return { tag: svg.tagName, width: box.width, height: box.height, nodes, edges };
    })()`)) as {
      tag: string;
      width: number;
      height: number;
      nodes: { id: string; w: number; h: number }[];
      edges: number;
    };
    assert.equal(drawn.tag, 'svg');
    assert.deepEqual(errors, []);
    assert.ok(drawn.width > 100 && drawn.height > 50, `picture size ${drawn.width}x${drawn.height}`);
    assert.deepEqual(
      drawn.nodes.map((n) => n.id),
      json.nodes.map((n) => n.id).filter((id) => drawn.nodes.some((d) => d.id === id)),
    );
    assert.equal(drawn.nodes.length, json.nodes.length, 'every node is drawn');
    for (const n of drawn.nodes) assert.ok(n.w > 50 && n.h > 20, `node ${n.id} has no size: ${n.w}x${n.h}`);
    assert.ok(drawn.edges > 0, 'edges are drawn');
    // Painted: the embedded stylesheet applies (boxes filled, edges stroked in their signal's colour).
    const paint = (await page.evaluate(`(() => {
      const box = document.querySelector('g[data-node] rect.box');
      const edge = document.querySelector('g[data-edge] path');
      return { fill: getComputedStyle(box).fill, stroke: edge ? getComputedStyle(edge).stroke : 'none' };
    })()`)) as { fill: string; stroke: string };
    assert.notEqual(paint.fill, 'none');
    assert.match(paint.stroke, /^rgb/);
    t.diagnostic(
      `${path.basename(chosen)}: ${drawn.nodes.length} nodes, ${drawn.edges} edges, ${drawn.width}x${drawn.height}`,
    );
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
