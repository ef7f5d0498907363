const { TestEnvironment } = require('jest-environment-node');

/**
 * onnxruntime-node's native binding creates its output arrays in Node's own realm, and
 * onnxruntime-common then checks them with `instanceof Float32Array` in the test's realm, which jest
 * isolates: the same class from both sides makes the check hold, as it does outside jest.
 */
class OnnxEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of ['Float32Array', 'Int32Array', 'BigInt64Array', 'Uint8Array']) {
      this.global[name] = globalThis[name];
    }
  }
}

module.exports = OnnxEnvironment;
