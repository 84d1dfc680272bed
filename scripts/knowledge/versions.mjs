// @ts-check
// Merges the catalogs of several Alloy releases into one: every component,
// config block, argument, block, export, object field and standard-library
// function appears once, with `in` naming the releases that have it (absent:
// every release) and `variants` holding the properties that differ in older
// releases (a type, a required flag, a default, a stability, ...).
//
// Releases are ordered oldest first; the newest release that has an entry
// gives its properties. `in` is written as runs over that order, e.g.
// "1.16..dev", "1.13" or "1.13..1.14,1.17..dev". In a variant a property the
// older release does not have is written as null.
//
// server/src/knowledge/versions.ts reads this form back into the catalog of
// one release.

/** Version name of the development snapshot, after every release. */
export const DEVELOPMENT = 'dev';

/** Lists of named children that are merged by name, recursively. */
const CHILDREN = ['arguments', 'blocks', 'exports', 'fields'];
/** Properties kept from the newest release only (what the generator could not read; informational). */
const NEWEST_ONLY = new Set(['issues']);

/**
 * @param {number[]} indexes sorted positions in `versions`
 * @param {string[]} versions
 */
export function formatRanges(indexes, versions) {
  /** @type {string[]} */
  const runs = [];
  for (let i = 0; i < indexes.length; i++) {
    let j = i;
    while (j + 1 < indexes.length && indexes[j + 1] === indexes[j] + 1) j++;
    runs.push(i === j ? versions[indexes[i]] : `${versions[indexes[i]]}..${versions[indexes[j]]}`);
    i = j;
  }
  return runs.join(',');
}

const byName = (/** @type {{name: string}} */ a, /** @type {{name: string}} */ b) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/**
 * @param {({ name: string } & Record<string, unknown>)[][]} lists one list per release (undefined entries allowed)
 * @param {number[]} releases the release index of each list
 * @param {string[]} versions
 * @returns {Record<string, unknown>[]}
 */
function mergeLists(lists, releases, versions) {
  /** @type {Map<string, { release: number, entry: Record<string, unknown> }[]>} */
  const byNameMap = new Map();
  lists.forEach((list, i) => {
    for (const entry of list ?? []) {
      const seen = byNameMap.get(entry.name) ?? [];
      // The generator keeps the first of two rows with one name; so does the merge.
      if (!seen.some((s) => s.release === releases[i])) seen.push({ release: releases[i], entry });
      byNameMap.set(entry.name, seen);
    }
  });
  const out = [];
  for (const [name, seen] of byNameMap) {
    const newest = seen[seen.length - 1].entry;
    /** @type {Record<string, unknown>} */
    const merged = { name };
    if (seen.length < versions.length) {
      merged.in = formatRanges(
        seen.map((s) => s.release),
        versions,
      );
    }
    // Scalar properties: the newest release's, with older differences as variants.
    const keys = new Set();
    for (const s of seen) for (const k of Object.keys(s.entry)) keys.add(k);
    const scalar = [...keys].filter((k) => k !== 'name' && !CHILDREN.includes(k) && !NEWEST_ONLY.has(k));
    for (const k of Object.keys(newest)) {
      if (k === 'name') continue;
      if (CHILDREN.includes(k)) {
        const children = mergeLists(
          seen.map((s) => /** @type {any} */ (s.entry[k]) ?? []),
          seen.map((s) => s.release),
          versions,
        );
        merged[k] = children;
      } else merged[k] = newest[k];
    }
    // Children lists that only older releases have (an argument that lost its fields).
    for (const k of CHILDREN) {
      if (k in merged || !seen.some((s) => k in s.entry)) continue;
      merged[k] = mergeLists(
        seen.map((s) => /** @type {any} */ (s.entry[k]) ?? []),
        seen.map((s) => s.release),
        versions,
      );
    }
    /** @type {Map<string, { diff: Record<string, unknown>, releases: number[] }>} */
    const variants = new Map();
    for (const s of seen.slice(0, -1)) {
      /** @type {Record<string, unknown>} */
      const diff = {};
      for (const k of scalar) {
        const a = JSON.stringify(s.entry[k] ?? null);
        const b = JSON.stringify(newest[k] ?? null);
        if (a !== b) diff[k] = s.entry[k] ?? null;
      }
      if (Object.keys(diff).length === 0) continue;
      const key = JSON.stringify(diff);
      const v = variants.get(key) ?? { diff, releases: [] };
      v.releases.push(s.release);
      variants.set(key, v);
    }
    if (variants.size > 0) {
      merged.variants = [...variants.values()]
        .sort((a, b) => a.releases[0] - b.releases[0])
        .map((v) => ({ in: formatRanges(v.releases, versions), ...v.diff }));
    }
    out.push(merged);
  }
  return out.sort(byName);
}

/**
 * @param {{ version: string, catalog: { components: any[], configBlocks: any[], stdlib: any[] } }[]} built oldest first
 */
export function mergeReleases(built) {
  const versions = built.map((b) => b.version);
  const releases = built.map((_, i) => i);
  return {
    components: mergeLists(
      built.map((b) => b.catalog.components),
      releases,
      versions,
    ),
    configBlocks: mergeLists(
      built.map((b) => b.catalog.configBlocks),
      releases,
      versions,
    ),
    stdlib: mergeLists(
      built.map((b) => b.catalog.stdlib),
      releases,
      versions,
    ),
  };
}
