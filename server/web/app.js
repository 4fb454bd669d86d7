// The Gazette search page: a plain script over the JSON API of gazette-serve
// (server/README.md). The page's whole state lives in the URL query string, so a search
// can be bookmarked, reloaded and walked with back/forward; every change goes through
// navigate(), which writes the URL, and render(), which makes the page match it.
//
// Safety rule: text from the archive (titles, sources, authors, tags, facet values, the
// article body) and from the server (messages, suggestions) is only ever set with
// textContent / createTextNode. The one HTML the page accepts is a hit's snippet, which
// the server escapes and marks up with <mark>; even that is parsed inertly and rebuilt
// from its text and <mark> elements only (snippetNodes).
'use strict';

const FACETS = 'source,year,lang,tag';
const FACET_NAMES = { source: 'Source', year: 'Year', lang: 'Language', tag: 'Tag' };
const LIST_FILTERS = ['source', 'tag', 'lang'];
const SORTS = ['relevance', 'newest', 'oldest'];
const DEFAULT_N = 10;
const SEARCH_DELAY_MS = 200;   // typing pause before the search runs
const SUGGEST_DELAY_MS = 120;  // typing pause before completions are asked for
const DATE_PATTERN = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const MAX_FILLED_PERIODS = 240; // longer timelines are drawn without empty periods

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------------------
// State <-> URL

function readState(search) {
  const params = new URLSearchParams(search);
  const page = parseInt(params.get('page') || '1', 10);
  const n = parseInt(params.get('n') || String(DEFAULT_N), 10);
  const sort = params.get('sort') || 'relevance';
  return {
    q: params.get('q') || '',
    source: params.getAll('source'),
    tag: params.getAll('tag'),
    lang: params.getAll('lang'),
    since: params.get('since') || '',
    until: params.get('until') || '',
    sort: SORTS.includes(sort) ? sort : 'relevance',
    page: page >= 1 ? page : 1,
    n: n >= 1 && n <= 100 ? n : DEFAULT_N,
    article: params.get('article') || '',
  };
}

// The search part of a state as query parameters, defaults left out (the page URL).
function searchParams(state) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const name of LIST_FILTERS) for (const value of state[name]) params.append(name, value);
  if (state.since) params.set('since', state.since);
  if (state.until) params.set('until', state.until);
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  if (state.page > 1) params.set('page', String(state.page));
  if (state.n !== DEFAULT_N) params.set('n', String(state.n));
  return params;
}

function pageUrl(state) {
  const params = searchParams(state);
  if (state.article) params.set('article', state.article);
  const query = params.toString();
  return query ? `?${query}` : location.pathname;
}

function apiSearchUrl(state) {
  const params = searchParams(state);
  params.set('q', state.q.trim());
  params.set('page', String(state.page));
  params.set('n', String(state.n));
  params.set('facets', FACETS);
  params.set('timeline', timelineUnit(state));
  return `/search?${params}`;
}

function hasSearch(state) {
  return Boolean(state.q.trim() || state.since || state.until ||
                 LIST_FILTERS.some((name) => state[name].length));
}

// A new state from the current one; any change to what is searched starts at page 1.
function withChanges(changes, keepPage = false) {
  const next = { ...current, ...changes, article: '' };
  if (!keepPage && !('page' in changes)) next.page = 1;
  return next;
}

// ---------------------------------------------------------------------------
// Navigation

let current = readState(location.search);
// While the user types, the first search pushes a history entry and later ones replace
// it, so back goes to the previous search rather than through every keystroke.
let typingEntry = false;
let articlePushed = false;

function navigate(state, mode = 'push') {
  const url = pageUrl(state);
  if (mode === 'typing') {
    history[typingEntry ? 'replaceState' : 'pushState'](null, '', url);
    typingEntry = true;
  } else {
    history[mode === 'replace' ? 'replaceState' : 'pushState'](null, '', url);
    typingEntry = false;
  }
  current = state;
  render();
}

