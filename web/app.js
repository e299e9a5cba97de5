// Verbatim web page: a one-page app over the read-only JSON API of `verbatim serve`
// (docs/API.md). Plain ES2020 module, no build step, nothing fetched but /api/.
//
// Security contract: every string from the API is untrusted (quotations, speakers, titles,
// outlets, URLs, doc identities). The DOM is built only with el()/svg() below, which put text in
// with textContent (text nodes) and attributes through an allow-list with setAttribute; no API
// string is ever parsed as HTML. An outside URL becomes a link only when it is http: or https:.
// Ids in routes must be positive integers before they reach a fetch.

const SVG_NS = 'http://www.w3.org/2000/svg';
const HTML_ATTRS = new Set(['class', 'id', 'href', 'title', 'role', 'tabindex', 'type', 'name',
  'for', 'placeholder', 'rows', 'rel', 'target', 'datetime', 'autocomplete', 'spellcheck',
  'hidden', 'lang', 'dir', 'required', 'maxlength', 'scope', 'start', 'value']);
const SVG_ATTRS = new Set(['class', 'id', 'role', 'tabindex', 'viewBox', 'width', 'height',
  'x', 'y', 'x1', 'y1', 'x2', 'y2', 'r', 'cx', 'cy', 'rx', 'ry', 'text-anchor',
  'dominant-baseline', 'preserveAspectRatio', 'focusable', 'xmlns']);

// True for hrefs this page may emit: its own routes, or a parsed http(s) URL.
function isSafeHref(value) {
  return /^#\/[\w/?=&%.+-]*$/.test(value) || safeUrl(value) !== null;
}

// The normalised URL when `value` is an absolute http: or https: URL, else null.
function safeUrl(value) {
  if (typeof value !== 'string' || value === '') return null;
  let url;
  try { url = new URL(value); } catch { return null; }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

function setAttrs(node, attrs, allowed) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    const ok = allowed.has(name) || /^(data|aria)-[a-z][a-z0-9-]*$/.test(name);
    if (!ok) throw new Error(`attribute not allowed: ${name}`);
    const text = value === true ? '' : String(value);
    if (name === 'href' && !isSafeHref(text)) throw new Error('unsafe href');
    node.setAttribute(name, text);
  }
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// An HTML element; strings among `children` become text nodes.
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs, HTML_ATTRS);
  return append(node, children);
}

// An SVG element, same rules as el().
function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs, SVG_ATTRS);
  return append(node, children);
}

// ---------------------------------------------------------------------------------------------
// API access

class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function api(path, params, signal) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') query.set(k, String(v));
  }
  const qs = query.toString();
  const res = await fetch(`/api/${path}${qs ? '?' + qs : ''}`,
    { signal, headers: { Accept: 'application/json' } });
  let body = null;
  try { body = await res.json(); } catch { /* reported below */ }
  if (!res.ok || body === null) {
    throw new ApiError(res.status, body?.error?.message || `the server answered ${res.status}`);
  }
  return body;
}

// A positive integer id from a route segment, or a thrown 400-like error.
function parseId(text) {
  if (!/^[1-9][0-9]{0,15}$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new ApiError(400, 'This address needs a whole-number id.');
  }
  return Number(text);
}

// Route hrefs for API ids (null when the id is not an integer, so no link is made).
function route(kind, id) {
  return Number.isSafeInteger(id) && id > 0 ? `#/${kind}/${id}` : null;
}

// ---------------------------------------------------------------------------------------------
// Small pieces

function link(href, ...children) {
  return href ? el('a', { href }, ...children) : el('span', {}, ...children);
}

// An outside link when `url` is http(s); otherwise the URL as plain text.
function outsideLink(url, label) {
  const safe = safeUrl(url);
  if (safe) return el('a', { href: safe, rel: 'noopener noreferrer', target: '_blank', class: 'out' }, label || url);
  if (!url) return null;
  return el('span', { class: 'url-text', title: 'not a web link' }, url);
}

function timeEl(published) {
  if (!published) return el('span', { class: 'undated' }, 'undated');
  const shown = published.length > 10 ? published.slice(0, 16).replace('T', ' ') : published;
  return el('time', { datetime: published }, shown);
}

function outletLabel(item) { return item.outlet ?? item.doc ?? 'unknown outlet'; }

function plural(n, one, many) { return `${n} ${n === 1 ? one : many ?? one + 's'}`; }

function speakerLink(name, id) {
  if (!name) return el('span', { class: 'speaker unknown' }, 'unnamed source');
  return link(route('speakers', id), el('span', { class: 'speaker' }, name));
}

const FLAG_LABELS = { possible_misattribution: 'possible misattribution', altered_wording: 'altered wording' };
function flagBadges(flags) {
  return (flags || []).map((f) => el('span', { class: `badge flag${FLAG_LABELS[f] ? ' flag-' + f : ''}` },
    FLAG_LABELS[f] || String(f)));
}

