"use strict";
module.exports = require("../../scripts/lazyModule")("@npmcli/arborist");
