import { expectedReceiverType, exportsKnown, getComponent, getExport } from '../analysis/facts';
import type { ResolvedReference } from '../analysis/configuration';
import { referenceSite } from './sites';
import { inBrokenRegion } from '../syntax/alloySyntax';
import type { ReferenceInfo } from '../model/types';
import type { ConfigurationRule, Finding } from './rule';

/** What a reference's place expects; cached with the reference (summaries survive unrelated edits). */
const expectedCache = new WeakMap<ReferenceInfo, ReturnType<typeof expectedReceiverType> | null>();
function expectedFor(ref: ReferenceInfo, owner: string) {
  let expected = expectedCache.get(ref);
  if (expected === undefined) {
    const usage = ref.componentUsage;
    expected = expectedReceiverType(owner, usage[usage.length - 1], usage.slice(0, -1)) ?? null;
    expectedCache.set(ref, expected);
  }
  return expected ?? undefined;
}

/** The problem with a resolved reference, if any: computed once per resolved reference (they survive unrelated edits). */
const verdicts = new WeakMap<ResolvedReference, { message: string; expected: string } | null>();
function verdict(r: ResolvedReference): { message: string; expected: string } | undefined {
  let v = verdicts.get(r);
  if (v === undefined) {
    v = judge(r) ?? null;
    verdicts.set(r, v);
  }
  return v ?? undefined;
}

function judge(r: ResolvedReference): { message: string; expected: string } | undefined {
  if (!r.target || r.ref.componentUsage.length === 0 || !r.ref.direct) return undefined;
  // The component the reference is an argument of, at any depth (also inside declare bodies).
  const owner = r.ref.component?.name;
  if (!owner) return undefined;
  const usage = r.ref.componentUsage;
  const expected = expectedFor(r.ref, owner);
  if (!expected) return undefined;
  // Custom or unknown components, and pages whose exports the docs do not list: nothing to compare with.
  if (!getComponent(r.target.name) || !exportsKnown(r.target.name)) return undefined;
  const exportName = r.exportName;
  const actual = exportName ? getExport(r.target.name, exportName)?.type : undefined;
  if (actual === expected.type) return undefined;
  const got = exportName
    ? actual
      ? `${r.target.name}.${exportName} is ${actual}`
      : `${r.target.name} has no export named '${exportName}'`
    : `a component, not one of its exports`;
  return {
    message: `${[owner, ...usage].join('.')} expects ${expected.description}, but ${got}`,
    expected: expected.type,
  };
}

/** `logging.write_to`, `tracing.write_to` and `prometheus.scrape.forward_to` given the wrong kind of receiver. */
export const wrongReceiver: ConfigurationRule = {
  code: 'wrong-receiver',
  kind: 'configuration',
  structural: true,
  check(config) {
    const out: Finding[] = [];
    for (const r of config.references) {
      if (!r.target || inBrokenRegion(r.file, r.statement)) continue;
      const v = verdict(r);
      if (v)
        out.push({ code: 'wrong-receiver', ...referenceSite(r), message: v.message, data: { expected: v.expected } });
    }
    return out;
  },
};
