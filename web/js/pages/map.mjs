// The vulnerability map (peta kerawanan): the index of GET /index drawn with Leaflet on the
// team's tile map of the 38 provinces (or the imported boundaries when netrad has them),
// coloured by zone or by score; an election, a stage slider and a date slider; a legend; the
// same numbers as a table; a province opens its kab/kota as a ranked bar list (with their
// polygons above it when the imported boundaries have them); every region links to its cases
// and its printable report.
import { t, fmtNumber, loc } from '../i18n.mjs';
import { get, API } from '../api.mjs';
import { el, errorBox } from '../app.mjs';

// Display colours of the zones: a Netra display choice, stated in the legend.
const ZONE_FILL = { rendah: '#2e7d32', sedang: '#f9a825', tinggi: '#c62828' };

/** A colour on a green -> yellow -> red ramp for a 0-100 score. */
export function scoreColour(score) {
  const s = Math.max(0, Math.min(100, Number(score) || 0)) / 100;
  const mix = (a, b, f) => Math.round(a + (b - a) * f);
  const [r, g, b] = s < 0.5
    ? [mix(46, 249, s * 2), mix(125, 168, s * 2), mix(50, 37, s * 2)]
    : [mix(249, 198, (s - 0.5) * 2), mix(168, 40, (s - 0.5) * 2), mix(37, 40, (s - 0.5) * 2)];
  return `rgb(${r}, ${g}, ${b})`;
}

let leafletP = null;
function loadLeaflet() {
  if (!document.querySelector('link[data-leaflet]')) {
    document.head.append(el('link', { rel: 'stylesheet', href: '/vendor/leaflet.css', 'data-leaflet': '' }));
    document.head.append(el('link', { rel: 'stylesheet', href: '/css/map.css', 'data-leaflet': '' }));
  }
  if (!leafletP) leafletP = import('/vendor/leaflet-src.esm.js');
  return leafletP;
}

function exportUrl(query, format) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
  q.set('format', format);
  return `${API}/index?${q}`;
}