function section(title, ...children) {
  return el('section', {}, el('h2', {}, title), ...children);
}

// A word diff as runs: '=' plain, '-' <del>, '+' <ins>.
function diffView(runs) {
  return el('p', { class: 'diff' }, (runs || []).map((run, i) => [i ? ' ' : '',
    run.op === '-' ? el('del', {}, run.text) : run.op === '+' ? el('ins', {}, run.text) : el('span', {}, run.text)]));
}

// One quotation with its speaker, outlet, date and links. `inDocument`: listed under its own
// article, so outlet, date, story and source are left out.
function quoteItem(q, { showSpeaker = true, inDocument = false } = {}) {
  return el('li', { class: 'quote', 'data-quote': q.id },
    el('blockquote', {}, q.text),
    el('p', { class: 'meta' },
      showSpeaker ? speakerLink(q.speaker, q.speaker_id) : null,
      inDocument ? null : [showSpeaker ? ' · ' : null, el('span', { class: 'outlet' }, outletLabel(q)), ' · ',
        timeEl(q.published)],
      q.kind ? [' · ', el('span', { class: 'kind' }, q.kind)] : null),
    el('p', { class: 'links' },
      q.cluster ? [link(route('clusters', q.cluster), 'all variants'), ' · '] : null,
      link(route('documents', q.document), 'in the article'),
      !inDocument && q.story ? [' · ', link(route('stories', q.story), 'story')] : null,
      !inDocument && safeUrl(q.url) ? [' · ', outsideLink(q.url, 'source')] : null));
}

function quoteList(quotes, opts) {
  return el('ul', { class: 'quotes' }, quotes.map((q) => quoteItem(q, opts)));
}

function clusterItem(c) {
  return el('li', { class: 'cluster' },
    link(route('clusters', c.id), el('q', {}, c.canonical)),
    el('p', { class: 'meta' }, (c.speakers || []).join(', ') || 'unnamed source', ' · ',
      plural(c.quotations, 'quotation'), ' · ', plural(c.outlet_count, 'outlet'), ' · first seen ',
      timeEl(c.first_seen), ' ', flagBadges(c.flags)));
}

function more(total, shown, what) {
  return total > shown ? el('p', { class: 'more' }, `Showing ${shown} of ${total} ${what}.`) : null;
}

// ---------------------------------------------------------------------------------------------
// Dates and charts

const DAY_MS = 86400000;

// Milliseconds since the epoch for an ISO date or date-time, or null.
function timeOf(published) {
  if (!published) return null;
  const t = Date.parse(published.length === 10 ? `${published}T00:00:00Z` : published);
  return Number.isNaN(t) ? null : t;
}

function isoDay(t) { return new Date(t).toISOString().slice(0, 10); }

// Up to `n` evenly spaced tick times between t0 and t1, on whole days.
function dayTicks(t0, t1, n) {
  const days = Math.max(0, Math.round((t1 - t0) / DAY_MS));
  const step = Math.max(1, Math.ceil(days / n));
  const ticks = [];
  for (let d = 0; d <= days; d += step) ticks.push(t0 + d * DAY_MS);
  return ticks;
}

// The chart width in viewBox units: the width the chart gets on screen, so text keeps its size.
function chartWidth() {
  const main = document.getElementById('view');
  return Math.max(300, Math.min(1000, (main?.clientWidth || 800) - 2));
}

// Quotations per day as SVG bars.
function barChart(perDay, label) {
  const W = chartWidth(), H = 150, left = 34, right = 10, top = 10, bottom = 26;
  const points = (perDay || []).map((p) => ({ t: timeOf(p.date), n: p.quotations, date: p.date }))
    .filter((p) => p.t !== null);
  if (!points.length) return el('p', { class: 'muted' }, 'No dated quotations.');
  let t0 = Math.min(...points.map((p) => p.t)), t1 = Math.max(...points.map((p) => p.t)) + DAY_MS;
  if (t1 - t0 < 3 * DAY_MS) { t0 -= DAY_MS; t1 += DAY_MS; } // a day or two: keep them off the edges
  const maxN = Math.max(...points.map((p) => p.n));
  const plotW = W - left - right, plotH = H - top - bottom;
  const x = (t) => left + ((t - t0) / (t1 - t0)) * plotW;
  const barW = Math.max(2, Math.min(28, (plotW * DAY_MS) / (t1 - t0) - 2));
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart bars', role: 'img', 'aria-label': label },
    svg('title', {}, label),
    svg('line', { x1: left, y1: top + plotH, x2: W - right, y2: top + plotH, class: 'axis' }),
    svg('text', { x: left - 6, y: top + 8, 'text-anchor': 'end', class: 'tick' }, String(maxN)),
    svg('text', { x: left - 6, y: top + plotH, 'text-anchor': 'end', class: 'tick' }, '0'),
    dayTicks(t0, t1 - DAY_MS, W < 500 ? 2 : 5).map((t) => svg('text', { x: x(t) + barW / 2, y: H - 8,
      'text-anchor': x(t) > W - 50 ? 'end' : x(t) < left + 30 ? 'start' : 'middle', class: 'tick' }, isoDay(t))),
    points.map((p) => {
      const h = Math.max(1, (p.n / maxN) * plotH);
      return svg('rect', { x: x(p.t), y: top + plotH - h, width: barW, height: h, class: 'bar', tabindex: 0,
        'aria-label': `${p.date}: ${plural(p.n, 'quotation')}` },
      svg('title', {}, `${p.date}: ${plural(p.n, 'quotation')}`));
    }));
  return el('figure', { class: 'chart-wrap' }, chart);
}

