import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { Publisher } from './publisher';

/**
 * The control endpoint failure tests use to take one camera offline and bring it back, and to see each
 * publisher's state and restart count:
 *   GET  /cameras               every publisher's status
 *   GET  /cameras/:n/plates     camera n's plate schedule (the ground truth of what it shows)
 *   POST /cameras/:n/stop       stop publishing cam_n (no automatic restart)
 *   POST /cameras/:n/start      publish cam_n again
 *   POST /cameras/:n/pause      freeze cam_n's publisher: connection open, no data (a hung camera)
 *   POST /cameras/:n/resume     let a paused publisher carry on
 * Plain node:http: a few routes do not justify a framework in a program that is otherwise dependency-free.
 */
export function controlServer(publishers: ReadonlyMap<number, Publisher>): Server {
  return createServer((req, res) => {
    route(publishers, req, res).catch((error: unknown) => {
      send(res, 500, { error: error instanceof Error ? error.message : String(error) });
    });
  });
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(`${JSON.stringify(body)}\n`);
}

async function route(
  publishers: ReadonlyMap<number, Publisher>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/cameras') {
    if (req.method !== 'GET') return send(res, 405, { error: 'use GET' }, { allow: 'GET' });
    return send(
      res,
      200,
      [...publishers.values()].map((p) => p.status()),
    );
  }

  const match = /^\/cameras\/(\d+)\/(plates|stop|start|pause|resume)$/.exec(path);
  if (!match) return send(res, 404, { error: `no route ${path}` });
  const [, number, action] = match;
  const publisher = publishers.get(Number(number));
  if (!publisher) return send(res, 404, { error: `no camera ${number}` });

  const method = action === 'plates' ? 'GET' : 'POST';
  if (req.method !== method) return send(res, 405, { error: `use ${method}` }, { allow: method });
  if (action === 'plates') return send(res, 200, publisher.schedule);
  if (action === 'stop') {
    await publisher.stop();
    return send(res, 200, publisher.status());
  }
  if (action === 'pause' || action === 'resume') {
    const done = action === 'pause' ? publisher.pause() : publisher.resume();
    if (!done) {
      const state = publisher.status().state;
      return send(res, 409, { error: `cannot ${action} cam_${number}: it is ${state}` });
    }
    return send(res, 200, publisher.status());
  }
  if (!publisher.start())
    return send(res, 409, { error: `cam_${number}'s clip is still being rendered` });
  return send(res, 200, publisher.status());
}
