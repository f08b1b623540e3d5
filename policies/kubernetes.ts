import { PolicyConfigSchema, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { Documented } from "./lib/documented";
import { LoadBalancerAnnotation as Annotation, FLEX_MAX_MBPS, FLEX_MIN_MBPS, ResourceType } from "./contract";
import { configWithDefaults, policyConfigHint } from "./lib/config";
import { label } from "./lib/resources";
import { UNKNOWN, read, readPath, show } from "./lib/values";

/**
 * Policies for `type: LoadBalancer` Services on OKE: the annotations the OCI cloud controller manager
 * (CCM) reads to open a load balancer. Verified against oracle/oci-cloud-controller-manager,
 * docs/load-balancer-annotations.md (keys, the "lb"/"nlb" families) and
 * pkg/cloudprovider/providers/oci/load_balancer_spec.go (getLBShape, isInternalLB,
 * getLoadBalancerType): what the CCM rejects is mandatory here, what it silently changes or ignores is
 * advisory. The keys are the contract's (contract/annotations.ts), which the smoke workload writes too.
 */

/** The CCM's shape when the annotation is unset (lbDefaultShape), and the fixed shapes OCI has deprecated. */
const CCM_DEFAULT_SHAPE = "100Mbps";
const CCM_DEFAULT_SHAPE_MBPS = 100;
const FIXED_SHAPES = ["10Mbps-Micro", "10Mbps", "100Mbps", "400Mbps", "8000Mbps"];

/** Annotations only the OCI load balancer ("lb") reads; the table "Load balancer Specific Annotations". */
const LB_ONLY_PREFIX = "service.beta.kubernetes.io/oci-load-balancer-";
const LB_ONLY_KEYS = [
  "oci.oraclecloud.com/oci-network-security-groups",
  "oci.oraclecloud.com/loadbalancer-policy",
  "oci.oraclecloud.com/initial-defined-tags-override",
  "oci.oraclecloud.com/initial-freeform-tags-override",
  "oci.oraclecloud.com/node-label-selector",
];
/** Every annotation with this prefix is read only for a network load balancer ("nlb"). */
const NLB_ONLY_PREFIX = "oci-network-load-balancer.oraclecloud.com/";

/** Values Go's strconv.ParseBool accepts, which is what isInternalLB uses. */
const GO_TRUE = ["1", "t", "T", "TRUE", "true", "True"];
const GO_FALSE = ["0", "f", "F", "FALSE", "false", "False"];

type Family = "lb" | "nlb";

interface LoadBalancerService {
  /** `Service "smoke-service"`, or with both names when metadata.name differs from the Pulumi name. */
  label: string;
  /** The annotations object, UNKNOWN when it is computed as a whole, undefined when absent. */
  annotations: unknown;
  /** How the CCM reads oci.oraclecloud.com/load-balancer-type: lower-cased, anything but "nlb" is "lb". */
  family: Family | typeof UNKNOWN;
  get(key: string): unknown;
}

/**
 * The Service as the CCM sees it, or undefined when it is not a LoadBalancer Service. An unknown
 * spec.type counts as LoadBalancer: the annotations are then checked as if it were one, so a broken
 * set is still reported, and a correct one passes either way.
 */
function loadBalancerService(args: ResourceValidationArgs): LoadBalancerService | undefined {
  if (args.type !== ResourceType.Service) {
    return undefined;
  }
  const specType = readPath(args.props, "spec", "type");
  if (specType !== "LoadBalancer" && specType !== UNKNOWN) {
    return undefined;
  }
  const metadata = read(args.props, "metadata");
  const annotations = metadata === UNKNOWN ? UNKNOWN : read(metadata, "annotations");
  const get = (key: string): unknown => (annotations === UNKNOWN ? UNKNOWN : read(annotations, key));
  const type = get(Annotation.loadBalancerType);
  const family: LoadBalancerService["family"] = type === UNKNOWN ? UNKNOWN : typeof type === "string" && type.toLowerCase() === "nlb" ? "nlb" : "lb";
  return { label: `Service ${label(args.name, metadata, "name")}`, annotations, family, get };
}

function isFlexible(shape: unknown): boolean {
  return typeof shape === "string" && shape.toLowerCase() === "flexible";
}

/** A bandwidth every CCM version parses: plain digits (recent versions also strip a "Mbps" suffix, older ones do not). */
function mbps(value: unknown): number | undefined {
  return typeof value === "string" && /^[0-9]+$/.test(value) ? Number(value) : undefined;
}

function goBool(value: unknown): boolean | undefined {
  if (typeof value !== "string") {
    return undefined;
  }
  return GO_TRUE.includes(value) ? true : GO_FALSE.includes(value) ? false : undefined;
}

const FLEX_EXAMPLE = `${Annotation.shape}: "flexible", ${Annotation.flexMin}: "10", ${Annotation.flexMax}: "100"`;

export const serviceLoadBalancerFlexibleShape: Documented<ResourceValidationPolicy> = {
  name: "service-load-balancer-flexible-shape",
  description:
    "LoadBalancer Services that get an OCI load balancer ask for the flexible shape, because the fixed shapes (10Mbps-Micro, 10Mbps, 100Mbps, 400Mbps, 8000Mbps, and the cloud controller manager's default 100Mbps) are deprecated by OCI.",
  enforcementLevel: "advisory",
  validateResource: (args, reportViolation) => {
    const svc = loadBalancerService(args);
    if (!svc || svc.family !== "lb") {
      return; // a network load balancer has no shape; unknown values are service-load-balancer-flex-bandwidth-set's to report
    }
    const shape = svc.get(Annotation.shape);
    if (shape === UNKNOWN || isFlexible(shape)) {
      return;
    }
    const ignored = [Annotation.flexMin, Annotation.flexMax].filter((key) => svc.get(key) !== undefined);
    const note = ignored.length ? ` The cloud controller manager ignores ${ignored.join(" and ")} unless the shape is flexible.` : "";
    const what =
      shape === undefined
        ? `does not set ${Annotation.shape}, so the cloud controller manager opens its default fixed "${CCM_DEFAULT_SHAPE}" shape, which OCI has deprecated.`
        : typeof shape === "string" && FIXED_SHAPES.includes(shape)
          ? `sets ${Annotation.shape} to ${show(shape)}, a fixed shape OCI has deprecated in favour of the flexible shape.`
          : `sets ${Annotation.shape} to ${show(shape)}, which is none of the shapes OCI offers (flexible, or the deprecated ${FIXED_SHAPES.join(", ")}), so the load balancer cannot be created.`;
    reportViolation(`${svc.label} ${what}${note} Fix: set ${FLEX_EXAMPLE} (bandwidth in Mbps, between ${FLEX_MIN_MBPS} and ${FLEX_MAX_MBPS}).`);
  },
  doc: {
    asserts:
      "An `lb` Service sets the shape to `flexible`; unset (CCM default `100Mbps`), a fixed shape (`10Mbps-Micro`, `10Mbps`, `100Mbps`, `400Mbps`, `8000Mbps`) or an unknown name is flagged, and flex annotations that a non-flexible shape ignores are named. Not applied to NLBs",
    why: 'OCI deprecates the fixed ("dynamic") shapes; advisory because they still work today',
    spec: 'CCM `lbDefaultShape`; OCI "Creating a Load Balancer"',
  },
};

export const serviceLoadBalancerFlexBandwidthSet: Documented<ResourceValidationPolicy> = {
  name: "service-load-balancer-flex-bandwidth-set",
  description:
    "A LoadBalancer Service with the flexible shape sets both flex-min and flex-max as literal whole numbers of Mbps, because the cloud controller manager refuses to create the load balancer otherwise and the Service stays pending.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    const svc = loadBalancerService(args);
    if (!svc || svc.family === "nlb") {
      return; // the CCM ignores every shape annotation on a network load balancer
    }
    if (svc.annotations === UNKNOWN) {
      reportViolation(
        `${svc.label} has metadata.annotations ${show(UNKNOWN)}; the load balancer shape and bandwidth must be literal so they can be checked before the cloud controller manager sees them. ` +
          `Fix: write metadata.annotations as a literal object (values that are ids, such as ${Annotation.subnet1}, may stay outputs).`,
      );
      return;
    }
    const shape = svc.get(Annotation.shape);
    if (shape === UNKNOWN) {
      reportViolation(
        `${svc.label} has ${Annotation.shape} ${show(UNKNOWN)}; it must be a literal so its bandwidth annotations can be checked. Fix: write the literal "flexible".`,
      );
      return;
    }
    if (!isFlexible(shape)) {
      return; // service-load-balancer-flexible-shape advises on fixed and default shapes
    }
    for (const key of [Annotation.flexMin, Annotation.flexMax]) {
      const value = svc.get(key);
      if (value !== undefined && value !== "" && mbps(value) !== undefined) {
        continue;
      }
      const problem =
        value === UNKNOWN
          ? `has ${key} ${show(UNKNOWN)}; it must be a literal`
          : value === undefined || value === ""
            ? `sets ${Annotation.shape} to ${show(shape)} but ${key} is ${value === "" ? "empty" : "unset"}; the cloud controller manager requires both flex-min and flex-max with the flexible shape and leaves the Service pending`
            : `sets ${key} to ${show(value)}, which is not a whole number of Mbps; the cloud controller manager cannot parse it and leaves the Service pending`;
      reportViolation(`${svc.label} ${problem}. Fix: set ${key} to plain digits in Mbps between ${FLEX_MIN_MBPS} and ${FLEX_MAX_MBPS}, e.g. ${FLEX_EXAMPLE}.`);
    }
  },
  doc: {
    asserts:
      'A `type: LoadBalancer` Service (`kubernetes:core/v1:Service`) whose `service.beta.kubernetes.io/oci-load-balancer-shape` is `flexible` (any case) sets `…-shape-flex-min` and `…-shape-flex-max`, both literal plain digits; an unknown shape, bound or `metadata.annotations` is reported as "must be literal". Skipped for `oci.oraclecloud.com/load-balancer-type: nlb`',
    why: "The cloud controller manager (CCM) rejects a flexible shape without both bounds, or with a bound it cannot parse, and the Service stays pending",
    spec: 'CCM `getLBShape`; OKE "Defining Kubernetes Services of Type LoadBalancer"',
  },
};

