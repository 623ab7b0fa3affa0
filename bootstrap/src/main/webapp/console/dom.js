// DOM building without innerHTML: every text from the server becomes a text node, so nothing it sends can run.

/** h('a', {href: '/x', onclick: fn}, 'text', child…): an element; null/false attributes and children are skipped. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  let value;
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'style') throw new Error('no inline styles: the CSP forbids them');
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value') value = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  if (value !== undefined) el.value = value;
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** Replaces the children of el. */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

let ids = 0;
/** A fresh element id. */
export function uid(prefix = 'f') {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** A labelled form field: {label, name, type, required, hint, value, autocomplete…} → div.field. */
export function field({ label, hint, ...input }) {
  const id = input.id ?? uid(input.name);
  const hintId = hint ? `${id}-hint` : null;
  const control = input.type === 'select'
    ? h('select', { id, name: input.name, required: input.required, 'aria-describedby': hintId, value: input.value },
      (input.options ?? []).map(([v, text]) => h('option', { value: v }, text)))
    : h('input', { type: 'text', ...input, id, 'aria-describedby': hintId });
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hint && h('p', { class: 'hint', id: hintId }, hint));
}

/** ISO instant → "2026-11-25 10:15 UTC" in a <time> element; empty when null. */
export function time(iso, empty = '—') {
  if (!iso) return empty;
  return h('time', { datetime: iso }, formatTime(iso));
}

export function formatTime(iso) {
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

let taken = null;

/**
 * The fragment's parameters: /accept-invitation#token=abc → {token: 'abc'}. Read once per page load: a
 * #token=… is then removed from the address bar and from the history entry (history.replaceState), so
 * a live link stays out of the browser history, its sync and screenshots (review F11). Later calls
 * answer from what was read.
 */
export function fragment() {
  if (taken === null) {
    taken = new URLSearchParams(location.hash.replace(/^#/, ''));
    if (taken.has('token')) history.replaceState(history.state, '', location.pathname + location.search);
  }
  return taken;
}
