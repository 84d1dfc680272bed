/**
 * The catalog block a body belongs to, also where the path is not exactly
 * one the catalog lists: blocks that nest in themselves (`stage.match` inside
 * `stage.match`), a block the docs of this release place under another
 * parent, or a fragment whose top-level block is a nested block of some
 * component (`basic_auth { ... }` in a snippet of the docs).
 */
import type { ArgumentSpec, BlockSpec, CatalogView } from '../knowledge';

export interface BodySpec {
  arguments: readonly ArgumentSpec[];
  blocks: readonly BlockSpec[];
  /** Where the facts are documented. */
  docUrl?: string;
  /** The component or config block the facts are from, and the block path there. */
  owner: string;
  path: readonly string[];
  /** Found by the block's name rather than its exact path. */
  approximate: boolean;
}

type ByName = Map<string, { owner: string; path: string[]; block: BlockSpec }[]>;
const byNameCache = new WeakMap<CatalogView, ByName>();

function blocksByName(kb: CatalogView): ByName {
  const cached = byNameCache.get(kb);
  if (cached) return cached;
  const byName: ByName = new Map();
  byNameCache.set(kb, byName);
  for (const spec of [...kb.catalog.components, ...kb.catalog.configBlocks]) {
    const visit = (blocks: BlockSpec[], parent: string[]) => {
      for (const b of blocks) {
        const path = [...parent, b.name];
        const list = byName.get(b.name) ?? [];
        list.push({ owner: spec.name, path, block: b });
        byName.set(b.name, list);
        visit(b.blocks, path);
      }
    };
    visit(spec.blocks, []);
  }
  return byName;
}

function fromBlock(
  kb: CatalogView,
  owner: string,
  path: readonly string[],
  block: BlockSpec,
  approximate: boolean,
): BodySpec {
  return {
    arguments: block.arguments,
    blocks: block.blocks,
    docUrl: kb.getReference(owner)?.docUrl,
    owner,
    path,
    approximate,
  };
}

/** The arguments and blocks of `owner`'s body (empty path) or of its nested block at `path`. */
export function bodySpec(kb: CatalogView, owner: string, path: readonly string[]): BodySpec | undefined {
  const spec = kb.getReference(owner);
  if (path.length === 0) {
    if (spec) return { ...spec, owner, path, approximate: false };
    // A fragment: the top-level block is a nested block of some component.
    const found = blocksByName(kb).get(owner)?.[0];
    return found ? fromBlock(kb, found.owner, found.path, found.block, true) : undefined;
  }
  if (spec) {
    const exact = kb.getBlock(owner, path);
    if (exact) return fromBlock(kb, owner, path, exact, false);
    for (let i = 1; i < path.length; i++) {
      const b = kb.getBlock(owner, path.slice(i));
      if (b) return fromBlock(kb, owner, path.slice(i), b, true);
    }
    const last = path[path.length - 1];
    const same = blocksByName(kb)
      .get(last)
      ?.find((e) => e.owner === owner);
    if (same) return fromBlock(kb, owner, same.path, same.block, true);
    return undefined;
  }
  // A fragment: look the path up below the nested block the fragment starts with.
  const top = bodySpec(kb, owner, []);
  if (!top) return undefined;
  return bodySpec(kb, top.owner, [...top.path, ...path]);
}
