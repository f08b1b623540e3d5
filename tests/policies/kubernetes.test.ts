import { ResourceValidationPolicy } from "@pulumi/policy";
import * as workload from "../../components/sampleWorkload";
import { AnalyzedResource, UNKNOWN_VALUE } from "../../offline/analyzer/records";
import { LoadBalancerAnnotation as Annotation, ResourceType } from "../../policies/contract";
import {
  kubernetesPolicies,
  serviceLoadBalancerAnnotationsMatchType,
  serviceLoadBalancerFlexBandwidthBounds,
  serviceLoadBalancerFlexBandwidthSet,
  serviceLoadBalancerFlexibleShape,
  serviceLoadBalancerInternalAnnotation,
} from "../../policies/kubernetes";
import { runResourcePolicy } from "./harness";

const NAME = "smoke-service";

/** A Service record as the analyzer receives it from the k8s provider's inputs. */
function service(annotations: Record<string, unknown> | string | undefined, spec: Record<string, unknown> = {}): AnalyzedResource {
  return {
    urn: `urn:pulumi:dev::oke-quick-create::oke-quick-create:index:SampleWorkload$${ResourceType.Service}::${NAME}`,
    type: ResourceType.Service,
    name: NAME,
    inputs: {
      apiVersion: "v1",
      kind: "Service",
      metadata: { namespace: "default", labels: { "app.kubernetes.io/name": "smoke" }, ...(annotations === undefined ? {} : { annotations }) },
      spec: {
        type: "LoadBalancer",
        selector: { "app.kubernetes.io/name": "smoke" },
        ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }],
        ...spec,
      },
    },
    dependencies: [],
  };
}

/** The smoke workload's annotations, built from its own module: a change there shows up here. */
const smoke = (lbSubnetId?: string) => ({ ...workload.loadBalancerAnnotations(lbSubnetId) }) as Record<string, unknown>;
const flexible = (min: unknown, max: unknown) => ({ ...smoke(), [Annotation.flexMin]: min, [Annotation.flexMax]: max });
const without = (annotations: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(annotations).filter(([k]) => k !== key));

async function messages(policy: ResourceValidationPolicy, record: AnalyzedResource, config?: Record<string, unknown>): Promise<string[]> {
  const { diagnostics } = await runResourcePolicy(policy, record, config as never);
  // The server prefixes each message with the policy's description and a newline.
  const found = diagnostics.map((d) => d.message.slice(d.message.indexOf("\n") + 1));
  for (const [i, d] of diagnostics.entries()) {
    expect(d.enforcementLevel).toBe(policy.enforcementLevel);
    expect(found[i]).toMatch(/^Service "smoke-service" .*Fix: /);
  }
  return found;
}

describe("the smoke workload's Service", () => {
  it.each([
    ["without a subnet", smoke()],
    ["with its subnet id unknown (preview of a new stack)", smoke(UNKNOWN_VALUE)],
    ["with a known subnet id", smoke("ocid1.subnet.oc1.ap-tokyo-1.lbsubnet")],
  ])("draws no finding from any Service policy %s", async (_, annotations) => {
    for (const policy of kubernetesPolicies) {
      const { diagnostics } = await runResourcePolicy(policy, service(annotations));
      expect({ policy: policy.name, diagnostics }).toEqual({ policy: policy.name, diagnostics: [] });
    }
  });
});

