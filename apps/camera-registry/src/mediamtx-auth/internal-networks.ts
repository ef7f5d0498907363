import { Injectable } from '@nestjs/common';
import { BlockList, isIP } from 'node:net';
import { InternalNetworksConfig, parseNetwork } from './internal-networks.config';

/** The machine itself: the single node's processes, and a container's own (MediaMTX pulling from itself). */
const LOOPBACK = ['127.0.0.0/8', '::1/128'];

/**
 * Where GT-Vision's own components call from: loopback always, plus INTERNAL_TRUSTED_NETWORKS (the compose
 * network, the pod network). The one check behind every decision that trusts a caller by its address: the
 * MediaMTX auth callback's socket peer, and the RTSP clients MediaMTX reports (the demo publisher, MediaMTX's
 * own pulls). An address is only ever one Node or MediaMTX saw, never one from a header.
 */
@Injectable()
export class InternalNetworks {
  private readonly list = new BlockList();

  constructor(config: InternalNetworksConfig) {
    for (const text of [...LOOPBACK, ...config.INTERNAL_TRUSTED_NETWORKS]) {
      const network = parseNetwork(text);
      // Validated at start-up (InternalNetworksConfig); reaching this is a programming error.
      if (!network) throw new Error(`INTERNAL_TRUSTED_NETWORKS: not a network: ${text}`);
      this.list.addSubnet(network.address, network.prefix, network.family);
    }
  }

  /**
   * Whether an address is internal. IPv4-mapped IPv6 (`::ffff:10.89.240.5`, how a dual-stack socket reports
   * an IPv4 peer) matches the IPv4 networks; anything that is not an address is not internal.
   */
  contains(address: string): boolean {
    const version = isIP(address);
    return version !== 0 && this.list.check(address, version === 4 ? 'ipv4' : 'ipv6');
  }
}
