import * as k8s from "./pulumiKubernetes";
import * as pulumi from "@pulumi/pulumi";
import { componentType, FLEX_MIN_MBPS, LoadBalancerAnnotation, PROJECT_NAME } from "../policies/contract";

/**
 * The smoke workload: a few nginx replicas, one per fault domain, behind an OCI flexible load
 * balancer. If it comes up, the nodes registered, pods get scheduled across the pool, and the cloud
 * controller manager can open load balancers in the LB subnet.
 */

/** Label OKE puts on every worker node with its fault domain, FAULT-DOMAIN-1..3 (OKE "Supported Labels"). */
export const FAULT_DOMAIN_LABEL = "oci.oraclecloud.com/fault-domain";
/** Kubernetes' availability-domain label; OKE sets it to the AD, e.g. AP-TOKYO-1-AD-1. */
export const ZONE_LABEL = "topology.kubernetes.io/zone";

/** The smallest flexible shape both ways (10 Mbps), and plenty for a smoke test. */
export const LB_SHAPE = "flexible";
export const LB_FLEX_MIN_MBPS = String(FLEX_MIN_MBPS);
export const LB_FLEX_MAX_MBPS = String(FLEX_MIN_MBPS);

export const SAMPLE_IMAGE = "nginx:1.27-alpine";
export const DEFAULT_REPLICAS = 3;
export const DEFAULT_NAMESPACE = "default";

export interface SampleWorkloadArgs {
  /** Provider for the cluster; every child resource uses it. */
  provider: k8s.Provider;
  namespace?: string;
  /** Enough to put one replica in each fault domain of a Quick Create pool; the spread is what the smoke test proves. */
  replicas?: number;
  /** Unset lets the cloud controller manager pick from the cluster's service LB subnets. */
  lbSubnetId?: pulumi.Input<string>;
}

/** Annotations that make the cloud controller manager open a 10 Mbps flexible load balancer. */
export function loadBalancerAnnotations(lbSubnetId?: pulumi.Input<string>): Record<string, pulumi.Input<string>> {
  return {
    [LoadBalancerAnnotation.shape]: LB_SHAPE,
    [LoadBalancerAnnotation.flexMin]: LB_FLEX_MIN_MBPS,
    [LoadBalancerAnnotation.flexMax]: LB_FLEX_MAX_MBPS,
    ...(lbSubnetId === undefined ? {} : { [LoadBalancerAnnotation.subnet1]: lbSubnetId }),
  };
}

/**
 * Spread over fault domains as a hard rule (DoNotSchedule): with three nodes in three fault domains a
 * soft rule may still stack replicas, and then the smoke test proves nothing about the spread.
 * nodeTaintsPolicy Honor leaves a failed (tainted) node's fault domain out of the count, so losing a
 * node reschedules its replica elsewhere instead of leaving it Pending. Availability domains are a
 * soft rule: single-AD regions have one, and in three-AD regions fault domains repeat across ADs.
 */
export function spreadConstraints(matchLabels: Record<string, string>): k8s.types.input.core.v1.TopologySpreadConstraint[] {
  return [
    {
      topologyKey: FAULT_DOMAIN_LABEL,
      maxSkew: 1,
      whenUnsatisfiable: "DoNotSchedule",
      nodeTaintsPolicy: "Honor",
      labelSelector: { matchLabels },
    },
    {
      topologyKey: ZONE_LABEL,
      maxSkew: 1,
      whenUnsatisfiable: "ScheduleAnyway",
      labelSelector: { matchLabels },
    },
  ];
}

function validate(name: string, replicas: number): void {
  if (!Number.isInteger(replicas) || replicas < 1) {
    throw new pulumi.RunError(`SampleWorkload "${name}": replicas must be a whole number of at least 1, got ${replicas}; leave it unset for 3.`);
  }
}

export class SampleWorkload extends pulumi.ComponentResource {
  /** The load balancer's public IP (or hostname), once the cloud controller manager has opened it. */
  readonly address: pulumi.Output<string>;
  readonly deployment: k8s.apps.v1.Deployment;
  readonly service: k8s.core.v1.Service;

  constructor(name: string, args: SampleWorkloadArgs, opts?: pulumi.ComponentResourceOptions) {
    // Checked before registering anything, so a bad value leaves no half-built component behind.
    const replicas = args.replicas ?? DEFAULT_REPLICAS;
    validate(name, replicas);
    super(componentType("SampleWorkload"), name, {}, opts);
    const namespace = args.namespace ?? DEFAULT_NAMESPACE;
    const labels = { "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": PROJECT_NAME };
    const childOpts: pulumi.CustomResourceOptions = { parent: this, provider: args.provider };

    this.deployment = new k8s.apps.v1.Deployment(
      `${name}-deployment`,
      {
        metadata: { namespace, labels },
        spec: {
          replicas,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              topologySpreadConstraints: spreadConstraints(labels),
              containers: [
                {
                  name: "nginx",
                  image: SAMPLE_IMAGE,
                  ports: [{ name: "http", containerPort: 80 }],
                  resources: { requests: { cpu: "50m", memory: "32Mi" }, limits: { memory: "64Mi" } },
                  readinessProbe: { httpGet: { path: "/", port: "http" }, periodSeconds: 5 },
                },
              ],
            },
          },
        },
      },
      childOpts,
    );

    this.service = new k8s.core.v1.Service(
      `${name}-service`,
      {
        metadata: { namespace, labels, annotations: loadBalancerAnnotations(args.lbSubnetId) },
        spec: {
          type: "LoadBalancer",
          selector: labels,
          ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }],
        },
      },
      childOpts,
    );

    this.address = this.service.status.apply((status) => {
      const ingress = status?.loadBalancer?.ingress?.[0];
      return ingress?.ip ?? ingress?.hostname ?? "";
    });
    this.registerOutputs({ address: this.address });
  }
}
