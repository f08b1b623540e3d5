import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { PROJECT_NAME } from "../../policies/contract";

/** Files whose format makes them spell the project's name themselves: they must spell the contract's. */
const ROOT = path.resolve(__dirname, "..", "..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

describe("the project's name, spelled where a format requires it", () => {
  it("is the contract's PROJECT_NAME in Pulumi.yaml, package.json and the pack's package.json", () => {
    expect({
      "Pulumi.yaml": (YAML.parse(read("Pulumi.yaml")) as { name: string }).name,
      "package.json": (JSON.parse(read("package.json")) as { name: string }).name,
      "policies/package.json": (JSON.parse(read("policies/package.json")) as { name: string }).name,
    }).toEqual({
      "Pulumi.yaml": PROJECT_NAME,
      "package.json": PROJECT_NAME,
      "policies/package.json": `${PROJECT_NAME}-policies`,
    });
  });

  it("is the namespace of every key Pulumi.dev.yaml sets for the program", () => {
    const keys = Object.keys((YAML.parse(read("Pulumi.dev.yaml")) as { config: Record<string, unknown> }).config);
    expect(keys.filter((key) => !key.startsWith("oci:") && !key.startsWith(`${PROJECT_NAME}:`))).toEqual([]);
  });
});
