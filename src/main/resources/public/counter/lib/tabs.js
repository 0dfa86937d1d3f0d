/* 标签页（收费窗口与接口管理页共用）：点击或 ← → Home End 切换；切换时清除提示，并调用该页的 onShown */
import { $, show } from './dom.js';
import { clearErrors, clearNotice } from './notice.js';

/**
 * names：各标签页的名称（按钮 id 为 tab-名称，面板 id 为 panel-名称）；onShown(name)：切换到 name 后调用。
 * 返回 selectTab(name, focus)。
 */
export function makeTabs(names, onShown) {
  function selectTab(name, focus = false) {
    for (const t of names) {
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
    if (onShown) onShown(name);
  }

  function onTabKey(e) {
    const visible = names.filter((t) => !$('tab-' + t).hidden);
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

  for (const t of names) {
    $('tab-' + t).addEventListener('click', () => selectTab(t));
    $('tab-' + t).addEventListener('keydown', onTabKey);
  }
  return selectTab;
}
