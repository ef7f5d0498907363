import type { ArgumentMetadata } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { hashApiKey } from '@gt-vision/backend-auth';
import { natsValidationPipe } from '@gt-vision/backend-nats';
import { ApiKeyVerifyRequest } from '@gt-vision/shared-types';
import type { DbApiKeyVerifier } from '../api-keys/db-api-key.verifier';
import { ApiKeyHandler } from './api-key.handler';

const KEY_HASH = hashApiKey('gtv_0123abcd_any');

async function validated(payload: unknown): Promise<ApiKeyVerifyRequest> {
  const metadata: ArgumentMetadata = { type: 'body', metatype: ApiKeyVerifyRequest };
  return natsValidationPipe().transform(payload, metadata);
}

describe('ApiKeyHandler', () => {
  const verifyHash = jest.fn();
  const handler = new ApiKeyHandler({ verifyHash } as unknown as DbApiKeyVerifier);

  it('api-key.verify answers who the key is, and nothing stored about it', async () => {
    verifyHash.mockResolvedValue({ kind: 'api-key', id: 'k1', name: 'vendor', role: 'integrator' });
    const reply = await handler.verify(await validated({ keyHash: KEY_HASH }));
    expect(reply).toEqual({
      version: 1,
      key: { id: 'k1', name: 'vendor', role: 'integrator' },
    });
    expect(verifyHash).toHaveBeenCalledWith(KEY_HASH);
  });

  it('answers key null for an unknown or revoked key', async () => {
    verifyHash.mockResolvedValue(null);
    const reply = await handler.verify(await validated({ keyHash: KEY_HASH }));
    expect(reply).toEqual({ version: 1, key: null });
  });

  it.each([
    [{}],
    [{ keyHash: 'gtv_0123abcd_not-a-hash' }],
    [{ keyHash: KEY_HASH.toUpperCase() }],
    [{ keyHash: KEY_HASH, key: 'gtv_0123abcd_any' }],
  ])('refuses %j with a 400 naming the field', async (payload) => {
    const error: unknown = await validated(payload).catch((e) => e);
    expect(error).toBeInstanceOf(RpcException);
    expect((error as RpcException).getError()).toMatchObject({
      statusCode: 400,
      details: [expect.objectContaining({ field: expect.stringMatching(/^(keyHash|key)$/) })],
    });
  });
});
