// External scanner for the Alloy grammar: Alloy's automatic statement
// terminators.
//
// Alloy's scanner (like Go's) turns a newline into a TERMINATOR token when
// the token before it was an identifier, a literal, `)`, `]` or `}`; a
// comment that runs to the end of the line counts as that newline. The
// parser accepts a TERMINATOR only between statements, so the same newline
// that ends `a = 1` is an error after the last element of a multi-line list
// (`missing ','`) or inside parentheses.
//
// Tree-sitter tells the scanner which tokens the parser accepts next:
// - `_terminator` is valid exactly where a statement may end;
// - `||` is valid exactly after a complete expression, i.e. after one of the
//   tokens that make Alloy insert a terminator.
// So a newline where `||` is valid but `_terminator` is not is a place where
// Alloy inserts a terminator that its parser rejects; we emit
// `_implicit_terminator`, which no rule accepts, and the tree gets an ERROR
// there. The scanner keeps no state between tokens.

#include "tree_sitter/parser.h"

enum TokenType {
  TERMINATOR,
  IMPLICIT_TERMINATOR,
  OR,
  ERROR_SENTINEL,
  GROUP_TERMINATOR,
};

// About one top-level terminator in GROUP_SPREAD closes a group of
// statements (grammar.js, `_statement_group`).
#define GROUP_SPREAD 64u
// How much of the next line decides it.
#define GROUP_PEEK 96

static void advance(TSLexer *lexer) { lexer->advance(lexer, false); }
static void skip(TSLexer *lexer) { lexer->advance(lexer, true); }

void *tree_sitter_alloy_external_scanner_create(void) { return NULL; }
void tree_sitter_alloy_external_scanner_destroy(void *payload) { (void)payload; }
unsigned tree_sitter_alloy_external_scanner_serialize(void *payload, char *buffer) {
  (void)payload;
  (void)buffer;
  return 0;
}
void tree_sitter_alloy_external_scanner_deserialize(void *payload, const char *buffer, unsigned length) {
  (void)payload;
  (void)buffer;
  (void)length;
}

// After a top-level terminator's newline (and mark_end): whether it closes a
// group, decided by the text of the next non-blank line alone (FNV-1a over
// its first GROUP_PEEK characters), so that an edit elsewhere does not move
// the group boundaries. Only looks ahead; the token stays the newline, and
// tree-sitter re-lexes it when an edit touches what was looked at.
static bool closes_group(TSLexer *lexer) {
  while (lexer->lookahead == ' ' || lexer->lookahead == '\t' || lexer->lookahead == '\r' ||
         lexer->lookahead == '\n') {
    advance(lexer);
  }
  if (lexer->eof(lexer)) return false;
  uint32_t hash = 2166136261u;
  for (int i = 0; i < GROUP_PEEK && !lexer->eof(lexer) && lexer->lookahead != '\n'; i++) {
    hash ^= (uint32_t)lexer->lookahead;
    hash *= 16777619u;
    advance(lexer);
  }
  hash ^= hash >> 15;
  hash *= 0x2c1b3c6du;
  hash ^= hash >> 12;
  return hash % GROUP_SPREAD == 0;
}

// After the horizontal whitespace has been skipped and mark_end called, looks
// ahead (without extending the token) to decide whether the line ends before
// the next token: a newline, a `//` comment, or `/* */` comments of which one
// spans a newline or which are followed by the end of the line. This is
// Alloy's findLineEnd.
static bool line_ends_ahead(TSLexer *lexer) {
  for (;;) {
    while (lexer->lookahead == ' ' || lexer->lookahead == '\t' || lexer->lookahead == '\r') {
      advance(lexer);
    }
    if (lexer->lookahead == '\n') return true;
    if (lexer->lookahead != '/') return false;
    advance(lexer);
    if (lexer->lookahead == '/') return true;
    if (lexer->lookahead != '*') return false;
    advance(lexer);
    bool closed = false;
    while (!lexer->eof(lexer)) {
      int32_t c = lexer->lookahead;
      advance(lexer);
      if (c == '\n') return true;
      if (c == '*' && lexer->lookahead == '/') {
        advance(lexer);
        closed = true;
        break;
      }
    }
    if (!closed) return false;
  }
}

bool tree_sitter_alloy_external_scanner_scan(void *payload, TSLexer *lexer, const bool *valid_symbols) {
  (void)payload;
  bool recovering = valid_symbols[ERROR_SENTINEL];
  bool want_terminator = valid_symbols[TERMINATOR];
  bool after_expression = valid_symbols[OR] && !recovering;

  if (!want_terminator && !valid_symbols[OR]) return false;

  while (lexer->lookahead == ' ' || lexer->lookahead == '\t' || lexer->lookahead == '\r') {
    skip(lexer);
  }

  if (valid_symbols[OR] && lexer->lookahead == '|') {
    advance(lexer);
    if (lexer->lookahead != '|') return false;
    advance(lexer);
    lexer->mark_end(lexer);
    lexer->result_symbol = OR;
    return true;
  }

  if (!want_terminator && !after_expression) return false;

  if (lexer->lookahead == '\n') {
    // The terminator is the newline itself.
    advance(lexer);
    lexer->mark_end(lexer);
    if (want_terminator && !recovering && valid_symbols[GROUP_TERMINATOR] && closes_group(lexer)) {
      lexer->result_symbol = GROUP_TERMINATOR;
      return true;
    }
  } else {
    // A comment that ends the line: a zero-width terminator before it.
    lexer->mark_end(lexer);
    if (!line_ends_ahead(lexer)) return false;
  }
  // While recovering every symbol is "valid"; a terminator at each line end
  // lets the parser resynchronise on the next statement, as Alloy's does.
  lexer->result_symbol = want_terminator ? TERMINATOR : IMPLICIT_TERMINATOR;
  return true;
}
