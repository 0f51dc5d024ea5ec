// Evidence highlighting. The detector reports evidence as UTF-8 *byte* ranges [start, end)
// into the original field; JavaScript strings are indexed in UTF-16 code units. This module
// converts one to the other and cuts the text into non-overlapping segments, each with the
// kinds of evidence covering it, so overlapping spans (a hashtag containing an alias) both
// stay visible. Rendering uses text nodes only: the item text is never parsed as HTML.

const encoder = new TextEncoder();

/**
 * Maps every UTF-8 byte offset of `text` that falls on a code point boundary to its UTF-16
 * index. Offsets inside a multi-byte sequence map to -1.
 * @param {string} text
 * @returns {Int32Array} length = byte length + 1
 */
export function byteToUtf16Map(text) {
  const map = new Int32Array(encoder.encode(text).length + 1).fill(-1);
  let byte = 0;
  let unit = 0;
  for (const ch of text) {            // iterates by code point (surrogate pairs kept whole)
    map[byte] = unit;
    const cp = ch.codePointAt(0);
    byte += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    unit += ch.length;
  }
  map[byte] = unit;
  return map;
}

/**
 * Cuts `text` into segments by the evidence spans.
 * @param {string} text the original field, as received
 * @param {{start:number,end:number,what?:string}[]} spans UTF-8 byte ranges [start, end)
 * @returns {{segments:{text:string,marks:string[]}[], rejected:{span:object,reason:string}[]}}
 *   marks lists the `what` of every span covering the segment (empty: plain text). A span
 *   outside the text, reversed, or not a whole number is rejected with its reason; a bound
 *   inside a multi-byte character is widened to the whole character.
 */
export function segments(text, spans) {
  const map = byteToUtf16Map(text);
  const nbytes = map.length - 1;
  const ranges = [];
  const rejected = [];
  for (const span of spans || []) {
    const { start, end } = span;
    if (!Number.isInteger(start) || !Number.isInteger(end)) {
      rejected.push({ span, reason: 'offset is not an integer' });
      continue;
    }
    if (start < 0 || end > nbytes || start >= end) {
      rejected.push({ span, reason: `range ${start}..${end} outside 0..${nbytes} or empty` });
      continue;
    }
    let s = start;
    while (map[s] < 0) s--;            // widen to the start of the character
    let e = end;
    while (map[e] < 0) e++;            // and to its end
    ranges.push({ s: map[s], e: map[e], what: String(span.what ?? '') });
  }
  const cuts = new Set([0, text.length]);
  for (const r of ranges) { cuts.add(r.s); cuts.add(r.e); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    const marks = [];
    for (const r of ranges) {
      if (r.s <= a && r.e >= b && !marks.includes(r.what)) marks.push(r.what);
    }
    const last = out[out.length - 1];
    if (last && last.marks.join('\u0000') === marks.join('\u0000')) last.text += text.slice(a, b);
    else out.push({ text: text.slice(a, b), marks });
  }
  return { segments: out, rejected };
}

/**
 * Renders `text` into `el` with <mark> elements for the spans; returns the rejected spans.
 * @param {HTMLElement} el
 * @param {string} text
 * @param {{start:number,end:number,what?:string}[]} spans
 * @param {(what:string)=>string} [label] human name of an evidence kind (for the title)
 */
export function renderHighlighted(el, text, spans, label = (w) => w) {
  const { segments: segs, rejected } = segments(text, spans);
  el.replaceChildren();
  for (const seg of segs) {
    if (seg.marks.length === 0) {
      el.append(document.createTextNode(seg.text));
      continue;
    }
    const m = document.createElement('mark');
    m.textContent = seg.text;
    m.title = seg.marks.map(label).join(', ');
    m.dataset.evidence = seg.marks.join(' ');
    el.append(m);
  }
  return rejected;
}
