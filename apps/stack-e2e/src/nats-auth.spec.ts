import { NatsSubjects } from '@gt-vision/shared-types';
import { connect, type NatsConnection } from 'nats';
import { createHash } from 'node:crypto';
import { NATS_URL } from './support/nats';
import { eventually, secret } from './support/stack';

const NATS_MONITOR = process.env['GTV_NATS_MONITOR_URL'] ?? 'http://127.0.0.1:8222';
const SERVICES = ['camera-registry', 'ingest', 'frame-extraction', 'analytics'] as const;

const passwordOf = (user: string) =>
  secret(`GTV_NATS_${user.toUpperCase().replace(/-/g, '_')}_PASSWORD`);

/** The code of the error a connection attempt ends with, or 'connected'. */
async function connectAs(user?: string, pass?: string): Promise<string> {
  try {
    const nc = await connect({ servers: NATS_URL, user, pass, reconnect: false, timeout: 5000 });
    await nc.close();
    return 'connected';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

/** A service's own NATS user, recording the permission violations the server reports to it. */
async function asService(user: (typeof SERVICES)[number]) {
  const nc = await connect({
    servers: NATS_URL,
    user,
    pass: passwordOf(user),
    inboxPrefix: `_INBOX.${user}`,
    name: `stack-e2e-as-${user}`,
  });
  const violations: { operation: string; subject: string }[] = [];
  void (async () => {
    for await (const status of nc.status()) {
      const context = (status as { permissionContext?: { operation: string; subject: string } })
        .permissionContext;
      if (context) violations.push({ operation: context.operation, subject: context.subject });
    }
  })();
  return { nc, violations };
}

const open: NatsConnection[] = [];
afterAll(async () => {
  for (const nc of open) await nc.close();
});

describe('NATS authentication', () => {
  it('refuses anonymous connections and wrong passwords', async () => {
    expect(await connectAs()).toBe('AUTHORIZATION_VIOLATION');
    expect(await connectAs('ingest', 'not-the-password')).toBe('AUTHORIZATION_VIOLATION');
    expect(await connectAs('nobody', passwordOf('ingest'))).toBe('AUTHORIZATION_VIOLATION');
  });

  it('has every service connected as its own user', async () => {
    await eventually(async () => {
      const res = await fetch(`${NATS_MONITOR}/connz?auth=true&limit=1024`);
      const { connections } = (await res.json()) as {
        connections: { name?: string; authorized_user?: string }[];
      };
      for (const service of SERVICES) {
        const own = connections.filter((c) => c.name?.startsWith(service));
        expect({ service, users: [...new Set(own.map((c) => c.authorized_user))] }).toEqual({
          service,
          users: [service],
        });
      }
    }, 20_000);
  });
});

describe('NATS permissions follow what each service uses', () => {
  it('lets a service ask the registry and read its own replies only', async () => {
    const { nc, violations } = await asService('ingest');
    open.push(nc);
    const keyHash = createHash('sha256').update('not a key').digest('hex');
    const reply = await nc.request(
      NatsSubjects.apiKeyVerify,
      new TextEncoder().encode(
        JSON.stringify({ pattern: NatsSubjects.apiKeyVerify, data: { keyHash }, id: 'e2e' }),
      ),
      { timeout: 5000 },
    );
    expect(reply.json()).toMatchObject({ response: { version: 1, key: null } });

    nc.subscribe('_INBOX.analytics.>');
    nc.subscribe(NatsSubjects.cameraStatusChanged);
    nc.publish(NatsSubjects.cameraChanged, new TextEncoder().encode('{}'));
    await nc.flush();
    await eventually(async () => {
      expect(violations).toEqual(
        expect.arrayContaining([
          { operation: 'subscription', subject: '_INBOX.analytics.>' },
          { operation: 'subscription', subject: NatsSubjects.cameraStatusChanged },
          { operation: 'publish', subject: NatsSubjects.cameraChanged },
        ]),
      );
    }, 5000);
  });

  it('keeps the registry from asking itself, or anyone from answering in its place', async () => {
    const registry = await asService('camera-registry');
    const analytics = await asService('analytics');
    open.push(registry.nc, analytics.nc);
    registry.nc.publish(NatsSubjects.apiKeyVerify, new TextEncoder().encode('{}'));
    analytics.nc.subscribe(NatsSubjects.apiKeyVerify);
    analytics.nc.publish(NatsSubjects.apiKeyRevoked, new TextEncoder().encode('{}'));
    await Promise.all([registry.nc.flush(), analytics.nc.flush()]);
    await eventually(async () => {
      expect(registry.violations).toContainEqual({
        operation: 'publish',
        subject: NatsSubjects.apiKeyVerify,
      });
      expect(analytics.violations).toEqual(
        expect.arrayContaining([
          { operation: 'subscription', subject: NatsSubjects.apiKeyVerify },
          { operation: 'publish', subject: NatsSubjects.apiKeyRevoked },
        ]),
      );
    }, 5000);
  });
});
