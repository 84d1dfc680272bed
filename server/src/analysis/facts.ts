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
