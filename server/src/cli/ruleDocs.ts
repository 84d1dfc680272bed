/**
 * Where the rules are documented: the package's README (server/README.md, shipped in the npm package), one section
 * per rule whose heading is the rule's code. A test checks that every rule has its section.
 */

/** The package's page: where its README is shown (npm renders the README of the package named alloy-analyzer). */
export const DOCS_URL = 'https://www.npmjs.com/package/alloy-analyzer';

/** The anchor of a rule's section: the heading `` ### `code` `` gets the id `code` (GitHub and npm). */
export function ruleHelpUri(code: string): string {
  return `${DOCS_URL}#${code}`;
}

/** A rule's SARIF `name`: its code in PascalCase (`hardcoded-secret` -> `HardcodedSecret`). */
export function ruleName(code: string): string {
  return code.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase());
}
