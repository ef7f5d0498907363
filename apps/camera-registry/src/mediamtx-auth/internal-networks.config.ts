import { EnvList } from '@gt-vision/backend-config';
import { IsArray, ValidateBy } from 'class-validator';
import { BlockList, isIP } from 'node:net';

interface Network {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/**
 * One network in CIDR notation (`10.89.240.0/24`, `fd00::/8`) or one address; undefined when malformed.
 * Node reads the address (`isIP`, then the BlockList that will hold it); only the notation is split here.
 */
export function parseNetwork(text: string): Network | undefined {
  const [address, prefix, ...rest] = text.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return undefined;
  const bits = version === 4 ? 32 : 128;
  if (prefix !== undefined && (!/^\d{1,3}$/.test(prefix) || Number(prefix) > bits))
    return undefined;
  const network: Network = {
    address,
    prefix: prefix === undefined ? bits : Number(prefix),
    family: version === 4 ? 'ipv4' : 'ipv6',
  };
  try {
    new BlockList().addSubnet(network.address, network.prefix, network.family);
    return network;
  } catch {
    return undefined;
  }
}

function IsNetwork(options: { each: boolean }): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNetwork',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && parseNetwork(value) !== undefined,
        defaultMessage: () =>
          'must be comma-separated networks in CIDR notation (e.g. 10.89.240.0/24, fd00::/8)',
      },
    },
    options,
  );
}

/** Which callers, besides loopback, are GT-Vision's own components (InternalNetworks). */
export class InternalNetworksConfig {
  /**
   * Networks (CIDR, comma-separated) whose addresses are trusted like loopback for one internal decision
   * only: who may call MediaMTX's auth callback.
   * Empty (the single node): loopback only. In containers, the compose network's subnet or the pod CIDR;
   * list only networks that hold nothing but the deployment's own components.
   */
  @EnvList()
  @IsArray()
  @IsNetwork({ each: true })
  INTERNAL_TRUSTED_NETWORKS: string[] = [];
}
