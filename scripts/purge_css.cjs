// The theme's stylesheets without the rules no page of the site can use (PurgeCSS, npm, pinned
// in package-lock.json): scripts/postbuild.py's "theme stylesheets" step runs it.
//
//     node scripts/purge_css.cjs THEME_STYLESHEET... -- CONTENT_FILE...
//
// prints a JSON object: each theme stylesheet's path → its purged text. CONTENT_FILE: every
// page (HTML), every script the site ships and the edition's own stylesheets. A rule stays when
// each class, id, element and attribute its selector names is a word of some content file: the
// theme's own script counts, so a class it adds on a click or a scroll (a header's shadow, a
// tooltip) stays too. A custom property stays when a remaining rule of any theme stylesheet
// uses it, or a content file names it (the edition's stylesheets use the theme's colours).
"use strict";

const fs = require("node:fs");
const { PurgeCSS } = require("purgecss");

// Rules dropped though the theme's script names them: Material's palette marks <body>
// `data-md-color-switching` as every page starts, not only on a switch of colours, and its rule
// `[data-md-color-switching] *` restyled every element of the page twice in Material's first
// task (about 30 ms of main-thread time on a part, 4 times that on a phone). Without it a
// switch of colours may fade a link's colour in for 0.125 s.
const DROPPED = ["data-md-color-switching"];

// the theme's stylesheets are purged as one text, so that a custom property one of them sets
// (the palette's colours) counts as used when another uses it; this comment parts them again
const PART = "/* purge_css.cjs: the next stylesheet */";

async function main(argv) {
  const split = argv.indexOf("--");
  const stylesheets = argv.slice(0, split);
  const content = argv.slice(split + 1);
  if (split < 1 || content.length === 0) {
    process.stderr.write("usage: node scripts/purge_css.cjs THEME_STYLESHEET... -- CONTENT_FILE...\n");
    return 2;
  }
  const texts = content.map((file) => fs.readFileSync(file, "utf8"));
  const named = new Set(texts.flatMap((text) => text.match(/--[\w-]+/g) || []));
  const [result] = await new PurgeCSS().purge({
    content: texts.map((raw, index) => ({ raw, extension: content[index].endsWith(".html") ? "html" : "js" })),
    css: [{ raw: stylesheets.map((file) => fs.readFileSync(file, "utf8")).join(`\n${PART}\n`) }],
    variables: true,
    keyframes: true,
    fontFace: false,
    safelist: { variables: [...named] },
    blocklist: DROPPED,
  });
  const parts = result.css.split(PART);
  if (parts.length !== stylesheets.length) throw new Error("a stylesheet's end was lost in the purge");
  const purged = Object.fromEntries(stylesheets.map((file, index) => [file, parts[index].trim()]));
  process.stdout.write(JSON.stringify(purged));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`purge_css: ${error.message}\n`);
    process.exitCode = 1;
  },
);