// The cluster timeline: one row per outlet (a document without an outlet gets its own row, named
// by its doc identity), dates on the x axis, one focusable mark per variant, undated members in
// their own area on the right. Hovering or focusing a mark shows its wording and outlet.
function timeline(variants) {
  const W = chartWidth(), narrow = W < 560;
  const rows = new Map();
  const rowKey = (v) => (v.outlet != null ? `o:${v.outlet}` : `d:${v.doc}`);
  for (const v of variants) {
    if (!rows.has(rowKey(v))) rows.set(rowKey(v), { label: outletLabel(v), index: rows.size });
  }
  const rowY0 = (v) => rows.get(rowKey(v)).index;
  const dated = variants.filter((v) => timeOf(v.published) !== null);
  const undated = variants.filter((v) => timeOf(v.published) === null);
  const perRow = new Map();
  for (const v of undated) perRow.set(rowY0(v), (perRow.get(rowY0(v)) || 0) + 1);
  const most = Math.max(0, ...perRow.values());
  const labelW = narrow ? 100 : 190;
  const undW = undated.length ? Math.round(Math.min(W * 0.35, Math.max(narrow ? 76 : 150, most * 13 + 24))) : 0;
  const undStep = most > 1 ? Math.min(13, (undW - 24) / (most - 1)) : 13;
  const top = 28, rowH = 30, H = top + rows.size * rowH + 30;
  const x0 = labelW + 18, x1 = W - (undW ? undW + 26 : 18);
  const undX0 = W - undW - 8;
  let t0 = Math.min(...dated.map((v) => timeOf(v.published)));
  let t1 = Math.max(...dated.map((v) => timeOf(v.published)));
  if (!dated.length) { t0 = 0; t1 = 1; } else if (t1 - t0 < DAY_MS) { t0 -= DAY_MS; t1 += DAY_MS; }
  const x = (t) => x0 + ((t - t0) / (t1 - t0)) * (x1 - x0);
  const rowY = (v) => top + rowY0(v) * rowH + rowH / 2;
  const maxChars = Math.floor(labelW / 6.6);

  // Marks that share a row and a day sit side by side around their day.
  const slots = new Map(), positions = new Map();
  for (const v of dated) {
    const key = `${rowY(v)}|${isoDay(timeOf(v.published))}`;
    slots.set(key, [...(slots.get(key) || []), v]);
  }
  for (const group of slots.values()) {
    group.forEach((v, k) => positions.set(v, x(timeOf(v.published)) + (k - (group.length - 1) / 2) * 11));
  }
  const undCount = new Map();
  for (const v of undated) {
    const y = rowY(v), k = undCount.get(y) || 0;
    undCount.set(y, k + 1);
    positions.set(v, undX0 + 12 + k * undStep);
  }

  const tip = el('div', { class: 'tooltip', role: 'tooltip', id: 'timeline-tip', hidden: true });
  const wrap = el('figure', { class: 'chart-wrap timeline-wrap' });
  const show = (mark, v) => {
    tip.replaceChildren(el('strong', { class: 'tip-outlet' }, outletLabel(v)), ' · ', timeEl(v.published),
      el('q', { class: 'tip-text' }, v.text), v.speaker ? el('span', { class: 'tip-speaker' }, v.speaker) : null);
    tip.hidden = false;
    const box = wrap.getBoundingClientRect(), m = mark.getBoundingClientRect();
    const w = tip.offsetWidth;
    tip.style.left = `${Math.max(0, Math.min(box.width - w, m.left - box.left + m.width / 2 - w / 2))}px`;
    tip.style.top = `${m.bottom - box.top + 6}px`;
  };
  const hide = () => { tip.hidden = true; };

  const marks = variants.map((v, i) => {
    const words = `${outletLabel(v)}, ${v.published ? v.published : 'undated'}: “${v.text}”`;
    const mark = svg('circle', { cx: positions.get(v).toFixed(1), cy: rowY(v), r: 6, tabindex: 0, role: 'button',
      class: `mark${v.altered ? ' altered' : ''}${i === 0 ? ' earliest' : ''}${v.published ? '' : ' undated'}`,
      'aria-label': words, 'aria-describedby': 'timeline-tip',
      'data-doc': v.doc, 'data-document': v.document, 'data-outlet': outletLabel(v), 'data-quote': v.id },
    svg('title', {}, words));
    mark.addEventListener('mouseenter', () => show(mark, v));
    mark.addEventListener('focus', () => show(mark, v));
    mark.addEventListener('mouseleave', hide);
    mark.addEventListener('blur', hide);
    const go = () => {
      const item = document.getElementById(`variant-${v.id}`);
      if (item) { item.scrollIntoView({ block: 'center' }); item.focus({ preventScroll: true }); }
    };
    mark.addEventListener('click', go);
    mark.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); go(); }
      if (e.key === 'Escape') hide();
    });
    return mark;
  });

  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart timeline', role: 'group',
    'aria-label': `Timeline: ${plural(variants.length, 'variant')} in ${plural(rows.size, 'row')}` },
  [...rows.values()].map((r) => {
    const y = top + r.index * rowH + rowH / 2;
    const shown = r.label.length > maxChars ? `${r.label.slice(0, maxChars - 1)}…` : r.label;
    return svg('g', { class: 'row' },
      svg('line', { x1: labelW + 8, y1: y, x2: W - 4, y2: y, class: 'guide' }),
      svg('text', { x: labelW, y, 'text-anchor': 'end', 'dominant-baseline': 'middle', class: 'row-label' },
        svg('title', {}, r.label), shown));
  }),
  dated.length ? dayTicks(t0, t1, narrow ? 2 : 5).map((t) => svg('g', { class: 'tick-g' },
    svg('line', { x1: x(t), y1: top - 4, x2: x(t), y2: H - 26, class: 'grid' }),
    svg('text', { x: x(t), y: H - 10, 'text-anchor': 'middle', class: 'tick' },
      narrow ? isoDay(t).slice(5) : isoDay(t)))) : null,
  dated.length ? svg('text', { x: x0, y: 14, class: 'area-label' }, 'dated') : null,
  undW ? svg('g', { class: 'undated-area' },
    svg('rect', { x: undX0, y: top - 6, width: undW, height: rows.size * rowH + 12, rx: 4, class: 'undated-bg' }),
    svg('text', { x: undX0 + 6, y: 14, class: 'area-label' }, 'undated')) : null,
  marks);
  return append(wrap, [chart, tip,
    el('figcaption', {}, 'One mark per variant; hover or focus a mark to read it. ',
      el('span', { class: 'key key-altered' }, 'hollow'), ' marks: altered wording.')]);
}

