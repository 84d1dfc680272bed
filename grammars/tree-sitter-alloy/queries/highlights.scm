; Highlighting for Alloy configuration files.
;
; Capture names follow the nvim-treesitter / Helix conventions. Patterns are
; ordered from specific to general: tree-sitter's highlighter keeps the first
; pattern that captures a node, so an identifier that is a block name, an
; attribute name or a called function is not also highlighted as @variable.

; Comments
(comment) @comment @spell

; Blocks: `prometheus.scrape "default" { ... }`
(block_name
  (identifier) @type)

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

; Function calls: `sys.env("HOME")`, `coalesce(a, b)`
(call_expression
  function: (identifier) @function)

(call_expression
  function: (access_expression
    field: (identifier) @function))

; The namespace of a standard-library call: `sys` in `sys.env(...)`
(call_expression
  function: (access_expression
    value: (identifier) @module))

; References: `prometheus.exporter.self.default.targets`
(access_expression
  field: (identifier) @variable.member)

(identifier) @variable

; Literals
(string) @string

(raw_string) @string

(escape_sequence) @string.escape

(number) @number

(float) @number.float

[
  (true)
  (false)
] @boolean

(null) @constant.builtin

; Operators and punctuation
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

[
  "{"
  "}"
  "["
  "]"
  "("
  ")"
] @punctuation.bracket

[
  ","
  "."
] @punctuation.delimiter
