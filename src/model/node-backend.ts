/**
 * TensorFlow.js backend for the Node scripts (train, eval, score): the same WASM kernels the browser
 * runs, falling back to the plain CPU backend. Never imported by browser code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { wasmOrCpu } from './tf-backend';
import { loadFromArtifacts, type RiskModel } from './net';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

export function useNodeBackend(prefer: 'wasm' | 'cpu' = 'wasm'): Promise<string> {
  return wasmOrCpu(prefer);
}

/** Reads a model directory written by npm run train (model.json + weights.bin). */
export function readModelDir(dir: string): Promise<RiskModel> {
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
  const bin = readFileSync(join(dir, json.weightsManifest[0].paths[0]));
  return loadFromArtifacts({
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest[0].weights,
    weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
    userDefinedMetadata: json.userDefinedMetadata,
  });
}
