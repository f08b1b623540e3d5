import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { OPTION_KEYS, optionOf } from "../../components/options";
import { resolveSettings } from "../../components/settings";
import { readStackConfig } from "../../components/stackConfig";
import { readProjectFile } from "../../offline/inputs/projectFile";
import { OPTIONS_DOC, optionsDocDisagreements, PULUMI_YAML, pulumiYamlDisagreements, renderOptionsDoc, withConfigBlock } from "../../scripts/optionFiles";
import { COMPARTMENT, PROJECT } from "../helpers/stack";

const REPO = path.resolve(__dirname, "..", "..");
const read = (file: string) => fs.readFileSync(path.join(REPO, file), "utf8");

describe("the option table is the one source of every key", () => {
  test("Pulumi.yaml's config: block is the table's", () => {
    expect(pulumiYamlDisagreements(read(PULUMI_YAML))).toEqual([]);
  });

  test("docs/options.md is the table's", () => {
    expect(optionsDocDisagreements(read(OPTIONS_DOC))).toEqual([]);
  });

  test("a changed default in Pulumi.yaml is named with its key and the file", () => {
    const edited = read(PULUMI_YAML).replace(/( {2}nodeCount:\n(?: {4}.*\n)*? {4}default:) 3\n/, "$1 4\n");
    expect(pulumiYamlDisagreements(edited)).toEqual([
      "Pulumi.yaml gives 'nodeCount' default 4, but components/options.ts says 3: run `npm run options` to regenerate it, or fix the table.",
    ]);
  });

  test("a key missing from Pulumi.yaml, and one the table does not know, are each named", () => {
    const edited = read(PULUMI_YAML).replace("  deploySample:\n", "  deploySampel:\n");
    expect(pulumiYamlDisagreements(edited)).toEqual([
      "Pulumi.yaml does not declare 'deploySample', which components/options.ts declares: run `npm run options` to regenerate it, or fix the table.",
      "Pulumi.yaml declares 'deploySampel', which components/options.ts does not: add it to the table or remove it from Pulumi.yaml.",
    ]);
  });

  test("a changed type or a lost item type in Pulumi.yaml is named", () => {
    const edited = read(PULUMI_YAML)
      .replace(/( {2}bastion:\n {4}type:) boolean/, "$1 string")
      .replace("    items:\n      type: string\n", "");
    expect(pulumiYamlDisagreements(edited)).toEqual([
      expect.stringMatching(/^Pulumi\.yaml gives 'bastion' type "string", but components\/options\.ts says "boolean"/),
      expect.stringMatching(/^Pulumi\.yaml gives 'bastionClientCidrs' items undefined, but components\/options\.ts says \{"type":"string"\}/),
    ]);
  });

  test("an edited row of docs/options.md is named with its key and the file", () => {
    const edited = read(OPTIONS_DOC).replace("| `cni` | string | `vcn-native` |", "| `cni` | string | `flannel` |");
    expect(optionsDocDisagreements(edited)).toEqual([expect.stringMatching(/^docs\/options\.md's row for 'cni' differs from components\/options\.ts/)]);
    const dropped = read(OPTIONS_DOC).replace(/^\| `nodeImageRefresh` .*\n/m, "");
    expect(optionsDocDisagreements(dropped)).toEqual([expect.stringMatching(/^docs\/options\.md has no row for 'nodeImageRefresh'/)]);
  });

  test("regenerating keeps the rest of Pulumi.yaml, its comments included, and changes nothing twice", () => {
    const file = read(PULUMI_YAML);
    const outside = (text: string) => text.slice(0, text.indexOf("\nconfig:"));
    const stale = file.replace(/description: Node shape\./, "description: Old words.");
    const fixed = withConfigBlock(stale);
    expect(fixed).toBe(file);
    expect(outside(fixed)).toContain("# tsconfig.json sets noCheck");
    expect(withConfigBlock(fixed)).toBe(fixed);
    expect(renderOptionsDoc()).toBe(read(OPTIONS_DOC));
  });

  test("every choice a key accepts is named in its description and its limits, so the docs cannot offer a value the code refuses", () => {
    const checked: string[] = [];
    for (const key of OPTION_KEYS) {
      const option = optionOf(key);
      for (const choice of "choices" in option ? (option.choices ?? []) : []) {
        expect({ key, choice, description: option.description.includes(choice), limits: option.limits.includes(`\`${choice}\``) }).toEqual({
          key,
          choice,
          description: true,
          limits: true,
        });
        checked.push(`${key}=${choice}`);
      }
    }
    // The keys with a fixed set of values, so the loop above cannot pass by finding none.
    expect(checked).toEqual(expect.arrayContaining(["clusterType=basic", "cni=flannel", "kubeconfigAuth=token-helper"]));
  });

  test("the plan reads Pulumi.yaml as the CLI would and finds each key with the table's type and default", () => {
    const declared = readProjectFile(REPO).declared;
    expect([...declared.keys()]).toEqual(OPTION_KEYS);
    for (const key of OPTION_KEYS) {
      const option = optionOf(key);
      expect({ key, type: declared.get(key)?.type, default: declared.get(key)?.default }).toEqual({
        key,
        type: option.type,
        default: "default" in option ? option.default : undefined,
      });
    }
  });
});

describe("readStackConfig reads each key by the table's type", () => {
  /** The config Pulumi passes a stack that sets only the required keys: Pulumi.yaml's defaults, as strings. */
  function defaultsAsPulumiPassesThem(): Record<string, string> {
    const config: Record<string, string> = { "oci:region": "ap-tokyo-1" };
    for (const key of OPTION_KEYS) {
      const option = optionOf(key);
      const value = "default" in option ? option.default : key === "compartmentId" ? COMPARTMENT : "v1.33.1";
      config[`${PROJECT}:${key}`] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return config;
  }

  afterEach(() => pulumi.runtime.setAllConfig({}));

  test("a stack that sets nothing optional gets what a caller who leaves every option out gets", () => {
    pulumi.runtime.setAllConfig(defaultsAsPulumiPassesThem());
    const { region, ...args } = readStackConfig();
    expect(region).toBe("ap-tokyo-1");
    // "" and the 0 that means "shape or image default" arrive as unset, so the shape decides.
    expect(args.nameSuffix).toBeUndefined();
    expect(args.nodeOcpus).toBeUndefined();
    expect(args.bootVolumeSizeGbs).toBeUndefined();
    expect(args).toMatchObject({ nodeCount: 3, endpointPublic: true });
    expect(args.bastionClientCidrs).toEqual([]);
    expect(resolveSettings(args)).toEqual(resolveSettings({ compartmentId: COMPARTMENT, kubernetesVersion: "v1.33.1" }));
  });

  test("nodeCount 0 is not taken as unset: it is refused as out of range", () => {
    pulumi.runtime.setAllConfig({ ...defaultsAsPulumiPassesThem(), [`${PROJECT}:nodeCount`]: "0" });
    const args = readStackConfig();
    expect(args.nodeCount).toBe(0);
    expect(() => resolveSettings(args)).toThrow("Invalid value 0 for nodeCount: use a whole number from 1 to 1000, OKE's limit per node pool.");
  });

  test.each([
    ["nodeCount", "three", "Invalid value for nodeCount: use a number, for example `pulumi config set nodeCount ...`."],
    ["workersPublic", "yes", "Invalid value for workersPublic: use true or false, for example `pulumi config set workersPublic ...`."],
    [
      "bastionClientCidrs",
      "[203.0.113.0/24",
      "Invalid value for bastionClientCidrs: use a list, for example `pulumi config set --path 'bastionClientCidrs[0]' ...`.",
    ],
    ["kubernetesVersion", "", "Missing kubernetesVersion: set it with `pulumi config set kubernetesVersion v1.33.1`."],
  ])("%s = %p is refused in one sentence", (key, value, sentence) => {
    pulumi.runtime.setAllConfig({ ...defaultsAsPulumiPassesThem(), [`${PROJECT}:${key}`]: value });
    expect(() => readStackConfig()).toThrow(sentence);
  });
});
