; Folding: blocks and multi-line values. Editors only fold nodes that span
; more than one line, so one-line arrays and objects stay as they are.
[
  (block)
  (array)
  (object)
  (arguments)
  (raw_string)
  (comment)
] @fold
