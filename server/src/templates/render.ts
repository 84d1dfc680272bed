/**
 * Renders template blocks in the layout `alloy fmt` prints: tab indentation,
 * the `=` of consecutive attributes aligned, one blank line between
 * top-level blocks. The output is a list of segments so that the same walk
 * yields plain text (code actions) and VS Code snippet bodies (tab stops).
 */
import { DEFAULT_SETTINGS } from '../settings';
import type { Expr, SettingKey, TemplateBlock, TemplateSettings } from './types';

/** A part of the text a snippet turns into a tab stop; plain text uses `text`. */
export interface Hole {
  /** Holes with the same key are one tab stop (edited together). */
  key: string;
  text: string;
  /** Offered values (a snippet choice); `text` is the first. */
  choices?: string[];
}

export type Segment = string | Hole;
export type Line = Segment[];

export interface RenderContext {
  /** Component name and label of the piece with this id (the block itself or one it refers to). */
  target(piece: string): { name: string; label: Segment };
  setting(key: SettingKey): Segment[];
  env(name: string): Segment;
}

/** The sampling fraction a template uses: the setting, unless it is 0 (which records nothing). */
export function samplingFraction(settings: TemplateSettings): number {
  return settings.samplingFraction > 0 ? settings.samplingFraction : DEFAULT_SETTINGS.selfMonitoring.samplingFraction;
}

/** The text of a setting's value as an Alloy literal. */
export function settingLiteral(settings: TemplateSettings, key: SettingKey): string {
  switch (key) {
    case 'samplingFraction':
      return String(samplingFraction(settings));
    case 'scrapeInterval':
      return JSON.stringify(settings.scrapeInterval);
    case 'logLevel':
      return JSON.stringify(settings.logLevel);
    case 'logFormat':
      return JSON.stringify(settings.logFormat);
  }
}

/** A context for plain text: settings are literals, references use `target`. */
export function textContext(
  settings: TemplateSettings,
  target: (piece: string) => { name: string; label: string },
): RenderContext {
  return {
    target,
    setting: (key) => [settingLiteral(settings, key)],
    env: (name) => name,
  };
}

function quote(s: string): string {
  return JSON.stringify(s);
}

function expr(e: Expr, ctx: RenderContext, depth: number): Line[] {
  switch (e.kind) {
    case 'string':
      return [[quote(e.value)]];
    case 'number':
      return [[String(e.value)]];
    case 'env':
      return [['sys.env("', ctx.env(e.name), '")']];
    case 'setting':
      return [ctx.setting(e.key)];
    case 'ref': {
      const t = ctx.target(e.piece);
      return [[`${t.name}.`, t.label, `.${e.field}`]];
    }
    case 'concat':
    case 'list': {
      const parts = (e.kind === 'concat' ? e.parts : e.items).map((p) => {
        const lines = expr(p, ctx, depth);
        if (lines.length !== 1) throw new Error('multi-line values are only supported as attribute values');
        return lines[0];
      });
      const sep = e.kind === 'concat' ? ' + ' : ', ';
      const line: Line = e.kind === 'list' ? ['['] : [];
      parts.forEach((p, i) => line.push(...(i > 0 ? [sep] : []), ...p));
      if (e.kind === 'list') line.push(']');
      return [line];
    }
    case 'object': {
      const width = Math.max(...e.fields.map(([k]) => quote(k).length));
      const inner = '\t'.repeat(depth + 1);
      const lines: Line[] = [['{']];
      for (const [k, v] of e.fields) {
        const value = expr(v, ctx, depth + 1);
        lines.push([inner, quote(k).padEnd(width), ' = ', ...value[0]], ...value.slice(1));
        lines[lines.length - 1].push(',');
      }
      lines.push(['\t'.repeat(depth), '}']);
      return lines;
    }
  }
}

/** Renders a single expression (an attribute's value) at `depth` tabs. */
export function renderValue(e: Expr, ctx: RenderContext, depth = 0): Line[] {
  return expr(e, ctx, depth);
}

/**
 * Renders a block at `depth` tabs. `label` is the block's own label (a
 * component's), or undefined for config blocks and nested blocks.
 */
export function renderBlock(block: TemplateBlock, ctx: RenderContext, label?: Segment, depth = 0): Line[] {
  const indent = '\t'.repeat(depth);
  const header: Line = [indent, block.name];
  if (label !== undefined) header.push(' "', label, '"');
  if (block.body.length === 0) return [[...header, ' { }']];
  const lines: Line[] = [[...header, ' {']];
  const body = block.body;
  for (let i = 0; i < body.length; i++) {
    const item = body[i];
    if (item.type === 'block') {
      // alloy fmt separates a nested block from the statement before it with a blank line.
      if (i > 0) lines.push([]);
      lines.push(...renderBlock(item, ctx, undefined, depth + 1));
      continue;
    }
    // A run of consecutive attributes shares the column of its `=`.
    let end = i;
    while (end + 1 < body.length && body[end + 1].type === 'attribute') end++;
    const width = Math.max(...body.slice(i, end + 1).map((a) => a.name.length));
    for (; i <= end; i++) {
      const a = body[i];
      if (a.type !== 'attribute') continue;
      const value = expr(a.value, ctx, depth + 1);
      lines.push([`${indent}\t${a.name.padEnd(width)} = `, ...value[0]], ...value.slice(1));
    }
    i = end;
  }
  lines.push([indent, '}']);
  return lines;
}

/** Plain text of lines (holes give their default text). */
export function toText(lines: Line[]): string {
  return lines.map((l) => l.map((s) => (typeof s === 'string' ? s : s.text)).join('')).join('\n');
}

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/**
 * VS Code snippet body lines: each hole key becomes one tab stop (numbered in
 * order of first appearance); later occurrences mirror the first.
 */
export function toSnippet(lines: Line[]): string[] {
  const numbers = new Map<string, number>();
  return lines.map((l) =>
    l
      .map((s) => {
        if (typeof s === 'string') return escapeSnippet(s);
        const seen = numbers.get(s.key);
        if (seen !== undefined) return `\${${seen}}`;
        const n = numbers.size + 1;
        numbers.set(s.key, n);
        if (s.choices) return `\${${n}|${s.choices.map((c) => c.replace(/[\\$}|,]/g, (x) => `\\${x}`)).join(',')}|}`;
        return `\${${n}:${escapeSnippet(s.text)}}`;
      })
      .join(''),
  );
}
