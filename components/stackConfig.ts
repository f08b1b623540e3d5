import * as pulumi from "@pulumi/pulumi";
import { QuickCreateConfigError } from "./errors";
import { QuickCreateArgs } from "./settings";

/** The project namespace of every key in Pulumi.yaml and Pulumi.<stack>.yaml. */
export const PROJECT_NAMESPACE = "oke-quick-create";

function typed<T>(read: () => T | undefined, key: string, expected: string, example = `pulumi config set ${key} ...`): T | undefined {
  try {
    return read();
  } catch {
    // Pulumi's own message quotes the raw config and a stack trace; one sentence is enough.
    throw new QuickCreateConfigError(key, `Invalid value for ${key}: use ${expected}, for example \`${example}\`.`);
  }
}

/** Reads the stack's configuration into component arguments; validation happens in the component. */
export function readStackConfig(): QuickCreateArgs & { region: string } {
  const config = new pulumi.Config(PROJECT_NAMESPACE);
  const region = new pulumi.Config("oci").get("region");
  if (!region) {
    throw new QuickCreateConfigError("oci:region", "Missing oci:region: set it with `pulumi config set oci:region ap-tokyo-1` (or your region).");
  }
  // Pulumi.yaml must give optional keys a default, so "" (and 0 for the boot volume and the shape's
  // OCPUs and memory) stands for unset: only a value the user set is checked against the shape.
  const str = (key: string) => config.get(key) || undefined;
  const num = (key: string) => typed(() => config.getNumber(key), key, "a number");
  const bool = (key: string) => typed(() => config.getBoolean(key), key, "true or false");
  const list = (key: string) => typed(() => config.getObject<unknown>(key), key, "a list", `pulumi config set --path '${key}[0]' ...`);
  const required = (key: string, example: string) => {
    const value = config.get(key);
    if (!value) throw new QuickCreateConfigError(key, `Missing ${key}: set it with \`pulumi config set ${key} ${example}\`.`);
    return value;
  };
  return {
    region,
    compartmentId: required("compartmentId", "ocid1.compartment.oc1..<id>"),
    kubernetesVersion: required("kubernetesVersion", "v1.33.1"),
    clusterName: str("clusterName"),
    nameSuffix: str("nameSuffix"),
    clusterType: str("clusterType") as QuickCreateArgs["clusterType"],
    cni: str("cni") as QuickCreateArgs["cni"],
    endpointPublic: bool("endpointPublic"),
    workersPublic: bool("workersPublic"),
    nodeShape: str("nodeShape"),
    nodeOcpus: num("nodeOcpus") || undefined,
    nodeMemoryGbs: num("nodeMemoryGbs") || undefined,
    nodeCount: num("nodeCount"),
    nodeImageId: str("nodeImageId"),
    bootVolumeSizeGbs: num("bootVolumeSizeGbs") || undefined,
    sshPublicKey: str("sshPublicKey"),
    vcnCidr: str("vcnCidr"),
    endpointSubnetCidr: str("endpointSubnetCidr"),
    workerSubnetCidr: str("workerSubnetCidr"),
    lbSubnetCidr: str("lbSubnetCidr"),
    podsCidr: str("podsCidr"),
    servicesCidr: str("servicesCidr"),
    kubeconfigAuth: str("kubeconfigAuth") as QuickCreateArgs["kubeconfigAuth"],
    deploySample: bool("deploySample"),
    bastion: bool("bastion"),
    bastionClientCidrs: list("bastionClientCidrs"),
    nodeCyclingMaximumSurge: str("nodeCyclingMaximumSurge"),
    nodeCyclingMaximumUnavailable: str("nodeCyclingMaximumUnavailable"),
    nodeImageRefresh: bool("nodeImageRefresh"),
  };
}
