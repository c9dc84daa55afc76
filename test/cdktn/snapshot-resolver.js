// CDK Terrain's snapshots: __snapshots__/cdktn/ beside each test (see test/support/snapshot-resolver.js).
// test/cdktn/snapshots.test.ts checks that they differ from cdktf's only in what docs/contributing.md names.
module.exports = require('../support/snapshot-resolver.js').resolverFor('cdktn');
