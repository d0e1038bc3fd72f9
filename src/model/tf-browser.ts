/**
 * TensorFlow.js in the browser: the plain SIMD WASM backend, its .wasm files emitted by Vite into the
 * build (so they are served from the app's own origin and precached), falling back to CPU.
 * Threaded WASM is switched off: it breaks under the minifier and needs cross-origin isolation.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { wasmOrCpu } from './tf-backend';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';

let ready: Promise<string> | null = null;

/** Picks and initialises the backend once; resolves to its name ('wasm' or 'cpu'). */
export function initBrowserBackend(prefer: 'wasm' | 'cpu' = 'wasm'): Promise<string> {
  ready ??= wasmOrCpu(prefer, () => {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmUrl,
      'tfjs-backend-wasm-simd.wasm': simdUrl,
      // Never fetched with threads off; pointed at the SIMD file so nothing outside the build is named.
      'tfjs-backend-wasm-threaded-simd.wasm': simdUrl,
    });
  });
  return ready;
}
