import type { ComponentDecl, ResolvedReference } from '../analysis/configuration';
import type { BlockInfo, ReferenceInfo } from '../model/types';
import { referenceSite } from './sites';
import type { ConfigurationRule, Finding } from './rule';

/** The innermost block around a reference that could be a component (cached: both survive unrelated edits). */
const owners = new WeakMap<ReferenceInfo, BlockInfo | null>();
function ownerBlock(top: BlockInfo, ref: ReferenceInfo): BlockInfo | undefined {
  const cached = owners.get(ref);
  if (cached !== undefined) return cached ?? undefined;
  let owner: BlockInfo | undefined;
  // Components sit at the top level, in declare bodies and in foreach templates.
  const stack: BlockInfo[] = [top];
  while (stack.length > 0) {
    const b = stack.pop()!;
    if (ref.span.start < b.span.start || ref.span.end > b.span.end) continue;
    if (b.label !== undefined) owner = b;
    if (b.name === 'declare' || b.name === 'foreach' || b.name === 'template') stack.push(...b.blocks);
  }
  owners.set(ref, owner ?? null);
  return owner;
}

/**
 * Components that reference each other in a cycle (`a` reads `b`, `b` reads
 * `a`): Alloy refuses to load the configuration. One finding per cycle, on
 * the reference that closes it in its first component, naming the cycle.
 */
export const referenceCycle: ConfigurationRule = {
  code: 'reference-cycle',
  kind: 'configuration',
  check(config) {
    // Edges: the component a reference stands in -> the component it reads.
    const edges = new Map<ComponentDecl, { to: ComponentDecl; ref: ResolvedReference }[]>();
    const declOf = new Map<BlockInfo, ComponentDecl>();
    for (const d of config.allComponents()) declOf.set(d.block, d);
    for (const r of config.references) {
      if (!r.target || r.statement.syntax.length > 0 || !r.statement.block) continue;
      const block = ownerBlock(r.statement.block, r.ref);
      const from = block ? declOf.get(block) : undefined;
      if (!from) continue;
      const list = edges.get(from) ?? [];
      list.push({ to: r.target, ref: r });
      edges.set(from, list);
    }
    // Tarjan's strongly connected components, iteratively.
    const index = new Map<ComponentDecl, number>();
    const low = new Map<ComponentDecl, number>();
    const onStack = new Set<ComponentDecl>();
    const stack: ComponentDecl[] = [];
    const out: Finding[] = [];
    let counter = 0;
    for (const root of edges.keys()) {
      if (index.has(root)) continue;
      const work: { node: ComponentDecl; i: number }[] = [{ node: root, i: 0 }];
      index.set(root, counter);
      low.set(root, counter++);
      stack.push(root);
      onStack.add(root);
      while (work.length > 0) {
        const top = work[work.length - 1];
        const next = edges.get(top.node) ?? [];
        if (top.i < next.length) {
          const to = next[top.i++].to;
          if (!index.has(to)) {
            index.set(to, counter);
            low.set(to, counter++);
            stack.push(to);
            onStack.add(to);
            work.push({ node: to, i: 0 });
          } else if (onStack.has(to)) low.set(top.node, Math.min(low.get(top.node)!, index.get(to)!));
          continue;
        }
        work.pop();
        if (work.length > 0) {
          const parent = work[work.length - 1].node;
          low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
        }
        if (low.get(top.node) !== index.get(top.node)) continue;
        const members: ComponentDecl[] = [];
        let m: ComponentDecl;
        do {
          m = stack.pop()!;
          onStack.delete(m);
          members.push(m);
        } while (m !== top.node);
        const set = new Set(members);
        const self = members.length === 1 && (edges.get(members[0]) ?? []).some((e) => e.to === members[0]);
        if (members.length < 2 && !self) continue;
        // Report on the first member (in file order) at its reference into the cycle.
        members.sort((a, b) =>
          a.file.uri < b.file.uri ? -1 : a.file.uri > b.file.uri ? 1 : a.statement.start - b.statement.start,
        );
        const first = members[0];
        const edge = (edges.get(first) ?? []).find((e) => set.has(e.to))!;
        const names = members.map((d) => d.key);
        out.push({
          code: 'reference-cycle',
          ...referenceSite(edge.ref),
          message:
            members.length === 1
              ? `${first.key} references itself; Alloy refuses a configuration whose components form a cycle`
              : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} reference each other in a cycle; Alloy refuses to load it`,
          data: { cycle: names },
        });
      }
    }
    return out;
  },
};
