import { connect, type NatsConnection } from 'nats';
import { secret } from './stack';

export const NATS_URL = process.env['GTV_NATS_URL'] ?? 'nats://127.0.0.1:4222';

/** NATS refuses anonymous clients; the admin user may use every subject (deploy/single-node/nats). */
export function connectAsAdmin(name: string): Promise<NatsConnection> {
  return connect({
    servers: NATS_URL,
    name,
    user: 'admin',
    pass: secret('GTV_NATS_ADMIN_PASSWORD'),
  });
}
