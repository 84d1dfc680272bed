/**
 * Instances of custom components that a local `import.file` brings are checked against the imported
 * `declare` blocks, in the CLI (`check` and `fix`, files read from disk) and in the server (open buffers
 * first), and the server's findings follow an edit of the imported file.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { runCli } from '../helpers';
import { TestClient } from '../server/client';

const LIB = `declare "scrape" {
	argument "targets" { }

	argument "interval" {
		optional = true
	}

	prometheus.scrape "s" {
		targets    = argument.targets.value
		forward_to = []
	}
}
`;

const MAIN = `import.file "lib" {
	filename = "modules/lib.alloy"
}

lib.scrape "ok" {
	targets = []
}

lib.scrape "typo" {
	targets   = []
	intervall = "30s"
}

lib.scrape "missing" { }

lib.scrap "wrong" {
	targets = []
}

import.file "gone" {
	filename = "nowhere.alloy"
}

gone.thing "x" {
	anything = 1
}
`;

const SCHEMA = new Set(['unknown-attribute', 'missing-required', 'unknown-component', 'unknown-block']);

describe('local import.file modules', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alloy-imports-'));
    fs.mkdirSync(path.join(dir, 'modules'));
    fs.writeFileSync(path.join(dir, 'modules', 'lib.alloy'), LIB);
    fs.writeFileSync(path.join(dir, 'main.alloy'), MAIN);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('check: instances are checked against the imported declare; an unreadable import says nothing', () => {
    const r = runCli(['check', '--format', 'json', path.join(dir, 'main.alloy')]);
    const report = JSON.parse(r.stdout) as {
      files: { diagnostics: { code: string; message: string; range: { start: { line: number } } }[] }[];
    };
    const found = report.files[0].diagnostics
      .filter((d) => SCHEMA.has(d.code))
      .map((d) => [d.range.start.line + 1, d.code, d.message]);
    assert.deepEqual(found, [
      [
        11,
        'unknown-attribute',
        "custom component lib.scrape declares no argument 'intervall'; did you mean 'interval'?",
      ],
      [
        14,
        'missing-required',
        "custom component lib.scrape is missing its required argument 'targets' (its argument block has no optional = true)",
      ],
      [
        16,
        'unknown-component',
        "'lib.scrap': the module imported as lib (modules/lib.alloy) declares no component 'scrap'; did you mean 'lib.scrape'?",
      ],
    ]);
  });

  test('fix: the same findings get their quick fixes when asked for', () => {
    const r = runCli([
      'fix',
      '--only',
      'unknown-attribute,missing-required,unknown-component',
      '--diff',
      path.join(dir, 'main.alloy'),
    ]);
    assert.match(r.stdout, /^-\tintervall = "30s"$/m);
    assert.match(r.stdout, /^\+\tinterval = "30s"$/m);
    assert.match(r.stdout, /^\+\ttargets = null$/m);
    assert.match(r.stdout, /^\+lib\.scrape "wrong" \{$/m);
    assert.doesNotMatch(r.stdout, /gone\./, 'the unreadable import is left alone');
  });

  test('server: the imported file as open in the editor counts, and an edit of it is published to its importers', async () => {
    const client = new TestClient();
    try {
      await client.initialize({});
      const main = pathToFileURL(path.join(dir, 'main.alloy')).href;
      const lib = pathToFileURL(path.join(dir, 'modules', 'lib.alloy')).href;
      await client.open(main, MAIN);
      const first = await client.forVersion(main, 1);
      const codes = (p: { diagnostics: { code?: string | number; message: unknown }[] }) =>
        p.diagnostics.filter((d) => SCHEMA.has(String(d.code))).map((d) => String(d.message));
      assert.ok(
        codes(first).some((m) => m.includes("no argument 'intervall'")),
        JSON.stringify(codes(first)),
      );
      // The module, opened and changed in the editor (not saved): `interval` becomes `intervall`. The importing
      // file's diagnostics are published again without an edit of it.
      const republished = client.nextDiagnostics(main, (p) => !codes(p).some((m) => m.includes("'intervall'")));
      await client.open(lib, LIB.replace('"interval"', '"intervall"'));
      await republished;
      // A keystroke in main.alloy that changes nothing its rules read (a space at the end of a line).
      const at = MAIN.indexOf('\n');
      await client.change(main, 2, [
        { range: { start: { line: 0, character: at }, end: { line: 0, character: at } }, text: ' ' },
      ]);
      const second = await client.forVersion(main, 2);
      assert.ok(!codes(second).some((m) => m.includes("'intervall'")), JSON.stringify(codes(second)));
      assert.ok(
        codes(second).some((m) => m.includes("lib.scrap'")),
        'the other findings stay',
      );
    } finally {
      await client.stop();
    }
  });
});
