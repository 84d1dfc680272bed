// `npm run test:native`: loads the native binding and, when the `tree-sitter`
// npm package can be resolved (from here or NODE_PATH), parses a sample with
// it. Exits 1 on any failure.
const assert = require('node:assert/strict');
const language = require('.');

assert.equal(language.name, 'alloy');
assert.equal(typeof language.language, 'object');
assert.ok(Array.isArray(language.nodeTypeInfo));

let Parser;
try {
  Parser = require('tree-sitter');
} catch {
  console.log('native binding loads; install the tree-sitter npm package to parse with it');
  process.exit(0);
}
const parser = new Parser();
parser.setLanguage(language);
const tree = parser.parse('prometheus.scrape "default" {\n  targets = [{"__address__" = "localhost:9090"}]\n}\n');
assert.equal(tree.rootNode.hasError, false);
assert.equal(tree.rootNode.firstNamedChild.type, 'block');
assert.equal(tree.rootNode.firstNamedChild.childForFieldName('label').text, '"default"');
const broken = parser.parse('a = [\n  1,\n  2\n]\n');
assert.equal(broken.rootNode.hasError, true, 'a multi-line list without its trailing comma must be an error');
console.log(`native binding parses with tree-sitter ${require('tree-sitter/package.json').version}`);