window.addEventListener('popstate', () => {
  typingEntry = false;
  articlePushed = false;
  current = readState(location.search);
  render();
});

function render() {
  syncControls(current);
  document.title = current.q.trim() ? `${current.q.trim()} — Gazette` : 'Gazette';
  runSearch(current);
  if (current.article) openArticle(current.article);
  else closeArticleView();
}

function syncControls(state) {
  setValue($('q'), state.q);
  setValue($('since'), state.since);
  setValue($('until'), state.until);
  $('sort').value = state.sort;
  for (const id of ['since', 'until']) $(id).removeAttribute('aria-invalid');
}

// Only write a control that differs: rewriting the box being typed in moves the caret.
function setValue(input, value) {
  if (input.value !== value) input.value = value;
}

// ---------------------------------------------------------------------------
// Talking to the server

class ApiError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

async function getJson(url, signal) {
  let response;
  try {
    response = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError('network', 'Could not reach the Gazette server.');
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's error page, say): reported below from the status.
  }
  if (body && body.error) {
    throw new ApiError(String(body.error.code || 'error'), String(body.error.message || ''));
  }
  if (!response.ok || body === null) {
    throw new ApiError('http', `The server answered ${response.status} ${response.statusText}.`);
  }
  return body;
}

function showError(error) {
  const box = $('error');
  if (!error) {
    box.hidden = true;
    box.textContent = '';
    return;
  }
  // One line, whatever the server sent.
  box.textContent = String(error.message || 'Something went wrong.').replace(/\s+/g, ' ').trim();
  box.dataset.code = error.code || '';
  box.hidden = false;
}

// ---------------------------------------------------------------------------
// Searching

let searchController = null;
let searchedKey = null; // the search the results on screen answer

function runSearch(state) {
  const key = searchParams(state).toString();
  if (key === searchedKey) return;
  searchedKey = key;
  if (searchController) searchController.abort();
  searchController = null;
  showError(null);
  if (!hasSearch(state)) {
    showHome();
    return;
  }
  const controller = new AbortController();
  searchController = controller;
  setLoading(true);
  getJson(apiSearchUrl(state), controller.signal)
    .then((data) => renderResults(data, state))
    .catch((error) => {
      if (error.name === 'AbortError') return;
      clearResults();
      renderChips(state);
      showError(error);
    })
    .finally(() => {
      if (searchController === controller) {
        searchController = null;
        setLoading(false);
      }
    });
}

function setLoading(on) {
  document.body.classList.toggle('loading', on);
  $('results').setAttribute('aria-busy', on ? 'true' : 'false');
}

function showHome() {
  clearResults();
  renderChips(current);
  $('intro').hidden = false;
  setLoading(false);
}

function clearResults() {
  $('intro').hidden = true;
  $('results').replaceChildren();
  $('count').textContent = '';
  $('suggestion').hidden = true;
  $('suggestion').replaceChildren();
  $('warnings').hidden = true;
  $('warnings').textContent = '';
  $('empty').hidden = true;
  $('pager').replaceChildren();
  $('facets').replaceChildren();
  $('timeline').replaceChildren();
  $('timeline-section').hidden = true;
}

function renderResults(data, state) {
  clearResults();
  const hits = Array.isArray(data.hits) ? data.hits : [];
  const total = Number(data.total_estimate) || 0;
  renderCount(total, Boolean(data.total_exact), hits.length);
  renderSuggestion(data.suggestion, state);
  renderWarnings(Array.isArray(data.warnings) ? data.warnings : []);
  renderChips(state);
  $('results').append(...hits.map(renderHit));
  if (hits.length === 0) renderEmpty(state, total);
  renderPager(state, total);
  renderFacets(data.facets || {}, state);
  renderTimeline(Array.isArray(data.timeline) ? data.timeline : [], state);
}

function renderCount(total, exact, shown) {
  if (total === 0 && shown === 0) {
    $('count').textContent = 'No results';
    return;
  }
  const number = total.toLocaleString('en');
  const noun = total === 1 ? 'result' : 'results';
  $('count').textContent = exact ? `${number} ${noun}` : `About ${number} ${noun}`;
}