// ---------------------------------------------------------------------------------------------
// Highlighting by UTF-8 byte offsets

// For each UTF-8 byte offset into `text`, the UTF-16 index of the character starting there
// (-1 inside a character); the entry at the byte length is text.length.
function byteToUtf16(text) {
  const map = new Int32Array(new TextEncoder().encode(text).length + 1).fill(-1);
  let b = 0, u = 0;
  for (const ch of text) {
    map[b] = u;
    const cp = ch.codePointAt(0);
    b += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    u += ch.length;
  }
  map[b] = u;
  return map;
}

function toUtf16(map, offset, roundUp) {
  let b = Math.max(0, Math.min(map.length - 1, Math.trunc(Number(offset) || 0)));
  while (map[b] === -1) b += roundUp ? 1 : -1;
  return map[b];
}

// `text` as nodes with <mark>s over `ranges` ({start, end} UTF-8 byte offsets, kind, quote index).
// Overlapping ranges split the text at every boundary; each piece gets the classes of all ranges
// covering it, and data-quotes / data-cues / data-mentions list their quotation indexes.
function highlighted(text, ranges) {
  const map = byteToUtf16(text);
  const spans = ranges.map((r) => ({ ...r, a: toUtf16(map, r.start, false), b: toUtf16(map, r.end, true) }))
    .filter((r) => r.b > r.a);
  const cuts = [...new Set([0, text.length, ...spans.flatMap((r) => [r.a, r.b])])].sort((p, q) => p - q);
  const nodes = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i], b = cuts[i + 1], piece = text.slice(a, b);
    const over = spans.filter((r) => r.a <= a && r.b >= b);
    if (!over.length) { nodes.push(piece); continue; }
    const of = (kind) => [...new Set(over.filter((r) => r.kind === kind).map((r) => r.quote))];
    const quotes = of('quote'), cues = of('cue'), mentions = of('mention');
    const reported = quotes.length && over.every((r) => r.kind !== 'quote' || r.reported);
    const cls = [quotes.length && 'hl-quote', reported && 'hl-reported', cues.length && 'hl-cue',
      mentions.length && 'hl-mention']
      .filter(Boolean).join(' ');
    nodes.push(el('mark', { class: cls, 'data-quotes': quotes.join(' ') || null,
      'data-cues': cues.join(' ') || null, 'data-mentions': mentions.join(' ') || null }, piece));
  }
  return nodes;
}

