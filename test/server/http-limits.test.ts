import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal, type Portal } from './portal.js';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal({ requestTimeoutMs: 300 });
});
afterAll(async () => {
  await portal.close();
});

interface RawAnswer {
  status: number;
  type: string | undefined;
  body: string;
}

/** A GET through node:http (fetch refuses some of what these tests send). */
function get(path: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: portal.port, path, headers }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'], body }),
        );
      })
      .on('error', reject);
  });
}

/** Writes `request` on a raw connection and returns everything the server sends before closing. */
function raw(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = net.connect(portal.port, '127.0.0.1', () => socket.write(request));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('requests the HTTP parser refuses', () => {
  it('answers a 100,000-character address with 414 and a message, in JSON for the API', async () => {
    const api = await get(`/api/search?q=${'a'.repeat(100_000)}`);
    expect(api).toEqual({
      status: 414,
      type: 'application/json; charset=utf-8',
      body: JSON.stringify({
        error: 'The address is longer than 16 KB. Shorten the search: fewer words or fewer filters.',
      }),
    });
    const page = await get(`/search?q=${'a'.repeat(100_000)}`);
    expect(page.status).toBe(414);
    expect(page.type).toBe('text/plain; charset=utf-8');
    expect(page.body).toContain('The address is longer than 16 KB');
  });

  it('answers oversized headers with 431 and a message', async () => {
    const answer = await get('/search?q=Iran', { 'X-Padding': 'p'.repeat(20_000) });
    expect(answer.status).toBe(431);
    expect(answer.body).toContain('larger than 16 KB');
  });

  it('answers a request line that is not HTTP with 400 and a message', async () => {
    const answer = await raw('GET /search?q=a b c HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).toContain('X-Content-Type-Options: nosniff');
    expect(answer).toMatch(/\r\n\r\nThe request could not be understood\.\n$/);
  });

  it('answers a client that trickles its request in with 408 once the request timeout has passed', async () => {
    // The headers never end: without a request timeout the connection would stay open for a minute.
    const answer = await raw('GET /search?q=Iran HTTP/1.1\r\nHost: x\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(answer).toMatch(/The request was not received in time\.\n$/);
  });

  it('still serves a URL just under the limit, cutting a long query and saying so', async () => {
    const answer = await get(`/search?q=${'Iran '.repeat(2500).trim().replaceAll(' ', '+')}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('only its first 1,000 characters were searched');
  });
});
