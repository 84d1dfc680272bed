/**
 * Alloy releases in the merged catalog: reading the catalog of one release
 * back out of the generated file, and when a name comes and goes.
 *
 * The generated file lists every entry once with the releases that have it
 * (`in`, runs over the release order such as `1.16..dev`; absent = every
 * release) and the properties older releases give differently (`variants`).
 * See scripts/knowledge/versions.mjs for the writing side.
 */
import type { Catalog, ReleaseInfo, Versioned } from './schema';

/** Version name of the development snapshot (newer than every release). */
export const DEVELOPMENT = 'dev';

/** Lists of named children, merged by name (the same list as the generator's). */
const CHILDREN = ['arguments', 'blocks', 'exports', 'fields'] as const;

type Raw = { name: string } & Versioned & Record<string, unknown>;

/** The set of versions a range string such as `1.13..1.15,dev` covers. */
export function parseRanges(spec: string, versions: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const run of spec.split(',')) {
    const [from, to = from] = run.split('..');
    const a = versions.indexOf(from);
    const b = versions.indexOf(to);
    if (a < 0 || b < a) continue;
    for (let i = a; i <= b; i++) out.add(versions[i]);
  }
  return out;
}

export class Releases {
  /** Oldest first, the development snapshot last. */
  readonly versions: readonly string[];
  /** The newest release (not the development snapshot): the default. */
  readonly newest: string;
  private readonly rangeCache = new Map<string, Set<string>>();

  constructor(readonly releases: readonly ReleaseInfo[]) {
    this.versions = releases.map((r) => r.version);
    const tagged = releases.filter((r) => r.tag !== undefined);
    this.newest = (tagged[tagged.length - 1] ?? releases[releases.length - 1]).version;
  }

  /** The versions an entry is in. */
  of(entry: Versioned): ReadonlySet<string> {
    if (entry.in === undefined) return new Set(this.versions);
    let set = this.rangeCache.get(entry.in);
    if (!set) {
      set = parseRanges(entry.in, this.versions);
      this.rangeCache.set(entry.in, set);
    }
    return set;
  }

  has(entry: Versioned, version: string): boolean {
    return entry.in === undefined || this.of(entry).has(version);
  }

  /**
   * A version as users write it (`1.16`, `v1.16.3`, `1.16.0`, `dev`) as the
   * catalog names it, or undefined when the catalog does not cover it.
   */
  normalize(input: string): string | undefined {
    const text = input.trim().toLowerCase();
    if (text === DEVELOPMENT || text === 'development' || text === 'main') return DEVELOPMENT;
    const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(text);
    if (!m) return undefined;
    const name = `${Number(m[1])}.${Number(m[2])}`;
    return this.versions.includes(name) ? name : undefined;
  }

  /** How messages name a version: `v1.16`, or `the development version`. */
  label(version: string): string {
    return version === DEVELOPMENT ? 'the development version of Alloy' : `Alloy v${version}`;
  }

  /**
   * Why a name that `version` lacks exists elsewhere: "was removed after Alloy
   * v1.18", "needs Alloy v1.16 or later", or undefined when no release has it.
   */
  note(present: ReadonlySet<string>, version: string): string | undefined {
    if (present.size === 0 || present.has(version)) return undefined;
    const at = this.versions.indexOf(version);
    const later = this.versions.filter((v, i) => i > at && present.has(v));
    const earlier = this.versions.filter((v, i) => i < at && present.has(v));
    const newer = (v: string) => (v === DEVELOPMENT ? 'the development version of Alloy' : `Alloy v${v} or later`);
    if (earlier.length === 0) return `needs ${newer(later[0])}`;
    const removed = `was removed after Alloy v${earlier[earlier.length - 1]}`;
    return later.length === 0 ? removed : `${removed} (it is back in ${newer(later[0])})`;
  }

  /** The catalog of one version: entries it has, with its own property values. */
  select(merged: Catalog, version: string): Catalog {
    const pick = <T>(list: readonly unknown[]): T[] => {
      const out: T[] = [];
      for (const item of list as Raw[]) {
        if (!this.has(item, version)) continue;
        out.push(this.project(item, version) as T);
      }
      return out;
    };
    const release = merged.provenance.releases.find((r) => r.version === version);
    return {
      provenance: {
        ...merged.provenance,
        counts: release?.counts ?? merged.provenance.counts,
        unresolvedIncludes: release?.unresolvedIncludes ?? merged.provenance.unresolvedIncludes,
        version,
      },
      components: pick(merged.components),
      configBlocks: pick(merged.configBlocks),
      stdlib: pick(merged.stdlib),
    };
  }

  private project(item: Raw, version: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(item)) {
      if (k === 'in' || k === 'variants') continue;
      if ((CHILDREN as readonly string[]).includes(k)) {
        const children = (v as Raw[]).filter((c) => this.has(c, version)).map((c) => this.project(c, version));
        if (k === 'fields' && children.length === 0) continue;
        out[k] = children;
      } else out[k] = v;
    }
    for (const variant of item.variants ?? []) {
      if (!this.of(variant).has(version)) continue;
      for (const [k, v] of Object.entries(variant)) {
        if (k === 'in') continue;
        if (v === null) delete out[k];
        else out[k] = v;
      }
    }
    return out;
  }
}
