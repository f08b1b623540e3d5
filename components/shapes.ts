import { QuickCreateConfigError, shownValue } from "./errors";
import { ANY_FLEX, FLEX_SHAPES } from "./limits";

/**
 * Node shapes: which are flexible, the OCPU and memory ranges of each flexible one, and the CPU
 * architecture an image must be built for.
 */

/** The OCPUs a flexible shape gets when nodeOcpus is unset: what Quick Create asks for. */
export const DEFAULT_FLEX_OCPUS = 1;

export type ImageKind = "x86_64" | "aarch64" | "gpu";
export const IMAGE_KIND_WORDS: Readonly<Record<ImageKind, string>> = { x86_64: "x86_64", aarch64: "aarch64 (Arm)", gpu: "GPU" };

export function isFlexShape(shape: string): boolean {
  return shape.endsWith(".Flex");
}

/**
 * GPU shapes (VM.GPU.A10.1, BM.GPU4.8, VM.GPU2.1) need OKE's GPU image; Ampere shapes
 * (VM.Standard.A1.Flex, BM.Standard.A1.160, VM.Standard.A2.Flex) the aarch64 one; the rest x86_64.
 * GPU first: "VM.GPU.A10.1" names an NVIDIA A10, not an Arm CPU.
 */
export function imageKindForShape(shape: string): ImageKind {
  if (/\.GPU/i.test(shape)) return "gpu";
  if (/^(VM|BM)\.Standard\.A\d+\./.test(shape)) return "aarch64";
  return "x86_64";
}

/** Which build an OKE image name is: OKE names GPU builds `-GPU-` and Arm builds `-aarch64-`. */
export function imageKindOfName(sourceName: string): ImageKind {
  if (/GPU/i.test(sourceName)) return "gpu";
  if (/aarch64/i.test(sourceName)) return "aarch64";
  return "x86_64";
}

export interface ShapeSizing {
  ocpus: number;
  memoryGbs: number;
}

function refuse(key: string, value: unknown, allowed: string): never {
  throw new QuickCreateConfigError(key, `Invalid value ${typeof value === "string" ? shownValue(value) : String(value)} for ${key}: ${allowed}.`);
}

/**
 * The OCPUs and memory for a shape. Unset leaves the size to OCI: 1 OCPU with the shape's own memory
 * per OCPU for a flexible shape, which is what Quick Create asks for, and nothing for a fixed shape,
 * whose size is the shape. A fixed shape given either value is refused: OCI rejects a shape config for it.
 */
export function resolveShapeSizing(shape: string, ocpus: number | undefined, memoryGbs: number | undefined): ShapeSizing | undefined {
  if (!isFlexShape(shape)) {
    if (ocpus !== undefined)
      refuse("nodeOcpus", ocpus, `${shape} is a fixed shape whose OCPUs are set by the shape; unset nodeOcpus (0 in the stack file) or choose a .Flex shape`);
    if (memoryGbs !== undefined)
      refuse(
        "nodeMemoryGbs",
        memoryGbs,
        `${shape} is a fixed shape whose memory is set by the shape; unset nodeMemoryGbs (0 in the stack file) or choose a .Flex shape`,
      );
    return undefined;
  }
  const limits = FLEX_SHAPES[shape] ?? ANY_FLEX;
  const o = limits.ocpus;
  const resolvedOcpus = ocpus ?? DEFAULT_FLEX_OCPUS;
  if (!Number.isSafeInteger(resolvedOcpus) || resolvedOcpus < o.min || resolvedOcpus > o.max) {
    refuse("nodeOcpus", ocpus, `${shape} takes a whole number of OCPUs from ${o.min} to ${o.max === Number.MAX_SAFE_INTEGER ? "the shape's maximum" : o.max}`);
  }
  const m = limits.memoryPerOcpuGbs;
  const low = Math.max(1, m.min * resolvedOcpus);
  const high = Math.min(limits.maxMemoryGbs, m.max * resolvedOcpus);
  const resolvedMemory = memoryGbs ?? Math.min(high, limits.defaultMemoryPerOcpuGbs * resolvedOcpus);
  if (!Number.isSafeInteger(resolvedMemory) || resolvedMemory < low || resolvedMemory > high) {
    refuse(
      "nodeMemoryGbs",
      memoryGbs,
      `${shape} with ${resolvedOcpus} OCPU${resolvedOcpus === 1 ? "" : "s"} takes a whole number of GB from ${low} to ${high} (${m.min} to ${m.max} GB per OCPU, at most ${limits.maxMemoryGbs} GB)`,
    );
  }
  return { ocpus: resolvedOcpus, memoryGbs: resolvedMemory };
}

/** The node shape must be one the region's node-pool options offer (GetNodePoolOptions.shapes). */
export function checkShapeOffered(shape: string, offered: readonly string[], region: string): void {
  if (offered.length > 0 && !offered.includes(shape)) {
    throw new QuickCreateConfigError(
      "nodeShape",
      `Invalid value ${shownValue(shape)} for nodeShape: region ${region} offers node pools ${offered.join(", ")}.`,
    );
  }
}

/**
 * A configured image is used as given, but when the region lists it among the node-pool image sources
 * its name tells its build, and an x86_64 image on an Arm shape (or the reverse) would never boot.
 */
export function checkConfiguredImage(imageId: string, shape: string, sources: ReadonlyArray<{ imageId: string; sourceName: string; sourceType: string }>) {
  const listed = sources.find((s) => s.imageId === imageId);
  if (listed) {
    const name = listed.sourceName;
    const kind = imageKindOfName(name);
    const wanted = imageKindForShape(shape);
    if (kind !== wanted) {
      throw new QuickCreateConfigError(
        "nodeImageId",
        `Invalid value ${shownValue(imageId)} for nodeImageId: it is the ${IMAGE_KIND_WORDS[kind]} image ${name}, but ${shape} needs ${wanted === "gpu" ? "a" : "an"} ${IMAGE_KIND_WORDS[wanted]} image; choose one built for the shape or leave nodeImageId unset.`,
      );
    }
    return { imageId, sourceName: name, sourceType: listed.sourceType };
  }
  return { imageId, sourceName: "(configured nodeImageId)", sourceType: "IMAGE" };
}
