/**
 * Scoping as Alloy's: `declare` bodies at any depth are scopes of their own
 * (components and arguments), custom components declared or imported around
 * them stay usable, `foreach` templates see their variable and the scope
 * around them, `import.*` labels are namespaces. Also: each reference's
 * segments, enclosing component and definition.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { Analysis } from '../../server/src/analysis/analysis';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { ParsedDocument } from '../../server/src/syntax/document';
import { referenceSegments } from '../../server/src/model/types';
import { corpusDir, diagnose, diagnoseText, rangeOf, sharedParser } from '../helpers';

async function analysed(text: string): Promise<{ analysis: Analysis; dispose(): void }> {
  const parser = await sharedParser();
  const doc = new ParsedDocument(parser, 'file:///virtual/main.alloy', 1, text);
  return { analysis: new Analysis(doc.uri, [doc], DEFAULT_SETTINGS), dispose: () => doc.dispose() };
}

const undefinedRefs = (diagnostics: string[]) => diagnostics.filter((d) => d.startsWith('undefined-reference'));

const NESTED = `declare "outer" {
	argument "field_selectors" {
		optional = true
	}

	declare "inner" {
		argument "field_selectors" {
			optional = true
		}
		argument "forward_to" { }

		discovery.kubernetes "pods" {
			role = "pod"
			selectors {
				role  = "pod"
				field = string.join(coalesce(argument.field_selectors.value, []), ",")
			}
		}

		prometheus.scrape "pods" {
			targets    = discovery.kubernetes.pods.targets
			forward_to = argument.forward_to.value
		}

		declare "innermost" {
			argument "x" { }
			export "out" {
				value = argument.x.value
			}
		}

		innermost "one" {
			x = 1
		}

		export "out" {
			value = innermost.one.out
		}
	}

	inner "default" {
		field_selectors = argument.field_selectors.value
		forward_to      = []
	}
}
`;

describe('scoping', () => {
  test('nested declares: components and arguments resolve in their own declare at any depth', async () => {
    assert.deepEqual(undefinedRefs(await diagnoseText(NESTED)), []);
  });

  test("a declare does not see its enclosing declare's arguments or components", async () => {
    const text = `declare "outer" {
	argument "only_outer" { }
	prometheus.exporter.unix "host" { }

	declare "inner" {
		prometheus.scrape "s" {
			targets    = prometheus.exporter.unix.host.targets
			forward_to = argument.only_outer.value
		}
	}
}
`;
    const found = undefinedRefs(await diagnoseText(text));
    assert.equal(found.length, 2, found.join('\n'));
  });

  test('custom components declared around a declare are usable inside it; undeclared ones are not', async () => {
    const text = `declare "helper" {
	export "v" {
		value = 1
	}
}

declare "user" {
	helper "h" { }

	export "v" {
		value = [helper.h.v, helper.missing.v]
	}
}
`;
    const found = await diagnoseText(text);
    assert.deepEqual(
      undefinedRefs(found).map((d) => d.split(' ')[2]),
      [rangeOf(text, 'helper.missing.v')],
    );
  });

  test('foreach: the variable and the components around the template resolve', async () => {
    const text = `prometheus.exporter.unix "host" { }

foreach "each" {
	collection = [1, 2]
	var        = "item"

	template {
		prometheus.scrape "s" {
			targets    = [{ "__address__" = item }, prometheus.exporter.unix.host.targets[0]]
			forward_to = []
		}
	}
}
`;
    assert.deepEqual(undefinedRefs(await diagnoseText(text)), []);
    const { analysis, dispose } = await analysed(text);
    try {
      const item = analysis.configuration.references.find((r) => r.ref.path[0] === 'item')!;
      assert.equal(item.definition?.kind, 'foreach-variable');
      assert.equal(text.slice(item.definition!.nameSpan.start, item.definition!.nameSpan.end), 'item');
    } finally {
      dispose();
    }
  });

  test('import namespaces: components of an imported module are defined; the namespace is a definition', async () => {
    const text = `import.file "mods" {
	filename = "mods.alloy"
}

mods.scrape "x" { }

prometheus.remote_write "w" {
	endpoint {
		url = mods.scrape.x.url
	}
}
`;
    assert.deepEqual(undefinedRefs(await diagnoseText(text)), []);
    const { analysis, dispose } = await analysed(text);
    try {
      const c = analysis.configuration;
      const ns = c.definitions.find((d) => d.kind === 'import')!;
      assert.equal(text.slice(ns.nameSpan.start, ns.nameSpan.end), 'mods');
      assert.equal(c.namespaceOfBlockName(c.top, 'mods.scrape'), ns);
      const ref = c.references.find((r) => r.ref.path[0] === 'mods')!;
      assert.equal(ref.target?.key, 'mods.scrape.x');
      assert.equal(ref.exportName, 'url');
    } finally {
      dispose();
    }
  });

  test('references carry a span per segment, their enclosing component and their definition, at any depth', async () => {
    const { analysis, dispose } = await analysed(NESTED);
    try {
      const refs = analysis.configuration.references;
      const targets = refs.find((r) => r.ref.path.join('.') === 'discovery.kubernetes.pods.targets')!;
      const base = targets.statement.start;
      assert.deepEqual(
        referenceSegments(targets.ref).map((s) => NESTED.slice(base + s.start, base + s.end)),
        ['discovery', 'kubernetes', 'pods', 'targets'],
      );
      assert.equal(targets.ref.component?.name, 'prometheus.scrape');
      assert.deepEqual(targets.ref.componentUsage, ['targets']);
      assert.equal(targets.target?.block.name, 'discovery.kubernetes');
      assert.equal(targets.definitionSegments, 3);
      const arg = refs.find((r) => r.ref.path.join('.') === 'argument.x.value')!;
      assert.equal(arg.definition?.kind, 'argument');
      assert.equal(NESTED.slice(arg.definition!.nameSpan.start, arg.definition!.nameSpan.end), 'x');
      assert.equal(arg.ref.component?.name, 'export');
      const kinds = new Set(analysis.configuration.definitions.map((d) => d.kind));
      assert.deepEqual([...kinds].sort(), ['argument', 'component', 'declare', 'export']);
    } finally {
      dispose();
    }
  });

  test('a reference written with blanks between its segments has the span of each segment', async () => {
    const text =
      'prometheus.exporter.self "s" { }\nprometheus.scrape "x" {\n  targets = prometheus . exporter.self.s .targets\n  forward_to = []\n}\n';
    const { analysis, dispose } = await analysed(text);
    try {
      const ref = analysis.configuration.references.find((r) => r.ref.path[0] === 'prometheus')!;
      const base = ref.statement.start;
      assert.equal(ref.target?.key, 'prometheus.exporter.self.s');
      assert.deepEqual(
        referenceSegments(ref.ref).map((s) => text.slice(base + s.start, base + s.end)),
        ['prometheus', 'exporter', 'self', 's', 'targets'],
      );
    } finally {
      dispose();
    }
  });

  test('two components with one label in one declare body are duplicates; in two declare bodies they are not', async () => {
    const text = `declare "a" {
	prometheus.exporter.unix "host" { }
	prometheus.exporter.unix "host" { }
}

declare "b" {
	prometheus.exporter.unix "host" { }
}
`;
    const found = (await diagnoseText(text)).filter((d) => d.startsWith('duplicate-component'));
    assert.equal(found.length, 1, found.join('\n'));
  });

  test('wrong-receiver is checked inside declare bodies too', async () => {
    const text = `declare "d" {
	loki.write "w" {
		endpoint {
			url = "http://loki/api/v1/push"
		}
	}

	prometheus.scrape "s" {
		targets    = []
		forward_to = [loki.write.w.receiver]
	}
}
`;
    const found = (await diagnoseText(text)).filter((d) => d.startsWith('wrong-receiver'));
    assert.equal(found.length, 1, found.join('\n'));
  });
});

describe('scoping on real modules nested in declares', () => {
  const corpus = corpusDir();
  const valid = corpus && path.join(corpus, 'real', 'valid');
  const modules = valid && fs.existsSync(valid) ? fs.readdirSync(valid).filter((n) => n.startsWith('modules__')) : [];

  test(
    'every corpus module, nested one and two declares deep, gets the undefined-references it gets on its own (no new ones)',
    { skip: modules.length === 0 ? 'the corpus (../shared/corpus) is not there' : false },
    async () => {
      const problems: string[] = [];
      const messages = async (text: string) => {
        const found = (await diagnose({ 'main.alloy': text }))['main.alloy'];
        return found.filter((d) => d.code === 'undefined-reference').map((d) => d.message);
      };
      let checked = 0;
      for (const name of modules.sort()) {
        const text = fs.readFileSync(path.join(valid!, name), 'utf8');
        const alone = await messages(text);
        const indent = (t: string) => t.replace(/^(?=.)/gm, '\t');
        for (const nested of [
          `declare "wrapper" {\n${indent(text)}\n}\n`,
          `declare "chart" {\n\tdeclare "feature" {\n${indent(indent(text))}\n\t}\n}\n`,
        ]) {
          const got = await messages(nested);
          if (JSON.stringify(got) !== JSON.stringify(alone)) {
            problems.push(`${name}: ${got.join('; ')} / alone: ${alone.join('; ')}`);
          }
          checked++;
        }
      }
      assert.ok(checked >= 60, `only ${checked} nested configurations`);
      assert.deepEqual(problems, []);
    },
  );
});
