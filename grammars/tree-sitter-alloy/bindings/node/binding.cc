// Node binding of the Alloy grammar for the `tree-sitter` npm package
// (0.21 and later), which expects `language` to be an External tagged with
// tree-sitter's language type tag.
#include <napi.h>

typedef struct TSLanguage TSLanguage;

extern "C" TSLanguage *tree_sitter_alloy();

// The tag the tree-sitter package checks: BLAKE2 of "tree-sitter" and "language".
const napi_type_tag LANGUAGE_TYPE_TAG = {0x8AF2E5212AD58ABF, 0xD5006CAD83ABBA16};

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports["name"] = Napi::String::New(env, "alloy");
  auto language = Napi::External<TSLanguage>::New(env, tree_sitter_alloy());
  language.TypeTag(&LANGUAGE_TYPE_TAG);
  exports["language"] = language;
  return exports;
}

NODE_API_MODULE(tree_sitter_alloy_binding, Init)
