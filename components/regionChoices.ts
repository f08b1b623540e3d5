import { QuickCreateConfigError, QuickCreateLookupError, shownValue } from "./errors";
import { OPTION_DEFAULTS } from "./options";
import { IMAGE_KIND_WORDS, imageKindForShape, imageKindOfName } from "./shapes";

/**
 * Pure choices Quick Create makes from the region's lookups. Kept apart from the invokes so that the
 * choices are tested on plain data and every failure is a sentence, not an undefined deep in a resource.
 */

export interface OracleService {
  id: string;
  name: string;
  cidrBlock: string;
  description: string;
}
export interface NodeImageSource {
  imageId: string;
  sourceName: string;
  sourceType: string;
}

/** Quick Create routes and allows "All <KEY> Services In Oracle Services Network", never Object Storage alone. */
const ALL_SERVICES = /^All .* Services In Oracle Services Network$/;

export function selectOracleServices(services: readonly OracleService[], region: string): OracleService {
  const found = services.find((s) => ALL_SERVICES.test(s.name));
  if (!found) {
    throw new QuickCreateLookupError(
      `No "All <KEY> Services In Oracle Services Network" entry among the ${services.length} services of region ${region}; the service gateway and the rules to OKE need it.`,
    );
  }
  return found;
}

export function checkVersionOffered(version: string, offered: readonly string[], region: string): void {
  if (!offered.includes(version)) {
    throw new QuickCreateConfigError(
      "kubernetesVersion",
      `Invalid value "${version}" for kubernetesVersion: region ${region} offers ${offered.join(", ") || "no versions"}.`,
    );
  }
}

export function checkAvailabilityDomains(names: readonly string[], region: string): void {
  if (names.length === 0) {
    throw new QuickCreateLookupError(`No availability domains were returned for region ${region}; check oci:region and the compartment's tenancy.`);
  }
}

// Oracle-Linux-8.10-2025.06.17-0-OKE-1.33.1-1033, with -Gen2-GPU- or -aarch64- for GPU and Arm shapes.
const OKE_IMAGE = /^Oracle-Linux-(\d+)\.(\d+)-(?:.*-)?(\d{4})\.(\d{2})\.(\d{2})-(\d+)-OKE-(\d+\.\d+\.\d+)-(\d+)$/;

/**
 * A configured image that OKE's own name marks as built for another Kubernetes version: OKE refuses it
 * ("409-Conflict, Kubernetes version does not match Kubernetes version of OKE worker node image"), also
 * after an upgrade that leaves nodeImageId as it was. Images whose name is not an OKE image's are not
 * checked: their version is not known here.
 */
export function checkConfiguredImageVersion(image: NodeImageSource, kubernetesVersion: string): void {
  const built = OKE_IMAGE.exec(image.sourceName)?.[7];
  if (built && `v${built}` !== kubernetesVersion) {
    throw new QuickCreateConfigError(
      "nodeImageId",
      `Invalid value ${shownValue(image.imageId)} for nodeImageId: it is the OKE image ${image.sourceName}, built for Kubernetes v${built}, but kubernetesVersion is ${kubernetesVersion} and OKE refuses a node image of another version; choose the image for ${kubernetesVersion} or leave nodeImageId unset.`,
    );
  }
}

/**
 * The newest Oracle Linux OKE image built for this Kubernetes version and for the shape's hardware
 * (spec §5): aarch64 for Ampere shapes, the GPU build for GPU shapes, x86_64 for the rest.
 */
export function selectNodeImage(
  sources: readonly NodeImageSource[],
  kubernetesVersion: string,
  region: string,
  nodeShape: string = OPTION_DEFAULTS.nodeShape,
): NodeImageSource {
  const version = kubernetesVersion.replace(/^v/, "");
  const kind = imageKindForShape(nodeShape);
  const candidates = sources
    .filter((s) => s.sourceType === "IMAGE" && imageKindOfName(s.sourceName) === kind)
    .map((s) => ({ source: s, match: OKE_IMAGE.exec(s.sourceName) }))
    .filter((c): c is { source: NodeImageSource; match: RegExpExecArray } => c.match !== null && c.match[7] === version);
  if (candidates.length === 0) {
    throw new QuickCreateLookupError(
      `No Oracle Linux ${IMAGE_KIND_WORDS[kind]} OKE image for Kubernetes ${kubernetesVersion} (shape ${nodeShape}) among the ${sources.length} node-pool image sources of region ${region}; set nodeImageId to an image OCID, or choose a version with images.`,
    );
  }
  // The newest Oracle Linux release first (the console offers OL8 over OL7 whatever their dates),
  // then the newest build date, then the higher OKE build number.
  const rank = (m: RegExpExecArray) => [m[1], m[2], m[3] + m[4] + m[5], m[6], m[8]].map(Number);
  candidates.sort((a, b) => {
    const ra = rank(a.match);
    const rb = rank(b.match);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return rb[i] - ra[i];
    return 0;
  });
  return candidates[0].source;
}
