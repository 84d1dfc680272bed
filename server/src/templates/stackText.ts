/** The whole self-monitoring stack of a destination as text, with the templates' own labels. */
import type { Destination } from '../settings';
import { renderBlock, textContext, toText } from './render';
import { DESTINATION_TEMPLATES, pieceOf } from './selfMonitoring';
import type { TemplateSettings } from './types';

export function stackText(destination: Destination, settings: TemplateSettings): string {
  const d = DESTINATION_TEMPLATES[destination];
  const ctx = textContext(settings, (id) => {
    const p = pieceOf(d, id);
    return { name: p.block.name, label: p.block.label ?? '' };
  });
  return `${d.pieces.map((p) => toText(renderBlock(p.block, ctx, p.block.label))).join('\n\n')}\n`;
}
