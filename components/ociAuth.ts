import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type * as ociCommon from "oci-common";

/**
 * OCI API credentials for the official SDK clients the destroy hooks use, found where the Pulumi OCI
 * provider finds its own, so a stack that can `pulumi up` can also clean up:
 *  1. the provider's `oci:` configuration (`oci:tenancyOcid`, `oci:userOcid`, `oci:fingerprint`,
 *     `oci:privateKey` or `oci:privateKeyPath`, `oci:privateKeyPassword`, `oci:region`,
 *     `oci:configFileProfile`);
 *  2. the environment variables the provider reads for each of them: `TF_VAR_<name>`, then
 *     `OCI_<NAME>` (pulumi-oci README "Configuration"; the Terraform provider's getEnvSetting);
 *  3. otherwise the profile in `~/.oci/config` (`DEFAULT` unless a profile is configured).
 * Each key is taken from the first place that has it, as the provider does.
 *
 * tools/oke-token/credentials.js reads the OCI CLI's sources (`~/.oci/config`, `OCI_CLI_*`) for a
 * kubectl exec plugin; this module reads the provider's, for code running inside the Pulumi program.
 */

/** Provider config key → the provider's environment name (TF_VAR_<name> / OCI_<NAME>). */
const PROVIDER_KEYS = {
  tenancyOcid: "tenancy_ocid",
  userOcid: "user_ocid",
  fingerprint: "fingerprint",
  privateKey: "private_key",
  privateKeyPath: "private_key_path",
  privateKeyPassword: "private_key_password",
  region: "region",
  configFileProfile: "config_file_profile",
} as const;
type ProviderKey = keyof typeof PROVIDER_KEYS;

export interface OciAuthSources {
  /** The `oci:` namespace of the stack's config, bare keys (`tenancyOcid`). */
  providerConfig: Partial<Record<ProviderKey, string | undefined>>;
  env: NodeJS.ProcessEnv;
  homeDir?: string;
}

export type OciAuth =
  | { kind: "api-key"; tenancy: string; user: string; fingerprint: string; privateKey: string; passphrase?: string; region: string }
  | { kind: "config-file"; file: string; profile: string; region?: string };

function setting(sources: OciAuthSources, key: ProviderKey): string | undefined {
  const envName = PROVIDER_KEYS[key];
  // A PEM keeps its layout; identifiers lose stray whitespace from copy and paste.
  const clean = (value: string | undefined) => (value === undefined || value.trim() === "" ? undefined : key === "privateKey" ? value : value.trim());
  return clean(sources.providerConfig[key]) ?? clean(sources.env[`TF_VAR_${envName}`]) ?? clean(sources.env[`OCI_${envName.toUpperCase()}`]);
}

function expandHome(p: string, home: string): string {
  return p === "~" || p.startsWith("~/") ? path.join(home, p.slice(1)) : p;
}

/** Where the credentials come from; one sentence naming what to set when there are none. */
export function resolveOciAuth(sources: OciAuthSources): OciAuth {
  const home = sources.homeDir ?? os.homedir();
  const tenancy = setting(sources, "tenancyOcid");
  const user = setting(sources, "userOcid");
  const fingerprint = setting(sources, "fingerprint");
  const region = setting(sources, "region");
  const inlineKey = setting(sources, "privateKey");
  const keyPath = setting(sources, "privateKeyPath");
  if (tenancy && user && fingerprint && (inlineKey || keyPath)) {
    if (!region) {
      throw new Error("OCI credentials are configured but no region: set oci:region (or TF_VAR_region).");
    }
    let privateKey = inlineKey;
    if (!privateKey) {
      const file = expandHome(keyPath!, home);
      try {
        privateKey = fs.readFileSync(file, "utf8");
      } catch {
        throw new Error(
          `The OCI private key file ${file} (oci:privateKeyPath) cannot be read: point oci:privateKeyPath or TF_VAR_private_key_path at your API key's .pem.`,
        );
      }
    }
    return { kind: "api-key", tenancy, user, fingerprint, privateKey, passphrase: setting(sources, "privateKeyPassword"), region };
  }
  const file = path.join(home, ".oci", "config");
  if (fs.existsSync(file)) {
    return { kind: "config-file", file, profile: setting(sources, "configFileProfile") ?? "DEFAULT", region };
  }
  throw new Error(
    `No OCI credentials for the destroy hooks: set oci:tenancyOcid, oci:userOcid, oci:fingerprint and oci:privateKeyPath (or their TF_VAR_ variables), or create ${file} with \`oci setup config\`.`,
  );
}

/** The SDK's signer for `auth`; oci-common is loaded here, only when a hook actually calls OCI. */
export function ociAuthenticationProvider(auth: OciAuth): ociCommon.AuthenticationDetailsProvider {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const oci: typeof ociCommon = require("oci-common");
  if (auth.kind === "api-key") {
    return new oci.SimpleAuthenticationDetailsProvider(
      auth.tenancy,
      auth.user,
      auth.fingerprint,
      auth.privateKey,
      auth.passphrase ?? null,
      oci.Region.fromRegionId(auth.region),
    );
  }
  return new oci.ConfigFileAuthenticationDetailsProvider(auth.file, auth.profile);
}
