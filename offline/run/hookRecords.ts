/**
 * Resource hooks under Pulumi's mock monitor. The hooks never run offline (their functions are tested on
 * their own); what a plan can show is which resource carries which named hook, of which kind.
 */

import type { HookBindings, HookKind } from "../records/shapes";

const HOOK_LISTS: Record<HookKind, string> = {
  beforeCreate: "getBeforeCreateList",
  afterCreate: "getAfterCreateList",
  beforeUpdate: "getBeforeUpdateList",
  afterUpdate: "getAfterUpdateList",
  beforeDelete: "getBeforeDeleteList",
  afterDelete: "getAfterDeleteList",
  onError: "getOnErrorList",
};

export function hookBindings(req: any): HookBindings | undefined {
  const binding = req.getHooks?.();
  if (!binding) return undefined;
  const kinds = (Object.keys(HOOK_LISTS) as HookKind[])
    .map((kind) => [kind, binding[HOOK_LISTS[kind]]() as string[]] as const)
    .filter(([, names]) => names.length > 0);
  return kinds.length > 0 ? Object.fromEntries(kinds) : undefined;
}

/**
 * Pulumi's mock monitor (setMocks, @pulumi/pulumi 3.248) has no registerResourceHook / registerErrorHook:
 * constructing a hook rejects with "this._monitor.registerResourceHook is not a function" and a resource
 * bound to it is never registered. The engine answers these calls with an empty response; so does this.
 */
export function acceptHookRegistrations(monitor: any): void {
  monitor.registerResourceHook ??= (_req: unknown, callback: (err: unknown, resp: unknown) => void) => callback(null, {});
  monitor.registerErrorHook ??= (_req: unknown, callback: (err: unknown, resp: unknown) => void) => callback(null, {});
}
