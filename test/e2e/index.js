// extensionTestsPath: the extension host calls run(); a rejected promise exits with code 1.
// The remote extension host's stdout is not visible: reporter lines also go to TEST_REPORT_FILE.
const path = require('path');
const fs = require('fs');
const util = require('util');
const Mocha = require('mocha');
const Base = require('mocha/lib/reporters/base');

exports.run = function run() {
  const report = process.env.TLS_LENS_E2E_REPORT;
  if (report) {
    fs.writeFileSync(report, '');
    const original = Base.consoleLog;
    Base.consoleLog = (...a) => { const s = util.format(...a); fs.appendFileSync(report, s + '\n'); original(s); };
  }
  const mocha = new Mocha({ ui: 'tdd', timeout: 60000, color: false, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'extension.test.js'));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      Base.consoleLog(`${runner.stats.passes} passed, ${failures} failed`);
      if (failures) reject(new Error(`${failures} tests failed`)); else resolve();
    });
  });
};
