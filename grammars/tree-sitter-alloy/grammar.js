// @ts-check
/**
 * Tree-sitter grammar for Grafana Alloy configuration files (`*.alloy`).
 *
 * The rules follow Alloy's own scanner and parser (the `syntax` package of
 * grafana/alloy). Where tree-sitter cannot say a rule, README.md lists it and
 * the language server's syntax check enforces it.
 *
 * Newlines matter in Alloy: the scanner inserts a statement terminator after
 * an identifier, a literal, `)`, `]` or `}` when a newline follows. The
 * external scanner (src/scanner.c) reproduces that: it emits `_terminator`
 * where the grammar ends a statement, and `_implicit_terminator` (which no
 * rule accepts, so it always becomes an ERROR) where Alloy would insert a
 * terminator in the middle of an expression, e.g. after the last element of
 * a multi-line list that lacks its trailing comma.
 */

/**
 * Operator precedence, lowest to highest (Alloy `token.BinaryPrecedence`).
 * Comparisons are one level; `^` is right-associative; unary operators bind
 * tighter than `^` (`-2 ^ 2` is `(-2) ^ 2`).
 */
const PREC = {
  or: 1,
  and: 2,
  compare: 3,
  add: 4,
  multiply: 5,
  power: 6,
  unary: 7,
  postfix: 8,
};

// Go's unicode.IsLetter / unicode.IsDigit, as Alloy's scanner uses them.
const IDENT_START = /[\p{L}_]/;
const IDENT_CONTINUE = /[\p{L}\p{Nd}_]/;
const IDENT = /[\p{L}_][\p{L}\p{Nd}_]*/;

/**
 * @param {RuleOrLiteral} rule
 * @param {RuleOrLiteral} separator
 */
function sep1(rule, separator) {
  return seq(rule, repeat(seq(separator, rule)));
}

/**
 * Comma-separated list with an optional trailing comma.
 * @param {RuleOrLiteral} rule
 */
function commaList(rule) {
  return seq(sep1(rule, ','), optional(','));
}

