import * as pulumi from "@pulumi/pulumi";
import { PROJECT_NAME } from "../policies/contract";
import { QuickCreateConfigError } from "./errors";
import { Option, OPTION_KEYS, OptionKey, optionOf } from "./options";
import { QuickCreateArgs } from "./settings";

/** The project namespace of every key in Pulumi.yaml and Pulumi.<stack>.yaml. */
export const PROJECT_NAMESPACE = PROJECT_NAME;

function typed<T>(read: () => T | undefined, key: string, expected: string, example = `pulumi config set ${key} ...`): T | undefined {
  try {
    return read();
  } catch {
    // Pulumi's own message quotes the raw config and a stack trace; one sentence is enough.
    throw new QuickCreateConfigError(key, `Invalid value for ${key}: use ${expected}, for example \`${example}\`.`);
  }
}

/** Reads every key of components/options.ts by its declared type; validation happens in the component. */
export function readStackConfig(): QuickCreateArgs & { region: string } {
  const config = new pulumi.Config(PROJECT_NAMESPACE);
  const region = new pulumi.Config("oci").get("region");
  if (!region) {
    throw new QuickCreateConfigError("oci:region", "Missing oci:region: set it with `pulumi config set oci:region ap-tokyo-1` (or your region).");
  }
  const read = (key: OptionKey, option: Option): unknown => {
    switch (option.type) {
      case "string": {
        const value = config.get(key);
        if ("required" in option && !value) {
          throw new QuickCreateConfigError(key, `Missing ${key}: set it with \`pulumi config set ${key} ${option.required}\`.`);
        }
        // Pulumi.yaml must give optional keys a default, so "" stands for unset.
        return value || undefined;
      }
      case "integer": {
        const value = typed(() => config.getNumber(key), key, "a number");
        // Likewise 0 where the table says so (the boot volume, the shape's OCPUs and memory): only a
        // value the user set is checked against the shape.
        return "whenUnset" in option && value === option.default ? undefined : value;
      }
      case "boolean":
        return typed(() => config.getBoolean(key), key, "true or false");
      case "array":
        return typed(() => config.getObject<unknown>(key), key, "a list", `pulumi config set --path '${key}[0]' ...`);
    }
  };
  const args: Record<string, unknown> = {};
  for (const key of OPTION_KEYS) args[key] = read(key, optionOf(key));
  // Values are typed as the table declares them; choices and ranges are checked by resolveSettings.
  return { region, ...(args as QuickCreateArgs) };
}
