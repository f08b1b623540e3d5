// The parts of @pulumi/kubernetes the stack uses. The package's index loads every API group and its
// Helm and YAML support (with glob and js-yaml) before the program can start; importing the parts
// themselves skips that, with the same classes. The index's only other effect, registering the
// kubernetes provider for deserializing references to it, is unused: the program gets no provider
// references back from the engine.
export { Provider } from "@pulumi/kubernetes/provider";
export * as apps from "@pulumi/kubernetes/apps";
export * as core from "@pulumi/kubernetes/core";
export type * as types from "@pulumi/kubernetes/types";
