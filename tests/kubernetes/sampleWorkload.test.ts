import * as pulumi from "@pulumi/pulumi";
import type { MockResourceArgs } from "@pulumi/pulumi/runtime";

// Resources the mocked engine was asked to create, by logical name.
const created = new Map<string, MockResourceArgs>();
const LB_IP = "203.0.113.10";

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        created.set(args.name, args);
        // The cloud controller manager fills in the Service's status once the load balancer exists.
        const state = args.type === "kubernetes:core/v1:Service" ? { ...args.inputs, status: { loadBalancer: { ingress: [{ ip: LB_IP }] } } } : args.inputs;
        return { id: `${args.name}-id`, state };
      },
      call: (args) => args.inputs,
    },
    "oke-quick-create",
    "test",
  );
});

// Imported after the mocks are in place, as the Pulumi runtime expects.
async function load() {
  const k8s = await import("@pulumi/kubernetes");
  const workload = await import("../../components/sampleWorkload");
  return { k8s, ...workload };
}

function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

async function build(name: string, extra: { replicas?: number; namespace?: string; lbSubnetId?: string } = {}) {
  const { k8s, SampleWorkload } = await load();
  const provider = new k8s.Provider(`${name}-cluster`, { kubeconfig: "apiVersion: v1\nkind: Config\n" });
  const workload = new SampleWorkload(name, { provider, ...extra });
  // Each id resolves once the mocked engine has created that resource.
  const [address] = await Promise.all([valueOf(workload.address), valueOf(workload.deployment.id), valueOf(workload.service.id)]);
  return {
    address,
    providerUrn: await valueOf(provider.urn),
    deployment: created.get(`${name}-deployment`)!,
    service: created.get(`${name}-service`)!,
  };
}

describe("SampleWorkload", () => {
  it("runs 3 nginx replicas by default, spread over OKE fault domains as a hard rule", async () => {
    const { FAULT_DOMAIN_LABEL } = await load();
    const { deployment } = await build("smoke");
    const spec = deployment.inputs.spec;
    expect(spec.replicas).toBe(3);
    expect(spec.template.spec.containers[0].image).toBe("nginx:1.27-alpine");
    expect(spec.template.spec.containers[0].resources.requests).toEqual({ cpu: "50m", memory: "32Mi" });

    const faultDomain = spec.template.spec.topologySpreadConstraints.find((c: { topologyKey: string }) => c.topologyKey === FAULT_DOMAIN_LABEL);
    expect(FAULT_DOMAIN_LABEL).toBe("oci.oraclecloud.com/fault-domain");
    expect(faultDomain).toMatchObject({ maxSkew: 1, whenUnsatisfiable: "DoNotSchedule", nodeTaintsPolicy: "Honor" });
    // The constraint counts this workload's own pods, so its selector must match the pod labels.
    expect(faultDomain.labelSelector.matchLabels).toEqual(spec.template.metadata.labels);
    expect(spec.selector.matchLabels).toEqual(spec.template.metadata.labels);
  });

  it("honours replicas and namespace", async () => {
    const { deployment, service } = await build("scaled", { replicas: 6, namespace: "smoke" });
    expect(deployment.inputs.spec.replicas).toBe(6);
    expect(deployment.inputs.metadata.namespace).toBe("smoke");
    expect(service.inputs.metadata.namespace).toBe("smoke");
  });

  it("exposes the pods through a 10 Mbps flexible OCI load balancer", async () => {
    const { deployment, service } = await build("lb");
    expect(service.inputs.spec.type).toBe("LoadBalancer");
    expect(service.inputs.spec.selector).toEqual(deployment.inputs.spec.template.metadata.labels);
    expect(service.inputs.spec.ports).toEqual([{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }]);
    expect(service.inputs.metadata.annotations).toEqual({
      "service.beta.kubernetes.io/oci-load-balancer-shape": "flexible",
      "service.beta.kubernetes.io/oci-load-balancer-shape-flex-min": "10",
      "service.beta.kubernetes.io/oci-load-balancer-shape-flex-max": "10",
    });
  });

  it("places the load balancer in lbSubnetId when given", async () => {
    const { service } = await build("pinned", { lbSubnetId: "ocid1.subnet.oc1.ap-tokyo-1.lbsubnet" });
    expect(service.inputs.metadata.annotations["service.beta.kubernetes.io/oci-load-balancer-subnet1"]).toBe("ocid1.subnet.oc1.ap-tokyo-1.lbsubnet");
  });

  it("creates every Kubernetes resource through the given provider", async () => {
    const { providerUrn } = await build("routed");
    const children = [...created.values()].filter((r) => r.name.startsWith("routed-") && r.type.startsWith("kubernetes:"));
    expect(children.map((r) => r.type).sort()).toEqual(["kubernetes:apps/v1:Deployment", "kubernetes:core/v1:Service"]);
    for (const resource of children) {
      expect(resource.provider).toBe(`${providerUrn}::routed-cluster-id`);
    }
  });

  it("reports the load balancer's address", async () => {
    expect((await build("addressed")).address).toBe(LB_IP);
  });

  it.each([0, -1, 2.5])("rejects replicas %p with one sentence naming the component", async (replicas) => {
    const { k8s, SampleWorkload } = await load();
    const provider = new k8s.Provider(`bad-${replicas}-cluster`, { kubeconfig: "apiVersion: v1\n" });
    expect(() => new SampleWorkload(`bad-${replicas}`, { provider, replicas })).toThrow(
      `SampleWorkload "bad-${replicas}": replicas must be a whole number of at least 1, got ${replicas}; leave it unset for 3.`,
    );
    expect([...created]).not.toContain(`bad-${replicas}-deployment`);
  });
});

describe("the smoke workload's load balancer annotations", () => {
  it("ask the cloud controller manager for a 10 Mbps flexible load balancer, in the given subnet", async () => {
    const w = await load();
    // Literal keys: these are what the OCI cloud controller manager reads, whatever the code calls them.
    const flexible10 = {
      "service.beta.kubernetes.io/oci-load-balancer-shape": "flexible",
      "service.beta.kubernetes.io/oci-load-balancer-shape-flex-min": "10",
      "service.beta.kubernetes.io/oci-load-balancer-shape-flex-max": "10",
    };
    expect(w.loadBalancerAnnotations()).toEqual(flexible10);
    expect(w.loadBalancerAnnotations("ocid1.subnet.oc1..lb")).toEqual({
      ...flexible10,
      "service.beta.kubernetes.io/oci-load-balancer-subnet1": "ocid1.subnet.oc1..lb",
    });
  });
});