describe("the Service policies", () => {
  it("ignore Services that are not LoadBalancers and other resource types", async () => {
    const broken = { [Annotation.shape]: "flexible", [Annotation.internal]: "yes", [Annotation.loadBalancerType]: "NLB" };
    for (const policy of kubernetesPolicies) {
      expect((await runResourcePolicy(policy, service(broken, { type: "ClusterIP" }))).diagnostics).toEqual([]);
      const deployment = { ...service(broken), type: "kubernetes:apps/v1:Deployment" };
      expect((await runResourcePolicy(policy, deployment)).diagnostics).toEqual([]);
    }
  });

  it("check a Service whose spec.type is unknown as if it were a LoadBalancer", async () => {
    const record = service(without(smoke(), Annotation.flexMax), { type: UNKNOWN_VALUE });
    expect(await messages(serviceLoadBalancerFlexBandwidthSet, record)).toEqual([
      expect.stringMatching(/^Service "smoke-service" sets .*oci-load-balancer-shape to "flexible" but .*oci-load-balancer-shape-flex-max is unset/),
    ]);
    expect(await messages(serviceLoadBalancerFlexBandwidthSet, service(smoke(), { type: UNKNOWN_VALUE }))).toEqual([]);
  });
});

describe("service-load-balancer-flexible-shape", () => {
  it("advises against the CCM's default shape when the shape is unset", async () => {
    const [message, ...rest] = await messages(serviceLoadBalancerFlexibleShape, service(undefined));
    expect(rest).toEqual([]);
    expect(message).toMatch(/does not set service.beta.kubernetes.io\/oci-load-balancer-shape, so .* default fixed "100Mbps" shape/);
  });

  it("advises against a deprecated fixed shape and says the flex annotations are then ignored", async () => {
    const [message] = await messages(serviceLoadBalancerFlexibleShape, service({ ...smoke(), [Annotation.shape]: "400Mbps" }));
    expect(message).toMatch(/"400Mbps", a fixed shape OCI has deprecated/);
    expect(message).toMatch(/ignores service.beta.kubernetes.io\/oci-load-balancer-shape-flex-min and .*-flex-max unless the shape is flexible/);
  });

  it("names a shape OCI does not offer", async () => {
    expect(await messages(serviceLoadBalancerFlexibleShape, service({ [Annotation.shape]: "flex" }))).toEqual([
      expect.stringMatching(/"flex", which is none of the shapes OCI offers/),
    ]);
  });

  it("accepts the flexible shape in any case, as the CCM does", async () => {
    expect(await messages(serviceLoadBalancerFlexibleShape, service({ ...smoke(), [Annotation.shape]: "Flexible" }))).toEqual([]);
  });

  it("does not fire on a network load balancer, which has no shape", async () => {
    expect(await messages(serviceLoadBalancerFlexibleShape, service({ [Annotation.loadBalancerType]: "nlb" }))).toEqual([]);
  });
});

describe("service-load-balancer-flex-bandwidth-set", () => {
  it.each([Annotation.flexMin, Annotation.flexMax])("rejects a flexible shape without %s", async (key) => {
    const [message, ...rest] = await messages(serviceLoadBalancerFlexBandwidthSet, service(without(smoke(), key)));
    expect(rest).toEqual([]);
    expect(message).toContain(`sets ${Annotation.shape} to "flexible" but ${key} is unset`);
  });

  it("rejects an empty bound, which the CCM treats as unset", async () => {
    expect(await messages(serviceLoadBalancerFlexBandwidthSet, service(flexible("10", "")))).toEqual([
      expect.stringContaining(`${Annotation.flexMax} is empty`),
    ]);
  });

  it.each(["ten", "10.5", "-10", "10Mbps"])("rejects the non-numeric bound %p", async (value) => {
    const [message] = await messages(serviceLoadBalancerFlexBandwidthSet, service(flexible(value, "100")));
    expect(message).toContain(`sets ${Annotation.flexMin} to ${JSON.stringify(value)}, which is not a whole number of Mbps`);
  });

  it("rejects an unknown bound, shape or annotations object as not literal (preview)", async () => {
    expect(await messages(serviceLoadBalancerFlexBandwidthSet, service(flexible(UNKNOWN_VALUE, "10")))).toEqual([
      expect.stringMatching(/flex-min \(unknown .*\); it must be a literal/),
    ]);
    expect(await messages(serviceLoadBalancerFlexBandwidthSet, service({ ...smoke(), [Annotation.shape]: UNKNOWN_VALUE }))).toEqual([
      expect.stringMatching(/oci-load-balancer-shape \(unknown .*\); it must be a literal/),
    ]);
    expect(await messages(serviceLoadBalancerFlexBandwidthSet, service(UNKNOWN_VALUE))).toEqual([
      expect.stringMatching(/has metadata.annotations \(unknown .*\)/),
    ]);
  });

  it("leaves fixed shapes alone (the advisory covers them)", async () => {
    expect(await messages(serviceLoadBalancerFlexBandwidthSet, service({ [Annotation.shape]: "100Mbps" }))).toEqual([]);
  });

  it.each(["nlb", "NLB"])("does not fire on a network load balancer (%s) that carries a flexible shape without bounds", async (type) => {
    const record = service({ [Annotation.loadBalancerType]: type, [Annotation.shape]: "flexible" });
    expect(await messages(serviceLoadBalancerFlexBandwidthSet, record)).toEqual([]);
  });
});