function renderSuggestion(suggestion, state) {
  if (typeof suggestion !== 'string' || !suggestion || suggestion === state.q.trim()) return;
  const link = document.createElement('a');
  link.href = pageUrl({ ...state, q: suggestion, page: 1, article: '' });
  link.textContent = suggestion;
  link.addEventListener('click', (event) => {
    if (isModifiedClick(event)) return;
    event.preventDefault();
    navigate(withChanges({ q: suggestion }));
  });
  const box = $('suggestion');
  box.replaceChildren('Did you mean: ', link, '?');
  box.hidden = false;
}

// What the server had to say about the query (e.g. it could not be parsed and was
// searched as plain words), one line each.
function renderWarnings(warnings) {
  const lines = warnings.map((w) => String(w).replace(/\s+/g, ' ').trim()).filter(Boolean);
  if (lines.length === 0) return;
  $('warnings').textContent = lines.join(' ');
  $('warnings').hidden = false;
}

function renderEmpty(state, total) {
  const box = $('empty');
  if (total > 0) {
    box.textContent = 'There are no more results: this page is past the last one.';
  } else {
    const what = state.q.trim() ? `“${state.q.trim()}”` : 'these filters';
    const hint = hasFilters(state) ? ' Try removing a filter or widening the dates.' : '';
    box.textContent = `No articles match ${what}.${hint}`;
  }
  box.hidden = false;
}

function hasFilters(state) {
  return Boolean(state.since || state.until || LIST_FILTERS.some((name) => state[name].length));
}

// ---------------------------------------------------------------------------
// Hits

function renderHit(hit) {
  const item = el('li', 'hit');
  const heading = el('h3', 'hit-heading');
  const link = el('a', 'hit-title', hit.title || hit.id || 'Untitled');
  link.href = pageUrl({ ...current, article: String(hit.id) });
  link.dataset.id = String(hit.id);
  link.addEventListener('click', (event) => {
    if (isModifiedClick(event)) return;
    event.preventDefault();
    showArticleFromList(String(hit.id));
  });
  heading.append(link);
  item.append(heading, renderHitMeta(hit));

  const snippet = el('p', 'snippet');
  snippet.append(snippetNodes(String(hit.snippet || '')));
  item.append(snippet);

  if (Number(hit.duplicates) > 0) {
    const copies = Number(hit.duplicates);
    item.append(el('p', 'hit-duplicates',
                   `+ ${copies} near-identical ${copies === 1 ? 'copy' : 'copies'}`));
  }
  return item;
}

function renderHitMeta(hit) {
  const meta = el('p', 'hit-meta');
  const parts = [];
  if (hit.source) parts.push(el('span', 'hit-source', hit.source));
  if (hit.date) parts.push(timeElement(hit.date));
  if (Array.isArray(hit.authors) && hit.authors.length) {
    parts.push(el('span', 'hit-authors', `By ${hit.authors.join(', ')}`));
  }
  if (Array.isArray(hit.tags) && hit.tags.length) {
    parts.push(el('span', 'hit-tags', hit.tags.slice(0, 4).join(' · ')));
  }
  parts.forEach((part, i) => {
    if (i > 0) meta.append(el('span', 'sep', ' · '));
    meta.append(part);
  });
  return meta;
}

// The snippet is HTML from the server (escaped text and <mark>). It is parsed in a
// <template>, whose content is inert (no script runs, no image loads), and rebuilt from
// text nodes and <mark> text only, so even a server bug cannot inject markup.
function snippetNodes(html) {
  const template = document.createElement('template');
  template.innerHTML = html;
  const fragment = document.createDocumentFragment();
  for (const node of template.content.childNodes) {
    if (node.nodeType === Node.ELEMENT_NODE && node.tagName === 'MARK') {
      fragment.append(el('mark', '', node.textContent));
    } else if (node.nodeType === Node.TEXT_NODE || node.nodeType === Node.ELEMENT_NODE) {
      fragment.append(document.createTextNode(node.textContent));
    }
  }
  return fragment;
}

