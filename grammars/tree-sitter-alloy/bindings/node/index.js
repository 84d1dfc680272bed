// Loads the native Alloy language built by `npm run build:native` (build/).
const root = require('node:path').join(__dirname, '..', '..');

module.exports = require('node-gyp-build')(root);

try {
  module.exports.nodeTypeInfo = require('../../src/node-types.json');
} catch {
  // node-types.json is optional at run time.
}
