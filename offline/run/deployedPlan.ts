import { API_DEFAULT_CLUSTER_TYPE } from "../../policies/contract";
import * as fixtures from "./fixtures";
import { ResourceType } from "../architecture/references";

/** One deployed resource, from a stack export or an earlier plan's JSON (`--json`), as `--deployed` reads it. */
export interface DeployedResource {
  urn: string;
  type: string;
  name: string;
  id?: string;
  inputs: Record<string, any>;
  /** A plan's outputs that are not inputs; a stack export's whole state (inputs included). */
  outputs?: Record<string, any>;
}

/** Where the deployed resources came from: the real state (`pulumi stack export`) or an earlier offline plan. */
export type DeployedSource = "export" | "plan";

/**
 * What an earlier plan says is deployed, answering the read-back invokes the way OCI answers them for a
 * real stack: ListVcns, ListClusters and ListNodePools shapes (@pulumi/oci GetVcnsVirtualNetwork,
 * GetClustersCluster, GetNodePoolsNodePool), filtered by the same arguments.
 */
export class DeployedPlan {
  constructor(
    readonly region: string,
    readonly resources: readonly DeployedResource[],
    readonly source: DeployedSource = "plan",
  ) {}

  private ofType(type: string): DeployedResource[] {
    return this.resources.filter((r) => r.type === type && r.id);
  }

  /** The deployed resource the engine would match to a registration (same type and name, hence URN). */
  find(type: string, name: string): DeployedResource | undefined {
    return this.resources.find((r) => r.type === type && r.name === name);
  }

  /**
   * The tenancy-specific prefix of availability domain names (`Uocm` in `Uocm:AP-TOKYO-1-AD-1`), as the
   * deployed node pool's placement names them: the same lookup in that tenancy answers with it.
   */
  tenancyAdPrefix(): string | undefined {
    for (const pool of this.ofType(ResourceType.NodePool)) {
      const placements = pool.inputs.nodeConfigDetails?.placementConfigs;
      for (const placement of Array.isArray(placements) ? placements : []) {
        const match = typeof placement?.availabilityDomain === "string" ? /^([^:]+):/.exec(placement.availabilityDomain) : null;
        if (match) return match[1];
      }
    }
    return undefined;
  }

  /** The OCID of the Oracle Services Network service the deployed service gateway reaches. */
  allServicesId(): string | undefined {
    const id = this.ofType(ResourceType.ServiceGateway)[0]?.inputs.services?.[0]?.serviceId;
    return typeof id === "string" && id.startsWith("ocid1.") ? id : undefined;
  }

  vcns(compartmentId: string, displayName?: string) {
    return this.ofType(ResourceType.Vcn)
      .filter((r) => r.inputs.compartmentId === compartmentId && (displayName === undefined || r.inputs.displayName === displayName))
      .map((r) => ({
        id: r.id!,
        compartmentId: r.inputs.compartmentId,
        displayName: r.inputs.displayName,
        cidrBlocks: r.inputs.cidrBlocks ?? [],
        dnsLabel: r.inputs.dnsLabel,
        state: "AVAILABLE",
      }));
  }

  clusters(compartmentId: string, name?: string) {
    return this.ofType(ResourceType.Cluster)
      .filter((r) => r.inputs.compartmentId === compartmentId && (name === undefined || r.inputs.name === name))
      .map((r) => ({
        id: r.id!,
        compartmentId: r.inputs.compartmentId,
        name: r.inputs.name,
        vcnId: r.inputs.vcnId,
        kubernetesVersion: r.inputs.kubernetesVersion,
        availableKubernetesUpgrades: fixtures.availableUpgrades(r.inputs.kubernetesVersion),
        type: r.inputs.type ?? API_DEFAULT_CLUSTER_TYPE,
        clusterPodNetworkOptions: r.inputs.clusterPodNetworkOptions ?? [],
        state: "ACTIVE",
      }));
  }

  nodePools(compartmentId: string, clusterId?: string, name?: string) {
    return this.ofType(ResourceType.NodePool)
      .filter(
        (r) =>
          r.inputs.compartmentId === compartmentId &&
          (clusterId === undefined || r.inputs.clusterId === clusterId) &&
          (name === undefined || r.inputs.name === name),
      )
      .map((r) => {
        const source = r.inputs.nodeSourceDetails ?? {};
        return {
          id: r.id!,
          compartmentId: r.inputs.compartmentId,
          clusterId: r.inputs.clusterId,
          name: r.inputs.name,
          kubernetesVersion: r.inputs.kubernetesVersion,
          nodeShape: r.inputs.nodeShape,
          nodeImageId: source.imageId ?? "",
          // The state knows the name OKE gave the image; an offline plan knows its fixture's.
          nodeImageName: (typeof r.outputs?.nodeImageName === "string" && r.outputs.nodeImageName) || fixtures.nodeImageName(this.region, source.imageId) || "",
          nodeSourceDetails: [
            { sourceType: source.sourceType ?? "IMAGE", imageId: source.imageId ?? "", bootVolumeSizeInGbs: source.bootVolumeSizeInGbs ?? "" },
          ],
          nodePoolCyclingDetails: r.inputs.nodePoolCyclingDetails ? [r.inputs.nodePoolCyclingDetails] : [],
          state: "ACTIVE",
        };
      });
  }
}