// ---------------------------------------------------------------------------
// Filters: chips for the active ones, facets to add more

function renderChips(state) {
  const chips = [];
  for (const name of LIST_FILTERS) {
    for (const value of state[name]) {
      chips.push(chip(`${FACET_NAMES[name]}: ${value}`,
                      { [name]: state[name].filter((v) => v !== value) }));
    }
  }
  const dates = dateRangeLabel(state.since, state.until);
  if (dates) chips.push(chip(dates, { since: '', until: '' }));
  if (chips.length > 1) {
    const clear = el('button', 'chip-clear', 'Clear all filters');
    clear.type = 'button';
    clear.addEventListener('click', () =>
      navigate(withChanges({ source: [], tag: [], lang: [], since: '', until: '' })));
    chips.push(clear);
  }
  $('chips').replaceChildren(...chips);
}

function chip(label, changes) {
  const button = el('button', 'chip');
  button.type = 'button';
  button.setAttribute('aria-label', `Remove filter ${label}`);
  button.append(el('span', 'chip-label', label), el('span', 'chip-x', '×'));
  button.addEventListener('click', () => navigate(withChanges(changes)));
  return button;
}

function dateRangeLabel(since, until) {
  if (since && since === until) return `Date: ${since}`;
  if (since && until) return `Date: ${since} – ${until}`;
  if (since) return `Since ${since}`;
  if (until) return `Until ${until}`;
  return '';
}

function renderFacets(facets, state) {
  const sections = [];
  for (const name of Object.keys(FACET_NAMES)) {
    const values = Array.isArray(facets[name]) ? facets[name] : [];
    if (values.length === 0) continue;
    const section = el('section', 'facet');
    section.dataset.facet = name;
    const heading = el('h3', 'facet-title', FACET_NAMES[name]);
    heading.id = `facet-${name}`;
    const list = el('ul', 'facet-list');
    list.setAttribute('aria-labelledby', heading.id);
    for (const { value, count } of values) list.append(facetItem(name, String(value), count, state));
    section.append(heading, list);
    sections.push(section);
  }
  $('facets').replaceChildren(...sections);
}

function facetItem(name, value, count, state) {
  const active = facetActive(name, value, state);
  const button = el('button', 'facet-value');
  button.type = 'button';
  button.dataset.facet = name;
  button.dataset.value = value;
  button.setAttribute('aria-pressed', active ? 'true' : 'false');
  button.append(el('span', 'facet-label', value),
                el('span', 'facet-count', Number(count).toLocaleString('en')));
  button.addEventListener('click', () => navigate(withChanges(facetToggle(name, value, state))));
  const item = el('li');
  item.append(button);
  return item;
}

function facetActive(name, value, state) {
  if (name === 'year') return state.since === value && state.until === value;
  return state[name].includes(value);
}

// The change a click on a facet value makes: add the filter, or drop it when active.
// A year becomes a date range of that year.
function facetToggle(name, value, state) {
  const active = facetActive(name, value, state);
  if (name === 'year') return active ? { since: '', until: '' } : { since: value, until: value };
  return { [name]: active ? state[name].filter((v) => v !== value) : [...state[name], value] };
}

// ---------------------------------------------------------------------------
// Timeline

// Months when the dates asked for span three years or less, years otherwise.
function timelineUnit(state) {
  const since = parseInt(state.since.slice(0, 4), 10);
  const until = parseInt(state.until.slice(0, 4), 10);
  return since && until && until - since < 3 ? 'month' : 'year';
}