function documentRanges(quotes, field) {
  const ranges = [];
  quotes.forEach((q, i) => {
    if ((q.field === 'title') !== (field === 'title')) return;
    const reported = q.kind === 'indirect';
    for (const seg of q.segments || []) ranges.push({ start: seg[0], end: seg[1], kind: 'quote', quote: i, reported });
    if (q.cue_span) ranges.push({ start: q.cue_span[0], end: q.cue_span[1], kind: 'cue', quote: i });
    if (q.mention) ranges.push({ start: q.mention.start, end: q.mention.end, kind: 'mention', quote: i });
  });
  return ranges;
}

// ---------------------------------------------------------------------------------------------
// Views: each returns { title, node } for the <main> element.

async function viewHome({ signal }) {
  const [health, wide, speakers, stories] = await Promise.all([
    api('health', null, signal), api('clusters', { min_outlets: 2, limit: 10 }, signal),
    api('speakers', { limit: 12 }, signal), api('stories', { limit: 8 }, signal)]);
  const clusters = wide.items.length ? wide : await api('clusters', { limit: 10 }, signal);
  return { title: 'Verbatim', node: el('div', { class: 'home' },
    el('h1', {}, 'Who said what, and how was it reported'),
    el('p', { class: 'lead' }, `${plural(health.documents, 'article')} and ${plural(health.quotations, 'quotation')}. `,
      'Search a speaker or words above, ', link('#/check', 'check a quotation'), ', or browse ',
      link('#/stories', 'the stories'), '.'),
    section(wide.items.length ? 'Quotations carried by several outlets' : 'Quotations',
      el('ul', { class: 'clusters' }, clusters.items.map(clusterItem))),
    section('Most quoted', el('ul', { class: 'chips' }, speakers.items.map((s) =>
      el('li', {}, link(route('speakers', s.id), s.name), ' ', el('span', { class: 'count' }, String(s.quotations)))))),
    section('Stories', el('ul', { class: 'stories' }, stories.items.map(storyItem)),
      el('p', {}, link('#/stories', 'All stories')))) };
}

async function viewSearch({ params, signal }) {
  const q = (params.get('q') || '').trim();
  const input = document.getElementById('search-input');
  if (document.activeElement !== input && input.value !== q) input.value = q;
  if (!q) return { title: 'Search', node: section('Search', el('p', {}, 'Type a speaker’s name or words of a quotation.')) };
  const [speakers, byWords] = await Promise.all([
    api('speakers', { q, limit: 10 }, signal), api('quotes', { q, limit: 30 }, signal)]);
  const bySpeaker = speakers.total ? await api('quotes', { speaker: q, order: 'latest', limit: 30 }, signal) : null;
  return { title: `Search: ${q}`, node: el('div', { class: 'search-results' },
    el('h1', {}, 'Results for ', el('q', {}, q)),
    section('Speakers', speakers.items.length
      ? el('ul', { class: 'speakers' }, speakers.items.map((s) => el('li', { class: 'speaker-result' },
        link(route('speakers', s.id), s.name), ' ',
        el('span', { class: 'meta' }, `${plural(s.quotations, 'quotation')} in ${plural(s.articles, 'article')}`),
        s.variants?.length > 1 ? el('span', { class: 'variants' }, ` also: ${s.variants.filter((n) => n !== s.name).join(', ')}`) : null)))
      : el('p', { class: 'muted' }, 'No speaker by that name (whole words).')),
    bySpeaker ? section('Quotations by these speakers', quoteList(bySpeaker.items), more(bySpeaker.total, bySpeaker.items.length, 'quotations')) : null,
    section('Quotations with these words', byWords.items.length ? quoteList(byWords.items)
      : el('p', { class: 'muted' }, 'No quotation has all these words.'), more(byWords.total, byWords.items.length, 'quotations'))) };
}

async function viewSpeaker({ id, signal }) {
  const s = await api(`speakers/${id}`, null, signal);
  const latestFirst = [...(s.quotes || [])].reverse();
  return { title: s.name, node: el('article', { class: 'speaker-page' },
    el('h1', {}, s.name),
    (s.variants || []).length ? el('p', { class: 'variants' }, 'Named as: ', s.variants.join(' · ')) : null,
    el('p', { class: 'meta' }, `${plural(s.quotations, 'quotation')} in ${plural(s.articles, 'article')}`,
      s.first_seen ? [' · from ', timeEl(s.first_seen), ' to ', timeEl(s.last_seen)] : null),
    section('Quotations over time', barChart(s.per_day, `Quotations by ${s.name} per day`)),
    section('Quotation clusters', (s.clusters || []).length ? el('ul', { class: 'clusters' }, s.clusters.map(clusterItem))
      : el('p', { class: 'muted' }, 'None.')),
    section('Quotations, latest first', quoteList(latestFirst, { showSpeaker: false }),
      more(s.quotations, latestFirst.length, 'quotations'))) };
}

