/** The two rules the signal-flow graph adds: a signal its consumer does not take, and data that goes nowhere. */
import { annotatedGraph, deadEnds } from '../graph/annotate';
import { behaviourOf } from '../graph/behaviour';
import { nodeTitle } from '../graph/render';
import type { ConfigurationRule, Finding } from './rule';

/** A connection whose consumer does not take the signal sent through it (it is dropped there). */
export const signalNotAccepted: ConfigurationRule = {
  code: 'signal-not-accepted',
  kind: 'configuration',
  check(config) {
    if (config.hasSyntaxErrors) return [];
    const g = annotatedGraph(config);
    const out: Finding[] = [];
    for (const e of g.edges) {
      if (e.accepted || e.wrongType) continue;
      const to = g.node(e.to);
      const from = g.node(e.from);
      if (!to || !from) continue;
      const takes = to.accepts.filter((a) => a !== 'targets');
      const what = e.carries.join(' and ');
      out.push({
        code: 'signal-not-accepted',
        uri: e.uri,
        span: e.span,
        message: `${nodeTitle(to)} does not take ${what}: what ${from.name}.${e.attribute} sends it is dropped${takes.length ? ` (it takes ${takes.join(', ')})` : ''}`,
        data: { target: to.id, carries: e.carries, accepts: takes },
      });
    }
    return out;
  },
};

/** A component that passes data on, is sent some, and has nowhere to send it. */
export const signalDeadEnd: ConfigurationRule = {
  code: 'signal-dead-end',
  kind: 'configuration',
  check(config) {
    if (config.hasSyntaxErrors) return [];
    const g = annotatedGraph(config);
    const out: Finding[] = [];
    for (const node of g.nodes) {
      const lost = deadEnds(g, node);
      if (lost.length === 0) continue;
      const emitted = [...new Set(lost.flatMap((s) => behaviourOf(node.name).emits(s)))];
      const where = node.name.startsWith('otelcol.')
        ? `its output block has no ${emitted.join(' or ')} list`
        : 'its forward_to is empty';
      out.push({
        code: 'signal-dead-end',
        uri: node.uri,
        span: node.nameSpan,
        message: `${nodeTitle(node)} receives ${lost.join(' and ')} but sends them nowhere: ${where}`,
        data: { node: node.id, signals: lost },
      });
    }
    return out;
  },
};