function renderTimeline(periods, state) {
  const counted = periods.filter((p) => p && typeof p.period === 'string');
  if (counted.length === 0) return;
  const unit = timelineUnit(state);
  const bars = fillPeriods(counted, unit);
  const max = Math.max(...bars.map((b) => b.count), 1);

  $('timeline-title').textContent = unit === 'month' ? 'By month' : 'By year';
  const svg = timelineSvg(bars, max);
  const axis = el('div', 'timeline-axis');
  axis.append(el('span', '', bars[0].period), el('span', '', bars[bars.length - 1].period));
  const caption = el('p', 'timeline-caption',
                     `Dated matches per ${unit}; the tallest bar is ${max.toLocaleString('en')}.`);
  $('timeline').replaceChildren(svg, axis, caption);
  $('timeline-section').hidden = false;
}

// Periods with no match are absent from the answer; put them back as empty bars so the
// chart's spacing is true to time.
function fillPeriods(periods, unit) {
  const counts = new Map(periods.map((p) => [p.period, Number(p.count) || 0]));
  const first = periods[0].period;
  const last = periods[periods.length - 1].period;
  const all = [];
  const step = unit === 'month' ? nextMonth : nextYear;
  const shape = unit === 'month' ? /^\d{4}-\d{2}$/ : /^\d{4}$/;
  if (!shape.test(first) || !shape.test(last)) return periods.map(asBar);
  for (let p = first; p <= last && all.length <= MAX_FILLED_PERIODS; p = step(p)) {
    all.push({ period: p, count: counts.get(p) || 0 });
  }
  return all.length > MAX_FILLED_PERIODS ? periods.map(asBar) : all;
}

function asBar(p) {
  return { period: p.period, count: Number(p.count) || 0 };
}

function nextYear(period) {
  return String(parseInt(period, 10) + 1).padStart(4, '0');
}

function nextMonth(period) {
  let year = parseInt(period.slice(0, 4), 10);
  let month = parseInt(period.slice(5, 7), 10) + 1;
  if (month > 12) {
    month = 1;
    year += 1;
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function svgEl(name, attributes = {}) {
  const node = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  return node;
}

function timelineSvg(bars, max) {
  const width = 300;
  const height = 90;
  const slot = width / bars.length;
  const gap = Math.min(2, slot * 0.2);
  const svg = svgEl('svg', {
    viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'none',
    class: 'timeline-chart', role: 'group', 'aria-label': 'Matches over time',
  });
  // A bar is at most a fifth of the chart wide: one or two periods are not drawn as blocks.
  const barWidth = Math.max(Math.min(slot - gap, width / 5), 0.5);
  bars.forEach((bar, i) => {
    const barHeight = bar.count ? Math.max(2, (bar.count / max) * (height - 4)) : 0;
    const label = `${bar.period}: ${bar.count.toLocaleString('en')} ${bar.count === 1 ? 'article' : 'articles'}`;
    const group = svgEl('g', { class: 'bar', 'data-period': bar.period, 'data-count': bar.count });
    const title = svgEl('title');
    title.textContent = label;
    // A full-height transparent target: short bars are still easy to hover and click.
    group.append(title,
                 svgEl('rect', { class: 'bar-target', x: i * slot, y: 0, width: slot, height }),
                 svgEl('rect', { class: 'bar-fill', x: i * slot + (slot - barWidth) / 2,
                                 y: height - barHeight, width: barWidth, height: barHeight }));
    if (bar.count > 0) makeBarClickable(group, bar.period, label);
    svg.append(group);
  });
  return svg;
}

// Clicking a bar narrows the dates to its period (a year, or a month).
function makeBarClickable(group, period, label) {
  group.setAttribute('tabindex', '0');
  group.setAttribute('role', 'button');
  group.setAttribute('aria-label', `${label}. Show only ${period}`);
  const choose = () => navigate(withChanges({ since: period, until: period }));
  group.addEventListener('click', choose);
  group.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      choose();
    }
  });
}

// ---------------------------------------------------------------------------
// Pages

