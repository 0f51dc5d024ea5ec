#!/usr/bin/env node
// Turns the 13,169 real tweets of ../shared/data/id-twitter-13k.csv into netra items (JSON
// Lines) for the false-positive test and the scan benchmark. The file is close to RFC 4180
// but some rows hold bare quotes, so it is read line by line: the tweet is everything
// before the last 12 (label) columns.
//   tweets2items.mjs CSV [--repeat N] [--bio TEXT] [--texts FILE] > items.jsonl
// --repeat N writes N items (cycling over the tweets, ids stay unique); --join K makes each
// post K consecutive tweets (K = 2 gives posts of about 230 bytes); --bio gives every
// author that profile; --texts also writes each text on a line of FILE (for grep).
import fs from "node:fs";

const args = process.argv.slice(2);
const csv = args[0];
let repeat = 0, bio = "", textsPath = null, join = 1;
for (let i = 1; i < args.length; i++) {
    if (args[i] === "--repeat") repeat = Number(args[++i]);
    else if (args[i] === "--bio") bio = args[++i];
    else if (args[i] === "--join") join = Math.max(1, Number(args[++i]));
    else if (args[i] === "--texts") textsPath = args[++i];
    else { console.error(`unknown option ${args[i]}`); process.exit(2); }
}
const lines = fs.readFileSync(csv).toString("utf8").split("\n").slice(1).filter(l => l.length > 0);
const tweets = lines.map(l => {
    let q = l.length, commas = 0;
    while (q > 0 && commas < 12) if (l[--q] === ",") commas++;
    let t = l.slice(0, q);
    if (t.startsWith("\"")) t = t.slice(1);
    if (t.endsWith("'") || t.endsWith("\"")) t = t.slice(0, -1);
    return t.replace(/\\n/g, "\n");
});
const n = repeat > 0 ? repeat : tweets.length;
const out = fs.openSync("/dev/stdout", "w");
const texts = textsPath ? fs.openSync(textsPath, "w") : null;
let buf = [], tbuf = [];
const flush = () => {
    fs.writeSync(out, buf.join(""));
    if (texts !== null) fs.writeSync(texts, tbuf.join(""));
    buf = []; tbuf = [];
};
for (let i = 0; i < n; i++) {
    let text = tweets[(i * join) % tweets.length];
    for (let k = 1; k < join; k++) text += " " + tweets[(i * join + k) % tweets.length];
    const item = {
        id: `tw-${i + 1}`, platform: "x", act: "post",
        author: { handle: `user${(i * 7919) % 100000}`, bio },
        text, created_at: "2024-01-20",
    };
    buf.push(JSON.stringify(item) + "\n");
    if (texts !== null) tbuf.push(text.replace(/\n/g, " ") + "\n");
    if (buf.length >= 10000) flush();
}
flush();
