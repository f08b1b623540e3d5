import { ResourceType } from "../architecture/references";

/**
 * Which input changes force a replacement, per resource type: what the service's Update*Details model
 * cannot change has to be created anew. Paths are dotted input paths without array indices; a change at
 * or below one of them replaces the resource, any other change updates it in place.
 *
 * Sources, checked against each other:
 * - OCI API models: UpdateClusterDetails (name, kubernetesVersion, options, freeformTags, definedTags,
 *   imagePolicyConfig, type; docs.oracle.com/iaas/tools/python/latest/api/container_engine/models/
 *   oci.container_engine.models.UpdateClusterDetails.html) with UpdateClusterOptionsDetails,
 *   UpdateNodePoolDetails with UpdateNodePoolNodeConfigDetails, and for the network oci-core 2.139.1's
 *   lib/model/update-{vcn,subnet,internet-gateway,nat-gateway,service-gateway,route-table,
 *   security-list}-details.d.ts. Some changes go through their own operations and are still in place:
 *   Change*Compartment moves network resources, AddVcnCidr/ModifyVcnCidr/RemoveVcnCidr change a VCN's
 *   cidrBlocks (UpdateVcnDetails has none).
 * - @pulumi/oci 4.20.0 (bridged from terraform-provider-oci, where these fields are ForceNew): every
 *   input its docs do not mark "(Updatable)" in containerengine/cluster.d.ts, containerengine/nodePool.d.ts,
 *   core/{vcn,subnet,internetGateway,natGateway,serviceGateway,routeTable,securityList}.d.ts and the
 *   nested types in types/input.d.ts. Where the two differ the provider wins, since it decides what
 *   `pulumi up` does: it replaces the cluster for any endpointConfig change (OCI's
 *   UpdateClusterEndpointConfig could change isPublicIpEnabled and nsgIds in place).
 * Types without an entry (components, providers, Kubernetes objects) are shown as updates.
 */
export const FORCE_NEW_PATHS: Readonly<Record<string, readonly string[]>> = {
  [ResourceType.Cluster]: [
    "compartmentId",
    "vcnId",
    "kmsKeyId",
    "clusterPodNetworkOptions",
    "endpointConfig",
    "options.addOns",
    "options.ipFamilies",
    "options.kubernetesNetworkConfig",
    "options.serviceLbSubnetIds",
  ],
  [ResourceType.NodePool]: ["compartmentId", "clusterId", "nodeImageId", "nodeImageName", "nodeConfigDetails.computeClusterId"],
  [ResourceType.Vcn]: ["cidrBlock", "dnsLabel", "byoipv6cidrDetails", "ipv6privateCidrBlocks", "isIpv6enabled", "isOracleGuaAllocationEnabled"],
  [ResourceType.Subnet]: ["vcnId", "availabilityDomain", "dnsLabel", "ipv4cidrBlocks", "prohibitInternetIngress", "prohibitPublicIpOnVnic"],
  [ResourceType.InternetGateway]: ["vcnId"],
  [ResourceType.NatGateway]: ["vcnId", "publicIpId"],
  [ResourceType.ServiceGateway]: ["vcnId"],
  [ResourceType.RouteTable]: ["vcnId"],
  [ResourceType.SecurityList]: ["vcnId"],
  // The Default* resources adopt the VCN's own table and list: another one is another resource.
  [ResourceType.DefaultRouteTable]: ["manageDefaultResourceId"],
  [ResourceType.DefaultSecurityList]: ["manageDefaultResourceId"],
};

/** `clusterPodNetworkOptions[0].cniType` → `clusterPodNetworkOptions.cniType`. */
export function withoutIndices(path: string): string {
  return path.replace(/\[\d+\]/g, "");
}

/** Whether changing `path` on a resource of `type` needs a new resource. */
export function forcesReplacement(type: string, path: string): boolean {
  const rules = FORCE_NEW_PATHS[type];
  if (!rules) return false;
  const plain = withoutIndices(path);
  return rules.some((rule) => plain === rule || plain.startsWith(`${rule}.`));
}
