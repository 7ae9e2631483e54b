/**
 * The HTTP server around the app: how long a client may take to send its request, and clear
 * answers to requests Node's parser refuses before the app sees them (an address longer than the
 * header limit, a malformed request line), which Node otherwise answers with an empty body.
 * https://nodejs.org/api/http.html#event-clienterror
 */
import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { Express } from 'express';
import { CONTENT_SECURITY_POLICY } from './security-headers.js';

export interface PortalServerOptions {
  /** How long a client may take to send a whole request, headers included (a GET has nothing else). */
  requestTimeoutMs: number;
}

/** Node's default header limit (16 KiB): URL and headers together. Far above any real search URL. */
const MAX_HEADER_BYTES = 16 * 1024;

/** The pages' policy, written out once: refusals carry it like every other answer. */
const REFUSAL_CSP = Object.entries(CONTENT_SECURITY_POLICY)
  .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
  .join('; ');

interface ParserRefusal {
  status: number;
  reason: string;
  message: string;
}

/** What to answer for a request the HTTP parser refused, by Node's error code. */
function refusalFor(code: string | undefined, rawPacket: Buffer | undefined): ParserRefusal {
  const limit = `${MAX_HEADER_BYTES / 1024} KB`;
  if (code === 'HPE_HEADER_OVERFLOW') {
    // `rawPacket` is the chunk the parser was reading: on a fresh connection, the request's start.
    // A request line that does not end within the limit means the address alone is too long.
    const lineEnd = rawPacket?.indexOf('\r\n') ?? -1;
    return lineEnd === -1 || lineEnd >= MAX_HEADER_BYTES
      ? {
          status: 414,
          reason: 'URI Too Long',
          message: `The address is longer than ${limit}. Shorten the search: fewer words or fewer filters.`,
        }
      : {
          status: 431,
          reason: 'Request Header Fields Too Large',
          message: `The request's address and headers are larger than ${limit} together.`,
        };
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return {
      status: 408,
      reason: 'Request Timeout',
      message: 'The request was not received in time.',
    };
  }
  return { status: 400, reason: 'Bad Request', message: 'The request could not be understood.' };
}

/** The API answers JSON; anything else gets plain text, which no browser runs. */
function wantsJson(rawPacket: Buffer | undefined): boolean {
  return rawPacket !== undefined && /^[A-Z]+ \/(api\/|healthz)/.test(rawPacket.subarray(0, 16).toString());
}

function answerRefusal(error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex): void {
  // Like Node's default: answer only when nothing was written on this connection yet (a keep-alive
  // connection may be mid-response), then close it.
  const written = (socket as Duplex & { bytesWritten?: number }).bytesWritten ?? 0;
  if (error.code === 'ECONNRESET' || !socket.writable || written > 0) {
    socket.destroy();
    return;
  }
  const { status, reason, message } = refusalFor(error.code, error.rawPacket);
  const json = wantsJson(error.rawPacket);
  const body = json ? JSON.stringify({ error: message }) : `${message}\n`;
  socket.end(
    [
      `HTTP/1.1 ${status} ${reason}`,
      `Content-Type: ${json ? 'application/json' : 'text/plain'}; charset=utf-8`,
      `Content-Length: ${Buffer.byteLength(body)}`,
      'X-Content-Type-Options: nosniff',
      `Content-Security-Policy: ${REFUSAL_CSP}`,
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}

/** An http.Server for `app` with the portal's timeouts; not listening yet. */
export function createPortalServer(app: Express, { requestTimeoutMs }: PortalServerOptions): http.Server {
  const server = http.createServer(
    {
      // Slow clients (slowloris) cannot hold connections open by trickling their request in.
      requestTimeout: requestTimeoutMs,
      headersTimeout: requestTimeoutMs,
      maxHeaderSize: MAX_HEADER_BYTES,
      // How often Node checks those timeouts (default 30 s, which would make short ones meaningless).
      connectionsCheckingInterval: Math.min(1000, Math.max(10, Math.floor(requestTimeoutMs / 4))),
    },
    app,
  );
  server.on('clientError', answerRefusal);
  return server;
}
