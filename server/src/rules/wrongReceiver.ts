import { expectedReceiverType, exportsKnown, getComponent, getExport } from '../analysis/facts';
import { referenceSite } from './sites';
import type { ReferenceInfo } from '../model/types';
import type { ConfigurationRule, Finding } from './rule';

/** What a reference's place expects; cached with the reference (summaries survive unrelated edits). */
const expectedCache = new WeakMap<ReferenceInfo, ReturnType<typeof expectedReceiverType> | null>();
function expectedFor(ref: ReferenceInfo, owner: string) {
  let expected = expectedCache.get(ref);
  if (expected === undefined) {
    const usage = ref.usage;
    expected = expectedReceiverType(owner, usage[usage.length - 1], usage.slice(0, -1)) ?? null;
    expectedCache.set(ref, expected);
  }
  return expected ?? undefined;
}

/** `logging.write_to`, `tracing.write_to` and `prometheus.scrape.forward_to` given the wrong kind of receiver. */
export const wrongReceiver: ConfigurationRule = {
  code: 'wrong-receiver',
  kind: 'configuration',
  check(config) {
    const out: Finding[] = [];
    for (const r of config.references) {
      if (!r.target || r.ref.usage.length === 0 || !r.ref.direct) continue;
      const owner = r.statement.block?.name;
      if (!owner) continue;
      const usage = r.ref.usage;
      const expected = expectedFor(r.ref, owner);
      if (!expected) continue;
      // Custom or unknown components, and pages whose exports the docs do not list: nothing to compare with.
      if (!getComponent(r.target.name) || !exportsKnown(r.target.name)) continue;
      const exportName = r.exportName;
      const actual = exportName ? getExport(r.target.name, exportName)?.type : undefined;
      if (actual === expected.type) continue;
      // An export the component does not have is unknown-export's finding.
      if (exportName && !actual) continue;
      const got = exportName ? `${r.target.name}.${exportName} is ${actual}` : `a component, not one of its exports`;
      out.push({
        code: 'wrong-receiver',
        ...referenceSite(r),
        message: `${[owner, ...usage].join('.')} expects ${expected.description}, but ${got}`,
        data: { expected: expected.type },
      });
    }
    return out;
  },
};
