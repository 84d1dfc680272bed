/** Locations that findings point at, shared by the configuration rules. */
import type { BlockSite, ResolvedReference } from '../analysis/configuration';
import { absolute } from '../model/types';
import { inBrokenRegion } from '../syntax/alloySyntax';

/** A block outside every region with syntax errors: structural rules judge only those. */
export function parsed(s: BlockSite): boolean {
  return !inBrokenRegion(s.file, s.statement);
}

/** The name of a block, where a finding about the block goes. */
export function blockSite(s: BlockSite) {
  return { uri: s.file.uri, span: absolute(s.block.nameSpan, s.statement.start) };
}

/** The span of a reference expression. */
export function referenceSite(r: ResolvedReference) {
  return { uri: r.file.uri, span: absolute(r.ref.span, r.statement.start) };
}