const boundsSchema: PolicyConfigSchema = {
  properties: {
    maximumFlexMbps: {
      type: "integer",
      minimum: FLEX_MIN_MBPS,
      maximum: FLEX_MAX_MBPS,
      default: CCM_DEFAULT_SHAPE_MBPS,
      description: `Highest flex-max (Mbps) accepted without a cost advisory; the default ${CCM_DEFAULT_SHAPE_MBPS} is the capacity of the cloud controller manager's default shape.`,
    },
  },
};

export const serviceLoadBalancerFlexBandwidthBounds: Documented<ResourceValidationPolicy> = {
  name: "service-load-balancer-flex-bandwidth-bounds",
  description: `A flexible load balancer's flex-min and flex-max lie within OCI's ${FLEX_MIN_MBPS} to ${FLEX_MAX_MBPS} Mbps with flex-min not above flex-max, because the cloud controller manager silently changes values outside that, and flex-max stays within the configured cap (${CCM_DEFAULT_SHAPE_MBPS} Mbps by default) to avoid cost surprises.`,
  enforcementLevel: "advisory",
  configSchema: boundsSchema,
  validateResource: (args, reportViolation) => {
    const svc = loadBalancerService(args);
    if (!svc || svc.family === "nlb" || !isFlexible(svc.get(Annotation.shape))) {
      return;
    }
    const min = mbps(svc.get(Annotation.flexMin));
    const max = mbps(svc.get(Annotation.flexMax));
    if (min === undefined || max === undefined) {
      return; // missing, unknown or malformed: service-load-balancer-flex-bandwidth-set reports it
    }
    const { maximumFlexMbps } = configWithDefaults<{ maximumFlexMbps: number }>(boundsSchema, args.getConfig());
    const range = `OCI's flexible shape takes ${FLEX_MIN_MBPS} to ${FLEX_MAX_MBPS} Mbps`;
    let maxOutOfRange = false;
    for (const [key, value] of [
      [Annotation.flexMin, min],
      [Annotation.flexMax, max],
    ] as const) {
      if (value < FLEX_MIN_MBPS) {
        reportViolation(
          `${svc.label} sets ${key} to "${value}"; ${range}, and the cloud controller manager silently raises it to ${FLEX_MIN_MBPS}. Fix: set ${key} to "${FLEX_MIN_MBPS}" or more.`,
        );
      } else if (value > FLEX_MAX_MBPS) {
        maxOutOfRange ||= key === Annotation.flexMax;
        reportViolation(
          `${svc.label} sets ${key} to "${value}"; ${range}, and the cloud controller manager passes on up to 8192, beyond OCI's documented maximum. Fix: set ${key} to "${FLEX_MAX_MBPS}" or less.`,
        );
      }
    }
    if (min > max) {
      reportViolation(
        `${svc.label} sets ${Annotation.flexMin} "${min}" above ${Annotation.flexMax} "${max}"; the cloud controller manager silently raises flex-max to ${min}, so the load balancer is billed for more than written. ` +
          `Fix: make ${Annotation.flexMin} no larger than ${Annotation.flexMax}.`,
      );
    }
    if (!maxOutOfRange && max > maximumFlexMbps) {
      reportViolation(
        `${svc.label} sets ${Annotation.flexMax} to "${max}", above the cap of ${maximumFlexMbps} Mbps; a flexible load balancer is billed for bandwidth used up to flex-max. ` +
          `Fix: lower ${Annotation.flexMax} to ${maximumFlexMbps} or less, or raise the cap: ${policyConfigHint("service-load-balancer-flex-bandwidth-bounds", { maximumFlexMbps: max })}.`,
      );
    }
  },
  doc: {
    asserts: `With literal, numeric bounds: ${FLEX_MIN_MBPS} ≤ flex-min ≤ flex-max ≤ ${FLEX_MAX_MBPS}, and flex-max ≤ \`maximumFlexMbps\` (${CCM_DEFAULT_SHAPE_MBPS})`,
    why: `OKE documents ${FLEX_MIN_MBPS}–${FLEX_MAX_MBPS} Mbps. The CCM does not reject values outside it but silently clamps them (min/max below ${FLEX_MIN_MBPS} → ${FLEX_MIN_MBPS}, above 8192 → 8192, max < min → max = min), so what is built differs from what is written; the cap catches cost surprises (${CCM_DEFAULT_SHAPE_MBPS} = the CCM's default shape)`,
    spec: "CCM `getLBShape`",
  },
};

