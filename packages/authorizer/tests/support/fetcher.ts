/** A JWKS fetcher serving fixed bodies per URL, recording every request. */
import type { JwkWithKid } from 'aws-jwt-verify/jwk';
import type { KeySetFetcher } from '../../src/jwks-cache';

type Answer = { readonly body: string } | { readonly error: Error } | { readonly hang: true };

export class FakeFetcher implements KeySetFetcher {
  readonly requests: string[] = [];
  private readonly answers = new Map<string, Answer>();

  serveKeys(uri: string, keys: readonly JwkWithKid[]): this {
    return this.serveBody(uri, JSON.stringify({ keys }));
  }

  serveBody(uri: string, body: string): this {
    this.answers.set(uri, { body });
    return this;
  }

  fail(uri: string, error = new Error('connection refused')): this {
    this.answers.set(uri, { error });
    return this;
  }

  hang(uri: string): this {
    this.answers.set(uri, { hang: true });
    return this;
  }

  count(uri: string): number {
    return this.requests.filter((r) => r === uri).length;
  }

  async fetch(uri: string): Promise<ArrayBuffer> {
    this.requests.push(uri);
    const answer = this.answers.get(uri);
    if (!answer) throw new Error(`no JWKS served at ${uri}`);
    if ('error' in answer) throw answer.error;
    if ('hang' in answer) return new Promise<ArrayBuffer>(() => {});
    return new TextEncoder().encode(answer.body).buffer as ArrayBuffer;
  }
}
