// Converts the npm `unhomoglyph` package's data (MIT; Unicode TR39 confusables.txt, v13.0.0) into
// the compact table the app ships and loads at start: one mapping a line, "source<TAB>prototype",
// each as hexadecimal code points. Run once when the package is upgraded: `npm run confusables`.
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
const require = createRequire(import.meta.url);
const data = require("unhomoglyph/data.json");
const hex = (s) => [...s].map((c) => c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")).join(" ");
const rows = Object.entries(data)
  .map(([from, to]) => [hex(from), hex(to)])
  .sort((a, b) => parseInt(a[0], 16) - parseInt(b[0], 16))
  .map(([from, to]) => `${from}\t${to}`);
writeFileSync(
  "src/Grassroots/Infrastructure/Text/confusables.txt",
  "# Unicode TR39 confusables (v13.0.0) from the npm package unhomoglyph; made by scripts/build-confusables.mjs\n" + rows.join("\n") + "\n",
);
console.log(`${rows.length} confusables written`);
