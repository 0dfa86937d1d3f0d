/* 标签页：出院结算、对账、审计日志、账户管理 */
import { makeTabs } from './lib/tabs.js';

const onShown = {};
let select = null;

/** 切换到某标签页时要做的事（如首次打开时加载） */
export function onTabShown(name, fn) {
  onShown[name] = fn;
}

export function selectTab(name, focus = false) {
  select(name, focus);
}

export function bindTabs() {
  select = makeTabs(['counter', 'recon', 'audit', 'accounts'], (name) => { if (onShown[name]) onShown[name](); });
}
