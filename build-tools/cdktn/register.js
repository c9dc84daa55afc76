// Node's counterpart of test/cdktn/jest.config.js: preloaded with `node -r`, it resolves every cdktf module to its
// CDK Terrain counterpart (build-tools/cdktn/platform-map.js), so the examples run on cdktn unchanged
// (npm run synth:cdktn). Only the module name changes; deep paths keep their tail.
const Module = require('module');
const { PACKAGES } = require('./platform-map.js');

const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveOnCdktn(request, ...rest) {
  for (const [from, to] of Object.entries(PACKAGES)) {
    if (request === from || request.startsWith(`${from}/`)) {
      return resolve.call(this, to + request.slice(from.length), ...rest);
    }
  }
  return resolve.call(this, request, ...rest);
};
