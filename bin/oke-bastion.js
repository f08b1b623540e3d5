#!/usr/bin/env node
// @ts-check
"use strict";

// Plain CommonJS, like oke-token: `npx oke-bastion` runs with bare node, no build step.
require("../tools/oke-bastion/cli").main();
