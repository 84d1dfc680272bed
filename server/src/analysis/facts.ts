/**
 * The facts the rules need from the knowledge layer, in one place, so the
 * rules do not depend on how the catalog is organised.
 */
export {
  componentNamespaces,
  deprecatedFunction,
  expectedReceiverType,
  exportsKnown,
  getComponent,
  getExport,
  isSecretArgument,
  mustBeReferenced,
} from '../knowledge';
import { getArgument, typeContainsSecret } from '../knowledge';

/** Whether an argument's type holds secrets somewhere inside (`map(secret)`, `map(list(secret))`, ...). */
export function argumentContainsSecret(owner: string, path: readonly string[], name: string): boolean {
  const arg = getArgument(owner, path, name);
  return arg !== undefined && typeContainsSecret(arg.type);
}
