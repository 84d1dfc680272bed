/**
 * The facts the rules need from the knowledge layer, in one place, so the
 * rules do not depend on how the catalog is organised.
 */
const NAMESPACES = new Set([
  'beyla',
  'database_observability',
  'discovery',
  'faro',
  'local',
  'loki',
  'mimir',
  'otelcol',
  'prometheus',
  'pyroscope',
  'remote',
]);

export function componentNamespaces(): ReadonlySet<string> {
  return NAMESPACES;
}

const DEPRECATED: Record<string, string> = { env: 'sys.env' };
export function deprecatedFunction(name: string): string | undefined {
  return DEPRECATED[name];
}

export function mustBeReferenced(_name: string): string | undefined {
  return undefined;
}

export function getComponent(_name: string): object | undefined {
  return undefined;
}

export function getExport(_component: string, _name: string): { type: string } | undefined {
  return undefined;
}

export function expectedReceiverType(
  _owner: string,
  _attribute: string,
): { type: string; description: string } | undefined {
  return undefined;
}

export function isSecretArgument(_component: string, _path: string[], _name: string): boolean {
  return false;
}
