/**
 * What a component does with the data it is sent: the recorded facts of
 * knowledge/signals.ts, else what the catalog's types say (the signal of its
 * receiver export; `pass` when it has arguments that send data on).
 */
import { getComponent, receiverSignal } from '../knowledge';
import type { ArgumentSpec, BlockSpec } from '../knowledge/schema';
import { signalFact, type Behaviour, type DataSignal } from '../knowledge/signals';

export interface ComponentBehaviour {
  behaviour: Behaviour | 'unknown';
  accepts: (DataSignal | 'targets')[];
  /** What it sends on for a signal it accepts. */
  emits(signal: DataSignal | 'targets'): readonly (DataSignal | 'targets')[];
}

const cache = new Map<string, ComponentBehaviour>();
const UNKNOWN: ComponentBehaviour = { behaviour: 'unknown', accepts: [], emits: () => [] };

function elementType(type: string): string {
  return /^list\((.*)\)$/.exec(type)?.[1] ?? type;
}

/** The signals the arguments of a component send on (`forward_to` of logs receivers -> logs, `output.traces` -> traces). */
function outputs(args: ArgumentSpec[], blocks: BlockSpec[], inOutput = false): Set<DataSignal | 'targets'> {
  const out = new Set<DataSignal | 'targets'>();
  for (const a of args) {
    const t = elementType(a.type);
    const role = receiverSignal(t);
    if (!role || t === 'list(map(string))') continue;
    if (t === 'otelcol.Consumer') {
      if (inOutput && ['metrics', 'logs', 'traces'].includes(a.name)) out.add(a.name as DataSignal);
      else for (const f of role.flows) if (f !== 'targets') out.add(f);
    } else for (const f of role.flows) out.add(f);
  }
  for (const b of blocks) for (const s of outputs(b.arguments, b.blocks, b.name === 'output')) out.add(s);
  return out;
}

/** The behaviour of a built-in component (cached; unknown names are not cached). */
export function behaviourOf(name: string): ComponentBehaviour {
  const hit = cache.get(name);
  if (hit) return hit;
  const spec = getComponent(name);
  if (!spec) return UNKNOWN;
  const sends = outputs(spec.arguments, spec.blocks);
  const exportsTargets = spec.exports.some((e) => e.type === 'list(map(string))');
  const fact = signalFact(name);
  let result: ComponentBehaviour;
  if (fact) {
    result = {
      behaviour: fact.behaviour,
      accepts: [...fact.accepts],
      emits: (s) => fact.emits?.[s] ?? (s === 'targets' ? [...sends] : [s]),
    };
  } else {
    const accepts = new Set<DataSignal | 'targets'>();
    for (const e of spec.exports) {
      const role = receiverSignal(e.type);
      if (!role || e.type === 'list(map(string))') continue;
      for (const f of role.flows) accepts.add(f);
    }
    const takesTargets = spec.arguments.some((a) => a.name === 'targets' && a.type === 'list(map(string))');
    if (takesTargets) accepts.add('targets');
    const behaviour: Behaviour = accepts.size === 0 ? 'source' : sends.size > 0 || exportsTargets ? 'pass' : 'backend';
    result = {
      behaviour,
      accepts: [...accepts],
      emits: (s) => (s === 'targets' ? [...sends, ...(exportsTargets ? (['targets'] as const) : [])] : [s]),
    };
  }
  cache.set(name, result);
  return result;
}
