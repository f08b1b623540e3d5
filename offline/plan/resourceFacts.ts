import { ResourceRecord } from "../run/runProgram";
import { maskInputs } from "../report/masking";
import { References } from "../architecture/references";
import { ROUTE_TABLE_TYPES, SECURITY_LIST_TYPES, ResourceType } from "../architecture/references";

type Inputs = Record<string, any>;
type Facts = (record: ResourceRecord, inputs: Inputs, refs: References) => string[];

const names = (records: ResourceRecord[]) => records.map(References.displayName).join(", ");

function routeFacts(record: ResourceRecord, inputs: Inputs, refs: References): string[] {
  const rules = (inputs.routeRules ?? []) as Inputs[];
  return rules.map((rule) => {
    const target = refs.routeTarget(record, rule);
    return `route ${rule.destination} → ${target ? References.displayName(target) : "unknown gateway"}`;
  });
}

function ruleCounts(inputs: Inputs): string[] {
  const ingress = (inputs.ingressSecurityRules ?? []).length;
  const egress = (inputs.egressSecurityRules ?? []).length;
  return [`${ingress} ingress rule${ingress === 1 ? "" : "s"}, ${egress} egress rule${egress === 1 ? "" : "s"}`];
}

/**
 * The properties a reviewer checks, per resource type: address ranges, exposure, where traffic goes,
 * how many firewall rules, where nodes land and what they run.
 */
const FACTS: Record<string, Facts> = {
  [ResourceType.Vcn]: (_r, i) => [`cidr ${(i.cidrBlocks ?? []).join(", ")}`, `dnsLabel ${i.dnsLabel}`],
  [ResourceType.Subnet]: (r, i, refs) => [
    `cidr ${i.cidrBlock}`,
    i.prohibitPublicIpOnVnic === true ? "private" : "public",
    `route table ${names(refs.targets(r, "routeTableId", ROUTE_TABLE_TYPES)) || "VCN default"}`,
    `security list ${names(refs.targets(r, "securityListIds", SECURITY_LIST_TYPES))}`,
  ],
  [ResourceType.InternetGateway]: (_r, i) => [i.enabled === false ? "disabled" : "enabled"],
  [ResourceType.NatGateway]: () => [],
  [ResourceType.ServiceGateway]: (_r, i) => [`${(i.services ?? []).length} service(s)`],
  [ResourceType.RouteTable]: routeFacts,
  [ResourceType.DefaultRouteTable]: (r, i, refs) => ["VCN default, renamed", ...routeFacts(r, i, refs)],
  [ResourceType.SecurityList]: (_r, i) => ruleCounts(i),
  [ResourceType.DefaultSecurityList]: (_r, i) => ["VCN default, renamed", ...ruleCounts(i)],
  [ResourceType.Cluster]: (_r, i) => [
    `${i.type ?? "BASIC_CLUSTER"} ${i.kubernetesVersion}`,
    `cni ${i.clusterPodNetworkOptions?.[0]?.cniType ?? "FLANNEL_OVERLAY"}`,
    `endpoint ${i.endpointConfig?.isPublicIpEnabled ? "public" : "private"}`,
    `services ${i.options?.kubernetesNetworkConfig?.servicesCidr}`,
  ],
  [ResourceType.NodePool]: (_r, i) => {
    const details = i.nodeConfigDetails ?? {};
    const shapeConfig = i.nodeShapeConfig ? ` (${i.nodeShapeConfig.ocpus} OCPU, ${i.nodeShapeConfig.memoryInGbs} GB)` : "";
    const boot = i.nodeSourceDetails?.bootVolumeSizeInGbs;
    return [
      `${details.size} × ${i.nodeShape}${shapeConfig}`,
      `${i.kubernetesVersion}`,
      `placement ${(details.placementConfigs ?? []).map((p: Inputs) => p.availabilityDomain + (p.faultDomains ? ` ${p.faultDomains.join("/")}` : "")).join(", ")}`,
      `boot volume ${boot === undefined ? "image default" : `${boot} GB`}`,
    ];
  },
  [ResourceType.Bastion]: (r, i, refs) => [
    `${i.bastionType}`,
    `target subnet ${names(refs.targets(r, "targetSubnetId", [ResourceType.Subnet])) || "unknown"}`,
    `clients ${(i.clientCidrBlockAllowLists ?? []).join(", ")}`,
    `sessions up to ${i.maxSessionTtlInSeconds} s`,
  ],
};

/** One line of facts for a resource, empty for types the plan has nothing to say about. */
export function resourceFacts(record: ResourceRecord, refs: References): string {
  const facts = FACTS[record.type];
  return facts ? facts(record, maskInputs(record.inputs) as Inputs, refs).join(" · ") : "";
}