async function viewCluster({ id, signal }) {
  const c = await api(`clusters/${id}`, null, signal);
  const variants = c.variants || [];
  return { title: `Quotation: ${c.canonical}`, node: el('article', { class: 'cluster-page' },
    el('h1', {}, el('q', {}, c.canonical)),
    el('p', { class: 'meta' }, 'Said by ', (c.speakers || []).length ? c.speakers.join(', ') : 'an unnamed source',
      ' · first seen ', timeOf(c.first_seen) !== null ? timeEl(c.first_seen) : 'undated',
      ' · ', plural(c.quotations, 'quotation'), ' in ', plural(new Set(variants.map((v) => v.document)).size, 'article'),
      c.outlet_count ? ` from ${plural(c.outlet_count, 'outlet')}` : null,
      c.undated ? ` · ${c.undated} undated` : null),
    (c.flags || []).length ? el('p', { class: 'flags' }, flagBadges(c.flags)) : null,
    section('Timeline', variants.length ? timeline(variants) : el('p', {}, 'No variants.')),
    section('Variants', el('p', { class: 'muted' }, 'Each wording against the earliest one: ',
      el('del', {}, 'struck'), ' words only in the earliest, ', el('ins', {}, 'underlined'), ' words only in this one.'),
    el('ol', { class: 'variants' }, variants.map((v, i) => el('li', { id: `variant-${v.id}`, tabindex: -1, class: 'variant' },
      el('p', { class: 'meta' }, el('strong', {}, outletLabel(v)), ' · ', timeEl(v.published), ' · ',
        speakerLink(v.speaker, v.speaker_id), ' ',
        i === 0 ? el('span', { class: 'badge' }, 'earliest') : null,
        v.altered ? el('span', { class: 'badge flag flag-altered_wording' }, 'altered') : null),
      el('blockquote', {}, v.text),
      i > 0 ? diffView(v.diff) : null,
      el('p', { class: 'links' }, link(route('documents', v.document), 'in the article'),
        safeUrl(v.url) ? [' · ', outsideLink(v.url, 'source')] : null))))),
    section('Outlets', (c.outlets || []).length ? el('table', { class: 'outlets' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'outlet'), el('th', { scope: 'col' }, 'quotations'))),
      el('tbody', {}, c.outlets.map((o) => el('tr', {}, el('td', {}, o.outlet ?? 'unknown'), el('td', {}, String(o.quotations))))))
      : el('p', { class: 'muted' }, 'The articles name no outlet.'))) };
}

function storyItem(s) {
  return el('li', { class: 'story' }, link(route('stories', s.id), s.title || `Story ${s.id}`),
    el('p', { class: 'meta' }, `${plural(s.articles, 'article')} · ${plural(s.quotations, 'quotation')} · `,
      (s.outlets || []).join(', ') || 'no outlet named', s.first_seen ? [' · ', timeEl(s.first_seen)] : null));
}

async function viewStories({ params, signal }) {
  const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
  const page = await api('stories', { limit: 50, offset }, signal);
  return { title: 'Stories', node: el('div', {},
    el('h1', {}, 'Stories'),
    el('ul', { class: 'stories' }, page.items.map(storyItem)),
    el('p', { class: 'pager' },
      offset > 0 ? link(`#/stories?offset=${Math.max(0, offset - 50)}`, 'Previous') : null, ' ',
      offset + page.items.length < page.total ? link(`#/stories?offset=${offset + 50}`, 'Next') : null)) };
}

async function viewStory({ id, signal }) {
  const s = await api(`stories/${id}`, null, signal);
  return { title: s.title || 'Story', node: el('article', { class: 'story-page' },
    el('h1', {}, s.title || `Story ${s.id}`),
    el('p', { class: 'meta' }, `${plural(s.articles, 'article')} · ${plural(s.quotations, 'quotation')}`,
      s.first_seen ? [' · ', timeEl(s.first_seen), ' to ', timeEl(s.last_seen)] : null),
    (s.outlets || []).length ? el('p', {}, 'Outlets: ', s.outlets.join(', ')) : null,
    (s.documents || []).length < s.articles
      ? el('p', { class: 'muted' }, `The first ${(s.documents || []).length} of ${plural(s.articles, 'article')}, in publication order.`) : null,
    (s.documents || []).map((d) => el('section', { class: 'story-doc' },
      el('h2', {}, link(route('documents', d.id), d.title || d.doc)),
      el('p', { class: 'meta' }, el('span', { class: 'outlet' }, outletLabel(d)), ' · ', timeEl(d.published),
        safeUrl(d.url) ? [' · ', outsideLink(d.url, 'source')] : null),
      (d.quotes || []).length ? quoteList(d.quotes, { inDocument: true }) : el('p', { class: 'muted' }, 'No quotations.')))) };
}