export async function render(main, ctx) {
  const L = await loadLeaflet();
  const [{ data: tm }, { data: els }] = await Promise.all([get('/index/tilemap'), get('/elections')]);
  const elections = (els && els.elections) || [];
  const st = {
    level: 'province',
    province: ctx.query.get('provinsi') || '',
    election: ctx.query.get('election') || (elections.find((e) => e.id === 'pilkada-2024') || elections[0] || {}).id || '',
    stageIdx: 0,
    dateIdx: -1,
    colour: 'zone',
    stages: [],
    days: [],
    data: null,
  };
  if (st.province) st.level = 'kabkota';

  const elSel = el('select', { id: 'm-election' },
    el('option', { value: '' }, t('map.allElections')),
    ...elections.map((e) => el('option', { value: e.id, selected: e.id === st.election }, loc(e, 'name'))));
  const stageSlider = el('input', { type: 'range', id: 'm-stage', min: 0, max: 0, step: 1, value: 0, 'aria-describedby': 'm-stage-out' });
  const stageOut = el('output', { id: 'm-stage-out', for: 'm-stage' });
  const dateSlider = el('input', { type: 'range', id: 'm-date', min: 0, max: 0, step: 1, value: 0, 'aria-describedby': 'm-date-out' });
  const dateOut = el('output', { id: 'm-date-out', for: 'm-date' });
  const colourSel = el('select', { id: 'm-colour' },
    el('option', { value: 'zone' }, t('map.byZone')), el('option', { value: 'score' }, t('map.byScore')));
  const controls = el('form', { id: 'map-controls', class: 'cards', 'aria-label': t('map.filters') },
    el('div', {}, el('label', { for: 'm-election' }, t('map.election')), elSel),
    el('div', {}, el('label', { for: 'm-stage' }, t('map.stage')), stageSlider, stageOut),
    el('div', {}, el('label', { for: 'm-date' }, t('map.until')), dateSlider, dateOut),
    el('div', {}, el('label', { for: 'm-colour' }, t('map.colour')), colourSel));
  const crumbs = el('nav', { id: 'map-crumbs', 'aria-label': t('map.level') });
  const mapBox = el('div', { id: 'map', role: 'region', 'aria-label': t('map.mapLabel') });
  const bars = el('div', { id: 'map-bars', hidden: true });
  const legend = el('div', { id: 'map-legend', 'aria-label': t('map.legend') });
  const meta = el('p', { id: 'map-meta', class: 'hint', 'aria-live': 'polite' });
  const exportsBox = el('p', { id: 'map-exports', class: 'actions' });
  const tableBox = el('div', { id: 'map-table', class: 'table-wrap' });
  main.append(el('h1', {}, t('map.title')), el('p', {}, t('map.intro')), controls, crumbs,
    mapBox, bars, legend, meta, exportsBox, el('h2', {}, t('map.tableTitle')), tableBox);

  const map = L.map(mapBox, { crs: L.CRS.Simple, zoomSnap: 0.25, attributionControl: false, keyboard: true });
  const layer = L.layerGroup().addTo(map);
  const tiles = tm.tiles || [];
  const maxRow = Math.max(...tiles.map((x) => x.row), 1), maxCol = Math.max(...tiles.map((x) => x.col), 1);
  const bounds = [[-(maxRow + 1), 0], [0, maxCol + 1]];
  map.fitBounds(bounds);

  async function loadStages() {
    st.stages = [];
    if (st.election) {
      try {
        const { data } = await get(`/elections/${encodeURIComponent(st.election)}/stages`);
        st.stages = ((data && data.stages) || []).filter((s) => s.type === 'phase');
      } catch { st.stages = []; }
    }
    stageSlider.max = String(st.stages.length);
    stageSlider.value = '0';
    st.stageIdx = 0;
    // the date slider runs over the election's stages (or 2023-2025 without an election)
    const first = (st.stages.find((s) => s.start) || {}).start || '2023-01-01';
    const last = [...st.stages].reverse().find((s) => s.end)?.end || '2025-12-31';
    st.days = [];
    for (let d = new Date(`${first}T00:00:00Z`); d <= new Date(`${last}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 7)) {
      st.days.push(d.toISOString().slice(0, 10));
    }
    st.days.push(last);
    dateSlider.max = String(st.days.length);
    dateSlider.value = String(st.days.length);
    st.dateIdx = st.days.length;
    labels();
  }

  function labels() {
    const s = st.stages[st.stageIdx - 1];
    stageOut.textContent = s ? loc(s, 'label') : t('map.allStages');
    stageSlider.setAttribute('aria-valuetext', stageOut.textContent);
    const d = st.days[st.dateIdx];
    dateOut.textContent = d ? t('map.untilDate', { d }) : t('map.allDates');
    dateSlider.setAttribute('aria-valuetext', dateOut.textContent);
  }

  function query() {
    const s = st.stages[st.stageIdx - 1];
    return { level: st.level, election: st.election, stage: s ? s.id : '', to: st.days[st.dateIdx] || '' };
  }

  function fill(r) { return st.colour === 'zone' ? ZONE_FILL[r.zone] : scoreColour(r.score); }

  function drawLegend() {
    legend.replaceChildren(el('h2', {}, t('map.legend')));
    if (st.colour === 'zone') {
      legend.append(el('ul', { class: 'legend' }, ...['rendah', 'sedang', 'tinggi'].map((z) =>
        el('li', {}, el('span', { class: `swatch zone-${z}`, 'aria-hidden': 'true' }), ' ', t(`map.zone.${z}`),
          ' — ', t(`map.threshold.${st.level}.${z}`)))));
    } else {
      legend.append(el('p', {}, el('span', { class: 'ramp', 'aria-hidden': 'true' }), ' ', t('map.rampNote')));
    }
    legend.append(el('p', { class: 'hint' }, t('map.colourNote')));
  }

  function drawMap(rows) {
    layer.clearLayers();
    const byCode = new Map(rows.map((r) => [r.code, r]));
    for (const tile of tiles) {
      const r = byCode.get(tile.code);
      const rect = L.rectangle([[-tile.row - 0.95, tile.col], [-tile.row, tile.col + 0.95]], {
        color: '#333', weight: 1, fillOpacity: r ? 0.85 : 0.15, fillColor: r ? fill(r) : '#ccc',
        className: `tile tile-${tile.code}`,
      });
      rect.bindTooltip(`${tile.name || tile.code}: ${r ? `${fmtNumber(r.score)} (${t(`map.zone.${r.zone}`)})` : t('map.outside')}`);
      if (r) rect.on('click', () => drill(tile.code));
      rect.addTo(layer);
      L.marker([-tile.row - 0.5, tile.col + 0.475], {
        icon: L.divIcon({ className: 'tile-label', html: '', iconSize: null }), interactive: false, keyboard: false,
      }).addTo(layer).getElement()?.append(document.createTextNode(tile.code));
    }
  }

  // Imported boundaries (netra region import-geojson, [map] boundaries): drawn instead of the
  // tile map wherever the file has a polygon; fetched once per level.
  const boundaries = { province: undefined, kabkota: undefined };
  async function loadBoundaries(level) {
    if (!tm.boundaries) return null;
    if (boundaries[level] === undefined) {
      try {
        const { data } = await get('/index/boundaries', { level });
        boundaries[level] = data && data.features && data.features.length ? data : null;
      } catch { boundaries[level] = null; }
    }
    return boundaries[level];
  }

  function drawGeo(features, rows, clickable) {
    layer.clearLayers();
    const byCode = new Map(rows.map((r) => [r.code, r]));
    const gj = L.geoJSON({ type: 'FeatureCollection', features }, {
      style: (f) => {
        const r = byCode.get(f.properties.code);
        return { color: '#333', weight: 1, fillOpacity: r ? 0.85 : 0.15, fillColor: r ? fill(r) : '#ccc',
          className: `region region-${String(f.properties.code).replace(/\./g, '-')}` };
      },
      onEachFeature: (f, lyr) => {
        const code = f.properties.code;
        const r = byCode.get(code);
        lyr.bindTooltip(`${r ? r.name : code}: ${r ? `${fmtNumber(r.score)} (${t(`map.zone.${r.zone}`)})` : t('map.outside')}`);
        if (r && clickable) lyr.on('click', () => drill(code));
      },
    }).addTo(layer);
    map.invalidateSize();
    const b = gj.getBounds();
    if (b.isValid()) map.fitBounds(b);
    mapBox.dataset.drawn = 'boundaries';
  }

  function drawBars(rows, withPolygons) {
    bars.replaceChildren(el('h2', {}, t('map.kabkotaOf', { p: provinceName(st.province) })),
      el('p', { class: 'hint' }, t(withPolygons ? 'map.barsNoteBounds' : 'map.barsNote')));
    const ol = el('ol', { class: 'bars' });
    for (const r of rows) {
      const bar = el('span', { class: `bar zone-${r.zone}`, 'aria-hidden': 'true' });
      bar.dataset.w = String(Math.round(r.score));
      ol.append(el('li', { 'data-code': r.code },
        el('a', { href: `#/kasus?region=${encodeURIComponent(r.code)}`, class: 'bar-label' }, `${r.code} ${r.name}`),
        bar, el('span', { class: 'bar-value' }, `${fmtNumber(r.score)} · ${t(`map.zone.${r.zone}`)}`)));
    }
    bars.append(ol);
    // widths through CSSOM (allowed by the CSP), never a style attribute
    for (const b of ol.querySelectorAll('.bar')) b.style.width = `${Math.max(1, Number(b.dataset.w)) * 0.6}%`;
    if (st.colour === 'score') for (const [i, b] of [...ol.querySelectorAll('.bar')].entries()) b.style.backgroundColor = scoreColour(rows[i].score);
  }

  function provinceName(code) { return (tiles.find((x) => x.code === code) || {}).name || code; }

  function drawCrumbs() {
    crumbs.replaceChildren();
    const nat = el('a', { href: '#/peta', id: 'crumb-national' }, t('map.national'));
    if (st.level === 'province') { nat.setAttribute('aria-current', 'page'); crumbs.append(nat); return; }
    crumbs.append(nat, ' › ', el('span', { 'aria-current': 'page' }, provinceName(st.province)), ' · ',
      el('a', { href: `#/kasus?region=${encodeURIComponent(st.province)}`, id: 'crumb-cases' }, t('map.casesOf', { p: provinceName(st.province) })), ' · ',
      el('a', { href: `#/peta/laporan/${encodeURIComponent(st.province)}`, id: 'crumb-report' }, t('map.report')));
  }

  function drawTable(rows) {
    const tbl = el('table', { id: 'map-data' },
      el('caption', {}, t('map.tableCaption', { n: rows.length })),
      el('thead', {}, el('tr', {}, ...['map.col.code', 'map.col.name', 'map.col.score', 'map.col.zone', 'map.col.events', 'map.col.links']
        .map((k) => el('th', { scope: 'col' }, t(k))))),
      el('tbody', {}, ...rows.map((r) => el('tr', { 'data-code': r.code },
        el('td', {}, r.code), el('th', { scope: 'row' }, r.name),
        el('td', { class: 'num' }, fmtNumber(r.score)), el('td', {}, t(`map.zone.${r.zone}`)),
        el('td', { class: 'num' }, fmtNumber(r.events)),
        el('td', {},
          st.level === 'province' ? el('button', { type: 'button', class: 'linkish', onclick: () => drill(r.code) }, t('map.open')) : null,
          ' ', el('a', { href: `#/kasus?region=${encodeURIComponent(r.code)}` }, t('map.cases')),
          ' ', el('a', { href: `#/peta/laporan/${encodeURIComponent(r.code)}` }, t('map.report')))))));
    tableBox.replaceChildren(tbl);
  }

  function drawExports() {
    const q = query();
    exportsBox.replaceChildren(el('span', {}, `${t('map.export')}: `),
      ...['csv', 'xlsx', 'geojson'].map((f) => el('a', { href: exportUrl(q, f), download: '', class: 'button secondary', id: `export-${f}` }, f.toUpperCase())));
  }

  let seq = 0;
  async function refresh() {
    const my = ++seq;
    labels();
    const q = query();
    let data;
    try {
      ({ data } = await get('/index', q));
    } catch (e) {
      if (my === seq) meta.replaceChildren(errorBox(e));
      return;
    }
    if (my !== seq) return;
    st.data = data;
    let rows = data.regions || [];
    if (st.level === 'kabkota' && st.province) rows = rows.filter((r) => r.code.startsWith(`${st.province}.`));
    const fc = await loadBoundaries(st.level);
    if (my !== seq) return;
    const feats = fc ? fc.features.filter((f) => st.level === 'province' || String(f.properties.code).startsWith(`${st.province}.`)) : [];
    mapBox.hidden = st.level !== 'province' && feats.length === 0;
    bars.hidden = st.level === 'province';
    if (feats.length) drawGeo(feats, rows, st.level === 'province');
    else if (st.level === 'province') { drawMap(rows); map.invalidateSize(); map.fitBounds(bounds); mapBox.dataset.drawn = 'tiles'; }
    if (st.level !== 'province') drawBars(rows, feats.length > 0);
    drawCrumbs();
    drawLegend();
    drawTable(rows);
    drawExports();
    const m = data.meta;
    meta.textContent = t('map.meta', { n: m.events_matched, at: m.computed_at });
    main.dataset.events = String(m.events_matched);
  }

  function drill(code) {
    ctx.navigate(`/peta?provinsi=${encodeURIComponent(code)}${st.election ? `&election=${encodeURIComponent(st.election)}` : ''}`);
  }

  elSel.addEventListener('change', async () => { st.election = elSel.value; await loadStages(); refresh(); });
  stageSlider.addEventListener('input', () => { st.stageIdx = Number(stageSlider.value); refresh(); });
  dateSlider.addEventListener('input', () => { st.dateIdx = Number(dateSlider.value); refresh(); });
  colourSel.addEventListener('change', () => { st.colour = colourSel.value; refresh(); });
  controls.addEventListener('submit', (ev) => ev.preventDefault());

  await loadStages();
  await refresh();
  return () => map.remove();
}
