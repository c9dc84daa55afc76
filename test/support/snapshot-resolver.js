// Where snapshots live on each platform: cdktf's in __snapshots__/ beside the test (jest's default place), CDK
// Terrain's in __snapshots__/cdktn/ (test/cdktn/jest.config.js). Both runs map either file back to its test, so
// neither run reports the other platform's files as obsolete (which fails a --ci run).
const path = require('path');

/** The snapshot file of a test on a platform. */
function snapshotPath(testPath, ext, platform) {
  const dir = path.join(path.dirname(testPath), '__snapshots__');
  return path.join(platform === 'cdktn' ? path.join(dir, 'cdktn') : dir, path.basename(testPath) + ext);
}

/** The test of a snapshot file of either platform. */
function testPath(snapshotFile, ext) {
  let dir = path.dirname(snapshotFile);
  if (path.basename(dir) === 'cdktn') dir = path.dirname(dir);
  return path.join(path.dirname(dir), path.basename(snapshotFile, ext));
}

/** A jest snapshot resolver for a platform. */
function resolverFor(platform) {
  return {
    resolveSnapshotPath: (test, ext) => snapshotPath(test, ext, platform),
    resolveTestPath: testPath,
    testPathForConsistencyCheck: path.join('test', 'publisher', 'channel.test.ts'),
  };
}

module.exports = resolverFor('cdktf');
module.exports.resolverFor = resolverFor;
