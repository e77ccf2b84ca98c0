// Cut the compiled stylesheet down to the rules our templates use (PurgeCSS), twice: family.css for
// the pages families and the public see, staff.css for everything behind sign-in.
// Usage: node scripts/purge-css.mjs <compiled.css> <out-dir>
import { PurgeCSS } from "purgecss";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";

const [source, outDir] = process.argv.slice(2);
const css = readFileSync(source, "utf8");
// Classes a template builds from a value (a tag's colour, an error state, a width) are kept whole.
const safelist = {
  standard: [/^govuk-tag--/, /--error$/, /^govuk-!-/, /^govuk-grid-column-/, /^govuk-input--width-/,
    /^govuk-notification-banner--/, /^govuk-button--/, /^govuk-body-/, /^govuk-heading-/],
  greedy: [/^candour-/],
};
const family = [
  "core/templates/**/*.html", "core/family/templates/**/*.html", "core/formats/templates/**/*.html",
  "core/public/templates/**/*.html", "core/reports/templates/reports/public*.html",
  "core/auth/templates/**/*.html", "plugins/**/*.html", "plugins/**/*.py", "core/document.py",
  "core/family/*.py", "core/formats/*.py", "core/errors.py",
];
const staff = ["core/**/*.html", "core/**/*.py", "plugins/**/*.html", "plugins/**/*.py", "core/static/admin/*.js"];
mkdirSync(outDir, { recursive: true });
for (const [name, content] of [["family", family], ["staff", staff]]) {
  const [result] = await new PurgeCSS().purge({
    content, css: [{ raw: css }], safelist, fontFace: false, keyframes: true, variables: false,
    defaultExtractor: (text) => text.match(/[A-Za-z0-9_!:-]+/g) || [],
  });
  writeFileSync(`${outDir}/${name}.css`, result.css);
  console.log(`${name}.css: ${result.css.length} bytes (from ${css.length})`);
}
