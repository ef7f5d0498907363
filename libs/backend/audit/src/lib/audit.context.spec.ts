import { BadRequestException } from '@nestjs/common';
import { auditOrigin, auditReason, AUDIT_REASON_HEADER } from './audit.context';

const req = (reason?: string | string[]) => ({
  headers: reason === undefined ? {} : { [AUDIT_REASON_HEADER]: reason },
});

function refusal(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (error instanceof BadRequestException) return error.getResponse();
    throw error;
  }
  throw new Error('expected a 400');
}

describe('auditReason', () => {
  it('answers the stated reason, trimmed, whether required or not', () => {
    expect(auditReason(req('  case 2026/114 '), true)).toBe('case 2026/114');
    expect(auditReason(req('case 2026/114'), false)).toBe('case 2026/114');
    expect(auditReason(req(['a', 'b']), true)).toBe('a, b');
  });

  it('lets a request without a reason through when none is required', () => {
    expect(auditReason(req(), false)).toBeNull();
    expect(auditReason(req('   '), false)).toBeNull();
  });

  it('refuses with a 400 naming the header when a required reason is missing', () => {
    for (const missing of [undefined, '', '   ']) {
      expect(refusal(() => auditReason(req(missing), true))).toEqual({
        message: 'X-Audit-Reason header required',
        details: [{ field: 'X-Audit-Reason', problem: expect.stringMatching(/^required/) }],
      });
    }
  });

  it('refuses an unusable reason even where none is required', () => {
    for (const bad of ['x'.repeat(501), 'line\nbreak']) {
      expect(refusal(() => auditReason(req(bad), false))).toMatchObject({
        message: 'X-Audit-Reason header invalid',
        details: [{ field: 'X-Audit-Reason' }],
      });
    }
  });
});

describe('auditOrigin', () => {
  it('takes who, from where and which request from the request', () => {
    const principal = {
      kind: 'user',
      id: 'u1',
      username: 'alice',
      role: 'operator',
      tokenId: 't',
      family: 'f',
    } as const;
    expect(auditOrigin({ headers: {}, principal, ip: '10.0.0.1', id: 'req-1' })).toEqual({
      actor: { kind: 'user', id: 'u1', name: 'alice' },
      sourceIp: '10.0.0.1',
      requestId: 'req-1',
    });
    expect(auditOrigin({ headers: {} })).toEqual({
      actor: { kind: 'anonymous', id: null, name: null },
      sourceIp: null,
      requestId: null,
    });
  });
});
