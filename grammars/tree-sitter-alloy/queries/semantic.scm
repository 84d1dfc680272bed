; Semantic tokens for the language server (textDocument/semanticTokens).
;
; Capture names are `tokenType` or `tokenType.modifier.modifier`, with the
; token types and modifiers of the LSP specification, so that every editor
; theme colours them. Like tree-sitter's highlighter, the server keeps the
; first pattern that captures a node. server/src/syntax/queries.generated.ts
; holds a copy (`npm run queries:generate`; a test fails when it is stale).

(comment) @comment

; Component and block names: `prometheus.scrape`, `logging`, `endpoint`
(config_file
  (block
    name: (block_name
      (identifier) @class)))

; Inside a `declare` body the blocks are components again.
(block
  name: (block_name
    (identifier) @_declare)
  (#eq? @_declare "declare")
  body: (block_body
    (block
      name: (block_name
        (identifier) @class))))

(block_body
  (block
    name: (block_name
      (identifier) @struct)))

(label) @label

; Attribute names and object keys
(attribute
  name: (identifier) @property)

(object_field
  key: (identifier) @property)

(object_field
  key: [
    (string)
    (raw_string)
  ] @property)

; Standard-library constants: `constants.hostname`
(access_expression
  value: (identifier) @namespace.defaultLibrary
  (#eq? @namespace.defaultLibrary "constants")
  field: (identifier) @variable.readonly.defaultLibrary)

; Standard-library function calls: `sys.env("X")`, `coalesce(a, b)`
(call_expression
  function: (access_expression
    value: (identifier) @namespace.defaultLibrary
    field: (identifier) @function.defaultLibrary))

(call_expression
  function: (identifier) @function.defaultLibrary)

; References: `prometheus.exporter.self.default.targets`, `argument.x.value`
(access_expression
  field: (identifier) @variable)

(identifier) @variable

; Literals
(string) @string

(raw_string) @string

(number) @number

(float) @number

[
  (true)
  (false)
  (null)
] @keyword

; Operators
[
  "="
  "=="
  "!="
  "<"
  "<="
  ">"
  ">="
  "+"
  "-"
  "*"
  "/"
  "%"
  "^"
  "!"
  "&&"
  "||"
] @operator
