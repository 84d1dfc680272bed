/**
 * VS Code snippets generated from the self-monitoring templates
 * (`npm run snippets` writes snippets/alloy.code-snippets; a test fails when
 * the committed file differs from what this produces).
 */
import { DEFAULT_SETTINGS, type Destination } from '../settings';
import { renderBlock, settingLiteral, toSnippet, type Hole, type Line, type RenderContext } from './render';
import { DESTINATION_TEMPLATES, pieceOf } from './selfMonitoring';
import type { DestinationTemplate, SettingKey } from './types';

export const LANGUAGE_ID = 'grafana-alloy';

const CHOICES: Partial<Record<SettingKey, string[]>> = {
  logLevel: ['error', 'warn', 'info', 'debug'],
  logFormat: ['logfmt', 'json'],
};

function snippetContext(destination: DestinationTemplate): RenderContext {
  const defaults = DEFAULT_SETTINGS.selfMonitoring;
  return {
    target: (id) => {
      const p = pieceOf(destination, id);
      return { name: p.block.name, label: { key: `label:${id}`, text: p.block.label ?? '' } };
    },
    setting: (key) => {
      const literal = settingLiteral(defaults, key);
      const choices = CHOICES[key];
      if (choices) {
        const value = JSON.parse(literal) as string;
        const hole: Hole = {
          key: `setting:${key}`,
          text: value,
          choices: [value, ...choices.filter((c) => c !== value)],
        };
        return ['"', hole, '"'];
      }
      if (literal.startsWith('"')) return ['"', { key: `setting:${key}`, text: JSON.parse(literal) as string }, '"'];
      return [{ key: `setting:${key}`, text: literal }];
    },
    env: (name) => ({ key: `env:${name}`, text: name }),
  };
}

/** The lines of pieces of one destination, separated by blank lines. */
function body(destination: DestinationTemplate, ids: string[]): Line[] {
  const ctx = snippetContext(destination);
  const out: Line[] = [];
  for (const id of ids) {
    const p = pieceOf(destination, id);
    if (out.length) out.push([]);
    out.push(...renderBlock(p.block, ctx, p.block.label === undefined ? undefined : ctx.target(id).label));
  }
  return out;
}

interface Snippet {
  prefix: string;
  description: string;
  scope: string;
  body: string[];
}

const PIECE_SNIPPETS: { name: string; prefix: string; ids: string[]; description: string }[] = [
  {
    name: 'Alloy logging block',
    prefix: 'alloy-logging',
    ids: ['logging'],
    description: "logging block sending Alloy's own logs to loki.write",
  },
  {
    name: 'Alloy tracing block',
    prefix: 'alloy-tracing',
    ids: ['tracing'],
    description: "tracing block sending a fraction of Alloy's own traces to an OTLP exporter",
  },
  {
    name: "Alloy's own metrics",
    prefix: 'alloy-self-metrics',
    ids: ['selfExporter', 'selfScrape'],
    description: 'prometheus.exporter.self scraped by prometheus.scrape',
  },
  {
    name: 'loki.write to Grafana Cloud',
    prefix: 'alloy-loki-write',
    ids: ['logsReceiver'],
    description: 'loki.write with its endpoint and basic auth read from the environment',
  },
  {
    name: 'otelcol.exporter.otlphttp to Grafana Cloud',
    prefix: 'alloy-otlphttp',
    ids: ['otlpExporter'],
    description: 'otelcol.exporter.otlphttp with its endpoint and authorization read from the environment',
  },
];

/** Every snippet, by display name. */
export function snippets(): Record<string, Snippet> {
  const out: Record<string, Snippet> = {};
  const cloud = DESTINATION_TEMPLATES['grafana-cloud'];
  for (const s of PIECE_SNIPPETS) {
    out[s.name] = {
      prefix: s.prefix,
      description: s.description,
      scope: LANGUAGE_ID,
      body: toSnippet(body(cloud, s.ids)),
    };
  }
  for (const id of Object.keys(DESTINATION_TEMPLATES) as Destination[]) {
    const d = DESTINATION_TEMPLATES[id];
    const prefix = id === 'grafana-cloud' ? 'alloy-self-monitoring' : `alloy-self-monitoring-${id}`;
    out[`Alloy self-monitoring (${d.title})`] = {
      prefix,
      description: `Alloy's own metrics, logs and traces sent to ${d.title === 'Grafana Cloud' ? d.title : `a ${d.title}`}; reads ${d.env.map((e) => e.name).join(', ')}`,
      scope: LANGUAGE_ID,
      body: toSnippet(
        body(
          d,
          d.pieces.map((p) => p.id),
        ),
      ),
    };
  }
  return out;
}

/** The text of snippets/alloy.code-snippets. */
export function snippetsFile(): string {
  const header = '// Generated from server/src/templates by `npm run snippets`; edit the templates, not this file.\n';
  return `${header}${JSON.stringify(snippets(), null, 2)}\n`;
}