module.exports = grammar({
  name: 'alloy',

  externals: ($) => [
    $._terminator,
    $._implicit_terminator,
    '||',
    // Never used by a rule: tree-sitter marks every external token valid
    // while it recovers from an error, and this one tells the scanner so.
    $._error_sentinel,
    // A top-level terminator that also closes a group of statements (see
    // `_statement_group`).
    $._group_terminator,
  ],

  // Alloy skips only these four; any other whitespace character (form feed,
  // vertical tab, no-break space, ...) is an illegal character there.
  extras: ($) => [/[ \t\r\n]/, $.comment],

  word: ($) => $.identifier,

  supertypes: ($) => [$._statement, $._expression],

  rules: {
    // The top-level statements come in groups, closed where the scanner
    // emits `_group_terminator` instead of `_terminator`: after about one
    // in 64 statements, chosen by the text of the line that follows, so
    // that the choice does not move when statements elsewhere are added or
    // removed. The groups are hidden (the statements stay the file's
    // children); they are there for incremental parsing: tree-sitter never
    // reuses the nodes that hold a repetition, so without them a re-parse
    // steps through every top-level statement, and with them through every
    // group and the statements of the edited one.
    config_file: ($) => seq(repeat($._statement_group), optional($._statements)),

    _statement_group: ($) => seq(sep1($._statement, $._terminator), $._group_terminator),

    _statements: ($) => seq(sep1($._statement, $._terminator), optional($._terminator)),

    _statement: ($) => choice($.attribute, $.block),

    attribute: ($) => seq(field('name', $.identifier), '=', field('value', $._expression)),

    block: ($) => seq(field('name', $.block_name), optional(field('label', $.label)), field('body', $.block_body)),

    block_name: ($) => sep1($.identifier, '.'),

    // A block label is a double-quoted string whose content is empty or a
    // valid identifier; anything else (spaces, escapes, backticks) is an
    // error, as in Alloy.
    label: (_) => token(seq('"', optional(seq(IDENT_START, repeat(IDENT_CONTINUE))), '"')),

    block_body: ($) => seq('{', optional($._statements), '}'),

    _expression: ($) => choice($.binary_expression, $.unary_expression, $._primary_expression),

    _primary_expression: ($) =>
      choice(
        $.identifier,
        $.number,
        $.float,
        $.string,
        $.raw_string,
        $.true,
        $.false,
        $.null,
        $.array,
        $.object,
        $.parenthesized_expression,
        $.access_expression,
        $.index_expression,
        $.call_expression,
      ),

    binary_expression: ($) => {
      /** @type {[number, RuleOrLiteral][]} */
      const leftAssoc = [
        [PREC.or, '||'],
        [PREC.and, '&&'],
        [PREC.compare, choice('==', '!=', '<', '<=', '>', '>=')],
        [PREC.add, choice('+', '-')],
        [PREC.multiply, choice('*', '/', '%')],
      ];
      return choice(
        ...leftAssoc.map(([p, op]) =>
          prec.left(p, seq(field('left', $._expression), field('operator', op), field('right', $._expression))),
        ),
        prec.right(
          PREC.power,
          seq(field('left', $._expression), field('operator', '^'), field('right', $._expression)),
        ),
      );
    },

    unary_expression: ($) =>
      prec(PREC.unary, seq(field('operator', choice('!', '-')), field('operand', $._expression))),

    parenthesized_expression: ($) => seq('(', field('expression', $._expression), ')'),

    access_expression: ($) =>
      prec(PREC.postfix, seq(field('value', $._primary_expression), '.', field('field', $.identifier))),

    index_expression: ($) =>
      prec(PREC.postfix, seq(field('value', $._primary_expression), '[', field('index', $._expression), ']')),

    call_expression: ($) =>
      prec(PREC.postfix, seq(field('function', $._primary_expression), field('arguments', $.arguments))),

    arguments: ($) => seq('(', optional(commaList($._expression)), ')'),

    array: ($) => seq('[', optional(commaList($._expression)), ']'),

    object: ($) => seq('{', optional(commaList($.object_field)), '}'),

    object_field: ($) =>
      seq(field('key', choice($.identifier, $.string, $.raw_string)), '=', field('value', $._expression)),

    identifier: (_) => token(IDENT),

    // Alloy's NUMBER: decimal digits only.
    number: (_) => token(/[0-9]+/),

    // Alloy's FLOAT: `1.5`, `1.`, `.5`, `1e9`, `2.5E-3`; an exponent needs digits.
    float: (_) =>
      token(
        choice(
          seq(/[0-9]+/, '.', /[0-9]*/, optional(/[eE][+-]?[0-9]+/)),
          seq('.', /[0-9]+/, optional(/[eE][+-]?[0-9]+/)),
          seq(/[0-9]+/, /[eE][+-]?[0-9]+/),
        ),
      ),

    string: ($) => seq('"', repeat(choice($.string_content, $.escape_sequence)), token.immediate('"')),

    string_content: (_) => token.immediate(prec(1, /[^"\\\n]+/)),

    // The escapes of Alloy's scanner; `\'` is not one of them.
    escape_sequence: (_) =>
      token.immediate(
        seq('\\', choice(/[abfnrtv\\"]/, /[0-3][0-7][0-7]/, /x[0-9a-fA-F]{2}/, /u[0-9a-fA-F]{4}/, /U[0-9a-fA-F]{8}/)),
      ),

    // Backtick strings may span lines and have no escapes.
    raw_string: (_) => token(seq('`', /[^`]*/, '`')),

    true: (_) => 'true',
    false: (_) => 'false',
    null: (_) => 'null',

    comment: (_) => token(choice(seq('//', /[^\n]*/), seq('/*', /[^*]*\*+([^/*][^*]*\*+)*/, '/'))),
  },
});
