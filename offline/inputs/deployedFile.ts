import * as fs from "fs";
import { DeployedPlan, DeployedResource } from "../run/deployedPlan";
import { PlanInputError } from "../report/errors";

const isRecord = (v: unknown): v is Record<string, any> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Reads `--deployed FILE`: the JSON of an earlier plan (`--json`), taken as what is deployed. It must
 * carry resource ids, which only a plan without `--preview` has.
 */
export function readDeployedFile(file: string): DeployedPlan {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new PlanInputError(`--deployed ${file} cannot be read: pass the file an earlier \`npm start -- --json FILE\` wrote.`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new PlanInputError(`--deployed ${file} is not JSON: pass the file an earlier \`npm start -- --json FILE\` wrote.`);
  }
  const resources = isRecord(doc) ? doc.resources : undefined;
  const valid = Array.isArray(resources) && resources.every((r) => isRecord(r) && typeof r.urn === "string" && typeof r.type === "string" && typeof r.name === "string" && isRecord(r.inputs));
  if (!valid) {
    throw new PlanInputError(`--deployed ${file} has no resources list of {urn, type, name, inputs}: pass the file an earlier \`npm start -- --json FILE\` wrote.`);
  }
  const list = resources as DeployedResource[];
  if (list.length > 0 && !list.some((r) => typeof r.id === "string" && r.id)) {
    throw new PlanInputError(`--deployed ${file} holds no resource ids (it was written with --preview, or by a version without ids): write it again with \`npm start -- --json ${file}\`.`);
  }
  const region = isRecord(doc) && isRecord(doc.config) ? String(doc.config["oci:region"] ?? "") : "";
  return new DeployedPlan(region, list);
}
