/**
 * OCI-shaped answers for the invokes the stack makes, per region, so the program runs without a tenancy.
 *
 * Shapes follow the provider's result types in @pulumi/oci 4.x (types/output.d.ts: GetAvailabilityDomains*,
 * GetServicesService, GetClusterOptionResult, GetNodePoolOptionSource, GetClusterKubeConfigResult), which
 * mirror the OCI REST responses (ListAvailabilityDomains, ListServices, GetClusterOptions,
 * GetNodePoolOptions, CreateKubeconfig). Region facts are the spec's §6 table; image names follow OKE's
 * `Oracle-Linux-<rel>-<date>-<n>-OKE-<version>-<build>` pattern, with GPU and aarch64 variants that the
 * image choice must skip.
 */
import { buildOkeKubeconfig } from "../../components/kubeconfig";
import { CniToken, Port } from "../../policies/contract";

export interface RegionFixture {
  /** The three-letter key used in service names ("All NRT Services In Oracle Services Network"). */
  key: string;
  availabilityDomains: number;
}

export const REGIONS: Record<string, RegionFixture> = {
  "ap-tokyo-1": { key: "NRT", availabilityDomains: 1 },
  "ap-osaka-1": { key: "KIX", availabilityDomains: 1 },
  "us-sanjose-1": { key: "SJC", availabilityDomains: 1 },
  "us-ashburn-1": { key: "IAD", availabilityDomains: 3 },
  "us-phoenix-1": { key: "PHX", availabilityDomains: 3 },
  "eu-frankfurt-1": { key: "FRA", availabilityDomains: 3 },
  "uk-london-1": { key: "LHR", availabilityDomains: 3 },
};

/**
 * Versions the fixture regions offer, oldest first as GetClusterOptions lists them. The default stack
 * runs v1.33.1, so one newer minor (v1.34.1) is there to plan an upgrade to.
 */
export const OFFERED_VERSIONS = ["v1.31.10", "v1.32.1", "v1.33.1", "v1.34.1"];
/** The tenancy-specific prefix of availability domain names. */
export const AD_PREFIX = "Uocm";

export function regionFixture(region: string): RegionFixture {
  const fixture = REGIONS[region];
  if (!fixture) {
    throw new Error(`No offline fixture for region "${region}"; offline runs know ${Object.keys(REGIONS).join(", ")}.`);
  }
  return fixture;
}

export function fakeOcid(kind: string, region: string, seed: string): string {
  let hash = 2166136261;
  for (const ch of `${kind}/${seed}`) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619) >>> 0;
  const tail = (hash.toString(36) + "a".repeat(60)).slice(0, 60);
  return `ocid1.${kind}.oc1.${region}.${tail}`;
}

/** `prefix`: the tenancy's own, when the deployed state names it (see DeployedPlan.tenancyAdPrefix). */
export function availabilityDomains(region: string, compartmentId: string, prefix = AD_PREFIX) {
  const { availabilityDomains: count } = regionFixture(region);
  return {
    compartmentId,
    id: "IdentityAvailabilityDomainsDataSource",
    availabilityDomains: Array.from({ length: count }, (_, i) => ({
      id: fakeOcid("availabilitydomain", region, String(i + 1)),
      compartmentId,
      name: `${prefix}:${region.toUpperCase()}-AD-${i + 1}`,
    })),
  };
}

/** `allServicesId`: the real service's OCID, when the deployed service gateway names it. */
export function services(region: string, allServicesId?: string) {
  const { key } = regionFixture(region);
  const lower = key.toLowerCase();
  return {
    id: "CoreServicesDataSource",
    services: [
      {
        id: fakeOcid("service", region, "objectstorage"),
        name: `OCI ${key} Object Storage`,
        cidrBlock: `oci-${lower}-objectstorage`,
        description: `OCI ${key} Object Storage`,
      },
      {
        id: allServicesId ?? fakeOcid("service", region, "all"),
        name: `All ${key} Services In Oracle Services Network`,
        cidrBlock: `all-${lower}-services-in-oracle-services-network`,
        description: `All ${key} Services In Oracle Services Network`,
      },
    ],
  };
}

export function clusterOption(compartmentId: string) {
  return {
    id: "ContainerengineClusterOptionDataSource",
    clusterOptionId: "all",
    compartmentId,
    kubernetesVersions: [...OFFERED_VERSIONS],
    clusterPodNetworkOptions: [{ cniType: CniToken.VCN_NATIVE }, { cniType: CniToken.FLANNEL }],
  };
}

