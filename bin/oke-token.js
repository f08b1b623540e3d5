#!/usr/bin/env node
// @ts-check
"use strict";

// Plain CommonJS so `npx oke-token` and kubeconfig exec entries run it with bare node, no build step.
require("../tools/oke-token/cli").main();
