import type { BlockInfo } from '../model/types';
import type { LocalFinding, StatementRule } from './rule';

/** The same attribute twice in one block body: Alloy refuses the configuration. */
export const duplicateAttribute: StatementRule = {
  code: 'duplicate-attribute',
  kind: 'statement',
  check(statement) {
    const out: LocalFinding[] = [];
    const top = statement.block;
    if (!top || statement.syntax.length > 0) return out;
    const stack: BlockInfo[] = [top];
    while (stack.length > 0) {
      const block = stack.pop()!;
      const seen = new Map<string, number>();
      for (const a of block.attributes) {
        const first = seen.get(a.name);
        if (first === undefined) {
          seen.set(a.name, a.nameSpan.start);
          continue;
        }
        out.push({
          span: a.nameSpan,
          message: `'${a.name}' is already set in this block${block === top ? ` (${top.name})` : ` '${block.name}'`}; Alloy refuses an attribute set twice`,
          data: { name: a.name, first },
        });
      }
      for (const inner of block.blocks) stack.push(inner);
    }
    return out;
  },
};
