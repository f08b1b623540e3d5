import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { parse } from "yaml";
import { FAULT_DOMAIN_LABEL } from "../../components/sampleWorkload";
import { LoadBalancerAnnotation, ResourceType } from "../../policies/contract";
import { ProgramRun } from "../../offline/run/runProgram";
import { ofType, runStack } from "../helpers/stack";

const kubeconfigOf = (run: ProgramRun) => parse((run.outputs.kubeconfig as { secret: string }).secret);
const userExec = (config: any) => config.users[0].user.exec;

describe.each([
  ["oci-cli", true, "https://203.0.113.10:6443"],
  ["oci-cli", false, "https://10.0.0.2:6443"],
  ["token-helper", true, "https://203.0.113.10:6443"],
  ["token-helper", false, "https://10.0.0.2:6443"],
])("kubeconfig with %s auth, public endpoint %p", (auth, endpointPublic, server) => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await runStack({ kubeconfigAuth: auth, endpointPublic });
  });

  test("points at the configured endpoint and gets tokens the configured way", () => {
    const config = kubeconfigOf(run);
    expect(config.clusters[0].cluster.server).toBe(server);
    const exec = userExec(config);
    expect(exec.apiVersion).toBe("client.authentication.k8s.io/v1beta1");
    const clusterId = run.outputs.clusterId as string;
    if (auth === "oci-cli") {
      expect(exec.command).toBe("oci");
      expect(exec.args).toEqual(["ce", "cluster", "generate-token", "--cluster-id", clusterId, "--region", "ap-tokyo-1"]);
    } else {
      expect(exec.command).toBe("node");
      expect(exec.args[0]).toMatch(/bin[\\/]oke-token\.js$/);
      expect(exec.args.slice(1)).toEqual(["--cluster-id", clusterId, "--region", "ap-tokyo-1"]);
    }
  });

  test("the Kubernetes provider is built from the same kubeconfig, kept secret, after the node pool", () => {
    const [provider] = ofType(run, "pulumi:providers:kubernetes");
    const kubeconfig = provider.inputs.kubeconfig as Record<string, string>;
    // The engine stores a secret input encrypted only when it carries the secret signature, not any marker.
    expect(kubeconfig[specialSigKey]).toBe(specialSecretSig);
    expect(parse(kubeconfig.value)).toEqual(kubeconfigOf(run));
    expect(provider.dependencies).toContain(ofType(run, ResourceType.NodePool)[0].urn);
  });

  test("no Kubernetes resource is registered while deploySample is off", () => {
    expect(run.resources.filter((r) => r.type.startsWith("kubernetes:"))).toHaveLength(0);
    expect(run.outputs.sampleAddress).toBeUndefined();
  });
});

describe("deploySample", () => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await runStack({ deploySample: true });
  });

  test("every Kubernetes resource goes through the cluster's provider", () => {
    const [provider] = ofType(run, "pulumi:providers:kubernetes");
    const workloads = run.resources.filter((r) => r.type.startsWith("kubernetes:"));
    expect(workloads.map((r) => r.type).sort()).toEqual(["kubernetes:apps/v1:Deployment", "kubernetes:core/v1:Service"]);
    for (const r of workloads) expect(r.provider).toMatch(new RegExp(`^${provider.urn.replace(/[$]/g, "\\$")}::`));
  });

  test("three replicas spread over fault domains behind a flexible LB in the LB subnet", () => {
    const [deployment] = ofType(run, ResourceType.Deployment);
    const spec = deployment.inputs.spec as any;
    expect(spec.replicas).toBe(3);
    expect(spec.template.spec.topologySpreadConstraints).toContainEqual(
      expect.objectContaining({ topologyKey: FAULT_DOMAIN_LABEL, maxSkew: 1, whenUnsatisfiable: "DoNotSchedule" }),
    );
    const [service] = ofType(run, ResourceType.Service);
    const annotations = (service.inputs.metadata as any).annotations;
    expect(annotations[LoadBalancerAnnotation.shape]).toBe("flexible");
    expect(annotations[LoadBalancerAnnotation.subnet1]).toBe(run.outputs.lbSubnetId);
    expect((service.inputs.spec as any).type).toBe("LoadBalancer");
    expect(run.outputs.sampleAddress).toBe("203.0.113.20");
  });
});
