/* DOM 工具 */

export const $ = (id) => document.getElementById(id);

export const isBlank = (v) => v === null || v === undefined || v === '';

/** el('td', {class: 'num', dataset: {x: 1}, text: 'a'}, child, ...) */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else if (k === 'dataset') Object.entries(v).forEach(([dk, dv]) => { if (dv !== null && dv !== undefined) node.dataset[dk] = dv; });
      else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
      else if (v === true) node.setAttribute(k, '');
      else node.setAttribute(k, String(v));
    }
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export const show = (node, on = true) => { node.hidden = !on; };

/** disabled 且在忙碌态结束后保持 disabled */
export function setLocked(btn, locked) {
  btn.disabled = locked;
  if (locked) btn.dataset.locked = '1'; else delete btn.dataset.locked;
}

/** 表单提交时不离开页面，改为调用 fn */
export function onSubmit(formId, fn) {
  $(formId).addEventListener('submit', (e) => { e.preventDefault(); fn(); });
}
