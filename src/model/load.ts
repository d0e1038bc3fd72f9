/** Getting a model: the shipped one from the app's own origin, or a school-trained one from the store. */
import type * as tf from '@tensorflow/tfjs-core';
import { loadFromArtifacts, saveArtifacts, type RiskModel } from './net';

import { SHIPPED_MODEL_URL } from './paths';
export { SCHOOL_MODEL_ID } from './paths';

interface ModelJson {
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  userDefinedMetadata?: { [key: string]: object };
}

export async function fetchModel(
  url: string = SHIPPED_MODEL_URL,
  fetcher: typeof fetch = fetch,
): Promise<RiskModel> {
  const res = await fetcher(url);
  if (!res.ok) throw new Error(`Could not load the risk model (${res.status})`);
  const json = (await res.json()) as ModelJson;
  const base = new URL('.', new URL(url, self.location.href)); // weights sit beside model.json
  const parts = await Promise.all(
    json.weightsManifest
      .flatMap((g) => g.paths)
      .map(async (p) => {
        const r = await fetcher(new URL(p, base).href);
        if (!r.ok) throw new Error(`Could not load the risk model weights (${r.status})`);
        return new Uint8Array(await r.arrayBuffer());
      }),
  );
  const weightData = concat(parts);
  return loadFromArtifacts({
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData,
    userDefinedMetadata: json.userDefinedMetadata,
  });
}

function concat(parts: Uint8Array[]): ArrayBuffer {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out.buffer;
}

/** The shape the store keeps (StoredModelArtifacts): topology JSON, one weights buffer, and our metadata. */
export async function toStored(
  model: RiskModel,
): Promise<{ artifacts: tf.io.ModelArtifacts & { weightData: ArrayBuffer }; meta: Record<string, unknown> }> {
  const a = await saveArtifacts(model);
  return {
    artifacts: { ...a, weightData: a.weightData as ArrayBuffer },
    meta: model.meta as unknown as Record<string, unknown>,
  };
}

export function fromStored(artifacts: tf.io.ModelArtifacts): Promise<RiskModel> {
  return loadFromArtifacts(artifacts);
}