function renderPager(state, total) {
  const pages = Math.ceil(total / state.n);
  if (pages <= 1 && state.page <= 1) return;
  const items = [];
  if (state.page > 1) items.push(pageLink(state, state.page - 1, '← Previous', 'prev'));
  for (const page of pageWindow(state.page, pages)) {
    if (page === null) items.push(el('span', 'pager-gap', '…'));
    else if (page === state.page) items.push(currentPage(page));
    else items.push(pageLink(state, page, String(page), 'page'));
  }
  if (state.page < pages) items.push(pageLink(state, state.page + 1, 'Next →', 'next'));
  $('pager').replaceChildren(...items);
}

// The first and last pages and two on each side of the current one; null marks a gap.
function pageWindow(page, pages) {
  const shown = new Set([1, pages, page]); // the current page even when past the last
  for (let p = page - 2; p <= page + 2; p++) if (p >= 1 && p <= pages) shown.add(p);
  const sorted = [...shown].filter((p) => p >= 1).sort((a, b) => a - b);
  const out = [];
  sorted.forEach((p, i) => {
    if (i > 0 && p - sorted[i - 1] > 1) out.push(null);
    out.push(p);
  });
  return out;
}

function currentPage(page) {
  const span = el('span', 'page current', String(page));
  span.setAttribute('aria-current', 'page');
  return span;
}

function pageLink(state, page, label, className) {
  const link = el('a', className, label);
  const target = { ...state, page, article: '' };
  link.href = pageUrl(target);
  if (className === 'page') link.setAttribute('aria-label', `Page ${page}`);
  link.addEventListener('click', (event) => {
    if (isModifiedClick(event)) return;
    event.preventDefault();
    navigate(target);
    $('results-heading').scrollIntoView({ block: 'start' });
    window.scrollTo({ top: 0 });
  });
  return link;
}

// ---------------------------------------------------------------------------
// The article view

let articleToken = 0;
let articleShownKey = null;
let focusBeforeArticle = null;

function showArticleFromList(id) {
  navigate({ ...current, article: id });
  articlePushed = true;
}

// Back returns to the results when the article was opened from them; an article
// reached directly (a bookmark) closes to its search instead.
function closeArticle() {
  if (articlePushed) {
    articlePushed = false;
    history.back();
  } else {
    navigate({ ...current, article: '' }, 'replace');
  }
}

function openArticle(id) {
  const overlay = $('article');
  if (articleShownKey === id && !overlay.hidden) return;
  articleShownKey = id;
  if (overlay.hidden) focusBeforeArticle = document.activeElement;
  overlay.hidden = false;
  document.body.classList.add('article-open');
  fillArticle({ title: 'Loading…' });
  $('article').querySelector('.article-panel').focus();

  const token = ++articleToken;
  getJson(`/article/${encodeURIComponent(id)}`)
    .then((article) => {
      if (token === articleToken) fillArticle(article);
    })
    .catch((error) => {
      if (token !== articleToken) return;
      fillArticle({ title: 'This article could not be shown' });
      $('article-body').append(el('p', 'article-error', error.message));
      showError(error);
    });
}

function closeArticleView() {
  const overlay = $('article');
  articleToken++;
  articleShownKey = null;
  if (overlay.hidden) return;
  overlay.hidden = true;
  document.body.classList.remove('article-open');
  if (focusBeforeArticle && document.contains(focusBeforeArticle)) focusBeforeArticle.focus();
  focusBeforeArticle = null;
}

function fillArticle(article) {
  $('article-source').textContent = article.source || '';
  $('article-title').textContent = article.title || article.id || 'Untitled';

  const meta = $('article-meta');
  meta.replaceChildren();
  const parts = [];
  if (article.date) parts.push(timeElement(article.date));
  if (Array.isArray(article.authors) && article.authors.length) {
    parts.push(el('span', '', `By ${article.authors.join(', ')}`));
  }
  if (article.lang) parts.push(el('span', '', article.lang.toUpperCase()));
  parts.forEach((part, i) => {
    if (i > 0) meta.append(el('span', 'sep', ' · '));
    meta.append(part);
  });

  const body = $('article-body');
  const paragraphs = String(article.body || '').split(/\n{2,}/).filter((p) => p.trim());
  body.replaceChildren(...paragraphs.map((text) => el('p', '', text)));

  $('article-footer').replaceChildren(...articleFooter(article));
}

