import type * as ociCommon from "oci-common";
import type { BlockstorageClient, VirtualNetworkClient } from "oci-core";
import type { LoadBalancerClient } from "oci-loadbalancer";
import type { NetworkLoadBalancerClient } from "oci-networkloadbalancer";

/** The official SDK clients the destroy hooks call. */
export interface CleanupClients {
  loadBalancer: LoadBalancerClient;
  networkLoadBalancer: NetworkLoadBalancerClient;
  blockstorage: BlockstorageClient;
  virtualNetwork: VirtualNetworkClient;
}

export interface CleanupClientOptions {
  region: string;
  /** Base URLs replacing the regional endpoints (tests point them at 127.0.0.1). */
  endpoints?: Partial<Record<keyof CleanupClients, string>>;
}

/**
 * Clients signed by `auth`. The SDK's own retries and circuit breaker are off: the hooks run their own
 * bounded polls, and a hidden retry loop would make their time limits meaningless. The SDKs load here
 * (about half a second), never when the program merely runs.
 */
export function cleanupClients(auth: ociCommon.AuthenticationDetailsProvider, options: CleanupClientOptions): CleanupClients {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const common: typeof import("oci-common") = require("oci-common");
  const lb: typeof import("oci-loadbalancer") = require("oci-loadbalancer");
  const nlb: typeof import("oci-networkloadbalancer") = require("oci-networkloadbalancer");
  const core: typeof import("oci-core") = require("oci-core");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const configuration = {
    retryConfiguration: common.NoRetryConfigurationDetails,
    circuitBreaker: new common.CircuitBreaker({ disableClientCircuitBreaker: true }),
  };
  const params = { authenticationDetailsProvider: auth };
  const clients: CleanupClients = {
    loadBalancer: new lb.LoadBalancerClient(params, configuration),
    networkLoadBalancer: new nlb.NetworkLoadBalancerClient(params, configuration),
    blockstorage: new core.BlockstorageClient(params, configuration),
    virtualNetwork: new core.VirtualNetworkClient(params, configuration),
  };
  for (const key of Object.keys(clients) as (keyof CleanupClients)[]) {
    clients[key].regionId = options.region;
    const endpoint = options.endpoints?.[key];
    if (endpoint) clients[key].endpoint = endpoint;
  }
  return clients;
}
