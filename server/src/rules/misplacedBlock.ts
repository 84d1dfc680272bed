import { SINGLETON_BLOCKS } from '../analysis/configuration';
import type { BlockInfo } from '../model/types';
import type { LocalFinding, StatementRule } from './rule';

/** Config blocks that no component has as a nested block of its own. */
const ALWAYS_CONFIG = new Set(['logging', 'tracing', 'remotecfg', 'livedebugging', 'labelstore']);

/**
 * Blocks in places Alloy does not accept them: config blocks (`logging`,
 * `tracing`, `http`, ...) anywhere but the top level, in particular inside
 * `declare` or `foreach`; `argument`/`export` outside a module body;
 * attributes at the top level.
 */
export const misplacedBlock: StatementRule = {
  code: 'misplaced-block',
  kind: 'statement',
  structural: true,
  check(statement) {
    const out: LocalFinding[] = [];
    if (statement.kind === 'attribute' && statement.attribute) {
      out.push({
        span: statement.attribute.nameSpan,
        message: `attribute '${statement.attribute.name}' at the top level: Alloy only accepts blocks here`,
      });
    }
    const top = statement.block;
    if (!top) return out;
    // Iterative walk over nested blocks: [block, its parent's name, the top-level block's name].
    const stack: [BlockInfo, BlockInfo][] = top.blocks.map((b) => [b, top]);
    while (stack.length > 0) {
      const [block, parent] = stack.pop()!;
      // Components have nested blocks of their own called `http` (otelcol.receiver.otlp): only a
      // body that holds configuration statements (declare, a foreach template) makes those config blocks.
      const statementBody = parent.name === 'declare' || parent.name === 'template' || parent.name === 'foreach';
      if (SINGLETON_BLOCKS.has(block.name) && (statementBody || ALWAYS_CONFIG.has(block.name))) {
        const where =
          top.name === 'declare' || top.name === 'foreach' ? `inside '${top.name}'` : `inside '${parent.name}'`;
        out.push({
          span: block.nameSpan,
          message: `'${block.name}' is not allowed ${where}: it configures Alloy itself and must be a top-level block of the root configuration`,
          data: { block: block.name, container: top.name },
        });
      } else if ((block.name === 'argument' || block.name === 'export') && parent.name !== 'declare') {
        out.push({
          span: block.nameSpan,
          message: `'${block.name}' blocks belong at the top level of a module or directly inside 'declare', not inside '${parent.name}'`,
        });
      }
      for (const inner of block.blocks) stack.push([inner, block]);
    }
    return out;
  },
};