function articleFooter(article) {
  const rows = [];
  if (Array.isArray(article.tags) && article.tags.length) {
    rows.push(footerRow('Tags', document.createTextNode(article.tags.join(', '))));
  }
  if (article.url) rows.push(footerRow('Original', urlNode(String(article.url))));
  if (article.id) rows.push(footerRow('Key', el('code', '', String(article.id))));
  return rows;
}

function footerRow(label, value) {
  const row = el('p', 'article-footer-row');
  row.append(el('span', 'article-footer-label', `${label}: `), value);
  return row;
}

// Only http(s) URLs become links: a javascript: URL in an archive file must stay text.
function urlNode(url) {
  if (!/^https?:\/\//i.test(url)) return document.createTextNode(url);
  const link = el('a', '', url);
  link.href = url;
  link.rel = 'noopener noreferrer';
  link.target = '_blank';
  return link;
}

// ---------------------------------------------------------------------------
// Completions (/suggest) under the search box: a small listbox driven by the keyboard
// or the mouse; the input stays focused throughout (aria-activedescendant).

let suggestTimer = 0;
let suggestController = null;
let activeSuggestion = -1;

function scheduleSuggestions() {
  clearTimeout(suggestTimer);
  const text = $('q').value;
  if (!text.trim()) {
    hideSuggestions();
    return;
  }
  suggestTimer = setTimeout(() => fetchSuggestions(text), SUGGEST_DELAY_MS);
}

function fetchSuggestions(text) {
  if (suggestController) suggestController.abort();
  const controller = new AbortController();
  suggestController = controller;
  getJson(`/suggest?${new URLSearchParams({ q: text, n: '8' })}`, controller.signal)
    .then((data) => {
      // Stale: the box changed while the answer was on its way.
      if ($('q').value !== text || document.activeElement !== $('q')) return;
      const words = (Array.isArray(data.suggestions) ? data.suggestions : [])
        .map(String).filter((s) => s && s !== text.trim());
      showSuggestions(words);
    })
    .catch(() => {
      // Completions are a convenience: failing quietly is right.
    });
}

function showSuggestions(words) {
  const list = $('q-suggestions');
  activeSuggestion = -1;
  $('q').removeAttribute('aria-activedescendant');
  if (words.length === 0) {
    hideSuggestions();
    return;
  }
  list.replaceChildren(...words.map((word, i) => {
    const option = el('li', 'suggestion-option', word);
    option.id = `q-suggestion-${i}`;
    option.setAttribute('role', 'option');
    option.setAttribute('aria-selected', 'false');
    // mousedown, not click: the input keeps its focus.
    option.addEventListener('mousedown', (event) => {
      event.preventDefault();
      chooseSuggestion(word);
    });
    return option;
  }));
  list.hidden = false;
  $('q').setAttribute('aria-expanded', 'true');
}

function hideSuggestions() {
  clearTimeout(suggestTimer);
  if (suggestController) suggestController.abort();
  suggestController = null;
  $('q-suggestions').hidden = true;
  $('q-suggestions').replaceChildren();
  $('q').setAttribute('aria-expanded', 'false');
  $('q').removeAttribute('aria-activedescendant');
  activeSuggestion = -1;
}

function moveSuggestion(delta) {
  const options = [...$('q-suggestions').children];
  if (options.length === 0) return false;
  activeSuggestion = (activeSuggestion + delta + options.length + 1) % (options.length + 1);
  if (activeSuggestion === options.length) activeSuggestion = -1; // back to what was typed
  options.forEach((option, i) => option.setAttribute('aria-selected', String(i === activeSuggestion)));
  if (activeSuggestion >= 0) $('q').setAttribute('aria-activedescendant', options[activeSuggestion].id);
  else $('q').removeAttribute('aria-activedescendant');
  return true;
}

function chooseSuggestion(word) {
  $('q').value = word;
  hideSuggestions();
  commitSearch('push');
}

// ---------------------------------------------------------------------------
// Controls

let searchTimer = 0;

// The controls' values as a new state: any typed change starts from page 1.
function stateFromControls() {
  return withChanges({
    q: $('q').value,
    since: $('since').value.trim(),
    until: $('until').value.trim(),
    sort: $('sort').value,
  });
}

function datesValid() {
  let valid = true;
  for (const id of ['since', 'until']) {
    const input = $(id);
    const ok = !input.value.trim() || DATE_PATTERN.test(input.value.trim());
    input.toggleAttribute('aria-invalid', !ok);
    if (!ok && valid) {
      showError(new ApiError('invalid_input',
        `${id === 'since' ? 'From' : 'To'} must be a year, a month or a day: 2012, 2012-11 or 2012-11-07.`));
      valid = false;
    }
  }
  return valid;
}

function commitSearch(mode) {
  clearTimeout(searchTimer);
  if (!datesValid()) return;
  const next = stateFromControls();
  // A search that was already put in the URL while typing keeps its history entry.
  if (pageUrl(next) === pageUrl(current) && !current.article) {
    typingEntry = false;
    // Asking again after a failure (the server was down, say) tries again.
    if (!$('error').hidden) {
      searchedKey = null;
      runSearch(current);
    }
    return;
  }
  navigate(next, mode);
}

function bindControls() {
  const q = $('q');
  q.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => commitSearch('typing'), SEARCH_DELAY_MS);
    scheduleSuggestions();
  });
  q.addEventListener('keydown', (event) => {
    const open = !$('q-suggestions').hidden;
    if (event.key === 'ArrowDown' && open) {
      event.preventDefault();
      moveSuggestion(1);
    } else if (event.key === 'ArrowUp' && open) {
      event.preventDefault();
      moveSuggestion(-1);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      hideSuggestions();
    } else if (event.key === 'Enter' && open && activeSuggestion >= 0) {
      event.preventDefault();
      chooseSuggestion($('q-suggestions').children[activeSuggestion].textContent);
    }
  });
  q.addEventListener('blur', hideSuggestions);

  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    hideSuggestions();
    commitSearch('push');
  });
  for (const id of ['since', 'until', 'sort']) {
    $(id).addEventListener('change', () => commitSearch('push'));
  }

  $('home-link').addEventListener('click', (event) => {
    if (isModifiedClick(event)) return;
    event.preventDefault();
    navigate(readState(''));
    $('q').focus();
  });

  $('article-close').addEventListener('click', closeArticle);
  $('article').addEventListener('click', (event) => {
    if (event.target === $('article')) closeArticle(); // the backdrop, not the panel
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !$('article').hidden) {
      event.preventDefault();
      closeArticle();
    } else if (event.key === '/' && !isTyping(event.target) && $('article').hidden) {
      event.preventDefault();
      $('q').focus();
      $('q').select();
    }
  });
}

function isTyping(target) {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement ||
         target instanceof HTMLSelectElement;
}

function isModifiedClick(event) {
  return event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
}

// ---------------------------------------------------------------------------
// Small helpers

// An element with a class and text content (never HTML).
function el(tag, className = '', text = null) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== null) node.textContent = text;
  return node;
}

const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC',
});

function timeElement(iso) {
  const time = el('time', 'date');
  time.dateTime = String(iso);
  const date = new Date(iso);
  time.textContent = Number.isNaN(date.getTime()) ? String(iso) : DATE_FORMAT.format(date);
  return time;
}

// How many articles the archive holds, for the tagline; nothing is said if unknown.
function showArchiveSize() {
  getJson('/health')
    .then((health) => {
      const articles = Number(health.articles);
      if (articles > 0) {
        $('tagline').textContent =
          `Search ${articles.toLocaleString('en')} ${articles === 1 ? 'article' : 'articles'}`;
      }
    })
    .catch(() => {});
}

function start() {
  bindControls();
  showArchiveSize();
  render();
  if (!current.q && !current.article) $('q').focus();
}

start();
