// Converts the npm `zipcodes` package (MIT) into the compact CSV the app ships and loads at start.
// Run once when the package is upgraded: `npm run zips`.
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
const require = createRequire(import.meta.url);
const { codes } = require("zipcodes/lib/codes.js");
const rows = Object.values(codes)
  .filter((c) => c.country === "US" && /^\d{5}$/.test(c.zip))
  .sort((a, b) => a.zip.localeCompare(b.zip))
  .map((c) => `${c.zip},${c.latitude},${c.longitude},${String(c.city).replaceAll(",", " ")},${c.state}`);
writeFileSync("src/Grassroots/Infrastructure/Geo/zips.csv", "zip,lat,lng,city,state\n" + rows.join("\n") + "\n");
console.log(`${rows.length} ZIP codes written`);