export const serviceLoadBalancerInternalAnnotation: Documented<ResourceValidationPolicy> = {
  name: "service-load-balancer-internal-annotation",
  description:
    "A LoadBalancer Service's internal annotation is a literal boolean under the key its load balancer type reads, because the cloud controller manager rejects other values and ignores the other type's key, which silently makes an intended internal load balancer public.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    const svc = loadBalancerService(args);
    if (!svc) {
      return;
    }
    if (svc.annotations === UNKNOWN) {
      reportViolation(
        `${svc.label} has metadata.annotations ${show(UNKNOWN)}; whether its load balancer is internal must be decidable before it is created. ` +
          `Fix: write metadata.annotations as a literal object (values that are ids, such as ${Annotation.subnet1}, may stay outputs).`,
      );
      return;
    }
    const lbValue = svc.get(Annotation.internal);
    const nlbValue = svc.get(Annotation.nlbInternal);
    if (svc.family === UNKNOWN) {
      if (lbValue !== undefined || nlbValue !== undefined) {
        reportViolation(
          `${svc.label} has ${Annotation.loadBalancerType} ${show(UNKNOWN)}; it decides whether ${Annotation.internal} or ${Annotation.nlbInternal} is read, so it must be a literal. ` +
            `Fix: set ${Annotation.loadBalancerType} to the literal "lb" or "nlb" (or remove it for "lb").`,
        );
      }
      return;
    }
    const [readKey, ignoredKey, readValue, ignoredValue] =
      svc.family === "nlb"
        ? [Annotation.nlbInternal, Annotation.internal, nlbValue, lbValue]
        : [Annotation.internal, Annotation.nlbInternal, lbValue, nlbValue];
    const kind = svc.family === "nlb" ? "network load balancer" : "load balancer";
    const accepted = `"true" or "false" (Go's strconv.ParseBool also takes 1/0, t/f, TRUE/FALSE, True/False)`;
    if (readValue === UNKNOWN) {
      reportViolation(`${svc.label} has ${readKey} ${show(UNKNOWN)}; it must be a literal. Fix: write ${readKey}: ${accepted}.`);
    } else if (readValue !== undefined && goBool(readValue) === undefined) {
      reportViolation(
        `${svc.label} sets ${readKey} to ${show(readValue)}; the cloud controller manager cannot parse it as a boolean and refuses to create the ${kind}. Fix: set it to ${accepted}.`,
      );
    }
    if (ignoredValue === undefined) {
      return;
    }
    const wanted = ignoredValue === UNKNOWN ? undefined : goBool(ignoredValue);
    const effective = readValue === undefined ? false : goBool(readValue);
    if (wanted !== undefined && wanted === effective) {
      return; // ignored, but it asks for what the read key already gives
    }
    reportViolation(
      `${svc.label} is a ${kind} (${Annotation.loadBalancerType} ${show(svc.get(Annotation.loadBalancerType))}) but sets ${ignoredKey} to ${show(ignoredValue)}, which the cloud controller manager ignores for this type; ` +
        `${readKey} ${readValue === undefined ? "is unset, so the " + kind + " is public" : "is " + show(readValue)}. ` +
        `Fix: move the setting to ${readKey} and remove ${ignoredKey}.`,
    );
  },
  doc: {
    asserts:
      "The internal annotation the Service's type reads (`service.beta.kubernetes.io/oci-load-balancer-internal` for `lb`, `oci-network-load-balancer.oraclecloud.com/internal` for `nlb`) is a literal Go boolean; the other type's key is not set to something the read key does not already say; an unknown type with an internal key set is \"must be literal\"",
    why: 'The CCM rejects unparsable values (`strconv.ParseBool`), and ignores the other type\'s key: `oci-load-balancer-internal: "true"` on an NLB gives a *public* NLB',
    spec: "CCM `isInternalLB`",
  },
};