async function viewDocument({ id, signal }) {
  const d = await api(`documents/${id}`, null, signal);
  const quotes = d.quotes || [];
  const title = d.title || d.doc;
  return { title, node: el('article', { class: 'document-page' },
    el('h1', { class: 'article-title' }, d.title ? highlighted(d.title, documentRanges(quotes, 'title')) : d.doc),
    el('p', { class: 'meta' }, el('span', { class: 'outlet' }, d.outlet ?? 'unknown outlet'), ' · ', timeEl(d.published),
      d.author ? [' · by ', el('span', { class: 'author' }, d.author)] : null,
      d.story ? [' · ', link(route('stories', d.story), 'story')] : null),
    d.url ? el('p', { class: 'source' }, 'Source: ', outsideLink(d.url)) : null,
    el('p', { class: 'legend' }, 'Highlighted: ', el('mark', { class: 'hl-quote' }, 'quotation'), ' ',
      el('mark', { class: 'hl-quote hl-reported' }, 'reported speech'), ' ',
      el('mark', { class: 'hl-cue' }, 'cue'), ' ', el('mark', { class: 'hl-mention' }, 'speaker mention')),
    el('div', { class: 'article-text', lang: d.lang || null }, highlighted(d.text || '', documentRanges(quotes, 'text'))),
    section(`Quotations (${quotes.length})`, el('ol', { class: 'quotes doc-quotes' }, quotes.map((q, i) =>
      el('li', { class: 'quote', 'data-index': i },
        el('blockquote', {}, q.text),
        el('p', { class: 'meta' }, speakerLink(q.speaker, q.speaker_id),
          q.mention ? [' (', el('span', { class: 'mention' }, q.mention.text), ')'] : null,
          q.cue ? [' · cue ', el('span', { class: 'cue' }, q.cue)] : null,
          ` · ${q.kind} · confidence ${Number(q.confidence).toFixed(2)}`,
          q.field === 'title' ? ' · in the title' : null,
          q.cluster ? [' · ', link(route('clusters', q.cluster), 'all variants')] : null)))))) };
}

async function viewCheck({ params, signal }) {
  const q = (params.get('q') || '').trim(), speaker = (params.get('speaker') || '').trim();
  const textarea = el('textarea', { id: 'check-q', name: 'q', rows: 4, required: true, maxlength: 4000 });
  textarea.value = q;
  const who = el('input', { id: 'check-speaker', name: 'speaker', type: 'text', autocomplete: 'off' });
  who.value = speaker;
  const form = el('form', { class: 'check-form' },
    el('label', { for: 'check-q' }, 'Quotation as you read it'), textarea,
    el('label', { for: 'check-speaker' }, 'Said by (optional)'), who,
    el('button', { type: 'submit' }, 'Check'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const query = new URLSearchParams({ q: textarea.value.trim() });
    if (who.value.trim()) query.set('speaker', who.value.trim());
    navigate(`#/check?${query}`);
  });
  const page = el('div', { class: 'check-page' }, el('h1', {}, 'Check a quotation'),
    el('p', { class: 'muted' }, 'Paste a wording to find where it comes from and how each outlet printed it.'), form);
  if (!q) return { title: 'Check a quotation', node: page };
  const r = await api('check', { q, speaker }, signal);
  return { title: 'Check a quotation', node: append(page, [checkResult(r)]) };
}