describe("service-load-balancer-flex-bandwidth-bounds", () => {
  it.each([
    [
      "flex-min below 10",
      flexible("5", "10"),
      /flex-min to "5"; OCI's flexible shape takes 10 to 8000 Mbps, and the cloud controller manager silently raises it to 10/,
    ],
    ["flex-max above 8000", flexible("10", "9000"), /flex-max to "9000"; .*up to 8192, beyond OCI's documented maximum/],
    ["flex-min above flex-max", flexible("50", "20"), /flex-min "50" above .*flex-max "20"; the cloud controller manager silently raises flex-max to 50/],
    ["flex-max above the default cap", flexible("10", "400"), /flex-max to "400", above the cap of 100 Mbps/],
  ])("advises on %s", async (_, annotations, pattern) => {
    expect(await messages(serviceLoadBalancerFlexBandwidthBounds, service(annotations))).toEqual([expect.stringMatching(pattern)]);
  });

  it("takes the cap from the policy config", async () => {
    const config = { "service-load-balancer-flex-bandwidth-bounds": { maximumFlexMbps: 400 } };
    expect(await messages(serviceLoadBalancerFlexBandwidthBounds, service(flexible("10", "400")), config)).toEqual([]);
    expect(await messages(serviceLoadBalancerFlexBandwidthBounds, service(flexible("10", "401")), config)).toEqual([
      expect.stringContaining("above the cap of 400 Mbps"),
    ]);
  });

  it("accepts OCI's full range when the cap allows it", async () => {
    const config = { "service-load-balancer-flex-bandwidth-bounds": { maximumFlexMbps: 8000 } };
    expect(await messages(serviceLoadBalancerFlexBandwidthBounds, service(flexible("10", "8000")), config)).toEqual([]);
  });

  it("leaves malformed, unknown and NLB bounds to the other policies", async () => {
    expect(await messages(serviceLoadBalancerFlexBandwidthBounds, service(flexible("ten", UNKNOWN_VALUE)))).toEqual([]);
    expect(await messages(serviceLoadBalancerFlexBandwidthBounds, service({ ...flexible("1", "9000"), [Annotation.loadBalancerType]: "nlb" }))).toEqual([]);
  });
});

describe("service-load-balancer-internal-annotation", () => {
  it.each(["true", "false", "1", "True", "f"])("accepts the Go boolean %p", async (value) => {
    expect(await messages(serviceLoadBalancerInternalAnnotation, service({ ...smoke(), [Annotation.internal]: value }))).toEqual([]);
  });

  it("rejects a value the CCM cannot parse", async () => {
    const [message] = await messages(serviceLoadBalancerInternalAnnotation, service({ ...smoke(), [Annotation.internal]: "yes" }));
    expect(message).toMatch(/sets service.beta.kubernetes.io\/oci-load-balancer-internal to "yes"; .* refuses to create the load balancer/);
  });

  it("rejects an unknown value as not literal (preview)", async () => {
    expect(await messages(serviceLoadBalancerInternalAnnotation, service({ ...smoke(), [Annotation.internal]: UNKNOWN_VALUE }))).toEqual([
      expect.stringMatching(/must be a literal/),
    ]);
  });

  it("rejects the load balancer's internal key on a network load balancer, which would be public", async () => {
    const [message] = await messages(serviceLoadBalancerInternalAnnotation, service({ [Annotation.loadBalancerType]: "nlb", [Annotation.internal]: "true" }));
    expect(message).toContain(`is a network load balancer (${Annotation.loadBalancerType} "nlb") but sets ${Annotation.internal} to "true"`);
    expect(message).toContain(`${Annotation.nlbInternal} is unset, so the network load balancer is public`);
  });

  it("rejects the network load balancer's internal key on a load balancer", async () => {
    const [message] = await messages(serviceLoadBalancerInternalAnnotation, service({ ...smoke(), [Annotation.nlbInternal]: "true" }));
    expect(message).toContain(`is a load balancer (${Annotation.loadBalancerType} (unset)) but sets ${Annotation.nlbInternal}`);
  });

  it("accepts the right key on a network load balancer, and an ignored key that agrees with it", async () => {
    const record = service({ [Annotation.loadBalancerType]: "nlb", [Annotation.nlbInternal]: "true", [Annotation.internal]: "true" });
    expect(await messages(serviceLoadBalancerInternalAnnotation, record)).toEqual([]);
  });

  it("rejects an unknown load-balancer type when an internal key is set", async () => {
    const record = service({ [Annotation.loadBalancerType]: UNKNOWN_VALUE, [Annotation.internal]: "true" });
    expect(await messages(serviceLoadBalancerInternalAnnotation, record)).toEqual([
      expect.stringMatching(/load-balancer-type \(unknown .*\); it decides whether/),
    ]);
  });
});

describe("service-load-balancer-annotations-match-type", () => {
  it.each([
    ["a type OCI does not know", { [Annotation.loadBalancerType]: "network" }, /to "network"; .* treats every value other than "nlb" as "lb"/],
    ["an upper-case type", { [Annotation.loadBalancerType]: "NLB" }, /to "NLB"; .* case-insensitively in some places and exactly in others/],
  ])("advises on %s", async (_, annotations, pattern) => {
    expect(await messages(serviceLoadBalancerAnnotationsMatchType, service(annotations))).toEqual([expect.stringMatching(pattern)]);
  });

  it("names the load balancer's annotations on a network load balancer", async () => {
    const [message] = await messages(serviceLoadBalancerAnnotationsMatchType, service({ ...smoke("ocid1.subnet"), [Annotation.loadBalancerType]: "nlb" }));
    expect(message).toContain("is a network load balancer but sets ");
    for (const key of [Annotation.shape, Annotation.flexMin, Annotation.flexMax, Annotation.subnet1]) {
      expect(message).toContain(key);
    }
    expect(message).toContain(Annotation.nlbSubnet);
  });

  it("names the network load balancer's annotations on a load balancer", async () => {
    const [message] = await messages(serviceLoadBalancerAnnotationsMatchType, service({ ...smoke(), [Annotation.nlbSubnet]: "ocid1.subnet" }));
    expect(message).toContain(`is a load balancer but sets ${Annotation.nlbSubnet}`);
  });

  it("accepts a network load balancer with its own annotations", async () => {
    const record = service({ [Annotation.loadBalancerType]: "nlb", [Annotation.nlbSubnet]: UNKNOWN_VALUE, [Annotation.nlbInternal]: "false" });
    for (const policy of kubernetesPolicies) {
      expect({ policy: policy.name, messages: await messages(policy, record) }).toEqual({ policy: policy.name, messages: [] });
    }
  });
});
