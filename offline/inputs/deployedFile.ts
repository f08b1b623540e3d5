import { DeployedPlan, DeployedResource } from "../run/deployedPlan";
import { PlanInputError } from "../report/errors";
import { checkReadBackInputs, expectField, fieldError, isRecord } from "./deployedFields";
import { checkSameStack, isStackExport, readStackExport } from "./stackExport";
import { echo } from "../../tools/common/echo";
import { InputFileError, readInputJson, SIZE_LIMITS } from "../../tools/common/inputFile";

const FIX = "pass the file `pulumi stack export --file FILE` or an earlier `npm start -- --json FILE` wrote";

/** The stack a plan runs, which the deployed file must describe. */
export interface ExpectedStack {
  stack: string;
  project: string;
}

function readPlanJson(file: string, doc: Record<string, unknown>, expected: ExpectedStack): DeployedPlan {
  const shown = echo(file, { quote: false });
  expectField(file, "stack", doc.stack, "string", FIX);
  expectField(file, "project", doc.project, "string", FIX);
  if (typeof doc.stack === "string" && typeof doc.project === "string") {
    checkSameStack(file, { stack: doc.stack, project: doc.project }, expected, `npm start -- --stack ${expected.stack} --json ${shown}`);
  }
  const list = doc.resources as Array<Record<string, any>>;
  list.forEach((r, i) => {
    const where = `resources[${i}]`;
    if (!isRecord(r)) throw fieldError(file, where, "object", r, FIX);
    for (const key of ["urn", "type", "name"]) {
      if (typeof r[key] !== "string" || !r[key]) throw fieldError(file, `${where}.${key}`, "string", r[key], FIX);
    }
    if (!isRecord(r.inputs)) throw fieldError(file, `${where}.inputs`, "object", r.inputs, FIX);
    expectField(file, `${where}.id`, r.id, "string", FIX);
    expectField(file, `${where}.outputs`, r.outputs, "object", FIX);
    checkReadBackInputs(file, where, r.type, r.inputs, FIX);
  });
  const seen = new Set<string>();
  for (const r of list) {
    if (seen.has(r.urn)) {
      throw new PlanInputError(
        `--deployed ${shown} lists ${echo(r.urn, { quote: false, limit: 200 })} twice, so what is deployed there is ambiguous: write it again with \`npm start -- --json ${shown}\`.`,
      );
    }
    seen.add(r.urn);
  }
  if (list.length > 0 && !list.some((r) => typeof r.id === "string" && r.id)) {
    throw new PlanInputError(
      `--deployed ${shown} holds no resource ids (it was written with --preview, or by a version without ids): write it again with \`npm start -- --json ${shown}\`.`,
    );
  }
  expectField(file, "config", doc.config, "object", FIX);
  const config = (doc.config ?? {}) as Record<string, unknown>;
  expectField(file, 'config["oci:region"]', config["oci:region"], "string", FIX);
  return new DeployedPlan((config["oci:region"] as string | undefined) ?? "", list as DeployedResource[]);
}

/**
 * Reads `--deployed FILE`: what `pulumi stack export` writes (the real state of the stack, with or
 * without --show-secrets), or the JSON of an earlier plan (`--json`). Either way every problem is one
 * sentence naming the file: not a regular file, too large, too deep, not JSON, neither format, a field
 * of the wrong type, a URN listed twice, another stack.
 */
export function readDeployedFile(file: string, expected: ExpectedStack): DeployedPlan {
  let doc: unknown;
  try {
    doc = readInputJson(file, { what: "--deployed", maxBytes: SIZE_LIMITS.state, fix: FIX });
  } catch (err) {
    if (err instanceof InputFileError) throw new PlanInputError(err.message);
    throw err;
  }
  if (isStackExport(doc)) {
    const state = readStackExport(file, doc as Record<string, unknown>, expected);
    return new DeployedPlan(state.region, state.resources, "export");
  }
  if (isRecord(doc) && Array.isArray(doc.resources)) return readPlanJson(file, doc, expected);
  throw new PlanInputError(
    `--deployed ${echo(file, { quote: false })} is neither a stack export ({"version", "deployment"}) nor a plan ({"resources": [...]}): ${FIX}.`,
  );
}
