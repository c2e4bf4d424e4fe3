import { describe, expect, it } from 'vitest';
import { solutionPayload, solveChallenge } from './altcha';
import type { SignupChallenge } from './types';

const challenge: SignupChallenge = {
  algorithm: 'SHA-256',
  challenge: 'ab'.repeat(32),
  maxnumber: 10_000,
  salt: 'cafe?expires=1',
  signature: 'cd'.repeat(32),
};

/** A stand-in for the worker: answers what the test scripts. */
function fakeWorker(replies: object[]): () => Worker {
  return () => {
    const worker = {
      onmessage: null as ((e: MessageEvent) => void) | null,
      onerror: null as (() => void) | null,
      terminated: false,
      postMessage() {
        for (const data of replies) worker.onmessage?.({ data } as MessageEvent);
      },
      terminate() {
        worker.terminated = true;
      },
    };
    return worker as unknown as Worker;
  };
}

describe('the sign-up challenge', () => {
  it('sends the ALTCHA payload: base64 of the challenge fields and the number', () => {
    const decoded = JSON.parse(atob(solutionPayload(challenge, 42)));
    expect(decoded).toEqual({
      algorithm: 'SHA-256',
      challenge: challenge.challenge,
      number: 42,
      salt: challenge.salt,
      signature: challenge.signature,
    });
  });

  it('reports progress and resolves with the payload of the number found', async () => {
    const seen: number[] = [];
    const payload = await solveChallenge(
      challenge,
      (p) => seen.push(p),
      fakeWorker([
        { type: 'progress', tried: 5000 },
        { type: 'done', number: 7 },
      ]),
    );
    expect(seen).toEqual([0.5, 1]);
    expect(JSON.parse(atob(payload)).number).toBe(7);
  });

  it('rejects when the worker finds nothing', async () => {
    await expect(solveChallenge(challenge, () => {}, fakeWorker([{ type: 'failed' }]))).rejects.toThrow(/could not be solved/);
  });
});
