// @ts-check
// Readable source of the TextMate grammar for Grafana Alloy: the regular
// expressions are built from named parts here and written out as
// alloy.tmLanguage.json, which the extension ships and a test keeps in sync:
//
//   node client/syntaxes/alloy.tmLanguage.src.mjs
//
// Contexts: a body (top level or inside a block) holds blocks and attributes;
// an object literal holds keys; everything else is an expression. Strings
// stay on one line; raw strings and block comments may span lines.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

/** An identifier: a Unicode letter or `_`, then letters, Unicode digits or `_`. */
const ID = String.raw`[\p{L}_][\p{L}\p{Nd}_]*`;
/** Not inside (or right after) another identifier, and not a field after a dot. */
const START = String.raw`(?<![\p{L}\p{Nd}_.])`;
const END = String.raw`(?![\p{L}\p{Nd}_])`;
/** Spaces within a line (vscode-textmate passes each line with its `\n`). */
const SP = '[ \\t]*';
/** `a.b.c`: a block name, a reference or a qualified function name. */
const DOTTED = `${ID}(?:${SP}\\.${SP}${ID})*`;
/** A complete double-quoted string on one line. */
const QUOTED = String.raw`"(?:[^"\\]|\\.)*"`;
/** `=` that is not the start of `==`. */
const ASSIGN = `${SP}(=)(?!=)`;
const HEX = '[0-9A-Fa-f]';
const EXPONENT = '[eE][+-]?[0-9]+';

/**
 * The escapes Alloy's scanner accepts (Go's, without `\'`). Octal values stop
 * at \377; \u and \U values must be Unicode code points: at most U+10FFFF
 * and not a surrogate (U+D800-U+DFFF).
 */
const NOT_SURROGATE = '(?![dD][89a-fA-F])';
const ESCAPE = [
  '[abfnrtv\\\\"]',
  '[0-3][0-7]{2}',
  `x${HEX}{2}`,
  `u${NOT_SURROGATE}${HEX}{4}`,
  `U(?:0010|000[1-9A-Fa-f]|0000${NOT_SURROGATE})${HEX}{4}`,
];
const ESCAPE_RE = `\\\\(?:${ESCAPE.join('|')})`;