/** Image names per version: an older and a newer OL8 build, OL7, a GPU and an aarch64 build. */
export function nodeImageNames(version: string): string[] {
  const v = version.replace(/^v/, "");
  return [
    `Oracle-Linux-7.9-2025.03.18-0-OKE-${v}-1011`,
    `Oracle-Linux-8.10-2025.04.16-0-OKE-${v}-1020`,
    `Oracle-Linux-8.10-2025.06.17-0-OKE-${v}-1033`,
    `Oracle-Linux-8.10-Gen2-GPU-2025.06.17-0-OKE-${v}-1033`,
    `Oracle-Linux-8.10-aarch64-2025.06.17-0-OKE-${v}-1033`,
  ];
}

export function nodePoolOption(region: string, compartmentId: string) {
  const names = OFFERED_VERSIONS.flatMap(nodeImageNames);
  return {
    id: "ContainerengineNodePoolOptionDataSource",
    nodePoolOptionId: "all",
    compartmentId,
    kubernetesVersions: [...OFFERED_VERSIONS],
    shapes: ["VM.Standard.E3.Flex", "VM.Standard.E4.Flex", "VM.Standard.E5.Flex", "VM.Standard2.1", "VM.Standard.A1.Flex"],
    images: [],
    sources: names.map((sourceName) => ({ sourceType: "IMAGE", sourceName, imageId: fakeOcid("image", region, sourceName) })),
  };
}

/**
 * A cluster's availableKubernetesUpgrades as OKE reports it: the offered versions newer than the one it
 * runs (OKE lists no downgrades and nothing the region does not offer).
 */
export function availableUpgrades(version: string): string[] {
  const key = (v: string) => v.replace(/^v/, "").split(".").map(Number);
  const newer = (a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  return OFFERED_VERSIONS.filter((v) => newer(key(v), key(version)) > 0);
}

/** The source name of a fixture image id, as NodePool.nodeImageName reports it. */
export function nodeImageName(region: string, imageId: string | undefined): string | undefined {
  return OFFERED_VERSIONS.flatMap(nodeImageNames).find((name) => fakeOcid("image", region, name) === imageId);
}

/** The image a correct lookup picks for a version: the newest OL8 x86_64 build. */
export function expectedNodeImage(region: string, version: string): { sourceName: string; imageId: string } {
  const sourceName = nodeImageNames(version)[2];
  return { sourceName, imageId: fakeOcid("image", region, sourceName) };
}

/** Endpoints OKE reports for a cluster: a public IP when enabled, an endpoint-subnet address always. */
export function clusterEndpoints(endpointSubnetCidr: string, isPublic: boolean) {
  const base = endpointSubnetCidr.split("/")[0].split(".").map(Number);
  const privateIp = [base[0], base[1], base[2], base[3] + 2].join(".");
  return {
    kubernetes: "",
    privateEndpoint: `${privateIp}:${Port.KUBERNETES_API}`,
    publicEndpoint: isPublic ? `203.0.113.10:${Port.KUBERNETES_API}` : "",
    vcnHostnameEndpoint: "",
  };
}

/**
 * The address OCI gives a bastion's private endpoint in its target subnet (GetBastion's
 * privateEndpointIpAddress): some free address there; the fixture takes the last usable one, away from
 * the low addresses nodes get.
 */
export function bastionPrivateEndpointIp(targetSubnetCidr: string): string {
  const [address, prefix] = targetSubnetCidr.split("/");
  const start = address.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);
  const last = start + 2 ** (32 - Number(prefix)) - 2;
  return [24, 16, 8, 0].map((shift) => Math.floor(last / 2 ** shift) % 256).join(".");
}

export interface ClusterEndpoints {
  publicEndpoint: string;
  privateEndpoint: string;
}

/**
 * The CreateKubeconfig answer (GetClusterKubeConfigResult): OKE's kubeconfig, token version 2.0.0, whose
 * user runs `oci ce cluster generate-token`, pointing at the endpoint the request asked for.
 */
export function okeKubeconfig(region: string, clusterId: string, endpoints: ClusterEndpoints, endpoint = "PUBLIC_ENDPOINT") {
  const address = endpoint === "PRIVATE_ENDPOINT" ? endpoints.privateEndpoint : endpoints.publicEndpoint;
  if (!address) throw new Error(`Cluster ${clusterId} has no ${endpoint.toLowerCase().replace("_", " ")}.`);
  const caData = Buffer.from("-----BEGIN CERTIFICATE-----\noffline fixture CA\n-----END CERTIFICATE-----\n").toString("base64");
  const content = buildOkeKubeconfig({ clusterId, endpoint: address, caData, region });
  return { id: fakeOcid("kubeconfig", region, clusterId), clusterId, content, endpoint, tokenVersion: "2.0.0" };
}
