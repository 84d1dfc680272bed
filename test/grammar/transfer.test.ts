/**
 * The fast transfer-buffer accessors installed on web-tree-sitter's emscripten module
 * (syntax/parser.ts `fastTransfer`) must read and write exactly what the module's own accessors do.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fastTransfer, type TransferModule } from '../../server/src/syntax/parser';

/** A module with emscripten's accessors over its own memory (little-endian, as wasm memory is). */
function emscriptenLike(): TransferModule & { view: DataView; delegated: string[] } {
  const buffer = new ArrayBuffer(1024);
  const view = new DataView(buffer);
  const delegated: string[] = [];
  return {
    view,
    delegated,
    HEAP32: new Int32Array(buffer),
    setValue(ptr, value, type = 'i8') {
      delegated.push(type);
      if (type === 'i32') view.setInt32((ptr >> 2) * 4, value, true);
      else if (type === 'i8') view.setInt8(ptr, value);
      else throw new Error(type);
    },
    getValue(ptr, type = 'i8') {
      delegated.push(type);
      if (type === 'i32') return view.getInt32((ptr >> 2) * 4, true);
      if (type === 'i8') return view.getInt8(ptr);
      throw new Error(type);
    },
  };
}

test('fast transfer accessors read and write 32-bit values as the originals do, and delegate the rest', () => {
  const module = emscriptenLike();
  assert.equal(fastTransfer(module), true);
  const values = [0, 1, -1, 0x7fffffff, -0x80000000, 123456789, -98765];
  for (const [i, v] of values.entries()) {
    module.setValue!(i * 4 + 64, v, 'i32');
    assert.equal(module.view.getInt32(i * 4 + 64, true), v);
    module.view.setInt32(i * 4 + 512, v, true);
    assert.equal(module.getValue!(i * 4 + 512, 'i32'), v);
  }
  assert.deepEqual(module.delegated, []);
  module.setValue!(7, -5, 'i8');
  assert.equal(module.getValue!(7, 'i8'), -5);
  assert.deepEqual(module.delegated, ['i8', 'i8']);
});

test('a module without the accessors or its memory view is left alone', () => {
  const module: TransferModule = {};
  assert.equal(fastTransfer(module), false);
  assert.equal(module.setValue, undefined);
});