export const serviceLoadBalancerAnnotationsMatchType: Documented<ResourceValidationPolicy> = {
  name: "service-load-balancer-annotations-match-type",
  description:
    'A LoadBalancer Service names its load balancer type as exactly "lb" or "nlb" and carries no annotations of the other type, because the cloud controller manager silently falls back to "lb" for other values and ignores the other type\'s annotations.',
  enforcementLevel: "advisory",
  validateResource: (args, reportViolation) => {
    const svc = loadBalancerService(args);
    if (!svc || svc.annotations === UNKNOWN || svc.annotations === undefined || svc.annotations === null || svc.family === UNKNOWN) {
      return;
    }
    const type = svc.get(Annotation.loadBalancerType);
    if (type !== undefined && type !== "lb" && type !== "nlb") {
      const why =
        typeof type === "string" && ["lb", "nlb"].includes(type.toLowerCase())
          ? `the cloud controller manager reads the type case-insensitively in some places and exactly in others (source preservation, TLS certificates)`
          : `the cloud controller manager treats every value other than "nlb" as "lb", so this Service gets an OCI load balancer`;
      reportViolation(`${svc.label} sets ${Annotation.loadBalancerType} to ${show(type)}; ${why}. Fix: set it to exactly "lb" or "nlb".`);
    }
    const keys = typeof svc.annotations === "object" ? Object.keys(svc.annotations as object) : [];
    const foreign =
      svc.family === "nlb"
        ? keys.filter((key) => (key.startsWith(LB_ONLY_PREFIX) || LB_ONLY_KEYS.includes(key)) && key !== Annotation.internal)
        : keys.filter((key) => key.startsWith(NLB_ONLY_PREFIX) && key !== Annotation.nlbInternal);
    if (foreign.length === 0) {
      return; // the internal keys are service-load-balancer-internal-annotation's
    }
    const fix =
      svc.family === "nlb"
        ? `remove them; a network load balancer has no shape or bandwidth, and takes its subnet, NSGs, tags and policy from ${NLB_ONLY_PREFIX}* annotations (e.g. ${Annotation.nlbSubnet})`
        : `set ${Annotation.loadBalancerType}: "nlb" if a network load balancer was meant, or use the load balancer's own annotations (e.g. ${Annotation.subnet1})`;
    reportViolation(
      `${svc.label} is a ${svc.family === "nlb" ? "network load balancer" : "load balancer"} but sets ${foreign.join(", ")}, which the cloud controller manager ignores for this type. Fix: ${fix}.`,
    );
  },
  doc: {
    asserts:
      "`oci.oraclecloud.com/load-balancer-type`, when set, is exactly `lb` or `nlb`; an NLB Service carries no `service.beta.kubernetes.io/oci-load-balancer-*` (or other LB-only) annotations, an LB Service no `oci-network-load-balancer.oraclecloud.com/*` ones (internal keys are left to the mandatory policy)",
    why: "The CCM treats any other type value as `lb` (and compares `nlb` case-sensitively in places), and silently ignores the other type's annotations, e.g. a shape or `subnet1` on an NLB",
    spec: "CCM `getLoadBalancerType`; `oracle/oci-cloud-controller-manager/docs/load-balancer-annotations.md`",
  },
};

export const kubernetesPolicies: Documented<ResourceValidationPolicy>[] = [
  serviceLoadBalancerFlexBandwidthSet,
  serviceLoadBalancerInternalAnnotation,
  serviceLoadBalancerFlexibleShape,
  serviceLoadBalancerFlexBandwidthBounds,
  serviceLoadBalancerAnnotationsMatchType,
];
