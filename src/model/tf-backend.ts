/**
 * Picking the TensorFlow.js backend, for the browser (tf-browser.ts) and the Node scripts (node-backend.ts)
 * alike: the WASM kernels when they start, else the plain CPU backend, which always does.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Sets the WASM backend (after `prepare`, e.g. pointing it at its .wasm files), else CPU; returns the name set. */
export async function wasmOrCpu(
  prefer: 'wasm' | 'cpu',
  prepare: () => void = () => undefined,
): Promise<string> {
  if (prefer === 'wasm') {
    try {
      prepare();
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        return tf.getBackend();
      }
    } catch {
      // fall back to cpu below
    }
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return tf.getBackend();
}
