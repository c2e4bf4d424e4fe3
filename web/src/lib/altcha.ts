/**
 * The optional sign-up challenge (docs/openapi.yaml, `GET /auth/signup-challenge`):
 * an ALTCHA proof of work solved in a Web Worker (`public/altcha-worker.js`) so the
 * page stays responsive, reporting its progress.
 */
import type { SignupChallenge } from './types';

/** Where the worker script is served (the static export lives under /app/). */
export const WORKER_URL = '/app/altcha-worker.js';

/** The `altcha` field of a sign-up: base64 of `{algorithm, challenge, number, salt, signature}`. */
export function solutionPayload(challenge: SignupChallenge, number: number): string {
  const json = JSON.stringify({
    algorithm: challenge.algorithm,
    challenge: challenge.challenge,
    number,
    salt: challenge.salt,
    signature: challenge.signature,
  });
  // The fields are ASCII (hex, digits, the salt's query), so btoa is enough.
  return btoa(json);
}

/**
 * Solves `challenge` in a worker; `onProgress` gets 0–1 (an upper bound of
 * the work left: the answer may come before 1). Rejects when the worker
 * cannot start or finds nothing.
 */
export function solveChallenge(
  challenge: SignupChallenge,
  onProgress: (fraction: number) => void,
  makeWorker: () => Worker = () => new Worker(WORKER_URL),
): Promise<string> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = makeWorker();
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    const max = Math.max(1, challenge.maxnumber);
    worker.onmessage = (event: MessageEvent<{ type: string; tried?: number; number?: number }>) => {
      const msg = event.data;
      if (msg.type === 'progress' && typeof msg.tried === 'number') {
        onProgress(Math.min(1, msg.tried / max));
      } else if (msg.type === 'done' && typeof msg.number === 'number') {
        worker.terminate();
        onProgress(1);
        resolve(solutionPayload(challenge, msg.number));
      } else if (msg.type === 'failed') {
        worker.terminate();
        reject(new Error('the sign-up challenge could not be solved'));
      }
    };
    worker.onerror = () => {
      worker.terminate();
      reject(new Error('the sign-up challenge could not be solved'));
    };
    worker.postMessage({ salt: challenge.salt, challenge: challenge.challenge, maxnumber: challenge.maxnumber });
  });
}
