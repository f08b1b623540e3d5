import { QuickCreateLookupError } from "../../components/errors";
import { checkAvailabilityDomains, selectNodeImage, selectOracleServices } from "../../components/regionChoices";
import { expectRejection, runStack } from "../helpers/stack";
import { ResourceType } from "../../policies/contract";

const rejection = expectRejection;

test.each([
  ["vcnCidr", "10.0.0.0/33", /vcnCidr.*CIDR notation/],
  ["vcnCidr", "10.0.0.1/16", /network's first/],
  ["workerSubnetCidr", "10.1.10.0/24", /inside vcnCidr 10\.0\.0\.0\/16/],
  ["lbSubnetCidr", "10.0.10.128/25", /overlaps workerSubnetCidr 10\.0\.10\.0\/24/],
  ["servicesCidr", "10.0.128.0/20", /overlaps vcnCidr/],
  ["nodeCount", 0, /nodeCount.*from 1 to 1000/],
  ["nodeOcpus", 65, /E4\.Flex takes a whole number of OCPUs from 1 to 64/],
  ["kubernetesVersion", "1.33", /vMAJOR\.MINOR\.PATCH/],
  ["bootVolumeSizeGbs", 47, /from 50 to 32768.*image default/],
  ["clusterType", "premium", /"enhanced" or "basic"/],
  ["cni", "calico", /"vcn-native" or "flannel"/],
  ["kubeconfigAuth", "password", /"oci-cli" or "token-helper"/],
  ["nameSuffix", "XYZ", /9 lowercase hexadecimal digits/],
  ["compartmentId", "my-compartment", /OCID/],
])("%s = %p is rejected with a sentence naming the key and value", async (key, value, advice) => {
  const error = await rejection({ [key]: value });
  expect(error.key).toBe(key);
  expect(error.message).toContain(key);
  expect(error.message).toContain(JSON.stringify(value));
  expect(error.message).toMatch(advice);
});

test("podsCidr is checked against the VCN only when flannel uses it", async () => {
  const vcnNative = await runStack({ podsCidr: "10.0.0.0/16" });
  const cluster = vcnNative.resources.find((r) => r.type === ResourceType.Cluster)!.inputs as Record<string, any>;
  expect(cluster.clusterPodNetworkOptions).toEqual([{ cniType: "OCI_VCN_IP_NATIVE" }]);
  expect(cluster.options.kubernetesNetworkConfig).toEqual({ servicesCidr: "10.96.0.0/16" });
  const error = await rejection({ cni: "flannel", podsCidr: "10.0.0.0/16" });
  expect(error.message).toMatch(/podsCidr.*overlaps vcnCidr/);
});

test("a version the region does not offer lists what it offers", async () => {
  const error = await rejection({ kubernetesVersion: "v1.20.8" });
  expect(error.message).toBe('Invalid value "v1.20.8" for kubernetesVersion: region ap-tokyo-1 offers v1.31.10, v1.32.1, v1.33.1, v1.34.1.');
});

test("a non-integer nodeCount from the stack file is named, not a stack trace", async () => {
  const error = await rejection({ nodeCount: "three" });
  expect(error.message).toMatch(/^Invalid value for nodeCount: use a number/);
});

test.each([
  ["compartmentId", /^Missing compartmentId: set it with `pulumi config set compartmentId ocid1\.compartment\.oc1\.\.<id>`\.$/],
  ["kubernetesVersion", /^Missing kubernetesVersion: set it with `pulumi config set kubernetesVersion v1\.33\.1`\.$/],
  ["oci:region", /^Missing oci:region: set it with `pulumi config set oci:region ap-tokyo-1`/],
])("an empty required key %s says which command sets it", async (key, message) => {
  const error = await rejection({ [key]: "" });
  expect(error.key).toBe(key);
  expect(error.message).toMatch(message);
});

test("a region without an offline answer is not silently mistaken for another", async () => {
  await expect(runStack({ "oci:region": "mars-north-1" })).rejects.toThrow(/No offline fixture for region "mars-north-1"/);
});

describe("region choices", () => {
  const sources = (names: string[]) => names.map((sourceName, i) => ({ sourceName, sourceType: "IMAGE", imageId: `img-${i}` }));

  test("the newest build of the newest Oracle Linux for the version wins; GPU, Arm and other versions are skipped", () => {
    const chosen = selectNodeImage(
      sources([
        "Oracle-Linux-8.10-2025.06.17-0-OKE-1.32.1-1033",
        "Oracle-Linux-8.10-Gen2-GPU-2025.07.01-0-OKE-1.33.1-1040",
        "Oracle-Linux-8.10-aarch64-2025.07.01-0-OKE-1.33.1-1040",
        "Oracle-Linux-7.9-2025.06.20-0-OKE-1.33.1-1034",
        "Oracle-Linux-8.10-2025.06.17-0-OKE-1.33.1-1033",
        "Oracle-Linux-8.10-2025.06.17-1-OKE-1.33.1-1035",
      ]),
      "v1.33.1",
      "ap-tokyo-1",
    );
    expect(chosen.sourceName).toBe("Oracle-Linux-8.10-2025.06.17-1-OKE-1.33.1-1035");
  });

  test("no image for the version is a sentence saying what was searched", () => {
    expect(() => selectNodeImage(sources(["Oracle-Linux-8.10-2025.06.17-0-OKE-1.32.1-1033"]), "v1.33.1", "ap-tokyo-1")).toThrow(
      new QuickCreateLookupError(
        "No Oracle Linux x86_64 OKE image for Kubernetes v1.33.1 (shape VM.Standard.E4.Flex) among the 1 node-pool image sources of region ap-tokyo-1; set nodeImageId to an image OCID, or choose a version with images.",
      ),
    );
  });

  test("a region without availability domains is named, with what to check", () => {
    expect(() => checkAvailabilityDomains([], "ap-tokyo-1")).toThrow(
      new QuickCreateLookupError("No availability domains were returned for region ap-tokyo-1; check oci:region and the compartment's tenancy."),
    );
  });

  test("only the all-services entry of the Oracle Services Network is used", () => {
    const services = [
      { id: "s1", name: "OCI NRT Object Storage", cidrBlock: "oci-nrt-objectstorage", description: "" },
      { id: "s2", name: "All NRT Services In Oracle Services Network", cidrBlock: "all-nrt-services-in-oracle-services-network", description: "" },
    ];
    expect(selectOracleServices(services, "ap-tokyo-1").id).toBe("s2");
    expect(() => selectOracleServices(services.slice(0, 1), "ap-tokyo-1")).toThrow(
      /No "All <KEY> Services In Oracle Services Network" entry among the 1 services of region ap-tokyo-1/,
    );
  });
});
