"use strict";
module.exports = require("./lazyModule")("@npmcli/arborist");
