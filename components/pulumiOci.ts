// The four @pulumi/oci services the stack uses. The package's index loads the index module of each of
// its 120-odd services before the program can start; importing the four services themselves skips
// that, with the same classes and functions. The index's only other effect, registering the oci
// provider for deserializing references to it, is unused: the program gets no provider references
// back from the engine.
export * as bastion from "@pulumi/oci/bastion";
export * as containerengine from "@pulumi/oci/containerengine";
export * as core from "@pulumi/oci/core";
export * as identity from "@pulumi/oci/identity";
export type { Provider } from "@pulumi/oci/provider";
