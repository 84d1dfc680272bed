/** A `prometheus.scrape` of Alloy's own `/metrics` endpoint, what Alloy's packaged default configuration uses. */
import type { ComponentDecl, Configuration } from '../analysis/configuration';

/** Alloy's own HTTP endpoint (`--server.http.listen-addr`, 127.0.0.1:12345 by default) as a scrape target. */
const OWN_ENDPOINT = /__address__"?\s*=\s*"(127\.0\.0\.1|localhost|0\.0\.0\.0|\[::1\]):12345"/;

/** The `prometheus.scrape` components whose literal targets include Alloy's own endpoint (comments aside). */
export function scrapesOwnEndpointDecls(config: Configuration): ComponentDecl[] {
  const out: ComponentDecl[] = [];
  for (const decl of config.allComponents()) {
    if (decl.name !== 'prometheus.scrape') continue;
    const targets = decl.block.attributes.find((a) => a.name === 'targets');
    if (!targets) continue;
    const base = decl.statement.start;
    const text = decl.file.text
      .slice(base + targets.value.span.start, base + targets.value.span.end)
      .replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '');
    if (OWN_ENDPOINT.test(text)) out.push(decl);
  }
  return out;
}
