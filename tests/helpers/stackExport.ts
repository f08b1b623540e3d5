import { createHash } from "crypto";

/**
 * Writes what `pulumi stack export` would give after `pulumi up` of a plan, in the CLI's exact shape
 * (pulumi/pulumi sdk/go/common/apitype/core.go: UntypedDeployment, DeploymentV3, ResourceV3;
 * pkg/resource/stack/deployment.go: SerializeDeployment), from a plan's `--json`:
 * - version 4 with `features: ["hooks"]`, since resources carry resource hooks;
 * - the Stack resource first, holding the stack outputs, then the default OCI provider Pulumi adds
 *   (`pulumi:providers:oci::default_<version>`, its inputs with the engine's `version`), referenced by
 *   every OCI resource as `<provider urn>::<provider id>`;
 * - secrets as `{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "ciphertext": ...}`,
 *   or with `showSecrets` as `"plaintext"` holding the value's JSON, as `--show-secrets` writes them;
 * - bridged (OCI) resources' inputs with the bridge's `__defaults` list in every object;
 * - ids that a tenancy gives (other OCIDs than the offline fixtures', the tenancy's own availability
 *   domain prefix), so a plan against it must take them from the state.
 */
export interface ExportOptions {
  showSecrets?: boolean;
  /** The secret's value written in plain text with showSecrets (a plan file has only "[secret]"). */
  secretPlaintext?: string;
  /** The tenancy's availability domain prefix, instead of the offline fixture's. */
  adPrefix?: string;
}

type Json = any;

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";

function secretOf(options: ExportOptions): Json {
  if (options.showSecrets) return { [SIG]: SECRET, plaintext: JSON.stringify(options.secretPlaintext ?? "apiVersion: v1\nkind: Config\n") };
  return { [SIG]: SECRET, ciphertext: "v1:PQ8Ea8h0jIYUbzM0:3cHhaV5tCBMI7iC8hqBqzqW3cEzBwqHcj2hX6A==" };
}

function withSecrets(value: Json, options: ExportOptions): Json {
  if (value === "[secret]") return secretOf(options);
  if (Array.isArray(value)) return value.map((v) => withSecrets(v, options));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withSecrets(v, options)]));
  return value;
}

/** The bridge's marker in every object of a bridged resource's inputs: nothing defaulted here. */
function withDefaultsMarkers(value: Json): Json {
  if (Array.isArray(value)) return value.map(withDefaultsMarkers);
  if (value && typeof value === "object" && !(SIG in value)) {
    return { __defaults: [], ...Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withDefaultsMarkers(v)])) };
  }
  return value;
}

/** A tenancy's OCID for the offline one: same kind and region, another unique part. */
function realOcid(ocid: string): string {
  const [, kind, realm, region] = ocid.split(".");
  return `ocid1.${kind}.${realm}.${region}.aaaaaaaa${createHash("sha256").update(ocid).digest("hex").slice(0, 52)}`;
}

/** Replaces every resource OCID in the document (not compartments and images, which the config and the fixtures' images name). */
function renameIds(text: string, adPrefix?: string): string {
  let out = text.replace(/ocid1\.(?!compartment|tenancy|image)[a-z]+\.oc1\.[a-z0-9-]+\.[a-z0-9]+/g, realOcid);
  if (adPrefix) out = out.replace(/"Uocm:/g, `"${adPrefix}:`);
  return out;
}

export function stackExportOf(plan: Json, options: ExportOptions = {}): Json {
  const { stack, project } = plan;
  const stackUrn = `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack}`;
  const ociVersion = "4.20.0";
  const providerUrn = `urn:pulumi:${stack}::${project}::pulumi:providers:oci::default_${ociVersion.replace(/\./g, "_")}`;
  const providerId = "0e8e5f0d-3f6b-4c55-9f0e-2a3f3b5d6c7e";
  const time = "2026-11-30T09:12:44.118422+00:00";
  const region = plan.config["oci:region"];
  const resources: Json[] = [
    { urn: stackUrn, custom: false, type: "pulumi:pulumi:Stack", outputs: withSecrets(plan.outputs, options), created: time, modified: time },
    {
      urn: providerUrn,
      custom: true,
      id: providerId,
      type: "pulumi:providers:oci",
      inputs: { __internal: {}, region, version: ociVersion },
      outputs: { region, version: ociVersion },
      created: time,
      modified: time,
    },
  ];
  for (const r of plan.resources) {
    const oci = r.type.startsWith("oci:");
    const provider = r.type.startsWith("pulumi:providers:");
    const inputs = withSecrets(oci ? withDefaultsMarkers(r.inputs) : provider ? { ...r.inputs, version: "4.34.2" } : r.inputs, options);
    const state: Json = {
      urn: r.urn,
      custom: oci || provider,
      ...(oci || provider ? { id: r.id } : {}),
      type: r.type,
      parent: r.parent ?? stackUrn,
      ...(Object.keys(r.inputs).length || oci || provider ? { inputs } : {}),
      ...(oci || provider ? { outputs: { ...withSecrets(r.inputs, options), ...withSecrets(r.outputs ?? {}, options) } } : {}),
      dependencies: r.dependencies,
      ...(oci ? { provider: `${providerUrn}::${providerId}` } : {}),
      ...(r.hooks ? { resourceHooks: r.hooks } : {}),
      created: time,
      modified: time,
    };
    resources.push(state);
  }
  const hooks = plan.resources.some((r: Json) => r.hooks);
  const doc = {
    version: hooks ? 4 : 3,
    ...(hooks ? { features: ["hooks"] } : {}),
    deployment: {
      manifest: { time, magic: "6c1dbc2e4ebc5aa1ec3e8e4e1b2b8c2b0c8c2f1d4e9d7f2d8e1c4b7a9e3f5d1c", version: "v3.248.0" },
      secrets_providers: { type: "service", state: { url: "https://api.pulumi.com", owner: "example", project, stack } },
      resources,
    },
  };
  return JSON.parse(renameIds(JSON.stringify(doc), options.adPrefix));
}
