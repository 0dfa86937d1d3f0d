/* 标签页：出院结算、对账、审计日志、账户管理 */
import { $, show } from './lib/dom.js';
import { clearErrors, clearNotice } from './lib/notice.js';

const TABS = ['counter', 'recon', 'audit', 'accounts'];
const onShown = {};

/** 切换到某标签页时要做的事（如首次打开时加载） */
export function onTabShown(name, fn) {
  onShown[name] = fn;
}

export function selectTab(name, focus = false) {
  for (const t of TABS) {
    const tab = $('tab-' + t);
    const on = t === name;
    tab.setAttribute('aria-selected', on ? 'true' : 'false');
    tab.tabIndex = on ? 0 : -1;
    tab.classList.toggle('is-active', on);
    show($('panel-' + t), on);
    if (on && focus) tab.focus();
  }
  clearErrors();
  clearNotice();
  if (onShown[name]) onShown[name]();
}

function onTabKey(e) {
  const visible = TABS.filter((t) => !$('tab-' + t).hidden);
  const cur = visible.indexOf(e.target.id.replace('tab-', ''));
  if (cur < 0) return;
  let next = null;
  if (e.key === 'ArrowRight') next = visible[(cur + 1) % visible.length];
  else if (e.key === 'ArrowLeft') next = visible[(cur - 1 + visible.length) % visible.length];
  else if (e.key === 'Home') next = visible[0];
  else if (e.key === 'End') next = visible[visible.length - 1];
  if (next) {
    e.preventDefault();
    selectTab(next, true);
  }
}

export function bindTabs() {
  for (const t of TABS) {
    $('tab-' + t).addEventListener('click', () => selectTab(t));
    $('tab-' + t).addEventListener('keydown', onTabKey);
  }
}
