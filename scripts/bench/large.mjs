// Generated inputs for the large-input rows of the benchmark: a configuration of many small
// `prometheus.scrape` blocks already in `alloy fmt` layout (the shape converters and Helm charts
// produce), and blocks nested many levels deep. Deterministic: the same size gives the same text.

const INTERVALS = ['15s', '30s', '60s', '1m'];

/** One small scrape block of about 210 bytes (9 lines with the blank line before it), in alloy fmt layout. */
function scrapeBlock(i) {
  const n = String(i).padStart(6, '0');
  return [
    `prometheus.scrape "job_${n}" {`,
    `\ttargets = [{`,
    `\t\t__address__ = "host-${n}:9100",`,
    `\t}]`,
    `\tforward_to      = [prometheus.remote_write.default.receiver]`,
    `\tjob_name        = "job_${n}"`,
    `\tscrape_interval = "${INTERVALS[i % INTERVALS.length]}"`,
    `}`,
    '',
  ].join('\n');
}

const HEAD = `prometheus.remote_write "default" {
\tendpoint {
\t\turl = sys.env("PROMETHEUS_URL")
\t}
}
`;

/** A configuration of at least `bytes` bytes: one remote_write and as many scrape blocks as it takes. */
export function generateLarge(bytes) {
  const parts = [HEAD];
  let size = HEAD.length;
  for (let i = 0; size < bytes; i++) {
    const block = `\n${scrapeBlock(i)}`;
    parts.push(block);
    size += block.length;
  }
  return parts.join('');
}

/**
 * `depth` blocks nested in one another, one per line and not indented (indented as alloy fmt
 * indents them, 10,000 levels would be 50 MB of tabs), with an attribute at the bottom.
 */
export function generateDeep(depth) {
  return `${'b {\n'.repeat(depth)}a = 1\n${'}\n'.repeat(depth)}`;
}