function checkResult(r) {
  const m = r.match;
  if (!m) {
    return el('section', { class: 'check-result' }, el('p', { class: 'verdict verdict-none', id: 'verdict' },
      'No match: no stored quotation shares enough words with this wording.'));
  }
  const speakers = (m.speakers || []).join(', ') || 'an unnamed source';
  const c = m.cluster, first = m.first;
  return el('section', { class: 'check-result' },
    el('div', { class: 'verdicts', id: 'verdict' },
      m.altered
        ? el('p', { class: 'verdict verdict-bad' }, 'Wording altered: no source prints these words. Compare with the sources below.')
        : el('p', { class: 'verdict verdict-ok' }, 'Wording matches: at least one source prints these words.'),
      m.speaker_differs === true
        ? el('p', { class: 'verdict verdict-bad' }, 'Speaker differs: the sources attribute this to ', speakers, ', not to ', el('q', {}, r.speaker), '.')
        : m.speaker_differs === false
          ? el('p', { class: 'verdict verdict-ok' }, 'Speaker matches the sources: ', speakers, '.')
          : el('p', { class: 'verdict' }, 'The sources attribute this to ', speakers, '.')),
    section('Quotation cluster', el('ul', { class: 'clusters' }, clusterItem(c))),
    section('First appearance', el('div', { class: 'first' },
      el('p', { class: 'meta' }, el('strong', {}, outletLabel(first)), ' · ', timeEl(first.published), ' · ',
        speakerLink(first.speaker, first.speaker_id), ' · ', link(route('documents', first.document), 'in the article'),
        safeUrl(first.url) ? [' · ', outsideLink(first.url, 'source')] : null),
      el('blockquote', {}, first.text),
      el('p', { class: 'muted' }, 'Your wording against it: ', el('del', {}, 'struck'), ' only in the source, ',
        el('ins', {}, 'underlined'), ' only in yours.'),
      diffView(m.diff))),
    section('Every source’s wording', el('p', { class: 'muted' }, 'From your wording to each source’s: ',
      el('del', {}, 'struck'), ' only in yours, ', el('ins', {}, 'underlined'), ' only in the source.'),
    el('ul', { class: 'variants' }, (m.variants || []).map((v) => el('li', { class: 'variant' },
      el('p', { class: 'meta' }, el('strong', {}, outletLabel(v)), ' · ', timeEl(v.published), ' · ',
        speakerLink(v.speaker, v.speaker_id), ' ',
        v.same ? el('span', { class: 'badge ok' }, 'same words') : el('span', { class: 'badge flag' }, 'different words'),
        m.closest && m.closest.id === v.id ? el('span', { class: 'badge' }, 'closest') : null),
      el('blockquote', {}, v.text), diffView(v.diff),
      el('p', { class: 'links' }, link(route('documents', v.document), 'in the article'),
        safeUrl(v.url) ? [' · ', outsideLink(v.url, 'source')] : null))))));
}

// ---------------------------------------------------------------------------------------------
// Router

const ROUTES = [
  [/^\/$/, viewHome, false],
  [/^\/search$/, viewSearch, false],
  [/^\/speakers\/([^/]+)$/, viewSpeaker, true],
  [/^\/clusters\/([^/]+)$/, viewCluster, true],
  [/^\/stories$/, viewStories, false],
  [/^\/stories\/([^/]+)$/, viewStory, true],
  [/^\/documents\/([^/]+)$/, viewDocument, true],
  [/^\/check$/, viewCheck, false],
];

let current = null;

function navigate(hash) {
  if (location.hash === hash) render(); else location.hash = hash;
}

let renderedWidth = 0;

// Renders the view the hash names. `keepScroll`: a re-render in place (after a resize).
async function render(keepScroll = false) {
  const main = document.getElementById('view');
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const raw = location.hash.startsWith('#/') ? location.hash.slice(1) : '/';
  const [path, query = ''] = raw.split('?', 2);
  const params = new URLSearchParams(query);
  main.setAttribute('aria-busy', 'true');
  main.dataset.route = path.split('/')[1] || 'home';
  let result;
  try {
    const found = ROUTES.find(([re]) => re.test(path));
    if (!found) throw new ApiError(404, 'There is no such page.');
    const [re, view, hasId] = found;
    const id = hasId ? parseId(decodeURIComponent(path.match(re)[1])) : null;
    result = await view({ id, params, signal: controller.signal });
  } catch (err) {
    if (controller.signal.aborted) return;
    const status = err instanceof ApiError ? err.status : 0;
    result = { title: 'Error', node: el('div', { class: 'error', role: 'alert' },
      el('h1', {}, status === 404 ? 'Not found' : status === 400 ? 'Bad address' : 'Something went wrong'),
      el('p', {}, err.message || String(err)), el('p', {}, link('#/', 'Home'))) };
  }
  if (controller.signal.aborted) return;
  main.replaceChildren(result.node);
  document.title = `${result.title} · Verbatim`;
  main.setAttribute('aria-busy', 'false');
  renderedWidth = chartWidth();
  if (!keepScroll && document.activeElement !== document.getElementById('search-input')) {
    window.scrollTo(0, 0);
    main.focus({ preventScroll: true });
  }
}

function startSearchBox() {
  const form = document.getElementById('search-form'), input = document.getElementById('search-input');
  let timer = 0;
  const go = () => {
    const q = input.value.trim();
    const target = q ? `#/search?${new URLSearchParams({ q })}` : '#/search';
    if (location.hash.startsWith('#/search')) { history.replaceState(null, '', target); render(); } else location.hash = target;
  };
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(go, 200); });
  form.addEventListener('submit', (e) => { e.preventDefault(); clearTimeout(timer); go(); });
}

// Charts are drawn for the width they get, so text keeps its size: redraw when it changes much.
function startResizeWatch() {
  let timer = 0;
  window.addEventListener('resize', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const charts = document.querySelector('#view svg.chart');
      if (charts && Math.abs(chartWidth() - renderedWidth) > 80) render(true);
    }, 300);
  });
}

window.addEventListener('hashchange', () => render());
startResizeWatch();
startSearchBox();
render();