/** Scopes of the parts of a dotted name. */
const dottedParts = (/** @type {string} */ scope) => [
  { match: ID, name: scope },
  { match: '\\.', name: 'punctuation.accessor.alloy' },
];

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Alloy',
  scopeName: 'source.alloy',
  fileTypes: ['alloy'],
  patterns: [{ include: '#body' }],
  repository: {
    body: {
      patterns: [
        { include: '#comments' },
        { include: '#block' },
        { include: '#attribute' },
        { include: '#expression' },
      ],
    },
    comments: {
      patterns: [
        {
          name: 'comment.block.alloy',
          begin: '/\\*',
          end: '\\*/',
          captures: { 0: { name: 'punctuation.definition.comment.alloy' } },
        },
        {
          name: 'comment.line.double-slash.alloy',
          match: '(//).*',
          captures: { 1: { name: 'punctuation.definition.comment.alloy' } },
        },
      ],
    },
    block: {
      name: 'meta.block.alloy',
      begin: `${START}(${DOTTED})(?:${SP}(${QUOTED}))?${SP}(\\{)`,
      beginCaptures: {
        1: { patterns: dottedParts('entity.name.type.block.alloy') },
        2: { name: 'entity.name.label.alloy', patterns: [{ include: '#string-double' }] },
        3: { name: 'punctuation.section.block.begin.alloy' },
      },
      end: '\\}',
      endCaptures: { 0: { name: 'punctuation.section.block.end.alloy' } },
      patterns: [{ include: '#body' }],
    },
    attribute: {
      match: `${START}(${ID})${ASSIGN}`,
      captures: {
        1: { name: 'entity.other.attribute-name.alloy' },
        2: { name: 'keyword.operator.assignment.alloy' },
      },
    },
    expression: {
      patterns: [
        { include: '#comments' },
        { include: '#string' },
        { include: '#number' },
        { include: '#constant' },
        { include: '#call' },
        { include: '#reference' },
        { include: '#member' },
        { include: '#object' },
        { include: '#operator' },
        { include: '#punctuation' },
        { include: '#illegal' },
      ],
    },
    string: {
      patterns: [{ include: '#string-double' }, { include: '#string-raw' }],
    },
    'string-double': {
      name: 'string.quoted.double.alloy',
      begin: '"',
      beginCaptures: { 0: { name: 'punctuation.definition.string.begin.alloy' } },
      // A string cannot span lines: an unterminated one ends with its line.
      end: '(")|$',
      endCaptures: { 1: { name: 'punctuation.definition.string.end.alloy' } },
      patterns: [
        { name: 'constant.character.escape.alloy', match: ESCAPE_RE },
        { name: 'invalid.illegal.unknown-escape.alloy', match: '\\\\.?' },
      ],
    },
    'string-raw': {
      name: 'string.quoted.raw.alloy',
      begin: '`',
      beginCaptures: { 0: { name: 'punctuation.definition.string.begin.alloy' } },
      end: '`',
      endCaptures: { 0: { name: 'punctuation.definition.string.end.alloy' } },
    },
    number: {
      patterns: [
        {
          name: 'invalid.illegal.numeric.alloy',
          match: `${START}(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)[eE](?![+-]?[0-9])[+-]?`,
        },
        {
          name: 'constant.numeric.float.alloy',
          match: `${START}(?:[0-9]+\\.[0-9]*(?:${EXPONENT})?|\\.[0-9]+(?:${EXPONENT})?|[0-9]+${EXPONENT})`,
        },
        { name: 'constant.numeric.integer.alloy', match: `${START}[0-9]+` },
      ],
    },
    constant: {
      patterns: [
        { name: 'constant.language.boolean.alloy', match: `${START}(?:true|false)${END}` },
        { name: 'constant.language.null.alloy', match: `${START}null${END}` },
      ],
    },
    call: {
      name: 'meta.function-call.alloy',
      begin: `${START}(${DOTTED})${SP}(\\()`,
      beginCaptures: {
        1: {
          patterns: [
            { match: `${ID}(?=${SP}\\.)`, name: 'entity.name.namespace.alloy' },
            { match: ID, name: 'entity.name.function.alloy' },
            { match: '\\.', name: 'punctuation.accessor.alloy' },
          ],
        },
        2: { name: 'punctuation.definition.arguments.begin.alloy' },
      },
      end: '\\)',
      endCaptures: { 0: { name: 'punctuation.definition.arguments.end.alloy' } },
      patterns: [{ include: '#expression' }],
    },
    reference: {
      name: 'meta.reference.alloy',
      match: `${START}${DOTTED}`,
      captures: { 0: { patterns: dottedParts('variable.other.alloy') } },
    },
    member: {
      // `.field` after a call, an index or a parenthesised expression.
      match: `(\\.)${SP}(${ID})`,
      captures: {
        1: { name: 'punctuation.accessor.alloy' },
        2: { name: 'variable.other.property.alloy' },
      },
    },
    object: {
      name: 'meta.object.alloy',
      begin: '\\{',
      beginCaptures: { 0: { name: 'punctuation.section.object.begin.alloy' } },
      end: '\\}',
      endCaptures: { 0: { name: 'punctuation.section.object.end.alloy' } },
      patterns: [{ include: '#comments' }, { include: '#object-key' }, { include: '#expression' }],
    },
    'object-key': {
      patterns: [
        {
          match: `${START}(${ID})${ASSIGN}`,
          captures: {
            1: { name: 'support.type.property-name.alloy' },
            2: { name: 'keyword.operator.assignment.alloy' },
          },
        },
        {
          match: `(${QUOTED})${ASSIGN}`,
          captures: {
            1: { name: 'support.type.property-name.alloy', patterns: [{ include: '#string-double' }] },
            2: { name: 'keyword.operator.assignment.alloy' },
          },
        },
        {
          match: `(\`[^\`]*\`)${ASSIGN}`,
          captures: {
            1: { name: 'support.type.property-name.alloy', patterns: [{ include: '#string-raw' }] },
            2: { name: 'keyword.operator.assignment.alloy' },
          },
        },
      ],
    },
    operator: {
      patterns: [
        { name: 'keyword.operator.logical.alloy', match: '\\|\\||&&' },
        { name: 'keyword.operator.comparison.alloy', match: '==|!=|<=|>=|<|>' },
        { name: 'keyword.operator.logical.alloy', match: '!' },
        { name: 'keyword.operator.arithmetic.alloy', match: '[-+*/%^]' },
        { name: 'keyword.operator.assignment.alloy', match: '=' },
      ],
    },
    punctuation: {
      patterns: [
        { name: 'punctuation.separator.comma.alloy', match: ',' },
        { name: 'punctuation.section.brackets.begin.alloy', match: '\\[' },
        { name: 'punctuation.section.brackets.end.alloy', match: '\\]' },
        { name: 'punctuation.section.parens.begin.alloy', match: '\\(' },
        { name: 'punctuation.section.parens.end.alloy', match: '\\)' },
      ],
    },
    illegal: {
      patterns: [
        // Single quotes are not strings in Alloy, and `#` does not start a comment.
        { name: 'invalid.illegal.single-quoted-string.alloy', match: "'(?:[^'\\\\]|\\\\.)*'?" },
        { name: 'invalid.illegal.character.alloy', match: '[#$@:?~|&]' },
      ],
    },
  },
};

export const OUTPUT = fileURLToPath(new URL('./alloy.tmLanguage.json', import.meta.url));

/** The grammar as it is written to alloy.tmLanguage.json (formatted like every other file of the project). */
export async function render() {
  const options = (await prettier.resolveConfig(OUTPUT)) ?? {};
  return prettier.format(JSON.stringify(grammar), { ...options, parser: 'json' });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  fs.writeFileSync(OUTPUT, await render());
  console.log(`wrote ${path.relative(process.cwd(), OUTPUT)}`);
}
