import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MediaMtxApiError, MediaMtxClient } from './mediamtx.client';
import { MediaMtxConfig } from './mediamtx.config';

const TOKEN = 'internal-service-token-for-unit-tests-only';

describe('MediaMtxClient', () => {
  let server: Server;
  let client: MediaMtxClient;
  let answer: { status: number; body: string };
  let authorization: string | undefined;

  beforeAll(async () => {
    server = createServer((req, res) => {
      authorization = req.headers.authorization;
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body.replace('$URL', req.url ?? ''));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const config = new MediaMtxConfig();
    config.INTERNAL_SERVICE_TOKEN = TOKEN;
    config.MEDIAMTX_API_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new MediaMtxClient(config);
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('is ready when the control API lists paths', async () => {
    answer = { status: 200, body: '{"itemCount":4,"pageCount":4,"items":[]}' };
    await expect(client.probe()).resolves.toEqual({ paths: 4 });
  });

  it('pages the path list through query parameters', async () => {
    answer = { status: 200, body: '{"itemCount":0,"items":[],"url":"$URL"}' };
    const list = (await client.listPaths(2, 50)) as unknown as { url: string };
    expect(list.url).toBe('/v3/paths/list?page=2&itemsPerPage=50');
  });

  it('authenticates as the internal service, since MediaMTX asks the registry about every API call', async () => {
    answer = { status: 200, body: '{"itemCount":0,"items":[]}' };
    await client.listPaths();
    expect(authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('reports API errors with the status and the path asked', async () => {
    answer = { status: 401, body: '{"error":"authentication error"}' };
    const error = await client.listPaths().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaMtxApiError);
    expect(error).toMatchObject({ status: 401, path: '/v3/paths/list?page=0&itemsPerPage=100' });
  });
});
