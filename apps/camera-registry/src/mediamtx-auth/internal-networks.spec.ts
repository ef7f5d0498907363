import { ConfigValidationError, validateEnv } from '@gt-vision/backend-config';
import { InternalNetworks } from './internal-networks';
import { InternalNetworksConfig } from './internal-networks.config';

const networks = (value?: string) =>
  new InternalNetworks(validateEnv(InternalNetworksConfig, { INTERNAL_TRUSTED_NETWORKS: value }));

describe('InternalNetworks', () => {
  it('trusts loopback only by default, as the single node always did', () => {
    const internal = networks();
    for (const address of ['127.0.0.1', '127.4.5.6', '::1', '::ffff:127.0.0.1']) {
      expect(internal.contains(address)).toBe(true);
    }
    for (const address of ['10.89.240.5', '::ffff:10.89.240.5', '192.168.1.2', 'fd00::1']) {
      expect(internal.contains(address)).toBe(false);
    }
  });

  it('trusts the listed networks besides loopback, and no address outside them', () => {
    const internal = networks('10.89.240.0/24, fd00:89::/32');
    expect(internal.contains('10.89.240.5')).toBe(true);
    expect(internal.contains('fd00:89::5')).toBe(true);
    expect(internal.contains('127.0.0.1')).toBe(true);
    expect(internal.contains('10.89.241.5')).toBe(false);
    expect(internal.contains('fd00:90::5')).toBe(false);
  });

  it('matches IPv4-mapped IPv6 peers (how a dual-stack socket reports IPv4) against IPv4 networks', () => {
    const internal = networks('10.89.240.0/24');
    expect(internal.contains('::ffff:10.89.240.5')).toBe(true);
    expect(internal.contains('::ffff:a59:f005')).toBe(true);
    expect(internal.contains('::ffff:10.89.241.5')).toBe(false);
  });

  it('takes a single address as a network of one', () => {
    const internal = networks('10.89.240.9');
    expect(internal.contains('10.89.240.9')).toBe(true);
    expect(internal.contains('10.89.240.10')).toBe(false);
  });

  it('never trusts what is not an address', () => {
    const internal = networks('0.0.0.0/0');
    for (const address of ['', 'localhost', '10.89.240.5, 8.8.8.8', 'unknown']) {
      expect(internal.contains(address)).toBe(false);
    }
  });
});

describe('INTERNAL_TRUSTED_NETWORKS', () => {
  it.each([
    '10.89.240.0/33',
    '10.89.240.0/',
    '10.89.240.0/24/8',
    '10.89.240/24',
    'fd00::/129',
    '10.89.240.0/-1',
    'compose-network',
    '10.89.240.0/24,not-a-network',
  ])('stops start-up naming the variable on %p', (value) => {
    expect.assertions(3);
    try {
      networks(value);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigValidationError);
      const { problems } = error as ConfigValidationError;
      expect(problems.map((p) => p.variable)).toEqual(['INTERNAL_TRUSTED_NETWORKS']);
      expect(problems[0].problem).toContain('CIDR');
    }
  });

  it('reads a comma-separated list, IPv4 and IPv6', () => {
    expect(
      validateEnv(InternalNetworksConfig, {
        INTERNAL_TRUSTED_NETWORKS: '10.89.240.0/24,fd00::/8 , 192.168.0.7',
      }).INTERNAL_TRUSTED_NETWORKS,
    ).toEqual(['10.89.240.0/24', 'fd00::/8', '192.168.0.7']);
  });
});
