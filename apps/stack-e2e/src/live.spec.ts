import { LiveCloseCodes, type LiveTokenResponseDto } from '@gt-vision/shared-types';
import { isType, LiveTestClient } from './support/live';
import { createUser, deleteUser, edgeApi, sessionOf } from './support/stack';

let viewer: { id: string; token: string };

beforeAll(async () => {
  const user = await createUser('viewer', 'live');
  viewer = { id: user.id, token: (await sessionOf(user.username, user.password)).accessToken };
});

afterAll(async () => {
  await deleteUser(viewer.id);
});

async function liveToken(): Promise<string> {
  const res = await edgeApi<LiveTokenResponseDto>('POST', '/api/analytics/live-token', {
    token: viewer.token,
  });
  expect(res.status).toBe(201);
  return res.body.token;
}

describe('/ws/live/ authentication', () => {
  it('admits an access token sent as the first message', async () => {
    const client = new LiveTestClient();
    await client.opened;
    client.send({ type: 'auth', token: viewer.token });
    await client.next(isType('ready'));
    client.close();
  });

  it('closes with 4401 on a bad token in the first message', async () => {
    const client = new LiveTestClient();
    await client.opened;
    client.send({ type: 'auth', token: 'e30.e30.AAAA' });
    await client.ended;
    expect(client.closed?.code).toBe(LiveCloseCodes.unauthorized);
    expect(client.messages).toEqual([expect.objectContaining({ type: 'error' })]);
  });

  it('closes with 4401 when the client says nothing', async () => {
    const client = new LiveTestClient();
    await client.opened;
    await client.ended;
    expect(client.closed?.code).toBe(LiveCloseCodes.unauthorized);
  });

  it('closes with 4401 when a subscribe comes before any auth', async () => {
    const client = new LiveTestClient();
    await client.opened;
    client.send({ type: 'subscribe', cameraIds: [1] });
    await client.ended;
    expect(client.closed?.code).toBe(LiveCloseCodes.unauthorized);
  });

  it('refuses the upgrade (401) for a bad query token, and a query token used twice', async () => {
    const forged = new LiveTestClient('?token=' + 'A'.repeat(43));
    await forged.ended;
    expect(forged.refusedWith).toBe(401);

    const token = await liveToken();
    const first = new LiveTestClient(`?token=${token}`);
    await first.next(isType('ready'));
    const second = new LiveTestClient(`?token=${token}`);
    await second.ended;
    expect(second.refusedWith).toBe(401);
    first.close();
  });

  it('closes with 4400 on a message outside the protocol', async () => {
    const client = new LiveTestClient(`?token=${await liveToken()}`);
    await client.next(isType('ready'));
    client.send({ type: 'subscribe', cameraIds: ['one'] } as never);
    await client.ended;
    expect(client.closed?.code).toBe(LiveCloseCodes.badMessage);
  });
});
