#!/usr/bin/env node
// @ts-check
"use strict";

// Plain CommonJS, like oke-token and oke-bastion: `npx oke-inspect` runs with bare node, no build step.
require("../tools/oke-inspect/cli").main();
